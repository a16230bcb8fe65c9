"""Open any graph kg saved: a ``graph.json``, an RDF file in any format kg writes, a ``kg build``
output folder, or a store made by ``kg build --store``.
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.corpus.store import Store
from kg.errors import QueryError
from kg.graph import KnowledgeGraph
from kg.io import open_input
from kg.serialize.json import read_json
from kg.serialize.rdf_read import read_rdf_graph

__all__ = ["folder_graph_json", "is_graph_json", "read_graph"]


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
        saved = folder_graph_json(p)
        if saved is not None:
            return read_json(saved)
        if Store.is_store(p):
            return Store(p).to_graph()
        raise QueryError(f"{p}: no graph.json in this folder, and it is not a kg store")
    if not p.exists():
        raise QueryError(f"{p}: no such file")
    if is_graph_json(p):
        return read_json(p)
    return read_rdf_graph(p)


def folder_graph_json(folder: Path) -> Path | None:
    """The merged graph a folder keeps: a build's ``graph.json``, or a store's ``graph.json.gz``."""
    for name in ("graph.json", "graph.json.gz"):
        if (folder / name).is_file():
            return folder / name
    return None


def is_graph_json(path: Path) -> bool:
    """Whether a file is kg's ``graph.json`` (compressed or not), not JSON-LD.

    >>> is_graph_json(Path("graph.ttl")), is_graph_json(Path("no/such/graph.json.gz"))
    (False, True)
    """
    name = path.name.lower().removesuffix(".gz")
    if not name.endswith(".json"):
        return False
    try:
        with open_input(path) as fh:
            head = fh.read(4096).lstrip()
    except (OSError, EOFError):
        return True  # read_json names the problem
    return not (head.startswith(b"[") or b'"@context"' in head or b'"@graph"' in head)
