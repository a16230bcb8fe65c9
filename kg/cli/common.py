"""What every verb of the ``kg`` command shares: exit codes, one-line messages on stderr, the
progress bar, the input options, and reading the inputs into a graph.

Only the CLI prints or exits; the library raises :class:`~kg.errors.KGError` values, which
:func:`kg.cli.main` turns into a message and an exit code.
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kg.errors import UsageError
from kg.graph import KnowledgeGraph
from kg.text.ingest import JSONL_SUFFIXES, WALK_SUFFIXES, content_suffix, is_input_file

__all__ = ["EXIT_OK", "EXIT_SOME_FAILED", "EXIT_USAGE", "EXIT_INTERNAL", "err", "one_line", "Progress",
           "add_input_options", "read_graph_of_inputs", "report_failures", "print_summary", "count_inputs",
           "output_folder", "no_readable_input"]

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def one_line(text: str) -> str:
    """``text`` with control, format (bidi) and line-break characters escaped: names from input
    never break a message into lines or reorder it.

    >>> one_line("a\\nb\\u202ec")
    'a\\\\nb\\\\u202ec'
    """
    return "".join(c if c == " " or unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Zl", "Zp")
                   else c.encode("unicode_escape", "backslashreplace").decode("ascii") for c in text)


def err(message: str) -> None:
    """Print ``kg: message`` on stderr, on one line."""
    print(f"kg: {one_line(message)}", file=sys.stderr)


class Progress:
    """A tqdm bar on stderr: documents done (of the total when known), characters per second,
    time left and failures so far.  Disabled, it does nothing and ``update`` is None.

    ``reading(items)`` passes the inputs through, counting the characters of the documents
    read; extraction keeps only a few documents in flight, so that is the characters done.
    """

    def __init__(self, total: int | None, enabled: bool):
        self._bar = None
        self._chars = 0
        self._done = 0
        self.update: Callable[[int, int], None] | None = None
        if enabled:
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="doc", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)
            self.update = self._update

    def reading(self, items: Iterable) -> Iterator:
        for item in items:
            self._chars += len(getattr(item, "text", "") or "")
            yield item

    def _update(self, done: int, failed: int) -> None:
        bar = self._bar
        bar.update(done + failed - self._done)
        self._done = done + failed
        elapsed = bar.format_dict.get("elapsed") or 0
        rate = f"{self._chars / elapsed:,.0f}" if elapsed > 0.5 else "-"
        bar.set_postfix_str(f"{rate} chars/s, failed {failed}", refresh=False)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def add_input_options(p: argparse.ArgumentParser) -> None:
    """The inputs and the options of every verb that reads articles."""
    p.add_argument("inputs", nargs="*", metavar="INPUT",
                   help="files (.txt, .html, .jsonl), folders, or - for standard input")
    p.add_argument("-j", "--workers", type=int, default=None,
                   help="worker processes (default 1; -1 for all cores)")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="show a progress bar (default: when stderr is a terminal)")


def show_progress(args: argparse.Namespace) -> bool:
    return bool(args.progress if args.progress is not None else sys.stderr.isatty())


def read_graph_of_inputs(args: argparse.Namespace) -> KnowledgeGraph:
    """Extract the graph of ``args.inputs`` (in worker processes or on a Dask cluster if asked)."""
    from kg.corpus.parallel import default_workers, run, run_dask
    from kg.text.ingest import read_inputs

    if not args.inputs:
        raise UsageError("no input given (name files, folders, or - for standard input)")
    workers = args.workers if args.workers else 1
    if workers < 0:
        workers = default_workers()
    bar = Progress(None, show_progress(args))
    try:
        if getattr(args, "scheduler", None):
            return run_dask(bar.reading(read_inputs(args.inputs)), args.scheduler, progress=bar.update)
        return run(bar.reading(read_inputs(args.inputs)), workers=workers, progress=bar.update)
    finally:
        bar.close()


def no_readable_input(inputs: list[str], failed: int = 0) -> UsageError:
    """The error for inputs that hold no article kg can read, naming the folders and the suffixes read."""
    folders = [i for i in inputs if i != "-" and Path(i).is_dir()]
    suffixes = ", ".join(sorted(WALK_SUFFIXES))
    if folders:
        where = ", ".join(folders)
        return UsageError(f"no readable article in {where}: kg reads files ending in {suffixes}"
                          " (also gzip-compressed: .jsonl.gz)"
                          + (f" ({failed} failed)" if failed else ""))
    return UsageError("no readable input" + (f" ({failed} failed)" if failed else ""))


def report_failures(kg: KnowledgeGraph, inputs: list[str]) -> int:
    """Name each failed document on stderr (one line each); the exit code."""
    messages = [f"{f['source']}{'' if f.get('line') is None else ':' + str(f['line'])}: {f['problem']}"
                for f in kg.failures]
    if not kg.documents and len(messages) == 1:
        raise UsageError(messages[0])  # the one input named failed: one line says it all
    for message in messages:
        err(f"skipped {message}")
    if not kg.documents:
        raise no_readable_input(inputs, len(messages))
    return EXIT_SOME_FAILED if messages else EXIT_OK


def output_folder(path: str | os.PathLike) -> Path:
    """``-o``'s folder, refusing a path that is a file (a folder of several files is written there)."""
    out = Path(path)
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: is a file; -o names the output folder (graph.json, graph.ttl and "
                         "graph.html are written into it)")
    return out


def print_summary(s: dict, out: Path, names: dict[str, str] | None = None) -> None:
    """The counts a build prints, and where its outputs are (``names`` of the files by kind,
    as :meth:`kg.corpus.store.Store.output_names` gives them; plain names by default)."""
    from kg.corpus.store import GRAPH_FILES

    names = names or GRAPH_FILES
    print(f"documents: {s['documents']}" + (f" ({s['failures']} failed)" if s["failures"] else ""))
    print("entities:  " + (", ".join(f"{k} {v}" for k, v in s["entities"].items()) or "none"))
    print("relations: " + (", ".join(f"{k} {v}" for k, v in s["relations"].items()) or "none"))
    print(f"graph:     {out / names['json']}, {out / names['turtle']}")
    print(f"view:      {(out / names['html']).resolve().as_uri()}")


def count_inputs(inputs: list[str]) -> int | None:
    """How many documents the inputs hold, for the progress bar's ETA (None if unknown)."""

    def count_file(path: Path) -> int:
        if content_suffix(path) not in JSONL_SUFFIXES:
            return 1
        n = 0
        with (gzip.open(path) if path.suffix.lower() == ".gz" else open(path, "rb")) as fh:
            for line in fh:
                n += bool(line.strip())
        return n

    total = 0
    try:
        for item in inputs:
            p = Path(item)
            if item == "-":
                return None
            if p.is_dir():
                for root, dirs, files in os.walk(p):
                    dirs[:] = [d for d in dirs if not d.startswith(".")]
                    total += sum(count_file(Path(root) / f) for f in files
                                 if not f.startswith(".") and is_input_file(Path(f)))
            else:
                total += count_file(p) if p.is_file() else 1
    except (OSError, EOFError, zlib.error):  # a count is only a hint
        return None
    return total
