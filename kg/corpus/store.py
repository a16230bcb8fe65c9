"""A persistent, incremental store for whole corpora.

``kg build INPUT... --store STORE`` adds documents to a store folder; a
second run over the same corpus analyses only what is new, and re-running
changes nothing.  The folder holds::

    STORE/kg-store.json              the manifest: every document's id, source path, metadata and
                                     the sha256 of its text, the last run's failures, the graph digest,
                                     and per input file its size, time and (id, sha256) of its records
    STORE/analyses/ab/<sha256>.pickle.gz  each document's DocAnalysis (without its text), written atomically
    STORE/survey-<key>.pickle.gz     what the merge's first pass reads of each analysis
                                     (:func:`kg.resolve.survey_view`), by sha256
    STORE/labels-<key>.pickle.gz,    every name's labels and every written form's canonical form,
    STORE/canonical-<key>.pickle.gz  as the last merge made them (see :func:`kg.resolve.merge_stream`)
    STORE/<kind>-<key>.<n>.pickle.gz  what a later run added to one of these three
                                     (:func:`kg.corpus.pickles.add_kept`)
    STORE/sparql/                    pyoxigraph's on-disk RDF store of the merged graph, one graph
                                     (a link to STORE/oxigraph-<digest>/, switched atomically)
    STORE/subjects-<digest>.pickle.gz  a digest of each subject's statements in that store, so
                                     the next run replaces only what changed (:mod:`kg.corpus.sparql_load`)
    STORE/graph.json.gz, graph.ttl.gz, graph.html   the merged graph, compressed (plain
                                     graph.json and graph.ttl in the folder -o names)

A document whose text hash is already stored is not analysed again (the
same text under another name counts as a duplicate); a changed file (same
id, same path, new text) replaces its old analysis.  An input file whose size and
modification time are those the manifest noted, and whose records are all stored, is not
even read again (:meth:`Store.known_file`).  The merged graph is
recomputed from the stored analyses by :func:`kg.resolve.merge` whenever
the set of documents changes, and the SPARQL store is made again from it (a copy of the
last one with the statements of changed subjects replaced), so nothing is ever counted twice.
Stored analyses are read back with an unpickler that only creates kg's own dataclasses, so a
store from elsewhere cannot run code.

Analyses made by another version of kg's extraction code are stale: they
are redone when their documents are given again (see
:func:`kg.corpus.parallel.extractor_fingerprint`).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import pickle
import re
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from kg.corpus.inputs import SETTLED_NS, FilesRead, file_stat
from kg.corpus.pickles import add_kept, analysis_file, load_analysis, read_kept, write_analysis, write_kept
from kg.corpus.sparql_load import MAX_UPDATES, SparqlLoader, SubjectIndex, plan_update
from kg.errors import InputError, OutputError, QueryError, UsageError
from kg.graph import KnowledgeGraph
from kg.text.ingest import JSONL_SUFFIXES, KnownFile, content_suffix
from kg.types import Document

__all__ = [
    "FORMAT_VERSION",
    "GRAPH_FILES",
    "MANIFEST",
    "OVERVIEW_ENTITIES",
    "SPARQL_DIR",
    "BuildReport",
    "Store",
]

MANIFEST = "kg-store.json"
#: The files of a built graph, by kind, as ``kg build -o`` names them.
GRAPH_FILES = {"json": "graph.json", "turtle": "graph.ttl", "html": "graph.html"}
ANALYSES_DIR = "analyses"
#: The pyoxigraph store of the merged graph, relative to the store folder.
SPARQL_DIR = "sparql"
FORMAT_VERSION = 1
_CHECKPOINT_SECONDS = 60.0
#: Documents per worker below which a default (all-cores) build starts fewer workers.
SMALL_BATCH = 8
#: Documents from which even a one-worker build extracts in a separate process.
ISOLATE_FROM = 64


@dataclass
class BuildReport:
    """What one :meth:`Store.add` did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    #: Documents or inputs of this run that could not be processed (kg.pipeline.Failure).
    failures: list = field(default_factory=list)
    seconds: float = 0.0

    @property
    def analysed(self) -> int:
        return self.added + self.updated


