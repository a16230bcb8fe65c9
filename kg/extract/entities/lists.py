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

from kg.extract.spans import Span
from kg.lexicon.jieba_dict import word_tag

__all__ = ["type_list_items", "LIST_ITEM"]

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
_NEW_NAME_MAX = 10
# Characters that do not occur inside a short name but do in a phrase.
_FUNCTION = re.compile("[的了在是对为把被将从向于着过等其之个与愿]")
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
    cut: set[Span] = set()
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
            elif sp.type == "Organization" and len(inside) == 1 and inside[0].end == b \
                    and inside[0].type == sp.type and not _overlaps(spans, starts, a, inside[0].start):
                # 沈鼓集团、北方药谷德生生物科技公司: the name is the whole item, not its tail
                cut.add(inside[0])
                added.append(replace(inside[0], start=a, name=text[a:b], source=LIST_ITEM))
    if not added:
        return given
    return sorted([s for s in given if s not in cut] + added, key=lambda s: (s.start, s.end))


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
    if not _NAME_LIKE.fullmatch(item) or _FUNCTION.search(item):
        return False
    tag = word_tag(item)
    return tag is None or tag.startswith(_NAME_TAGS)
