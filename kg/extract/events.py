"""Events: the visits, meetings, signings and forums an article reports.

Events are built from the relations of a document: the ``visits`` of one
guest (a delegation or a person) make one visit, with its leaders (who
``leads`` the delegation) and hosts (who ``accompanies`` it); ``meets`` make a
meeting; ``signs`` a signing; ``attends``/``speaks_at`` a forum when a
gathering is named (``座谈会``, ``会议``), otherwise they join the main event.
Each event gets its date (resolved against the article's date by
:mod:`kg.text.dates`), its place, its participants in roles, and its CAMEO code so
the graph can be compared with GDELT-style event data.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from functools import lru_cache

from kg.extract.spans import EventDraft, Found, Span
from kg.lexicon import load_lines
from kg.text.dates import find_dates
from kg.text.segment import Segmented

__all__ = ["EventDraft", "CAMEO", "find_events"]

#: CAMEO codes (Conflict and Mediation Event Observations) of the event types.
CAMEO = {
    "visit": "042",       # make a visit
    "host_visit": "043",  # host a visit
    "meeting": "040",     # consult
    "talks": "046",       # engage in negotiation
    "signing": "057",     # sign formal agreement
    "statement": "010",   # make statement
    "forum": "040",
}



@lru_cache(maxsize=1)
def _gathering() -> re.Pattern:
    """A word that names a gathering (座谈会, 论坛, 招待会), not the start of a venue's name (大会 of
    人民大会堂, 会议 of 会议中心) nor of a member's title (会议 of 立法会议员, 行政会议成员)."""
    return re.compile("(" + "|".join(load_lines("gathering_words.txt")) + ")(?![堂馆厅员]|中心|成员)")



# What ends the clause a verb of taking part is in.
_CLAUSE_END = re.compile("[，,。；;！？!?]")


def _gathering_of(text: str, f: Found, offices: Sequence[tuple[int, int]] = ()) -> re.Match | None:
    """The gathering word a relation of taking part names: the first in the clause its cue opens,
    where a name comes with it (同崔龙海会谈，并出席“中朝友好年”开幕式: not the 会议 of
    最高人民会议常任委员会委员长 before it), else the first in its sentence (在…座谈会上讲话; …座谈会，
    王沪宁主持会议: the named one, not the bare word).  A word inside an office (``offices``, spans of
    the text: 行政会议成员, 立法会议员) names no gathering."""
    if f.cue is not None and f.sentence[0] <= f.cue.start < f.sentence[1]:
        end = _CLAUSE_END.search(text, f.cue.end, f.sentence[1])
        m = _first_gathering(text, f.cue.end, end.start() if end else f.sentence[1], offices)
        if m and _gathering_name(text, m.end(), f.cue.end) != m.group(1):
            return m
    return _first_gathering(text, f.sentence[0], f.sentence[1], offices)


def _offices(spans: Sequence[Span]) -> list[tuple[int, int]]:
    """Where the text writes offices: each position, and the body written right before its title
    (博鳌亚洲论坛|秘书长: 论坛 there is the office's, no gathering)."""
    titles = {s.start for s in spans if s.type == "Position"}
    return [(s.start, s.end) for s in spans if s.type == "Position" or (
        s.type == "Organization" and s.end in titles)]


def _first_gathering(text: str, start: int, end: int, offices: Sequence[tuple[int, int]]) -> re.Match | None:
    return next((m for m in _gathering().finditer(text, start, end)
                 if not any(a <= m.start() and m.end() <= b for a, b in offices)), None)


def _date_near(seg: Segmented, sentence: tuple[int, int], doc_date: str | None,
               fallback: Callable[[], str | None]) -> str | None:
    """The date in the event's sentence, else the article's first dated one."""
    for d in find_dates(seg.text[sentence[0]:sentence[1]], doc_date):
        if d.value:
            return d.value
    return fallback()


