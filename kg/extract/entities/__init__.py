"""Entity mentions: people, organisations, places, positions and documents.

Recognition works on the normalized text in layers, each a small function:

1. lexicon hits (one Aho-Corasick pass): places from the division gazetteer
   and country list, known organisations, titles, organisation and place
   suffixes, set phrases (``中国特色社会主义`` names no place);
2. book-title quotes ``《…》`` (documents, and newspapers quoted as such);
3. names that end in a suffix, grown backwards over name material
   (``北京市`` + ``轨道交通`` + ``指挥中心``; ``亚信科技(中国)`` + ``有限公司``);
4. positions: a body and a title (``山东省委`` + ``书记``), in chains
   (``省委副书记、省长``), with an abbreviated body completed from the places
   around it (``省委书记`` in a Shandong story is ``山东省委书记``);
5. people: next to titles, in lists, before reporting verbs, foreign names
   joined by ``·`` or ``-``;
6. every name found once is found again wherever the document repeats it.

:func:`find_mentions` returns :class:`Span` values in normalized-text
coordinates; :mod:`kg.resolve` maps them back to the original text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from kg.extract.models.crf import analyse as crf_analyse
from kg.lexicon import load_lines, load_table
from kg.lexicon.gazetteer import Entry, Hit, gazetteer, surnames, translit_chars
from kg.text.segment import Segmented, word_tag

__all__ = ["Span", "find_mentions", "person_name_at", "boundary_strength", "bylines", "abbreviated_parties",
           "TYPE_PRIORITY"]

#: Which type wins when two candidate spans are equally long.
TYPE_PRIORITY = {"Document": 6, "Position": 5, "Organization": 4, "Person": 3, "Place": 2}

_PUNCT = set(",.;:!?、，。；：！？()（）《》“”\"'‘’「」『』[]【】 \n\t·-—")
_BOOK = re.compile(r"《([^《》\n]{1,80})》")
_LEVEL_CHARS = {"省": 1, "市": 2, "县": 3, "区": 3, "州": 2}
# An autonomous region or prefecture standing for its own name (自治区党委, 自治区主席).
_AUTONOMOUS = ("自治区", "自治州")
# Last characters a body may share with the title after it: 北京市长, 商务部长, 财政厅长, 公安局长.
_SHARED_CHARS = {*_LEVEL_CHARS, "部", "厅", "局", "署"}
_FORMER = ("时任", "前任", "原任", "曾任")


@dataclass(frozen=True)
class Span:
    """A typed span of the normalized text.

    ``attrs`` carries what later steps need: for a Position its ``title``
    and ``body``, whether it is ``former`` and whether it is ``bare`` (a title
    whose body the text does not give); for a Place its ``level`` and
    gazetteer name ``full``; ``nested`` marks a span inside a Position or a
    Document (kept as its own mention).
    """

    start: int
    end: int
    type: str
    name: str
    source: str
    score: float = 1.0
    attrs: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __len__(self) -> int:
        return self.end - self.start


# --------------------------------------------------------------------------- lexicons


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(load_lines("stopwords.txt"))


def _by_first_char(words) -> dict[str, tuple[str, ...]]:
    """Words grouped by their first character, longest first: a prefix test
    then looks at a handful of words instead of all of them."""
    index: dict[str, list[str]] = {}
    for w in sorted(set(words), key=len, reverse=True):
        index.setdefault(w[0], []).append(w)
    return {k: tuple(v) for k, v in index.items()}


@lru_cache(maxsize=1)
def _followers() -> dict[str, tuple[str, ...]]:
    return _by_first_char(load_lines("name_followers.txt"))


@lru_cache(maxsize=1)
def _doc_suffixes() -> tuple[str, ...]:
    return tuple(sorted(load_lines("doc_suffixes.txt"), key=len, reverse=True))


# Endings strong enough to make an unquoted phrase a document name.
_UNQUOTED_DOC = ("合作框架协议", "框架协议", "合作协议", "协议书", "协议", "协定", "谅解备忘录", "备忘录",
                 "联合声明", "联合公报", "发展规划", "规划纲要", "政府工作报告", "条约", "公约")
_MEDIA_ENDINGS = ("日报", "晚报", "时报", "商报", "报", "电视", "电视台", "周刊", "杂志", "新闻", "网")


@lru_cache(maxsize=1)
def _not_given_chars() -> frozenset[str]:
    # Characters that practically never occur in a Chinese given name but do
    # start or end the words around one.
    return frozenset("".join(load_lines("not_given_chars.txt")))


@lru_cache(maxsize=1)
def _person_cues() -> tuple[str, ...]:
    return tuple(sorted(set(load_lines("person_cues.txt")), key=len, reverse=True))


@lru_cache(maxsize=1)
def _person_followers() -> tuple[str, ...]:
    return tuple(sorted(set(load_lines("person_followers.txt")), key=len, reverse=True))


@lru_cache(maxsize=1)
def _title_keys() -> dict[str, tuple[str, ...]]:
    return _by_first_char(r[0] for r in load_table("titles.tsv"))


@lru_cache(maxsize=1)
def _list_enders() -> tuple[str, ...]:
    """Words that close a list of names at the head of a clause (石泰峰、王东峰等参加)."""
    cues = [r[0] for r in load_table("cues.tsv") if len(r[0]) >= 2]
    return tuple(sorted(set(cues) | {"等", "分别", "一同", "同机", "先后", "也"}, key=len, reverse=True))


# ----------------------------------------------------------------------------- helpers


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def _all_han(s: str) -> bool:
    return bool(s) and all(_is_han(c) for c in s)


def _title_at(text: str, i: int) -> str:
    for t in _title_keys().get(text[i:i + 1], ()):
        if text.startswith(t, i):
            return t
    return ""


def _pick_longest(hits: Iterable[Hit], kinds: set[str]) -> list[tuple[Hit, Entry]]:
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


def _overlaps(a: int, b: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(a < y and x < b for x, y in spans)


class _Sentence:
    """Lookups over one sentence: its text, words and lexicon hits."""

    def __init__(self, text: str, start: int, end: int, tokens, hits: list[Hit]):
        self.text = text
        self.start = start
        self.end = end
        self.tokens = tokens
        self.token_ends = {e: s for s, e in tokens}
        self.token_starts = {s: e for s, e in tokens}
        phrases = [(h.start, h.end) for h in hits if h.of("phrase")]
        self.phrases = phrases
        # A short lexicon name that starts inside one of jieba's words is a
        # coincidence (合山 in 结合山东), not a name.
        # So is one that a word's 门 or 业 continues: 公安部 in 公安部门 (police
        # departments), 中国银行 in 中国|银行业 (China's banking).
        self.word_around = {i: (a, b) for a, b in tokens for i in range(a + 1, b)}  # inside a word -> the word
        self.hits = [h for h in hits if (h.end - h.start > 3 or h.start in self.token_starts
                                         or h.start == start or not _is_han(text[h.start - 1])
                                         or not any(e.kind in ("place", "org") for e in h.entries))
                     and not (h.end in self.word_around and text[h.end:h.end + 1] in ("门", "业")
                              and all(e.kind == "org" for e in h.entries))]
        self.names = _pick_longest(self.hits, {"place", "org"})
        self.name_ending = {h.end: (h, e) for h, e in self.names}
        self.name_starts = {h.start for h, _ in self.names}
        self.all_hits = hits  # unfiltered, as the CRF saw them in training

    def in_phrase(self, a: int, b: int) -> bool:
        return any(x <= a and b <= y for x, y in self.phrases)


# ----------------------------------------------------------------------- suffixed names

_STRONG_ORG = {"company", "brand", "team", "school", "media", "delegation", "party", "civic", "legislature", "court",
               "hospital"}
# A government is named by its place, which stays a mention of the place (中国 in 中国政府).
_GOVERNMENTS = ("政府", "人民政府")
# A body's own party organs (国资委党委, 商务部党组).
_PARTY_ORGANS = ("党委", "党组")
# National and central bodies name themselves by these openings (国家测绘局, 中央气象台).
_NATIONAL = ("国家", "中央", "全国", "中国")
_INTERNATIONAL = ("国际", "世界", "亚洲", "欧洲", "全球")
# A byline in parentheses is no part of a name: (记者聂云)印度海军.
_BYLINES = ("记者", "通讯员", "摄影", "编辑", "实习生", "特约")
# Kinds whose names may contain a verb (字节跳动科技有限公司), as long as they do not start with one.
_VERB_OK = {"company", "school", "civic", "document"}
_LATIN_OK = {"company", "school", "civic", "media"}
# Streets, villages and venues: named places of every day, by words of every kind but verbs.
_SETTLED = ("street", "settlement", "venue")
_NAMED_AFTER_PEOPLE = {"building", "civic", "school", *_SETTLED}
# Latin words that name a trade, not a firm (IT公司, P2P平台).
_GENERIC_LATIN = frozenset({"IT", "PC", "AI", "VR", "AR", "APP", "TV", "KTV", "SUV", "GPS", "IPO", "VC", "PE",
                            "P2P", "B2B", "B2C", "O2O", "CEO", "5G", "4G", "3G", "IC", "LED", "DVD", "CD"})
_MAX_NAME = 24
# Bodies that belong to one place; another place right after one starts a new name.
_PLACE_BODIES = ("人民政府", "政府", "省委", "市委", "县委", "区委", "党委", "人大常委会", "人大", "政协")


def _word_ok(word: str, kind: str, has_name: bool) -> bool:
    """Whether a word can be part of a name that ends in a suffix of ``kind``:
    nouns and unknown words; verbs only inside company-like names (字节跳动) or
    between names (国家超级计算天津中心); never a person's name or a title.
    A company, outlet, school or society may carry a Latin name (Valve公司)."""
    if word.isascii():
        return kind in _LATIN_OK and word.isalnum() and not word.isdigit() \
            and word.upper() not in _GENERIC_LATIN
    if not _all_han(word) or word in _stopwords() or _title_at(word, 0) == word:
        return False
    if len(word) > 1 and any(c in "的了在到是" for c in word):
        return False  # jieba's unknown-word guess swallowed a particle (方遒到)
    tag = word_tag(word)
    if tag is None:
        return not (len(word) > 1 and word[-1] in "率赴向对") and (
            kind in _NAMED_AFTER_PEOPLE or person_name_at(word, 0) != len(word))
    if tag.startswith("nr"):
        # 鲁迅纪念馆, 宋庆龄基金会: buildings and societies are named after people
        return (kind == "company" and not has_name) or kind in _NAMED_AFTER_PEOPLE
    if tag[0] in "nbjsa" or tag in ("vn", "an", "eng"):
        return True
    if tag == "l":
        return kind in _VERB_OK or kind == "unit"  # a set phrase inside a name (红木家具)
    if tag == "m" and (word.startswith("第") or kind in _SETTLED):
        return True  # 第一师范学院, 第三冷轧厂, 草厂四条胡同
    if tag[0] == "v":
        # a street or village is never named by a verb (西三环六里桥到|京良路)
        return kind in _VERB_OK or (has_name and kind not in _SETTLED)
    return False


def _grow_back(s: _Sentence, at: int, kind: str, limit: int,
               names: Mapping[int, int] | None = None) -> tuple[int, bool]:
    """Grow a name backwards from ``at``; returns its start and whether a
    lexicon name (place or organisation) is part of it.  ``names`` maps the
    ends of further names (organisations found by their suffix) to their starts."""
    pos = at
    has_name = False
    text = s.text
    names = names or {}
    # 北京市委: the place 北京市 shares its last character with the suffix 市委.
    if text[at:at + 1] in _LEVEL_CHARS:
        hit = s.name_ending.get(at + 1)
        if hit and hit[1].kind == "place" and hit[0].start < at:
            pos = hit[0].start
            has_name = True
    while pos > limit and at - pos < _MAX_NAME:
        hit = s.name_ending.get(pos)
        if hit or pos in names:
            is_place = bool(hit) and hit[1].kind == "place"
            pos = hit[0].start if hit else names[pos]
            has_name = True
            if kind != "document" and is_place and text.endswith(_PLACE_BODIES, limit, pos):
                break  # 北京市人民政府|山东省人民政府: the body of one place ends where the next place begins
            # 中国全国人大与塔议会上院合作协议: a document may join two named parties.
            if kind == "document" and pos - 1 > limit and text[pos - 1] in "与和同" and \
                    (s.name_ending.get(pos - 1) or pos - 1 in names):
                pos -= 1
            continue
        ch = text[pos - 1]
        if ch == ")":
            close = text.rfind("(", limit, pos)
            inner = text[close + 1:pos - 1] if close >= 0 else ""
            if close >= 0 and 1 <= len(inner) <= 6 and _all_han(inner) and not inner.startswith(_BYLINES):
                pos = close
                continue
            break
        if has_name and kind in _NAMES_ONLY:
            break  # 辽宁省委: a party or government body is its place and nothing before it
        start = s.token_ends.get(pos)
        if start is None or start < limit:
            break
        if pos - start >= 3 and text[start] in _FUNCTION_CHARS and word_tag(text[start:pos]) is None:
            pos = start + 1  # jieba's guess joined a preposition to the name: 由林达|集团
            break
        if not _word_ok(text[start:pos], kind, has_name) and not (
                kind == "unit" and pos == at and (word_tag(text[start:pos]) or "").startswith("v")):
            break  # (a centre may name what it does right before 中心: 研究开发|中心)
        pos = start
    # A name does not start with a common verb (了解学院, 检阅…仪仗队); a rare one
    # may be a brand (飞腾信息技术有限公司).
    while pos < at:
        end = s.token_starts.get(pos)
        if end is None or end > at or s.name_ending.get(end) or pos in s.name_starts:
            break
        word = text[pos:end]
        tag = word_tag(word)
        if tag and ((tag[0] == "v" and tag != "vn" and _word_freq(word) > 300)
                    or tag[0] in _NEVER_OPENING or (tag == "m" and not word.startswith("第"))):
            pos = end  # nor with an adverb, preposition, pronoun or time word (下半场中国队)
        else:
            break
    # 美国队下场打败伊朗队, 内阁拥有日本银行: a verb right before a named part ends what
    # came before (but 国家超级计算天津中心, a national body, keeps its whole name).
    if has_name and not (text.startswith(_NATIONAL, pos) and s.token_starts.get(pos) == pos + 2):
        i, cut = pos, None
        while i < at and (end := s.token_starts.get(i)) is not None and end <= at:
            tag = word_tag(text[i:end])
            if tag and tag[0] == "v" and tag != "vn" and end in s.name_starts \
                    and not any(n.start < end and i < n.end for n, _ in s.names):
                cut = end
            i = end
        pos = cut or pos
    return pos, has_name


# Word classes a name never opens with: adverbs, prepositions, conjunctions, pronouns,
# time and direction words, particles.
_NEVER_OPENING = frozenset("dpcrtfu")
# Bodies whose name is their place and the body alone (辽宁省委, 山东省人民政府).
_NAMES_ONLY = {"party-gov-strict", "legislature"}


def _word_freq(word: str) -> int:
    from kg.text.segment import word_freq

    return word_freq(word)


def _token_start(s: _Sentence, pos: int) -> int | None:
    """Start of the jieba word that contains ``pos``."""
    if pos in s.token_starts:
        return pos
    word = s.word_around.get(pos)
    return word[0] if word else None


def _team_name_ok(material: str) -> bool:
    """A team is a place's (中国队) or has a proper name (国安队), not a common noun (车队)."""
    tag = word_tag(material)
    return tag is None or tag in ("nz", "nt", "j", "nr", "nrt", "ns")


