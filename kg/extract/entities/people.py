"""People: next to titles, in lists, before and after person cues (``夫人``, ``一行``), as clause
subjects (``贾庆林说``), foreign names in transliteration, and elsewhere by the given-name model
(:mod:`kg.extract.models.names`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache

from kg.extract.entities.abbreviations import is_side
from kg.extract.entities.name_shapes import (
    boundary_strength,
    dotted_name_at,
    foreign_name_at,
    name_before_punctuation,
    name_is_plausible,
    not_given_chars,
    person_name_at,
    tibetan_name,
    tibetan_name_parts,
    translit_run,
)
from kg.extract.entities.positions import AIDE_TITLES
from kg.extract.entities.sentence import (
    CLAUSE_END,
    FUNCTION_CHARS,
    SentenceView,
    all_han,
    is_han,
    overlaps_any,
    stopwords,
    title_at,
    words_in,
)
from kg.extract.models.names import THRESHOLD, candidate_score
from kg.extract.spans import Span
from kg.lexicon import load_lines, load_table, longest_first
from kg.lexicon.gazetteer import gazetteer, is_country, surnames, translit_chars
from kg.lexicon.jieba_dict import word_tag

__all__ = ["person_cues", "STRONG_SOURCES", "TITLED_FULL", "People", "find_people", "find_subject_people", "find_model_people",
           "trim_glued_people", "married_names", "GUESSED_SOURCES"]

@lru_cache(maxsize=1)
def person_cues() -> tuple[str, ...]:
    return longest_first(load_lines("person_cues.txt"))


@lru_cache(maxsize=1)
def _person_followers() -> tuple[str, ...]:
    return longest_first(load_lines("person_followers.txt"))


@lru_cache(maxsize=1)
def _list_enders() -> tuple[str, ...]:
    """Words that close a list of names at the head of a clause (石泰峰、王东峰等参加)."""
    cues = [r[0] for r in load_table("cues.tsv") if len(r[0]) >= 2]
    return longest_first({*cues, "等", "分别", "一同", "同机", "先后", "也"})


# Characters that end a place name; a "name" right before one is part of the place.
_PLACE_ENDINGS = set("省市县区州岛镇乡村寨屯")

# The ordinal of a monarch or pope after the name: 费利佩六世, 查尔斯三世.
_REGNAL = re.compile("[一二三四五六七八九十]{1,3}世")
# A personal name in Latin letters, as the Hong Kong press writes foreigners' (Tim Melville Ross,
# Ursula von der Leyen, Michael F Adams): capitalised words, a particle or an initial between them.
_LATIN_NAME = re.compile(r"[A-ZÀ-Þ][a-zß-ÿ]+(?:[ -](?:(?:von|van|der|de|da|du|la|le|bin|al)[ -])*[A-ZÀ-Þ](?:[a-zß-ÿ]+|\.?))"
                         r"{0,3}(?![A-Za-zÀ-ÿ])")

#: The source of a name after a title or cue read further than a name's usual shape (戈洛夫琴科。,
#: 凯斯·赛义德, 费利佩六世): its own source, so that the taggers, which never saw such names whole
#: in training, weigh it apart (the name CRF may not veto it).
TITLED_FULL = "titled-full"

# Contexts that make a name nearly certain (a title or a person cue beside it).
STRONG_SOURCES = {"after-title", "before-title", "after-cue", "before-cue", "list", TITLED_FULL}


class People:
    """Collects person spans of one sentence, refusing overlaps with what is taken.

    A place wholly inside a name does not block it (韩国 in 韩国瑜)."""

    def __init__(self, s: SentenceView, taken: list[Span]):
        self.s = s
        self.out: list[Span] = []
        self.occupied = [(t.start, t.end) for t in taken]
        self.soft = [(t.start, t.end) for t in taken if t.type == "Place" and t.end - t.start <= 2]
        self.strong = False  # in a strong context a name may swallow a short place (韩国瑜)
        # whether the last name read in a strong context ran further than the usual readings
        # (through dots, to punctuation, with an ordinal): such names are the source TITLED_FULL
        self.extended = False

    def add(self, a: int, n: int, source: str, score: float) -> bool:
        b = a + n
        if n <= 0:
            return False
        blocking = [(x, y) for x, y in self.occupied
                    if not (self.strong and (x, y) in self.soft and a <= x and y <= b and b - a > y - x)]
        if overlaps_any(a, b, blocking):
            return False
        name = self.s.text[a:b]
        if not name_is_plausible(name, strong=source in STRONG_SOURCES):
            return False
        self.out.append(Span(a, b, "Person", name, source, score))
        self.occupied.append((a, b))
        return True

    def name_at(self, a: int) -> int:
        """A name at ``a``; where a run of transliteration characters is longer
        than the Chinese reading (哈齐达基斯 vs 哈齐达), or the only reading
        (奎斯塔), the foreign name."""
        text = self.s.text
        latin = _LATIN_NAME.match(text, a, self.s.end) if self.strong else None
        if latin is not None:
            self.extended = False
            return latin.end() - a  # 澳洲总理Malcolm Turnbull: a name in Latin letters after a title
        n = person_name_at(text, a, self.s.end, self.s.token_ends)
        run = translit_run(text, a, self.s.end)
        if run >= 4 and run > n or (not n and run >= 2 and self.strong):
            if boundary_strength(text, a + run, self.s.end) or (self.strong and a + run in self.s.token_ends):
                n = run
        elif not n and self.strong and a < self.s.end and is_han(text[a]) and text.startswith(_COUPLE, a + 1):
            n = 1  # 副总理兼外长敦夫妇: a name of one character, after a title and before 夫妇
        self.extended = False
        if self.strong:
            read = n
            # where a title says a name starts, a dot or punctuation says where it ends, and a
            # foreign name often holds characters kg's readings stop at (戈洛夫|琴科, 凯斯·赛|义德)
            n = max(n, dotted_name_at(text, a, self.s.end))
            up_to_mark = name_before_punctuation(text, a, self.s.end)
            # a transliteration read short (戈洛夫|琴科), a long run that opens with transliteration
            # (奥云额尔登), or a Chinese name one character longer than its reading (唐英|年, 蒋以|任);
            # not a Chinese reading run on into words (多次|重申), nor words after a title (敬献哈达)
            if run >= 2 or (not n and run and up_to_mark >= 4) or (up_to_mark == 3 and n == 2):
                n = max(n, up_to_mark)
            regnal = _REGNAL.match(text, a + n, self.s.end) if n else None
            if regnal:
                n = regnal.end() - a  # 费利佩六世, 查尔斯三世
            self.extended = n > read
        return n

    def list_after(self, at: int) -> None:
        """Names that continue a list: 林克庆、崔述强、隋振江、王红; …文诗灏以及Betty Ng、Kain Law."""
        text = self.s.text
        while at < self.s.end and (joint := 2 if text.startswith("以及", at) else int(text[at] in "、和及")):
            n = self.name_at(at + joint)
            # a list item ends where names end (南爱琴省省长 is no name)
            if not n or not boundary_strength(text, at + joint + n, self.s.end) \
                    or not self.add(at + joint, n, "list", 0.75):
                return
            at = at + joint + n


# What makes 党 the first character of a word, not the last of a name (王五党委书记, 李四党组, 党员).
_PARTY_WORDS_AFTER = "委组员支政中总内外的"


def _with_party_character(text: str, at: int, n: int, end: int) -> int:
    """The length of the name right after an office, with the 党 that ends a given name (县委书记王建党
    出席, 宋向党带领): not a character of names in general (全面从严治党 is no 严治党), but after a title
    the name's own where names end after it and no party word starts with it.

    >>> _with_party_character("县委书记王建党出席会议", 4, 2, 11), _with_party_character("书记王五党委书记", 2, 2, 8)
    (3, 2)
    """
    # (n is 0 where no shorter name ends at a boundary either, 宋向|党带领; its middle character may be
    # one names seldom hold, 向)
    if n not in (0, 2) or text[at:at + 1] not in surnames()[0] or not all_han(text[at + 1:at + 2]):
        return n
    k = at + 2
    if text[k:k + 1] != "党" or text[k + 1:k + 2] in _PARTY_WORDS_AFTER or boundary_strength(text, k + 1, end) < 1:
        return n
    return 3


def find_people(s: SentenceView, positions: list[Span], taken: list[Span]) -> list[Span]:
    """People next to titles, in lists after them, and after person cues."""
    text = s.text
    people = People(s, taken)
    # After a position (the last of a chain): 省委书记刘家义, 市长陈吉宁.
    people.strong = True
    for p in positions:
        n = people.name_at(p.end)
        leads = False
        if not n and p.attrs.body:
            n = _unknown_name_at(s, p.end)
            # (省委书记信长星率江苏省党政代表团: a name between an office and the group it leads is one
            # whatever the name CRF, which does not know every surname, makes of it)
            leads = bool(n) and _LEADS_A_GROUP.match(text, p.end + n, s.end) is not None
        foreign = any(_foreign_office(q) and q.end <= p.end and not any(c in CLAUSE_END for c in text[q.end:p.start])
                      for q in positions)  # (one chain of offices: 柬埔寨副首相兼教育、青年和体育部部长)
        widened = False
        if foreign and (not n or boundary_strength(text, p.end + n, s.end) == 0):
            # 柬埔寨副首相韩春那洛出席: a foreign name that opens like a Chinese one (韩春) and is not
            # over there runs on to where names end, whatever its characters; so does one that
            # opens like nothing kg knows (蒙古国总理奥云额尔登举行会晤, 日本驻香港总领事和田充广会面)
            unknown = _unknown_name_at(s, p.end, foreign=True)
            # (a name that opens with a place's, 和田充广, is the title's whatever the name CRF, which
            # reads the place, makes of it)
            widened = unknown > n and _opens_with_a_place(text, p.end)
            n = max(n, unknown)
        n = _with_party_character(text, p.end, n, s.end)
        if people.add(p.end, n, TITLED_FULL if people.extended or widened or leads else "after-title", 0.9):
            people.list_after(p.end + n)
    # Before a bare title: 刘家义书记, 龚正省长, 习近平总书记.
    people.strong = False
    for p in positions:
        if not p.attrs.title_only or p.attrs.category == "member" or p.name.endswith(tuple(AIDE_TITLES)):
            continue  # (an aide's title follows whom he serves: 曾任高永文政治助理的陈凯欣)
        run = _transliteration_before(s, p.start)
        if run and people.add(p.start - run, run, "before-title", 0.8):
            continue
        for n in _lengths_before(text, p.start):
            a = p.start - n
            if a < s.start or a not in s.token_starts and is_han(text[a - 1]) and a - 1 >= s.start \
                    and not (n == 4 and text[a - 1] in FUNCTION_CHARS):  # (同岸|田文雄: jieba glued 同 on)
                continue
            if person_name_at(text, a, p.start) == n and people.add(a, n, "before-title", 0.8):
                break
    # Before a person cue: 习近平和夫人彭丽媛, 李强同志, 刘家义一行.
    people.strong = False
    for cue in words_in(_person_followers(), text, s.start, s.end):
        pos = text.find(cue, s.start, s.end)
        while pos >= 0:
            for n in _lengths_before(text, pos):
                a = pos - n
                if a >= s.start and (a == s.start or a in s.token_starts) and \
                        person_name_at(text, a, pos) == n and people.add(a, n, "before-cue", 0.75):
                    break
            pos = text.find(cue, pos + len(cue), s.end)
    # After a person cue: 北京市领导林克庆、崔述强; 夫人彭丽媛.  The cue nearest a name reads it
    # (诗人兼歌手沃尔夫·比尔曼: after 歌手, not 兼歌手… after 诗人), so the last cue reads first.
    people.strong = True
    for at in sorted(_cue_ends(text, s.start, s.end), reverse=True):
        n = people.name_at(at) if at < s.end else 0
        if people.add(at, n, TITLED_FULL if people.extended else "after-cue", 0.75):
            people.list_after(at + n)
    return people.out


def _transliteration_before(s: SentenceView, end: int) -> int:
    """The length of a foreign name of four or more transliteration characters that ends at
    ``end``, before a title (博鲁阿尔特总统, 泽连斯基总统 — not their last three, 阿尔特, 连斯基, which a
    Chinese surname opens), or 0: the run starts the sentence, a word of jieba, or follows a
    function word glued to it (同博鲁|阿尔特), and is no word of the dictionary."""
    text = s.text
    k = 0
    while k < 8 and end - k - 1 >= s.start and text[end - k - 1] in translit_chars():
        k += 1
    a = end - k
    if k < 4 or word_tag(text[a:end]) is not None:
        return 0
    return k if a == s.start or a in s.token_starts or text[a - 1] in FUNCTION_CHARS else 0


def _lengths_before(text: str, end: int) -> tuple[int, ...]:
    """The lengths a name ending at ``end`` is tried at, likeliest first: three, two, four — four
    first where the four open with a surname of two (岸田文雄首相, not 田文雄; 欧阳晓明书记).

    >>> _lengths_before("同岸田文雄首相", 5), _lengths_before("同刘家义书记", 4)
    ((4, 3, 2), (3, 2, 4))
    """
    return (4, 3, 2) if end >= 4 and text[end - 4:end - 2] in surnames()[1] else (3, 2, 4)


def _cue_ends(text: str, start: int, end: int) -> set[int]:
    """Where the person cues of ``text[start:end]`` end."""
    ends = set()
    for cue in words_in(person_cues(), text, start, end):
        pos = text.find(cue, start, end)
        while pos >= 0:
            ends.add(pos + len(cue))
            pos = text.find(cue, pos + len(cue), end)
    return ends


def _foreign_office(p: Span) -> bool:
    """Whether ``p`` is an office of a foreign country, state or city (柬埔寨副首相, 大阪府知事, 阿斯塔纳市长), not one sent
    there (中国驻泰国大使)."""
    place = p.attrs.place
    sender = (p.attrs.body or "").partition("驻")[0] if "驻" in (p.attrs.body or "") else ""
    if sender:
        # 日本驻香港总领事: an office a foreign country sends is held by one of its own
        return sender != "中国" and is_country(sender)
    if not place or place == "中国" or "驻" in (p.attrs.body or ""):
        return False
    city = gazetteer().place(place) or gazetteer().place(place.removesuffix("市"))
    return is_country(place) or (city is not None and city.category in ("city", "state")
                                 and city.parent not in ("", "中国"))


def _opens_with_a_place(text: str, at: int) -> bool:
    """Whether a place's name of two characters starts at ``at`` (和田, 福田: Japanese family names too)."""
    return any(e.kind == "place" for e in gazetteer().lookup(text[at:at + 2]))


