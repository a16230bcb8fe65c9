"""The ``kg`` command: a thin layer over the Python API.

Each command parses its arguments, calls the library, and turns a
:class:`~kg.errors.KGError` into a one-line message and an exit code:
0 when every document was processed, 1 when some failed (each named on
stderr, the rest still written), 2 for bad usage or no readable input.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from kg.errors import KGError, UsageError

__all__ = ["main", "build_parser", "COMMANDS"]

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2

RDF_FORMATS = {"ttl": "turtle", "turtle": "turtle", "nt": "nt", "ntriples": "nt", "nq": "nquads",
               "nquads": "nquads", "trig": "trig", "jsonld": "json-ld", "json-ld": "json-ld"}


def _err(message: str) -> None:
    print(f"kg: {_one_line(message)}", file=sys.stderr)


def _one_line(text: str) -> str:
    """``text`` with control, format (bidi) and line-break characters escaped:
    names from input never break a message into lines or reorder it."""
    import unicodedata

    return "".join(c if c == " " or unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Zl", "Zp")
                   else c.encode("unicode_escape", "backslashreplace").decode("ascii") for c in text)


def _progress(total_hint: int | None, enabled: bool):
    """A tqdm bar on stderr (documents/s, ETA, failures so far), or None."""
    if not enabled:
        return None, lambda: None
    from tqdm import tqdm

    bar = tqdm(total=total_hint, unit="doc", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)
    state = {"done": 0}

    def update(done: int, failed: int) -> None:
        bar.update(done + failed - state["done"])
        state["done"] = done + failed
        bar.set_postfix(failed=failed, refresh=False)

    return update, bar.close


def _report_failures(kg) -> int:
    """Name each failed document on stderr (one line each); the exit code."""
    messages = [f"{f['source']}{'' if f.get('line') is None else ':' + str(f['line'])}: {f['problem']}"
                for f in kg.failures]
    if not kg.documents and len(messages) == 1:
        raise UsageError(messages[0])  # the one input named failed: one line says it all
    for message in messages:
        _err(f"skipped {message}")
    if not kg.documents:
        raise UsageError("no readable input" + (f" ({len(messages)} failed)" if messages else ""))
    return EXIT_SOME_FAILED if messages else EXIT_OK


def _extract_graph(args):
    from kg.corpus.parallel import default_workers, run
    from kg.text.ingest import read_inputs

    if not args.inputs:
        raise UsageError("no input given (name files, folders, or - for standard input)")
    workers = args.workers if args.workers else 1
    if workers < 0:
        workers = default_workers()
    show = getattr(args, "progress", None)
    if show is None:
        show = sys.stderr.isatty()
    update, close = _progress(None, bool(show))
    try:
        if getattr(args, "scheduler", None):
            from kg.corpus.parallel import run_dask

            return run_dask(read_inputs(args.inputs), args.scheduler, progress=update)
        return run(read_inputs(args.inputs), workers=workers, progress=update)
    finally:
        close()


# ----------------------------------------------------------------------------- build


def cmd_build(args) -> int:
    """Build a graph from articles: OUTDIR/graph.json, graph.ttl and graph.html."""
    from kg.graph import summary, write_json
    from kg.serialize.html import write_html
    from kg.serialize.rdf import write_rdf

    if args.store:
        from kg.corpus.store import build_into_store

        return build_into_store(args)
    from kg.io import atomic_group

    kg = _extract_graph(args)
    code = _report_failures(kg)
    out = Path(args.output)
    with atomic_group():  # all three files replace the previous ones together, or none does
        write_json(kg, out / "graph.json")
        write_rdf(kg, out / "graph.ttl", "turtle")
        write_html(kg, out / "graph.html", title=args.title)
    _print_summary(summary(kg), out)
    return code


def _print_summary(s: dict, out: Path) -> None:
    print(f"documents: {s['documents']}" + (f" ({s['failures']} failed)" if s["failures"] else ""))
    print("entities:  " + (", ".join(f"{k} {v}" for k, v in s["entities"].items()) or "none"))
    print("relations: " + (", ".join(f"{k} {v}" for k, v in s["relations"].items()) or "none"))
    print(f"graph:     {out / 'graph.json'}, {out / 'graph.ttl'}")
    print(f"view:      {(out / 'graph.html').resolve().as_uri()}")


# --------------------------------------------------------------------------- extract


def cmd_extract(args) -> int:
    """Extract a graph and print it (or write it to -o FILE) as JSON or RDF."""
    from kg.graph import write_json

    kg = _extract_graph(args)
    code = _report_failures(kg)
    fmt = args.format
    if fmt == "json":
        if args.output:
            write_json(kg, args.output)
        else:
            write_json(kg, sys.stdout)
            sys.stdout.flush()  # a closed pipe is reported here, inside main, not at exit
        return code
    from kg.serialize.rdf import write_rdf

    rdf_fmt = RDF_FORMATS[fmt]
    if args.output:
        write_rdf(kg, args.output, rdf_fmt)
    else:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "out"
            write_rdf(kg, target, rdf_fmt)
            sys.stdout.write(target.read_text(encoding="utf-8"))
            sys.stdout.flush()
    return code


# ------------------------------------------------------------------------------ eval


def cmd_eval(args) -> int:
    """Extract from the articles of a gold folder and score against its gold files."""
    from kg.corpus.evaluate import format_scores, score
    from kg.corpus.parallel import run
    from kg.graph import graph_to_dict
    from kg.text.ingest import read_inputs

    gold = Path(args.gold_dir)
    if not gold.is_dir():
        raise UsageError(f"{gold}: not a folder")
    golds = sorted(gold.glob("*.gold.json"))
    if not golds:
        raise UsageError(f"{gold}: no *.gold.json files")
    if args.pred:
        pred = json.loads(Path(args.pred).read_text(encoding="utf-8"))
    else:
        names = [json.loads(g.read_text(encoding="utf-8"))["doc"] for g in golds]
        inputs = [str(gold / n) for n in names if (gold / n).exists()]
        pred = graph_to_dict(run(read_inputs(inputs), workers=args.workers or 1))
    details: list = []
    totals = score(gold, pred, details=details)
    if args.verbose:
        for d in details:
            print(f"## {d['doc']}")
            for k in ("missed_entities", "spurious_entities", "missed_relations", "spurious_relations"):
                print(f"  {k.replace('_', ' ')}: {d[k]}")
    print(format_scores(totals))
    return EXIT_OK


# ---------------------------------------------------------------- query/view/export


def cmd_query(args) -> int:
    """Run a SPARQL query (text or a .rq file) over a graph file or store."""
    from kg.corpus.query import run_query

    query = args.query
    if os.path.exists(query) and (query.endswith(".rq") or os.path.isfile(query)):
        query = Path(query).read_text(encoding="utf-8")
    sys.stdout.write(run_query(args.graph, query, args.format))
    return EXIT_OK


def cmd_view(args) -> int:
    """Render the HTML view of a saved graph (graph.json or Turtle)."""
    from kg.graph import read_graph
    from kg.serialize.html import write_html

    kg = read_graph(args.graph)
    write_html(kg, args.output, title=args.title)
    print(f"view: {Path(args.output).resolve().as_uri()}")
    return EXIT_OK


def cmd_export(args) -> int:
    """Export a saved graph for a graph database or a spreadsheet."""
    from kg.graph import read_graph
    from kg.serialize.export import export

    written = export(read_graph(args.graph), args.to, args.output,
                     dialect=args.dialect)
    for path in written:
        print(path)
    return EXIT_OK


def cmd_push(args) -> int:
    """Load a saved graph into a SPARQL 1.1 Graph Store Protocol endpoint."""
    from kg.graph import read_graph
    from kg.serialize.export import push_sparql

    n = push_sparql(read_graph(args.graph), args.sparql)
    print(f"pushed {n} triples to {args.sparql}")
    return EXIT_OK


# ---------------------------------------------------------------------------- parser


def _add_inputs(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="*", metavar="INPUT",
                   help="files (.txt, .html, .jsonl), folders, or - for standard input")
    p.add_argument("-j", "--workers", type=int, default=None,
                   help="worker processes (default 1; -1 for all cores)")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="show a progress bar (default: when stderr is a terminal)")


COMMANDS: dict[str, Callable] = {}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``kg`` and its commands."""
    parser = argparse.ArgumentParser(prog="kg", description="Knowledge graphs from Chinese news.")
    parser.add_argument("--version", action="version", version=f"kg {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("build", help=cmd_build.__doc__, description=cmd_build.__doc__)
    _add_inputs(p)
    p.add_argument("-o", "--output", default="out", help="output folder (default: out)")
    p.add_argument("--store", help="an on-disk store to add the documents to (incremental)")
    p.add_argument("--scheduler", help="a Dask scheduler address, e.g. tcp://HOST:8786")
    p.add_argument("--title", default="kg", help="title of the HTML view")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("extract", help=cmd_extract.__doc__, description=cmd_extract.__doc__)
    _add_inputs(p)
    p.add_argument("-f", "--format", default="json", choices=["json", *RDF_FORMATS],
                   help="output format (default: json)")
    p.add_argument("-o", "--output", help="write to this file instead of standard output")
    p.add_argument("--scheduler", help="a Dask scheduler address, e.g. tcp://HOST:8786")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("eval", help=cmd_eval.__doc__, description=cmd_eval.__doc__)
    p.add_argument("gold_dir", metavar="GOLD_DIR", help="folder of NAME.txt and NAME.gold.json files")
    p.add_argument("--pred", help="score this kg JSON instead of extracting")
    p.add_argument("-j", "--workers", type=int, default=None, help="worker processes")
    p.add_argument("-v", "--verbose", action="store_true", help="list misses and spurious items")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("query", help=cmd_query.__doc__, description=cmd_query.__doc__)
    p.add_argument("graph", metavar="GRAPH", help="graph.json, an RDF file, a build folder or a store")
    p.add_argument("query", metavar="QUERY", help="SPARQL text or a .rq file")
    p.add_argument("--format", default="table", choices=["table", "csv", "json"])
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("view", help=cmd_view.__doc__, description=cmd_view.__doc__)
    p.add_argument("graph", metavar="GRAPH", help="graph.json or a Turtle file")
    p.add_argument("-o", "--output", default="graph.html")
    p.add_argument("--title", default="kg")
    p.set_defaults(func=cmd_view)

    p = sub.add_parser("export", help=cmd_export.__doc__, description=cmd_export.__doc__)
    p.add_argument("graph", metavar="GRAPH")
    p.add_argument("--to", required=True,
                   choices=["neo4j", "cypher", "graphml", "gexf", "nquads", "ntriples", "csv"])
    p.add_argument("-o", "--output", required=True,
                   help="a folder for neo4j and csv, a file for the other formats")
    p.add_argument("--dialect", choices=["neo4j", "ladybug"], default="neo4j",
                   help="Cypher dialect for --to cypher (default: neo4j)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("push", help=cmd_push.__doc__, description=cmd_push.__doc__)
    p.add_argument("graph", metavar="GRAPH")
    p.add_argument("--sparql", required=True, metavar="URL",
                   help="Graph Store Protocol endpoint, e.g. http://127.0.0.1:7878/store")
    p.set_defaults(func=cmd_push)
    for name, action in sub.choices.items():
        COMMANDS[name] = action.get_default("func")
    return parser


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("kg")
    except Exception:
        return "unknown"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``kg`` command."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help
        return int(exc.code or 0)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.func(args)
    except KGError as exc:
        _err(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except BrokenPipeError:
        # The reader went away (kg extract ... | head): not an error.  Point
        # stdout at /dev/null so that the interpreter's final flush is quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # a bug: one line, and the traceback only on request
        if os.environ.get("KG_DEBUG"):
            raise
        _err(f"internal error: {type(exc).__name__}: {exc} (set KG_DEBUG=1 for the traceback)")
        return 3

