"""Personal names by their shape: a surname and a given name, or transliteration joined by
``·``/``-``, ending where something that follows names begins (``率领``, ``表示``, a title).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from kg.extract.entities.sentence import (
    CLAUSE_TAGS,
    FUNCTION_CHARS,
    PUNCT,
    all_han,
    by_first_char,
    is_han,
    stopwords,
    title_at,
)
from kg.lexicon import load_lines
from kg.lexicon.gazetteer import gazetteer, surnames, translit_chars
from kg.lexicon.jieba_dict import COMMON_WORD_FREQ, dictionary_freqs, word_tag

__all__ = ["not_given_chars", "person_name_at", "tibetan_name", "tibetan_name_parts", "boundary_strength", "foreign_name_at", "dotted_name_at",
           "name_before_punctuation", "translit_run", "name_is_plausible"]

@lru_cache(maxsize=1)
def _followers() -> dict[str, tuple[str, ...]]:
    return by_first_char(load_lines("name_followers.txt"))


@lru_cache(maxsize=1)
def tibetan_name_parts() -> frozenset[str]:
    """The two-character parts of Tibetan names (``tibetan_name_parts.txt``): a name of two of them
    (:func:`tibetan_name`) opens with one, which finders test first as a cheap pre-check."""
    return frozenset(load_lines("tibetan_name_parts.txt"))


def tibetan_name(name: str) -> bool:
    """Whether ``name`` is a Tibetan name of two parts (``tibetan_name_parts.txt``), which may end like
    a place (江村) but is none.

    >>> tibetan_name("洛桑江村"), tibetan_name("洛桑村")
    (True, False)
    """
    parts = tibetan_name_parts()
    return len(name) == 4 and name[:2] in parts and name[2:] in parts


@lru_cache(maxsize=1)
def not_given_chars() -> frozenset[str]:
    # Characters that practically never occur in a Chinese given name but do
    # start or end the words around one.
    return frozenset("".join(load_lines("not_given_chars.txt")))


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
    first, head = text[i:i + 1], text[i:i + 2]
    single, double = surnames()
    if first not in single and head not in double and head not in tibetan_name_parts() \
            and first not in translit_chars():
        return 0  # (most characters open no name of any shape: the readings below all start so)
    foreign = foreign_name_at(text, i, limit)
    if foreign:
        return foreign
    if tibetan_name(text[i:i + 4]) and boundary_strength(text, i + 4, limit) >= 1:
        return 4  # 洛桑江村, 白玛赤林: a Tibetan name, two parts and no surname
    if head in double:
        sur = 2
    elif first in single:
        sur = 1
    else:
        return 0
    bad = not_given_chars()
    best, best_strength, fits = 0, 0, []
    # 林郑月娥, 范徐丽泰: a married woman's name with both surnames (Hong Kong usage);
    # not a function word before a name (同习近平), nor two surnames that make a word (白马王子),
    # nor a surname before a known name unless punctuation closes all four (叶刘淑仪、)
    if sur == 1 and text[i + 1:i + 2] in single and i + 4 <= limit and all_han(text[i + 2:i + 4]) \
            and text[i] not in FUNCTION_CHARS and word_tag(text[i:i + 2]) is None \
            and (boundary_strength(text, i + 4, limit) == 9 or not (word_tag(text[i + 1:i + 4]) or "").startswith("nr")) \
            and not any(c in bad for c in text[i + 1:i + 4]) and boundary_strength(text, i + 4, limit) >= 1 \
            and boundary_strength(text, i + 2, limit) == 0 and boundary_strength(text, i + 3, limit) == 0:
        return 4
    for given in (2, 1):
        end = i + sur + given
        if end > limit:
            continue
        chunk = text[i + sur:end]
        if not all_han(chunk) or any(c in bad for c in chunk):
            continue
        fits.append(sur + given)
        strength = boundary_strength(text, end, limit)
        if strength == 1 and text[end] in _GLUED_ONE:
            # 韩正|昨|出席, 王毅|藉|访问: a time word or adverb glued between a name and its verb ends
            # the name as surely as the verb would
            strength = 1 + min(boundary_strength(text, end + 1, limit), 7)
        # a tie (王毅昨在, 李强拟于: 昨 and 在 both follow names) goes to the name jieba reads as one word
        if strength > best_strength or (strength and strength == best_strength and token_ends is not None
                                        and _one_word(i, end, token_ends) and not _one_word(i, i + best, token_ends)):
            best, best_strength = sur + given, strength
    if not best:
        # 巴音朝鲁, 普布顿珠: a four-character name of a minority people, when nothing ends a shorter
        # reading and a boundary (and a word end, where jieba's are given) closes the four
        end = i + sur + 3
        if end <= limit and all_han(text[i + sur:end]) and not any(c in bad for c in text[i + sur:end]) \
                and boundary_strength(text, end, limit) >= 1 \
                and (token_ends is None or end in token_ends or (sur == 2 and _glued_follower(text, end, token_ends))) \
                and (i == 0 or text[i - 1] not in "「『“‘《\"'") \
                and all((word_tag(text[k:k + 2]) or "nr")[:2] in ("nr", "ns") for k in range(i, end - 1)):
            # (「白马王子」 is a phrase quoted; 越共中央 holds words that are no part of a name)
            return sur + 3
    if best or token_ends is None or not fits:
        return best
    if len(fits) == 2 and _third_character_glued(text, i + fits[1], limit, token_ends):
        return fits[0]
    for n in fits:
        if i + n in token_ends:
            return n
    return fits[0]


# One-character time words and adverbs the press writes between a name and its verb (王毅昨出席,
# 韩正藉出席…之机, 李强拟于); a name seldom ends in one of them.
_GLUED_ONE = frozenset("昨拟藉亦已将曾仍")


def _third_character_glued(text: str, end: int, limit: int, token_ends: Mapping[int, int]) -> bool:
    """Whether jieba glued the third character of a name to the word after it (李家|超以书面, 陈维|安上月,
    罗致|光是非): the two-character reading ends a word, the next word is the third character and one
    more, and that word is rarer in jieba's dictionary than the one the text goes on with after the
    third character (以, 上月, 是非) — where it is commoner (李明|今天), the name is of two.

    >>> ends = {2: 0, 4: 2, 6: 4}
    >>> _third_character_glued("李家超以书面", 2, 6, ends), _third_character_glued("李明今天来了", 2, 6, ends)
    (True, False)
    """
    if end not in token_ends or end + 1 in token_ends or token_ends.get(end + 2) != end or end + 2 > limit:
        return False
    freqs = dictionary_freqs()
    glued = freqs.get(text[end:end + 2], 0)
    if glued >= COMMON_WORD_FREQ:
        return False  # 岳飞|相比: a common word after a name of two
    after = freqs.get(text[end + 1:end + 3], 0) if end + 3 <= limit else 0
    if text[end + 1] == "是" or (word_tag(text[end + 1]) or "x")[0] in "pcud":
        after = max(after, freqs.get(text[end + 1], 0))  # a function word may follow a name (超|以书面)
    elif not glued and (word_tag(text[end + 1]) or "x")[0] == "v":
        # a pair jieba's HMM made, no word of its dictionary, before a verb (张国|清受|委托): the verb
        # follows the name of three
        after = max(after, freqs.get(text[end + 1], 0))
    return glued < after


def _glued_follower(text: str, end: int, token_ends: Mapping[int, int]) -> bool:
    """Whether jieba glued a one-character word that follows names to the name's last word
    (铃木|健一郎率|代表团…: 率 is the verb after 铃木健一郎; asked only after a surname of two, as
    a Chinese name of three with a word glued on, 李慧琼竟, is no name of four)."""
    return end + 1 in token_ends and end not in token_ends \
        and any(f == text[end] for f in _followers().get(text[end], ()))


def _one_word(start: int, end: int, token_ends: Mapping[int, int]) -> bool:
    """Whether jieba reads ``[start, end)`` as one word (no word ends inside it)."""
    return end in token_ends and not any(k in token_ends for k in range(start + 1, end))


def boundary_strength(text: str, end: int, limit: int) -> int:
    """How surely a name ends at ``end``: 9 at punctuation or the end, else the
    length of the longest name-following word or title that starts there.

    >>> boundary_strength("龚正率领", 2, 4), boundary_strength("刘家义,", 3, 4)
    (2, 9)
    """
    if end >= limit:
        return 9
    ch = text[end]
    if ch in PUNCT or not is_han(ch):
        return 9
    best = 0
    for f in _followers().get(ch, ()):
        if text.startswith(f, end):
            best = len(f)
            break
    return max(best, len(title_at(text, end)))


def foreign_name_at(text: str, i: int, limit: int) -> int:
    """Length of a transliterated name (parts joined by ``·`` or ``-``) at ``i``.

    Each part is a run of transliteration characters; beside a ``·`` (which in
    Chinese text joins nothing but the parts of a name) a part may also hold one
    character transliteration seldom uses, at either end (安德鲁·葛鲁夫, 苏珊·汉森).

    >>> foreign_name_at("安德鲁·葛鲁夫一行", 0, 9), foreign_name_at("苏珊·汉森说", 0, 6)
    (7, 5)
    """
    chars = translit_chars()
    if i >= limit or text[i] not in chars:
        return 0  # the first part opens with a transliteration character

    def part_end(j: int, after_dot: bool) -> int:
        k = j
        if after_dot and k + 1 < limit and is_han(text[k]) and text[k + 1] in chars:
            k += 1
        while k < limit and text[k] in chars and k - j < 8:
            k += 1
        if k > j and k + 1 < limit and text[k + 1] == "·" and is_han(text[k]) and text[k] not in chars:
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


# The dots that join the parts of a name (凯斯·赛义德); the middle dot is also typed as these.
_NAME_DOTS = "·•・"


def dotted_name_at(text: str, i: int, limit: int) -> int:
    """Length of a name whose parts a dot joins, read through any Han characters, or 0.

    In Chinese text the dot joins nothing but the parts of a name, so its parts need not be
    transliteration characters kg knows (Uyghur and Thai names: 雪克来提·扎克尔, 玛哈·哇集拉隆功);
    the last part runs to where names end (a word that follows names, punctuation).  Only where
    a title or cue says a name starts at ``i``: elsewhere the start is not known.

    >>> dotted_name_at("雪克来提·扎克尔带领三分团", 0, 13), dotted_name_at("凯斯·赛义德对我国", 0, 9)
    (8, 6)
    >>> dotted_name_at("刘家义率领", 0, 5), dotted_name_at("习近平致电南戈洛·姆本巴，", 0, 13)
    (0, 0)
    >>> dotted_name_at("班禅额尔德尼·确吉杰布圆满完成", 0, 15)
    11
    """
    j, dots = i, 0
    while True:
        k = j
        while k < limit and is_han(text[k]) and k - j < 8:
            k += 1
        if k == j:
            return 0
        if k + 1 < limit and text[k] in _NAME_DOTS and is_han(text[k + 1]):
            # a part before a dot holds no word that follows names nor a preposition (习近平|致电|
            # 南戈洛·姆本巴, 习近平|向|纳伊布·布克尔 are two readings; one character such as 来 in 雪克来提
            # may be either)
            if any(boundary_strength(text, m, limit) >= 2 or text[m] in FUNCTION_CHARS for m in range(j + 1, k)):
                return 0
            dots, j = dots + 1, k + 1
            continue
        break
    if not dots:
        return 0
    for end in range(j + 1, min(limit, j + 8) + 1):
        strength = boundary_strength(text, end, limit)
        # the last part ends where names end, or before a verb (穆斯塔法|提交, 马沙特|通话)
        verb = end - j >= 2 and (_verb_at(text, end) or _verb_at(text, end + 2) and _modifier_at(text, end))
        if strength == 1 and not verb and text[end] in _ADVERBS_BEFORE_VERBS and not _verb_at(text, end + 1) \
                and boundary_strength(text, end + 1, limit) != 9:
            continue  # (努尔兰·阿不都满金: 都 before no verb is the name's, as in Uyghur names' 阿不都)
        if strength == 9 or (strength or verb) and end - j >= 2:
            if strength == 1 and text[end] in _ADVERBS_BEFORE_VERBS and boundary_strength(text, end + 1, limit) == 9:
                end += 1  # (巴妮·雅陶都、: an adverb stands before a verb, never before punctuation)
            n = end - i
            return n if _common_words(text[i:i + n]) < 2 else 0
    return 0


def _verb_at(text: str, at: int) -> bool:
    return (word_tag(text[at:at + 2]) or "x")[0] == "v"


def _modifier_at(text: str, at: int) -> bool:
    """Whether a two-character adverb or adjective that says how an act went starts at ``at``
    (…确吉杰布|圆满完成, …扎克尔|顺利完成: the name ends before it)."""
    return word_tag(text[at:at + 2]) in ("a", "ad", "d")


# Adverbs that follow a name before its verb (…都出席, …也表示), never before punctuation.
_ADVERBS_BEFORE_VERBS = frozenset("都也还又就才均")


# Tags of the common words (nouns, verbs, adjectives …) that a name's letters seldom spell.
_COMMON_TAGS = frozenset(("n", "v", "vn", "a", "ad", "d", "t", "f", "p", "c", "u", "m", "q", "r"))


def _common_words(name: str) -> int:
    """How many two-character common words a name holds (长者食堂·学堂: 食堂, 学堂 — no name; a real
    name spells one now and then: 昌德利卡佩尔萨德 holds 利卡)."""
    return sum(word_tag(name[k:k + 2]) in _COMMON_TAGS for k in range(len(name) - 1))


def name_before_punctuation(text: str, i: int, limit: int) -> int:
    """Length of the name at ``i`` that runs to the next punctuation mark, or 0: two to six Han
    characters with nothing inside that follows names (说, 同志, 今天) — where a title or cue says
    a name starts at ``i`` and punctuation says where it ends (白俄罗斯总理戈洛夫琴科。, 西班牙国王费利佩六世。,
    全国政协常委唐英年，).  A run of four or more must be half transliteration (a foreign name)
    or open with a double surname: longer Chinese names are rare.

    >>> name_before_punctuation("戈洛夫琴科。", 0, 6), name_before_punctuation("唐英年，以及", 0, 6)
    (5, 3)
    >>> name_before_punctuation("刘家义讲话。", 0, 6), name_before_punctuation("济济一堂，", 0, 5)
    (0, 0)
    """
    if i >= limit or text[i] in FUNCTION_CHARS or boundary_strength(text, i, limit):
        return 0
    end = i
    while end < limit and end - i <= 6 and is_han(text[end]):
        end += 1
    n = end - i
    if not 2 <= n <= 6 or boundary_strength(text, end, limit) != 9 or text[end:end + 1] in _NAME_DOTS:
        return 0
    if any(boundary_strength(text, k, limit) for k in range(i + 2, end)):
        return 0
    if any((word_tag(text[k:k + 2]) or "x").startswith(CLAUSE_TAGS) for k in range(i, end - 1)):
        return 0  # a verb, adverb or time word inside: a clause, not a name (普京邀请, 特朗普之后)
    if any(word_tag(text[i:i + m]) in _COMMON_TAGS | {"nz"} for m in (2, 3, 4)) or word_tag(text[end - 2:end]) == "n":
        return 0  # a word opens or a noun ends it (班子会, 奥林匹克行, 科普讲座)
    if n >= 4:
        chars = translit_chars()
        if 2 * sum(c in chars for c in text[i:end]) < n and text[i:i + 2] not in surnames()[1]:
            return 0
        if not (word_tag(text[i:end]) or "nr").startswith("nr"):
            return 0  # a word the dictionary knows as no name: 济济一堂
    return n


def translit_run(text: str, i: int, limit: int) -> int:
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
    if len(rest) < 2 or not all_han(name):
        return False
    tag = word_tag(rest)
    if not tag or tag.startswith("nr"):
        return False
    return tag[0] in "pcu" or (tag[0] in "vdmtfr" and name[0] in _FUNCTION_SURNAMES)


# What follows a surname in addressing someone without their name (李总, 姚先生, 陈某).
@lru_cache(maxsize=1)
def _address_words() -> frozenset[str]:
    return frozenset(load_lines("address_words.txt"))


def _is_address_form(name: str) -> bool:
    """Whether ``name`` is a surname with a form of address, no given name:
    李总, 姚先生, 陈某, 老刘, 小王."""
    single, double = surnames()
    if len(name) == 2 and name[0] in "老小" and name[1] in single:
        return True
    for n in (2, 1):
        if name[:n] in (double if n == 2 else single) and name[n:] in _address_words():
            return True
    return False


def name_is_plausible(name: str, strong: bool = False) -> bool:
    """Whether jieba's dictionary lets ``name`` be a name: a word it knows under
    another tag is not one — except, next to a title or cue, where only common
    function words and verbs are refused (jieba tags 周恩来 as a time word)."""
    if "·" in name or "-" in name:
        return True
    if name in stopwords() or _given_part_is_a_word(name) or _is_address_form(name):
        return False
    tag = word_tag(name)
    if tag is None or tag.startswith("nr"):
        return True
    if strong:
        from kg.lexicon.jieba_dict import word_freq

        # jieba tags some leaders' names as places (普京 ns); a place kg knows stays one
        if tag == "ns" and not any(e.kind == "place" for e in gazetteer().lookup(name)):
            return True
        return tag in ("nz", "t", "j") or word_freq(name) < 50
    return False
