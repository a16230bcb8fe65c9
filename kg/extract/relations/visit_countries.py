"""The larger places of a place visited.  The country of a foreign city: who arrives in 阿斯塔纳 visits
哈萨克斯坦 (the annotators write both where the story names the country, and the story often names the
country only as its host's: ``乘专机抵达阿斯塔纳，应哈萨克斯坦共和国总统托卡耶夫邀请，出席…``).  The
city or province an administrative chain begins with: who goes to 鄂州市鄂城区峒山村 visits 鄂州市 (the
annotators write it beside the place).  Passes over the relations a document's rules and model found
(:func:`kg.extract.relations.find_relations`).
"""

from __future__ import annotations

from dataclasses import replace

from kg.extract.relations.state import is_delegation
from kg.extract.spans import Found, Span
from kg.lexicon.gazetteer import transliterated

__all__ = ["countries_of_cities_visited", "divisions_of_chains_visited"]

# A visit read from the city rather than the text: below the visit it comes from.
_CONFIDENCE = 0.6
_CAPITAL = "北京市"


def _from_abroad(visitor: Span) -> bool:
    """Whether ``visitor`` reads as one who comes from abroad to a foreign city: a delegation, or a
    person whose name is no transliteration (习近平, 张建宗; not 特朗普 or Chris Smith in Washington,
    whose city is his own country's more often than not)."""
    if visitor.type != "Person":
        return is_delegation(visitor)
    return all("\u4e00" <= c <= "\u9fff" for c in visitor.name) and not transliterated(visitor.name)


def countries_of_cities_visited(found: list[Found], spans: list[Span]) -> list[Found]:
    """``found`` and, for each visit to a foreign city, a visit to its country where the document
    names that country (``spans``: the document's mentions; the first one of the country is the
    object).  Not a city of China, and only for a visitor from abroad (:func:`_from_abroad`); who
    holds an office of the country is at home there (dropped after,
    :func:`.no_visits.without_own_country_visits`).

    >>> from kg.extract.spans import SpanAttrs
    >>> city = Span(8, 12, "Place", "阿斯塔纳", "g", attrs=SpanAttrs(category="city", parent="哈萨克斯坦"))
    >>> kz = Span(16, 21, "Place", "哈萨克斯坦", "g", attrs=SpanAttrs(category="country"))
    >>> xi = Span(4, 7, "Person", "习近平", "x")
    >>> [(f.subject.name, f.object.name) for f in countries_of_cities_visited([Found("visits", xi, city, (0, 30))], [city, kz])]
    [('习近平', '阿斯塔纳'), ('习近平', '哈萨克斯坦')]
    """
    countries: dict[str, Span] = {}
    for s in spans:
        if s.type == "Place" and s.attrs.category == "country" and not s.attrs.abbreviation:
            countries.setdefault(s.attrs.full or s.name, s)
            countries.setdefault(s.name, s)
    if not countries:
        return found
    visited = {(f.subject.name, f.object.name) for f in found if f.type == "visits" and f.object is not None}
    added: list[Found] = []
    for f in found:
        city = f.object
        if f.type != "visits" or city is None or city.type != "Place" or city.attrs.category != "city" \
                or city.attrs.parent in ("", "中国") or not _from_abroad(f.subject):
            continue
        country = countries.get(city.attrs.parent)
        if country is None or (f.subject.name, country.name) in visited:
            continue
        visited.add((f.subject.name, country.name))
        added.append(replace(f, object=country, confidence=min(f.confidence, _CONFIDENCE)))
    return found + added


def divisions_of_chains_visited(found: list[Found], spans: list[Span]) -> list[Found]:
    """``found`` and, for each visit to a place an administrative chain names (鄂州市鄂城区峒山村,
    昌吉州阜康市), a visit to the city or province the chain begins with (鄂州市, 昌吉州: one of the
    chain's nested mentions in ``spans``).  A county or district that begins a chain (布尔津县禾木村,
    青羊区清源社区) the annotators mostly leave inside the place's name, and those between too.

    >>> from kg.extract.spans import SpanAttrs
    >>> village = Span(8, 17, "Place", "鄂州市鄂城区峒山村", "g", attrs=SpanAttrs(category="division", level=5))
    >>> city = Span(8, 11, "Place", "鄂州市", "g", attrs=SpanAttrs(category="division", level=2, nested=True))
    >>> district = Span(11, 14, "Place", "鄂城区", "g", attrs=SpanAttrs(category="division", level=3, nested=True))
    >>> li = Span(4, 6, "Person", "李希", "x")
    >>> [(f.subject.name, f.object.name) for f in divisions_of_chains_visited([Found("visits", li, village, (0, 30))],
    ...                                                                       [village, city, district])]
    [('李希', '鄂州市鄂城区峒山村'), ('李希', '鄂州市')]
    """
    # (not the capital: the central leaders the news follows are at home there, 习近平…来到北京市通州区潞城镇)
    heads = {s.start: s for s in spans if s.type == "Place" and s.attrs.category == "division" and s.attrs.nested
             and (s.attrs.level or 9) <= 2 and (s.attrs.full or s.name) != _CAPITAL}
    visited = {(f.subject.name, f.object.name) for f in found if f.type == "visits" and f.object is not None}
    added: list[Found] = []
    for f in found:
        site = f.object
        if f.type != "visits" or site is None or site.type != "Place":
            continue
        head = heads.get(site.start)
        if head is not None and head.end < site.end and (f.subject.name, head.name) not in visited:
            visited.add((f.subject.name, head.name))
            added.append(replace(f, object=head))
    return found + added
