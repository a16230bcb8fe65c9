"""Country abbreviations: bilateral phrases (``中美关系``, ``越方``), pair words (``京津``, ``港澳``),
lists (``美、英、法``), fixed forms (``访华``, ``来京``) and armed forces (``美军``).
"""

from __future__ import annotations

import re
from collections.abc import Container
from functools import lru_cache

from kg.extract.entities.sentence import TO_ABBREVIATED_PLACE, SentenceView
from kg.extract.spans import Span, SpanAttrs
from kg.lexicon import load_lines, load_pairs, load_table, world_countries
from kg.lexicon.gazetteer import gazetteer, is_country
from kg.lexicon.jieba_dict import word_tag

__all__ = ["is_side", "abbreviation_table", "without_bilateral_places", "country_options", "written_names",
           "find_abbreviations", "abbreviated_parties", "gazetteer_full_name"]

@lru_cache(maxsize=1)
def _table_rows() -> dict[str, tuple[str, ...]]:
    """``country_abbreviations.tsv``: each abbreviation (one character, or a fixed pair) and its countries."""
    return {row[0]: tuple(c.strip() for c in row[1].split(",")) for row in load_table("country_abbreviations.tsv")
            if len(row) > 1}


@lru_cache(maxsize=1)
def abbreviation_table() -> dict[str, tuple[str, ...]]:
    return {key: countries for key, countries in _table_rows().items() if len(key) == 1}


_FORMAL_ENDS = ("共和国", "合众国", "民国", "王国", "联邦")


@lru_cache(maxsize=1)
def _countries_by_initial() -> dict[str, tuple[tuple[str, str], ...]]:
    """Every way a state of today is written (南非, 洪都拉斯, 印尼), with the state it names, under its
    first character (not 台湾, a province, nor 中非, which Chinese news means as China–Africa, nor
    英格兰, a part of 英国 whose 英 is 英国's)."""
    states = {short for short, *_ in world_countries()}
    forms = {(short, short) for short in states} | set(load_pairs("countries_extra.tsv"))
    by_initial: dict[str, list[tuple[str, str]]] = {}
    for form, country in sorted(forms):
        # (a formal name, 大韩民国, is not what its first character abbreviates)
        if len(form) >= 2 and country in states and is_country(country) and not form.endswith(_FORMAL_ENDS):
            by_initial.setdefault(form[0], []).append((form, country))
    return {ch: tuple(pairs) for ch, pairs in by_initial.items()}


@lru_cache(maxsize=1)
def _regional_names() -> tuple[tuple[str, str], ...]:
    """``regional_country_names.tsv``: the Hong Kong and Taiwan press's names of countries (南韩: 韩国)."""
    return tuple(load_pairs("regional_country_names.tsv"))


def written_names(text: str, named: Container[str]) -> dict[str, str]:
    """The countries a story writes only under a regional name, by that name (韩国: 南韩 where the
    story writes 南韓 and ``named``, its places, holds no 韩国), for what abbreviates them.

    >>> written_names("中日韩峰会后，南韩总统表示", ()), written_names("韩国和南韩", {"韩国"})
    ({'韩国': '南韩'}, {})
    >>> written_names("南韩、北韩与南韩和所谓南朝鲜", ())
    {'韩国': '南韩', '朝鲜': '北韩'}
    """
    # the form the story writes most (南韩 before a quoted 南朝鲜), the table's first of those it writes alike
    written = sorted((-text.count(form), i, form, country) for i, (form, country) in enumerate(_regional_names())
                     if country not in named)
    out: dict[str, str] = {}
    for count, _, form, country in written:
        if count:
            out.setdefault(country, form)
    return out


def country_options(ch: str, named: Container[str] = ()) -> tuple[str, ...]:
    """The countries ``ch`` may abbreviate in a document that names ``named``: the table's (美: 美国),
    and any country the document names in full that begins with it (中南关系 beside 南非, 中吉 beside
    吉布提: the table lists the commonest only, and Xinhua abbreviates every partner so).  Where that
    leaves several, only those the document names; the character names a country only where one is
    left.

    >>> country_options("美"), country_options("南"), country_options("南", {"南非"})
    (('美国',), (), ('南非',))
    >>> country_options("吉", {"吉布提"}), country_options("巴", {"巴西", "巴拿马"})
    (('吉布提',), ('巴西', '巴拿马'))
    """
    listed = abbreviation_table().get(ch, ())
    named_here = {country for form, country in _countries_by_initial().get(ch, ()) if form in named}
    options = listed + tuple(sorted(named_here.difference(listed)))
    if len(options) > 1:
        options = tuple(o for o in options if o in named or o in named_here)
    return options


