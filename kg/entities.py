"""Entity mentions: people, organisations, places, positions and documents.

Recognition works on the normalized text in layers, each a small function:

1. lexicon hits (one Aho-Corasick pass): places from the division gazetteer
   and country list, known organisations, titles, organisation and place
   suffixes;
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
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Iterable, Mapping

from kg.lexicon import load_lines, load_table
from kg.lexicon.gazetteer import Entry, Hit, gazetteer, surnames, translit_chars
from kg.segment import Segmented, word_tag

__all__ = ["Span", "find_mentions", "person_name_at", "TYPE_PRIORITY"]

#: Which type wins when two candidate spans are equally long.
TYPE_PRIORITY = {"Document": 6, "Position": 5, "Organization": 4, "Person": 3, "Place": 2}

_HAN_RE = re.compile(r"[\u3400-\u9fff]")
_PUNCT = set(",.;:!?、，。；：！？()（）《》“”\"'‘’「」『』[]【】 \n\t·-—")
_BOOK = re.compile(r"《([^《》\n]{1,80})》")
_LEVEL_CHARS = {"省": 1, "市": 2, "县": 3, "区": 3, "州": 2}


@dataclass(frozen=True)
class Span:
    """A typed span of the normalized text.

    ``attrs`` carries what later steps need: for a Position its ``title``
    and ``body`` and whether it is ``former``; for a Place its ``level``;
    ``nested`` marks a span inside a Position (kept as its own mention).
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


@lru_cache(maxsize=1)
def _followers() -> tuple[str, ...]:
    return tuple(sorted(load_lines("name_followers.txt"), key=len, reverse=True))


@lru_cache(maxsize=1)
def _doc_suffixes() -> tuple[str, ...]:
    return tuple(sorted(load_lines("doc_suffixes.txt"), key=len, reverse=True))


@lru_cache(maxsize=1)
def _media_suffixes() -> tuple[str, ...]:
    return ("日报", "晚报", "时报", "商报", "报", "电视", "电视台", "周刊", "杂志", "新闻", "网")


@lru_cache(maxsize=1)
def _not_given_chars() -> frozenset[str]:
    # Characters that practically never occur in a Chinese given name but do
    # start or end the words around one.
    return frozenset(load_lines("not_given_chars.txt")[0])


@lru_cache(maxsize=1)
def _person_cues() -> frozenset[str]:
    return frozenset(load_lines("person_cues.txt"))


# ------------------------------------------------------------------------ helpers


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def _all_han(s: str) -> bool:
    return bool(s) and all(_is_han(c) for c in s)


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


class _Sentence:
    """Lookups over one sentence: its text, words and lexicon hits."""

    def __init__(self, text: str, start: int, end: int, tokens, hits: list[Hit]):
        self.text = text
        self.start = start
        self.end = end
        self.tokens = tokens
        self.token_ends = {e: s for s, e in tokens}
        self.token_starts = {s: e for s, e in tokens}
        # A short lexicon name that starts inside one of jieba's words is a
        # coincidence (合山 in 结合山东), not a name.
        self.hits = [h for h in hits if h.end - h.start > 2 or h.start in self.token_starts
                     or h.start == start or not _is_han(text[h.start - 1])
                     or not any(e.kind in ("place", "org") for e in h.entries)]
        self.names = _pick_longest(self.hits, {"place", "org"})
        self.name_ending = {h.end: (h, e) for h, e in self.names}
        self.name_starting = {h.start: (h, e) for h, e in self.names}


# ----------------------------------------------------------------- suffixed names

_STRONG_ORG = {"company", "school", "media", "delegation", "party", "civic", "legislature", "court",
               "hospital"}
_MAX_NAME = 24


def _material_ok(word: str, kind: str) -> bool:
    """Whether a word can be part of a name that ends in a suffix of ``kind``."""
    if not _all_han(word) or word in _stopwords():
        return False
    tag = word_tag(word)
    if tag is None:
        return True
    if tag[0] in "pcurqmdfe" or tag in ("y", "o"):
        return False
    if tag[0] == "v" and kind not in ("company", "school", "civic", "zone"):
        return tag in ("vn",)
    return True


