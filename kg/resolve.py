"""One entity per real-world thing, within a document and across documents.

Within a document, mentions are grouped on an identity key: a place's
gazetteer identity (``北京`` and ``北京市`` are one place), an organisation's
canonical name (``中共`` is ``中国共产党``), a person's or position's name.
Generic words were already resolved to their antecedents by
:mod:`kg.extract.relations` (``代表团`` → the named delegation).

Across documents, entities with the same identity key merge into one node
carrying every mention; people who share a name stay apart when what the
documents say of them conflicts (see :func:`merge`).

Ids are stable: an entity id is a hash of its type and identity key, so the
same entity gets the same id (and IRI) on every run.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from kg.extract.spans import EventDraft, Found, Span
from kg.lexicon import cached, load_table
from kg.lexicon.pinyin import pinyin_label
from kg.text.normalize import NormalizedText, canonical_name, to_traditional
from kg.types import Document, Entity, Evidence, Mention, Relation

__all__ = ["DocAnalysis", "LocalRelation", "LocalEvent", "span_key", "analyze_spans", "merge", "merge_stream", "survey_view",
           "stable_id", "pinyin_label"]

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
    """Names a span offers for its entity, best first."""
    if span.type == "Place" and span.attrs.category == "country":
        return [span.attrs.full or span.name]
    return [span.name]


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
    return DocAnalysis(document, tuple(mentions), tuple(relations), tuple(local_events), attributes)


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


# ----------------------------------------------------------------------------- merge


def _choose_name(type_: str, key: str, forms: Counter) -> str:
    """The entity's name: the form most documents write (each document votes
    for the fullest form it uses), the fuller one on a tie.  Countries and
    provinces vote with their common short name (中国, 山东), the form readers
    and other datasets share."""
    if not forms:
        return key
    return max(forms, key=lambda f: (forms[f], len(f), f))


def merge(analyses: Iterable[DocAnalysis]) -> tuple[list[Entity], list[Relation]]:
    """Merge per-document analyses into entities and relations.

    Entities with the same identity key become one, with all their mentions,
    across documents too: names are compared in simplified script, places by
    their gazetteer identity (``北京`` is ``北京市``), party, government,
    congress and CPPCC bodies by their full official name (``北京市委`` is
    ``中共北京市委员会``), a foreign name written short by its one full form
    (``扎赫利迪斯`` is ``莱夫戴里斯·扎赫利迪斯``).  People who share a name
    stay apart when the offices the documents give them lie in conflicting
    places (see :func:`_split_namesakes`).  A relation stated in several
    sentences keeps every piece of evidence; a position carries the earliest
    and latest article date that states it (``first_stated``,
    ``last_stated``, and per holder under ``holders``).

    The result does not depend on the order of ``analyses`` (they are taken
    in document-id order), so a corpus gives the same graph however it was
    split across workers or runs.  :func:`merge_stream` does the same over
    analyses read from disk, without holding them all.

    >>> from kg.types import Document, Mention
    >>> def doc(i, text):
    ...     return DocAnalysis(Document(i, "", date="2019-07-2" + i), mentions=[(("Person", "刘家义"),
    ...         Mention(i, 0, 3, text, "Person", "刘家义"), ("刘家义",))])
    >>> [(e.name, len(e.mentions)) for e in merge([doc("1", "劉家義"), doc("2", "刘家义")])[0]]
    [('刘家义', 2)]
    """
    ordered = sorted(analyses, key=lambda an: an.document.id)
    return merge_stream(lambda: ordered)


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


# ------------------------------------------------------------ across documents
# The helpers of merge(): one real-world thing per node across a corpus.


def merge_stream(source: Callable[[], Iterable[DocAnalysis]],
                 labels: dict[str, dict[str, str]] | None = None) -> tuple[list[Entity], list[Relation]]:
    """:func:`merge` over analyses that ``source()`` yields afresh each time it
    is called, in document-id order.

    ``labels`` (name -> its labels in both scripts and pinyin) is consulted and filled as
    names are labelled: a store keeps it between runs, since labelling every name of a
    corpus again (pypinyin) is a fifth of a merge.

    Two passes: the first notes, per document, only what cross-document
    resolution needs (names, the places of offices, dates); the second
    resolves each analysis's keys and adds it to the graph, then lets it go.
    So a store can merge a corpus it streams from disk, holding the merged
    graph but never every analysis at once.
    """
    survey = _Survey()
    for an in source():
        survey.add(an)
    plan = survey.plan()
    acc = _Accumulator(labels)
    for i, an in enumerate(source()):
        acc.add(plan.rekey(i, an))
    entities, relations = acc.result()
    return _annotate(entities, relations, plan), relations


class _Accumulator:
    """Entities and relations built up one resolved analysis at a time."""

    def __init__(self, labels: dict[str, dict[str, str]] | None = None) -> None:
        self.labels = {} if labels is None else labels
        self.mentions: dict[tuple[str, str], list[Mention]] = defaultdict(list)
        self.forms: dict[tuple[str, str], Counter] = defaultdict(Counter)
        self.attrs: dict[tuple[str, str], dict] = defaultdict(dict)
        # Relations and events stay per document (relations need the events
        # of their own document), without the mentions already taken.
        self.skeletons: list[DocAnalysis] = []

    def add(self, an: DocAnalysis) -> None:
        doc_forms: dict[tuple[str, str], set] = defaultdict(set)
        own_forms: dict[tuple[str, str], set] = defaultdict(set)
        nested = _places_inside_names(an.mentions)
        for i, (key, m, display) in enumerate(an.mentions):
            self.mentions[key].append(m)
            for f in display:
                form = _canonical(f) or f
                doc_forms[key].add(form)
                if i not in nested:
                    own_forms[key].add(form)
        for key, fs in doc_forms.items():
            # A place written in full only inside a longer name (海南省 in 海南省人民政府) is
            # not how the document names it when it also writes it on its own (海南).  (A
            # body's full name is, even inside an office: 运输及房屋局 of 运输及房屋局局长.)
            best = max(own_forms.get(key) or fs, key=lambda f: (len(f), f))
            self.forms[key][best] += 1
        for key, a in an.attributes.items():
            self.attrs[key].update(a)
        for rel in an.relations:
            for k in (rel.subject, rel.object):
                if k is not None and k not in self.forms:
                    self.forms[k][k[1]] += 0
        if an.relations or an.events:
            self.skeletons.append(DocAnalysis(an.document, (), an.relations, an.events))

    def _labels(self, name: str) -> dict[str, str]:
        found = self.labels.get(name)
        if found is None:
            found = self.labels[name] = _labels(name)
        return dict(found)

    def result(self) -> tuple[list[Entity], list[Relation]]:
        ids = {key: stable_id(key[0], key[1]) for key in self.mentions}
        entities: list[Entity] = []
        for key, ms in self.mentions.items():
            type_, ident = key
            name = _choose_name(type_, ident, self.forms[key])
            aliases = sorted({_canonical(m.text) for m in ms} - {name, ""})
            if ident != name and ident not in aliases:
                aliases.append(ident)
            ms_sorted = tuple(sorted(set(ms), key=lambda m: (m.doc, m.start, m.end)))
            entities.append(Entity(ids[key], type_, name, self._labels(name), tuple(aliases), ms_sorted,
                                   dict(self.attrs.get(key, {}))))
        # Events are per document.
        for an in self.skeletons:
            for ev in an.events:
                roles = [{"role": r, "entity": ids[k]} for r, k in ev.roles if k in ids]
                eid = stable_id("Event", ev.key)
                entities.append(Entity(eid, "Event", ev.name, self._labels(ev.name), (), tuple(ev.mentions), {
                    "event_type": ev.event_type, "date": ev.date,
                    "place": ids.get(ev.place) if ev.place else None, "cameo": ev.cameo, "roles": roles}))
        relations = _merge_relations(self.skeletons, ids)
        entities.sort(key=lambda e: (_TYPE_ORDER.get(e.type, 9), e.name, e.id))
        return entities, relations


def _places_inside_names(mentions) -> set[int]:
    """The indices of the place mentions that lie strictly inside a longer mention of the
    document (海南省 in 海南省人民政府).

    >>> from kg.types import Mention
    >>> def m(s, e, text, type_):
    ...     return ((type_, text), Mention("d", s, e, text, type_, text, "rule", 1.0), ())
    >>> sorted(_places_inside_names([m(0, 7, "海南省人民政府", "Organization"), m(0, 3, "海南省", "Place"),
    ...                              m(9, 11, "海南", "Place"), m(12, 16, "海口市委", "Organization"),
    ...                              m(12, 15, "海口市", "Place")]))
    [1, 4]
    """
    order = sorted(range(len(mentions)), key=lambda i: (mentions[i][1].start, -mentions[i][1].end))
    inside: set[int] = set()
    reach, reach_span = -1, None  # the farthest end of a mention so far, and its span
    for i in order:
        key, m, _ = mentions[i]
        if key[0] == "Place" and reach >= m.end and reach_span != (m.start, m.end):
            inside.add(i)
        if m.end > reach:
            reach, reach_span = m.end, (m.start, m.end)
    return inside


@lru_cache(maxsize=262144)
def _canonical(text: str) -> str:
    # A corpus repeats the same few thousand names; normalizing each mention
    # anew would dominate the merge of a large corpus.
    return canonical_name(text)


def survey_view(an: DocAnalysis) -> DocAnalysis:
    """What the first pass of :func:`merge_stream` reads of an analysis, and nothing more: its
    document's id and date, the key of every entity it names (once), the relations that name a
    person (without evidence) and the attributes of the positions they hold.

    The first pass gives the same plan over these views as over the analyses, so a store that
    keeps the views need not read every analysis twice.

    >>> from kg.types import Mention
    >>> an = DocAnalysis(Document("1", "刘家义。", date="2019-07-23"), mentions=(
    ...     (("Person", "刘家义"), Mention("1", 0, 3, "刘家义", "Person", "刘家义"), ("刘家义",)),) * 2)
    >>> [key for key, _, _ in survey_view(an).mentions], survey_view(an).document.date
    ([('Person', '刘家义')], '2019-07-23')
    """
    keys = tuple(dict.fromkeys(key for key, _, _ in an.mentions))
    relations, attributes = [], {}
    for r in an.relations:
        if r.type == "holds_position" and r.subject[0] == "Person" and r.object is not None:
            if r.object in an.attributes:
                attributes[r.object] = dict(an.attributes[r.object])
        elif r.subject[0] != "Person" and (r.object is None or r.object[0] != "Person"):
            continue
        relations.append(LocalRelation(r.type, r.subject, r.object, 0.0, None))
    return DocAnalysis(Document(an.document.id, "", date=an.document.date),
                       tuple((key, None, ()) for key in keys),
                       tuple(dict.fromkeys(relations)), (), attributes)


class _Survey:
    """The first pass of :func:`merge_stream`: what resolution needs to know
    of each document, and nothing more (see :func:`survey_view`)."""

    def __init__(self) -> None:
        self.count = 0
        # person name -> document index -> regions of the offices stated there
        self.regions: dict[str, dict[int, set]] = defaultdict(lambda: defaultdict(set))
        self.named: dict[str, set[int]] = defaultdict(set)  # person name -> documents naming it
        self.dotted: dict[str, set[str]] = defaultdict(set)  # last part of a foreign name -> full names
        self.places: list[frozenset] = []  # per document, the regions of the places it names
        self.dates: list[str | None] = []
        self.doc_ids: list[str] = []

    def add(self, an: DocAnalysis) -> None:
        i = self.count
        self.count += 1
        places = set()
        for (type_, ident), _, _ in an.mentions:
            if type_ == "Person":
                self.named[ident].add(i)
                if "·" in ident and len(last := ident.rsplit("·", 1)[1]) >= 2:
                    self.dotted[last].add(ident)
            elif type_ == "Place":
                places.add(_region(ident))
        for r in an.relations:
            for k in (r.subject, r.object):
                if k is not None and k[0] == "Person":
                    self.named[k[1]].add(i)
            if r.type == "holds_position" and r.subject[0] == "Person" and r.object is not None:
                position = _position_identity(r.object[1], an.attributes.get(r.object) or {})
                chain = _region(position)
                if chain:
                    self.regions[r.subject[1]][i].add(chain)
        self.places.append(frozenset(places - {()}))
        self.dates.append(an.document.date)
        self.doc_ids.append(an.document.id)

    def plan(self) -> _Plan:
        foreign = {last: next(iter(full)) for last, full in self.dotted.items() if len(full) == 1}
        for short, full in foreign.items():
            for i, chains in self.regions.pop(short, {}).items():
                self.regions[full][i].update(chains)
            self.named[full] |= self.named.pop(short, set())
        person_key, split, homonyms = _split_namesakes(self)
        dates = {d: date for d, date in zip(self.doc_ids, self.dates) if date}
        return _Plan(foreign, person_key, split, homonyms, dates)


@dataclass
class _Plan:
    """What cross-document resolution decided."""

    #: short foreign name -> its one full form
    foreign: dict[str, str]
    #: (document index, person name) -> the key of the namesake meant there
    person_key: dict[tuple[int, str], tuple[str, str]]
    #: ("Person", "name@region") keys of people told apart from namesakes -> region
    split: dict[tuple[str, str], str]
    #: name -> every key that name was resolved to, when there are several
    homonyms: dict[str, list[tuple[str, str]]]
    #: document id -> its date (ISO), for the time spans of positions
    dates: dict[str, str]

    def rekey(self, i: int, an: DocAnalysis) -> DocAnalysis:
        """A copy of the ``i``-th analysis with corpus-wide identity keys:
        organisations and positions by their body's full official form,
        short foreign names by their full form, namesakes by their place."""
        def key_of(key: tuple[str, str]) -> tuple[str, str]:
            type_, ident = key
            if type_ == "Organization":
                return (type_, _org_identity(ident))
            if type_ == "Position":
                return (type_, _position_identity(ident, an.attributes.get(key) or {}))
            if type_ == "Person":
                ident = self.foreign.get(ident, ident)
                return self.person_key.get((i, ident), (type_, ident))
            return key

        return _rekey(an, key_of)


def _rekey(an: DocAnalysis, key_of) -> DocAnalysis:
    """A copy of ``an`` with every entity key mapped through ``key_of``."""
    def opt(k):
        return None if k is None else key_of(k)

    attributes: dict = {}
    for k, a in an.attributes.items():
        attributes.setdefault(key_of(k), {}).update(a)
    return DocAnalysis(
        an.document,
        tuple((key_of(k), m, forms) for k, m, forms in an.mentions),
        tuple(LocalRelation(r.type, key_of(r.subject), opt(r.object), r.confidence, r.evidence)
              for r in an.relations),
        tuple(LocalEvent(ev.key, ev.event_type, ev.name, ev.cameo, ev.date, opt(ev.place),
                         tuple((role, key_of(k)) for role, k in ev.roles), ev.mentions) for ev in an.events),
        attributes)


@lru_cache(maxsize=1)
def _body_patterns():
    import re

    out = []
    forms = [(row[0], tuple(f.strip() for f in row[1].split(",") if f.strip()) if len(row) > 1 else ())
             for row in load_table("body_forms.tsv")]
    for full, shorts in forms:
        for form in (full, *shorts):
            head, tail = form.split("{p}")
            out.append((re.compile(f"^{re.escape(head)}(.{{2,12}}?){re.escape(tail)}$"), full))
    return out


@lru_cache(maxsize=65536)
def _org_identity(name: str) -> str:
    """The identity of an organisation name: a body named by a place in its
    full official form, with the place in full; anything else unchanged.

    >>> _org_identity("北京市委"), _org_identity("中共北京市委"), _org_identity("北京政府")
    ('中国共产党北京市委员会', '中国共产党北京市委员会', '北京市人民政府')
    >>> _org_identity("国家发改委"), _org_identity("山东省党政代表团")
    ('国家发改委', '山东省党政代表团')
    """
    for pattern, full in _body_patterns():
        m = pattern.match(name)
        if m:
            place = _division_full_name(m.group(1))
            if place:
                return full.format(p=place)
    return name


def _division_full_name(name: str) -> str:
    """The full name of a Chinese administrative division (province to
    county; short forms of provinces and prefectures), or ''.

    >>> _division_full_name("山东"), _division_full_name("青岛市"), _division_full_name("中央")
    ('山东省', '青岛市', '')
    """
    found = _places().get(name)
    return found[0] if found and found[0] not in _PLACELESS else ""


def _position_identity(name: str, attrs: dict) -> str:
    """A position keyed on its body's identity: 北京市委书记 is 中共北京市委员会书记.

    >>> _position_identity("北京市委书记", {"body": "北京市委", "title": "书记"})
    '中国共产党北京市委员会书记'
    >>> _position_identity("北京市市长", {"body": "北京市", "title": "市长"})
    '北京市市长'
    """
    body, title = attrs.get("body"), attrs.get("title")
    if not body or not title or name != body + title:
        return name
    full = _org_identity(body)
    return name if full == body else full + title


# Names that place an office nowhere in particular (national bodies).
_PLACELESS = frozenset({"中国", "中华人民共和国", "全国", "中央", "国家"})


@lru_cache(maxsize=1)
def _places() -> dict[str, tuple[str, ...]]:
    """Division and country names (full, and short for provinces, prefectures
    and countries) -> the region chain of the place.

    A small index of its own rather than the extraction gazetteer, which
    loads jieba's dictionary: merging needs only names and parents.
    """
    # Reading the division tree takes half a second; the index is kept in kg's cache.
    return cached("region-index", _build_places)


def _build_places() -> dict[str, tuple[str, ...]]:
    from kg.lexicon import china_divisions, world_countries

    divisions = [d for d in china_divisions() if d.level <= 3]
    count = Counter(d.name for d in divisions)
    parent = {d.name: d.parent for d in divisions if count[d.name] == 1}

    def chain(d) -> tuple[str, ...]:
        out = [d.name]
        up = d.parent
        while up and up not in out:
            out.append(up)
            up = parent.get(up, "")
        return tuple(out)

    index: dict[str, tuple[str, ...]] = {}
    # Broader units first, so a short name shared by a province and a city
    # (吉林) means the province.
    for d in sorted(divisions, key=lambda d: d.level):
        if count[d.name] == 1 or d.level == 1:
            index.setdefault(d.name, chain(d))
        if d.level <= 2 and d.short and len(d.short) >= 2 and d.short != d.name:
            index.setdefault(d.short, chain(d))
    for short, full, _capital, _cities in world_countries():
        if short not in _PLACELESS:
            index.setdefault(short, (short,))
            index.setdefault(full, (short,))
    return index


@lru_cache(maxsize=65536)
def _region(name: str) -> tuple[str, ...]:
    """Where an office, body or place lies: a chain from the most specific unit
    up to its province (or country); ``()`` for national or unplaced ones.

    Only a place the name starts with counts (after 中共, 政协 and the
    like), so an office named after a body elsewhere does not count.

    >>> _region("山东省委书记"), _region("中共青岛市委书记"), _region("国务院总理")
    (('山东省',), ('青岛市', '山东省'), ())
    """
    places = _places()
    starts = [0] + [len(p) for p in _BODY_PREFIXES if name.startswith(p)]
    for i in sorted(starts, reverse=True):
        for j in range(min(len(name), i + 12), i + 1, -1):
            found = places.get(name[i:j])
            if found:
                return found
    return ()


_BODY_PREFIXES = ("中共", "中国共产党", "政协", "中国人民政治协商会议", "中国驻", "驻")


def _compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two regions can be one person's: equal, or one inside the other."""
    return a[0] in b or b[0] in a


