"""RDF output (kg/rdf.py): statements, every format's round trip, reading back, SHACL."""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace
from pathlib import Path

import pyoxigraph
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib import namespace as rns
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS

from kg.corpus.open import read_graph
from kg.errors import OutputError, QueryError
from kg.graph import KnowledgeGraph, graph_to_dict
from kg.serialize import vocab
from kg.serialize.rdf import statements, to_oxigraph_quads, to_rdflib, turtle_prefixes, write_rdf, write_turtle_blocks
from kg.serialize.rdf_formats import MENTION_FORMS
from kg.serialize.rdf_read import read_rdf_graph
from kg.serialize.vocab import KG
from kg.types import Document, Entity, Evidence, Mention, Relation

ROOT = Path(__file__).resolve().parents[2]
# rdflib's own TriG/N-Quads/JSON-LD plugins call its deprecated ConjunctiveGraph API
pytestmark = pytest.mark.filterwarnings("ignore:.*deprecated.*:DeprecationWarning")

FORMATS = {"turtle": "ttl", "nt": "nt", "nquads": "nq", "trig": "trig", "json-ld": "jsonld"}
DATASET_FORMATS = {"nquads", "trig", "json-ld"}

from helpers import EVIL, HOSTILE_NAMES, hostile_graph  # noqa: E402,F401


def normal(kg: KnowledgeGraph) -> dict:
    """graph.json form as RDF can hold it: lists are sets (sorted, repeats dropped) and
    documents carry no text."""

    def unique(items, key):
        return sorted({key(x): x for x in items}.values(), key=key)

    d = graph_to_dict(kg)
    for doc in d["documents"]:
        doc.pop("chars", None)
    for e in d["entities"]:
        e["aliases"] = sorted({a for a in e["aliases"] if a != e["name"]})
        e["mentions"] = unique(e["mentions"], lambda m: (m["doc"], m["start"], m["end"]))
        if "roles" in e:
            e["roles"] = unique(e["roles"], lambda r: (r["role"], r["entity"]))
    for r in d["relations"]:
        r["evidence"] = unique(r["evidence"], lambda x: (x["doc"], x["start"], x["end"], x["trigger"] or ""))
    d["entities"].sort(key=lambda e: e["id"])
    d["relations"].sort(key=lambda r: r["id"])
    d["documents"].sort(key=lambda x: x["id"])
    d["failures"] = []
    return d


def lower_tags(g):
    """The same statements with language tags in lower case (oxigraph's normal form)."""
    out = Graph()
    for s, p, o in g:
        if isinstance(o, Literal) and o.language:
            o = Literal(str(o), lang=o.language.lower())
        out.add((s, p, o))
    return out


def graphs_of(ds: Dataset) -> dict:
    return {c.identifier: c for c in ds.graphs() if len(c)}


def same_dataset(a: Dataset, b: Dataset, normalize=lambda g: g) -> bool:
    ga, gb = graphs_of(a), graphs_of(b)
    return ga.keys() == gb.keys() and all(isomorphic(normalize(ga[k]), normalize(gb[k])) for k in ga)


@pytest.fixture(scope="module")
def hostile():
    return hostile_graph()


# -------------------------------------------------------------------------- round trips


@pytest.mark.parametrize("engine", ["kg", "oxigraph", "rdflib"])
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_round_trips(tmp_path, hostile, fmt, engine):
    """parse(serialize(g)) is isomorphic to g, for every format and serializer."""
    path = tmp_path / f"g.{FORMATS[fmt]}"
    write_rdf(hostile, path, fmt, engine=engine)
    # oxigraph writes language tags in lower case (RDF 1.1 allows it; rdflib's canonical
    # hash does not fold case), so compare it with tags folded
    normalize = lower_tags if engine == "oxigraph" and fmt != "json-ld" else (lambda g: g)
    if fmt in DATASET_FORMATS:
        parsed = Dataset()
        parsed.parse(path, format=fmt)
        assert same_dataset(to_rdflib(hostile), parsed, normalize)
    else:
        parsed = Graph().parse(path, format=fmt)
        assert isomorphic(normalize(to_rdflib(hostile, named_graphs=False)), normalize(parsed))


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_pyoxigraph_reads_every_format_kg_writes(tmp_path, hostile, fmt):
    import pyoxigraph

    path = tmp_path / f"g.{FORMATS[fmt]}"
    write_rdf(hostile, path, fmt)
    quads = list(pyoxigraph.parse(path=str(path)))
    expected = {(s, p, o, g) for s, p, o, g in statements(hostile, named_graphs=fmt in DATASET_FORMATS)}
    assert len({(q.subject, q.predicate, q.object, q.graph_name) for q in quads}) == len(expected)


