"""The project's namespaces, mirroring ``ontology/kg.ttl``; the only place IRIs come from.

``KG`` (the ontology) and ``SEM`` are closed namespaces: a misspelt term raises
instead of minting a new IRI, and a test holds ``KG`` equal to the terms
``kg.ttl`` declares.  The other vocabularies come from rdflib's own closed
namespaces (ORG, PROV, TIME, SKOS, DCTERMS, SDO, FOAF).

Instance IRIs live under ``KGR`` and are minted from stable ids only — entity
and relation ids (``per-7a5c9c8b5d2e``), or a hash of a document id — never
from names in the text, so the same entity gets the same IRI on every run and
no article can inject syntax into an IRI.

Examples
--------
>>> str(KG.leads)
'https://w3id.org/kg-news/ontology#leads'
>>> str(entity_iri("per-7a5c9c8b5d2e"))
'https://w3id.org/kg-news/id/per-7a5c9c8b5d2e'
>>> KG.lead
Traceback (most recent call last):
...
AttributeError: term 'lead' not in namespace 'https://w3id.org/kg-news/ontology#'
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

from rdflib import Namespace, URIRef
from rdflib import namespace as _ns

__all__ = [
    "CLASS_OF", "EVENT_CLASS", "EVENT_TYPE_OF_CLASS", "KG", "KGR", "LABEL_LANGUAGES", "MINT",
    "ONTOLOGY_IRI", "PREFIXES", "RELATION_OF_PROPERTY", "RELATION_PROPERTY", "ROLE_OF_PROPERTY",
    "ROLE_PROPERTY", "SEM", "TYPE_OF_CLASS", "document_iri", "entity_iri", "evidence_iri", "graph_iri",
    "instance", "mention_iri", "ontology_path", "relation_iri", "time_iri",
]
# rdflib's closed namespaces, served by the module __getattr__ below
__all__ += ["DCTERMS", "FOAF", "ORG", "OWL", "PROV", "RDF", "RDFS", "SDO", "SKOS", "TIME", "XSD"]  # noqa: F822

ONTOLOGY_IRI = URIRef("https://w3id.org/kg-news/ontology")


class KG(_ns.DefinedNamespace):
    """Classes and properties of the kg ontology (``ontology/kg.ttl``)."""

    _fail = True
    _NS = Namespace("https://w3id.org/kg-news/ontology#")

    # classes
    Person: URIRef
    Organization: URIRef
    Place: URIRef
    Position: URIRef
    Document: URIRef
    Event: URIRef
    Visit: URIRef
    Meeting: URIRef
    Signing: URIRef
    Forum: URIRef
    SourceDocument: URIRef
    Relation: URIRef
    Evidence: URIRef
    Mention: URIRef
    # relations between entities
    leads: URIRef
    accompanies: URIRef
    visits: URIRef
    signs: URIRef
    holdsPosition: URIRef
    attends: URIRef
    speaksAt: URIRef
    meets: URIRef
    # event roles and facts
    hasParticipant: URIRef
    hasLeader: URIRef
    hasGuest: URIRef
    hasHost: URIRef
    hasSignatory: URIRef
    hasAttendee: URIRef
    hasSpeaker: URIRef
    hasDocument: URIRef
    hasSite: URIRef
    hasPlace: URIRef
    cameoCode: URIRef
    eventType: URIRef
    startDate: URIRef
    endDate: URIRef
    positionTitle: URIRef
    positionBody: URIRef
    extraAttributes: URIRef
    # evidence and provenance
    hasEvidence: URIRef
    hasMention: URIRef
    mentionedIn: URIRef
    mentionSpans: URIRef
    confidence: URIRef
    text: URIRef
    startOffset: URIRef
    endOffset: URIRef
    trigger: URIRef
    foundBy: URIRef
    filePath: URIRef
    outlet: URIRef


class SEM(_ns.DefinedNamespace):
    """The few terms of the Simple Event Model kg aligns with."""

    _fail = True
    _NS = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")

    Event: URIRef
    hasActor: URIRef
    hasPlace: URIRef


# rdflib's own closed namespaces, re-exported through __getattr__ below: kept out of the module
# dict so that doctest collection does not probe them (each probe warns).
_EXTERNAL = {"RDF": _ns.RDF, "RDFS": _ns.RDFS, "OWL": _ns.OWL, "XSD": _ns.XSD, "SKOS": _ns.SKOS,
             "DCTERMS": _ns.DCTERMS, "ORG": _ns.ORG, "PROV": _ns.PROV, "TIME": _ns.TIME,
             "SDO": _ns.SDO, "FOAF": _ns.FOAF}


def __getattr__(name: str):
    try:
        return _EXTERNAL[name]
    except KeyError:
        raise AttributeError(f"module 'kg.serialize.vocab' has no attribute {name!r}") from None


#: Namespace of instances: entities, relations, documents and their graphs.
KGR = Namespace("https://w3id.org/kg-news/id/")

#: Prefixes used in every output and predeclared in ``kg query``.
PREFIXES: dict[str, str] = {
    "kg": str(KG._NS), "kgr": str(KGR), "rdf": str(_ns.RDF._NS), "rdfs": str(_ns.RDFS._NS),
    "owl": str(_ns.OWL._NS), "xsd": str(_ns.XSD._NS), "skos": str(_ns.SKOS._NS),
    "dcterms": str(_ns.DCTERMS._NS), "org": str(_ns.ORG._NS), "prov": str(_ns.PROV._NS),
    "time": str(_ns.TIME._NS), "schema": str(_ns.SDO._NS), "sem": str(SEM._NS),
    "foaf": str(_ns.FOAF._NS),
}

CLASS_OF = {"Person": KG.Person, "Organization": KG.Organization, "Place": KG.Place,
            "Position": KG.Position, "Document": KG.Document, "Event": KG.Event}
TYPE_OF_CLASS = {v: k for k, v in CLASS_OF.items()}

RELATION_PROPERTY = {
    "leads": KG.leads, "accompanies": KG.accompanies, "visits": KG.visits, "signs": KG.signs,
    "holds_position": KG.holdsPosition, "attends": KG.attends, "speaks_at": KG.speaksAt,
    "meets": KG.meets,
}
RELATION_OF_PROPERTY = {v: k for k, v in RELATION_PROPERTY.items()}

#: Event types that have their own class; any other type is written as ``kg:eventType``.
EVENT_CLASS = {"visit": KG.Visit, "meeting": KG.Meeting, "signing": KG.Signing, "forum": KG.Forum}
EVENT_TYPE_OF_CLASS = {v: k for k, v in EVENT_CLASS.items()}

#: Event roles (``Entity.attributes["roles"]``); an unknown role is written as ``kg:hasParticipant``.
ROLE_PROPERTY = {
    "leader": KG.hasLeader, "guest": KG.hasGuest, "host": KG.hasHost, "signatory": KG.hasSignatory,
    "attendee": KG.hasAttendee, "speaker": KG.hasSpeaker, "participant": KG.hasParticipant,
    "document": KG.hasDocument, "site": KG.hasSite,
}
ROLE_OF_PROPERTY = {v: k for k, v in ROLE_PROPERTY.items()}

#: ``Entity.labels`` key -> the BCP 47 language tag of that label.
LABEL_LANGUAGES = {"zh-Hans": "zh-Hans", "zh-Hant": "zh-Hant", "pinyin": "zh-Latn-pinyin"}

# Ids kg mints are ASCII letters, digits, '-' and '.'; anything else is hashed.  '_' never occurs
# in an accepted id, so the '_' that joins minted parts cannot make two IRIs collide.
_SAFE_ID = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]{0,118}[A-Za-z0-9-])?\Z")


def _digest(*parts: object) -> str:
    data = "\x1f".join(str(p) for p in parts).encode("utf-8", "surrogatepass")
    return hashlib.sha1(data).hexdigest()[:16]


@lru_cache(maxsize=65536)
def _local(ident: str) -> str:
    return ident if _SAFE_ID.match(ident) else "id_" + _digest(ident)


class _Mint:
    """Instance IRIs as plain strings, for the hot paths that write millions of them.

    The ``*_iri`` functions below wrap these in ``rdflib.URIRef``.
    """

    base = str(KGR)

    def entity(self, entity_id: str) -> str:
        return self.base + _local(entity_id)

    relation = entity

    def document(self, doc_id: str) -> str:
        return f"{self.base}src_{_digest(doc_id)}"

    def graph(self, doc_id: str) -> str:
        return f"{self.base}graph_{_digest(doc_id)}"

    def evidence(self, relation_id: str, doc_id: str, start: int, end: int, trigger: str | None) -> str:
        return f"{self.base}{_local(relation_id)}_ev-{_digest(doc_id, start, end, trigger or '')}"

    def mention(self, entity_id: str, doc_id: str, start: int, end: int) -> str:
        return f"{self.base}{_local(entity_id)}_m-{_digest(doc_id, start, end)}"

    def time(self, event_id: str, part: str) -> str:
        if part not in ("time", "start", "end"):
            raise ValueError(f"time part {part!r}: expected time, start or end")
        return f"{self.base}{_local(event_id)}_{part}"


#: Minting functions returning ``str`` (same IRIs as the ``*_iri`` functions).
MINT = _Mint()


def entity_iri(entity_id: str) -> URIRef:
    """The IRI of an entity, minted from its stable id.

    >>> str(entity_iri("per-7a5c9c8b5d2e"))
    'https://w3id.org/kg-news/id/per-7a5c9c8b5d2e'
    >>> str(entity_iri("> <http://evil> ."))
    'https://w3id.org/kg-news/id/id_8c07be91ad7f60ce'
    """
    return URIRef(MINT.entity(entity_id))


#: Older name of :func:`entity_iri`.
instance = entity_iri


def relation_iri(relation_id: str) -> URIRef:
    """The IRI of a relation's qualified node.

    >>> str(relation_iri("rel-053af40548e3"))
    'https://w3id.org/kg-news/id/rel-053af40548e3'
    """
    return URIRef(MINT.relation(relation_id))


def document_iri(doc_id: str) -> URIRef:
    """The IRI of a source document: a hash of its id (ids are file names, often not ASCII).

    >>> str(document_iri("a027.txt"))
    'https://w3id.org/kg-news/id/src_7dc71917bd3d78b7'
    """
    return URIRef(MINT.document(doc_id))


def graph_iri(doc_id: str) -> URIRef:
    """The IRI of the named graph holding what one document says.

    >>> str(graph_iri("a027.txt"))
    'https://w3id.org/kg-news/id/graph_7dc71917bd3d78b7'
    """
    return URIRef(MINT.graph(doc_id))


def evidence_iri(relation_id: str, doc_id: str, start: int, end: int, trigger: str | None) -> URIRef:
    """The IRI of one piece of evidence of a relation.

    >>> evidence_iri("rel-1", "a.txt", 0, 5, "率领").startswith(str(KGR) + "rel-1_ev-")
    True
    """
    return URIRef(MINT.evidence(relation_id, doc_id, start, end, trigger))


def mention_iri(entity_id: str, doc_id: str, start: int, end: int) -> URIRef:
    """The IRI of one mention of an entity.

    >>> mention_iri("per-1", "a.txt", 0, 3).startswith(str(KGR) + "per-1_m-")
    True
    """
    return URIRef(MINT.mention(entity_id, doc_id, start, end))


def time_iri(event_id: str, part: str) -> URIRef:
    """The IRI of an event's OWL-Time entity: ``part`` is time, start or end.

    >>> str(time_iri("evt-1", "start"))
    'https://w3id.org/kg-news/id/evt-1_start'
    """
    return URIRef(MINT.time(event_id, part))


def ontology_path(name: str = "kg.ttl") -> Path:
    """The ontology file shipped in the package (``kg.ttl`` or ``shapes.ttl``).

    >>> ontology_path().name
    'kg.ttl'
    """
    if name not in ("kg.ttl", "shapes.ttl"):
        raise ValueError(f"ontology file {name!r}: expected kg.ttl or shapes.ttl")
    return Path(__file__).resolve().parents[1] / "ontology" / name
