"""Exports, proven by loading them into real engines.

Every format is read back by an independent reader (the csv module,
networkx, LadybugDB, pyoxigraph, an Oxigraph server) and compared with the
graph it came from; hostile names must come back as the same data.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import OutputError, UsageError
from kg.graph import KnowledgeGraph
from kg.serialize.export import FORMATS, cypher_literal, cypher_statements, export, neutralize_formula
from kg.serialize.json import write_json
from kg.serialize.push import push_sparql
from kg.types import Document, Entity, Evidence, Mention, Relation

# ------------------------------------------------------------------ hostile graph

HOSTILE = "Bobby \"Tables\" O'Brien, \\ back\\slash,\nline two\r\n'); MATCH (n) DETACH DELETE n; //"
XSS = "<img src=x onerror=alert(1)>"
IRI = "> <http://evil> ."
FORMULA = "=cmd|' /C calc'!A0"
RTL = "\u202eevil\u200f 名字\u2028"
SEMI = "semi;colon|pipe"
LEAD_SENTENCE = f"{HOSTILE}率领山东省党政代表团。"
SECOND_SENTENCE = "他说,\"欢迎\"；再见。"


def _hostile_graph() -> KnowledgeGraph:
    text = LEAD_SENTENCE + SECOND_SENTENCE
    s2 = len(LEAD_SENTENCE)
    docs = [Document("d1.txt", text, title=HOSTILE, date="2019-07-23", source=XSS),
            Document("d2.txt", FORMULA, title=IRI)]
    m = Mention("d1.txt", 0, len(HOSTILE), HOSTILE, "Person", HOSTILE)
    entities = [
        Entity("per-hostile", "Person", HOSTILE, {"zh-Hans": HOSTILE, "zh-Hant": XSS, "pinyin": IRI},
               (FORMULA, SEMI), (m,)),
        Entity("per-rtl", "Person", RTL, {"zh-Hans": RTL}),
        Entity("per-formula", "Person", FORMULA, {"zh-Hans": FORMULA},
               mentions=(Mention("d2.txt", 0, len(FORMULA), FORMULA, "Person", FORMULA),)),
        Entity("org-del", "Organization", "山东省党政代表团", {"zh-Hans": "山东省党政代表团"}),
        Entity("plc-bj", "Place", "北京市", {"zh-Hans": "北京市"}),
        Entity("evt-1", "Event", IRI, {"zh-Hans": IRI},
               attributes={"event_type": "visit", "date": "2019-07-21/2019-07-22", "place": "plc-bj",
                           "cameo": "042", "roles": [{"role": "guest", "entity": "org-del"},
                                                     {"role": "leader", "entity": "per-hostile"}],
                           # names the writers use themselves (GEXF reads start/end as time)
                           "start": "2019-07-21", "label": XSS, "name": "not the name"}),
    ]
    ev1 = Evidence("d1.txt", 0, s2, LEAD_SENTENCE, None, 0.85)
    ev2 = Evidence("d1.txt", s2, len(text), SECOND_SENTENCE, "率领", 0.5)
    relations = [
        Relation("rel-leads", "leads", "per-hostile", "org-del", 0.85, (ev1, ev2)),
        Relation("rel-meets", "meets", "per-hostile", "per-rtl", 0.8, (ev2,)),
        Relation("rel-visits", "visits", "org-del", "plc-bj", 0.8, (ev1,)),
        Relation("rel-attends", "attends", "per-hostile", "evt-1", 0.75, (ev2,)),
        Relation("rel-unlinked", "speaks_at", "per-rtl", None, 0.75, (ev2,)),
    ]
    return KnowledgeGraph(docs, entities, relations)


LINKED = 4  # relations of _hostile_graph with an object


@pytest.fixture(scope="module")
def hostile():
    return _hostile_graph()


def _linked(kg: KnowledgeGraph) -> int:
    ids = {e.id for e in kg.entities}
    return sum(r.object is not None and r.subject in ids and r.object in ids for r in kg.relations)


# ----------------------------------------------------------------------- readers


def _ladybug(path: Path, script: str):
    """A LadybugDB connection with ``script`` run in it."""
    import ladybug

    db = ladybug.Database(str(path))
    conn = ladybug.Connection(db)
    conn.execute(script)
    return db, conn


def _rows(conn, query: str) -> list[list]:
    result = conn.execute(query)
    out = []
    while result.has_next():
        out.append(result.get_next())
    return out


def _read_csv(path: Path, encoding: str = "utf-8") -> list[dict[str, str]]:
    with open(path, encoding=encoding, newline="") as fh:
        return list(csv.DictReader(fh))


def _neo4j_delimiter(folder: Path) -> str:
    option = re.search(r"--array-delimiter=(\S+)", (folder / "README.md").read_text(encoding="utf-8"))
    value = option.group(1).strip("'\"")
    return chr(int(value[2:], 16)) if value.startswith("U+") else value


def _neo4j_nodes(folder: Path) -> dict[str, dict]:
    """Node id -> properties, decoded the way neo4j-admin reads the header."""
    delimiter = _neo4j_delimiter(folder)
    out = {}
    for path in folder.glob("nodes_*.csv"):
        for row in _read_csv(path):
            props = {}
            for field, value in row.items():
                name, _, kind = field.partition(":")
                if kind.endswith("[]"):
                    value = value.split(delimiter) if value else []
                props[name or kind] = value
            out[props["id"]] = props
    return out


def _nquads_literals(path: Path) -> set[str]:
    from pyoxigraph import Literal, RdfFormat, parse

    return {q.object.value for q in parse(path=str(path), format=RdfFormat.N_QUADS)
            if isinstance(q.object, Literal)}


def _nquads_iris(path: Path) -> set[str]:
    from pyoxigraph import NamedNode, RdfFormat, parse

    return {t.value for q in parse(path=str(path), format=RdfFormat.N_QUADS)
            for t in (q.subject, q.predicate, q.object, q.graph_name) if isinstance(t, NamedNode)}


# ----------------------------------------------------------------- every format


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_out_is_a_folder_or_a_file_as_documented(fmt, hostile, tmp_path):
    out = tmp_path / "out"
    written = [Path(p) for p in export(hostile, fmt, out)]
    assert written and all(p.is_file() and p.stat().st_size > 0 for p in written)
    if FORMATS[fmt]:
        assert out.is_dir() and all(p.parent == out for p in written)
    else:
        assert written == [out]


@pytest.mark.parametrize("fmt, name", [("cypher", "graph.cypher"), ("graphml", "graph.graphml"),
                                       ("gexf", "graph.gexf"), ("nquads", "graph.nq"),
                                       ("ntriples", "graph.nt")])
def test_single_file_format_into_an_existing_folder(fmt, name, hostile, tmp_path):
    assert export(hostile, fmt, tmp_path) == [str(tmp_path / name)]


@pytest.mark.parametrize("to, out, error", [
    ("dot", "x", UsageError), ("neo4j", "file.txt", OutputError), ("csv", "file.txt", OutputError)])
def test_bad_format_or_output(to, out, error, hostile, tmp_path):
    (tmp_path / "file.txt").write_text("keep me")
    with pytest.raises(error):
        export(hostile, to, tmp_path / out)
    assert (tmp_path / "file.txt").read_text() == "keep me"


def test_compact_mentions_apply_to_rdf_exports_only(hostile, tmp_path):
    compact = export(hostile, "nquads", tmp_path / "c.nq", mentions="compact")[0]
    nodes = export(hostile, "nquads", tmp_path / "n.nq")[0]
    text = Path(compact).read_text(encoding="utf-8")
    assert "mentionSpans" in text and "#Mention>" not in text
    assert "#Mention>" in Path(nodes).read_text(encoding="utf-8")
    with pytest.raises(UsageError, match="--mentions applies to --to nquads and ntriples only"):
        export(hostile, "graphml", tmp_path / "g", mentions="compact")


def test_dialect_applies_to_cypher_only(hostile, tmp_path):
    with pytest.raises(UsageError, match="dialect"):
        export(hostile, "graphml", tmp_path / "g", dialect="ladybug")
    with pytest.raises(UsageError, match="neo4j, ladybug"):
        cypher_statements(hostile, "memgraph")


@pytest.mark.parametrize("fmt", ["cypher", "neo4j", "graphml"])
@pytest.mark.parametrize("kg", [
    KnowledgeGraph(entities=[Entity("x-1", "Person) DETACH DELETE (n", "x")]),
    KnowledgeGraph(entities=[Entity("x-2", "", "x")]),
    KnowledgeGraph(entities=[Entity("p-1", "Person", "x")],
                   relations=[Relation("r-1", "LEADS]->() DETACH DELETE a //", "p-1", "p-1", 1.0)])])
def test_types_that_cannot_be_labels_are_refused(fmt, kg, tmp_path):
    with pytest.raises(OutputError, match="unknown type"):
        export(kg, fmt, tmp_path / "out")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


# ------------------------------------------------------------------- neo4j csv

HEADER_FIELD = re.compile(r"(\w+:(ID|string|long|double|boolean)(\[\])?|:LABEL|:START_ID|:END_ID|:TYPE)\Z")


def test_neo4j_headers_follow_the_import_format(hostile, tmp_path):
    export(hostile, "neo4j", tmp_path)
    headers = {p.name: next(csv.reader(p.open(encoding="utf-8"))) for p in tmp_path.glob("*.csv")}
    assert set(headers) == {"nodes_Person.csv", "nodes_Organization.csv", "nodes_Place.csv",
                            "nodes_Event.csv", "relationships_LEADS.csv", "relationships_MEETS.csv",
                            "relationships_VISITS.csv", "relationships_ATTENDS.csv"}
    for name, header in headers.items():
        assert all(HEADER_FIELD.match(f) for f in header), (name, header)
        assert len(set(header)) == len(header)
        if name.startswith("nodes_"):
            assert header[:3] == ["id:ID", ":LABEL", "name:string"]
        else:
            assert header[:4] == [":START_ID", ":END_ID", ":TYPE", "id:string"]
    person = headers["nodes_Person.csv"]
    assert {"aliases:string[]", "mentions:long", "documents:string[]", "unlinked:string[]"} <= set(person)
    assert headers["relationships_LEADS.csv"][4:] == [
        "confidence:double", "sentence:string[]", "document:string[]", "start_char:long[]",
        "end_char:long[]", "trigger:string[]", "evidence_confidence:double[]"]


def test_neo4j_readme_has_the_import_command_for_every_file(hostile, tmp_path):
    written = export(hostile, "neo4j", tmp_path)
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    command = re.search(r"```sh\n(.*?)```", readme, re.S).group(1)
    assert command.startswith("neo4j-admin database import full ")
    for path in map(Path, written):
        if path.suffix == ".csv":
            kind = "nodes" if path.name.startswith("nodes_") else "relationships"
            assert f"--{kind}={path.name} " in command
    assert "--multiline-fields=true" in command and command.rstrip().endswith("neo4j")


def test_neo4j_array_delimiter_avoids_the_data(hostile, tmp_path):
    export(hostile, "neo4j", tmp_path)
    delimiter = _neo4j_delimiter(tmp_path)
    assert delimiter not in SEMI and delimiter not in ";|"  # the alias holds ; and |
    nodes = _neo4j_nodes(tmp_path)
    assert nodes["per-hostile"]["aliases"] == [FORMULA, SEMI]
    plain = KnowledgeGraph(entities=[Entity("per-1", "Person", "甲", aliases=("乙", "丙"))])
    export(plain, "neo4j", tmp_path / "plain")
    assert _neo4j_delimiter(tmp_path / "plain") == ";"  # Neo4j's documented default when it fits


def test_neo4j_values_survive_as_data(hostile, tmp_path):
    export(hostile, "neo4j", tmp_path)
    nodes = _neo4j_nodes(tmp_path)
    assert len(nodes) == len(hostile.entities)
    p = nodes["per-hostile"]
    assert (p["name"], p["name_zh_hant"], p["name_pinyin"]) == (HOSTILE, XSS, IRI)
    assert p["LABEL"] == "Person"
    assert nodes["per-formula"]["name"] == FORMULA  # no spreadsheet apostrophe in database input
    assert nodes["per-rtl"]["unlinked"] == ["speaks_at"]
    assert json.loads(nodes["evt-1"]["roles"])[1] == {"entity": "per-hostile", "role": "leader"}
    delimiter = _neo4j_delimiter(tmp_path)
    (lead,) = _read_csv(tmp_path / "relationships_LEADS.csv")
    assert lead["sentence:string[]"].split(delimiter) == [LEAD_SENTENCE, SECOND_SENTENCE]
    assert lead["start_char:long[]"].split(delimiter) == ["0", str(len(LEAD_SENTENCE))]
    assert lead["trigger:string[]"].split(delimiter) == ["", "率领"]
    assert lead["evidence_confidence:double[]"].split(delimiter) == ["0.85", "0.5"]


# ----------------------------------------------------------------------- cypher


def test_cypher_loads_into_ladybug_with_hostile_names_intact(hostile, tmp_path):
    export(hostile, "cypher", tmp_path / "g.cypher", dialect="ladybug")
    script = (tmp_path / "g.cypher").read_text(encoding="utf-8")
    db, conn = _ladybug(tmp_path / "db", script)
    try:
        assert _rows(conn, "MATCH (n) RETURN count(n)") == [[len(hostile.entities)]]
        assert _rows(conn, "MATCH ()-[r]->() RETURN count(r)") == [[LINKED]]
        name, hant, aliases = _rows(conn, "MATCH (p:Person {id: 'per-hostile'}) "
                                          "RETURN p.name, p.name_zh_hant, p.aliases")[0]
        assert (name, hant, aliases) == (HOSTILE, XSS, [FORMULA, SEMI])
        assert _rows(conn, "MATCH (p:Person {id: 'per-rtl'}) RETURN p.name, p.unlinked") == [
            [RTL, ["speaks_at"]]]
        assert _rows(conn, "MATCH (e:Event) RETURN e.name, e.attr_name, e.date, e.roles") == [
            [IRI, "not the name", "2019-07-21/2019-07-22", json.dumps(
                hostile.entity("evt-1").attributes["roles"], ensure_ascii=False, sort_keys=True)]]
        (lead,) = _rows(conn, "MATCH (:Person)-[r:LEADS]->(:Organization) RETURN r.sentence, r.document, "
                              "r.start_char, r.end_char, r.trigger, r.evidence_confidence, r.confidence")
        assert lead == [[LEAD_SENTENCE, SECOND_SENTENCE], ["d1.txt", "d1.txt"],
                        [0, len(LEAD_SENTENCE)], [len(LEAD_SENTENCE), len(LEAD_SENTENCE + SECOND_SENTENCE)],
                        ["", "率领"], [0.85, 0.5], 0.85]
        conn.execute(script)  # re-running changes nothing
        assert _rows(conn, "MATCH (n) RETURN count(n)") == [[len(hostile.entities)]]
        assert _rows(conn, "MATCH ()-[r]->() RETURN count(r)") == [[LINKED]]
    finally:
        db.close()


def test_example_graph_in_ladybug_counts_and_leaders(example_graph, tmp_path):
    export(example_graph, "cypher", tmp_path / "g.cypher", dialect="ladybug")
    script = (tmp_path / "g.cypher").read_text(encoding="utf-8")
    db, conn = _ladybug(tmp_path / "db", script)
    try:
        for run in range(2):  # the second run must not duplicate anything
            if run:
                conn.execute(script)
            assert _rows(conn, "MATCH (n) RETURN count(n)") == [[len(example_graph.entities)]]
            assert _rows(conn, "MATCH ()-[r]->() RETURN count(r)") == [[_linked(example_graph)]]
            for label in {e.type for e in example_graph.entities}:
                want = sum(e.type == label for e in example_graph.entities)
                assert _rows(conn, f"MATCH (n:{label}) RETURN count(n)") == [[want]]
        leaders = _rows(conn, "MATCH (p:Person)-[:LEADS]->(o:Organization {name: '山东省党政代表团'}) "
                              "RETURN p.name ORDER BY p.name")
        assert sorted(r[0] for r in leaders) == ["刘家义", "龚正"]
        evidence = _rows(conn, "MATCH (:Person {name: '刘家义'})-[r:LEADS]->() RETURN r.document, r.sentence")
        assert evidence and evidence[0][0][0].startswith("d000") and "劉家義" in evidence[0][1][0]
    finally:
        db.close()


def test_neo4j_and_ladybug_scripts_differ_only_in_schema(hostile):
    neo4j, ladybug = cypher_statements(hostile, "neo4j"), cypher_statements(hostile, "ladybug")
    labels = {e.type for e in hostile.entities}
    schema = [s for s in neo4j if s.startswith("CREATE CONSTRAINT")]
    assert schema == [f"CREATE CONSTRAINT kg_{label.lower()}_id IF NOT EXISTS FOR (n:{label}) "
                      f"REQUIRE n.id IS UNIQUE;" for label in dict.fromkeys(e.type for e in hostile.entities)]
    assert len(schema) == len(labels)
    body = neo4j[len(schema):]
    assert ladybug[-len(body):] == body  # the MERGEs tested in Ladybug are the Neo4j ones
    assert all(s.startswith("CREATE ") and "TABLE IF NOT EXISTS" in s for s in ladybug[:-len(body)])
    assert all(s.endswith(";") and "\n" not in s for s in neo4j)  # one statement per line


@given(st.text(max_size=40))
@settings(max_examples=150, deadline=None)
def test_cypher_literal_reads_back_exactly(text):
    conn = _literal_connection()
    got = _rows(conn, f"RETURN {cypher_literal(text)}, {cypher_literal([text, text])}")
    assert got == [[text, [text, text]]]


_CONN: list = []


def _literal_connection():
    if not _CONN:  # one in-memory database for all examples
        import ladybug

        _CONN.append(ladybug.Connection(ladybug.Database(":memory:")))
    return _CONN[0]


@pytest.mark.parametrize("value, literal", [
    ("'); MATCH (n) DETACH DELETE n; //", "'\\'); MATCH (n) DETACH DELETE n; //'"),
    ("a\\b", "'a\\\\b'"), ("x\ny\tz\r", "'x\\ny\\tz\\r'"), ("\u202e", "'\\u202E'"), ("刘家义", "'刘家义'"),
    (None, "NULL"), (False, "false"), (3, "3"), (0.85, "0.85"), ([], "[]"), (["a", 1], "['a', 1]")])
def test_cypher_literal_table(value, literal):
    assert cypher_literal(value) == literal


@pytest.mark.parametrize("value", [float("nan"), float("inf"), {"a": 1}])
def test_cypher_literal_refuses_what_it_cannot_write(value):
    with pytest.raises(OutputError):
        cypher_literal(value)


# ---------------------------------------------------------------- graphml / gexf

READERS = {"graphml": nx.read_graphml, "gexf": nx.read_gexf}


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_files_read_back_with_same_counts(fmt, example_graph, tmp_path):
    (path,) = export(example_graph, fmt, tmp_path / f"g.{fmt}")
    g = READERS[fmt](path)
    assert g.number_of_nodes() == len(example_graph.entities)
    assert g.number_of_edges() == _linked(example_graph)
    by_id = {e.id: e for e in example_graph.entities}
    for node, data in g.nodes(data=True):
        assert (data["type"], data["label"], data["name"]) == (by_id[node].type, by_id[node].name,
                                                               by_id[node].name)
    relations = {r.id: r for r in example_graph.relations}
    for u, v, data in g.edges(data=True):
        r = relations[data["id"]]
        assert (u, v, data["relation"], data["label"]) == (r.subject, r.object, r.type, r.type)
        assert data["evidence_count"] == len(r.evidence)
        assert [ev["text"] for ev in json.loads(data["evidence"])] == [ev.text for ev in r.evidence]


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_files_keep_hostile_names(fmt, hostile, tmp_path):
    (path,) = export(hostile, fmt, tmp_path / f"g.{fmt}")
    g = READERS[fmt](path)
    p = g.nodes["per-hostile"]
    assert (p["name"], p["name_zh_hant"], p["name_pinyin"]) == (HOSTILE, XSS, IRI)
    assert json.loads(p["aliases"]) == [FORMULA, SEMI]
    assert g.nodes["per-rtl"]["name"] == RTL
    event = g.nodes["evt-1"]
    assert json.loads(event["roles"])[0] == {"entity": "org-del", "role": "guest"}
    assert (event["label"], event["attr_start"], event["attr_label"], event["attr_name"]) == (
        IRI, "2019-07-21", XSS, "not the name")
    (lead,) = [d for _, _, d in g.edges(data=True) if d["relation"] == "leads"]
    assert (lead["sentence"], lead["document"], lead["start_char"], lead["end_char"]) == (
        LEAD_SENTENCE, "d1.txt", 0, len(LEAD_SENTENCE))
    assert lead["confidence"] == lead["evidence_confidence"] == 0.85
    assert [ev["text"] for ev in json.loads(lead["evidence"])] == [LEAD_SENTENCE, SECOND_SENTENCE]


def test_xml_formats_replace_characters_xml_cannot_hold(tmp_path):
    kg = KnowledgeGraph(entities=[Entity("per-1", "Person", "a\x00b\x0bc")])
    for fmt, read in READERS.items():
        (path,) = export(kg, fmt, tmp_path / f"g.{fmt}")
        assert read(path).nodes["per-1"]["name"] == "a\ufffdb\ufffdc"  # same length: offsets still fit


# -------------------------------------------------------------------------- csv


def test_csv_tables_for_spreadsheets(hostile, tmp_path):
    export(hostile, "csv", tmp_path)
    raw = (tmp_path / "nodes.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the file as UTF-8
    nodes = {row["id"]: row for row in _read_csv(tmp_path / "nodes.csv", "utf-8-sig")}
    assert len(nodes) == len(hostile.entities)
    assert (nodes["per-hostile"]["name"], nodes["per-hostile"]["type"]) == (HOSTILE, "Person")
    assert json.loads(nodes["per-hostile"]["aliases"]) == [FORMULA, SEMI]
    assert nodes["per-formula"]["name"] == "'" + FORMULA  # shown, not run
    assert nodes["per-rtl"]["name"] == RTL
    edges = {row["id"]: row for row in _read_csv(tmp_path / "edges.csv", "utf-8-sig")}
    assert len(edges) == len(hostile.relations)  # relations without an object too
    assert edges["rel-unlinked"]["target"] == "" and edges["rel-unlinked"]["relation"] == "speaks_at"
    lead = edges["rel-leads"]
    assert (lead["source_name"], lead["target_name"], lead["sentence"], lead["start_char"]) == (
        HOSTILE, "山东省党政代表团", LEAD_SENTENCE, "0")
    assert lead["evidence_count"] == "2" and json.loads(lead["evidence"])[1]["trigger"] == "率领"


def test_csv_tables_read_with_pandas_like_types(example_graph, tmp_path):
    export(example_graph, "csv", tmp_path)
    edges = _read_csv(tmp_path / "edges.csv", "utf-8-sig")
    assert len(edges) == len(example_graph.relations)
    assert all(0 < float(e["confidence"]) <= 1 for e in edges)
    assert {e["relation"] for e in edges} == {r.type for r in example_graph.relations}


@pytest.mark.parametrize("value, shown", [
    ("=1+2", "'=1+2"), ("+86 10", "'+86 10"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("'quoted", "'quoted"), ("a=b", "a=b"), ("刘家义", "刘家义"),
    ("", ""), (-2, -2), (0.5, 0.5), (None, None)])
def test_neutralize_formula(value, shown):
    assert neutralize_formula(value) == shown


# ------------------------------------------------------------------- rdf files


@pytest.mark.parametrize("fmt", ["nquads", "ntriples"])
def test_rdf_exports_keep_hostile_names(fmt, hostile, tmp_path):
    (path,) = export(hostile, fmt, tmp_path / f"g.{fmt}")
    literals = _nquads_literals(Path(path))  # N-Triples is N-Quads without graphs
    assert {HOSTILE, XSS, IRI, FORMULA, RTL, LEAD_SENTENCE} <= literals
    assert not any("evil" in iri for iri in _nquads_iris(Path(path)))  # names never become IRIs


def test_nquads_has_a_named_graph_per_document(hostile, tmp_path):
    from pyoxigraph import NamedNode, RdfFormat, parse

    (path,) = export(hostile, "nquads", tmp_path / "g.nq")
    quads = list(parse(path=path, format=RdfFormat.N_QUADS))
    graphs = {q.graph_name for q in quads if isinstance(q.graph_name, NamedNode)}
    assert len(graphs) >= len(hostile.documents)
    holding = {q.graph_name for q in quads if getattr(q.object, "value", None) == LEAD_SENTENCE}
    assert len(holding) == 1 and isinstance(next(iter(holding)), NamedNode)


# ------------------------------------------------------------ oxigraph server


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _oxigraph_executable() -> str:
    exe = shutil.which("oxigraph", path=os.path.dirname(sys.executable)) or shutil.which("oxigraph")
    if exe is None:
        pytest.fail("the oxigraph server is missing: pip install -e '.[test]'")
    return exe


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    """A real Oxigraph server on a free loopback port; yields its base URL."""
    exe = _oxigraph_executable()
    for _ in range(3):  # another process may take the port between probe and bind
        port = _free_port()
        proc = subprocess.Popen([exe, "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
                                 "--bind", f"127.0.0.1:{port}"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        if proc.poll() is None:
            break
    else:
        pytest.fail(f"oxigraph did not start: {proc.stderr.read().decode(errors='replace')}")
    try:
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stderr.close()


def _http_select(url: str, query: str) -> list[tuple]:
    request = urllib.request.Request(f"{url}/query?" + urllib.parse.urlencode({"query": query}),
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        data = json.load(response)
    names = data["head"]["vars"]
    return _sorted(tuple(b.get(n, {}).get("value") for n in names) for b in data["results"]["bindings"])


def _local_select(path: Path, query: str) -> list[tuple]:
    """The same query over the local N-Quads file (pyoxigraph, in memory)."""
    from pyoxigraph import RdfFormat, Store

    store = Store()
    store.load(path=str(path), format=RdfFormat.N_QUADS)
    solutions = store.query(query)
    names = [v.value for v in solutions.variables]
    return _sorted(tuple(None if s[n] is None else s[n].value for n in names) for s in solutions)


def _kg_query_select(path: Path, query: str) -> list[tuple] | None:
    """The same query through ``kg query`` (kg.corpus.query.run_query), when that module exists."""
    try:
        from kg.corpus.query import run_query
    except ImportError:  # written by another change; pyoxigraph above is the reference meanwhile
        return None
    data = json.loads(run_query(str(path), query, "json"))
    names = data["head"]["vars"]
    return _sorted(tuple(b.get(n, {}).get("value") for n in names) for b in data["results"]["bindings"])


def _sorted(rows) -> list[tuple]:
    return sorted(rows, key=lambda row: [(v is not None, v or "") for v in row])


def _anywhere(pattern: str, g: str) -> str:
    # A triple may sit in the default graph or in a document's graph.
    return f"{{ {pattern} }} UNION {{ GRAPH ?{g} {{ {pattern} }} }}"


def _leaders_query() -> str:
    from kg.serialize.vocab import RELATION_PROPERTY

    leads = RELATION_PROPERTY["leads"]
    return f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?name WHERE {{
  {_anywhere(f"?p <{leads}> ?o", "g1")}
  {_anywhere("?o rdfs:label ?delegation", "g2")}
  {_anywhere("?p rdfs:label ?name", "g3")}
  FILTER(str(?delegation) = "山东省党政代表团" && langMatches(lang(?name), "zh-Hans"))
}}"""


