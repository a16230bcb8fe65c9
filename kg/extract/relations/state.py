"""What relation rules share across a document: the mentions, the delegations named so far, the
last person spoken of, ``在…陪同下`` phrases, and the generic words (``代表团``, ``双方``, ``他``)
resolved to the entities they stand for.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

from kg.extract.entities.context import TO_OUR_PLACE
from kg.extract.entities.delegations import delegation_words
from kg.extract.entities.sentence import CLAUSE_END, TO_ABBREVIATED_PLACE, title_at
from kg.extract.entities.suffixed import GOVERNMENTS, PARTY_ORGANS
from kg.extract.spans import Cue, Span, SpanAttrs
from kg.lexicon import load_lines, load_pairs, longest_first
from kg.lexicon.gazetteer import gazetteer
from kg.text.segment import Segmented

__all__ = ["SentenceRead", "delegation_words", "both_sides_words", "CLAUSE_END", "DocState", "is_delegation", "synthetic_span", "between", "escort_phrases", "escorted", "escorted_one", "main_subject", "find_references", "note_holders", "target_of", "not_made", "window_before", "window_after", "PRONOUN_SUBJECT", "THEN", "WHILE_WITH", "WITH_OPENER", "carried_subject", "continues_clause", "TOGETHER", "listed_with_first", "listed_with_last", "titled_before", "named_after", "home_at", "office_place", "offices_held"]







@lru_cache(maxsize=1)
def both_sides_words() -> tuple[str, ...]:
    """Generic words for the two parties named before (双方, 两国)."""
    return load_lines("both_sides.txt")


_PRONOUNS = ("他", "她")


# A speaker's verb right after his name, at the head of a paragraph (习近平指出，…).
_THEIR_WORDS = ("指出", "表示", "强调")

# After a name, what makes him the head of a travelling party (高振敏等一行, 李四一行).
_PARTY_OF = ("一行", "等一行")


class DocState:
    """What relation rules look up across a document."""

    def __init__(self, seg: Segmented, spans: list[Span]):
        self.seg = seg
        self.text = seg.text
        self.spans = sorted((s for s in spans if not s.attrs.nested), key=lambda s: s.start)
        self.starts = [s.start for s in self.spans]
        self.nested = [s for s in spans if s.attrs.nested]
        self.documents = [s for s in self.spans if s.type == "Document"]  # (what 签署联合公报 points back to)
        self.last_person: Span | None = None
        #: who holds each office named so far, by its full name and by the words the text wrote it
        #: in (中共中央总书记, 总书记 → 习近平): a title standing alone stands for its holder
        self.holders: dict[str, dict[str, Span]] = {}
        #: the offices named so far that each person holds, by his name, in their order
        self.offices: dict[str, list[Span]] = {}
        self.last_subject: Span | None = None
        self.delegations: list[Span] = []
        #: the delegation each leader leads, by his name: 徐礼国一行 goes where his delegation goes
        self.led: dict[str, Span] = {}
        self.visitors: list[Span] = []
        self.escorts: list[tuple[int, int]] = []  # 在…陪同下 phrases of the current sentence
        self.sentence_subject: Span | None = None  # who the current sentence is about
        #: the delegation that visits for the current sentence's subject, carried from the one before
        self.sentence_visitor: Span | None = None
        self.last_meeting: tuple[Span, Span] | None = None  # the two sides of the last meets
        self.last_airport: Span | None = None  # the airport the story last named one landing at
        #: delegations met without their leader named (会见了山南市党政代表团一行): hosts, the
        #: delegation, the sentence and the cue; the leader the article names meets the hosts
        self.met_delegations: list[tuple[tuple[Span, ...], Span, tuple[int, int], Cue]] = []
        #: people written with the title of a head of state or government (习近平主席, 武契奇总统), in
        #: the order they came: who 两国元首 are when no meeting named both
        self.heads: list[Span] = []
        #: the first sentence where 两国元首 meet (两国元首举行会谈), and its cue
        self.heads_meeting: tuple[tuple[int, int], Cue] | None = None
        #: per sentence read so far: what the learned relation model reads (its span, its words,
        #: its mentions and references, its cue words, its 在…陪同下 phrases, its main subject)
        self.read: list[SentenceRead] = []
        self._hosts: dict[tuple[str, str], Span | None] = {}
        self._party_leaders: tuple[list[Span], list[int]] | None = None

    def two_heads(self) -> tuple[Span, ...]:
        """Who 两国元首 are: the two who met last, else the first two people written with a head's
        title, else the first two whose words open a paragraph (习近平指出，… 拉赫蒙表示，…: the two
        sides of talks the story never writes with their names); nobody when fewer are known."""
        if self.last_meeting is not None:
            return self.last_meeting
        if len(self.heads) >= 2:
            return tuple(self.heads[:2])
        speakers: dict[str, Span] = {}
        for sp in self.spans:
            if sp.type == "Person" and (sp.start == 0 or self.text[sp.start - 1] == "\n") \
                    and self.text.startswith(_THEIR_WORDS, sp.end):
                speakers.setdefault(sp.name, sp)
        return tuple(speakers.values())[:2] if len(speakers) >= 2 else ()

    def host_place(self, level: str, first: str = "") -> Span | None:
        """The story's one place of a ``level`` (市, 区, 县, 省) that no delegation of it comes from
        (潜江 in a story of 咸宁市政府考察团 来我市考察), or that opens with ``first`` (来张考察: 张家口
        where 乌兰察布市党政代表团 visits); None where there is not exactly one."""
        key = (level, first)
        if key not in self._hosts:
            places = [s for s in self.spans + self.nested if s.type == "Place" and s.attrs.full
                      and _of_level(s, level) and (not first or s.name.startswith(first))]
            homes = {d.name for d in self.spans + self.nested if is_delegation(d)}
            by_full = {p.attrs.full: p for p in places if not any(named_after(h, p) for h in homes)}
            self._hosts[key] = next(iter(by_full.values())) if len(by_full) == 1 else None
        return self._hosts[key]

    def delegation_before(self, pos: int) -> Span | None:
        cands = [d for d in self.delegations if d.start < pos]
        if cands:
            return cands[-1]
        return self.delegations[0] if self.delegations else None

    def party_leader_before(self, pos: int) -> Span | None:
        """The last person before ``pos`` written as the head of a party (高振敏等一行来我市考察) or as
        leading a group the story does not name (市委书记李明率我市党政代表团赴昆山市): who a delegation
        word stands for where the story names no delegation (考察团一行实地考察了…)."""
        if self._party_leaders is None:  # found once: a long text asks for each of its 代表团
            named_at = {sp.start for sp in self.spans if is_delegation(sp)}
            leaders = [sp for sp in self.spans if sp.type == "Person" and (
                self.text.startswith(_PARTY_OF, sp.end) or _leads_unnamed(self.text, sp.end, named_at))]
            self._party_leaders = (leaders, [sp.end for sp in leaders])
        leaders, ends = self._party_leaders
        k = bisect_right(ends, pos)
        return leaders[k - 1] if k else None


# A leader's verb and the group he leads, unnamed (率我市党政代表团, 带领考察团, 率队, 率团): at most a
# few words that say whose it is between them.
@lru_cache(maxsize=1)
def _leads_group() -> re.Pattern:
    kinds = "|".join(map(re.escape, delegation_words()))
    return re.compile(rf"(?:率领|带领|率)([^，。；,;、的]{{0,6}}?)(?:{kinds})|(?:率|带)[队团]()")


def _leads_unnamed(text: str, at: int, named_at: set[int]) -> bool:
    """Whether the person ending at ``at`` leads a group no name opens (率我市党政代表团; not
    率山东省党政代表团, which the story names)."""
    m = _leads_group().match(text, at)
    if m is None:
        return False
    words = m.start(1) if m.start(1) >= 0 else m.end()  # (率队, 率团 name no group)
    return not any(words <= start < m.end() for start in named_at)


def _of_level(place: Span, level: str) -> bool:
    """Whether a place (with the gazetteer's full name and level) is a province (省, 自治区), a city
    (市 of level 1 or 2), a district (区) or a county (县) as ``level`` asks."""
    full, lv = place.attrs.full, place.attrs.level
    if level == "省":
        return lv == 1 and full.endswith(("省", "自治区"))
    if level == "市":
        return lv in (1, 2, 3) and full.endswith("市")  # 潜江市, a county-level city, too
    return lv == 3 and full.endswith(level)


@dataclass(frozen=True)
class SentenceRead:
    """One sentence as the rules read it."""

    start: int
    end: int
    tokens: tuple[tuple[int, int], ...]
    items: tuple[Span, ...]
    cues: tuple[Cue, ...]
    escorts: tuple[tuple[int, int], ...]
    subject: Span | None
    #: the delegation that visits for a subject carried from the sentence before, who leads it
    carried_visitor: Span | None = None


@lru_cache(maxsize=8)
def _words_before_cue(name: str) -> re.Pattern:
    words = longest_first(load_lines(name))
    # (应邀, 受邀: at someone's invitation, which is no invitation to the one invited)
    return re.compile("(?<![应受])(?:" + "|".join(map(re.escape, words)) + ")")


def not_made(text: str, cue: Cue, sentence_start: int, words: str) -> bool:
    """Whether a word of the lexicon file ``words`` stands in the clause before ``cue``, making
    what it reports one not being done (邀请X访问: an invitation; 敦促乌方签署: an exhortation)."""
    return _words_before_cue(words).search(text, clause_start(text, sentence_start, cue.start), cue.start) is not None


def clause_start(text: str, lo: int, at: int) -> int:
    """Where the clause holding ``at`` begins: just after the last clause mark in ``text[lo:at]``,
    ``lo`` if there is none.

    >>> clause_start("随后，在六尺巷", 0, 5), clause_start("在六尺巷", 0, 3)
    (3, 0)
    """
    for k in range(at - 1, lo - 1, -1):
        if text[k] in CLAUSE_END:
            return k + 1
    return lo


def clause_end(text: str, at: int, hi: int) -> int:
    """Where the clause holding ``at`` ends: the first clause mark in ``text[at:hi]``, ``hi`` if none.

    >>> clause_end("李强来到天津，了解情况", 0, 11), clause_end("李强来到天津", 0, 6)
    (6, 6)
    """
    return next((k for k in range(at, hi) if text[k] in CLAUSE_END), hi)


def named_after(name: str, place: Span) -> bool:
    """Whether ``name`` (a delegation's) opens with ``place`` as written, in full or short, or with
    the place it lies in and then ``place``: 巴中市党政代表团 is named after 巴中 (巴中市), and
    贵州省铜仁市党政代表团 after 贵州省 and 铜仁市."""
    return home_at(name, place) >= 0


def home_at(name: str, place: Span) -> int:
    """Where in ``name`` (a delegation's) ``place`` is written as its home: 0 where the name opens
    with it, after the place it lies in (贵州省铜仁市党政代表团: 铜仁市 at 3), else -1."""
    for n in (place.name, place.attrs.full, place.attrs.short_name):
        if not n or len(n) < 2:
            continue
        if name.startswith(n):
            return 0
        at = name.find(n, 2, 12)
        if at > 0 and _is_place_name(name[:at]):
            return at
    return -1


def _is_place_name(written: str) -> bool:
    """Whether ``written`` is a place the gazetteer knows (贵州省, 新疆), in full or short."""
    return gazetteer().place(written) is not None


def is_delegation(sp: Span) -> bool:
    """Whether ``sp`` names a delegation, a group on a tour (山东省党政代表团, 考察团), not a company or
    a troupe (集团, 歌舞团: ``not_delegation_endings.txt``)."""
    return sp.type == "Organization" and (sp.name.endswith("团") and not sp.name.endswith(_not_delegation_endings())
                                          or sp.name.endswith(_touring_groups()))


@lru_cache(maxsize=1)
def _touring_groups() -> tuple[str, ...]:
    # the groups org_suffixes.tsv counts among delegations that are no 团 (执法检查组, 调研组, 督导组):
    # a group on a tour too, which goes where its leader takes it
    return tuple(s for s, kind in load_pairs("org_suffixes.tsv") if kind == "delegation" and not s.endswith("团"))


@lru_cache(maxsize=1)
def _not_delegation_endings() -> tuple[str, ...]:
    return tuple(load_lines("not_delegation_endings.txt"))


def office_place(doc: DocState, office: Span) -> Span | None:
    """The place an office is of: the place kg gave it (哈尔滨市 of 市长 after 哈尔滨市委副书记), else
    the place named inside it right before its title (卡加延市 of 菲律宾卡加延市市长; not 中国 of
    中国商飞董事长, the office of a company), else None."""
    text = doc.text
    place, body = office.attrs.place, office.attrs.body
    if place and not (body.startswith(place) and body[len(place):] in _PLACE_OWN_BODIES):
        return None  # (中国商飞董事长: an office of a company in 中国)
    if not place:
        inside = [p for p in doc.nested + doc.spans if p.type == "Place" and office.start <= p.start
                  and p.end < office.end
                  and title_at(text[:office.end], p.end) == text[p.end:office.end]]
        return max(inside, key=lambda p: p.start, default=None)
    entry = gazetteer().place(place)
    return synthetic_span(entry.name if entry else place, "Place", office.start, office.end, "office")


# The bodies of a place's own rule, after its name: its offices are the place's (哈尔滨市市长,
# 哈尔滨市委副书记, 淄博市人大常委会主任), unlike a university's or a company's there (南京大学校长).
_PLACE_OWN_BODIES = frozenset(("", "委", *GOVERNMENTS, *PARTY_ORGANS, "人大常委会", "政协"))


def offices_held(found: list, *, bare: bool = True, former: bool = True) -> dict[str, list[Span]]:
    """The offices the holds_position relations of ``found`` give each person, by his name, in their
    order; without the bare titles (``bare=False``) or the former offices (``former=False``).

    >>> from kg.extract.spans import Found
    >>> p, o = Span(0, 3, "Person", "李强", "x"), Span(3, 8, "Position", "国务院总理", "x")
    >>> {holder: [o.name for o in offices] for holder, offices in offices_held([Found("holds_position", p, o, (0, 9))]).items()}
    {'李强': ['国务院总理']}
    """
    out: dict[str, list[Span]] = {}
    for f in found:
        if f.type == "holds_position" and f.object is not None and (bare or not f.object.attrs.bare) \
                and (former or not f.object.attrs.former):
            out.setdefault(f.subject.name, []).append(f.object)
    return out


def synthetic_span(name: str, type_: str, at: int, end: int, source: str) -> Span:
    return Span(at, end, type_, name, source, 0.6, SpanAttrs(synthetic=True))


def between(text: str, a: int, b: int) -> str:
    return text[a:b] if a < b else ""


# 在…陪同下 (escorted by) and 应…邀请 (at the invitation of): the people inside
# are not the subject of the verbs around them.
_ESCORT = re.compile(r"在([^,;，；。]{1,40}?)陪同下|应([^,;，；。]{1,40}?)(?:的)?邀请|受([^,;，；。]{1,40}?)(?:的)?委托")


def escort_phrases(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Spans of 在…陪同下, 应…邀请 and 受…委托 phrases: the people inside escort, invite or entrust;
    they are not subjects."""
    return [(m.start(), m.end()) for m in _ESCORT.finditer(text, a, b)]


def _joined(text: str, titles: set[tuple[int, int]], a: int, b: int, joiners: str, adjacent: bool) -> bool:
    """Whether a name ending at ``a`` and the next starting at ``b`` are listed together: one of
    ``joiners`` between them and at most the next one's title, or nothing when ``adjacent``."""
    gap = text[a:b] if b > a else ""
    return (adjacent and not gap) or (gap[:1] != "" and gap[0] in joiners and (len(gap) == 1 or (a + 1, b) in titles))


def listed_with_last(text: str, people: list[Span], items, joiners: str, adjacent: bool = False) -> list[Span]:
    """The last of ``people`` and those listed with him before it, each joined to the next by one of
    ``joiners`` and at most the next one's title (李锦斌、省长李国英; 郝明金、民进中央主席蔡达峰), or
    by nothing when ``adjacent``."""
    titles = {(s.start, s.end) for s in items if s.type == "Position"}
    group = people[-1:]
    for p in reversed(people[:-1]):
        if not _joined(text, titles, p.end, group[0].start, joiners, adjacent):
            break
        group.insert(0, p)
    return group


def listed_with_first(text: str, people: list[Span], items, joiners: str, adjacent: bool = False) -> list[Span]:
    """The first of ``people`` and those listed with him after it, as :func:`listed_with_last` reads
    them (会见李慧琼、叶劉淑儀、麦美娟、张宇人: all four)."""
    titles = {(s.start, s.end) for s in items if s.type == "Position"}
    group = people[:1]
    for p in people[1:]:
        if not _joined(text, titles, group[-1].end, p.start, joiners, adjacent):
            break
        group.append(p)
    return group


def _titled_only(text: str, items, a: int, person: Span) -> bool:
    """Whether ``text[a:person.start]`` is nothing but offices (and 、 between them)."""
    k = a
    for p in sorted((s for s in items if s.type == "Position" and a <= s.start and s.end <= person.start),
                    key=lambda s: s.start):
        if p.start < k:
            continue
        if text[k:p.start].strip("、 ") or p.start > k + 1:
            return False
        k = p.end
    return not text[k:person.start].strip("、 ")


def titled_before(text: str, items, lo: int, first: Span) -> list[Span]:
    """The people named each with his offices alone in the clauses right before the one ``first``
    opens with his offices (吉林省委书记巴音朝鲁，省委副书记、省长景俊海会见…: 巴音朝鲁 before
    景俊海): one list of hosts written with commas.  ``lo`` is where the sentence starts.

    >>> from kg.extract.spans import Span
    >>> t = "西青区委书记李清，区长白凤祥会见了董正国"
    >>> items = [Span(0, 6, "Position", "西青区委书记", "title"), Span(6, 8, "Person", "李清", "x"),
    ...          Span(9, 11, "Position", "西青区区长", "title"), Span(11, 14, "Person", "白凤祥", "x")]
    >>> [p.name for p in titled_before(t, items, 0, items[3])]
    ['李清']
    """
    start = clause_start(text, lo, first.start)
    if start == first.start or not _titled_only(text, items, start, first):
        return []
    out: list[Span] = []
    while start - 1 > lo and text[start - 1] in "，,":
        prev_start = clause_start(text, lo, start - 1)
        people = [s for s in items if s.type == "Person" and prev_start <= s.start and s.end <= start - 1]
        if len(people) != 1 or people[0].end != start - 1:
            break
        # (正在北京参加会议的山东省委书记姜异康，…: a relative clause before his offices says where he is)
        de = text.rfind("的", prev_start, people[0].start)
        opening = de + 1 if de >= 0 and not any(
            s.type == "Position" and prev_start <= s.start < de for s in items) else prev_start
        if people[0].start == opening or not _titled_only(text, items, opening, people[0]):
            break
        out.insert(0, people[0])
        start = prev_start
    return out


def escorted(doc: DocState, sp: Span) -> bool:
    return any(x <= sp.start and sp.end <= y for x, y in doc.escorts)


def escorted_one(doc: DocState, items, before: int) -> Span | None:
    """The mention of whom an escort phrase starting at ``before`` (在…陪同下) escorts: the sentence's
    subject where the sentence names it before the phrase (彭丽媛陪同习近平…，并在吴氏敏陪同下参观…:
    彭丽媛), else the nearest person before it (习近平走下列车，在…陪同下，考察了…), else None — but a
    delegation written right before the phrase is the one escorted."""
    people = [s for s in items if s.type == "Person" and s.end <= before and not escorted(doc, s)]
    # (由信长星率领的江苏省党政代表团在韩俊陪同下: the delegation right before 在, not its leaders)
    group = next((s for s in items if s.end == before and is_delegation(target_of(s))), None)
    if group is not None:
        return group
    subject = doc.sentence_subject
    named = [s for s in people if subject is not None and target_of(s).name == subject.name]
    return named[0] if named else people[-1] if people else None


def main_subject(doc: DocState, items: list[Span], cues: list[Cue], start: int = 0) -> Span | None:
    """Who the sentence is about: its first person or delegation before the first
    cue, outside 在…陪同下; a sentence that opens with a cue carries the subject
    of the one before (丁薛祥在天津调研。他强调…; …来到A。随后来到B)."""
    # a cue that names a time frame (访问期间，代表团还…) says when, not who acts
    first_cue = next((c.start for c in cues if not doc.text.startswith("期间", c.end)), None)
    # (在同莫拉莱斯会谈时，…: the partners a time frame names are not who the sentence is about)
    text = doc.text
    opening = max(start - 1, *(text.rfind(c, start, items[0].start) for c in "，。\n")) + 1 if items else 0
    partners = bool(items) and WHILE_WITH.match(text, opening) is not None
    candidates = [sp for sp in items if (first_cue is None or sp.start < first_cue) and not escorted(doc, sp)
                  and not partners]
    for sp in candidates:
        if sp.type == "Person" or is_delegation(target_of(sp)):
            return target_of(sp)
    if not any(sp.type == "Person" or is_delegation(target_of(sp)) for sp in items
               if (first_cue is None or sp.start < first_cue) and not partners):
        return doc.last_subject
    return None


def find_references(doc: DocState, a: int, b: int, mentions: list[Span], token_starts: set[int]) -> list[Span]:
    """Generic words resolved to the entities they mean (代表团, 双方, 他)."""
    text = doc.text
    taken = [(m.start, m.end) for m in mentions]
    refs: list[Span] = []

    def free(x: int, y: int) -> bool:
        return all(y <= p or x >= q for p, q in taken)

    for word in delegation_words():
        pos = text.find(word, a, b)
        while pos >= 0:
            end = pos + len(word)
            if free(pos, end):
                target = doc.delegation_before(pos)
                if target is not None:
                    refs.append(Span(pos, end, target.type, target.name, "reference", 0.7,
                                     replace(target.attrs, reference=True, target=target)))
                elif (leader := doc.party_leader_before(pos)) is not None:
                    refs.append(Span(pos, end, "Person", leader.name, "reference", 0.6,
                                     replace(leader.attrs, reference=True, target=leader)))
                else:
                    refs.append(Span(pos, end, "Organization", word, "reference", 0.3,
                                     SpanAttrs(reference=True, unresolved=True)))
                taken.append((pos, end))
            pos = text.find(word, end, b)
    for word in both_sides_words():
        pos = text.find(word, a, b)
        while pos >= 0:
            end = pos + len(word)
            if free(pos, end):
                refs.append(Span(pos, end, "Both", word, "reference", 0.6, SpanAttrs(reference=True)))
                taken.append((pos, end))
            pos = text.find(word, end, b)
    # (a sentence without 我 is not tried at each position of the pattern)
    our_places = TO_OUR_PLACE.finditer(text, a, b) if text.find("我", a, b) >= 0 else ()
    for m in our_places:
        # 来我市考察: the reporter's own city, the story's host
        target = doc.host_place(m.group(1))
        if target is not None and free(m.start(), m.end()):
            refs.append(Span(m.start(), m.end(), "Place", target.name, "reference", 0.6,
                             replace(target.attrs, reference=True, target=target)))
            taken.append((m.start(), m.end()))
    for m in TO_ABBREVIATED_PLACE.finditer(text, a, b):
        # 来张考察, 来绍考察: the host city by its first character
        at = m.start(1)
        target = doc.host_place("市", m.group(1))
        if target is not None and free(at, at + 1):
            refs.append(Span(at, at + 1, "Place", target.name, "reference", 0.6,
                             replace(target.attrs, reference=True, target=target)))
            taken.append((at, at + 1))
    refs += _titles_for_holders(doc, a, mentions)
    for ref in _surnames_titled(doc, a, b, token_starts):
        # (the title alone may have been read as a bare office: 骆|主任)
        if free(ref.start, ref.end) or not any(r.start < ref.end and ref.start < r.end for r in refs) and all(
                m.type == "Position" and ref.start < m.start and m.end <= ref.end
                for m in mentions if m.start < ref.end and ref.start < m.end):
            refs.append(ref)
            taken.append((ref.start, ref.end))
    for word in _PRONOUNS:
        pos = text.find(word, a, b)
        while pos >= 0:
            end = pos + 1
            target = _antecedent(text, mentions, a, pos) or doc.last_person
            if free(pos, end) and pos in token_starts and target is not None and text[end:end + 1] != "们":
                refs.append(Span(pos, end, "Person", target.name, "reference", 0.6,
                                 replace(target.attrs, reference=True, target=target)))
                taken.append((pos, end))
            pos = text.find(word, end, b)
    return [r for r in refs if not r.attrs.unresolved]


def note_holders(doc: DocState, holds: list) -> None:
    """Remember who holds the offices of ``holds`` (holds_position relations), under the office's
    full name, the words the text wrote it in and its title (国务院总理, 总理)."""
    for f in holds:
        if f.object is None or f.object.attrs.former:
            continue
        doc.offices.setdefault(f.subject.name, []).append(f.object)
        for key in {f.object.name, doc.text[f.object.start:f.object.end], f.object.attrs.title} - {""}:
            doc.holders.setdefault(key, {})[f.subject.name] = f.subject


def _titles_for_holders(doc: DocState, a: int, mentions: list[Span]) -> list[Span]:
    """An office written alone as the subject of a clause, standing for the one person the story
    gave it before (习近平总书记 … 总书记来到龙王庙村: 总书记 is 习近平)."""
    starts = {m.start for m in mentions}
    out = []
    for m in mentions:
        if m.type != "Position" or m.end in starts or clause_start(doc.text, a, m.start) != m.start \
                or doc.text[m.end:m.end + 1] in "、和及与":
            continue
        names = doc.holders.get(doc.text[m.start:m.end]) or doc.holders.get(m.name)
        if not names or len(names) != 1:
            continue
        target = next(iter(names.values()))
        out.append(Span(m.start, m.end, "Person", target.name, "reference", 0.6,
                        replace(target.attrs, reference=True, target=target)))
    return out


def _surnames_titled(doc: DocState, a: int, b: int, token_starts: set[int]) -> list[Span]:
    """A surname and a title standing for the one person the story gave that title before
    (中联办主任骆惠宁 … 骆主任以山西省委书记身分访港: 骆主任 is 骆惠宁), in ``text[a:b]``, the surname
    where a word starts."""
    text = doc.text
    out = []
    for title, named in doc.holders.items():
        if not 1 < len(title) <= 4 or title_at(title, 0) != title:
            continue
        pos = text.find(title, a + 1, b)
        while pos >= 0:
            for k in (1, 2):
                holders = [p for p in named.values() if len(p.name) > k and p.name[:k] == text[pos - k:pos]]
                if len(holders) == 1 and pos - k >= a and pos - k in token_starts:
                    target = holders[0]
                    out.append(Span(pos - k, pos + len(title), "Person", target.name, "reference", 0.6,
                                    replace(target.attrs, reference=True, target=target)))
                    break
            pos = text.find(title, pos + len(title), b)
    return out


def _antecedent(text: str, mentions: list[Span], a: int, pos: int) -> Span | None:
    """The person a pronoun at ``pos`` stands for: the last one named earlier in
    the sentence outside the pronoun's own clause (…米佐塔基斯总理访华期间，
    习近平主席同他举行会晤: 他 is 米佐塔基斯, not 习近平), and not one whose own clause speaks of
    him or her (习近平将同他会见，李强将同他会谈: both 他 are the guest of the story)."""
    clause = clause_start(text, a, pos)
    earlier = [m for m in mentions if m.type == "Person" and m.end <= clause
               and not any(p in text[m.end:clause_end(text, m.end, clause)] for p in _PRONOUNS)]
    return earlier[-1] if earlier else None


def target_of(sp: Span) -> Span:
    """The entity span a reference stands for (the span itself otherwise)."""
    return (sp.attrs.target if sp.attrs.target is not None else sp) if sp.attrs.reference else sp


def window_before(items: list[Span], cue: Cue, prev_cue: Cue | None, lo: int) -> list[Span]:
    start = prev_cue.end if prev_cue else lo
    return [s for s in items if start <= s.start and s.end <= cue.start]


def window_after(text: str, items: list[Span], cue: Cue, next_cue: Cue | None, hi: int,
                  stop_at_comma: bool = True) -> list[Span]:
    end = next_cue.start if next_cue else hi
    if stop_at_comma:
        end = clause_end(text, cue.end, end)
    return [s for s in items if cue.end <= s.start and s.end <= end]


PRONOUN_SUBJECT = re.compile(r"我们|我|他们|她们|大家|各方|双方")

#: Words of sequence that may open a clause before its verb or its 与 (，并会见…; ，随后同…举行会谈).
THEN = "并|还|又|随后|之后|随即|接着|然后|亦|也"
# A time that may open a clause: 周二, 今早, 昨日, 5日, 上午.
_WHEN = (r"周[一二三四五六日]|星期[一二三四五六日天]|[今昨明当][日天早晚]|[0-9０-９一二三四五六七八九十]{1,3}日"
         r"|早上|上午|中午|下午|晚上|稍后|其后")
#: A time frame that opens with the partner of a meeting (在同古共中央…莫拉莱斯会谈时).
WHILE_WITH = re.compile(r"\s*在(?:同|与|和)")
#: A clause that opens with 与/同/和 (，与万向集团签署了…; ，与政务司司长陈国基进行工作会谈): its
#: other side is whom the sentence is about.
#: (a time may come first: ，周二早上与德国联邦外交部次官…会面)
WITH_OPENER = re.compile(rf"\s*(?:{_WHEN})*(?:{THEN})?(?:同|与|和)")


def described_person(text: str, items, cue: Cue, sent) -> Span | None:
    """The person a relative clause holding ``cue`` describes: the first one after the clause's
    last 的 (会见来华出席峰会的泰国总理赛塔 → 赛塔); None if the clause has no 的 or no person after it."""
    end = clause_end(text, cue.end, sent[1])
    de = text.rfind("的", cue.end, end)
    if de < 0:
        return None
    return next((s for s in items if de < s.start < end and s.type == "Person"), None)


# What opens a clause that goes on with the subject of the clause before (，并出席; ，随后出席), and
# the words that make its verb both sides' (，并共同出席).
_GOES_ON = re.compile(r"[，,](?:并|随后|还|又|之后|然后|同时|也|并且|共同|一同)+$")
#: The words that make a verb that goes on after a meeting both sides' (，并共同出席).
TOGETHER = ("共同", "一同")


def continues_clause(text: str, prev_cue: Cue, cue: Cue, people: list[Span]) -> str | None:
    """The words that open the clause of ``cue`` (并, 随后, 并共同) where the people between it and a
    cue of meeting or visiting (if any) are that cue's objects, in the clause before, and the verb's
    own clause names no one; None otherwise.

    >>> text = "李强会见了越南总理范明政，并出席欢迎宴会。"
    >>> met, attend = Cue(2, 4, "会见", "meets", "meet"), Cue(14, 16, "出席", "attends", "attend")
    >>> continues_clause(text, met, attend, [Span(9, 12, "Person", "范明政", "x")])
    '，并'
    """
    if prev_cue.relation not in ("meets", "visits"):
        return None
    m = _GOES_ON.search(text, people[-1].end if people else prev_cue.end, cue.start)
    return m.group() if m is not None and m.end() == cue.start else None


def carried_subject(doc: DocState, cue: Cue, before: list[Span], sent, prev_cue) -> Span | None:
    """The sentence's subject, for a verb whose own clause names no one
    (李强…乘包机离开北京，应邀赴巴西出席…会晤: 李强 attends)."""
    subject = doc.sentence_subject
    if subject is None or subject.type != "Person" or before:
        return None
    window = doc.text[prev_cue.end if prev_cue else sent[0]:cue.start]
    if PRONOUN_SUBJECT.search(window):
        return None
    return subject
