"""RDF output of the graph under the kg ontology (``ontology/kg.ttl``); :mod:`kg.serialize.rdf_read` reads it back.

One list of statements (:func:`statements`), three consumers that say the
same thing: kg's streaming writers (the default of :func:`write_rdf`, fastest:
see ``benchmarks/rdf_write.py``), :func:`to_oxigraph_quads` (for pyoxigraph
stores) and :func:`to_rdflib` (an rdflib ``Dataset``).

* The **default graph** describes entities (type, labels in simplified,
  traditional and pinyin, aliases as ``skos:altLabel``, event dates, places,
  CAMEO codes and roles), source documents (title, date, outlet) and each
  relation's qualified node (an ``rdf:Statement`` with its confidence).
* The **plain edges** (``kgr:per-… kg:leads kgr:org-…``) are in the default
  graph too, so simple queries stay simple.
* One **named graph per source document** holds what that document says: the
  evidence of each relation (sentence, offsets, cue word, confidence,
  ``prov:wasQuotedFrom`` the document) and the mentions of each entity, so
  provenance survives a merge.  No statement is in two graphs.

Turtle and N-Triples hold the union of it all in one graph.  Every IRI comes
from :mod:`kg.serialize.vocab` (minted from ids); text from articles only ever appears
inside escaped literals.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from functools import lru_cache
from types import SimpleNamespace
from typing import IO, Any

from kg.errors import OutputError
from kg.graph import KnowledgeGraph
from kg.serialize.rdf_formats import DATASET_FORMATS, MENTION_FORMS, canonical_format, oxigraph_format
from kg.types import Document, Entity, Relation

__all__ = ["ENGINES", "turtle_prefixes", "write_turtle_blocks", "statements", "vocab_terms", "to_oxigraph_quads", "to_rdflib", "vocabulary", "write_rdf"]

#: Serializers :func:`write_rdf` can use; ``kg`` (the default) is the fastest.
ENGINES = ("kg", "oxigraph", "rdflib")


def vocabulary():
    # kg.serialize.vocab imports rdflib; keep that out of ``import kg.serialize.rdf`` itself.
    import kg.serialize.vocab as v

    return v


@lru_cache(maxsize=1)
def vocab_terms() -> SimpleNamespace:
    """The IRIs kg writes, as plain strings (rdflib's URIRef is slow to build and hash in
    loops over millions of statements), and the vocabulary tables keyed by them."""
    v = vocabulary()
    t: dict[str, Any] = {name: str(v.KG[name]) for name in v.KG.__annotations__}
    t.update(type=str(v.RDF.type), subject=str(v.RDF.subject), predicate=str(v.RDF.predicate),
             object=str(v.RDF.object), label=str(v.RDFS.label), prefLabel=str(v.SKOS.prefLabel),
             altLabel=str(v.SKOS.altLabel), identifier=str(v.DCTERMS.identifier),
             title=str(v.DCTERMS.title), date=str(v.DCTERMS.date), url=str(v.SDO.url),
             postIn=str(v.ORG.postIn), wasDerivedFrom=str(v.PROV.wasDerivedFrom),
             wasQuotedFrom=str(v.PROV.wasQuotedFrom), hasTime=str(v.TIME.hasTime),
             Instant=str(v.TIME.Instant), ProperInterval=str(v.TIME.ProperInterval),
             hasBeginning=str(v.TIME.hasBeginning), hasEnd=str(v.TIME.hasEnd),
             json=str(v.RDF.JSON), xsd=str(v.XSD), time=str(v.TIME._NS))
    t["integer"], t["decimal"], t["anyURI"] = (t["xsd"] + n for n in ("integer", "decimal", "anyURI"))
    t["class_of"] = {k: str(c) for k, c in v.CLASS_OF.items()}
    t["type_of_class"] = {str(c): k for k, c in v.CLASS_OF.items()}
    t["event_class"] = {k: str(c) for k, c in v.EVENT_CLASS.items()}
    t["event_type_of_class"] = {str(c): k for k, c in v.EVENT_CLASS.items()}
    t["role"] = {k: str(c) for k, c in v.ROLE_PROPERTY.items()}
    t["role_of_property"] = {str(c): k for k, c in v.ROLE_PROPERTY.items()}
    t["relation"] = {k: str(c) for k, c in v.RELATION_PROPERTY.items()}
    t["relation_of_property"] = {str(c): k for k, c in v.RELATION_PROPERTY.items()}
    t["labels"] = dict(v.LABEL_LANGUAGES)
    return SimpleNamespace(**t)


# ------------------------------------------------------------------------ statements
#
# A statement is (s, p, o, g): s, p and IRI objects are IRI strings, a literal object is a
# plain tuple (value, language tag or None, datatype IRI or None), g is a graph IRI or None
# for the default graph.  Builders append to a list (much faster than nested generators).


def _decimal(x: float) -> str | None:
    """The xsd:decimal lexical form of ``x`` (shortest exact), or None if not finite.

    >>> _decimal(0.75), _decimal(1), _decimal(1e-05)
    ('0.75', '1.0', '0.00001')
    """
    x = float(x)
    if not math.isfinite(x):
        return None
    s = format(Decimal(repr(x)), "f")
    return s if "." in s else s + ".0"


_DATE_FORMS = ((re.compile(r"\d{4}-\d{2}-\d{2}\Z"), "date", "inXSDDate"),
               (re.compile(r"\d{4}-\d{2}\Z"), "gYearMonth", "inXSDgYearMonth"),
               (re.compile(r"\d{4}\Z"), "gYear", "inXSDgYear"))


def _date_kind(value: str) -> tuple[str, str] | None:
    """(xsd datatype name, OWL-Time property name) of an ISO 8601 date, or None."""
    for pattern, xsd_name, time_prop in _DATE_FORMS:
        if pattern.match(value):
            return xsd_name, time_prop
    return None


def _date_lit(value: str) -> tuple:
    kind = _date_kind(value)
    return (value, None, vocab_terms().xsd + kind[0]) if kind else (value, None, None)


def _add_document(out: list, d: Document, named_graphs: bool) -> None:
    t, mint = vocab_terms(), vocabulary().MINT
    D = mint.document(d.id)
    out.append((D, t.type, t.SourceDocument, None))
    out.append((D, t.identifier, (str(d.id), None, None), None))
    if d.path:
        out.append((D, t.filePath, (str(d.path), None, None), None))
    if d.title:
        out.append((D, t.title, (str(d.title), None, None), None))
    if d.date:
        out.append((D, t.date, _date_lit(str(d.date)), None))
    if d.source:
        out.append((D, t.outlet, (str(d.source), None, None), None))
    url = d.meta.get("url") if d.meta else None
    if isinstance(url, str) and url:
        out.append((D, t.url, (url, None, t.anyURI), None))
    if named_graphs:
        out.append((mint.graph(d.id), t.wasDerivedFrom, D, None))


def _add_mentions(out: list, e: Entity, E: str, named_graphs: bool) -> None:
    t, mint = vocab_terms(), vocabulary().MINT
    mentions = {}
    for m in e.mentions:
        mentions.setdefault(mint.mention(e.id, m.doc, m.start, m.end), m)
    graphs = {M: mint.graph(m.doc) if named_graphs else None for M, m in mentions.items()}
    # all links first, then each mention: Turtle then writes one block per subject
    out += [(E, t.hasMention, M, graphs[M]) for M in mentions]
    for M, m in mentions.items():
        g = graphs[M]
        out += [(M, t.type, t.Mention, g), (M, t.wasQuotedFrom, mint.document(m.doc), g),
                (M, t.text, (str(m.text), None, None), g),
                (M, t.startOffset, (str(int(m.start)), None, t.integer), g),
                (M, t.endOffset, (str(int(m.end)), None, t.integer), g)]
        if m.source:
            out.append((M, t.foundBy, (str(m.source), None, None), g))


def _add_mention_spans(out: list, e: Entity, E: str, named_graphs: bool) -> None:
    """The compact form: per document, ``kg:mentionedIn`` it and one JSON literal of the spans."""
    t, mint = vocab_terms(), vocabulary().MINT
    by_doc: dict[str, dict[tuple[int, int], list]] = {}
    for m in e.mentions:
        by_doc.setdefault(m.doc, {}).setdefault((int(m.start), int(m.end)), [int(m.start), int(m.end), str(m.text),
                                                                              str(m.source or "")])
    for doc, spans in by_doc.items():
        g = mint.graph(doc) if named_graphs else None
        value = json.dumps({"doc": str(doc), "spans": sorted(spans.values())}, ensure_ascii=False,
                           separators=(",", ":"))
        out += [(E, t.mentionedIn, mint.document(doc), g), (E, t.mentionSpans, (value, None, t.json), g)]


def _add_mention_links(out: list, e: Entity, E: str, named_graphs: bool) -> None:
    """The leanest form: ``kg:mentionedIn`` each document that names the entity, no spans."""
    t, mint = vocab_terms(), vocabulary().MINT
    for doc in dict.fromkeys(m.doc for m in e.mentions):
        out.append((E, t.mentionedIn, mint.document(doc), mint.graph(doc) if named_graphs else None))


def _add_event(out: list, e: Entity, E: str) -> None:
    t, mint = vocab_terms(), vocabulary().MINT
    a = e.attributes
    if a.get("cameo"):
        out.append((E, t.cameoCode, (str(a["cameo"]), None, None), None))
    if a.get("date"):
        _add_date(out, e.id, E, str(a["date"]))
    if a.get("place"):
        out.append((E, t.hasPlace, mint.entity(str(a["place"])), None))
    seen = set()
    for role in a.get("roles") or ():
        if not isinstance(role, dict) or not role.get("entity"):
            continue
        key = (t.role.get(str(role.get("role")), t.hasParticipant), str(role["entity"]))
        if key not in seen:
            seen.add(key)
            out.append((E, key[0], mint.entity(key[1]), None))


def _add_date(out: list, event_id: str, E: str, date: str) -> None:
    """``kg:startDate``/``kg:endDate`` for simple queries, and the OWL-Time description."""
    t, mint = vocab_terms(), vocabulary().MINT
    start, _, end = date.partition("/")
    kinds = (_date_kind(start), _date_kind(end or start))
    if not (kinds[0] and kinds[1]):
        out.append((E, t.date, (date, None, None), None))  # not ISO 8601: kept as text
        return
    out.append((E, t.startDate, _date_lit(start), None))
    out.append((E, t.endDate, _date_lit(end or start), None))
    T = mint.time(event_id, "time")
    out.append((E, t.hasTime, T, None))
    if not end:
        out += [(T, t.type, t.Instant, None), (T, t.time + kinds[0][1], _date_lit(start), None)]
        return
    out.append((T, t.type, t.ProperInterval, None))
    for part, prop, value, kind in (("start", t.hasBeginning, start, kinds[0]),
                                    ("end", t.hasEnd, end, kinds[1])):
        instant = mint.time(event_id, part)
        out += [(T, prop, instant, None), (instant, t.type, t.Instant, None),
                (instant, t.time + kind[1], _date_lit(value), None)]


#: Attributes written with their own properties; any other attribute goes to kg:extraAttributes.
_MODELLED = {"Position": ("title", "body"), "Event": ("event_type", "date", "place", "cameo", "roles")}


def _add_entity(out: list, e: Entity, orgs: dict[str, str], named_graphs: bool, mentions: str = "nodes") -> None:
    t, mint = vocab_terms(), vocabulary().MINT
    cls = t.class_of.get(e.type)
    if cls is None:
        raise OutputError(f"entity {e.id!r}: unknown type {e.type!r} (expected one of "
                          f"{', '.join(t.class_of)})")
    E = mint.entity(e.id)
    out.append((E, t.type, cls, None))
    if e.type == "Event":
        etype = e.attributes.get("event_type")
        if etype in t.event_class:
            out.append((E, t.type, t.event_class[etype], None))
        elif etype:
            out.append((E, t.eventType, (str(etype), None, None), None))
    out.append((E, t.identifier, (str(e.id), None, None), None))
    out.append((E, t.prefLabel, (str(e.name), "zh-Hans", None), None))
    labels = e.labels or {}
    for key, tag in t.labels.items():
        value = labels.get(key) or (e.name if key == "zh-Hans" else None)
        if value:
            out.append((E, t.label, (str(value), tag, None), None))
    for alias in dict.fromkeys(e.aliases):
        if alias and alias != e.name:  # SKOS: a prefLabel is never also an altLabel
            out.append((E, t.altLabel, (str(alias), "zh-Hans", None), None))
    if e.type == "Position":
        a = e.attributes
        if a.get("title"):
            out.append((E, t.positionTitle, (str(a["title"]), None, None), None))
        if a.get("body"):
            out.append((E, t.positionBody, (str(a["body"]), None, None), None))
            if a["body"] in orgs:
                out.append((E, t.postIn, mint.entity(orgs[a["body"]]), None))
    elif e.type == "Event":
        _add_event(out, e, E)
    extra = {k: v for k, v in e.attributes.items() if k not in _MODELLED.get(e.type, ())}
    if extra:
        text = json.dumps(extra, ensure_ascii=False, sort_keys=True, default=str)
        out.append((E, t.extraAttributes, (text, None, t.json), None))
    if mentions == "compact":
        _add_mention_spans(out, e, E, named_graphs)
    elif mentions == "links":
        _add_mention_links(out, e, E, named_graphs)
    else:
        _add_mentions(out, e, E, named_graphs)


def _add_relation(out: list, r: Relation, named_graphs: bool) -> None:
    t, mint = vocab_terms(), vocabulary().MINT
    P = t.relation.get(r.type)
    if P is None:
        raise OutputError(f"relation {r.id!r}: unknown type {r.type!r} (expected one of "
                          f"{', '.join(t.relation)})")
    R, S = mint.relation(r.id), mint.entity(r.subject)
    O = mint.entity(r.object) if r.object is not None else None  # noqa: E741 (subject/predicate/object)
    out += [(R, t.type, t.Relation, None), (R, t.identifier, (str(r.id), None, None), None),
            (R, t.subject, S, None), (R, t.predicate, P, None)]
    if O is not None:
        out.append((R, t.object, O, None))
    conf = _decimal(r.confidence)
    if conf is not None:
        out.append((R, t.confidence, (conf, None, t.decimal), None))
    evidence = {}
    for ev in r.evidence:
        evidence.setdefault(mint.evidence(r.id, ev.doc, ev.start, ev.end, ev.trigger), ev)
    graphs = {EV: mint.graph(ev.doc) if named_graphs else None for EV, ev in evidence.items()}
    out += [(R, t.hasEvidence, EV, graphs[EV]) for EV in evidence]
    # The plain edge, in the default graph: a triple in several graphs would come back once
    # per graph from a union-default-graph query.  meets is symmetric: both directions.
    if O is not None:
        out.append((S, P, O, None))
        if r.type == "meets" and O != S:
            out.append((O, P, S, None))
    for EV, ev in evidence.items():
        g = graphs[EV]
        out += [(EV, t.type, t.Evidence, g), (EV, t.wasQuotedFrom, mint.document(ev.doc), g),
                (EV, t.text, (str(ev.text), None, None), g),
                (EV, t.startOffset, (str(int(ev.start)), None, t.integer), g),
                (EV, t.endOffset, (str(int(ev.end)), None, t.integer), g)]
        if ev.trigger:
            out.append((EV, t.trigger, (str(ev.trigger), None, None), g))
        conf = _decimal(ev.confidence)
        if conf is not None:
            out.append((EV, t.confidence, (conf, None, t.decimal), g))


def statements(kg: KnowledgeGraph, named_graphs: bool = True, mentions: str = "nodes") -> Iterator[tuple]:
    """Every statement of the RDF form of ``kg``, as ``(s, p, o, g)``.

    ``s``, ``p`` and IRI objects are IRI strings minted by :mod:`kg.serialize.vocab`; a
    literal object is a tuple ``(value, language or None, datatype or None)``;
    ``g`` is a named graph IRI, or None for the default graph.  With
    ``named_graphs=False`` every ``g`` is None and no statement repeats.
    ``mentions`` is ``"nodes"`` (a ``kg:Mention`` node for each occurrence of a name),
    ``"compact"`` (per entity and document, ``kg:mentionedIn`` the document and one
    ``kg:mentionSpans`` JSON literal: a sixth of the statements) or ``"links"`` (the
    ``kg:mentionedIn`` links alone); see :data:`kg.serialize.rdf_formats.MENTION_FORMS`.

    >>> from kg.types import Entity
    >>> kg = KnowledgeGraph(entities=[Entity("per-1", "Person", "刘家义")])
    >>> [o for s, p, o, g in statements(kg) if p.endswith("#prefLabel")]
    [('刘家义', 'zh-Hans', None)]
    """
    _check_mentions(mentions)
    out: list[tuple] = []
    for d in kg.documents:
        _add_document(out, d, named_graphs)
    # Documents that evidence or mentions cite but the graph does not list (a partial graph).
    known = {d.id for d in kg.documents}
    cited = {m.doc for e in kg.entities for m in e.mentions}
    cited.update(ev.doc for r in kg.relations for ev in r.evidence)
    for doc_id in sorted(cited - known):
        _add_document(out, Document(id=doc_id, text=""), named_graphs)
    yield from out
    orgs: dict[str, str] = {}
    for e in kg.entities:
        if e.type == "Organization":
            orgs.setdefault(e.name, e.id)
    for e in kg.entities:
        out = []
        _add_entity(out, e, orgs, named_graphs, mentions)
        yield from out
    for r in kg.relations:
        out = []
        _add_relation(out, r, named_graphs)
        yield from out


# ------------------------------------------------------------------ pyoxigraph, rdflib


def _oxigraph_terms():
    """(node, literal) makers for pyoxigraph, caching the IRIs that repeat."""
    from pyoxigraph import Literal, NamedNode

    nodes: dict[str, Any] = {}

    def node(iri: str):
        n = nodes.get(iri)
        if n is None:
            if len(nodes) > 200_000:  # bound memory on huge graphs; the cache only saves time
                nodes.clear()
            n = nodes[iri] = NamedNode(iri)
        return n

    def literal(o: tuple):
        value, lang, datatype = o
        try:
            if lang:
                return Literal(value, language=lang)
            return Literal(value, datatype=node(datatype)) if datatype else Literal(value)
        except ValueError:
            # A lone surrogate (input decoded with surrogateescape) has no UTF-8 form.
            return literal((_clean(value), lang, datatype))

    return node, literal


def _clean(value: str) -> str:
    clean = value.encode("utf-8", "replace").decode("utf-8")
    if clean == value:
        raise OutputError(f"cannot write the literal {value[:40]!r} as RDF")
    return clean


def to_oxigraph_quads(kg: KnowledgeGraph, batch: int = 20_000, mentions: str = "nodes") -> Iterator:
    """The graph as ``pyoxigraph.Quad`` objects: the default graph plus one named graph per
    document (what ``kg.corpus.store`` loads into an on-disk store).

    Statements go through kg's N-Quads writer and pyoxigraph's parser in batches,
    which is about twice as fast as building each term object from Python.

    >>> quad = next(iter(to_oxigraph_quads(KnowledgeGraph([Document("a.txt", "")]))))
    >>> quad.predicate.value
    'http://www.w3.org/1999/02/22-rdf-syntax-ns#type'
    """
    from pyoxigraph import RdfFormat, parse

    lines: list[str] = []
    for statement in statements(kg, named_graphs=True, mentions=mentions):
        lines.append(_nquad(statement))
        if len(lines) >= batch:
            yield from parse("".join(lines).encode("utf-8", "replace"), format=RdfFormat.N_QUADS)
            lines.clear()
    if lines:
        yield from parse("".join(lines).encode("utf-8", "replace"), format=RdfFormat.N_QUADS)


def _oxigraph_objects(kg: KnowledgeGraph, quads: bool, mentions: str = "nodes") -> Iterator:
    """pyoxigraph Quads (or Triples) built term by term: what ``engine="oxigraph"`` writes."""
    from pyoxigraph import DefaultGraph, Quad, Triple

    node, literal = _oxigraph_terms()
    default = DefaultGraph()
    for s, p, o, g in statements(kg, named_graphs=quads, mentions=mentions):
        obj = literal(o) if type(o) is tuple else node(o)
        if quads:
            yield Quad(node(s), node(p), obj, default if g is None else node(g))
        else:
            yield Triple(node(s), node(p), obj)


def to_rdflib(kg: KnowledgeGraph, named_graphs: bool = True, mentions: str = "nodes"):
    """The graph in rdflib: a ``Dataset`` (entity descriptions in the default graph, one
    named graph per document; queries see the union), or with ``named_graphs=False``
    a plain ``Graph`` of the same statements (what Turtle and N-Triples hold).

    >>> ds = to_rdflib(KnowledgeGraph([Document("a.txt", "", title="标题")]))
    >>> len(ds)
    4
    """
    from rdflib import Dataset, Graph, Literal, URIRef

    target = Dataset(default_union=True) if named_graphs else Graph()
    for prefix, ns in vocabulary().PREFIXES.items():
        target.bind(prefix, ns)
    graphs: dict[str | None, Any] = {None: target.default_graph if named_graphs else target}
    for s, p, o, g in statements(kg, named_graphs=named_graphs, mentions=mentions):
        graph = graphs.get(g)
        if graph is None:
            graph = graphs[g] = target.graph(URIRef(g))
        if type(o) is tuple:
            obj = Literal(o[0], lang=o[1], datatype=URIRef(o[2]) if o[2] else None)
        else:
            obj = URIRef(o)
        graph.add((URIRef(s), URIRef(p), obj))
    return target


# ------------------------------------------------------------------- kg's own writers
#
# Every IRI is minted by kg.serialize.vocab from safe characters, so IRIs need no escaping; literals are
# escaped per N-Triples/Turtle (quote, backslash, line breaks and every other control char).

_ESCAPES = {c: f"\\u{c:04X}" for c in [*range(0x20), 0x7F]}
_ESCAPES.update({ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r",
                 ord("\t"): "\\t"})
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\]')
_TURTLE_NUMBER = {"integer": re.compile(r"[+-]?\d+\Z"), "decimal": re.compile(r"[+-]?\d*\.\d+\Z")}
_PN_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?\Z")


def _quoted(value: str) -> str:
    if _NEEDS_ESCAPE.search(value):
        value = value.translate(_ESCAPES)
    return f'"{value}"'


def _nt_term(o) -> str:
    if type(o) is not tuple:
        return f"<{o}>"
    value, lang, datatype = o
    if lang:
        return f"{_quoted(value)}@{lang}"
    return f"{_quoted(value)}^^<{datatype}>" if datatype else _quoted(value)


#: Turtle spellings of IRIs kept at most (a corpus graph names a million).
_NAMES_KEPT = 200_000


class _TurtleTerms:
    """Turtle spellings of terms: prefixed names where valid, numbers bare, 'a' for rdf:type."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        self.namespaces = sorted(((ns, p) for p, ns in prefixes.items()), key=lambda x: -len(x[0]))
        self.cache: dict[str, str] = {}
        self._forget()
        self.numbers = {vocab_terms().xsd + k: pattern for k, pattern in _TURTLE_NUMBER.items()}

    def _forget(self) -> None:
        # ('a' for rdf:type stays: a graph's 200,001st IRI must not change how types are written.)
        self.cache.clear()
        self.cache[vocab_terms().type] = "a"

    def iri(self, iri: str) -> str:
        name = self.cache.get(iri)
        if name is None:
            name = f"<{iri}>"
            for ns, prefix in self.namespaces:
                if iri.startswith(ns) and _PN_LOCAL.match(iri, len(ns)):
                    name = f"{prefix}:{iri[len(ns):]}"
                    break
            if len(self.cache) > _NAMES_KEPT:
                self._forget()
            self.cache[iri] = name
        return name

    def object(self, o) -> str:
        if type(o) is not tuple:
            return self.iri(o)
        value, lang, datatype = o
        if lang:
            return f"{_quoted(value)}@{lang}"
        if datatype:
            number = self.numbers.get(datatype)
            if number is not None and number.match(value):
                return value
            return f"{_quoted(value)}^^{self.iri(datatype)}"
        return _quoted(value)