def _unknown_name_at(s: SentenceView, at: int, foreign: bool = False) -> int:
    """After a full office (德国总理朔尔茨), a name kg cannot read as Chinese or as a
    transliteration it knows: two to four characters up to where names end, or five or six
    transliterated ones up to punctuation.  A ``foreign`` name may hold characters Chinese given
    names never do (韩春那洛)."""
    text = s.text
    bad, translit = (frozenset() if foreign else not_given_chars()), translit_chars()
    if text[at:at + 1] in FUNCTION_CHARS and not (foreign and _opens_with_a_place(text, at)):
        return 0  # 总书记同习近平: a preposition, not a name (but 总领事和田充广: a foreign name)
    for n in (2, 3, 4, 5, 6):
        chunk = text[at:at + n]
        if len(chunk) < n or not all_han(chunk) or any(c in bad for c in chunk):
            return 0
        strength = boundary_strength(text, at + n, s.end)
        # a longer one (蒙古国总理赞登沙特尔。) only where punctuation closes it (after a foreign
        # office, any word names end with: 阿斯塔纳市长卡瑟姆别克等) and it reads as a
        # transliteration: most of its characters are transliteration characters
        if n >= 5 and (strength < (1 if foreign else 9) or 2 * sum(c in translit for c in chunk) <= n):
            continue
        if strength >= (1 if foreign else 2) or (n <= 4 and _LEADS_A_GROUP.match(text, at + n, s.end)):
            return n  # (江苏省委书记信长星|率江苏省党政代表团: a rare surname, and the verb that leads a group)
    return 0


