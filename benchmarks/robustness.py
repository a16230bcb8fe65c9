"""The 50 MB article: ``kg build`` on one very long article, timed, with its peak memory.

Usage::

    .venv/bin/python benchmarks/robustness.py            # 50 MB, UTF-8
    .venv/bin/python benchmarks/robustness.py --mb 5 --encoding gb18030

The article is made of the example and dev articles repeated until it is
``--mb`` megabytes (in the chosen encoding).  ``kg build`` runs as a child
process; its wall time and peak resident memory (``ru_maxrss`` of the child,
and the highest ``VmRSS`` sampled every 0.2 s) are printed, with the size of
the graph and a check that every mention's offsets slice the article as read.
kg cuts such an article into pieces of ``kg.pipeline.CHUNK_CHARS`` characters,
so memory grows with what is found (mentions), not with the text squared.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "examples", ROOT.parent / "shared" / "eval" / "dev"]


def make_article(path: Path, megabytes: float, encoding: str) -> str:
    """Write an article of about ``megabytes`` MB to ``path``; its text."""
    texts = []
    for folder in SOURCES:
        if folder.is_dir():
            texts += [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    pieces, size, target = [], 0, int(megabytes * 1_000_000)
    i = 0
    while size < target:
        piece = texts[i % len(texts)].encode(encoding, "replace").decode(encoding) + "\n\n"
        pieces.append(piece)
        size += len(piece.encode(encoding))
        i += 1
    text = "".join(pieces)
    path.write_bytes(text.encode(encoding))
    return text


def rss_sampler(pid: int, peak: list[int], stop: list[bool]) -> None:
    while not stop:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    peak[0] = max(peak[0], int(line.split()[1]))
        except OSError:
            return
        time.sleep(0.2)


def run_build(article: Path, out: Path) -> dict:
    import subprocess
    import threading

    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(article), "-o", str(out)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak, stop = [0], []
    sampler = threading.Thread(target=rss_sampler, args=(proc.pid, peak, stop), daemon=True)
    sampler.start()
    err_chunks = []
    reader = threading.Thread(target=lambda: err_chunks.append(proc.stderr.read()), daemon=True)
    reader.start()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.monotonic() - start
    stop.append(True)
    reader.join(10)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {"exit": proc.returncode, "seconds": elapsed, "maxrss_mb": usage.ru_maxrss / 1024,
            "sampled_mb": peak[0] / 1024, "cpu_seconds": usage.ru_utime + usage.ru_stime,
            "stdout": proc.stdout.read().decode(errors="replace"),
            "stderr": b"".join(err_chunks).decode(errors="replace")}


def check_offsets(graph: dict, text: str) -> tuple[int, int]:
    """(mentions checked, mentions whose offsets do not slice the text)."""
    bad = total = 0
    for e in graph["entities"]:
        for m in e["mentions"]:
            total += 1
            bad += text[m["start"]:m["end"]] != m["text"]
    for r in graph["relations"]:
        for ev in r["evidence"]:
            total += 1
            bad += text[ev["start"]:ev["end"]] != ev["text"]
    return total, bad


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="article size in MB (default 50)")
    parser.add_argument("--encoding", default="utf-8", help="encoding of the article file")
    parser.add_argument("--keep", help="keep the article and outputs in this folder")
    args = parser.parse_args(argv)
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    article = work / "article.txt"
    text = make_article(article, args.mb, args.encoding)
    result = run_build(article, work / "out")
    print(f"command:    {sys.executable} -m kg.cli build {article} -o {work / 'out'}")
    print(f"article:    {article.stat().st_size / 1e6:.1f} MB ({args.encoding}), {len(text):,} characters")
    print(f"exit code:  {result['exit']}")
    print(f"elapsed:    {result['seconds']:.1f} s wall, {result['cpu_seconds']:.1f} s CPU")
    print(f"peak RSS:   {result['maxrss_mb']:.0f} MB (ru_maxrss), {result['sampled_mb']:.0f} MB (sampled VmRSS)")
    if result["exit"] != 0:
        print(result["stderr"][-2000:], file=sys.stderr)
        return 1
    graph = json.loads((work / "out" / "graph.json").read_text(encoding="utf-8"))
    total, bad = check_offsets(graph, article.read_bytes().decode(args.encoding))
    sizes = {p.name: p.stat().st_size / 1e6 for p in sorted((work / "out").iterdir())}
    print(f"graph:      {len(graph['documents'])} document, {len(graph['entities']):,} entities, "
          f"{sum(len(e['mentions']) for e in graph['entities']):,} mentions, "
          f"{len(graph['relations']):,} relations")
    print("outputs:    " + ", ".join(f"{k} {v:.1f} MB" for k, v in sizes.items()))
    print(f"offsets:    {total:,} mentions and evidence checked, {bad} wrong")
    if not args.keep:
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    return 0 if bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
