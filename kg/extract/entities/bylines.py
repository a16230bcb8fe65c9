"""Bylines: the reporters a story credits (``（记者王姝、马力）``) are people, and act in none
of its relations.
"""

from __future__ import annotations

import re

from kg.extract.entities.sentence import SentenceView, overlaps_any, stopwords
from kg.extract.spans import Span, SpanAttrs
from kg.lexicon.gazetteer import gazetteer

__all__ = ["bylines", "find_byline_people", "find_dateline_outlets", "outlet_places", "SOURCE_LINE"]

# A byline: (记者马力), (记者王姝、马力), (通讯员 李明), a dateline's (…8月23日讯(山东台 王镇富 王玉栋));
# a photo credit: (何君健摄), (记者 李明 摄),
# or a caption's credit at the end of its line (。何君健摄).  The names are runs of two or more
# Han characters, one 、 or space between them: written so that there is one way to read a
# run (a repeated optional separator made a long bracketed run take minutes).
_NAMES = r"([\u4e00-\u9fff]{2,}?(?:[、 ][\u4e00-\u9fff]{2,}?)*?[、 ]?)"
_BYLINE = re.compile(r"[（(](?:[^（()）]{0,12}?)(?:记者|通讯员|实习生)\s*" + _NAMES + r"\s*摄?[）)]"
                     r"|[（(]\s*" + _NAMES + r"\s*[/／]?\s*摄\s*[）)]"
                     r"|(?<=日[讯电])[（(](?:[\u4e00-\u9fff]{2,6}[台社报网] )?" + _NAMES + r"\s*[）)]"
                     r"|(?:(?<=[。！？\n])|^)[ \t]*([\u4e00-\u9fff]{2,4})[ \t]*摄(?=[ \t]*(?:\n|$))"
                     # a line that opens with its reporter, a space before the story (记者孟群舒 由…)
                     r"|(?:(?<=\n)|^)[ \t]*(?:本报|本台|本网)?记者[ \t]*([\u4e00-\u9fff]{2,4}(?:、[\u4e00-\u9fff]{2,4})*)"
                     r"[ \t]+(?=\S)", re.M)