# 率 and the group it leads, in one clause: where a name after an office ends (…信长星率江苏省党政代表团).
_LEADS_A_GROUP = re.compile(r"率(?:领)?[^，,。；;：:、]{1,14}?(?:团|组)")


# The marks a clause opens after (a regular expression finds them faster than a loop over characters).
_CLAUSE_OPENERS = re.compile("[,;:，；： \n”」』]")


def _clause_starts(s: SentenceView, taken: list[Span] = ()) -> list[int]:
    """Where a clause may open: the sentence start, after a comma, colon or closing
    quote, and after an organisation (执法局|颜鲲表示)."""
    text = s.text
    starts = [s.start]
    starts += [m.end() for m in _CLAUSE_OPENERS.finditer(text, s.start, s.end - 1)]
    starts += [t.end for t in taken if t.type == "Organization" and t.end < s.end]
    return sorted(set(starts))


# After a name: the person and his wife (巴育夫妇).
_COUPLE = ("夫妇", "伉俪")


def find_subject_people(s: SentenceView, taken: list[Span]) -> list[Span]:
    """Names that open a clause: one before a reporting verb (贾庆林说), or a
    list closed by 等 or a verb (石泰峰、王东峰等参加会见)."""
    text = s.text
    people = People(s, [t for t in taken if not t.attrs.nested])
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


