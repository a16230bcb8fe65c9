"""Documents: what ``《…》`` quotes, agreements and plans named without quotes
(``国务院政府工作报告``), and the parties a document's name opens with.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from kg.extract.entities.abbreviations import abbreviation_table
from kg.extract.entities.sentence import SentenceView, all_han, is_han, overlaps_any, words_in
from kg.extract.entities.suffixed import grow_back
from kg.extract.spans import Span, SpanAttrs
from kg.lexicon import load_lines, load_table, longest_first
from kg.lexicon.gazetteer import gazetteer
from kg.lexicon.jieba_dict import cut, word_tag

__all__ = ["about_document_issuers", "document_endings", "find_about_documents", "find_book_titles", "find_period_plans",
           "find_standing_documents", "find_quoted_plans", "find_quoted_documents", "find_unquoted_documents", "find_document_parties",
           "find_signed_documents", "complete_short_documents", "without_initiatives"]

_BOOK = re.compile(r"《([^《》\n]{1,80})》")


@lru_cache(maxsize=1)
def _doc_suffixes() -> tuple[str, ...]:
    return longest_first(load_lines("doc_suffixes.txt"))


# Endings strong enough to make an unquoted phrase a document name.
@lru_cache(maxsize=1)
def document_endings() -> tuple[str, ...]:
    """Endings strong enough to make an unquoted phrase a document's name, in the order tried."""
    return load_lines("document_endings.txt")


@lru_cache(maxsize=1)
def _media_endings() -> tuple[str, ...]:
    return load_lines("media_endings.txt")


# A period or edition in parentheses after a document's kind: (2024—2026年), (试行), (草案).
_PERIOD_AFTER = re.compile(r"\([^()]{1,16}\)$")


def find_book_titles(s: SentenceView) -> tuple[list[Span], list[tuple[int, int]]]:
    """What ``《…》`` quotes: documents and newspapers as spans, and the insides of
    the other titles — a book, film, song or game (《阿甘正传》), where a name guessed
    from its shape alone is part of the title, not a person or place of the story."""
    out, works = [], []
    for m in _BOOK.finditer(s.text, s.start, s.end):
        inner = m.group(1).strip()
        if not inner:
            continue
        if _PERIOD_AFTER.sub("", inner).endswith(_doc_suffixes()) and not _known_outlet(inner):
            # (《大公报》 ends as a communiqué does, 公报, and is a newspaper kg knows)
            # (a period after the kind is still of the name: …合作行动计划(2024—2026年))
            out.append(Span(m.start(), m.end(), "Document", inner, "book-title", 0.95))
        elif inner.endswith(_media_endings()) and len(inner) <= 8:
            out.append(Span(m.start(1), m.end(1), "Organization", inner, "book-title", 0.8,
                            SpanAttrs(category="media")))
        else:
            works.append((m.start(1), m.end(1)))
    return out, works


def _known_outlet(name: str) -> bool:
    """Whether ``name`` is an outlet kg knows (大公报), whatever document ending it has too."""
    return name.endswith(_media_endings()) and any(e.kind == "org" for e in gazetteer().lookup(name))


# A plan named by its quoted period or theme: “十五五”规划, “十四五”规划纲要.  (Not “一带一路”倡议: an
# initiative so written is a policy more often than a document in the annotated articles.)
_QUOTED_PLAN = re.compile(r"“([^“”\n]{1,12})”(规划纲要|规划建议|规划|计划|纲要)")


def find_quoted_plans(s: SentenceView, taken: list[tuple[int, int]]) -> list[Span]:
    """Plans named by a quoted period or theme and a plan word; the name is without the quotes.

    >>> [sp.name for sp in find_quoted_plans(SentenceView.of("把握中方实施“十五五”规划带来的机遇。"), [])]
    ['十五五规划']
    """
    out = []
    for m in _QUOTED_PLAN.finditer(s.text, s.start, s.end):
        if not overlaps_any(m.start(), m.end(), taken):
            out.append(Span(m.start(), m.end(), "Document", m.group(1) + m.group(2), "quoted-plan", 0.7))
            taken.append((m.start(), m.end()))
    return out


# A document named in quotation marks rather than 《》: “支持非洲工业化倡议”, 「特首及特区政府民望数字报告」.
_QUOTED = re.compile(r"“([^“”\n，。；！？,;!?、]{4,40})”|「([^「」\n，。；！？,;!?、]{4,40})」|『([^『』\n，。；！？,;!?、]{4,40})』")
# What opens the name before a document's kind: words enough to name one (not “中国方案”, a way of
# speaking; a quoted kind with a place or party alone before it rarely names a document).
_QUOTED_STEM = 3
# What may stand between the verb and the quotation mark (发布了最新的“…”).
_BEFORE_QUOTE = 5


@lru_cache(maxsize=1)
def _issuing_verbs() -> tuple[str, ...]:
    return tuple(load_lines("issuing_verbs.txt"))


