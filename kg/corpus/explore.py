"""What ``kg serve`` shows, as plain data: a graph indexed for search, entity pages, the
evidence of a relation with its sentence, timelines and neighbourhoods.

:class:`Explorer` holds one :class:`~kg.graph.KnowledgeGraph` (a store's merged graph, a build
folder's ``graph.json``, any file :func:`kg.corpus.open.read_graph` reads) and answers in dicts
and lists of plain values; :mod:`kg.corpus.server` renders them.  Nothing here escapes text:
names from articles are data until a template escapes them.

Article texts are not kept in a graph (a store keeps none): :meth:`Explorer.article` reads the
document again from the file it came from, and shows it only if it is still the text that was
analysed (the store's SHA-256 of it, else the evidence's sentences must slice it back).
"""

from __future__ import annotations

import bisect
import hashlib
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from kg.graph import KnowledgeGraph
from kg.text.normalize import to_simplified
from kg.types import Document, Entity, Relation

__all__ = ["Explorer", "search_key"]

#: Relations whose date matters on a timeline (what a person did, with whom, where).
TIMELINE_TYPES = ("meets", "visits", "signs", "leads", "accompanies", "attends", "speaks_at")


def search_key(text: str) -> str:
    """``text`` as the search box compares it: lower case, tone marks and tone numbers, spaces
    and apostrophes dropped, ü as u.

    >>> search_key("Liú Jiāyì"), search_key("liu2 jia1 yi4"), search_key("lü'ye")
    ('liujiayi', 'liujiayi', 'luye')
    """
    decomposed = unicodedata.normalize("NFKD", text.lower())
    kept = []
    for i, ch in enumerate(decomposed):
        if unicodedata.combining(ch) or ch in " \t'’-·・_.":
            continue
        if (ch in "12345" and kept and kept[-1] in "aeiouvngr"
                and not decomposed[i + 1:i + 2].isdigit()):
            continue  # a tone number after a syllable (not the 2 of G20)
        kept.append("u" if ch == "v" else ch)
    return "".join(kept)


