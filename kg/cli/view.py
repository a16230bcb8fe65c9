"""``kg view GRAPH -o graph.html``: draw the interactive view of a saved graph."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.cli.common import EXIT_OK

__all__ = ["add_parser", "run"]

HELP = "Render the HTML view of a saved graph (graph.json or Turtle)."


def add_parser(sub) -> None:
    p = sub.add_parser("view", help=HELP, description=HELP)
    p.add_argument("graph", metavar="GRAPH", help="graph.json, an RDF file, a build folder or a store")
    p.add_argument("-o", "--output", default="graph.html")
    p.add_argument("--title", default="kg")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.corpus.open import read_graph
    from kg.serialize.html import write_html

    kg = read_graph(args.graph)
    write_html(kg, args.output, title=args.title)
    print(f"view: {Path(args.output).resolve().as_uri()}")
    return EXIT_OK
