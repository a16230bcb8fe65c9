"""Training the relation classifier (:mod:`kg.extract.relations.learned`) on the annotated articles.

Each training article is read by the whole extraction — its mentions found by the rules and a
mention tagger that never saw the article (cross-fitted: trained on the other folds) — and every
candidate relation is labelled from the gold file: a relation the gold states (by the names of its
subject and object, aliases included) is positive, one it does not state negative, and one only an
optional gold relation allows is left out.  A logistic regression per relation type (scikit-learn,
at training time only) learns the weights; a threshold per type is chosen on out-of-fold
probabilities; the weights are written as JSON.

    python -m kg.train.relations cv-docs      # document scores, rules vs the classifier, by folds
    python -m kg.train.relations refit-docs FOLDS   # both models out of fold, with kept fold taggers
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from kg.corpus.evaluate import norm_name
from kg.extract.entities import find_mentions
from kg.extract.entities.tagged import use_model as use_mention_model
from kg.extract.relations import read_relations
from kg.extract.relations.learned import Candidate, candidates, unit_key
from kg.extract.relations.learned import use_model as use_relation_model
from kg.extract.relations.state import target_of
from kg.extract.spans import Span
from kg.resolve import span_key
from kg.text.normalize import normalize
from kg.text.segment import segment
from kg.train.annotations import Article, articles
from kg.train.mentions import sentences_of
from kg.train.mentions import train as train_mentions

__all__ = ["Example", "examples_of", "label", "fit", "gold_counts", "cross_fitted_examples", "cross_validate_documents",
           "fold_documents", "refit_fold_documents", "main"]

#: How strongly the weights are held back (scikit-learn's C: smaller is stronger).
C = 0.5

Example = tuple[Candidate, int]


def _forms(text: str, sp: Span) -> set[str]:
    t = target_of(sp)
    names = {t.name, text[t.start:t.end], t.attrs.full, t.attrs.canonical, t.attrs.short_form, span_key(t)[1]}
    return {n for n in (norm_name(x) for x in names if x) if n}


def _alts(value) -> set[str]:
    values = value if isinstance(value, list) else [value]
    return {n for n in (norm_name(v) for v in values if v) if n}


def label(text: str, c: Candidate, gold: dict) -> int | None:
    """1 when a required gold relation states the candidate, 0 when none does, None when only an
    optional one allows it."""
    s = _forms(text, c.subject)
    o = _forms(text, c.object) if c.object is not None else set()
    bare = c.object is not None and target_of(c.object).attrs.bare
    title = norm_name(target_of(c.object).attrs.title) if bare else ""
    matched = []
    for g in gold.get("relations", []):
        if g["type"] != c.type:
            continue
        gs, go = _alts(g["subject"]), _alts(g.get("object"))
        if c.object is None:
            hit = bool(s & gs)
        elif c.type == "meets":
            hit = bool(s & gs and o & go) or bool(s & go and o & gs)
        elif bare:
            hit = bool(s & gs) and any(x.endswith(title) for x in go)
        else:
            hit = bool(s & gs and o & go)
        if hit:
            matched.append(bool(g.get("optional")))
    if not matched:
        return 0
    return 1 if not all(matched) else None


def examples_of(article: Article) -> list[Example]:
    """The labelled candidates of one article, read with the mention model in use."""
    seg = segment(article["id"], normalize(article["text"]))
    doc, found = read_relations(seg, find_mentions(seg))
    out = []
    for c in candidates(doc, found):
        y = label(seg.text, c, article["gold"])
        if y is not None:
            out.append((c, y))
    return out


def _folds(items: Sequence[Article], folds: int, seed: int) -> list[list[Article]]:
    order = list(items)
    random.Random(seed).shuffle(order)
    return [[a for i, a in enumerate(order) if i % folds == k] for k in range(folds)]


def cross_fitted_examples(items: Sequence[Article], folds: int = 5, seed: int = 7,
                          keep: Path | None = None) -> dict[str, list[Example]]:
    """Each article's examples, its mentions tagged by a tagger trained on the other folds (the
    taggers are kept in ``keep`` as ``m0.crfsuite`` … when it is given)."""
    sentences = {a["id"]: sentences_of(a) for a in items}
    with tempfile.TemporaryDirectory() as tmp:
        taggers = keep or Path(tmp)
        for k, held in enumerate(_folds(items, folds, seed)):
            ids = {a["id"] for a in held}
            train_mentions([s for doc, ss in sentences.items() if doc not in ids for s in ss],
                           taggers / f"m{k}.crfsuite")
        return _fold_examples(items, taggers, folds, seed)


def _fold_examples(items: Sequence[Article], taggers: Path, folds: int, seed: int) -> dict[str, list[Example]]:
    """Each article's examples, its mentions tagged by its fold's tagger (``taggers``/``m{k}.crfsuite``)."""
    out: dict[str, list[Example]] = {}
    for k, held in enumerate(_folds(items, folds, seed)):
        use_mention_model(taggers / f"m{k}.crfsuite")
        try:
            out.update((a["id"], examples_of(a)) for a in held)
        finally:
            use_mention_model(None)
    return out


def _key(doc: str, c: Candidate) -> tuple:
    """What the scorer counts once per document: the relation by the names of its two sides."""
    return doc, *unit_key(c)[1:]


def _units(rows: list[tuple[str, Example]], scores: list[float]) -> list[tuple[float, int, int]]:
    """Candidates gathered as the scorer counts them: per document and pair of names, the best
    score, whether any is a gold relation, and whether a rule proposed any."""
    units: dict[tuple, list] = {}
    for (doc, (c, y)), p in zip(rows, scores):
        u = units.setdefault(_key(doc, c), [0.0, 0, 0])
        u[0], u[1], u[2] = max(u[0], p), max(u[1], y), max(u[2], int(c.rule))
    return [tuple(u) for u in units.values()]


def _best_threshold(units: list[tuple[float, int, int]], gold: int) -> tuple[float, float]:
    """The threshold that maximises the document-level F1 (``gold`` relations in all), and that F1."""
    best, best_t, tp = 0.0, 0.5, 0
    for i, (p, y, _) in enumerate(sorted(units, reverse=True)):
        tp += y
        f1 = 2 * tp / (i + 1 + gold) if gold else 0.0
        if f1 > best:
            best, best_t = f1, p
    return max(0.1, min(0.9, best_t)), best


def _rules_f1(units: list[tuple[float, int, int]], gold: int) -> float:
    tp = sum(y for _, y, r in units if r)
    predicted = sum(r for _, _, r in units)
    return 2 * tp / (predicted + gold) if predicted + gold else 0.0


# The model replaces the rules of a type only on firm evidence: its threshold is chosen on the same
# out-of-fold scores it is judged by (an optimistic figure), and with few positives a small gain is
# noise.  Measured on the training articles, 2026-12: leads (43 positives, +0.02) and signs (22,
# +0.03) stay with the rules, as does speaks_at (+0.007).
MIN_POSITIVES = 100
MIN_GAIN = 0.02


def model_wins(model_f1: float, rules_f1: float, positives: int) -> bool:
    """Whether the model's decisions replace the rules' for a type, from out-of-fold F1.

    >>> model_wins(0.80, 0.745, 224), model_wins(0.585, 0.562, 43), model_wins(0.776, 0.769, 2936)
    (True, False, False)
    """
    return positives >= MIN_POSITIVES and model_f1 - rules_f1 >= MIN_GAIN


def fit(examples: dict[str, list[Example]], gold: dict[str, dict[str, int]], folds: int = 5, seed: int = 7,
        c: float = C) -> dict:
    """Weights per relation type from the examples (by article), thresholds from out-of-fold scores.

    ``gold`` counts the required gold relations of each type in each article: thresholds are chosen
    for the document-level F1 the scorer computes, and a type on which the rules alone do better out
    of fold keeps the rules' decisions (``"use": "rules"``, see :func:`model_wins`)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    docs = sorted(examples)
    random.Random(seed).shuffle(docs)
    fold_of = {d: i % folds for i, d in enumerate(docs)}
    types = sorted({ex[0].type for exs in examples.values() for ex in exs})
    out = {"format": "kg-relations", "version": 1, "types": {}}
    for type_ in types:
        rows = [(d, ex) for d in docs for ex in examples[d] if ex[0].type == type_]
        X = [{f: 1.0 for f in ex[0].features} for _, ex in rows]
        y = [ex[1] for _, ex in rows]
        if len(set(y)) < 2:
            continue
        vec = DictVectorizer()
        matrix = vec.fit_transform(X).tocsr()
        matrix.indices = matrix.indices.astype("int32")  # liblinear takes 32-bit indices only
        matrix.indptr = matrix.indptr.astype("int32")
        oof = [0.0] * len(rows)
        for k in range(folds):
            train_i = [i for i, (d, _) in enumerate(rows) if fold_of[d] != k]
            test_i = [i for i, (d, _) in enumerate(rows) if fold_of[d] == k]
            if not test_i or len({y[i] for i in train_i}) < 2:
                continue
            clf = LogisticRegression(C=c, solver="liblinear", max_iter=2000)
            clf.fit(matrix[train_i], [y[i] for i in train_i])
            for i, p in zip(test_i, clf.predict_proba(matrix[test_i])[:, 1]):
                oof[i] = float(p)
        clf = LogisticRegression(C=c, solver="liblinear", max_iter=2000)
        clf.fit(matrix, y)
        names = vec.get_feature_names_out()
        weights = {str(n): round(float(w), 4) for n, w in zip(names, clf.coef_[0]) if abs(w) >= 1e-4}
        units = _units(rows, oof)
        total = sum(gold.get(d, {}).get(type_, 0) for d in docs)
        threshold, model_f1 = _best_threshold(units, total)
        rules_f1 = _rules_f1(units, total)
        out["types"][type_] = {"bias": round(float(clf.intercept_[0]), 4), "threshold": round(threshold, 3),
                               "use": "model" if model_wins(model_f1, rules_f1, sum(y)) else "rules",
                               "oof_f1": {"model": round(model_f1, 3), "rules": round(rules_f1, 3)},
                               "examples": len(y), "positives": sum(y), "weights": weights}
    return out