class Explorer:
    """Search and pages over one graph.

    ``manifest`` maps document ids to what a store knows of them (``sha256``, ``given``), so
    that an article read again from its file is shown only if it is the text analysed.

    >>> from kg.pipeline import run
    >>> ex = Explorer(run([Document("a.txt", "省委书记刘家义率领山东省党政代表团来到北京市。")]))
    >>> [hit["name"] for hit in ex.search("liu jia yi")]
    ['刘家义']
    """

    def __init__(self, kg: KnowledgeGraph, manifest: dict[str, dict] | None = None,
                 reader: Callable[[str, str], list[Document]] | None = None):
        self.kg = kg
        self.entities = {e.id: e for e in kg.entities}
        self.documents = {d.id: d for d in kg.documents}
        self.relations = {r.id: r for r in kg.relations}
        self.manifest = manifest or {}
        self._reader = reader or _read_documents
        self._by_entity: dict[str, list[Relation]] = defaultdict(list)
        for r in kg.relations:
            self._by_entity[r.subject].append(r)
            if r.object is not None and r.object != r.subject:
                self._by_entity[r.object].append(r)
        self._index = _SearchIndex((e.id, *_keys(e)) for e in kg.entities)
        self.docs_of = {e.id: len({m.doc for m in e.mentions}) for e in kg.entities}
        self._in_doc: dict | None = None

    # ---------------------------------------------------------------- search

    def search(self, query: str, limit: int = 20, type_: str | None = None) -> list[dict]:
        """Entities whose name, traditional name, alias or pinyin matches ``query`` (a name in
        either script, or pinyin with or without tones and spaces): exact matches first, then
        names that start with it, then names that contain it; ties by how much the graph says."""
        query = (query or "").strip()[:100]
        if not query:
            return []
        ranked = []
        for eid, rank in self._index.find(to_simplified(query), search_key(query)).items():
            e = self.entities[eid]
            if not type_ or e.type == type_:
                ranked.append((rank, -len(self._by_entity.get(eid, ())), -self.docs_of[eid], e.name, eid))
        ranked.sort()
        return [self.summary(eid) for *_, eid in ranked[:limit]]

    def summary(self, entity_id: str) -> dict:
        """What a search result or a link shows of an entity."""
        e = self.entities[entity_id]
        return {"id": e.id, "type": e.type, "name": e.name, "hant": (e.labels or {}).get("zh-Hant", ""),
                "pinyin": (e.labels or {}).get("pinyin", ""), "relations": len(self._by_entity.get(e.id, ())),
                "documents": self.docs_of.get(e.id, 0)}

    # ---------------------------------------------------------------- pages

    def entity(self, entity_id: str) -> dict | None:
        """Everything an entity page shows, or None for an unknown id."""
        e = self.entities.get(entity_id)
        if e is None:
            return None
        groups: dict[str, list[dict]] = defaultdict(list)
        for r in self._by_entity.get(e.id, ()):
            groups[r.type].append(self._edge(r, e.id))
        for rows in groups.values():
            rows.sort(key=lambda row: (row["first"] or "9999", row["other"]["name"] if row["other"] else ""))
        page = {"entity": self.summary(e.id), "aliases": [a for a in e.aliases if a != e.name],
                "labels": dict(e.labels or {}), "groups": dict(sorted(groups.items())),
                "positions": [], "holders": [], "event": None}
        if e.type == "Person":
            page["positions"] = [row for row in groups.get("holds_position", ()) if row["other"]]
        elif e.type == "Position":
            page["holders"] = sorted(groups.get("holds_position", ()), key=lambda row: row["first"] or "9999")
        elif e.type == "Event":
            page["event"] = self._event(e)
        return page

    def _edge(self, r: Relation, seen_from: str) -> dict:
        other_id = r.object if r.subject == seen_from else r.subject
        dates = sorted(d for d in (self._date(ev.doc) for ev in r.evidence) if d)
        return {"relation": r.id, "type": r.type, "outgoing": r.subject == seen_from,
                "other": self.summary(other_id) if other_id in self.entities else None,
                "first": dates[0] if dates else None, "last": dates[-1] if dates else None,
                "evidence": len(r.evidence), "confidence": round(r.confidence, 3)}

    def _event(self, e: Entity) -> dict:
        a = e.attributes or {}
        roles = [{"role": str(role.get("role", "")), "entity": self.summary(role["entity"])}
                 for role in a.get("roles") or () if isinstance(role, dict) and role.get("entity") in self.entities]
        place = self.summary(a["place"]) if a.get("place") in self.entities else None
        return {"type": a.get("event_type"), "date": a.get("date"), "place": place, "roles": roles}

    def _date(self, doc_id: str) -> str | None:
        d = self.documents.get(doc_id)
        return d.date if d is not None else None

    def relation(self, relation_id: str) -> dict | None:
        """A relation with each sentence that states it, the names in it marked."""
        r = self.relations.get(relation_id)
        if r is None:
            return None
        names = {eid: self.entities[eid] for eid in (r.subject, r.object) if eid in self.entities}
        evidence = []
        for ev in r.evidence:
            marks = sorted({(m.start - ev.start, m.end - ev.start) for e in names.values() for m in e.mentions
                            if m.doc == ev.doc and ev.start <= m.start and m.end <= ev.end})
            doc = self.documents.get(ev.doc)
            evidence.append({"doc": ev.doc, "title": doc.title if doc else None, "date": doc.date if doc else None,
                             "start": ev.start, "end": ev.end, "trigger": ev.trigger,
                             "confidence": round(ev.confidence, 3), "pieces": _pieces(ev.text, marks)})
        return {"id": r.id, "type": r.type, "confidence": round(r.confidence, 3),
                "subject": self.summary(r.subject) if r.subject in self.entities else None,
                "object": self.summary(r.object) if r.object in self.entities else None, "evidence": evidence}

    def article(self, doc_id: str, start: int = 0, end: int = 0) -> dict | None:
        """A document as published, its sentence ``[start, end)`` and the names in it marked, or
        None when the document is unknown.  ``text`` is None when the article cannot be read
        again as it was analysed (moved, changed)."""
        doc = self.documents.get(doc_id)
        if doc is None:
            return None
        text = self._text(doc)
        out = {"doc": doc.id, "title": doc.title, "date": doc.date, "source": doc.source, "path": doc.path,
               "text": text, "before": [], "sentence": [], "after": []}
        if text is None:
            return out
        start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
        marks = sorted({(a - start, b - start) for a, b in self._spans_in(doc.id)[0]
                        if start <= a and b <= end} if end > start else ())
        out.update(before=text[:start], sentence=_pieces(text[start:end], marks), after=text[end:])
        return out

    def _text(self, doc: Document) -> str | None:
        if not doc.path or doc.path.startswith("<"):
            return None
        known = self.manifest.get(doc.id, {})
        given = known.get("given", doc.meta.get("id_as_read") or doc.id)
        for found in self._reader(doc.path, given):
            text = found.text
            if known.get("sha256"):
                if hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest() == known["sha256"]:
                    return text
            elif all(text[a:b] == quoted for a, b, quoted in self._spans_in(doc.id)[1]):
                return text
        return None

    def _spans_in(self, doc_id: str) -> tuple[list[tuple[int, int]], list[tuple[int, int, str]]]:
        """The mentions' spans and the evidence (with its text) in one document."""
        if self._in_doc is None:
            self._in_doc = defaultdict(lambda: ([], []))
            for e in self.kg.entities:
                for m in e.mentions:
                    self._in_doc[m.doc][0].append((m.start, m.end))
            for r in self.kg.relations:
                for ev in r.evidence:
                    self._in_doc[ev.doc][1].append((ev.start, ev.end, ev.text))
        return self._in_doc.get(doc_id, ([], []))

    def timeline(self, entity_id: str, since: str = "", until: str = "") -> list[dict]:
        """What an entity did, dated by the articles that say it, oldest first; ``since`` and
        ``until`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) bound the dates."""
        rows = []
        for r in self._by_entity.get(entity_id, ()):
            if r.type not in TIMELINE_TYPES:
                continue
            edge = self._edge(r, entity_id)
            for ev in r.evidence:
                date = self._date(ev.doc)
                if not date or (since and date < since) or (until and date[:len(until)] > until):
                    continue
                rows.append({**edge, "date": date, "doc": ev.doc, "start": ev.start, "end": ev.end})
        rows.sort(key=lambda row: (row["date"], row["type"], row["relation"]))
        return rows

    def neighbourhood(self, entity_id: str, limit: int = 60) -> dict:
        """The entity and its most connected neighbours, as vis-network nodes and edges."""
        if entity_id not in self.entities:
            return {"nodes": [], "edges": []}
        weight: Counter[str] = Counter()
        for r in self._by_entity.get(entity_id, ()):
            other = r.object if r.subject == entity_id else r.subject
            if other in self.entities and other != entity_id:
                weight[other] += len(r.evidence)
        keep = {entity_id, *[eid for eid, _ in weight.most_common(limit)]}
        nodes = [{"id": eid, "label": self.entities[eid].name, "group": self.entities[eid].type}
                 for eid in sorted(keep)]
        edges = [{"id": r.id, "from": r.subject, "to": r.object, "label": r.type}
                 for r in self._by_entity.get(entity_id, ()) if r.subject in keep and r.object in keep]
        return {"nodes": nodes, "edges": edges}


