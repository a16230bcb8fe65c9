"""Exports for graph databases and spreadsheets, and loading into a SPARQL store.

:func:`export` writes one graph in one of :data:`FORMATS`:

============  =====================================================  ===========
format        what                                                   ``out`` is
============  =====================================================  ===========
``neo4j``     CSV for ``neo4j-admin database import full`` + README  a folder
``csv``       ``nodes.csv`` and ``edges.csv`` for spreadsheets        a folder
``cypher``    a re-runnable Cypher script (constraints + ``MERGE``)  a file
``graphml``   GraphML (yEd, Cytoscape, Gephi)                        a file
``gexf``      GEXF 1.2 (Gephi)                                       a file
``nquads``    N-Quads, one named graph per document (via kg.serialize.rdf)     a file
``ntriples``  N-Triples (via kg.serialize.rdf)                                 a file
============  =====================================================  ===========

Every format carries the same properties.  Nodes: ``id``, ``name``,
``name_zh_hant``, ``name_pinyin``, ``aliases``, ``mentions`` (count),
``documents`` (the articles that mention it), the entity's attributes (an
event's ``event_type``, ``date``, ``place``, ``cameo``, ``roles``) and
``unlinked`` (types of relations that have no object, such as attending an
unnamed event).  Relationships: ``id``, ``confidence`` and the evidence —
``sentence``, ``document``, ``start_char``, ``end_char``, ``trigger``,
``evidence_confidence`` — as parallel lists where the format has lists (Neo4j
CSV, Cypher), and as the first sentence's values plus ``evidence_count`` and
``evidence`` (every sentence, as JSON) where it has only scalars (GraphML,
GEXF, CSV).  Nested values (an event's ``roles``) become JSON strings.

Names from articles are data, never code: Cypher gets escaped string literals,
CSV is quoted by the csv module (and neutralised against spreadsheet formulas
in the ``csv`` format), XML formats are escaped by their writers.
"""

from __future__ import annotations

import base64
import csv
import json
import math
import os
import re
import shlex
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

from kg.errors import OutputError, UsageError
from kg.graph import KnowledgeGraph
from kg.io import atomic_group, atomic_open, atomic_write_text, safe_child
from kg.types import ENTITY_TYPES, RELATION_TYPES

__all__ = [
    "FORMATS",
    "DIALECTS",
    "export",
    "push_sparql",
    "write_neo4j_csv",
    "write_cypher",
    "cypher_statements",
    "write_graphml",
    "write_gexf",
    "write_csv_tables",
    "cypher_literal",
    "neutralize_formula",
]

#: Export formats, and whether ``out`` names a folder (True) or a file (False).
FORMATS = {"neo4j": True, "csv": True, "cypher": False, "graphml": False, "gexf": False,
           "nquads": False, "ntriples": False}

#: File names used when a single-file format is given an existing folder.
_DEFAULT_NAMES = {"cypher": "graph.cypher", "graphml": "graph.graphml", "gexf": "graph.gexf",
                  "nquads": "graph.nq", "ntriples": "graph.nt"}

#: Cypher dialects: Neo4j 5 (constraints) and LadybugDB/Kùzu (declared tables).
DIALECTS = ("neo4j", "ladybug")

# Property kinds use Neo4j's import type names; the Ladybug column type of each.
_LADYBUG_TYPES = {"string": "STRING", "long": "INT64", "double": "DOUBLE", "boolean": "BOOLEAN",
                  "string[]": "STRING[]", "long[]": "INT64[]", "double[]": "DOUBLE[]"}
_EVIDENCE_FIELDS = ("sentence", "document", "start_char", "end_char", "trigger", "evidence_confidence")
# Node property names kg sets itself, or that the GEXF writer reads as structure
# (ids, labels, time spells, layout): an entity attribute of that name gets an attr_ prefix.
_RESERVED = {"id", "type", "name", "label", "aliases", "mentions", "documents", "unlinked", "key",
             "pid", "start", "end", "viz", "parents", "slices", "spells", "weight", "networkx_key"}


