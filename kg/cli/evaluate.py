"""``kg eval GOLD_DIR [--pred PRED.json] [-v]``: extract the articles of a gold folder and score the
graph as the reference scorer (``shared/eval/score.py``) does."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from kg.cli.common import EXIT_OK
from kg.errors import UsageError

__all__ = ["add_parser", "run"]

HELP = "Extract from the articles of a gold folder and score against its gold files."


def add_parser(sub) -> None:
    p = sub.add_parser("eval", help=HELP, description=HELP)
    p.add_argument("gold_dir", metavar="GOLD_DIR", help="folder of NAME.txt and NAME.gold.json files")
    p.add_argument("--pred", help="score this kg JSON instead of extracting")
    p.add_argument("-j", "--workers", type=int, default=None, help="worker processes")
    p.add_argument("-v", "--verbose", action="store_true", help="list misses and spurious items")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.corpus.evaluate import format_scores, score
    from kg.corpus.parallel import run as run_parallel
    from kg.graph import graph_to_dict
    from kg.text.ingest import read_inputs

    gold = Path(args.gold_dir)
    if not gold.is_dir():
        raise UsageError(f"{gold}: not a folder")
    golds = sorted(gold.glob("*.gold.json"))
    if not golds:
        raise UsageError(f"{gold}: no *.gold.json files")
    if args.pred:
        try:
            pred = json.loads(Path(args.pred).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UsageError(f"{args.pred}: not a kg graph.json ({exc})") from None
    else:
        names = [json.loads(g.read_text(encoding="utf-8"))["doc"] for g in golds]
        inputs = [str(gold / n) for n in names if (gold / n).exists()]
        pred = graph_to_dict(run_parallel(read_inputs(inputs), workers=args.workers or 1))
    details: list = []
    totals = score(gold, pred, details=details)
    if args.verbose:
        for d in details:
            print(f"## {d['doc']}")
            for k in ("missed_entities", "spurious_entities", "missed_relations", "spurious_relations"):
                print(f"  {k.replace('_', ' ')}: {d[k]}")
    print(format_scores(totals))
    return EXIT_OK
