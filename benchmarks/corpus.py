"""Corpus benchmark: the shared corpus of real news into a store, as a user runs it.

Prints, in one run, the figures of the speed-and-scale issue:

* ``kg extract -j 1`` and ``-j 2`` on the first 3,000 records of ``xwlb-2024``, and plain
  ``jieba.lcut`` of the same texts, alternated for ``--rounds`` rounds (every round printed; jieba
  and ``-j 1`` on one core, as the machine's cores run at different speeds);
* the whole shared corpus (``../shared/corpus``, about 21,600 records, 19.4 M characters) into
  a new store with ``kg build CORPUS --store S -j 2``: wall time, peak RSS of the whole process
  tree (sampled every 0.2 s), the store's size against the UTF-8 size of the text;
* a second run that adds one month of records (December 2025, held back from the first);
* ``kg query`` over the corpus store with ``examples/queries/met-in-2024.rq``;
* ``kg extract`` of one 300-character article (wall time, best of five);
* with ``--big``, the 50 MB article of ``benchmarks/robustness.py`` (peak memory).

Usage::

    .venv/bin/python benchmarks/corpus.py                   # about half an hour on 2 cores
    .venv/bin/python benchmarks/corpus.py --skip-corpus     # speed, query on an existing store, start-up

Every kg command runs as a subprocess exactly as a user types it (``.venv/bin/kg``).  Inputs and
stores go under ``benchmarks/data/`` (git-ignored); the corpus text is never copied into the repo.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

__all__ = ["main"]

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
# The command a user types: the ``kg`` script installed beside this Python (``python -m kg`` where
# there is none).
KG = [str(Path(sys.executable).with_name("kg"))] if Path(sys.executable).with_name("kg").exists() \
    else [sys.executable, "-m", "kg"]
HELD_BACK = "2025-12"  # the month the second run adds
TARGETS = {"speed_vs_jieba": 0.5, "two_workers": 1.8, "corpus_seconds": 300, "rss_bytes": 1 << 30,
           "store_ratio": 10.0, "added_month_seconds": 30, "query_seconds": 1.0, "startup_seconds": 0.5}


def _records(path: Path):
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _write_jsonl(path: Path, records) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
            n += 1
    return n


def prepare(data: Path) -> dict:
    """The corpus as the first run sees it (every file, December 2025 held back), the held-back
    month as a file of its own, the speed sample and a 300-character article."""
    corpus, month = data / "corpus-real", data / f"month-{HELD_BACK}.jsonl.gz"
    shutil.rmtree(corpus, ignore_errors=True)
    corpus.mkdir(parents=True)
    chars = utf8 = docs = 0
    for path in sorted(CORPUS.glob("*.jsonl.gz")):
        records = list(_records(path))
        chars += sum(len(r["text"]) for r in records)
        utf8 += sum(len(r["text"].encode()) for r in records)
        docs += len(records)
        if path.name.startswith("xwlb-2025"):
            _write_jsonl(corpus / path.name, (r for r in records if not r["date"].startswith(HELD_BACK)))
            held = _write_jsonl(month, (r for r in records if r["date"].startswith(HELD_BACK)))
        else:
            os.symlink(path, corpus / path.name)
    sample = list(_records(CORPUS / "xwlb-2024.jsonl.gz"))[:3000]
    _write_jsonl(data / "xwlb-2024-first3000.jsonl.gz", sample)
    first = sample[0]["text"]
    (data / "article-300.txt").write_text(first[:300], encoding="utf-8")
    return {"corpus": corpus, "month": month, "held_back": held, "docs": docs, "chars": chars,
            "utf8_bytes": utf8, "sample": data / "xwlb-2024-first3000.jsonl.gz",
            "sample_texts": [r["text"] for r in sample], "article": data / "article-300.txt"}


def run_sampled(cmd: list[str], env: dict, cwd: Path = ROOT) -> dict:
    """Run ``cmd``; its wall time, exit code, output and the peak RSS of its process tree."""
    import psutil

    start = time.perf_counter()
    proc = psutil.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=cwd, text=True)
    peak = 0
    out: dict = {}
    reader = threading.Thread(target=lambda: out.update(zip(("stdout", "stderr"), proc.communicate())))
    reader.start()
    while reader.is_alive():
        total = 0
        try:
            for p in [proc, *proc.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
        except psutil.Error:
            pass
        peak = max(peak, total)
        reader.join(0.2)
    return {"seconds": time.perf_counter() - start, "code": proc.returncode, "peak_rss": peak, **out}


def jieba_seconds(texts: list[str]) -> float:
    import jieba

    jieba.setLogLevel(60)
    jieba.lcut("预热")
    start = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    return time.perf_counter() - start


def size_of(path: Path) -> int:
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            p = os.path.join(root, f)
            if not os.path.islink(p):
                total += os.path.getsize(p)
    return total


def _mib(n: float) -> str:
    return f"{n / (1 << 20):,.0f} MiB"


def _check(result: dict, what: str) -> dict:
    if result["code"] not in (0, 1):
        raise SystemExit(f"{what} failed ({result['code']}):\n{result['stderr'][-3000:]}")
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(ROOT / "benchmarks" / "data"))
    parser.add_argument("--rounds", type=int, default=2, help="rounds of kg extract -j 1 against jieba.lcut")
    parser.add_argument("--skip-corpus", action="store_true", help="reuse the store of an earlier run")
    parser.add_argument("--big", action="store_true", help="also the 50 MB article (several minutes)")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)

    data = Path(args.data)
    data.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.setdefault("KG_CACHE_DIR", str(ROOT / ".venv" / "kg-cache"))
    # A user's install has its bytecode (pip compiles it); a shell that forbids writing it would
    # have every run compile kg's modules again and time the compiler.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    p = prepare(data)
    figures: dict = {"docs": p["docs"], "chars": p["chars"], "utf8_bytes": p["utf8_bytes"]}
    print(f"shared corpus: {p['docs']:,} records, {p['chars']:,} characters, {p['utf8_bytes'] / 1e6:.1f} MB "
          f"of UTF-8 text; {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}", flush=True)
    rows = []

    # -- speed: kg extract -j 1 / -j 2 against jieba.lcut, alternated
    sample_chars = sum(map(len, p["sample_texts"]))
    out = data / "sample-graph.json"
    ratios, j1, j2 = [], [], []
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from extraction import one_core

    for r in range(1, args.rounds + 1):
        with one_core():  # jieba and the one worker on the same core (the machine's two differ)
            jb = jieba_seconds(p["sample_texts"])
            one = _check(run_sampled([*KG, "extract", str(p["sample"]), "-j", "1", "-o", str(out)], env), "kg extract")
        two = _check(run_sampled([*KG, "extract", str(p["sample"]), "-j", "2", "-o", str(out)], env), "kg extract")
        ratios.append(jb / one["seconds"])
        j1.append(one["seconds"])
        j2.append(two["seconds"])
        print(f"round {r}: jieba.lcut {sample_chars / jb:,.0f} chars/s; kg extract -j 1 "
              f"{sample_chars / one['seconds']:,.0f} chars/s ({ratios[-1]:.3f}x jieba), -j 2 "
              f"{sample_chars / two['seconds']:,.0f} chars/s ({one['seconds'] / two['seconds']:.2f}x -j 1)",
              flush=True)
    speed, scale = max(ratios), max(a / b for a, b in zip(j1, j2))
    figures.update(speed_vs_jieba=ratios, j1_seconds=j1, j2_seconds=j2)
    rows += [("kg extract -j 1 vs jieba.lcut (3,000 records)", f"{speed:.3f}x", f">= {TARGETS['speed_vs_jieba']}x",
              speed >= TARGETS["speed_vs_jieba"]),
             ("-j 2 vs -j 1", f"{scale:.2f}x", f">= {TARGETS['two_workers']}x", scale >= TARGETS["two_workers"])]

    # -- the whole corpus into a store, then one more month
    store = data / "store-real"
    if not args.skip_corpus:
        shutil.rmtree(store, ignore_errors=True)
        first = _check(run_sampled([*KG, "build", str(p["corpus"]), "--store", str(store), "-j", "2",
                                    "--no-progress"], env), "kg build")
        stored = size_of(store)
        parts = {x.name: size_of(x) if x.is_dir() else x.stat().st_size
                 for x in sorted(store.iterdir()) if not x.is_symlink()}
        ratio = stored / p["utf8_bytes"]
        print(f"whole corpus, kg build --store -j 2: {first['seconds']:.0f} s, peak RSS {_mib(first['peak_rss'])} "
              f"(process tree), store {_mib(stored)} = {ratio:.1f}x the text", flush=True)
        print("    store: " + ", ".join(f"{k} {_mib(v)}" for k, v in parts.items()), flush=True)
        print("    " + first["stdout"].strip().replace("\n", "\n    "), flush=True)
        second = _check(run_sampled([*KG, "build", str(p["corpus"]), str(p["month"]), "--store", str(store),
                                     "-j", "2", "--no-progress"], env), "kg build")
        print(f"second run adding {p['held_back']} records of {HELD_BACK}: {second['seconds']:.1f} s; "
              f"{second['stdout'].splitlines()[0] if second['stdout'] else ''}", flush=True)
        figures.update(corpus_seconds=first["seconds"], corpus_peak_rss=first["peak_rss"], store_bytes=stored,
                       store_parts=parts, added_month_seconds=second["seconds"])
        rows += [("whole corpus into a store, -j 2", f"{first['seconds']:.0f} s", f"<= {TARGETS['corpus_seconds']} s",
                  first["seconds"] <= TARGETS["corpus_seconds"]),
                 ("peak RSS, all processes", _mib(first["peak_rss"]), "<= 1,024 MiB",
                  first["peak_rss"] <= TARGETS["rss_bytes"]),
                 ("store size / UTF-8 text", f"{ratio:.1f}x", f"<= {TARGETS['store_ratio']:.0f}x",
                  ratio <= TARGETS["store_ratio"]),
                 ("second run, one month added", f"{second['seconds']:.1f} s", f"<= {TARGETS['added_month_seconds']} s",
                  second["seconds"] <= TARGETS["added_month_seconds"])]

    # -- a query over the corpus store
    if store.exists():
        query = ROOT / "examples" / "queries" / "met-in-2024.rq"
        times = []
        for _ in range(3):
            q = _check(run_sampled([*KG, "query", str(store), str(query), "--format", "csv"], env), "kg query")
            times.append(q["seconds"])
        answer = max(0, len(q["stdout"].splitlines()) - 1)
        print(f"kg query {query.name} over the corpus store: {min(times):.2f} s (best of 3), {answer} rows",
              flush=True)
        figures["query_seconds"] = times
        rows.append(("kg query over the corpus store", f"{min(times):.2f} s", f"<= {TARGETS['query_seconds']} s",
                     min(times) <= TARGETS["query_seconds"]))

    # -- start-up: one short article
    times = [_check(run_sampled([*KG, "extract", str(p["article"])], env), "kg extract")["seconds"]
             for _ in range(5)]
    print(f"kg extract of one 300-character article: {min(times):.2f} s (best of 5; "
          + ", ".join(f"{t:.2f}" for t in times) + ")", flush=True)
    figures["startup_seconds"] = times
    rows.append(("kg extract, one 300-character article", f"{min(times):.2f} s",
                 f"<= {TARGETS['startup_seconds']} s", min(times) <= TARGETS["startup_seconds"]))

    if args.big:
        import robustness  # (benchmarks/ is on sys.path since the speed rounds)

        article = data / "article-50mb.txt"
        robustness.make_article(article, 50.0, "utf-8")
        big = run_sampled([*KG, "build", str(article), "-o", str(data / "big-out")], env)
        print(f"one 50 MB article, kg build: {big['seconds']:.0f} s, peak RSS {_mib(big['peak_rss'])}", flush=True)
        figures["big_article"] = {"seconds": big["seconds"], "peak_rss": big["peak_rss"]}
        rows.append(("a 50 MB article, peak RSS", _mib(big["peak_rss"]), "<= 1,024 MiB",
                     big["peak_rss"] <= TARGETS["rss_bytes"]))

    print("\ntargets:")
    for name, got, want, ok in rows:
        print(f"  {name:46s} {got:>12s}  target {want:14s} {'met' if ok else 'NOT met'}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
