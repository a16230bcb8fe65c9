"""Items of an enumeration share their neighbours' type: in ``参观了华为、联想、大族激光等企业``
the rules know 华为 and 联想 as companies; 大族激光, listed with them, is one too.

Only an item after a separator is taken (the first item of a list has no clear left edge),
only in a list where at least two items already have the type and none has another, and only when every other item reads as a name: no common word of jieba's dictionary
(企业, 学校), no function character.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from functools import lru_cache

from kg.extract.entities.sentence import SENTENCE_OPENING, SITE_VERBS, all_han, is_han, visit_activities
from kg.extract.spans import Span
from kg.lexicon import longest_first
from kg.lexicon.gazetteer import gazetteer
from kg.lexicon.jieba_dict import cut, word_freq, word_tag

__all__ = ["type_list_items", "type_site_list_items", "LIST_ITEM"]

#: The source of a span typed from its list.
LIST_ITEM = "list-item"
_TYPES = ("Organization", "Place")
# What separates the items of a list (和, 及 only before the last), and what ends it. Not 与:
# it joins two sides (中国与巴西) more often than it closes a list.
_SEPARATOR = re.compile("、|以及|和|及")
_END = re.compile("等|[，。；：,;:！？!?）)\n]")
# An item that reads as a name: Han characters, Latin letters and digits, 2 to 14 of them; one
# the rules found nothing of is at most 10 (longer ones have a suffix the rules know).
_NAME_LIKE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·]{2,14}")
_PROJECT_LIKE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·]{2,22}")
_NEW_NAME_MAX = 10
# A place or a word in parentheses that qualifies a name inside it (盖世集团(齐河)物流产业园).
_QUALIFIER = re.compile(r"\([\u4e00-\u9fff]{1,6}\)")
# Characters that do not occur inside a short name but do in a phrase.
_FUNCTION = re.compile("[的了在是对为把被将从向于着过等其之个与愿涉]")  # (涉港, 涉疆: "concerning")
# jieba tags of dictionary words that are names (an abbreviation, a proper noun, an organisation).
_NAME_TAGS = ("nt", "nz", "ns", "nr", "j")


def type_list_items(text: str, spans: list[Span]) -> list[Span]:
    """``spans`` with the untyped items of lists whose other items are typed, as :data:`LIST_ITEM` spans.

    >>> from kg.extract.spans import Span
    >>> text = "参观了华为、联想、大族激光、小米等企业。"
    >>> known = [Span(3, 5, "Organization", "华为", "t"), Span(6, 8, "Organization", "联想", "t"),
    ...          Span(14, 16, "Organization", "小米", "t")]
    >>> [s.name for s in type_list_items(text, known) if s.source == LIST_ITEM]
    ['大族激光']

    An item's tail typed alone is named as the whole item:

    >>> text = "考察了沈鼓集团、北方药谷德生生物科技公司、拓荆科技公司。"
    >>> known = [Span(3, 7, "Organization", "沈鼓集团", "t"), Span(10, 20, "Organization", "药谷德生生物科技公司", "t"),
    ...          Span(21, 27, "Organization", "拓荆科技公司", "t")]
    >>> [s.name for s in type_list_items(text, known)]
    ['沈鼓集团', '北方药谷德生生物科技公司', '拓荆科技公司']
    """
    given = spans
    spans = sorted(spans, key=lambda s: (s.start, -s.end))
    starts = [s.start for s in spans]
    added: list[Span] = []
    renamed: set[Span] = set()  # (not ``cut``: jieba's cut is this module's too)
    done = -1
    for sp in spans:
        if sp.type not in _TYPES or sp.start < done or not _SEPARATOR.match(text, sp.end):
            continue
        items = _list_from(text, sp)
        done = items[-1][1]
        typed = [_exact(spans, starts, a, b) for a, b in items]
        kinds = {s.type for s in typed if s is not None}
        if kinds != {sp.type} or sum(s is not None for s in typed) < 2:
            continue
        # a list of names holds only names: one phrase among them (中方愿与各方…) and it is no list
        if not all(t is not None or _reads_as_name(text[a:b]) for t, (a, b) in zip(typed, items)):
            continue
        for k, (a, b) in enumerate(items):
            if typed[k] is not None or k == 0:
                continue
            inside = [s for s in spans[bisect_left(starts, a):bisect_left(starts, b)] if s.end <= b]
            if not _overlaps(spans, starts, a, b) and b - a <= _NEW_NAME_MAX:
                added.append(Span(a, b, sp.type, text[a:b], LIST_ITEM, 0.6))
            elif len(inside) == 1 and inside[0].end == b \
                    and inside[0].type == sp.type and not _overlaps(spans, starts, a, inside[0].start):
                # 沈鼓集团、北方药谷德生生物科技公司, 哲蚌寺、强巴林寺 (not the country 巴林's temple): the name
                # is the whole item, not its tail
                renamed.add(inside[0])
                added.append(replace(inside[0], start=a, name=text[a:b], source=LIST_ITEM))
    if not added:
        return given
    return sorted([s for s in given if s not in renamed] + added, key=lambda s: (s.start, s.end))


def _list_from(text: str, first: Span) -> list[tuple[int, int]]:
    """The items ``[a, b)`` of the list ``first`` opens, up to 等 or the end of the clause."""
    items = [(first.start, first.end)]
    at = first.end
    while (sep := _SEPARATOR.match(text, at)) is not None:
        a = sep.end()
        end = _END.search(text, a, a + 16)
        nxt = _SEPARATOR.search(text, a, end.start() if end else a + 16)
        b = nxt.start() if nxt else end.start() if end else a
        if b <= a:
            break
        items.append((a, b))
        at = b
        if nxt is None or sep.group() != "、":
            break
    return items


def _exact(spans: list[Span], starts: list[int], a: int, b: int) -> Span | None:
    for s in spans[bisect_left(starts, a):bisect_left(starts, a + 1)]:
        if s.end == b:
            return s
    return None


def _overlaps(spans: list[Span], starts: list[int], a: int, b: int) -> bool:
    # mentions hardly overlap one another (only nested ones do): the few that start before ``a``
    # are enough to find one that covers it
    return any(s.start < b and a < s.end for s in spans[max(0, bisect_left(starts, a) - 8):bisect_left(starts, b)])


def _reads_as_name(item: str) -> bool:
    if not _reads_as_site(item):
        return False
    tag = word_tag(item)
    return tag is None or tag.startswith(_NAME_TAGS)


# Verbs after which a list names the sites a visit went to (先后参观了A、B和C): the verb gives the
# list's first item a clear left edge, and its items are places and organisations by their endings.
_SITE_VERB = re.compile("(?:" + "|".join(SITE_VERBS) + ")(?![团组队])了?")  # (not 考察团)
#: The kind of lexicon ending that types a site, and the type it gives.
_SITE_ENDINGS = {"place_suffix": "Place", "org_suffix": "Organization"}
_SITE_MAX = 22  # (a project's name, 汇源集团百万吨陈化店矿泉水生产项目)
_PROJECT = "项目"


def type_site_list_items(text: str, spans: list[Span]) -> list[Span]:
    """``spans`` with the items of a list of sites no rule named, typed by their ending.

    A visit's sites come in lists after its verb (``实地参观了九缘食品公司、中国汽车博物馆、曹禺纪念馆``);
    an item the rules did not find, or found only the opening name of (``中国`` of
    ``中国汽车博物馆``), is named whole when it ends as a place or an organisation does.

    >>> text = "考察团参观了九缘食品公司、中国汽车博物馆和曹禺纪念馆。"
    >>> known = [Span(13, 15, "Place", "中国", "t")]
    >>> [(s.name, s.type) for s in type_site_list_items(text, known)]
    [('九缘食品公司', 'Organization'), ('中国汽车博物馆', 'Place'), ('曹禺纪念馆', 'Place')]
    """
    given = spans
    spans = sorted(spans, key=lambda s: (s.start, -s.end))
    starts = [s.start for s in spans]
    added: list[Span] = []
    covered: set[Span] = set()
    def named(a: int, b: int) -> bool:
        return _exact(spans, starts, a, b) is not None

    # (a list after a verb types its items by their endings; one a sentence opens with is of sites
    # whatever they end with)
    verbs = (_site_items(text, verb.end(), named) for verb in _SITE_VERB.finditer(text))
    lists = [(listed, None) for listed in verbs if len(listed) >= 2 or _lone_site(text, listed)]
    lists += [(listed, _UNNAMED_SITE) for listed in _opening_sites(text, spans, starts, named)]
    for listed, unnamed_kind in lists:
        items = [(a, b) for a, b in listed if _exact(spans, starts, a, b) is None]
        found = len(listed) - len(items)  # items a rule named already
        for a, b in items:
            around = [s for s in spans[max(0, bisect_left(starts, a) - 8):bisect_left(starts, b)]
                      if s.start < b and a < s.end]
            # beside a name the rules know, an item may be named by common words (艺术村, 现代农业园);
            # in a list of nothing but such items they are kinds of sites (社区、企业和乡村)
            kind = _site_type(text[a:b]) or _brand_of(text, a, b, around) or unnamed_kind
            if kind is None or not (_specific(text[a:b]) or found and word_tag(text[a:b]) is None):
                continue
            opened = any(s.start == a for s in around if not s.attrs.nested)
            inside = [s for s in around if not s.attrs.nested and not (opened and s.end == b and s.type == kind)]
            if any(s.start < a or s.end > b for s in around) or any(s.start != a for s in inside):
                continue  # a mention across the item's edge, or a name inside it that does not open it
                # (but a name opens it and the item's ending grown short ends it: 山东|百多安|生物医药科技园)
            covered.update(around)
            added.append(Span(a, b, kind, text[a:b], LIST_ITEM, 0.6))
    if not added:
        return given
    return sorted([s for s in spans if s not in covered] + added, key=lambda s: (s.start, s.end))


# What closes a lone site after its verb: the clause, or what the visitor does there (来到X，;
# 走进X项目现场; 来到X调研).
_LONE_SITE_END = re.compile("[，。；,;]|现场")


def _lone_site(text: str, listed: list[tuple[int, int]]) -> bool:
    """Whether the one item after a visit verb is a site by its own ending (来到咸阳彩虹股份公司，)
    and the clause or the visitor's doing closes it."""
    if len(listed) != 1:
        return False
    a, b = listed[0]
    return _site_type(text[a:b]) is not None and (bool(_LONE_SITE_END.match(text, b)) or text.startswith(_doing(), b))


