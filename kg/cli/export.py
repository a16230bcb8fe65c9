"""``kg export GRAPH --to FORMAT -o OUT``: write a saved graph for a graph database or a spreadsheet."""

from __future__ import annotations

import argparse

from kg.cli.common import EXIT_OK
from kg.serialize.export import DIALECTS, EXPORTERS
from kg.serialize.rdf_formats import MENTION_FORMS

__all__ = ["add_parser", "run"]

HELP = "Export a saved graph for a graph database or a spreadsheet."


def add_parser(sub) -> None:
    formats = "; ".join(f"{f.name}: {f.description}" for f in EXPORTERS.values())
    p = sub.add_parser("export", help=HELP, description=f"{HELP} Formats — {formats}.")
    p.add_argument("graph", metavar="GRAPH")
    p.add_argument("--to", required=True, choices=list(EXPORTERS))
    p.add_argument("-o", "--output", required=True,
                   help="a folder for neo4j and csv, a file for the other formats")
    p.add_argument("--dialect", choices=list(DIALECTS), default="neo4j",
                   help="Cypher dialect for --to cypher (default: neo4j)")
    p.add_argument("--mentions", choices=MENTION_FORMS, default="nodes",
                   help="for --to nquads/ntriples: a kg:Mention node for each mention (nodes, the default) "
                        "or one literal per entity and document (compact)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.corpus.open import read_graph
    from kg.serialize.export import export

    for path in export(read_graph(args.graph), args.to, args.output, dialect=args.dialect,
                       mentions=args.mentions):
        print(path)
    return EXIT_OK