def find_quoted_documents(s: SentenceView, taken: list[tuple[int, int]]) -> list[Span]:
    """Documents named in quotation marks instead of 《》, right after a verb that issues one (发起,
    公布, 签署 …), where the quoted words end in a document's kind (倡议, 宣言, 报告 …) after words
    enough to name one; the name is without the marks.

    >>> [sp.name for sp in find_quoted_documents(SentenceView.of("中方发起“支持非洲工业化倡议”。"), [])]
    ['支持非洲工业化倡议']
    >>> find_quoted_documents(SentenceView.of("提出“中国方案”。"), [])
    []
    """
    out = []
    text = s.text
    for m in _QUOTED.finditer(text, s.start, s.end):
        g = next(k for k in (1, 2, 3) if m.group(k) is not None)
        inner = m.group(g)
        # (a kind of one character, 法, ends speech as often as a name: 违法, 释法; laws are find_acts')
        kind = next((k for k in _doc_suffixes() if inner.endswith(k) and len(k) > 1), None)
        if kind is None or len(inner) - len(kind) < _QUOTED_STEM or overlaps_any(m.start(), m.end(), taken):
            continue
        before = text[max(s.start, m.start() - _BEFORE_QUOTE - 2):m.start()]
        if not any(verb in before for verb in _issuing_verbs()):
            continue  # quotation marks that quote speech, or a name no one issues here
        out.append(Span(m.start(g), m.end(g), "Document", inner, "quoted", 0.7))
        taken.append((m.start(), m.end()))
    return out


# The period of a five-year plan, which names the plans made for it (十四五规划, 十五五规划建议).
_PLAN_PERIOD = re.compile(r"(?<![一二三四五六七八九十零〇\d第])(?:十[一二三四五六七八九]|[一二三四五六七八九])五(?![年个一二三四五六七八九十])")
# What a plan named by its period ends in, and what may follow that (规划纲要, 规划建议, …草案).
_PLAN_ENDINGS = ("规划", "计划", "纲要", "方案", "实施方案")
_PLAN_AFTER = ("纲要", "建议", "草案")
# Word classes a plan's name is made of between its period and its ending (冷链物流|发展|规划).
_PLAN_WORD_TAGS = ("n", "vn", "nz", "j", "ns", "l", "an")
_PLAN_MAX = 18


def find_period_plans(s: SentenceView, taken: list[tuple[int, int]]) -> list[Span]:
    """Plans named by the five-year period they are for, without quotes: 十四五规划, 十五五规划建议,
    十四五冷链物流发展规划 (not 十四五时期 or 十四五期间将编制规划: a period, no plan).

    >>> [sp.name for sp in find_period_plans(SentenceView.of("印发十四五冷链物流发展规划，审议十五五规划建议。"), [])]
    ['十四五冷链物流发展规划', '十五五规划建议']
    """
    text = s.text
    out = []
    for m in _PLAN_PERIOD.finditer(text, s.start, s.end):
        pos, end = m.end(), None
        while (stop := s.token_starts.get(pos)) is not None and stop - m.start() <= _PLAN_MAX:
            word = text[pos:stop]
            if word.endswith(_PLAN_ENDINGS) or (end is not None and word in _PLAN_AFTER):
                end = stop
            elif end is not None or (word_tag(word) or "n").split()[0] not in _PLAN_WORD_TAGS:
                break
            pos = stop
        if end is not None and not overlaps_any(m.start(), end, taken):
            out.append(Span(m.start(), end, "Document", text[m.start():end], "plan-period", 0.7))
            taken.append((m.start(), end))
    return out


def find_unquoted_documents(s: SentenceView, taken: list[tuple[int, int]], orgs: list[Span]) -> list[Span]:
    """Agreements and plans named without quotes: 国务院政府工作报告, 粤港澳大湾区城市群发展规划,
    中国全国人大与塔议会上院合作协议."""
    out = []
    text = s.text
    org_names = {o.end: o.start for o in orgs if not o.attrs.bare}
    endings = words_in(document_endings(), text, s.start, s.end)
    for suffix in endings:
        pos = text.find(suffix, s.start, s.end)
        while pos >= 0:
            end = pos + len(suffix)
            # (发展规划|纲要: an ending that another one runs on from is no end: 发展规划纲要)
            runs_on = any(text.startswith(e, k) and k + len(e) > end for e in endings for k in range(pos + 1, end))
            if not runs_on and not overlaps_any(pos, end, taken) and (end >= s.end or end in s.token_starts
                                                                      or not is_han(text[end])):
                start, has_name = grow_back(s, pos, "document", s.start, org_names)
                if has_name:
                    start, has_name = _after_acting_verb(s, start, pos, org_names)
                if not has_name:
                    start, has_name = _bilateral_opening(text, pos, s.start, start)
                if not has_name and (sides := _opened_by_sides(s, pos)) is not None:
                    start, has_name = sides, True
                if pos - start >= 2 and has_name:
                    out.append(Span(start, end, "Document", text[start:end], "doc-suffix", 0.7))
                    taken.append((start, end))
            pos = text.find(suffix, end, s.end)
    return out