@lru_cache(maxsize=1)
def _name_openers() -> frozenset[str]:
    """The characters a Chinese or Tibetan name may open with: the first of a surname (of one
    character or two) or of a Tibetan name's part."""
    single, double = surnames()
    return single | {d[0] for d in double} | {p[0] for p in tibetan_name_parts()}


def find_model_people(s: SentenceView, taken: list[Span]) -> list[Span]:
    """Names with no cue around them: foreign names in transliteration, then
    Chinese names scored by the given-name model (:mod:`kg.extract.models.names`) — a surname
    at the start of a word, a given name whose characters read as one, and a
    boundary after it."""
    text = s.text
    people = People(s, [t for t in taken if not t.attrs.nested])
    _foreign_people(s, people)
    single, double = surnames()
    tibetan_parts = tibetan_name_parts()
    openers = _name_openers()
    for i in sorted(s.token_starts):
        # most words open neither a surname nor a Tibetan name: one set look-up passes them over
        # before the dearer tests
        if i >= s.end or text[i] not in openers:
            continue
        head = text[i:i + 2]
        sur = 2 if head in double else (1 if text[i] in single else 0)
        if not sur and head not in tibetan_parts:
            continue
        if overlaps_any(i, i + 1, people.occupied):
            continue
        if tibetan_name(text[i:i + 4]) and person_name_at(text, i, s.end, s.token_ends) == 4:
            people.add(i, 4, "name-model", 0.6)  # 白玛赤林: a Tibetan name, whatever surname it opens like
            continue
        if not sur:
            continue
        if sur == 1 and text[i + 1:i + 2] in single and person_name_at(text, i, s.end, s.token_ends) == 4:
            # 叶刘淑仪: a Hong Kong married woman's name, which the name model (two or three
            # characters) would cut to the husband's surname's half (刘淑仪)
            people.add(i, 4, "name-model", 0.6)
            continue
        best, best_score = 0, THRESHOLD
        for n in (sur + 2, sur + 1):
            j = i + n
            if j > s.end or j not in s.token_ends and not (j in s.token_starts or j == s.end):
                continue
            if not all_han(text[i:j]) or any(c in not_given_chars() for c in text[i + sur:j]):
                continue
            if text[j:j + 1] in _PLACE_ENDINGS or text[j - 1] in _PLACE_ENDINGS:
                continue  # 南爱琴省: the start of a place name; 千户苗寨: a place
            sc = candidate_score(text, i, j, sur, boundary_strength(text, j, s.end))
            if sc >= best_score:
                best, best_score = n, sc
        if best:
            people.add(i, best, "name-model", min(0.7, best_score / 5))
    return people.out