def _chunks(lines: Iterable[str], fh: IO[bytes], size: int = 4096) -> None:
    buffer: list[str] = []
    for line in lines:
        buffer.append(line)
        if len(buffer) >= size:
            fh.write("".join(buffer).encode("utf-8", "replace"))
            buffer.clear()
    fh.write("".join(buffer).encode("utf-8", "replace"))


def _nquad(statement: tuple) -> str:
    s, p, o, g = statement
    if g is None:
        return f"<{s}> <{p}> {_nt_term(o)} .\n"
    return f"<{s}> <{p}> {_nt_term(o)} <{g}> .\n"


def _write_ntriples(kg: KnowledgeGraph, fh: IO[bytes], quads: bool, mentions: str) -> None:
    _chunks(map(_nquad, statements(kg, named_graphs=quads, mentions=mentions)), fh)


def _turtle_block(triples: Iterable[tuple], terms: _TurtleTerms, indent: str) -> Iterator[str]:
    """Turtle for a run of triples: consecutive statements about one subject share a block
    (``;``), and consecutive objects of one predicate share a line (``,``)."""
    subject = predicate = None
    for s, p, o in triples:
        if s == subject and p == predicate:
            yield f", {terms.object(o)}"
        elif s == subject:
            predicate = p
            yield f" ;\n{indent}    {terms.iri(p)} {terms.object(o)}"
        else:
            if subject is not None:
                yield " .\n\n"
            subject, predicate = s, p
            yield f"{indent}{terms.iri(s)} {terms.iri(p)} {terms.object(o)}"
    if subject is not None:
        yield " .\n"