def _split_namesakes(survey: _Survey):
    """Tell apart people who share a name.

    A person's offices place them (山东省委书记 → 山东省).  For each name, the
    places its documents give are grouped where they are compatible (equal,
    or one inside the other; a document stating several joins them); each
    group is one person.  With two or more groups each becomes its own node,
    keyed ``name@place``; a document that places the name nowhere joins the
    one group its places (else its date) point to, or stays on the plain
    name.  Returns the key map ``(doc index, name) -> key``, the split keys
    with their place, and the namesake groups.
    """
    person_key: dict[tuple[int, str], tuple[str, str]] = {}
    split: dict[tuple[str, str], str] = {}
    homonyms: dict[str, list[tuple[str, str]]] = {}
    for name in sorted(survey.regions):
        by_doc = survey.regions[name]
        groups = _region_groups(by_doc)
        if len(groups) < 2:
            continue
        labelled = {_group_label(g, by_doc): g for g in groups}
        doc_group = {i: label for label, g in labelled.items() for i in g["docs"]}
        spans = {label: _span(survey.dates[i] for i in g["docs"]) for label, g in labelled.items()}
        keys = set()
        for i in sorted(survey.named[name] | set(by_doc)):
            label = doc_group.get(i) or _attach(survey.places[i], survey.dates[i], labelled, spans)
            key = ("Person", f"{name}@{label}") if label else ("Person", name)
            person_key[(i, name)] = key
            keys.add(key)
            if label:
                split[key] = label
        homonyms[name] = sorted(keys)
    return person_key, split, homonyms


