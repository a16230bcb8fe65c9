"""``kg serve GRAPH``: explore a graph in the browser, with a read-only SPARQL endpoint."""

from __future__ import annotations

import argparse
import sys

from kg.cli.common import EXIT_OK
from kg.errors import UsageError

__all__ = ["add_parser", "run"]

HELP = "Serve a store, build folder or graph file: search, entity pages, evidence, SPARQL (read-only)."


def add_parser(sub) -> None:
    p = sub.add_parser("serve", help=HELP, description=HELP)
    p.add_argument("graph", metavar="GRAPH", help="a store (kg build --store), a build folder or a graph file")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this machine only; 0.0.0.0 shares it)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--query-timeout", type=float, default=10.0, help="seconds a SPARQL query may run (default 10)")
    p.add_argument("--max-rows", type=int, default=10_000, help="rows a SPARQL answer may hold (default 10000)")
    p.add_argument("--sparql-workers", type=int, default=2, help="processes answering SPARQL queries (default 2)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.corpus.server import load_explorer, serve

    if not 0 < args.port < 65536:
        raise UsageError(f"--port {args.port}: expected 1 to 65535")
    if args.query_timeout <= 0 or args.max_rows <= 0 or args.sparql_workers <= 0:
        raise UsageError("--query-timeout, --max-rows and --sparql-workers must be positive")
    explorer, graph_path = load_explorer(args.graph)
    print(f"kg: serving {args.graph} ({len(explorer.entities)} entities, {len(explorer.documents)} documents) "
          f"on http://{args.host}:{args.port}/ (Ctrl-C stops)", file=sys.stderr)
    serve(explorer, graph_path, args.host, args.port, workers=args.sparql_workers, timeout=args.query_timeout,
          max_rows=args.max_rows)
    return EXIT_OK