@lru_cache(maxsize=1)
def _fixed_pairs() -> dict[str, tuple[str, ...]]:
    """Pairs of abbreviations that name the same countries in every story (巴以: 巴勒斯坦 and 以色列)."""
    return {key: countries for key, countries in _table_rows().items() if len(key) == 2}


# What follows a run of country abbreviations in a bilateral phrase (中美关系, 中日两国).
@lru_cache(maxsize=1)
def _bilateral_words() -> tuple[str, ...]:
    """What follows a run of country abbreviations in a bilateral phrase (中美关系, 中日两国)."""
    return load_lines("bilateral_words.txt")




# X方 "the X side" — but 西方 is "the West", 南方 "the south", 秘方 "a secret recipe".
_SIDE_EXCLUDED = set("西南比土秘欧非拉")


def is_side(word: str) -> bool:
    """Whether a word is a country's side (美方, 中方, 俄方), a country's one-character abbreviation and 方.

    >>> is_side("美方"), is_side("西方"), is_side("对方")
    (True, False, False)
    """
    return len(word) == 2 and word[1] == "方" and word[0] not in _SIDE_EXCLUDED and word[0] in abbreviation_table()

# 访华, 驻华, 华侨: 华 is China; 来京: 京 is Beijing.
@lru_cache(maxsize=1)
def _domestic() -> tuple[dict[str, str], dict[str, str], re.Pattern]:
    """Abbreviations of Chinese places (and of China): those read after a verb of travel
    (访华, 来京: ``fixed``), those read inside a pair word (港澳, 京津冀: ``pair``), and the
    pattern of the fixed ones."""
    fixed, pair = {}, {}
    for char, place, where in load_table("domestic_abbreviations.tsv"):
        if "fixed" in where:
            fixed[char] = place
        if "pair" in where:
            pair[char] = place
    chars = "".join(fixed)
    # 华 is China also after 在 (在华) and in 华侨, China's citizens abroad; not in 华人, 华裔, 华商,
    # people of Chinese descent wherever they live (the training articles never name China for them).
    # (The pattern opens with the character it matches and looks back after it: the regex engine then
    # scans for those characters in C instead of trying the look-behinds at every position.)
    pattern = re.compile(rf"[{chars}华](?:(?<=[访来赴抵驻对旅离回进][{chars}])|(?<=在华)|(?<=华)(?=侨)"
                         rf"|(?<=在[{chars}])(?=期间))")  # 在京期间, the stay in Beijing
    return fixed, pair, pattern

# 我国 as where a visitor comes (对我国进行国事访问, 来我国, 访问我国): China, whose press the corpus
# is — in a visit; elsewhere (我国的好朋友, said by a guest) it is left alone.
_OUR_COUNTRY = re.compile(r"(?<=[对来到赴抵])我国|(?<=访问)我国|(?<=到访)我国|(?<=抵达)我国")

# 来泉对接, 来滁考察, 在丰期间: a city or county the story names, by one of its characters, where a
# delegation travels to it (the fixed table lists only the commonest: 来京, 赴皖, 来甬).
_TO_LOCAL_ABBREVIATION = re.compile(r"(?:(?<=[来赴抵])|(?<=前往)|(?<=在)(?=.期间))([\u4e00-\u9fff])"
                                    r"(?=考察|学习|调研|参观|访问|交流|对接|洽谈|开展|期间|$|\n)")


