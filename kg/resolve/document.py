"""What one document says, as plain frozen values keyed by entity identity.

:func:`analyze_spans` maps a document's spans, relations and events back to its original text
and keys each mention by the entity it names (:func:`span_key`), so that worker processes can
return it and a store can keep it (:class:`DocAnalysis`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from kg.extract.spans import EventDraft, Found, Span
from kg.lexicon import world_countries
from kg.text.normalize import NormalizedText
from kg.types import Document, Evidence, Mention

__all__ = ["DocAnalysis", "LocalRelation", "LocalEvent", "span_key", "analyze_spans", "stable_id"]

_PREFIX = {"Person": "per", "Organization": "org", "Place": "plc", "Position": "pos",
           "Document": "doc", "Event": "evt"}


def stable_id(type_: str, key: str) -> str:
    """A stable id for an entity: type prefix and a hash of its identity key.

    >>> stable_id("Person", "刘家义")
    'per-7576db3902b6'
    """
    digest = hashlib.sha1(f"{type_}|{key}".encode()).hexdigest()[:12]
    return f"{_PREFIX.get(type_, 'ent')}-{digest}"


def span_key(span: Span) -> tuple[str, str]:
    """The identity key of a span: ``(type, key)``.

    >>> from kg.extract.spans import SpanAttrs
    >>> span_key(Span(0, 2, "Place", "北京", "gazetteer", attrs=SpanAttrs(full="北京市", level=1)))
    ('Place', '北京市')
    """
    if span.attrs.reference and span.attrs.target is not None:
        return span_key(span.attrs.target)
    if span.type == "Place":
        return ("Place", span.attrs.full or span.name)
    if span.type == "Organization":
        return ("Organization", span.attrs.canonical or span.name)
    return (span.type, span.name)


def _display_forms(span: Span) -> list[str]:
    """Names a span offers for its entity, best first: the name as the text writes it (蒙古国,
    印尼), but a state's formal name (芬兰共和国 of 芬兰共和国总统, 俄罗斯联邦) by the short name
    readers use (芬兰, 俄罗斯): annotators list a country so, and its formal name mostly stands
    in titles, agreements and ceremonies.

    >>> from kg.extract.spans import SpanAttrs
    >>> [_display_forms(Span(0, 5, "Place", n, "gazetteer", attrs=SpanAttrs(category="country", full=f)))[0]
    ...  for n, f in (("芬兰共和国", "芬兰"), ("蒙古国", "蒙古"), ("印尼", "印度尼西亚"))]
    ['芬兰', '蒙古国', '印尼']
    """
    full, name = span.attrs.full, span.name
    if span.type == "Place" and span.attrs.category == "country" and full and name != full:
        # (台湾地区 is 台湾 too; 蒙古国, the formal name of 蒙古, is what its readers write)
        if name == full + "地区" or (name == _formal_state_names().get(full) and name != full + "国"):
            return [full]
    return [name]


@lru_cache(maxsize=1)
def _formal_state_names() -> dict[str, str]:
    """Each country's formal name by its short name (芬兰: 芬兰共和国)."""
    return {short: formal for short, formal, *_ in world_countries()}


@dataclass(frozen=True)
class LocalRelation:
    """A relation of one document, between entity keys."""

    type: str
    subject: tuple[str, str]
    object: tuple[str, str] | None
    confidence: float
    evidence: Evidence


@dataclass(frozen=True)
class LocalEvent:
    """An event of one document, its roles given as entity keys."""

    key: str
    event_type: str
    name: str
    cameo: str
    date: str | None
    place: tuple[str, str] | None
    roles: tuple[tuple[str, tuple[str, str]], ...]
    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class DocAnalysis:
    """Everything extraction found in one document, in plain frozen picklable values
    (so that worker processes and Dask can return it and a store can keep it).

    ``mentions`` pairs each mention with its entity key and the names it offers for the
    entity; ``attributes`` maps a Position's key to its ``title`` and ``body``.
    """

    document: Document
    mentions: tuple[tuple[tuple[str, str], Mention, tuple[str, ...]], ...] = ()
    relations: tuple[LocalRelation, ...] = ()
    events: tuple[LocalEvent, ...] = ()
    attributes: Mapping[tuple[str, str], Mapping[str, str]] = field(default_factory=dict)


