"""Organisations the lexicon knows, a foreign country's bodies (``美国教育部``), and words jieba's
dictionary tags as organisations that open with their place (``美国司法部``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from kg.extract.entities.sentence import CLAUSE_TAGS, PLACE_NAME_ENDINGS, QUARTERS, SentenceView, overlaps_any, title_at
from kg.extract.spans import Span, SpanAttrs
from kg.lexicon import load_lines
from kg.lexicon.gazetteer import gazetteer
from kg.lexicon.jieba_dict import word_tag

__all__ = ["find_tagged_orgs", "find_known_orgs", "find_military_units", "trim_glued_organizations", "with_their_offices",
           "is_gathering", "without_gatherings"]

def find_tagged_orgs(s: SentenceView) -> list[Span]:
    """Words jieba's dictionary tags as organisations (``nt``) that open with their
    place: 美国司法部, 韩国法务部, 青岛市旅游局, 美国使馆.

    The tag alone is not enough — the dictionary also tags 意志集中 and 中南部 ``nt``."""
    out = []
    text = s.text
    place_at = {h.start: h.end for h, e in s.names if e.kind == "place"}
    known = [(h.start, h.end) for h, e in s.names if e.kind == "org"]
    for a, b in s.tokens:
        if b - a < 3 or word_tag(text[a:b]) != "nt" or overlaps_any(a, b, known) \
                or title_at(text, b - 1) or title_at(text, b - 2):
            continue
        place_end = s.name_ending.get(b)
        if place_end and place_end[1].kind == "place":
            continue  # 北京人民大会堂: a place in a city
        if text[b - 1] == "部" and text[b - 2] in QUARTERS:
            continue  # 中东部, 西南部: a part of a region (中东 opens it as a place would)
        if a < place_at.get(a, b) < b:
            out.append(Span(a, b, "Organization", text[a:b], "jieba-nt", 0.7, SpanAttrs(category="nt")))
    return out


# Places whose bodies share their names with China's (香港证监会, 台湾"教育部").
_SEPARATE_SYSTEMS = ("香港", "澳门", "台湾")


def find_known_orgs(s: SentenceView) -> list[Span]:
    """Organisations the lexicon knows.  After a foreign country (or Hong Kong,
    Macao, Taiwan) a body's name names that country's body: 美国教育部 is not
    China's ministry, 香港证监会 not the mainland's commission."""
    out = []
    for h, e in s.names:
        if e.kind != "org":
            continue
        place = s.name_ending.get(h.start)
        if place and place[1].kind == "place" and (
                (place[1].category == "country" and place[1].name != "中国")
                or place[1].name.startswith(_SEPARATE_SYSTEMS)):
            start = place[0].start
            out.append(Span(start, h.end, "Organization", s.text[start:h.end], "lexicon", 0.9,
                            SpanAttrs(category="abroad")))
        else:
            weak = s.in_phrase(h.start, h.end) or _opens_a_show(s, h.end)
            out.append(Span(h.start, h.end, "Organization", s.text[h.start:h.end], "lexicon", 0.95,
                            SpanAttrs(category=e.category, canonical=e.parent or e.name, weak=weak)))
    return out


# A unit of the armed forces named by its number or by where it is stationed (63920部队, 驻香港部队,
# 驻港部队); troops a word describes (保安部队, 受阅部队) are no unit.
_UNIT = re.compile(r"(?:\d{4,6}|驻[\u4e00-\u9fff]{1,5}?)部队")
_STATIONED_ABBREVIATIONS = frozenset("港澳")


def find_military_units(s: SentenceView) -> list[Span]:
    """Units of the armed forces named by their number or station, with the force they belong to when
    its name comes first (中国人民解放军63920部队, 中国人民解放军驻香港部队).

    >>> [sp.name for sp in find_military_units(SentenceView.of("给中国人民解放军63920部队记一等功，驻港部队和保安部队"))]
    ['中国人民解放军63920部队', '驻港部队']
    """
    out = []
    for m in _UNIT.finditer(s.text, s.start, s.end):
        start, station = m.start(), m.group()[1:-2] if m.group().startswith("驻") else ""
        if station:
            place = s.name_ending.get(m.end() - 2)
            if not (place and place[1].kind == "place" and place[0].start == start + 1) \
                    and station not in _STATIONED_ABBREVIATIONS:
                continue
        force = s.name_ending.get(start)
        if force and force[1].kind == "org":
            start = force[0].start
        out.append(Span(start, m.end(), "Organization", s.text[start:m.end()], "suffix", 0.8,
                        SpanAttrs(category="military", suffix="部队")))
    return out


# What an exhibition's name ends in: a known body's name that runs into one names the show (中国建筑科技展).
_SHOW_ENDINGS = ("展", "展览", "展会", "展览会", "博览会")


def _opens_a_show(s: SentenceView, end: int) -> bool:
    """Whether the word right after a name ends as an exhibition's name does (中国建筑|科技展)."""
    after = s.token_starts.get(end)
    return after is not None and s.text.endswith(_SHOW_ENDINGS, end, after)