def _divisions_by_char(spans: list[Span]) -> dict[str, str]:
    """The cities and counties (and districts) the story names, as it first writes each, under each
    character of their short names that names one of them only (泉: 泉州市; 溪: 本溪), for the
    abbreviations of travel."""
    options: dict[str, dict[str, str]] = {}
    for sp in spans:
        if sp.type == "Place" and sp.attrs.category == "division" and sp.attrs.level in (2, 3):
            full = sp.attrs.full or sp.name
            for ch in sp.attrs.short_name or sp.name:
                options.setdefault(ch, {}).setdefault(full, sp.name)
    return {ch: next(iter(names.values())) for ch, names in options.items() if len(names) == 1}


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


@lru_cache(maxsize=1)
def _bilateral_chars() -> str:
    """The characters a bilateral phrase's run is made of: the table's and every country's first."""
    return "".join(sorted(set(abbreviation_table()) | set(_countries_by_initial())))


@lru_cache(maxsize=1)
def _bilateral_pattern() -> re.Pattern:
    """A run of country abbreviations before a bilateral word (中美关系, 中日两国), built once."""
    chars = _bilateral_chars()
    return re.compile(rf"[{chars}](?:、?[{chars}]){{1,3}}(?=" + "|".join(_bilateral_words()) + ")")


@lru_cache(maxsize=1)
def _longer_countries() -> dict[str, tuple[str, ...]]:
    """The ways countries are written that hold another's (印度: 印度尼西亚; 几内亚: 赤道几内亚)."""
    forms = [form for pairs in _countries_by_initial().values() for form, _ in pairs]
    return {f: tuple(g for g in forms if f in g and g != f) for f in forms}


class _NamedIn:
    """The places a document names: its place mentions, and any country its text writes, even inside
    a longer name (吉布提国民议会) but not only inside a longer country's (印度 of 印度尼西亚), looked up
    once each when asked."""

    def __init__(self, text: str, spans: list[Span]) -> None:
        self._text = text
        self._known = {sp.attrs.full or sp.name: True for sp in spans if sp.type == "Place"}

    def __contains__(self, name: object) -> bool:
        if name not in self._known:
            text = self._text
            longer = _longer_countries().get(name)  # (None: no country's name)
            self._known[name] = longer is not None and name in text and text.count(name) > sum(
                text.count(other) for other in longer)
        return self._known[name]


def without_bilateral_places(text: str, spans: list[Span]) -> list[Span]:
    """``spans`` without a division whose name is two countries' abbreviations in a bilateral
    phrase (巴中 of 巴中友谊 is Pakistan and China in a story of Pakistan, not 巴中市; 英德 of 英德两国
    is no 英德市; a region, 拉美, stays): the phrase then names the countries (:func:`find_abbreviations`).

    >>> from kg.extract.spans import SpanAttrs
    >>> city = Span(9, 11, "Place", "巴中", "gazetteer", attrs=SpanAttrs(category="division", full="巴中市"))
    >>> pakistan = Span(0, 4, "Place", "巴基斯坦", "gazetteer", attrs=SpanAttrs(category="country"))
    >>> [sp.name for sp in without_bilateral_places("巴基斯坦总理表示，巴中友谊历久弥坚。", [pakistan, city])]
    ['巴基斯坦']
    >>> [sp.name for sp in without_bilateral_places("巴中市委书记表示，巴中合作成果丰硕。", [city])]
    ['巴中']
    """
    table = abbreviation_table()
    candidates = {id(sp): sp for sp in spans if sp.type == "Place" and sp.attrs.category == "division"
                  and sp.end - sp.start == 2 and all(c in table for c in text[sp.start:sp.end])}
    if not candidates:
        return spans
    named = _NamedIn(text, [sp for sp in spans if id(sp) not in candidates])

    def names_a_named_country(ch: str) -> bool:
        options = country_options(ch, named)
        return bool(options) and all(o in named for o in options)

    run = _bilateral_pattern()
    dropped = {key for key, sp in candidates.items()
               if (m := run.match(text, sp.start)) and m.end() == sp.end
               and all(c == "中" or names_a_named_country(c) for c in text[sp.start:sp.end])}
    return [sp for sp in spans if id(sp) not in dropped] if dropped else spans