# What a foreign name may follow besides a word boundary: a conjunction or a list mark.
_LIST_JOINERS = re.compile("[与和同、,，]")


def _foreign_people(s: SentenceView, people: People) -> None:
    """Foreign names: transliteration joined by ``·``/``-`` (鲁斯塔姆·埃莫马利), or a
    run of transliteration characters that jieba reads as one unknown word or a
    name (克林顿, 内塔尼亚胡), ending where a name ends."""
    text = s.text
    chars = translit_chars()
    starts = set(s.token_starts) | {m.end() for m in _LIST_JOINERS.finditer(text, s.start, s.end)}
    for i in sorted(starts):
        # every foreign name opens with a transliteration character
        if i >= s.end or text[i] not in chars or overlaps_any(i, i + 1, people.occupied):
            continue
        joined = foreign_name_at(text, i, s.end)
        n = joined or translit_run(text, i, s.end)
        if not joined and s.token_starts.get(i, 0) - i >= 3 and s.token_starts[i] - i < n:
            n = s.token_starts[i] - i  # jieba's word is the name (阿拉法特|于)
        if n < 3 or not joined and i + n not in s.token_ends and i + n != s.end:
            continue
        tag = word_tag(text[i:i + n])
        if not joined and tag is not None and not tag.startswith("nr"):
            continue
        if joined and i - 2 >= s.start and text[i - 1] in chars and text[i - 1] not in FUNCTION_CHARS \
                and text[i - 2] in FUNCTION_CHARS and not overlaps_any(i - 1, i, people.occupied):
            # jieba cut the name's first character off with a preposition (向纳|伊布·布克尔)
            i, n = i - 1, n + 1
        if boundary_strength(text, i + n, s.end) >= 1:
            people.add(i, n, "foreign-name", 0.6)


