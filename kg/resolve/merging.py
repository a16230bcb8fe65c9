"""Merge per-document analyses into one graph's entities and relations.

:func:`merge` holds every analysis; :func:`merge_stream` streams them twice from a source
(a store on disk), holding only the merged graph.  The identity of a thing across documents
(namesakes, places of offices) is planned by :mod:`kg.resolve.identity`.
"""

from __future__ import annotations

import gc
import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache

from kg.lexicon.pinyin import pinyin_label
from kg.resolve.document import DocAnalysis, LocalRelation, stable_id
from kg.resolve.identity import Survey, annotate
from kg.text.normalize import canonical_name, to_traditional
from kg.types import Entity, Mention, Relation

__all__ = ["collector_paused", "merge", "merge_stream"]


# ----------------------------------------------------------------------------- merge


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the block (as it was after it).

    A merge builds millions of objects that live as long as the graph, and its
    temporaries go by reference counting alone (tests/resolve/test_merging.py checks that
    a merge leaves no reference cycle): the collector's passes over the growing heap,
    which find nothing, were a third of a corpus merge.

    >>> import gc
    >>> with collector_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# A document's vote for a form it writes beside a fuller one (see _choose_name).
_OTHER_FORM_VOTE = 0.5


def _choose_name(type_: str, key: str, forms: Counter) -> str:
    """The entity's name: the form most documents write (each document votes for the fullest
    form it uses, and half a vote for each other form it writes on its own: a story that writes
    中共 alone counts for 中共 more than one that writes it beside 中国共产党), the fuller one on
    a tie.  A country written by its formal name votes with its short one (芬兰 for 芬兰共和国,
    :func:`kg.resolve.document._display_forms`)."""
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
                 labels: dict[str, dict[str, str]] | None = None,
                 canonical: dict[str, str] | None = None) -> tuple[list[Entity], list[Relation]]:
    """:func:`merge` over analyses that ``source()`` yields afresh each time it
    is called, in document-id order.

    ``labels`` (name -> its labels in both scripts and pinyin) is consulted and filled as
    names are labelled: a store keeps it between runs, since labelling every name of a
    corpus again (pypinyin) is a fifth of a merge.  ``canonical`` (a name as written -> its
    canonical form, :func:`kg.text.normalize.canonical_name`) is kept the same way: normalizing
    the hundred thousand forms of a corpus is another tenth.

    Two passes: the first notes, per document, only what cross-document
    resolution needs (names, the places of offices, dates); the second
    resolves each analysis's keys and adds it to the graph, then lets it go.
    So a store can merge a corpus it streams from disk, holding the merged
    graph but never every analysis at once.
    """
    with collector_paused():
        survey = Survey()
        for an in source():
            survey.add(an)
        plan = survey.plan()
        acc = _Accumulator(labels, canonical)
        for i, an in enumerate(source()):
            acc.add(plan.rekey(i, an))
        entities, relations = acc.result()
        return annotate(entities, relations, plan), relations


class _Accumulator:
    """Entities and relations built up one resolved analysis at a time."""

    def __init__(self, labels: dict[str, dict[str, str]] | None = None,
                 canonical: dict[str, str] | None = None) -> None:
        self.labels = {} if labels is None else labels
        self.canonical = {} if canonical is None else canonical
        self.mentions: dict[tuple[str, str], list[Mention]] = defaultdict(list)
        self.forms: dict[tuple[str, str], Counter] = defaultdict(Counter)
        self.attrs: dict[tuple[str, str], dict] = defaultdict(dict)
        # Relations and events stay per document (relations need the events
        # of their own document), without the mentions already taken.
        self.skeletons: list[DocAnalysis] = []

    def add(self, an: DocAnalysis) -> None:
        doc_forms: dict[tuple[str, str], set] = defaultdict(set)
        own_forms: dict[tuple[str, str], set] = defaultdict(set)
        inside = _places_inside_names(an.mentions)
        canonical = self.canonical  # (looked up inline: a corpus has a million forms to look up)
        for i, (key, m, display) in enumerate(an.mentions):
            self.mentions[key].append(m)
            for f in display:
                form = canonical.get(f)
                if form is None:
                    form = canonical[f] = _canonical(f)
                form = form or f
                doc_forms[key].add(form)
                if i not in inside:
                    own_forms[key].add(form)
        for key, fs in doc_forms.items():
            # A place written in full only inside a longer name (海南省 in 海南省人民政府) is
            # not how the document names it when it also writes it on its own (海南).  (A
            # body's full name is, even inside an office: 运输及房屋局 of 运输及房屋局局长.)
            written = own_forms.get(key) or fs
            best = max(written, key=lambda f: (len(f), f))
            for f in written:
                self.forms[key][f] += 1 if f == best else _OTHER_FORM_VOTE
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
        canonical = self.canonical
        for key, ms in self.mentions.items():
            type_, ident = key
            name = _choose_name(type_, ident, self.forms[key])
            texts = {m.text for m in ms}
            for text in texts:
                if text not in canonical:  # (not texts - canonical.keys(): that walks every key)
                    canonical[text] = _canonical(text)
            aliases = sorted({canonical[text] for text in texts} - {name, ""})
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