def _first_date(seg: Segmented, header_end: int, doc_date: str | None) -> str | None:
    """The first resolvable date of the article body (relative words aside)."""
    for d in find_dates(seg.text[header_end:header_end + 5000], doc_date):
        if d.value and d.text not in ("今天", "今日", "昨天", "昨日", "明天", "明日"):
            return d.value
    return None


def _header_end(seg: Segmented) -> int:
    """Where the article body starts: after the line that carries the date/source."""
    text = seg.text
    m = re.search(r"(来源|来源于)\s*:[^\n]*\n", text[:800])
    return m.end() if m else 0


def find_events(seg: Segmented, spans: list[Span], relations: list[Found],
                doc_date: str | None = None) -> list[EventDraft]:
    """The events of one document, built from its relations.

    Examples
    --------
    >>> from kg.text.normalize import normalize
    >>> from kg.text.segment import segment
    >>> from kg.extract.entities import find_mentions
    >>> from kg.extract.relations import find_relations
    >>> seg = segment("d", normalize("21日,省委书记刘家义率领山东省党政代表团来到北京市。"))
    >>> sp = find_mentions(seg)
    >>> ev = find_events(seg, sp, find_relations(seg, sp), "2019-07-23")[0]
    >>> ev.event_type, ev.date, ev.place.name, [(r, s.name) for r, s in ev.roles]
    ('visit', '2019-07-21', '北京市', [('guest', '山东省党政代表团'), ('leader', '刘家义')])
    """
    header = _header_end(seg)
    fallback = lru_cache(maxsize=1)(lambda: _first_date(seg, header, doc_date))
    places = _Places(spans)
    events: list[EventDraft] = []
    visits: dict[str, EventDraft] = {}
    for f in relations:
        if f.type != "visits":
            continue
        guest = f.subject
        ev = visits.get(guest.name)
        if ev is None:
            ev = EventDraft("visit", CAMEO["visit"], "", _date_near(seg, f.sentence, doc_date, fallback), None)
            ev.add_role("guest", guest)
            visits[guest.name] = ev
            events.append(ev)
        _trigger(ev, f)
        obj = f.object
        if obj is not None:
            if ev.place is None and obj.type == "Place":
                ev.place = obj
            elif obj.type == "Place" and _rank(obj) < _rank(ev.place):
                ev.add_role("site", ev.place)
                ev.place = obj
            else:
                ev.add_role("site", obj)
    for f in relations:
        if f.type == "leads" and f.object is not None and f.object.name in visits:
            visits[f.object.name].add_role("leader", f.subject)
    for f in relations:
        if f.type == "accompanies" and f.object is not None:
            target = visits.get(f.object.name)
            if target is None:
                for ev in visits.values():
                    if any(s.name == f.object.name for r, s in ev.roles if r == "leader"):
                        target = ev
                        break
            if target is not None:
                target.add_role("host", f.subject)
                _trigger(target, f)
    # Meetings: one per pair of sides.
    meetings: dict[frozenset, EventDraft] = {}
    first_hosts: dict[frozenset, str] = {}  # the host of each pair's first relation
    for f in relations:
        if f.type != "meets" or f.object is None:
            continue
        key = frozenset((f.subject.name, f.object.name))
        ev = meetings.get(key)
        # (a meeting is unordered: its later relations take the sides as its first one gave them, or
        # each side would be both host and guest)
        host, guest = (f.subject, f.object) if first_hosts.setdefault(key, f.subject.name) == f.subject.name \
            else (f.object, f.subject)
        if ev is None:
            kind = "talks" if f.cue and any(w in f.cue.word for w in ("会谈", "会晤")) else "meeting"
            ev = EventDraft("meeting", CAMEO[kind], "", _date_near(seg, f.sentence, doc_date, fallback),
                            places.broadest_in(f.sentence))
            meetings[key] = ev
            events.append(ev)
        ev.add_role("host", host)
        ev.add_role("guest", guest)
        _trigger(ev, f)
    # Signings: one per document signed.
    signings: dict[str, EventDraft] = {}
    main = events[0] if events else None
    for f in relations:
        if f.type != "signs" or f.object is None:
            continue
        ev = signings.get(f.object.name)
        if ev is None:
            place = main.place if main is not None else places.broadest_in(f.sentence)
            ev = EventDraft("signing", CAMEO["signing"], "", _date_near(seg, f.sentence, doc_date, fallback),
                            place)
            ev.add_role("document", f.object)
            signings[f.object.name] = ev
            events.append(ev)
        ev.add_role("signatory", f.subject)
        _trigger(ev, f)
    # Attending and speaking: a named gathering in the sentence, else the main event.
    forums: dict[str, EventDraft] = {}
    held_gatherings = list(_HELD_GATHERING.finditer(seg.text))
    offices = _offices(spans)
    for f in relations:
        if f.type not in ("attends", "speaks_at"):
            continue
        gathering = _gathering_of(seg.text, f, offices)
        if gathering:
            key = gathering.group(1)
            label = _gathering_name(seg.text, gathering.end(), f.sentence[0])
            held = _HELD_GATHERING.search(seg.text, f.sentence[0], f.sentence[1])
            if held is not None and held.start("name") <= gathering.start() < held.end("name"):
                pass  # the gathering word ends the held gathering's name (…商务与投资峰会18日在南宁开幕)
            elif label != key:
                held = None
            elif held is None:
                # 会议听取了…: a bare 会议 is the session the story named as held before it
                held = next((m for m in reversed(held_gatherings) if m.start() < f.sentence[0]
                             and m.group("name").endswith(key)), None)
            if held is not None:
                # an unnamed ceremony of the gathering the sentence names as held (…交易会10日在北京开幕，
                # 李强出席开幕式): that gathering, at the place it is held
                key = label = held.group("name")
            ev = forums.get(key)
            if ev is None:
                place = places.after_zai(seg.text, held.end("name"), held.end()) if held is not None else None
                ev = EventDraft("forum", CAMEO["forum"], label,
                                _date_near(seg, f.sentence, doc_date, fallback),
                                place or (main.place if main is not None else places.broadest_in(f.sentence)))
                forums[key] = ev
                events.append(ev)
        elif main is not None and (f.sentence in main.sentences
                                   or any(s.name == f.subject.name for _, s in main.roles)):
            ev = main  # the main event, when the sentence is about it
        else:
            continue
        ev.add_role("attendee" if f.type == "attends" else "speaker", f.subject)
        _trigger(ev, f)
    # A gathering the text names as held (第五届全球媒体创新论坛9日在北京开幕) is an event even when
    # nobody is said to attend it.
    for m in held_gatherings:
        label = m.group("name")
        if any(ev.event_type == "forum" and ev.name and (label in ev.name or ev.name in label)
               for ev in forums.values()) or label in forums:
            continue
        sentence = next(((a, b) for a, b in ((x.start, x.end) for x in seg.sentences) if a <= m.start() < b),
                        (m.start(), m.end()))
        at = places.after_zai(seg.text, m.end("name"), m.end())
        ev = EventDraft("forum", CAMEO["forum"], label, _date_near(seg, sentence, doc_date, fallback),
                        at or places.broadest_in(sentence))
        ev.triggers.append((m.start("verb"), m.end("verb")))
        ev.sentences.append(sentence)
        forums[label] = ev
        events.append(ev)
    for ev in events:
        ev.name = _name(ev)
    return events


