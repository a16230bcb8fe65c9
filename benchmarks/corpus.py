"""Corpus benchmark: 10,000 articles into a store, with 1 and 2 workers.

Builds a corpus by recombining the paragraphs of the real example and dev
articles (raw as published: traditional and simplified script, pinyin
annotations, datelines), then reports in one run:

* plain ``jieba.lcut`` over the same text, in one process (the reference);
* ``analyze()`` alone over a sample, in one process (kg's per-document speed);
* ``kg build CORPUS --store STORE -j 1`` and ``-j 2``: documents/s, characters/s,
  peak RSS (whole process tree), store size;
* a second ``kg build`` over the same corpus into the same store.

Usage::

    .venv/bin/python benchmarks/corpus.py                 # 10,000 articles (about half an hour on 2 cores)
    .venv/bin/python benchmarks/corpus.py --articles 500  # a quick look

The corpus and stores go under ``benchmarks/data/`` (git-ignored).  kg runs
from a snapshot of the working tree taken at the start, so every figure is
of the same code even while it is being edited (a store re-analyses documents
when the extraction code changes).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

__all__ = ["main", "make_corpus"]

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT.parent / "shared" / "eval" / "dev", ROOT / "examples"]
OUTLETS = ["大众日报", "央视网", "新华社", "人民网", "大眾日報·新銳大眾", "北京日报"]
TARGETS = {"speed_vs_jieba": 0.2, "two_workers": 1.8, "rss_bytes": 1 << 30, "second_run": 0.10}


def _pool() -> tuple[list[str], list[str]]:
    """Titles and paragraphs of the unique source articles, raw."""
    seen, titles, paragraphs = set(), [], []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            digest = hashlib.sha256(text.encode()).hexdigest()
            if digest in seen:
                continue
            seen.add(digest)
            lines = [ln for ln in text.splitlines() if ln.strip()]
            titles.append(lines[0])
            paragraphs.extend(lines[1:])
    return titles, paragraphs


def make_corpus(folder: Path, articles: int, seed: int = 8) -> tuple[int, int]:
    """Write ``articles`` recombined articles under ``folder`` (1,000 a sub-folder).

    Returns (articles, characters).  Reuses a corpus already made with the
    same parameters.
    """
    stamp = folder / ".corpus.json"
    params = {"articles": articles, "seed": seed, "version": 1}
    if stamp.exists():
        data = json.loads(stamp.read_text(encoding="utf-8"))
        if data.get("params") == params:
            return data["articles"], data["chars"]
    if folder.exists():
        shutil.rmtree(folder)
    rng = random.Random(seed)
    titles, paragraphs = _pool()
    chars = 0
    for i in range(articles):
        y, m, d = rng.randint(2015, 2020), rng.randint(1, 12), rng.randint(1, 28)
        outlet = rng.choice(OUTLETS)
        source = "來源" if "眾" in outlet else "来源"
        body = rng.sample(paragraphs, rng.randint(4, 12))
        title = rng.choice(titles)
        dateline = f"{y}年{m:02d}月{d:02d}日 {rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}  {source}:{outlet}"
        text = "\n\n".join([title, dateline, *body]) + "\n"
        path = folder / f"part-{i // 1000:02d}" / f"article-{i:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        chars += len(text)
    stamp.write_text(json.dumps({"params": params, "articles": articles, "chars": chars}), encoding="utf-8")
    return articles, chars


def _texts(folder: Path):
    for path in sorted(folder.rglob("*.txt")):
        yield path.read_text(encoding="utf-8")


def bench_jieba(folder: Path) -> dict:
    """Plain jieba.lcut over the corpus, one process (dictionary loaded first)."""
    import jieba

    jieba.setLogLevel(60)
    jieba.lcut("预热")
    texts = list(_texts(folder))
    chars = sum(len(t) for t in texts)
    start = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    seconds = time.perf_counter() - start
    return {"docs": len(texts), "chars": chars, "seconds": seconds, "chars_per_s": chars / seconds}


def bench_analyze(folder: Path, sample: int) -> dict:
    """kg's per-document extraction alone (analyze), one process, warmed up."""
    from kg.pipeline import analyze
    from kg.text.ingest import read_inputs

    docs = []
    for item in read_inputs([str(folder)]):
        docs.append(item)
        if len(docs) >= sample:
            break
    analyze(docs[0])
    start = time.perf_counter()
    for doc in docs:
        analyze(doc)
    seconds = time.perf_counter() - start
    chars = sum(len(d.text) for d in docs)
    return {"docs": len(docs), "chars": chars, "seconds": seconds, "chars_per_s": chars / seconds,
            "docs_per_s": len(docs) / seconds}