def gold_counts(items: Sequence[Article]) -> dict[str, dict[str, int]]:
    """The required gold relations of each type in each article."""
    out: dict[str, dict[str, int]] = {}
    for a in items:
        for g in a["gold"].get("relations", []):
            if not g.get("optional"):
                counts = out.setdefault(a["id"], {})
                counts[g["type"]] = counts.get(g["type"], 0) + 1
    return out


def write(model: dict, out: Path) -> Path:
    tmp = out.with_suffix(".tmp")
    tmp.write_text(json.dumps(model, ensure_ascii=False, sort_keys=True, indent=0), encoding="utf-8")
    tmp.replace(out)
    return out


def cross_validate_documents(items: Sequence[Article], folds: int = 5, seed: int = 7,
                             c: float = C, keep: Path | None = None) -> dict[str, dict[str, list[int]]]:
    """Document scores by folds: the rules with the tagger, and with the tagger and the classifier
    (the fold taggers are kept in ``keep`` when it is given, for :func:`fold_documents`)."""
    from kg.train.mentions import evaluate_documents

    groups = _folds(items, folds, seed)
    out: dict[str, dict[str, list[int]]] = {"tagger": {}, "classifier": {}}
    with tempfile.TemporaryDirectory() as tmp:
        taggers = keep or Path(tmp)
        examples = cross_fitted_examples(items, folds, seed, keep=taggers)
        for k, held in enumerate(groups):
            ids = {a["id"] for a in held}
            mention_path = taggers / f"m{k}.crfsuite"  # the tagger that never saw fold k
            relation_path = write(fit({d: e for d, e in examples.items() if d not in ids}, gold_counts(items), c=c),
                                  Path(tmp) / f"r{k}.json")
            for who, rel in (("tagger", None), ("classifier", relation_path)):
                use_relation_model(rel if rel is not None else Path("/nonexistent"))
                try:
                    totals = evaluate_documents(held, mention_path)
                finally:
                    use_relation_model(None)
                for key, t in totals.items():
                    acc = out[who].setdefault(key, [0, 0, 0])
                    for i in range(3):
                        acc[i] += t[i]
    return out