# A named gathering and the verb that says it is held: an ordinal or a year, a name (its sides
# joined by a dash: 中国—东盟博览会), a kind of gathering — or a term, a body and the number of its session (十四届全国人大常委会第八次会议) —
# then (a date and a place and) 开幕, 举行, 召开 or 闭幕.
_HELD_GATHERING = re.compile(
    r"(?P<name>第?[一二三四五六七八九十]+届[\u4e00-\u9fff]{2,16}?第[一二三四五六七八九十\d]+次(?:全体)?会议"
    r"|(?:第[一二三四五六七八九十百零〇\d]+届|\d{4}年?|20\d\d)[\u4e00-\u9fff·（）()\d—－–-]{2,24}?"
    r"(?:论坛|博览会|峰会|大会|交易会|展览会|运动会|研讨会|年会|对话会))"
    r"[^，。；,;]{0,20}?(?P<verb>开幕|举行|召开|闭幕|启幕)")


_BEFORE_NAME = re.compile(r"出席|参加|主持|举行|召开|了|在|并|于|为|和|与|的|、|,|，|:|：|(?<![面导志])向")  # (习近平向…招待会致辞)


def _gathering_name(text: str, end: int, floor: int) -> str:
    """The gathering's own name: 丁薛祥在北京出席第二届中国国际供应链促进博览会开幕式
    -> 第二届中国国际供应链促进博览会开幕式; 并在工作交流座谈会 -> 工作交流座谈会."""
    start = max(floor, end - 30)
    cut = start
    for m in _BEFORE_NAME.finditer(text, start, end - 2):
        cut = m.end()
    if text[cut:cut + 1] in _QUOTES and text[end:end + 1] == _QUOTES[text[cut]]:
        cut += 1  # 「粤港澳大湾区发展论坛」: a name quoted whole is named without its quotes
    return text[cut:end]