# A subject linked to its verb through a place, a partner or a target: X在…, X同…, X对….
_SUBJECT_LINKS = ("在", "同", "与", "对", "向", "和")


@lru_cache(maxsize=1)
def _subject_verbs() -> tuple[str, ...]:
    rows = [r[0] for r in load_table("cues.tsv") if r[1] in ("speaks_at", "meets", "attends", "leads",
                                                              "visits", "accompanies", "signs") and len(r[0]) > 1]
    # of the one-character cues only 说 is safe right after a name (钱其琛说)
    return longest_first({*rows, "说", *load_lines("speech_verbs.txt")})


# What news writes right before a name and a finder may take as its first character: the function
# words, 应 of 应…邀请 (at someone's invitation), 原 and 前 (former: 原刘新兴), 因 and 曾 (because,
# once) and 即 (that is).
_GLUED_BEFORE = FUNCTION_CHARS | frozenset("应原前因曾即任")  # (任 of 曾任, 出任: 曾任高永文政治助理的…)


def married_names(s: SentenceView, people: list[Span]) -> list[Span]:
    """``people`` with a Hong Kong married name read in full: jieba cuts 林鄭月娥 into 林|郑月|娥 and a
    finder stops at 林郑月; a surname alone, a word that opens with a surname, then one character
    that is a noun (no verb, preposition or particle) make one name of four.

    >>> from kg.text.segment import tokenize
    >>> t = "特首林郑月娥吹起号角"
    >>> s = SentenceView(t, 0, len(t), tokenize(t), [])
    >>> [sp.name for sp in married_names(s, [Span(2, 5, "Person", "林郑月", "after-title")])]
    ['林郑月娥']
    """
    single = surnames()[0]
    text = s.text
    out = []
    for sp in people:
        a, b = sp.start, sp.end
        nxt = s.token_starts.get(b)
        if b - a == 3 and s.token_starts.get(a) == a + 1 and s.token_starts.get(a + 1) == b \
                and nxt == b + 1 and text[a] in single and text[a + 1] in single \
                and (word_tag(text[b]) or "x")[:1] in ("n",) and text[b] not in stopwords():
            sp = replace(sp, end=b + 1, name=sp.name + text[b])
        out.append(sp)
    return out


