"""``kg build INPUT... -o OUTDIR``: extract a graph and write graph.json, graph.ttl and graph.html;
with ``--store STORE``, add the inputs to an incremental on-disk store and write its merged graph."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.cli.common import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    Progress,
    add_input_options,
    count_inputs,
    err,
    no_readable_input,
    output_folder,
    print_summary,
    read_graph_of_inputs,
    report_failures,
    show_progress,
)
from kg.errors import UsageError
from kg.serialize.rdf_formats import MENTION_FORMS

__all__ = ["add_parser", "run"]

HELP = "Build a graph from articles: OUTDIR/graph.json, graph.ttl and graph.html."


def add_parser(sub) -> None:
    p = sub.add_parser("build", help=HELP, description=HELP)
    add_input_options(p)
    p.add_argument("-o", "--output", default="out", help="output folder (default: out)")
    p.add_argument("--store", help="an on-disk store to add the documents to (incremental)")
    p.add_argument("--scheduler", help="a Dask scheduler address, e.g. tcp://HOST:8786")
    p.add_argument("--title", default="kg", help="title of the HTML view")
    p.add_argument("--mentions", choices=MENTION_FORMS, default=None,
                   help="how graph.ttl (and a store's SPARQL store) holds the mentions of names: a node "
                        "for each (nodes; the default without --store), one literal of the spans per "
                        "entity and document (compact), or only which documents name it (links; the "
                        "default of a store, whose graph.json keeps every span)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.store:
        return _build_into_store(args)
    from kg.graph import summary
    from kg.io import atomic_group
    from kg.serialize.html import write_html
    from kg.serialize.json import write_json
    from kg.serialize.rdf import write_rdf

    out = output_folder(args.output)
    kg = read_graph_of_inputs(args)
    code = report_failures(kg, args.inputs)
    with atomic_group():  # all three files replace the previous ones together, or none does
        write_json(kg, out / "graph.json")
        write_rdf(kg, out / "graph.ttl", "turtle", mentions=args.mentions or "nodes")
        write_html(kg, out / "graph.html", title=args.title)
    print_summary(summary(kg), out)
    return code


def _build_into_store(args: argparse.Namespace) -> int:
    """Add the inputs to the store, then write the merged graph into the store folder (or ``-o``).

    Uses all cores unless ``-j N`` says otherwise (or ``--scheduler`` names a Dask cluster).
    """
    from kg.corpus.parallel import default_workers
    from kg.corpus.store import ISOLATE_FROM, SMALL_BATCH, Store
    from kg.text.ingest import read_inputs

    out = output_folder(args.output) if args.output and args.output != "out" else None
    store = Store(args.store, create=True)
    if not args.inputs and not store.documents():
        raise UsageError("no input given (name files, folders, or - for standard input)")
    workers = args.workers if args.workers and args.workers > 0 else default_workers()
    total = count_inputs(args.inputs)
    if not args.workers and total is not None:
        # A worker takes a second or two to load its dictionaries: a handful
        # of documents is done sooner by fewer of them.
        workers = max(1, min(workers, total // SMALL_BATCH))
    bar = Progress(total, show_progress(args))
    try:
        # A large build extracts in worker processes even with -j 1, so that
        # this process, which merges the corpus next, stays small.
        isolate = total is None or total >= ISOLATE_FROM
        # Files the store holds unchanged are not read again (Store.known_file).
        report = store.add(bar.reading(read_inputs(args.inputs, known=store.known_file)), workers=workers,
                           progress=bar.update,
                           scheduler=args.scheduler, isolate=isolate)
    finally:
        bar.close()
    for f in report.failures:
        err(f"skipped {f.message()}")
    if not store.documents():
        raise no_readable_input(args.inputs, len(report.failures))
    out = out or store.path
    store.write_outputs(out, title=args.title, mentions=args.mentions or "links")
    print(f"store:     {store.path} (added {report.added}, updated {report.updated}, unchanged "
          f"{report.unchanged}, duplicates {report.duplicates}, failed {len(report.failures)})")
    print_summary(store.summary(), Path(out), store.output_names(out))
    print(f"sparql:    {store.sparql_path}")
    return EXIT_SOME_FAILED if report.failures else EXIT_OK
