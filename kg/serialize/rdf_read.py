"""Reading back what :mod:`kg.serialize.rdf` wrote: an RDF file in any format kg writes (or any
RDF file pyoxigraph parses) becomes a :class:`~kg.graph.KnowledgeGraph` again.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from kg.errors import QueryError
from kg.graph import KnowledgeGraph
from kg.io import open_input
from kg.serialize.rdf import vocab_terms
from kg.serialize.rdf_formats import FORMATS, format_of_path, oxigraph_format
from kg.types import ENTITY_TYPES, Document, Entity, Evidence, Mention, Relation

__all__ = ["graph_from_quads", "parse_rdf_file", "read_rdf_graph"]


def parse_rdf_file(path: str | os.PathLike, fmt: str | None = None) -> Iterator:
    """The quads of an RDF file (parsed by pyoxigraph); ``fmt`` defaults to the suffix's.

    Raises :class:`~kg.errors.QueryError` naming the file when it cannot be read.
    """
    from pyoxigraph import parse

    p = Path(path)
    fmt = FORMATS.get(fmt, fmt) if fmt else format_of_path(p)
    if not p.is_file():
        raise QueryError(f"{p}: no such file")
    try:
        with open_input(p) as fh:
            yield from parse(fh, format=oxigraph_format(fmt))
    except SyntaxError as exc:
        raise QueryError(f"{p}: not valid {fmt}: {exc}") from None
    except (OSError, ValueError, EOFError) as exc:
        raise QueryError(f"{p}: cannot read ({exc})") from None


def read_rdf_graph(path: str | os.PathLike) -> KnowledgeGraph:
    """A :class:`KnowledgeGraph` read back from an RDF file written by kg (any format).

    Documents come back without their text (RDF keeps titles, not articles).

    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "g.trig")
    >>> from kg.serialize.rdf import write_rdf
    >>> write_rdf(KnowledgeGraph(entities=[Entity("per-1", "Person", "刘家义")]), path, "trig")
    >>> read_rdf_graph(path).entities[0].name
    '刘家义'
    """
    p = Path(path)
    kg = graph_from_quads(parse_rdf_file(p))
    if kg is None:
        raise QueryError(f"{p}: no kg entities, relations or documents in this RDF "
                         f"(was it written by kg?)")
    return kg


class _Index:
    """Statements grouped by subject: ``out[s][p]`` is an ordered set of objects."""

    def __init__(self, quads: Iterable) -> None:
        from pyoxigraph import Literal, NamedNode

        self.out: dict[str, dict[str, dict]] = defaultdict(lambda: defaultdict(dict))
        for q in quads:
            o, s = q.object, q.subject
            if isinstance(o, Literal):
                obj: Any = (o.value, o.language, o.datatype.value if o.datatype else None)
            else:
                obj = o.value if isinstance(o, NamedNode) else f"_:{o.value}"
            subject = s.value if isinstance(s, NamedNode) else f"_:{s.value}"
            # dict keys as an ordered set: one statement may be in several graphs
            self.out[subject][q.predicate.value][obj] = None

    def values(self, s: str, p: str) -> list:
        node = self.out.get(s)
        return list(node.get(p, ())) if node else []

    def one(self, s: str, p: str):
        node = self.out.get(s)
        values = node.get(p) if node else None
        return next(iter(values)) if values else None

    def iri(self, s: str, p: str) -> str | None:
        value = self.one(s, p)
        return value if isinstance(value, str) else None

    def text(self, s: str, p: str) -> str | None:
        value = self.one(s, p)
        return value[0] if isinstance(value, tuple) else None

    def number(self, s: str, p: str, kind=int, default=None):
        value = self.text(s, p)
        try:
            return kind(value) if value is not None else default
        except ValueError:
            return default


def graph_from_quads(quads: Iterable) -> KnowledgeGraph | None:
    """A :class:`KnowledgeGraph` from pyoxigraph quads (or triples) of kg's RDF; None if
    they hold no kg entity, relation or document.

    The inverse of :func:`to_oxigraph_quads` up to order: documents, entities
    and relations come back sorted by id, aliases, roles, mentions and
    evidence sorted too.
    """
    t = vocab_terms()
    ix = _Index(quads)
    typed: dict[str, list[str]] = defaultdict(list)
    for s, props in ix.out.items():
        for cls in props.get(t.type, ()):
            typed[cls].append(s)

    def id_of(iri: str) -> str:
        return ix.text(iri, t.identifier) or iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]

    documents = [_read_document(ix, s, id_of(s)) for s in typed[t.SourceDocument]]
    entities = []
    for cls, type_name in t.type_of_class.items():
        entities += [_read_entity(ix, s, type_name, id_of) for s in typed[cls]]
    relations = [r for s in typed[t.Relation] if (r := _read_relation(ix, s, id_of))]
    if not (documents or entities or relations):
        return None
    order = {name: i for i, name in enumerate(ENTITY_TYPES)}
    return KnowledgeGraph(sorted(documents, key=lambda d: d.id),
                          sorted(entities, key=lambda e: (order.get(e.type, 99), e.id)),
                          sorted(relations, key=lambda r: r.id))


def _read_document(ix: _Index, s: str, doc_id: str) -> Document:
    t = vocab_terms()
    url = ix.text(s, t.url)
    return Document(id=doc_id, text="", path=ix.text(s, t.filePath), title=ix.text(s, t.title),
                    date=ix.text(s, t.date), source=ix.text(s, t.outlet),
                    meta={"url": url} if url else {})


def _quote(ix: _Index, s: str, id_of) -> tuple[str, int, int, str]:
    """(document id, start, end, text) of an evidence or mention node."""
    t = vocab_terms()
    doc = ix.iri(s, t.wasQuotedFrom)
    return (id_of(doc) if doc else "", ix.number(s, t.startOffset, int, 0),
            ix.number(s, t.endOffset, int, 0), ix.text(s, t.text) or "")


def _read_entity(ix: _Index, s: str, type_name: str, id_of) -> Entity:
    t = vocab_terms()
    labels: dict[str, str] = {}
    key_of_tag = {tag.lower(): key for key, tag in t.labels.items()}
    for label in ix.values(s, t.label):
        key = key_of_tag.get((label[1] or "").lower()) if isinstance(label, tuple) else None
        if key and key not in labels:
            labels[key] = label[0]
    name = ix.text(s, t.prefLabel) or labels.get("zh-Hans") or id_of(s)
    aliases = tuple(sorted(a[0] for a in ix.values(s, t.altLabel) if isinstance(a, tuple)))
    mentions = []
    for m in ix.values(s, t.hasMention):
        doc, start, end, text = _quote(ix, m, id_of)
        mentions.append(Mention(doc, start, end, text, type_name, name, ix.text(m, t.foundBy) or "rule"))
    for literal in ix.values(s, t.mentionSpans):
        mentions += _compact_mentions(literal, type_name, name)
    mentions = sorted(set(mentions), key=lambda m: (m.doc, m.start, m.end, m.source))
    attributes: dict[str, Any] = {}
    if type_name == "Position":
        for key, prop in (("title", t.positionTitle), ("body", t.positionBody)):
            if ix.text(s, prop) is not None:
                attributes[key] = ix.text(s, prop)
    elif type_name == "Event":
        attributes = _read_event(ix, s, id_of)
    extra = ix.text(s, t.extraAttributes)
    if extra:
        try:
            attributes.update(json.loads(extra))
        except (ValueError, TypeError):
            pass  # not kg's JSON: ignore rather than fail the whole read
    return Entity(id_of(s), type_name, name, labels, aliases, tuple(mentions), attributes)


def _compact_mentions(literal, type_name: str, name: str) -> list[Mention]:
    """The mentions of one ``kg:mentionSpans`` literal (``{"doc", "spans": [[start, end, text,
    found by], ...]}``); what is not that shape is skipped rather than failing the read."""
    try:
        value = json.loads(literal[0] if isinstance(literal, tuple) else literal)
        doc = str(value["doc"])
        return [Mention(doc, int(a), int(b), str(text), type_name, name, str(source) or "rule")
                for a, b, text, source in value["spans"]]
    except (ValueError, TypeError, KeyError):
        return []


def _read_event(ix: _Index, s: str, id_of) -> dict[str, Any]:
    t = vocab_terms()
    classes = ix.values(s, t.type)
    etype = next((t.event_type_of_class[c] for c in classes if c in t.event_type_of_class), None)
    place = ix.iri(s, t.hasPlace)
    roles = []
    for prop, role in t.role_of_property.items():
        roles += [{"role": role, "entity": id_of(o)} for o in ix.values(s, prop) if isinstance(o, str)]
    roles.sort(key=lambda r: (r["role"], r["entity"]))
    return {"event_type": etype or ix.text(s, t.eventType), "date": _read_date(ix, s),
            "place": id_of(place) if place else None, "cameo": ix.text(s, t.cameoCode),
            "roles": roles}


def _read_date(ix: _Index, s: str) -> str | None:
    t = vocab_terms()

    def instant(node: str | None) -> str | None:
        for prop in ("inXSDDate", "inXSDgYearMonth", "inXSDgYear"):
            value = ix.text(node, t.time + prop) if node else None
            if value:
                return value
        return None

    time = ix.iri(s, t.hasTime)
    if time and t.ProperInterval in ix.values(time, t.type):
        start, end = instant(ix.iri(time, t.hasBeginning)), instant(ix.iri(time, t.hasEnd))
        if start and end:
            return f"{start}/{end}"
    elif time and instant(time):
        return instant(time)
    start, end = ix.text(s, t.startDate), ix.text(s, t.endDate)
    if start:
        return start if not end or end == start else f"{start}/{end}"
    return ix.text(s, t.date)


def _read_relation(ix: _Index, s: str, id_of) -> Relation | None:
    t = vocab_terms()
    prop, subject = ix.iri(s, t.predicate), ix.iri(s, t.subject)
    rtype = t.relation_of_property.get(prop) if prop else None
    if rtype is None or subject is None:
        return None
    obj = ix.iri(s, t.object)
    evidence = []
    for ev in ix.values(s, t.hasEvidence):
        doc, start, end, text = _quote(ix, ev, id_of)
        evidence.append(Evidence(doc, start, end, text, ix.text(ev, t.trigger),
                                 ix.number(ev, t.confidence, float, 1.0)))
    evidence.sort(key=lambda e: (e.doc, e.start, e.end, e.trigger or ""))
    return Relation(id_of(s), rtype, id_of(subject), id_of(obj) if obj else None,
                    ix.number(s, t.confidence, float, 1.0), tuple(evidence))
