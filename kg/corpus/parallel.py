"""Per-document extraction in worker processes, or on a Dask cluster.

:func:`map_documents` runs :func:`kg.pipeline.analyze_safely` over a stream
of documents in local worker processes and yields the results in input
order.  At most a few documents per worker are in flight at once, so memory
stays flat however long the stream is; a worker that dies (a crash, the
out-of-memory killer) costs only the document it was working on.

:func:`run_dask` runs the same function on a Dask ``distributed`` cluster
(``pip install 'kg[dask]'``; every worker needs the same kg installed) and
merges the results exactly as :func:`kg.pipeline.run` does, so a cluster
build equals a local one.

jieba's dictionary cache is not shared with other programs: each process
loads it from kg's own cache folder (:func:`kg.lexicon.cache_dir`), and a
process that has to rebuild it writes a temporary file and renames it into
place, so workers starting together never see a half-written cache.
"""

from __future__ import annotations

import hashlib
import importlib.util
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import lru_cache
from typing import Any

from kg.errors import InputError, UsageError
from kg.graph import KnowledgeGraph
from kg.pipeline import Failure, analyze_safely, as_items, assemble
from kg.pipeline import run as run_pipeline
from kg.types import Document

__all__ = [
    "run",
    "default_workers",
    "CONNECT_TIMEOUT",
    "IN_FLIGHT_PER_WORKER",
    "dask_map",
    "extractor_fingerprint",
    "map_documents",
    "map_ordered",
    "run_dask",
]

#: Documents queued per worker: enough to keep every worker busy, few enough
#: that a stream of a million documents is never read ahead into memory.
IN_FLIGHT_PER_WORKER = 4
#: How long to keep trying to reach a Dask scheduler.
CONNECT_TIMEOUT = "20s"


def _context():
    # forkserver: workers start from a clean process rather than a fork of a
    # parent that may hold threads (the progress bar, a Dask client) and locks.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def map_ordered(fn: Callable[[Any], Any], items: Iterable[Any], workers: int,
                in_flight: int | None = None, isolate: bool = False) -> Iterator[Any]:
    """``fn(item)`` for each item, computed in ``workers`` processes, in input order.

    With one worker the work is done in this process, unless ``isolate``
    asks for a worker process anyway (so that this process does not keep
    the extraction's dictionaries in memory).  Items that are
    :class:`kg.pipeline.Failure` pass through untouched.
    ``fn`` must be picklable (a module-level function or a
    ``functools.partial`` of one) and should not raise.  When a worker
    process dies, the documents that were in flight are retried one at a
    time in a fresh pool, so only the one that kills a worker becomes a
    :class:`~kg.pipeline.Failure`.

    >>> list(map_ordered(abs, [-3, 2, -1], workers=1))
    [3, 2, 1]
    """
    if workers <= 1 and not isolate:
        for item in items:
            yield item if isinstance(item, Failure) else fn(item)
        return
    workers = max(1, workers)
    limit = in_flight or workers * IN_FLIGHT_PER_WORKER
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context())
    pending: deque[tuple[Any, Future | None]] = deque()
    try:
        for item in items:
            pending.append((item, None if isinstance(item, Failure) else pool.submit(fn, item)))
            while len(pending) >= limit:
                result, pool = _next_result(fn, pending, pool, workers)
                yield result
        while pending:
            result, pool = _next_result(fn, pending, pool, workers)
            yield result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _next_result(fn, pending: deque, pool: ProcessPoolExecutor, workers: int):
    """The result of the oldest pending item (and the pool, renewed if it broke)."""
    item, future = pending[0]
    if future is None:
        pending.popleft()
        return item, pool
    try:
        result = future.result()
        pending.popleft()
        return result, pool
    except BrokenProcessPool:
        pass
    # A worker died: every future of this pool is lost.  Retry the items one
    # at a time, each in a fresh one-worker pool, to find the one that kills.
    pool.shutdown(wait=False, cancel_futures=True)
    results = []
    for it, fut in pending:
        finished = fut is not None and fut.done() and not fut.cancelled() and fut.exception() is None
        results.append(fut.result() if finished else _isolated(fn, it))
    pending.clear()
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context())
    pending.extend((r, None) for r in results[1:])
    return results[0], pool


def _isolated(fn, item):
    if isinstance(item, Failure):
        return item
    with ProcessPoolExecutor(max_workers=1, mp_context=_context()) as pool:
        try:
            return pool.submit(fn, item).result()
        except BrokenProcessPool:
            return Failure(_item_name(item), "the worker process died while extracting this document")


def _item_name(item) -> str:
    doc = item[0] if isinstance(item, tuple) else item
    return getattr(doc, "id", None) or str(doc)[:80]


def map_documents(items: Iterable[Any], workers: int) -> Iterator[Any]:
    """Analyze documents in ``workers`` processes, yielding results in input order.

    ``items`` are :class:`~kg.types.Document` or :class:`kg.pipeline.Failure`
    values (a read error passes through); each document becomes a
    :class:`~kg.resolve.DocAnalysis`, or a ``Failure`` when extraction
    fails.  The stream is consumed lazily: at most
    ``workers * IN_FLIGHT_PER_WORKER`` documents are held at once.

    >>> from kg.types import Document
    >>> [type(r).__name__ for r in map_documents([Document("a", "刘家义来到北京。")], workers=1)]
    ['DocAnalysis']
    """
    return map_ordered(analyze_safely, items, workers)


