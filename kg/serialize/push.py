"""Loading a graph into a SPARQL 1.1 Graph Store Protocol endpoint (``kg push``): one ``PUT`` per
document's named graph, a ``POST`` for the default graph; credentials in the URL are sent as
HTTP Basic auth and never shown in messages.
"""

from __future__ import annotations

import base64
import tempfile
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from kg.errors import OutputError, UsageError
from kg.graph import KnowledgeGraph
from kg.serialize.rdf import write_rdf

__all__ = ["push_sparql"]

def _graphs_as_turtle(kg: KnowledgeGraph) -> list[tuple[str | None, bytes, int]]:
    """``(graph IRI or None for the default graph, N-Triples bytes, triples)`` per graph."""
    from pyoxigraph import NamedNode, RdfFormat, parse, serialize

    with tempfile.TemporaryDirectory(prefix="kg-push-") as tmp:
        path = Path(tmp) / "graph.nq"
        write_rdf(kg, path, "nquads")
        groups: dict[str | None, list] = {}
        for quad in parse(path=str(path), format=RdfFormat.N_QUADS):
            graph = quad.graph_name.value if isinstance(quad.graph_name, NamedNode) else None
            groups.setdefault(graph, []).append(quad.triple)
    # N-Triples is a subset of Turtle, so every Graph Store accepts it as text/turtle.
    return [(graph, serialize(triples, format=RdfFormat.N_TRIPLES) or b"", len(triples))
            for graph, triples in groups.items()]


def _endpoint(url: str) -> tuple[str, dict[str, str]]:
    """The URL without credentials (safe to show in messages) and its auth headers."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"{url!r}: not an http(s) Graph Store URL (e.g. http://127.0.0.1:7878/store)")
    headers = {}
    netloc = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    if parts.port:
        netloc += f":{parts.port}"
    if parts.username is not None:
        from urllib.parse import unquote

        token = f"{unquote(parts.username)}:{unquote(parts.password or '')}".encode()
        headers["Authorization"] = "Basic " + base64.b64encode(token).decode("ascii")
    return urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, "")), headers


def _send(method: str, url: str, shown: str, data: bytes, headers: dict[str, str], timeout: float) -> None:
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Content-Type": "text/turtle", **headers})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read(300).decode("utf-8", "replace").strip().replace("\n", " ")
        raise OutputError(f"{shown}: {method} refused with HTTP {exc.code} {exc.reason}"
                          + (f": {detail}" if detail else "")) from None
    except urllib.error.URLError as exc:
        reason = getattr(exc.reason, "strerror", None) or exc.reason
        raise OutputError(f"{shown}: cannot reach the Graph Store ({reason})") from None
    except (TimeoutError, OSError) as exc:
        raise OutputError(f"{shown}: {method} failed ({exc.strerror or exc})") from None


def push_sparql(kg: KnowledgeGraph, url: str, *, timeout: float = 60.0) -> int:
    """Load ``kg`` into a SPARQL 1.1 Graph Store Protocol endpoint; the triples sent.

    Each document's named graph is sent with ``PUT URL?graph=IRI`` (replacing
    that graph, so pushing again leaves no duplicates); triples in the default
    graph are added with ``POST URL?default``.  Bodies are Turtle (N-Triples
    form).  Credentials in the URL (``http://user:pw@host/...``) are sent as
    HTTP Basic auth and never shown in messages.

    >>> push_sparql(KnowledgeGraph(), "file:///etc/passwd")
    Traceback (most recent call last):
    ...
    kg.errors.UsageError: 'file:///etc/passwd': not an http(s) Graph Store URL (e.g. http://127.0.0.1:7878/store)
    """
    base, headers = _endpoint(url)
    total = 0
    for graph, body, count in _graphs_as_turtle(kg):
        sep = "&" if urlsplit(base).query else "?"
        if graph is None:
            method, target = "POST", f"{base}{sep}default"
        else:
            method, target = "PUT", f"{base}{sep}graph={quote(graph, safe='')}"
        _send(method, target, f"{base} ({'default graph' if graph is None else '<' + graph + '>'})",
              body, headers, timeout)
        total += count
    return total
