"""The interactive HTML view of a graph: one self-contained file that opens offline.

The nodes and edges are built with pyvis and drawn by vis-network; the page
around them (legend and filters, search, side panel) is kg's own, from
``kg/assets``.  Every script and style is inlined and a Content-Security-Policy
forbids any fetch, so the file works from ``file://`` with no network.  The
layout is computed here, seeded, so the same graph looks the same on every
load and the page is still from the first frame, even at thousands of nodes.

Names and sentences come from news articles and are untrusted: the graph data
travels as JSON in a ``<script type="application/json">`` block with ``<``,
``>``, ``&`` and the JavaScript line separators escaped, and the page builds
every element from it with ``textContent``.
"""

from __future__ import annotations

import base64
import hashlib
import html as _html
import json
import math
import os
import random
import re
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.errors import OutputError
from kg.graph import KnowledgeGraph
from kg.types import ENTITY_TYPES, RELATION_TYPES

__all__ = [
    "RELATION_COLORS",
    "TYPE_COLORS",
    "TYPE_STYLES",
    "layout_positions",
    "render_html",
    "script_json",
    "search_keys",
    "view_data",
    "vis_network_assets",
    "write_html",
]

#: Colour and vis-network shape of each entity type (the legend shows both).
TYPE_STYLES = {
    "Person": ("#e15759", "dot"),
    "Organization": ("#4e79a7", "square"),
    "Place": ("#59a14f", "triangle"),
    "Position": ("#f28e2b", "diamond"),
    "Document": ("#b07aa1", "hexagon"),
    "Event": ("#d4a72c", "star"),
}
_OTHER_STYLE = ("#9d9d9d", "dot")

#: Colour of each entity type (kept for callers of the first version).
TYPE_COLORS = {t: c for t, (c, _) in TYPE_STYLES.items()}

#: Colour of each relation type's edges.
RELATION_COLORS = {
    "leads": "#c0392b",
    "accompanies": "#8e44ad",
    "visits": "#27ae60",
    "signs": "#8c564b",
    "holds_position": "#e67e22",
    "attends": "#16a2b8",
    "speaks_at": "#a0a01e",
    "meets": "#2c6fbb",
}
_OTHER_RELATION = "#7f7f7f"
_UNDIRECTED = {"meets"}

_ASSETS = Path(__file__).resolve().parents[1] / "assets"
# Canvas fonts: CJK faces first so Chinese labels never fall back to boxes.
_FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', 'Source Han Sans SC', sans-serif"
_LABEL_MAX = 16
# What a search ignores: spaces of every kind, apostrophes and dots (as in view.js).
_SEPARATORS = "[ \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff'’·・.\\-_]+"
_SPACING = 100.0  # pixels of room per node in the precomputed layout
_EDGE_LENGTH = 140.0  # the median edge's length, in pixels
_LARGE = 1000  # from this many edges: labels on demand, edges hidden while dragging/zooming


# ------------------------------------------------------------------------- helpers


def script_json(value: Any) -> str:
    """JSON text that is safe inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` become ``\\u003c`` etc., so no ``</script>`` or
    ``<!--`` can end or change the element; U+2028/U+2029 and lone surrogates
    are escaped too, so the text is valid UTF-8 and valid JavaScript.

    Examples
    --------
    >>> script_json({"name": "</script><b>"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    >>> json.loads(script_json(["a\\u2028b"])) == ["a\\u2028b"]
    True
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return re.sub("[<>&\u2028\u2029\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", text)


def _fold(text: str) -> str:
    """The search form of a string: NFKC, lower case, no tone marks, no spaces.

    The page's ``fold`` in ``view.js`` does exactly the same to a query.

    >>> _fold("Liú Jiāyì"), _fold("lǚ"), _fold("劉家義")
    ('liujiayi', 'lv', '劉家義')
    """
    # ü (with or without a tone mark) is written v, as pinyin keyboards do.
    # Character classes are spelt out so that view.js can match them exactly.
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).lower())
    text = re.sub("[\u0300-\u036f]", "", text.replace("u\u0308", "v").replace("u:", "v"))
    return re.sub(_SEPARATORS, "", unicodedata.normalize("NFC", text))


def search_keys(names: list[str], pinyin: str) -> list[str]:
    """The folded strings a search matches for an entity, without repeats.

    Pinyin is kept both with ``v`` and with ``u`` for ``ü``, so ``lu`` and
    ``lv`` both find 吕.

    >>> search_keys(["刘家义", "劉家義"], "liú jiā yì")
    ['刘家义', '劉家義', 'liujiayi']
    """
    keys = [_fold(n) for n in names if n]
    if pinyin:
        folded = _fold(pinyin)
        keys += [folded, folded.replace("v", "u")]
    return [k for k in dict.fromkeys(keys) if k]


@lru_cache(maxsize=1)
def vis_network_assets() -> tuple[str, str]:
    """vis-network's script and style sheet, read from the installed pyvis."""
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "lib"

    def version(p: Path) -> tuple[int, ...]:
        return tuple(int(x) for x in re.findall(r"\d+", p.parent.name))

    scripts = sorted(lib.glob("vis-*/vis-network.min.js"), key=version)
    if not scripts or not (scripts[-1].parent / "vis-network.css").exists():
        raise OutputError(f"{lib}: pyvis ships no vis-network script to inline (reinstall pyvis)")
    return (scripts[-1].read_text(encoding="utf-8"),
            (scripts[-1].parent / "vis-network.css").read_text(encoding="utf-8"))