# Function characters that follow a name and that jieba may glue to its last character.
_AFTER_NAME_CHARS = frozenset("的为在是和与将也已对以把被就都还又")


def _suffix_aligned(s: _Sentence, h: Hit) -> bool:
    """Whether a suffix hit stands on word boundaries (部 in 部署 does not)."""
    text = s.text
    end_ok = (h.end >= s.end or h.end in s.token_starts or not _is_han(text[h.end])
              or bool(_title_at(text, h.end))
              # jieba's guess joined the suffix to a function word after it (苏格兰|队为|自己)
              or (text[h.end] in _AFTER_NAME_CHARS and word_tag(text[h.end - 1:h.end + 1]) is None))
    if not end_ok:
        return False
    if h.start in s.token_starts:
        return True
    hit = s.name_ending.get(h.start) or (s.name_ending.get(h.start + 1) if text[h.start] in _LEVEL_CHARS
                                          else None)
    return hit is not None


# Openings no place name has: demonstratives and quantifiers (这座纪念馆, 各景区).
_DEMONSTRATIVES = frozenset("这那该每各此某其本")


# Where a place lies beside another, in words jieba does not know: 南邻, 西靠, 北至.
_SIDE_OF = re.compile(r"[东南西北][邻靠至临接侧]")
# Words that count places (四大景区, 两个网吧, 各大商场; not 三亚湾).
_COUNTING = re.compile(r"[一二三四五六七八九十两几各][大个家座处些名所条]")
# Prepositions and verbs of motion that stand before a place without being part of it.
_BEFORE_PLACE_CHARS = frozenset("到至往从在向经沿赴")


def _trim_place_opening(s: _Sentence, start: int, suffix_start: int) -> int:
    """Drop the words a place name cannot open with: verbs, adjectives, adverbs,
    numbers, distinguishing words and demonstratives (发展家庭牧场, 重要景区, 这座纪念馆,
    四大景区, 步入加拉加斯儿童博物馆 → 加拉加斯儿童博物馆)."""
    text = s.text
    while start < suffix_start and not s.name_ending.get(s.token_starts.get(start, -1)):
        end = s.token_starts.get(start)
        if end is None or end > suffix_start:
            break
        tag = word_tag(text[start:end]) or ""
        if not (tag[:1] in ("v", "a", "d", "r", "p", "c", "m") or tag == "b" or text[start] in _DEMONSTRATIVES
                or _COUNTING.fullmatch(text[start:end])
                or (not tag and _SIDE_OF.fullmatch(text[start:end]))):
            break
        start = end
    return start


def _checked_start(s: _Sentence, h: Hit, e: Entry, start: int, grow_from: int, has_name: bool) -> int | None:
    """Where a name that ends in the suffix ``h`` starts, once the words that
    cannot open it are dropped; None where the words before the suffix do not
    name anything."""
    text = s.text
    if e.category not in _STRONG_ORG and e.kind == "org_suffix" and not has_name \
            and not (e.category.startswith("party-gov") and text.startswith(_NATIONAL, start)):
        return None
    if e.kind == "org_suffix" and text[h.end:h.end + 1] in ("杯", "赛"):
        return None  # 联盟杯: a competition
    if e.category == "team" and not has_name:
        # a team without a known place is named by the one word before 队 (布莱克本队),
        # and not before a tournament (四国女篮邀请赛)
        start = grow_from if grow_from < h.start else s.token_ends.get(h.start, h.start)
        if start == h.start or not _team_name_ok(text[start:h.start]) or "赛" in text[h.end:h.end + 4]:
            return None
    international = e.category == "civic" and text.startswith(_INTERNATIONAL, start)  # 国际游泳联合会
    if e.category in _DESCRIBED and not has_name and not international and _describes(s, start, h.start):
        return None  # 个别银行, 外贸公司, 行业协会: described, not named
    if e.category == "brand" and _describes(s, start, h.start, places_name=False):
        return None  # 中国钢铁, 房地产: an industry, not a company
    if e.category in _SETTLED and not has_name and (h.start - start < 2 or _describes(s, start, h.start)):
        return None  # 发展新路, 商业街, 新农村, 大型超市: no street, village or venue is named
    if word_tag(text[start:h.end]) in ("f", "s"):
        return None  # 西南部, 东北部: a direction, not a department
    if e.name == "中心" and s.name_ending.get(h.start) and s.name_ending[h.start][0].start == start:
        return None  # 太平洋中心, 城市中心: the middle of a place
    if (e.category.startswith("party-gov") or e.category in _OPEN_WITH_PLACE) and has_name:
        # 管理部门虹口区教育局, 战胜美国队: a government body or a team opens with its place
        first = min((n.start for n, x in s.names if x.kind == "place" and start <= n.start < h.start),
                    default=start)
        if first > start and _describes(s, start, first):
            start = first
    if e.kind == "place_suffix":
        start = _trim_place_opening(s, start, h.start)
        if h.start - start < 2:
            return None
    return start


