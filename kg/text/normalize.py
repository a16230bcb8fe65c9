"""Normalization with a map back to the original text.

Web copies of Chinese news carry noise that breaks segmentation: a Han
character followed by its own pinyin (``學(xué)習(xí)``), mojibake left over
from such annotations, full-width Latin letters and digits, variant characters
(``巿`` for ``市``).  kg works on a cleaned, simplified text and keeps, for
every character of it, the index of the original character it came from, so
offsets found on the clean text point into the text as published.

Removal changes lengths, so the map is explicit (an ``array`` of original
indices), never arithmetic on lengths.  Every other transformation here maps one
character to one character.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from operator import ne

from kg.lexicon import load_pairs
from kg.lexicon.pinyin import readings

__all__ = ["NormalizedText", "normalize", "canonical_name", "to_simplified", "to_traditional",
           "is_reading"]

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_PINYIN_LETTERS = "a-zA-Züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# A Han character followed by a parenthesised Latin syllable: a candidate
# pinyin annotation.  Whether it is one is decided by ``is_reading``.
_ANNOTATION = re.compile(rf"([{_HAN}])[(（]([{_PINYIN_LETTERS}]{{1,7}})[)）]")
# An annotation without its character, as it reads once the noise before it is dropped.
_READING = re.compile(rf"[(（]([{_PINYIN_LETTERS}]{{1,7}})[)）]")
# What is left when an annotation was mangled by a wrong code page: a
# replacement character or '?' standing for the Han character and its opening
# parenthesis, then a toned syllable and the closing one (``融入?yún)``).
_MANGLED = re.compile(rf"[?\ufffd]([{_PINYIN_LETTERS}]{{1,7}})\)")
_TONED = re.compile("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]")

_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_WIDTH.update({0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20,
               0x200B: 0x20, 0xFEFF: 0x20,
               # middle dots that join the parts of transliterated names
               0x2027: 0xB7, 0x2022: 0xB7, 0x30FB: 0xB7, 0xFF65: 0xB7, 0x2219: 0xB7,
               0x22C5: 0xB7, 0x2014: 0x2014})


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, int]:
    table = dict(_WIDTH)
    for variant, standard in load_pairs("variants.tsv"):
        table[ord(variant)] = ord(standard)
    # a lone surrogate (a JSON "\ud800", bytes read with surrogateescape) is no character OpenCC
    # can encode: U+FFFD, one for one, as kg's readers write it
    table.update((cp, 0xFFFD) for cp in range(0xD800, 0xE000))
    return table


@lru_cache(maxsize=4)
def _opencc(config: str):
    import opencc

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Convert to simplified script with OpenCC.

    >>> to_simplified("山東省黨政代表團")
    '山东省党政代表团'
    """
    return _opencc("t2s").convert(text)


def to_traditional(text: str) -> str:
    """Convert to traditional script with OpenCC.

    >>> to_traditional("刘家义")
    '劉家義'
    """
    return _opencc("s2t").convert(text)