def _prefix_lines(prefixes: dict[str, str]) -> Iterator[str]:
    for prefix, ns in prefixes.items():
        yield f"@prefix {prefix}: <{ns}> .\n"
    yield "\n"


def _write_turtle(kg: KnowledgeGraph, fh: IO[bytes], mentions: str) -> None:
    prefixes = vocabulary().PREFIXES
    terms = _TurtleTerms(prefixes)

    def lines() -> Iterator[str]:
        yield from _prefix_lines(prefixes)
        yield from _turtle_block(((s, p, o) for s, p, o, _ in statements(kg, False, mentions)),
                                 terms, "")

    _chunks(lines(), fh)


def turtle_prefixes() -> bytes:
    """The prefix lines kg's Turtle starts with: before any of its blocks (see
    :func:`write_turtle_blocks`), or run of them, they make a Turtle document of its own.

    >>> turtle_prefixes().splitlines()[0].startswith(b"@prefix")
    True
    """
    return "".join(_prefix_lines(vocabulary().PREFIXES)).encode("utf-8")


def write_turtle_blocks(kg: KnowledgeGraph, outputs: Sequence[IO[bytes]], mentions: str = "nodes",
                        blocks: Callable[[str, int, bytes], None] | None = None) -> None:
    """Turtle of ``kg`` (the bytes :func:`write_rdf` writes as ``turtle``) written to each of
    ``outputs``; ``blocks``, when given, is called with each block of statements about one
    subject: the subject, the block's byte offset and its bytes (a store notes what it loads
    with them; after :func:`turtle_prefixes` a block is a Turtle document of its own).

    >>> import io
    >>> ttl, seen = io.BytesIO(), []
    >>> write_turtle_blocks(KnowledgeGraph([Document("a.txt", "")]), [ttl],
    ...                     blocks=lambda s, at, data: seen.append(data))
    >>> ttl.getvalue().decode().count("kg:SourceDocument"), len(seen)
    (1, 1)
    """
    _check_mentions(mentions)
    terms = _TurtleTerms(vocabulary().PREFIXES)
    head = turtle_prefixes()
    pending: list[bytes] = [head]
    size = len(head)

    def emit(data: bytes) -> None:
        nonlocal size
        pending.append(data)
        size += len(data)
        if size >= 1 << 20:
            flush()

    def flush() -> None:
        nonlocal size
        data = b"".join(pending)
        for fh in outputs:
            fh.write(data)
        pending.clear()
        size = 0

    subjects: list[str] = []  # the last two subjects, the block being written last

    def triples() -> Iterator[tuple]:
        for s, p, o, _ in statements(kg, False, mentions):
            if not subjects or subjects[-1] != s:
                subjects[:] = [*subjects[-1:], s]
            yield s, p, o

    # _turtle_block writes " .\n\n" between the blocks of two subjects: each block is cut there.
    offset = len(head)
    block: list[str] = []
    for piece in _turtle_block(triples(), terms, ""):
        if piece == " .\n\n":
            data = ("".join(block) + " .\n").encode("utf-8", "replace")
            if blocks is not None:
                blocks(subjects[-2], offset, data)
            emit(data + b"\n")
            offset += len(data) + 1
            block.clear()
        else:
            block.append(piece)
    if block:
        data = "".join(block).encode("utf-8", "replace")
        if blocks is not None:
            blocks(subjects[-1], offset, data)
        emit(data)
    flush()