def _suffixed_names(s: _Sentence) -> list[Span]:
    """Names that end in an organisation or place suffix."""
    out: list[Span] = []
    text = s.text
    # The longest suffix wins at each end position (党政代表团 over 代表团).
    best: dict[int, tuple[Hit, Entry]] = {}
    for h in s.hits:
        for e in h.entries:
            if e.kind in ("org_suffix", "place_suffix"):
                cur = best.get(h.end)
                if cur is None or h.start < cur[0].start:
                    best[h.end] = (h, e)
                break
    title_spans = [(t.start, t.end) for t in s.hits if t.of("title")]
    for _, (h, e) in sorted(best.items()):
        if any(a == h.end - 1 and h.start < a and h.end < b for a, b in title_spans):
            continue  # 学校 in 清华大学校长: the title 校长 takes the suffix's last character
        # A suffix inside a known name (人民日报 in 人民日报海外版) is not one.
        inside = [n for n, _ in s.names if n.start < h.start < n.end or n.start < h.end < n.end]
        if inside and not (text[h.start] in _LEVEL_CHARS and s.name_ending.get(h.start + 1)):
            known = inside[0]
            if known.start < h.start < known.end < h.end and e.kind == "org_suffix":
                # 人民日报社, 新华社澳门分社: the suffix extends a known name
                out.append(Span(known.start, h.end, "Organization", text[known.start:h.end], "suffix",
                                0.8, {"category": e.category, "suffix": e.name}))
                continue
            continue
        grow_from = h.start
        if not _suffix_aligned(s, h):
            # 税务局: the suffix ends a word that jieba knows as an organisation
            # or a compound noun with a name-like head of two or more characters (航空公司,
            # 电管局) — not a word whose head is one character (干部, 工厂, 结局)
            head = _token_start(s, h.start)
            token_end = s.token_starts.get(head) if head is not None else None
            title_after = _title_at(text, h.start)
            if head is None or head == h.start or (token_end != h.end and not (
                    text[h.start] in _SHARED_CHARS and title_after and h.start + len(title_after) == token_end
                    and _title_at(text, head) != text[head:token_end])):
                continue  # (but 交通部长, one word of jieba's, holds the body 交通部 and the title 部长)
            if any(title and i + len(title) == h.end
                   for i in range(head, h.start + 1) for title in (_title_at(text, i),)):
                continue  # 中央政治局常委: the suffix ends a title
            tag = word_tag(text[head:h.end])
            if tag not in ("nt", None) and not (
                    tag in ("n", "nz", "j", "l") and h.start - head >= 2 and e.kind == "org_suffix"
                    and not any(_title_at(text, i) for i in range(head, h.start))
                    and word_tag(text[h.start - 1:h.end]) in (None, "nt")):
                continue
            grow_from = head
            if tag is None and text[head] in _BEFORE_PLACE_CHARS and h.start - head >= 2:
                grow_from = head + 1  # jieba's guess joined a preposition to the name (到京良路)
        start, has_name = _grow_back(s, grow_from, e.category, s.start)
        if grow_from != h.start and text[grow_from - 1] in _BEFORE_PLACE_CHARS:
            start = grow_from
        # a known name, or right before the suffix a word jieba's dictionary holds as a
        # place (朝天门|派出所, 日兴|证券)
        before = s.token_ends.get(grow_from)
        has_name = has_name or any(grow_from <= n.start and n.end <= h.start for n, _ in s.names) or (
            e.category != "team" and h.end - h.start >= 2 and before is not None and grow_from - before >= 2
            and word_tag(text[before:grow_from]) == "ns" and _word_freq(text[before:grow_from]) < _COMMON_PLACE_WORD)
        if grow_from != h.start and not has_name and word_tag(text[grow_from:h.end]) not in (None, "nt"):
            continue  # 保险公司, 上市公司: a common noun, unless a name opens it (海南省航空公司)
        material = h.start - start
        typ = "Place" if e.kind == "place_suffix" else "Organization"
        if e.kind == "org_suffix" and not has_name and (
                (material <= 0 and text[h.start] in _LEVEL_CHARS and h.end - h.start >= 2)
                or (material == 1 and text[start] in _LEVEL_CHARS)
                or text[start:h.start] in _AUTONOMOUS):
            # 省委, 市人大常委会: a body whose place the context supplies.
            out.append(Span(start, h.end, "Organization", text[start:h.end], "bare-body",
                            0.5, {"bare": True, "category": e.category}))
            continue
        if material <= 0:
            continue
        start = _checked_start(s, h, e, start, grow_from, has_name)
        if start is None:
            continue
        # 原湖北省政府: a former body is still the body; the prefix is not its name.
        while text[start] in "原前" and start < h.start and not s.name_ending.get(start + 1):
            start += 1
        out.append(Span(start, h.end, typ, text[start:h.end], "suffix", 0.8,
                        {"category": e.category, "suffix": e.name}))
    return out


# Kinds of body that common words may describe without naming (个别银行, 一审法院, 行业协会).
_DESCRIBED = {"company", "civic", "court", "hospital", "school", "unit"}
# Kinds of body whose name opens with the place they belong to (北京市人民检察院, 美国队).
_OPEN_WITH_PLACE = {"team", "legislature", "court"}
# Above this dictionary frequency a word jieba tags as a place is a common word (外国, 城市).
_COMMON_PLACE_WORD = 1000
# Tags of words that name: names, places, organisations, proper nouns, abbreviations, foreign words.
_NAMING_TAGS = ("nr", "ns", "nt", "nz", "j", "eng")
# Below this dictionary frequency a word is rare enough to be a brand (飞腾 85; 贷款 4000).
_RARE = 100


def _describes(s: _Sentence, start: int, end: int, places_name: bool = True) -> bool:
    """Whether the words before a suffix only describe the body (国内|银行, 大型|国有|银行,
    房产|中介|公司) instead of naming it: none is unknown to jieba, rare (飞腾, 本钢),
    a name or a Latin word — nor, unless ``places_name`` is false, a place (中国|钢铁
    is an industry, not a company)."""
    places = {h.start: h.end for h, e in s.names if e.kind == "place"} if not places_name else {}
    pos = start
    while pos < end:
        if places.get(pos, end + 1) <= end:
            pos = places[pos]
            continue
        stop = s.token_starts.get(pos)
        if stop is None:
            return False
        stop = min(stop, end)  # jieba may join the last word to the suffix (外贸公司)
        word = s.text[pos:stop]
        tag = word_tag(word)
        naming = tag is None or tag.startswith(_NAMING_TAGS) or word.isascii() or _word_freq(word) < _RARE
        if naming and (places_name or tag != "ns"):
            return False
        pos = stop
    return True


# ----------------------------------------------------------------------------- documents


# Sources that guess a name from its shape, with no lexicon entry or cue behind it.
_GUESSED = {"crf", "name-model", "foreign-name", "jieba-nt"}


def _book_titles(s: _Sentence) -> tuple[list[Span], list[tuple[int, int]]]:
    """What ``《…》`` quotes: documents and newspapers as spans, and the insides of
    the other titles — a book, film, song or game (《阿甘正传》), where a name guessed
    from its shape alone is part of the title, not a person or place of the story."""
    out, works = [], []
    for m in _BOOK.finditer(s.text, s.start, s.end):
        inner = m.group(1).strip()
        if not inner:
            continue
        if inner.endswith(_doc_suffixes()):
            out.append(Span(m.start(), m.end(), "Document", inner, "book-title", 0.95))
        elif inner.endswith(_MEDIA_ENDINGS) and len(inner) <= 8:
            out.append(Span(m.start(1), m.end(1), "Organization", inner, "book-title", 0.8,
                            {"category": "media"}))
        else:
            works.append((m.start(1), m.end(1)))
    return out, works


def _unquoted_documents(s: _Sentence, taken: list[tuple[int, int]], orgs: list[Span]) -> list[Span]:
    """Agreements and plans named without quotes: 国务院政府工作报告, 粤港澳大湾区城市群发展规划,
    中国全国人大与塔议会上院合作协议."""
    out = []
    text = s.text
    org_names = {o.end: o.start for o in orgs if not o.attrs.get("bare")}
    for suffix in _UNQUOTED_DOC:
        pos = text.find(suffix, s.start, s.end)
        while pos >= 0:
            end = pos + len(suffix)
            if not _overlaps(pos, end, taken) and (end >= s.end or end in s.token_starts
                                                   or not _is_han(text[end])):
                start, has_name = _grow_back(s, pos, "document", s.start, org_names)
                if pos - start >= 2 and has_name:
                    out.append(Span(start, end, "Document", text[start:end], "doc-suffix", 0.7))
                    taken.append((start, end))
            pos = text.find(suffix, end, s.end)
    return out


# ----------------------------------------------------------------------------- positions


def _positions(s: _Sentence, bodies: list[Span], ctx: _Context) -> list[Span]:
    """Positions: a body (organisation or place) followed by a title, in chains."""
    text = s.text
    by_end: dict[int, Span] = {}
    for sp in sorted(bodies, key=lambda b: (b.type != "Place", b.end - b.start)):
        by_end[sp.end] = sp  # organisations win over places ending at the same point
    blocked = [(b.start, b.end) for b in bodies if not b.attrs.get("bare")]
    # 自治区党委副书记: a bare body that the title 党委副书记 overlaps keeps its 党委
    blocked += [(b.start, b.end) for b in bodies if b.attrs.get("bare") and b.name.startswith(_AUTONOMOUS)]
    titles = []
    for h, e in _pick_longest([h for h in s.hits if h.of("title")], {"title"}):
        # a title that ends inside a word the dictionary knows is no title (委员 in 委员会)
        a, b = s.word_around.get(h.end, (h.end, h.end))
        if b - a > 2 and word_tag(text[a:b]) is not None and _title_at(text, a) != text[a:b]:
            continue
        # A title that overlaps a name is part of the name (中央政治局常委 in
        # 中共中央政治局常委 starts inside 中共中央政治局), except where a place
        # shares its last character with the title (北京市长).
        inner = [(a, b) for a, b in blocked if a < h.end and h.start < b]
        if inner and not all(b == h.start + 1 and text[h.start] in _SHARED_CHARS for a, b in inner):
            inner_end = max(b for a, b in inner)
            if text[inner_end - 1] in _SHARED_CHARS:
                inner_end -= 1  # 美国国防部长: 部长 after 美国国防部, sharing 部
            tail = [t for t in s.hits if t.of("title") and t.end == h.end and t.start >= inner_end]
            if not tail:
                continue
            h = max(tail, key=lambda t: t.end - t.start)
            e = h.of("title")
        titles.append((h, e))
    out: list[Span] = []
    prev: Span | None = None
    for h, e in titles:
        out.append(prev := _position(s, h, e, by_end, prev, ctx))
    return out


def _position(s: _Sentence, h: Hit, e: Entry, by_end: dict[int, Span], prev: Span | None,
              ctx: _Context) -> Span:
    text = s.text
    title = e.name
    start, body, body_place, completed = h.start, "", "", False
    body_mention = None
    former = text[max(s.start, h.start - 2):h.start] in _FORMER
    body_span = by_end.get(h.start)
    shared = False
    if body_span is None and text[h.start] in _SHARED_CHARS:
        # 北京市长: 北京市 + 市长 share 市; 美国商务部长: 美国商务部 + 部长 share 部
        cand = by_end.get(h.start + 1)
        if cand is not None and cand.start < h.start and (
                cand.type == "Place" if text[h.start] in _LEVEL_CHARS else cand.type == "Organization"):
            body_span, shared = cand, True
    joined_by = text[h.start - 1] if h.start > s.start else ""
    if body_span is not None and body_span.start < h.start:
        start = body_span.start
        former = former or text[max(s.start, start - 2):start] in _FORMER
        if body_span.attrs.get("bare"):
            body = ctx.complete_body(body_span.name, s)
            completed = bool(body)
            body = body or body_span.name
            body_place = ctx.place_of(body) if completed else ""
            if completed:  # 省委 in 省委书记 is a mention of 山东省委
                body_mention = (body_span.start, body_span.end)
        else:
            body = body_span.name
            body_place = body_span.name if body_span.type == "Place" else ctx.place_of(body)
            # 中国驻朝鲜大使: the sending country comes before 驻.
            if body_span.type == "Place" and text[body_span.start - 1:body_span.start] == "驻":
                sender = by_end.get(body_span.start - 1)
                if sender is not None and sender.type == "Place":
                    start = sender.start
                    body = text[sender.start:body_span.end]
    elif prev is not None and prev.attrs.get("body") and _sub_body(text, prev.end, h.start):
        # 武汉市委常委、政法委书记: 政法委 is the body's own committee (武汉市委政法委)
        sub = _sub_body(text, prev.end, h.start)
        start = h.start - len(sub)
        body = prev.attrs["body"] + sub
        body_place = prev.attrs.get("place", "")
        former = former or prev.attrs.get("former", False)
    elif prev is not None and joined_by in ("兼", "、", "") and (
            prev.end in (h.start, h.start - 1) or _holder_between(text, prev.end, h.start)):
        # A chain: 副委员长兼秘书长 shares the body; 省委副书记、省长 the place.
        prev_body = prev.attrs.get("body") or ""
        if joined_by in ("兼", "") and prev_body:
            body = prev_body
        elif prev_body.endswith(_PARTY_ORGANS) and len(prev_body) > 2 and e.category == "head" \
                and not _title_level(title):
            body = prev_body[:-2]  # 国资委党委书记、主任: the director of 国资委 itself
        elif prev.attrs.get("place") and e.category == "head" and _title_level(title):
            body = prev.attrs["place"]
        body_place = prev.attrs.get("place", "")
        former = former or prev.attrs.get("former", False)
    if not body and e.category == "head" and text[max(s.start, h.start - 2):h.start] == "中央" and ctx.parties:
        # 由中央总书记…率领的希腊新民主党代表团: the central committee of the foreign party
        party = ctx.parties[0]
        body = party if party.endswith("中央") else party + "中央"
        start = h.start - 2
        completed = True
    if not body and e.category == "head":
        body = ctx.complete_title(title, s, h.start)
        body_place = body if body and ctx.place_of(body) else ""
        completed = bool(body)
    name = _join_body_title(body, title) if not shared else body + title
    return Span(start, h.end, "Position", name, "title", 0.9 if body else 0.5,
                {"title": title, "body": body, "place": body_place, "former": former,
                 "category": e.category, "bare": not body and e.category == "head",
                 "completed": completed, "title_only": start == h.start, "body_mention": body_mention})