def _keys(e: Entity) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The names (simplified, traditional, aliases) and compact pinyin an entity is found by."""
    labels = e.labels or {}
    names = tuple(dict.fromkeys(n for n in (e.name, *e.aliases) if n))
    hant = to_simplified(labels.get("zh-Hant") or "")
    pinyin = (search_key(labels["pinyin"]),) if labels.get("pinyin") else ()
    return names + ((hant,) if hant and hant not in names else ()), pinyin


class _SearchIndex:
    """Names and compact pinyin, looked up exactly, by prefix (bisect over the sorted keys) and,
    for names, by substring (the entities holding every character of the query, then checked):
    a search costs what it finds, not the size of the graph."""

    def __init__(self, rows):
        self.exact: dict[str, set[str]] = defaultdict(set)
        self.by_char: dict[str, set[str]] = defaultdict(set)
        self.names_of: dict[str, tuple[str, ...]] = {}
        for eid, names, pinyin in rows:
            self.names_of[eid] = names
            for key in (*names, *pinyin):
                self.exact[key].add(eid)
            for ch in {ch for name in names for ch in name}:
                self.by_char[ch].add(eid)
        self.keys = sorted(self.exact)

    def find(self, han: str, compact: str) -> dict[str, int]:
        """Entity id -> 0 (a name or pinyin is the query), 1 (starts with it), 2 (contains it)."""
        found: dict[str, int] = {}

        def note(ids, rank: int) -> None:
            for eid in ids:
                if found.get(eid, 9) > rank:
                    found[eid] = rank

        for query in dict.fromkeys(q for q in (han, compact) if q):
            note(self.exact.get(query, ()), 0)
            i = bisect.bisect_left(self.keys, query)
            while i < len(self.keys) and self.keys[i].startswith(query) and len(found) < 5000:
                note(self.exact[self.keys[i]], 1)
                i += 1
        if not han.isascii():
            sets = sorted((self.by_char.get(ch, set()) for ch in set(han)), key=len)
            candidates = set.intersection(*sets) if sets else set()
            note((eid for eid in candidates if any(han in n for n in self.names_of[eid])), 2)
        return found


def _pieces(text: str, marks: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """``text`` cut into ``(piece, marked)`` runs at ``marks``; two names side by side stay two
    pieces (of overlapping ones, the first that starts wins).

    >>> _pieces("省委书记刘家义来到北京", [(0, 4), (4, 7), (9, 11)])
    [('省委书记', True), ('刘家义', True), ('来到', False), ('北京', True)]
    """
    owner = [-1] * len(text)
    for k, (a, b) in enumerate(sorted(marks)):
        for i in range(max(a, 0), min(b, len(text))):
            if owner[i] < 0:
                owner[i] = k
    out: list[tuple[str, bool]] = []
    last = None
    for ch, k in zip(text, owner):
        if out and k == last:
            out[-1] = (out[-1][0] + ch, k >= 0)
        else:
            out.append((ch, k >= 0))
        last = k
    return out


@lru_cache(maxsize=8)
def _documents_of(path: str) -> dict[str, Document]:
    from kg.text.ingest import read_file

    out: dict[str, Document] = {}
    for item in read_file(path, Path(path).name):
        if isinstance(item, Document):
            out.setdefault(str(item.meta.get("id_as_read") or item.id), item)
            out.setdefault(item.id, item)
    return out


def _read_documents(path: str, given: str) -> list[Document]:
    """The documents of the file at ``path`` that could be the one stored as ``given``."""
    if not Path(path).is_file():
        return []
    docs = _documents_of(path)
    found = docs.get(given) or docs.get(Path(given).name)
    if found is None and len(docs) == 1:  # a one-article file read under another name
        found = next(iter(docs.values()))
    return [found] if found is not None else []