def _asset(name: str) -> str:
    return (_ASSETS / name).read_text(encoding="utf-8")


def _short(label: str) -> str:
    label = " ".join(label.split())  # newlines in a name would break the canvas label
    return label if len(label) <= _LABEL_MAX else label[: _LABEL_MAX - 1] + "…"


# -------------------------------------------------------------------------- layout


def _layout_edges(kg: KnowledgeGraph, ids: set[str]) -> list[tuple[str, str]]:
    """Pairs that pull nodes together: relations, and events to their roles and place."""
    pairs = [(r.subject, r.object) for r in kg.relations
             if r.object is not None and r.subject in ids and r.object in ids]
    for e in kg.entities:
        if e.type != "Event":
            continue
        others = [role.get("entity") for role in e.attributes.get("roles") or () if isinstance(role, dict)]
        others.append(e.attributes.get("place"))
        pairs += [(e.id, o) for o in others if isinstance(o, str) and o in ids]
    return [(a, b) for a, b in pairs if a != b]


def _node_size(degree: int) -> float:
    """Node radius in pixels: grows with the square root of the degree."""
    return round(min(10 + 4.5 * math.sqrt(degree), 40), 1)


def _label_width(label: str) -> float:
    """About how wide a label is drawn at 14px: CJK glyphs are square, Latin half."""
    return sum(14.0 if unicodedata.east_asian_width(c) in "WF" else 8.0 for c in _short(label))


def _box(name: str, degree: int) -> tuple[float, float]:
    """Room a node needs, shape and label (drawn below it) together: (width, height)."""
    size = _node_size(degree)
    return max(_label_width(name), 2 * size) + 14, 2 * size + 40