# Tags of the words that glue onto the front of a body's name (冲击立法会, 交由人大常委会, 部份立法会,
# 自己办公室): verbs, adverbs, pronouns, prepositions, numerals, time words — and the nouns jieba
# gives some of them (形容, 交由, 新任).
_GLUE_TAGS = (*CLAUSE_TAGS, "m", "r", "q", "a", "n")
# Sources whose spans may hold more than the name: the tagger's and the suffix rule's.
_GUESSED_ORGS = frozenset(("tagger", "crf", "suffix"))


def trim_glued_organizations(spans: list[Span]) -> list[Span]:
    """Organisations that a tagger or suffix rule found with words of the sentence glued to their
    front: where a span ends in a body the lexicon knows, and what comes before it is a word that
    is neither a place nor a name (冲击立法会 → 立法会, 部份立法会 → 立法会), the body alone is the name;
    where a known body comes before it, the span is the two bodies (民建联立法会 → 民建联, 立法会).
    A place before the body is its own (上海市人大常委会, 香港立法会).

    >>> [sp.name for sp in trim_glued_organizations([Span(0, 5, "Organization", "冲击立法会", "tagger")])]
    ['立法会']
    >>> [sp.name for sp in trim_glued_organizations([Span(0, 6, "Organization", "民建联立法会", "tagger")])]
    ['民建联', '立法会']
    >>> [sp.name for sp in trim_glued_organizations([Span(0, 5, "Organization", "香港立法会", "tagger")])]
    ['香港立法会']
    """
    g = gazetteer()

    def known_org(name: str):
        return next((e for e in g.lookup(name) if e.kind == "org"), None)

    out: list[Span] = []
    for sp in spans:
        name = sp.name
        if sp.type != "Organization" or sp.source not in _GUESSED_ORGS or len(name) < 4 \
                or sp.end - sp.start != len(name) or known_org(name):
            out.append(sp)
            continue
        for k in range(1, len(name) - 1):
            body = known_org(name[k:])
            if body is None:
                continue
            head, cut = name[:k], sp.start + k
            the_body = replace(sp, start=cut, name=name[k:], source="lexicon",
                               attrs=replace(sp.attrs, canonical=body.parent or body.name))
            if known_org(head) is not None:
                out += [replace(sp, end=cut, name=head, source="lexicon"), the_body]
            elif any(e.kind == "place" for e in g.lookup(head)) or head[-1] in PLACE_NAME_ENDINGS \
                    or not (word_tag(head) or "x").startswith(_GLUE_TAGS):
                out.append(sp)
            else:
                out.append(the_body)
            break
        else:
            out.append(sp)
    return out


# The offices of a body, where its staff work and visitors go (广东省人大常委会机关, 深圳市政协机关).
_OFFICES = "机关"


