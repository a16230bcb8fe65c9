"""How long a large graph.html takes to become usable in headless Chromium.

Generates a graph (2,000 entities and 5,000 relations by default, names and
sentences made up but shaped like kg's), writes it with ``kg.serialize.html.write_html``,
opens it from ``file://`` in Debian's Chromium through Playwright and prints:

- ``write``: seconds to lay out and write the page in Python;
- ``ready``: milliseconds from navigation start to the first frame drawn with
  every node and edge (``kgView.ready``), the page is interactive from then;
- ``idle``: milliseconds until Playwright sees the network idle;
- ``search``: milliseconds for a search plus selecting and focusing the hit;
- ``still``: whether any node moved in the second after ``ready`` (it must not).

Run::

    .venv/bin/python benchmarks/html_load.py            # 2,000 / 5,000, 3 runs
    .venv/bin/python benchmarks/html_load.py --nodes 500 --edges 1200 --keep /tmp/big.html
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kg.graph import KnowledgeGraph
from kg.types import Document, Entity, Evidence, Mention, Relation

__all__ = ["generate_graph", "main", "measure"]

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志新家义正奇宁红波辉鹏飞云峰海林庆"
_PLACES = "北京上海天津重庆山东江苏浙江广东河北河南湖北湖南四川福建安徽江西辽宁吉林陕西山西云南贵州"
_BODIES = ["人民政府", "委员会", "代表团", "研究院", "有限公司", "交易所", "大学", "协会"]
_TITLES = ["书记", "省长", "市长", "主任", "副书记", "局长", "董事长", "院长"]
# (relation, subject type, object type, share of the edges)
_SHAPES = [("holds_position", "Person", "Position", 0.3), ("leads", "Person", "Organization", 0.1),
           ("accompanies", "Person", "Person", 0.1), ("visits", "Organization", "Place", 0.15),
           ("visits", "Person", "Place", 0.1), ("signs", "Organization", "Document", 0.05),
           ("attends", "Person", "Event", 0.1), ("meets", "Person", "Person", 0.1)]
_TYPE_SHARE = [("Person", 0.4), ("Organization", 0.2), ("Place", 0.15), ("Position", 0.17),
               ("Document", 0.04), ("Event", 0.04)]


def _name(rng: random.Random, type_: str, i: int) -> str:
    place = _PLACES[2 * rng.randrange(len(_PLACES) // 2):][:2]
    if type_ == "Person":
        return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2)))) + str(i)
    if type_ == "Organization":
        return f"{place}{rng.choice(_BODIES)}{i}"
    if type_ == "Place":
        return f"{place}{rng.choice('市区县镇')}{i}"
    if type_ == "Position":
        return f"{place}{rng.choice(_TITLES)}{i}"
    if type_ == "Document":
        return f"{place}合作框架协议{i}"
    return f"{place}工作交流座谈会{i}"


def generate_graph(n_nodes: int = 2000, n_edges: int = 5000, seed: int = 1) -> KnowledgeGraph:
    """A made-up graph with kg's shape: typed entities, typed relations with evidence.

    Ends are drawn with a preference for busy entities, so there are hubs as in
    real news graphs.

    >>> g = generate_graph(30, 40)
    >>> len(g.entities), len(g.relations)
    (30, 40)
    """
    from kg.resolve import pinyin_label
    from kg.text.normalize import to_traditional

    rng = random.Random(seed)
    docs = [Document(f"doc{i:04d}.txt", "", title=f"新闻稿第{i}号：代表团到{_PLACES[i % 12 * 2:][:2]}学习考察",
                     date=f"2019-{1 + i % 12:02d}-{1 + i % 28:02d}") for i in range(max(1, n_nodes // 10))]
    by_type: dict[str, list[str]] = {t: [] for t, _ in _TYPE_SHARE}
    entities = []
    for i in range(n_nodes):
        type_ = rng.choices([t for t, _ in _TYPE_SHARE], [w for _, w in _TYPE_SHARE])[0]
        name = _name(rng, type_, i)
        doc = rng.choice(docs).id
        entities.append(Entity(f"{type_[:3].lower()}-{i:06d}", type_, name,
                               {"zh-Hans": name, "zh-Hant": to_traditional(name), "pinyin": pinyin_label(name)},
                               mentions=(Mention(doc, 0, len(name), name, type_, name),)))
        by_type[type_].append(entities[-1].id)
    weight = {e.id: 1 for e in entities}
    relations = []
    for i in range(n_edges):
        rel, st, ot, _ = rng.choices(_SHAPES, [s[3] for s in _SHAPES])[0]
        subjects, objects = by_type[st] or by_type["Person"], by_type[ot] or by_type["Place"]
        s = rng.choices(subjects, [weight[x] for x in subjects])[0]
        o = rng.choices(objects, [weight[x] for x in objects])[0]
        weight[s] += 1
        weight[o] += 1
        doc = rng.choice(docs)
        text = f"第{i}句：{s}与{o}的关系由此句说明。"
        relations.append(Relation(f"rel-{i:06d}", rel, s, o, round(rng.uniform(0.5, 1.0), 2),
                                  (Evidence(doc.id, 0, len(text), text, "说明", 0.8),)))
    return KnowledgeGraph(docs, entities, relations)


def measure(page_path: Path, chromium: str, runs: int) -> list[dict[str, float]]:
    """Open the page ``runs`` times, each in a fresh headless Chromium; one dict per run."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        return [_open_once(pw, page_path, chromium) for _ in range(runs)]