ALL_QUADS = "SELECT ?g ?s ?p ?o WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"


@pytest.mark.server
def test_push_to_oxigraph_answers_like_the_local_file(oxigraph, example_graph, tmp_path):
    (local,) = export(example_graph, "nquads", tmp_path / "g.nq")
    n = push_sparql(example_graph, f"{oxigraph}/store")
    remote_quads = _http_select(oxigraph, ALL_QUADS)
    assert n == len(remote_quads) == len(_local_select(Path(local), ALL_QUADS)) > 0
    leaders = _http_select(oxigraph, _leaders_query())
    assert leaders == _local_select(Path(local), _leaders_query()) == [("刘家义",), ("龚正",)]
    by_kg_query = _kg_query_select(Path(local), _leaders_query())
    assert by_kg_query in (None, leaders)
    assert push_sparql(example_graph, f"{oxigraph}/store") == n  # pushing again: no duplicates
    assert len(_http_select(oxigraph, ALL_QUADS)) == n


@pytest.mark.server
def test_push_keeps_hostile_names_as_data(oxigraph, hostile):
    push_sparql(hostile, f"{oxigraph}/store")
    query = ("SELECT ?o WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } "
             f"FILTER(?o = {json.dumps(HOSTILE)}) }}")
    assert _http_select(oxigraph, query)


