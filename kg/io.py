"""Atomic output: a file is written to a temporary name beside it, then renamed.

A run killed at any moment leaves either the previous file or the new one,
never half of one.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

from kg.errors import OutputError

__all__ = ["atomic_write_text", "atomic_write_bytes", "atomic_open", "safe_child"]


@contextmanager
def atomic_open(path: str | os.PathLike, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success it replaces ``path``.

    >>> import tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> with atomic_open(os.path.join(d, "a.txt")) as fh:
    ...     _ = fh.write("ok")
    >>> open(os.path.join(d, "a.txt")).read()
    'ok'
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from None
    # mkstemp creates the file 0600; outputs are for sharing, so use the umask.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    binary = "b" in mode
    try:
        with os.fdopen(fd, mode, **({} if binary else {"encoding": encoding, "newline": "\n"})) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def atomic_write_text(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically."""
    with atomic_open(path, "w") as fh:
        fh.write(text)


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_open(path, "wb", encoding=None) as fh:
        fh.write(data)


def safe_child(folder: str | os.PathLike, name: str) -> Path:
    """A path for ``name`` inside ``folder`` that cannot escape it.

    Names from input (JSONL ids, document names) never choose where output
    goes: separators, ``..`` and control characters are replaced.

    >>> safe_child("/out", "../../etc/passwd").as_posix()
    '/out/.._.._etc_passwd'
    """
    cleaned = "".join(c if c.isprintable() and c not in '/\\:*?"<>|' else "_" for c in name).strip()
    if cleaned in ("", ".", ".."):
        cleaned = "_"
    cleaned = cleaned[:200]
    base = Path(folder)
    child = base / cleaned
    if child.resolve().parent != base.resolve():
        child = base / cleaned.replace(".", "_")
    return child