def _grow_back(s: _Sentence, at: int, kind: str, limit: int) -> tuple[int, bool]:
    """Grow a name backwards from ``at``; returns its start and whether a
    lexicon name (place or organisation) is part of it."""
    pos = at
    has_name = False
    text = s.text
    # 北京市委: the place 北京市 shares its last character with the suffix 市委.
    if text[at:at + 1] in _LEVEL_CHARS:
        hit = s.name_ending.get(at + 1)
        if hit and hit[1].kind == "place" and hit[0].start < at:
            pos = hit[0].start
            has_name = True
    while pos > limit and at - pos < _MAX_NAME:
        # A place or organisation name ending here is absorbed whole.
        hit = s.name_ending.get(pos)
        if hit:
            pos = hit[0].start
            has_name = True
            continue
        ch = text[pos - 1]
        if ch == ")":
            close = text.rfind("(", limit, pos)
            inner = text[close + 1:pos - 1] if close >= 0 else ""
            if close >= 0 and 1 <= len(inner) <= 6 and _all_han(inner):
                pos = close
                continue
            break
        start = s.token_ends.get(pos)
        if start is None or start < limit:
            break
        word = text[start:pos]
        if not _material_ok(word, kind):
            break
        pos = start
    return pos, has_name


def _suffix_aligned(s: _Sentence, h: Hit) -> bool:
    """Whether a suffix hit stands on word boundaries (部 in 部署 does not)."""
    text = s.text
    end_ok = (h.end >= s.end or h.end in s.token_starts or not _is_han(text[h.end])
              or bool(_title_at(text, h.end)))
    if not end_ok:
        return False
    if h.start in s.token_starts:
        return True
    hit = s.name_ending.get(h.start) or (s.name_ending.get(h.start + 1) if text[h.start] in _LEVEL_CHARS
                                          else None)
    return hit is not None


def _suffixed_names(s: _Sentence, kinds=("org_suffix", "place_suffix")) -> list[Span]:
    """Names that end in an organisation or place suffix."""
    out: list[Span] = []
    text = s.text
    # The longest suffix wins at each end position (党政代表团 over 代表团).
    best: dict[int, tuple[Hit, Entry]] = {}
    for h in s.hits:
        for e in h.entries:
            if e.kind in kinds:
                cur = best.get(h.end)
                if cur is None or h.start < cur[0].start:
                    best[h.end] = (h, e)
                break
    for end, (h, e) in sorted(best.items()):
        # A suffix inside a longer known name (人民日报 inside 人民日报海外版) is not one.
        if any(n.start < h.start and n.end >= h.end or n.start <= h.start and n.end > h.end
               for n, _ in s.names):
            # ...unless the name ends exactly where the suffix starts.
            inner = [n for n, _ in s.names if n.start <= h.start < n.end and n.end < h.end]
            if not inner and not any(n.end == h.end for n, _ in s.names if n.start < h.start):
                continue
        if not _suffix_aligned(s, h):
            continue
        start, has_name = _grow_back(s, h.start, e.category, s.start)
        material = h.start - start
        typ = "Place" if e.kind == "place_suffix" else "Organization"
        if e.kind == "org_suffix" and not has_name and (
                (material <= 0 and text[h.start] in _LEVEL_CHARS and h.end - h.start >= 2)
                or (material == 1 and text[start] in _LEVEL_CHARS)):
            # 省委, 市人大常委会: a body whose place the context supplies.
            out.append(Span(start, h.end, "Organization", text[start:h.end], "bare-body",
                            0.5, {"bare": True, "category": e.category}))
            continue
        if material <= 0:
            continue
        if e.category not in _STRONG_ORG and e.kind == "org_suffix" and not has_name:
            continue
        if e.kind == "place_suffix" and material < 2:
            continue
        name = text[start:h.end]
        out.append(Span(start, h.end, typ, name, "suffix", 0.8,
                        {"category": e.category, "suffix": e.name}))
    return out


