"""One entity per real-world thing, within a document and across documents.

Within a document, mentions are grouped on an identity key: a place's
gazetteer identity (``北京`` and ``北京市`` are one place), an organisation's
canonical name (``中共`` is ``中国共产党``), a person's or position's name.
Generic words were already resolved to their antecedents by
:mod:`kg.relations` (``代表团`` → the named delegation).

Across documents, entities with the same identity key merge into one node
carrying every mention; people who share a name stay apart when what the
documents say of them conflicts (see :func:`merge`).

Ids are stable: an entity id is a hash of its type and identity key, so the
same entity gets the same id (and IRI) on every run.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from kg.entities import Span
from kg.events import EventDraft
from kg.normalize import NormalizedText, canonical_name, to_traditional
from kg.relations import Found
from kg.types import Document, Entity, Evidence, Mention, Relation

__all__ = ["DocAnalysis", "LocalRelation", "LocalEvent", "span_key", "analyze_spans", "merge",
           "stable_id", "pinyin_label"]

_PREFIX = {"Person": "per", "Organization": "org", "Place": "plc", "Position": "pos",
           "Document": "doc", "Event": "evt"}


def stable_id(type_: str, key: str) -> str:
    """A stable id for an entity: type prefix and a hash of its identity key.

    >>> stable_id("Person", "刘家义")
    'per-7a5c9c8b5d2e'
    """
    digest = hashlib.sha1(f"{type_}|{key}".encode("utf-8")).hexdigest()[:12]
    return f"{_PREFIX.get(type_, 'ent')}-{digest}"


@lru_cache(maxsize=65536)
def pinyin_label(name: str) -> str:
    """Pinyin of a name, syllables separated by spaces.

    >>> pinyin_label("刘家义")
    'liu jia yi'
    """
    from pypinyin import lazy_pinyin

    return " ".join(s for s in lazy_pinyin(name, errors="default") if s.strip())


def span_key(span: Span) -> tuple[str, str]:
    """The identity key of a span: ``(type, key)``.

    >>> span_key(Span(0, 2, "Place", "北京", "gazetteer", attrs={"full": "北京市", "level": 1}))
    ('Place', '北京市')
    """
    if span.attrs.get("reference") and "target" in span.attrs:
        return span_key(span.attrs["target"])
    if span.type == "Place":
        return ("Place", span.attrs.get("full") or span.name)
    if span.type == "Organization":
        return ("Organization", span.attrs.get("canonical") or span.name)
    return (span.type, span.name)


def _display_forms(span: Span) -> list[str]:
    """Names a span offers for its entity, best first."""
    if span.type == "Place" and span.attrs.get("category") == "country":
        return [span.attrs.get("full") or span.name]
    if span.type == "Place" and span.attrs.get("level") in (1, 2) and span.attrs.get("short_name"):
        return [span.attrs["short_name"]]
    return [span.name]


@dataclass
class LocalRelation:
    """A relation of one document, between entity keys."""

    type: str
    subject: tuple[str, str]
    object: tuple[str, str] | None
    confidence: float
    evidence: Evidence


@dataclass
class LocalEvent:
    """An event of one document, its roles given as entity keys."""

    key: str
    event_type: str
    name: str
    cameo: str
    date: str | None
    place: tuple[str, str] | None
    roles: list[tuple[str, tuple[str, str]]]
    mentions: list[Mention]


@dataclass
class DocAnalysis:
    """Everything extraction found in one document, in plain picklable values
    (so that worker processes and Dask can return it)."""

    document: Document
    mentions: list[tuple[tuple[str, str], Mention, tuple[str, ...]]] = field(default_factory=list)
    relations: list[LocalRelation] = field(default_factory=list)
    events: list[LocalEvent] = field(default_factory=list)
    attributes: dict = field(default_factory=dict)


def analyze_spans(document: Document, normalized: NormalizedText, spans: list[Span],
                  found: list[Found], events: list[EventDraft]) -> DocAnalysis:
    """Map a document's spans, relations and events back to the original text."""
    doc_id = document.id
    original = document.text
    result = DocAnalysis(document)

    def mention(sp: Span, source: str | None = None) -> Mention:
        a, b = normalized.span(sp.start, sp.end)
        return Mention(doc_id, a, b, original[a:b], sp.type, sp.name, source or sp.source, sp.score)

    seen: set[tuple[int, int, str]] = set()
    for sp in spans:
        if sp.type == "Position" and sp.attrs.get("bare"):
            continue  # a title without its body names no office (see kg.relations)
        key = span_key(sp)
        m = mention(sp)
        if (m.start, m.end, sp.type) in seen:
            continue
        seen.add((m.start, m.end, sp.type))
        result.mentions.append((key, m, tuple(_display_forms(sp))))
        if sp.type == "Position" and sp.attrs.get("title"):
            result.attributes.setdefault(key, {}).update(
                {k: sp.attrs[k] for k in ("title", "body") if sp.attrs.get(k)})
    for f in found:
        for sp in (f.subject, f.object):
            if sp is None or sp.type == "Both":
                continue
            # Entities that only a relation names (a synthetic delegation, an
            # abbreviation like 来京) get their mention here.
            real = sp.attrs.get("target", sp) if sp.attrs.get("reference") else sp
            key = span_key(real)
            if (sp.attrs.get("reference") or sp.attrs.get("synthetic")) and sp.source != "reference" \
                    or sp.attrs.get("abbreviation"):
                m = mention(sp, "coreference")
                if (m.start, m.end, sp.type) not in seen and m.end > m.start:
                    seen.add((m.start, m.end, sp.type))
                    result.mentions.append((key, m, tuple(_display_forms(real))))
            elif sp.source == "reference" and sp.type != "Person":
                m = mention(sp, "coreference")
                if (m.start, m.end, sp.type) not in seen:
                    seen.add((m.start, m.end, sp.type))
                    result.mentions.append((key, m, tuple(_display_forms(real))))
        a, b = normalized.span(*f.sentence)
        evidence = Evidence(doc_id, a, b, original[a:b], f.cue.word if f.cue else None, f.confidence)
        subj = span_key(f.subject)
        obj = span_key(f.object) if f.object is not None else None
        result.relations.append(LocalRelation(f.type, subj, obj, f.confidence, evidence))
    for i, ev in enumerate(events):
        key = f"{doc_id}#{ev.event_type}{i}"
        mentions = []
        for a0, b0 in ev.triggers:
            a, b = normalized.span(a0, b0)
            mentions.append(Mention(doc_id, a, b, original[a:b], "Event", ev.name, "trigger", 1.0))
        roles = [(role, span_key(sp)) for role, sp in ev.roles]
        result.events.append(LocalEvent(key, ev.event_type, ev.name, ev.cameo, ev.date,
                                        span_key(ev.place) if ev.place is not None else None,
                                        roles, mentions))
    return result


