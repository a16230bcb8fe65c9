"""Load on ``kg serve``: concurrent clients on loopback, latency by kind of request.

Starts ``kg serve GRAPH`` as a user does (a subprocess on a free loopback port), waits for it,
then runs ``--clients`` threads that each send ``--requests`` requests, a mix of searches
(names in both scripts, pinyin, partial names), entity pages, relation pages and the SPARQL
examples of ``examples/queries/``.  Prints p50/p95/max latency per kind and any error.

Usage::

    .venv/bin/python benchmarks/server.py benchmarks/data/store-real       # the corpus store of corpus.py
    .venv/bin/python benchmarks/server.py out --clients 5 --requests 20
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

__all__ = ["main"]

ROOT = Path(__file__).resolve().parents[1]
TARGET_P95 = 0.300  # seconds, search and entity pages
INTERACTIVE = 3.0  # seconds: an example query slower than this alone is left out of the mix


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("graph", help="a store, build folder or graph file")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=50, help="requests per client")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ)
    env.setdefault("KG_CACHE_DIR", str(ROOT / ".venv" / "kg-cache"))
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "kg", "serve", args.graph, "--port", str(port)],
                              env=env, stderr=subprocess.PIPE, text=True)
    try:
        while True:
            try:
                if _get(base + "/api/search?q=a")[0] == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None:
                raise SystemExit(f"kg serve stopped: {server.stderr.read()[-2000:]}")
            time.sleep(0.5)
        print(f"kg serve {args.graph}: ready after {time.perf_counter() - started:.1f} s", flush=True)

        # What to ask: names and ids from the graph itself.
        rng = random.Random(args.seed)
        people = json.loads(_get(base + "/api/search?type=Person&limit=200&q=" + urllib.parse.quote("王"))[1])["results"]
        people += json.loads(_get(base + "/api/search?type=Person&limit=200&q=" + urllib.parse.quote("李"))[1])["results"]
        if not people:
            raise SystemExit("no people in this graph to ask about")
        relation_ids = []
        for hit in people[:20]:
            _, page = _get(base + "/entity/" + hit["id"])
            relation_ids += [chunk.split('"')[0] for chunk in page.decode().split('href="/relation/')[1:]]
        # Each example alone first: the interactive ones (under INTERACTIVE s) go into the mix; an
        # analytic one (every pair of people at every event of a corpus) is timed and left out.
        queries = []
        for path in sorted((ROOT / "examples" / "queries").glob("*.rq")):
            t = time.perf_counter()
            status, body = _get(base + "/sparql", path.read_bytes(), {"Content-Type": "application/sparql-query"})
            took = time.perf_counter() - t
            rows = len(json.loads(body)["results"]["bindings"]) if status == 200 else 0
            mixed = status == 200 and took <= INTERACTIVE
            print(f"  {path.name:24s} alone: {took * 1000:7.0f} ms, {rows} rows, status {status}"
                  f"{'' if mixed else ' — left out of the mix'}", flush=True)
            if mixed:
                queries.append(path.read_text(encoding="utf-8"))

        def request(kind: str) -> tuple[str, str, bytes | None, dict]:
            hit = rng.choice(people)
            if kind == "search":
                q = rng.choice([hit["name"], hit["name"][:2], hit["pinyin"], hit["pinyin"].replace(" ", ""), hit["hant"]])
                return kind, "/api/search?q=" + urllib.parse.quote(q or hit["name"]), None, {}
            if kind == "entity":
                return kind, "/entity/" + hit["id"], None, {}
            if kind == "relation" and relation_ids:
                return kind, "/relation/" + rng.choice(relation_ids), None, {}
            return "sparql", "/sparql", rng.choice(queries).encode(), {"Content-Type": "application/sparql-query"}

        kinds = ["search"] * 4 + ["entity"] * 3 + ["relation"] * 2 + ["sparql"]
        plan = [[request(rng.choice(kinds)) for _ in range(args.requests)] for _ in range(args.clients)]
        times: dict[str, list[float]] = defaultdict(list)
        errors: list[str] = []
        lock = threading.Lock()

        def client(todo):
            for kind, path, data, headers in todo:
                t = time.perf_counter()
                status, _ = _get(base + path, data, headers)
                elapsed = time.perf_counter() - t
                with lock:
                    times[kind].append(elapsed)
                    if status != 200:
                        errors.append(f"{status} {kind} {path[:80]}")

        t0 = time.perf_counter()
        threads = [threading.Thread(target=client, args=(todo,)) for todo in plan]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        wall = time.perf_counter() - t0
        total = sum(len(v) for v in times.values())
        print(f"{args.clients} clients x {args.requests} requests: {total} in {wall:.1f} s "
              f"({total / wall:.0f} requests/s), {len(errors)} errors", flush=True)
        for kind in ("search", "entity", "relation", "sparql"):
            v = sorted(times.get(kind, []))
            if not v:
                continue
            p95 = v[min(len(v) - 1, int(0.95 * len(v)))]
            verdict = ""
            if kind in ("search", "entity"):
                verdict = "met" if p95 <= TARGET_P95 else "NOT met"
                verdict = f"(target p95 <= {TARGET_P95 * 1000:.0f} ms: {verdict})"
            print(f"  {kind:8s} {len(v):5d} requests  p50 {statistics.median(v) * 1000:7.0f} ms  "
                  f"p95 {p95 * 1000:7.0f} ms  max {v[-1] * 1000:7.0f} ms  {verdict}", flush=True)
        for e in errors[:10]:
            print("  error:", e)
        return 1 if errors else 0
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    sys.exit(main())
