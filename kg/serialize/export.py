"""Exports for graph databases and spreadsheets (loading into a SPARQL store is :mod:`kg.serialize.push`).

:func:`export` writes one graph in one of the formats of :data:`EXPORTERS` (a registry: a
new format is one :class:`ExportFormat` entry):

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

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kg.errors import UsageError
from kg.graph import KnowledgeGraph
from kg.io import atomic_group, atomic_open, safe_child
from kg.serialize.neo4j import DIALECTS, cypher_literal, cypher_statements, write_cypher, write_neo4j_csv
from kg.serialize.rdf import write_rdf
from kg.serialize.records import (
    csv_cell,
    folder_for_files,
    neutralize_formula,
    scalar_edge_rows,
    scalar_node_rows,
    typed_rows,
    write_rows,
    xml_safe,
)

__all__ = ["EXPORTERS", "ExportFormat", "FORMATS", "DIALECTS", "export", "write_neo4j_csv", "write_cypher", "cypher_statements", "write_graphml",
           "write_gexf", "write_csv_tables", "cypher_literal", "neutralize_formula"]

def _networkx_graph(kg: KnowledgeGraph):
    """A MultiDiGraph with only scalar, XML-safe attributes (GraphML/GEXF)."""
    import networkx as nx

    g = nx.MultiDiGraph(name="kg")
    for row in typed_rows(scalar_node_rows(kg)):
        attrs = {k: xml_safe(v) for k, v in row.items() if v is not None and k != "id"}
        g.add_node(row["id"], label=attrs["name"], **attrs)
    for row in typed_rows(scalar_edge_rows(kg)):
        attrs = {k: xml_safe(v) for k, v in row.items()
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


def write_csv_tables(kg: KnowledgeGraph, folder: str | os.PathLike) -> list[str]:
    """Write ``nodes.csv`` and ``edges.csv`` (UTF-8 with BOM, for Excel and pandas).

    ``edges.csv`` also lists relations with no object (empty ``target``).
    Text cells that start with ``=``, ``+``, ``-``, ``@``, tab or carriage
    return get a leading ``'`` so a spreadsheet shows them instead of running
    them; list values are JSON.
    """
    folder = folder_for_files(folder)
    written = []
    with atomic_group():  # nodes.csv and edges.csv always come from the same graph
        for name, rows in (("nodes.csv", typed_rows(scalar_node_rows(kg))),
                           ("edges.csv", typed_rows(scalar_edge_rows(kg, unlinked=True)))):
            header = list(rows[0]) if rows else (["id", "type", "name"] if name == "nodes.csv" else
                                                 ["id", "relation", "source", "target"])
            body = [["" if row.get(k) is None else neutralize_formula(csv_cell(row.get(k))) for k in header]
                    for row in rows]
            written.append(write_rows(safe_child(folder, name), header, body, encoding="utf-8-sig",
                                       lineterminator="\r\n"))
    return written


def _rdf_writer(fmt: str) -> Callable[..., list[str]]:
    def write(kg: KnowledgeGraph, path: Path, mentions: str = "nodes") -> list[str]:
        write_rdf(kg, path, fmt, mentions=mentions)
        return [str(path)]

    return write


@dataclass(frozen=True)
class ExportFormat:
    """One export format: its name, what it is for, whether it writes a folder of files or one
    file (and then the file's name inside a folder given as ``out``), and its writer
    ``write(kg, out, **options)`` returning the paths written."""

    name: str
    description: str
    folder: bool
    write: Callable[..., list[str]]
    default_name: str = ""
    options: tuple[str, ...] = ()


#: The export formats by name, in the order ``kg export --help`` lists them.
EXPORTERS: dict[str, ExportFormat] = {f.name: f for f in (
    ExportFormat("neo4j", "CSV for neo4j-admin database import full, and a README", True, write_neo4j_csv),
    ExportFormat("csv", "nodes.csv and edges.csv for spreadsheets", True, write_csv_tables),
    ExportFormat("cypher", "a re-runnable Cypher script (constraints and MERGE)", False, write_cypher,
                 "graph.cypher", ("dialect",)),
    ExportFormat("graphml", "GraphML (yEd, Cytoscape, Gephi)", False, write_graphml, "graph.graphml"),
    ExportFormat("gexf", "GEXF 1.2 (Gephi)", False, write_gexf, "graph.gexf"),
    ExportFormat("nquads", "N-Quads, one named graph per document", False, _rdf_writer("nquads"), "graph.nq",
                 ("mentions",)),
    ExportFormat("ntriples", "N-Triples", False, _rdf_writer("nt"), "graph.nt", ("mentions",)),
)}

#: Export formats, and whether ``out`` names a folder (True) or a file (False).
FORMATS = {name: f.folder for name, f in EXPORTERS.items()}


def export(kg: KnowledgeGraph, to: str, out: str | os.PathLike, *, dialect: str = "neo4j",
           mentions: str = "nodes") -> list[str]:
    """Write ``kg`` in format ``to`` (one of :data:`EXPORTERS`) to ``out``; the paths written.

    ``out`` is a folder for ``neo4j`` and ``csv`` (created if missing) and a
    file for the others (or an existing folder, which then gets ``graph.cypher``,
    ``graph.graphml``, ``graph.gexf``, ``graph.nq`` or ``graph.nt``).
    ``dialect`` applies to ``cypher`` only (:data:`DIALECTS`), ``mentions`` to ``nquads`` and
    ``ntriples`` only (:data:`kg.serialize.rdf_formats.MENTION_FORMS`).

    >>> import tempfile, os
    >>> [os.path.basename(p) for p in export(KnowledgeGraph(), "csv", tempfile.mkdtemp())]
    ['nodes.csv', 'edges.csv']
    """
    fmt = EXPORTERS.get(str(to).lower())
    if fmt is None:
        raise UsageError(f"unknown export format {to!r} (choose from {', '.join(EXPORTERS)})")
    given = {"dialect": dialect != "neo4j", "mentions": mentions != "nodes"}
    if given["dialect"] and "dialect" not in fmt.options:
        raise UsageError(f"a Cypher dialect applies to --to cypher only, not {fmt.name}")
    if given["mentions"] and "mentions" not in fmt.options:
        raise UsageError(f"--mentions applies to --to nquads and ntriples only, not {fmt.name}")
    options = {k: v for k, v in (("dialect", dialect), ("mentions", mentions)) if k in fmt.options}
    target = Path(out)
    if not fmt.folder and target.is_dir():
        target = target / fmt.default_name
    return fmt.write(kg, target, **options)
