"""The ordered steps, for one document or a whole corpus.

ingest → normalize → segment → entities → relations → events → resolve →
graph.  :func:`analyze` runs the per-document steps of :data:`STEPS` and returns
plain frozen values (:class:`~kg.resolve.DocAnalysis`), so the same function runs
in this process, in worker processes or on a Dask cluster (:mod:`kg.corpus.parallel`);
:func:`run` and :func:`assemble` merge the analyses into one
:class:`~kg.graph.KnowledgeGraph`.

Each step is bound to the function that runs it and declares what it needs and what it
provides (like stanza's processors): :data:`STEPS` is exactly what :func:`analyze` runs,
in that order, and :func:`check_steps` verifies a list of steps before any document is
touched, so a step inserted in the wrong place fails with a message naming what is missing.
"""

from __future__ import annotations

import gc
import inspect
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from kg.errors import InputError, KGError
from kg.extract.entities import find_mentions
from kg.extract.events import find_events
from kg.extract.relations import find_relations
from kg.graph import KnowledgeGraph
from kg.resolve import DocAnalysis, analyze_spans, merge
from kg.text.normalize import NormalizedText, normalize
from kg.text.segment import Segmented, segment
from kg.types import Document, Evidence, Mention

__all__ = ["STEPS", "Step", "check_steps", "analyze", "analyze_safely", "run", "assemble", "collected_in_batches", "Failure",
           "as_items", "CHUNK_CHARS"]

#: Documents longer than this are processed in pieces cut at paragraph
#: breaks, so memory stays bounded however long an article is.
CHUNK_CHARS = 100_000


@dataclass(frozen=True)
class Step:
    """A pipeline step: its name, the function that runs it, what it needs and what it provides.

    ``run`` is called with the values named by ``requires``, in that order; what it returns is
    the value named by ``provides``.  The first step sees only ``document``.
    """

    name: str
    run: Callable[..., Any]
    requires: tuple[str, ...]
    provides: str


def _normalize(document: Document) -> NormalizedText:
    return normalize(document.text)


def _segment(document: Document, normalized: NormalizedText) -> Segmented:
    return segment(document.id, normalized)


def _relations(document: Document, segmented: Segmented, spans):
    return find_relations(segmented, spans, document.date)


def _events(document: Document, segmented: Segmented, spans, relations):
    return find_events(segmented, spans, relations, document.date)


#: The per-document steps, in the order :func:`analyze` runs them.
STEPS: tuple[Step, ...] = (
    Step("normalize", _normalize, ("document",), "normalized"),
    Step("segment", _segment, ("document", "normalized"), "segmented"),
    Step("entities", find_mentions, ("segmented",), "spans"),
    Step("relations", _relations, ("document", "segmented", "spans"), "relations"),
    Step("events", _events, ("document", "segmented", "spans", "relations"), "events"),
    Step("resolve", analyze_spans, ("document", "normalized", "spans", "relations", "events"), "analysis"),
)


def check_steps(steps: Sequence[Step] = STEPS) -> None:
    """Raise if a step needs something no earlier step provides, if its function does not
    take what it declares, or if no step provides the ``analysis``.

    >>> check_steps()
    >>> check_steps([Step("relations", _relations, ("document", "segmented", "spans"), "relations")])
    Traceback (most recent call last):
    ...
    kg.errors.KGError: step 'relations' needs segmented, spans, which no earlier step provides (have: document)
    """
    have = {"document"}
    for step in steps:
        missing = [r for r in step.requires if r not in have]
        if missing:
            raise KGError(f"step {step.name!r} needs {', '.join(missing)}, which no earlier step "
                          f"provides (have: {', '.join(sorted(have))})")
        try:
            inspect.signature(step.run).bind(*step.requires)
        except TypeError:
            raise KGError(f"step {step.name!r}: {getattr(step.run, '__name__', step.run)!r} does not take "
                          f"the {len(step.requires)} values it declares ({', '.join(step.requires)})") from None
        except ValueError:  # a builtin without a signature: trust the declaration
            pass
        have.add(step.provides)
    if "analysis" not in have:
        raise KGError(f"no step provides the analysis (have: {', '.join(sorted(have))})")


