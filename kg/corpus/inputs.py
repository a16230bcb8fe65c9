"""What a store notes of the input files one build read, so the next need not read them again
(see :meth:`kg.corpus.store.Store.known_file`)."""

from __future__ import annotations

import os

__all__ = ["SETTLED_NS", "FilesRead", "file_stat"]

#: A file modified less than this long before a run looked at it is read again next time: its
#: size and time could still change without the time changing (a coarse clock, a writer
#: still at work).
SETTLED_NS = 2_000_000_000


class FilesRead:
    """The input files one :meth:`Store.add` read: by absolute path, their stat when first met
    and the (id as read, sha256) of their records, in order; and files that gave errors."""

    def __init__(self) -> None:
        self.files: dict[str, tuple[list | None, list[tuple[str, str]]]] = {}
        self.spoilt_paths: set[str] = set()

    def read(self, path: str | None, given: str, sha: str) -> None:
        if not path or path.startswith("<"):  # standard input
            return
        path = os.path.abspath(path)
        found = self.files.get(path)
        if found is None:  # its first record: the file has just been read whole
            found = self.files[path] = (file_stat(path), [])
        found[1].append((given, sha))

    def spoilt(self, source: str | None) -> None:
        if source and not source.startswith("<"):
            self.spoilt_paths.add(os.path.abspath(source))


def file_stat(path: str) -> list | None:
    """What tells a file changed: size, modification time (ns) and inode; None if unreadable."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ino]
