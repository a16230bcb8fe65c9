"""Organisations the lexicon knows, a foreign country's bodies (``美国教育部``), and words jieba's
dictionary tags as organisations that open with their place (``美国司法部``).
"""

from __future__ import annotations

from kg.extract.entities.sentence import SentenceView, overlaps_any, title_at
from kg.extract.spans import Span, SpanAttrs
from kg.lexicon.jieba_dict import word_tag

__all__ = ["find_tagged_orgs", "find_known_orgs"]

def find_tagged_orgs(s: SentenceView) -> list[Span]:
    """Words jieba's dictionary tags as organisations (``nt``) that open with their
    place: 美国司法部, 韩国法务部, 青岛市旅游局, 美国使馆.

    The tag alone is not enough — the dictionary also tags 意志集中 and 中南部 ``nt``."""
    out = []
    text = s.text
    place_at = {h.start: h.end for h, e in s.names if e.kind == "place"}
    known = [(h.start, h.end) for h, e in s.names if e.kind == "org"]
    for a, b in s.tokens:
        if b - a < 3 or word_tag(text[a:b]) != "nt" or overlaps_any(a, b, known) \
                or title_at(text, b - 1) or title_at(text, b - 2):
            continue
        place_end = s.name_ending.get(b)
        if place_end and place_end[1].kind == "place":
            continue  # 北京人民大会堂: a place in a city
        if a < place_at.get(a, b) < b:
            out.append(Span(a, b, "Organization", text[a:b], "jieba-nt", 0.7, SpanAttrs(category="nt")))
    return out


# Places whose bodies share their names with China's (香港证监会, 台湾"教育部").
_SEPARATE_SYSTEMS = ("香港", "澳门", "台湾")


def find_known_orgs(s: SentenceView) -> list[Span]:
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
                            SpanAttrs(category="abroad")))
        else:
            out.append(Span(h.start, h.end, "Organization", s.text[h.start:h.end], "lexicon", 0.95,
                            SpanAttrs(category=e.category, canonical=e.parent or e.name, weak=s.in_phrase(h.start, h.end))))
    return out