def fold_documents(items: Sequence[Article], taggers: Path, folds: int = 5, seed: int = 7,
                   details: list | None = None) -> dict[str, list[int]]:
    """kg's document scores on ``items``, each article read by the mention tagger of the fold that never
    saw it (``taggers``: ``m0.crfsuite`` …, as ``cv-docs --keep`` leaves them).

    The quick measure of a rule change on the training articles, out of fold for the entities with no
    retraining (about half a minute); the relation classifier is the shipped one, trained on every
    article, so relations are read in-sample.  ``details`` collects each article's misses and false
    finds (:func:`kg.corpus.evaluate.score`)."""
    return _score_by_folds(items, taggers, folds, seed, details)


def refit_fold_documents(items: Sequence[Article], taggers: Path, folds: int = 5, seed: int = 7,
                         details: list | None = None) -> dict[str, list[int]]:
    """kg's document scores on ``items`` out of fold for both models: each article read by the
    mention tagger of the fold that never saw it (``taggers``, as for :func:`fold_documents`) and by
    a relation classifier fitted, as :func:`fit` fits the shipped one, on the other folds' articles.

    :func:`fold_documents` reads relations with the shipped classifier, which was trained on every
    article (an in-sample figure for relations); this is the figure to compare with the test split
    (under a minute: the examples are read once, the classifier fitted once per fold)."""
    examples = _fold_examples(items, taggers, folds, seed)
    counts = gold_counts(items)

    def classifier(k: int, held: Sequence[Article], folder: Path) -> Path:
        ids = {a["id"] for a in held}
        return write(fit({d: e for d, e in examples.items() if d not in ids}, counts), folder / f"r{k}.json")

    return _score_by_folds(items, taggers, folds, seed, details, classifier)


