"""``graph.json``: the graph written as JSON, streamed, and read back.

The shape is :func:`kg.graph.graph_to_dict`'s (``kg extract --format json`` prints it); the
text is deterministic, the same graph giving the same bytes.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path
from typing import IO

from kg.errors import QueryError
from kg.graph import (
    FORMAT_VERSION,
    KnowledgeGraph,
    document_dict,
    entity_dict,
    graph_from_dict,
    mention_dict,
    relation_dict,
)
from kg.io import atomic_open, open_input

__all__ = ["write_json", "read_json"]


def write_json(kg: KnowledgeGraph, path_or_file, indent: int | None = 1) -> None:
    """Write ``graph.json`` (atomically when given a path).

    The text is the same as ``json.dumps(graph_to_dict(kg), indent=1)`` but
    written one item at a time, so a graph of a million mentions is never held
    in memory twice.  The output is deterministic: the same input gives the
    same bytes.
    """
    if hasattr(path_or_file, "write"):
        _write_json_stream(kg, path_or_file, indent)
        return
    with atomic_open(path_or_file, "w") as fh:
        _write_json_stream(kg, fh, indent)


def _write_json_stream(kg: KnowledgeGraph, fh: IO[str], indent: int | None = 1) -> None:
    if indent is None:  # compact: one line
        fh.write(json.dumps({"format": "kg-graph", "version": FORMAT_VERSION}, ensure_ascii=False)[:-1])
        for key, items in (("documents", map(_compact, map(document_dict, kg.documents))),
                           ("entities", map(_compact_entity, kg.entities)),
                           ("relations", map(_compact, map(relation_dict, kg.relations))),
                           ("failures", map(_compact, kg.failures))):
            fh.write(f", {json.dumps(key)}: [")
            for i, item in enumerate(items):
                fh.write((", " if i else "") + item)
            fh.write("]")
        fh.write("}\n")
        return

    def dumps(value, depth: int) -> str:
        return _indented(value, " " * indent, " " * depth * indent)

    sections = [
        ("format", "kg-graph"),
        ("version", FORMAT_VERSION),
        ("documents", (document_dict(d) for d in kg.documents)),
        ("entities", (entity_dict(e) for e in kg.entities)),
        ("relations", (relation_dict(r) for r in kg.relations)),
        ("failures", iter(kg.failures)),
    ]
    fh.write("{\n")
    for n, (key, value) in enumerate(sections):
        fh.write(" " * indent + f"{json.dumps(key)}: ")
        if isinstance(value, (str, int)):
            fh.write(dumps(value, 1))
        else:
            first = True
            for item in value:
                fh.write("[\n" if first else ",\n")
                fh.write(" " * 2 * indent)
                fh.write(dumps(item, 2))
                first = False
            fh.write("[]" if first else "\n" + " " * indent + "]")
        fh.write(",\n" if n < len(sections) - 1 else "\n")
    fh.write("}\n")


def _compact(value) -> str:
    return json.dumps(value, ensure_ascii=False)


_ENTITY_HEAD = ("id", "type", "name", "labels", "aliases", "mentions")


def _compact_entity(e) -> str:
    """``_compact(entity_dict(e))``, its mentions written without a dictionary each (a corpus
    graph has a million; this is a third of writing graph.json).

    >>> from kg.types import Entity, Mention
    >>> e = Entity("p", "Person", "刘\\"家义", {"zh-Hans": "刘家义"}, ("刘",),
    ...            (Mention("d\\n1", 0, 3, "劉家義", "Person", "刘家义"),), {"date": None, "id": "x"})
    >>> _compact_entity(e) == _compact(entity_dict(e))
    True
    """
    head = {"id": e.id, "type": e.type, "name": e.name, "labels": dict(e.labels), "aliases": list(e.aliases)}
    rest = {k: v for k, v in e.attributes.items() if k not in _ENTITY_HEAD}
    mentions = []
    for m in e.mentions:
        if type(m.start) is int and type(m.end) is int and type(m.doc) is str and type(m.text) is str \
                and type(m.source) is str:
            mentions.append(f'{{"doc": {_string(m.doc)}, "start": {m.start}, "end": {m.end}, '
                            f'"text": {_string(m.text)}, "source": {_string(m.source)}}}')
        else:  # (not as typed: as the json module writes it)
            mentions.append(_compact(mention_dict(m)))
    return (_compact(head)[:-1] + ', "mentions": [' + ", ".join(mentions) + "]"
            + (", " + _compact(rest)[1:] if rest else "}"))


def _indented(value, step: str, margin: str) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=len(step))`` with every line after the first
    indented by ``margin`` — the same text, built without the json module's pure-Python encoder
    (the one an indent asks for), which costs a corpus run seconds.

    >>> v = {"a": [1, 2.5, {"b": None}], "c": "名\\n", "d": {}, "e": [], "f": True}
    >>> _indented(v, " ", "  ") == json.dumps(v, ensure_ascii=False, indent=1).replace("\\n", "\\n  ")
    True
    """
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = margin + step
        return "{\n" + ",\n".join(f"{inner}{_string(str(k))}: {_indented(v, step, inner)}"
                                   for k, v in value.items()) + "\n" + margin + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        inner = margin + step
        return "[\n" + ",\n".join(inner + _indented(v, step, inner) for v in value) + "\n" + margin + "]"
    if value is None or value is True or value is False:
        return _CONSTANTS[value]
    if type(value) is int:
        return str(value)
    return json.dumps(value)  # floats and the rest: as the json module writes them


_CONSTANTS = {None: "null", True: "true", False: "false"}


_string = json.encoder.encode_basestring  # type: ignore[attr-defined]  # with ensure_ascii off


def read_json(path: str | os.PathLike) -> KnowledgeGraph:
    """A graph read back from a ``graph.json`` written by kg (documents come back without text).

    Raises :class:`~kg.errors.QueryError` naming the file when it is not one.

    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "graph.json")
    >>> write_json(KnowledgeGraph(), path)
    >>> read_json(path).entities
    []
    """
    p = Path(path)
    try:
        with open_input(p) as fh:  # graph.json, or a store's graph.json.gz
            data = json.loads(fh.read().decode("utf-8"))
    except FileNotFoundError:
        raise QueryError(f"{p}: no such file") from None
    except (json.JSONDecodeError, UnicodeDecodeError, EOFError, gzip.BadGzipFile) as exc:
        raise QueryError(f"{p}: not a kg graph.json ({exc})") from None
    except OSError as exc:
        raise QueryError(f"{p}: cannot read ({exc.strerror or exc})") from None
    if not isinstance(data, dict) or "entities" not in data:
        raise QueryError(f"{p}: not a kg graph.json (no entities)")
    return graph_from_dict(data)