# --------------------------------------------------------------------------- records


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


def _node_records(kg: KnowledgeGraph) -> list[tuple[str, dict[str, Any]]]:
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


def _rel_records(kg: KnowledgeGraph) -> list[tuple[str, str, str, dict[str, Any]]]:
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


def _tables(records: Iterable[tuple[str, dict[str, Any]]]) -> dict[str, tuple[dict[str, str], list]]:
    """Group ``(name, properties)`` records by name; type each group's columns."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for name, props in records:
        groups[name].append(props)
    out = {}
    for name, rows in groups.items():
        kinds = _column_kinds(rows)
        out[name] = (kinds, [{k: _coerce(row.get(k), kind) for k, kind in kinds.items()} for row in rows])
    return out


# ------------------------------------------------------------------------ neo4j csv

_ARRAY_DELIMITERS = (";", "|", "\x1f", "\x1e", "\x1d")


def _array_delimiter(values: Iterable[str]) -> str:
    """Neo4j's default ``;`` unless some array element contains it.

    The import tool has no escape for the array delimiter, so a name with a
    ``;`` in it would be split; then the first candidate no element contains
    is used (and named in the import command).
    """
    text = "".join(values)
    for candidate in _ARRAY_DELIMITERS:
        if candidate not in text:
            return candidate
    raise OutputError("every array delimiter candidate occurs in the data "
                      f"({', '.join(repr(c) for c in _ARRAY_DELIMITERS)})")


def _neo4j_cell(value: Any, delimiter: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, list):
        return delimiter.join(_neo4j_cell(v, delimiter) for v in value)
    return str(value)


def _float_text(value: float) -> str:
    if not math.isfinite(value):
        raise OutputError(f"{value!r} is not a number graph databases can store")
    return repr(value)


def _delimiter_option(delimiter: str) -> str:
    shown = delimiter if delimiter.isprintable() else f"U+{ord(delimiter):04X}"
    return "--array-delimiter=" + shlex.quote(shown)


def write_neo4j_csv(kg: KnowledgeGraph, folder: str | os.PathLike) -> list[str]:
    """Write CSV files for ``neo4j-admin database import full`` and a README.

    One node file per label (``nodes_Person.csv`` ...: ``id:ID``, ``:LABEL``
    and typed properties such as ``name:string``, ``aliases:string[]``,
    ``mentions:long``) and one relationship file per type
    (``relationships_LEADS.csv`` ...: ``:START_ID``, ``:END_ID``, ``:TYPE``,
    ``confidence:double``, ``sentence:string[]`` ...).  ``README.md`` beside
    them gives the exact import command.  Returns the paths written.

    >>> import tempfile
    >>> from kg.types import Entity
    >>> paths = write_neo4j_csv(KnowledgeGraph(entities=[Entity("per-1", "Person", "刘家义")]),
    ...                         tempfile.mkdtemp())
    >>> [Path(p).name for p in paths]
    ['nodes_Person.csv', 'README.md']
    >>> Path(paths[0]).read_text(encoding="utf-8").splitlines()[0]
    'id:ID,:LABEL,name:string,aliases:string[],mentions:long,documents:string[]'
    """
    folder = _folder(folder)
    nodes = _tables(_node_records(kg))
    rels = _tables((t, {"start": s, "end": o, **p}) for t, s, o, p in _rel_records(kg))
    array_values = [label for label in nodes]
    for kinds, rows in [*nodes.values(), *rels.values()]:
        array_values += [str(v) for row in rows for k, kind in kinds.items() if kind.endswith("[]")
                         for v in row[k] or ()]
    delimiter = _array_delimiter(array_values)
    written: list[tuple[str, str]] = []
    with atomic_group():  # the files replace a previous export together, or not at all
        _write_neo4j_files(folder, nodes, rels, delimiter, written)
        readme = safe_child(folder, "README.md")
        atomic_write_text(readme, _neo4j_readme(written, delimiter, len(kg.entities),
                                                sum(len(rows) for _, rows in rels.values())))
    return [path for _, path in written] + [str(readme)]


def _write_neo4j_files(folder: Path, nodes, rels, delimiter: str, written: list[tuple[str, str]]) -> None:
    for label, (kinds, rows) in nodes.items():
        header = ["id:ID", ":LABEL"] + [f"{k}:{kind}" for k, kind in kinds.items() if k != "id"]
        body = [[row["id"], label] + [_neo4j_cell(row[k], delimiter) for k in kinds if k != "id"]
                for row in rows]
        written.append(("nodes", _write_rows(safe_child(folder, f"nodes_{label}.csv"), header, body)))
    for rel_type, (kinds, rows) in rels.items():
        props = [k for k in kinds if k not in ("start", "end")]
        header = [":START_ID", ":END_ID", ":TYPE"] + [f"{k}:{kinds[k]}" for k in props]
        body = [[row["start"], row["end"], rel_type] + [_neo4j_cell(row[k], delimiter) for k in props]
                for row in rows]
        written.append(("relationships",
                        _write_rows(safe_child(folder, f"relationships_{rel_type}.csv"), header, body)))


def _write_rows(path: Path, header: list[str], rows: list[list[str]], *, encoding: str = "utf-8",
                lineterminator: str = "\n") -> str:
    with atomic_open(path, "w", encoding=encoding) as fh:
        writer = csv.writer(fh, lineterminator=lineterminator)
        writer.writerow(header)
        writer.writerows(rows)
    return str(path)


def _neo4j_command(written: list[tuple[str, str]], delimiter: str) -> str:
    lines = ["neo4j-admin database import full"]
    lines += [f"--{kind}={shlex.quote(Path(path).name)}" for kind, path in written]
    lines += [_delimiter_option(delimiter), "--multiline-fields=true", "neo4j"]
    return " \\\n    ".join(lines)


def _neo4j_readme(written: list[tuple[str, str]], delimiter: str, n_nodes: int, n_rels: int) -> str:
    return f"""# kg graph for Neo4j

