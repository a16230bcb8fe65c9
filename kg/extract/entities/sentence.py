"""What every entity rule reads: one sentence's words and lexicon hits (:class:`SentenceView`),
the title look-up, and character tests shared by the rule families.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from kg.extract.spans import NO_ATTRS, SpanAttrs
from kg.lexicon import load_lines, load_table, longest_first
from kg.lexicon.gazetteer import Entry, Hit, gazetteer

if TYPE_CHECKING:
    from kg.extract.models.columns import Columns

__all__ = ["CLAUSE_END", "CLAUSE_TAGS", "PUNCT", "LEVEL_CHARS", "AUTONOMOUS", "SHARED_CHARS", "stopwords", "by_first_char", "is_han", "all_han", "words_in", "title_at", "pick_longest", "overlaps_any", "SentenceView", "DEMONSTRATIVES", "TRAVEL_VERBS", "VISITING_VERBS", "SITE_VERBS", "visit_activities", "SENTENCE_OPENING", "title_level", "FUNCTION_CHARS", "CONJUNCTION_CHARS", "PLACE_NAME_ENDINGS", "TO_ABBREVIATED_PLACE", "QUARTERS", "known_place_attrs", "FORMER_WORDS",
           "FORMER_CHARS"]

PUNCT = set(",.;:!?、，。；：！？()（）《》“”\"'‘’「」『』[]【】 \n\t·-—")

LEVEL_CHARS = {"省": 1, "市": 2, "县": 3, "区": 3, "州": 2}

# An autonomous region or prefecture standing for its own name (自治区党委, 自治区主席).
AUTONOMOUS = ("自治区", "自治州")

# Last characters a body may share with the title after it: 北京市长, 商务部长, 财政厅长, 公安局长.
SHARED_CHARS = {*LEVEL_CHARS, "部", "厅", "局", "署"}


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    return frozenset(load_lines("stopwords.txt"))


def by_first_char(words) -> dict[str, tuple[str, ...]]:
    """Words grouped by their first character, longest first: a prefix test
    then looks at a handful of words instead of all of them."""
    index: dict[str, list[str]] = {}
    for w in longest_first(words):
        index.setdefault(w[0], []).append(w)
    return {k: tuple(v) for k, v in index.items()}


@lru_cache(maxsize=1)
def _title_keys() -> dict[str, tuple[str, ...]]:
    return by_first_char(r[0] for r in load_table("titles.tsv"))


def is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


# A run of the characters :func:`is_han` accepts (a regular expression tests a whole string in one call).
_HAN_RUN = re.compile("[\u3400-\u9fff]+")


def all_han(s: str) -> bool:
    """Whether ``s`` is not empty and all its characters are Han (:func:`is_han`).

    >>> all_han("刘家义"), all_han("刘·家"), all_han("")
    (True, False, False)
    """
    return _HAN_RUN.fullmatch(s) is not None


def words_in(words: Iterable[str], text: str, start: int, end: int) -> list[str]:
    """Those of ``words`` that ``text[start:end]`` holds, in their order: a rule that searches a
    sentence for each word of a list (cues, suffixes) searches for the few it holds, and a look-up
    in the sentence's own text costs less than a search of the document between bounds.

    >>> words_in(("夫人", "一行", "同志"), "李强同志和夫人", 0, 7)
    ['夫人', '同志']
    """
    sentence = text[start:end]
    return [w for w in words if w in sentence]


def title_at(text: str, i: int) -> str:
    for t in _title_keys().get(text[i:i + 1], ()):
        if text.startswith(t, i):
            return t
    return ""


def pick_longest(hits: Iterable[Hit], kinds: set[str]) -> list[tuple[Hit, Entry]]:
    """Leftmost-longest non-overlapping hits of the given kinds."""
    cands = []
    for h in hits:
        for e in h.entries:
            if e.kind in kinds:
                cands.append((h, e))
                break
    cands.sort(key=lambda he: (he[0].start, -(he[0].end - he[0].start)))
    out, last_end = [], -1
    for h, e in cands:
        if h.start >= last_end:
            out.append((h, e))
            last_end = h.end
    return out


def overlaps_any(a: int, b: int, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether ``[a, b)`` overlaps any of ``spans``.

    >>> overlaps_any(2, 4, [(0, 2), (3, 5)]), overlaps_any(2, 4, [(0, 2), (4, 5)])
    (True, False)
    """
    # a loop, not any() over a generator: rule families ask this some 300 times a sentence
    for x, y in spans:
        if a < y and x < b:
            return True
    return False


def _conjunction_county(text: str, a: int, b: int) -> bool:
    """Whether ``text[a:b]`` reads as a county of one character (和县) but is a conjunction and
    the 县 of a body or head after it: such a county's own bodies repeat 县 (和县县委, 和县县长),
    so ``扎西彭措和县委常委`` is 扎西彭措 and a 县委常委.

    >>> _conjunction_county("扎西彭措和县委常委", 4, 6), _conjunction_county("和县县委书记", 0, 2)
    (True, False)
    """
    return (b - a == 2 and text[a] in CONJUNCTION_CHARS and text[a + 1] in "县市区"
            and text[b:b + 1] in ("委", "长"))