def find_abbreviations(text: str, sentences: list[SentenceView], spans: list[Span]) -> list[Span]:
    """One-character country abbreviations in bilateral phrases (中美关系 names
    中国 and 美国; 中方, 越方 the sides) and fixed ones (访华, 来京), as mentions
    of the country or place.  An ambiguous character (巴: 巴西, 巴基斯坦 …)
    names only a country the document writes in full, as does one the table does not list (中南关系
    beside 南非: :func:`country_options`)."""
    table = abbreviation_table()
    named = _NamedIn(text, spans)
    run = _bilateral_pattern()
    run_chars = _bilateral_chars()
    fixed_pairs = _fixed_pairs()
    fixed_names, domestic_names, fixed_abbreviations = _domestic()
    taken = {i for sp in spans for i in range(sp.start, sp.end)}
    pair_chars = frozenset(table) | frozenset(fixed_names)  # what a pair word (中美, 京津) is made of
    out: list[Span] = []

    # 澳葡合作 in a story of Macao's government that never names Australia: 澳 is 澳门 there
    at_home = {ch: home for ch, home in domestic_names.items()
               if ch in table and home in text and not any(o in text for o in table[ch])}
    regional = written_names(text, {sp.name for sp in spans if sp.type == "Place"})  # (not 朝鲜 of 朝鲜半岛)
    local_divisions = _divisions_by_char(spans)

    def add(pos: int, ch: str, full: str | None = None, country: str | None = None) -> None:
        full = full or at_home.get(ch)
        options = (full,) if full else (country,) if country else country_options(ch, named)
        if len(options) != 1 or pos in taken:
            return
        name = regional.get(options[0], options[0])
        out.append(Span(pos, pos + 1, "Place", name, "abbreviation", 0.7,
                        SpanAttrs(category="country" if not full else "division", full=gazetteer_full_name(name), abbreviation=True)))

    for s in sentences:
        for m in run.finditer(text, s.start, s.end):
            if m.start() > s.start and text[m.start() - 1] in run_chars:
                continue
            start = m.start()
            while start < m.end() and start not in s.token_starts:
                start += 1  # the end of a word (加 of 参加中日韩) is no country
            run_at = [i for i in range(start, m.end()) if text[i] != "、"]
            if (pair := fixed_pairs.get(text[start:m.end()])) is not None:
                for i, country in zip(run_at, pair):  # 巴以冲突: 巴勒斯坦 if named, never 巴林
                    if country in named or country_options(text[i]) == (country,):
                        add(i, text[i], country=country)
            # a character the table does not list names a country the document names, or the run is no
            # bilateral phrase (行政立法关系, 中国与北韩边境, 多加合作); nor is one cut to a single character
            # by such a character's word (公布|新协议; not 从中|越边境, 赴美|朝峰会)
            elif all(text[i] in table or len(country_options(text[i], named)) == 1 for i in run_at) \
                    and (len(run_at) >= 2 or all(c in table for c in text[m.start():start])):
                for i in run_at:
                    add(i, text[i])
        side = text.find("方", s.start + 1, s.end)  # X方: the character before each 方
        while side >= 0:
            i = side - 1
            if text[i] in table and text[i] not in _SIDE_EXCLUDED \
                    and i in s.token_starts and s.token_starts.get(i) == i + 2:
                add(i, text[i])
            side = text.find("方", side + 1, s.end)
        for a, b in s.tokens:
            # (most words fail at their first character: tested before the word is cut out)
            if not 2 <= b - a <= 3 or text[a] not in pair_chars:
                continue
            word = text[a:b]
            # 中美, 印巴, 京津: a word made of abbreviations names each place (中西医 does not)
            if pair_chars.issuperset(word) and _PAIR_EXCLUDED.isdisjoint(word) and len(set(word)) == len(word) \
                    and (tag := word_tag(word)) in _PAIR_TAGS and not gazetteer().lookup(word):
                domestic = any(c in fixed_names for c in word)  # 港澳, 京津: 澳 is 澳门 here
                if domestic:
                    if all(c in domestic_names for c in word):
                        for i, c in enumerate(word):
                            add(a + i, c, domestic_names[c])
                    continue
                # every character names one place, or the word is no pair (爱美, 欧拉: 爱 and 欧 name
                # several); a word of another sense (中肯 "to the point", nz) only beside its countries
                options = [country_options(c, named) for c in word]
                if all(len(o) == 1 for o in options) and (
                        tag != "nz" or all(o[0] in named for c, o in zip(word, options) if c != "中")):
                    for i, (c, o) in enumerate(zip(word, options)):
                        add(a + i, c, country=o[0])
        # (the list and the armed forces are tried only where their 、 and 军 stand)
        lists = _list_pattern().finditer(text, s.start, s.end) if text.find("、", s.start, s.end) >= 0 else ()
        for m in lists:
            # 美、英、法、意、日: three or more one-character words in a list
            if all(s.token_starts.get(i) == i + 1 for i in range(m.start(), m.end(), 2)):
                for i in range(m.start(), m.end(), 2):
                    add(i, text[i])
        for m in fixed_abbreviations.finditer(text, s.start, s.end):
            if text[m.start() - 1] == "在" and s.token_starts.get(m.start(), m.end()) > m.end():
                continue  # 在华电石家庄…: 华 opens a word there (华电), no abbreviation of 中国
            ch = m.group(0)
            add(m.start(), ch, fixed_names[ch])
        ours = _OUR_COUNTRY.finditer(text, s.start, s.end) if text.find("我国", s.start, s.end) >= 0 else ()
        for m in ours:
            if m.start() not in taken and m.start() in s.token_starts:
                out.append(Span(m.start(), m.end(), "Place", "中国", "abbreviation", 0.6,
                                SpanAttrs(category="country", full="中国")))
        for m in _TO_LOCAL_ABBREVIATION.finditer(text, s.start, s.end):
            i = m.start(1)
            if text[i] not in fixed_names and (place := local_divisions.get(text[i])) is not None:
                add(i, text[i], full=place)
        forces = _FORCES.finditer(text, s.start, s.end) if text.find("军", s.start, s.end) >= 0 else ()
        for m in forces:
            if not any(i in taken for i in range(m.start(), m.end())) and m.start() in s.token_starts:
                out.append(Span(m.start(), m.end(), "Organization", m.group(0), "abbreviation", 0.6,
                                SpanAttrs(category="military")))
    return out