def _open_once(pw, page_path: Path, chromium: str) -> dict[str, float]:
    profile = tempfile.mkdtemp(prefix="kg-bench-")
    ctx = pw.chromium.launch_persistent_context(profile, executable_path=chromium, headless=True,
                                                args=CHROMIUM_ARGS, viewport={"width": 1400, "height": 900})
    try:
        page = ctx.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        start = time.perf_counter()
        page.goto(page_path.resolve().as_uri())
        # Arrow functions: the page's Content-Security-Policy forbids eval.
        page.wait_for_function("() => window.kgView && kgView.ready", timeout=120_000)
        ready = page.evaluate("() => kgView.readyAt")
        page.wait_for_load_state("networkidle")
        idle = (time.perf_counter() - start) * 1000
        before = page.evaluate("() => JSON.stringify(kgView.network.getPositions())")
        page.wait_for_timeout(1000)
        still = before == page.evaluate("() => JSON.stringify(kgView.network.getPositions())")
        search = page.evaluate("""() => { const t = performance.now();
            kgView.select(kgView.search('wang')[0]); return performance.now() - t; }""")
        counts = page.evaluate("() => kgView.counts()")
        return {"ready": ready, "idle": idle, "search": search, "still": still,
                "nodes": counts["nodes"], "edges": counts["edges"], "requests": len(requests)}
    finally:
        ctx.close()
        shutil.rmtree(profile, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--nodes", type=int, default=2000)
    ap.add_argument("--edges", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--chromium", default=os.environ.get("KG_CHROMIUM") or shutil.which("chromium")
                    or "/usr/bin/chromium")
    ap.add_argument("--keep", help="also copy the generated page here")
    args = ap.parse_args(argv)

    from kg.serialize.html import write_html

    graph = generate_graph(args.nodes, args.edges)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "graph.html"
        start = time.perf_counter()
        write_html(graph, page, title=f"benchmark {args.nodes} nodes / {args.edges} edges")
        write = time.perf_counter() - start
        if args.keep:
            shutil.copyfile(page, args.keep)
        size = page.stat().st_size
        runs = measure(page, args.chromium, args.runs)
    print(f"graph:  {args.nodes} nodes, {args.edges} edges; page {size / 1e6:.1f} MB, written in {write:.2f} s")
    for i, r in enumerate(runs, 1):
        print(f"run {i}:  ready {r['ready']:.0f} ms, idle {r['idle']:.0f} ms, search+focus {r['search']:.0f} ms, "
              f"drawn {r['nodes']}/{r['edges']}, still {r['still']}, requests {r['requests']}")
    print(f"median: ready {statistics.median(r['ready'] for r in runs):.0f} ms "
          f"(interactive, every node and edge drawn), network idle "
          f"{statistics.median(r['idle'] for r in runs):.0f} ms")
    return 0 if all(r["still"] and r["requests"] == 1 for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