def analyze_spans(document: Document, normalized: NormalizedText, spans: list[Span],
                  found: list[Found], events: list[EventDraft]) -> DocAnalysis:
    """Map a document's spans, relations and events back to the original text."""
    doc_id = document.id
    original = document.text
    mentions: list[tuple[tuple[str, str], Mention, tuple[str, ...]]] = []
    relations: list[LocalRelation] = []
    local_events: list[LocalEvent] = []
    attributes: dict[tuple[str, str], dict[str, str]] = {}

    def mention(sp: Span, source: str | None = None) -> Mention:
        a, b = normalized.span(sp.start, sp.end)
        return Mention(doc_id, a, b, original[a:b], sp.type, sp.name, source or sp.source, sp.score)

    seen: set[tuple[int, int, str]] = set()
    named: set[tuple[int, int, str, tuple[str, str]]] = set()  # (… and the entity each mention names)
    for sp in spans:
        if sp.type == "Position" and sp.attrs.bare:
            continue  # a title without its body names no office (see kg.extract.relations)
        key = span_key(sp)
        m = mention(sp)
        if (m.start, m.end, sp.type) in seen:
            continue
        seen.add((m.start, m.end, sp.type))
        named.add((m.start, m.end, sp.type, key))
        mentions.append((key, m, tuple(_display_forms(sp))))
        if sp.type == "Position" and sp.attrs.title:
            attributes.setdefault(key, {}).update(_office_attributes(sp))
    _complete_offices(mentions, found, mention, attributes)
    for f in found:
        for sp in (f.subject, f.object):
            if sp is None or sp.type == "Both":
                continue
            # Entities that only a relation names (a synthetic delegation, a
            # generic 代表团 resolved to the named one) get their mention here;
            # a pronoun is evidence, not a mention.
            if sp.attrs.synthetic or sp.attrs.abbreviation or (
                    sp.attrs.reference and sp.type != "Person"):
                real = sp.attrs.target if sp.attrs.target is not None else sp
                m = mention(sp, "coreference")
                # (two entities a relation implies at one place of the text — the two sides of
                # 双方 read in a document's name — each keep their mention there)
                if (m.start, m.end, sp.type, span_key(real)) not in named and m.end > m.start:
                    seen.add((m.start, m.end, sp.type))
                    named.add((m.start, m.end, sp.type, span_key(real)))
                    mentions.append((span_key(real), m, tuple(_display_forms(real))))
        a, b = normalized.span(*f.sentence)
        evidence = Evidence(doc_id, a, b, original[a:b], f.cue.word if f.cue else None, f.confidence)
        subj = span_key(f.subject)
        obj = span_key(f.object) if f.object is not None else None
        relations.append(LocalRelation(f.type, subj, obj, f.confidence, evidence))
    for i, ev in enumerate(events):
        key = f"{doc_id}#{ev.event_type}{i}"
        triggers = []
        for a0, b0 in ev.triggers:
            a, b = normalized.span(a0, b0)
            triggers.append(Mention(doc_id, a, b, original[a:b], "Event", ev.name, "trigger", 1.0))
        roles = tuple((role, span_key(sp)) for role, sp in ev.roles)
        local_events.append(LocalEvent(key, ev.event_type, ev.name, ev.cameo, ev.date,
                                 span_key(ev.place) if ev.place is not None else None,
                                 roles, tuple(triggers)))
    mentions = _named_entities_only(mentions, relations, local_events)
    return DocAnalysis(document, tuple(mentions), tuple(relations), tuple(local_events), attributes)


def _named_entities_only(mentions: list, relations: list[LocalRelation], events: list[LocalEvent]) -> list:
    """The mentions without the offices nobody holds in the document, where nothing it states
    involves them (行政长官 in a list of those consulted): an office is what a person holds — but for
    the head of the region a Hong Kong or Macao story is set in (特首 of 特首选举), an institution there.

    (A body named only inside its offices, 北京市委 of 北京市委书记, and a place named only by an
    abbreviation, 中 and 美 of 中美关系, stay nodes: the guidelines leave them optional, and the
    public NER sets, People's Daily and CLUENER, count them as names.)
    """
    used = {k for r in relations for k in (r.subject, r.object)}
    used.update(k for ev in events for _, k in ev.roles)
    used.update(ev.place for ev in events)
    home = _home_region(mentions)
    head = ("Position", home + "行政长官") if home else None
    return [x for x in mentions if x[0][0] != "Position" or x[0] in used or x[0] == head]


# The regions whose head's office a story of the region names as an institution, held or not
# (特首选举, 当选特首: the annotations list 香港行政长官 in 111 of the 122 Hong Kong articles that
# write 特首).
_REGIONS = ("香港", "澳门")


def _home_region(mentions: list) -> str:
    """The region of Hong Kong or Macao a story names most, or "" for a story that names neither."""
    counts = {region: sum(1 for key, m, _ in mentions if key[0] == "Place" and key[1].startswith(region))
              for region in _REGIONS}
    best = max(_REGIONS, key=lambda r: counts[r])
    return best if counts[best] else ""


def _complete_offices(mentions: list, found: list[Found], mention, attributes: dict) -> None:
    """Rename, in place, the mention of an office that a relation completed from the list it stands
    in (矿产和能源部长 after 巴西农业部长法瓦罗、 is 巴西矿产和能源部长), or add one for a bare title so
    completed (副总理 → 新加坡副总理): the relation points at the completed office, and so does the
    text's mention of it."""
    at_span = {(m.start, m.end, m.type): i for i, (_, m, _) in enumerate(mentions)}
    keys = {key for key, _, _ in mentions}
    for f in found:
        sp = f.object
        if sp is None or sp.type != "Position" or sp.attrs.synthetic or sp.attrs.reference:
            continue
        key = span_key(sp)
        if key in keys:
            continue
        m = mention(sp)
        entry = (key, m, tuple(_display_forms(sp)))
        i = at_span.setdefault((m.start, m.end, "Position"), len(mentions))
        if i == len(mentions):  # a bare title (副总理), which names no office of its own
            mentions.append(entry)
        else:
            mentions[i] = entry
        keys.add(key)
        attributes.setdefault(key, {}).update(_office_attributes(sp))


def _office_attributes(sp: Span) -> dict[str, str]:
    """The ``title`` and ``body`` an office's node carries, those the span gives."""
    return {k: v for k, v in (("title", sp.attrs.title), ("body", sp.attrs.body)) if v}
