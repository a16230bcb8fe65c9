"""One command that trains the models kg ships, from the annotated training split, deterministically:

    python -m kg.train.models                      # kg/lexicon/data/mentions.crfsuite and relations.json
    python -m kg.train.models --learning-curve     # test-split scores when trained on 50, 100, 200 … articles

The mention tagger (:mod:`kg.train.mentions`) is trained on every training article; the relation
classifier (:mod:`kg.train.relations`) on candidates read with cross-fitted taggers, so that it
learns from mentions as imperfect as those it will see.  The test split is never trained on: the
learning curve only scores it.  Same data, same models: CRFsuite's L-BFGS and liblinear are
deterministic and every shuffle is seeded.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from kg.corpus.evaluate import prf
from kg.extract.entities.tagged import MODEL_PATH as MENTIONS_PATH
from kg.extract.relations.learned import MODEL_PATH as RELATIONS_PATH
from kg.extract.relations.learned import use_model as use_relation_model
from kg.train.annotations import Article, articles
from kg.train.mentions import evaluate_documents, sentences_of
from kg.train.mentions import train as train_mentions
from kg.train.relations import cross_fitted_examples, fit, gold_counts, write

__all__ = ["train_all", "learning_curve", "main"]

#: The training-set sizes of the learning curve (and all of it).
CURVE = (50, 100, 200, 400)


def train_all(items: Sequence[Article], mentions_out: Path, relations_out: Path) -> dict[str, int]:
    """Train both models on ``items``; facts about the training."""
    sentences = [s for a in items for s in sentences_of(a)]
    train_mentions(sentences, mentions_out)
    examples = cross_fitted_examples(items)
    write(fit(examples, gold_counts(items)), relations_out)
    return {"articles": len(items), "sentences": len(sentences),
            "candidates": sum(len(e) for e in examples.values())}


def _scores(totals: dict[str, list[int]]) -> str:
    keys = ("entities", "relations", "relations.holds_position", "relations.meets", "relations.visits",
            "relations.accompanies")
    return "  ".join(f"{k.replace('relations.', '')} {prf(*totals.get(k, [0, 0, 0]))[2]:.3f}" for k in keys)


def learning_curve(sizes: Sequence[int] = CURVE, seed: int = 11) -> Iterator[tuple[int, dict[str, list[int]]]]:
    """Test-split scores of models trained on the first ``n`` training articles of a seeded order,
    each size as soon as it is done (the whole curve takes about as long as training three times)."""
    train = articles("train")
    random.Random(seed).shuffle(train)
    test = articles("test")
    for n in [*sizes, len(train)]:
        subset = train[:n]
        with tempfile.TemporaryDirectory() as tmp:
            m, r = Path(tmp) / "m.crfsuite", Path(tmp) / "r.json"
            train_all(subset, m, r)
            use_relation_model(r)
            try:
                scores = evaluate_documents(test, m)
            finally:
                use_relation_model(None)
        yield n, scores


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m kg.train.models", description=__doc__.splitlines()[0])
    ap.add_argument("--learning-curve", action="store_true", help="score the test split at several training sizes")
    ap.add_argument("--mentions", type=Path, default=MENTIONS_PATH)
    ap.add_argument("--relations", type=Path, default=RELATIONS_PATH)
    args = ap.parse_args(argv)
    # A training script: reporting on stdout is its job.
    if args.learning_curve:
        for n, totals in learning_curve():
            print(f"trained on {n:3d} articles: {_scores(totals)}", flush=True)
        return 0
    t = time.perf_counter()
    facts = train_all(articles("train"), args.mentions, args.relations)
    print(f"trained on {facts['articles']} articles ({facts['sentences']} sentences, {facts['candidates']} "
          f"candidate relations) in {time.perf_counter() - t:.0f} s")
    for path in (args.mentions, args.relations):
        print(f"{path}: {path.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