def _region_groups(by_doc: dict[int, set]) -> list[dict]:
    """Connected groups of compatible regions, with the documents stating them."""
    chains = sorted({c for cs in by_doc.values() for c in cs})
    parent = {c: c for c in chains}

    def find(c):
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for x, a in enumerate(chains):
        for b in chains[x + 1:]:
            if _compatible(a, b):
                union(a, b)
    for cs in by_doc.values():
        first, *rest = sorted(cs)
        for c in rest:
            union(first, c)
    groups: dict = defaultdict(lambda: {"chains": set(), "docs": set()})
    for i, cs in by_doc.items():
        for c in cs:
            g = groups[find(c)]
            g["chains"].add(c)
            g["docs"].add(i)
    return [groups[k] for k in sorted(groups)]


def _group_label(group: dict, by_doc: dict[int, set]) -> str:
    """The place a group of documents gives most often (the broader on ties)."""
    count: Counter = Counter()
    for i in group["docs"]:
        for c in by_doc[i]:
            count[c] += 1
    best = min(count, key=lambda c: (-count[c], len(c), c))
    return best[0]


def _span(dates) -> tuple[str, str] | None:
    dated = sorted(d for d in dates if d)
    return (dated[0], dated[-1]) if dated else None


def _attach(places: frozenset, date: str | None, groups: dict[str, dict], spans: dict) -> str | None:
    """The one group a document that places a name nowhere belongs to: by the
    places it names, else by its date; None when the evidence is ambiguous."""
    by_place = [label for label, g in groups.items()
                if any(_compatible(p, c) for p in places for c in g["chains"])]
    if len(by_place) == 1:
        return by_place[0]
    if date:
        by_date = [label for label, s in spans.items() if s and s[0] <= date <= s[1]
                   and (not by_place or label in by_place)]
        if len(by_date) == 1:
            return by_date[0]
    return None