def _write_trig(kg: KnowledgeGraph, fh: IO[bytes], mentions: str) -> None:
    prefixes = vocabulary().PREFIXES
    terms = _TurtleTerms(prefixes)
    graphs: dict[str | None, list[tuple]] = defaultdict(list)
    for s, p, o, g in statements(kg, named_graphs=True, mentions=mentions):
        graphs[g].append((s, p, o))

    def lines() -> Iterator[str]:
        yield from _prefix_lines(prefixes)
        yield from _turtle_block(graphs.pop(None, ()), terms, "")
        for g, triples in graphs.items():
            yield f"\n{terms.iri(g)} {{\n"
            yield from _turtle_block(triples, terms, "    ")
            yield "}\n"

    _chunks(lines(), fh)


def _write_jsonld(kg: KnowledgeGraph, fh: IO[bytes], mentions: str) -> None:
    """Compacted JSON-LD 1.1: an ``@context`` of the prefixes, one node object per subject,
    and one ``@graph`` object per source document."""
    prefixes = vocabulary().PREFIXES
    terms = _TurtleTerms(prefixes)
    compact = terms.iri  # prefixed names are compact IRIs in JSON-LD too
    rdf_type = vocab_terms().type
    graphs: dict[str | None, dict[str, dict[str, list]]] = defaultdict(lambda: defaultdict(dict))
    for s, p, o, g in statements(kg, named_graphs=True, mentions=mentions):
        node = graphs[g][s]
        if type(o) is tuple:
            value, lang, datatype = o
            item: dict[str, str] = {"@value": value}
            if lang:
                item["@language"] = lang
            elif datatype:
                item["@type"] = _strip_angles(compact(datatype))
            node.setdefault(_strip_angles(compact(p)), []).append(item)
        elif p == rdf_type:
            node.setdefault("@type", []).append(_strip_angles(compact(o)))
        else:
            node.setdefault(_strip_angles(compact(p)), []).append({"@id": _strip_angles(compact(o))})

    def objects(subjects: dict[str, dict]) -> list[dict]:
        return [{"@id": _strip_angles(compact(s)), **props} for s, props in subjects.items()]

    top = objects(graphs.pop(None, {}))
    top += [{"@id": _strip_angles(compact(g)), "@graph": objects(subjects)}
            for g, subjects in graphs.items()]
    text = json.dumps({"@context": dict(prefixes), "@graph": top}, ensure_ascii=False, indent=1)
    fh.write(text.encode("utf-8", "replace"))
    fh.write(b"\n")


