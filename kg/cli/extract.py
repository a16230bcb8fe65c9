"""``kg extract INPUT... --format FMT [-o FILE]``: extract a graph and print (or write) it."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from kg.cli.common import add_input_options, read_graph_of_inputs, report_failures
from kg.serialize.rdf_formats import FORMATS as RDF_FORMATS
from kg.serialize.rdf_formats import MENTION_FORMS

__all__ = ["add_parser", "run"]

HELP = "Extract a graph and print it (or write it to -o FILE) as JSON or RDF."


def add_parser(sub) -> None:
    p = sub.add_parser("extract", help=HELP, description=HELP)
    add_input_options(p)
    p.add_argument("-f", "--format", default="json", choices=["json", *RDF_FORMATS],
                   help="output format (default: json)")
    p.add_argument("-o", "--output", help="write to this file instead of standard output")
    p.add_argument("--scheduler", help="a Dask scheduler address, e.g. tcp://HOST:8786")
    p.add_argument("--mentions", choices=MENTION_FORMS, default="nodes",
                   help="RDF: a kg:Mention node for each mention of a name (nodes, the default) or one "
                        "literal per entity and document (compact)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.serialize.json import write_json
    from kg.serialize.rdf import write_rdf

    kg = read_graph_of_inputs(args)
    code = report_failures(kg, args.inputs)
    if args.format == "json":
        if args.output:
            write_json(kg, args.output)
        else:
            write_json(kg, sys.stdout)
            sys.stdout.flush()  # a closed pipe is reported here, inside main, not at exit
        return code
    if args.output:
        write_rdf(kg, args.output, args.format, mentions=args.mentions)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "out"
            write_rdf(kg, target, args.format, mentions=args.mentions)
            sys.stdout.write(target.read_text(encoding="utf-8"))
            sys.stdout.flush()
    return code
