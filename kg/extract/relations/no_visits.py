"""What reads as a visit and is none: a delegation's visit to its own home, a visit to where the
visitor returns, a visit of someone to the country his own office is of.  Filters over the
relations a document's rules and model found (:func:`kg.extract.relations.find_relations`).
"""

from __future__ import annotations

from functools import lru_cache

from kg.extract.entities.context import StoryContext
from kg.extract.relations.state import is_delegation, named_after, offices_held
from kg.extract.spans import Found
from kg.lexicon import load_lines
from kg.lexicon.gazetteer import gazetteer, is_country

__all__ = ["without_home_visits", "without_returns", "without_own_country_visits"]

# Verbs of returning home after a visit (结束访问后回到北京, 返回香港).
_RETURNING = ("回到", "返回", "返抵", "回国", "返京", "回京")


def without_home_visits(found: list[Found]) -> list[Found]:
    """``found`` without a delegation's visits to its own home (``上海市代表团`` does not visit
    上海: ``启程赴毗邻上海的浙江省`` names the home only to say where the visit goes)."""
    return [f for f in found if not (f.type == "visits" and f.object is not None and is_delegation(f.subject)
                                     and f.object.type == "Place" and named_after(f.subject.name, f.object))]


def without_returns(found: list[Found], text: str) -> list[Found]:
    """``found`` without a visit to where its sentence has the visitor return (结束国事访问返回北京:
    home, not visited), whatever read it as one.

    >>> from kg.extract.spans import Span
    >>> t = "习近平结束国事访问返回北京。"
    >>> f = Found("visits", Span(0, 3, "Person", "习近平", "x"), Span(11, 13, "Place", "北京", "x"), (0, 14))
    >>> without_returns([f], t)
    []
    """
    def returns(f: Found) -> bool:
        a, b = f.sentence
        name = f.object.name
        at = text.find(name, a, b)
        return at >= 0 and text.find(name, at + 1, b) < 0 and text.endswith(_RETURNING, a, at)

    return [f for f in found if not (f.type == "visits" and f.object is not None and returns(f))]


def without_own_country_visits(found: list[Found]) -> list[Found]:
    """``found`` without a visit of someone to the country his office is of: an office of China's
    central bodies (国务院总理, 中共中央总书记) is at home in 中国, a foreign one in its country (朝鲜劳动党
    总书记、国务委员长金正恩 does not visit 朝鲜, whatever a summit's name or a guest's clause says)."""
    home: dict[str, set[str]] = {}
    central = _central_bodies()
    for holder, offices in offices_held(found, former=False).items():
        for office in offices:
            # (an office the tagger found whole has no place noted: 沙特外交大臣; its name opens with it)
            place = office.attrs.place or _canonical_place(StoryContext.place_of(office.name))
            country = "中国" if office.name.startswith(central) else place
            if is_country(country):
                home.setdefault(holder, set()).add(country)
    # (a foreign host meeting guests in one of his country's cities visits it no more: 沙特外交大臣
    # 费萨尔在吉达会见…; China's leaders' tours of their own provinces are visits)
    return [f for f in found if not (f.type == "visits" and f.object is not None and f.object.type == "Place"
                                     and home.get(f.subject.name, set()) & (
                                         {f.object.name, f.object.attrs.full}
                                         | ({f.object.attrs.parent} - {"中国", ""})))]


def _canonical_place(written: str) -> str:
    """The gazetteer's name of the place ``written`` names (沙特阿拉伯 → 沙特), or ''."""
    entry = gazetteer().place(written) if written else None
    return entry.name if entry is not None else ""


@lru_cache(maxsize=1)
def _central_bodies() -> tuple[str, ...]:
    return tuple(load_lines("central_bodies.txt"))
