"""The records every export format is made of: one per node and one per relationship, with the
same properties in every format (see :mod:`kg.serialize.export`), typed columns, evidence as
parallel lists or as scalars, and cells neutralised against spreadsheet formulas.
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kg.errors import OutputError
from kg.graph import KnowledgeGraph
from kg.io import atomic_open
from kg.types import ENTITY_TYPES, RELATION_TYPES

__all__ = ["node_records", "relationship_records", "typed_tables", "float_text", "write_rows", "scalar_node_rows", "scalar_edge_rows", "typed_rows", "xml_safe", "neutralize_formula", "csv_cell", "folder_for_files"]

_EVIDENCE_FIELDS = ("sentence", "document", "start_char", "end_char", "trigger", "evidence_confidence")

# Node property names kg sets itself, or that the GEXF writer reads as structure
# (ids, labels, time spells, layout): an entity attribute of that name gets an attr_ prefix.
_RESERVED = {"id", "type", "name", "label", "aliases", "mentions", "documents", "unlinked", "key",
             "pid", "start", "end", "viz", "parents", "slices", "spells", "weight", "networkx_key"}


def _prop_name(key: str) -> str:
    """A property name safe in every format (CSV headers carry ``name:type``)."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", str(key))
    return name if name and not name[0].isdigit() else f"_{name}"


def _known(value: str, known: tuple[str, ...], what: str) -> str:
    """``value`` if it is one of kg's types; labels and relationship types are
    written into Cypher and file names as they are, so nothing else passes."""
    if value not in known:
        raise OutputError(f"{what}: unknown type {value!r} cannot be a graph-database label "
                          f"(expected one of {', '.join(known)})")
    return value


def _plain(value: Any) -> Any:
    """A property value: a scalar, a homogeneous list of scalars, or JSON text."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        if all(isinstance(v, str) for v in value):
            return list(value)
        if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
            return [float(v) for v in value] if any(isinstance(v, float) for v in value) else list(value)
    # Nested values (an event's roles) cannot be properties: keep them as JSON.
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def node_records(kg: KnowledgeGraph) -> list[tuple[str, dict[str, Any]]]:
    """``(label, properties)`` per entity, in the graph's order."""
    unlinked: dict[str, list[str]] = defaultdict(list)
    for r in kg.relations:
        if r.object is None:
            unlinked[r.subject].append(r.type)
    out = []
    for e in kg.entities:
        props: dict[str, Any] = {"id": e.id, "name": e.name}
        order = {"zh-Hant": 0, "pinyin": 1}
        for key, label in sorted(e.labels.items(), key=lambda kv: (order.get(kv[0], 2), kv[0])):
            if key != "zh-Hans" and label:
                props["name_" + _prop_name(key.lower())] = label
        props["aliases"] = list(e.aliases)
        props["mentions"] = len(e.mentions)
        props["documents"] = list(dict.fromkeys(m.doc for m in e.mentions))
        for key, value in e.attributes.items():
            name = _prop_name(key)
            if name in props or name in _RESERVED:
                name = f"attr_{name}"
            props.setdefault(name, _plain(value))
        if unlinked.get(e.id):
            props["unlinked"] = unlinked[e.id]
        out.append((_known(e.type, ENTITY_TYPES, f"entity {e.id!r}"), props))
    return out


def relationship_records(kg: KnowledgeGraph) -> list[tuple[str, str, str, dict[str, Any]]]:
    """``(TYPE, start id, end id, properties)`` per relation whose ends both exist.

    A relation with no object (attending an unnamed event) has no edge in a
    property graph; it is listed in its subject's ``unlinked`` property.
    """
    ids = {e.id for e in kg.entities}
    out = []
    for r in kg.relations:
        if r.object is None or r.subject not in ids or r.object not in ids:
            continue
        rel_type = _known(r.type, RELATION_TYPES, f"relation {r.id!r}").upper()
        props = {"id": r.id, "confidence": float(r.confidence), **_evidence_lists(r.evidence)}
        out.append((rel_type, r.subject, r.object, props))
    return out


def _evidence_lists(evidence) -> dict[str, list]:
    return {"sentence": [ev.text for ev in evidence], "document": [ev.doc for ev in evidence],
            "start_char": [int(ev.start) for ev in evidence], "end_char": [int(ev.end) for ev in evidence],
            # lists stored as properties cannot hold null: no trigger word is ""
            "trigger": [ev.trigger or "" for ev in evidence],
            "evidence_confidence": [float(ev.confidence) for ev in evidence]}


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, list):
        kinds = {_kind(v) for v in value}
        # "[]" is an empty list, which fits any list column
        return "[]" if not kinds else f"{kinds.pop()}[]" if len(kinds) == 1 else "mixed[]"
    return "string"


def _unify(kinds: set[str]) -> str:
    """One column type for the kinds of values seen in it."""
    typed = kinds - {"[]"}
    if not typed:
        return "string[]" if kinds else "string"
    if typed <= {"long", "double"}:
        return "double" if "double" in typed else "long"
    if typed <= {"long[]", "double[]"}:
        return "double[]" if "double[]" in typed else "long[]"
    only = next(iter(typed))
    if len(typed) == 1 and only != "mixed[]" and (only.endswith("[]") or "[]" not in kinds):
        return only
    return "string"  # a mixture: every value as text (lists as JSON)