def _toneless(syllable: str) -> str:
    s = unicodedata.normalize("NFD", syllable.lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("v", "u")


@lru_cache(maxsize=8192)
def _readings(char: str) -> frozenset[str]:
    found: set[str] = set()
    for ch in {char, to_simplified(char)}:
        for reading in readings(ch):
            found.add(reading)
            found.add(_toneless(reading))
    return frozenset(found)


def is_reading(char: str, syllable: str) -> bool:
    """Whether ``syllable`` is a pinyin reading of the Han character ``char``.

    >>> is_reading("學", "xué"), is_reading("學", "xue"), is_reading("國", "zhong")
    (True, True, False)
    """
    readings = _readings(char)
    return syllable in readings or syllable.lower() in readings or _toneless(syllable) in readings


@dataclass(frozen=True)
class NormalizedText:
    """Clean simplified text and, for each of its characters, its original index.

    ``span(start, end)`` maps a half-open span of ``text`` back to the
    original.  ``changed`` counts characters that script conversion altered
    (a traditional-script article changes many).
    """

    text: str
    origin: array
    original: str
    changed: int = 0

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original half-open span of ``text[start:end]``.

        The span runs from the first character to the last one, so a
        reading inside it is included and one after its last character
        is not.

        >>> n = normalize("學(xué)習(xí)")
        >>> n.text, n.span(0, 2), n.original_slice(0, 2)
        ('学习', (0, 7), '學(xué)習')
        """
        if end <= start:
            at = self.origin[start] if start < len(self.origin) else len(self.original)
            return at, at
        return self.origin[start], self.origin[end - 1] + 1

    def original_slice(self, start: int, end: int) -> str:
        """The original text behind ``text[start:end]``."""
        a, b = self.span(start, end)
        return self.original[a:b]


# A symbol or a bopomofo letter alone between two Han characters is noise a page scattered
# through its text to foil copying (张ㄨ志军, 刘忻∮会见, 市委副书♀记); symbols that may join two
# words (北京～上海, 3×3) are not dropped.
_HAN_CHAR = re.compile(rf"[{_HAN}\U00020000-\U0003134f]")
_SYMBOL = re.compile(r"[\u3100-\u312f\u31a0-\u31bf]|[^\w\s]")
_JOINING_SYMBOLS = frozenset("～~＋+－-＝=＜<＞>×÷±∶:|｜/／·・•")


def _scattered(char: str) -> bool:
    # (not a radical or other form that folding turns into a Han character: ⻄ is 西)
    return ("\u3100" <= char <= "\u31bf" or (
        unicodedata.category(char) in ("So", "Sm") and char not in _JOINING_SYMBOLS
        and not "\u2e80" <= char <= "\u2fdf")) and ord(char) not in _fold_table()


def _noise_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the original to drop: pinyin annotations and their mangled remains, and symbols
    scattered between Han characters.

    >>> normalize("市委副书♀记、市长张ㄨ志军").text
    '市委副书记、市长张志军'
    >>> normalize("北京～上海").text
    '北京~上海'
    """
    spans = []
    for a, b in _annotation_spans(text):
        # what dropping a span brings together may be noise again (中?yún)(zhong), 中(zhong)(zhong)):
        # the reading of the character before it goes too, so that normalizing is idempotent
        while a > 0 and (again := _READING.match(text, b)) and is_reading(text[a - 1], again.group(1)):
            b = again.end()
        spans.append((a, b))
    return _with_scattered(text, _merged(spans))


def _annotation_spans(text: str) -> list[tuple[int, int]]:
    """The pinyin annotations of ``text`` and their mangled remains, in order."""
    spans = []
    for m in _ANNOTATION.finditer(text):
        if is_reading(m.group(1), m.group(2)):
            spans.append((m.start(2) - 1, m.end()))
    for m in _MANGLED.finditer(text):
        # Only a toned syllable is safe to call noise: '?abc)' may be real text.
        if _TONED.search(m.group(1)):
            spans.append((m.start(), m.end()))
    return _merged(spans)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` sorted, with those that overlap or touch joined."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _with_scattered(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` and the scattered symbols, whose neighbours are read with ``spans`` dropped (學(xué)♀學
    is 学♀学: the symbol goes too, so that normalizing twice changes nothing)."""
    symbols = [m.start() for m in _SYMBOL.finditer(text) if _scattered(m.group())]
    if not symbols:
        return spans
    starts = [a for a, _ in spans]

    def covering(i: int) -> tuple[int, int] | None:
        """The dropped span over ``i``, if any (found without a copy of a long text)."""
        k = bisect_right(starts, i) - 1
        return spans[k] if k >= 0 and spans[k][1] > i else None

    def neighbour(i: int, step: int) -> str:
        """The character next to ``i`` once ``spans`` are dropped."""
        i += step
        while 0 <= i < len(text):
            span = covering(i)
            if span is None:
                return text[i]
            i = span[1] if step > 0 else span[0] - 1
        return ""

    out = list(spans)
    for i in symbols:
        if covering(i) is None and _HAN_CHAR.fullmatch(neighbour(i, -1) or " ") \
                and _HAN_CHAR.fullmatch(neighbour(i, 1) or " "):
            out.append((i, i + 1))
    return sorted(out)


def normalize(text: str) -> NormalizedText:
    """Clean ``text`` for extraction, keeping a map back to it.

    Removes pinyin annotations that are readings of the preceding character,
    folds full-width forms and variant characters, and converts to simplified
    script.  Parentheses that are not readings stay.

    Examples
    --------
    >>> normalize("對標(biāo)學(xué)習(xí)").text
    '对标学习'
    >>> normalize("亞信科技（中國）有限公司").text
    '亚信科技(中国)有限公司'
    >>> normalize("北京巿").text
    '北京市'
    >>> normalize("總統維陶塔斯．藍斯柏吉斯").text
    '总统维陶塔斯·蓝斯柏吉斯'
    """
    kept: list[str] = []
    origin = array("l")
    pos = 0
    for start, end in _noise_spans(text):
        if start < pos:
            continue
        kept.append(text[pos:start])
        origin.extend(range(pos, start))
        pos = end
    kept.append(text[pos:])
    origin.extend(range(pos, len(text)))
    cleaned = "".join(kept).translate(_fold_table())
    if "." in cleaned:
        cleaned = _DOT_BETWEEN_HAN.sub("·", cleaned)
    simplified = _convert_aligned(cleaned)
    changed = sum(map(ne, cleaned, simplified)) if simplified is not cleaned else 0  # characters simplified
    return NormalizedText(simplified, origin, text, changed)


# A full stop between two Han characters (full-width before folding) is the Hong Kong press's dot
# between the parts of a name (維陶塔斯．藍斯柏吉斯, 蓋爾.拉夫特) or of a title (漫．電視): the middle
# dot, as the mainland writes both; a sentence ends in 。.  Not after a date or a number written in
# characters (六．四, 九月二十八日．晴), where it separates what no name joins.
_DOT_BETWEEN_HAN = re.compile(rf"(?<=[{_HAN}])(?<![〇零一二三四五六七八九十百千万日月年])\.(?=[{_HAN}])")


def _convert_aligned(text: str) -> str:
    """Simplify ``text`` one character for one, so the offset map still holds."""
    converted = to_simplified(text)
    if len(converted) == len(text):
        return converted
    # A phrase rule changed a length somewhere: convert line by line and, in
    # a line where that happens, character by character.
    out = []
    for line in text.splitlines(keepends=True):
        c = to_simplified(line)
        if len(c) != len(line):
            c = "".join(ch2 if len(ch2 := to_simplified(ch)) == 1 else ch for ch in line)
        out.append(c)
    return "".join(out)


_NAME_DROP = str.maketrans("", "", " \t\r\n\u3000《》“”\"「」『』〈〉")


def canonical_name(text: str) -> str:
    """The canonical form of a name: simplified, half-width, noise and quotes removed.

    This is the form gold files and the reference scorer compare on.

    >>> canonical_name("《北京市人民政府山東省人民政府戰略合作框架協議》")
    '北京市人民政府山东省人民政府战略合作框架协议'
    >>> canonical_name("亞信科技（中國）有限公司")
    '亚信科技(中国)有限公司'
    >>> canonical_name("澳洲總理Malcolm  Turnbull")  # words in Latin letters keep one space between them
    '澳洲总理Malcolm Turnbull'
    """
    text = normalize(text).text
    if " " in text:
        return " ".join(part.translate(_NAME_DROP) for part in _LATIN_WORD_GAP.split(text))
    return text.translate(_NAME_DROP)


# Spaces between two words in Latin letters (Ursula von der Leyen): a name's, kept as one.
_LATIN_WORD_GAP = re.compile(r"(?<=[A-Za-z.])\s+(?=[A-Za-z])")
