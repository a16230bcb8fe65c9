"""The ontology (ontology/kg.ttl) and the namespace module (kg/vocab.py) that mirrors it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib import namespace as rns
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS

from kg.serialize import vocab
from kg.serialize.vocab import KG, KGR, SEM
from kg.types import ENTITY_TYPES, RELATION_TYPES

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY = ROOT / "ontology" / "kg.ttl"
SHAPES = ROOT / "ontology" / "shapes.ttl"
ERR = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")  # where owlrl reports errors


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY)


def declared_terms(g: Graph) -> set[str]:
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
    return {str(s)[len(str(KG._NS)):] for kind in kinds for s in g.subjects(RDF.type, kind)
            if str(s).startswith(str(KG._NS))}


def kg_iris_used(g: Graph) -> set[str]:
    used = set()
    for triple in g:
        for term in triple:
            if isinstance(term, URIRef) and str(term).startswith(str(KG._NS)):
                used.add(str(term)[len(str(KG._NS)):])
    return used


# ------------------------------------------------------------------- vocab.py == kg.ttl


def test_vocab_declares_exactly_the_ontology_terms(onto):
    assert declared_terms(onto) == set(KG.__annotations__)


def test_ontology_uses_only_declared_terms(onto):
    # A typo in kg.ttl (kg:leadz as a domain) would be a term nobody declared.
    assert kg_iris_used(onto) <= declared_terms(onto)


@pytest.mark.parametrize("namespace,bad", [(KG, "lead"), (KG, "Persons"), (SEM, "hasActors")])
def test_namespaces_are_closed(namespace, bad):
    with pytest.raises(AttributeError):
        getattr(namespace, bad)


@pytest.mark.parametrize("term", sorted(KG.__annotations__))
def test_every_term_is_labelled_and_explained_in_english_and_chinese(onto, term):
    iri = KG[term]
    for prop in (RDFS.label, RDFS.comment):
        langs = {o.language for o in onto.objects(iri, prop) if isinstance(o, Literal)}
        assert {"en", "zh-Hans"} <= langs, (term, prop)


@pytest.mark.parametrize("namespace", [ORG, PROV, rns.TIME, SKOS, DCTERMS, rns.SDO, FOAF, SEM])
def test_external_terms_exist(onto, namespace):
    """Every ORG/PROV/OWL-Time/SKOS/DC/schema.org/FOAF/SEM IRI in kg.ttl is a real term."""
    base = str(namespace._NS)
    used = {str(t) for triple in onto for t in triple if isinstance(t, URIRef) and str(t).startswith(base)}
    unknown = {iri for iri in used if iri[len(base):] not in namespace.__annotations__}
    assert not unknown


# --------------------------------------------------------------------- the ontology itself


@pytest.mark.parametrize("name", ENTITY_TYPES + ("Visit", "Meeting", "Signing", "Forum"))
def test_classes(onto, name):
    assert (KG[name], RDF.type, OWL.Class) in onto


@pytest.mark.parametrize("event_class", ["Visit", "Meeting", "Signing", "Forum"])
def test_event_subclasses(onto, event_class):
    assert (KG[event_class], RDFS.subClassOf, KG.Event) in onto


@pytest.mark.parametrize("relation", RELATION_TYPES)
def test_relation_properties_have_domain_and_range(onto, relation):
    prop = vocab.RELATION_PROPERTY[relation]
    assert (prop, RDF.type, OWL.ObjectProperty) in onto
    assert onto.value(prop, RDFS.domain) is not None
    assert onto.value(prop, RDFS.range) is not None


@pytest.mark.parametrize("s,p,o", [
    (KG.Position, OWL.equivalentClass, ORG.Post),
    (KG.holdsPosition, RDFS.subPropertyOf, ORG.holds),
    (KG.leads, RDFS.subPropertyOf, ORG.headOf),
    (KG.Organization, RDFS.subClassOf, ORG.Organization),
    (KG.hasEvidence, RDFS.subPropertyOf, PROV.wasDerivedFrom),
    (KG.Evidence, RDFS.subClassOf, PROV.Entity),
    (KG.SourceDocument, RDFS.subClassOf, PROV.Entity),
    (KG.text, RDFS.subPropertyOf, PROV.value),
    (KG.Relation, RDFS.subClassOf, RDF.Statement),
    (KG.Event, RDFS.subClassOf, SEM.Event),
    (KG.Event, RDFS.subClassOf, rns.SDO.Event),
    (KG.hasParticipant, RDFS.subPropertyOf, SEM.hasActor),
    (KG.hasPlace, RDFS.subPropertyOf, SEM.hasPlace),
    (KG.hasAttendee, RDFS.subPropertyOf, rns.SDO.attendee),
    (KG.startDate, RDFS.subPropertyOf, rns.SDO.startDate),
    (KG.attends, OWL.inverseOf, KG.hasAttendee),
    (KG.meets, RDF.type, OWL.SymmetricProperty),
])
def test_alignment_with_standard_vocabularies(onto, s, p, o):
    assert (s, p, o) in onto


def owlrl_errors(g: Graph) -> list[str]:
    import owlrl

    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    return [str(m) for m in g.objects(None, ERR.error)]


def test_ontology_passes_owl_rl_closure(onto):
    g = Graph()
    g += onto
    assert owlrl_errors(g) == []
    # the closure did reason: a visit is an event, a position an org:Post
    assert (KG.Visit, RDFS.subClassOf, rns.SDO.Event) in g
    assert (KG.Position, RDFS.subClassOf, ORG.Post) in g


@pytest.mark.parametrize("abox,consistent", [
    ([(KGR["p"], RDF.type, KG.Person), (KGR["p"], KG.leads, KGR["o"]),
      (KGR["o"], RDF.type, KG.Organization)], True),
    # leads has range Organization; a Place led is then both, and they are disjoint
    ([(KGR["p"], RDF.type, KG.Person), (KGR["p"], KG.leads, KGR["x"]),
      (KGR["x"], RDF.type, KG.Place)], False),
    ([(KGR["e"], RDF.type, KG.Visit), (KGR["e"], RDF.type, KG.Meeting)], False),
])
def test_owl_rl_finds_inconsistent_data(onto, abox, consistent):
    g = Graph()
    g += onto
    for triple in abox:
        g.add(triple)
    assert (owlrl_errors(g) == []) == consistent


def test_kg_output_is_consistent_with_the_ontology(onto):
    from helpers import hostile_graph

    from kg.serialize.rdf import to_rdflib

    g = to_rdflib(hostile_graph(), named_graphs=False)
    g += onto
    assert owlrl_errors(g) == []


# ------------------------------------------------------------------------ shipped copies


@pytest.mark.parametrize("name", ["kg.ttl", "shapes.ttl"])
def test_package_copy_of_the_ontology_is_identical(name):
    assert vocab.ontology_path(name).read_bytes() == (ROOT / "ontology" / name).read_bytes()


def test_shapes_parse():
    assert len(Graph().parse(SHAPES)) > 50


# ---------------------------------------------------------------------------- the tables


def test_tables_cover_the_data_model():
    assert set(vocab.CLASS_OF) == set(ENTITY_TYPES)
    assert set(vocab.RELATION_PROPERTY) == set(RELATION_TYPES)
    from kg.extract.events import CAMEO

    assert set(vocab.EVENT_CLASS) <= set(CAMEO)
    assert {"leader", "guest", "host", "signatory", "attendee", "speaker", "document", "site"} <= set(
        vocab.ROLE_PROPERTY)


def test_prefixes_are_the_namespaces():
    assert vocab.PREFIXES["kg"] == str(KG._NS)
    assert vocab.PREFIXES["org"] == str(ORG._NS)
    assert vocab.PREFIXES["schema"] == str(rns.SDO._NS)
    assert len(set(vocab.PREFIXES.values())) == len(vocab.PREFIXES)


# --------------------------------------------------------------------------------- minting

SAFE_IRI = re.compile(r"https://w3id\.org/kg-news/id/[A-Za-z0-9._-]+\Z")
HOSTILE = ["> <http://evil> .", '"quoted"', "back\\slash", "new\nline", "\u202eevil", "a b",
           "per-1_m-x", "../../etc/passwd", "", "<img src=x onerror=alert(1)>", "src_0123"]


@pytest.mark.parametrize("ident,expected", [
    ("per-7a5c9c8b5d2e", "per-7a5c9c8b5d2e"),
    ("rel-053af40548e3", "rel-053af40548e3"),
    ("org-1.2", "org-1.2"),
])
def test_safe_ids_are_kept(ident, expected):
    assert vocab.entity_iri(ident) == KGR[expected]


@pytest.mark.parametrize("ident", HOSTILE)
def test_unsafe_ids_are_hashed_into_safe_iris(ident):
    iri = str(vocab.entity_iri(ident))
    assert SAFE_IRI.match(iri)
    assert iri == str(vocab.entity_iri(ident))  # stable
    for iri in (vocab.document_iri(ident), vocab.graph_iri(ident), vocab.mention_iri(ident, ident, 0, 1),
                vocab.evidence_iri(ident, ident, 0, 1, ident), vocab.time_iri(ident, "time")):
        assert SAFE_IRI.match(str(iri))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30), st.text(max_size=30))
def test_distinct_ids_get_distinct_iris(a, b):
    if a != b:
        assert vocab.entity_iri(a) != vocab.entity_iri(b)
        assert vocab.document_iri(a) != vocab.document_iri(b)
    assert SAFE_IRI.match(str(vocab.entity_iri(a)))


def test_minted_kinds_never_collide():
    # '_' never occurs in a kept id, so an entity id cannot imitate a mention or document IRI
    mention = vocab.mention_iri("per-1", "a.txt", 0, 3)
    assert vocab.entity_iri(str(mention).rsplit("/", 1)[1]) != mention
    assert vocab.entity_iri(str(vocab.document_iri("a.txt")).rsplit("/", 1)[1]) != vocab.document_iri("a.txt")


def test_time_iri_rejects_unknown_parts():
    with pytest.raises(ValueError, match="time part"):
        vocab.time_iri("evt-1", "middle")


def test_mint_strings_equal_iris():
    assert vocab.MINT.entity("per-1") == str(vocab.entity_iri("per-1"))
    assert vocab.MINT.graph("a.txt") == str(vocab.graph_iri("a.txt"))
