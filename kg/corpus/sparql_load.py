"""Loading a store's merged graph into its SPARQL store (pyoxigraph, on disk).

A store writes its graph as Turtle once per run, a block per subject
(:func:`kg.serialize.rdf.write_turtle_blocks`), into graph.ttl.gz and a plain copy for the loader.
The first time, the whole copy goes to a new pyoxigraph store (:class:`SparqlLoader`, following
the file while it is written).  After
that, a run that adds a month to a corpus changes a few thousand of its 280,000 subjects: the
store keeps, beside the SPARQL store it loaded, a digest of each subject's statements
(:class:`SubjectIndex`), and the next run copies that SPARQL store (hard
links: a RocksDB checkpoint) and replaces the statements of the subjects whose digest changed
(:func:`plan_update`).  Either way the new store is loaded beside the old one, and the store
switches to it in one rename; both ways give the same statements (``tests/corpus/test_store.py``
compares them).
"""

from __future__ import annotations

import hashlib
import re
import shutil
import threading
import zlib
from array import array
from pathlib import Path

__all__ = ["DELETE_BATCH", "LOAD_CHUNK_BYTES", "MAX_CHANGED_SHARE", "MAX_UPDATES", "SparqlLoader", "SubjectIndex",
           "plan_update"]

#: Bytes of Turtle handed to the bulk loader at a time (its memory grows with the batch; kg's
#: Turtle holds about three times the statements of N-Triples in as many bytes).
LOAD_CHUNK_BYTES = 3 << 20
#: Above this share of changed subjects, loading everything afresh is quicker than replacing them.
MAX_CHANGED_SHARE = 0.2
#: Updates in a row after which the next run loads everything afresh, so whatever updates may
#: leave behind in oxigraph's files (it is compacted after each) cannot pile up.
MAX_UPDATES = 12
#: Subjects whose statements one SPARQL update deletes.
DELETE_BATCH = 2000

# What an IRI written between <> may hold (RDF 1.1 IRIREF): kg's subjects are IRIs it minted
# from stable ids, but a subject goes into a SPARQL update only when it is one.
_IRIREF = re.compile(r"[^<>\"{}|^`\\\x00-\x20]+")


