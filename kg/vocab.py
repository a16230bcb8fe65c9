"""The project's namespace, mirroring ``ontology/kg.ttl``.

Every IRI kg writes comes from here.  ``KG`` is a closed namespace: a
misspelt term raises instead of minting a new IRI.  Instance IRIs are minted
from stable entity ids (never from names in the text).
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = ["KG", "KGR", "ONTOLOGY_IRI", "RELATION_PROPERTY", "CLASS_OF", "instance"]

ONTOLOGY_IRI = URIRef("https://w3id.org/kg-news/ontology")


class KG(DefinedNamespace):
    """Classes and properties of the kg ontology."""

    _fail = True
    _NS = Namespace("https://w3id.org/kg-news/ontology#")

    Person: URIRef
    Organization: URIRef
    Place: URIRef
    Position: URIRef
    Document: URIRef
    Event: URIRef
    leads: URIRef
    accompanies: URIRef
    visits: URIRef
    signs: URIRef
    holdsPosition: URIRef
    attends: URIRef
    speaksAt: URIRef
    meets: URIRef


#: Namespace of instances (entities, documents, relations).
KGR = Namespace("https://w3id.org/kg-news/id/")

RELATION_PROPERTY = {
    "leads": KG.leads, "accompanies": KG.accompanies, "visits": KG.visits, "signs": KG.signs,
    "holds_position": KG.holdsPosition, "attends": KG.attends, "speaks_at": KG.speaksAt,
    "meets": KG.meets,
}
CLASS_OF = {"Person": KG.Person, "Organization": KG.Organization, "Place": KG.Place,
            "Position": KG.Position, "Document": KG.Document, "Event": KG.Event}


def instance(entity_id: str) -> URIRef:
    """The IRI of an entity, minted from its stable id.

    >>> str(instance("per-7a5c9c8b5d2e"))
    'https://w3id.org/kg-news/id/per-7a5c9c8b5d2e'
    """
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in entity_id)
    return KGR[safe]