@pytest.mark.server
def test_push_reports_http_errors(oxigraph, hostile):
    with pytest.raises(OutputError, match=r"HTTP 4\d\d"):
        push_sparql(hostile, f"{oxigraph}/no-such-endpoint")


def test_push_reports_connection_refused(hostile):
    url = f"http://127.0.0.1:{_free_port()}/store"
    with pytest.raises(OutputError, match="cannot reach"):
        push_sparql(hostile, url, timeout=5)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://host/store", "127.0.0.1:7878/store", ""])
def test_push_refuses_urls_that_are_not_http(url, hostile):
    with pytest.raises(UsageError, match="not an http"):
        push_sparql(hostile, url)


def test_push_never_shows_the_password(hostile):
    url = f"http://alice:s3cret@127.0.0.1:{_free_port()}/store"
    with pytest.raises(OutputError) as info:
        push_sparql(hostile, url, timeout=5)
    assert "s3cret" not in str(info.value) and "alice" not in str(info.value)


# --------------------------------------------------------------------------- cli


def test_cli_export_prints_the_paths(hostile, tmp_path, capsys):
    from kg.cli import main

    write_json(hostile, tmp_path / "graph.json")
    assert main(["export", str(tmp_path / "graph.json"), "--to", "csv", "-o", str(tmp_path / "t")]) == 0
    assert capsys.readouterr().out.split() == [str(tmp_path / "t" / "nodes.csv"),
                                               str(tmp_path / "t" / "edges.csv")]