# A verb of signing and what it signs: one agreement or a list of them (签署了战略合作框架协议和友好城市协议书).
_SIGNING = re.compile("(?:签署|签订|缔结|签)[了的]?")
# an item holds no 的 (赠送一对朱鹮的协议 describes an agreement) and no second verb (缔结友好市县并签订…);
# quotes may stand inside it (共建“一带一路”合作规划)
_SIGNED_ITEM = re.compile(r"(?:[^\W的并_]|[“”「」\"]){3,24}")
_SIGNED_SEPARATOR = re.compile("和|及|、|以及")
# An item opening with a count or a pointer is a number of agreements, not one's name (签署了10项合作协议).
_COUNTED = re.compile(r"(?:超过|约|近|逾)?[0-9一二三四五六七八九十百千两多几数]+(?:项|份|个|批|组)|一系列|有关|相关|这|该|此|本|各")


def find_signed_documents(s: SentenceView, taken: list[tuple[int, int]]) -> list[Span]:
    """Agreements named by what they are, right after a verb of signing: ``两市签署战略合作框架协议``
    names the agreement ``战略合作框架协议``, though no party's name opens it (the guidelines' gold
    holds such an agreement, optional where the text names it so generically).  The name must say
    more than the kind alone (``签署合作协议`` names none).

    >>> [sp.name for sp in find_signed_documents(SentenceView.of("两市签署了战略合作框架协议和友好城市协议书。"), [])]
    ['战略合作框架协议', '友好城市协议书']
    >>> [sp.name for sp in find_signed_documents(SentenceView.of("习近平签署第四号、第五号主席令。"), [])]
    ['第四号主席令', '第五号主席令']
    >>> [sp.name for sp in find_signed_documents(SentenceView.of("习近平签署第二十二、二十三号主席令。"), [])]
    ['第二十二号主席令', '第二十三号主席令']
    >>> find_signed_documents(SentenceView.of("双方签署了10项合作协议。"), [])
    []
    """
    out = []
    text = s.text
    endings = document_endings()
    for verb in _SIGNING.finditer(text, s.start, s.end):
        items = _signed_items(text, verb.end(), s.end)
        # 第四号、第五号主席令: numbered items share the kind the last one names
        kind = _NUMBERED.fullmatch(text[items[-1][0]:items[-1][1]]) if items else None
        for a, b in items:
            name = text[a:b]
            numbered = kind is not None and _NUMBER.fullmatch(name.removesuffix(kind.group(1)))
            if numbered:
                # (第二十二、二十三、二十四号主席令: each number is an order of the kind, 第…号 in full)
                name = "第" + numbered.group(1) + "号" + kind.group(1)
            ending = next((e for e in endings if name.endswith(e)), None)
            if not (numbered or ending and _names_one(name, ending)) or _COUNTED.match(text, a) \
                    or overlaps_any(a, b, taken):
                break
            out.append(Span(a, b, "Document", name, "signed-doc", 0.6))
            taken.append((a, b))
    return out


# A numbered order or decree (第四号主席令, 二十四号主席令 ending a list): its number, and the kind of
# document it is; a number of the list before it (第二十二、二十三).
_NUMBERED = re.compile(r"第?[0-9一二三四五六七八九十百零〇]+号(\w*令)")
_NUMBER = re.compile(r"第?([0-9一二三四五六七八九十百零〇]+)号?")


def _signed_items(text: str, at: int, end: int) -> list[tuple[int, int]]:
    """The items ``[a, b)`` of what a verb of signing ending at ``at`` signs, up to ``end``."""
    items: list[tuple[int, int]] = []
    while (item := _SIGNED_ITEM.match(text, at, end)) is not None:
        a, b = item.span()
        sep = _SIGNED_SEPARATOR.search(text, a, b)
        if sep is not None:
            b, at = sep.start(), sep.end()
        elif b < end and text[b] == "、":
            at = b + 1
        items.append((a, b))
        if at <= a:
            break
    return items


def _names_one(item: str, ending: str) -> bool:
    """Whether ``item``, a signed thing with the document ``ending``, is one agreement's name: more
    than the kind of agreement before a bare ending (``共同战略防御协议``, ``合作交流协议``; not
    ``保密协议``, ``买卖协议``), and not a verb's clause (``支持加沙地带停火协议``) — a verb that says what
    the agreement is for opens its name (``建立友好城市关系协议书``).

    >>> _names_one("建立友好城市关系协议书", "协议书"), _names_one("支持加沙地带停火协议", "协议")
    (True, False)
    """
    before = len(item) - len(ending)
    if before < 2 or before < 3 and len(ending) < 4:
        return False
    first = cut(item)[0]
    return word_tag(first) != "v" or first in _agreement_verbs()


@lru_cache(maxsize=1)
def _agreement_verbs() -> frozenset[str]:
    return frozenset(load_lines("agreement_verbs.txt"))


