"""Scores of a predicted graph against gold files, as the reference scorer computes them.

This is the same computation as ``shared/eval/score.py`` (and a test holds the
two to the same figures): entities matched on (type, name) with aliases and
optional entries, relations on (type, subject, object) with the object left
out for ``attends``/``speaks_at``, ``meets`` unordered, and a lenient
``holds_position`` where the predicted position is a suffix of the gold one.
Matching is one-to-one maximum matching, required gold first.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kg.text.normalize import to_simplified

__all__ = ["score", "format_scores", "norm_name"]

ENTITY_TYPES = ("Person", "Organization", "Place", "Position", "Document")
REL_TYPES = ("leads", "accompanies", "visits", "signs", "holds_position", "attends", "speaks_at", "meets")
NO_OBJECT = {"attends", "speaks_at"}
UNORDERED = {"meets"}
_DROP = str.maketrans("", "", " \t\u3000《》“”\"「」『』")


def norm_name(name: Any) -> str | None:
    """A name as the scorer compares it: half-width, no spaces or quotes, simplified.

    >>> norm_name("《北京市人民政府》"), norm_name("亞信科技（中國）")
    ('北京市人民政府', '亚信科技(中国)')
    """
    if name is None:
        return None
    s = "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else c for c in str(name))
    return to_simplified(s.translate(_DROP))


def _alts(value) -> set:
    if value is None:
        return set()
    if isinstance(value, list):
        return {norm_name(x) for x in value}
    return {norm_name(value)}


def _match(gold: list, pred: list, same: Callable) -> tuple[int, int, int, list, list]:
    """One-to-one maximum matching (required gold first, then optional)."""
    owner: dict[int, int] = {}

    def augment(gi: int, seen: set) -> bool:
        for pi, p in enumerate(pred):
            if pi in seen or not same(gold[gi][0], p):
                continue
            seen.add(pi)
            if pi not in owner or augment(owner[pi], seen):
                owner[pi] = gi
                return True
        return False

    for want_optional in (False, True):
        for gi, (_, optional) in enumerate(gold):
            if optional == want_optional:
                augment(gi, set())
    matched = set(owner.values())
    tp = sum(1 for gi in matched if not gold[gi][1])
    missed = [g for gi, (g, optional) in enumerate(gold) if gi not in matched and not optional]
    spurious = [p for pi, p in enumerate(pred) if pi not in owner]
    return tp, len(spurious), len(missed), missed, spurious


def _same_relation(gk, pk, lenient: bool = False) -> bool:
    t, gs, go = gk
    if t != pk[0]:
        return False
    if t in NO_OBJECT:
        return pk[1] in gs
    if t in UNORDERED:
        return (pk[1] in gs and pk[2] in go) or (pk[1] in go and pk[2] in gs)
    if pk[1] not in gs:
        return False
    if lenient and t == "holds_position" and pk[2]:
        return any(o.endswith(pk[2]) and len(pk[2]) >= 2 for o in go)
    return pk[2] in go


def score(gold_dir: str | os.PathLike, pred: dict[str, Any], docs: set[str] | None = None,
          details: list | None = None) -> dict[str, list[int]]:
    """Counts ``[tp, fp, fn]`` per score key (``entities``, ``entities.Person``,
    ``relations``, ``relations.leads``, ``relations.lenient`` ...).

    ``pred`` is the JSON graph (as ``kg extract --format json`` prints it).
    When ``details`` is a list, per-document misses and spurious items are
    appended to it.
    """
    doc_file = {str(d.get("id")): os.path.basename(str(d.get("path") or d.get("id")))
                for d in pred.get("documents", [])}
    ents = {str(e["id"]): e for e in pred.get("entities", [])}
    ent_docs: dict[str, set] = defaultdict(set)
    for e in pred.get("entities", []):
        for m in e.get("mentions", []) or []:
            ent_docs[doc_file.get(str(m.get("doc")), os.path.basename(str(m.get("doc"))))].add(str(e["id"]))
    rel_docs: dict[str, list] = defaultdict(list)
    for r in pred.get("relations", []):
        seen = set()
        for ev in r.get("evidence", []) or []:
            f = doc_file.get(str(ev.get("doc")), os.path.basename(str(ev.get("doc"))))
            if f not in seen:
                seen.add(f)
                rel_docs[f].append(r)

    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])

    def add(key: str, tp: int, fp: int, fn: int) -> None:
        t = totals[key]
        t[0] += tp
        t[1] += fp
        t[2] += fn

    for gf in sorted(p for p in os.listdir(gold_dir) if p.endswith(".gold.json")):
        g = json.loads(Path(gold_dir, gf).read_text(encoding="utf-8"))
        name = g["doc"]
        if docs and name not in docs:
            continue
        ge = [((e["type"], _alts([e["name"]] + e.get("aliases", []))), e.get("optional", False))
              for e in g["entities"]]
        pe = sorted({(ents[i]["type"], norm_name(ents[i]["name"])) for i in ent_docs.get(name, ())
                     if i in ents and ents[i].get("type") in ENTITY_TYPES})

        def typed(gk, pk):
            return gk[0] == pk[0] and pk[1] in gk[1]

        tp, fp, fn, missed_e, spurious_e = _match(ge, pe, typed)
        add("entities", tp, fp, fn)
        for t in ENTITY_TYPES:
            add("entities." + t, *_match([x for x in ge if x[0][0] == t], [p for p in pe if p[0] == t],
                                         typed)[:3])
        add("entities.untyped", *_match(ge, pe, lambda gk, pk: pk[1] in gk[1])[:3])

        def pkey(r):
            s = ents.get(str(r.get("subject")), {}).get("name")
            o = ents.get(str(r.get("object")), {}).get("name") if r.get("object") is not None else None
            return (r["type"], norm_name(s), norm_name(o))

        pr = sorted({pkey(r) for r in rel_docs.get(name, []) if r.get("type") in REL_TYPES}, key=str)
        gr = [((r["type"], _alts(r["subject"]), _alts(r.get("object"))), r.get("optional", False))
              for r in g["relations"]]
        prd = sorted({p if p[0] not in NO_OBJECT else (p[0], p[1], None) for p in pr}, key=str)
        tp, fp, fn, missed_r, spurious_r = _match(gr, prd, _same_relation)
        add("relations", tp, fp, fn)
        add("relations.lenient", *_match(gr, prd, lambda a, b: _same_relation(a, b, True))[:3])
        for t in REL_TYPES:
            add("relations." + t, *_match([x for x in gr if x[0][0] == t], [p for p in prd if p[0] == t],
                                          _same_relation)[:3])
        if details is not None:
            details.append({"doc": name,
                            "missed_entities": [sorted(m[1])[0] + "/" + m[0] for m in missed_e],
                            "spurious_entities": [p[1] + "/" + p[0] for p in spurious_e],
                            "missed_relations": [(m[0], sorted(m[1])[:1], sorted(m[2])[:1]) for m in missed_r],
                            "spurious_relations": spurious_r})
    return dict(totals)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts.

    >>> [round(x, 3) for x in prf(8, 2, 2)]
    [0.8, 0.8, 0.8]
    """
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def format_scores(totals: dict[str, list[int]]) -> str:
    """The table the reference scorer prints, and its last summary line."""
    lines = [f"{'':28s} {'tp':>5s} {'fp':>5s} {'fn':>5s}   P     R     F1"]
    for k in sorted(totals):
        tp, fp, fn = totals[k]
        p, r, f = prf(tp, fp, fn)
        lines.append(f"{k:28s} {tp:5d} {fp:5d} {fn:5d}  {p:.3f} {r:.3f} {f:.3f}")
    ef = prf(*totals.get("entities", [0, 0, 0]))[2]
    rf = prf(*totals.get("relations", [0, 0, 0]))[2]
    rl = prf(*totals.get("relations.lenient", [0, 0, 0]))[2]
    lines.append(f"entity_f1={ef:.3f} relation_f1={rf:.3f} relation_f1_lenient={rl:.3f}")
    return "\n".join(lines)
