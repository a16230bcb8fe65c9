"""A read-only SPARQL endpoint's engine: queries run in worker processes that can be stopped.

pyoxigraph cannot interrupt a query, so each query runs in a worker process holding the graph
(a store's SPARQL store opened read-only, or the graph loaded in memory); one that runs past
the time limit is killed and a fresh worker takes its place.  Answers are capped at a number of
rows.  Updates and ``SERVICE`` are refused before a query reaches a worker (see
:func:`kg.corpus.query.check_query`).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import queue
import threading
from dataclasses import dataclass

from kg.errors import QueryError

__all__ = ["Answer", "SparqlEngine", "QueryTimeout"]


class QueryTimeout(QueryError):
    """A query ran past the time limit and was stopped."""


@dataclass(frozen=True)
class Answer:
    """A query's answer: ``body`` in the asked format (``json``: SPARQL 1.1 JSON results, or
    JSON-LD for CONSTRUCT and DESCRIBE; ``csv``), and whether rows were cut at the cap."""

    body: str
    media_type: str
    rows: int
    truncated: bool


MEDIA_TYPES = {"json": "application/sparql-results+json", "csv": "text/csv; charset=utf-8",
               "json-ld": "application/ld+json"}


def _term(term) -> dict:
    from pyoxigraph import BlankNode, Literal, NamedNode

    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def answer(store, query_text: str, fmt: str, max_rows: int) -> Answer:
    """Run one query on a pyoxigraph store and format at most ``max_rows`` rows of it (as
    ``kg query`` formats them, but for JSON solutions, written here to stop at the cap)."""
    from pyoxigraph import QueryBoolean, QuerySolutions

    from kg.corpus.query import _csv, _format, execute

    result = execute(store, query_text)
    try:
        if isinstance(result, QueryBoolean):
            return Answer(_format(result, fmt, 0), MEDIA_TYPES[fmt], 1, False)
        if isinstance(result, QuerySolutions):
            names = [v.value for v in result.variables]
            rows, truncated = _first(([solution[name] for name in names] for solution in result), max_rows)
            if fmt == "csv":
                return Answer(_csv(names, rows), MEDIA_TYPES["csv"], len(rows), truncated)
            bindings = [{n: _term(t) for n, t in zip(names, row) if t is not None} for row in rows]
            body = json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False)
            return Answer(body, MEDIA_TYPES["json"], len(rows), truncated)
        triples, truncated = _first(result, max_rows)  # CONSTRUCT, DESCRIBE
        return Answer(_format(triples, fmt, 0), MEDIA_TYPES["csv" if fmt == "csv" else "json-ld"],
                      len(triples), truncated)
    except (OSError, ValueError, RuntimeError) as exc:  # evaluation errors surface while iterating
        raise QueryError(f"query failed: {exc}") from None


def _first(items, limit: int) -> tuple[list, bool]:
    """At most ``limit`` of ``items``, and whether there were more.

    >>> _first(iter("abc"), 2), _first("ab", 2)
    ((['a', 'b'], True), (['a', 'b'], False))
    """
    out: list = []
    for item in items:
        if len(out) >= limit:
            return out, True
        out.append(item)
    return out, False


def _serve(graph_path: str, conn) -> None:
    """A worker: open the graph once, then answer queries until the pipe closes."""
    from kg.corpus.query import open_graph

    try:
        store = open_graph(graph_path)
    except Exception as exc:  # noqa: BLE001 — reported to the caller, which raises it
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", None))
    while True:
        try:
            query_text, fmt, max_rows = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", answer(store, query_text, fmt, max_rows)))
        except QueryError as exc:
            conn.send(("query-error", str(exc)))
        except Exception as exc:  # noqa: BLE001 — a worker must keep serving
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


class _Worker:
    def __init__(self, graph_path: str):
        ctx = multiprocessing.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(graph_path, child), daemon=True)
        self.process.start()
        child.close()
        kind, detail = self.conn.recv() if self.conn.poll(120) else ("error", "the query worker did not start")
        if kind != "ready":
            self.stop()
            raise QueryError(f"{graph_path}: cannot open the graph for SPARQL ({detail})")

    def ask(self, query_text: str, fmt: str, max_rows: int, timeout: float) -> Answer:
        self.conn.send((query_text, fmt, max_rows))
        if not self.conn.poll(timeout):
            raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped")
        kind, detail = self.conn.recv()
        if kind == "ok":
            return detail
        raise QueryError(detail)

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class SparqlEngine:
    """``workers`` query processes over the graph at ``graph_path``; :meth:`run` is thread-safe.

    >>> import os, tempfile
    >>> from kg.graph import KnowledgeGraph
    >>> from kg.serialize.rdf import write_rdf
    >>> from kg.types import Entity
    >>> path = os.path.join(tempfile.mkdtemp(), "g.ttl")
    >>> write_rdf(KnowledgeGraph(entities=[Entity("per-1", "Person", "刘家义")]), path)
    >>> with SparqlEngine(path, workers=1) as engine:
    ...     engine.run("SELECT ?n WHERE { ?p skos:prefLabel ?n }", "csv").body
    'n\\r\\n刘家义\\r\\n'
    """

    def __init__(self, graph_path: str | os.PathLike, workers: int = 2, timeout: float = 10.0,
                 max_rows: int = 10_000):
        self.graph_path = str(graph_path)
        self.timeout = timeout
        self.max_rows = max_rows
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._workers: list[_Worker] = []
        for _ in range(max(1, workers)):
            self._add()

    def _add(self) -> None:
        worker = _Worker(self.graph_path)
        with self._lock:
            self._workers.append(worker)
        self._idle.put(worker)

    def run(self, query_text: str, fmt: str = "json", timeout: float | None = None,
            max_rows: int | None = None) -> Answer:
        """Answer one query; :class:`QueryTimeout` past the time limit, :class:`QueryError` for a
        query that is refused or does not parse."""
        from kg.corpus.query import check_query

        if fmt not in ("json", "csv"):
            raise QueryError(f"results format {fmt!r}: expected json or csv")
        check_query(query_text)  # updates and SERVICE are refused here, before a worker is taken
        worker = self._idle.get()
        try:
            result = worker.ask(query_text, fmt, max_rows or self.max_rows, timeout or self.timeout)
        except QueryTimeout:
            self._replace(worker)
            raise
        except (EOFError, OSError):
            self._replace(worker)
            raise QueryError("the query worker stopped; try again") from None
        except BaseException:
            self._idle.put(worker)  # it answered (a bad query): it serves the next one
            raise
        self._idle.put(worker)
        return result

    def _replace(self, worker: _Worker) -> None:
        worker.stop()
        with self._lock:
            self._workers.remove(worker)
        self._add()

    def close(self) -> None:
        with self._lock:
            workers, self._workers = self._workers, []
        for worker in workers:
            worker.stop()

    def __enter__(self) -> SparqlEngine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