def _column_kinds(rows: Iterable[dict[str, Any]]) -> dict[str, str]:
    """One type per column (Neo4j import names), in first-seen column order.

    Integers mixed with floats become ``double``; any other mixture becomes
    ``string`` (lists as JSON), so each column keeps a single type.

    >>> _column_kinds([{"a": 1, "b": ["x"]}, {"a": 0.5, "b": [], "c": None}])
    {'a': 'double', 'b': 'string[]', 'c': 'string'}
    """
    seen: dict[str, set[str]] = {}
    for row in rows:
        for key, value in row.items():
            kinds = seen.setdefault(key, set())
            if value is not None:
                kinds.add(_kind(value))
    return {key: _unify(kinds) for key, kinds in seen.items()}


def _coerce(value: Any, kind: str) -> Any:
    """``value`` as a value of column type ``kind`` (None stays None)."""
    if value is None:
        return None
    if kind == "double":
        return float(value)
    if kind == "double[]":
        return [float(v) for v in value]
    if kind == "string" and not isinstance(value, str):
        return json.dumps(value, ensure_ascii=False) if isinstance(value, list) else str(value)
    return value


def typed_tables(records: Iterable[tuple[str, dict[str, Any]]]) -> dict[str, tuple[dict[str, str], list]]:
    """Group ``(name, properties)`` records by name; type each group's columns."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for name, props in records:
        groups[name].append(props)
    out = {}
    for name, rows in groups.items():
        kinds = _column_kinds(rows)
        out[name] = (kinds, [{k: _coerce(row.get(k), kind) for k, kind in kinds.items()} for row in rows])
    return out


def float_text(value: float) -> str:
    if not math.isfinite(value):
        raise OutputError(f"{value!r} is not a number graph databases can store")
    return repr(value)


def write_rows(path: Path, header: list[str], rows: list[list[str]], *, encoding: str = "utf-8",
                lineterminator: str = "\n") -> str:
    with atomic_open(path, "w", encoding=encoding) as fh:
        writer = csv.writer(fh, lineterminator=lineterminator)
        writer.writerow(header)
        writer.writerows(rows)
    return str(path)


# Characters XML 1.0 cannot carry at all (not even escaped).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _scalar(value: Any) -> Any:
    """Lists as JSON text: GraphML, GEXF and CSV cells hold one value."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value


def scalar_node_rows(kg: KnowledgeGraph) -> list[dict[str, Any]]:
    rows = []
    for label, props in node_records(kg):
        row = {"id": props["id"], "type": label, "name": props["name"]}
        row.update((k, _scalar(v)) for k, v in props.items() if k not in row)
        rows.append(row)
    return rows


def scalar_edge_rows(kg: KnowledgeGraph, unlinked: bool = False) -> list[dict[str, Any]]:
    names = {e.id: e.name for e in kg.entities}
    rows = []
    for r in kg.relations:
        if r.subject not in names or (r.object is not None and r.object not in names):
            continue
        if r.object is None and not unlinked:
            continue
        first = r.evidence[0] if r.evidence else None
        rows.append({
            "id": r.id, "relation": _known(r.type, RELATION_TYPES, f"relation {r.id!r}"), "source": r.subject, "target": r.object,
            "source_name": names[r.subject], "target_name": names.get(r.object),
            "confidence": float(r.confidence),
            "sentence": first and first.text, "document": first and first.doc,
            "start_char": first and int(first.start), "end_char": first and int(first.end),
            "trigger": first and first.trigger,
            "evidence_confidence": first and float(first.confidence),
            "evidence_count": len(r.evidence),
            "evidence": json.dumps([{"doc": ev.doc, "start": ev.start, "end": ev.end, "text": ev.text,
                                     "trigger": ev.trigger, "confidence": ev.confidence}
                                    for ev in r.evidence], ensure_ascii=False),
        })
    return rows


def typed_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    kinds = _column_kinds(rows)
    return [{k: _coerce(row.get(k), kind) for k, kind in kinds.items()} for row in rows]


def xml_safe(value: Any) -> Any:
    # Replaced one for one, so offsets into a sentence still line up.
    return _XML_INVALID.sub("\ufffd", value) if isinstance(value, str) else value


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize_formula(value: Any) -> Any:
    """Prefix text a spreadsheet would run as a formula with ``'`` (OWASP CSV injection).

    >>> neutralize_formula("=cmd|' /C calc'!A0")
    "'=cmd|' /C calc'!A0"
    >>> neutralize_formula("刘家义"), neutralize_formula(-1)
    ('刘家义', -1)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def csv_cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return float_text(value)
    return value


def folder_for_files(folder: str | os.PathLike) -> Path:
    path = Path(folder)
    if path.exists() and not path.is_dir():
        raise OutputError(f"{path}: exists and is not a folder (this format writes several files)")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{path}: cannot create folder ({exc.strerror or exc})") from None
    return path
