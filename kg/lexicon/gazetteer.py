"""One Aho-Corasick automaton over every lexicon entry.

Matching thousands of names, titles and suffixes one by one would be slow;
``pyahocorasick`` finds all of them in one pass over the text.  Each key maps
to the tuple of :class:`Entry` values it stands for (``北京`` is both the short
name of a province-level city and of a prefecture).

Where kg's compiled key trie is built (``_key_trie.pyx``, with kg) and not turned off
(``KG_PURE_PYTHON=1``), :meth:`Gazetteer.scan` finds the automaton's keys with it instead, ten
times faster; both find the same keys (tests/lexicon/test_gazetteer.py compares them).
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from kg.lexicon import (
    china_divisions,
    compiled_module,
    load_lines,
    load_pairs,
    load_table,
    world_countries,
)

__all__ = ["Entry", "Hit", "Gazetteer", "gazetteer", "regional_bodies", "surnames", "translit_chars", "transliterated", "chinese_name", "is_country",
           "national_titles", "ruling_parties"]


@dataclass(frozen=True)
class Entry:
    """What a lexicon key means.

    ``kind`` is one of ``place``, ``org``, ``title``, ``org_suffix``,
    ``place_suffix``, ``phrase`` (a set expression that masks names inside it); ``name`` is the canonical name of the thing (for a
    short place name, its full name); ``category`` refines the kind
    (``division``, ``country``, ``region``; ``party-gov``, ``company``; a
    title's kind ``head``/``self``/``member``); ``level`` is a division's
    administrative level (1 province ... 4 township), 0 otherwise.
    """

    kind: str
    name: str
    category: str = ""
    level: int = 0
    short: bool = False
    parent: str = ""
    short_form: str = ""


class Hit(NamedTuple):
    """A lexicon key found at ``text[start:end]`` (a named tuple: a document makes thousands)."""

    start: int
    end: int
    entries: tuple[Entry, ...]

    def of(self, kind: str) -> Entry | None:
        """The first entry of ``kind``, or None."""
        for e in self.entries:
            if e.kind == kind:
                return e
        return None


# Names in the division gazetteer that are generic words, not places.
_GENERIC_DIVISIONS = frozenset(
    "城区 郊区 矿区 新区 市辖区 高新区 开发区 经济开发区 经济技术开发区 工业区 林区 农场 "
    "示范区 管理区 园区 开发区管委会 县 区 市".split())
# Country short names that read as a bilateral abbreviation (中非 = China–Africa).
_AMBIGUOUS_SHORTS = frozenset({"中非"})


class Gazetteer:
    """All lexicon keys in one automaton; ``scan`` lists the hits in a text.

    The automaton maps each key to its number; a key's entries are kept as one packed string
    and made into :class:`Entry` values the first time the key is met.  The gazetteer is
    pickled in kg's cache, and 47,000 entries built on every start would be most of the
    time a one-article run takes to load it.
    """

    def __init__(self, entries: dict[str, list[Entry]]):
        import ahocorasick

        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        packed, lengths = [], array("H")
        for key, values in entries.items():
            automaton.add_word(key, len(packed))
            packed.append(_RECORD.join(_pack(e) for e in values))
            lengths.append(len(key))
        automaton.make_automaton()
        self.__setstate__((automaton, packed, lengths))

    def __getstate__(self):
        return self._automaton, self._packed, self._lengths

    def __setstate__(self, state) -> None:
        self._automaton, self._packed, self._lengths = state
        self._made: dict[int, tuple[Entry, ...]] = {}  # key number -> its entries, once met
        self._find = None  # what finds the keys in a text, chosen on first use (see _keys_in)

    def _keys_in(self, text: str, start: int, end: int):
        """``(index of the last character, key number)`` of every key inside ``text[start:end]``:
        from the compiled key trie (built from the automaton's keys once per process, in some
        20 ms) where there is one, else from the automaton."""
        if self._find is None:
            trie = _key_trie_class()
            self._find = self._automaton.iter if trie is None else trie(self._automaton.items()).find
        return self._find(text, start, end)

    def _entries(self, number: int) -> tuple[Entry, ...]:
        made = self._made.get(number)
        if made is None:
            made = self._made[number] = tuple(_unpack(r) for r in self._packed[number].split(_RECORD))
        return made

    def lookup(self, key: str) -> tuple[Entry, ...]:
        """Entries of exactly ``key`` (empty when unknown).

        >>> [e.name for e in gazetteer().lookup("北京") if e.kind == "place"][:1]
        ['北京市']
        """
        number = self._automaton.get(key, -1)
        return () if number < 0 else self._entries(number)

    def place(self, key: str) -> Entry | None:
        """The place ``key`` names exactly (its first place entry), or None.

        >>> gazetteer().place("巴中").name, gazetteer().place("党政代表团")
        ('巴中市', None)
        """
        return next((e for e in self.lookup(key) if e.kind == "place"), None)

    def scan(self, text: str, start: int = 0, end: int | None = None) -> list[Hit]:
        """Every lexicon key inside ``text[start:end]``, as hits sorted by position.

        >>> hits = gazetteer().scan("山东省党政代表团")
        >>> [(h.start, h.end) for h in hits if h.of("place")][:1]
        [(0, 3)]
        """
        end = len(text) if end is None else end
        lengths, made, make = self._lengths, self._made.get, self._entries
        hits = [Hit(last + 1 - lengths[n], last + 1, made(n) or make(n))
                for last, n in self._keys_in(text, start, end)]
        hits.sort(key=lambda h: (h.start, -h.end))
        return hits


@lru_cache(maxsize=1)
def _key_trie_class():
    """The compiled :class:`~kg.lexicon._key_trie.KeyTrie`, or None where it is not built or is
    turned off (``KG_PURE_PYTHON=1``)."""
    module = compiled_module("kg.lexicon._key_trie")
    return module.KeyTrie if module is not None else None


# An entry packed as its fields joined by _FIELD, a key's entries joined by _RECORD (control
# characters no lexicon name holds).
_FIELD, _RECORD = "\x1f", "\x1e"


def _pack(e: Entry) -> str:
    return _FIELD.join((e.kind, e.name, e.category, str(e.level), "1" if e.short else "", e.parent, e.short_form))


def _unpack(packed: str) -> Entry:
    kind, name, category, level, short, parent, short_form = packed.split(_FIELD)
    return Entry(kind, name, category, int(level), bool(short), parent, short_form)


def _add(entries: dict[str, list[Entry]], key: str, entry: Entry) -> None:
    if not key:
        return
    bucket = entries.setdefault(key, [])
    if entry not in bucket:
        bucket.append(entry)


def _place_entries(entries: dict[str, list[Entry]]) -> None:
    from kg.lexicon.jieba_dict import word_tag

    ambiguous = frozenset(load_lines("ambiguous_places.txt"))
    for d in china_divisions():
        if d.name in _GENERIC_DIVISIONS or len(d.name) < 2:
            continue
        if d.level == 4 and not (len(d.name) >= 3 and d.name.endswith(("镇", "乡", "街道", "苏木"))):
            continue
        short = d.short
        usable = bool(short) and short != d.name and len(short) >= 2 and short not in _GENERIC_DIVISIONS
        if usable:
            # Short forms of counties collide with ordinary words (南部, 前锋); keep
            # them only where jieba's own dictionary calls them places.  Province
            # and prefecture short forms are places, but for a listed few that are
            # common words (大同, 日照).
            tag = word_tag(short)
            usable = short not in ambiguous and (d.level <= 2 or (d.level == 3 and tag == "ns"))
        form = short if usable and d.level <= 2 else ""
        _add(entries, d.name, Entry("place", d.name, "division", d.level, False, d.parent, form))
        if usable:
            _add(entries, short, Entry("place", d.name, "division", d.level, True, d.parent, form))
            if d.name.endswith("自治州"):
                # an autonomous prefecture is written by its short form and 州 as often as by either
                # (海西州, 延边州, 黔西南州)
                _add(entries, short + "州", Entry("place", d.name, "division", d.level, True, d.parent, form))
    # divisions since abolished or renamed, which older stories name (吴江市, 日喀则地区): as the
    # divisions they were, under the parents they had
    for row in load_table("former_divisions.tsv"):
        _add(entries, row[0], Entry("place", row[0], "division", int(row[1]), False, row[2], ""))
    for short, full, capital, cities in world_countries():
        if short in _AMBIGUOUS_SHORTS:
            short = full  # 中非 in Chinese news is China–Africa far more often than the country
        _add(entries, short, Entry("place", short, "country"))
        if full != short:
            _add(entries, full, Entry("place", short, "country", short=False))
        for city in (capital, *cities):
            if len(city) >= 2:
                _add(entries, city, Entry("place", city, "city", parent=short))
    # the first-level divisions of foreign countries (北海道, 加利福尼亚州): places of their country
    for row in load_table("foreign_divisions.tsv"):
        _add(entries, row[0], Entry("place", row[0], "state", parent=row[1]))
        for alias in (row[2].split(",") if len(row) > 2 and row[2] else ()):
            _add(entries, alias.strip(), Entry("place", row[0], "state", short=True, parent=row[1]))
    # cities the country list does not carry (哈尔科夫, 拉法): places of their country
    for name, country in load_pairs("foreign_cities.tsv"):
        _add(entries, name, Entry("place", name, "city", parent=country))
    full_names = {short: full for short, full, _, _ in world_countries()}
    for name, country in load_pairs("countries_extra.tsv"):
        _add(entries, name, Entry("place", country, "country", short=name != country))
        full = full_names.get(country, "")
        kind = full[len(country):] if full.startswith(country) else ""
        if kind and name != country:
            # another form's full name is written with the kind of state the country's has: 马拉威共和国
            # as 马拉维共和国
            _add(entries, name + kind, Entry("place", country, "country", short=False))
    for row in load_table("places.tsv") + load_table("places_regional.tsv") + load_table("geography.tsv"):
        name, category = row[0], row[1]
        _add(entries, name, Entry("place", name, category))
        for alias in (row[2].split(",") if len(row) > 2 and row[2] else ()):
            _add(entries, alias.strip(), Entry("place", name, category, short=True))


def _build() -> Gazetteer:
    entries: dict[str, list[Entry]] = {}
    _place_entries(entries)
    for row in load_table("organizations.tsv") + load_table("organizations_regional.tsv"):
        name = row[0]
        _add(entries, name, Entry("org", name, "known"))
        for alias in (row[1].split(",") if len(row) > 1 and row[1] else ()):
            _add(entries, alias.strip(), Entry("org", alias.strip(), "known", short=True, parent=name))
    titles = load_table("titles.tsv")
    for row in titles:
        # a colloquial title names the office by its own title (特首 → 行政长官)
        _add(entries, row[0], Entry("title", row[2] if len(row) > 2 and row[2] else row[0],
                                    row[1] if len(row) > 1 else "head"))
    listed = {row[0] for row in titles}
    for modifier in load_lines("title_modifiers.txt"):
        for row in titles:
            # 名誉主席, 专职副主任, 第一副外长, 署理总裁判官: another office of the title's kind (not one
            # listed already)
            kind = row[1] if len(row) > 1 else "head"
            if kind in ("head", "self") and modifier + row[0] not in listed:
                full = row[2] if len(row) > 2 and row[2] else row[0]
                _add(entries, modifier + row[0], Entry("title", modifier + full, kind))
    for suffix, category in load_pairs("org_suffixes.tsv"):
        _add(entries, suffix, Entry("org_suffix", suffix, category))
    for suffix, category in load_pairs("place_suffixes.tsv"):
        _add(entries, suffix, Entry("place_suffix", suffix, category))
    for phrase in load_lines("phrases.txt"):
        _add(entries, phrase, Entry("phrase", phrase))
    return Gazetteer(entries)


@lru_cache(maxsize=1)
def regional_bodies() -> dict[str, str]:
    """The government bodies of Hong Kong and Macao, by every name kg knows them by, and their
    region: their offices carry the region's name (保安局局长 in a Hong Kong story is 香港保安局局长).

    >>> regional_bodies()["保安局"], regional_bodies()["渔护署"], regional_bodies()["保安司"]
    ('香港', '香港', '澳门')
    """
    out: dict[str, str] = {}
    for row in load_table("organizations_regional.tsv"):
        if len(row) > 2 and row[2]:
            for name in (row[0], *(a.strip() for a in row[1].split(",") if a.strip())):
                out[name] = row[2]
    return out


@lru_cache(maxsize=1)
def national_titles() -> dict[str, tuple[str, str]]:
    """Bare titles of China's state and party leaders -> (office, body).

    >>> national_titles()["主席"]
    ('国家主席', '国家')
    """
    return {row[0]: (row[1], row[2]) for row in load_table("national_titles.tsv")}


@lru_cache(maxsize=1)
def ruling_parties() -> dict[str, tuple[str, str]]:
    """Countries whose ruling party's head China's leaders meet as one -> (the party's central body,
    its head's title).

    >>> ruling_parties()["越南"]
    ('越南共产党中央', '总书记')
    """
    return {row[0]: (row[1], row[2]) for row in load_table("ruling_parties.tsv")}


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use and cached on disk."""
    from kg.lexicon import cached

    return cached("gazetteer", _build)


@lru_cache(maxsize=1)
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """Single- and two-character surnames (Chinese, and Japanese as written in Chinese)."""
    names = load_lines("surnames.txt") + load_lines("japanese_surnames.txt")
    return frozenset(n for n in names if len(n) == 1), frozenset(n for n in names if len(n) == 2)


@lru_cache(maxsize=1)
def translit_chars() -> frozenset[str]:
    """Characters of transliterated foreign names."""
    return frozenset("".join(load_lines("translit_chars.txt")))


def transliterated(name: str) -> bool:
    """Whether every character of ``name`` is one that foreign names are transliterated with.

    >>> transliterated("普京"), transliterated("蔡英文")
    (True, False)
    """
    chars = translit_chars()
    return all(c in chars for c in name)


def chinese_name(name: str) -> bool:
    """Whether a name has the shape of a Chinese personal name: a surname and one or two characters
    (or a compound surname and one or two).

    >>> chinese_name("习近平"), chinese_name("普京"), chinese_name("鲁斯塔姆·埃莫马利")
    (True, True, False)
    """
    single, double = surnames()
    return 2 <= len(name) <= 4 and (name[0] in single or name[:2] in double) and "·" not in name


def is_country(name: str) -> bool:
    """Whether the gazetteer knows ``name`` as a country.

    >>> is_country("希腊"), is_country("山东省"), is_country("")
    (True, False, False)
    """
    return bool(name) and any(e.kind == "place" and e.category == "country" for e in gazetteer().lookup(name))
