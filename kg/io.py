"""Atomic output: a file is written to a temporary name beside it, then renamed.

A run killed at any moment leaves either the previous file or the new one,
never half of one.  :func:`atomic_group` goes one step further for a set of
files (``graph.json``, ``graph.ttl``, ``graph.html``): every file is written
in full first, and the renames all happen together at the end, so a killed
run leaves the previous set.

Temporary files are named ``.NAME.PID.XXXX.tmp`` (hidden, and skipped when
kg reads a folder); one left behind by a killed run is removed by the next
successful write of the same file.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import IO

from kg.errors import OutputError

__all__ = ["atomic_write_text", "atomic_write_bytes", "atomic_open", "atomic_group", "is_gzip", "open_input",
           "safe_child"]

# The renames an open atomic_group still has to do, as (temporary, target).
_PENDING: ContextVar[list[tuple[str, Path]] | None] = ContextVar("kg_io_pending", default=None)


@contextmanager
def atomic_open(path: str | os.PathLike, mode: str = "w", encoding: str | None = "utf-8",
                compress: bool = False) -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success it replaces ``path``.

    If the block raises, the temporary file is removed and ``path`` is left
    as it was.  With ``compress`` what is written is gzip-compressed (level 1, no time stamp,
    so the same text gives the same bytes); :func:`open_input` reads it back.

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
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp",
                                   dir=target.parent)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from None
    # mkstemp creates the file 0600; outputs are for sharing, so use the umask.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    binary = "b" in mode
    try:
        if compress:
            with os.fdopen(fd, "wb") as raw:
                with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=1, mtime=0) as gz:
                    if binary:
                        yield gz
                    else:
                        text = io.TextIOWrapper(gz, encoding=encoding, newline="\n")
                        yield text
                        text.flush()
                        text.detach()  # closing the wrapper would close the gzip stream twice
                raw.flush()
                os.fsync(raw.fileno())
        else:
            with os.fdopen(fd, mode, **({} if binary else {"encoding": encoding, "newline": "\n"})) as fh:
                yield fh
                fh.flush()
                os.fsync(fh.fileno())
        pending = _PENDING.get()
        if pending is not None:
            pending.append((tmp, target))
        else:
            _commit([(tmp, target)])
    except BaseException as exc:
        _unlink(tmp)
        if isinstance(exc, OSError) and not isinstance(exc, OutputError):
            raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from None
        raise


@contextmanager
def atomic_group() -> Iterator[None]:
    """Write several files as one: the atomic writes inside the block are
    renamed into place only when the whole block succeeds.

    >>> import tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> with atomic_group():
    ...     atomic_write_text(os.path.join(d, "a.txt"), "a")
    ...     os.path.exists(os.path.join(d, "a.txt"))
    False
    >>> open(os.path.join(d, "a.txt")).read()
    'a'
    """
    if _PENDING.get() is not None:  # nested: the outer group commits
        yield
        return
    pending: list[tuple[str, Path]] = []
    token = _PENDING.set(pending)
    try:
        yield
    except BaseException:
        for tmp, _ in pending:
            _unlink(tmp)
        raise
    finally:
        _PENDING.reset(token)
    _commit(pending)


def _commit(pending: list[tuple[str, Path]]) -> None:
    try:
        for tmp, target in pending:
            os.replace(tmp, target)
    except OSError as exc:
        for tmp, _ in pending:
            _unlink(tmp)
        raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from None
    for parent in dict.fromkeys(target.parent for _, target in pending):
        _fsync_dir(parent)
    for _, target in pending:
        _remove_stale(target)


def _fsync_dir(folder: Path) -> None:
    """Make the renames durable (best effort: not every system allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove_stale(target: Path) -> None:
    """Remove temporary files of ``target`` left by killed kg processes."""
    try:
        leftovers = list(target.parent.glob(f".{_glob_escape(target.name)}.*.tmp"))
    except OSError:
        return
    for tmp in leftovers:
        pid = tmp.name[len(target.name) + 2:].split(".", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            _unlink(tmp)


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, owned by someone else
    return True


def _unlink(path: str | os.PathLike) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


_GZIP_MAGIC = b"\x1f\x8b"


def is_gzip(path: str | os.PathLike) -> bool:
    """Whether the file at ``path`` is gzip-compressed (by its first bytes, not its name)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(2) == _GZIP_MAGIC
    except OSError:
        return False


def open_input(path: str | os.PathLike) -> IO[bytes]:
    """Open a file for reading in binary, decompressing it if it is gzip-compressed.

    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "a.json.gz")
    >>> with atomic_open(p, compress=True) as fh:
    ...     _ = fh.write("{}")
    >>> open_input(p).read()
    b'{}'
    """
    return gzip.open(path, "rb") if is_gzip(path) else open(path, "rb")


def atomic_write_text(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically."""
    with atomic_open(path, "w") as fh:
        fh.write(text)


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_open(path, "wb", encoding=None) as fh:
        fh.write(data)


_FORBIDDEN = frozenset('/\\:*?"<>|')
#: Longest file name, in UTF-8 bytes, that safe_child returns (most file
#: systems allow 255; room is left for a suffix the caller adds).
MAX_NAME_BYTES = 200


def safe_child(folder: str | os.PathLike, name: str) -> Path:
    """A path for ``name`` directly inside ``folder``, that cannot escape it.

    Names from input (JSONL ids, document names) never choose where output
    goes: separators, control and format characters, leading dots and the
    names ``.``/``..`` are replaced, and long names are cut.  A name that had
    to change gets a short hash of the original, so two different names never
    share a file.

    >>> safe_child("/out", "d000.txt").as_posix()
    '/out/d000.txt'
    >>> safe_child("/out", "../../etc/passwd").as_posix()
    '/out/_._.._etc_passwd~936d7c04'
    """
    cleaned = "".join("_" if c in _FORBIDDEN or not _plain(c) else c for c in name).strip(" ")
    if cleaned.startswith("."):
        cleaned = "_" + cleaned[1:]  # no hidden files, no "." or ".."
    cleaned = cleaned.rstrip(". ")  # Windows drops trailing dots and spaces
    if len(cleaned.encode("utf-8")) > MAX_NAME_BYTES:
        cleaned = cleaned.encode("utf-8")[:MAX_NAME_BYTES - 9].decode("utf-8", "ignore")
    if cleaned != name or not cleaned:
        digest = hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        cleaned = f"{cleaned}~{digest}"
    return Path(folder) / cleaned


def _plain(c: str) -> bool:
    """Printable, and not a surrogate, format (bidi) or separator character."""
    import unicodedata

    return c == " " or (c.isprintable() and unicodedata.category(c) not in ("Cf", "Cs", "Zl", "Zp", "Zs"))