def bylines(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of the bylines in ``text[start:end]``: the reporters they name wrote
    the story; they act in none of its relations.

    >>> bylines("新华社北京4月6日电（记者孙奕）国家主席习近平会见……")
    [(10, 16)]
    >>> bylines("林郑月娥出席活动。（何君健摄）")
    [(9, 15)]
    >>> bylines("公关战赢了一小仗。何君健摄\\n和解路不好走")
    [(9, 13)]
    >>> bylines("标题\\n记者张华 由市长率领的代表团昨天来到三明市")
    [(3, 8)]
    """
    end = len(text) if end is None else end
    if not _may_hold_byline(text, start, end):
        return []
    return [(m.start(), m.end()) for m in _BYLINE.finditer(text, start, end)]


# Every byline holds one of these words (记者, 通讯员 or 实习生 before its names, 摄 after them).
_BYLINE_WORDS = re.compile("摄|记者|通讯员|实习生|日讯|日电")


def _may_hold_byline(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a word every byline holds: most sentences hold none, and
    a search for four words (their first characters scanned for in C) costs a fifteenth of trying
    the byline pattern, which opens with look-behinds, at each position."""
    return _BYLINE_WORDS.search(text, start, end) is not None


def find_byline_people(s: SentenceView, taken: list[Span]) -> list[Span]:
    """The reporters a byline names: any two to four characters between the
    parentheses are a name there, even one that is also a word (记者马力)."""
    out = []
    if not _may_hold_byline(s.text, s.start, s.end):
        return out
    occupied = [(t.start, t.end) for t in taken]
    for m in _BYLINE.finditer(s.text, s.start, s.end):
        group = next(g for g in range(1, _BYLINE.groups + 1) if m.group(g) is not None)
        pos = m.start(group)
        for name in re.split(r"[、 ]", m.group(group)):
            if 2 <= len(name) <= 4 and not overlaps_any(pos, pos + len(name), occupied) \
                    and name not in stopwords():
                out.append(Span(pos, pos + len(name), "Person", name, "byline", 0.8))
            pos += len(name) + 1
    return out


# A local story's dateline names its outlet before 讯 (and the day, if given) at the start of a line:
# 潜江新闻网讯, 中国宁波网讯, 天津北方网讯, 齐鲁网8月23日讯 (本报讯 and 本网讯 name none).
# A web story's dateline may name its outlet, a channel of it and 消息 (中国日报网环球在线消息:, 国际在线吉林频道
# 消息:, 央视网消息（新闻联播）：).
# A wire story's dateline names its outlet before where it files from and the day (东北网哈尔滨6月16日电,
# 中国日报网3月2日电): the shortest run that ends as an outlet does, not cut inside 日报网 (中新社台北…电: 中新社), after
# 据 (据新华社…电: 新华社). The outlet of
# a wire story may be national (中国日报网): its name gives no place the story is about.
_DATELINE = re.compile(r"(?:^|(?<=[\s\u3000【】]))(?:((?!本)[\u4e00-\u9fff]{2,10}?(?:网|报|台))(?:\d{1,2}月\d{1,2}日)?讯"
                       r"|据?((?!本)[\u4e00-\u9fff]{2,10}?(?:网|报|社|电视台|电台))(?![网报])[\u4e00-\u9fff]{0,6}?\d{1,2}月\d{1,2}日电"
                       r"|((?!本)[\u4e00-\u9fff]{2,10}?(?:网|报|在线))(?![网报])[\u4e00-\u9fff]{0,8}?消息[:：(（])",
                       re.M)


def find_dateline_outlets(s: SentenceView) -> list[Span]:
    """The outlet a dateline credits (an Organization: the guidelines count the outlet a story is
    credited to).

    >>> from kg.text.normalize import normalize
    >>> from kg.text.segment import segment
    >>> seg = segment("d", normalize("潜江新闻网讯(记者 李理)3月12日,咸宁市考察团来我市考察。"))
    >>> from kg.extract.entities.sentence import SentenceView
    >>> s = seg.sentences[0]
    >>> [sp.name for sp in find_dateline_outlets(SentenceView(seg.text, s.start, s.end, s.tokens, []))]
    ['潜江新闻网']
    """
    out = [Span(m.start(1), m.end(1), "Organization", m.group(1), SOURCE_LINE, 0.8, SpanAttrs(category="media"))
           for m in _source_lines(s) if not m.group(1).startswith(_NOT_SOURCES)]
    if s.text.find("讯", s.start, s.end) < 0 and s.text.find("日电", s.start, s.end) < 0 \
            and s.text.find("消息", s.start, s.end) < 0:
        return out  # (every dateline ends in 讯, 日电 or 消息: a sentence without them is not tried at each position)
    return out + [Span(m.start(g), m.end(g), "Organization", m.group(g), "wire" if g == 2 else "dateline", 0.8,
                       SpanAttrs(category="media"))
                  for m in _DATELINE.finditer(s.text, s.start, s.end) for g in (next(k for k in (1, 2, 3) if m.group(k)),)
                  if g != 3 or not any(e.kind == "org" for e in gazetteer().lookup(m.group(g)))]  # (央视网: the lexicon's)


#: The source of an outlet a web page credits on a line of its own (来源：山西日报).
SOURCE_LINE = "source-line"
# 来源： and the outlet, up to the end of its line or the page's next credit (来源: 唐山劳动日报  作者:…);
# not a picture's credit (图片来源：民建联Facebook), which names where a picture was found.
_SOURCE_LINE = re.compile(r"(?<![图片照影像频料])来源[:：][ \t\u3000]*\n?[ \t\u3000]*([\u4e00-\u9fffA-Za-z]{2,16})(?=[ \t\u3000]*(?:\n|$)|[ \t\u3000]{2}|[ \t\u3000]*(?:作者|编辑|发布|时间))", re.M)
# 来源： ending the text before a sentence that is the outlet alone (来源:\n山西日报).
_SOURCE_BEFORE = re.compile(r"(?<![图片照影像频料])来源[:：][ \t\u3000]*\n?[ \t\u3000]*$")
_OUTLET_ALONE = re.compile(r"[ \t\u3000]*([\u4e00-\u9fffA-Za-z]{2,16})[ \t\u3000]*$")


def _source_lines(s: SentenceView):
    """The outlets a page credits with 来源, in ``s`` or as ``s`` (a line of its own after 来源：)."""
    text = s.text
    if text.find("来源", s.start, s.end) >= 0:
        yield from _SOURCE_LINE.finditer(text, s.start, s.end)
    if _SOURCE_BEFORE.search(text, max(0, s.start - 8), s.start):
        m = _OUTLET_ALONE.match(text, s.start, s.end)
        if m is not None:
            yield m


# What a page writes after 来源 that names no outlet (来源：作者…, 来源：发布时间…, 来源：本站).
_NOT_SOURCES = ("作者", "发布", "本站", "本网", "网络", "原创", "转载", "编辑", "记者")


# What ends an outlet's name after its place (潜江|新闻网, 中国宁波|网, 金华|日报).
_MEDIA_ENDINGS = ("新闻网", "日报", "晚报", "网", "报", "台")


def outlet_places(outlets: list[Span]) -> list[Span]:
    """The places local outlets are named after, as places inside their names (潜江 of 潜江新闻网,
    宁波 of 中国宁波网): the story's own place, which 来我市 and a bare 市委书记 mean.

    >>> [p.name for p in outlet_places([Span(0, 5, "Organization", "潜江新闻网", "dateline")])]
    ['潜江']
    >>> [p.name for p in outlet_places([Span(0, 5, "Organization", "中国宁波网", "dateline")])]
    ['宁波']
    >>> outlet_places([Span(0, 5, "Organization", "中国政府网", "source-line")])  # a national outlet
    []
    """
    out = []
    for o in outlets:
        stem = next((o.name[:-len(e)] for e in _MEDIA_ENDINGS if o.name.endswith(e)), o.name)
        # the place that ends the stem (中国宁波), else the one that opens it (天津北方), longest first
        candidates = [(a, len(stem)) for a in range(len(stem) - 1)] + [(0, b) for b in range(len(stem) - 1, 1, -1)]
        for a, b in candidates:
            entry = gazetteer().place(stem[a:b])
            if entry is not None and entry.category == "country":
                break  # a national outlet (中国政府网, 中国日报网): no place the story is about
            if entry is not None:
                out.append(Span(o.start + a, o.start + b, "Place", stem[a:b], "dateline", 0.6,
                                SpanAttrs(nested=True, level=entry.level, category=entry.category,
                                          full=entry.name, parent=entry.parent)))
                break
    return out