#: Words that make the office after them a former one (时任 also one held at the time told of), and
#: the characters that do on their own (前特首, 原省长).
FORMER_WORDS = ("时任", "前任", "原任", "曾任")
FORMER_CHARS = "前原"


class SentenceView:
    """Lookups over one sentence: its text, words and lexicon hits."""

    def __init__(self, text: str, start: int, end: int, tokens, hits: list[Hit]):
        self.text = text
        self.start = start
        self.end = end
        self.tokens = tokens
        self.token_ends = {e: s for s, e in tokens}
        self.token_starts = dict(tokens)  # start -> end
        phrases = [(h.start, h.end) for h in hits if h.of("phrase")]
        self.phrases = phrases
        # A short lexicon name that starts inside one of jieba's words is a
        # coincidence (合山 in 结合山东), not a name.
        # So is one that a word's 门 or 业 continues: 公安部 in 公安部门 (police
        # departments), 中国银行 in 中国|银行业 (China's banking).
        # A place that a longer title opens is none (代县长, an acting head, is no head of 代县).
        titles_from = {h.start: h.end for h in hits if h.of("title")}
        self.hits = [h for h in hits if (titles_from.get(h.start, 0) <= h.end or not h.of("place"))
                     and (h.end - h.start > 3 or h.start in self.token_starts
                          or h.start == start or not is_han(text[h.start - 1])
                          or not any(e.kind in ("place", "org") for e in h.entries))
                     and not (text[h.end:h.end + 1] in ("门", "业") and h.end in self.word_around
                              and all(e.kind == "org" for e in h.entries))
                     and not _conjunction_county(text, h.start, h.end)]
        self.names = pick_longest(self.hits, {"place", "org"})
        self.name_ending = {h.end: (h, e) for h, e in self.names}
        self.name_starts = {h.start for h, _ in self.names}
        self.all_hits = hits  # unfiltered, as the CRF saw them in training

    @classmethod
    def of(cls, text: str) -> SentenceView:
        """A view of ``text`` as one sentence (already normalized), to call a rule family on it.

        >>> s = SentenceView.of("省委书记刘家义来到北京市。")
        >>> [s.text[a:b] for a, b in s.tokens][-3:]
        ['来到', '北京市', '。']
        """
        from kg.lexicon.gazetteer import gazetteer
        from kg.text.segment import tokenize

        return cls(text, 0, len(text), tuple(tokenize(text)), gazetteer().scan(text))

    @cached_property
    def word_around(self) -> dict[int, tuple[int, int]]:
        """The word each position inside a word (not at its start) belongs to, as ``(start, end)``;
        made when first asked for (few sentences ask)."""
        return {i: (a, b) for a, b in self.tokens for i in range(a + 1, b)}

    @property
    def own_text(self) -> str:
        """The sentence's text alone (the offsets of :attr:`own_tokens`)."""
        return self.text[self.start:self.end]

    @cached_property
    def own_tokens(self) -> list[tuple[int, int]]:
        """The sentence's words as spans of :attr:`own_text` (what the CRFs read)."""
        return [(a - self.start, b - self.start) for a, b in self.tokens]

    @cached_property
    def crf_columns(self) -> Columns:
        """The CRF features of the sentence's characters from its text and the lexicons
        (:func:`kg.extract.models.crf.base_columns`), computed once for both taggers."""
        from kg.extract.models.crf import base_columns

        return base_columns(self.own_text, self.own_tokens, self.all_hits, self.start)

    def drop_crf_columns(self) -> None:
        """Forget :attr:`crf_columns` (built again if asked for): a long document keeps few at a time."""
        self.__dict__.pop("crf_columns", None)

    def former_at(self, at: int) -> bool:
        """Whether the office (or its body) written at ``at`` is said to be a former one: 时任,
        前任 or a 前 of its own (前特首, 调查|前|行政长官, 原|省长), not the end of a word (此前, 日前).

        >>> s = SentenceView.of("起诉黄耀明及前立法会议员区诺轩，会见日本前首相鸠山由纪夫")
        >>> s.former_at(s.text.index("立法会")), s.former_at(s.text.index("首相")), s.former_at(s.text.index("黄"))
        (True, True, False)
        """
        text = self.text
        if text[max(self.start, at - 2):at] in FORMER_WORDS:
            return True
        # (jieba glues 前 to a conjunction before it, 黄耀明|及前|立法会议员, or to the title, 日本|前首相)
        return at - 1 >= self.start and text[at - 1] in FORMER_CHARS and (
            self.token_starts.get(at - 1, 0) >= at
            or (self.token_ends.get(at) == at - 2 and text[at - 2] in CONJUNCTION_CHARS))

    def in_phrase(self, a: int, b: int) -> bool:
        return any(x <= a and b <= y for x, y in self.phrases)


