"""The interactive HTML view of a graph (pyvis / vis-network, inlined)."""

from __future__ import annotations

import html as _html
import os

from kg.graph import KnowledgeGraph

__all__ = ["write_html", "TYPE_COLORS"]

TYPE_COLORS = {"Person": "#e15759", "Organization": "#4e79a7", "Place": "#59a14f",
               "Position": "#f28e2b", "Document": "#b07aa1", "Event": "#edc948"}


def write_html(kg: KnowledgeGraph, path: str | os.PathLike, title: str = "kg") -> None:
    """Write a self-contained HTML view (no CDN: scripts inlined)."""
    from pyvis.network import Network

    from kg.io import atomic_write_text

    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line")
    for e in kg.entities:
        net.add_node(e.id, label=e.name, title=_html.escape(f"{e.type}: {e.name}"),
                     color=TYPE_COLORS.get(e.type, "#999"))
    for r in kg.relations:
        if r.object is not None:
            net.add_edge(r.subject, r.object, label=r.type, title=_html.escape(r.type))
    atomic_write_text(path, net.generate_html(notebook=False))