def _holder_between(text: str, prev_end: int, title_start: int) -> bool:
    """Whether only a name and 、 stand between two titles: 江苏省委书记信长星、省长许昆林
    (the second title is of the first one's place)."""
    gap = title_start - prev_end
    return 3 <= gap <= 5 and text[title_start - 1] == "、" and _all_han(text[prev_end:title_start - 1])


def _sub_body(text: str, prev_end: int, title_start: int) -> str:
    """The committee or department between two titles of a chain (、政法委), or ''."""
    gap = text[prev_end:title_start]
    if len(gap) < 2 or gap[0] not in "、兼" or not _all_han(gap[1:]):
        return ""
    sub = gap[1:]
    return sub if any(e.kind == "org_suffix" for e in gazetteer().lookup(sub)) else ""


def _title_level(title: str) -> str:
    """The level of place whose head a title names (省长 → 省, 自治区主席 → 省), or ''."""
    if title.startswith(_AUTONOMOUS):
        return "省" if title.startswith("自治区") else "州"
    for ch in ("省", "市", "县", "区", "州"):
        if title.endswith(ch + "长"):
            return ch
    return ""


def _join_body_title(body: str, title: str) -> str:
    if not body:
        return title
    if title.startswith(body) or body.endswith(title):
        return title if len(title) > len(body) else body
    for region in _AUTONOMOUS:
        if body.endswith(region) and title.startswith(region):
            return body + title[len(region):]  # 新疆维吾尔自治区 + 自治区主席
    return body + title  # 山东省 + 省长 -> 山东省省长 (the full form)


# -------------------------------------------------------------------------------- people


def person_name_at(text: str, i: int, limit: int | None = None,
                   token_ends: Mapping[int, int] | None = None) -> int:
    """Length of a Chinese or foreign personal name starting at ``text[i]``, or 0.

    The name must start with a known surname (or be a run of transliteration
    characters joined by ``·``/``-``); of the possible lengths, the one
    followed by the strongest boundary wins (punctuation, then the longest
    word that follows names: ``率领``, ``表示``, ``在``).  Where nothing marks
    the end and ``token_ends`` (jieba's word ends) is given, a word end decides,
    else the common three-character form.

    >>> person_name_at("龚正率领代表团", 0), person_name_at("刘家义,省委", 0)
    (2, 3)
    >>> person_name_at("蔡奇陪同调研", 0), person_name_at("迪亚斯-卡内尔举行会谈", 0)
    (2, 7)
    """
    limit = len(text) if limit is None else limit
    foreign = _foreign_name_at(text, i, limit)
    if foreign:
        return foreign
    single, double = surnames()
    if text[i:i + 2] in double:
        sur = 2
    elif text[i:i + 1] in single:
        sur = 1
    else:
        return 0
    bad = _not_given_chars()
    best, best_strength, fits = 0, 0, []
    # 林郑月娥, 范徐丽泰: a married woman's name with both surnames (Hong Kong usage);
    # not a function word before a name (同习近平)
    if sur == 1 and text[i + 1:i + 2] in single and i + 4 <= limit and _all_han(text[i + 2:i + 4]) \
            and text[i] not in _FUNCTION_CHARS \
            and not (word_tag(text[i + 1:i + 4]) or "").startswith("nr") \
            and not any(c in bad for c in text[i + 1:i + 4]) and boundary_strength(text, i + 4, limit) >= 1 \
            and boundary_strength(text, i + 2, limit) == 0 and boundary_strength(text, i + 3, limit) == 0:
        return 4
    for given in (2, 1):
        end = i + sur + given
        if end > limit:
            continue
        chunk = text[i + sur:end]
        if not _all_han(chunk) or any(c in bad for c in chunk):
            continue
        fits.append(sur + given)
        strength = boundary_strength(text, end, limit)
        if strength > best_strength:
            best, best_strength = sur + given, strength
    if best or token_ends is None or not fits:
        return best
    for n in fits:
        if i + n in token_ends:
            return n
    return fits[0]


def boundary_strength(text: str, end: int, limit: int) -> int:
    """How surely a name ends at ``end``: 9 at punctuation or the end, else the
    length of the longest name-following word or title that starts there.

    >>> boundary_strength("龚正率领", 2, 4), boundary_strength("刘家义,", 3, 4)
    (2, 9)
    """
    if end >= limit:
        return 9
    ch = text[end]
    if ch in _PUNCT or not _is_han(ch):
        return 9
    best = 0
    for f in _followers().get(ch, ()):
        if text.startswith(f, end):
            best = len(f)
            break
    return max(best, len(_title_at(text, end)))


def _foreign_name_at(text: str, i: int, limit: int) -> int:
    """Length of a transliterated name (parts joined by ``·`` or ``-``) at ``i``.

    Each part is a run of transliteration characters; beside a ``·`` (which in
    Chinese text joins nothing but the parts of a name) a part may also hold one
    character transliteration seldom uses, at either end (安德鲁·葛鲁夫, 苏珊·汉森).

    >>> _foreign_name_at("安德鲁·葛鲁夫一行", 0, 9), _foreign_name_at("苏珊·汉森说", 0, 6)
    (7, 5)
    """
    chars = translit_chars()

    def part_end(j: int, after_dot: bool) -> int:
        k = j
        if after_dot and k + 1 < limit and _is_han(text[k]) and text[k + 1] in chars:
            k += 1
        while k < limit and text[k] in chars and k - j < 8:
            k += 1
        if k > j and k + 1 < limit and text[k + 1] == "·" and _is_han(text[k]) and text[k] not in chars:
            k += 1
        return k

    j, parts, after_dot = i, 0, False
    while j < limit:
        k = part_end(j, after_dot)
        if k == j:
            break
        parts += 1
        j = k
        if j + 1 < limit and text[j] in "·-" and part_end(j + 1, text[j] == "·") > j + 1:
            after_dot = text[j] == "·"
            j += 1
            continue
        break
    if parts >= 2 and j - i >= 4:
        return j - i
    return 0


def _translit_run(text: str, i: int, limit: int) -> int:
    chars = translit_chars()
    j = i
    while j < limit and text[j] in chars and j - i < 8:
        j += 1
    return j - i


# Surnames that are also adverbs or prepositions (曾 "once", 于 "at"): before a verb they are not names.
_FUNCTION_SURNAMES = frozenset("曾于将从向和对")


def _given_part_is_a_word(name: str) -> bool:
    """Whether what follows the surname is an ordinary word that no given name is:
    a preposition, conjunction or particle, or after a surname that is also an
    adverb, a verb, adverb or numeral (曾采访, 曾亲临, 曾多次).  Given names that are
    words elsewhere (建国, 国庆, 万年, 双双) stay names after an ordinary surname."""
    rest = name[1:]
    if len(rest) < 2 or not _all_han(name):
        return False
    tag = word_tag(rest)
    if not tag or tag.startswith("nr"):
        return False
    return tag[0] in "pcu" or (tag[0] in "vdmtfr" and name[0] in _FUNCTION_SURNAMES)


# What follows a surname in addressing someone without their name (李总, 姚先生, 陈某).
_ADDRESS_WORDS = frozenset({"总", "某", "某某", "先生", "小姐", "女士", "太太", "律师", "经理", "博士", "阿姨",
                            "老师", "师傅", "大爷", "大妈", "大姐", "大哥", "医生", "同学", "老板", "总监"})


def _is_address_form(name: str) -> bool:
    """Whether ``name`` is a surname with a form of address, no given name:
    李总, 姚先生, 陈某, 老刘, 小王."""
    single, double = surnames()
    if len(name) == 2 and name[0] in "老小" and name[1] in single:
        return True
    for n in (2, 1):
        if name[:n] in (double if n == 2 else single) and name[n:] in _ADDRESS_WORDS:
            return True
    return False


def _name_is_plausible(name: str, strong: bool = False) -> bool:
    """Whether jieba's dictionary lets ``name`` be a name: a word it knows under
    another tag is not one — except, next to a title or cue, where only common
    function words and verbs are refused (jieba tags 周恩来 as a time word)."""
    if "·" in name or "-" in name:
        return True
    if name in _stopwords() or _given_part_is_a_word(name) or _is_address_form(name):
        return False
    tag = word_tag(name)
    if tag is None or tag.startswith("nr"):
        return True
    if strong:
        from kg.text.segment import word_freq

        # jieba tags some leaders' names as places (普京 ns); a place kg knows stays one
        if tag == "ns" and not any(e.kind == "place" for e in gazetteer().lookup(name)):
            return True
        return tag in ("nz", "t", "j") or word_freq(name) < 50
    return False


# Prepositions and conjunctions that stand before names without being part of them.
_FUNCTION_CHARS = frozenset("同和与及向对在为从把被将由给跟并")
# Characters that end a place name; a "name" right before one is part of the place.
_PLACE_ENDINGS = set("省市县区州岛镇乡村寨屯")
# Contexts that make a name nearly certain (a title or a person cue beside it).
_STRONG_SOURCES = {"after-title", "before-title", "after-cue", "before-cue", "list"}