def _tree_rss(proc) -> tuple[int, int]:
    """(total RSS of a process and its children, largest single RSS)."""
    import psutil

    total = largest = 0
    try:
        procs = [proc] + proc.children(recursive=True)
    except psutil.Error:
        return 0, 0
    for p in procs:
        try:
            rss = p.memory_info().rss
        except psutil.Error:
            continue
        total += rss
        largest = max(largest, rss)
    return total, largest


_PHASES = """
import json, sys, time
from kg.text.ingest import read_inputs
from kg.corpus.store import Store
corpus, store, workers = sys.argv[1], sys.argv[2], int(sys.argv[3])
s = Store(store, create=True)
t0 = time.perf_counter()
r = s.add(read_inputs([corpus]), workers=workers, isolate=True)
t1 = time.perf_counter()
s.write_outputs()
t2 = time.perf_counter()
print(json.dumps({"extract": t1 - t0, "outputs": t2 - t1, "added": r.added, "updated": r.updated,
                  "unchanged": r.unchanged, "failed": len(r.failures)}))
"""


def bench_build(corpus: Path, store: Path, workers: int, env: dict) -> dict:
    """One store build (what ``kg build CORPUS --store STORE -j N`` does) in a
    subprocess, timed by phase and sampled for the RSS of its process tree."""
    import psutil

    cmd = [sys.executable, "-c", _PHASES, str(corpus), str(store), str(workers)]
    start = time.perf_counter()
    proc = psutil.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    peak_total = peak_single = 0
    while proc.poll() is None:
        total, single = _tree_rss(proc)
        peak_total, peak_single = max(peak_total, total), max(peak_single, single)
        time.sleep(0.2)
    out, err = proc.communicate()
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"store build failed ({proc.returncode}):\n{err[-3000:]}")
    phases = json.loads(out.strip().splitlines()[-1])
    return {"workers": workers, "seconds": seconds, "peak_rss_total": peak_total,
            "peak_rss_process": peak_single, **phases}


def snapshot(data: Path) -> Path:
    """A copy of the kg package as it is now, to run every measurement on."""
    target = data / "kg-snapshot"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(ROOT / "kg", target / "kg", ignore=shutil.ignore_patterns("__pycache__"))
    return target


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            try:
                total += os.lstat(os.path.join(root, f)).st_size
            except OSError:
                pass
    return total