def _after_acting_verb(s: SentenceView, start: int, end: int, org_names: dict[int, int]) -> tuple[int, bool]:
    """Where a name grown back to a party runs over a verb acting on the document (美国与加拿大达成|
    贸易协议, 以色列继续违反|协议), the name starts after the verb — and names a party only if one is
    still in it; a verb saying what the agreement is for stays inside (中俄…联合开发协议).

    >>> s = SentenceView.of("美国与加拿大达成贸易协议。")
    >>> _after_acting_verb(s, 0, 10, {})
    (8, False)
    """
    text = s.text
    cut = start
    i = start
    while i < end and (j := s.token_starts.get(i)) is not None and j <= end:
        word = text[i:j]
        if i > start and word_tag(word) == "v" and word not in _agreement_verbs():
            cut = j
        i = j
    if cut == start:
        return start, True
    named = any(cut <= h.start and h.end <= end for h, _ in s.names) or any(
        cut <= a and b <= end for b, a in org_names.items())
    return cut, named


def _bilateral_opening(text: str, pos: int, floor: int, start: int) -> tuple[int, bool]:
    """A document's name that opens with the abbreviations of the countries it is between (中越联合声明,
    中法联合公报): where two to four stand right before the ending (not before ``floor``), the name
    starts at them; else ``start``, and no name.

    >>> _bilateral_opening("两国发表中法联合声明", 6, 0, 6), _bilateral_opening("双方发表了联合声明", 5, 0, 5)
    ((4, True), (5, False))
    """
    table = abbreviation_table()
    k = pos
    while k > floor and pos - k < 4 and text[k - 1] in table:
        k -= 1
    return (k, True) if pos - k >= 2 else (start, False)


def _opened_by_sides(s: SentenceView, pos: int) -> int | None:
    """The start of a document's name that ends at ``pos`` (its kind) and opens, as a word of its
    own, with the abbreviations of the countries it is between, words of what it is about after them
    (中塞自由贸易协定, 中伊全面合作计划); None if there is none.

    >>> _opened_by_sides(SentenceView.of("中塞自由贸易协定将生效。"), 6)
    0
    >>> _opened_by_sides(SentenceView.of("全面自由贸易协定将生效。"), 6) is None
    True
    """
    table = abbreviation_table()
    text = s.text
    for start in range(pos - 2, max(s.start, pos - _SIDES_REACH) - 1, -1):
        if not is_han(text[start]):
            return None
        k = start
        while k < pos and k - start < 4 and text[k] in table:
            k += 1
        if k - start >= 2 and pos - k >= 2 and k in s.token_starts and s.token_starts.get(start, k) <= k \
                and (start == s.start or not is_han(text[start - 1]) or start in s.token_starts):
            # (the abbreviations are no name of their own: not 巴西 of 巴西劳工党, nor 哈马 of 哈马斯)
            if gazetteer().place(text[start:k]) is not None or (word_tag(text[start:k]) or "").startswith(("nr", "nt")):
                return None
            # what the document is about holds no verb and no 的 (哈中签署互免签证协定 is a clause,
            # 中英双方的协议 a description)
            about = cut(text[k:pos])
            return None if "的" in text[k:pos] or any(word_tag(w) == "v" for w in about) else start
    return None


# How far before its kind a name opened by its sides may start (中塞|自由贸易|协定).
_SIDES_REACH = 14


@lru_cache(maxsize=1)
def _legislative() -> tuple[re.Pattern, tuple[str, ...], frozenset[str], frozenset[str]]:
    """The verbs before an act's name, the endings of its name, the verbs that name only laws, and
    the words that end like an act but name none."""
    rows = load_table("legislative_verbs.tsv")
    verbs = longest_first(r[0] for r in rows if r[1] in ("verb", "law-verb"))
    endings = longest_first(r[0] for r in rows if r[1] == "ending")
    law_verbs = frozenset(r[0] for r in rows if r[1] == "law-verb")
    generic = frozenset(r[0] for r in rows if r[1] == "generic")
    return re.compile("(?:" + "|".join(verbs) + ")(?:了|的)?"), endings, law_verbs, generic


# The number of an amendment inside an act's name: 刑法修正案(十二)草案.
_NUMBERING = re.compile(r"\([一二三四五六七八九十]+\)")
# Common words that end like a law but name none (方法, 看法, 执法 …): a name must be longer, but
# for the constitution's.
_MIN_ACT = 3
_CONSTITUTION = "宪法"
_LAW_ENDINGS = ("法", "法典", "法修正案", "法草案", "法修正草案", "法修订草案")
# How an act is applied, written after its name (检查森林法实施情况).
_STATE_OF_AN_ACT = ("贯彻实施情况", "实施情况", "执行情况")  # (the longest first)


