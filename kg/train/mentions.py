"""Training the mention tagger (:mod:`kg.extract.models.tagger`) on the annotated articles.

The gold files name entities; they do not say where.  :func:`project` finds each gold name (or
alias) in the article's normalized text and labels the characters it covers, the longest name
first; a Position the text gives only in part (``省委书记`` for ``山东省委书记``) is labelled where
its longest written suffix stands.  The tagger's features are the characters, jieba's words, the
lexicons and the votes of kg's rules (:func:`rule_votes`), so it learns where the rules are right.

    python -m kg.train.mentions cv [--folds 5]      # cross-validation on the training split
    python -m kg.train.mentions train [--out PATH]  # the shipped model, from the training split
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.corpus.evaluate import norm_name
from kg.extract.entities import find_rule_mentions
from kg.extract.entities.tagged import MODEL_PATH, rule_votes, sentence_features, use_model
from kg.extract.models.crf import TYPE_LABELS, spans_from_labels
from kg.lexicon import longest_first
from kg.text.normalize import normalize
from kg.text.segment import segment
from kg.train.annotations import Article, articles

__all__ = ["MIN_RULE_SPANS", "Sentence", "project", "rare_sources", "sentences_of", "train", "cross_validate", "main"]

# How many times the training sentences are passed over; regularisation of the CRF.  c2 (L2) from
# 5-fold span F1 on the training articles (python -m kg.train.mentions cv, 2026-12): c1 0.1 with
# c2 0.01 0.875, 0.1 0.878, 0.3 0.878; c1 0.03 0.876, 0.3 0.874 (with c2 0.01).
PARAMS = {"c1": 0.1, "c2": 0.1, "max_iterations": 200, "feature.possible_transitions": True,
          "feature.minfreq": 1}


@dataclass
class Sentence:
    """One sentence of an annotated article, ready for the tagger: its features and gold labels."""

    doc: str
    text: str
    features: list[list[str]]
    labels: list[str]
    votes: list[str]


def project(text: str, gold: dict) -> list[str]:
    """BIO labels of ``text`` (normalized) from a gold file's entities.

    >>> project("省委书记刘家义来到北京市。", {"entities": [
    ...     {"type": "Person", "name": "刘家义"}, {"type": "Position", "name": "山东省委书记"},
    ...     {"type": "Place", "name": "北京市", "aliases": ["北京"]}]})[:9]
    ['B-POS', 'I-POS', 'I-POS', 'I-POS', 'B-PER', 'I-PER', 'I-PER', 'O', 'O']
    """
    candidates: list[tuple[int, int, int, str]] = []  # (-length, optional, start, label)
    for e in gold.get("entities", []):
        code = TYPE_LABELS.get(e.get("type"))
        if code is None:
            continue
        forms = [f for f in {norm_name(f) for f in [e["name"], *e.get("aliases", [])]} if f]
        found = False
        for form in forms:
            at = text.find(form)
            while at >= 0:
                candidates.append((-len(form), bool(e.get("optional")), at, code))
                found = True
                at = text.find(form, at + 1)
        if not found and code == "POS":
            # the office written in part: its longest written suffix (two characters at least)
            for form in longest_first(forms):
                for k in range(len(form) - 1, 1, -1):
                    part = form[-k:]
                    at = text.find(part)
                    if at >= 0:
                        while at >= 0:
                            candidates.append((-k, bool(e.get("optional")), at, code))
                            at = text.find(part, at + 1)
                        break
                else:
                    continue
                break
    labels = ["O"] * len(text)
    taken = [False] * len(text)
    for neg_len, _, start, code in sorted(candidates):
        end = start - neg_len
        if any(taken[start:end]):
            continue
        labels[start] = "B-" + code
        for i in range(start, end):
            taken[i] = True
            if i > start:
                labels[i] = "I-" + code
    return labels


def sentences_of(article: Article) -> list[Sentence]:
    """The sentences of an annotated article with features (rule votes included) and gold labels."""
    normalized = normalize(article["text"])
    seg = segment(article["id"], normalized)
    text = seg.text
    spans, views = find_rule_mentions(seg)
    labels = project(text, article["gold"])
    out = []
    for s in views:
        a, b = s.start, s.end
        votes = rule_votes(text, spans, a, b)
        features = sentence_features(s, votes)
        out.append(Sentence(article["id"], text[a:b], features, labels[a:b], votes))
    return out


# A rule family that voted for fewer spans than this in the training sentences is left beyond the
# tagger's judgement: its votes count as labels, but the model learns no weight for the rule itself,
# so its spans stand as the rules found them (a handful of match reports cannot teach it when to
# drop the teams of thousands).
MIN_RULE_SPANS = 30


def rare_sources(sentences: Sequence[Sentence], at_least: int = MIN_RULE_SPANS) -> frozenset[str]:
    """The rule sources that voted for fewer than ``at_least`` spans in ``sentences``.

    >>> s = Sentence("d", "切沃", [[], []], ["B-ORG", "I-ORG"], ["B-ORG:team", "I-ORG:team"])
    >>> sorted(rare_sources([s]))
    ['team']
    """
    counts: dict[str, int] = {}
    for s in sentences:
        for vote in s.votes:
            if vote.startswith("B-"):
                source = vote.partition(":")[2]
                counts[source] = counts.get(source, 0) + 1
    return frozenset(src for src, n in counts.items() if n < at_least)


def train(sentences: Sequence[Sentence], out: Path, params: dict | None = None) -> Path:
    """Train the tagger on ``sentences`` and write it to ``out``; the features naming a rule too
    rare in them (:func:`rare_sources`) are left out."""
    import pycrfsuite

    rare = {"vs=" + position + src for src in rare_sources(sentences) for position in "BI"}
    trainer = pycrfsuite.Trainer(verbose=False)
    for s in sentences:
        features = [[f for f in row if f not in rare] for row in s.features] if rare else s.features
        trainer.append(features, s.labels)
    trainer.set_params({**PARAMS, **(params or {})})
    tmp = out.with_suffix(".tmp")
    trainer.train(str(tmp))
    tmp.replace(out)
    return out


def _span_scores(gold: Sequence[Sentence], predicted: Sequence[list[str]]) -> dict[str, list[int]]:
    totals: dict[str, list[int]] = {}
    for s, labels in zip(gold, predicted):
        g = set(spans_from_labels(s.labels))
        p = set(spans_from_labels(labels))
        for kind in {k for k, _, _ in g | p} | {"all"}:
            gk = {x for x in g if kind in ("all", x[0])}
            pk = {x for x in p if kind in ("all", x[0])}
            t = totals.setdefault(kind, [0, 0, 0])
            t[0] += len(gk & pk)
            t[1] += len(pk - gk)
            t[2] += len(gk - pk)
    return totals


def cross_validate(items: Sequence[Article], folds: int = 5, params: dict | None = None,
                   seed: int = 7) -> dict[str, dict[str, list[int]]]:
    """Span scores of the rules' votes and of the tagger, by type, over ``folds`` folds of articles."""
    import tempfile

    import pycrfsuite

    order = list(items)
    random.Random(seed).shuffle(order)
    data = {a["id"]: sentences_of(a) for a in order}
    rules: dict[str, list[int]] = {}
    model: dict[str, list[int]] = {}
    for k in range(folds):
        test_ids = {a["id"] for i, a in enumerate(order) if i % folds == k}
        train_s = [s for doc, ss in data.items() if doc not in test_ids for s in ss]
        test_s = [s for doc, ss in data.items() if doc in test_ids for s in ss]
        with tempfile.TemporaryDirectory() as tmp:
            path = train(train_s, Path(tmp) / "m.crfsuite", params)
            tagger = pycrfsuite.Tagger()
            tagger.open(str(path))
            predicted = [tagger.tag(s.features) for s in test_s]
        for totals, pred in ((model, predicted), (rules, [[v.partition(":")[0] for v in s.votes] for s in test_s])):
            for kind, t in _span_scores(test_s, pred).items():
                acc = totals.setdefault(kind, [0, 0, 0])
                for i in range(3):
                    acc[i] += t[i]
    return {"rules": rules, "model": model}