# ----------------------------------------------------------------------------- merge


def _choose_name(type_: str, key: str, forms: Counter) -> str:
    """The entity's name: the form most documents write (each document votes
    for the fullest form it uses), the fuller one on a tie.  Countries and
    provinces vote with their common short name (中国, 山东), the form readers
    and other datasets share."""
    if not forms:
        return key
    return max(forms, key=lambda f: (forms[f], len(f), f))


def merge(analyses: list[DocAnalysis]) -> tuple[list[Entity], list[Relation]]:
    """Merge per-document analyses into entities and relations.

    Entities with the same identity key become one, with all their
    mentions; a relation stated in several sentences keeps every piece of
    evidence.  Output order is deterministic (type, name, id).
    """
    mentions: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    forms: dict[tuple[str, str], Counter] = defaultdict(Counter)
    attrs: dict[tuple[str, str], dict] = defaultdict(dict)
    for an in analyses:
        doc_forms: dict[tuple[str, str], set] = defaultdict(set)
        for key, m, display in an.mentions:
            mentions[key].append(m)
            for f in display:
                doc_forms[key].add(canonical_name(f) or f)
        for key, fs in doc_forms.items():
            best = max(fs, key=lambda f: (len(f), f))
            forms[key][best] += 1
        for key, a in an.attributes.items():
            attrs[key].update(a)
        for rel in an.relations:
            for k in (rel.subject, rel.object):
                if k is not None and k not in forms:
                    forms[k][k[1]] += 0
    ids = {key: stable_id(key[0], key[1]) for key in mentions}
    entities: list[Entity] = []
    for key, ms in mentions.items():
        type_, ident = key
        name = _choose_name(type_, ident, forms[key])
        aliases = sorted({canonical_name(m.text) for m in ms} - {name, ""})
        if ident != name and ident not in aliases:
            aliases.append(ident)
        ms_sorted = tuple(sorted(set(ms), key=lambda m: (m.doc, m.start, m.end)))
        entities.append(Entity(ids[key], type_, name, _labels(name), tuple(aliases), ms_sorted,
                               dict(attrs.get(key, {}))))
    # Events are per document.
    for an in analyses:
        for ev in an.events:
            roles = [{"role": r, "entity": ids[k]} for r, k in ev.roles if k in ids]
            eid = stable_id("Event", ev.key)
            entities.append(Entity(eid, "Event", ev.name, _labels(ev.name), (), tuple(ev.mentions), {
                "event_type": ev.event_type, "date": ev.date,
                "place": ids.get(ev.place) if ev.place else None, "cameo": ev.cameo, "roles": roles}))
    relations = _merge_relations(analyses, ids)
    entities.sort(key=lambda e: (_TYPE_ORDER.get(e.type, 9), e.name, e.id))
    return entities, relations