def run(inputs: Iterable[Document | InputError], workers: int = 1,
        progress: Callable[[int, int], None] | None = None) -> KnowledgeGraph:
    """:func:`kg.pipeline.run` with extraction in ``workers`` processes; results are merged in
    input order, so the graph is the same whatever the number of workers.

    >>> from kg.types import Document
    >>> kg = run([Document("a", "刘家义来到北京。")], workers=1)
    >>> sorted((r.type, kg.entity(r.subject).name, kg.entity(r.object).name) for r in kg.relations)
    [('visits', '刘家义', '北京')]
    """
    if workers <= 1:
        return run_pipeline(inputs, progress)
    return run_pipeline(inputs, progress, lambda items: map_documents(items, workers))


def default_workers() -> int:
    """All cores, as ``os.sched_getaffinity`` (or ``cpu_count``) reports them."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


# ----------------------------------------------------------------------------- dask



def _connect(scheduler_address: str):
    if importlib.util.find_spec("distributed") is None:
        raise UsageError("--scheduler needs Dask: pip install 'kg[dask]'")
    from distributed import Client

    try:
        client = Client(scheduler_address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise UsageError(f"cannot reach the Dask scheduler at {scheduler_address} ({exc})") from None
    try:
        versions = client.run(extractor_fingerprint)
    except Exception as exc:  # noqa: BLE001 — the workers cannot even import kg: any error says so
        client.close()
        raise UsageError(f"the Dask workers at {scheduler_address} cannot run kg "
                         f"({type(exc).__name__}: {exc}); install the same kg on every worker") from None
    mine = extractor_fingerprint()
    other = sorted(w for w, v in versions.items() if v != mine)
    if other:
        client.close()
        raise UsageError(f"the Dask workers {', '.join(other)} run a different kg than this machine; "
                         "install the same version everywhere so results are the same")
    if not versions:
        client.close()
        raise UsageError(f"the Dask scheduler at {scheduler_address} has no workers")
    return client


def dask_map(fn: Callable[[Any], Any], items: Iterable[Any], scheduler_address: str,
             in_flight: int | None = None) -> Iterator[Any]:
    """``fn(item)`` for each item on a Dask cluster, in input order (like :func:`map_ordered`)."""
    client = _connect(scheduler_address)
    try:
        threads = sum(client.nthreads().values()) or 1
        limit = in_flight or threads * IN_FLIGHT_PER_WORKER
        pending: deque = deque()
        for item in items:
            future = None if isinstance(item, Failure) else client.submit(fn, item, pure=False)
            pending.append((item, future))
            while len(pending) >= limit:
                yield _dask_result(*pending.popleft())
        while pending:
            yield _dask_result(*pending.popleft())
    finally:
        client.close()


def _dask_result(item, future):
    if future is None:
        return item
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 — KilledWorker, a lost connection: lose one document, not the run
        return Failure(_item_name(item), f"the Dask cluster failed on this document "
                                         f"({type(exc).__name__}: {exc})")


def run_dask(inputs: Iterable[Document | InputError], scheduler_address: str,
             progress: Callable[[int, int], None] | None = None) -> KnowledgeGraph:
    """:func:`kg.pipeline.run` with per-document extraction on a Dask cluster.

    ``scheduler_address`` is the scheduler's address (``tcp://HOST:8786``);
    every worker must have the same kg installed (checked before any
    document is sent).  Documents stream to the cluster a few per worker
    thread at a time; results are merged in input order, so the graph equals
    the local one.
    """
    return assemble(dask_map(analyze_safely, as_items(inputs), scheduler_address), progress)


# ---------------------------------------------------------------------- fingerprint

#: The parts of the package that shape what per-document extraction returns: every file under
#: them (code and data) is hashed, so a module added, moved or changed is in the key.
ANALYSIS_PARTS = ("types.py", "errors.py", "lexicon", "text", "extract", "resolve", "pipeline.py")


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """A hash of the code and data that per-document extraction depends on.

    Stored analyses made under another fingerprint are stale; Dask workers
    must share it.

    >>> len(extractor_fingerprint())
    16
    """
    from importlib.metadata import PackageNotFoundError, version
    from pathlib import Path

    root = Path(importlib.util.find_spec("kg").origin).parent
    h = hashlib.sha256()
    for part in ANALYSIS_PARTS:
        base = root / part
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*")
                                                        if p.is_file() and "__pycache__" not in p.parts)
        for path in files:
            h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    for dist in ("jieba", "rjieba", "opencc", "pypinyin", "jionlp", "python-crfsuite"):
        try:
            h.update(f"{dist}={version(dist)}".encode())
        except PackageNotFoundError:
            h.update(f"{dist}=none".encode())
    return h.hexdigest()[:16]