def _without_state(item: str) -> str:
    """An item of a list of acts without the words of how the act is applied after it.

    >>> _without_state("森林法实施情况"), _without_state("种子法贯彻实施情况"), _without_state("种子法")
    ('森林法', '种子法', '种子法')
    """
    for state in _STATE_OF_AN_ACT:
        if item.endswith(state):
            return item[:-len(state)]
    return item


# Items of a list of acts: 、, 和, 及, 以及 (not the 和 of 共和国: 中华人民共和国民营经济促进法 is one act).
_ACT_SEPARATOR = re.compile(r"、|(?<!共)和|及|以及")
# Where a list of acts ends in 等 and what it counts (种子法、安全生产法等多部法律).
_LIST_END = re.compile(r"等(?=[多数几一二三四五六七八九十两0-9]|[部项个]|法律|法规|文件|，|。)")


def find_acts(s: SentenceView, taken: list[tuple[int, int]]) -> list[Span]:
    """Laws, regulations, plans and decisions named without 《》 after a legislative verb, a list
    distributed: 审议通过了国家安全法和十五五规划纲要 names 国家安全法 and 十五五规划纲要.

    >>> [sp.name for sp in find_acts(SentenceView.of("会议审议通过了国家安全法和十五五规划纲要。"), [])]
    ['国家安全法', '十五五规划纲要']
    >>> [sp.name for sp in find_acts(SentenceView.of("会议表决通过了中华人民共和国国家安全法。"), [])]
    ['中华人民共和国国家安全法']
    """
    verbs, all_endings, law_verbs, generic = _legislative()
    text = s.text
    out: list[Span] = []
    # where a list of acts starts: after a legislative verb, or where a clause that counts its acts
    # opens (对A、B等8部行政法规的部分条款予以修改)
    found_verbs = list(verbs.finditer(text, s.start, s.end))
    # (贯彻实施宪法: a verb right before another is not where the list starts)
    chained = {m.start() for m in found_verbs}
    lists = [(m.end(), _LAW_ENDINGS if m.group().rstrip("了的") in law_verbs else all_endings)
             for m in found_verbs if m.end() not in chained]
    lists += [(_counted_list_start(text, s.start, m.start()), all_endings)
              for m in _COUNTED_ACTS.finditer(text, s.start, s.end)]
    for start, endings in lists:
        stop = next((k for k in range(start, s.end) if (text[k] in _CLAUSE_MARKS + "（("
                     and not _NUMBERING.match(text, k)) or _LIST_END.match(text, k)), s.end)
        pos = start
        for item in _ACT_SEPARATOR.split(text[pos:stop]):
            a, b = pos, pos + len(item)
            pos = b
            while pos < stop and _ACT_SEPARATOR.match(text, pos):
                pos = _ACT_SEPARATOR.match(text, pos).end()
            if "的" in item:  # 实施新制定的法治宣传教育法: the act is what follows the last 的
                a += item.rindex("的") + 1
                item = text[a:b]
            if (bare := _without_state(item)) != item:  # 检查森林法实施情况: the act, not how it is applied …
                b = a + len(bare)
                # … after the verb that checks it (执法检查组到沈阳、大连检查大气污染防治法实施情况)
                a = max((m.end() for m in found_verbs if a < m.end() < b), default=a)
                item = text[a:b]
            if a >= b or not item.endswith(endings) or (b - a < _MIN_ACT and item != _CONSTITUTION) or b - a > 60 \
                    or item in generic:
                continue
            tag = word_tag(item)
            if tag is not None and not tag.startswith("nz") and not (item.endswith("法") and tag[0] in "nl") \
                    or overlaps_any(a, b, taken):
                continue  # a word of the dictionary (有关规定, 重要决定) names no act; a law may be one (种子法)
            if a not in s.token_starts or (b < s.end and b not in s.token_starts and not _LIST_END.match(text, b)):
                continue
            out.append(Span(a, b, "Document", item, "act", 0.6))
            taken.append((a, b))
    return out


@lru_cache(maxsize=1)
def _standing_documents() -> re.Pattern:
    return re.compile("|".join(longest_first(load_lines("standing_documents.txt"))))


# What goes on from a standing name into a body's (宪法和法律委员会, 宪法法律委, 基本法委员会) or a
# longer word (基本法规, 宪法法律规定: the constitution and the laws), and what before it makes it part
# of a longer name (香港基本法, 国家宪法, 《…》).
_BODY_AFTER = re.compile("(?:和|及)?法律|委|规")
_NAME_BEFORE = frozenset("港门国省市区州党《“「")


def find_standing_documents(s: SentenceView, taken: list[tuple[int, int]]) -> list[Span]:
    """Documents named by a name that stands for one (``standing_documents.txt``): 党章, 宪法, 基本法.

    >>> [sp.name for sp in find_standing_documents(SentenceView.of("纪检监察机关要忠实履行党章和宪法赋予的职责。"), [])]
    ['党章', '宪法']
    >>> find_standing_documents(SentenceView.of("会议听取了宪法和法律委员会的报告。"), [])
    []
    """
    text = s.text
    out: list[Span] = []
    for m in _standing_documents().finditer(text, s.start, s.end):
        a, b = m.span()
        if (a > s.start and text[a - 1] in _NAME_BEFORE) or _BODY_AFTER.match(text, b) \
                or a not in s.token_starts or overlaps_any(a, b, taken):
            continue
        out.append(Span(a, b, "Document", m.group(), "standing", 0.7))
        taken.append((a, b))
    return out


