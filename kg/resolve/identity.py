"""One real-world thing per node across a corpus: the identity keys of bodies, offices and
places, people who share a name kept apart by what the documents say of them, and the
namesakes' labels — the plan :func:`kg.resolve.merging.merge_stream` applies.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from kg.lexicon import cached, load_table
from kg.lexicon.gazetteer import national_titles
from kg.resolve.document import DocAnalysis, LocalEvent, LocalRelation, stable_id
from kg.types import Document, Entity, Relation

__all__ = ["survey_view", "Survey", "annotate"]


def survey_view(an: DocAnalysis) -> DocAnalysis:
    """What the first pass of :func:`~kg.resolve.merging.merge_stream` reads of an analysis, and
    nothing more: its document's id and date, the key of every entity it names (once), the
    relations that name a person (without evidence) and the attributes of the positions they hold.

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


class Survey:
    """The first pass of :func:`~kg.resolve.merging.merge_stream`: what resolution needs to know
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
    # (List comprehensions and no nested function: compiled, a closure here would hold the
    # analysis in a reference cycle that only the garbage collector frees, a million tuples
    # of a corpus at a time.)
    attributes: dict = {}
    for k, a in an.attributes.items():
        attributes.setdefault(key_of(k), {}).update(a)
    return DocAnalysis(
        an.document,
        tuple([(key_of(k), m, forms) for k, m, forms in an.mentions]),
        tuple([LocalRelation(r.type, key_of(r.subject), None if r.object is None else key_of(r.object),
                             r.confidence, r.evidence) for r in an.relations]),
        tuple([LocalEvent(ev.key, ev.event_type, ev.name, ev.cameo, ev.date,
                          None if ev.place is None else key_of(ev.place),
                          tuple([(role, key_of(k)) for role, k in ev.roles]), ev.mentions) for ev in an.events]),
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

    A state office written with the state's name is the office (中华人民共和国主席 is 国家主席):

    >>> _position_identity("中华人民共和国主席", {"body": "中华人民共和国", "title": "主席"})
    '国家主席'
    """
    body, title = attrs.get("body"), attrs.get("title")
    if not body or not title or name != body + title:
        return name
    if body in _THE_STATE:
        office = national_titles().get(title)
        if office is not None and office[1] == "国家":
            return office[0]
        if title in {o for o, _ in national_titles().values()}:
            return title  # 中国国家主席
    full = _org_identity(body)
    return name if full == body else full + title


# How an office of China's state is written with the state's name (中华人民共和国主席, 中国国家主席).
_THE_STATE = frozenset({"中华人民共和国", "中国"})

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


def _split_namesakes(survey: Survey):
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
    for x, a in enumerate(chains):
        for b in chains[x + 1:]:
            if _compatible(a, b):
                _union(parent, a, b)
    for cs in by_doc.values():
        first, *rest = sorted(cs)
        for c in rest:
            _union(parent, first, c)
    groups: dict = defaultdict(lambda: {"chains": set(), "docs": set()})
    for i, cs in by_doc.items():
        for c in cs:
            g = groups[_find(parent, c)]
            g["chains"].add(c)
            g["docs"].add(i)
    return [groups[k] for k in sorted(groups)]


def _find(parent: dict, c):
    """The root of ``c`` in the union-find forest ``parent`` (paths halved on the way)."""
    while parent[c] != c:
        parent[c] = parent[parent[c]]
        c = parent[c]
    return c


def _union(parent: dict, a, b) -> None:
    """Join the sets of ``a`` and ``b``, the smaller root leading.

    >>> parent = {1: 1, 2: 2, 3: 3}
    >>> _union(parent, 3, 2); _union(parent, 2, 1); _find(parent, 3)
    1
    """
    ra, rb = _find(parent, a), _find(parent, b)
    if ra != rb:
        parent[max(ra, rb)] = min(ra, rb)


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


def annotate(entities: list[Entity], relations: list[Relation], plan: _Plan) -> list[Entity]:
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