# ------------------------------------------------------------------- book titles


def _book_titles(s: _Sentence) -> list[Span]:
    out = []
    for m in _BOOK.finditer(s.text, s.start, s.end):
        inner = m.group(1).strip()
        if not inner:
            continue
        if inner.endswith(_doc_suffixes()):
            out.append(Span(m.start(), m.end(), "Document", inner, "book-title", 0.95))
        elif inner.endswith(_media_suffixes()) and len(inner) <= 8:
            out.append(Span(m.start(1), m.end(1), "Organization", inner, "book-title", 0.8,
                            {"category": "media"}))
    return out


def _unquoted_documents(s: _Sentence, taken: list[tuple[int, int]]) -> list[Span]:
    out = []
    text = s.text
    for suffix in _doc_suffixes():
        if len(suffix) < 2:
            continue
        pos = text.find(suffix, s.start, s.end)
        while pos >= 0:
            end = pos + len(suffix)
            if not any(a <= pos < b for a, b in taken):
                start, _ = _grow_back(s, pos, "document", s.start)
                if pos - start >= 2:
                    out.append(Span(start, end, "Document", text[start:end], "doc-suffix", 0.7))
                    taken.append((start, end))
            pos = text.find(suffix, end, s.end)
    return out


# --------------------------------------------------------------------- positions


def _titles(s: _Sentence) -> list[tuple[Hit, Entry]]:
    return _pick_longest(s.hits, {"title"})


def _positions(s: _Sentence, orgs: list[Span], places: list[Span], ctx: "_Context") -> list[Span]:
    """Positions: a body (organisation or place) followed by a title."""
    text = s.text
    by_end: dict[int, Span] = {}
    for sp in places + orgs:  # organisations win over places ending at the same point
        by_end[sp.end] = sp
    out: list[Span] = []
    prev: Span | None = None
    for h, e in _titles(s):
        start, body, body_place = h.start, "", ""
        former = text[max(s.start, h.start - 2):h.start] in ("时任", "前任", "原任") or \
            text[max(s.start, h.start - 1):h.start] in ("前", "原")
        body_span = by_end.get(h.start)
        title = e.name
        if body_span is None and h.start > s.start and text[h.start] in _LEVEL_CHARS:
            # 北京市长: the place 北京市 shares its last character with 市长.
            cand = by_end.get(h.start + 1)
            if cand is not None and cand.type == "Place":
                body_span = cand
        joined_by = text[h.start - 1] if h.start > s.start else ""
        if body_span is not None and body_span.end <= h.start + 1 and body_span.start < h.start:
            start = body_span.start
            if body_span.attrs.get("bare"):
                completed = ctx.complete_body(body_span.name, s)
                body = completed or body_span.name
                body_place = ctx.place_of(body) if completed else ""
            else:
                body = body_span.name
                body_place = body_span.name if body_span.type == "Place" else ctx.place_of(body)
        elif prev is not None and prev.end in (h.start, h.start - 1) and joined_by in ("兼", "、", ""):
            # A chain: 副委员长兼秘书长 shares the body; 省委副书记、省长 shares the place.
            if joined_by in ("兼", "") and prev.attrs.get("body"):
                body = prev.attrs["body"]
            elif prev.attrs.get("place"):
                body = _place_body(prev.attrs["place"], title)
            body_place = prev.attrs.get("place", "")
        completed = False
        if body_span is not None and body_span.attrs.get("bare") and body:
            completed = True
        if not body and e.category == "head":
            body = ctx.complete_title(title, s)
            body_place = body if body and ctx.place_of(body) else ""
            completed = bool(body)
        if body and title.startswith(body[-1:]) and body[-1:] in _LEVEL_CHARS and body_span is not None \
                and body_span.end == h.start + 1:
            name = body + title  # 北京市 + 市长 -> 北京市市长
        elif body and body_span is not None and body_span.end == h.start + 1:
            name = body + title[1:]
        else:
            name = _join_body_title(body, title)
        pos = Span(start, h.end, "Position", name, "title", 0.9 if body else 0.6,
                   {"title": title, "body": body, "place": body_place, "former": former,
                    "category": e.category, "bare": not body, "completed": completed,
                    "title_only": start == h.start})
        out.append(pos)
        prev = pos
    return out