# A list that counts its acts: 等8部行政法规, 等13部行政法规, 等多部法律.
_COUNTED_ACTS = re.compile(r"等(?:[多数几两]|[0-9一二三四五六七八九十]+)[部项件](?:行政法规|法律|法规|部门规章|规章)")
# What opens such a list inside its clause: the object marked by 对, 将 or 把.
_LIST_OPENERS = "对将把"
# Marks that end a clause, and with it a list of acts.
_CLAUSE_MARKS = "，。；：,;:！？!?"


def _counted_list_start(text: str, floor: int, at: int) -> int:
    """Where the list of acts that ends at ``at`` (its 等) starts: after the last clause mark, or
    after the 对, 将 or 把 that makes it the object, whichever is nearer.

    >>> _counted_list_start("国务院决定对甲条例、乙条例等2部行政法规予以修改", 0, 13)
    6
    """
    return max(text.rfind(c, floor, at) + 1 for c in _CLAUSE_MARKS + _LIST_OPENERS) or floor


@lru_cache(maxsize=1)
def _about_heads() -> tuple[dict[str, bool], re.Pattern]:
    """Heads of ``关于…的<head>`` names (head → whether it needs an issuer or a verb before it) and
    the verbs that take a document (``about_document_heads.tsv`` and the legislative verbs)."""
    rows = load_table("about_document_heads.tsv")
    heads = {r[0]: r[1] == "issuer" for r in rows if r[1] in ("strong", "issuer")}
    verbs = [r[0] for r in rows if r[1] == "verb"]
    verbs += [r[0] for r in load_table("legislative_verbs.tsv") if r[1] == "verb"]
    return heads, re.compile("(?:" + "|".join(longest_first(verbs)) + ")(?:了|的)?$")


# A draft's mark after its name (normalized text writes parentheses half-width).
_DRAFT = "(草案)"
# Where the name of a 关于 document cannot run on: a clause ends, or a quoted name opens or closes.
_ABOUT_STOP = re.compile(r"[，。；：！？,;:!?\n《》“”「」]")
# A session named before 关于 issues what it resolves (政协第十四届全国委员会第二次会议关于…的决议): a
# numbered session (届) up to 关于, after a mark, 了, a preposition (将, 把) or the clause start.
_ISSUING_SESSION = re.compile(r"[\u4e00-\u9fff]{0,8}?第?[一二三四五六七八九十0-9]+届[\u4e00-\u9fff0-9]{1,16}会议")
_BEFORE_SESSION = frozenset("了将把对在、，。；：,;: ")


def _session_start(s: SentenceView, at: int) -> int | None:
    """Where a session that issues the ``关于`` name at ``at`` begins, or None."""
    text = s.text
    k = at
    while k > max(s.start, at - 30) and text[k - 1] not in _BEFORE_SESSION:
        k -= 1
    if text[k - 1:k] in _BEFORE_SESSION or k == s.start:
        return k if _ISSUING_SESSION.fullmatch(text, k, at) else None
    return None


# What joins the items of a list: issuers a name opens with (中华人民共和国政府与毛里塔尼亚伊斯兰共和国政府
# 关于…), and names one after another (…的决定、关于…的决议).
_JOINTS = frozenset("与和同、")


@lru_cache(maxsize=1)
def _abbreviated_sides() -> re.Pattern:
    """A run of country abbreviations that ends where it is searched up to (中挪, 中、美)."""
    chars = "".join(abbreviation_table())
    return re.compile(rf"[{chars}](?:、?[{chars}]){{1,3}}$")


def _issuer_start(text: str, at: int, org_ends: dict[int, int]) -> int | None:
    """Where the issuers of a name that reaches ``关于`` at ``at`` begin (None: no issuer)."""
    start = org_ends.get(at)
    if start is None:
        # or the sides in country abbreviations: 中挪关于建立绿色转型对话的联合声明
        pair = _abbreviated_sides().search(text, max(0, at - 5), at)
        return pair.start() if pair else None
    while text[start - 1:start] in _JOINTS and start - 1 in org_ends:
        start = org_ends[start - 1]
    return start


