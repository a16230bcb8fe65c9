"""SPARQL over a saved graph: ``kg query GRAPH QUERY``.

The graph may be a ``graph.json``, an RDF file kg wrote (Turtle, N-Triples,
TriG, N-Quads, JSON-LD), a ``kg build`` output folder, or an on-disk store
folder (opened read-only).  Queries run in pyoxigraph with the union of all
graphs as the default graph, so ``?p kg:leads ?o`` finds every edge while
``GRAPH ?g { … }`` still reaches one document's statements.  The usual
prefixes (``kg:``, ``kgr:``, ``rdfs:``, ``skos:``, ``org:``, ``prov:``,
``time:``, ``schema:`` …) are predeclared.

Queries run offline: ``SERVICE`` (federated query) is refused, and so are
updates.  Results print as an aligned table (CJK counts two columns), CSV
(SPARQL 1.1 CSV, with spreadsheet formulas defused) or SPARQL 1.1 JSON.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

from kg.errors import QueryError
from kg.io import open_input

__all__ = ["QUERY_FORMATS", "check_query", "execute", "format_table", "open_graph", "run_query"]

QUERY_FORMATS = ("table", "csv", "json")
_BUILD_FILES = ("graph.json", "graph.trig", "graph.nq", "graph.ttl", "graph.nt", "graph.jsonld", "graph.json.gz",
                "graph.ttl.gz")

# Strings, IRIs and comments of a SPARQL query, so keywords are only looked for outside them.
_NOT_CODE = re.compile(r'''"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\''''
                       r'''|"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n\r]*''',
                       re.DOTALL)
_SERVICE = re.compile(r"(?<![\w:?$])SERVICE(?![\w:-])", re.IGNORECASE)
_UPDATE = re.compile(r"(?<![\w:?$])(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY)(?![\w:-])", re.IGNORECASE)
_QUERY_FORM = re.compile(r"(?<![\w:?$])(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w:-])", re.IGNORECASE)


def _prefixes() -> dict[str, str]:
    from kg.serialize.vocab import PREFIXES

    return PREFIXES


# --------------------------------------------------------------------------- the graph


def open_graph(graph_path: str | os.PathLike):
    """A pyoxigraph ``Store`` holding the graph at ``graph_path`` (read-only for a store folder).

    >>> open_graph("no/such/graph.ttl")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: no/such/graph.ttl: no such file or folder
    """
    p = Path(graph_path)
    if p.is_dir():
        return _open_folder(p)
    if not p.is_file():
        raise QueryError(f"{p}: no such file or folder")
    from kg.corpus.open import is_graph_json, read_graph

    if is_graph_json(p):
        return _store_of_graph(read_graph(p))
    return _store_of_rdf_file(p)


def _store_of_graph(kg):
    from pyoxigraph import RdfFormat, Store

    from kg.serialize.rdf import write_rdf

    # kg's N-Quads writer plus oxigraph's parser is several times faster than building
    # pyoxigraph.Quad objects one by one in Python.
    buffer = io.BytesIO()
    write_rdf(kg, buffer, "nquads")
    store = Store()
    store.bulk_load(buffer.getvalue(), format=RdfFormat.N_QUADS)
    return store


def _store_of_rdf_file(path: Path):
    from pyoxigraph import Store

    from kg.serialize.rdf_formats import format_of_path, oxigraph_format

    store = Store()
    fmt = format_of_path(path)
    try:
        with open_input(path) as fh:  # graph.ttl, or a store's graph.ttl.gz
            store.bulk_load(fh, format=oxigraph_format(fmt))
    except SyntaxError as exc:
        raise QueryError(f"{path}: not valid {fmt}: {exc}") from None
    except (OSError, ValueError, EOFError) as exc:
        raise QueryError(f"{path}: cannot read ({exc})") from None
    return store


def _looks_like_oxigraph(folder: Path) -> bool:
    # pyoxigraph keeps its on-disk store in RocksDB: a CURRENT file naming a MANIFEST.
    return (folder / "CURRENT").is_file() and any(folder.glob("MANIFEST-*"))


def _kg_store_class():
    try:
        from kg.corpus.store import Store  # another part of kg; tolerate its absence
    except ImportError:
        return None
    return Store


def _read_only(folder: Path):
    from pyoxigraph import Store

    try:
        return Store.read_only(str(folder))
    except OSError as exc:
        raise QueryError(f"{folder}: cannot open the store read-only ({exc})") from None


def _open_folder(folder: Path):
    """A kg store (its SPARQL store, read-only), a pyoxigraph store folder, or a build folder."""
    store_class = _kg_store_class()
    kg_store = None
    if store_class is not None and store_class.is_store(folder):
        # where a store keeps its SPARQL store is fixed: no need to read its manifest (megabytes
        # for a corpus) to query it
        sparql = folder / store_class.SPARQL_DIR
        if _looks_like_oxigraph(sparql):
            return _read_only(sparql)
        try:
            kg_store = store_class(folder)
        except Exception:  # noqa: BLE001 — an unreadable manifest: try the folder's files instead
            kg_store = None
    if _looks_like_oxigraph(folder):
        return _read_only(folder)
    for name in _BUILD_FILES:
        if (folder / name).is_file():
            return open_graph(folder / name)
    for sub in sorted(d for d in folder.iterdir() if d.is_dir()):
        if _looks_like_oxigraph(sub):
            return _read_only(sub)
    if kg_store is not None:
        try:
            return _store_of_graph(kg_store.to_graph())
        except QueryError:
            raise
        except Exception as exc:  # noqa: BLE001 — report any failure as the store's
            raise QueryError(f"{folder}: cannot read the store ({exc})") from None
    raise QueryError(f"{folder}: not a kg build folder or store (no {', '.join(_BUILD_FILES)} "
                     f"and no store files)")


# ------------------------------------------------------------------------------- query


def _code_only(query_text: str) -> str:
    return _NOT_CODE.sub(" ", query_text)


def execute(store, query_text: str):
    """Run a SPARQL query on a pyoxigraph store: solutions, a boolean or triples.

    Prefixes of :data:`kg.serialize.vocab.PREFIXES` are predeclared; the default graph
    is the union of all graphs.  Raises :class:`~kg.errors.QueryError` with the
    parser's message for a bad query, and for one :func:`check_query` refuses.
    """
    check_query(query_text)
    try:
        return store.query(query_text, prefixes=_prefixes(), use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise QueryError(_syntax_message(query_text, str(exc))) from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"query failed: {exc}") from None


def check_query(query_text: str) -> None:
    """Refuse, with :class:`~kg.errors.QueryError`, what kg never runs: an empty query, a
    ``.rq`` file name that is no file, ``SERVICE`` (kg runs offline) and updates.

    >>> check_query("SELECT * WHERE { SERVICE <http://x> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: SERVICE (federated query) is not allowed: kg query runs offline on the local graph
    """
    if not query_text or not query_text.strip():
        raise QueryError("empty query: give SPARQL text or a .rq file")
    if re.fullmatch(r"\S+\.rq", query_text.strip()):
        raise QueryError(f"{query_text.strip()}: no such query file")
    code = _code_only(query_text)
    if _SERVICE.search(code):
        raise QueryError("SERVICE (federated query) is not allowed: kg query runs offline "
                         "on the local graph")
    if _UPDATE.search(code) and not _QUERY_FORM.search(code):
        raise QueryError("SPARQL updates are not allowed: kg query runs SELECT, ASK, CONSTRUCT "
                         "and DESCRIBE queries on a read-only graph")


def _syntax_message(query_text: str, problem: str) -> str:
    """The parser's complaint on one line: where, the text found there, and what it expected.

    >>> _syntax_message("SELECT * WHERE { ?x kg:leads }", "error at 1:30: expected one of ...")
    'the query does not parse at line 1, column 30, at "}": expected one of ...'
    >>> _syntax_message("PREFIX x: <http://x/> SELEC ?n WHERE {}", "error at 1:30: expected CONSTRUCT")[:67]
    'the query does not parse at line 1, column 23: "SELEC" is not a que'
    """
    form = _first_keyword(query_text)
    if form and form.upper() not in _FORMS:
        row, column = form.row, form.column
        return (f'the query does not parse at line {row}, column {column}: "{form}" is not a query form '
                f"(expected SELECT, ASK, CONSTRUCT or DESCRIBE, after any PREFIX and BASE lines)")
    where = re.match(r"error at (\d+):(\d+):?\s*(.*)", problem, re.DOTALL)
    lines = query_text.splitlines()
    if where and 0 < int(where.group(1)) <= len(lines):
        row, column, problem = int(where.group(1)), int(where.group(2)), where.group(3)
        found = lines[row - 1][max(column - 1, 0):].strip()[:20] or "end of line"
        message = f'the query does not parse at line {row}, column {column}, at "{found}": {problem}'
    else:
        message = f"the query does not parse: {problem}"
    message = " ".join(message.split())
    message = message if len(message) <= 200 else message[:197] + "..."
    if "Prefix not found" in problem:
        message += f" (an undeclared prefix; predeclared: {', '.join(_prefixes())})"
    return message


_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_DECLARATION = re.compile(r"\s*(?:PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>)", re.IGNORECASE)


class _Keyword(str):
    row: int
    column: int


def _first_keyword(query_text: str) -> _Keyword | None:
    """The first word after the PREFIX and BASE declarations, with its line and column."""
    code = re.sub(r"#[^\n]*", lambda m: " " * len(m.group(0)), query_text)
    pos = 0
    while (m := _DECLARATION.match(code, pos)) is not None:
        pos = m.end()
    m = re.compile(r"\s*([A-Za-z]+)").match(code, pos)
    if m is None:
        return None
    word = _Keyword(m.group(1))
    before = query_text[:m.start(1)]
    word.row = before.count("\n") + 1
    word.column = m.start(1) - (before.rfind("\n") + 1) + 1
    return word


def run_query(graph_path: str | os.PathLike, query_text: str, fmt: str = "table", *,
              max_width: int = 60) -> str:
    """Run a SPARQL query over a saved graph and format the answer.

    ``fmt`` is ``table`` (aligned; cells wider than ``max_width`` columns are
    cut), ``csv`` (SPARQL 1.1 CSV) or ``json`` (SPARQL 1.1 JSON results; JSON-LD
    for CONSTRUCT and DESCRIBE).

    >>> import tempfile, os
    >>> from kg.graph import KnowledgeGraph
    >>> from kg.serialize.rdf import write_rdf
    >>> from kg.types import Entity
    >>> path = os.path.join(tempfile.mkdtemp(), "g.ttl")
    >>> write_rdf(KnowledgeGraph(entities=[Entity("per-1", "Person", "刘家义")]), path)
    >>> print(run_query(path, "SELECT ?name WHERE { ?p a kg:Person ; skos:prefLabel ?name }"))
    name
    ------
    刘家义
    (1 row)
    <BLANKLINE>
    """
    if fmt not in QUERY_FORMATS:
        raise QueryError(f"output format {fmt!r}: expected one of {', '.join(QUERY_FORMATS)}")
    result = execute(open_graph(graph_path), query_text)
    try:
        return _format(result, fmt, max_width)
    except (OSError, ValueError, RuntimeError) as exc:  # evaluation errors surface while iterating
        raise QueryError(f"query failed: {exc}") from None


# ------------------------------------------------------------------------------ output


def _format(result, fmt: str, max_width: int) -> str:
    from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat

    if isinstance(result, QueryBoolean):
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result)}) + "\n"
        return ("true" if result else "false") + "\n"
    if isinstance(result, QuerySolutions):
        if fmt == "json":
            return result.serialize(format=QueryResultsFormat.JSON).decode("utf-8") + "\n"
        names = [v.value for v in result.variables]
        rows = [[solution[name] for name in names] for solution in result]
        return _csv(names, rows) if fmt == "csv" else format_table(names, rows, max_width)
    # CONSTRUCT / DESCRIBE: triples
    triples = list(result)
    if fmt == "json":
        from pyoxigraph import serialize

        return serialize(triples, format=RdfFormat.JSON_LD).decode("utf-8") + "\n"
    if fmt == "csv":
        return _csv(["subject", "predicate", "object"],
                    [[t.subject, t.predicate, t.object] for t in triples])
    from pyoxigraph import serialize

    return serialize(triples, format=RdfFormat.TURTLE, prefixes=_prefixes()).decode("utf-8")


def _term_text(term) -> str:
    """A term as plain text: the IRI, the literal's value, ``_:id``; empty when unbound."""
    from pyoxigraph import BlankNode

    if term is None:
        return ""
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    return str(term.value)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMERIC = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\Z")


def _csv_cell(term) -> str:
    from pyoxigraph import Literal

    text = _term_text(term)
    # A spreadsheet runs a cell starting with = + - @ as a formula (=cmd|' /C calc'!A0);
    # prefix such text with ' so it stays text.  Numbers keep their sign.
    if isinstance(term, Literal) and text.startswith(_FORMULA_START) and not _NUMERIC.match(text):
        return "'" + text
    return text


def _csv(names: list[str], rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([_csv_cell(term) for term in row])
    return out.getvalue()


def _display(term, namespaces: list[tuple[str, str]]) -> str:
    from pyoxigraph import NamedNode

    if isinstance(term, NamedNode):
        iri = term.value
        for ns, prefix in namespaces:
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns):]}"
        return f"<{iri}>"
    return _visible(_term_text(term))


