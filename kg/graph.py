"""The knowledge graph: documents, entities and relations, its JSON-ready form and its networkx form.

:class:`KnowledgeGraph` is what every output reads: :func:`graph_to_dict` is the
shape of ``graph.json`` (and of ``kg extract --format json``), :func:`to_networkx`
its in-memory graph.  Nothing here reads or writes files: :mod:`kg.serialize` writes
(JSON, RDF, HTML, exports) and :func:`kg.corpus.open.read_graph` reads any saved graph back.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from kg.types import Document, Entity, Evidence, Mention, Relation

__all__ = ["KnowledgeGraph", "FORMAT_VERSION", "to_networkx", "graph_to_dict", "graph_from_dict", "summary",
           "document_dict", "entity_dict", "relation_dict", "evidence_dict"]

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


def document_dict(d: Document) -> dict[str, Any]:
    out = {"id": d.id, "path": d.path, "title": d.title, "date": d.date, "source": d.source}
    for k, v in sorted(d.meta.items()):
        if k not in out and isinstance(v, (str, int, float, bool)) or v is None:
            out.setdefault(k, v)
    # A lean document (a store's, or one read back from graph.json) keeps its length in meta.
    lean = not d.text and isinstance(d.meta.get("chars"), int)
    out["chars"] = d.meta["chars"] if lean else len(d.text)
    return out


def mention_dict(m: Mention) -> dict[str, Any]:
    return {"doc": m.doc, "start": m.start, "end": m.end, "text": m.text, "source": m.source}


def entity_dict(e: Entity) -> dict[str, Any]:
    out: dict[str, Any] = {"id": e.id, "type": e.type, "name": e.name, "labels": dict(e.labels),
                           "aliases": list(e.aliases),
                           "mentions": [mention_dict(m) for m in e.mentions]}
    for k, v in e.attributes.items():
        out.setdefault(k, v)
    return out


def evidence_dict(ev: Evidence) -> dict[str, Any]:
    return {"doc": ev.doc, "start": ev.start, "end": ev.end, "text": ev.text, "trigger": ev.trigger,
            "confidence": ev.confidence}


def graph_to_dict(kg: KnowledgeGraph) -> dict[str, Any]:
    """The JSON-ready form of a graph (the ``kg extract --format json`` shape)."""
    return {
        "format": "kg-graph",
        "version": FORMAT_VERSION,
        "documents": [document_dict(d) for d in kg.documents],
        "entities": [entity_dict(e) for e in kg.entities],
        "relations": [relation_dict(r) for r in kg.relations],
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


def relation_dict(r: Relation) -> dict[str, Any]:
    return {"id": r.id, "type": r.type, "subject": r.subject, "object": r.object,
            "confidence": r.confidence, "evidence": [evidence_dict(ev) for ev in r.evidence]}


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
        evidence = [evidence_dict(ev) for ev in r.evidence]
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