class _People:
    """Collects person spans of one sentence, refusing overlaps with what is taken.

    A place wholly inside a name does not block it (韩国 in 韩国瑜)."""

    def __init__(self, s: _Sentence, taken: list[Span]):
        self.s = s
        self.out: list[Span] = []
        self.occupied = [(t.start, t.end) for t in taken]
        self.soft = [(t.start, t.end) for t in taken if t.type == "Place" and t.end - t.start <= 2]
        self.strong = False  # in a strong context a name may swallow a short place (韩国瑜)

    def add(self, a: int, n: int, source: str, score: float) -> bool:
        b = a + n
        if n <= 0:
            return False
        blocking = [(x, y) for x, y in self.occupied
                    if not (self.strong and (x, y) in self.soft and a <= x and y <= b and b - a > y - x)]
        if _overlaps(a, b, blocking):
            return False
        name = self.s.text[a:b]
        if not _name_is_plausible(name, strong=source in _STRONG_SOURCES):
            return False
        self.out.append(Span(a, b, "Person", name, source, score))
        self.occupied.append((a, b))
        return True

    def name_at(self, a: int) -> int:
        """A name at ``a``; where a run of transliteration characters is longer
        than the Chinese reading (哈齐达基斯 vs 哈齐达), or the only reading
        (奎斯塔), the foreign name."""
        text = self.s.text
        n = person_name_at(text, a, self.s.end, self.s.token_ends)
        run = _translit_run(text, a, self.s.end)
        if run >= 4 and run > n or (not n and run >= 2 and self.strong):
            if boundary_strength(text, a + run, self.s.end) or (self.strong and a + run in self.s.token_ends):
                return run
        return n

    def list_after(self, at: int) -> None:
        """Names that continue a list: 林克庆、崔述强、隋振江、王红."""
        text = self.s.text
        while at < self.s.end and text[at] in "、和及":
            n = self.name_at(at + 1)
            # a list item ends where names end (南爱琴省省长 is no name)
            if not n or not boundary_strength(text, at + 1 + n, self.s.end) \
                    or not self.add(at + 1, n, "list", 0.75):
                return
            at = at + 1 + n


def _people(s: _Sentence, positions: list[Span], taken: list[Span]) -> list[Span]:
    """People next to titles, in lists after them, and after person cues."""
    text = s.text
    people = _People(s, taken)
    # After a position (the last of a chain): 省委书记刘家义, 市长陈吉宁.
    people.strong = True
    for p in positions:
        n = people.name_at(p.end) or (_unknown_name_at(s, p.end) if p.attrs.get("body") else 0)
        if people.add(p.end, n, "after-title", 0.9):
            people.list_after(p.end + n)
    # Before a bare title: 刘家义书记, 龚正省长, 习近平总书记.
    people.strong = False
    for p in positions:
        if not p.attrs.get("title_only") or p.attrs.get("category") == "member":
            continue
        for n in (3, 2, 4):
            a = p.start - n
            if a < s.start or a not in s.token_starts and _is_han(text[a - 1]) and a - 1 >= s.start:
                continue
            if person_name_at(text, a, p.start) == n and people.add(a, n, "before-title", 0.8):
                break
    # Before a person cue: 习近平和夫人彭丽媛, 李强同志, 刘家义一行.
    people.strong = False
    for cue in _person_followers():
        pos = text.find(cue, s.start, s.end)
        while pos >= 0:
            for n in (3, 2, 4):
                a = pos - n
                if a >= s.start and (a == s.start or a in s.token_starts) and \
                        person_name_at(text, a, pos) == n and people.add(a, n, "before-cue", 0.75):
                    break
            pos = text.find(cue, pos + len(cue), s.end)
    # After a person cue: 北京市领导林克庆、崔述强; 夫人彭丽媛.
    people.strong = True
    for cue in _person_cues():
        pos = text.find(cue, s.start, s.end)
        while pos >= 0:
            at = pos + len(cue)
            n = people.name_at(at) if at < s.end else 0
            if people.add(at, n, "after-cue", 0.75):
                people.list_after(at + n)
            pos = text.find(cue, at, s.end)
    return people.out


def _unknown_name_at(s: _Sentence, at: int) -> int:
    """After a full office (德国总理朔尔茨), a name kg cannot read as Chinese or as a
    transliteration it knows: two to four characters up to where names end."""
    text = s.text
    bad = _not_given_chars()
    if text[at:at + 1] in _FUNCTION_CHARS:
        return 0  # 总书记同习近平: a preposition, not a name
    for n in (2, 3, 4):
        chunk = text[at:at + n]
        if len(chunk) < n or not _all_han(chunk) or any(c in bad for c in chunk):
            return 0
        if boundary_strength(text, at + n, s.end) >= 2:
            return n
    return 0


def _clause_starts(s: _Sentence, taken: list[Span] = ()) -> list[int]:
    """Where a clause may open: the sentence start, after a comma, colon or closing
    quote, and after an organisation (执法局|颜鲲表示)."""
    text = s.text
    starts = [s.start]
    for i in range(s.start, s.end - 1):
        if text[i] in ",;:，；： \n”」』":
            starts.append(i + 1)
    starts += [t.end for t in taken if t.type == "Organization" and t.end < s.end]
    return sorted(set(starts))


def _subject_people(s: _Sentence, taken: list[Span]) -> list[Span]:
    """Names that open a clause: one before a reporting verb (贾庆林说), or a
    list closed by 等 or a verb (石泰峰、王东峰等参加会见)."""
    text = s.text
    people = _People(s, [t for t in taken if not t.attrs.get("nested")])
    verbs = _subject_verbs()
    enders = _list_enders()
    for a in _clause_starts(s, taken):
        if a >= s.end:
            continue
        found: list[tuple[int, int]] = []
        pos = a
        while pos < s.end:
            n = people.name_at(pos)
            if not n:
                break
            found.append((pos, n))
            if text[pos + n:pos + n + 1] == "、":
                pos = pos + n + 1
                continue
            break
        if not found:
            continue
        end = found[-1][0] + found[-1][1]
        clause_end = next((k for k in range(end, s.end) if text[k] in ",;:，；：。"), s.end)
        if len(found) == 1 and (text.startswith(verbs, end) or (
                text[end:end + 1] in _SUBJECT_LINKS and any(v in text[end:clause_end] for v in verbs))):
            # 贾庆林说; 李强在朴泰成陪同下检阅; 李强对朝鲜进行访问
            people.add(found[0][0], found[0][1], "subject", 0.6)
        elif len(found) >= 2 and text.startswith(enders, end):
            for p, n in found:
                people.add(p, n, "subject-list", 0.6)
    return people.out


def _model_people(s: _Sentence, taken: list[Span]) -> list[Span]:
    """Names with no cue around them: foreign names in transliteration, then
    Chinese names scored by the given-name model (:mod:`kg.extract.models.names`) — a surname
    at the start of a word, a given name whose characters read as one, and a
    boundary after it."""
    from kg.extract.models.names import THRESHOLD, candidate_score

    text = s.text
    people = _People(s, [t for t in taken if not t.attrs.get("nested")])
    _foreign_people(s, people)
    single, double = surnames()
    for i in sorted(s.token_starts):
        if i >= s.end or _overlaps(i, i + 1, people.occupied):
            continue
        sur = 2 if text[i:i + 2] in double else (1 if text[i] in single else 0)
        if not sur:
            continue
        best, best_score = 0, THRESHOLD
        for n in (sur + 2, sur + 1):
            j = i + n
            if j > s.end or j not in s.token_ends and not (j in s.token_starts or j == s.end):
                continue
            if not _all_han(text[i:j]) or any(c in _not_given_chars() for c in text[i + sur:j]):
                continue
            if text[j:j + 1] in _PLACE_ENDINGS or text[j - 1] in _PLACE_ENDINGS:
                continue  # 南爱琴省: the start of a place name; 千户苗寨: a place
            sc = candidate_score(text, i, j, sur, boundary_strength(text, j, s.end))
            if sc >= best_score:
                best, best_score = n, sc
        if best:
            people.add(i, best, "name-model", min(0.7, best_score / 5))
    return people.out


# A byline: (记者马力), (记者王姝、马力), (通讯员 李明).
_BYLINE = re.compile(r"[（(](?:[^（()）]{0,12}?)(?:记者|通讯员|实习生)\s*((?:[\u4e00-\u9fff]{2,4}[、 ]?)+)[）)]")