{n_nodes} nodes and {n_rels} relationships, written by `kg export --to neo4j` in the CSV format of
`neo4j-admin database import full` (Neo4j 5). Stop the database first; the import fills a new or
empty database (add `--overwrite-destination=true` to replace an existing one). Run from this folder:

```sh
{_neo4j_command(written, delimiter)}
```

- Node ids are the `id:ID` column (kg's stable ids, one global id space); labels are entity types.
- Arrays (`aliases`, `documents`, evidence lists) are separated by {delimiter!r} (`--array-delimiter`);
  the evidence lists on a relationship are parallel: item *i* of `sentence`, `document`,
  `start_char`, `end_char`, `trigger` and `evidence_confidence` describe the same sentence.
- Sentences may span lines, hence `--multiline-fields=true`.
- Numbers are `long` and `double` (64-bit, what Cypher uses), so confidences are not rounded.
- After the import, create the uniqueness constraints for re-runs of `kg export --to cypher`:
  `CREATE CONSTRAINT kg_person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE` (one per label).

Who led a delegation:

```cypher
MATCH (p:Person)-[r:LEADS]->(o:Organization {{name: '山东省党政代表团'}})
RETURN p.name, r.sentence[0], r.document[0]
```
"""


# --------------------------------------------------------------------------- cypher

_CYPHER_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _cypher_string(text: str) -> str:
    if text.isprintable() and "\\" not in text and "'" not in text:
        return f"'{text}'"
    out = []
    for ch in text:
        if ch in _CYPHER_ESCAPES:
            out.append(_CYPHER_ESCAPES[ch])
        elif ch.isprintable():
            out.append(ch)
        elif ord(ch) <= 0xFFFF:  # controls, bidi marks, separators: visible in the script
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(f"\\U{ord(ch):08X}")
    return "'" + "".join(out) + "'"


def cypher_literal(value: Any) -> str:
    """A Cypher literal for ``value`` (string, number, boolean, None or list).

    Strings are single-quoted with ``\\\\``, ``\\'``, ``\\n``, ``\\r``, ``\\t``
    and ``\\uXXXX`` escapes (the escapes Neo4j's Cypher manual lists, which
    LadybugDB reads the same way), so no text can end the literal.

    >>> print(cypher_literal("'); MATCH (n) DETACH DELETE n; //"))
    '\\'); MATCH (n) DETACH DELETE n; //'
    >>> cypher_literal(["a", "b\\n"])
    "['a', 'b\\\\n']"
    >>> cypher_literal(None), cypher_literal(True), cypher_literal(0.85)
    ('NULL', 'true', '0.85')
    """
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, str):
        return _cypher_string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    raise OutputError(f"cannot write {type(value).__name__} value {value!r} as a Cypher literal")


def _assignments(var: str, props: dict[str, Any], skip: tuple[str, ...] = ("id",)) -> str:
    sets = [f"{var}.`{k}` = {cypher_literal(v)}" for k, v in props.items() if k not in skip and v is not None]
    return (" SET " + ", ".join(sets)) if sets else ""


def _cypher_schema(nodes, rels, endpoints, dialect: str) -> list[str]:
    if dialect == "neo4j":
        return [f"CREATE CONSTRAINT kg_{label.lower()}_id IF NOT EXISTS "
                f"FOR (n:{label}) REQUIRE n.id IS UNIQUE;" for label in nodes]
    lines = []
    for label, (kinds, _) in nodes.items():
        columns = ", ".join(f"`{k}` {_LADYBUG_TYPES[kind]}" + (" PRIMARY KEY" if k == "id" else "")
                            for k, kind in kinds.items())
        lines.append(f"CREATE NODE TABLE IF NOT EXISTS {label}({columns});")
    for rel_type, (kinds, _) in rels.items():
        pairs = [f"FROM {a} TO {b}" for a, b in endpoints[rel_type]]
        columns = [f"`{k}` {_LADYBUG_TYPES[kind]}" for k, kind in kinds.items() if k not in ("start", "end")]
        lines.append(f"CREATE REL TABLE IF NOT EXISTS {rel_type}({', '.join(pairs + columns)});")
    return lines


def cypher_statements(kg: KnowledgeGraph, dialect: str = "neo4j") -> list[str]:
    """The statements of :func:`write_cypher`, schema first, each ending in ``;``.

    Only the schema differs between dialects: Neo4j gets uniqueness
    constraints, LadybugDB declared node and relationship tables.  Every
    ``MERGE`` after it is the same text in both.

    >>> from kg.types import Entity
    >>> cypher_statements(KnowledgeGraph(entities=[Entity("per-1", "Person", "刘家义")]))[-1]
    "MERGE (n:Person {id: 'per-1'}) SET n.`name` = '刘家义', n.`aliases` = [], n.`mentions` = 0, \
n.`documents` = [];"
    """
    if dialect not in DIALECTS:
        raise UsageError(f"unknown Cypher dialect {dialect!r} (choose from {', '.join(DIALECTS)})")
    records = _node_records(kg)
    label_of = {props["id"]: label for label, props in records}
    nodes = _tables(records)
    rel_records = _rel_records(kg)
    rels = _tables((t, {"start": s, "end": o, **p}) for t, s, o, p in rel_records)
    endpoints: dict[str, dict[tuple[str, str], None]] = defaultdict(dict)
    for rel_type, s, o, _ in rel_records:
        endpoints[rel_type][(label_of[s], label_of[o])] = None
    out = _cypher_schema(nodes, rels, endpoints, dialect)
    for label, (_, rows) in nodes.items():
        out += [f"MERGE (n:{label} {{id: {cypher_literal(row['id'])}}}){_assignments('n', row)};"
                for row in rows]
    for rel_type, (_, rows) in rels.items():
        for row in rows:
            a, b = row["start"], row["end"]
            out.append(f"MATCH (a:{label_of[a]} {{id: {cypher_literal(a)}}}), "
                       f"(b:{label_of[b]} {{id: {cypher_literal(b)}}}) "
                       f"MERGE (a)-[r:{rel_type} {{id: {cypher_literal(row['id'])}}}]->(b)"
                       f"{_assignments('r', row, ('id', 'start', 'end'))};")
    return out


def write_cypher(kg: KnowledgeGraph, path: str | os.PathLike, dialect: str = "neo4j") -> list[str]:
    """Write a Cypher script that loads the graph; running it again changes nothing.

    Nodes are ``MERGE``d on ``id`` under their type's label, relationships on
    ``id`` between their two nodes, and every value is an escaped literal
    (:func:`cypher_literal`).  ``dialect="neo4j"`` (for ``cypher-shell -f``)
    starts with ``CREATE CONSTRAINT ... IF NOT EXISTS``; ``dialect="ladybug"``
    declares LadybugDB/Kùzu node and relationship tables instead.
    """
    statements = cypher_statements(kg, dialect)
    run = ("cypher-shell -f FILE (Neo4j 5)" if dialect == "neo4j" else
           "Connection.execute(the text of FILE) in LadybugDB")
    header = (f"// kg graph: {len(kg.entities)} entities (Cypher dialect: {dialect}). Run: {run}.\n"
              "// Re-runnable: every node and relationship is MERGEd on its id.\n")
    with atomic_open(path, "w") as fh:
        fh.write(header)
        for statement in statements:
            fh.write(statement)
            fh.write("\n")
    return [str(path)]


# ------------------------------------------------------------------- scalar formats

# Characters XML 1.0 cannot carry at all (not even escaped).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _scalar(value: Any) -> Any:
    """Lists as JSON text: GraphML, GEXF and CSV cells hold one value."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value


