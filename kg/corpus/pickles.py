"""A store's analyses on disk: each document's DocAnalysis pickled as calls of kg's own
dataclass constructors, gzip-compressed, and read back by an unpickler that creates nothing
else, so a store from elsewhere cannot run code (see :mod:`kg.corpus.store`)."""

from __future__ import annotations

import dataclasses
import gzip
import io
import pickle
import sys
from pathlib import Path

__all__ = ["KGUnpickler", "Pickler", "analysis_file", "load_analysis", "share_strings", "write_analysis",
           "read_kept", "write_kept"]


def analysis_file(folder: Path, sha: str) -> Path:
    """Where the analysis of the text of hash ``sha`` is kept under ``folder``.

    >>> analysis_file(Path("a"), "ab12").as_posix()
    'a/ab/ab12.pickle.gz'
    """
    return folder / sha[:2] / f"{sha}.pickle.gz"


def write_analysis(path: Path, analysis) -> None:
    """Keep ``analysis`` at ``path`` (atomically); :func:`load_analysis` reads it back."""
    from kg.io import atomic_write_bytes

    buf = io.BytesIO()
    Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump(analysis)
    # Level 1: mention and sentence texts repeat; this quarters the size for ~1 ms.
    atomic_write_bytes(path, gzip.compress(buf.getvalue(), 1))


def read_kept(path: Path) -> dict:
    """What a store keeps beside its analyses at ``path`` (labels, survey views): a dictionary,
    empty when the file is missing or unreadable (it is then made again).

    >>> read_kept(Path("/nonexistent/labels.pickle.gz"))
    {}
    """
    try:
        with gzip.open(path, "rb") as fh:
            kept = KGUnpickler(fh).load()
        return kept if isinstance(kept, dict) else {}
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError,
            ImportError, IndexError, KeyError):
        return {}


def write_kept(path: Path, kept: dict) -> None:
    """Keep ``kept`` at ``path`` (atomically), and remove the files of the same kind keyed by an
    older extractor (``labels-<key>.pickle.gz`` beside ``labels-<newer key>.pickle.gz``)."""
    from kg.io import atomic_write_bytes

    kind = path.name.split("-", 1)[0]
    for stale in path.parent.glob(f"{kind}-*.pickle.gz"):
        if stale != path:
            stale.unlink(missing_ok=True)
    buf = io.BytesIO()
    Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump(kept)
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