def bylines(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of the bylines in ``text[start:end]``: the reporters they name wrote
    the story; they act in none of its relations.

    >>> bylines("新华社北京4月6日电（记者孙奕）国家主席习近平会见……")
    [(10, 16)]
    """
    return [(m.start(), m.end()) for m in _BYLINE.finditer(text, start, len(text) if end is None else end)]


def _byline_people(s: _Sentence, taken: list[Span]) -> list[Span]:
    """The reporters a byline names: any two to four characters between the
    parentheses are a name there, even one that is also a word (记者马力)."""
    out = []
    occupied = [(t.start, t.end) for t in taken]
    for m in _BYLINE.finditer(s.text, s.start, s.end):
        pos = m.start(1)
        for name in re.split(r"[、 ]", m.group(1)):
            if 2 <= len(name) <= 4 and not _overlaps(pos, pos + len(name), occupied) \
                    and name not in _stopwords():
                out.append(Span(pos, pos + len(name), "Person", name, "byline", 0.8))
            pos += len(name) + 1
    return out


# Rule sources the CRF may overrule; lists and clause subjects it may not.
_VETOABLE = {"name-model", "foreign-name", "after-cue", "before-cue", "after-title", "before-title"}
_TITLED = {"after-title", "before-title"}
# Below this probability of being part of a person's name, a character vetoes a rule's person.
_CRF_VETO = 0.05


# Characters of context the CRF sees on each side of a stretch that may hold a name.
_CRF_CONTEXT = 6


def _crf_windows(s: _Sentence, probes: list[Span]) -> list[tuple[int, int]]:
    """The stretches of a sentence worth tagging, on word boundaries: around words
    the dictionary does not know or calls names, one-character words that are
    surnames or transliteration characters, and the people to be checked — with
    some context.  News sentences spend many words on nothing that could be a name;
    tagging only these stretches keeps the CRF at a fraction of the sentence."""
    text = s.text
    single = surnames()[0]
    translit = translit_chars()
    wanted = [(p.start, p.end) for p in probes]
    for a, b in s.tokens:
        word = text[a:b]
        tag = word_tag(word)
        if (tag is None and b - a >= 2) or (tag and tag[:2] in ("nr", "ns", "nt", "nz")) \
                or (b - a == 1 and (word in single or word in translit)):
            wanted.append((a, b))
    windows: list[list[int]] = []
    for a, b in sorted(wanted):
        a, b = max(s.start, a - _CRF_CONTEXT), min(s.end, b + _CRF_CONTEXT)
        while a > s.start and a not in s.token_starts:
            a -= 1
        while b < s.end and b not in s.token_ends:
            b += 1
        if windows and a <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], b)
        else:
            windows.append([a, b])
    return [(a, b) for a, b in windows]


def _crf_read(s: _Sentence, probes: list[Span]) -> tuple[list[tuple[str, int, int, float]], dict[int, float]]:
    """The CRF's proposals in a sentence (absolute offsets) and, for each probed
    person (by ``id``), the lowest probability that one of its characters is part
    of a name: of a person's name, or — next to a title, where jieba and the CRF
    may take a leader for a place (总统普京) — of any name."""
    proposals: list[tuple[str, int, int, float]] = []
    probability: dict[int, float] = {}
    for a, b in _crf_windows(s, probes):
        inside = [p for p in probes if a <= p.start and p.end <= b]
        tagged = crf_analyse(s.text[a:b], [(x - a, y - a) for x, y in s.tokens if a <= x and y <= b],
                             hits=s.all_hits, offset=a, probes=[(p.start - a, p.end - a) for p in inside])
        proposals.extend((kind, a + x, a + y, conf) for kind, x, y, conf in tagged.spans)
        probability.update((id(p), named if p.source in _TITLED else person)
                           for p, person, named in zip(inside, tagged.person, tagged.named))
    return proposals, probability


def _vetoable(person: Span) -> bool:
    """Whether the CRF may overrule a rule-found person: it may where it is all but
    sure a character is no part of a name (严肃性, 曾多次 …) — the rules and the model
    err in different places — but not against a list, a clause subject or a foreign
    name joined by · or - (its own evidence; the training corpus joins few with -)."""
    if person.source in _TITLED and (word_tag(person.name) or "").startswith(("nr", "ns")):
        return False  # a title and jieba's dictionary both say name (总统普京): the 1998 corpus knew no 普京
    return person.source in _VETOABLE and "·" not in person.name and "-" not in person.name


def _place_like(name: str) -> bool:
    """Whether a proposed place looks like one: it ends like a place (上庄村, 湟水河),
    is written in transliteration (科托努), or jieba's dictionary calls it a place —
    and is not a pair of abbreviations (中非 is China and Africa; the abbreviation
    rules decide those)."""
    if all(c in _abbreviation_table() or c in _CONTINENT_CHARS for c in name):
        return False
    return (name[-1] in _PLACE_NAME_ENDINGS or all(c in translit_chars() for c in name)
            or word_tag(name) == "ns")


# One-character abbreviations of continents (中非 China–Africa, 中欧, 中拉).
_CONTINENT_CHARS = frozenset("非欧亚拉美")
# Last characters of Chinese place names: divisions, waters, mountains, settlements.
_PLACE_NAME_ENDINGS = frozenset("省市县区州旗盟岛镇乡村屯寨庄堡河江湖海湾溪泉山峰岭岗坡谷洲港口湾关城")

# The lowest label marginal a CRF proposal needs (its boundaries are then rarely off).
_CRF_CONFIDENCE = 0.8


def _crf_names(s: _Sentence, proposals: list[tuple[str, int, int]], taken: list[Span]) -> list[Span]:
    """Names the character CRF (:mod:`kg.extract.models.crf`) proposes where no rule found anything.

    A proposal must lie in the sentence, touch nothing taken, be at least two
    characters and pass the checks rule output passes (a person's name is not a
    word jieba knows as something else; no name is a stopword)."""
    people = _People(s, [t for t in taken if not t.attrs.get("nested")])
    out = []
    for kind, a, b, confidence in proposals:
        if a < s.start or b > s.end or b - a < 2 or confidence < _CRF_CONFIDENCE \
                or _overlaps(a, b, people.occupied):
            continue
        name = s.text[a:b]
        if kind == "Person":
            if name[-1] not in _PLACE_ENDINGS:
                people.add(a, b - a, "crf", 0.5)
        elif name not in _stopwords() and not s.in_phrase(a, b) and (
                kind == "Organization" or _place_like(name)):
            out.append(Span(a, b, kind, name, "crf", 0.5))
            people.occupied.append((a, b))
    return people.out + out


def _foreign_people(s: _Sentence, people: _People) -> None:
    """Foreign names: transliteration joined by ``·``/``-`` (鲁斯塔姆·埃莫马利), or a
    run of transliteration characters that jieba reads as one unknown word or a
    name (克林顿, 内塔尼亚胡), ending where a name ends."""
    text = s.text
    chars = translit_chars()
    starts = set(s.token_starts) | {i + 1 for i in range(s.start, s.end) if text[i] in "与和同、,，"}
    for i in sorted(starts):
        # every foreign name opens with a transliteration character
        if i >= s.end or text[i] not in chars or _overlaps(i, i + 1, people.occupied):
            continue
        joined = _foreign_name_at(text, i, s.end)
        n = joined or _translit_run(text, i, s.end)
        if not joined and s.token_starts.get(i, 0) - i >= 3 and s.token_starts[i] - i < n:
            n = s.token_starts[i] - i  # jieba's word is the name (阿拉法特|于)
        if n < 3 or not joined and i + n not in s.token_ends and i + n != s.end:
            continue
        tag = word_tag(text[i:i + n])
        if not joined and tag is not None and not tag.startswith("nr"):
            continue
        if boundary_strength(text, i + n, s.end) >= 1:
            people.add(i, n, "foreign-name", 0.6)


# A subject linked to its verb through a place, a partner or a target: X在…, X同…, X对….
_SUBJECT_LINKS = ("在", "同", "与", "对", "向", "和")


@lru_cache(maxsize=1)
def _subject_verbs() -> tuple[str, ...]:
    rows = [r[0] for r in load_table("cues.tsv") if r[1] in ("speaks_at", "meets", "attends", "leads",
                                                              "visits", "accompanies", "signs") and len(r[0]) > 1]
    # of the one-character cues only 说 is safe right after a name (钱其琛说)
    return tuple(sorted(set(rows) | {"说"} | set(load_lines("speech_verbs.txt")), key=len, reverse=True))


# ------------------------------------------------------------------------------- context


class _Context:
    """Places seen in the document, to complete abbreviated bodies and titles."""

    def __init__(self, text: str, places: list[Span], parties: list[str]):
        self.text = text
        self.places = sorted(places, key=lambda p: p.start)
        self.parties = parties
        self._cache: dict = {}

    def _nearest(self, s: _Sentence, ok: Callable[[Span], bool], at: int | None = None,
                 name: Callable[[Span], str] = lambda p: p.name) -> str:
        """The place nearest to the sentence that ``ok`` accepts: before ``at``
        in the sentence, else first in it, else the last before it, else the first."""
        key = ok.__code__  # one sorted candidate list per kind of place asked for
        if key not in self._cache:
            cands = [p for p in self.places if ok(p)]
            self._cache[key] = (cands, [p.start for p in cands])
        cands, starts = self._cache[key]
        if not cands:
            return ""
        lo, hi = bisect_left(starts, s.start), bisect_left(starts, s.end)
        if lo < hi:
            if at is not None:
                k = bisect_left(starts, at, lo, hi)
                if k > lo:
                    return name(cands[k - 1])
            return name(cands[lo])
        if lo > 0:
            return name(cands[lo - 1])
        return name(cands[0])

    def province(self, s: _Sentence, at: int | None = None) -> str:
        """The province a bare 省委/省长 belongs to: a province the sentence
        names, or whose cities it names (汕头、揭阳 are in 广东省); else the
        nearest such before it; else the first in the document."""
        return self._nearest(s, _province_evidence, at, _province_of)

    def city(self, s: _Sentence, at: int | None = None) -> str:
        return self._nearest(s, lambda p: p.name.endswith("市") and p.attrs.get("level", 9) <= 2, at)

    def county(self, s: _Sentence, at: int | None = None) -> str:
        return self._nearest(s, lambda p: p.name.endswith(("县", "区")) and p.attrs.get("level") == 3, at)

    def region(self, s: _Sentence, at: int | None = None) -> str:
        return self._nearest(s, lambda p: p.attrs.get("full", "") in ("香港特别行政区", "澳门特别行政区"), at)

    def _story_place(self, level: str, s: _Sentence) -> str:
        """The story's own place of a level (省, 市, 县, 区, 州): the first of the sentence."""
        return {"省": self.province, "市": self.city, "县": self.county, "区": self.county,
                "州": self.city}[level](s)

    def complete_body(self, bare: str, s: _Sentence) -> str:
        """省委 -> 山东省委; 市人大常委会 -> 北京市人大常委会; 自治区党委 -> 新疆维吾尔自治区党委."""
        for region in _AUTONOMOUS:
            if bare.startswith(region):
                place = self._story_place(_title_level(region), s)
                return place + bare[len(region):] if place.endswith(region) else ""
        level_char = bare[0]
        place = self._story_place(level_char, s)
        if not place or not place.endswith(level_char):
            return ""
        return place + bare[1:]

    def complete_title(self, title: str, s: _Sentence, at: int) -> str:
        """The body a bare title implies: 省长 → 山东省, 总书记 → 中共中央."""
        level = _title_level(title)
        if level:
            # like 省委 in 省委书记: the first such place of the sentence (the story's own)
            return self._story_place(level, s)
        if title in ("行政长官", "候任行政长官", "特首"):
            return self.region(s, at)
        if title == "总书记":
            # 在习近平总书记和阮富仲总书记战略引领下: the second is the foreign party's.
            before = self.text[max(s.start, at - 12):at]
            if "总书记和" in before or "总书记与" in before or "总书记同" in before:
                return self.parties[0] if self.parties else ""
            return "中共中央"
        return ""

    @staticmethod
    def place_of(body: str) -> str:
        """The place an organisation belongs to: 山东省委 -> 山东省."""
        g = gazetteer()
        for n in range(len(body) - 1, 1, -1):
            for e in g.lookup(body[:n]):
                if e.kind == "place":
                    return body[:n]
        return ""


def _province_evidence(p: Span) -> bool:
    return p.name.endswith(("省", "自治区")) or (
        p.attrs.get("level") == 2 and str(p.attrs.get("parent", "")).endswith(("省", "自治区")))


def _province_of(p: Span) -> str:
    return p.name if p.name.endswith(("省", "自治区")) else p.attrs["parent"]


def _place_of_prefix(name: str) -> str:
    """The country or place a name starts with (希腊新民主党 -> 希腊), or ''."""
    g = gazetteer()
    for n in range(min(len(name) - 1, 10), 1, -1):
        if any(e.kind == "place" for e in g.lookup(name[:n])):
            return name[:n]
    return ""


def _foreign_parties(text: str, spans: list[Span]) -> list[str]:
    """Foreign parties the document names (越南共产党), with their central body
    when it is named (越南共产党中央)."""
    out = []
    for sp in spans:
        if sp.type != "Organization" or sp.attrs.get("category") != "party":
            continue
        m = re.match(r"(.+?(?:共产党|劳动党|人民革命党))", sp.name) or re.match(r"(.+?党)(?:代表团)?$", sp.name)
        if not m or m.group(1) in ("中国共产党", "中共") or not _place_of_prefix(m.group(1)):
            continue
        party = m.group(1)
        if party + "中央" in text and party + "中央" not in out:
            party = party + "中央"
        if party not in out:
            out.append(party)
    return out


# -------------------------------------------------------------------------------- places


_CHAIN_TAIL = re.compile(r"[\u4e00-\u9fff]{2,5}?(?:村|社区|小区|居委会)")


def _places(s: _Sentence) -> list[Span]:
    """Gazetteer places; an administrative chain that ends below the county
    (朝阳区双井街道, 绥中县明水满族乡祝家沟村) is one place."""
    out: list[Span] = []
    text = s.text
    for h, e in s.names:
        if e.kind != "place":
            continue
        out.append(Span(h.start, h.end, "Place", text[h.start:h.end], "gazetteer", 0.9,
                        {"level": e.level, "category": e.category, "full": e.name, "parent": e.parent,
                         "short_name": e.short_form, "weak": s.in_phrase(h.start, h.end)}))
    merged: list[Span] = []
    i = 0
    while i < len(out):
        j = i
        while j + 1 < len(out) and out[j + 1].start == out[j].end and out[j].attrs.get("level", 0) \
                and out[j + 1].attrs.get("level", 0) > out[j].attrs.get("level", 0) \
                and out[j + 1].name == out[j + 1].attrs.get("full"):
            j += 1  # only full forms chain (四川汶川 is two places; 朝阳区双井街道 one)
        head, tail = out[i], out[j]
        end = tail.end
        m = _CHAIN_TAIL.match(text, end, s.end) if tail.attrs.get("level", 0) >= 3 else None
        if m:
            end = m.end()
        if (j > i or m) and (tail.attrs.get("level", 0) >= 3):
            first = i + 1 if head.attrs.get("level") == 1 and out[i + 1 if i + 1 <= j else i].attrs.get(
                "level") == 2 and j > i else i
            a = out[first].start
            name = text[a:end]
            merged.append(Span(a, end, "Place", name, "gazetteer", 0.9,
                               {"level": 5 if m else tail.attrs.get("level"), "category": "division",
                                "full": name, "alias": text[tail.start:end]}))
            if first > i:
                merged.append(head)
            i = j + 1
            continue
        merged.append(out[i])
        i += 1
    return merged


def _foreign_places(s: _Sentence) -> list[Span]:
    """Foreign places written as a transliteration and a place word: 罗德岛, 韦克舍市."""
    out = []
    text = s.text
    chars = translit_chars()
    for i in sorted(s.token_starts):
        if i >= s.end:
            continue
        n = _translit_run(text, i, s.end)
        if 2 <= n <= 6 and text[i + n:i + n + 1] in ("岛", "州", "省", "市") and (
                i == s.start or not _is_han(text[i - 1]) or s.name_ending.get(i) or text[i - 1] in "、和与在"):
            j = i + n + 1
            if j >= s.end or boundary_strength(text, j, s.end) or _title_at(text, j) or text[j] in chars \
                    or j in s.token_starts or _title_at(text, i + n):
                out.append(Span(i, j, "Place", text[i:j], "foreign-place", 0.6, {"category": "city"}))
    return out


def _tagged_orgs(s: _Sentence) -> list[Span]:
    """Words jieba's dictionary tags as organisations (``nt``) that open with their
    place: 美国司法部, 韩国法务部, 青岛市旅游局, 美国使馆.

    The tag alone is not enough — the dictionary also tags 意志集中 and 中南部 ``nt``."""
    out = []
    text = s.text
    place_at = {h.start: h.end for h, e in s.names if e.kind == "place"}
    known = [(h.start, h.end) for h, e in s.names if e.kind == "org"]
    for a, b in s.tokens:
        if b - a < 3 or word_tag(text[a:b]) != "nt" or _overlaps(a, b, known) \
                or _title_at(text, b - 1) or _title_at(text, b - 2):
            continue
        place_end = s.name_ending.get(b)
        if place_end and place_end[1].kind == "place":
            continue  # 北京人民大会堂: a place in a city
        if a < place_at.get(a, b) < b:
            out.append(Span(a, b, "Organization", text[a:b], "jieba-nt", 0.7, {"category": "nt"}))
    return out


# Places whose bodies share their names with China's (香港证监会, 台湾"教育部").
_SEPARATE_SYSTEMS = ("香港", "澳门", "台湾")


def _known_orgs(s: _Sentence) -> list[Span]:
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
                            {"category": "abroad"}))
        else:
            out.append(Span(h.start, h.end, "Organization", s.text[h.start:h.end], "lexicon", 0.95,
                            {"category": e.category, "canonical": e.parent or e.name,
                             "weak": s.in_phrase(h.start, h.end)}))
    return out