def _scalar_node_rows(kg: KnowledgeGraph) -> list[dict[str, Any]]:
    rows = []
    for label, props in _node_records(kg):
        row = {"id": props["id"], "type": label, "name": props["name"]}
        row.update((k, _scalar(v)) for k, v in props.items() if k not in row)
        rows.append(row)
    return rows


def _scalar_edge_rows(kg: KnowledgeGraph, unlinked: bool = False) -> list[dict[str, Any]]:
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


def _typed(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    kinds = _column_kinds(rows)
    return [{k: _coerce(row.get(k), kind) for k, kind in kinds.items()} for row in rows]


def _xml_safe(value: Any) -> Any:
    # Replaced one for one, so offsets into a sentence still line up.
    return _XML_INVALID.sub("\ufffd", value) if isinstance(value, str) else value


def _networkx_graph(kg: KnowledgeGraph):
    """A MultiDiGraph with only scalar, XML-safe attributes (GraphML/GEXF)."""
    import networkx as nx

    g = nx.MultiDiGraph(name="kg")
    for row in _typed(_scalar_node_rows(kg)):
        attrs = {k: _xml_safe(v) for k, v in row.items() if v is not None and k != "id"}
        g.add_node(row["id"], label=attrs["name"], **attrs)
    for row in _typed(_scalar_edge_rows(kg)):
        attrs = {k: _xml_safe(v) for k, v in row.items()
                 if v is not None and k not in ("source", "target", "source_name", "target_name")}
        g.add_edge(row["source"], row["target"], key=row["id"], label=row["relation"], **attrs)
    return g


def write_graphml(kg: KnowledgeGraph, path: str | os.PathLike) -> list[str]:
    """Write GraphML (networkx writer; readable key names).

    Nodes carry ``label`` (the name, shown by yEd and Cytoscape), ``type`` and
    the node properties; edges ``label`` and ``relation`` (the relation type),
    ``confidence`` and the evidence.
    """
    import networkx as nx

    g = _networkx_graph(kg)
    with atomic_open(path, "wb", encoding=None) as fh:
        nx.write_graphml(g, fh, named_key_ids=True)
    return [str(path)]


def write_gexf(kg: KnowledgeGraph, path: str | os.PathLike) -> list[str]:
    """Write GEXF 1.2 for Gephi (networkx writer); attributes as in :func:`write_graphml`."""
    import networkx as nx

    g = _networkx_graph(kg)
    with atomic_open(path, "wb", encoding=None) as fh:
        nx.write_gexf(g, fh)
    return [str(path)]


# ------------------------------------------------------------------------------ csv

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


def write_csv_tables(kg: KnowledgeGraph, folder: str | os.PathLike) -> list[str]:
    """Write ``nodes.csv`` and ``edges.csv`` (UTF-8 with BOM, for Excel and pandas).

    ``edges.csv`` also lists relations with no object (empty ``target``).
    Text cells that start with ``=``, ``+``, ``-``, ``@``, tab or carriage
    return get a leading ``'`` so a spreadsheet shows them instead of running
    them; list values are JSON.
    """
    folder = _folder(folder)
    written = []
    with atomic_group():  # nodes.csv and edges.csv always come from the same graph
        for name, rows in (("nodes.csv", _typed(_scalar_node_rows(kg))),
                           ("edges.csv", _typed(_scalar_edge_rows(kg, unlinked=True)))):
            header = list(rows[0]) if rows else (["id", "type", "name"] if name == "nodes.csv" else
                                                 ["id", "relation", "source", "target"])
            body = [["" if row.get(k) is None else neutralize_formula(_cell(row.get(k))) for k in header]
                    for row in rows]
            written.append(_write_rows(safe_child(folder, name), header, body, encoding="utf-8-sig",
                                       lineterminator="\r\n"))
    return written


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _float_text(value)
    return value


# ---------------------------------------------------------------------------- export


def _folder(folder: str | os.PathLike) -> Path:
    path = Path(folder)
    if path.exists() and not path.is_dir():
        raise OutputError(f"{path}: exists and is not a folder (this format writes several files)")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{path}: cannot create folder ({exc.strerror or exc})") from None
    return path


def _write_rdf(kg: KnowledgeGraph, path: Path, fmt: str) -> list[str]:
    from kg.serialize.rdf import write_rdf

    write_rdf(kg, path, fmt)
    return [str(path)]


def export(kg: KnowledgeGraph, to: str, out: str | os.PathLike, *, dialect: str = "neo4j") -> list[str]:
    """Write ``kg`` in format ``to`` (one of :data:`FORMATS`) to ``out``; the paths written.

    ``out`` is a folder for ``neo4j`` and ``csv`` (created if missing) and a
    file for the others (or an existing folder, which then gets ``graph.cypher``,
    ``graph.graphml``, ``graph.gexf``, ``graph.nq`` or ``graph.nt``).
    ``dialect`` applies to ``cypher`` only (:data:`DIALECTS`).

    >>> import tempfile, os
    >>> [os.path.basename(p) for p in export(KnowledgeGraph(), "csv", tempfile.mkdtemp())]
    ['nodes.csv', 'edges.csv']
    """
    fmt = str(to).lower()
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {to!r} (choose from {', '.join(FORMATS)})")
    if dialect != "neo4j" and fmt != "cypher":
        raise UsageError(f"a Cypher dialect applies to --to cypher only, not {fmt}")
    target = Path(out)
    if not FORMATS[fmt] and target.is_dir():
        target = target / _DEFAULT_NAMES[fmt]
    if fmt == "neo4j":
        return write_neo4j_csv(kg, target)
    if fmt == "csv":
        return write_csv_tables(kg, target)
    if fmt == "cypher":
        return write_cypher(kg, target, dialect)
    if fmt == "graphml":
        return write_graphml(kg, target)
    if fmt == "gexf":
        return write_gexf(kg, target)
    return _write_rdf(kg, target, "nquads" if fmt == "nquads" else "nt")


# ---------------------------------------------------------------------- sparql push


def _graphs_as_turtle(kg: KnowledgeGraph) -> list[tuple[str | None, bytes, int]]:
    """``(graph IRI or None for the default graph, N-Triples bytes, triples)`` per graph."""
    from pyoxigraph import NamedNode, RdfFormat, parse, serialize

    with tempfile.TemporaryDirectory(prefix="kg-push-") as tmp:
        path = Path(tmp) / "graph.nq"
        _write_rdf(kg, path, "nquads")
        groups: dict[str | None, list] = {}
        for quad in parse(path=str(path), format=RdfFormat.N_QUADS):
            graph = quad.graph_name.value if isinstance(quad.graph_name, NamedNode) else None
            groups.setdefault(graph, []).append(quad.triple)
    # N-Triples is a subset of Turtle, so every Graph Store accepts it as text/turtle.
    return [(graph, serialize(triples, format=RdfFormat.N_TRIPLES) or b"", len(triples))
            for graph, triples in groups.items()]


def _endpoint(url: str) -> tuple[str, dict[str, str]]:
    """The URL without credentials (safe to show in messages) and its auth headers."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"{url!r}: not an http(s) Graph Store URL (e.g. http://127.0.0.1:7878/store)")
    headers = {}
    netloc = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    if parts.port:
        netloc += f":{parts.port}"
    if parts.username is not None:
        from urllib.parse import unquote

        token = f"{unquote(parts.username)}:{unquote(parts.password or '')}".encode()
        headers["Authorization"] = "Basic " + base64.b64encode(token).decode("ascii")
    return urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, "")), headers


def _send(method: str, url: str, shown: str, data: bytes, headers: dict[str, str], timeout: float) -> None:
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Content-Type": "text/turtle", **headers})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read(300).decode("utf-8", "replace").strip().replace("\n", " ")
        raise OutputError(f"{shown}: {method} refused with HTTP {exc.code} {exc.reason}"
                          + (f": {detail}" if detail else "")) from None
    except urllib.error.URLError as exc:
        reason = getattr(exc.reason, "strerror", None) or exc.reason
        raise OutputError(f"{shown}: cannot reach the Graph Store ({reason})") from None
    except (TimeoutError, OSError) as exc:
        raise OutputError(f"{shown}: {method} failed ({exc.strerror or exc})") from None


def push_sparql(kg: KnowledgeGraph, url: str, *, timeout: float = 60.0) -> int:
    """Load ``kg`` into a SPARQL 1.1 Graph Store Protocol endpoint; the triples sent.

    Each document's named graph is sent with ``PUT URL?graph=IRI`` (replacing
    that graph, so pushing again leaves no duplicates); triples in the default
    graph are added with ``POST URL?default``.  Bodies are Turtle (N-Triples
    form).  Credentials in the URL (``http://user:pw@host/...``) are sent as
    HTTP Basic auth and never shown in messages.

    >>> push_sparql(KnowledgeGraph(), "file:///etc/passwd")
    Traceback (most recent call last):
    ...
    kg.errors.UsageError: 'file:///etc/passwd': not an http(s) Graph Store URL (e.g. http://127.0.0.1:7878/store)
    """
    base, headers = _endpoint(url)
    total = 0
    for graph, body, count in _graphs_as_turtle(kg):
        sep = "&" if urlsplit(base).query else "?"
        if graph is None:
            method, target = "POST", f"{base}{sep}default"
        else:
            method, target = "PUT", f"{base}{sep}graph={quote(graph, safe='')}"
        _send(method, target, f"{base} ({'default graph' if graph is None else '<' + graph + '>'})",
              body, headers, timeout)
        total += count
    return total