#: Sources that guess a name from its shape, with no lexicon entry or cue behind it.
GUESSED_SOURCES = frozenset(("crf", "name-model", "foreign-name", "jieba-nt"))
# … and the tagger, which may read a name short: neither cuts a verb off another reading
_SHAPE_GUESSES = GUESSED_SOURCES | {"tagger"}


_PROVINCE = "省"
# What follows a quoted name that names a ship or a weapon (“卡尔·文森”号, “艾布拉姆斯”主战坦克).
_QUOTED_THING = re.compile("[”\"」』](?:号|级|导弹|坦克|主战坦克|战机|战斗机|火箭|系统|航母|舰)")
_OPEN_QUOTES = frozenset("“\"「『")
# 互 of 互致, 互访, 互相 after a name (李强同奥利互致贺电): the verb's, not the name's.
_MUTUAL = "互"
_MUTUAL_VERBS = frozenset("致访相通")


# 指, 称, 则 glued to a name of two the story names alone, before a comma or colon (范寧指，…; 吳雨稱，…):
# the Hong Kong press's verbs of saying (and its "whereas"), not the name's last character.
_SAYS = frozenset("指称则")
_SAID_MARKS = frozenset("，,：:")


def _opens_verb(text: str, i: int) -> bool:
    """Whether a verb starts at ``text[i]``: a verb of one character or two (批|评, 致)."""
    return any((word_tag(text[i:i + n]) or "")[:1] == "v" for n in (2, 1))


def _opens_predicate(text: str, i: int) -> bool:
    """Whether what a clause says of its subject starts at ``text[i]``: a verb, or an adverb,
    preposition or conjunction before one (有, 正考虑, 却表示, 以推特回应)."""
    return _opens_verb(text, i) or (word_tag(text[i]) or "")[:1] in ("d", "p", "c")


# What the press writes after a name for the court case of its bearer (邓龙威案); no given name ends so.
_CASE = "案"
# "Former", between a name and the title of one who served him (高永文前政治助理陈凯欣).
_FORMER = "前"