def _strip_angles(name: str) -> str:
    return name[1:-1] if name.startswith("<") else name


# --------------------------------------------------------------------------------- write


def write_rdf(kg: KnowledgeGraph, path: str | os.PathLike | IO[bytes], fmt: str = "turtle", *,
              engine: str = "kg", mentions: str = "nodes") -> None:
    """Serialize the graph to ``path`` (atomically) or to an open binary file.

    ``fmt`` is turtle, nt, nquads, trig or json-ld (or ttl, nq, jsonld).
    Turtle and N-Triples hold every statement in one graph; TriG, N-Quads and
    JSON-LD keep one named graph per source document.  ``engine`` picks the
    serializer: ``kg`` (default; streams text, the fastest — see
    ``benchmarks/rdf_write.py``), ``oxigraph`` or ``rdflib``.  All write the same
    statements (oxigraph lower-cases language tags, which RDF allows); JSON-LD
    is always written by kg.  ``mentions`` picks how mentions are written (see
    :data:`MENTION_FORMS`).

    >>> import io
    >>> out = io.BytesIO()
    >>> write_rdf(KnowledgeGraph([Document("a.txt", "", title="标题")]), out, "turtle")
    >>> text = out.getvalue().decode()
    >>> print(text[text.index("kgr:src"):])
    kgr:src_cfc7b4885384957a a kg:SourceDocument ;
        dcterms:identifier "a.txt" ;
        dcterms:title "标题" .
    <BLANKLINE>
    """
    fmt = canonical_format(fmt)
    if engine not in ENGINES:
        raise OutputError(f"RDF engine {engine!r}: expected one of {', '.join(ENGINES)}")
    _check_mentions(mentions)
    if hasattr(path, "write"):
        _serialize(kg, path, fmt, engine, mentions)
        return
    from kg.io import atomic_open

    with atomic_open(path, "wb", encoding=None) as fh:
        _serialize(kg, fh, fmt, engine, mentions)