def find_about_documents(s: SentenceView, taken: list[tuple[int, int]], orgs: list[Span]) -> list[Span]:
    """Documents named without 《》 as ``[issuer]关于…的<head>``: 中共中央关于制定…的建议,
    关于深化全面战略合作伙伴关系的联合声明 (``about_document_heads.tsv``).  A head such as 建议 or 报告
    needs an issuer before 关于 or a verb that takes a document (提出关于加强合作的建议 is advice).

    >>> s = SentenceView.of("双方发表了关于深化全面战略合作伙伴关系的联合声明。")
    >>> [sp.name for sp in find_about_documents(s, [], [])]
    ['关于深化全面战略合作伙伴关系的联合声明']
    """
    heads, verb_before = _about_heads()
    text = s.text
    org_ends = {o.end: o.start for o in orgs if o.type == "Organization" and not o.attrs.bare}
    # (and countries, two or more of them: 中华人民共和国和智利共和国关于…的联合声明; not 美国关于…的决定)
    side_ends = {**{h.end: h.start for h, e in s.names if e.kind == "place" and e.category == "country"}, **org_ends}
    out: list[Span] = []
    at = text.find("关于", s.start, s.end)
    while at >= 0:
        stop = _ABOUT_STOP.search(text, at, s.end)
        stop = stop.start() if stop else s.end
        # a name holds one 关于: the next opens another name (…的报告、关于…的决定草案) or holds
        # this one (关于提请审议关于…的决定草案的议案)
        again = text.find("关于", at + 2, stop)
        stop = stop if again < 0 else again
        sides = _issuer_start(text, at, side_ends)
        start = sides if sides is not None and (at in org_ends or any(text[k] in _JOINTS for k in range(sides, at))) \
            else _issuer_start(text, at, org_ends)
        if start is None:
            # a session that resolves: 十四届全国人大二次会议关于政府工作报告的决议
            start = _session_start(s, at)
        verb = verb_before.search(text, max(s.start, (start or at) - 6), start or at) is not None
        end = _head_end(text, at + 2, stop, heads, issued=start is not None or verb, s=s)
        if end and text.startswith(_DRAFT, end):
            end += len(_DRAFT)  # 关于修改…条例的决定(草案)
        if end and end - at <= 60 and not overlaps_any(start or at, end, taken):
            a = at if start is None else start
            out.append(Span(a, end, "Document", text[a:end], "about-doc", 0.7))
            out += _act_inside(s, at + 2, end)
            taken.append((a, end))
        at = text.find("关于", max(at + 2, end or 0), s.end)
    return out


def _act_inside(s: SentenceView, pos: int, end: int) -> list[Span]:
    """The act a ``关于`` name opens with (关于统计法修正草案审议结果的报告: 统计法修正草案), a document of its
    own inside the name: its longest run from ``pos`` (past a verb) that ends like an act, on a word edge.

    >>> s = SentenceView.of("会议听取了关于检查农业法实施情况的报告。")
    >>> [sp.name for sp in _act_inside(s, 7, 19)]
    ['农业法']
    """
    text = s.text
    endings = _legislative()[1]
    first = s.token_starts.get(pos)
    if first is not None and (word_tag(text[pos:first]) or "").startswith("v"):
        pos = first  # 关于检查农业法实施情况的报告: the act is 农业法, not what is done with it
    for b in range(min(end, pos + 40), pos + _MIN_ACT - 1, -1):
        if text.endswith(endings, pos, b) and b in s.token_starts and text[b:b + 1] != "的" \
                and all_han(text[pos:b].replace("(", "").replace(")", "")):
            return [Span(pos, b, "Document", text[pos:b], "act", 0.6, SpanAttrs(nested=True))]
    return []


# At most this many characters between 的 and the head (的综合报告), none of them these.
_HEAD_GAP = 2
_NOT_IN_GAP = frozenset("的了和与及、个项两")


def _head_end(text: str, pos: int, stop: int, heads: dict[str, bool], *, issued: bool, s: SentenceView) -> int:
    """The end of the first ``的<head>`` after ``pos`` that ends a name (before ``stop``, at a word
    edge or a list's joint), or 0."""
    de = text.find("的", pos + 2, stop)  # what the name is about: two characters at least
    while de >= 0:
        # a word may stand between 的 and the head: 的综合报告, 的合作规划
        for gap in range(_HEAD_GAP + 1):
            if gap and (de + 1 + gap > stop or any(c in _NOT_IN_GAP for c in text[de + 1:de + 1 + gap])):
                break
            for head, needs_issuer in heads.items():
                end = de + 1 + gap + len(head)
                if end <= stop and text.startswith(head, de + 1 + gap) and (issued or not needs_issuer) \
                        and (end == stop or end in s.token_starts or text[end] in _JOINTS):
                    return end
        de = text.find("的", de + 1, stop)
    return 0


def about_document_issuers(documents: list[Span], orgs: list[Span], parties: list[Span]) -> list[Span]:
    """The issuers a ``关于`` document's name opens with (国务院 in 国务院关于…的意见), kept as nested
    mentions and parties to it where :func:`find_document_parties` has not kept them already."""
    kept = {(p.start, p.end) for p in parties}
    out = []
    for d in documents:
        if d.source != "about-doc":
            continue
        at = d.name.find("关于") + d.start
        out.extend(replace(o, attrs=replace(o.attrs, nested=True, party=True)) for o in orgs
                   if d.start <= o.start and o.end <= at and (o.start, o.end) not in kept
                   and o.type == "Organization" and not o.attrs.bare)
    return out


