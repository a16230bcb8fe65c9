"""``kg query GRAPH QUERY [--format table|csv|json]``: run SPARQL over any saved graph."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kg.cli.common import EXIT_OK
from kg.corpus.query import QUERY_FORMATS

__all__ = ["add_parser", "run"]

HELP = "Run a SPARQL query (text or a .rq file) over a graph file or store."


def add_parser(sub) -> None:
    p = sub.add_parser("query", help=HELP, description=HELP)
    p.add_argument("graph", metavar="GRAPH", help="graph.json, an RDF file, a build folder or a store")
    p.add_argument("query", metavar="QUERY", help="SPARQL text or a .rq file")
    p.add_argument("--format", default="table", choices=list(QUERY_FORMATS))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.corpus.query import run_query

    query = args.query
    if os.path.exists(query) and (query.endswith(".rq") or os.path.isfile(query)):
        query = Path(query).read_text(encoding="utf-8")
    sys.stdout.write(run_query(args.graph, query, args.format))
    return EXIT_OK