_TYPE_ORDER = {t: i for i, t in enumerate(("Person", "Organization", "Place", "Position", "Document",
                                           "Event"))}


def _labels(name: str) -> dict[str, str]:
    return {"zh-Hans": name, "zh-Hant": to_traditional(name), "pinyin": pinyin_label(name)}


def _merge_relations(analyses: list[DocAnalysis], ids: dict) -> list[Relation]:
    grouped: dict[tuple, list[LocalRelation]] = defaultdict(list)
    event_of: dict[tuple[str, tuple[str, str], str], str] = {}
    for an in analyses:
        for ev in an.events:
            eid = stable_id("Event", ev.key)
            for role, k in ev.roles:
                if role in ("attendee", "speaker"):
                    event_of.setdefault((an.document.id, k, role), eid)
    for an in analyses:
        for rel in an.relations:
            subj = ids.get(rel.subject)
            if subj is None:
                continue
            if rel.type in ("attends", "speaks_at"):
                role = "attendee" if rel.type == "attends" else "speaker"
                obj = event_of.get((an.document.id, rel.subject, role))
            else:
                obj = ids.get(rel.object) if rel.object is not None else None
                if obj is None or obj == subj:
                    continue
            if rel.type == "meets" and obj is not None and obj < subj:
                subj, obj = obj, subj  # unordered: one edge per pair
            grouped[(rel.type, subj, obj)].append(rel)
    out = []
    for (type_, subj, obj), rels in grouped.items():
        evidence = []
        seen = set()
        for r in rels:
            k = (r.evidence.doc, r.evidence.start, r.evidence.end)
            if k not in seen:
                seen.add(k)
                evidence.append(r.evidence)
        confidence = 1.0
        for r in rels:
            confidence *= (1.0 - r.confidence)
        confidence = round(1.0 - confidence, 3)
        rid = "rel-" + hashlib.sha1(f"{type_}|{subj}|{obj}".encode()).hexdigest()[:12]
        evidence.sort(key=lambda e: (e.doc, e.start))
        out.append(Relation(rid, type_, subj, obj, confidence, tuple(evidence)))
    out.sort(key=lambda r: (r.type, r.subject, r.object or "", r.id))
    return out
