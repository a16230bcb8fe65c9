"""Lexicons: the generalising knowledge kg recognises entities with.

The files live in ``kg/lexicon/data/`` as plain UTF-8 text, one entry a line
(``#`` starts a comment), and ``SOURCES.md`` beside them says where each came
from.  The administrative-division gazetteer and the world-country list are
read from the data the ``jionlp`` package ships (Apache-2.0), without
importing jionlp itself.  Everything is loaded once per process.
"""

from __future__ import annotations

import importlib
import importlib.util
import io
import os
import zipfile
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path

__all__ = [
    "DATA_DIR",
    "cached",
    "CachedIndex",
    "cache_dir",
    "cache_key",
    "settle",
    "load_lines",
    "load_pairs",
    "load_table",
    "longest_first",
    "china_divisions",
    "world_countries",
    "Division",
    "compiled_module",
]

DATA_DIR = Path(__file__).with_name("data")


def compiled_module(name: str):
    """The optional compiled module ``name`` (built when kg is installed), or None where it was not
    built or ``KG_PURE_PYTHON=1`` turns compiled code off: the callers then take their pure-Python
    path, which gives the same results.

    >>> compiled_module("kg.lexicon.no_such_module") is None
    True
    """
    if os.environ.get("KG_PURE_PYTHON"):
        return None
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _read(name: str) -> str:
    return (DATA_DIR / name).read_text(encoding="utf-8")


def longest_first(words: Iterable[str]) -> tuple[str, ...]:
    """The distinct ``words``, longest first, and words of one length in code-point order: a rule
    that tries words in turn then reads a text the same way in every process (a set's order
    changes with Python's string hashing, run to run).

    >>> longest_first({"歌手", "诗人", "市领导", "领导"})
    ('市领导', '歌手', '诗人', '领导')
    """
    return tuple(sorted(set(words), key=lambda w: (-len(w), w)))


@cache
def load_lines(name: str) -> tuple[str, ...]:
    """Entries of a one-per-line lexicon file, comments and blanks dropped.

    >>> "巿" in "".join(load_lines("variants.tsv"))
    True
    """
    out = []
    for line in _read(name).splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return tuple(out)