# Opening quotation marks and the marks that close them.
_QUOTES = {"「": "」", "『": "』", "“": "”", "《": "》"}


def _rank(place: Span | None) -> int:
    """Smaller is broader: a country or province names a visit better than a building."""
    if place is None:
        return 99
    level = (place.attrs.level or 0)
    category = place.attrs.category
    if category == "country":
        return 0
    if level:
        return level
    return 5


class _Places:
    """The document's places, looked up by sentence."""

    def __init__(self, spans: list[Span]):
        self.places = sorted((s for s in spans if s.type == "Place" and not s.attrs.nested),
                             key=lambda s: s.start)
        self.starts = [s.start for s in self.places]

    def after_zai(self, text: str, start: int, end: int) -> Span | None:
        """The place right after 在 between ``start`` and ``end`` (在北京开幕), or None."""
        zai = text.find("在", start, end)
        if zai < 0:
            return None
        k = bisect_left(self.starts, zai + 1)
        return self.places[k] if k < len(self.places) and self.places[k].start <= zai + 2 \
            and self.places[k].end <= end else None

    def broadest_in(self, sentence: tuple[int, int]) -> Span | None:
        lo, hi = bisect_left(self.starts, sentence[0]), bisect_left(self.starts, sentence[1])
        found = self.places[lo:hi]
        return min(found, key=_rank) if found else None


def _trigger(ev: EventDraft, f: Found) -> None:
    if f.cue is not None and (f.cue.start, f.cue.end) not in ev.triggers:
        ev.triggers.append((f.cue.start, f.cue.end))
    if f.sentence not in ev.sentences:
        ev.sentences.append(f.sentence)


_VERB = {"visit": "访问", "meeting": "会见", "signing": "签署", "forum": ""}


def _name(ev: EventDraft) -> str:
    """A readable name: 山东省党政代表团访问北京市 (2019-07-21/2019-07-22)."""
    who = [s.name for r, s in ev.roles if r in ("guest", "signatory", "host")]
    if ev.event_type == "forum":
        core = ev.name or "会议"
    elif ev.event_type == "signing":
        doc = next((s.name for r, s in ev.roles if r == "document"), "")
        core = "、".join(dict.fromkeys(s.name for r, s in ev.roles if r == "signatory")) + "签署" + doc
    elif ev.event_type == "meeting":
        hosts = [s.name for r, s in ev.roles if r == "host"]
        guests = [s.name for r, s in ev.roles if r == "guest"]
        core = "、".join(dict.fromkeys(hosts)) + "会见" + "、".join(dict.fromkeys(guests))
    else:
        # where: the place, else the first site (习近平访问驻天津部队: a body visited, no place)
        where = ev.place.name if ev.place else next((s.name for r, s in ev.roles if r == "site"), "")
        core = (who[0] if who else "") + _VERB[ev.event_type] + where
    return f"{core} ({ev.date})" if ev.date else core