def _component_positions(nodes: list[str], edges: list[tuple[str, str]], seed: int, boxes):
    """Pixel positions of one connected component, centred on (0, 0)."""
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_edges_from(edges)
    try:
        pos = nx.spring_layout(g, seed=seed, iterations=150 if len(nodes) < 500 else 60)
        pos = {n: (float(p[0]), float(p[1])) for n, p in pos.items()}
    except ImportError:  # numpy missing: a golden-angle spiral is still deterministic
        pos = {n: (math.sqrt(i) * math.cos(i * 2.39996), math.sqrt(i) * math.sin(i * 2.39996))
               for i, n in enumerate(nodes)}
    cx = sum(x for x, _ in pos.values()) / len(pos)
    cy = sum(y for _, y in pos.values()) / len(pos)
    # Scale so the typical edge is long enough for its label; the farthest
    # leaf must not decide it (spring layouts fling leaves outwards) ...
    lengths = sorted(math.dist(pos[a], pos[b]) for a, b in edges) or [1.0]
    scale = _EDGE_LENGTH / (lengths[len(lengths) // 2] or 1.0)
    # ... and so the nodes have room overall: a disc of about _SPACING² per node
    # (for a uniform disc of radius R the root-mean-square radius is R/√2).
    rms = math.sqrt(sum((x - cx) ** 2 + (y - cy) ** 2 for x, y in pos.values()) / len(pos)) or 1.0
    scale = max(scale, _SPACING * math.sqrt(len(pos) / math.pi) / (rms * math.sqrt(2)))
    pos = {n: ((x - cx) * scale, (y - cy) * scale) for n, (x, y) in pos.items()}
    return _spread(pos, boxes, rounds=60 if len(nodes) <= 300 else 12)


def _spread(pos, boxes, rounds: int) -> dict[str, tuple[float, float]]:
    """Move nodes apart until no two boxes (shape plus label) overlap, or
    ``rounds`` run out; each overlap is undone along its shorter side, so the
    layout keeps its shape.  Only near pairs are compared (a grid of cells as
    big as the largest box), so it stays fast at thousands of nodes."""
    names = list(pos)
    rng = random.Random(0)  # a fixed nudge separates nodes that landed on the same spot
    pts = [[x + rng.uniform(-0.5, 0.5), y + rng.uniform(-0.5, 0.5)] for x, y in (pos[n] for n in names)]
    size = [boxes[n] for n in names]
    cell = max(max(w, h) for w, h in size)
    for _ in range(rounds):
        cells: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i, (x, y) in enumerate(pts):
            cells[(math.floor(x / cell), math.floor(y / cell))].append(i)
        moves = [[0.0, 0.0] for _ in pts]
        worst = 0.0
        for (cx, cy), members in cells.items():
            near = [j for dx in (-1, 0, 1) for dy in (-1, 0, 1) for j in cells.get((cx + dx, cy + dy), ())]
            for i in members:
                for j in near:
                    if j <= i:
                        continue
                    dx, dy = pts[i][0] - pts[j][0], pts[i][1] - pts[j][1]
                    ox = (size[i][0] + size[j][0]) / 2 - abs(dx)
                    oy = (size[i][1] + size[j][1]) / 2 - abs(dy)
                    if ox <= 0 or oy <= 0:
                        continue
                    if oy <= ox:
                        push, axis, sign = oy / 2, 1, 1.0 if dy >= 0 else -1.0
                    else:
                        push, axis, sign = ox / 2, 0, 1.0 if dx >= 0 else -1.0
                    worst = max(worst, push)
                    moves[i][axis] += sign * push
                    moves[j][axis] -= sign * push
        if worst < 2.0:
            break
        for p, move in zip(pts, moves):
            p[0] += move[0] * 0.6  # damped: several pushes on one node add up
            p[1] += move[1] * 0.6
    return {n: (x, y) for n, (x, y) in zip(names, pts)}


def _components(order: list[str], edges: list[tuple[str, str]]) -> list[list[str]]:
    """Connected components, largest first (ties by first id)."""
    adjacency: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        adjacency[a].add(b)
        adjacency[b].add(a)
    components, seen = [], set()
    for start in order:
        if start in seen:
            continue
        seen.add(start)
        stack, members = [start], []
        while stack:
            n = stack.pop()
            members.append(n)
            for m in sorted(adjacency[n] - seen):
                seen.add(m)
                stack.append(m)
        components.append(sorted(members))
    return sorted(components, key=lambda c: (-len(c), c[0]))


def _drawn(kg: KnowledgeGraph) -> list:
    """The relations drawn as edges: those with an entity at both ends."""
    ids = {e.id for e in kg.entities}
    return [r for r in kg.relations if r.object is not None and r.subject in ids and r.object in ids]


def _degrees(kg: KnowledgeGraph) -> Counter:
    """How many drawn edges touch each entity."""
    degree: Counter = Counter()
    for r in _drawn(kg):
        degree[r.subject] += 1
        degree[r.object] += 1
    return degree


def layout_positions(kg: KnowledgeGraph, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Deterministic pixel positions for every entity.

    Each connected component is laid out on its own (a seeded spring layout,
    then nodes moved until no two labels overlap) and the components are
    packed in rows, largest first; unconnected entities form a grid below.

    Examples
    --------
    >>> from kg.types import Entity
    >>> kg = KnowledgeGraph(entities=[Entity("per-a", "Person", "甲"), Entity("per-b", "Person", "乙")])
    >>> layout_positions(kg) == layout_positions(kg)
    True
    >>> sorted(layout_positions(kg))
    ['per-a', 'per-b']
    """
    order = [e.id for e in kg.entities]
    edges = sorted(set(_layout_edges(kg, set(order))))
    degree = _degrees(kg)
    boxes = {e.id: _box(e.name, degree[e.id]) for e in kg.entities}
    components = _components(order, edges)
    blocks = []
    for members in components:
        if len(members) > 1:
            inside = set(members)
            blocks.append(_component_positions(members, [(a, b) for a, b in edges if a in inside], seed, boxes))
    singles = [c[0] for c in components if len(c) == 1]
    if singles:  # unconnected entities: one compact grid, in entity order (types together)
        blocks.append(_grid(singles, boxes))
    return _pack(blocks, boxes)


def _grid(names: list[str], boxes) -> dict[str, tuple[float, float]]:
    """Nodes in rows, in cells as big as the largest box."""
    cols = max(1, math.ceil(math.sqrt(len(names) * 1.2)))
    width = max(boxes[n][0] for n in names)
    height = max(boxes[n][1] for n in names)
    return {n: ((i % cols) * width, (i // cols) * height) for i, n in enumerate(names)}


def _pack(blocks: list[dict[str, tuple[float, float]]], boxes) -> dict[str, tuple[float, float]]:
    """Shelf-pack the bounding boxes of laid-out blocks (in the given order) into
    rows about 1.6 times wider than tall."""
    gap = _SPACING / 2
    placed = []
    for pos in blocks:
        left = min(x - boxes[n][0] / 2 for n, (x, _) in pos.items())
        right = max(x + boxes[n][0] / 2 for n, (x, _) in pos.items())
        top = min(y - boxes[n][1] / 2 for n, (_, y) in pos.items())
        bottom = max(y + boxes[n][1] / 2 for n, (_, y) in pos.items())
        placed.append((pos, left, top, right - left + gap, bottom - top + gap))
    area = sum(w * h for *_, w, h in placed)
    width = max(max((w for *_, w, _ in placed), default=0.0), math.sqrt(area * 1.6))
    out: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for pos, left, top, w, h in placed:
        if x > 0 and x + w > width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for n, (px, py) in pos.items():
            out[n] = (round(x + px - left, 1), round(y + py - top, 1))
        x += w
        row_height = max(row_height, h)
    return out


# ---------------------------------------------------------------------------- data


def _labels(entity) -> dict[str, str]:
    """Simplified, traditional and pinyin names (computed when the graph lacks them)."""
    labels = dict(entity.labels or {})
    hans = labels.get("zh-Hans") or entity.name
    hant = labels.get("zh-Hant")
    pinyin = labels.get("pinyin")
    if hant is None or pinyin is None:
        from kg.resolve import pinyin_label
        from kg.text.normalize import to_traditional

        hant = hant if hant is not None else to_traditional(hans)
        pinyin = pinyin if pinyin is not None else pinyin_label(hans)
    return {"hans": hans, "hant": hant, "pinyin": pinyin}


def _network(kg: KnowledgeGraph, drawn: list, positions, degree, lazy: bool):
    """The pyvis Network of the graph: one node per entity, one edge per drawn
    relation.  With ``lazy``, items carry no label: the page labels them as
    they come into view (measuring thousands of labels no one can read yet
    delays the first frame)."""
    from pyvis.edge import Edge
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    names = {e.id: e.name for e in kg.entities}
    for e in kg.entities:
        x, y = positions[e.id]
        # Colour comes from the type's group (set once in the options); pyvis
        # always writes a shape, so it is given here.
        net.add_node(e.id, label=_short(e.name) or e.id, group=_group(e.type), x=x, y=y,
                     shape=TYPE_STYLES.get(e.type, _OTHER_STYLE)[1],
                     size=_node_size(degree[e.id]),
                     title=f"{e.name} · {e.type}", kind=e.type)
        if lazy:
            node = net.node_map[e.id]
            node["text"] = node.pop("label")
    parallel: Counter = Counter()
    for r in drawn:
        options: dict[str, Any] = {"id": r.id, "kind": r.type, "color": RELATION_COLORS.get(r.type, _OTHER_RELATION),
                                   "title": f"{names[r.subject]} {r.type} {names[r.object]}"}
        if not lazy:
            options["label"] = r.type
        if r.type in _UNDIRECTED:
            options["arrows"] = {"to": {"enabled": False}}
        # Edges between the same two nodes would overlap: bend each further than the last.
        nth = parallel[(r.subject, r.object)] + parallel[(r.object, r.subject)]
        parallel[(r.subject, r.object)] += 1
        if nth:
            options["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.25 * nth}
        # pyvis's add_edge looks both ends up in a list (quadratic); they are
        # checked above, so its Edge model is used directly.  Only what differs
        # from the defaults in the options goes on an edge: thousands are parsed.
        net.edges.append(Edge(r.subject, r.object, directed=False, **options).options)
    return net


def _group(type_: str) -> str:
    """The vis-network group of an entity type (one per known type, one for the rest)."""
    return type_ if type_ in TYPE_STYLES else "kg-other"


def _groups() -> dict[str, Any]:
    styles = {**TYPE_STYLES, "kg-other": _OTHER_STYLE}
    return {name: {"shape": shape, "color": {"background": color, "border": "#ffffff",
                                              "highlight": {"background": color, "border": "#111111"},
                                              "hover": {"background": color, "border": "#111111"}}}
            for name, (color, shape) in styles.items()}


def _options(large: bool, seed: int) -> dict[str, Any]:
    """vis-network options; a large graph hides edges while moving and skips hover."""
    return {
        "groups": {"useDefaultGroups": False, **_groups()},
        "autoResize": True,
        "physics": {"enabled": False},  # positions are precomputed: nothing moves
        "layout": {"randomSeed": seed, "improvedLayout": False},
        "interaction": {"hover": not large, "tooltipDelay": 250, "hideEdgesOnDrag": large,
                        "hideEdgesOnZoom": large, "multiselect": False, "navigationButtons": False,
                        "keyboard": False, "selectConnectedEdges": True},
        "nodes": {"borderWidth": 1.5, "borderWidthSelected": 3,
                  "font": {"face": _FONT, "size": 14, "color": "#1d1d1f", "strokeWidth": 4,
                           "strokeColor": "#ffffff"}},
        "edges": {"width": 1.3, "selectionWidth": 2.5, "hoverWidth": 1.5, "smooth": False,
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.55}},
                  "font": {"face": _FONT, "size": 10, "align": "middle", "color": "#4a4f57",
                           "strokeWidth": 3, "strokeColor": "#ffffff"}},
    }


def _entity_info(e, labels, degree) -> dict[str, Any]:
    info: dict[str, Any] = {"name": e.name, "type": e.type, **labels, "aliases": list(e.aliases),
                            "degree": degree,
                            "keys": search_keys([labels["hans"], labels["hant"], e.name, *e.aliases],
                                                labels["pinyin"]),
                            "docs": dict(Counter(m.doc for m in e.mentions))}
    if e.type == "Event":
        attrs = e.attributes
        info["event"] = {"event_type": attrs.get("event_type"), "date": attrs.get("date"),
                         "place": attrs.get("place"), "cameo": attrs.get("cameo"),
                         "roles": [{"role": str(r.get("role", "")), "entity": str(r.get("entity", ""))}
                                   for r in attrs.get("roles") or () if isinstance(r, dict)]}
    return info


#: Sentences of evidence the page lists per relation (``n`` says how many there are): a relation
#: stated thousands of times (a long article, a corpus) would make a page no browser opens.
VIEW_EVIDENCE = 50


def view_data(kg: KnowledgeGraph, seed: int = 7) -> dict[str, Any]:
    """Everything the page draws, as plain JSON-ready values.

    ``nodes``/``edges`` are vis-network items built with pyvis; ``info``,
    ``rels`` and ``docs`` feed the side panel and the search; ``types`` and
    ``relTypes`` the legend and filters.  A relation lists its first :data:`VIEW_EVIDENCE`
    sentences of evidence.

    Examples
    --------
    >>> from kg.types import Entity, Relation
    >>> kg = KnowledgeGraph(entities=[Entity("per-a", "Person", "刘家义"), Entity("org-b", "Organization", "山东省")],
    ...                     relations=[Relation("rel-1", "leads", "per-a", "org-b", 0.9)])
    >>> d = view_data(kg)
    >>> len(d["nodes"]), len(d["edges"]), d["info"]["per-a"]["pinyin"]
    (2, 1, 'liu jia yi')
    """
    ids = {e.id for e in kg.entities}
    drawn = _drawn(kg)
    lazy = len(drawn) >= _LARGE
    degree = _degrees(kg)
    net = _network(kg, drawn, layout_positions(kg, seed), degree, lazy)
    info = {e.id: _entity_info(e, _labels(e), degree[e.id]) for e in kg.entities}
    rels = {r.id: {"type": r.type, "s": r.subject, "o": r.object, "conf": r.confidence,
                   "drawn": r.object is not None and r.subject in ids and r.object in ids,
                   "n": len(r.evidence),
                   "ev": [{"doc": ev.doc, "start": ev.start, "end": ev.end, "text": ev.text,
                           "trigger": ev.trigger, "conf": ev.confidence} for ev in r.evidence[:VIEW_EVIDENCE]]}
            for r in kg.relations if r.subject in ids}
    docs = {d.id: {"title": d.title, "date": d.date, "source": d.source} for d in kg.documents}
    type_counts = Counter(e.type for e in kg.entities)
    rel_counts = Counter(r["type"] for r in rels.values() if r["drawn"])
    # Relations with no object to draw (attends an unnamed event) count too, as the build summary does.
    unlinked = Counter(r["type"] for r in rels.values() if not r["drawn"])
    all_rels = rel_counts | unlinked
    known_types = [t for t in ENTITY_TYPES if t in type_counts] + sorted(set(type_counts) - set(ENTITY_TYPES))
    known_rels = [t for t in RELATION_TYPES if t in all_rels] + sorted(set(all_rels) - set(RELATION_TYPES))
    return {
        "lazyLabels": lazy,
        "nodes": net.nodes,
        "edges": net.edges,
        "options": _options(large=lazy, seed=seed),
        "types": [{"name": t, "color": TYPE_STYLES.get(t, _OTHER_STYLE)[0],
                   "shape": TYPE_STYLES.get(t, _OTHER_STYLE)[1], "count": type_counts[t]}
                  for t in known_types],
        "relTypes": [{"name": t, "color": RELATION_COLORS.get(t, _OTHER_RELATION), "count": rel_counts[t],
                      "unlinked": unlinked[t], "directed": t not in _UNDIRECTED} for t in known_rels],
        "info": info,
        "rels": rels,
        "docs": docs,
    }


# ---------------------------------------------------------------------------- page


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def _inline(text: str, tag: str) -> str:
    """Text that cannot close its ``<script>``/``<style>`` element early, without
    a source-map comment (DevTools would try to fetch the map)."""
    text = re.sub(r"^\s*//# sourceMappingURL=.*$", "", text, flags=re.MULTILINE)
    return re.sub(f"</(?={tag})", r"<\\/", text, flags=re.IGNORECASE)


def _clean(text: str) -> str:
    """Text that encodes as UTF-8 (lone surrogates become U+FFFD)."""
    return re.sub("[\ud800-\udfff]", "\ufffd", text)


def render_html(kg: KnowledgeGraph, title: str = "kg", seed: int = 7) -> str:
    """The complete page as a string (see :func:`write_html`).

    >>> page = render_html(KnowledgeGraph(), title="<b>")
    >>> "<title>&lt;b&gt;</title>" in page, "https://cdn" in page
    (True, False)
    """
    vis_js, vis_css = vis_network_assets()
    scripts = [_inline(vis_js, "script"), _inline(_asset("view.js"), "script")]
    csp = ("default-src 'none'; script-src " + " ".join(_csp_hash(s) for s in scripts)
           + "; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'")
    values = {
        "csp": csp,
        "title": _html.escape(_clean(title)),
        "vis_css": _inline(vis_css, "style"),
        "view_css": _inline(_asset("view.css"), "style"),
        "data": script_json(view_data(kg, seed)),
        "vis_js": scripts[0],
        "view_js": scripts[1],
    }
    # One pass, so nothing inserted is ever scanned for placeholders again.
    return re.sub(r"\{\{(\w+)\}\}", lambda m: values[m.group(1)], _asset("view.html"))


def write_html(kg: KnowledgeGraph, path: str | os.PathLike, title: str = "kg") -> None:
    """Write the interactive view to ``path`` (UTF-8, atomically).

    The file is self-contained: it opens from ``file://`` with no network.

    Examples
    --------
    >>> import tempfile, os
    >>> out = os.path.join(tempfile.mkdtemp(), "graph.html")
    >>> write_html(KnowledgeGraph(), out, title="empty")
    >>> open(out, encoding="utf-8").read().startswith("<!DOCTYPE html>")
    True
    """
    from kg.io import atomic_write_text

    atomic_write_text(path, render_html(kg, title))
