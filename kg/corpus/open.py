"""Open any graph kg saved: a ``graph.json``, an RDF file in any format kg writes, a ``kg build``
output folder, or a store made by ``kg build --store``.
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.corpus.store import Store
from kg.errors import QueryError
from kg.graph import KnowledgeGraph
from kg.serialize.json import read_json
from kg.serialize.rdf_read import read_rdf_graph

__all__ = ["read_graph"]


def read_graph(path: str | os.PathLike) -> KnowledgeGraph:
    """Load a graph saved by kg: ``graph.json``, an RDF file (Turtle, N-Triples, N-Quads, TriG,
    JSON-LD), or a folder holding ``graph.json`` (a ``kg build`` output) or a store.

    >>> read_graph("no/such/graph.json")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: no/such/graph.json: no such file
    """
    p = Path(path)
    if p.is_dir():
        if (p / "graph.json").exists():
            return read_json(p / "graph.json")
        if Store.is_store(p):
            return Store(p).to_graph()
        raise QueryError(f"{p}: no graph.json in this folder, and it is not a kg store")
    if not p.exists():
        raise QueryError(f"{p}: no such file")
    if p.suffix.lower() == ".json":
        return read_json(p)
    return read_rdf_graph(p)
