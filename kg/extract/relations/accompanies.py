"""``accompanies``: who goes with whom (``陪同``, ``在…陪同下``, ``一同``).
"""

from __future__ import annotations

from kg.extract.relations.state import DocState, is_delegation, target_of, window_after, window_before
from kg.extract.spans import Cue, Found, Span

__all__ = ["find_accompanies", "main_visitor"]

def find_accompanies(doc: DocState, cue: Cue, items, sent, prev_cue, next_cue) -> list[Found]:
    text = doc.text
    out = []
    main = main_visitor(doc, items, sent)
    zai = text.rfind("在", prev_cue.end if prev_cue else sent[0], cue.start)
    if cue.word == "陪同下" or (zai >= 0 and text.startswith("下", cue.end)):
        # 李强在朴泰成陪同下检阅: the people between 在 and 陪同 accompany the subject.
        people = [s for s in items if zai < s.start and s.end <= cue.start and s.type == "Person"]
        subject = [s for s in items if s.end <= zai and s.type in ("Person",)]
        guest = target_of(subject[-1]) if subject else main
        if guest is not None:
            out.extend(Found("accompanies", target_of(p), guest, sent, cue, 0.85) for p in people
                       if target_of(p).name != guest.name)
        return out
    before = window_before(items, cue, prev_cue, sent[0])
    people = [s for s in before if s.type == "Person"]
    if not people and cue.start - sent[0] <= 2:
        return out
    after = window_after(text, items, cue, next_cue, sent[1])
    objs = [s for s in after if s.type == "Person" or is_delegation(target_of(s))]
    # 陪同维文, 陪同新加坡外长维文: the guest right after the cue, or after the guest's title
    right_after = bool(objs) and (objs[0].start <= cue.end + 1 or any(
        p.type == "Position" and p.start <= cue.end + 1 and p.end == objs[0].start for p in items))
    guest = target_of(objs[0]) if right_after else main
    if guest is None:
        return out
    out.extend(Found("accompanies", target_of(p), guest, sent, cue, 0.75) for p in people
               if target_of(p).name != guest.name)
    return out


def main_visitor(doc: DocState, items, sent) -> Span | None:
    if doc.delegations:
        return doc.delegations[0]
    if doc.visitors:
        return doc.visitors[0]
    return None
