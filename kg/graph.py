"""The knowledge graph: documents, entities and relations, and its networkx form.

:class:`KnowledgeGraph` is what every output reads: ``graph.json`` is its
JSON form (the shape ``kg extract --format json`` prints), :func:`to_networkx`
its in-memory graph, and :mod:`kg.serialize.rdf`, :mod:`kg.serialize.html`, :mod:`kg.serialize.export`
write the rest.  :func:`read_graph` loads a saved ``graph.json`` (or Turtle,
or a store) back.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import QueryError
from kg.types import Document, Entity, Evidence, Mention, Relation

__all__ = ["KnowledgeGraph", "to_networkx", "read_graph", "write_json", "graph_to_dict",
           "graph_from_dict", "summary"]

FORMAT_VERSION = 1


@dataclass
class KnowledgeGraph:
    """Documents, entities and relations; ``failures`` names what could not be read."""

    documents: list[Document] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    failures: list[dict[str, Any]] = field(default_factory=list)

    def entity(self, entity_id: str) -> Entity | None:
        """The entity with this id, or None."""
        index = self.__dict__.get("_index")
        if index is None or len(index) != len(self.entities):
            index = {e.id: e for e in self.entities}
            self.__dict__["_index"] = index
        return index.get(entity_id)

    def by_name(self, name: str, type_: str | None = None) -> list[Entity]:
        """Entities whose name (or alias) is ``name``."""
        return [e for e in self.entities if (e.name == name or name in e.aliases)
                and (type_ is None or e.type == type_)]


# ------------------------------------------------------------------------------ json


def _document_dict(d: Document) -> dict[str, Any]:
    out = {"id": d.id, "path": d.path, "title": d.title, "date": d.date, "source": d.source}
    for k, v in sorted(d.meta.items()):
        if k not in out and isinstance(v, (str, int, float, bool)) or v is None:
            out.setdefault(k, v)
    # A lean document (a store's, or one read back from graph.json) keeps its length in meta.
    lean = not d.text and isinstance(d.meta.get("chars"), int)
    out["chars"] = d.meta["chars"] if lean else len(d.text)
    return out


def _mention_dict(m: Mention) -> dict[str, Any]:
    return {"doc": m.doc, "start": m.start, "end": m.end, "text": m.text, "source": m.source}


def _entity_dict(e: Entity) -> dict[str, Any]:
    out: dict[str, Any] = {"id": e.id, "type": e.type, "name": e.name, "labels": dict(e.labels),
                           "aliases": list(e.aliases),
                           "mentions": [_mention_dict(m) for m in e.mentions]}
    for k, v in e.attributes.items():
        out.setdefault(k, v)
    return out


def _evidence_dict(ev: Evidence) -> dict[str, Any]:
    return {"doc": ev.doc, "start": ev.start, "end": ev.end, "text": ev.text, "trigger": ev.trigger,
            "confidence": ev.confidence}


def graph_to_dict(kg: KnowledgeGraph) -> dict[str, Any]:
    """The JSON-ready form of a graph (the ``kg extract --format json`` shape)."""
    return {
        "format": "kg-graph",
        "version": FORMAT_VERSION,
        "documents": [_document_dict(d) for d in kg.documents],
        "entities": [_entity_dict(e) for e in kg.entities],
        "relations": [_relation_dict(r) for r in kg.relations],
        "failures": list(kg.failures),
    }


_ENTITY_FIELDS = {"id", "type", "name", "labels", "aliases", "mentions"}


def graph_from_dict(data: dict[str, Any]) -> KnowledgeGraph:
    """A graph from its JSON form (inverse of :func:`graph_to_dict`; texts of
    documents are not stored, so documents come back without text)."""
    docs = [Document(id=str(d["id"]), text="", path=d.get("path"), title=d.get("title"),
                     date=d.get("date"), source=d.get("source"),
                     meta={k: v for k, v in d.items() if k not in ("id", "path", "title", "date", "source")})
            for d in data.get("documents", [])]
    entities = []
    for e in data.get("entities", []):
        mentions = tuple(Mention(str(m["doc"]), int(m["start"]), int(m["end"]), m.get("text", ""),
                                 e["type"], e["name"], m.get("source", "rule"))
                         for m in e.get("mentions", []))
        attrs = {k: v for k, v in e.items() if k not in _ENTITY_FIELDS}
        entities.append(Entity(str(e["id"]), e["type"], e["name"], dict(e.get("labels") or {}),
                               tuple(e.get("aliases") or ()), mentions, attrs))
    relations = []
    for r in data.get("relations", []):
        evidence = tuple(Evidence(str(ev["doc"]), int(ev["start"]), int(ev["end"]), ev.get("text", ""),
                                  ev.get("trigger"), float(ev.get("confidence", 1.0)))
                         for ev in r.get("evidence", []))
        relations.append(Relation(str(r["id"]), r["type"], str(r["subject"]),
                                  None if r.get("object") is None else str(r["object"]),
                                  float(r.get("confidence", 1.0)), evidence))
    return KnowledgeGraph(docs, entities, relations, list(data.get("failures", [])))


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
    from kg.io import atomic_open

    with atomic_open(path_or_file, "w") as fh:
        _write_json_stream(kg, fh, indent)


def _write_json_stream(kg: KnowledgeGraph, fh, indent: int | None = 1) -> None:
    if indent is None:  # compact: one line
        fh.write(json.dumps({"format": "kg-graph", "version": FORMAT_VERSION}, ensure_ascii=False)[:-1])
        for key, items in (("documents", map(_document_dict, kg.documents)),
                           ("entities", map(_entity_dict, kg.entities)),
                           ("relations", map(_relation_dict, kg.relations)), ("failures", kg.failures)):
            fh.write(f", {json.dumps(key)}: [")
            for i, item in enumerate(items):
                fh.write((", " if i else "") + json.dumps(item, ensure_ascii=False))
            fh.write("]")
        fh.write("}\n")
        return

    def dumps(value, depth: int) -> str:
        text = json.dumps(value, ensure_ascii=False, indent=indent)
        return text.replace("\n", "\n" + " " * depth * indent)

    sections = [
        ("format", "kg-graph"),
        ("version", FORMAT_VERSION),
        ("documents", (_document_dict(d) for d in kg.documents)),
        ("entities", (_entity_dict(e) for e in kg.entities)),
        ("relations", (_relation_dict(r) for r in kg.relations)),
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


def _relation_dict(r: Relation) -> dict[str, Any]:
    return {"id": r.id, "type": r.type, "subject": r.subject, "object": r.object,
            "confidence": r.confidence, "evidence": [_evidence_dict(ev) for ev in r.evidence]}


def read_graph(path: str | os.PathLike) -> KnowledgeGraph:
    """Load a graph saved by kg: ``graph.json``, a Turtle/N-Triples file, or a
    folder holding ``graph.json`` (a ``kg build`` output or a store).

    >>> kg = read_graph("examples/out/graph.json")  # doctest: +SKIP
    """
    p = Path(path)
    if p.is_dir():
        for name in ("graph.json",):
            if (p / name).exists():
                return read_graph(p / name)
        from kg.corpus.store import Store

        if Store.is_store(p):
            return Store(p).to_graph()
        raise QueryError(f"{p}: no graph.json in this folder")
    if not p.exists():
        raise QueryError(f"{p}: no such file")
    if p.suffix.lower() == ".json":
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise QueryError(f"{p}: not a kg graph.json ({exc})") from None
        if not isinstance(data, dict) or "entities" not in data:
            raise QueryError(f"{p}: not a kg graph.json (no entities)")
        return graph_from_dict(data)
    from kg.serialize.rdf import read_rdf_graph

    return read_rdf_graph(p)


# -------------------------------------------------------------------------- networkx


def to_networkx(kg: KnowledgeGraph):
    """A ``networkx.MultiDiGraph``: one node per entity, one edge per relation.

    Node attributes: ``type``, ``name``, ``labels``, ``aliases``, ``mentions``
    (count); edge attributes: ``type``, ``confidence``, ``evidence`` (list of
    dicts).  An ``attends``/``speaks_at`` with no event becomes a self-free
    node attribute (``attends``: True) rather than an edge to nowhere.

    >>> import networkx as nx
    >>> g = to_networkx(KnowledgeGraph())
    >>> isinstance(g, nx.MultiDiGraph)
    True
    """
    import networkx as nx

    g = nx.MultiDiGraph()
    for e in kg.entities:
        attrs = {"type": e.type, "name": e.name, "labels": dict(e.labels), "aliases": list(e.aliases),
                 "mentions": len(e.mentions)}
        for k, v in e.attributes.items():
            attrs.setdefault(k, v)
        g.add_node(e.id, **attrs)
    for r in kg.relations:
        evidence = [_evidence_dict(ev) for ev in r.evidence]
        if r.object is None:
            g.nodes[r.subject].setdefault("unlinked", []).append(r.type) if r.subject in g else None
            continue
        if r.subject in g and r.object in g:
            g.add_edge(r.subject, r.object, key=r.id, type=r.type, confidence=r.confidence,
                       evidence=evidence)
    return g


def summary(kg: KnowledgeGraph) -> dict[str, Any]:
    """Counts of documents, entities and relations by type."""
    return {
        "documents": len(kg.documents),
        "failures": len(kg.failures),
        "entities": dict(sorted(Counter(e.type for e in kg.entities).items())),
        "relations": dict(sorted(Counter(r.type for r in kg.relations).items())),
    }