class Store:
    """A corpus store folder (see the module docstring for its layout).

    >>> import tempfile
    >>> from kg.types import Document
    >>> s = Store(tempfile.mkdtemp() + "/s", create=True)
    >>> s.add([Document("a", "省委书记刘家义率领代表团来到北京市。")]).added
    1
    >>> s.add([Document("a", "省委书记刘家义率领代表团来到北京市。")]).unchanged
    1
    >>> Store.is_store(s.path), s.sparql_path.name
    (True, 'sparql')
    """

    def __init__(self, path: str | os.PathLike, create: bool = False):
        self.path = Path(path)
        self._held: dict[str, str] | None = None  # during add(): sha256 -> id, this extractor's texts
        if (self.path / MANIFEST).is_file():
            self._load()
        elif create:
            self._create()
        else:
            raise QueryError(f"{self.path}: not a kg store (no {MANIFEST})")

    # ------------------------------------------------------------------ layout

    @staticmethod
    def is_store(path: str | os.PathLike) -> bool:
        """Whether ``path`` is a store folder (it holds a kg store manifest)."""
        manifest = Path(path) / MANIFEST
        if not manifest.is_file():
            return False
        # kg writes the format first: its head says it, without parsing a manifest of
        # 20,000 documents (opening the store reads it whole anyway).
        try:
            with open(manifest, "rb") as fh:
                head = fh.read(256)
        except OSError:
            return False
        return re.match(rb'\s*\{\s*"format"\s*:\s*"kg-store"', head) is not None

    #: Where in the folder the SPARQL store is (:data:`SPARQL_DIR`).
    SPARQL_DIR = SPARQL_DIR

    @property
    def sparql_path(self) -> Path:
        """The pyoxigraph on-disk store of the merged graph (``STORE/sparql``).

        Open it with ``pyoxigraph.Store.read_only(str(path))``; it holds the merged graph as
        one graph (see :meth:`write_outputs`).
        """
        return self.path / self.SPARQL_DIR

    @property
    def manifest_path(self) -> Path:
        return self.path / MANIFEST

    def _create(self) -> None:
        if self.path.exists() and (not self.path.is_dir() or any(self.path.iterdir())):
            raise UsageError(f"{self.path}: exists and is not a kg store; name a new or empty folder")
        try:
            (self.path / ANALYSES_DIR).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"{self.path}: cannot create the store ({exc.strerror or exc})") from None
        self._docs: dict[str, dict] = {}
        self._failures: list[dict] = []
        self._graph: dict = {}
        self._inputs: dict[str, dict] = {}
        self._save()

    def _load(self) -> None:
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise QueryError(f"{self.manifest_path}: unreadable store manifest ({exc})") from None
        if not isinstance(data, dict) or data.get("format") != "kg-store":
            raise QueryError(f"{self.manifest_path}: not a kg store manifest")
        if data.get("version") != FORMAT_VERSION:
            raise QueryError(f"{self.path}: store format version {data.get('version')!r}; "
                             f"this kg reads version {FORMAT_VERSION}")
        self._docs = {d["id"]: d for d in data.get("documents", [])}
        self._failures = list(data.get("failures", []))
        self._graph = dict(data.get("graph") or {})
        # Input files as the last runs read them: {"stat": [size, mtime_ns, inode], "records":
        # [[id as read, sha256], ...]} by absolute path (see known_file).
        inputs = data.get("inputs")
        self._inputs = inputs if isinstance(inputs, dict) else {}

    def _save(self) -> None:
        from kg.io import atomic_write_text

        data = {"format": "kg-store", "version": FORMAT_VERSION,
                "documents": list(self._docs.values()), "failures": self._failures, "graph": self._graph,
                "inputs": self._inputs}
        atomic_write_text(self.manifest_path, json.dumps(data, ensure_ascii=False, indent=0) + "\n")

    def _analysis_path(self, sha: str) -> Path:
        return analysis_file(self.path / ANALYSES_DIR, sha)

    @contextmanager
    def _lock(self):
        """Hold the store for writing; a second build of the same store fails fast."""
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX
            yield
            return
        with open(self.path / ".lock", "a") as fh:  # closing it releases the lock
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise OutputError(f"{self.path}: another kg build is writing this store") from None
            yield

    # ---------------------------------------------------------------- contents

    def documents(self) -> list[dict]:
        """The manifest records of the stored documents, in the order they were added."""
        return [dict(d) for d in self._docs.values()]

    def failures(self) -> list[dict]:
        """Inputs that could not be processed, as the last run that read them reported."""
        return [dict(f) for f in self._failures]

    def analyses(self, failed: list | None = None, entries: list[dict] | None = None,
                 share: bool = True) -> Iterator:
        """The stored :class:`~kg.resolve.DocAnalysis` of every document (or of
        ``entries``), in manifest order, read one at a time.

        A missing or unreadable analysis is skipped (and named in ``failed``
        when given); the next run that reads the document analyses it again.  ``share`` makes
        their strings and numbers the same objects as those of the analyses read before (for
        what is kept; a pass that keeps nothing skips it).
        """
        for entry in list(self._docs.values()) if entries is None else entries:
            try:
                yield load_analysis(self._analysis_path(entry["sha256"]), share)
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError,
                    ImportError, IndexError, KeyError) as exc:
                if failed is not None:
                    failed.append({"source": entry["id"], "line": None,
                                   "problem": f"stored analysis unreadable ({type(exc).__name__}); "
                                              "give the document again to re-analyse it"})

    def to_graph(self, labels: dict[str, dict[str, str]] | None = None, views: dict | None = None,
                 surveyed: Callable[[dict], None] | None = None,
                 canonical: dict[str, str] | None = None) -> KnowledgeGraph:
        """The merged graph of every stored document, recomputed from the analyses.

        The analyses are streamed from disk twice (see :func:`kg.resolve.merge_stream`), so only
        the merged graph is held.  ``views`` (sha256 -> :func:`kg.resolve.survey_view`), when
        given, stands for the analyses in the first pass and is filled with those it lacks;
        ``surveyed(views)`` is then called, and ``views`` emptied (the second pass needs none).
        ``labels`` and ``canonical`` are the memos of :func:`~kg.resolve.merge_stream`.
        Documents come back without their text (``chars`` keeps its length), in the order they
        were added.
        """
        from kg.resolve import merge_stream, survey_view

        entries = sorted(self._docs.values(), key=lambda d: d["id"])
        failed: list[dict] = []
        documents: list[Document] = []
        # Entries that share a text share its analysis file: read it once (a stale entry can
        # still name the text another entry now holds).
        entries = list({d["sha256"]: d for d in reversed(entries)}.values())[::-1]
        views = {} if views is None else views
        known = len(views)

        def survey(use_views: bool):
            # The first pass reads only the survey views: kept ones, else made from the analysis
            # (and kept).  It keeps no mention: sharing their strings is for the second pass.
            for entry in entries:
                view = views.get(entry["sha256"]) if use_views else None
                if view is None:
                    for an in self.analyses(failed, [entry], share=False):
                        view = views[entry["sha256"]] = survey_view(an)
                if view is not None:
                    yield view

        def merge(use_views: bool):
            passes = iter((False, True))

            def source():
                first = next(passes, True) is False
                failed.clear()
                documents.clear()
                if first:
                    yield from survey(use_views)
                    return
                if surveyed is not None and views:
                    surveyed(views)
                    views.clear()
                for an in self.analyses(failed, entries):
                    documents.append(an.document)
                    yield an

            return merge_stream(source, labels, canonical)

        entities, relations = merge(True)
        if failed and known:
            # An analysis unreadable in the second pass was surveyed from its kept view: the
            # passes must see the same documents, so merge again from the analyses alone.
            entities, relations = merge(False)
        order = {doc_id: i for i, doc_id in enumerate(self._docs)}
        documents.sort(key=lambda d: order.get(d.id, 0))
        return KnowledgeGraph(documents, entities, relations, self.failures() + failed)

    # --------------------------------------------------------------------- add

    def add(self, inputs: Iterable[Document | InputError | Any], workers: int = 1,
            progress: Callable[[int, int], None] | None = None,
            scheduler: str | None = None, isolate: bool = False) -> BuildReport:
        """Analyse the documents not yet stored and record them.

        ``inputs`` are documents and read errors (as :func:`kg.text.ingest.read_inputs`
        yields them, or :class:`kg.pipeline.Failure` values), and the files it did not read
        because :meth:`known_file` knew them (:class:`kg.text.ingest.KnownFile`).  Extraction runs
        in ``workers`` processes (with one, in this process unless ``isolate``),
        or on the Dask cluster at ``scheduler``.
        ``progress(done, failed)`` is called as documents are handled,
        stored ones included.  The manifest is saved at the end and every
        minute, so an interrupted build keeps what it finished.
        """
        from kg.corpus.parallel import dask_map, extractor_fingerprint, map_ordered
        from kg.pipeline import Failure

        started = time.perf_counter()
        report = BuildReport()
        fingerprint = extractor_fingerprint()
        read_sources: set[str] = set()
        files = FilesRead()
        with self._lock():
            folder = None if scheduler else str(self.path / ANALYSES_DIR)
            work = partial(_analyze_item, folder=folder)
            plan = self._plan(inputs, report, fingerprint, read_sources, progress, files)
            results = (dask_map(work, plan, scheduler) if scheduler
                       else map_ordered(work, plan, max(1, workers), isolate=isolate))
            last_save = time.monotonic()
            for result in results:
                if isinstance(result, Failure):
                    report.failures.append(result)
                    read_sources.add(result.source)
                else:
                    self._record(result, fingerprint, report)
                if progress:
                    progress(self._done(report), len(report.failures))
                if time.monotonic() - last_save > _CHECKPOINT_SECONDS:
                    self._save()
                    last_save = time.monotonic()
            # Failures of sources read again are replaced by this run's word on them.
            kept = [f for f in self._failures if f.get("source") not in read_sources]
            self._failures = kept + [f.as_dict() for f in report.failures]
            self._note_files(files, fingerprint)
            self._save()
        report.seconds = time.perf_counter() - started
        return report

    @staticmethod
    def _done(report: BuildReport) -> int:
        return report.added + report.updated + report.unchanged + report.duplicates

    def _plan(self, inputs, report: BuildReport, fingerprint: str, read_sources: set,
              progress, files: FilesRead) -> Iterator:
        """The work of this run: (document, sha256) pairs to analyse, and failures.

        Runs lazily in the main process as workers take documents, so only a
        few documents are ever held.
        """
        from kg.pipeline import Failure

        by_hash = {d["sha256"]: d["id"] for d in self._docs.values() if d.get("extractor") == fingerprint}
        by_source = {_source_key(d.get("path"), d.get("given", d["id"]), d["sha256"]): d["id"]
                     for d in self._docs.values()}
        self._held = by_hash  # what known_file checks a file's records against
        try:
            for item in inputs:
                if isinstance(item, InputError):
                    files.spoilt(item.source)
                    yield Failure(item.source or "<input>", item.problem, item.line)
                    continue
                if isinstance(item, Failure):
                    files.spoilt(item.source)
                    yield item
                    continue
                if isinstance(item, KnownFile):
                    # Replays what reading the file would do: every record is stored.
                    records = self._inputs[os.path.abspath(item.path)]["records"]
                    for doc_id, given, (_, sha) in zip(item.ids, item.given, records):
                        read_sources.update({doc_id, item.path})
                        source = _source_key(item.path, given, sha)
                        self._count_stored(by_hash[sha], self._stored_id(doc_id, source, by_source), report)
                        if progress:
                            progress(self._done(report), len(report.failures))
                    continue
                doc: Document = item
                given = str(doc.meta.get("id_as_read") or doc.id)  # before ingest made it unique (#2)
                read_sources.update({doc.id, doc.path or doc.id})
                sha = hashlib.sha256(doc.text.encode("utf-8", "surrogatepass")).hexdigest()
                files.read(doc.path, given, sha)
                source = _source_key(doc.path, given, sha)
                stored = self._stored_id(doc.id, source, by_source)
                if stored != doc.id:
                    doc = replace(doc, id=stored)
                known = by_hash.get(sha)
                if known is not None:
                    self._count_stored(known, doc.id, report)
                    if progress:
                        progress(self._done(report), len(report.failures))
                    continue
                by_hash[sha] = by_source[source] = doc.id
                yield (doc, sha, given)
        finally:
            self._held = None

    def _stored_id(self, doc_id: str, source: str, by_source: dict[str, str]) -> str:
        """The id a document is stored under.

        A document is known by where it comes from (its file, or its record of a JSONL file)
        and keeps the id it was first stored under; another one with a stored name (a.txt of
        another folder) gets an id of its own, the same every run.
        """
        stored = by_source.get(source)
        if stored is None and doc_id in self._docs:
            stored = f"{doc_id}#{hashlib.sha256(source.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"
        return doc_id if stored is None else stored

    @staticmethod
    def _count_stored(holder: str, doc_id: str, report: BuildReport) -> None:
        """Count a document whose text is stored (under its own id, or another's)."""
        report.unchanged += holder == doc_id
        report.duplicates += holder != doc_id

    def known_file(self, path: str) -> tuple[str, ...] | None:
        """The ids (as read) of the records of the input file ``path`` when it need not be read
        again: its size, modification time and inode are those a previous run noted, and every
        text it held then is stored by this extractor; else None.

        Give it to :func:`kg.text.ingest.read_inputs` as ``known`` when reading the inputs of
        :meth:`add` (it answers only while :meth:`add` runs, and None otherwise).

        >>> import tempfile
        >>> s = Store(tempfile.mkdtemp() + "/s", create=True)
        >>> s.known_file("examples/a034.txt") is None
        True
        """
        held = self._held
        memo = self._inputs.get(os.path.abspath(path)) if held is not None else None
        if memo is None or file_stat(path) != memo.get("stat"):
            return None
        records = memo.get("records") or []
        if not all(sha in held for _, sha in records):
            return None
        return tuple(given for given, _ in records)

    def _note_files(self, files: FilesRead, fingerprint: str) -> None:
        """Note the input files read whole this run whose every text is now stored, so that the
        next run need not read them; forget what was noted of the others."""
        held = {d["sha256"] for d in self._docs.values() if d.get("extractor") == fingerprint}
        now = time.time_ns()
        for path, (stat, records) in files.files.items():
            self._inputs.pop(path, None)
            if (path in files.spoilt_paths or stat is None or file_stat(path) != stat
                    or now - stat[1] < SETTLED_NS or not all(sha in held for _, sha in records)
                    or len({given for given, _ in records}) < len(records)):  # a file given twice
                continue
            self._inputs[path] = {"stat": stat, "records": [list(r) for r in records]}

    def _record(self, result, fingerprint: str, report: BuildReport) -> None:
        """Enter one analysed document in the manifest (writing its analysis if a
        Dask worker returned it rather than writing it itself)."""
        if isinstance(result, _Returned):  # from a Dask worker, which may not see the store
            write_analysis(self._analysis_path(result.sha256), result.analysis)
            result = result.entry
        entry = {**result, "extractor": fingerprint}
        old = self._docs.pop(entry["id"], None)
        if old is None:
            report.added += 1
        else:
            report.updated += 1
            if old["sha256"] != entry["sha256"] and not any(
                    d["sha256"] == old["sha256"] for d in self._docs.values()):
                try:
                    self._analysis_path(old["sha256"]).unlink()
                except OSError:
                    pass
        self._docs[entry["id"]] = entry

    # ------------------------------------------------------------------ outputs

    def graph_digest(self, extra: str = "") -> str:
        """A hash of what the merged graph is computed from (documents, failures,
        extraction code), so unchanged stores are not rewritten."""
        from kg.corpus.parallel import extractor_fingerprint

        h = hashlib.sha256(extractor_fingerprint().encode())
        for d in self._docs.values():
            h.update(f"\0{d['id']}\0{d['sha256']}\0{d.get('extractor')}".encode("utf-8", "surrogatepass"))
        h.update(json.dumps(self._failures, sort_keys=True, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        h.update(extra.encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def output_names(self, out_dir: str | os.PathLike | None = None) -> dict[str, str]:
        """The file names :meth:`write_outputs` gives the graph in ``out_dir``, by kind.

        In the store's own folder graph.json and graph.ttl are gzip-compressed (a corpus graph
        is hundreds of megabytes of text, a sixth of that compressed); in another folder they
        are plain, as ``kg build -o`` writes them.

        >>> import tempfile
        >>> s = Store(tempfile.mkdtemp() + "/s", create=True)
        >>> s.output_names()["json"], s.output_names(tempfile.mkdtemp())["json"]
        ('graph.json.gz', 'graph.json')
        """
        if out_dir is not None and Path(out_dir).resolve() != self.path.resolve():
            return dict(GRAPH_FILES)
        return {kind: name + ".gz" if kind != "html" else name for kind, name in GRAPH_FILES.items()}

    def write_outputs(self, out_dir: str | os.PathLike | None = None, title: str = "kg",
                      force: bool = False, mentions: str = "links") -> KnowledgeGraph | None:
        """Write graph.json, graph.ttl and graph.html (see :meth:`output_names`), and rebuild
        the SPARQL store.

        Skipped (returning None) when nothing changed since the last write to
        the same folder; otherwise returns the merged graph.

        A corpus graph is large, so the outputs are made to scale: graph.json
        is streamed, compact; the RDF is generated once, as graph.ttl and a plain copy fed in pieces
        to oxigraph's bulk loader in a second thread, while
        the rest is written — or, where the store knows what its SPARQL store holds, only the
        statements of the subjects that changed replace theirs in a copy of it
        (:mod:`kg.corpus.sparql_load`); graph.html shows the whole graph up to
        :data:`OVERVIEW_ENTITIES` entities, else an overview of the most
        mentioned ones.

        The SPARQL store holds one graph (no named graph per document: the document of every
        piece of evidence is its ``prov:wasQuotedFrom``, and a named graph would double what
        oxigraph indexes).  It keeps every relation's evidence; ``mentions`` says how it holds
        the mentions of names: ``"links"`` (the default) one ``kg:mentionedIn`` link per entity
        and document, the spans being in graph.json; ``"compact"`` also one
        ``kg:mentionSpans`` literal of the spans; ``"nodes"`` one ``kg:Mention`` node each.
        graph.json always lists every mention.
        """
        from kg.graph import summary
        from kg.io import atomic_open
        from kg.resolve import collector_paused
        from kg.serialize.html import write_html
        from kg.serialize.json import write_json
        from kg.serialize.rdf import turtle_prefixes, write_turtle_blocks

        out = Path(out_dir) if out_dir is not None else self.path
        names = self.output_names(out)
        compress = names["json"].endswith(".gz")
        digest = self.graph_digest(f"{out.resolve()}\0{title}\0{mentions}\0{_LAYOUT}")
        fresh = (self._graph.get("digest") == digest and all((out / n).exists() for n in names.values())
                 and self.sparql_path.exists())
        if fresh and not force:
            return None
        # (The collector paused: what is read and merged here lives until the outputs are
        # written, and the collector's passes over it would find nothing to free.)
        with self._lock(), collector_paused():
            # Names labelled and forms normalized by earlier merges (they depend on kg's code
            # and its packages' data only, so they are keyed like the analyses).
            memos = {kind: read_kept(self._kept_path(kind)) for kind in ("labels", "canonical")}
            known = {kind: len(memo) for kind, memo in memos.items()}
            viewed: set[str] = set()

            def keep(views: dict) -> None:  # written before the second pass, then let go
                live = {d["sha256"] for d in self._docs.values()}
                if not viewed <= live:  # (documents gone: written again without theirs)
                    write_kept(self._kept_path("survey"), {sha: v for sha, v in views.items() if sha in live})
                else:
                    add_kept(self._kept_path("survey"), views, (sha for sha in views if sha not in viewed))

            views = read_kept(self._kept_path("survey"))
            viewed.update(views)
            kg = self.to_graph(memos["labels"], views, surveyed=keep, canonical=memos["canonical"])
            del views
            for kind, memo in memos.items():  # (memos only grow: what is new comes last)
                add_kept(self._kept_path(kind), memo, itertools.islice(memo, known[kind], None))
            del memos
            plain = self.path / ".graph.ttl.tmp"  # (the Turtle uncompressed, for the loader to read)
            loader = SparqlLoader(plain, self.path / f"oxigraph-{digest[:16]}", turtle_prefixes())
            # What the SPARQL store in use holds, by subject: if known, only what changed is
            # loaded (into a copy), once the Turtle is complete; else all, as it is written.
            loaded = self._loaded_index(loader.target)
            index = SubjectIndex()
            try:
                with (open(plain, "wb") as fh,
                      atomic_open(out / names["turtle"], "wb", encoding=None, compress=compress) as ttl):
                    if loaded is None:
                        loader.start()  # follows the file as it grows
                    try:
                        write_turtle_blocks(kg, [fh, ttl], mentions=mentions, blocks=index)
                    finally:
                        loader.written.set()
                if loaded is not None:
                    plan = plan_update(loaded, index)
                    if plan is not None:
                        loader.update(self.sparql_path.resolve(), *plan)
                    loader.start()
                with atomic_open(out / names["json"], "w", compress=compress) as fh:
                    write_json(kg, fh, indent=None)
                view, view_title = _overview(kg, title)
                write_html(view, out / names["html"], title=view_title)
                del view
            finally:
                loader.written.set()
                if loader.is_alive():
                    loader.join()
                plain.unlink(missing_ok=True)
            if loader.error is not None:
                raise OutputError(f"{loader.target}: cannot write the SPARQL store ({loader.error})")
            updates = loaded["updates"] + 1 if loader.updated else 0  # (updated: loaded was known)
            write_kept(self._index_path(loader.target), {**index.kept(), "updates": updates})
            del index
            self._switch_sparql(loader.target)
            if compress:  # what an older kg wrote here, uncompressed, is now stale
                for stale in ("graph.json", "graph.ttl"):
                    (out / stale).unlink(missing_ok=True)
            self._graph = {"digest": digest, "outputs": str(out), "summary": summary(kg)}
            self._save()
        return kg

    def _kept_path(self, kind: str) -> Path:
        # Survey views are made from analyses, so they go stale with them; labels and canonical
        # forms depend on OpenCC's and pypinyin's data: the key changes with kg and its packages.
        from kg.corpus.parallel import extractor_fingerprint

        return self.path / f"{kind}-{extractor_fingerprint()[:16]}.pickle.gz"

    def _index_path(self, sparql: Path) -> Path:
        # The digests of what a SPARQL store holds are named after its folder (oxigraph-<key>).
        return self.path / f"subjects-{sparql.name.removeprefix('oxigraph-')}.pickle.gz"

    def _loaded_index(self, target: Path) -> dict | None:
        """What the SPARQL store in use holds, by subject (see :mod:`kg.corpus.sparql_load`), when
        known and worth updating: None for a store loaded afresh (no store yet, a real folder
        copied in its place, the same folder as ``target``, or too many updates in a row)."""
        link = self.sparql_path
        current = link.resolve()
        if not link.is_symlink() or not current.is_dir() or current == target.resolve():
            return None
        kept = read_kept(self._index_path(current))
        if not all(isinstance(kept.get(k), bytes) for k in ("keys", "digests", "iris")) \
                or not isinstance(kept.get("updates"), int) or len(kept["keys"]) != len(kept["digests"]):
            return None
        return kept if kept["updates"] < MAX_UPDATES else None

    def summary(self) -> dict:
        """Counts of the last written graph (see :func:`kg.graph.summary`)."""
        return dict(self._graph.get("summary") or {})

    def _switch_sparql(self, target: Path) -> None:
        """Point ``STORE/sparql`` at a freshly loaded store in one rename, so
        readers never see half a graph; remove the old ones."""
        link = self.sparql_path
        tmp = self.path / ".sparql.tmp"
        if tmp.is_symlink() or tmp.exists():
            tmp.unlink()
        os.symlink(target.name, tmp)
        if link.exists() and not link.is_symlink():  # a real folder (a copy made with cp -L)
            shutil.rmtree(link)
        os.replace(tmp, link)
        for old in self.path.glob("oxigraph-*"):
            if old != target:
                shutil.rmtree(old, ignore_errors=True)


#: graph.html draws at most this many entities (the most mentioned); a
#: corpus of thousands of articles makes a page no browser can lay out.
OVERVIEW_ENTITIES = 1500
#: In an overview, mentions kept per entity.
OVERVIEW_MENTIONS = 20
#: What a store's outputs look like (one graph in the SPARQL store, compressed files), so a
#: store written by an older kg is rewritten once.
_LAYOUT = "one-graph, gzip"


def _overview(kg: KnowledgeGraph, title: str) -> tuple[KnowledgeGraph, str]:
    """The graph to draw: all of it when small, else its most mentioned
    entities and the relations among them (and a title that says so)."""
    from kg.serialize.html import VIEW_EVIDENCE

    if len(kg.entities) <= OVERVIEW_ENTITIES:
        return kg, title
    ranked = sorted(kg.entities, key=lambda e: (-len(e.mentions), e.id))[:OVERVIEW_ENTITIES]
    keep = {e.id for e in ranked}
    entities = [replace(e, mentions=e.mentions[:OVERVIEW_MENTIONS]) for e in kg.entities if e.id in keep]
    # (The page lists the first sentences of a relation's evidence and says how many there are.)
    relations = [r for r in kg.relations if r.subject in keep and (r.object is None or r.object in keep)]
    cited = ({m.doc for e in entities for m in e.mentions}
             | {ev.doc for r in relations for ev in r.evidence[:VIEW_EVIDENCE]})
    documents = [d for d in kg.documents if d.id in cited]
    note = f"{title} — overview: the {len(entities)} most mentioned of {len(kg.entities)} entities"
    return KnowledgeGraph(documents, entities, relations, kg.failures), note


# ------------------------------------------------------------------ worker side


@dataclass
class _Returned:
    """An analysis a Dask worker hands back for the store to write."""

    sha256: str
    entry: dict
    analysis: Any


def _entry(doc: Document, sha: str, chars: int, given: str) -> dict:
    entry = {"id": doc.id, "sha256": sha, "path": doc.path, "title": doc.title, "date": doc.date,
             "source": doc.source, "chars": chars}
    if given != doc.id:
        entry["given"] = given
    return entry


def _source_key(path: str | None, given: str, sha: str) -> str:
    """Where a document comes from: its file; a record's id within a JSONL
    file; its text, for standard input.  The file is named by its absolute path, so
    ``corpus/a.txt`` and ``/home/me/corpus/a.txt`` are the same document."""
    if not path or path.startswith("<"):
        return f"text:{sha}"
    path = os.path.abspath(path)
    if content_suffix(Path(path)) in JSONL_SUFFIXES:  # news.jsonl, news.jsonl.gz
        return f"{path}\0{given}"
    return path


def _lean(an, chars: int):
    """The analysis without the document's text (the graph keeps lean documents)."""
    doc = an.document
    return replace(an, document=replace(doc, text="", meta={**doc.meta, "chars": chars}))


def _analyze_item(item: tuple[Document, str, str], folder: str | None = None):
    """Analyse one document in a worker; write its analysis into the store
    ``folder`` (local workers) or hand it back (Dask workers, which may not
    see the store)."""
    from kg.pipeline import Failure, analyze_safely

    doc, sha, given = item
    result = analyze_safely(doc)
    if isinstance(result, Failure):
        return result
    lean = _lean(result, len(doc.text))
    entry = _entry(lean.document, sha, len(doc.text), given)
    if folder is None:
        return _Returned(sha, entry, lean)
    write_analysis(analysis_file(Path(folder), sha), lean)
    return entry
