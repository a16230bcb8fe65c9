"""Country abbreviations: bilateral phrases (``中美关系``, ``越方``), pair words (``京津``, ``港澳``),
lists (``美、英、法``), fixed forms (``访华``, ``来京``) and armed forces (``美军``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from kg.extract.entities.sentence import SentenceView
from kg.extract.spans import Span, SpanAttrs
from kg.lexicon import load_table
from kg.lexicon.gazetteer import gazetteer
from kg.lexicon.jieba_dict import word_tag

__all__ = ["abbreviation_table", "find_abbreviations", "abbreviated_parties", "gazetteer_full_name"]

@lru_cache(maxsize=1)
def abbreviation_table() -> dict[str, tuple[str, ...]]:
    return {row[0]: tuple(c.strip() for c in row[1].split(",")) for row in load_table("country_abbreviations.tsv")
            if len(row) > 1 and len(row[0]) == 1}


# What follows a run of country abbreviations in a bilateral phrase (中美关系, 中日两国).
_BILATERAL = ("两国", "三国", "四国", "关系", "双方", "友好", "边境", "合作", "建交", "首脑", "元首", "会谈", "谈判",
              "和谈", "贸易", "经贸", "战略", "伙伴", "之间", "联合", "人民", "外长", "领导人", "峰会", "对话",
              "交流", "友谊", "两党", "军事", "防务", "核", "冲突", "争端", "协议", "声明", "磋商", "共同")


# X方 "the X side" — but 西方 is "the West", 南方 "the south", 秘方 "a secret recipe".
_SIDE_EXCLUDED = set("西南比土秘欧非拉")

# 访华, 驻华, 华侨: 华 is China; 来京: 京 is Beijing.
_FIXED_ABBREVIATIONS = re.compile(r"(?<=[访来赴抵驻对旅离回进])(华|京|港|沪|津|渝|台)|(?<=在)华|华(?=[侨裔人商])")

_FIXED_NAMES = {"华": "中国", "京": "北京", "港": "香港", "沪": "上海", "津": "天津", "渝": "重庆", "台": "台湾"}

# In a pair of Chinese places (港澳, 京津冀 …) a character names the region, not a country.
_DOMESTIC_NAMES = {**_FIXED_NAMES, "澳": "澳门", "冀": "河北", "鲁": "山东", "粤": "广东", "闽": "福建"}

# 美军, 日军: a country's armed forces (an organisation).
_FORCES = re.compile(r"([美日俄英法德韩朝越印以伊苏盟])军(?![区队事人官舰机营备训费工港])")

# Characters that make a pair word something else (中西医, 中老年, 新加坡, 中华, 战中以…胜,
# 德比 a derby, 白马, 中古).
_PAIR_EXCLUDED = set("西老新加斯华以比马古")

# jieba's tags for pair words of places (中美 ns, 京沪 j, 中法 nt); 中意 "to one's liking" is n, 美日 unknown.
_PAIR_TAGS = ("ns", "nz", "nt", "j")


@lru_cache(maxsize=1)
def _list_pattern() -> re.Pattern:
    chars = "".join(abbreviation_table())
    return re.compile(rf"[{chars}](?:、[{chars}]){{2,}}(?![\u4e00-\u9fff])")


def find_abbreviations(text: str, sentences: list[SentenceView], spans: list[Span]) -> list[Span]:
    """One-character country abbreviations in bilateral phrases (中美关系 names
    中国 and 美国; 中方, 越方 the sides) and fixed ones (访华, 来京), as mentions
    of the country or place.  An ambiguous character (巴: 巴西, 巴基斯坦 …)
    names only a country the document writes in full."""
    table = abbreviation_table()
    named = {sp.attrs.full or sp.name for sp in spans if sp.type == "Place"}
    chars = "".join(table)
    run = re.compile(rf"[{chars}](?:、?[{chars}]){{1,3}}(?=" + "|".join(_BILATERAL) + ")")
    taken = {i for sp in spans for i in range(sp.start, sp.end)}
    out: list[Span] = []

    def add(pos: int, ch: str, full: str | None = None) -> None:
        options = (full,) if full else table.get(ch, ())
        if len(options) > 1:
            options = tuple(o for o in options if o in named)
        if len(options) != 1 or pos in taken:
            return
        out.append(Span(pos, pos + 1, "Place", options[0], "abbreviation", 0.7,
                        SpanAttrs(category="country" if not full else "division", full=gazetteer_full_name(options[0]), abbreviation=True)))

    for s in sentences:
        for m in run.finditer(text, s.start, s.end):
            if m.start() > s.start and text[m.start() - 1] in chars:
                continue
            for i in range(m.start(), m.end()):
                if text[i] != "、":
                    add(i, text[i])
        for i in range(s.start, s.end - 1):
            if text[i + 1] == "方" and text[i] in table and text[i] not in _SIDE_EXCLUDED \
                    and i in s.token_starts and s.token_starts.get(i) == i + 2:
                add(i, text[i])
        for a, b in s.tokens:
            word = text[a:b]
            # 中美, 印巴, 京津: a word made of abbreviations names each place (中西医 does not)
            if 2 <= b - a <= 3 and all(c in table or c in _FIXED_NAMES for c in word) \
                    and not any(c in _PAIR_EXCLUDED for c in word) and word_tag(word) in _PAIR_TAGS \
                    and not gazetteer().lookup(word):
                domestic = any(c in _FIXED_NAMES for c in word)  # 港澳, 京津: 澳 is 澳门 here
                if domestic and not all(c in _DOMESTIC_NAMES for c in word):
                    continue
                for i, c in enumerate(word):
                    add(a + i, c, _DOMESTIC_NAMES[c] if domestic else None)
        for m in _list_pattern().finditer(text, s.start, s.end):
            # 美、英、法、意、日: three or more one-character words in a list
            if all(s.token_starts.get(i) == i + 1 for i in range(m.start(), m.end(), 2)):
                for i in range(m.start(), m.end(), 2):
                    add(i, text[i])
        for m in _FIXED_ABBREVIATIONS.finditer(text, s.start, s.end):
            ch = m.group(0)
            add(m.start(), ch, _FIXED_NAMES[ch])
        for m in _FORCES.finditer(text, s.start, s.end):
            if not any(i in taken for i in range(m.start(), m.end())) and m.start() in s.token_starts:
                out.append(Span(m.start(), m.end(), "Organization", m.group(0), "abbreviation", 0.6,
                                SpanAttrs(category="military")))
    return out


def abbreviated_parties(name: str, named: Iterable[str] = ()) -> list[str]:
    """The countries a document's name opens with in abbreviation, or [] —
    an ambiguous character (巴) counts only for a country in ``named``.

    >>> abbreviated_parties("中法联合声明"), abbreviated_parties("中美洲合作协议")
    (['中国', '法国'], [])
    """
    table = abbreviation_table()
    if len(name) < 3 or any(c in _PAIR_EXCLUDED for c in name[:2]) or word_tag(name[:3]):
        return []  # 中美洲: a word of its own
    parties = []
    for ch in name[:2]:
        options = tuple(o for o in table.get(ch, ()) if len(table.get(ch, ())) == 1 or o in named)
        if len(options) != 1:
            return []
        parties.append(options[0])
    return parties


def gazetteer_full_name(name: str) -> str:
    """The gazetteer's full name for a place (北京 -> 北京市; 中国 stays 中国)."""
    for e in gazetteer().lookup(name):
        if e.kind == "place":
            return e.name
    return name
