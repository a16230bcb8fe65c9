"""Extraction quality and speed, printed as figures (issue 3).

usage: python benchmarks/extraction.py [--shared ../shared] [--skip-ner] [--skip-speed]

Prints, in one run:
- dev-set scores with kg's scorer (the same figures as shared/eval/score.py);
- mention-level NER scores on People's Daily test and CLUENER2020 dev (shared/eval/score_ner.py),
  for kg and, measured the same way, for the jieba.posseg baseline (nr/ns/nt tags);
- characters per second of kg's extraction next to plain jieba.lcut on the same text, and the ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _ner_sets(shared: Path, tmp: Path) -> dict[str, tuple[Path, Path]]:
    out = {}
    for kind, src, name in (("pd", "peoples_daily_ner_test.bio", "People's Daily test"),
                            ("cluener", "cluener2020_dev.json", "CLUENER2020 dev")):
        prefix = tmp / kind
        subprocess.run([sys.executable, str(shared / "eval" / "ner_sets.py"), kind,
                        str(shared / "data" / "ner" / src), str(prefix)], check=True, capture_output=True)
        out[name] = (prefix.with_suffix(".jsonl"), prefix.with_suffix(".gold.json"))
    return out


def _score_ner(shared: Path, gold: Path, pred: dict) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump(pred, fh, ensure_ascii=False)
    try:
        res = subprocess.run([sys.executable, str(shared / "eval" / "score_ner.py"), str(gold), fh.name],
                             check=True, capture_output=True, text=True).stdout
    finally:
        os.unlink(fh.name)
    return res.strip().splitlines()[-1].split("=")[1]


def _jieba_baseline(jsonl: Path) -> dict:
    """Mentions from jieba.posseg's nr/ns/nt tags, in kg's JSON shape."""
    import jieba.posseg as pseg

    kinds = {"nr": "Person", "ns": "Place", "nt": "Organization"}
    entities = []
    for line in jsonl.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        pos = 0
        for word, flag in pseg.cut(rec["text"]):
            t = kinds.get(flag[:2]) if flag[:2] in kinds else None
            if t:
                entities.append({"id": f"{rec['id']}:{pos}", "type": t, "name": word,
                                 "mentions": [{"doc": rec["id"], "start": pos, "end": pos + len(word)}]})
            pos += len(word)
    return {"documents": [], "entities": entities, "relations": []}


def _kg_json(paths: list[str]) -> dict:
    from kg.graph import graph_to_dict
    from kg.pipeline import run
    from kg.text.ingest import read_inputs

    return graph_to_dict(run(read_inputs(paths)))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--skip-ner", action="store_true")
    ap.add_argument("--skip-speed", action="store_true")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    dev = shared / "eval" / "dev"

    from kg.corpus.evaluate import format_scores, score

    t0 = time.perf_counter()
    pred = _kg_json(sorted(str(p) for p in dev.glob("*.txt")))
    print(f"## dev set ({dev}), extracted in {time.perf_counter() - t0:.1f} s")
    print(format_scores(score(dev, pred)))

    if not args.skip_ner:
        with tempfile.TemporaryDirectory() as tmp:
            sets = _ner_sets(shared, Path(tmp))
            print("\n## NER sets: mention-level F1 (Person/Place/Organization, exact spans)")
            print(f"{'set':22s} {'kg':>7s} {'jieba.posseg':>13s}")
            for name, (jsonl, gold) in sets.items():
                ours = _score_ner(shared, gold, _kg_json([str(jsonl)]))
                base = _score_ner(shared, gold, _jieba_baseline(jsonl))
                print(f"{name:22s} {ours:>7s} {base:>13s}")

    if not args.skip_speed:
        import jieba

        from kg.pipeline import analyze
        from kg.types import Document

        texts = [p.read_text(encoding="utf-8") for p in sorted(dev.glob("*.txt"))] * 2
        chars = sum(len(t) for t in texts)
        for text in texts[:len(texts) // 2]:  # load every lexicon and library once before timing
            analyze(Document("warm-up", text))
        jieba.lcut("预热")
        # This machine's speed drifts from minute to minute: time both in alternating rounds
        # and report the median round, so that a slow spell does not fall on one side only.
        rounds = []
        for _ in range(3):
            t = time.perf_counter()
            for text in texts:
                jieba.lcut(text)
            jieba_rate = chars / (time.perf_counter() - t)
            t = time.perf_counter()
            for i, text in enumerate(texts):
                analyze(Document(f"d{i}", text))
            kg_rate = chars / (time.perf_counter() - t)
            rounds.append((kg_rate / jieba_rate, kg_rate, jieba_rate))
        ratio, kg_rate, jieba_rate = sorted(rounds)[1]
        print(f"\n## speed on {chars:,} characters of raw dev articles (one process, median of 3 rounds)")
        print(f"kg extraction   {kg_rate:12,.0f} chars/s")
        print(f"jieba.lcut      {jieba_rate:12,.0f} chars/s")
        print(f"ratio           {ratio:12.2f}x   (rounds: {', '.join(f'{r:.2f}' for r, _, _ in rounds)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
