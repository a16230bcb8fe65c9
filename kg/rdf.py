"""RDF output of the graph (rdflib), under the ontology in ``ontology/kg.ttl``."""

from __future__ import annotations

import os

from kg.graph import KnowledgeGraph

__all__ = ["to_rdflib", "write_rdf", "read_rdf_graph"]


def to_rdflib(kg: KnowledgeGraph):
    """An ``rdflib.Graph`` of the knowledge graph."""
    from rdflib import Graph, Literal
    from rdflib.namespace import RDF, RDFS, SKOS

    from kg.vocab import CLASS_OF, KG, RELATION_PROPERTY, instance

    g = Graph()
    g.bind("kg", str(KG._NS))
    g.bind("skos", SKOS)
    for e in kg.entities:
        node = instance(e.id)
        g.add((node, RDF.type, CLASS_OF[e.type]))
        g.add((node, RDFS.label, Literal(e.labels.get("zh-Hans", e.name), lang="zh-Hans")))
        if e.labels.get("zh-Hant"):
            g.add((node, RDFS.label, Literal(e.labels["zh-Hant"], lang="zh-Hant")))
        if e.labels.get("pinyin"):
            g.add((node, RDFS.label, Literal(e.labels["pinyin"], lang="zh-Latn-pinyin")))
        for alias in e.aliases:
            g.add((node, SKOS.altLabel, Literal(alias, lang="zh-Hans")))
    for r in kg.relations:
        if r.object is not None:
            g.add((instance(r.subject), RELATION_PROPERTY[r.type], instance(r.object)))
    return g


def write_rdf(kg: KnowledgeGraph, path: str | os.PathLike, fmt: str = "turtle") -> None:
    """Serialize the graph to ``path`` (atomically)."""
    from kg.io import atomic_write_bytes

    atomic_write_bytes(path, to_rdflib(kg).serialize(format=fmt, encoding="utf-8"))


def read_rdf_graph(path) -> KnowledgeGraph:
    """A :class:`KnowledgeGraph` read back from an RDF file written by kg."""
    raise NotImplementedError("reading RDF back is not implemented yet")
