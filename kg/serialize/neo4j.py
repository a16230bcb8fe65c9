"""Neo4j: CSV for ``neo4j-admin database import full`` (with a README giving the command) and a
re-runnable Cypher script (constraints and ``MERGE``) for Neo4j 5 or LadybugDB/Kùzu.  Names from
articles are data, never code: Cypher gets escaped string literals.
"""

from __future__ import annotations

import os
import shlex
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kg.errors import OutputError, UsageError
from kg.graph import KnowledgeGraph
from kg.io import atomic_group, atomic_open, atomic_write_text, safe_child
from kg.serialize.records import (
    float_text,
    folder_for_files,
    node_records,
    relationship_records,
    typed_tables,
    write_rows,
)

__all__ = ["write_neo4j_csv", "cypher_literal", "cypher_statements", "write_cypher", "DIALECTS"]

#: Cypher dialects: Neo4j 5 (constraints) and LadybugDB/Kùzu (declared tables).
DIALECTS = ("neo4j", "ladybug")

# Property kinds use Neo4j's import type names; the Ladybug column type of each.
_LADYBUG_TYPES = {"string": "STRING", "long": "INT64", "double": "DOUBLE", "boolean": "BOOLEAN",
                  "string[]": "STRING[]", "long[]": "INT64[]", "double[]": "DOUBLE[]"}


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
        return float_text(value)
    if isinstance(value, list):
        return delimiter.join(_neo4j_cell(v, delimiter) for v in value)
    return str(value)


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
    folder = folder_for_files(folder)
    nodes = typed_tables(node_records(kg))
    rels = typed_tables((t, {"start": s, "end": o, **p}) for t, s, o, p in relationship_records(kg))
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
        written.append(("nodes", write_rows(safe_child(folder, f"nodes_{label}.csv"), header, body)))
    for rel_type, (kinds, rows) in rels.items():
        props = [k for k in kinds if k not in ("start", "end")]
        header = [":START_ID", ":END_ID", ":TYPE"] + [f"{k}:{kinds[k]}" for k in props]
        body = [[row["start"], row["end"], rel_type] + [_neo4j_cell(row[k], delimiter) for k in props]
                for row in rows]
        written.append(("relationships",
                        write_rows(safe_child(folder, f"relationships_{rel_type}.csv"), header, body)))


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
        return float_text(value)
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
    records = node_records(kg)
    label_of = {props["id"]: label for label, props in records}
    nodes = typed_tables(records)
    rel_records = relationship_records(kg)
    rels = typed_tables((t, {"start": s, "end": o, **p}) for t, s, o, p in rel_records)
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
