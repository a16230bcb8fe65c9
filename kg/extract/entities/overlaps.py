"""Choosing among overlapping candidate spans: the longest wins, then by type and score; names
inside a Position (a document's parties, the divisions of an administrative chain) are kept as
nested mentions.
"""

from __future__ import annotations

from dataclasses import replace

from kg.extract.entities.suffixed import GOVERNMENTS
from kg.extract.spans import Span

__all__ = ["TYPE_PRIORITY", "resolve_overlaps"]

#: Which type wins when two candidate spans are equally long.
TYPE_PRIORITY = {"Document": 6, "Position": 5, "Organization": 4, "Person": 3, "Place": 2}


def resolve_overlaps(spans: list[Span]) -> list[Span]:
    """Keep the best non-overlapping spans; names inside a Position (and the
    parties in a Document's name, and an act inside a report's) are kept as nested mentions.

    Longest first, then by type priority and score.  Occupancy is kept per
    character, so the cost grows with the text, not with the square of the
    number of names (a dense 100,000-character piece has thousands).
    """
    ranked = sorted(spans, key=lambda sp: (-(sp.end - sp.start), -TYPE_PRIORITY.get(sp.type, 0),
                                           -sp.score, sp.start))
    chosen: list[Span] = []
    top: dict[int, Span] = {}      # character -> the top-level span covering it
    nested_at: set[int] = set()    # characters covered by a nested span
    for sp in ranked:
        chars = range(sp.start, sp.end)
        # (most spans clash with nothing: set operations over the range say so without a loop)
        clash = {} if top.keys().isdisjoint(chars) else {id(top[i]): top[i] for i in chars if i in top}
        in_nested = bool(nested_at) and not nested_at.isdisjoint(chars)
        if not clash and not in_nested:
            chosen.append(sp)
            top.update(dict.fromkeys(chars, sp))
            continue
        if in_nested or not clash:
            continue
        if sp.type in ("Organization", "Place") and not sp.attrs.bare and all(
                (c.type == "Position" or (c.type == "Document" and sp.attrs.party)
                 or (c.type == "Place" and c.attrs.alias and sp.type == "Place" and sp.attrs.nested)
                 or (c.type == "Organization" and sp.type == "Place" and c.start == sp.start
                     and c.attrs.suffix in GOVERNMENTS)
                 or (c.type == "Organization" and sp.source == "dateline"))  # 潜江 of 潜江新闻网
                and c.start <= sp.start and sp.end <= c.end for c in clash.values()):
            chosen.append(replace(sp, attrs=replace(sp.attrs, nested=True)))
            nested_at.update(chars)
        elif sp.type == "Document" and sp.attrs.nested and all(
                c.type == "Document" and c.start <= sp.start and sp.end <= c.end for c in clash.values()):
            chosen.append(sp)  # the act a report is about (关于统计法修正草案审议结果的报告)
            nested_at.update(chars)
    chosen.sort(key=lambda sp: (sp.start, sp.end))
    return chosen