# A sentence's opening site: 在A、B，李强了解… (after a date or time: 29日，在…).
_SITE_OPENING = re.compile("(?:^|(?<=[。！？!?\n]))(?:" + SENTENCE_OPENING.pattern + ")在")
# What a site no ending types is, written where the visitor's doing says it is one (在西安西部超导，
# 李强察看…): most often a company, named by its place and its brand.
_UNNAMED_SITE = "Organization"


def _opening_sites(text: str, spans: list[Span], starts: list[int], named) -> list[list[tuple[int, int]]]:
    """The lists of sites sentences open with (``在A、B，``) where a person follows the comma: there
    they are sites, whatever their endings."""
    out = []
    for opening in _SITE_OPENING.finditer(text):
        listed = _site_items(text, opening.end(), named)
        if not listed or text[listed[-1][1]:listed[-1][1] + 1] not in ("，", ","):
            continue
        after = listed[-1][1] + 1
        if any(s.type == "Person" for s in spans[bisect_left(starts, after):bisect_left(starts, after + 1)]) \
                and all(_names_a_site(text, a, b, spans, starts) for a, b in listed):
            out.append(listed)
    return out


# The last character of a clause that says when or where about something, not which site (在会见…时,
# 在京期间, 在…陪同下, 在…笔下).
_CIRCUMSTANCE_END = frozenset("时后前中下里上内间际")


