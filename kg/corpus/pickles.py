"""A store's analyses on disk: each document's DocAnalysis pickled as calls of kg's own
dataclass constructors, gzip-compressed, and read back by an unpickler that creates nothing
else, so a store from elsewhere cannot run code (see :mod:`kg.corpus.store`)."""

from __future__ import annotations

import dataclasses
import gzip
import io
import pickle
import sys
from collections.abc import Iterable
from pathlib import Path

__all__ = ["KEPT_PARTS", "KGUnpickler", "Pickler", "add_kept", "analysis_file", "load_analysis", "read_kept",
           "share_strings", "write_analysis", "write_kept"]


def analysis_file(folder: Path, sha: str) -> Path:
    """Where the analysis of the text of hash ``sha`` is kept under ``folder``.

    >>> analysis_file(Path("a"), "ab12").as_posix()
    'a/ab/ab12.pickle.gz'
    """
    return folder / sha[:2] / f"{sha}.pickle.gz"


def write_analysis(path: Path, analysis) -> None:
    """Keep ``analysis`` at ``path`` (atomically); :func:`load_analysis` reads it back."""
    _write_pickle(path, analysis)


def read_kept(path: Path) -> dict:
    """What a store keeps beside its analyses at ``path`` (labels, survey views): a dictionary,
    with what :func:`add_kept` appended since, empty when the file is missing or unreadable
    (it is then made again).

    >>> read_kept(Path("/nonexistent/labels.pickle.gz"))
    {}
    """
    kept = _read_one(path)
    if kept is None:
        return {}
    for part in _parts(path):
        kept.update(_read_one(part) or {})  # (an unreadable part: its entries are made again)
    return kept


def write_kept(path: Path, kept: dict) -> None:
    """Keep ``kept`` at ``path`` (atomically), and remove the files of the same kind keyed by an
    older extractor (``labels-<key>.pickle.gz`` beside ``labels-<newer key>.pickle.gz``) and
    the parts :func:`add_kept` appended."""
    kind = path.name.split("-", 1)[0]
    for stale in path.parent.glob(f"{kind}-*.pickle.gz"):
        if stale != path:
            stale.unlink(missing_ok=True)
    _write_pickle(path, kept)


def add_kept(path: Path, kept: dict, new: Iterable) -> None:
    """Keep the ``new`` keys of ``kept`` (which holds what :func:`read_kept` gave, and more) as
    a part of their own beside ``path``: a corpus adding a month writes its few thousand new
    entries, not the whole (every :data:`KEPT_PARTS` parts, the whole is written again).

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "labels-k.pickle.gz"
    >>> write_kept(path, {"a": 1})
    >>> add_kept(path, {"a": 1, "b": 2}, ["b"])
    >>> read_kept(path), len(_parts(path))
    ({'a': 1, 'b': 2}, 1)
    """
    new = list(new)
    if not new:
        return
    parts = _parts(path)
    if len(parts) >= KEPT_PARTS or not path.exists():
        write_kept(path, kept)
        return
    number = _part_number(parts[-1]) + 1 if parts else 1
    _write_pickle(path.with_name(path.name.replace(".pickle.gz", f".{number}.pickle.gz")),
               {key: kept[key] for key in new})


#: Parts appended to a kept file before it is written whole again.
KEPT_PARTS = 16


def _parts(path: Path) -> list[Path]:
    """The parts :func:`add_kept` appended to ``path``, oldest first."""
    stem = path.name.removesuffix(".pickle.gz")
    found = [p for p in path.parent.glob(f"{stem}.*.pickle.gz") if p.name.split(".")[-3].isdigit()]
    return sorted(found, key=_part_number)


def _part_number(part: Path) -> int:
    return int(part.name.split(".")[-3])  # (labels-<key>.<n>.pickle.gz)


def _read_one(path: Path) -> dict | None:
    """The dictionary kept at ``path``; None when it is missing or unreadable."""
    try:
        with gzip.open(path, "rb") as fh:
            kept = KGUnpickler(fh).load()
        return kept if isinstance(kept, dict) else None
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError,
            ImportError, IndexError, KeyError):
        return None


def _write_pickle(path: Path, value) -> None:
    """``value`` pickled by :class:`Pickler` at ``path``, gzip-compressed, atomically."""
    from kg.io import atomic_write_bytes

    buf = io.BytesIO()
    Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    # Level 1: mention and sentence texts repeat; this quarters the size for ~1 ms.
    atomic_write_bytes(path, gzip.compress(buf.getvalue(), 1))


class Pickler(pickle.Pickler):
    """Pickles kg's dataclasses as calls of their constructors.

    Objects rebuilt by their constructor keep their fields inline; the
    default (set ``__dict__`` afterwards) gives each a dictionary of its own,
    about 100 bytes more per mention, and a corpus has a million mentions.
    """

    def reducer_override(self, obj):
        cls = type(obj)
        if cls.__module__.startswith("kg.") and dataclasses.is_dataclass(cls):
            fields = dataclasses.fields(cls)
            if all(f.init for f in fields):
                return cls, tuple(getattr(obj, f.name) for f in fields)
        return NotImplemented


class KGUnpickler(pickle.Unpickler):
    """Creates only kg's own dataclasses and plain containers: loading a store
    someone else made cannot run their code."""

    _BUILTINS = frozenset({"set", "frozenset", "tuple", "list", "dict", "complex"})

    def find_class(self, module: str, name: str):
        if module == "builtins" and name in self._BUILTINS:
            return super().find_class(module, name)
        if module.split(".")[0] == "kg" and "." in module or module == "kg":
            obj = super().find_class(module, name)
            if isinstance(obj, type) and dataclasses.is_dataclass(obj):
                return obj
        raise pickle.UnpicklingError(f"refusing to load {module}.{name} from a stored analysis")


def load_analysis(path: Path, share: bool = True):
    """The analysis kept at ``path``, its strings shared with those read before unless ``share``
    is false (see :func:`share_strings`)."""
    with gzip.open(path, "rb") as fh:
        an = KGUnpickler(fh).load()
    if share:
        share_strings(an)
    return an


def share_strings(an) -> None:
    """Make the names in an analysis the same string objects as in every
    other: a corpus names the same few thousand things in every document,
    and a merged graph of 10,000 documents holds about a million mentions."""
    intern = sys.intern
    mentions = [m for _, m, _ in getattr(an, "mentions", ())]
    for ev in getattr(an, "events", ()):
        mentions.extend(getattr(ev, "mentions", ()))
    setattr_ = object.__setattr__  # frozen dataclasses: the values stay equal, only shared
    for m in mentions:
        for name in ("text", "name", "type", "source"):
            value = getattr(m, name, None)
            if type(value) is str:
                setattr_(m, name, intern(value))
        for name in ("start", "end", "score"):
            value = getattr(m, name, None)
            if type(value) in (int, float):
                setattr_(m, name, _NUMBERS.setdefault((type(value), value), value))
    for r in getattr(an, "relations", ()):
        ev = getattr(r, "evidence", None)
        for name in ("start", "end", "confidence"):
            value = getattr(ev, name, None)
            if type(value) in (int, float):
                setattr_(ev, name, _NUMBERS.setdefault((type(value), value), value))


# Offsets and scores, shared like the strings (an int object is 28 bytes).
_NUMBERS: dict = {}