def travel_abbreviations(text: str) -> list[Span]:
    """Chinese places a story writes only by their one-character abbreviation after a verb of
    travel and before what a delegation does there (来津考察, 来蓉考察, 赴皖学习), as places under
    their full names, for the story's context (:mod:`kg.extract.entities.context`): a bare 市委 of
    such a story is 天津市委, a bare 省委 成都's province's.

    >>> [(p.name, p.attrs.parent) for p in travel_abbreviations("阿坝州党政代表团来蓉考察。")]
    [('成都市', '四川省')]
    """
    fixed = _domestic()[0]
    out = []
    for m in TO_ABBREVIATED_PLACE.finditer(text):
        place = gazetteer().place(fixed.get(m.group(1), ""))
        if place is not None and place.category == "division":
            out.append(Span(m.start(1), m.end(1), "Place", place.name, "abbreviation", 0.7, SpanAttrs(
                level=place.level, category="division", full=place.name, parent=place.parent,
                short_name=place.short_form, abbreviation=True)))
    return out


def abbreviated_parties(name: str, named: Container[str] = ()) -> list[str]:
    """The countries a document's name opens with in abbreviation, or [] —
    an ambiguous character (巴) counts only for a country in ``named``.

    >>> abbreviated_parties("中法联合声明"), abbreviated_parties("中美洲合作协议")
    (['中国', '法国'], [])
    >>> abbreviated_parties("湘桂深化合作框架协议")  # two provinces of China
    ['湖南', '广西']
    """
    if len(name) < 3 or any(c in _PAIR_EXCLUDED for c in name[:2]) or word_tag(name[:3]):
        return []  # 中美洲: a word of its own
    fixed, pair, _ = _domestic()
    if all(ch in fixed or ch in pair for ch in name[:2]) and word_tag(name[:2]) in (None, *_PAIR_TAGS):
        return [pair.get(ch) or fixed[ch] for ch in name[:2]]  # 湘桂, 港沪: provinces and cities of China
    parties = []
    for ch in name[:2]:
        options = country_options(ch, named)
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