def evaluate_documents(items: Sequence[Article], model: Path | None) -> dict[str, list[int]]:
    """kg's document scores (the reference scorer's) on ``items`` with the tagger at ``model``
    (None: the rules alone)."""
    import tempfile

    from kg.corpus.evaluate import score
    from kg.graph import graph_to_dict
    from kg.pipeline import run
    from kg.train.annotations import gold_folder
    from kg.types import Document

    use_model(model if model is not None else Path("/nonexistent"))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = gold_folder(items, Path(tmp))
            kg = run(Document(a["id"] + ".txt", a["text"], path=a["id"] + ".txt") for a in items)
            return score(folder, graph_to_dict(kg))
    finally:
        use_model(None)


def cross_validate_documents(items: Sequence[Article], folds: int = 5, params: dict | None = None,
                             seed: int = 7) -> dict[str, dict[str, list[int]]]:
    """Document scores of the rules alone and of the rules with the tagger, over ``folds`` folds."""
    import tempfile

    order = list(items)
    random.Random(seed).shuffle(order)
    data = {a["id"]: sentences_of(a) for a in order}
    out: dict[str, dict[str, list[int]]] = {"rules": {}, "tagger": {}}
    for k in range(folds):
        held = [a for i, a in enumerate(order) if i % folds == k]
        ids = {a["id"] for a in held}
        with tempfile.TemporaryDirectory() as tmp:
            path = train([s for doc, ss in data.items() if doc not in ids for s in ss], Path(tmp) / "m.crfsuite",
                         params)
            for who, model in (("rules", None), ("tagger", path)):
                for key, t in evaluate_documents(held, model).items():
                    acc = out[who].setdefault(key, [0, 0, 0])
                    for i in range(3):
                        acc[i] += t[i]
    return out