def _score_by_folds(items: Sequence[Article], taggers: Path, folds: int, seed: int, details: list | None,
                    classifier: Callable[[int, Sequence[Article], Path], Path] | None = None) -> dict[str, list[int]]:
    """The scores of each fold's articles read by its tagger (and, given ``classifier``, by the
    relation model it writes for the fold), summed."""
    from kg.corpus.evaluate import score
    from kg.graph import graph_to_dict
    from kg.pipeline import run
    from kg.train.annotations import gold_folder
    from kg.types import Document

    totals: dict[str, list[int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = gold_folder(items, Path(tmp))
        for k, held in enumerate(_folds(items, folds, seed)):
            use_mention_model(taggers / f"m{k}.crfsuite")
            if classifier is not None:
                use_relation_model(classifier(k, held, Path(tmp)))
            try:
                kg = run(Document(a["id"] + ".txt", a["text"], path=a["id"] + ".txt") for a in held)
                found = score(folder, graph_to_dict(kg), docs={a["id"] + ".txt" for a in held}, details=details)
            finally:
                use_mention_model(None)
                if classifier is not None:
                    use_relation_model(None)
            for key, t in found.items():
                acc = totals.setdefault(key, [0, 0, 0])
                for i in range(3):
                    acc[i] += t[i]
    return totals


def main(argv: Sequence[str] | None = None) -> int:
    from kg.train.mentions import _f

    ap = argparse.ArgumentParser(prog="python -m kg.train.relations", description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    cd = sub.add_parser("cv-docs", help="document scores by folds, with and without the classifier")
    cd.add_argument("--folds", type=int, default=5)
    cd.add_argument("--c", type=float, default=C)
    cd.add_argument("--keep", type=Path, help="keep the fold taggers in this folder (for fold-docs)")
    fd = sub.add_parser("fold-docs", help="document scores, each article read by its fold's tagger (kept by cv-docs)")
    fd.add_argument("taggers", type=Path)
    fd.add_argument("--details", type=Path, help="write each article's misses and false finds here (JSON lines)")
    rd = sub.add_parser("refit-docs", help="document scores out of fold for both models: fold-docs with the "
                                           "relation classifier fitted per fold (a few minutes)")
    rd.add_argument("taggers", type=Path)
    rd.add_argument("--details", type=Path, help="write each article's misses and false finds here (JSON lines)")
    args = ap.parse_args(argv)
    # A training script: reporting on stdout is its job.
    if args.command in ("fold-docs", "refit-docs"):
        details: list = []
        score_folds = fold_documents if args.command == "fold-docs" else refit_fold_documents
        totals = score_folds(articles("train"), args.taggers, details=details)
        if args.details:
            args.details.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in details), encoding="utf-8")
        for kind in sorted(totals):
            if kind.count(".") <= 1:
                print(f"{kind:26s} {_f(totals[kind])}")
        return 0
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    result = cross_validate_documents(articles("train"), args.folds, c=args.c, keep=args.keep)
    for who, totals in result.items():
        for kind in sorted(totals):
            if kind.count(".") <= 1 and not kind.startswith("entities."):
                print(f"{who:10s} {kind:26s} {_f(totals[kind])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
