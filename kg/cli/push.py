"""``kg push GRAPH --sparql URL``: load a saved graph into a SPARQL 1.1 Graph Store Protocol endpoint."""

from __future__ import annotations

import argparse

from kg.cli.common import EXIT_OK

__all__ = ["add_parser", "run"]

HELP = "Load a saved graph into a SPARQL 1.1 Graph Store Protocol endpoint."


def add_parser(sub) -> None:
    p = sub.add_parser("push", help=HELP, description=HELP)
    p.add_argument("graph", metavar="GRAPH")
    p.add_argument("--sparql", required=True, metavar="URL",
                   help="Graph Store Protocol endpoint, e.g. http://127.0.0.1:7878/store")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.corpus.open import read_graph
    from kg.serialize.push import push_sparql

    n = push_sparql(read_graph(args.graph), args.sparql)
    print(f"pushed {n} triples to {args.sparql}")
    return EXIT_OK