def _visible(text: str) -> str:
    """Text safe to print on a terminal: control, format (bidi) and separator characters
    are shown as escapes, so no value can move the cursor, recolour or reorder the table."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch.isprintable():
            out.append(ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        else:
            out.append(f"\\u{ord(ch):04x}")
    return "".join(out)


def _width(text: str) -> int:
    """Terminal columns of ``text``: wide (CJK) characters take two, combining marks none."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _cut(text: str, max_width: int) -> str:
    if _width(text) <= max_width:
        return text
    out, width = [], 0
    for ch in text:
        w = _width(ch)
        if width + w > max_width - 3:
            break
        out.append(ch)
        width += w
    return "".join(out) + "..."


def format_table(names: list[str], rows: list[list[Any]], max_width: int = 60) -> str:
    """An aligned text table of query solutions (pyoxigraph terms, or None when unbound).

    IRIs are shortened with the predeclared prefixes; literals show their value.

    >>> from pyoxigraph import Literal
    >>> print(format_table(["a", "b"], [[Literal("刘家义"), Literal("x")]]), end="")
    a       b
    ------  -
    刘家义  x
    (1 row)
    """
    namespaces = sorted(((ns, p) for p, ns in _prefixes().items()), key=lambda x: -len(x[0]))
    cells = [[_cut(_display(term, namespaces), max_width) for term in row] for row in rows]
    header = [_visible(name) for name in names]
    widths = [max([_width(header[i])] + [_width(row[i]) for row in cells]) for i in range(len(names))]

    def line(values: list[str]) -> str:
        padded = [v + " " * (widths[i] - _width(v)) for i, v in enumerate(values)]
        return "  ".join(padded).rstrip()

    lines = [line(header), line(["-" * w for w in widths])] + [line(row) for row in cells]
    lines.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return "\n".join(lines) + "\n"