def _annotate(entities: list[Entity], relations: list[Relation], plan: _Plan) -> list[Entity]:
    """Add what only the whole corpus knows: namesakes and the time spans of positions."""
    from dataclasses import replace

    split_ids = {stable_id(*k): (k[1], label) for k, label in plan.split.items()}
    namesakes = {stable_id(*k): sorted(stable_id(*o) for o in keys if o != k)
                 for keys in plan.homonyms.values() for k in keys}
    holders: dict[str, list[dict]] = defaultdict(list)
    for r in relations:
        if r.type == "holds_position" and r.object is not None:
            span = _span(plan.dates.get(ev.doc) for ev in r.evidence)
            if span:
                holders[r.object].append({"person": r.subject, "first_stated": span[0],
                                          "last_stated": span[1]})
    out = []
    for e in entities:
        attrs, aliases = None, e.aliases
        if e.id in split_ids:
            ident, label = split_ids[e.id]
            aliases = tuple(a for a in e.aliases if a != ident)
            attrs = {**e.attributes, "region": label}
        if e.id in namesakes:
            attrs = {**(attrs or e.attributes), "namesakes": namesakes[e.id]}
        if e.id in holders:
            hs = sorted(holders[e.id], key=lambda h: (h["first_stated"], h["person"]))
            attrs = {**(attrs or e.attributes), "first_stated": min(h["first_stated"] for h in hs),
                     "last_stated": max(h["last_stated"] for h in hs), "holders": hs}
        out.append(e if attrs is None else replace(e, aliases=aliases, attributes=attrs))
    return out