def with_their_offices(text: str, spans: list[Span]) -> list[Span]:
    """Bodies written with 机关 after them named with it: 到深圳市政协机关调研 visits the offices, a
    site of the body, and the guidelines name it as written.

    >>> text = "赵乐际来到广东省人大常委会机关看望干部。"
    >>> [sp.name for sp in with_their_offices(text, [Span(5, 13, "Organization", "广东省人大常委会", "lexicon")])]
    ['广东省人大常委会机关']
    """
    starts = {sp.start for sp in spans}
    out = []
    for sp in spans:
        if sp.type == "Organization" and not sp.attrs.nested and sp.end - sp.start == len(sp.name) \
                and text.startswith(_OFFICES, sp.end) and sp.end not in starts:
            sp = replace(sp, end=sp.end + len(_OFFICES), name=sp.name + _OFFICES)
        out.append(sp)
    return out


# A gathering is an event, not a body (the guidelines' Organization is a named body; the dev gold
# leaves 中共二十大, 全国科技大会 and a numbered forum unannotated while kg makes each an Event):
# a party congress by its number (党的二十大), a plenum (二十届三中全会), a session by its number
# (十四届全国人大三次会议, 第二届…交流大会), one held in a year (2014…发展论坛), the games (奥运会), and a
# national work conference (全国科技大会, 中央经济工作会议).  A body for a term keeps its name
# (第十四届全国人民代表大会, 十四届全国人大), as do bodies named 会议 (中国人民政治协商会议, 行政会议).
_PARTY_CONGRESS = re.compile(r"(?:党的|中共|中国共产党)第?[一二三四五六七八九十]+大")
_NUMBERS = "一二三四五六七八九十百零〇0123456789"
# (the words that name a gathering, kg.extract.events reads them too; and a plenum, a fair, a yearly
# meeting, which name only numbered or dated ones here)
_NUMBERED_ONLY = ("全会", "博览会", "交易会", "年会")
_SESSION = re.compile(rf"[{_NUMBERS}]+(?:次|中全会)|第[{_NUMBERS}]+届|^[0-9]{{4}}年?")
_GAMES = ("运动会", "奥运会", "亚运会", "残奥会", "冬奥会", "全运会", "大运会")
_WORK_CONFERENCE = re.compile(r"^(?:全国|中央)[\u4e00-\u9fff]{1,8}?(?:大会|会议)$")
_BODIES_IN_SESSION = ("人民代表大会", "代表大会", "政治协商会议", "委员会")


def is_gathering(name: str) -> bool:
    """Whether an organisation's name names a gathering (an event) rather than a body.

    >>> [is_gathering(n) for n in ("党的二十大", "中共二十届三中全会", "十四届全国人大三次会议", "全国科技大会")]
    [True, True, True, True]
    >>> [is_gathering(n) for n in ("第十四届全国人民代表大会", "中国人民政治协商会议", "行政会议", "博鳌亚洲论坛")]
    [False, False, False, False]
    """
    if _PARTY_CONGRESS.fullmatch(name) or name.endswith(_GAMES):
        return True
    if not name.endswith(_gathering_endings()):
        return False
    if name.endswith(_BODIES_IN_SESSION) and "次" not in name:
        return False  # 第十四届全国人民代表大会: the body for its term
    return bool(_SESSION.search(name)) or bool(_WORK_CONFERENCE.match(name))


@lru_cache(maxsize=1)
def _gathering_endings() -> tuple[str, ...]:
    return tuple(load_lines("gathering_words.txt")) + _NUMBERED_ONLY


def without_gatherings(spans: list[Span]) -> list[Span]:
    """``spans`` without the organisations that name gatherings (:func:`is_gathering`): the
    gathering is the event :mod:`kg.extract.events` makes of it."""
    return [sp for sp in spans if not (sp.type == "Organization" and is_gathering(sp.name))]
