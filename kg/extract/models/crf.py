"""A character CRF that proposes person, place and organisation names.

The rule layer in :mod:`kg.extract.entities` knows titles, bodies and cue words; it
misses names that stand alone (``陈平原：我把北大的…``), villages and rivers
outside the gazetteer, and organisations named by a place and a suffix it has
never seen.  A linear-chain CRF over characters, with the lexicons and jieba's
words as features, is the standard tool for those, and CRFsuite tags a few
hundred thousand characters a second.  Its proposals only fill gaps:
:mod:`kg.extract.entities` keeps a CRF span only where no rule found anything and the
span passes the same checks as rule output; where the CRF is all but sure a
rule-found person is no name, the person is dropped.

The model ships as ``kg/lexicon/data/ner.crfsuite``; :mod:`kg.train.crf` trains it from the
part-of-speech-tagged People's Daily corpus of January 1998 (``python -m kg.train.crf train``).
This module is the run-time half: the features (as :class:`~kg.extract.models.columns.Columns`)
and the tagging, decoded by :mod:`kg.extract.models.linear_crf`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from kg.extract.models.columns import Columns, template_values
from kg.extract.models.linear_crf import decode_each
from kg.lexicon.clusters import word_clusters
from kg.lexicon.jieba_dict import dictionary_freqs, dictionary_tags

__all__ = ["MODEL_PATH", "PKU_TYPES", "LABEL_TYPES", "TYPE_LABELS", "Tagged", "analyse", "base_features", "base_columns", "vote_columns", "vote_features", "char_features", "analyse_stretches", "tag", "spans_from_labels", "lexicons"]

MODEL_PATH = Path(__file__).resolve().parents[2] / "lexicon" / "data" / "ner.crfsuite"

#: PKU part-of-speech tags that are names, and the entity type they stand for.
PKU_TYPES = {"nr": "PER", "ns": "LOC", "nt": "ORG"}
#: BIO label codes and kg's entity types.
LABEL_TYPES = {"PER": "Person", "LOC": "Place", "ORG": "Organization", "POS": "Position", "DOC": "Document"}
#: kg's entity types and their label codes.
TYPE_LABELS = {v: k for k, v in LABEL_TYPES.items()}


def _char_class(ch: str) -> str:
    if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf":
        return "H"
    if ch.isdigit():
        return "D"
    if ch.isascii() and ch.isalpha():
        return "L"
    if ch.isspace():
        return "S"
    return "P"


class _CharClasses(dict):
    """:func:`_char_class` of each character asked for, computed once per character."""

    def __missing__(self, ch: str) -> str:
        self[ch] = kind = _char_class(ch)
        return kind


_CHAR_CLASSES = _CharClasses()


@lru_cache(maxsize=1)
def _rare_openers() -> frozenset[str]:
    """The characters that may carry a rare attribute (a surname, the first of a double surname,
    a transliteration character): the others need no look at them."""
    _, single, double, translit = lexicons()
    return frozenset(single) | {d[0] for d in double} | frozenset(translit)


@lru_cache(maxsize=1)
def lexicons():
    from kg.lexicon.gazetteer import gazetteer, surnames, translit_chars

    single, double = surnames()
    return gazetteer(), single, double, translit_chars()


def _gazetteer_marks(text: str, hits: Iterable | None, offset: int) -> dict[int, set[str]]:
    """The lexicon kinds covering each character under some entry, and where
    (``g=place:B``, ``g=title:E``), by position; characters under none are left out.

    ``hits`` are the gazetteer's hits in ``text`` shifted by ``offset`` (a sentence
    of a longer text); scanned here when not given."""
    if hits is None:
        hits, offset = lexicons()[0].scan(text), 0
    marks: dict[int, set[str]] = {}
    n = len(text)
    for hit in hits:
        a, b = hit.start - offset, hit.end - offset
        if b - a < 2 or a < 0 or b > n:
            continue
        # (a trade, 科技 or 能源, ends a company's name only where a visit lists it: too common a
        # word elsewhere to mark for the taggers, which read these marks everywhere)
        for kind in {e.kind for e in hit.entries if e.category != "trade"}:
            marks.setdefault(a, set()).add("g=" + kind + ":B")
            for i in range(a + 1, b - 1):
                marks.setdefault(i, set()).add("g=" + kind + ":I")
            marks.setdefault(b - 1, set()).add("g=" + kind + ":E")
    return marks


def _word_marks(text: str, tokens: Sequence[tuple[int, int]]) -> tuple[list[str], list[str]]:
    """Per character of ``text``, where it stands in its jieba word, the word's size and what the
    dictionary calls the word (``B2nr``; ``UNK`` for a word the dictionary does not know); and
    where it stands alone (``B``, ``M``, ``E``, ``S``).

    >>> _word_marks("龚正说", [(0, 1), (1, 3)])
    (['S1nr', 'B2v', 'E2v'], ['S', 'B', 'E'])
    """
    marks, places = ["S1P"] * len(text), ["S"] * len(text)
    known = _MARKS_OF_WORDS.get
    for a, b in tokens:
        word = text[a:b]
        found = known(word) or _marks_of_word(word)
        marks[a:b] = found[0]
        places[a:b] = found[1]
    return marks, places


# The marks of each word read so far (a word's are the same wherever it stands), made once: the
# compiled decoder hashes each mark, and a string made once keeps its hash.  Bounded: a corpus run
# meets a few hundred thousand words.
_MARKS_OF_WORDS: dict[str, tuple[list[str], list[str]]] = {}
_MARKS_BY_SIZE_AND_TAG: dict[tuple[int, str], tuple[str, str, str]] = {}


def _marks_of_word(word: str) -> tuple[list[str], list[str]]:
    n = len(word)
    tag = dictionary_tags().get(word) or "UNK"
    first, middle, last = _MARKS_BY_SIZE_AND_TAG.get((min(n, 4), tag)) or _marks_of(min(n, 4), tag)
    marks = [first] if n == 1 else [first, *[middle] * (n - 2), last]
    found = marks, [m[0] for m in marks]
    if len(_MARKS_OF_WORDS) > 300_000:
        _MARKS_OF_WORDS.clear()
    _MARKS_OF_WORDS[word] = found
    return found


def _marks_of(size: int, tag: str) -> tuple[str, str, str]:
    if size == 1:
        marks = ("S1" + tag,) * 3
    else:
        marks = ("B" + str(size) + tag, "M" + str(size) + tag, "E" + str(size) + tag)
    _MARKS_BY_SIZE_AND_TAG[size, tag] = marks
    return marks


# A word's frequency in jieba's dictionary, in bands: 0 (not there), below 100, 1,000, 10,000, more.
_BAND_LIMITS = (1, 100, 1000, 10000)
_BANDS = ("0", "1", "2", "3", "4")


_UNCLUSTERED = ("-", "-")


#: The columns :func:`_word_context` adds.
WORD_CONTEXT = ("wd=", "wb=", "wa=", "fq=", "cc=", "cf=", "cb=", "ca=")


def _word_context(text: str, tokens: Sequence[tuple[int, int]]) -> tuple[list[int], list[list[str]]]:
    """Columns the mention tagger adds (:data:`WORD_CONTEXT`), one value per word: the word each
    character is in, the words before and after it, how common the word is, and the clusters of
    the word and of its neighbours (:func:`kg.lexicon.clusters.word_clusters`); and the word of
    each character (a character in no word is in the last, whose values say so).

    >>> word_of, (word, before, after, *_) = _word_context("龚正说", [(0, 2), (2, 3)])
    >>> word_of, word, before, after
    ([0, 0, 1], ['龚正', '说', '^'], ['^', '龚正', '^'], ['说', '$', '$'])
    """
    spans = list(tokens)
    words = [text[a:b] for a, b in spans]
    if word_clusters() is not _CONTEXT_SOURCE[0]:  # clusters read again (learnt anew): start over
        _CONTEXT_OF_WORDS.clear()
        _CONTEXT_SOURCE[0] = word_clusters()
    known = _CONTEXT_OF_WORDS.get
    shown, bands, coarse, fine = (map(list, zip(*[known(w) or _context_of_word(w) for w in words]))
                                  if words else ([], [], [], []))
    columns = [
        shown + ["^"],
        ["^", *words[:-1]] + ["^"] if words else ["^"],
        [*words[1:], "$"] + ["$"] if words else ["$"],
        bands + ["P"],
        coarse + ["P"],
        fine + ["P"],
        ["^", *coarse[:-1]] + ["P"] if words else ["P"],
        [*coarse[1:], "$"] + ["P"] if words else ["P"],
    ]
    word_of = [len(spans)] * len(text)
    for k, (a, b) in enumerate(spans):
        word_of[a:b] = [k] * (b - a)
    return word_of, columns


# What _word_context reads of each word met so far (the same wherever it stands): the word as
# shown (``LONG`` past six characters), its frequency band in jieba's dictionary and its coarse
# and fine clusters (a word no clustering placed, rare or with no Han character, is its own kind:
# "-"), looked up once a word instead of three times an occurrence.  Bounded like _MARKS_OF_WORDS,
# and for the clusters it was read from.
_CONTEXT_OF_WORDS: dict[str, tuple[str, str, str, str]] = {}
_CONTEXT_SOURCE: list = [None]  # the clusters _CONTEXT_OF_WORDS was read from


def _context_of_word(word: str) -> tuple[str, str, str, str]:
    group = word_clusters().get(word, _UNCLUSTERED)
    band = _BANDS[bisect_right(_BAND_LIMITS, dictionary_freqs().get(word, 0))]
    found = (word if len(word) <= 6 else "LONG", band, group[0], group[-1])
    if len(_CONTEXT_OF_WORDS) > 300_000:
        _CONTEXT_OF_WORDS.clear()
    _CONTEXT_OF_WORDS[word] = found
    return found


def base_columns(text: str, tokens: Sequence[tuple[int, int]] | None = None,
                 hits: Iterable | None = None, offset: int = 0) -> Columns:
    """CRF attributes of every character of ``text`` from the text and the lexicons alone.

    Characters and character pairs in a window of two, the character classes,
    the word each character is in (``tokens``, jieba's words as spans of
    ``text``; cut here when not given) and the lexicons: surnames,
    transliteration characters and gazetteer entries (places, organisations,
    titles, suffixes) covering the character (``hits``, the gazetteer's hits shifted by
    ``offset``; scanned here when not given).  Both taggers read these: a sentence's columns
    are computed once (:attr:`kg.extract.entities.sentence.SentenceView.crf_columns`).

    >>> base_columns("龚正说").rows()[0][:3]
    ['c0=龚', 'c-1=^', 'c1=正']
    """
    from kg.text.segment import tokenize

    _, single, double, translit = lexicons()
    n = len(text)
    padded = "^^" + text + "$$"
    marks = _gazetteer_marks(text, hits, offset)
    words, places = _word_marks(text, tokenize(text) if tokens is None else tokens)
    classes = [_CHAR_CLASSES[c] for c in padded[1:n + 3]]
    # Column by column: a comprehension per attribute is faster than a loop per character,
    # and this runs on every sentence kg reads.
    prev, nxt = padded[1:n + 1], padded[3:n + 3]
    values = (
        [a + b + c for a, b, c in zip(classes, classes[1:], classes[2:])],
        words, places,
    )
    extras: list[tuple[int, str]] = []
    # The rare attributes, only where they apply: most characters are no surname, no
    # transliteration and under no lexicon entry.
    openers = _rare_openers()
    for i in [i for i, ch in enumerate(text) if ch in openers]:
        ch = text[i]
        if ch in single:
            extras.append((i, "sur"))
        if ch + nxt[i] in double:
            extras.append((i, "sur2"))
        if ch in translit:
            extras.append((i, "tr"))
            if prev[i] in translit:
                extras.append((i, "tr-1"))
            if nxt[i] in translit:
                extras.append((i, "tr1"))
    # a character under a lexicon entry marks its neighbours too (g1, g-1)
    for i in sorted(marks):
        mark = marks[i]
        extras += [(i, m) for m in mark]
        if i >= 1:
            extras += [(i - 1, "g1" + m[1:]) for m in mark]
        if i + 1 < n:
            extras += [(i + 1, "g-1" + m[1:]) for m in mark]
    return Columns(padded, _BASE_TEMPLATES, ("k=", "w=", "wp="), values, tuple(extras))


#: The character templates :func:`base_columns` reads.
_BASE_TEMPLATES = ("c0=", "c-1=", "c1=", "c-2=", "c2=", "b-1=", "b0=", "b-2=", "b1=")


def base_features(text: str, tokens: Sequence[tuple[int, int]] | None = None,
                  hits: Iterable | None = None, offset: int = 0) -> list[list[str]]:
    """:func:`base_columns` as CRFsuite reads them, a list of attributes per character.

    >>> base_features("龚正说")[0][:3]
    ['c0=龚', 'c-1=^', 'c1=正']
    """
    return base_columns(text, tokens, hits, offset).rows()


def _vote_values(votes: Sequence[str]) -> tuple[list[str], list[str], list[tuple[int, str]]]:
    """The columns ``v=`` and ``v-1=`` of ``votes`` and the ``vs=`` attributes where a rule voted."""
    # most characters have no vote (O): only the others are looked at
    labels, chain, sources = list(votes), ["O|O"] * len(votes), []
    voted = [i for i, v in enumerate(votes) if v != "O"]
    for i in voted:
        label, _, source = votes[i].partition(":")
        labels[i] = label
        if source:
            sources.append((i, "vs=" + label[:1] + source))
    for i in {0, *voted, *(i + 1 for i in voted)}:
        if i < len(votes):
            chain[i] = (labels[i - 1] if i else "^") + "|" + labels[i]
    return labels, chain, sources


def vote_columns(columns: Columns, text: str, tokens: Sequence[tuple[int, int]],
                 votes: Sequence[str]) -> Columns:
    """``columns`` (:func:`base_columns` of ``text``) with what the mention tagger reads besides
    (:func:`vote_features`).

    >>> c = vote_columns(base_columns("龚正说"), "龚正说", [(0, 2), (2, 3)], ["B-PER:x", "I-PER:x", "O"])
    >>> sorted(f for f in c.rows()[1] if f.startswith("v")) == sorted(
    ...     f for f in vote_features(base_features("龚正说"), "龚正说", [(0, 2), (2, 3)],
    ...                             ["B-PER:x", "I-PER:x", "O"])[1] if f.startswith("v"))
    True
    """
    labels, chain, sources = _vote_values(votes)
    word_of, context = _word_context(text, tokens)
    return columns.beside(("t3=",), ("v=", "v-1="), [labels, chain], sources, WORD_CONTEXT, context, word_of)


def vote_features(rows: Sequence[list[str]], text: str, tokens: Sequence[tuple[int, int]],
                  votes: Sequence[str]) -> list[list[str]]:
    """``rows`` (:func:`base_features` of ``text``) with what the mention tagger reads besides:
    the words around each character (:func:`_word_context`) and ``votes``, the per-character
    labels another tagger (kg's rules) gives the text (``B-PER:after-title``, ``O``): their
    label and where it came from, so a model learns when to trust them.  New lists; ``rows``
    are left as they are.

    >>> rows = vote_features(base_features("龚正说"), "龚正说", [(0, 2), (2, 3)], ["B-PER:x", "I-PER:x", "O"])
    >>> [f for f in rows[1] if f.startswith("v")]
    ['v=I-PER', 'v-1=B-PER|I-PER', 'vs=Ix']
    """
    labels, chain, sources = _vote_values(votes)
    word_of, words = _word_context(text, tokens)
    context = [[p + vs[w] for w in word_of] for p, vs in zip(WORD_CONTEXT, words)]
    context.insert(4, ["t3=" + v for v in template_values("^^" + text + "$$", "t3=")])
    vote = ["v=" + label for label in labels]
    chain = ["v-1=" + c for c in chain]
    out = [[*row, *extra] for row, extra in zip(rows, zip(*context, vote, chain))]
    for i, attr in sources:
        out[i].append(attr)
    return out


def char_features(text: str, tokens: Sequence[tuple[int, int]] | None = None,
                  hits: Iterable | None = None, offset: int = 0,
                  votes: Sequence[str] | None = None) -> list[list[str]]:
    """CRF attributes of every character of ``text``: :func:`base_features`, and with ``votes``
    :func:`vote_features` too (``hits`` being the gazetteer's hits shifted by ``offset``).

    >>> char_features("龚正说")[0][:3]
    ['c0=龚', 'c-1=^', 'c1=正']
    """
    from kg.text.segment import tokenize

    rows = base_features(text, tokens, hits, offset)
    if votes is None:
        return rows
    return vote_features(rows, text, tokenize(text) if tokens is None else tokens, votes)


def spans_from_labels(labels: Sequence[str]) -> list[tuple[str, int, int]]:
    """``(type, start, end)`` of the BIO runs in ``labels``, with kg's type names.

    >>> spans_from_labels(["B-PER", "I-PER", "O", "B-LOC"])
    [('Person', 0, 2), ('Place', 3, 4)]
    """
    spans = []
    kind, start, last = None, 0, -1
    # most characters are outside any name: only the others are looked at
    for i in [i for i, label in enumerate(labels) if label != "O"]:
        label = labels[i]
        if kind and (i != last + 1 or not (label.startswith("I-") and label[2:] == kind)):
            spans.append((LABEL_TYPES[kind], start, last + 1))
            kind = None
        if label.startswith("B-"):
            kind, start = label[2:], i
        last = i
    if kind:
        spans.append((LABEL_TYPES[kind], start, last + 1))
    return spans


class Tagged(NamedTuple):
    """What the model says about one sentence.

    ``spans`` are ``(type, start, end, confidence)``, the confidence being the lowest
    marginal probability of the span's labels; ``person`` gives, for each probed
    span, the lowest probability that one of its characters is part of a person's name,
    and ``named`` the lowest probability that one is part of any name.
    """

    spans: list[tuple[str, int, int, float]]
    person: list[float]
    named: list[float]


def analyse(sentence: str, tokens: Sequence[tuple[int, int]] | None = None, *,
            hits: Iterable | None = None, offset: int = 0,
            probes: Sequence[tuple[int, int]] = ()) -> Tagged:
    """Tag one sentence (normalized, simplified script).

    ``tokens`` are its jieba words; ``hits`` the gazetteer's hits, shifted by
    ``offset`` (both computed here when not given); ``probes`` spans whose
    person probability the caller wants.

    >>> t = analyse("陈平原说，北大的传统很重要。", probes=[(0, 3), (5, 7)])
    >>> t.spans[0][:3], t.person[0] > 0.5, t.person[1] < 0.1
    (('Person', 0, 3), True, True)
    """
    return analyse_stretches([base_columns(sentence, tokens, hits, offset)], [probes])[0]


def analyse_stretches(stretches: Sequence[Columns], probes: Sequence[Sequence[tuple[int, int]]]) -> list[Tagged]:
    """:func:`analyse` of stretches of text given by their columns (:func:`base_columns`), each
    with its probes, decoded together."""
    out = []
    for columns, (labels, tagger), wanted in zip(stretches, decode_each(MODEL_PATH, stretches), probes):
        if not columns.chars[2:-2].strip():
            out.append(Tagged([], [0.0] * len(wanted), [0.0] * len(wanted)))
            continue
        spans = [(kind, s, e, min(tagger.marginal(labels[i], i) for i in range(s, e)))
                 for kind, s, e in spans_from_labels(labels)]
        person = [min((tagger.marginal("B-PER", i) + tagger.marginal("I-PER", i) for i in range(a, b)),
                      default=1.0) for a, b in wanted]
        named = [min((1.0 - tagger.marginal("O", i) for i in range(a, b)), default=1.0) for a, b in wanted]
        out.append(Tagged(spans, person, named))
    return out


def tag(sentence: str, tokens: Sequence[tuple[int, int]] | None = None) -> list[tuple[str, int, int, float]]:
    """The names :func:`analyse` finds in one sentence, as ``(type, start, end, confidence)``.

    >>> [(t, a, b) for t, a, b, p in tag("陈平原说，北大的传统很重要。") if p > 0.5][:1]
    [('Person', 0, 3)]
    """
    return analyse(sentence, tokens).spans
