"""Positions: a body and a title (``山东省委`` + ``书记``), in chains (``省委副书记、省长``,
``副委员长兼秘书长``, ``市委常委、政法委书记``), with a body the text abbreviates completed
from the story's places (:mod:`kg.extract.entities.context`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from kg.extract.entities.context import StoryContext, central_committee, party_country
from kg.extract.entities.delegations import delegation_words
from kg.extract.entities.sentence import (
    AUTONOMOUS,
    LEVEL_CHARS,
    SHARED_CHARS,
    SentenceView,
    all_han,
    pick_longest,
    title_at,
    title_level,
)
from kg.extract.entities.suffixed import PARTY_ORGANS
from kg.extract.spans import Span, SpanAttrs
from kg.lexicon.gazetteer import Entry, Hit, chinese_name, gazetteer, is_country, national_titles, regional_bodies
from kg.lexicon.jieba_dict import word_tag

__all__ = ["AIDE_TITLES", "LEGISLATIVE_COUNCILLOR", "complete_by_holder", "find_positions", "is_sector_member",
           "without_holder_ordinal"]

LEGISLATIVE_COUNCILLOR = "立法会议员"
# A member of Hong Kong's Legislative Council written with the sector that elects him: the sector
# is his seat, not a body of the office.
_SECTOR_MEMBER = re.compile(r"[\u4e00-\u9fff]{1,8}界(?:立法会)?议员")


# Which holder of a head's office one is, written inside it (俄罗斯联邦第八届总统, 第五任行政长官): no
# part of the office (第78届联合国大会主席: the ordinal there is the assembly's session's).
_HOLDER_ORDINAL = re.compile("第[〇一二三四五六七八九十百两0-9]+[届任](?=(?:总统|主席|总理|首相|行政长官|总督|秘书长)$)")


def without_holder_ordinal(office: str) -> str:
    """``office`` without the ordinal of its holder.

    >>> without_holder_ordinal("俄罗斯联邦第八届总统"), without_holder_ordinal("第78届联合国大会主席")
    ('俄罗斯联邦总统', '第78届联合国大会主席')
    """
    return _HOLDER_ORDINAL.sub("", office)


def is_sector_member(office: str) -> bool:
    """Whether ``office`` is a Legislative Council member's written with his sector.

    >>> is_sector_member("法律界议员"), is_sector_member("医学界立法会议员"), is_sector_member("区议员")
    (True, True, False)
    """
    return _SECTOR_MEMBER.fullmatch(office) is not None


def find_positions(s: SentenceView, bodies: list[Span], ctx: StoryContext) -> list[Span]:
    """Positions: a body (organisation or place) followed by a title, in chains."""
    text = s.text
    by_end: dict[int, Span] = {}
    for sp in sorted(bodies, key=lambda b: (b.type != "Place", b.end - b.start)):
        by_end[sp.end] = sp  # organisations win over places ending at the same point
    groups: dict[int, Span] = {}  # the longest organisation at each start (老挝人民革命党代表团)
    for sp in bodies:
        if sp.type == "Organization" and sp.end > getattr(groups.get(sp.start), "end", -1):
            groups[sp.start] = sp
    blocked = [(b.start, b.end) for b in bodies if not b.attrs.bare]
    # 自治区党委副书记: a bare body that the title 党委副书记 overlaps keeps its 党委
    blocked += [(b.start, b.end) for b in bodies if b.attrs.bare and b.name.startswith(AUTONOMOUS)]
    titles = []
    for h, e in pick_longest([h for h in s.hits if h.of("title")], {"title"}):
        # a title that ends inside a word the dictionary knows is no title (委员 in 委员会)
        a, b = s.word_around.get(h.end, (h.end, h.end))
        if b - a > 2 and word_tag(text[a:b]) is not None and title_at(text, a) != text[a:b]:
            continue
        # A title that overlaps a name is part of the name (中央政治局常委 in
        # 中共中央政治局常委 starts inside 中共中央政治局), except where a place
        # shares its last character with the title (北京市长).
        inner = [(a, b) for a, b in blocked if a < h.end and h.start < b]
        if inner and not all(b == h.start + 1 and text[h.start] in SHARED_CHARS for a, b in inner):
            inner_end = max(b for a, b in inner)
            if text[inner_end - 1] in SHARED_CHARS:
                inner_end -= 1  # 美国国防部长: 部长 after 美国国防部, sharing 部
            tail = [t for t in s.hits if t.of("title") and t.end == h.end and t.start >= inner_end]
            if not tail and e.category == "member" and h.start < inner_end < h.end \
                    and any(b == inner_end and text[a:b].endswith(text[h.start:inner_end]) for a, b in inner):
                # 发改委党组|成员: a member's title that opens with the end of the body's name (党组成员
                # after 发改委党组) is the rest of it after that body
                e = replace(e, name=text[inner_end:h.end])
                tail = [Hit(inner_end, h.end, (e,))]
            if not tail:
                continue
            h = max(tail, key=lambda t: t.end - t.start)
            e = h.of("title")
        titles.append((h, e))
    out: list[Span] = []
    prev: Span | None = None
    for h, e in titles:
        position = _position(s, h, e, by_end, prev, ctx, groups)
        if position.attrs.bare and position.attrs.title in _PERSONAL_AIDES:
            continue
        out.append(prev := position)
    return out


def _position(s: SentenceView, h: Hit, e: Entry, by_end: dict[int, Span], prev: Span | None,
              ctx: StoryContext, groups: dict[int, Span]) -> Span:
    text = s.text
    title = e.name
    start, body, body_place, completed = h.start, "", "", False
    body_mention = None
    former = s.former_at(h.start)
    body_span = by_end.get(h.start)
    if title == "议员" and body_span is not None and body_span.type == "Organization" \
            and not body_span.name.endswith(_LEGISLATURES) \
            and not text.startswith(delegation_words(), h.end):
        # 民主党议员: his party, not the council he sits in (民主党|立法会议员 alike); a group of a
        # party's members is the party's (工党议员代表团)
        body_span = None
    shared = False
    if body_span is None and text[h.start] in SHARED_CHARS:
        # 北京市长: 北京市 + 市长 share 市; 美国商务部长: 美国商务部 + 部长 share 部
        cand = by_end.get(h.start + 1)
        if cand is not None and cand.start < h.start and (
                cand.type == "Place" if text[h.start] in LEVEL_CHARS else cand.type == "Organization"):
            body_span, shared = cand, True
    joined_by = text[h.start - 1] if h.start > s.start else ""
    party = by_end.get(h.start - 2) if body_span is None and text.startswith("中央", h.start - 2) else None
    if party is not None and party_country(party):
        # 越南共产党中央总书记, 越共中央总书记: the central committee of a foreign party the text names
        start, body, body_place = party.start, party.name + "中央", party_country(party)
        former = former or s.former_at(start)
        body_mention = (party.start, h.start)  # the body is 越共中央, the party inside it no mention
    elif body_span is not None and body_span.start < h.start:
        start = body_span.start
        former = former or s.former_at(start)
        if body_span.attrs.bare:
            body = ctx.complete_body(body_span.name, s, body_span.start)
            completed = bool(body)
            body = body or body_span.name
            body_place = ctx.place_of(body) if completed else ""
            if completed:  # 省委 in 省委书记 is a mention of 山东省委
                body_mention = (body_span.start, body_span.end)
        else:
            body = body_span.name
            body_place = body_span.name if body_span.type == "Place" else party_country(body_span) or ctx.place_of(body)
            if not body_place and prev is not None and prev.end == body_span.start - 1 \
                    and text[prev.end] == "兼" and prev.attrs.place != "中国" and is_country(prev.attrs.place):
                # 新加坡副总理兼财政部长: the second office is of the first one's (foreign) country;
                # China's own bodies are named without it (国家主席兼中央军委主席)
                body, body_place = prev.attrs.place + body, prev.attrs.place
            # 中国驻朝鲜大使: the sending country comes before 驻.
            if body_span.type == "Place" and text[body_span.start - 1:body_span.start] == "驻":
                sender = by_end.get(body_span.start - 1)
                if sender is not None and sender.type == "Place":
                    start = sender.start
                    body = text[sender.start:body_span.end]
    elif prev is not None and prev.end == h.start and title in AIDE_TITLES and not prev.attrs.bare:
        # 联合国秘书长发言人, 俄罗斯总统新闻秘书: the aide of the office written right before
        start, body, body_place = prev.start, prev.name, prev.attrs.place
        former = former or prev.attrs.former
    elif prev is not None and prev.attrs.body and _sub_body(text, prev.end, h.start):
        # 武汉市委常委、政法委书记: 政法委 is the body's own committee (武汉市委政法委)
        sub = _sub_body(text, prev.end, h.start)
        start = h.start - len(sub)
        body = prev.attrs.body + sub
        body_place = prev.attrs.place
        former = former or prev.attrs.former
    elif prev is not None and joined_by in "及和" and prev.end == h.start - 1 and prev.attrs.body \
            and _officer_of_same_body(prev, title, e):
        # 香港民意研究所主席及行政总裁: both offices of the one body
        body, body_place = prev.attrs.body, prev.attrs.place
        former = former or prev.attrs.former
    elif prev is not None and joined_by in ("兼", "、", "") and (
            prev.end in (h.start, h.start - 1) or _holder_between(text, prev.end, h.start)):
        # A chain: 副委员长兼秘书长 shares the body; 省委副书记、省长 the place.
        prev_body = prev.attrs.body or ""
        if joined_by in ("兼", "") and prev_body:
            body = prev_body
        elif prev.attrs.place != "中国" and is_country(prev.attrs.place) and _national(title):
            body = prev.attrs.place  # 越共中央总书记、国家主席: Vietnam's 国家主席, not China's
        elif prev_body and (prev.attrs.title.endswith(("常委", "副书记")) or prev.attrs.title in _COMMITTEE_OFFICERS) \
                and title in _COMMITTEE_OFFICERS:
            # 市委常委、秘书长, 、组织部部长, 市委副书记、社工部部长: an officer or department head of the
            # same committee (and the next one of it: 市委常委、组织部部长、统战部部长)
            body = prev_body
        elif prev_body and prev.attrs.title.startswith("副") and title in _SECRETARIES:
            body = prev_body  # 全国政协副主席、秘书长: the secretary-general of the body one deputy-heads
        elif prev_body and prev.attrs.title.endswith(("常委", "副书记")) and title == "纪委书记" and prev.attrs.place:
            # 市委常委、纪委书记, 市委副书记、纪委书记: the discipline commission is the place's (本溪市纪委)
            body = prev.attrs.place
        elif prev_body.endswith(PARTY_ORGANS) and len(prev_body) > 2 and e.category == "head" \
                and not title_level(title):
            body = prev_body[:-2]  # 国资委党委书记、主任: the director of 国资委 itself
        elif prev.attrs.place and e.category == "head" and title_level(title):
            body = _place_of_level(prev, title_level(title))
        elif prev_body and joined_by == "、" and title.removeprefix("副") == prev.attrs.title.removeprefix("副"):
            body = prev_body  # 中联部部长王家瑞、副部长刘洪才: the deputy of the same body
        elif prev_body and joined_by == "、" and prev.end < h.start - 1 and _officer_of_same_body(prev, title, e):
            body = prev_body  # 港铁主席马时亨、行政总裁梁国权: a list of one body's officers
        body_place = prev.attrs.place
        former = former or prev.attrs.former
    if not body and e.category == "member" and prev is not None and prev.attrs.body \
            and prev.attrs.title.endswith("常委") and title in _MEMBERS_AFTER_STANDING:
        # 中央政治局常委汪洋、韩正，委员丁薛祥、刘鹤: the members of the committee its standing members head
        body, body_place, completed = prev.attrs.body, prev.attrs.place, True
    if not body and e.category == "head" and text.endswith("以", s.start, h.start):
        # 以主席拉赫曼为团长的孟加拉国民族党代表团: the head of the party that sends the delegation
        party = _party_of_headed_group(text, h.end, groups)
        if party:
            body = party + "中央" if title == "总书记" else party
            completed = True
    if not body and e.category == "head" and text[max(s.start, h.start - 2):h.start] == "中央" and ctx.parties:
        # 由中央总书记…率领的希腊新民主党代表团: the central committee of the foreign party
        party = ctx.parties[0]
        body = central_committee(party)
        start = h.start - 2
        completed = True
    holder = _holder_len(text, h.start, by_end, title) if not body and e.category == "head" else 0
    holder_body = by_end.get(h.start - holder) if holder else None
    if holder_body is not None:
        # 福州市人大常委会陈奇副主任, 福州市委王宁书记: the body written before its holder's name
        body = ctx.complete_body(holder_body.name, s, holder_body.start) if holder_body.attrs.bare else holder_body.name
        body_place = ctx.place_of(body)
        completed = True
    if not body and e.category == "head" and title_level(title) and prev is not None and prev.attrs.place \
            and not prev.attrs.completed and _holder_between(text, prev.end, h.start, "，,") \
            and ctx.role(s, h.start) != "host":
        # 大连市委常委、秘书长张世坤，副市长曹爱华参加考察: a list of one side's officials goes on with the
        # place the office before names (not where they receive others: …，市长王建平陪同)
        body, body_place = _place_of_level(prev, title_level(title)), prev.attrs.place
        former = former or prev.attrs.former
    if not body and title in _SECRETARIES and prev is not None and prev.attrs.body \
            and prev.attrs.title.startswith("副") and _HOLDERS_THEN_COMMA.fullmatch(text, prev.end, h.start):
        # 全国人大常委会副委员长李鸿忠、郑建邦，秘书长刘奇: the secretary-general of the body whose deputy
        # heads the list names before him
        body, body_place = prev.attrs.body, prev.attrs.place
        former = former or prev.attrs.former
    if not body and e.category == "head" and not text.startswith(_ADDRESSES, h.end):
        # (对市长先生率团来访表示欢迎: the title addresses a guest, no office of the story's place)
        body = ctx.complete_title(title, s, h.start)
        body_place = body if body and ctx.place_of(body) else ""
        completed = bool(body)
    name = _join_body_title(body, title) if not shared else _shared_name(body, title)
    name = _with_region(name, ctx.government_region(s, h.start))
    if is_sector_member(name):
        name, body = LEGISLATIVE_COUNCILLOR, "立法会"  # 医学界立法会议员陈沛然
    return Span(start, h.end, "Position", name, "title", 0.9 if body else 0.5,
                SpanAttrs(title=title, body=body, place=body_place, former=former, category=e.category, bare=not body and (e.category == "head" or title in _BODILESS_MEMBERS), completed=completed, title_only=start == h.start, body_mention=body_mention))


# What a bare 议员 sits in: a body before the title that is none of these is the member's party or
# group, not the body of his office.
_LEGISLATURES = ("议会", "立法会", "国会", "议院", "立法院")

# Members listed after a committee's standing members, of the same committee.
_MEMBERS_AFTER_STANDING = ("委员", "候补委员")
# Members' titles that name no committee (政治局委员 names its own): alone they state no office.
_BODILESS_MEMBERS = frozenset(("委员", "常委", "常务委员", "候补委员"))

# What follows a title that addresses someone by it (市长先生, 总统阁下).
_ADDRESSES = ("先生", "女士", "阁下")


def _holder_len(text: str, at: int, by_end: dict[int, Span], title: str = "") -> int:
    """The length of the Chinese name between a body and the title at ``at`` (福州市委|王宁|书记: 2),
    or 0 where no body ends right before a name there (a place's is a venue's name more often than
    an office: 利雅得|哈立德|国王机场 — but not before the title of its head: 广州市|郭永航|市长)."""
    level = title_level(title)
    for k in (2, 3):
        body = by_end.get(at - k)
        name = text[at - k:at]
        if body is not None and (body.type == "Organization" or (
                body.type == "Place" and level and body.name.endswith(level) and body.attrs.level in (1, 2, 3))) \
                and all_han(name) and chinese_name(name) \
                and (word_tag(name) or "nr").startswith("nr") and not title_at(text, at - k):
            return k
    return 0


#: Titles of an aide, who serves the office written right before (联合国秘书长发言人), not its body
#: — or the person (高永文政治助理陈凯欣: 高永文 is whom she serves, not one who holds the title).
AIDE_TITLES = frozenset(("发言人", "新闻秘书", "特使", "特别代表", "私人秘书", "特别助理", "高级特别助理", "政治助理"))
# Aides of a person more than of an office: written bare (政治助理罗永聪), the title does not say whose
# aide, and the mention tagger, which learned such titles as the annotators wrote them, reads them.
_PERSONAL_AIDES = frozenset(("私人秘书", "特别助理", "高级特别助理", "政治助理"))


# A head's name and the words that make him a delegation's head (以主席拉赫曼|为团长的).
_HEADS_GROUP = re.compile(r"[^，。、,;；为]{1,12}?为(?:副)?团长的")


def _party_of_headed_group(text: str, at: int, groups: dict[int, Span]) -> str:
    """The party whose delegation the head named at ``at`` heads (以总书记通伦为团长的老挝人民革命党
    代表团: 老挝人民革命党), or ''."""
    m = _HEADS_GROUP.match(text, at)
    if m is None:
        return ""
    group = groups.get(m.end())
    if group is None:
        return ""
    party = next((group.name[:-len(w)] for w in delegation_words() if group.name.endswith(w)), "")
    return party if len(party) > 1 and party.endswith("党") else ""


def _national(title: str) -> bool:
    """Whether ``title`` is a head of state's, government's or legislature's (国家主席, 总理, 委员长):
    after a foreign country's office in a chain, that country's.

    >>> _national("国家主席"), _national("总理"), _national("内阁总理"), _national("秘书长")
    (True, True, True, False)
    """
    return title in national_titles() or title in _national_offices() or title in _COUNTRY_HEADS


# Titles that rank a scholar or a member rather than hold an office of the body named before them
# (立法会议员…、副会长…: the members' list goes on with another body's officers).
_RANKS = frozenset(("院士", "教授", "副教授", "研究员", "议员", "代表", "委员", "常委", "成员"))
# The officers a body's list names one after another, each of the body the first office names
# (港铁主席马时亨、行政总裁梁国权; 外交部部长王毅、发言人毛宁); not a school's 校长 after a student
# union's 会长, nor 行政长官 after 全国政协副主席 (Hong Kong's or Macao's whatever comes before).
_OFFICERS = frozenset(("行政总裁", "副行政总裁", "总裁", "副总裁", "首席执行官", "首席财务官", "首席运营官",
                       "首席技术官", "总经理", "副总经理", "董事长", "副董事长", "执行董事", "董事", "总监",
                       "秘书长", "副秘书长", "发言人", "司库", "主席", "副主席", "常务副主席", "会长",
                       "副会长", "常务副会长", "理事长", "副理事长", "监事长", "总干事", "副总干事"))


def _officer_of_same_body(prev: Span, title: str, e: Entry) -> bool:
    """Whether a bare ``title`` written in a list or chain right after the office ``prev`` (an
    organisation's, with its holder between or 及) is an office of the same body: an officer's
    (``_OFFICERS``: not 市长, its place's, nor 总理, the State Council's), after the office of an
    organisation rather than a place's.

    >>> from kg.extract.spans import SpanAttrs
    >>> prev = Span(0, 4, "Position", "港铁主席", "title", 0.9, SpanAttrs(title="主席", body="港铁", category="head"))
    >>> _officer_of_same_body(prev, "行政总裁", Entry("行政总裁", "title", category="head"))
    True
    >>> _officer_of_same_body(prev, "市长", Entry("市长", "title", category="head"))
    False
    """
    body = prev.attrs.body or ""
    return e.category == "head" and prev.attrs.category == "head" and bool(body) and body != prev.attrs.place \
        and title in _OFFICERS and prev.attrs.title not in _RANKS \
        and not prev.attrs.bare and not prev.attrs.completed


# Heads of a country's state or government that China's leaders' titles do not name (朝鲜劳动党中央政治局
# 常委、内阁总理朴泰成: 朝鲜内阁总理).
_COUNTRY_HEADS = frozenset({"内阁总理", "内阁副总理", "首相", "副首相", "总统", "副总统"})


@lru_cache(maxsize=1)
def _national_offices() -> frozenset[str]:
    """The offices China's leaders' bare titles stand for (国家主席, 国务院总理), and North Korea's
    国务委员长, which no bare title stands for."""
    return frozenset({office for office, _ in national_titles().values()} | {"国务委员长"})


def _shared_name(body: str, title: str) -> str:
    """The office a body and title sharing a character name: a minister's as written (外交部 + 部长 →
    外交部长, as the annotated articles keep it), a place's or bureau's head in full (北京市 + 市长 →
    北京市市长, 教育局 + 局长 → 教育局局长, as the guidelines write it).

    >>> _shared_name("美国国防部", "部长"), _shared_name("北京市", "市长")
    ('美国国防部长', '北京市市长')
    """
    return body + title[1:] if title.startswith("部") else body + title


# Offices of a party committee that its standing members hold (市委常委、秘书长).
_COMMITTEE_OFFICERS = frozenset(("秘书长", "副秘书长", "组织部长", "组织部部长", "宣传部长", "宣传部部长",
                                 "统战部长", "统战部部长", "社会工作部部长", "社会工作部长", "社工部部长", "社工部长"))


def _place_of_level(prev: Span, level: str) -> str:
    """The place of ``level`` (县) that the office before a chain's title names: its place when that
    is of the level, else the division of the level its body names inside (贵州省普安县县委副书记、县长:
    普安县, the county's head, not 贵州省's; the office is named by its own division, as the
    annotations name every such office), else its place."""
    place, body = prev.attrs.place, prev.attrs.body or ""
    if place.endswith(level) or not body.startswith(place):
        return place
    for end in range(len(body) - 1, len(place), -1):
        if body[end - 1] == level:
            for a in range(len(place), end - 1):
                if gazetteer().place(body[a:end]):
                    return body[a:end]
    return place


# The secretaries-general of a body, whose deputy heads a list of its officials may name before them.
_SECRETARIES = ("秘书长", "副秘书长")


# The names of a list of holders, then a comma: what stands between their office and the next one
# of the same list of officials (副委员长李鸿忠、郑建邦，秘书长刘奇).
_HOLDERS_THEN_COMMA = re.compile(r"(?:[\u4e00-\u9fff·]{2,8}[、和])*[\u4e00-\u9fff·]{2,8}[，,]")


def _holder_between(text: str, prev_end: int, title_start: int, marks: str = "、") -> bool:
    """Whether only a name and one of ``marks`` stand between two titles: 江苏省委书记信长星、省长许昆林
    (the second title is of the first one's place)."""
    gap = title_start - prev_end
    return 3 <= gap <= 5 and text[title_start - 1] in marks and all_han(text[prev_end:title_start - 1])


def _sub_body(text: str, prev_end: int, title_start: int) -> str:
    """The committee or department between two titles of a chain (、政法委), or ''."""
    gap = text[prev_end:title_start]
    if len(gap) < 2 or gap[0] not in "、兼" or not all_han(gap[1:]):
        return ""
    sub = gap[1:]
    return sub if any(e.kind == "org_suffix" for e in gazetteer().lookup(sub)) else ""


def _join_body_title(body: str, title: str) -> str:
    if not body:
        return title
    if title.startswith(body) or body.endswith(title):
        return title if len(title) > len(body) else body
    for region in AUTONOMOUS:
        if body.endswith(region) and title.startswith(region):
            return body + title[len(region):]  # 新疆维吾尔自治区 + 自治区主席
    return body + title  # 山东省 + 省长 -> 山东省省长 (the full form)


# The long forms of the two regions' names, which an office shortens (香港特别行政区行政长官 → 香港行政长官).
_REGION_FORMS = (("香港特别行政区", "香港"), ("香港特区", "香港"), ("澳门特别行政区", "澳门"), ("澳门特区", "澳门"))


def _with_region(name: str, story_region: str) -> str:
    """An office of Hong Kong's or Macao's government named as the guidelines write it: with the
    region's short name (香港行政长官, not 香港特别行政区行政长官), and a body of the region's government
    prefixed with it where the story is set there (保安局局长 → 香港保安局局长; 教育局局长 in a story of a
    mainland city stays as it is).

    >>> _with_region("保安局局长", "香港"), _with_region("澳门特别行政区行政长官", "")
    ('香港保安局局长', '澳门行政长官')
    >>> _with_region("教育局局长", ""), _with_region("香港财政司司长", "香港")
    ('教育局局长', '香港财政司司长')
    >>> _with_region("行政长官办公室主任", "澳门特别行政区"), _with_region("行政长官办公室主任", "")
    ('澳门行政长官办公室主任', '行政长官办公室主任')
    """
    for long, short in _REGION_FORMS:
        if name.startswith(long):
            rest = name[len(long):]
            return short + rest if title_at(rest, 0) == rest or _regional_body(rest) else name
    region = next((r for r in _regional_body(name).split("/") if r and story_region.startswith(r)), "")
    if region and not name.startswith(region):
        return region + name
    return name


def _regional_body(name: str) -> str:
    """The region whose government body ``name`` starts with (保安局局长 → 香港; 香港/澳门 for a body both
    have), or ''."""
    bodies = regional_bodies()
    for n in range(len(name) - 1, 1, -1):
        if name[:n] in bodies:
            return bodies[name[:n]]
    return ""


def complete_by_holder(text: str, spans: list[Span]) -> list[Span]:
    """``spans``, each office the text writes by its level alone (``市委书记``) before or after a man it
    names elsewhere right after that office written in full (``吴江市委书记张三``) made that office — the
    same man, the same title — whatever place the story's context would give it (or none).

    >>> t = "吴江市委书记张三赴新竹市。市委书记张三说。"
    >>> spans = [Span(0, 6, "Position", "吴江市委书记", "title"), Span(6, 8, "Person", "张三", "x"),
    ...          Span(13, 17, "Position", "新竹市委书记", "title", attrs=SpanAttrs(completed=True)),
    ...          Span(17, 19, "Person", "张三", "x")]
    >>> [sp.name for sp in complete_by_holder(t, spans) if sp.type == "Position"]
    ['吴江市委书记', '吴江市委书记']
    """
    offices_before = {sp.end: sp for sp in spans if sp.type == "Position"}
    held: dict[str, dict[str, Span]] = {}  # a man's offices written in full before his name
    for sp in spans:
        office = offices_before.get(sp.start)
        if sp.type == "Person" and office is not None and text[office.start] not in LEVEL_CHARS \
                and not office.attrs.completed:
            held.setdefault(sp.name, {})[office.name] = office
    if not held:
        return spans
    people_at = {sp.start: sp for sp in spans if sp.type == "Person"}
    people_ending = {sp.end: sp for sp in spans if sp.type == "Person"}
    out = []
    for sp in spans:
        # (the title before its holder's name, or after it: 文东信市长)
        holder = people_at.get(sp.end) or people_ending.get(sp.start) \
            if sp.type == "Position" and text[sp.start] in LEVEL_CHARS else None
        written = text[sp.start:sp.end]
        full = [o for name, o in held.get(holder.name, {}).items() if name.endswith(written)] if holder else []
        if len(full) == 1 and full[0].name != sp.name:
            o = full[0]
            sp = replace(sp, name=o.name, attrs=replace(sp.attrs, body=o.attrs.body, place=o.attrs.place,
                                                         completed=True))
        out.append(sp)
    return out