# ------------------------------------------------------------------------- abbreviations


@lru_cache(maxsize=1)
def _abbreviation_table() -> dict[str, tuple[str, ...]]:
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
    chars = "".join(_abbreviation_table())
    return re.compile(rf"[{chars}](?:、[{chars}]){{2,}}(?![\u4e00-\u9fff])")


def _abbreviations(text: str, sentences: list[_Sentence], spans: list[Span]) -> list[Span]:
    """One-character country abbreviations in bilateral phrases (中美关系 names
    中国 and 美国; 中方, 越方 the sides) and fixed ones (访华, 来京), as mentions
    of the country or place.  An ambiguous character (巴: 巴西, 巴基斯坦 …)
    names only a country the document writes in full."""
    table = _abbreviation_table()
    named = {sp.attrs.get("full") or sp.name for sp in spans if sp.type == "Place"}
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
                        {"category": "country" if not full else "division", "full": _full_place(options[0]),
                         "abbreviation": True}))

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
                                {"category": "military"}))
    return out


def abbreviated_parties(name: str, named: Iterable[str] = ()) -> list[str]:
    """The countries a document's name opens with in abbreviation, or [] —
    an ambiguous character (巴) counts only for a country in ``named``.

    >>> abbreviated_parties("中法联合声明"), abbreviated_parties("中美洲合作协议")
    (['中国', '法国'], [])
    """
    table = _abbreviation_table()
    if len(name) < 3 or any(c in _PAIR_EXCLUDED for c in name[:2]) or word_tag(name[:3]):
        return []  # 中美洲: a word of its own
    parties = []
    for ch in name[:2]:
        options = tuple(o for o in table.get(ch, ()) if len(table.get(ch, ())) == 1 or o in named)
        if len(options) != 1:
            return []
        parties.append(options[0])
    return parties


def _full_place(name: str) -> str:
    """The gazetteer's full name for a place (北京 -> 北京市; 中国 stays 中国)."""
    for e in gazetteer().lookup(name):
        if e.kind == "place":
            return e.name
    return name


# ------------------------------------------------------------------------------- overlap


def _resolve_overlaps(spans: list[Span]) -> list[Span]:
    """Keep the best non-overlapping spans; names inside a Position (and the
    parties in a Document's name) are kept as nested mentions.

    Longest first, then by type priority and score.  Occupancy is kept per
    character, so the cost grows with the text, not with the square of the
    number of names (a dense 100,000-character piece has thousands).
    """
    ranked = sorted(spans, key=lambda sp: (-(sp.end - sp.start), -TYPE_PRIORITY.get(sp.type, 0),
                                           -sp.score, sp.start))
    chosen: list[Span] = []
    top: dict[int, Span] = {}      # character -> the top-level span covering it
    nested_at: set[int] = set()    # characters covered by a nested span
    for sp in ranked:
        chars = range(sp.start, sp.end)
        clash = {id(top[i]): top[i] for i in chars if i in top}
        if not clash and not any(i in nested_at for i in chars):
            chosen.append(sp)
            top.update((i, sp) for i in chars)
            continue
        if any(i in nested_at for i in chars) or not clash:
            continue
        if sp.type in ("Organization", "Place") and not sp.attrs.get("bare") and all(
                (c.type == "Position" or (c.type == "Document" and sp.attrs.get("party"))
                 or (c.type == "Organization" and sp.type == "Place" and c.start == sp.start
                     and c.attrs.get("suffix") in _GOVERNMENTS))
                and c.start <= sp.start and sp.end <= c.end for c in clash.values()):
            chosen.append(replace(sp, attrs={**sp.attrs, "nested": True}))
            nested_at.update(chars)
    chosen.sort(key=lambda sp: (sp.start, sp.end))
    return chosen


# ------------------------------------------------------------------------------- parties


def _document_parties(text: str, documents: list[Span], names: list[Span]) -> list[Span]:
    """The parties a document's name opens with: 《北京市人民政府山东省人民政府…协议》,
    《中华人民共和国和古巴共和国关于…联合声明》.  Kept as nested mentions."""
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
            if text[pos:pos + 1] in ("和", "与", "同", "及", "、"):
                pos += 1
        if len(found) >= 2:
            out.extend(replace(n, attrs={**n.attrs, "nested": True, "party": True}) for n in found)
    return out


# ------------------------------------------------------------------------------ propagate


def _propagate(text: str, spans: list[Span]) -> list[Span]:
    """Find every further occurrence of the names already found."""
    import ahocorasick

    names: dict[str, Span] = {}
    for sp in spans:
        if sp.type in ("Person", "Organization", "Place") and len(sp) >= 2 and not sp.attrs.get("bare") \
                and not sp.attrs.get("nested") and not sp.attrs.get("weak"):
            key = text[sp.start:sp.end]
            if key not in names or names[key].score < sp.score:
                names[key] = sp
    if not names:
        return spans
    person_names = [k for k, sp in names.items() if sp.type == "Person"]
    automaton = ahocorasick.Automaton()
    for key, sp in names.items():
        automaton.add_word(key, (len(key), sp))
    automaton.make_automaton()
    occupied = sorted((sp.start, sp.end) for sp in spans if not sp.attrs.get("nested"))
    starts = [a for a, _ in occupied]
    extra = []
    for last, (length, sp) in automaton.iter(text):
        a, b = last + 1 - length, last + 1
        i = bisect_left(starts, b)
        clash = [(x, y) for x, y in occupied[max(0, i - 12):i] if a < y and x < b]
        if clash and not (sp.type == "Person" and all(a <= x and y <= b and y - x < b - a
                                                       for x, y in clash)):
            continue  # a known name may swallow a shorter place (韩国 in 韩国瑜), nothing else
        if sp.type == "Person" and len(sp) == 2 and b < len(text) and _is_han(text[b]) \
                and boundary_strength(text, b, len(text)) == 0 \
                and not any(text.startswith(k, b) for k in person_names):
            continue  # 王红 inside 王红旗 (but 蔡奇 in 蔡奇刘家义讲话)
        extra.append(replace(sp, start=a, end=b, source="repeat", score=sp.score * 0.9))
    if not extra:
        return spans
    return _resolve_overlaps(spans + extra)


def _short_foreign_names(spans: list[Span]) -> list[Span]:
    """A foreign name written in part (鲁斯塔姆 after 鲁斯塔姆·埃莫马利, 卡内尔 after
    迪亚斯-卡内尔) names the same person: give the part the full name."""
    full: dict[str, str] = {}
    for sp in spans:
        if sp.type == "Person" and ("·" in sp.name or "-" in sp.name):
            for part in re.split(r"[·-]", sp.name):
                if len(part) >= 2:
                    full.setdefault(part, sp.name)
    if not full:
        return spans
    return [replace(sp, name=full[sp.name], attrs={**sp.attrs, "short_form": sp.name})
            if sp.type == "Person" and sp.name in full else sp for sp in spans]


# ---------------------------------------------------------------------------------- teams


