"""``leads``: the leader of a delegation (``率领``, ``由…率领的``, ``率团``, ``率队``, ``任团长``).
"""

from __future__ import annotations

import re

from kg.extract.entities.delegations import delegation_owner, of_its_home
from kg.extract.relations.state import (
    DocState,
    clause_start,
    delegation_words,
    escorted,
    is_delegation,
    synthetic_span,
    target_of,
    window_after,
    window_before,
)
from kg.extract.spans import Cue, Found, Span

__all__ = ["find_leads", "heads_lead"]

def find_leads(doc: DocState, cue: Cue, items, sent, prev_cue, next_cue) -> list[Found]:
    text = doc.text
    out = []
    if cue.word == "率团" or cue.word in _LEADS_THE_GROUP and not _names_group_after(doc, cue, items, next_cue, sent):
        # 省委书记易炼红率团; 市委书记王某率队，: the delegation named before
        people = [s for s in window_before(items, cue, prev_cue, sent[0]) if s.type == "Person"]
        delegation = doc.delegation_before(cue.start)
        if delegation is None:
            return []
        # (淄博市市长徐景颜率团到台中考察, in a story of 台中市政府参访团: his own group, which it names not)
        people = [p for p in people if all(of_its_home(delegation.name, o.attrs.place) for o in items
                                           if o.type == "Position" and o.end == p.start)]
        return [Found("leads", target_of(p), delegation, sent, cue, 0.75) for p in people]
    if cue.word in ("为团长", "任团长"):
        before = window_before(items, cue, None, sent[0])
        people = [s for s in before if s.type == "Person"]
        orgs = [s for s in items if is_delegation(target_of(s))]
        if people and orgs:
            out.append(Found("leads", people[-1], target_of(orgs[0]), sent, cue, 0.8))
        return out
    zai = text.rfind("在", prev_cue.end if prev_cue else sent[0], cue.start)
    if zai >= 0 and re.match(r"下|之下", text[cue.end:cue.end + 2]):
        # 延边州党政代表团在州委书记胡玉亭的带领下: the leader sits between 在 and the cue, the
        # delegation before 在
        people = [s for s in items if zai < s.start and s.end <= cue.start and s.type == "Person"]
        groups = [s for s in items if sent[0] <= s.start and s.end <= zai and is_delegation(target_of(s))]
        if groups:
            out.extend(Found("leads", target_of(p), target_of(groups[-1]), sent, cue, 0.85) for p in people)
        return out
    after = window_after(text, items, cue, next_cue, sent[1], stop_at_comma=True)
    org = next((s for s in after if s.type == "Organization"), None)
    # 由X率领的代表团: the leader sits between 由 and the cue.
    you = text.rfind("由", prev_cue.end if prev_cue else sent[0], cue.start)
    if you >= 0 and text.startswith("的", cue.end):
        people = [s for s in items if you < s.start and s.end <= cue.start and s.type == "Person"]
        if org is None or not org.start <= cue.end + 1 + 12:
            org = _named_delegation(doc, cue, items, people)
        if org is not None:
            out.extend(Found("leads", p, target_of(org), sent, cue, 0.85) for p in people)
        return out
    if you >= 0:
        # 俄罗斯代表团由总统助理梅金斯基率领: the delegation before 由, the leader after it
        groups = [s for s in items if clause_start(text, sent[0], you) <= s.start and s.end <= you
                  and is_delegation(target_of(s))]
        people = [s for s in items if you < s.start and s.end <= cue.start and s.type == "Person"]
        if groups and people:
            return [Found("leads", target_of(p), target_of(groups[-1]), sent, cue, 0.85) for p in people]
    if org is None:
        return out
    before = window_before(items, cue, prev_cue, sent[0])
    people = [s for s in before if s.type == "Person" and not escorted(doc, s)]  # (受…委托: not they)
    subject = doc.sentence_subject
    if not people and not text.startswith("的", cue.end) and subject is not None and subject.type == "Person" \
            and sent[0] <= subject.start < cue.start and text[subject.start:subject.end] == subject.name \
            and not any(s.type == "Person" and subject.end <= s.start < cue.start for s in items):
        # 行政长官李家超今日出席行会前见记者时透露，明日将率领香港特区政府代表团…: the clauses go on with
        # the man the sentence is about, who leads
        people = [subject]
    if text.startswith("的", cue.end) and people:
        # X率领的代表团: the leaders are the list of names right before the verb — not the hosts
        # before 与 (夏宝龙、李强与辛国斌、诺卫星率领的代表团座谈) nor the one who welcomes them
        # (柯文哲欢迎上海市常务副市长周波率领的代表团)
        people = _list_before(text, items, people)
    out.extend(Found("leads", target_of(p), target_of(org), sent, cue, 0.85) for p in people)
    if people:
        doc.delegations.append(target_of(org))
    return out


