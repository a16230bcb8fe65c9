"""The RDF formats kg writes and reads: one table of names, aliases, file suffixes and
pyoxigraph's format for each.
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.errors import OutputError, QueryError

__all__ = ["FORMATS", "DATASET_FORMATS", "MENTION_FORMS", "SUFFIXES", "canonical_format", "format_of_path", "oxigraph_format"]

#: Format names (rdflib's, what the CLI takes) and common aliases -> the canonical name.
FORMATS = {"turtle": "turtle", "ttl": "turtle", "nt": "nt", "ntriples": "nt", "n-triples": "nt",
           "nquads": "nquads", "nq": "nquads", "n-quads": "nquads", "trig": "trig",
           "json-ld": "json-ld", "jsonld": "json-ld"}
#: Formats that keep named graphs (one per source document).
DATASET_FORMATS = frozenset({"nquads", "trig", "json-ld"})
#: How mentions of names are written: a ``kg:Mention`` node for each (``nodes``, the default);
#: per entity and document one ``kg:mentionedIn`` link and one ``kg:mentionSpans`` JSON literal of
#: the spans (``compact``: a sixth of the statements); or the ``kg:mentionedIn`` links alone
#: (``links``, what a corpus store's SPARQL store holds; its graph.json.gz keeps every span).
MENTION_FORMS = ("nodes", "compact", "links")
#: File suffixes -> format, for reading (RDF/XML and N3 are read, never written).
SUFFIXES = {".ttl": "turtle", ".turtle": "turtle", ".nt": "nt", ".nq": "nquads",
            ".trig": "trig", ".jsonld": "json-ld", ".json": "json-ld", ".rdf": "xml",
            ".xml": "xml", ".owl": "xml", ".n3": "n3"}
# Canonical format -> the name of pyoxigraph's RdfFormat member.
_OXIGRAPH = {"turtle": "TURTLE", "nt": "N_TRIPLES", "nquads": "N_QUADS", "trig": "TRIG",
             "json-ld": "JSON_LD", "xml": "RDF_XML", "n3": "N3"}


def canonical_format(fmt: str) -> str:
    """The canonical name of a format kg writes.

    >>> canonical_format("ttl"), canonical_format("N-Quads")
    ('turtle', 'nquads')
    """
    canonical = FORMATS.get(str(fmt).lower())
    if canonical is None:
        raise OutputError(f"RDF format {fmt!r}: expected one of {', '.join(sorted(FORMATS))}")
    return canonical


def format_of_path(path: str | os.PathLike) -> str:
    """The RDF format of a file, from its suffix (turtle, nt, nquads, trig, json-ld, xml, n3).

    >>> format_of_path("graph.trig"), format_of_path("graph.ttl.gz")
    ('trig', 'turtle')
    """
    p = Path(path)
    if p.suffix.lower() == ".gz":  # graph.ttl.gz: the format of what is compressed
        p = p.with_suffix("")
    fmt = SUFFIXES.get(p.suffix.lower())
    if fmt is None:
        raise QueryError(f"{p}: cannot tell the RDF format from the suffix {p.suffix!r} "
                         f"(expected one of {', '.join(sorted(SUFFIXES))})")
    return fmt


def oxigraph_format(fmt: str):
    """pyoxigraph's ``RdfFormat`` for a format name or alias."""
    from pyoxigraph import RdfFormat

    return getattr(RdfFormat, _OXIGRAPH[FORMATS.get(fmt, fmt)])
