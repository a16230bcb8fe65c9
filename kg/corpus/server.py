"""``kg serve``: explore a graph in the browser, with a read-only SPARQL endpoint.

A Starlette application over an :class:`~kg.corpus.explore.Explorer` (search, entity pages,
evidence, articles, timelines) and a :class:`~kg.corpus.endpoint.SparqlEngine` (the SPARQL 1.1
Protocol at ``/sparql``).  Pages are Jinja2 templates with autoescaping, so every name from an
article is text; scripts and styles are served from the package (no network), under a Content
Security Policy that allows nothing else.  There is no route that writes.

>>> from kg.pipeline import run
>>> from kg.types import Document
>>> app = create_app(Explorer(run([Document("a.txt", "省委书记刘家义来到北京市。")])))
>>> sorted(route.path for route in app.routes)[:3]
['/', '/api/entity/{id}/neighbourhood', '/api/search']
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from kg.corpus.endpoint import QueryTimeout, SparqlEngine
from kg.corpus.explore import Explorer
from kg.errors import KGError, QueryError

__all__ = ["create_app", "load_explorer", "serve", "SECURITY_HEADERS"]

ASSETS = Path(__file__).resolve().parents[1] / "assets" / "server"
#: Sent with every response.  Scripts and styles only from this server (vis-network sets
#: element styles from script, which a policy cannot tell from inline styles, hence the second).
SECURITY_HEADERS = {
    "content-security-policy": ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                                "img-src 'self' data:; connect-src 'self'; font-src 'self'; "
                                "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}
#: The only files /static serves, by name (no path from a request ever reaches the file system).
STATIC = {"app.css": "text/css; charset=utf-8", "app.js": "text/javascript; charset=utf-8",
          "vis-network.min.js": "text/javascript; charset=utf-8", "vis-network.css": "text/css; charset=utf-8"}
MAX_QUERY_BYTES = 100_000
#: Rows an entity page shows of each table (and of its timeline) unless ``?all=1``.
ROWS = 100
#: The canned queries of ``examples/queries/``, shipped in the package for the query page (a test
#: keeps the copies identical).
EXAMPLES = Path(__file__).resolve().parents[1] / "assets" / "queries"


def load_explorer(path: str | os.PathLike) -> tuple[Explorer, str]:
    """The explorer of a store, a build folder or a graph file, and the path SPARQL queries read."""
    from kg.corpus.open import folder_graph_json, read_graph
    from kg.corpus.store import Store

    p = Path(path)
    manifest: dict[str, dict] = {}
    if p.is_dir() and Store.is_store(p):
        store = Store(p)
        manifest = {d["id"]: d for d in store.documents()}
        saved = folder_graph_json(p)
        kg = read_graph(saved) if saved is not None else store.to_graph()
    else:
        kg = read_graph(p)
    return Explorer(kg, manifest), str(p)


def _examples() -> list[dict]:
    out = []
    for f in sorted(EXAMPLES.glob("*.rq")) if EXAMPLES.is_dir() else ():
        text = f.read_text(encoding="utf-8")
        out.append({"name": f.stem, "title": text.splitlines()[0].lstrip("# ") if text else f.stem, "text": text})
    return out


def _static_bytes(name: str) -> bytes:
    if name.startswith("vis-network"):
        from kg.serialize.html import vis_network_assets

        script, css = vis_network_assets()
        return (script if name.endswith(".js") else css).encode("utf-8")
    return (ASSETS / name).read_bytes()


class _SecurityHeaders:
    """Security headers on every response, whatever route or error made it."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message):
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.decode("latin-1").lower() not in SECURITY_HEADERS]
                headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(explorer: Explorer, sparql: SparqlEngine | None = None):
    """The ASGI application (see the module docstring)."""
    import jinja2
    from starlette.applications import Starlette
    from starlette.exceptions import HTTPException
    from starlette.middleware import Middleware
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
    from starlette.routing import Route

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ASSETS)), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    examples = _examples()

    def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**context), status_code=status)

    def wants_html(request: Request) -> bool:
        accept = request.headers.get("accept", "")
        return "text/html" in accept and "json" not in accept.split(",")[0]

    def bounded_int(request: Request, name: str, default: int, low: int = 0, high: int = 10**9) -> int:
        raw = request.query_params.get(name)
        if raw is None or raw == "":
            return default
        try:
            value = int(raw)
        except ValueError:
            raise HTTPException(400, f"{name} must be a whole number") from None
        return max(low, min(value, high))

    async def home(request: Request):
        q = request.query_params.get("q", "")
        results = explorer.search(q, limit=50) if q else []
        return page("search.html", q=q, results=results, total=len(explorer.entities),
                    documents=len(explorer.documents), relations=len(explorer.relations))

    async def api_search(request: Request):
        q = request.query_params.get("q", "")
        limit = bounded_int(request, "limit", 20, 1, 200)
        return JSONResponse({"query": q, "results": explorer.search(q, limit=limit,
                                                                    type_=request.query_params.get("type") or None)})

    async def entity(request: Request):
        data = explorer.entity(request.path_params["id"])
        if data is None:
            raise HTTPException(404, "no such entity")
        since, until = request.query_params.get("since", "")[:10], request.query_params.get("until", "")[:10]
        timeline = explorer.timeline(data["entity"]["id"], since, until)
        # A head of state has thousands of rows: a page shows the first of each table and the
        # latest of the timeline unless asked for all (or a date range).
        everything = request.query_params.get("all") == "1"
        return page("entity.html", e=data, timeline=timeline if everything or since or until else timeline[-ROWS:],
                    timeline_total=len(timeline), since=since, until=until,
                    rows=None if everything else ROWS)

    async def api_neighbourhood(request: Request):
        return JSONResponse(explorer.neighbourhood(request.path_params["id"]))

    async def relation(request: Request):
        data = explorer.relation(request.path_params["id"])
        if data is None:
            raise HTTPException(404, "no such relation")
        return page("relation.html", r=data)

    async def article(request: Request):
        data = explorer.article(request.query_params.get("doc", ""), bounded_int(request, "start", 0),
                                bounded_int(request, "end", 0))
        if data is None:
            raise HTTPException(404, "no such document")
        return page("article.html", a=data)

    async def static(request: Request):
        name = request.path_params["name"]
        if name not in STATIC:
            raise HTTPException(404, "no such file")
        return Response(_static_bytes(name), media_type=STATIC[name],
                        headers={"cache-control": "public, max-age=3600"})

    async def sparql_endpoint(request: Request):
        if request.method == "POST":
            body = await request.body()
            if len(body) > MAX_QUERY_BYTES:
                raise HTTPException(413, f"the query is over {MAX_QUERY_BYTES} bytes")
            kind = request.headers.get("content-type", "").split(";")[0].strip()
            if kind == "application/sparql-update":
                raise HTTPException(403, "this endpoint is read-only: SPARQL updates are refused")
            if kind == "application/sparql-query":
                query = body.decode("utf-8", "replace")
            elif kind == "application/x-www-form-urlencoded":
                form = parse_qs(body.decode("utf-8", "replace"), max_num_fields=20)
                if "update" in form:
                    raise HTTPException(403, "this endpoint is read-only: SPARQL updates are refused")
                query = (form.get("query") or [""])[0]
            else:
                raise HTTPException(415, "send the query as application/sparql-query or as a form field 'query'")
        else:
            if "update" in request.query_params:
                raise HTTPException(403, "this endpoint is read-only: SPARQL updates are refused")
            query = request.query_params.get("query", "")
            if not query and wants_html(request):
                return page("sparql.html", examples=examples, query=examples[0]["text"] if examples else "")
        if not query.strip():
            raise HTTPException(400, "no query: give one in the 'query' parameter")
        if sparql is None:
            raise HTTPException(503, "SPARQL is not available for this graph")
        accept = request.headers.get("accept", "")
        fmt = request.query_params.get("format") or ("csv" if "text/csv" in accept else "json")
        try:
            from starlette.concurrency import run_in_threadpool

            answer = await run_in_threadpool(sparql.run, query, fmt)
        except QueryTimeout as exc:
            raise HTTPException(503, str(exc)) from None
        except QueryError as exc:
            status = 403 if "not allowed" in str(exc) else 400
            raise HTTPException(status, str(exc)) from None
        headers = {"x-kg-rows": str(answer.rows), "x-kg-truncated": "true" if answer.truncated else "false"}
        return Response(answer.body, media_type=answer.media_type, headers=headers)

    async def not_found(request: Request, exc: Exception):
        return await error(request, HTTPException(404, "no such page"))

    async def error(request: Request, exc: Exception):
        status = getattr(exc, "status_code", 500)
        if status == 500:
            logging.getLogger("kg.serve").error("%s %s failed", request.method, request.url.path, exc_info=exc)
        message = getattr(exc, "detail", None) if status != 500 else "internal error"
        if request.url.path.startswith(("/api/", "/sparql")) or not wants_html(request):
            if request.url.path.startswith("/sparql"):
                return PlainTextResponse(f"{message}\n", status_code=status)
            return JSONResponse({"error": message}, status_code=status)
        return page("error.html", status=status, code=status, message=message)

    routes = [
        Route("/", home), Route("/api/search", api_search), Route("/entity/{id}", entity),
        Route("/api/entity/{id}/neighbourhood", api_neighbourhood), Route("/relation/{id}", relation),
        Route("/article", article), Route("/static/{name}", static),
        Route("/sparql", sparql_endpoint, methods=["GET", "POST"]),
    ]

    return Starlette(routes=routes, middleware=[Middleware(_SecurityHeaders)],
                     exception_handlers={HTTPException: error, 404: not_found, 405: error, Exception: error})


def serve(explorer: Explorer, graph_path: str | os.PathLike, host: str = "127.0.0.1", port: int = 8000, *,
          workers: int = 2, timeout: float = 10.0, max_rows: int = 10_000, log_level: str = "warning") -> None:
    """Serve ``explorer`` (see :func:`load_explorer`), with SPARQL over ``graph_path``, until
    interrupted."""
    import uvicorn

    with SparqlEngine(graph_path, workers=workers, timeout=timeout, max_rows=max_rows) as engine:
        app = create_app(explorer, engine)
        try:
            uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False)
        except SystemExit as exc:  # uvicorn exits when it cannot bind
            raise KGError(f"cannot serve on {host}:{port} (is the port taken?)") from exc