def _place_body(place: str, title: str) -> str:
    """The body a bare title takes from a place: 山东省 + 省长 -> 山东省."""
    return place


def _join_body_title(body: str, title: str) -> str:
    if not body:
        return title
    if body.endswith(title[:1]) and title[:1] in _LEVEL_CHARS and len(title) <= 3:
        return body + title  # 山东省 + 省长 -> 山东省省长 (the gold's full form)
    return body + title


# ------------------------------------------------------------------------ people


def person_name_at(text: str, i: int, limit: int | None = None) -> int:
    """Length of a Chinese or foreign personal name starting at ``text[i]``, or 0.

    The name must start with a known surname (or be a run of transliteration
    characters joined by ``·``/``-``); of the possible lengths, the one
    followed by the strongest boundary wins (punctuation, then the longest
    word that follows names: ``率领``, ``表示``, ``在``).

    >>> person_name_at("龚正率领代表团", 0), person_name_at("刘家义,省委", 0)
    (2, 3)
    >>> person_name_at("蔡奇陪同调研", 0), person_name_at("迪亚斯-卡内尔举行会谈", 0)
    (2, 6)
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
    best, best_strength = 0, 0
    for given in (2, 1):
        end = i + sur + given
        if end > limit:
            continue
        chunk = text[i + sur:end]
        if not _all_han(chunk) or any(c in bad for c in chunk):
            continue
        strength = boundary_strength(text, end, limit)
        if strength > best_strength:
            best, best_strength = sur + given, strength
    return best


def boundary_strength(text: str, end: int, limit: int) -> int:
    """How surely a name ends at ``end``: 9 at punctuation or the end, else the
    length of the longest name-following word or title that starts there."""
    if end >= limit:
        return 9
    ch = text[end]
    if ch in _PUNCT or not _is_han(ch):
        return 9
    best = 0
    for f in _followers():
        if len(f) > best and text.startswith(f, end):
            best = len(f)
    title = _title_at(text, end)
    return max(best, len(title))


def _boundary_after(text: str, end: int, limit: int) -> bool:
    return boundary_strength(text, end, limit) > 0


@lru_cache(maxsize=1)
def _title_keys() -> tuple[str, ...]:
    return tuple(sorted((r[0] for r in load_table("titles.tsv")), key=len, reverse=True))


def _title_at(text: str, i: int) -> str:
    for t in _title_keys():
        if text.startswith(t, i):
            return t
    return ""


def _foreign_name_at(text: str, i: int, limit: int) -> int:
    chars = translit_chars()
    j = i
    parts = 0
    while j < limit:
        k = j
        while k < limit and text[k] in chars and k - j < 8:
            k += 1
        if k - j < 1:
            break
        parts += 1
        j = k
        if j < limit - 1 and text[j] in "·-" and text[j + 1] in chars:
            j += 1
            continue
        break
    if parts >= 2 and j - i >= 4:
        return j - i
    return 0


def _name_is_plausible(name: str) -> bool:
    tag = word_tag(name)
    if tag is not None and not tag.startswith("nr"):
        return False
    if name in _stopwords():
        return False
    return True


def _people(s: _Sentence, positions: list[Span], taken: list[Span]) -> list[Span]:
    """People next to titles, in lists after them, and after person cues."""
    text = s.text
    out: list[Span] = []
    occupied = [(t.start, t.end) for t in taken]

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in occupied)

    def add(a: int, n: int, source: str, score: float) -> bool:
        if n <= 0 or not free(a, a + n):
            return False
        name = text[a:a + n]
        if "·" not in name and "-" not in name and not _name_is_plausible(name):
            return False
        out.append(Span(a, a + n, "Person", name, source, score))
        occupied.append((a, a + n))
        return True

    # After a position (the last of a chain): 省委书记刘家义, 市长陈吉宁.
    for p in positions:
        n = person_name_at(text, p.end, s.end)
        if add(p.end, n, "after-title", 0.9):
            _list_continuation(text, p.end + n, s.end, add)
    # Before a bare title: 刘家义书记, 龚正省长, 习近平总书记.
    for p in positions:
        if p.attrs.get("title_only") and p.attrs.get("category") != "member":
            for n in (3, 2, 4):
                a = p.start - n
                if a < s.start:
                    continue
                if person_name_at(text, a, p.start) == n and add(a, n, "before-title", 0.8):
                    break
    # After a person cue: 北京市领导林克庆、崔述强; 夫人彭丽媛.
    for cue in _person_cues():
        pos = text.find(cue, s.start, s.end)
        while pos >= 0:
            at = pos + len(cue)
            n = person_name_at(text, at, s.end)
            if add(at, n, "after-cue", 0.75):
                _list_continuation(text, at + n, s.end, add)
            pos = text.find(cue, at, s.end)
    return out


def _list_continuation(text: str, at: int, limit: int, add) -> None:
    """Names that continue a list after one: 林克庆、崔述强、隋振江、王红."""
    while at < limit and text[at] == "、":
        n = person_name_at(text, at + 1, limit)
        if not n or not add(at + 1, n, "list", 0.75):
            return
        at = at + 1 + n


def _subject_people(s: _Sentence, taken: list[Span]) -> list[Span]:
    """A name that opens a clause and is followed by a reporting verb: 贾庆林说."""
    text = s.text
    out = []
    occupied = [(t.start, t.end) for t in taken]
    starts = {s.start}
    for i in range(s.start, s.end):
        if text[i] in ",;:、，" or text[i] == " ":
            starts.add(i + 1)
    for a in sorted(starts):
        if a >= s.end or any(x <= a < y for x, y in occupied):
            continue
        n = person_name_at(text, a, s.end)
        if n and text.startswith(_subject_verbs(), a + n):
            name = text[a:a + n]
            if _name_is_plausible(name):
                out.append(Span(a, a + n, "Person", name, "subject", 0.6))
    return out


@lru_cache(maxsize=1)
def _subject_verbs() -> tuple[str, ...]:
    return tuple(r[0] for r in load_table("cues.tsv") if r[1] in ("speaks_at", "meets", "attends", "leads"))


# ------------------------------------------------------------------------ context


class _Context:
    """Places seen so far in the document, to complete abbreviated bodies."""

    def __init__(self, text: str, places: list[Span]):
        self.text = text
        self.places = sorted(places, key=lambda p: p.start)
        self.starts = [p.start for p in self.places]

    def _nearest(self, s: _Sentence, ok) -> str:
        cands = [p for p in self.places if ok(p)]
        if not cands:
            return ""
        inside = [p for p in cands if s.start <= p.start < s.end]
        if inside:
            return inside[0].name
        before = [p for p in cands if p.start < s.start]
        if before:
            return before[-1].name
        return cands[0].name

    def province(self, s: _Sentence) -> str:
        return self._nearest(s, lambda p: p.name.endswith(("省", "自治区")))

    def city(self, s: _Sentence) -> str:
        return self._nearest(s, lambda p: p.name.endswith("市") and p.attrs.get("level", 9) <= 2)

    def county(self, s: _Sentence) -> str:
        return self._nearest(s, lambda p: p.name.endswith(("县", "区")) and p.attrs.get("level") == 3)

    def region(self, s: _Sentence) -> str:
        return self._nearest(s, lambda p: p.name in ("香港", "澳门", "香港特别行政区", "澳门特别行政区"))

    def complete_body(self, bare: str, s: _Sentence) -> str:
        """省委 -> 山东省委; 市人大常委会 -> 北京市人大常委会."""
        level_char = bare[0]
        place = {"省": self.province, "市": self.city, "县": self.county, "区": self.county,
                 "州": self.city}[level_char](s)
        if not place or not place.endswith(level_char):
            return ""
        return place + bare[1:]

    def complete_title(self, title: str, s: _Sentence) -> str:
        """省长 -> 山东省 (the place whose head the title names)."""
        if title in ("省长", "副省长", "常务副省长", "代省长"):
            return self.province(s)
        if title in ("市长", "副市长", "常务副市长", "代市长"):
            return self.city(s)
        if title in ("县长", "副县长"):
            return self.county(s)
        if title in ("行政长官", "候任行政长官", "特首"):
            return self.region(s)
        if title == "总书记":
            return "中共中央"
        return ""

    @staticmethod
    def place_of(body: str) -> str:
        """The place an organisation belongs to: 山东省委 -> 山东省."""
        g = gazetteer()
        for n in range(len(body) - 1, 1, -1):
            for e in g.lookup(body[:n]):
                if e.kind == "place":
                    return e.name if not e.short else body[:n]
        return ""


# ------------------------------------------------------------------------- places


def _places(s: _Sentence) -> list[Span]:
    out = []
    prev: Span | None = None
    for h, e in s.names:
        if e.kind != "place":
            continue
        level = e.level
        name = s.text[h.start:h.end]
        sp = Span(h.start, h.end, "Place", name, "gazetteer", 0.9,
                  {"level": level, "category": e.category, "full": e.name, "short_name": e.short_form})
        # 朝阳区双井街道: a street right after its district is one place.
        if prev is not None and prev.end == h.start and level == 4 and prev.attrs.get("level", 0) in (2, 3):
            merged = Span(prev.start, h.end, "Place", s.text[prev.start:h.end], "gazetteer", 0.9,
                          {"level": level, "category": e.category, "full": s.text[prev.start:h.end],
                           "alias": name})
            out[-1] = merged
            prev = merged
            continue
        out.append(sp)
        prev = sp
    return out


def _known_orgs(s: _Sentence) -> list[Span]:
    out = []
    for h, e in s.names:
        if e.kind == "org":
            out.append(Span(h.start, h.end, "Organization", s.text[h.start:h.end], "lexicon", 0.95,
                            {"category": e.category, "canonical": e.parent or e.name}))
    return out


# ------------------------------------------------------------------------ overlap


def _resolve_overlaps(spans: list[Span]) -> list[Span]:
    """Keep the best non-overlapping spans; spans inside a Position are kept
    as nested mentions (the organisation in 山东省委书记 is a mention too)."""
    ranked = sorted(spans, key=lambda sp: (-(sp.end - sp.start), -TYPE_PRIORITY.get(sp.type, 0),
                                           -sp.score, sp.start))
    chosen: list[Span] = []
    positions: list[Span] = []
    for sp in ranked:
        clash = [c for c in chosen if not (sp.end <= c.start or sp.start >= c.end)]
        if not clash:
            chosen.append(sp)
            if sp.type == "Position":
                positions.append(sp)
            continue
        if sp.type in ("Organization", "Place") and all(
                (c.type == "Position" or (c.type == "Document" and sp.attrs.get("party")))
                and c.start <= sp.start and sp.end <= c.end for c in clash):
            # inside a position: a nested mention, unless it is the bare title part
            nested_ok = not sp.attrs.get("bare")
            if nested_ok and not any(n.start < sp.end and sp.start < n.end and n is not sp
                                     for n in chosen if n.attrs.get("nested")):
                chosen.append(replace(sp, attrs={**sp.attrs, "nested": True}))
    chosen.sort(key=lambda sp: (sp.start, sp.end))
    return chosen


# ------------------------------------------------------------------------ parties


def _document_parties(text: str, documents: list[Span], names: list[Span]) -> list[Span]:
    """The parties a document's name opens with: 《北京市人民政府山东省人民政府…协议》,
    《中华人民共和国和古巴共和国关于…联合声明》.  Kept as nested mentions."""
    out = []
    for d in documents:
        if d.type != "Document":
            continue
        inner_start = d.start + 1 if text[d.start] == "《" else d.start
        pos = inner_start
        inside = sorted((n for n in names if d.start <= n.start and n.end <= d.end),
                        key=lambda n: (n.start, -(n.end - n.start)))
        found = []
        for n in inside:
            if n.start != pos:
                continue
            found.append(n)
            pos = n.end
            if text[pos:pos + 2] in ("以及",):
                pos += 2
            elif text[pos:pos + 1] in "和与同及、":
                pos += 1
        if len(found) >= 2:
            out.extend(replace(n, attrs={**n.attrs, "nested": True, "party": True}) for n in found)
    return out


# ---------------------------------------------------------------------- propagate


def _propagate(text: str, spans: list[Span]) -> list[Span]:
    """Find every further occurrence of the names already found."""
    import ahocorasick

    names: dict[str, Span] = {}
    for sp in spans:
        if sp.type in ("Person", "Organization", "Place", "Document") and len(sp.name) >= 2 \
                and not sp.attrs.get("bare") and sp.source != "book-title":
            key = text[sp.start:sp.end]
            if key not in names or names[key].score < sp.score:
                names[key] = sp
    if not names:
        return spans
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
        if any(not (b <= x or a >= y) for x, y in occupied[max(0, i - 8):i]):
            continue
        if sp.type == "Person" and b < len(text) and _is_han(text[b]) and \
                not _boundary_after(text, b, len(text)) and len(sp.name) == 2:
            continue  # 王红 inside 王红旗
        extra.append(replace(sp, start=a, end=b, source="repeat", score=sp.score * 0.9))
    if not extra:
        return spans
    return _resolve_overlaps(spans + extra)


# ------------------------------------------------------------------------- driver


def find_mentions(seg: Segmented) -> list[Span]:
    """Every entity mention of a segmented document, in normalized coordinates.

    Examples
    --------
    >>> from kg.normalize import normalize
    >>> from kg.segment import segment
    >>> seg = segment("d", normalize("省委书记劉家義率領山東省黨政代表團來到北京市。"))
    >>> [(m.type, m.name) for m in find_mentions(seg)]  # doctest: +NORMALIZE_WHITESPACE
    [('Position', '山东省委书记'), ('Organization', '山东省委'), ('Person', '刘家义'),
     ('Organization', '山东省党政代表团'), ('Place', '北京市')]
    """
    text = seg.text
    gaz = gazetteer()
    all_hits = gaz.scan(text)
    hit_starts = [h.start for h in all_hits]
    sentences = []
    for sent in seg.sentences:
        lo = bisect_left(hit_starts, sent.start)
        hi = bisect_left(hit_starts, sent.end)
        hits = [h for h in all_hits[lo:hi] if h.end <= sent.end]
        sentences.append(_Sentence(text, sent.start, sent.end, sent.tokens, hits))
    places = [p for s in sentences for p in _places(s)]
    ctx = _Context(text, places)
    spans: list[Span] = []
    for s in sentences:
        sent_places = [p for p in places if s.start <= p.start < s.end]
        books = _book_titles(s)
        orgs = _known_orgs(s) + _suffixed_names(s)
        taken = [(b.start, b.end) for b in books]
        docs = _unquoted_documents(s, taken)
        positions = _positions(s, orgs, sent_places, ctx)
        parties = _document_parties(text, books + docs, orgs + sent_places)
        base = _resolve_overlaps(books + docs + orgs + sent_places + positions) + parties
        people = _people(s, [p for p in base if p.type == "Position"], [b for b in base
                                                                         if not b.attrs.get("nested")])
        people += _subject_people(s, [b for b in base + people if not b.attrs.get("nested")])
        spans.extend(_resolve_overlaps(base + people))
    spans = _propagate(text, spans)
    return [sp for sp in spans if not sp.attrs.get("bare") or sp.type == "Position"]
