"""The one exception root of kg.

Library code raises these; only :mod:`kg.cli` turns them into a message and an
exit code.  Each also inherits the builtin it refines, so callers that catch
``ValueError`` or ``OSError`` keep working.
"""

from __future__ import annotations

__all__ = ["KGError", "InputError", "UsageError", "OutputError", "QueryError"]


class KGError(Exception):
    """Root of every error kg raises on purpose."""

    exit_code = 1


class InputError(KGError, ValueError):
    """A document cannot be read or decoded.

    The message names the file (and line, for JSONL) and the problem.

    Examples
    --------
    >>> str(InputError("empty file", source="a.txt"))
    'a.txt: empty file'
    >>> str(InputError("not JSON", source="c.jsonl", line=3))
    'c.jsonl:3: not JSON'
    """

    def __init__(self, problem: str, source: str | None = None, line: int | None = None):
        self.problem = problem
        self.source = source
        self.line = line
        where = source or "<input>"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {problem}")


class UsageError(KGError, ValueError):
    """The command was asked for something it cannot do (bad option, no input)."""

    exit_code = 2


class OutputError(KGError, OSError):
    """An output could not be written."""

    exit_code = 2


class QueryError(KGError, ValueError):
    """A SPARQL query or graph file could not be used."""

    exit_code = 2