# What may join two names of one list of leaders, besides their titles (省委书记A、省长B率领的).
_LEADERS_JOINED = re.compile(r"[、，,和及]*")


def _list_before(text: str, items, people: list[Span]) -> list[Span]:
    """The last of ``people`` and those listed with him before (nothing but titles and list marks
    between two of them).

    >>> from kg.extract.spans import Span
    >>> t = "柯文哲欢迎市长周波、副市长李华率领的代表团"
    >>> people = [Span(0, 3, "Person", "柯文哲", "x"), Span(7, 9, "Person", "周波", "x"), Span(13, 15, "Person", "李华", "x")]
    >>> titles = [Span(5, 7, "Position", "市长", "x"), Span(10, 13, "Position", "副市长", "x")]
    >>> [p.name for p in _list_before(t, sorted(people + titles, key=lambda s: s.start), people)]
    ['周波', '李华']
    """
    kept = [people[-1]]
    for p in reversed(people[:-1]):
        gap = [c for c in range(p.end, kept[0].start)
               if not any(s.type == "Position" and s.start <= c < s.end for s in items)]
        if not _LEADERS_JOINED.fullmatch("".join(text[c] for c in gap)):
            break
        kept.insert(0, p)
    return kept


# Verbs that say a leader leads "the group" (率队, 带队): the delegation named before, unless the
# clause names what he leads after the verb (带队赴…考察团: the group named there).
_LEADS_THE_GROUP = ("率队", "带队")


def _names_group_after(doc: DocState, cue: Cue, items, next_cue, sent) -> bool:
    after = window_after(doc.text, items, cue, next_cue, sent[1], stop_at_comma=True)
    return any(s.type == "Organization" for s in after)


def _named_delegation(doc: DocState, cue: Cue, items, people) -> Span | None:
    """由越南共产党中央政治局委员丁进勇率领的代表团: the delegation of the
    leader's party (or country)."""
    text = doc.text
    for word in delegation_words():
        if text.startswith(word, cue.end + 1):
            pos = cue.end + 1
            bodies = [s for s in items if s.type == "Position" and s.end <= cue.start and s.attrs.body]
            for p in bodies:
                body = p.attrs.body
                m = re.match(r"(.+?(?:共产党|劳动党|人民革命党|[^中]党))", body)
                owner = m.group(1) if m else p.attrs.place or ""
                if owner:
                    return synthetic_span(owner + word, "Organization", pos, pos + len(word), "delegation-of")
            existing = doc.delegation_before(pos)
            return existing
    return None


def heads_lead(doc: DocState, found: list[Found], bare: list[Found] = ()) -> list[Found]:
    """``found``, and a leads for each holder of a delegation's 团长 (俄方谈判代表团团长梅金斯基, 中央代表团团长王沪宁:
    the head of a delegation leads it; a 副团长 does not).  ``bare`` are the holds of bare titles before
    they were completed or dropped: a bare 团长 (代表团团长、山南市市长普布顿珠, where no rule read 代表团团长 as one
    office) is the head of the story's delegation too."""
    extra: list[Found] = []
    led: set[tuple[str, str]] = set()  # (leader, delegation): one leads each, however often his 团长 is read
    heads = [*found, *(f for f in bare if f.object is not None and f.object.attrs.bare)]
    for f in heads:
        if f.type != "holds_position" or f.object is None or not f.object.name.endswith("团长") \
                or f.object.name.endswith("副团长"):
            continue
        o = f.object
        delegation = next((target_of(s) for s in doc.spans + doc.nested if o.start <= s.start and s.end == o.end - 2
                           and is_delegation(target_of(s))), None)
        confidence = 0.8
        if delegation is None:
            delegation, confidence = _story_delegation(doc, o.name[:-2]), 0.7
        if delegation is not None and (f.subject.name, delegation.name) not in led:
            led.add((f.subject.name, delegation.name))
            extra.append(Found("leads", f.subject, delegation, f.sentence, f.cue, confidence))
    return found + extra


def _story_delegation(doc: DocState, generic: str) -> Span | None:
    """The delegation a 团长 of a delegation named by its kind alone heads (代表团团长, or 团长 alone):
    the story's one named delegation of that kind (代表团团长、山南市市长普布顿珠 after 西藏山南市党政代表团),
    None if it names none or several."""
    whose = delegation_owner(generic or "代表团")
    if whose is None or whose[1]:
        return None  # the 团长 of a delegation of its own name, or of no delegation
    named: dict[str, Span] = {}
    for s in doc.spans:
        t = target_of(s)
        owner = delegation_owner(t.name) if is_delegation(t) else None
        if owner is not None and owner[0] == whose[0] and owner[1]:
            named.setdefault(t.attrs.canonical or t.name, t)
    return next(iter(named.values())) if len(named) == 1 else None