#: A delegation coming to a place written by one character (来杭考察, 来张考察学习, 来津考察: the
#: character in group 1): its first (杭州), or its standard abbreviation (津 for 天津).
TO_ABBREVIATED_PLACE = re.compile(r"(?<=[来到赴抵])([\u4e00-\u9fff])(?=考察|学习|调研|参观|访问|交流)")

#: A date or time that may open a sentence before what it is about (6日，在…; 随后，在…); every
#: part is optional, so it always matches.
SENTENCE_OPENING = re.compile(r"(?:(?:[0-9０-９一二三四五六七八九十]{1,3}日)?(?:上午|下午|中午|晚上|晚间|傍晚|早上|当晚|晚)"
                              r"|[0-9０-９一二三四五六七八九十]{1,3}日|随后|接着|之后|当天|当日|次日|同日|其间)?[，,]?")

@lru_cache(maxsize=1)
def visit_activities() -> dict[str, bool]:
    """What a visitor does at a place (调研, 考察, 参观 …), as ``activities.tsv`` lists them, each with
    whether it puts its subject at the place named after 在 or 深入 (丁薛祥在天津调研).

    >>> visit_activities()["调研"], visit_activities()["了解"]
    (True, False)
    """
    return {row[0]: len(row) > 1 and row[1] == "at-place" for row in load_table("activities.tsv")}


#: Verbs of travel whose object is where one goes, never whom (前往布拉加, 率团赴湖州市, 抵达科托努).
TRAVEL_VERBS = ("前往", "抵达", "飞抵", "到访", "途经", "转赴", "赴")
# Verbs of travel and of visiting, right before the place one goes to (在访问韦克舍市当天, 前往北京).
VISITING_VERBS = (*TRAVEL_VERBS, "访问", "走访", "来到", "到达")
#: Verbs a visitor lists the sites he sees after (参观了A、B; 来到A、B和C; 先后到A、B).
SITE_VERBS = ("参观", "考察", "察看", "走进", "来到", "深入", "走访", "视察", "观摩", "调研", "前往", "先后到", "分别到")

# Openings no place name has: demonstratives and quantifiers (这座纪念馆, 各景区).
DEMONSTRATIVES = frozenset("这那该每各此某其本")

#: The quarters a part of a region is named by (中东部, 西南部: its middle and east, its south-west).
QUARTERS = frozenset("东南西北中")


def title_level(title: str) -> str:
    """The level of place whose head a title names (省长 → 省, 市长助理 → 市, 自治区主席 → 省), or ''."""
    if title.startswith(AUTONOMOUS):
        return "省" if title.startswith("自治区") else "州"
    for ch in ("省", "市", "县", "区", "州"):
        if title.endswith(ch + "长") or title.endswith(ch + "长助理"):  # (市长助理: the head's assistant)
            return ch
    return ""


# Prepositions and conjunctions that stand before names without being part of them.
FUNCTION_CHARS = frozenset("同和与及向对在为从把被将由给跟并")
#: The conjunctions among them, which jieba may join to a name's last character (曹新|平和|市委) or the
#: gazetteer read as a county (和县委常委).
CONJUNCTION_CHARS = frozenset("和与及同")

#: Prefixes of jieba's tags for the words a name runs on into when read too far: verbs, adverbs,
#: locative and time words, prepositions, conjunctions, particles (普京邀请, 特朗普之后, 冲击立法会).
CLAUSE_TAGS = ("v", "d", "f", "t", "p", "c", "u")

#: The marks that end a clause.
CLAUSE_END = ",;:，；：。!?！？"

# Last characters of Chinese place names: divisions, waters, mountains, settlements.
PLACE_NAME_ENDINGS = frozenset("省市县区州旗盟岛镇乡村屯寨庄堡河江湖海湾溪泉山峰岭岗坡谷洲港口湾关城")


def known_place_attrs(name: str) -> SpanAttrs:
    """What the gazetteer says of a place a model named (its full name, level, category, parent),
    so that it is keyed as the rules would key it (厦门 → 厦门市); empty attributes if it says
    nothing.

    >>> known_place_attrs("厦门").full, known_place_attrs("某某某").full, known_place_attrs("齐河").full
    ('厦门市', '', '齐河县')
    """
    place = next((e for e in gazetteer().lookup(name) if e.kind == "place"), None)
    if place is None and len(name) == 2:
        # a county or city written without its level, which the gazetteer keeps by that short name only
        # where jieba calls it a place (齐河 of 齐河县, a man's name to jieba): the model named it one
        place = next((e for level in "县市" for e in gazetteer().lookup(name + level)
                      if e.kind == "place" and e.level in (2, 3)), None)
    if place is None:
        return NO_ATTRS
    return SpanAttrs(level=place.level, category=place.category, full=place.name, parent=place.parent)
