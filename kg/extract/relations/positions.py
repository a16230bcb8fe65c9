"""``holds_position``: the offices right before a person (a chain of them) or a bare title right
after (``刘家义书记``), completed from the offices the document gives the person in full.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from kg.extract.entities.abbreviations import abbreviated_parties, country_options, gazetteer_full_name
from kg.extract.entities.context import country_of_party
from kg.extract.entities.sentence import FORMER_CHARS, FORMER_WORDS
from kg.extract.relations.state import DocState, between, offices_held
from kg.extract.spans import Found, Span
from kg.lexicon import load_lines
from kg.lexicon.gazetteer import chinese_name, gazetteer, is_country, national_titles, ruling_parties, transliterated
from kg.lexicon.jieba_dict import word_tag

__all__ = ["share_chain_party", "complete_bare_titles", "counted_offices", "find_holds_position", "list_head",
           "share_list_country", "share_list_office"]


# The titles of a foreign head of state or government, or of his ministers, that the country
# they serve completes (普京总统 in a report on Russia alone: 俄罗斯总统).
_COUNTRY_TITLES = frozenset({"总统", "副总统", "第一副总统", "总理", "副总理", "第一副总理", "首相", "副首相",
                             "第一副首相", "国王", "女王", "王储", "外长", "议长"})


# The titles a country's one-character short form may stand before (乌总统, 美防长): a bare 防长 after
# a name is left out of _COUNTRY_TITLES (越南国防部长…与防长马蒂斯会谈: whose is not the sentence's country).
_SHORT_FORM_TITLES = _COUNTRY_TITLES | {"防长"}


# A head of state's titles after his name, as his country's office is named (迪亚斯-卡内尔主席: 古巴国家主席).
_HEAD_OF_STATE = {"主席": "国家主席", "国家主席": "国家主席"}


# Before a name, what makes its bearer the foreign partner of China's head: 习近平主席和普京总统,
# 习近平主席同武契奇总统, 习近平主席在利马同石破茂首相, 习近平主席会见岸田文雄首相 (a name of Chinese shape,
# 普京 and 黄循财 alike, says nothing).
# So is every partner of a list of them (习近平还分别同武文赏国家主席、范明政总理会见会谈: each name of
# the list written with a head's title).
_HEAD_MEETS = r"(?:主席|总书记|总理)(?:在[\u4e00-\u9fff]{1,6})?(?:还|也)?(?:分别)?(?:和|同|与|会见|会晤)"
_PARTNER_OF_HEAD = re.compile(_HEAD_MEETS + r"(?:[\u4e00-\u9fff·]{2,12}?(?:主席|总理|总统|首相|议长|总书记|国王)、)*$")
# After a name, what writes its bearer as a head meeting another (习近平主席同…, 阮富仲总书记和…; not the
# last of a list of partners, 范明政总理会见会谈).
_HEAD_MEETING = re.compile(_HEAD_MEETS + "(?![会谈晤见])")


def _partner_of_head(text: str, person: Span) -> bool:
    """Whether ``person`` is written as the foreign partner of China's head (习近平主席和李显龙总理: 李显龙's
    总理 is Singapore's, not the State Council's).

    >>> _partner_of_head("习近平主席和李显龙总理", Span(6, 9, "Person", "李显龙", "x"))
    True
    >>> _partner_of_head("习近平主席在利马同石破茂首相会晤", Span(9, 12, "Person", "石破茂", "x"))
    True
    """
    return _PARTNER_OF_HEAD.search(text, max(0, person.start - 60), person.start) is not None


# The words of an appointment between a name and the office given (X当选为, X出任; 任命X为: _APPOINTING),
# and taking office (特朗普宣誓就任美国总统; Hong Kong writes 获委任为 for an appointment).
_APPOINTED = ("当选为", "当选", "被任命为", "出任", "接任", "连任", "担任", "继任", "升任",
              "就任", "宣誓就任", "获委任为", "被委任为", "获任命为", "获选为")
# The verbs of an appointment written before the name, 为 before the office (任命刘伟为…部长, 大会选举石泰峰为
# 中华海外联谊会会长, 增选…为全国政协常委).
_APPOINTING = ("任命", "选举", "推选", "增选", "补选", "委任", "聘任", "聘请")
# Which holder of the office he is, between the appointment and the office (当选第五任行政长官).
_ORDINAL_HOLDER = re.compile(r"第[〇一二三四五六七八九十百两0-9]+[任届]$")

# Organs every state has, which name no country of their own (政府第一副总理, 总统外事顾问, 议会上院议长).
_COUNTRY_ORGANS = ("政府", "总统", "议会", "国会", "内阁", "联邦", "王室", "国民议会", "参议院", "众议院")


def _placeless(office: Span) -> bool:
    """Whether an office names no body of its own place: a title alone (总理), a ministry's
    (矿产和能源部长, 文化部部长) or a state organ's (政府第一副总理) — not 巴林国王, 越共中央总书记,
    联合国秘书长."""
    if office.attrs.bare or office.name.startswith(_COUNTRY_ORGANS) or office.name in _HEAD_OFFICES:
        return True
    if office.name.endswith("大臣"):  # 外交大臣, a minister's title where there are ministers so called
        return not any(e.kind == "place" for h in gazetteer().scan(office.name) for e in h.entries)
    return office.name.endswith("部长") and not any(
        e.kind == "place" or (e.kind == "org" and not (h.start == 0 and office.name[h.end - 1] == "部"))
        for h in gazetteer().scan(office.name) for e in h.entries)  # (a ministry it opens with names no place)


# A head of state's offices, written alike in every country that has them (国家副主席 in a chain after
# 老挝人民革命党中央…: Laos's).
_HEAD_OFFICES = frozenset({"国家主席", "国家副主席"})


# What may stand between an item of a list of officials and the 、 that closes it: 巴育夫妇、副总理….
_ITEM_ENDS = ("、", "夫妇、", "夫人、", "率", "率领")


def share_list_country(found: list[Found], text: str) -> list[Found]:
    """``found``, where a list of a country's officials names the country once
    (``希腊总统萨克拉罗普卢、总理米佐塔基斯``, ``巴西农业部长法瓦罗、矿产和能源部长西尔韦拉``): an office
    written without a place right after the item before it is that item's country's
    (``希腊总理``, ``巴西矿产和能源部长``); so is a second office the same person holds with it
    (``泰国总理巴育夫妇、副总理兼外长敦``: 泰国外长)."""
    held_by_end: dict[int, Found] = {}
    out = []
    for f in found:
        at = f.object.start if f.type == "holds_position" and f.object is not None else -1
        if at > 0 and _unplaced(f):  # (an office at 0 follows nothing)
            prev = next((held_by_end[at - len(end)] for end in _ITEM_ENDS
                         if text.endswith(end, 0, at) and at - len(end) in held_by_end), None)
            if prev is not None and prev.subject.name != f.subject.name:
                f = _of_country(f, prev.object.attrs.place)
        if at >= 0 and f.object.attrs.place:
            held_by_end.setdefault(f.subject.end, f)
        out.append(f)
    # 副总理兼外长, 中央政治局委员、中央书记处常务书记、国家副主席: an office the person's chain goes on
    # with is of the country of the offices before it (whichever came first in ``found``)
    holds = sorted((i for i, f in enumerate(out) if f.type == "holds_position" and f.object is not None),
                   key=lambda i: out[i].object.start)
    # (after a party's offices only a head of state's: 越共中央…、中央对外部部长 is the party's own,
    # share_chain_party's to name)
    chain_by_end: dict[int, tuple[str, str, bool]] = {}  # an office's end -> (holder, country, of a party)
    for i in holds:
        f = out[i]
        joined = text[f.object.start - 1:f.object.start] in ("兼", "、")
        holder, inherited, by_party = chain_by_end.get(f.object.start - 1, ("", "", False)) if joined \
            else ("", "", False)
        # (a bare officer's title, 兼秘书长, is of the body before it: the entities' chain gives it)
        officer = f.object.attrs.bare and (f.object.attrs.title or f.object.name) not in _COUNTRY_TITLES
        if holder == f.subject.name and _unplaced(f) and not officer \
                and (not by_party or f.object.name in _HEAD_OFFICES):
            out[i] = f = _of_country(f, inherited)
        elif holder != f.subject.name:
            inherited = ""
        party = _party_country(f.object.name)
        own = f.object.attrs.place if not party and is_country(f.object.attrs.place) else ""
        if own or party or inherited:
            chain_by_end.setdefault(f.object.end, (f.subject.name, own or party or inherited,
                                                   bool(party) or (by_party and not own)))
    return out


def _party_country(office: str) -> str:
    """The country of the foreign party an office of its central committee opens with (老挝人民革命党
    中央书记处常务书记 → 老挝), or ''."""
    party = _foreign_party(office)
    return country_of_party(party) if party else ""


def share_chain_party(found: list[Found], text: str) -> list[Found]:
    """``found``, where a chain of one person's party offices names the party once
    (``越共中央政治局委员、中央书记处书记潘庭濯``): an office of the ``中央`` written right after the
    party's office is that party's (``越共中央书记处书记``).  China's own party is left as the text
    writes it (``中共中央政治局委员、中央书记处书记``: the annotated articles keep ``中央书记处书记``)."""
    holds = sorted((i for i, f in enumerate(found) if f.type == "holds_position" and f.object is not None),
                   key=lambda i: found[i].object.start)  # in the text's order: a chain of three carries on
    out = list(found)
    office_by_end: dict[int, Found] = {}
    for i in holds:
        f = found[i]
        if f.object.name.startswith("中央") and text[f.object.start - 1:f.object.start] == "、":
            prev = office_by_end.get(f.object.start - 1)
            party = _foreign_party(prev.object.name) if prev is not None else ""
            if party and prev.subject.name == f.subject.name:
                out[i] = f = replace(f, object=replace(f.object, name=party + f.object.name, attrs=replace(
                    f.object.attrs, body=party + f.object.attrs.body)))
        office_by_end.setdefault(f.object.end, f)
    return out


def _foreign_party(office: str) -> str:
    """The foreign party an office of its central committee opens with (越共中央政治局委员 → 越共), or "".

    >>> _foreign_party("越共中央政治局委员"), _foreign_party("中共中央政治局委员"), _foreign_party("国家主席")
    ('越共', '', '')
    """
    k = office.find("中央")
    party = office[:k] if k > 0 else ""
    if not party or party in ("中共", "中国共产党"):
        return ""
    known = any(e.kind == "org" and (e.parent or e.name).endswith("党") for e in gazetteer().lookup(party))
    return party if known or party.endswith("党") else ""


def share_list_office(found: list[Found], text: str) -> list[Found]:
    """``found``, where a list repeats an office's title alone (全国人大宪法法律委副主任委员骆源作…报告、副主任
    委员徐辉作…报告): the title is the office the list gave in full before it, held by another."""
    full: dict[tuple[int, int], list[Found]] = {}  # by sentence, the offices given in full
    for g in found:
        if g.type == "holds_position" and g.object is not None and not g.object.attrs.bare:
            full.setdefault(g.sentence, []).append(g)
    out = []
    for f in found:
        if f.type == "holds_position" and f.object is not None and f.object.attrs.bare \
                and text[f.object.start - 1:f.object.start] in _LIST_MARKS:
            title = f.object.attrs.title or f.object.name
            first = next((g.object for g in full.get(f.sentence, ()) if g.object.end <= f.object.start
                          and g.object.attrs.title == title and g.object.name != title
                          and g.subject.name != f.subject.name), None)
            if first is not None:
                f = replace(f, object=first, confidence=0.7)
        out.append(f)
    return out


# What opens an item of a list: 、 and the comma.
_LIST_MARKS = ("、", "，", ",")


def _unplaced(f: Found) -> bool:
    return not f.object.attrs.place and _placeless(f.object)


def _of_country(f: Found, country: str) -> Found:
    """``f`` with its office that of ``country`` (总理 → 希腊总理), if ``country`` is a foreign one
    (China's offices are named without it: 国家副主席)."""
    if not (country and is_country(country)) or country == "中国":
        return f
    title = f.object.attrs.title if f.object.attrs.bare else f.object.name
    return replace(f, object=replace(f.object, name=country + title, attrs=replace(
        f.object.attrs, bare=False, place=country, body=country + f.object.attrs.body)))


def _abbreviated_country(office: str, countries: Sequence[str]) -> str | None:
    """The foreign country a one-character short form names before a title of its head or its
    ministers (乌总统, 美防长), where the short form stands for one country of those the document names
    (``countries``) or one at all.  (Not 中纪委书记, China's; not 老社长, an old director.)

    >>> _abbreviated_country("乌总统", ("乌克兰", "俄罗斯")), _abbreviated_country("美防长", ())
    ('乌克兰', '美国')
    >>> _abbreviated_country("乌总统", ()), _abbreviated_country("老社长", ()), _abbreviated_country("中总理", ())
    (None, None, None)
    """
    if office[1:] not in _SHORT_FORM_TITLES:
        return None
    options = country_options(office[0], set(countries))
    return options[0] if len(options) == 1 and options[0] != "中国" else None


def complete_bare_titles(found: list[Found], countries: tuple[str, ...] = (), text: str = "",
                         counted: tuple[Span, ...] = (), names: list[Span] = ()) -> list[Found]:
    """A bare title after a name (习近平主席, 刘家义书记) is the office of that
    title the document gives the person in full (国家主席, 山东省委书记); with
    none, it states no office and is dropped — unless the person is foreign, the title one of a
    country's (普京总统, 朔尔茨总理, or before the name: 议长塔苏拉斯) and ``countries`` (the foreign
    countries the document names) just one: then it is that country's.  So is an office China does
    not have (总统, 首相) after a name written in transliteration characters alone (普京, which also
    reads as a Chinese name; not 蔡英文).  A title whose body was guessed
    from context yields to the office the person was first given with that
    title (one person, one 总书记).  ``text`` (the document's) tells a foreign partner of China's head
    whose name has a Chinese shape (习近平主席和普京总统).  Where the person has none, a title after his
    name is the office the story counts the holders of (``counted``: 14位全国政协常委 … 曹卫星常委发言)."""
    full = offices_held(found, bare=False)
    ends = _names_by_end(names)
    # one written anywhere as the partner of China's head, and nowhere as a head who meets one, is
    # foreign all through the story (习近平同武文赏国家主席、范明政总理会见: 范明政总理 elsewhere is no
    # 国务院总理 either; but 迪亚斯-卡内尔主席和习近平主席 leaves 习近平 China's head)
    people = [p for p in names if p.type == "Person"]
    heads = {p.name for p in people if _HEAD_MEETING.match(text, p.end)}
    partners = {p.name for p in people if p.name not in heads and _partner_of_head(text, p)}
    out = []
    for f in found:
        if f.type == "holds_position" and f.object is not None \
                and (country := _abbreviated_country(f.object.name, countries)):
            out.append(_of_country(replace(f, object=replace(f.object, name=f.object.name[1:], attrs=replace(
                f.object.attrs, title=f.object.name[1:], body=""))), country))  # 乌总统: 乌克兰总统
            continue
        # an office in full written after the name (武文赏国家主席, 王庭惠国会主席)
        after_name = f.type == "holds_position" and f.object is not None and not f.object.attrs.bare \
            and f.object.start >= f.subject.end
        if after_name and (restated := next((p for p in full.get(f.subject.name, ()) if p.name != f.object.name
                                             and p.name.endswith(f.object.name) and p.attrs.place), None)):
            # 越南国家主席武文赏 … 武文赏国家主席: the office after the name restates the one given in full
            out.append(replace(f, object=restated, confidence=0.7))
            continue
        if after_name and f.object.name.startswith(_COUNTRY_ORGANS) and _unplaced(f) \
                and _partner_of_head(text, f.subject) and (here := _country_here(countries, text, f.sentence)):
            out.append(_of_country(f, here))  # 习近平同…王庭惠国会主席: 越南国会主席
            continue
        if f.type == "holds_position" and f.object is not None and f.object.attrs.bare:
            title = f.object.attrs.title or f.object.name
            match = [p for p in full.get(f.subject.name, ()) if p.name.endswith(title)]
            group = [p for p in counted if p.name.endswith(title)] if f.object.start >= f.subject.end else []
            if match:
                out.append(replace(f, object=match[0], confidence=0.7))
            elif len({p.name for p in group}) == 1:
                out.append(replace(f, object=group[0], confidence=0.6))  # (one of the 14位全国政协常委)
            elif f.object.end == f.subject.start and (described := _described_body(text, ends, f.object)):
                # 俄罗斯联邦委员会国际事务委员会主席卡拉辛, 美国中东问题特使威特科夫: the body a name opens
                # and the words after it describe, right before the title
                out.append(_completed_as(f, described + title, described, "described-body"))
            elif title in national_titles() and chinese_name(f.subject.name) and f.object.start >= f.subject.end \
                    and not _partner_of_head(text, f.subject) and f.subject.name not in partners:
                # (习近平总书记同阮富仲总书记: the partner of China's head holds no office of China's)
                # only after the name (习近平主席): a bare title before it (民主党…，主席胡志伟) is a
                # body's office the sentence leaves to the context
                office, body = national_titles()[title]
                out.append(_completed_as(f, office, body, "national-title"))
            elif title in _HEAD_OF_STATE and f.object.start >= f.subject.end and not chinese_name(f.subject.name) \
                    and _partner_of_head(text, f.subject) and (here := _country_here(countries, text, f.sentence)):
                # 习近平主席同迪亚斯-卡内尔主席: the partner of China's head is his country's head of state
                # (… not China's head himself, after his partner: 迪亚斯-卡内尔主席和习近平主席)
                out.append(_completed_as(f, here + _HEAD_OF_STATE[title], here))
            elif f.object.start >= f.subject.end and _partner_of_head(text, f.subject) \
                    and (party := _ruling_party_head(title, _country_here(countries, text, f.sentence))):
                # 习近平总书记同阮富仲总书记: the partner's party head's office (越南共产党中央总书记)
                out.append(_completed_as(f, party, party[:-len(title)]))
            elif title in _COUNTRY_TITLES and (here := _country_here(countries, text, f.sentence)
                                                or _country_of_sentence(names, countries, f.sentence, f.object.start)) and (
                    # after the name (朔尔茨总理), or before a foreign one (同议长塔苏拉斯举行会谈)
                    (f.object.start >= f.subject.end
                     and (not chinese_name(f.subject.name) or _partner_of_head(text, f.subject)
                          or (title not in national_titles() and transliterated(f.subject.name))))
                    or (f.object.end <= f.subject.start and (not chinese_name(f.subject.name) or (
                        title not in national_titles() and transliterated(f.subject.name))))):
                out.append(_completed_as(f, here + title, here))
            continue
        if f.type == "holds_position" and f.object is not None and f.object.attrs.completed:
            title = f.object.attrs.title
            first = next((p for p in full.get(f.subject.name, ()) if p.attrs.title == title), None)
            if first is not None and first.name != f.object.name:
                out.append(replace(f, object=first, confidence=0.7))
                continue
        out.append(f)
    return out


# A count of an office's holders before its name (14位全国政协常委, 两名副主席).
_HOLDERS_COUNTED = re.compile("[0-9０-９一二三四五六七八九十百两多]+[位名]$")


def counted_offices(text: str, spans: list[Span]) -> tuple[Span, ...]:
    """The offices in full the story counts the holders of (``14位全国政协常委``): a bare title after
    a name that ends one of them is that office (:func:`complete_bare_titles`).

    >>> t = "14位全国政协常委作大会发言。"
    >>> [p.name for p in counted_offices(t, [Span(3, 9, "Position", "全国政协常委", "title")])]
    ['全国政协常委']
    """
    return tuple(p for p in spans if p.type == "Position" and not p.attrs.bare
                 and _HOLDERS_COUNTED.search(text, max(0, p.start - 5), p.start))


# What may join two places inside a described body (乌克兰和俄罗斯问题特使).
_PLACES_JOINED = ("和", "与", "、")
# The longest description between the name that opens a body and its title.
_DESCRIPTION_MAX = 16


def _names_by_end(names: list[Span]) -> dict[int, Span]:
    """The names a described body may open with (organisations, places, offices in full), by where
    they end: built once per document, read back from each bare title."""
    return {n.end: n for n in names if n.type in ("Organization", "Place", "Position") and not n.attrs.bare}


def _described_body(text: str, by_end: dict[int, Span], title: Span) -> str:
    """The body a bare title right before a name is of, where words before the title describe one
    that a name opens (``俄罗斯联邦委员会|国际事务委员会|主席``, ``美国|中东问题|特使``): the text from the
    first name of a run of names and nouns that ends at the title, else "".

    >>> t = "会见了到访的美国中东问题特使威特科夫"
    >>> ends = _names_by_end([Span(6, 8, "Place", "美国", "gazetteer")])
    >>> _described_body(t, ends, Span(12, 14, "Position", "特使", "title"))
    '美国中东问题'
    """
    at, opening = title.start, None
    while title.start - at <= _DESCRIPTION_MAX:
        name = by_end.get(at)
        if name is not None:
            opening, at = name, name.start
            joined = by_end.get(at - 1)
            if name.type == "Place" and text[at - 1:at] in _PLACES_JOINED and joined is not None \
                    and joined.type == "Place":
                at -= 1  # 乌克兰和俄罗斯问题: two places joined
            continue
        word = _word_before(text, at)
        if not word or not all("\u4e00" <= c <= "\u9fff" for c in word) \
                or (word_tag(word) or "n").startswith(_NOT_IN_A_BODY):
            break
        at -= len(word)
    if opening is None or opening.end == title.start or title.start - opening.start > _DESCRIPTION_MAX + 8 \
            or _FORMER_BEFORE.search(text, max(0, opening.start - 2), opening.start) \
            or _FORMER_INSIDE.search(text, opening.end, title.start):
        return ""  # (a body right before its title is the position finder's; 原湖北省政府参事室主任: no longer his)
    words = text[opening.end:title.start]
    if not _describes_a_body(words):
        return ""
    # (an office opening it is named as the chain completed it: 副总理兼|总统|办公厅主任 → 阿联酋总统办公厅)
    return (opening.name if opening.type == "Position" else text[opening.start:opening.end]) + words


def _describes_a_body(words: str) -> bool:
    """Whether ``words``, between the name that opens a body and a title, end as a body does (国际事务
    委员会, 政策规划部门), as an envoy's matter (中东问题) or with a title's modifier (首席特别): not a
    clause (堪培拉|会见|总督, 苏联|后首任|总统).

    >>> _describes_a_body("国际事务委员会"), _describes_a_body("中东问题"), _describes_a_body("会见")
    (True, True, False)
    """
    if words.endswith(_BODY_WORDS) or words.endswith(_title_modifiers()):
        return True
    for k in range(min(len(words), 6), 1, -1):
        if any(e.kind == "org_suffix" for e in gazetteer().lookup(words[-k:])):
            return True
    return False


# What says the office after it is a former one (原, 前, 时任: SentenceView.former_at's words), right
# before the body's name or inside the description (苏丹前过渡政府总理; not 此前, 以前, 前线)
_FORMER_BEFORE = re.compile("(?:" + "|".join(FORMER_WORDS) + f")$|[{FORMER_CHARS}]$")
_FORMER_INSIDE = re.compile("|".join(FORMER_WORDS) + "|(?<![以之此日])前(?![线沿])|^原")

# Endings of a description of a body that org_suffixes.tsv does not hold: a department or a unit of
# one and an envoy's matter; and a title's modifiers (title_modifiers.txt, and 特别: 总统首席特别|顾问).
_BODY_WORDS = ("部门", "机构", "小组", "司令部", "问题", "杜马", "特别")


# Parts of speech no description of a body holds: verbs, particles, prepositions, pronouns,
# conjunctions (的, 在, 该, 和: a clause, not a name).
_NOT_IN_A_BODY = ("v", "u", "p", "r", "c")


@lru_cache(maxsize=1)
def _title_modifiers() -> tuple[str, ...]:
    return tuple(load_lines("title_modifiers.txt"))


def _word_before(text: str, end: int) -> str:
    """The longest dictionary word (else the Han character) that ends at ``end``: matched from the
    right, as the walk back from a title reads (年|港大|学生会|会长, where jieba cuts 年港|大学生|会)."""
    for k in range(min(6, end), 0, -1):
        w = text[end - k:end]
        if k == 1 or word_tag(w) is not None:
            return w
    return ""


def _completed_as(f: Found, office: str, body: str, source: str = "country-title") -> Found:
    """``f``, a bare title's holds_position, with its title completed into ``office`` of ``body``."""
    return replace(f, object=replace(f.object, name=office, source=source,
                                     attrs=replace(f.object.attrs, bare=False, body=body, synthetic=True)),
                   confidence=0.6)


# How far back the sentence before a bare title is read for China's partner (中塞友谊).
_SENTENCE_BEFORE = 300


def _ruling_party_head(title: str, country: str) -> str:
    """The office of the head of ``country``'s ruling party if ``title`` is its title, else ''.

    >>> _ruling_party_head("总书记", "越南"), _ruling_party_head("总书记", "法国")
    ('越南共产党中央总书记', '')
    """
    party, head = ruling_parties().get(country, ("", ""))
    return party + head if head and head == title else ""


def _country_here(countries: tuple[str, ...], text: str, sentence: tuple[int, int]) -> str:
    """The foreign country a bare title after a name is of: the document's one foreign country,
    else the one country its sentence, or the sentence before, pairs with China in abbreviation
    (在会见拉古什时，…中塞铁杆友谊…习近平主席同武契奇总统多次举行会晤: 塞尔维亚), as the document writes it;
    else ''.

    >>> _country_here(("塞尔维亚", "伊朗"), "中塞友谊历久弥坚。习近平主席同武契奇总统会晤。", (9, 24))
    '塞尔维亚'
    """
    if len(countries) == 1:
        return countries[0]
    if not text:
        return ""
    lo = max(0, sentence[0] - _SENTENCE_BEFORE)
    start = text.rfind("。", lo, max(0, sentence[0] - 1)) + 1 or lo
    full = {gazetteer_full_name(c): c for c in countries}
    paired = set()
    for k in range(start, sentence[1] - 2):
        if text[k] == "中":
            parties = abbreviated_parties(text[k:k + 6], full)
            if len(parties) == 2 and parties[0] == "中国" and parties[1] != "中国":
                paired.add(parties[1])
    if len(paired) != 1:
        return ""
    (country,) = paired
    return full.get(gazetteer_full_name(country), country)


def _country_of_sentence(spans: Sequence[Span], countries: tuple[str, ...], sentence: tuple[int, int],
                         at: int) -> str:
    """The one foreign country ``sentence`` names before ``at`` (疫情侵袭美国，总统特朗普…入境美国，英国除外:
    美国), by its name or as an office's body (美国国家安全顾问博尔顿陪同总统特朗普), as the document writes
    it most (``countries``); '' where it names none or several there.  A country written by its
    abbreviation (中加关系) does not count: 加 may be 加蓬's as well as 加拿大's.

    >>> from kg.extract.spans import SpanAttrs
    >>> us = Span(4, 6, "Place", "美国", "gazetteer", attrs=SpanAttrs(category="country"))
    >>> uk = Span(18, 20, "Place", "英国", "gazetteer", attrs=SpanAttrs(category="country"))
    >>> _country_of_sentence([us, uk], ("加拿大", "美国", "英国"), (0, 30), 7)
    '美国'
    >>> _country_of_sentence([us, uk], ("加拿大", "美国", "英国"), (0, 30), 2)
    ''
    """
    written = {gazetteer_full_name(c): c for c in countries}
    named = set()
    for s in spans:
        if not sentence[0] <= s.start < at or s.attrs.abbreviation:
            continue
        if s.type == "Place" and s.attrs.category == "country":
            named.add(gazetteer_full_name(s.attrs.full or s.name))
        elif s.type == "Position":  # (whether the rules or the tagger found the office)
            named |= {full for full, c in written.items() if s.name.startswith(c)}
    named &= written.keys()
    return written[named.pop()] if len(named) == 1 else ""


def find_holds_position(doc: DocState, items: list[Span], sent: tuple[int, int]) -> list[Found]:
    """Positions right before a person (a chain of them) or a bare title right after."""
    text = doc.text
    out = []
    for i, sp in enumerate(items):
        if sp.type != "Person" or sp.attrs.reference:
            continue
        # 中共中央总书记、国家主席、中央军委主席习近平: walk back over the chain; a name
        # further down a list with no title of its own shares the first one's
        # (全国政协副主席咸辉、王东峰、朱永新: three vice chairs).
        chain = _chain_before(text, items, i)
        shared = not chain
        if shared:
            # (特首林郑月娥、陈冬、郑雁雄: an office one holds at a time is the first name's alone)
            chain = [p for p in _chain_before(text, items, list_head(text, items, i))
                     if not _held_alone(p)]
        if shared and not chain and i > 0 and _paired(text, items[i - 1], sp):
            # 副总理何立峰和刘国中, 议员刘国勋及容海恩: an office several hold at once is both names'
            chain = [p for p in _chain_before(text, items, i - 1) if _held_by_several(p) and not p.attrs.bare]
        for pos in chain:
            if not pos.attrs.former:
                confidence = 0.5 if pos.attrs.bare else 0.8 if shared else 0.9
                out.append(Found("holds_position", sp, pos, sent, None, confidence))
        after = _titles_after(text, items, i, sent) + _office_given(text, items, i, sent) + \
            _office_described(text, items, i, sent) + _offices_in_parentheses(text, items, i)
        out.extend(Found("holds_position", sp, pos, sent, None, 0.8) for pos in after if not pos.attrs.former)
    return out


def _titles_after(text: str, items: list[Span], i: int, sent: tuple[int, int]) -> list[Span]:
    """The bare titles right after the name ``items[i]`` (刘家义书记, 习近平总书记) and those its chain goes
    on with (习近平总书记、国家主席同…: both his) — but one title only for the partner named after 同
    or 和, whose further titles are his own country's (同通伦总书记、国家主席)."""
    person = items[i]
    partner = text[max(sent[0], person.start - 1):person.start] in ("同", "和", "与")
    titles: list[Span] = []
    end = person.end
    for nxt in items[i + 1:]:
        joint = between(text, end, nxt.start)
        # (王庭惠国会主席 after 习近平同…: a partner's office of his state's organ, its country to come)
        organ = not titles and nxt.type == "Position" and nxt.name.startswith(_COUNTRY_ORGANS) \
            and _partner_of_head(text, person)
        if nxt.type != "Position" or not (nxt.attrs.title_only or organ) or \
                joint not in (("",) if not titles else () if partner else ("、", "兼")):
            break
        titles.append(nxt)
        end = nxt.end
    return titles


def _office_given(text: str, items: list[Span], i: int, sent: tuple[int, int]) -> list[Span]:
    """The office an appointment gives the name ``items[i]`` (任命刘伟为交通运输部部长, 王五当选为市总工会
    主席, 赵六出任集团总经理, 习近平主席连任中共中央总书记), if it is written with its body: a bare 主席 completed from the story
    may be another body's."""
    person = items[i]
    j, end = i + 1, person.end
    while j < len(items) and items[j].type == "Position" and items[j].attrs.title_only \
            and not between(text, end, items[j].start):
        j, end = j + 1, items[j].end  # 习近平主席|连任中共中央总书记: past the titles he is named with
    office = items[j] if j < len(items) else None
    if office is None or office.type != "Position" or office.attrs.completed or office.attrs.bare:
        return []
    joint = between(text, end, office.start)
    joint = joint[:_ORDINAL_HOLDER.search(joint).start()] if _ORDINAL_HOLDER.search(joint) else joint
    appointed = joint in _APPOINTED or (joint == "为" and text.endswith(_APPOINTING, sent[0], person.start))
    return [office] if appointed else []


def _offices_in_parentheses(text: str, items: list[Span], i: int) -> list[Span]:
    """The offices the parentheses right after the name ``items[i]`` hold, and nothing else
    (邓尔邦(香港齐心基金会主席), 刘炳章(专业联盟主席、经民联副主席)): the press's way to say who is who.

    >>> t = "出席者包括邓尔邦(香港齐心基金会主席)。"
    >>> person = Span(5, 8, "Person", "邓尔邦", "x")
    >>> office = Span(9, 18, "Position", "香港齐心基金会主席", "title")
    >>> [p.name for p in _offices_in_parentheses(t, [person, office], 0)]
    ['香港齐心基金会主席']
    >>> t = "邓尔邦(左)与香港齐心基金会主席会面。"
    >>> [p.name for p in _offices_in_parentheses(t, [Span(0, 3, "Person", "邓尔邦", "x"), Span(7, 16, "Position",
    ...                                                "香港齐心基金会主席", "title")], 0)]
    []
    """
    person = items[i]
    if text[person.end:person.end + 1] != "(":
        return []
    offices: list[Span] = []
    end = person.end + 1
    for nxt in items[i + 1:]:
        if nxt.start < end or nxt.type != "Position":
            continue  # (the body inside the office: 香港齐心基金会 of 香港齐心基金会主席)
        if nxt.attrs.bare or text[end:nxt.start] not in (("",) if not offices else ("、", "兼", "及")):
            break
        longest = max((p for p in items if p.type == "Position" and p.start == nxt.start), key=lambda p: p.end)
        offices.append(longest)
        end = longest.end
    return offices if offices and text[end:end + 1] == ")" else []


# Words that describe a man by an office he holds, in a clause before his name (身兼立法会议员的邝俊宇).
_DESCRIBED_AS = ("身兼", "身为", "作为", "兼任", "现任", "身任", "担任", "出任")
# Of them, the verbs of taking an office up, which a word of time before them (当年担任) makes past or
# to come; what may stand right before them at the head of their clause.
_TAKING_UP = ("担任", "出任")
_CLAUSE_OPENERS = "，,；;：:。（(「“\n 、"
# What may stand between that clause's 的 and the name: his party or body, no clause mark.
_AFTER_DESCRIPTION = re.compile(r"的[^，,；;。：:、]{0,6}$")


def _office_described(text: str, items: list[Span], i: int, sent: tuple[int, int]) -> list[Span]:
    """The offices a clause before the name ``items[i]`` describes him by (身兼立法会议员的民主党邝俊宇,
    身为行政会议成员的汤家骅): every office of the clause after 身兼/身为/作为."""
    person = items[i]
    lo = max(sent[0], person.start - 40)
    de = _AFTER_DESCRIPTION.search(text, lo, person.start)
    if de is None:
        return []
    offices = [p for p in items if p.type == "Position" and lo <= p.start and p.end <= de.start() and not p.attrs.bare]
    if not offices or offices[-1].end != de.start():
        return []
    chain = [offices[-1]]
    for p in reversed(offices[:-1]):
        if between(text, p.end, chain[0].start) not in ("", "、", "和", "及", "兼"):
            break
        chain.insert(0, p)
    opening = chain[0].start - 2
    if not text.endswith(_DESCRIBED_AS, sent[0], chain[0].start) or text[opening - 1:opening] == "曾":
        return []  # (曾担任…的, 曾作为…的: an office he held once)
    if text.endswith(_TAKING_UP, sent[0], chain[0].start) and opening > sent[0] \
            and text[opening - 1] not in _CLAUSE_OPENERS:
        # 担任/出任 open the clause: 当年担任, 案发时担任, 先后出任, 即将出任, 可能出任 give a time
        # past or to come
        return []
    return chain


# The titles of a delegation's head, which the press writes before his office at home (…团长，…书记).
_DELEGATION_HEADS = frozenset(("团长", "副团长"))


def _chain_before(text: str, items: list[Span], i: int) -> list[Span]:
    """The chain of positions right before ``items[i]`` (nearest first): 中共中央总书记、国家主席习近平."""
    chain = []
    j, end = i - 1, items[i].start
    while j >= 0:
        if _inside_office(text, items, j, end):
            # 港, 澳 of 港澳工作小组组长韩正, 特派员 of 外交部驻港特派员谢锋: a name or a title inside the
            # office, not between it and its holder
            j -= 1
            continue
        if j > 0 and items[j - 1].type == "Person" and items[j - 1].end == items[j].start and end > items[j].end:
            break  # (武文赏国家主席、范明政总理: a title written right after a name is that name's)
        joint = _joint(text, items[j].end, end, chain) if items[j].type == "Position" else None
        if not (items[j].type == "Position" and (
                joint in ("", "、", "兼")
                # 香港民意研究所主席及行政总裁钟庭耀: two offices of one body joined by 及
                or joint == "及" and chain and items[j].attrs.body and chain[-1].attrs.body == items[j].attrs.body
                # 考察团团长，徐汇区工商联党组书记陈楠: a delegation's head, his office at home after a comma
                or joint in ("，", ",") and chain and items[j].attrs.title in _DELEGATION_HEADS and not items[j].attrs.bare
                # 3位民主党立法会议员：林卓廷、尹兆坚: an office several hold, then the list of its holders
                or not chain and between(text, items[j].end, end) in ("：", ":") and _held_by_several(items[j]))):
            break
        chain.append(items[j])
        end = items[j].start
        j -= 1
    return chain


def _inside_office(text: str, items: list[Span], j: int, end: int) -> bool:
    """Whether ``items[j]`` lies inside a longer office, listed near it, that ends at ``end`` or
    right before the chain's next office (华 of 印尼对华合作牵头人、统筹部长)."""
    sp = items[j]
    return any(p.type == "Position" and p.start <= sp.start and sp.end <= p.end and len(p) > len(sp)
               and (p.end == end or between(text, p.end, end) in ("、", "兼"))
               for p in items[max(0, j - 6):j + 6])


def _joint(text: str, a: int, b: int, chain: list[Span]) -> str:
    """What joins an office ending at ``a`` to the chain going on at ``b``: the 前 or 原 of a former
    office is that office's own (白俄罗斯中国友好协会主席、前副总理托济克: 、)."""
    joint = between(text, a, b)
    return joint[:-1] if chain and chain[-1].attrs.former and joint.endswith(("前", "原")) else joint


# Titles of an office one person holds at a time: before a list of names, the first name's alone
# (longest first: the end of a title is matched against them).
_SOLE_TITLES = tuple(sorted(("行政长官", "特首", "总书记", "国家主席", "主席", "总统", "总理", "首相", "国王",
                             "书记", "省长", "市长", "县长", "区长", "州长", "部长", "局长", "司长", "署长",
                             "厅长", "院长", "校长", "董事长", "总经理", "行政总裁", "秘书长", "委员长", "埃米尔",
                             "苏丹"), key=len, reverse=True))


def _held_alone(position: Span) -> bool:
    """Whether a position is one person's at a time: its title is a head's (古物咨询委员会主席,
    科威特埃米尔), not his deputy's (全国政协副主席, 常务副省长).

    >>> from kg.extract.spans import Span
    >>> [_held_alone(Span(0, 0, "Position", name, "x"))
    ...  for name in ("古物咨询委员会主席", "全国政协副主席", "国务委员", "中央书记处书记")]
    [True, False, False, False]
    """
    title = position.attrs.title or position.name
    end = next((t for t in _SOLE_TITLES if title.endswith(t)), None)
    # (a secretary of the secretariat, 中央书记处书记, is one of several)
    return end is not None and not title[:-len(end)].endswith(("副", "书记处"))


# Titles of an office several hold at once (立法会议员, 全国政协委员, 人大代表), besides members' and deputies'.
_SEVERAL_HOLDERS = ("议员", "委员", "代表")


def _held_by_several(position: Span) -> bool:
    """Whether a position is one several people hold at once: a member's, a deputy's (副总理), a
    councillor's (议员) — so that a name joined to its holder by 和 shares it."""
    title = position.attrs.title or position.name
    return position.attrs.category == "member" or title.startswith("副") or title.endswith(_SEVERAL_HOLDERS)


def _paired(text: str, first: Span, second: Span) -> bool:
    """Whether two names are joined by 和 or 及 alone (何立峰和刘国中)."""
    return first.type == "Person" and not first.attrs.reference and between(text, first.end, second.start) in ("和", "及")


def list_head(text: str, items: list[Span], i: int) -> int:
    """The first name of the list of names ``items[i]`` closes, joined by 、 (the last link may be
    和 or 及 after a 、): 李强、王沪宁、蔡奇 → 李强.  ``i`` itself when it is in no such list.

    >>> from kg.extract.spans import Span
    >>> names = [Span(0, 2, "Person", "李强", "x"), Span(3, 6, "Person", "王沪宁", "x"), Span(7, 9, "Person", "蔡奇", "x")]
    >>> list_head("李强、王沪宁和蔡奇", names, 2), list_head("李强和王沪宁", names[:2], 1)
    (0, 1)
    """
    head, links = i, []
    while head > 0 and items[head - 1].type == "Person" and not items[head - 1].attrs.reference:
        link = between(text, items[head - 1].end, items[head].start)
        if link not in ("、", "和", "及"):
            break
        links.append(link)
        head -= 1
    if any(link != "、" for link in links[1:]):
        return i  # only the last link may be 和 or 及
    if len(links) == 1 and links[0] != "、":
        return i  # 国务院总理李强和安瓦尔: 和 alone joins two sides, not a list that shares a title
    return head