@lru_cache(maxsize=1)
def _match_cues() -> dict[str, tuple[str, ...]]:
    """Match-report words by role (``report``, ``before``, ``after``, ``between``), longest first."""
    roles: dict[str, list[str]] = {}
    for row in load_table("match_cues.tsv"):
        roles.setdefault(row[1], []).append(row[0])
    roles["all"] = [word for words in roles.values() for word in words]
    return {role: tuple(sorted(set(words), key=len, reverse=True)) for role, words in roles.items()}


# jieba's tags a side's name may carry: unknown, a name, a place, a proper noun, an abbreviation.
_SIDE_TAGS = frozenset({None, "nr", "nrt", "nrfg", "ns", "nz", "nt", "j"})
_NUMERALS = frozenset("一二三四五六七八九十两几首上下")
_SIDE_JOINERS = ("、", "和", "与")
# A side's record: 6胜2平, 3平1负, 1比0.
_RECORD = re.compile(r"\d+[胜平负]\d+[平负]|\d+比\d+|\d+连[胜败平]")
_MAX_SIDE = 8


def _side_word(text: str, a: int, b: int) -> bool:
    """Whether a word may be part of a side's name: unknown to jieba, a name or a
    place (拉齐奥, 罗马), written in transliteration (加|拉塔|萨雷), a place
    ending (斯托克|城) or a short Latin word (ac|米兰) — never a number,
    demonstrative, stopword or match word (本赛季)."""
    word = text[a:b]
    if word.isascii():
        return word.isalpha() and len(word) <= 5 and not any(cue == word for cue in _match_cues()["all"])
    if not _all_han(word) or word in _stopwords() or word[0] in _NUMERALS \
            or any(cue in word for cue in _match_cues()["all"]) or text.startswith(_match_cues()["all"], a):
        return False
    if word[0] in _DEMONSTRATIVES and not (word_tag(word) or "").startswith(("nr", "ns", "nz")):
        return False  # 本队, 该队 (but 本菲卡)
    if len(word) == 1 and (word_tag(word) or "")[:1] in ("f", "p", "c", "u", "d", "r", "m", "q"):
        return False  # 联赛|里|那不勒斯: a particle or direction word stands apart
    if all(c in translit_chars() for c in word) or (len(word) == 1 and word in _PLACE_NAME_ENDINGS):
        return True
    return len(word) > 1 and (word_tag(word) in _SIDE_TAGS
                              or any(e.kind == "place" for e in gazetteer().lookup(word)))


def _side_at(s: _Sentence, pos: int, forward: bool) -> tuple[int, int] | None:
    """The side's name that starts (``forward``) or ends at ``pos``: up to three
    words that may be part of a name (基辅|迪纳摩), two characters at least."""
    text, edge, words = s.text, pos, 0
    while words < 3:
        other = s.token_starts.get(edge) if forward else s.token_ends.get(edge)
        if other is None or abs(other - pos) > _MAX_SIDE:
            break
        a, b = (edge, other) if forward else (other, edge)
        if not _side_word(text, a, b):
            break
        edge, words = other, words + 1
    a, b = (pos, edge) if forward else (edge, pos)
    if b - a < 2 or not any(_is_han(c) for c in text[a:b]):
        return None
    return a, b


def _is_match_report(text: str) -> bool:
    """Two different report words (主场, 联赛…), or one and a record (6胜2平)."""
    cues = _match_cues()
    evidence = sum(word in text for word in cues.get("report", ()))
    return evidence + bool(_RECORD.search(text)) >= 2


def _team_names(text: str, sentences: list[_Sentence]) -> list[set[str]]:
    """Names of the sides of a match, in groups that stand or fall together:
    the two sides of ``切沃vs罗马`` anywhere; in a match report also
    ``战平拉齐奥``, ``霍芬海主场``, ``桑普3胜2平1负``, ``勒沃对拜仁1胜1平8负``,
    with the other names of a list that holds a side.

    Other slots are read only in a match report, so that ``击败`` in a political
    story makes no team.  A name followed by a word for a person (西班牙选手)
    says where the person is from; it is no side."""
    cues = _match_cues()
    report = _is_match_report(text)
    roles = ("before", "after", "between") if report else ("between",)
    groups: list[set[str]] = []
    for s in sentences:
        found: list[list[tuple[int, int] | None]] = []
        for role in roles:
            for word in cues.get(role, ()):
                at = text.find(word, s.start, s.end)
                while at >= 0:
                    if len(word) == 1 and s.token_starts.get(at) != at + 1:
                        at = text.find(word, at + 1, s.end)
                        continue  # 胜 in 胜利, 平 in 水平
                    group = []
                    if role in ("before", "between"):
                        group.append(_side_at(s, at + len(word), True))
                    if role in ("after", "between"):
                        group.append(_side_at(s, at, False))
                    found.append(group)
                    at = text.find(word, at + len(word), s.end)
        if report:
            for m in _RECORD.finditer(text, s.start, s.end):
                side = _side_at(s, m.start(), False)
                group = [side]
                if side and text[side[0] - 1:side[0]] == "对":
                    group.append(_side_at(s, side[0] - 1, False))
                found.append(group)
        for group in found:
            sides = {text[a:b] for a, b in filter(None, group) if not text.startswith(_person_cues(), b)}
            if sides:
                groups.append(sides)
    # the other names of a list that holds a side anywhere: 对手分别是皇马、比利亚雷亚尔和马洛卡
    known = {name for group in groups for name in group}
    for s in sentences:
        for name in known:
            at = text.find(name, s.start, s.end)
            while at >= 0:
                listed = _listed_with(s, (at, at + len(name))) - known
                if listed:
                    groups.append(listed)
                at = text.find(name, at + len(name), s.end)
    return groups


def _listed_with(s: _Sentence, side: tuple[int, int]) -> set[str]:
    """The names listed with a side by 、, 和 or 与."""
    text, todo, seen = s.text, [side], set()
    while todo:
        item = todo.pop()
        if item is None or item in seen:
            continue
        seen.add(item)
        a, b = item
        if text[b:b + 1] in _SIDE_JOINERS:
            todo.append(_side_at(s, b + 1, True))
        if text[a - 1:a] in _SIDE_JOINERS:
            todo.append(_side_at(s, a - 1, False))
    return {text[a:b] for a, b in seen - {side}}


def _teams(text: str, sentences: list[_Sentence], spans: list[Span]) -> list[Span]:
    """The sides of a match are teams: organisations, wherever the document
    names them (罗马 is AS Roma in a match report, 拉齐奥 no person)."""
    # the sides of a match between people the rules know by a title or cue
    # (选手费德勒vs纳达尔) stay people, both of them
    people = {sp.name for sp in spans if sp.type == "Person" and sp.source in _STRONG_SOURCES}
    names = {name for group in _team_names(text, sentences) if not group & people for name in group}
    if not names:
        return spans
    import ahocorasick

    teams = []
    automaton = ahocorasick.Automaton()
    for name in names:
        automaton.add_word(name, name)
    automaton.make_automaton()
    for last, name in automaton.iter(text):
        teams.append(Span(last + 1 - len(name), last + 1, "Organization", name, "team", 0.7,
                          {"category": "team"}))
    kept = [sp for sp in spans if not (sp.type in ("Person", "Place") and sp.name in names)]
    return _resolve_overlaps(kept + teams)


def _drop_weak(spans: list[Span]) -> list[Span]:
    """A name found only inside a set phrase (中国 in 中国特色社会主义) is kept
    only when the document also names it plainly."""
    plain = {(sp.type, sp.name) for sp in spans if not sp.attrs.get("weak")}
    return [sp for sp in spans if not sp.attrs.get("weak") or (sp.type, sp.name) in plain]


# --------------------------------------------------------------------------------- driver


def find_mentions(seg: Segmented) -> list[Span]:
    """Every entity mention of a segmented document, in normalized coordinates.

    Positions whose body the text does not give (a bare ``主席``) are kept,
    marked ``bare``, for the relation step; :mod:`kg.resolve` does not make
    entities of them.

    Examples
    --------
    >>> from kg.text.normalize import normalize
    >>> from kg.text.segment import segment
    >>> seg = segment("d", normalize("省委书记劉家義率領山東省黨政代表團來到北京市。"))
    >>> [(m.type, m.name) for m in find_mentions(seg)]  # doctest: +NORMALIZE_WHITESPACE
    [('Organization', '山东省委'), ('Position', '山东省委书记'), ('Person', '刘家义'),
     ('Organization', '山东省党政代表团'), ('Place', '北京市')]
    """
    text = seg.text
    all_hits = gazetteer().scan(text)
    hit_starts = [h.start for h in all_hits]
    sentences = []
    for sent in seg.sentences:
        lo = bisect_left(hit_starts, sent.start)
        hi = bisect_left(hit_starts, sent.end)
        hits = [h for h in all_hits[lo:hi] if h.end <= sent.end]
        sentences.append(_Sentence(text, sent.start, sent.end, sent.tokens, hits))
    places = [p for s in sentences for p in _places(s) + _foreign_places(s)]
    orgs_by_sentence = [_known_orgs(s) + _suffixed_names(s) + _tagged_orgs(s) for s in sentences]
    ctx = _Context(text, places, _foreign_parties(text, [o for os in orgs_by_sentence for o in os]))
    spans: list[Span] = []
    places.sort(key=lambda p: p.start)
    place_starts = [p.start for p in places]
    for s, orgs in zip(sentences, orgs_by_sentence):
        sent_places = places[bisect_left(place_starts, s.start):bisect_left(place_starts, s.end)]
        books, works = _book_titles(s)
        taken = [(b.start, b.end) for b in books]
        docs = _unquoted_documents(s, taken, orgs)
        positions = _positions(s, orgs + sent_places, ctx)
        parties = _document_parties(text, books + docs, orgs + sent_places)
        parties += [Span(*p.attrs["body_mention"], "Organization", p.attrs["body"], "completed-body", 0.6,
                         {"nested": True, "category": "party-gov"})
                    for p in positions if p.attrs.get("body_mention")]
        base = _resolve_overlaps(books + docs + orgs + sent_places + positions) + parties
        plain = [b for b in base if not b.attrs.get("nested")]
        people = _people(s, [p for p in base if p.type == "Position"], plain)
        people += _subject_people(s, plain + people)
        people += _model_people(s, plain + people)
        people += _byline_people(s, plain + people)
        vetoable = [p for p in people if _vetoable(p)]
        proposals, person_probability = _crf_read(s, vetoable)
        people = [p for p in people if person_probability.get(id(p), 1.0) >= _CRF_VETO]
        people += _crf_names(s, proposals, plain + people)
        spans.extend(sp for sp in _resolve_overlaps(base + people)
                     if sp.source not in _GUESSED or not any(a <= sp.start and sp.end <= b for a, b in works))
    spans = _short_foreign_names(_drop_weak(_propagate(text, spans)))
    spans = _teams(text, sentences, spans)
    spans = sorted(spans + _abbreviations(text, sentences, spans), key=lambda sp: (sp.start, sp.end))
    return [sp for sp in spans if not (sp.type == "Organization" and sp.attrs.get("bare"))]
