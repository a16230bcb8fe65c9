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
This module is the run-time half: the features and the tagger.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from kg.lexicon.jieba_dict import dictionary_freqs, dictionary_tags

__all__ = ["MODEL_PATH", "PKU_TYPES", "LABEL_TYPES", "TYPE_LABELS", "Tagged", "analyse", "char_features", "tag", "spans_from_labels", "lexicons"]

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


@lru_cache(maxsize=1)
def lexicons():
    from kg.lexicon.gazetteer import gazetteer, surnames, translit_chars

    single, double = surnames()
    return gazetteer(), single, double, translit_chars()


def _gazetteer_marks(text: str, hits: Iterable | None, offset: int) -> list[set[str]]:
    """Per character, the lexicon kinds covering it and where (``g=place:B``, ``g=title:E``).

    ``hits`` are the gazetteer's hits in ``text`` shifted by ``offset`` (a sentence
    of a longer text); scanned here when not given."""
    if hits is None:
        hits, offset = lexicons()[0].scan(text), 0
    marks: list[set[str]] = [set() for _ in text]
    for hit in hits:
        a, b = hit.start - offset, hit.end - offset
        if b - a < 2 or a < 0 or b > len(text):
            continue
        for kind in {e.kind for e in hit.entries}:
            marks[a].add("g=" + kind + ":B")
            for i in range(a + 1, b - 1):
                marks[i].add("g=" + kind + ":I")
            marks[b - 1].add("g=" + kind + ":E")
    return marks


def _word_marks(text: str, tokens: Sequence[tuple[int, int]]) -> list[str]:
    """Per character, where it stands in its jieba word and what the dictionary
    calls the word (``B2nr``; ``UNK`` for a word the dictionary does not know)."""
    tags = dictionary_tags()
    marks = ["S1P"] * len(text)
    for a, b in tokens:
        n = b - a
        tag = tags.get(text[a:b]) or "UNK"
        if n == 1:
            marks[a] = "S1" + tag
            continue
        size = str(min(n, 4))
        marks[a] = "B" + size + tag
        for i in range(a + 1, b - 1):
            marks[i] = "M" + size + tag
        marks[b - 1] = "E" + size + tag
    return marks


def _frequency_band(word: str, freqs: dict[str, int]) -> str:
    f = freqs.get(word, 0)
    return "0" if f == 0 else "1" if f < 100 else "2" if f < 1000 else "3" if f < 10000 else "4"


def _word_context(text: str, tokens: Sequence[tuple[int, int]], prev: str, nxt: str) -> list[list[str]]:
    """Columns the mention tagger adds: the word each character is in, the words before and
    after it, how common the word is, and the character trigram."""
    n = len(text)
    word = ["wd=^"] * n
    before = ["wb=^"] * n
    after = ["wa=$"] * n
    band = ["fq=P"] * n
    spans = list(tokens)
    freqs = dictionary_freqs()
    for k, (a, b) in enumerate(spans):
        w = text[a:b]
        shown = w if b - a <= 6 else "LONG"
        wb = text[spans[k - 1][0]:spans[k - 1][1]] if k else "^"
        wa = text[spans[k + 1][0]:spans[k + 1][1]] if k + 1 < len(spans) else "$"
        f = _frequency_band(w, freqs)
        for i in range(a, b):
            word[i] = "wd=" + shown
            before[i] = "wb=" + wb
            after[i] = "wa=" + wa
            band[i] = "fq=" + f
    trigrams = ["t3=" + a + b + c for a, b, c in zip(prev, text, nxt)]
    return [word, before, after, band, trigrams]