def _mib(n: float) -> str:
    return f"{n / (1 << 20):.0f} MiB"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--sample", type=int, default=300, help="documents for the analyze() figure")
    parser.add_argument("--data", default=str(ROOT / "benchmarks" / "data"))
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--workers", default="1,2", help="worker counts to build with")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)

    data = Path(args.data)
    corpus = data / f"corpus-{args.articles}"
    n_docs, n_chars = make_corpus(corpus, args.articles, args.seed)
    code = snapshot(data)
    sys.path.insert(0, str(code))
    env = dict(os.environ)
    env.setdefault("KG_CACHE_DIR", str(ROOT / ".venv" / "kg-cache"))
    env["PYTHONPATH"] = os.pathsep.join([str(code), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    os.environ.update({"KG_CACHE_DIR": env["KG_CACHE_DIR"]})
    print(f"corpus: {n_docs} articles, {n_chars} characters ({corpus}); "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)

    figures: dict = {"articles": n_docs, "chars": n_chars}
    figures["jieba"] = jb = bench_jieba(corpus)
    print(f"jieba.lcut, 1 process:   {jb['chars_per_s']:>10,.0f} chars/s", flush=True)
    figures["analyze"] = an = bench_analyze(corpus, args.sample)
    print(f"kg analyze(), 1 process: {an['chars_per_s']:>10,.0f} chars/s  {an['docs_per_s']:.1f} docs/s  "
          f"({an['chars_per_s'] / jb['chars_per_s']:.3f}x jieba.lcut)", flush=True)

    builds = {}
    for w in [int(x) for x in args.workers.split(",")]:
        store = data / f"store-{args.articles}-j{w}"
        shutil.rmtree(store, ignore_errors=True)
        b = bench_build(corpus, store, w, env)
        b["docs_per_s"] = n_docs / b["extract"]
        b["chars_per_s"] = n_chars / b["extract"]
        b["store_bytes"] = _size(store)
        b["store_parts"] = {p.name: _size(p) for p in sorted(store.iterdir()) if not p.is_symlink()}
        builds[w] = b
        print(f"kg build --store -j {w}:    {b['chars_per_s']:>10,.0f} chars/s  {b['docs_per_s']:.1f} docs/s "
              f"extracting ({b['extract']:.0f} s), then {b['outputs']:.0f} s merging and writing; "
              f"{b['seconds']:.0f} s in all; peak RSS {_mib(b['peak_rss_total'])} (largest process "
              f"{_mib(b['peak_rss_process'])}); store {_mib(b['store_bytes'])}", flush=True)
        print("    store: " + ", ".join(f"{k} {_mib(v)}" for k, v in b["store_parts"].items()), flush=True)
    figures["builds"] = builds
    last = max(builds)
    again = bench_build(corpus, data / f"store-{args.articles}-j{last}", last, env)
    figures["second_run"] = again
    ratio = again["seconds"] / builds[last]["seconds"]
    print(f"second run, same corpus: {again['seconds']:.1f} s ({ratio:.3f} of the first; added "
          f"{again['added']}, unchanged {again['unchanged']})", flush=True)

    print("\ntargets:")
    speed = builds[min(builds)]["chars_per_s"] / jb["chars_per_s"]
    print(f"load average now {os.getloadavg()[0]:.1f}")
    rows = [("kg extraction -j 1 vs jieba", f"{speed:.3f}x", f">= {TARGETS['speed_vs_jieba']}x",
             speed >= TARGETS["speed_vs_jieba"]),
            ("kg analyze() vs jieba.lcut", f"{an['chars_per_s'] / jb['chars_per_s']:.3f}x",
             f">= {TARGETS['speed_vs_jieba']}x", an["chars_per_s"] / jb["chars_per_s"] >= TARGETS["speed_vs_jieba"])]
    if 1 in builds and 2 in builds:
        scale = builds[1]["extract"] / builds[2]["extract"]
        rows.append(("2 workers vs 1 (extraction)", f"{scale:.2f}x", f">= {TARGETS['two_workers']}x",
                     scale >= TARGETS["two_workers"]))
        whole = builds[1]["seconds"] / builds[2]["seconds"]
        rows.append(("2 workers vs 1 (whole build)", f"{whole:.2f}x", "", None))
    peak = max(b["peak_rss_total"] for b in builds.values())
    rows.append(("peak RSS (process tree)", _mib(peak), "< 1024 MiB", peak < TARGETS["rss_bytes"]))
    rows.append(("second run / first", f"{ratio:.3f}", f"< {TARGETS['second_run']}", ratio < TARGETS["second_run"]))
    for name, got, want, ok in rows:
        verdict = "" if ok is None else "met" if ok else "NOT met"
        print(f"  {name:30s} {got:>12s}  {('target ' + want) if want else '':19s} {verdict}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