def _f(t: list[int]) -> str:
    tp, fp, fn = t
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return f"P {p:.3f} R {r:.3f} F1 {2 * p * r / (p + r) if p + r else 0.0:.3f}"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m kg.train.mentions", description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    cv = sub.add_parser("cv", help="cross-validate on the training split")
    cv.add_argument("--folds", type=int, default=5)
    cv.add_argument("--c1", type=float, default=PARAMS["c1"])
    cv.add_argument("--c2", type=float, default=PARAMS["c2"])
    cd = sub.add_parser("cv-docs", help="cross-validate kg's document scores with and without the tagger")
    cd.add_argument("--folds", type=int, default=5)
    tr = sub.add_parser("train", help="train the shipped model on the training split")
    tr.add_argument("--out", type=Path, default=MODEL_PATH)
    args = ap.parse_args(argv)
    items = articles("train")
    # A training script: reporting on stdout is its job.
    if args.command == "cv":
        result = cross_validate(items, args.folds, {"c1": args.c1, "c2": args.c2})
        for who, totals in result.items():
            for kind in sorted(totals):
                print(f"{who:6s} {kind:13s} {_f(totals[kind])}")
    elif args.command == "cv-docs":
        result = cross_validate_documents(items, args.folds)
        for who, totals in result.items():
            for kind in sorted(totals):
                if kind.count(".") <= 1 and not kind.startswith("entities.untyped"):
                    print(f"{who:6s} {kind:26s} {_f(totals[kind])}")
    else:
        sentences = [s for a in items for s in sentences_of(a)]
        train(sentences, args.out)
        print(f"trained on {len(items)} articles, {len(sentences)} sentences: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
