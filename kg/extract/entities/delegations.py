"""One delegation, however an article writes it: 天津市党政代表团, 天津党政代表团 and 天津代表团 in one
report are one entity, and so is 党政代表团 alone when the report names one such delegation.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from kg.extract.entities.sentence import SentenceView
from kg.extract.spans import Span, SpanAttrs
from kg.lexicon import load_lines
from kg.lexicon.gazetteer import gazetteer

__all__ = ["complete_short_delegations", "delegation_owner", "delegation_words", "of_its_home", "unify_delegations",
           "unread_homes"]


@lru_cache(maxsize=1)
def delegation_words() -> tuple[str, ...]:
    """Generic words for a delegation (代表团, 考察团), longest first."""
    return load_lines("delegation_words.txt")

# What a delegation's name ends in (its kind), and the words that qualify the kind without naming
# whose it is (天津市党政代表团, 哈尔滨市政府代表团).
_QUALIFIERS = ("党政", "市政府", "省政府", "县政府", "区政府", "政府")
# The level words of a place's name, dropped to compare the rest (安徽省宁国市 ~ 宁国, 天津市 ~ 天津).
_LEVELS = str.maketrans("", "", "省市县区")


@lru_cache(maxsize=1)
def _kinds() -> tuple[str, ...]:
    """The kinds of delegation: the generic words that end in 团 and hold no qualifier (代表团, 考察团)."""
    return tuple(w for w in delegation_words() if w.endswith("团") and len(w) >= 3 and not w.startswith(_QUALIFIERS))


def delegation_owner(name: str) -> tuple[str, str] | None:
    """A delegation's kind and whose it is, the place's level words dropped, or None for a name
    of no delegation.

    >>> delegation_owner("安徽省宁国市党政代表团"), delegation_owner("党政代表团"), delegation_owner("百力化学有限公司")
    (('代表团', '安徽宁国'), ('代表团', ''), None)
    """
    kind = next((k for k in _kinds() if name.endswith(k)), None)
    if kind is None:
        return None
    owner = name[:-len(kind)]
    for q in _QUALIFIERS:
        if owner.endswith(q):
            owner = owner[:-len(q)]
            break
    return kind, owner.translate(_LEVELS)


def of_its_home(name: str, place: str) -> bool:
    """Whether ``place`` (an office's) is the home of the delegation ``name``, or lies in it — or the
    name names no home to tell: the mayor of one city leads no delegation of another.

    >>> of_its_home("浙江省党政代表团", "杭州市"), of_its_home("台中市政府参访团", "淄博市"), of_its_home("代表团", "淄博市")
    (True, False, True)
    """
    whose = delegation_owner(name)
    if whose is None or not whose[1] or not place:
        return True
    owner, key = whose[1], place.translate(_LEVELS)
    if key in owner or owner in key:
        return True
    return any(e.kind == "place" and e.parent and e.parent.translate(_LEVELS) in owner
               for e in gazetteer().lookup(place))


def unread_homes(orgs: list[Span], places: list[Span]) -> list[Span]:
    """The counties and cities delegations are named after where no place was read at their start
    (齐河 of 齐河党政考察团: jieba takes 齐河 for a man's name, and a county's short form alone is no
    place of the gazetteer's), as places inside their names: the homes the story's context reads.

    >>> [(p.name, p.attrs.full) for p in unread_homes([Span(0, 7, "Organization", "齐河党政考察团", "suffix")], [])]
    [('齐河', '齐河县')]
    """
    starts = {p.start for p in places}
    out = []
    for o in orgs:
        whose = delegation_owner(o.name) if o.start not in starts else None
        owner = whose[1] if whose else ""
        if not 2 <= len(owner) <= 4 or not o.name.startswith(owner):
            continue
        entry = next((e for level in "县市" for e in gazetteer().lookup(owner + level)
                      if e.kind == "place" and e.level in (2, 3)), None)
        if entry is not None:
            out.append(Span(o.start, o.start + len(owner), "Place", owner, "delegation-home", 0.6,
                            SpanAttrs(nested=True, level=entry.level, category=entry.category, full=entry.name,
                                      parent=entry.parent)))
    return out


def _owned_by(full_owner: str, owner: str) -> bool:
    """Whether a delegation's owner (its level words dropped) is a short form of a fuller name's: it
    ends it (宁国 of 安徽宁国), or is the place that opens it (富阳 of 富阳文化经贸, the words that
    qualify the kind left out)."""
    return full_owner.endswith(owner) or (full_owner.startswith(owner) and any(
        e.kind == "place" for e in gazetteer().lookup(owner)))


def unify_delegations(spans: list[Span]) -> list[Span]:
    """``spans``, each delegation written short given the identity of the fullest name of it the
    article uses (its ``canonical``): a name whose owner ends the fullest one's (宁国 of 安徽省宁国市)
    or is the place that opens it (富阳 of 富阳市文化经贸考察团),
    and a name that names no owner (党政代表团) when the article names one delegation of its kind.

    >>> from kg.extract.spans import Span
    >>> spans = [Span(0, 11, "Organization", "安徽省宁国市党政代表团", "suffix"),
    ...          Span(20, 27, "Organization", "宁国党政代表团", "suffix"),
    ...          Span(30, 35, "Organization", "党政代表团", "suffix")]
    >>> [sp.attrs.canonical for sp in unify_delegations(spans)]
    ['', '安徽省宁国市党政代表团', '安徽省宁国市党政代表团']
    """
    named: dict[str, list[tuple[str, str]]] = {}  # kind -> (owner, fullest name) per delegation
    for sp in sorted((s for s in spans if s.type == "Organization" and not s.attrs.canonical),
                     key=lambda s: -len(s.name)):
        whose = delegation_owner(sp.name)
        if whose is None or not whose[1]:
            continue
        kind, owner = whose
        groups = named.setdefault(kind, [])
        if not any(_owned_by(full_owner, owner) for full_owner, _ in groups):
            groups.append((owner, sp.name))
    out = []
    for sp in spans:
        whose = delegation_owner(sp.name) if sp.type == "Organization" and not sp.attrs.canonical else None
        if whose is not None:
            kind, owner = whose
            groups = named.get(kind, [])
            fullest = [name for full_owner, name in groups if owner and _owned_by(full_owner, owner)]
            if not owner and len(groups) == 1:
                fullest = [groups[0][1]]
            if len(fullest) == 1 and fullest[0] != sp.name:
                sp = replace(sp, attrs=replace(sp.attrs, canonical=fullest[0]))
        out.append(sp)
    return out


# A delegation named by the level of its place alone (率市政府代表团, 率领省党政代表团): the level, what
# qualifies the kind, the kind — after a word that cannot end a place's name.
_SHORT_DELEGATION = re.compile(r"(?:(?<=率)|(?<=带领)|(?<=率领)|(?<=由)|(?<=的)|(?<=[，,、和与及]))"
                               r"我?(自治区|[省市县区州])((?:党政|人民政府|政府)?(?:代表团|考察团|访问团))")


# A delegation named by its kind alone right after its leader's verb (刘冲,率党政代表团来大丰区考察).
_BARE_DELEGATION = re.compile(r"(?:(?<=率)|(?<=带领)|(?<=率领))((?:党政|政府)(?:代表团|考察团))")
# What ends a body's name after its place (宜君县委, 宁波市人民政府).
_BODY_ENDINGS = ("人民政府", "党委", "政府", "委")


def _lowest_place(body: str) -> str:
    """The last place a body's name holds: 宜君县 of 陕西省铜川市宜君县委, 普陀区 of 舟山市普陀区区委, or ''."""
    name = next((body[:-len(e)] for e in _BODY_ENDINGS if body.endswith(e) and len(body) > len(e)), "")
    if len(name) > 2 and name[-1] == name[-2] and name[-1] in "市县区":
        name = name[:-1]  # the level written again before its committee: 普陀区区委, 公安县县委
    return next((name[a:] for a in range(len(name) - 2, -1, -1) if gazetteer().place(name[a:])), "")


def complete_short_delegations(s: SentenceView, orgs: list[Span], positions: list[Span]) -> list[Span]:
    """``orgs`` with each delegation the sentence names by its place's level alone named in full
    from the office of the leader before it: in ``宁波市委书记刘奇率市党政代表团`` the delegation is
    ``宁波市党政代表团``, in ``哈尔滨市委副书记、市长张效廉率市政府代表团`` ``哈尔滨市政府代表团``.  A
    name the rules glued a verb to (``率市党政代表团``) gives way; without such an office before it
    the sentence's names stand."""
    out = list(orgs)
    if s.text.find("团", s.start, s.end) < 0:
        return out  # every delegation word ends in 团 (代表团, 考察团, 访问团): the patterns find nothing
    nearest_first = sorted(positions, key=lambda p: -p.end)
    for m in _SHORT_DELEGATION.finditer(s.text, s.start, s.end):
        level, rest = m.group(1), m.group(2)
        place = next((p.attrs.place for p in nearest_first
                      if p.end <= m.start() and p.attrs.place.endswith(level)), "")
        if place:
            out = _completed(out, m.start(), m.end(), place + rest)
        elif any(o.end == m.end() and o.start < m.start() for o in out):
            # 市委书记刘建国率市党政代表团赴湖州市: no place for it, but no verb glued on either
            out = _completed(out, m.start(), m.end(), s.text[m.start():m.end()])
    for m in _BARE_DELEGATION.finditer(s.text, s.start, s.end):
        # 陕西省铜川市宜君县委书记刘冲,率党政代表团: the delegation of the leader's county, 宜君县党政代表团
        place = next((low for p in nearest_first if p.end <= m.start() and p.attrs.body
                      for low in (_lowest_place(p.attrs.body),) if low), "")
        if place and not any(o.start < m.start() < o.end for o in out):
            out = _completed(out, m.start(), m.end(), place + m.group(1))
    return out


def _completed(orgs: list[Span], start: int, end: int, name: str) -> list[Span]:
    """``orgs`` with the delegation ``name`` at ``[start, end)`` in place of a name the rules read
    ending there (率市党政代表团, a verb glued on, gives way)."""
    return [o for o in orgs if not (o.end == end and o.start <= start)] + [
        Span(start, end, "Organization", name, "short-delegation", 0.8,
             SpanAttrs(category="delegation", suffix=name[-3:]))]
