"""Places: gazetteer places, administrative chains (``朝阳区双井街道``), and foreign places
written as a transliteration and a place word (``罗德岛``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.extract.entities.name_shapes import boundary_strength, translit_run
from kg.extract.entities.sentence import TRAVEL_VERBS, VISITING_VERBS, SentenceView, is_han, title_at
from kg.extract.spans import Span, SpanAttrs
from kg.lexicon.gazetteer import translit_chars
from kg.lexicon.jieba_dict import COMMON_WORD_FREQ, word_freq, word_tag

__all__ = ["find_places", "find_foreign_places", "bodies_of_foreign_places", "without_ships"]

_CHAIN_TAIL = re.compile(r"[\u4e00-\u9fff]{2,5}?(?:村|社区|小区|居委会)")


# A station named after a place (中山站, 红磡站), unless 站 is the verb "stand" (站在, 站出来, 站稳).
_STATION = "站"
_STANDING_AFTER = frozenset("在出起稳着了队岗立住上成到好")

# A warship is named after a province or a city (福建舰); 舰队, 舰艇 are a fleet's and ships'.
_SHIP = "舰"
_FLEET_AFTER = frozenset("队艇")

# Modern China has no 郡: a place name followed by it is a county of Korea or Japan.
_FOREIGN_COUNTY = "郡"


def find_places(s: SentenceView) -> list[Span]:
    """Gazetteer places; an administrative chain that ends at or below the county
    (朝阳区双井街道, 绥中县明水满族乡祝家沟村) is one place, and each division it lies in a
    place nested in it."""
    out: list[Span] = []
    text = s.text
    for h, e in s.names:
        if e.kind != "place":
            continue
        if e.category == "sea" and h.end < s.end and h.end not in s.token_ends:
            continue  # 日本|海关, 菲律宾|海域: the sea's last character is of the word after it
        if text[h.end:h.end + 1] == _FOREIGN_COUNTY and e.category != "country" and h.end + 1 <= s.end:
            # 河东郡, 仁川郡: a county of Korea or Japan, not the Chinese place of that name (河东区)
            name = text[h.start:h.end + 1]
            out.append(Span(h.start, h.end + 1, "Place", name, "gazetteer", 0.8,
                            SpanAttrs(category="division", full=name)))
            continue
        if text[h.end:h.end + 1] == _STATION and e.category != "country" and h.end + 1 <= s.end \
                and text[h.end + 1:h.end + 2] not in _STANDING_AFTER:
            # 南极中山站, 沙中线红磡站: a station named after the place (中国站在…一边: no country's)
            name = text[h.start:h.end + 1]
            out.append(Span(h.start, h.end + 1, "Place", name, "gazetteer", 0.8,
                            SpanAttrs(category="building", full=name)))
            continue
        out.append(Span(h.start, h.end, "Place", text[h.start:h.end], "gazetteer", 0.9,
                        SpanAttrs(level=e.level, category=e.category, full=e.name, parent=e.parent, short_name=e.short_form, weak=s.in_phrase(h.start, h.end))))
    merged: list[Span] = []
    i = 0
    while i < len(out):
        j = i
        while j + 1 < len(out) and out[j + 1].start == out[j].end and (out[j].attrs.level or 0) \
                and (out[j + 1].attrs.level or 0) > (out[j].attrs.level or 0) \
                and out[j + 1].name == out[j + 1].attrs.full:
            j += 1  # only full forms chain (四川汶川 is two places; 朝阳区双井街道 one)
        head, tail = out[i], out[j]
        end = tail.end
        m = _CHAIN_TAIL.match(text, end, s.end) if (tail.attrs.level or 0) >= 3 else None
        if m:
            end = m.end()
        if (j > i or m) and ((tail.attrs.level or 0) >= 3):
            first = i + 1 if head.attrs.level == 1 and out[i + 1 if i + 1 <= j else i].attrs.level == 2 \
                and j > i else i
            a = out[first].start
            chain = text[a:end]
            # A chain of divisions names its last one (江口县 of 铜仁市江口县, the division the
            # gazetteer knows), the divisions it lies in places of their own; a village is named
            # with the divisions written before it (三明市将乐县常口村), which tell it apart.
            merged.append(Span(a, end, "Place", chain if m else tail.name, "gazetteer", 0.9,
                               SpanAttrs(level=5 if m else tail.attrs.level, category="division",
                                         full=chain if m else tail.attrs.full,
                                         parent=None if m else tail.attrs.parent, alias=chain)))
            if first > i:
                merged.append(head)
            # each division the chain lies in is a place of its own too, a mention nested in the
            # chain (朝阳区 in 朝阳区双井街道; 绥中县 and 明水满族乡 in 绥中县明水满族乡祝家沟村); the
            # last division without a village after it is the chain's own place
            parts = out[first:j + 1] if m else out[first:j]
            merged.extend(replace(part, attrs=replace(part.attrs, nested=True)) for part in parts)
            i = j + 1
            continue
        merged.append(out[i])
        i += 1
    return merged


# A division of a foreign country written right after it in Chinese characters (日本宇部市, 越南广宁省,
# 印尼东努沙登加拉省): up to seven characters ending in a division's word, none of them a word that
# counts or points (日本各县, 美国各州) or a function word.
_DIVISION_CHARS = frozenset("省市州郡县町")
_NOT_IN_NAME = frozenset("各全本该多两几每某个等是为的在了和与及")


def _foreign_place(text: str, a: int, b: int) -> Span:
    """A foreign place the gazetteer does not know, read at ``text[a:b]``."""
    return Span(a, b, "Place", text[a:b], "foreign-place", 0.6, SpanAttrs(category="city"))


def bodies_of_foreign_places(s: SentenceView, orgs: list[Span], places: list[Span]) -> list[Span]:
    """``orgs`` with the government or council of each foreign place the gazetteer does not know,
    named from the place (and from its country right before it): a body its suffix named only part
    way into the place (诺夫|哥德|市政府: 哥德市政府) is renamed, one it did not name is added
    (沃洛格达|市政府).

    >>> s = SentenceView.of("代表团走访了俄罗斯诺夫哥德市政府。")
    >>> [o.name for o in bodies_of_foreign_places(s, [Span(11, 16, "Organization", "哥德市政府", "suffix")],
    ...                                           find_foreign_places(s))]
    ['俄罗斯诺夫哥德市政府']
    """
    text = s.text
    out = list(orgs)
    for place in places:
        if place.source != "foreign-place":
            continue
        body = next((b for b in _ITS_GOVERNMENT if text.startswith(b, place.end)), None)
        if body is None:
            continue
        country = s.name_ending.get(place.start)
        start = country[0].start if country and country[1].category == "country" else place.start
        end = place.end + len(body)
        # (a body the suffix named part way into the place, or not at all)
        out = [o for o in out if not (o.end == end and start < o.start < place.end)]
        if not any(o.start <= start and end <= o.end for o in out):
            out.append(Span(start, end, "Organization", text[start:end], "suffix", 0.8,
                            SpanAttrs(category=_GOVERNMENT_KINDS[body], suffix=body)))
    return out


# What kind of body each government word names (org_suffixes.tsv's categories).
_GOVERNMENT_KINDS = {"政府": "party-gov-strict", "人民政府": "party-gov-strict", "议会": "legislature",
                     "当局": "party-gov-strict"}


def _after_country(s: SentenceView) -> list[Span]:
    """Divisions the gazetteer does not know, written right after their foreign country or its
    first-level division: the longest that ends where a word ends (日本北九州市, not 北九州;
    北海道余市町)."""
    out = []
    text = s.text
    # a name the lexicon knows right after the country stands, unless it is one of China's own
    # divisions (广宁 of 广宁县 is no place of Vietnam's); a state it knows reads on itself
    known = {h.start: e for h, e in s.names}
    for h, e in s.names:
        if h.end >= s.end or e.kind != "place" or e.category not in _READ_AFTER or text[h.start:h.end] == "中国" \
                or h.end not in s.token_starts:  # 韩国瑜: the country opens a man's name
            continue
        after = known.get(h.end)
        if after is not None and not (after.kind == "place" and after.level in (1, 2, 3)):
            continue
        end, inner = None, None
        shortest = 2  # a name opened by a function character is longer (韩国全州市, not 美国各州)
        for k in range(h.end + 1, min(h.end + 8, s.end) + 1):
            if not is_han(text[k - 1]):
                break
            if text[k - 1] in _NOT_IN_NAME:
                if not _rare_word_at(s, k - 1):
                    break
                shortest = 3
            last = s.token_ends.get(k)
            # (法国阿拉斯|城市|共同体: a division's character that ends another word names nothing, but
            # one that ends a word jieba only guessed does: 加拿大高贵|林市)
            if k - h.end >= shortest and text[k - 1] in _DIVISION_CHARS and (
                    last is not None and (k - last == 1 or last == h.end or word_tag(text[last:k]) is None)
                    or k - h.end >= 3 and text.startswith(_ITS_GOVERNMENT, k)):  # 诺夫哥德|市政府
                end = k
            if k - h.end >= 2 and text[k - 1] in _UPPER_DIVISION_CHARS and inner is None and end is None:
                inner = k
        if end is not None and inner is not None and end - inner >= 2:
            # 韩国京畿道水原市: a province and a city in it, each a place (the city is named alone later)
            out += [_foreign_place(text, h.end, inner), _foreign_place(text, inner, end)]
        elif end is not None:
            out.append(_foreign_place(text, h.end, end))
    return out


def _rare_word_at(s: SentenceView, i: int) -> bool:
    """Whether a word of two characters or more, seldom written, starts at ``i``: a place's name that
    opens with a character that mostly stands alone (全州 of 韩国全州市; not 全国, 全境 or 该市)."""
    end = s.token_starts.get(i)
    return end is not None and end - i >= 2 and word_freq(s.text[i:end]) < COMMON_WORD_FREQ


# What a foreign division the gazetteer does not know is written after: its country, or the
# country's first-level division (foreign_divisions.tsv).
_READ_AFTER = frozenset(("country", "state"))

# Divisions of a foreign country that hold others, when one follows (京畿道水原市, 大阪府堺市).
_UPPER_DIVISION_CHARS = frozenset("道州府省")


# What the traveller then does there (前往布拉加进行访问, 抵达科托努并出席…).
_THERE_NEXT = ("进行", "访问", "出席", "参加", "考察", "举行", "并", "后")



# A place's government or council, right after its place word (诺夫哥德市政府, 林雪平市议会).
_ITS_GOVERNMENT = ("人民政府", "政府", "议会", "当局")


def find_foreign_places(s: SentenceView) -> list[Span]:
    """Foreign places written as a transliteration and a place word (罗德岛, 韦克舍市), or right
    after a verb of travel (代表团前往布拉加，…: a name the person rules would take for a man's)."""
    out = _after_country(s)
    text = s.text
    chars = translit_chars()
    # (芬兰万塔市: a run of transliteration characters that opens with a country is the country and
    # a place of it, which the reading after the country finds)
    # (a country that opens a longer word is none: 马里 of 马里兰州)
    countries = {h.start for h, e in s.names if e.kind == "place" and e.category == "country"
                 and h.end in s.token_starts}
    for i in sorted(s.token_starts):
        if i > s.start and text[i - 1] in "、和与及":
            # a city the gazetteer does not know, in a list of governments (瑞典韦克舍市政府和林雪平市政府)
            k = next((k for k in range(i + 2, min(i + 5, s.end - 3)) if text[k] in "市州"
                      and text.startswith(_ITS_GOVERNMENT, k + 1) and all(map(is_han, text[i:k]))), None)
            if k is not None and not any(s.name_ending.get(m) for m in range(i + 1, k + 1)):
                out.append(_foreign_place(text, i, k + 1))
                continue
        # both readings open with a transliteration character (a run of none is read as no place)
        if i >= s.end or text[i] not in chars or i in countries:
            continue
        n = translit_run(text, i, s.end)
        if 2 <= n <= 6 and text.endswith(TRAVEL_VERBS, s.start, i) and i + n in s.token_ends \
                and not s.name_ending.get(i + n) and not title_at(text, i + n) \
                and (i + n >= s.end or not is_han(text[i + n]) or text.startswith(_THERE_NEXT, i + n)):
            out.append(_foreign_place(text, i, i + n))
            continue
        if 2 <= n <= 6 and text[i + n:i + n + 1] in ("岛", "州", "省", "市") and text[i - 1:i] != "·" and (
                i == s.start or not is_han(text[i - 1]) or s.name_ending.get(i) or text[i - 1] in "、和与在"
                or text.endswith(VISITING_VERBS, s.start, i - (text[i - 1] == "了"))):
            # (a run after a name's dot is its last part, whatever title opens after it: 维·梅·克列斯|州长)
            j = i + n + 1
            if j >= s.end or boundary_strength(text, j, s.end) or title_at(text, j) or text[j] in chars \
                    or j in s.token_starts or title_at(text, i + n) or text.startswith(_ITS_GOVERNMENT, j):
                # (诺夫哥德|市政府: jieba writes the place word and the body as one word)
                out.append(_foreign_place(text, i, j))
    return out


def without_ships(text: str, spans: list[Span]) -> list[Span]:
    """``spans`` without the places that name a warship (福建舰, 山东舰: a province's name on a ship,
    whoever found it), but a fleet's (南海舰队) stands.

    >>> t = "习近平登上福建舰。南海舰队"
    >>> [sp.name for sp in without_ships(t, [Span(5, 7, "Place", "福建", "crf"), Span(9, 11, "Place", "南海", "x")])]
    ['南海']
    """
    return [sp for sp in spans if not (sp.type == "Place" and text[sp.end:sp.end + 1] == _SHIP
                                       and text[sp.end + 1:sp.end + 2] not in _FLEET_AFTER)]