@pytest.mark.parametrize("mentions", ["nodes", "compact"])
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_read_back_is_lossless(tmp_path, hostile, fmt, mentions):
    path = tmp_path / f"g.{FORMATS[fmt]}"
    write_rdf(hostile, path, fmt, mentions=mentions)
    assert normal(read_rdf_graph(path)) == normal(hostile)


def test_mention_links_read_back_as_everything_but_the_spans(tmp_path, hostile):
    path = tmp_path / "g.ttl"
    write_rdf(hostile, path, "turtle", mentions="links")
    back = read_rdf_graph(path)
    without_spans = KnowledgeGraph(hostile.documents, [replace(e, mentions=()) for e in hostile.entities],
                                   hostile.relations, hostile.failures)
    assert normal(back) == normal(without_spans)


def test_a_gzip_compressed_file_reads_back_as_the_plain_one(tmp_path, example_graph):
    from kg.io import atomic_open

    plain, packed = tmp_path / "g.ttl", tmp_path / "g.ttl.gz"
    write_rdf(example_graph, plain, "turtle")
    with atomic_open(packed, "wb", encoding=None, compress=True) as fh:
        fh.write(plain.read_bytes())
    assert normal(read_rdf_graph(packed)) == normal(read_rdf_graph(plain))


def test_example_output_reads_back(tmp_path, example_graph):
    path = tmp_path / "graph.trig"
    write_rdf(example_graph, path, "trig")
    assert normal(read_graph(path)) == normal(example_graph)


def test_oxigraph_quads_are_the_same_statements(hostile):
    """The fast path (kg's N-Quads text parsed by pyoxigraph) equals building each term."""
    import pyoxigraph

    from kg.serialize.rdf import _oxigraph_objects

    quads = list(to_oxigraph_quads(hostile, batch=7))  # several batches
    assert all(isinstance(q, pyoxigraph.Quad) for q in quads)
    assert len(quads) == len(set(quads)) == len(list(statements(hostile)))
    assert set(quads) == set(_oxigraph_objects(hostile, quads=True))


def test_output_is_deterministic(hostile):
    first, second = io.BytesIO(), io.BytesIO()
    write_rdf(hostile, first, "trig")
    write_rdf(hostile_graph(), second, "trig")
    assert first.getvalue() == second.getvalue()


text = st.text(max_size=25)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=text, alias=text, sentence=text, doc_id=text, entity_id=text, trigger=st.one_of(st.none(), text))
def test_any_text_round_trips(name, alias, sentence, doc_id, entity_id, trigger):
    """Whatever the article says, the output parses back to exactly what was written."""
    import pyoxigraph

    kg = KnowledgeGraph(
        [Document(doc_id, "", title=name, source=alias)],
        [Entity(entity_id, "Person", name, {"zh-Hans": name, "zh-Hant": alias, "pinyin": sentence}, (alias,),
                (Mention(doc_id, 0, len(name), name, "Person", name),)),
         Entity("org-1", "Organization", alias or "x")],
        [Relation("rel-1", "leads", entity_id, "org-1", 0.5,
                  (Evidence(doc_id, 0, len(sentence), sentence, trigger, 0.5),))])
    for fmt in ("turtle", "nquads", "trig", "json-ld"):
        out = io.BytesIO()
        write_rdf(kg, out, fmt)
        if fmt in DATASET_FORMATS:
            parsed = Dataset()
            parsed.parse(data=out.getvalue(), format=fmt)
            assert same_dataset(to_rdflib(kg), parsed)
        else:
            assert isomorphic(Graph().parse(data=out.getvalue(), format=fmt), to_rdflib(kg, named_graphs=False))
        list(pyoxigraph.parse(out.getvalue(), format=pyoxigraph.RdfFormat.from_extension(FORMATS[fmt])))


# ------------------------------------------------------------------------- what is said


@pytest.fixture(scope="module")
def ds(hostile):
    return to_rdflib(hostile)


def E(entity_id):
    return vocab.entity_iri(entity_id)


