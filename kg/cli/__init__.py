"""The ``kg`` command: a thin layer over the Python API, one module per verb.

Each verb module (:mod:`kg.cli.build`, :mod:`kg.cli.extract` …) adds its parser and runs the
library; :func:`main` turns a :class:`~kg.errors.KGError` into a one-line message and an exit code:
0 when every document was processed, 1 when some failed (each named on stderr, the rest still
written), 2 for bad usage or no readable input, 3 for an internal error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from kg.cli import build, evaluate, export, extract, push, query, serve, view
from kg.cli.common import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, err
from kg.errors import KGError

__all__ = ["main", "build_parser", "COMMANDS", "VERBS"]

#: The verb modules, in the order ``kg --help`` lists them.
VERBS = (build, extract, evaluate, query, view, serve, export, push)

#: Verb name -> the function that runs it (filled by :func:`build_parser`).
COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``kg`` and its verbs."""
    parser = argparse.ArgumentParser(prog="kg", description="Knowledge graphs from Chinese news.")
    parser.add_argument("--version", action="version", version=f"kg {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for verb in VERBS:
        verb.add_parser(sub)
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
        err(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        err("interrupted")
        return 130
    except BrokenPipeError:
        # The reader went away (kg extract ... | head): not an error.  Point
        # stdout at /dev/null so that the interpreter's final flush is quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # a bug: one line, and the traceback only on request
        if os.environ.get("KG_DEBUG"):
            raise
        err(f"internal error: {type(exc).__name__}: {exc} (set KG_DEBUG=1 for the traceback)")
        return EXIT_INTERNAL