def _names_a_site(text: str, a: int, b: int, spans: list[Span], starts: list[int]) -> bool:
    """Whether ``text[a:b]`` after a sentence's opening 在 names a site: no circumstance (在京期间,
    在…宣布退出后), no verb before its last word (在大丰宜君扶贫协作), no company that opens it
    with the part of its grounds after it (在南京钢铁集团有限公司智能工厂, the visit is the company's),
    and no names written together (在中关村科学城北京市科学技术研究院, two sites)."""
    if text[b - 1] in _CIRCUMSTANCE_END:
        return False
    words = cut(text[a:b])
    if any((word_tag(w) or "").startswith("v") for w in words[:-1]):
        return False
    inside = [s for s in spans[bisect_left(starts, a):bisect_left(starts, b)] if s.end <= b and not s.attrs.nested]
    if any(s.start == a for s in inside) and any(s.start > a and s.end == b for s in inside):
        return False  # names written together (在中关村科学城北京市科学技术研究院): each is a site of its own
    return not any(s.type == "Organization" and s.start == a and s.end < b for s in inside)


def _brand_of(text: str, a: int, b: int, around: list[Span]) -> str | None:
    """Organization where an item is a company the rules found the opening name of, with a word
    or two of its own after it (腾讯云, 中兴派能: a business of the company, not the company)."""
    opening = next((s for s in around if s.start == a and not s.attrs.nested), None)
    if opening is None or opening.type != "Organization" or not 1 <= b - opening.end <= 3 \
            or not all(is_han(c) for c in text[opening.end:b]) or text[opening.end:b] in visit_activities():
        return None  # (来到A、中国电子科技集团有限公司调研: what the visitor does there, no business)
    return "Organization"