def _check_mentions(mentions: str) -> None:
    if mentions not in MENTION_FORMS:
        raise OutputError(f"mentions {mentions!r}: expected one of {', '.join(MENTION_FORMS)}")


def _serialize(kg: KnowledgeGraph, fh: IO[bytes], fmt: str, engine: str, mentions: str) -> None:
    if fmt == "json-ld":
        _write_jsonld(kg, fh, mentions)
    elif engine == "rdflib":
        fh.write(to_rdflib(kg, fmt in DATASET_FORMATS, mentions).serialize(format=fmt, encoding="utf-8"))
    elif engine == "oxigraph":
        _write_oxigraph(kg, fh, fmt, mentions)
    elif fmt in ("nt", "nquads"):
        _write_ntriples(kg, fh, fmt == "nquads", mentions)
    elif fmt == "turtle":
        _write_turtle(kg, fh, mentions)
    else:
        _write_trig(kg, fh, mentions)


def _write_oxigraph(kg: KnowledgeGraph, fh: IO[bytes], fmt: str, mentions: str) -> None:
    from pyoxigraph import serialize

    rdf_format = oxigraph_format(fmt)
    items = _oxigraph_objects(kg, fmt in DATASET_FORMATS, mentions)
    prefixes = vocabulary().PREFIXES if fmt in ("turtle", "trig") else None
    serialize(items, fh, rdf_format, prefixes=prefixes)
