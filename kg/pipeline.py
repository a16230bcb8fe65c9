"""The ordered steps, for one document or a whole corpus.

ingest → normalize → segment → entities → relations → events → resolve →
graph.  :func:`analyze` runs the per-document steps and returns plain values
(:class:`~kg.resolve.DocAnalysis`), so the same function runs in this
process, in worker processes or on a Dask cluster; :func:`run` merges the
analyses into one :class:`~kg.graph.KnowledgeGraph`.

Each step declares what it needs and provides (like stanza's processors);
:func:`check_steps` verifies the order once, so a step inserted in the wrong
place fails with a message naming what is missing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from kg.errors import InputError, KGError
from kg.graph import KnowledgeGraph
from kg.resolve import DocAnalysis, analyze_spans, merge
from kg.types import Document, Evidence, Mention

__all__ = ["STEPS", "Step", "check_steps", "analyze", "analyze_safely", "run", "assemble", "Failure",
           "CHUNK_CHARS"]

#: Documents longer than this are processed in pieces cut at paragraph
#: breaks, so memory stays bounded however long an article is.
CHUNK_CHARS = 100_000


@dataclass(frozen=True)
class Step:
    """A pipeline step: its name, what it needs and what it provides."""

    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]


STEPS = (
    Step("normalize", ("text",), ("normalized",)),
    Step("segment", ("normalized",), ("sentences", "tokens")),
    Step("entities", ("sentences", "tokens"), ("mentions",)),
    Step("relations", ("mentions", "sentences"), ("relations",)),
    Step("events", ("relations", "mentions"), ("events",)),
    Step("resolve", ("mentions", "relations", "events"), ("analysis",)),
)


def check_steps(steps: Iterable[Step] = STEPS) -> None:
    """Raise if a step needs something no earlier step provides.

    >>> check_steps()
    >>> check_steps([Step("relations", ("mentions",), ("relations",))])
    Traceback (most recent call last):
    ...
    kg.errors.KGError: step 'relations' needs mentions, which no earlier step provides (have: text)
    """
    have = {"text"}
    for step in steps:
        missing = [r for r in step.requires if r not in have]
        if missing:
            raise KGError(f"step {step.name!r} needs {', '.join(missing)}, which no earlier step "
                          f"provides (have: {', '.join(sorted(have))})")
        have.update(step.provides)


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


def _analyze_text(document: Document) -> DocAnalysis:
    from kg.extract.entities import find_mentions
    from kg.extract.events import find_events
    from kg.extract.relations import find_relations
    from kg.text.normalize import normalize
    from kg.text.segment import segment

    normalized = normalize(document.text)
    seg = segment(document.id, normalized)
    spans = find_mentions(seg)
    found = find_relations(seg, spans, document.date)
    events = find_events(seg, spans, found, document.date)
    return analyze_spans(document, normalized, spans, found, events)


def analyze(document: Document) -> DocAnalysis:
    """Run every per-document step on one document.

    >>> from kg.types import Document
    >>> an = analyze(Document("a", "省委书记刘家义率领山东省党政代表团来到北京市。"))
    >>> sorted({m.name for _, m, _ in an.mentions if m.type == "Person"})
    ['刘家义']
    """
    pieces = _pieces(document.text)
    if len(pieces) == 1:
        return _analyze_text(document)
    merged = DocAnalysis(document)
    for a, b in pieces:
        part = _analyze_text(replace(document, text=document.text[a:b]))
        merged.mentions.extend((key, _shift_mention(m, a), forms) for key, m, forms in part.mentions)
        for rel in part.relations:
            rel.evidence = _shift_evidence(rel.evidence, a)
            merged.relations.append(rel)
        for ev in part.events:
            ev.key = f"{ev.key}@{a}"
            ev.mentions = [_shift_mention(m, a) for m in ev.mentions]
            merged.events.append(ev)
        for k, v in part.attributes.items():
            merged.attributes.setdefault(k, {}).update(v)
    return merged


def _shift_mention(m: Mention, by: int) -> Mention:
    return replace(m, start=m.start + by, end=m.end + by)


def _shift_evidence(ev: Evidence, by: int) -> Evidence:
    return replace(ev, start=ev.start + by, end=ev.end + by)


def analyze_safely(document: Document) -> DocAnalysis | Failure:
    """:func:`analyze`, turning an unexpected error into a :class:`Failure`
    so that one bad document never stops a corpus."""
    try:
        return analyze(document)
    except KGError as exc:
        return Failure(document.id, str(exc))
    except Exception as exc:  # a bug must not lose the rest of the corpus
        return Failure(document.id, f"internal error while extracting ({type(exc).__name__}: {exc})")


def _items(inputs: Iterable[Document | InputError]) -> Iterator[Document | Failure]:
    for item in inputs:
        if isinstance(item, InputError):
            yield Failure(item.source or "<input>", item.problem, item.line)
        else:
            yield item


def run(inputs: Iterable[Document | InputError], workers: int = 1,
        progress: Callable[[int, int], None] | None = None) -> KnowledgeGraph:
    """Extract a graph from documents (or read errors, which become failures).

    ``workers`` > 1 runs extraction in that many processes; results are merged
    in input order, so the graph is the same whatever the number of workers.
    ``progress(done, failed)`` is called after each document.
    """
    items = _items(inputs)
    if workers <= 1:
        results = (item if isinstance(item, Failure) else analyze_safely(item) for item in items)
    else:
        from kg.corpus.parallel import map_documents

        results = map_documents(items, workers)
    return assemble(results, progress)


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


def default_workers() -> int:
    """All cores, as ``os.sched_getaffinity`` (or ``cpu_count``) reports them."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1
