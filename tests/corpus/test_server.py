"""kg serve (kg/corpus/server.py, explore.py, endpoint.py): a real server on loopback, driven
over HTTP and, for the path a reader takes, by Chromium."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from helpers import EVIL, HOSTILE_NAMES, hostile_graph

from kg.corpus.endpoint import SparqlEngine
from kg.corpus.explore import Explorer, search_key
from kg.corpus.query import run_query
from kg.corpus.server import SECURITY_HEADERS, create_app, load_explorer
from kg.serialize.json import write_json
from kg.serialize.rdf import write_rdf

ROOT = Path(__file__).resolve().parents[2]
QUERIES = ROOT / "examples" / "queries"
D000 = ROOT / "examples" / "d000-shandong-delegation-beijing.txt"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _lower(headers) -> dict:
    return {k.lower(): v for k, v in headers.items()}


class Served:
    """A kg server on loopback in a thread, with a small HTTP client."""

    def __init__(self, folder: Path, timeout: float = 10.0, max_rows: int = 10_000):
        import uvicorn

        explorer, graph_path = load_explorer(folder)
        self.explorer = explorer
        self.engine = SparqlEngine(graph_path, workers=1, timeout=timeout, max_rows=max_rows)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(explorer, self.engine), host="127.0.0.1", port=self.port,
                                log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.time() + 30
        while not self.server.started and time.time() < deadline:
            time.sleep(0.05)
        assert self.server.started

    def get(self, path: str, headers: dict | None = None, data: bytes | None = None):
        request = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, _lower(response.headers), response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, _lower(exc.headers), exc.read().decode("utf-8")

    def sparql(self, query: str, accept: str = "application/sparql-results+json"):
        return self.get("/sparql", {"Content-Type": "application/sparql-query", "Accept": accept},
                        query.encode("utf-8"))

    def close(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.engine.close()


@pytest.fixture(scope="module")
def examples_folder(tmp_path_factory, example_graph):
    """A build folder of the example articles (their files are read again for the article page)."""
    folder = tmp_path_factory.mktemp("served-examples")
    write_json(example_graph, folder / "graph.json")
    write_rdf(example_graph, folder / "graph.ttl", "turtle")
    return folder


@pytest.fixture(scope="module")
def served(examples_folder):
    s = Served(examples_folder)
    yield s
    s.close()


@pytest.fixture(scope="module")
def hostile_served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("served-hostile")
    kg = hostile_graph()
    write_json(kg, folder / "graph.json")
    write_rdf(kg, folder / "graph.ttl", "turtle")
    s = Served(folder, timeout=1.0, max_rows=5)
    yield s
    s.close()


# --------------------------------------------------------------------------------- search

@pytest.mark.parametrize("query, name", [
    ("刘家义", "刘家义"),            # simplified
    ("劉家義", "刘家义"),            # traditional
    ("liu jia yi", "刘家义"),        # pinyin with spaces
    ("Liú Jiāyì", "刘家义"),         # with tone marks
    ("liu2jia1yi4", "刘家义"),       # with tone numbers
    ("龚", "龚正"),                  # part of a name
    ("山东省党政", "山东省党政代表团"),
])
def test_search_by_any_form_of_a_name(served, query, name):
    status, _, body = served.get("/api/search?" + urllib.parse.urlencode({"q": query}))
    assert status == 200
    assert name in [hit["name"] for hit in json.loads(body)["results"][:3]]


@pytest.mark.parametrize("query", ["", "   ", "zzzzqqq", "不存在的名字啊"])
def test_search_without_a_match_is_empty(served, query):
    status, _, body = served.get("/api/search?" + urllib.parse.urlencode({"q": query}))
    assert (status, json.loads(body)["results"]) == (200, [])


def test_exact_names_rank_first():
    hits = Explorer(_graph_of_names("王", "王伟", "王伟东")).search("王伟")
    assert [h["name"] for h in hits] == ["王伟", "王伟东"]


def _graph_of_names(*names):
    from kg.graph import KnowledgeGraph
    from kg.types import Entity

    return KnowledgeGraph(entities=[Entity(f"per-{i}", "Person", n, labels={"pinyin": n})
                                    for i, n in enumerate(names)])


@pytest.mark.parametrize("text, key", [("Xí Jìnpíng", "xijinping"), ("xi2 jin4ping2", "xijinping"),
                                       ("lǚ", "lu"), ("O'Neil", "oneil"), ("G20", "g20")])
def test_search_key(text, key):
    assert search_key(text) == key


# ---------------------------------------------------------------------------- pages

def _entity_id(served, name):
    _, _, body = served.get("/api/search?" + urllib.parse.urlencode({"q": name}))
    return next(h["id"] for h in json.loads(body)["results"] if h["name"] == name)


def test_person_page_groups_relations_and_positions(served):
    status, headers, body = served.get(f"/entity/{_entity_id(served, '刘家义')}")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert "Positions held" in body and "山东省委书记" in body
    assert "<h2>leads" in body and "山东省党政代表团" in body
    assert "/relation/rel-" in body


def test_position_page_lists_its_holders(served):
    _, _, body = served.get(f"/entity/{_entity_id(served, '山东省委书记')}")
    assert "Holders over time" in body and "刘家义" in body


def test_relation_page_marks_the_names_in_each_sentence(served):
    _, _, page = served.get(f"/entity/{_entity_id(served, '刘家义')}")
    leads = page[page.index("<h2>leads"):]
    rel = leads[leads.index("/relation/") + len("/relation/"):].split('"')[0]
    status, _, body = served.get(f"/relation/{rel}")
    assert status == 200
    assert "<mark>劉家義</mark>" in body and "<mark>山東省黨政代表團</mark>" in body  # as published
    assert "/article?doc=d000-shandong-delegation-beijing.txt&amp;start=" in body


def test_article_page_shows_the_text_as_published_with_the_sentence(served):
    text = D000.read_text(encoding="utf-8")
    start = text.index("721日至22日")
    end = text.index("。", start) + 1
    status, _, body = served.get("/article?" + urllib.parse.urlencode(
        {"doc": D000.name, "start": start, "end": end}))
    assert status == 200
    sentence = body[body.index('<span id="sentence"'):]
    assert "<mark>劉家義</mark>" in sentence and "率領(lǐng)" in sentence
    assert "學(xué)習(xí)" in body  # pinyin noise shown as it is


def test_an_article_that_changed_since_is_not_shown(tmp_path, example_graph):
    from kg.graph import KnowledgeGraph
    from kg.types import Document

    changed = tmp_path / "a.txt"
    changed.write_text("完全不同的文字。", encoding="utf-8")
    doc = example_graph.documents[0]
    kg = KnowledgeGraph([Document(doc.id, "", path=str(changed))], example_graph.entities, example_graph.relations)
    assert Explorer(kg).article(doc.id, 0, 5)["text"] is None


def test_timeline_is_dated_and_filtered(served):
    person = _entity_id(served, "刘家义")
    rows = served.explorer.timeline(person)
    assert rows and all(r["date"] for r in rows)
    assert rows == sorted(rows, key=lambda r: (r["date"], r["type"], r["relation"]))
    assert served.explorer.timeline(person, since="2020") == []
    status, _, body = served.get(f"/entity/{person}?since=2030-01")
    assert status == 200 and "in this range" in body


def test_neighbourhood_for_the_graph_drawing(served):
    person = _entity_id(served, "刘家义")
    _, _, body = served.get(f"/api/entity/{person}/neighbourhood")
    data = json.loads(body)
    assert person in {n["id"] for n in data["nodes"]}
    assert all(e["from"] in {n["id"] for n in data["nodes"]} for e in data["edges"])


def test_a_crowded_entity_page_shows_the_first_rows_unless_asked_for_all(tmp_path):
    from kg.graph import KnowledgeGraph
    from kg.types import Document, Entity, Evidence, Relation

    hub = Entity("per-hub", "Person", "王大伟")
    others = [Entity(f"per-{i}", "Person", f"人物{i}") for i in range(150)]
    docs = [Document(f"d{i}.txt", "", date=f"2024-{1 + i % 12:02d}-01") for i in range(150)]
    rels = [Relation(f"rel-{i}", "meets", hub.id, o.id, 0.9, (Evidence(f"d{i}.txt", 0, 2, "会见"),))
            for i, o in enumerate(others)]
    write_json(KnowledgeGraph(docs, [hub, *others], rels), tmp_path / "graph.json")
    s = Served(tmp_path)
    try:
        _, _, page = s.get("/entity/per-hub")
        assert "the first 100 of 150" in page and "the latest 100 of 150" in page
        assert page.count('class="evidence"') == 100
        _, _, everything = s.get("/entity/per-hub?all=1")
        assert everything.count('class="evidence"') == 150 and "the first 100" not in everything
        _, _, ranged = s.get("/entity/per-hub?since=2024-12")
        assert "the latest" not in ranged and ranged.count("<time>2024-12-01</time>") == 12
    finally:
        s.close()


# ------------------------------------------------------------------------------- safety

def test_hostile_names_render_as_text(hostile_served):
    for hit in hostile_served.explorer.search("img", limit=50) + hostile_served.explorer.search("hi", limit=50):
        _, _, body = hostile_served.get(f"/entity/{hit['id']}")
        assert "<img src=x" not in body and "onerror=alert(1)>" not in body
    _, _, body = hostile_served.get("/?" + urllib.parse.urlencode({"q": HOSTILE_NAMES[0]}))
    assert "&lt;img src=x onerror=alert(1)&gt;" in body and "<img src=x" not in body


@pytest.mark.parametrize("path", ["/static/../../etc/passwd", "/static/%2e%2e%2fserver.py", "/static/..%2F..%2Fkg.toml",
                                  "/static/app.js%00", "/static/", "/no/such/page"])
def test_path_traversal_and_unknown_paths_are_refused(hostile_served, path):
    status, headers, body = hostile_served.get(path)
    assert status == 404
    assert "root:" not in body and "Traceback" not in body


@pytest.mark.parametrize("path, status", [
    ("/entity/per-nope", 404), ("/relation/rel-nope", 404), ("/article?doc=nope", 404),
    ("/article?doc=a.txt&start=abc", 400), ("/api/search?q=x&limit=many", 400),
])
def test_malformed_requests_get_a_4xx_with_a_message(hostile_served, path, status):
    got, headers, body = hostile_served.get(path, {"Accept": "text/html"})
    assert got == status and "Traceback" not in body
    if headers["content-type"].startswith("text/html"):  # a page saying what went wrong
        assert f"<h1>{status}</h1>" in body
    else:
        assert json.loads(body)["error"]


def test_every_response_carries_the_security_headers(hostile_served):
    for path in ("/", "/static/app.js", "/no/such/page", "/sparql?query=SELECT%20*%20WHERE%20%7B%7D"):
        _, headers, _ = hostile_served.get(path)
        for name, value in SECURITY_HEADERS.items():
            assert headers[name] == value, (path, name)
        assert "access-control-allow-origin" not in headers  # CORS off


def test_the_server_binds_to_loopback_by_default():
    import inspect

    from kg.corpus.server import serve

    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"
    from kg.cli import build_parser

    args = build_parser().parse_args(["serve", "graph.json"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)


# ------------------------------------------------------------------------------- SPARQL

def _rows(body: str) -> list[str]:
    data = json.loads(body)
    return sorted(json.dumps({k: v["value"] for k, v in b.items()}, ensure_ascii=False, sort_keys=True)
                   for b in data["results"]["bindings"])


@pytest.mark.parametrize("query", sorted(QUERIES.glob("*.rq")), ids=lambda p: p.stem)
def test_the_endpoint_answers_every_example_as_kg_query_does(served, examples_folder, query):
    text = query.read_text(encoding="utf-8")
    status, headers, body = served.sparql(text)
    assert status == 200 and headers["content-type"].startswith("application/sparql-results+json")
    assert _rows(body) == _rows(run_query(examples_folder, text, "json"))


def test_get_post_and_csv_forms_of_the_protocol(served):
    query = "SELECT ?name WHERE { ?p a kg:Person ; skos:prefLabel ?name } ORDER BY ?name"
    _, _, by_get = served.get("/sparql?" + urllib.parse.urlencode({"query": query}))
    _, _, by_form = served.get("/sparql", {"Content-Type": "application/x-www-form-urlencoded"},
                               urllib.parse.urlencode({"query": query}).encode())
    status, headers, csv = served.sparql(query, accept="text/csv")
    assert json.loads(by_get) == json.loads(by_form)
    assert status == 200 and headers["content-type"].startswith("text/csv")
    assert csv.splitlines()[0] == "name" and "刘家义" in csv


@pytest.mark.parametrize("send", [
    lambda s: s.get("/sparql?" + urllib.parse.urlencode({"update": "DROP ALL"})),
    lambda s: s.get("/sparql", {"Content-Type": "application/sparql-update"}, b"DROP ALL"),
    lambda s: s.get("/sparql", {"Content-Type": "application/x-www-form-urlencoded"}, b"update=DROP+ALL"),
    lambda s: s.sparql('INSERT DATA { <http://a> <http://b> "c" }'),
    lambda s: s.sparql("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"),
])
def test_updates_and_service_are_refused(hostile_served, send):
    status, _, body = send(hostile_served)
    assert status == 403 and body.strip()
    status, _, body = hostile_served.sparql("ASK { ?s ?p ?o }")
    assert (status, json.loads(body)["boolean"]) == (200, True)  # nothing was changed or broken


def test_a_query_that_runs_too_long_is_stopped_and_the_endpoint_goes_on(hostile_served):
    start = time.time()
    status, _, body = hostile_served.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
    assert status == 503 and "longer than 1 s" in body
    assert time.time() - start < 30
    status, _, _ = hostile_served.sparql("ASK { ?s ?p ?o }")
    assert status == 200


def test_answers_are_capped_at_the_row_limit(hostile_served):
    status, headers, body = hostile_served.sparql("SELECT ?s WHERE { ?s ?p ?o }")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 5
    assert headers["x-kg-truncated"] == "true"


@pytest.mark.parametrize("query, status", [("SELEC ?x WHERE {}", 400), ("", 400), ("   ", 400)])
def test_bad_queries_get_a_message(hostile_served, query, status):
    got, _, body = hostile_served.sparql(query)
    assert got == status and body.strip() and "Traceback" not in body
    assert hostile_served.sparql("ASK { ?s ?p ?o }")[0] == 200  # its one worker serves on


def test_names_from_articles_never_reach_a_query_unescaped(hostile_served):
    """The search box is no query: a name that is SPARQL (or Cypher) is looked up as text."""
    status, _, body = hostile_served.get("/api/search?" + urllib.parse.urlencode({"q": EVIL}))
    assert status == 200
    status, _, body = hostile_served.sparql("ASK { ?s ?p ?o }")
    assert json.loads(body)["boolean"] is True


def test_the_query_page_ships_the_example_queries(served):
    from kg.corpus.server import EXAMPLES

    shipped = {p.name: p.read_bytes() for p in EXAMPLES.glob("*.rq")}
    assert shipped == {p.name: p.read_bytes() for p in QUERIES.glob("*.rq")}  # copies kept identical
    status, _, body = served.get("/sparql", {"Accept": "text/html"})
    assert status == 200 and all(f"{Path(name).stem} —" in body for name in shipped)


# ------------------------------------------------------------------------------ browser

@pytest.mark.browser
def test_a_reader_finds_a_person_by_pinyin_and_reaches_the_sentence(served, chromium):
    page = chromium.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(served.base + "/")
        page.fill("#q", "liu jia yi")
        page.wait_for_selector("#suggestions li")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        page.wait_for_url("**/entity/per-*")
        assert page.inner_text("h1").startswith("刘家义")
        page.wait_for_selector("#graph canvas")  # the neighbourhood is drawn
        page.click("section:has(h2:text('leads')) a.evidence")
        page.wait_for_url("**/relation/rel-*")
        assert "劉家義" in page.inner_text("blockquote mark")
        page.click("a.open-article >> nth=0")
        page.wait_for_url("**/article?*")
        sentence = page.locator("#sentence")
        assert "率領(lǐng)" in sentence.inner_text()
        assert "劉家義" in [m.inner_text() for m in sentence.locator("mark").all()]
        page.goto(served.base + "/sparql", wait_until="load")
        page.select_option("#examples", index=0)
        page.click("#sparql-form button")
        page.wait_for_selector("#sparql-results table")
        assert errors == []
    finally:
        page.close()