@cache
def load_table(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a tab-separated lexicon file, comments and blanks dropped."""
    rows = []
    for line in _read(name).splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append(tuple(cell.strip() for cell in line.split("\t")))
    return tuple(rows)


@cache
def load_pairs(name: str) -> tuple[tuple[str, str], ...]:
    """Two-column rows of a tab-separated file.

    >>> ("巿", "市") in load_pairs("variants.tsv")
    True
    """
    return tuple((r[0], r[1]) for r in load_table(name) if len(r) >= 2)


def _jionlp_file(name: str) -> Path | None:
    # find_spec does not execute jionlp's __init__ (which loads models and
    # prints a banner); we only want its data files.
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "dictionary" / name
    return path if path.exists() else None


class Division(tuple):
    """An administrative division: ``(name, short, level, parent)``.

    ``level`` is 1 for a province-level unit, 2 for a prefecture, 3 for a
    county, 4 for a township or street.
    """

    __slots__ = ()

    def __new__(cls, name: str, short: str, level: int, parent: str):
        return tuple.__new__(cls, (name, short, level, parent))

    name = property(lambda self: self[0])
    short = property(lambda self: self[1])
    level = property(lambda self: self[2])
    parent = property(lambda self: self[3])


@lru_cache(maxsize=1)
def china_divisions(max_level: int = 4) -> tuple[Division, ...]:
    """China's administrative divisions down to ``max_level`` (4: townships).

    Read from jionlp's ``china_location.zip`` (tab-indented tree: province,
    prefecture, county, township, village).  Returns an empty tuple when
    jionlp is not installed, so kg still runs with its own lists.
    """
    path = _jionlp_file("china_location.zip")
    if path is None:
        return ()
    out: list[Division] = []
    parents = ["", "", "", "", ""]
    with zipfile.ZipFile(path) as zf:
        member = zf.namelist()[0]
        with zf.open(member) as fh:
            for raw in io.TextIOWrapper(fh, encoding="utf-8"):
                stripped = raw.lstrip("\t")
                level = len(raw) - len(stripped) + 1
                if level > max_level:
                    continue
                cells = stripped.rstrip("\n").split("\t")
                name = cells[0].strip()
                if not name:
                    continue
                short = cells[2].strip() if len(cells) > 2 else ""
                parents[level - 1] = name
                out.append(Division(name, short, level, parents[level - 2] if level > 1 else ""))
    return tuple(out)


@lru_cache(maxsize=1)
def world_countries() -> tuple[tuple[str, str, str, tuple[str, ...]], ...]:
    """Countries as ``(short name, full name, capital, (major cities...))``.

    Read from jionlp's ``world_location.txt``; empty without jionlp.
    """
    path = _jionlp_file("world_location.txt")
    if path is None:
        return ()
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) < 3 or line.endswith(":"):
            continue
        cities = tuple(c for c in cells[3].split("/") if c) if len(cells) > 3 else ()
        rows.append((cells[0].strip(), cells[1].strip(), cells[2].strip(), cities))
    return tuple(rows)


def cache_dir() -> Path:
    """A per-user cache folder for kg (jieba's dictionary cache lives here)."""
    base = os.environ.get("KG_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "kg")
    path = Path(base)
    path.mkdir(parents=True, exist_ok=True)
    return path


@lru_cache(maxsize=1)
def cache_key() -> str:
    """What kg's cached files are built from (kg's data files and the versions of the packages
    whose data they read), as a short hash: a cached file named with it is rebuilt when they change."""
    import hashlib
    from importlib import metadata

    h = hashlib.sha1()
    for path in sorted(DATA_DIR.iterdir()):
        st = path.stat()
        h.update(f"{path.name}:{st.st_size}:{st.st_mtime_ns}".encode())
    for package in ("jieba", "jionlp", "kg"):
        try:
            h.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            h.update(package.encode())
    h.update(Path(__file__).read_bytes())
    return h.hexdigest()[:16]


def settle() -> None:
    """Take the objects alive now out of the garbage collector's passes.

    The lexicons, the gazetteer and jieba's dictionary are hundreds of thousands
    of objects that live as long as the process; without this every full
    collection walks them again (a quarter of extraction time on a long run).
    Called once each is loaded.
    """
    import gc

    # No collection first: a full pass over the heap after each load cost more than the
    # little garbage it would keep out of the frozen generation.
    gc.freeze()


def _build_key(build) -> str:
    """:func:`cache_key` and the source of the module ``build`` is defined in (which says how
    the value is built and what its classes look like)."""
    import hashlib
    import sys

    module = sys.modules.get(getattr(build, "__module__", ""), None)
    source = Path(module.__file__).read_bytes() if module is not None and module.__file__ else b""
    return hashlib.sha1(cache_key().encode() + source).hexdigest()[:16]


def cached(name: str, build):
    """``build()``'s result, kept as a pickle in kg's cache folder.

    Building the gazetteer and the name model reads large data files (about
    five seconds); the pickle loads in a fraction of that.  The cache key
    covers the data files, package versions and the module ``build`` is defined in, so a change
    rebuilds it.  A cache that cannot be read or written is ignored.
    """
    import pickle

    try:
        path = cache_dir() / f"{name}-{_build_key(build)}.pickle"
    except OSError:
        return build()
    try:
        with open(path, "rb") as fh:
            value = pickle.load(fh)
        settle()
        return value
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        pass
    value = build()
    settle()
    try:
        from kg.io import atomic_write_bytes

        atomic_write_bytes(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        # Each change of kg's data leaves a new key; the old ones would pile up.
        for stale in path.parent.glob(f"{name}-*.pickle"):
            if stale != path and len(stale.stem) == len(path.stem):
                stale.unlink(missing_ok=True)
    except Exception:  # a read-only cache folder must not stop extraction
        pass
    return value


class CachedIndex:
    """Tables a short run looks a few things up in rather than loading them whole (jieba's
    dictionary, pypinyin's), as an SQLite file in kg's cache.

    ``name()`` gives the file's name, which should carry what the tables are made from (see
    :func:`cache_key`); ``fill(connection)`` makes them, on first use.  The file is opened once
    per process (a forked worker opens its own) and shared by its threads.

    >>> import tempfile, os; os.environ["KG_CACHE_DIR"] = tempfile.mkdtemp()
    >>> squares = CachedIndex(lambda: "squares-0", lambda db: db.execute(
    ...     "CREATE TABLE sq AS SELECT 3 AS n, 9 AS square"))
    >>> squares.row("SELECT square FROM sq WHERE n = ?", (3,)), squares.row("SELECT square FROM sq WHERE n = 4")
    ((9,), None)
    >>> del os.environ["KG_CACHE_DIR"]
    """

    #: What :meth:`row` answers when there is no index (a cache folder that cannot be written).
    UNAVAILABLE = object()

    def __init__(self, name, fill):
        import threading

        self._name, self._fill = name, fill
        self._lock = threading.Lock()
        self._opened: tuple = (None, -1)  # the connection and the process that opened it

    def row(self, sql: str, parameters: tuple = ()):
        """The first row ``sql`` selects, None if none, :attr:`UNAVAILABLE` without an index
        (or with one that cannot be read: the caller falls back to the data itself, and a
        damaged file is removed for the next process to make again)."""
        import sqlite3

        with self._lock:
            if self._opened[1] != os.getpid():
                self._opened = (self._open(), os.getpid())
            db = self._opened[0]
            if db is None:
                return self.UNAVAILABLE
            try:
                return db.execute(sql, parameters).fetchone()
            except sqlite3.Error:
                db.close()
                self._opened = (None, os.getpid())
                try:
                    (cache_dir() / f"{self._name()}.sqlite").unlink(missing_ok=True)
                except OSError:
                    pass
                return self.UNAVAILABLE


    def _open(self):
        """A read-only connection to the file, made by ``fill`` first if there is none; None if
        it can be neither read nor made.  The file is made under a name of its own and renamed,
        so a reader (another worker) never sees half of it; a file of an older name (the same up
        to its last ``-``) is removed once the new one is made."""
        import sqlite3

        tmp = None
        try:
            name = self._name()
            path = cache_dir() / f"{name}.sqlite"
            if not path.exists():
                tmp = path.with_suffix(f".{os.getpid()}.tmp")
                tmp.unlink(missing_ok=True)
                db = sqlite3.connect(tmp)
                try:
                    self._fill(db)
                    db.commit()
                finally:
                    db.close()
                os.replace(tmp, path)
                stem = name.rsplit("-", 1)[0]
                for stale in path.parent.glob(f"{stem}-*.sqlite"):
                    if stale != path and len(stale.name) == len(path.name):
                        stale.unlink(missing_ok=True)
            return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        except (OSError, sqlite3.Error):
            if tmp is not None:
                tmp.unlink(missing_ok=True)
            return None