def _key(data: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


class SubjectIndex:
    """What a store's Turtle says, subject by subject: called with each block of statements
    about one subject (as :func:`kg.serialize.rdf.write_turtle_blocks` gives them), it
    notes a 64-bit key of the subject, where the run lies and a 64-bit digest of it.  A subject's
    statements may come in several runs (a place that is also the place of an event); its digest
    is the sum of its runs', whatever way they were split.

    The notes are arrays, not objects (a corpus graph has 330,000 runs): :meth:`kept` is what
    the store keeps of them, and :func:`plan_update` compares two.

    >>> index = SubjectIndex()
    >>> index("http://x/a", 0, b"<http://x/a> <http://x/p> <http://x/b> .\\n")
    >>> index("http://x/b", 41, b"<http://x/b> <http://x/p> <http://x/a> .\\n")
    >>> index("http://x/a", 82, b"<http://x/a> <http://x/q> <http://x/b> .\\n")
    >>> sorted(zlib.decompress(index.kept()["iris"]).split()), len(index.kept()["keys"]) // 8
    ([b'http://x/a', b'http://x/a', b'http://x/b'], 2)
    """

    def __init__(self) -> None:
        self.subjects, self.offsets, self.lengths, self.digests = (array("Q") for _ in range(4))
        # The subjects' IRIs, compressed as they come (a delete names a subject by its IRI).
        self._iris: list[bytes] = []
        self._packer = zlib.compressobj(1)
        self._packed: list[bytes] = []
        self._kept: dict | None = None

    def __call__(self, subject: str, offset: int, data: bytes) -> None:
        iri = subject.encode("utf-8")
        self._iris.append(iri)
        if len(self._iris) >= 4096:
            self._pack()
        self.subjects.append(_key(iri))
        self.offsets.append(offset)
        self.lengths.append(len(data))
        self.digests.append(_key(data))

    def table(self):
        """The subjects' keys (sorted, unique, numpy ``uint64``) and their digests."""
        import numpy as np

        subjects = np.frombuffer(self.subjects, dtype=np.uint64)
        order = np.argsort(subjects, kind="stable")
        keys, starts = np.unique(subjects[order], return_index=True)
        with np.errstate(over="ignore"):  # (sums wrap around, as digests may)
            digests = np.add.reduceat(np.frombuffer(self.digests, dtype=np.uint64)[order], starts) \
                if len(keys) else np.zeros(0, dtype=np.uint64)
        return keys, digests.astype(np.uint64)

    def _pack(self) -> None:
        self._packed.append(self._packer.compress(b"".join(iri + b"\n" for iri in self._iris)))
        self._iris.clear()

    def kept(self) -> dict:
        """What the store keeps beside the SPARQL store these statements were loaded into, once
        every run is noted: the subjects' keys and digests, and their IRIs (zlib-compressed, one
        a line)."""
        if self._kept is None:
            self._pack()
            iris = b"".join([*self._packed, self._packer.flush()])
            self._packed.clear()
            keys, digests = self.table()
            self._kept = {"keys": keys.tobytes(), "digests": digests.tobytes(), "iris": iris}
        return self._kept


def plan_update(previous: dict, index: SubjectIndex) -> tuple[list[str], list[tuple[int, int]]] | None:
    """What turns the SPARQL store that ``previous`` (:meth:`SubjectIndex.kept`) describes into
    the one ``index`` describes: the subjects whose statements go, and the (offset, length) of
    the blocks to load; None when so much changed (:data:`MAX_CHANGED_SHARE`) that loading
    everything is quicker, or when a subject cannot be named in a SPARQL update.

    >>> before, after = SubjectIndex(), SubjectIndex()
    >>> for offset, (s, o) in enumerate("ab bc cd de ef fg gh".split()):
    ...     before(f"http://x/{s}", offset, f"{s} {o}".encode())
    ...     after(f"http://x/{s}", offset, f"{s} {o}".encode())
    >>> before("http://x/gone", 7, b"gone")
    >>> after("http://x/a", 7, b"a z")
    >>> plan_update(before.kept(), after)
    (['http://x/a', 'http://x/gone'], [(0, 3), (7, 3)])
    """
    import numpy as np

    keys, digests = index.table()
    old_keys = np.frombuffer(previous["keys"], dtype=np.uint64)
    old_digests = np.frombuffer(previous["digests"], dtype=np.uint64)
    if len(old_keys):
        at = np.minimum(np.searchsorted(old_keys, keys), len(old_keys) - 1)
        present = old_keys[at] == keys
        same = present & (old_digests[at] == digests)
    else:
        present = same = np.zeros(len(keys), dtype=bool)
    changed = keys[~same]
    if len(changed) > MAX_CHANGED_SHARE * max(len(keys), 1):
        return None
    gone = set(keys[present & ~same].tolist()) | set(np.setdiff1d(old_keys, keys).tolist())
    stale = sorted({iri for iri in zlib.decompress(previous["iris"]).split(b"\n") if iri and _key(iri) in gone})
    if not all(_IRIREF.fullmatch(iri.decode("utf-8", "replace")) for iri in stale):
        return None
    runs = np.isin(np.frombuffer(index.subjects, dtype=np.uint64), changed)
    offsets = np.frombuffer(index.offsets, dtype=np.uint64)[runs].tolist()
    lengths = np.frombuffer(index.lengths, dtype=np.uint64)[runs].tolist()
    return [iri.decode("utf-8") for iri in stale], sorted(zip(offsets, lengths))


class SparqlLoader(threading.Thread):
    """Loads a file of kg's Turtle blocks into a new pyoxigraph on-disk store, following
    the file while it is being written (set ``written`` when it is complete) —
    or, after :meth:`update`, copies a store and replaces what changed.

    Loading runs in this thread: oxigraph parses, indexes and updates without holding the GIL,
    so the other outputs are written meanwhile.  The file goes to oxigraph's bulk loader in
    pieces cut between blocks (a blank line: literals are written escaped, so none holds one),
    each after ``head``, the prefix lines, because the loader's memory grows with what it is
    given at once; kg's RDF has no blank nodes (every node is an IRI minted from a stable id),
    so a cut cannot split one.  An update that fails (the old store unreadable) loads the whole
    file instead.
    """

    def __init__(self, source: Path, target: Path, head: bytes = b""):
        super().__init__(name="kg-sparql-load", daemon=True)
        self.source, self.target, self.head = source, target, head
        self.written = threading.Event()
        self.error: Exception | None = None
        self.updated = False  # whether the store was made by an update rather than loaded whole
        self._base: Path | None = None
        self._stale: list[str] = []
        self._ranges: list[tuple[int, int]] = []

    def update(self, base: Path, stale: list[str], ranges: list[tuple[int, int]]) -> None:
        """Make the store as a copy of ``base`` whose ``stale`` subjects lose their statements
        and which is given the ``ranges`` (offset, length) of the file (see :func:`plan_update`).
        Call before :meth:`start`, once the file is complete."""
        self._base, self._stale, self._ranges = base, stale, ranges

    def run(self) -> None:
        import pyoxigraph

        try:
            if self._base is not None:
                try:
                    self._update(pyoxigraph)
                    self.updated = True
                    return
                except (OSError, SyntaxError, ValueError):
                    pass  # (the whole file, below)
            self._load_all(pyoxigraph)
        except (OSError, SyntaxError, ValueError) as exc:
            self.error = exc

    def _clear(self) -> None:  # (what a failed attempt left)
        if self.target.exists():
            shutil.rmtree(self.target)

    def _load_all(self, pyoxigraph) -> None:
        self._clear()
        store = pyoxigraph.Store(str(self.target))
        rest = b""
        with open(self.source, "rb") as fh:
            while True:
                done = self.written.is_set()  # read before the data, so none is missed
                data = fh.read(LOAD_CHUNK_BYTES)
                block = rest + data
                end = block.rfind(b"\n\n")  # (the last blank line: where the last whole block ends)
                cut = end + 2 if end >= 0 else 0
                rest = block[cut:]
                if cut:
                    self._load(store, pyoxigraph, block[:cut])
                if not data:  # (a block longer than a piece is read on, whole)
                    if done:
                        break
                    self.written.wait(0.2)
        if rest.strip():
            self._load(store, pyoxigraph, rest)
        store.flush()
        del store  # closes the database (RocksDB releases its lock)

    def _load(self, store, pyoxigraph, blocks: bytes) -> None:
        store.bulk_load(self.head + blocks, pyoxigraph.RdfFormat.TURTLE)

    def _update(self, pyoxigraph) -> None:
        self._clear()
        # A checkpoint: the old store's files hard-linked, so copying costs nothing and the
        # old store, which readers may still have open, is left as it is.
        pyoxigraph.Store.read_only(str(self._base)).backup(str(self.target))
        store = pyoxigraph.Store(str(self.target))
        for i in range(0, len(self._stale), DELETE_BATCH):
            subjects = " ".join(f"<{s}>" for s in self._stale[i:i + DELETE_BATCH])
            store.update(f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES ?s {{ {subjects} }} ?s ?p ?o }}")
        piece: list[bytes] = []
        size = 0
        with open(self.source, "rb") as fh:
            for offset, length in self._ranges:
                fh.seek(offset)
                piece.append(fh.read(length))
                size += length
                if size >= LOAD_CHUNK_BYTES:
                    self._load(store, pyoxigraph, b"\n".join(piece))
                    piece, size = [], 0
        if piece:
            self._load(store, pyoxigraph, b"\n".join(piece))
        store.flush()
        # Compacted, the copy is as small as a store loaded afresh (unmerged deletes took a sixth
        # more room) and as quick to query; about 2 s, beside the other outputs.
        store.optimize()
        del store