def test_labels_in_three_scripts_and_aliases(ds):
    labels = {(o.language, str(o)) for o in ds.objects(E("plc-1"), RDFS.label)}
    assert labels == {("zh-Hans", "北京市"), ("zh-Hant", "北京市"), ("zh-Latn-pinyin", "bei jing shi")}
    assert set(ds.objects(E("plc-1"), SKOS.prefLabel)) == {Literal("北京市", lang="zh-Hans")}
    assert set(ds.objects(E("plc-1"), SKOS.altLabel)) == {Literal("北京", lang="zh-Hans")}
    # an alias equal to the name is not also an altLabel (SKOS integrity)
    assert set(ds.objects(E("org-1"), SKOS.altLabel)) == {Literal("代表团", lang="zh-Hans")}


def test_hostile_names_are_literals_only(tmp_path, hostile):
    path = tmp_path / "g.nt"
    write_rdf(hostile, path, "nt")
    g = Graph().parse(path, format="nt")
    names = {str(o) for o in g.objects(None, SKOS.prefLabel)}
    assert set(HOSTILE_NAMES) <= names
    safe = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[A-Za-z0-9._~:/#?=&%-]+\Z")
    iris = {str(t) for triple in g for t in triple if isinstance(t, URIRef)}
    assert all(safe.match(i) for i in iris)
    assert not any("evil" in i for i in iris)


def test_relation_has_plain_edge_and_qualified_node(ds):
    R = vocab.relation_iri("rel-1")
    assert (E("per-1"), KG.leads, E("org-1")) in ds.default_graph
    default = ds.default_graph
    assert (R, RDF.type, KG.Relation) in default
    assert default.value(R, RDF.subject) == E("per-1")
    assert default.value(R, RDF.predicate) == KG.leads
    assert default.value(R, RDF.object) == E("org-1")
    assert default.value(R, KG.confidence) == Literal("0.9", datatype=rns.XSD.decimal)
    evidence = set(ds.objects(R, KG.hasEvidence))
    assert len(evidence) == 2  # one sentence in each document
    docs = {ds.value(e, PROV.wasQuotedFrom) for e in evidence}
    assert docs == {vocab.document_iri("a.txt"), vocab.document_iri("新闻/b\n" + EVIL)}


def test_evidence_is_in_its_documents_graph(ds):
    R = vocab.relation_iri("rel-3")
    graph = ds.graph(vocab.graph_iri("a.txt"))
    (evidence,) = graph.objects(R, KG.hasEvidence)
    assert graph.value(evidence, KG.text) == Literal("北京市委书记蔡奇陪同调研。")
    assert graph.value(evidence, KG.startOffset) == Literal(80)
    assert graph.value(evidence, KG.endOffset) == Literal(93)
    assert graph.value(evidence, KG.trigger) == Literal("陪同")
    assert graph.value(evidence, KG.confidence) == Literal("0.75", datatype=rns.XSD.decimal)
    assert (vocab.graph_iri("a.txt"), PROV.wasDerivedFrom, vocab.document_iri("a.txt")) in ds.default_graph


def test_no_statement_is_in_two_graphs(hostile):
    seen = {}
    for s, p, o, g in statements(hostile):
        assert seen.setdefault((s, p, o), g) == g


def test_one_named_graph_per_document(ds, hostile):
    names = {c.identifier for c in ds.graphs() if len(c)} - {ds.default_graph.identifier}
    assert names == {vocab.graph_iri(d.id) for d in hostile.documents}


@pytest.mark.parametrize("relation,expected", [
    ("rel-8", None),            # speaks_at with no event: qualified node only
    ("rel-9", "both"),          # meets is symmetric: both directions written
])
def test_special_relations(ds, relation, expected):
    R = vocab.relation_iri(relation)
    s, p, o = ds.value(R, RDF.subject), ds.value(R, RDF.predicate), ds.value(R, RDF.object)
    if expected is None:
        assert o is None and not list(ds.objects(s, p))
    else:
        assert (s, p, o) in ds and (o, p, s) in ds


def test_small_confidences_are_exact_decimals(ds):
    R = vocab.relation_iri("rel-9")
    assert ds.value(R, KG.confidence) == Literal("0.123456789", datatype=rns.XSD.decimal)
    (evidence,) = ds.objects(R, KG.hasEvidence)
    assert ds.value(evidence, KG.confidence) == Literal("0.00001", datatype=rns.XSD.decimal)


@pytest.mark.parametrize("event,cls,start,end,datatype", [
    ("evt-1", KG.Visit, "2019-07-21", "2019-07-22", rns.XSD.date),
    ("evt-2", KG.Signing, "2019-07-22", "2019-07-22", rns.XSD.date),
    ("evt-3", KG.Forum, "2019", "2019", rns.XSD.gYear),
    ("evt-4", KG.Meeting, None, None, None),
])
def test_events_have_type_and_dates(ds, event, cls, start, end, datatype):
    node = E(event)
    assert {KG.Event, cls} <= set(ds.objects(node, RDF.type))
    if start is None:
        assert ds.value(node, rns.TIME.hasTime) is None
        return
    assert ds.value(node, KG.startDate) == Literal(start, datatype=datatype)
    assert ds.value(node, KG.endDate) == Literal(end, datatype=datatype)
    time = ds.value(node, rns.TIME.hasTime)
    if start == end:
        assert (time, RDF.type, rns.TIME.Instant) in ds
    else:
        assert (time, RDF.type, rns.TIME.ProperInterval) in ds
        assert ds.value(ds.value(time, rns.TIME.hasBeginning), rns.TIME.inXSDDate) == Literal(start, datatype=rns.XSD.date)
        assert ds.value(ds.value(time, rns.TIME.hasEnd), rns.TIME.inXSDDate) == Literal(end, datatype=rns.XSD.date)


def test_event_place_cameo_and_roles(ds):
    node = E("evt-1")
    assert ds.value(node, KG.hasPlace) == E("plc-1")
    assert ds.value(node, KG.cameoCode) == Literal("042")
    assert set(ds.objects(node, KG.hasLeader)) == {E("per-1"), E("per-2")}
    assert set(ds.objects(node, KG.hasGuest)) == {E("org-1")}
    assert set(ds.objects(node, KG.hasHost)) == {E("per-3")}
    assert set(ds.objects(E("evt-2"), KG.hasDocument)) == {E("doc-1")}


@pytest.mark.parametrize("event_type,date,expect", [
    ("statement", "2019-07", [(KG.eventType, Literal("statement")), (KG.startDate, Literal("2019-07", datatype=rns.XSD.gYearMonth))]),
    ("visit", "last week", [(DCTERMS.date, Literal("last week"))]),
])
def test_unusual_event_types_and_dates(event_type, date, expect):
    kg = KnowledgeGraph(entities=[Entity("evt-9", "Event", "x", attributes={"event_type": event_type, "date": date})])
    g = to_rdflib(kg, named_graphs=False)
    for p, o in expect:
        assert (E("evt-9"), p, o) in g
    assert read_rdf_graph_from(g).entities[0].attributes["date"] == date


def read_rdf_graph_from(g: Graph) -> KnowledgeGraph:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "g.ttl"
        g.serialize(path, format="turtle")
        return read_rdf_graph(path)


def test_position_links_its_body(ds):
    assert ds.value(E("pos-1"), ORG.postIn) == E("org-3")
    assert ds.value(E("pos-1"), KG.positionTitle) == Literal("书记")
    assert ds.value(E("pos-2"), ORG.postIn) is None


def test_documents_are_described(ds):
    D = vocab.document_iri("a.txt")
    assert ds.value(D, DCTERMS.identifier) == Literal("a.txt")
    assert ds.value(D, DCTERMS.date) == Literal("2019-07-23", datatype=rns.XSD.date)
    assert ds.value(D, KG.outlet) == Literal("大众日报")
    assert ds.value(D, KG.filePath) == Literal("news/a.txt")


def test_mentions_keep_offsets(ds):
    mentions = set(ds.objects(E("per-1"), KG.hasMention))
    spans = {(str(ds.value(m, KG.text)), int(ds.value(m, KG.startOffset)), int(ds.value(m, KG.endOffset)))
             for m in mentions}
    assert spans == {("劉家義", 10, 13), ("刘家义", 0, 3)}


def test_compact_mentions_one_link_and_one_literal_per_entity_and_document(hostile):
    ds = to_rdflib(hostile, mentions="compact")
    assert not set(ds.objects(E("per-1"), KG.hasMention))
    docs = set(ds.objects(E("per-1"), KG.mentionedIn))
    literals = [json.loads(str(o)) for o in ds.objects(E("per-1"), KG.mentionSpans)]
    assert len(literals) == len({lit["doc"] for lit in literals}) == 2
    assert docs == {vocab.document_iri(lit["doc"]) for lit in literals}
    assert sorted((a, b, text) for lit in literals for a, b, text, _ in lit["spans"]) == [
        (0, 3, "刘家义"), (10, 13, "劉家義")]
    for lit in literals:  # in the graph of the document that names the entity
        graph = ds.graph(vocab.graph_iri(lit["doc"]))
        assert (E("per-1"), KG.mentionedIn, vocab.document_iri(lit["doc"])) in graph


def test_compact_mentions_are_a_fraction_of_the_statements(example_graph):
    nodes = sum(1 for _ in statements(example_graph, mentions="nodes"))
    compact = sum(1 for _ in statements(example_graph, mentions="compact"))
    links = sum(1 for _ in statements(example_graph, mentions="links"))
    assert links < compact < 0.6 * nodes


def test_mention_links_name_each_document_once_and_no_span(example_graph):
    g = to_rdflib(example_graph, named_graphs=False, mentions="links")
    for e in example_graph.entities:
        docs = {vocab.document_iri(m.doc) for m in e.mentions}
        assert set(g.objects(E(e.id), KG.mentionedIn)) == docs
    assert not list(g.triples((None, KG.mentionSpans, None)))
    assert not list(g.triples((None, KG.hasMention, None)))


@pytest.mark.parametrize("mentions", MENTION_FORMS)
def test_turtle_blocks_are_the_turtle_and_each_a_document_of_its_own(hostile, example_graph, mentions):
    for kg in (hostile, example_graph):
        ttl, ttl2 = io.BytesIO(), io.BytesIO()
        blocks = []
        write_turtle_blocks(kg, [ttl], mentions, blocks=lambda s, at, data: blocks.append((s, at, data)))
        head = turtle_prefixes()
        write_rdf(kg, ttl2, "turtle", mentions=mentions)
        assert ttl.getvalue() == ttl2.getvalue()
        # Each block lies where it says and, after the prefix lines, holds its subject's statements.
        whole = pyoxigraph.Store()
        whole.load(ttl.getvalue(), pyoxigraph.RdfFormat.TURTLE)
        parts = pyoxigraph.Store()
        for subject, at, data in blocks:
            assert ttl.getvalue()[at:at + len(data)] == data
            one = pyoxigraph.Store()
            one.load(head + data, pyoxigraph.RdfFormat.TURTLE)
            assert {q.subject.value for q in one} == {subject}
            parts.load(head + data, pyoxigraph.RdfFormat.TURTLE)
        assert set(parts) == set(whole)


def test_turtle_is_the_same_however_many_names_its_writer_keeps(example_graph, monkeypatch):
    import kg.serialize.rdf as rdf

    whole = io.BytesIO()
    write_rdf(example_graph, whole, "turtle")
    monkeypatch.setattr(rdf, "_NAMES_KEPT", 3)  # forgotten again and again: types still written 'a'
    forgetful = io.BytesIO()
    write_rdf(example_graph, forgetful, "turtle")
    assert forgetful.getvalue() == whole.getvalue() and b" rdf:type " not in whole.getvalue()


def test_cited_documents_missing_from_the_graph_are_still_described():
    kg = KnowledgeGraph(entities=[Entity("per-1", "Person", "x", mentions=(Mention("gone.txt", 0, 1, "x", "Person", "x"),))])
    g = to_rdflib(kg, named_graphs=False)
    assert (vocab.document_iri("gone.txt"), RDF.type, KG.SourceDocument) in g


# ---------------------------------------------------------------------------------- errors


@pytest.mark.parametrize("kg,message", [
    (KnowledgeGraph(entities=[Entity("x-1", "Animal", "猫")]), "unknown type 'Animal'"),
    (KnowledgeGraph(relations=[Relation("rel-1", "likes", "a", "b", 1.0)]), "unknown type 'likes'"),
])
def test_unknown_types_are_refused(tmp_path, kg, message):
    with pytest.raises(OutputError, match=message):
        write_rdf(kg, tmp_path / "g.ttl")


@pytest.mark.parametrize("fmt,engine,message", [
    ("rdfxml", "kg", "RDF format 'rdfxml'"),
    ("turtle", "jena", "RDF engine 'jena'"),
])
def test_bad_options_are_refused(tmp_path, fmt, engine, message):
    with pytest.raises(OutputError, match=message):
        write_rdf(KnowledgeGraph(), tmp_path / "g.ttl", fmt, engine=engine)
    with pytest.raises(OutputError, match="mentions 'some'"):
        write_rdf(KnowledgeGraph(), tmp_path / "g.ttl", mentions="some")


def test_failed_write_keeps_the_old_file(tmp_path):
    path = tmp_path / "g.ttl"
    path.write_text("old", encoding="utf-8")
    bad = KnowledgeGraph(entities=[Entity("per-1", "Person", "x")],
                         relations=[Relation("rel-1", "likes", "per-1", "per-1", 1.0)])
    with pytest.raises(OutputError):
        write_rdf(bad, path)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["g.ttl"]


@pytest.mark.parametrize("name,content,message", [
    ("missing.ttl", None, "no such file"),
    ("bad.ttl", "<a> <b> .", "not valid turtle"),
    ("other.ttl", "<http://a/x> <http://a/p> <http://a/y> .", "no kg entities"),
    ("graph.xyz", "x", "cannot tell the RDF format"),
])
def test_read_errors_name_the_file(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(QueryError, match=message) as info:
        read_rdf_graph(path)
    assert name in str(info.value)


# ----------------------------------------------------------------------------------- SHACL


@pytest.fixture(scope="module")
def shapes():
    return Graph().parse(ROOT / "ontology" / "shapes.ttl")


def shacl(data: Graph, shapes: Graph) -> tuple[bool, str]:
    from pyshacl import validate

    conforms, _, text = validate(data, shacl_graph=shapes, inference="none", advanced=True)
    return conforms, text


def test_example_output_conforms_to_the_shapes(tmp_path, example_graph, shapes):
    path = tmp_path / "graph.ttl"
    write_rdf(example_graph, path, "turtle")
    conforms, report = shacl(Graph().parse(path), shapes)
    assert conforms, report


@pytest.mark.parametrize("mentions", MENTION_FORMS)
def test_hostile_output_conforms_to_the_shapes(hostile, shapes, mentions):
    conforms, report = shacl(to_rdflib(hostile, named_graphs=False, mentions=mentions), shapes)
    assert conforms, report


def _break_offsets(g):
    evidence = next(g.subjects(RDF.type, KG.Evidence))
    g.set((evidence, KG.text, Literal("short")))


def _drop_plain_edge(g):
    R = vocab.relation_iri("rel-2")
    g.remove((g.value(R, RDF.subject), g.value(R, RDF.predicate), g.value(R, RDF.object)))


@pytest.mark.parametrize("damage,message", [
    (lambda g: g.add((E("per-1"), KG.leads, E("plc-1"))), "ClassConstraintComponent"),
    (lambda g: g.add((E("per-1"), SKOS.prefLabel, Literal("又一个", lang="zh-Hans"))), "MaxCountConstraintComponent"),
    (lambda g: g.add((E("per-1"), RDF.type, KG.Place)), "an entity has exactly one kg entity class"),
    (lambda g: g.remove((vocab.relation_iri("rel-4"), KG.hasEvidence, None)), "MinCountConstraintComponent"),
    (lambda g: g.add((E("per-2"), RDFS.label, Literal("gong zheng", lang="en"))), "LanguageInConstraintComponent"),
    (_break_offsets, "differs from the span of its offsets"),
    (_drop_plain_edge, "plain edge of this relation is missing"),
])
def test_shapes_catch_malformed_graphs(hostile, shapes, damage, message):
    g = to_rdflib(hostile, named_graphs=False)
    damage(g)
    conforms, report = shacl(g, shapes)
    assert not conforms
    assert message in report


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_undecodable_text_does_not_break_output(tmp_path, fmt):
    # a lone surrogate (bytes kept by surrogateescape) has no UTF-8 form: it becomes '?'
    kg = KnowledgeGraph(entities=[Entity("per-1", "Person", "坏\udcff字")])
    path = tmp_path / f"g.{FORMATS[fmt]}"
    write_rdf(kg, path, fmt)
    assert read_rdf_graph(path).entities[0].name == "坏?字"
    assert len(list(to_oxigraph_quads(kg))) == len(list(statements(kg)))