# What joins the parties a document's name opens with: 和, 与, 同, 及, 、 and dashes
# (《天桥区—平阴县结对共促发展合作框架协议》, 《北京市——河北省…合作框架协议》).
_PARTY_LINK = re.compile(r"\s*(?:[和与同及、]|[—－\-–]{1,2})\s*|\s+")


def find_document_parties(text: str, documents: list[Span], names: list[Span]) -> list[Span]:
    """The parties a document's name opens with: 《北京市人民政府山东省人民政府…协议》,
    《中华人民共和国和古巴共和国关于…联合声明》, 《天桥区—平阴县…协议》, 《北京市人民政府 山东省人民政府…》
    (a space between them).  Kept as nested mentions."""
    out = []
    for d in documents:
        if d.type != "Document":
            continue
        pos = d.start + 1 if text[d.start] == "《" else d.start
        inside = sorted((n for n in names if d.start <= n.start and n.end <= d.end),
                        key=lambda n: (n.start, -(n.end - n.start)))
        found = []
        for n in inside:
            if n.start != pos:
                continue
            found.append(n)
            pos = n.end
            link = _PARTY_LINK.match(text, pos)
            if link:
                pos = link.end()
        if len(found) >= 2:
            out.extend(replace(n, attrs=replace(n.attrs, nested=True, party=True)) for n in found)
    return out


def complete_short_documents(spans: list[Span]) -> list[Span]:
    """A document named in part is the one the document names in full: 《联合声明》 after
    《中英联合声明》, 《声明》 after both — where exactly one longer document name ends in it.  A
    document word alone that no rule quoted (声明 in 反复声明, 条例) names no document and is dropped.

    >>> spans = [Span(0, 8, "Document", "中英联合声明", "book-title"), Span(20, 26, "Document", "联合声明", "book-title"),
    ...          Span(30, 32, "Document", "声明", "tagger")]
    >>> [sp.name for sp in complete_short_documents(spans)]
    ['中英联合声明', '中英联合声明', '中英联合声明']
    >>> [sp.name for sp in complete_short_documents([Span(0, 2, "Document", "条例", "tagger")])]
    []
    >>> [sp.name for sp in complete_short_documents([Span(0, 3, "Document", "本条例", "tagger")])]
    []
    """
    names = {sp.name for sp in spans if sp.type == "Document"}
    if not names:
        return spans
    # the short words for a kind of document (声明, 联合声明, 条例); 政府工作报告 names one
    generic = {w for w in _doc_suffixes() if len(w) <= 4}
    full_of: dict[str, str] = {}
    # (a name's period or edition after its kind is not what a short name ends in: 《规定》 after
    # 《…工作程序规定(试行)》)
    bare = {n: _PERIOD_AFTER.sub("", n) for n in names}
    for name in names:
        kind = _POINTER.sub("", name)  # (本条例 points at the one 条例 the story names)
        longer = {n for n in names if len(n) > len(name) and bare[n].endswith(kind) and not _POINTER.match(n)}
        # the longest of the names it ends (中英联合声明, not 联合声明), if all of them end in each other
        longest = max(longer, key=lambda n: (len(n), n)) if longer else ""
        if longest and len(name) >= 2 and all(bare[longest].endswith(_POINTER.sub("", bare[n])) for n in longer):
            full_of[name] = longest
    out = []
    for sp in spans:
        if sp.type == "Document":
            full = full_of.get(sp.name)
            if full is not None:
                sp = replace(sp, name=full, attrs=replace(sp.attrs, short_form=sp.name))
            elif _POINTER.sub("", sp.name) in generic and sp.source != "book-title":
                continue  # (本条例, 该协议, 有关条例: a pointer to a document, named elsewhere or not at all)
        out.append(sp)
    return out


# Words that point at a document rather than name it (本条例, 此条例, 该协议, 有关条例, 类似法案).
_POINTER = re.compile("^(?:本|此|该|这|这项|这份|有关|相关|上述|类似|前述)")


# An initiative (全球发展倡议, 一带一路倡议) is a policy put forward, not a document: the guidelines' Document
# is an agreement, plan, law or report, and the dev gold leaves 全球发展倡议 and 全球安全倡议 out. (A letter
# of proposal, 倡议书, is a document.)
_INITIATIVE = "倡议"


def without_initiatives(spans: list[Span]) -> list[Span]:
    """``spans`` without the documents that name an initiative (全球发展倡议).

    >>> names = ["全球发展倡议", "全民健身倡议书", "中法联合声明"]
    >>> [sp.name for sp in without_initiatives([Span(0, len(n), "Document", n, "t") for n in names])]
    ['全民健身倡议书', '中法联合声明']
    """
    return [sp for sp in spans if not (sp.type == "Document" and sp.name.endswith(_INITIATIVE))]