def _site_items(text: str, at: int, named=lambda a, b: False) -> list[tuple[int, int]]:
    """The items ``[a, b)`` of a list starting at ``at``, up to 等 or the end of the clause (an item
    ``named(a, b)`` by a rule is one, whatever its characters: 山东梦之旅房车有限公司)."""
    items: list[tuple[int, int]] = []
    last = False  # after 和, 及: the last item, which runs to the end of the clause (运行和治理中心)
    while True:
        end = _END.search(text, at, at + _SITE_MAX + 1)
        while end is not None and end.group() == ")" and text.find("(", at, end.start()) >= 0:
            end = _END.search(text, end.end(), at + _SITE_MAX + 1)  # 盖世集团(齐河)物流产业园: a qualifier inside
        nxt = None if last else _SEPARATOR.search(text, at, end.start() if end else at + _SITE_MAX + 1)
        b = nxt.start() if nxt else end.start() if end else at
        if nxt is None:
            b = _before_doing(text, at, b)  # …北京字节跳动科技有限公司|学习。
        if b - at < 2 or not (_reads_as_site(text[at:b]) or named(at, b)):
            return items
        items.append((at, b))
        if nxt is None or last:
            return items
        last = nxt.group() != "、"
        at = nxt.end()


# What a study tour does at a site besides the visit activities (activities.tsv) that put one there.
_STUDYING = ("考察学习", "学习考察", "学习", "交流", "观摩")


@lru_cache(maxsize=1)
def _doing() -> tuple[str, ...]:
    """What a visitor does at the last site of a list, written right after it (…有限公司学习, …调研),
    longest first."""
    at_place = (word for word, there in visit_activities().items() if there)
    return longest_first({*_STUDYING, *at_place})


def _before_doing(text: str, a: int, b: int) -> int:
    """The end of the last item ``[a, b)`` of a list without what the visitor does there."""
    for word in _doing():
        if text.endswith(word, a, b) and b - len(word) - a >= 2:
            return b - len(word)
    return b


def _reads_as_site(item: str) -> bool:
    """Whether ``item`` has a name's characters and none of a phrase's (a name of either kind); a
    project's may be longer (汇源集团百万吨陈化店矿泉水生产项目)."""
    bare = _QUALIFIER.sub("", item)
    return bool(_NAME_LIKE.fullmatch(bare) or bare.endswith(_PROJECT) and _PROJECT_LIKE.fullmatch(bare)) \
        and not _FUNCTION.search(item)


def _specific(item: str) -> bool:
    """Whether ``item`` names one site rather than a kind of site (党群服务中心, 农民专业合作社): some
    word of it is a place or a rare name in jieba's dictionary (``中国``, ``五芳斋``), is no word of
    the dictionary (``九缘``), or holds Latin letters.

    >>> _specific("九缘食品公司"), _specific("五芳斋产业园"), _specific("党群服务中心"), _specific("乡村")
    (True, True, False, False)
    """
    for w in cut(item):
        tag = word_tag(w)
        if re.search("[A-Za-z]", w) or tag is None and len(w) >= 2 and all_han(w) or tag == "ns" \
                or tag and tag[:2] in _NAME_TAGS and word_freq(w) < _COMMON:
            return True
    return False


# A dictionary word this frequent is a common word whatever jieba tags it (文明 is tagged nr).
_COMMON = 3000


def _site_type(item: str) -> str | None:
    """Place or Organization by the longest lexicon ending of ``item`` that is whole words of it
    (not ``署`` of ``部署``), if any."""
    starts, at = set(), 0
    for w in cut(item):
        starts.add(at)
        if (word_tag(w) or "").startswith(("ns", "nt")):
            starts.update(range(at + 1, at + len(w) - 1))  # a site jieba knows whole (雨花台烈士陵园)
        at += len(w)
    for k in range(min(len(item) - 1, 8), 0, -1):
        if len(item) - k not in starts:
            continue
        for entry in gazetteer().lookup(item[-k:]):
            if entry.kind in _SITE_ENDINGS:
                return _SITE_ENDINGS[entry.kind]
    # a project visited is its site (泉城欧乐堡梦幻世界建设项目); elsewhere a project is no place
    return "Place" if item.endswith(_PROJECT) else None