def trim_glued_people(text: str, spans: list[Span]) -> list[Span]:
    """People found with the word before them glued on (应武契奇总统邀请, 同敏昂莱举行会谈), or the first
    character of the verb after them (郭荣铿批评, 刘宁致辞), by any finder: where the document names
    the person without it elsewhere, the name is without it.  (A name that only looks glued, 同X in
    a text that never names X alone, stays.)  A guessed name that opens with a country's side the
    document writes (卢方 of 卢方愿同中方…) is none.

    >>> text = "塞尔维亚总统武契奇。应武契奇总统邀请"
    >>> spans = [Span(6, 9, "Person", "武契奇", "after-title"), Span(10, 14, "Person", "应武契奇", "crf")]
    >>> [(sp.start, sp.name) for sp in trim_glued_people(text, spans)]
    [(6, '武契奇'), (11, '武契奇')]
    >>> text = "特首梁振英出席。梁振英批评示威者"
    >>> spans = [Span(2, 5, "Person", "梁振英", "after-title"), Span(8, 12, "Person", "梁振英批", "crf")]
    >>> [sp.name for sp in trim_glued_people(text, spans)]
    ['梁振英', '梁振英']
    >>> text = "乡议局主席刘业强表示。刘业强会后表示。乡议局主席刘业强有「智慧」"
    >>> spans = [Span(5, 8, "Person", "刘业强", "after-title"), Span(11, 14, "Person", "刘业强", "crf"),
    ...          Span(24, 28, "Person", "刘业强有", "after-title")]
    >>> [sp.name for sp in trim_glued_people(text, spans)]
    ['刘业强', '刘业强', '刘业强']
    >>> text = "中方愿同卢方一道。卢方愿加强合作"
    >>> [sp.name for sp in trim_glued_people(text, [Span(9, 12, "Person", "卢方愿", "crf")])]
    []
    """
    people = {sp.name for sp in spans if sp.type == "Person"}
    # names a cue or a title delimits (李家超 after 保安局局长), not guessed from their shape: only
    # these cut a verb's first character off another's (李家 guessed somewhere cuts no 李家超)
    read_whole = {sp.name for sp in spans if sp.type == "Person" and sp.source not in _SHAPE_GUESSES}
    # … and a name read once, where the same name less its last character is read often (刘业强有
    # after a title, 刘业强 four times): its end was guessed too
    counts = Counter(sp.name for sp in spans if sp.type == "Person")
    once = {name for name, n in counts.items() if n == 1 and counts[name[:-1]] >= 2}
    out = []
    for sp in spans:
        if sp.type == "Person" and sp.source in _SHAPE_GUESSES and is_side(sp.name[:2]) \
                and text.count(sp.name[:2]) > 1:
            continue  # 中方愿同卢方一道…卢方愿同中方加强合作: a country's side the document writes, no name
        if sp.type == "Person" and sp.source in _SHAPE_GUESSES and sp.name.endswith(_PROVINCE):
            continue  # 萨达省, 荷台达省: a province no rule knew, no name
        if sp.type == "Person" and _QUOTED_THING.match(text, sp.end) and text[sp.start - 1:sp.start] in _OPEN_QUOTES:
            continue  # “哈里·杜鲁门”号, “伊斯坎德尔”导弹: a ship or a weapon named after someone or something
        if sp.type == "Person" and sp.name.endswith(_MUTUAL) and len(sp.name) >= 3 and text[sp.end:sp.end + 1] in _MUTUAL_VERBS:
            sp = replace(sp, end=sp.end - 1, name=sp.name[:-1])  # 尼泊尔总理奥利|互致贺电
        if sp.type == "Person" and len(sp.name) >= 3 and sp.name[-1] == _CASE and text[sp.end - 1:sp.end] == _CASE:
            sp = replace(sp, end=sp.end - 1, name=sp.name[:-1])  # 邓龙威案, 孟晚舟案: the case of the one named
        if sp.type == "Person" and len(sp.name) >= 3 and sp.name[0] in _GLUED_BEFORE \
                and sp.name[1:] in people and text[sp.start:sp.start + 1] == sp.name[0]:
            sp = replace(sp, start=sp.start + 1, name=sp.name[1:])
        elif sp.type == "Person" and len(sp.name) >= 3 and sp.name[:-1] in read_whole \
                and text[sp.end - 1:sp.end] == sp.name[-1] and (sp.name not in read_whole or sp.name in once) \
                and _opens_predicate(text, sp.end - 1):
            sp = replace(sp, end=sp.end - 1, name=sp.name[:-1])
        elif sp.type == "Person" and len(sp.name) >= 3 and sp.name[-1] == _FORMER and sp.name[:-1] in people \
                and text[sp.end - 1:sp.end] == _FORMER and title_at(text, sp.end):
            sp = replace(sp, end=sp.end - 1, name=sp.name[:-1])  # 高永文|前政治助理: whose former aide
        elif sp.type == "Person" and sp.source in _SHAPE_GUESSES and len(sp.name) == 3 and sp.name[-1] in _SAYS \
                and text[sp.end:sp.end + 1] in _SAID_MARKS and sp.name[:-1] in people:
            sp = replace(sp, end=sp.end - 1, name=sp.name[:-1])  # 范寧|指，: the Hong Kong press's verb of saying
        elif sp.type == "Person" and sp.source in _SHAPE_GUESSES and len(sp.name) == 4 and sp.name[:2] in people \
                and sp.name not in read_whole and any(len(p) > 2 and p.startswith(sp.name[:2]) and p != sp.name
                                                      for p in read_whole) \
                and (_opens_predicate(text, sp.end - 2) or (word_tag(text[sp.end - 2:sp.end + 2]) or "")[:1] in ("i", "l")):
            # 林郑|发梦, 林郑|高谈(阔论): the short name of someone the story names in full (林郑 of
            # 林郑月娥) and a predicate or an idiom after it, read by a guess as one four-character name
            sp = replace(sp, end=sp.end - 2, name=sp.name[:2])
        out.append(sp)
    return out
