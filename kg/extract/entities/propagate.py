"""What one finding says about the rest of the document: a name found once is found wherever the
document repeats it; a foreign name's part is the full name; a name seen only inside a set phrase
is kept only when the document also names it plainly.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from kg.extract.entities.delegations import delegation_owner
from kg.extract.entities.name_shapes import boundary_strength, translit_run
from kg.extract.entities.overlaps import resolve_overlaps
from kg.extract.entities.sentence import CLAUSE_TAGS, FUNCTION_CHARS, all_han, is_han, title_at
from kg.extract.spans import Span
from kg.lexicon.gazetteer import surnames
from kg.lexicon.jieba_dict import word_tag

__all__ = ["propagate_names", "expand_short_names", "join_dotted_names", "join_parenthesized_names", "join_nicknames",
           "drop_weak"]

def propagate_names(text: str, spans: list[Span]) -> list[Span]:
    """Find every further occurrence of the names already found."""
    import ahocorasick

    names: dict[str, Span] = {}
    for sp in spans:
        if sp.type in ("Person", "Organization", "Place") and len(sp) >= 2 and not sp.attrs.bare \
                and not sp.attrs.nested and not sp.attrs.weak:
            key = text[sp.start:sp.end]
            if key not in names or names[key].score < sp.score:
                names[key] = sp
    for sp in spans:
        # a delegation's owner written alone is that body (韩国大国家党代表团 … 韩国大国家党签署了…)
        owner = _owning_body(sp)
        if owner and owner not in names:
            names[owner] = Span(sp.start, sp.start + len(owner), "Organization", owner, "owner", sp.score * 0.9)
    if not names:
        return spans
    person_names = [k for k, sp in names.items() if sp.type == "Person"]
    automaton = ahocorasick.Automaton()
    for key, sp in names.items():
        automaton.add_word(key, (len(key), sp))
    automaton.make_automaton()
    occupied = sorted((sp.start, sp.end) for sp in spans if not sp.attrs.nested)
    starts = [a for a, _ in occupied]
    extra = []
    for last, (length, sp) in automaton.iter(text):
        a, b = last + 1 - length, last + 1
        i = bisect_left(starts, b)
        clash = [(x, y) for x, y in occupied[max(0, i - 12):i] if a < y and x < b]
        if clash and not (sp.type in ("Person", "Organization") and all(a <= x and y <= b and y - x < b - a
                                                                         for x, y in clash)
                          and (sp.type == "Person" or sp.source == "owner")):
            continue  # a known name may swallow a shorter place (韩国 in 韩国瑜, 韩国大国家党), nothing else
        if sp.type == "Person" and len(sp) == 2 and b < len(text) and is_han(text[b]) \
                and boundary_strength(text, b, len(text)) == 0 \
                and not any(text.startswith(k, b) for k in person_names):
            continue  # 王红 inside 王红旗 (but 蔡奇 in 蔡奇刘家义讲话)
        extra.append(replace(sp, start=a, end=b, source="repeat", score=sp.score * 0.9))
    if not extra:
        return spans
    return resolve_overlaps(spans + extra)


# What ends the name of a body that sends a delegation (大国家党, 人民政府, 友好协会).
_BODY_ENDINGS = ("党", "协会", "委员会", "议会", "集团", "公司", "大学")


def _owning_body(sp: Span) -> str:
    """The body a delegation's name says sends it, where that body is named by a suffix of its own
    (韩国大国家党 of 韩国大国家党代表团); '' otherwise (山东省党政代表团: a place)."""
    if sp.type != "Organization" or sp.attrs.category != "delegation" or sp.attrs.nested:
        return ""
    whose = delegation_owner(sp.name)
    if whose is None:
        return ""
    owner = sp.name[:-len(whose[0])]
    return owner if len(owner) >= 4 and owner.endswith(_BODY_ENDINGS) else ""


def expand_short_names(spans: list[Span]) -> list[Span]:
    """A name written in part names the person the document names in full: a foreign name's part
    (鲁斯塔姆 after 鲁斯塔姆·埃莫马利, 卡内尔 after 迪亚斯-卡内尔), the two surnames of a Hong Kong
    married woman's name (林郑 after 林郑月娥), a surname of two characters (安倍 after 安倍晋三,
    欧阳 after 欧阳自远), or a name cut short (叶刘淑 where the document
    names 叶刘淑仪), a surname in Latin letters (Zervaas after Anthony Zervaas) — where exactly one
    full name fits.  The part keeps its own extent; its
    written form is kept as ``short_form``.

    >>> spans = [Span(0, 4, "Person", "林郑月娥", "after-title"), Span(9, 11, "Person", "林郑", "repeat")]
    >>> [sp.name for sp in expand_short_names(spans)]
    ['林郑月娥', '林郑月娥']

    A surname and a title (习主席) or 太 (林太, Mrs. Lam, of a married woman's two surnames) names the
    one person of that surname; 太 of a surname no such woman has names nobody the text names.

    >>> spans = [Span(0, 3, "Person", "习近平", "after-title"), Span(9, 12, "Person", "习主席", "tagger"),
    ...          Span(13, 17, "Person", "林郑月娥", "crf"), Span(19, 21, "Person", "林太", "crf"),
    ...          Span(23, 26, "Person", "曾荫权", "crf"), Span(28, 30, "Person", "曾太", "crf")]
    >>> [sp.name for sp in expand_short_names(spans)]
    ['习近平', '习近平', '林郑月娥', '林郑月娥', '曾荫权']
    """
    people = {sp.name for sp in spans if sp.type == "Person"}
    full: dict[str, set[str]] = {}
    for name in people:
        if " " in name and name[:1].isascii():
            full.setdefault(name.rsplit(" ", 1)[1], set()).add(name)  # Zervaas after Anthony Zervaas
        elif "·" in name or "-" in name:
            for part in re.split(r"[·-]", name):
                if len(part) >= 2:
                    full.setdefault(part, set()).add(name)
        elif len(name) == 4 and all_han(name) and not _glued(name):
            single = surnames()[0]
            if name[0] in single and name[1] in single and not (word_tag(name[:2]) or "").startswith("nr"):
                full.setdefault(name[:2], set()).add(name)  # 林郑 of 林郑月娥 (but 李强 is a name)
            full.setdefault(name[:3], set()).add(name)  # 叶刘淑 of 叶刘淑仪: cut
        if len(name) in (3, 4) and all_han(name) and name[:2] in surnames()[1]:
            full.setdefault(name[:2], set()).add(name)  # 安倍 of 安倍晋三: a surname of two characters
    out = []
    for sp in spans:
        names = full.get(sp.name) if sp.type == "Person" else None
        if sp.type == "Person" and not names and _by_surname(sp.name):
            # 习主席 after 习近平: a surname and a title; 林太 after 林郑月娥: a married woman by her
            # husband's surname (the first of her two) — or, where no one fits, nobody named
            names = {n for n in people if n[0] == sp.name[0] and not _by_surname(n) and len(n) >= 2
                     and (sp.name[1:] != _MRS or (len(n) == 4 and n[1] in surnames()[0]))}
            if len(names) != 1:
                if sp.name[1:] == _MRS:
                    continue  # 曾太 (Mrs. Tsang) beside 曾荫权: his wife, whom the text does not name
                names = None
        if names and len(names) == 1:
            sp = replace(sp, name=next(iter(names)), attrs=replace(sp.attrs, short_form=sp.name))
        out.append(sp)
    return out


# How the Hong Kong press names a married woman by her husband's surname (林太, Mrs. Lam).
_MRS = "太"


def _by_surname(name: str) -> bool:
    """Whether a person's name is a surname and a title or 太 (习主席, 李总理, 林太), no given name."""
    return len(name) >= 2 and name[0] in surnames()[0] and (
        name[1:] == _MRS or (len(name) >= 3 and title_at(name, 1) == name[1:]))


def join_dotted_names(text: str, spans: list[Span]) -> list[Span]:
    """A personal name written in parts joined by ``·`` is one name, though a rule found only a part
    (``司马义`` of ``司马义·铁力瓦尔地``, which opens like a Chinese name; ``兰蒂`` and ``萨拉`` of ``萨拉·兰蒂``):
    the person grows over each ``·`` and the part beyond it, and what it grows over goes.

    A part is a run of Han characters that a mark ends (``铁力瓦尔地、``), at most five, or else a
    run of transliteration characters (``兰蒂`` of ``兰蒂近期致信``); a ``·`` a person already spans is left.

    >>> t = "陈至立、司马义·铁力瓦尔地、蒋树声"
    >>> [sp.name for sp in join_dotted_names(t, [Span(4, 7, "Person", "司马义", "t")])]
    ['司马义·铁力瓦尔地']
    """
    grown: dict[Span, tuple[int, int]] = {}
    dotted = {i for sp in spans if sp.type == "Person" for i in range(sp.start, sp.end) if text[i] == "·"}
    for sp in spans:
        if sp.type != "Person" or sp.attrs.nested or sp.end in dotted or sp.start - 1 in dotted:
            continue
        a, b = sp.start, sp.end
        while b + 1 < len(text) and text[b] == "·" and (n := _dot_part(text, b + 1, 1)) >= 2:
            b += 1 + n
        while a >= 2 and text[a - 1] == "·" and (n := _dot_part(text, a - 2, -1)) >= 2:
            a -= 1 + n
        if (a, b) != (sp.start, sp.end):
            grown[sp] = (a, b)
    if not grown:
        return spans
    # ranges grown into each other (a part both written after one name and before another) are one
    merged: list[list[int]] = []
    for a, b in sorted(grown.values()):
        if merged and a < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out, named = [], set()
    for sp in spans:
        # (a grown span lies inside its grown range, which lies inside one merged range)
        span_range = next(((a, b) for a, b in merged if a <= sp.start and sp.end <= b), None)
        if span_range is None:
            out.append(sp)
        elif sp in grown and span_range not in named:
            named.add(span_range)
            out.append(replace(sp, start=span_range[0], end=span_range[1], name=text[span_range[0]:span_range[1]]))
    return out


# The longest part of a ·-joined name read as a run of Han characters (铁力瓦尔地); a longer run is a
# name and the words after it (武契奇总统邀请).
_DOT_PART_MAX = 5


# Particles and function words that end a part, never of it (执导）的|艾美达·斯丹顿).
_OUTSIDE_PARTS = FUNCTION_CHARS | frozenset("的了是")


def _dot_part(text: str, i: int, step: int) -> int:
    """The length of the name part from ``text[i]`` on (``step`` 1) or back (``step`` -1), 0 if none."""
    n = 0
    while 0 <= i + step * n < len(text) and is_han(text[i + step * n]) and n <= _DOT_PART_MAX \
            and text[i + step * n] not in _OUTSIDE_PARTS:
        n += 1
    beyond = i + step * n
    if 2 <= n <= _DOT_PART_MAX and (beyond < 0 or beyond >= len(text) or not text[beyond].isalnum()
                                    or text[beyond] in _OUTSIDE_PARTS):
        return n
    if step > 0:
        return translit_run(text, i, len(text))
    return 0


# A short name in parentheses right after a name: 巴勒斯坦伊斯兰抵抗运动(哈马斯).
_PARENTHESIZED = re.compile(r"\(([^()]{2,8})\)")


def join_parenthesized_names(text: str, spans: list[Span]) -> list[Span]:
    """An organisation written with its short name in parentheses (``巴勒斯坦伊斯兰抵抗运动(哈马斯)``,
    ``亚洲相互协作与信任措施会议(亚信)``) is what the short name names in the document: the short
    name's mentions, in the parentheses and wherever else a rule found them, are named in full (their
    written form kept as ``short_form``).

    The short name must be found as an organisation's, or be made of the full name's characters in
    their order; a place in parentheses qualifies a name (``中国石油大学(北京)``) and is left alone.

    >>> t = "巴勒斯坦伊斯兰抵抗运动(哈马斯)发表声明。哈马斯表示…"
    >>> spans = [Span(0, 11, "Organization", "巴勒斯坦伊斯兰抵抗运动", "t"), Span(12, 15, "Organization", "哈马斯", "t"),
    ...          Span(22, 25, "Organization", "哈马斯", "t")]
    >>> [sp.name for sp in join_parenthesized_names(t, spans)]
    ['巴勒斯坦伊斯兰抵抗运动', '巴勒斯坦伊斯兰抵抗运动', '巴勒斯坦伊斯兰抵抗运动']
    """
    full: dict[str, dict[str, Span]] = {}
    added: list[Span] = []
    for sp in spans:
        if sp.type != "Organization" or sp.attrs.nested or (m := _PARENTHESIZED.match(text, sp.end)) is None:
            continue
        if text.rfind("《", 0, sp.start) > text.rfind("》", 0, sp.start):
            continue  # inside a title the parentheses qualify (选举管理委员会(提名顾问委员会(立法会))规例)
        short = m.group(1)
        inner = [x for x in spans if x.start == m.start(1) and x.end == m.end(1)]
        if any(x.type != "Organization" for x in inner) or not inner and not _in_order(short, sp.name):
            continue
        full.setdefault(short, {})[sp.name] = sp
        if not inner:
            added.append(Span(m.start(1), m.end(1), "Organization", short, "parenthesized", sp.score))
    if not full:
        return spans
    out = []
    for sp in sorted(spans + added, key=lambda x: (x.start, x.end)):
        names = full.get(sp.name) if sp.type == "Organization" else None
        if names and len(names) == 1:
            whole = next(iter(names.values()))
            sp = replace(sp, name=whole.name, attrs=replace(sp.attrs, short_form=sp.name,
                                                            canonical=whole.attrs.canonical))
        out.append(sp)
    return out


def join_nicknames(text: str, spans: list[Span]) -> list[Span]:
    """A person's nickname written beside the name, in parentheses after it (李柱铭(马丁)) or quoted
    right before it (「长毛」梁国雄), names the person wherever a rule read it as a name of its own.

    >>> t = "李柱铭(马丁)出席。马丁表示…"
    >>> spans = [Span(0, 3, "Person", "李柱铭", "t"), Span(10, 12, "Person", "马丁", "t")]
    >>> [sp.name for sp in join_nicknames(t, spans)]
    ['李柱铭', '李柱铭']
    """
    nicknames: dict[str, set[str]] = {}
    for sp in spans:
        if sp.type != "Person" or sp.attrs.nested:
            continue
        # (the quoted one ends where the name begins: its pattern is anchored at the search's end)
        for m in (_PARENTHESIZED.match(text, sp.end), _QUOTED_BEFORE.search(text, max(0, sp.start - 8), sp.start)):
            if m is not None and _NICKNAME.fullmatch(m.group(1)) and m.group(1) != sp.name:
                nicknames.setdefault(m.group(1), set()).add(sp.name)
    if not nicknames:
        return spans
    out = []
    for sp in spans:
        names = nicknames.get(sp.name) if sp.type == "Person" else None
        if names and len(names) == 1:
            sp = replace(sp, name=next(iter(names)), attrs=replace(sp.attrs, short_form=sp.name))
        out.append(sp)
    return out


# A nickname: two to four Han characters, none a photo caption's place (右二, 左起, 中).
_NICKNAME = re.compile(r"(?![左右中前后]|.*[起摄])[\u4e00-\u9fff]{2,4}")
_QUOTED_BEFORE = re.compile(r"[「“]([^「」“”]{2,4})[」”]$")


def _in_order(short: str, name: str) -> bool:
    """Whether ``short``'s characters occur in ``name`` in their order (亚信 in 亚洲相互协作与信任措施会议)."""
    rest = iter(name)
    return all(c in rest for c in short)


# Tags of the words that a name found with a word glued on ends in: a time word, verb, adverb …
_GLUED_TAGS = (*CLAUSE_TAGS, "m", "r")


def _glued(name: str) -> bool:
    """Whether a four-character name ends in a word that follows names rather than in a given
    name (彭斯周一, 陈祖光指): no full name to give its parts."""
    return any((word_tag(tail) or "x").startswith(_GLUED_TAGS) or boundary_strength(name, k, 4)
               for k, tail in ((2, name[2:]), (3, name[3:])))


def drop_weak(spans: list[Span]) -> list[Span]:
    """A name found only inside a set phrase (中国 in 中国特色社会主义) is kept
    only when the document also names it plainly."""
    plain = {(sp.type, sp.name) for sp in spans if not sp.attrs.weak}
    return [sp for sp in spans if not sp.attrs.weak or (sp.type, sp.name) in plain]