def char_features(text: str, tokens: Sequence[tuple[int, int]] | None = None,
                  hits: Iterable | None = None, offset: int = 0,
                  votes: Sequence[str] | None = None) -> list[list[str]]:
    """CRF attributes of every character of ``text``.

    Characters and character pairs in a window of two, the character classes,
    the word each character is in (``tokens``, jieba's words as spans of
    ``text``; cut here when not given) and the lexicons: surnames,
    transliteration characters and gazetteer entries (places, organisations,
    titles, suffixes) covering the character.  ``votes`` are per-character labels another
    tagger (kg's rules) gives the text (``B-PER:after-title``, ``O``): their label and where it
    came from become features too, so a model learns when to trust them.

    >>> char_features("龚正说")[0][:3]
    ['c0=龚', 'c-1=^', 'c1=正']
    """
    from kg.text.segment import tokenize

    _, single, double, translit = lexicons()
    n = len(text)
    padded = "^^" + text + "$$"
    marks = _gazetteer_marks(text, hits, offset)
    words = _word_marks(text, tokenize(text) if tokens is None else tokens)
    classes = [_char_class(c) for c in padded[1:n + 3]]
    # Column by column: a comprehension per attribute is faster than a loop that builds
    # each character's list, and this runs on every sentence kg reads.
    prev2, prev, nxt, nxt2 = padded[0:n], padded[1:n + 1], padded[3:n + 3], padded[4:n + 4]
    columns = [
        ["c0=" + c for c in text], ["c-1=" + c for c in prev], ["c1=" + c for c in nxt],
        ["c-2=" + c for c in prev2], ["c2=" + c for c in nxt2],
        ["b-1=" + a + b for a, b in zip(prev, text)], ["b0=" + a + b for a, b in zip(text, nxt)],
        ["b-2=" + a + b for a, b in zip(prev2, prev)], ["b1=" + a + b for a, b in zip(nxt, nxt2)],
        ["k=" + a + b + c for a, b, c in zip(classes[0:n], classes[1:n + 1], classes[2:n + 2])],
        ["w=" + w for w in words], ["wp=" + w[0] for w in words],
    ]
    if votes is not None:
        columns += _word_context(text, tokens if tokens is not None else tokenize(text), prev, nxt)
    out = [list(row) for row in zip(*columns)]
    for i, ch in enumerate(text):
        feats = out[i]
        if ch in single:
            feats.append("sur")
        if ch + nxt[i] in double:
            feats.append("sur2")
        if ch in translit:
            feats.append("tr")
            if prev[i] in translit:
                feats.append("tr-1")
            if nxt[i] in translit:
                feats.append("tr1")
        if votes is not None:
            vote = votes[i]
            label, _, source = vote.partition(":")
            feats.append("v=" + label)
            if source:
                feats.append("vs=" + label[:1] + source)
            feats.append("v-1=" + (votes[i - 1].partition(":")[0] if i else "^") + "|" + label)
        if marks[i]:
            feats += marks[i]
            if i:
                out[i - 1].extend("g1" + m[1:] for m in marks[i])
            if i + 1 < n:
                out[i + 1].extend("g-1" + m[1:] for m in marks[i])
    return out


def spans_from_labels(labels: Sequence[str]) -> list[tuple[str, int, int]]:
    """``(type, start, end)`` of the BIO runs in ``labels``, with kg's type names.

    >>> spans_from_labels(["B-PER", "I-PER", "O", "B-LOC"])
    [('Person', 0, 2), ('Place', 3, 4)]
    """
    spans = []
    kind, start = None, 0
    for i, label in enumerate([*labels, "O"]):
        if kind and not (label.startswith("I-") and label[2:] == kind):
            spans.append((LABEL_TYPES[kind], start, i))
            kind = None
        if label.startswith("B-"):
            kind, start = label[2:], i
    return spans


@lru_cache(maxsize=1)
def _tagger():
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL_PATH))
    return tagger


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
    if not sentence.strip():
        return Tagged([], [0.0] * len(probes), [0.0] * len(probes))
    tagger = _tagger()
    labels = tagger.tag(char_features(sentence, tokens, hits, offset))
    spans = [(kind, s, e, min(tagger.marginal(labels[i], i) for i in range(s, e)))
             for kind, s, e in spans_from_labels(labels)]
    person = [min((tagger.marginal("B-PER", i) + tagger.marginal("I-PER", i) for i in range(a, b)),
                  default=1.0) for a, b in probes]
    named = [min((1.0 - tagger.marginal("O", i) for i in range(a, b)), default=1.0) for a, b in probes]
    return Tagged(spans, person, named)


def tag(sentence: str, tokens: Sequence[tuple[int, int]] | None = None) -> list[tuple[str, int, int, float]]:
    """The names :func:`analyse` finds in one sentence, as ``(type, start, end, confidence)``.

    >>> [(t, a, b) for t, a, b, p in tag("陈平原说，北大的传统很重要。") if p > 0.5][:1]
    [('Person', 0, 3)]
    """
    return analyse(sentence, tokens).spans
