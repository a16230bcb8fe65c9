"""What one finding says about the rest of the document: a name found once is found wherever the
document repeats it; a foreign name's part is the full name; a name seen only inside a set phrase
is kept only when the document also names it plainly.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from kg.extract.entities.name_shapes import boundary_strength
from kg.extract.entities.overlaps import resolve_overlaps
from kg.extract.entities.sentence import is_han
from kg.extract.spans import Span

__all__ = ["propagate_names", "expand_short_foreign_names", "drop_weak"]

def propagate_names(text: str, spans: list[Span]) -> list[Span]:
    """Find every further occurrence of the names already found."""
    import ahocorasick

    names: dict[str, Span] = {}
    for sp in spans:
        if sp.type in ("Person", "Organization", "Place") and len(sp) >= 2 and not sp.attrs.bare \
                and not sp.attrs.nested and not sp.attrs.weak:
            key = text[sp.start:sp.end]
            if key not in names or names[key].score < sp.score:
                names[key] = sp
    if not names:
        return spans
    person_names = [k for k, sp in names.items() if sp.type == "Person"]
    automaton = ahocorasick.Automaton()
    for key, sp in names.items():
        automaton.add_word(key, (len(key), sp))
    automaton.make_automaton()
    occupied = sorted((sp.start, sp.end) for sp in spans if not sp.attrs.nested)
    starts = [a for a, _ in occupied]
    extra = []
    for last, (length, sp) in automaton.iter(text):
        a, b = last + 1 - length, last + 1
        i = bisect_left(starts, b)
        clash = [(x, y) for x, y in occupied[max(0, i - 12):i] if a < y and x < b]
        if clash and not (sp.type == "Person" and all(a <= x and y <= b and y - x < b - a
                                                       for x, y in clash)):
            continue  # a known name may swallow a shorter place (韩国 in 韩国瑜), nothing else
        if sp.type == "Person" and len(sp) == 2 and b < len(text) and is_han(text[b]) \
                and boundary_strength(text, b, len(text)) == 0 \
                and not any(text.startswith(k, b) for k in person_names):
            continue  # 王红 inside 王红旗 (but 蔡奇 in 蔡奇刘家义讲话)
        extra.append(replace(sp, start=a, end=b, source="repeat", score=sp.score * 0.9))
    if not extra:
        return spans
    return resolve_overlaps(spans + extra)


def expand_short_foreign_names(spans: list[Span]) -> list[Span]:
    """A foreign name written in part (鲁斯塔姆 after 鲁斯塔姆·埃莫马利, 卡内尔 after
    迪亚斯-卡内尔) names the same person: give the part the full name."""
    full: dict[str, str] = {}
    for sp in spans:
        if sp.type == "Person" and ("·" in sp.name or "-" in sp.name):
            for part in re.split(r"[·-]", sp.name):
                if len(part) >= 2:
                    full.setdefault(part, sp.name)
    if not full:
        return spans
    return [replace(sp, name=full[sp.name], attrs=replace(sp.attrs, short_form=sp.name))
            if sp.type == "Person" and sp.name in full else sp for sp in spans]


def drop_weak(spans: list[Span]) -> list[Span]:
    """A name found only inside a set phrase (中国 in 中国特色社会主义) is kept
    only when the document also names it plainly."""
    plain = {(sp.type, sp.name) for sp in spans if not sp.attrs.weak}
    return [sp for sp in spans if not sp.attrs.weak or (sp.type, sp.name) in plain]