check_steps()


@dataclass(frozen=True)
class Failure:
    """A document (or input) that could not be processed, and why."""

    source: str
    problem: str
    line: int | None = None

    def message(self) -> str:
        where = self.source + (f":{self.line}" if self.line is not None else "")
        return f"{where}: {self.problem}"

    def as_dict(self) -> dict:
        return {"source": self.source, "line": self.line, "problem": self.problem}


def _pieces(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Cut a long text at paragraph (else line, else sentence) breaks."""
    if len(text) <= size:
        return [(0, len(text))]
    out, start = [], 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            for sep in ("\n\n", "\n", "。", "，", ","):
                cut = text.rfind(sep, start + size // 2, end)
                if cut > start:
                    end = cut + len(sep)
                    break
        out.append((start, end))
        start = end
    return out


def _run_steps(document: Document, steps: Sequence[Step]) -> DocAnalysis:
    values: dict[str, Any] = {"document": document}
    for step in steps:
        values[step.provides] = step.run(*(values[name] for name in step.requires))
    return values["analysis"]


def analyze(document: Document, steps: Sequence[Step] = STEPS) -> DocAnalysis:
    """Run the per-document steps (:data:`STEPS`, or a checked list of one's own) on one document.

    >>> from kg.types import Document
    >>> an = analyze(Document("a", "省委书记刘家义率领山东省党政代表团来到北京市。"))
    >>> sorted({m.name for _, m, _ in an.mentions if m.type == "Person"})
    ['刘家义']
    """
    if steps is not STEPS:
        check_steps(steps)
    pieces = _pieces(document.text)
    if len(pieces) == 1:
        return _run_steps(document, steps)
    mentions, relations, events, attributes = [], [], [], {}
    # A long text names the same things again and again: its mentions share their names, keys
    # and forms rather than hold a copy each (a 50 MB article makes a million mentions).
    same: dict = {}
    share = same.setdefault
    for a, b in pieces:
        part = _run_steps(replace(document, text=document.text[a:b]), steps)
        mentions.extend((share(key, key), _shift_mention(m, a, share), share(forms, forms))
                        for key, m, forms in part.mentions)
        relations.extend(replace(rel, evidence=_shift_evidence(rel.evidence, a)) for rel in part.relations)
        events.extend(replace(ev, key=f"{ev.key}@{a}", mentions=tuple(_shift_mention(m, a, share) for m in ev.mentions))
                      for ev in part.events)
        for k, v in part.attributes.items():
            attributes.setdefault(k, {}).update(v)
    return DocAnalysis(document, tuple(mentions), tuple(relations), tuple(events), attributes)


def _shift_mention(m: Mention, by: int, share) -> Mention:
    """``m`` moved ``by`` characters on, its text and name the objects ``share(value, value)`` gives."""
    return Mention(m.doc, m.start + by, m.end + by, share(m.text, m.text), m.type, share(m.name, m.name),
                   m.source, m.score)


def _shift_evidence(ev: Evidence, by: int) -> Evidence:
    return replace(ev, start=ev.start + by, end=ev.end + by)


#: How long one document may take, in seconds: this plus this per character (a thousand times
#: the usual pace).  A text that makes some rule take longer (a pathological input) becomes a
#: failure of that document instead of stalling a corpus.
TIME_LIMIT = 60.0
TIME_LIMIT_PER_CHAR = 0.001


class _TimeUp(Exception):
    pass


@contextmanager
def _time_limit(seconds: float):
    """Raise :class:`_TimeUp` in this thread after ``seconds`` (only where a timer signal can
    reach: the main thread on POSIX; elsewhere, such as a Dask worker thread, no limit)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def time_up(signum, frame):
        raise _TimeUp

    previous = signal.signal(signal.SIGALRM, time_up)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def analyze_safely(document: Document) -> DocAnalysis | Failure:
    """:func:`analyze`, turning an unexpected error into a :class:`Failure`
    so that one bad document never stops a corpus, nor one that takes far too long
    (:data:`TIME_LIMIT`)."""
    limit = TIME_LIMIT + TIME_LIMIT_PER_CHAR * len(document.text or "")
    try:
        with _time_limit(limit):
            return analyze(document)
    except _TimeUp:
        return Failure(document.id, f"extraction took over {limit:.3g} s; the document was skipped "
                                    "(please report it: some rule is too slow on this text)")
    except KGError as exc:
        return Failure(document.id, str(exc))
    except Exception as exc:  # a bug must not lose the rest of the corpus
        return Failure(document.id, f"internal error while extracting ({type(exc).__name__}: {exc})")


def as_items(inputs: Iterable[Document | InputError]) -> Iterator[Document | Failure]:
    """Documents as they are, read errors as :class:`Failure` values (what a map over documents takes)."""
    for item in inputs:
        if isinstance(item, InputError):
            yield Failure(item.source or "<input>", item.problem, item.line)
        else:
            yield item


def run(inputs: Iterable[Document | InputError],
        progress: Callable[[int, int], None] | None = None,
        map_documents: Callable[[Iterable[Document | Failure]], Iterable[DocAnalysis | Failure]] | None = None,
        ) -> KnowledgeGraph:
    """Extract a graph from documents (or read errors, which become failures).

    Documents are analysed one after the other in this process, unless ``map_documents``
    maps them elsewhere (it takes documents and failures and yields results in input order):
    :func:`kg.corpus.parallel.run` uses worker processes.  ``progress(done, failed)`` is
    called after each document.

    >>> kg = run([Document("a", "省委书记刘家义率领山东省党政代表团来到北京市。")])
    >>> sorted(r.type for r in kg.relations)
    ['holds_position', 'leads', 'visits']
    """
    items = as_items(inputs)
    if map_documents is None:
        results = collected_in_batches(item if isinstance(item, Failure) else analyze_safely(item) for item in items)
    else:
        results = map_documents(items)
    return assemble(results, progress)


#: Documents analysed between two passes of the cyclic garbage collector (:func:`collected_in_batches`).
COLLECT_EVERY = 256


def collected_in_batches(results: Iterable[Any], every: int = COLLECT_EVERY) -> Iterator[Any]:
    """``results`` as they come, with Python's cyclic garbage collector run by hand on the young
    objects once every ``every`` of them instead of on its own (as it was after them).

    The collector's own passes, triggered by allocations, went over the analyses a run keeps and the
    models' objects again and again: a tenth of ``kg extract`` on news (benchmarks/ROUNDS.md, stop 64).
    The reference cycles an analysis leaves (some kilobytes a document) are still collected, a batch
    at a time.

    >>> import gc
    >>> [gc.isenabled() for _ in collected_in_batches(range(2))], gc.isenabled()
    ([False, False], True)
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        for done, result in enumerate(results, 1):
            yield result
            if done % every == 0:
                gc.collect(1)
    finally:
        if enabled:
            gc.enable()


def assemble(results: Iterable[DocAnalysis | Failure],
             progress: Callable[[int, int], None] | None = None) -> KnowledgeGraph:
    """Merge per-document results, in input order, into one graph (the last step
    of :func:`run`, shared by the worker-process and Dask paths)."""
    analyses: list[DocAnalysis] = []
    failures: list[Failure] = []
    for result in results:
        if isinstance(result, Failure):
            failures.append(result)
        else:
            analyses.append(result)
        if progress:
            progress(len(analyses), len(failures))
    entities, relations = merge(analyses)
    return KnowledgeGraph([a.document for a in analyses], entities, relations,
                          [f.as_dict() for f in failures])
