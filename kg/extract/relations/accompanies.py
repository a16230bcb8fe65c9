"""``accompanies``: who goes with whom (``陪同``, ``在…陪同下``, ``一同``, ``随同…的还有``), and who
joins an inspection (``参加调研``).
"""

from __future__ import annotations

import re

from kg.extract.entities.sentence import VISITING_VERBS, title_at
from kg.extract.relations.state import (
    DocState,
    clause_end,
    clause_start,
    described_person,
    escorted_one,
    is_delegation,
    target_of,
    titled_before,
    window_after,
    window_before,
)
from kg.extract.spans import Cue, Found, Span

__all__ = ["find_accompanies", "inspection_companions", "main_visitor"]

# A man's title and the word for his wife after his name (阮富仲总书记夫人吴氏敏).
_SPOUSE_AFTER = re.compile(r"[^、，,；;。]{0,10}?(?:夫人|丈夫)")


def _spouse_named_after(text: str, person, items) -> bool:
    """Whether ``person`` is named only as the husband (or wife) of the one named next (在阮富仲总书记
    夫人吴氏敏陪同下: she is the escort, not he).

    >>> from kg.extract.spans import Span
    >>> t = "在阮富仲总书记夫人吴氏敏陪同下"
    >>> a, b = Span(1, 4, "Person", "阮富仲", "x"), Span(9, 12, "Person", "吴氏敏", "x")
    >>> _spouse_named_after(t, a, [a, b]), _spouse_named_after(t, b, [a, b])
    (True, False)
    """
    m = _SPOUSE_AFTER.match(text, person.end)
    return m is not None and any(s.type == "Person" and s.start == m.end() for s in items)


def _escorts_the_met(text: str, items, cue: Cue, prev_cue: Cue, met: list[Span]) -> bool:
    """Whether a clause opening with the cue goes on after a meeting with the one met right after it
    (安倍以…规格欢迎李克强，陪同李克强检阅仪仗队: the host accompanies his guest, as with 并)."""
    if prev_cue.relation != "meets" or not met or not text.endswith(("，", ","), prev_cue.end, cue.start):
        return False
    guest = next((s for s in items if s.start >= cue.end), None)
    return guest is not None and guest.start == cue.end and target_of(guest).name in {target_of(m).name for m in met}


def find_accompanies(doc: DocState, cue: Cue, items, sent, prev_cue, next_cue) -> list[Found]:
    text = doc.text
    out = []
    main = main_visitor(doc, items, sent)
    if cue.word in _TOGETHER_WITH:
        return _together_with(text, cue, items, sent)
    lo = prev_cue.end if prev_cue else sent[0]
    zai = text.rfind("在", lo, cue.start)
    you = text.rfind("由", lo, cue.start)
    # 陈茂波由罗致光陪同见记者: like 在…陪同下, the one before 由 is escorted
    by = you > zai and cue.word == "陪同" and any(s.type == "Person" and lo <= s.start and s.end <= you
                                                 for s in items)
    if by:
        zai = you
    if cue.word == "陪同下" or (zai >= 0 and text.startswith("下", cue.end)) or by:
        # 李强在朴泰成陪同下检阅: the people between 在 and 陪同 accompany the subject.
        people = [s for s in items if zai < s.start and s.end <= cue.start and s.type == "Person"
                  and not _spouse_named_after(text, s, items)]
        escorted_person = escorted_one(doc, items, zai)
        subject = [escorted_person] if escorted_person is not None else []
        # 在黄坤明陪同下，李强来到…: a sentence that opens with the escort names its subject next —
        # the delegation where one is named (…，宁国市市委书记黄东升及代表团其他成员参观了…)
        after = [s for s in items if s.start >= cue.end]
        subject = subject or [s for s in after if is_delegation(target_of(s))][:1] or [
            s for s in after if s.type == "Person"][:1]
        guest = target_of(subject[-1]) if subject else main
        if guest is not None:
            out.extend(Found("accompanies", target_of(p), guest, sent, cue, 0.85) for p in people
                       if target_of(p).name != guest.name)
        return out
    # 与陪同越共中央总书记阮富仲访华的…武文赏会晤: 陪同 is in a relative clause; who accompanies is
    # the person the clause describes, the one accompanied the first person inside it
    if _RELATIVE_OPENER.search(text, max(sent[0], cue.start - 3), cue.start):
        head = described_person(text, items, cue, sent)
        guest = next((s for s in items if cue.end <= s.start and s.type == "Person"), None)
        if head is not None and guest is not None and guest.start < head.start:
            return [Found("accompanies", target_of(head), target_of(guest), sent, cue, 0.75)]
    before = window_before(items, cue, prev_cue, sent[0])
    people = [s for s in before if s.type == "Person"]
    if prev_cue is not None and (text.endswith("并", sent[0], cue.start) and (
            not people or prev_cue.relation == "meets") or _escorts_the_met(text, items, cue, prev_cue, people)):
        # 陈伟会见代表团一行并陪同考察: 并 goes on with the subject of the verb before, and the one he
        # met (else the story's visitor) is accompanied — also where the guests met are named (甲乙会见
        # 丙丁并陪同考察: 丙 and 丁 are met, not escorts)
        start = clause_start(text, sent[0], prev_cue.start)
        hosts = [s for s in items if start <= s.start and s.end <= prev_cue.start and s.type == "Person"]
        hosts = (titled_before(text, items, sent[0], hosts[0]) if hosts else []) + hosts  # 书记甲，市长乙会见…
        met = [s for s in before if is_delegation(target_of(s))]
        guest = target_of(met[0]) if met else main or (target_of(people[0]) if people else None)
        if guest is not None:
            return [Found("accompanies", target_of(h), guest, sent, cue, 0.75) for h in hosts
                    if target_of(h).name != guest.name]
        if people:
            return out
    with_them = _ALSO_WITH.match(text, cue.end, sent[1])
    if not people and with_them:
        # 随同学习考察的还有市人大常委会主任龚学平，市政协主席蒋以任…: everyone listed after 有 goes with
        # the one the clause names (陪同苏林访华的有…: 苏林), else with the story's visitor
        de = max(text.find("的", cue.end, with_them.end()), cue.end)
        named = next((s for s in items if cue.end <= s.start and s.end <= de
                      and (s.type == "Person" or is_delegation(target_of(s)))), None)
        guest = target_of(named) if named is not None else _holder_named(doc, cue.end, de) or main
        if guest is None:
            return out
        return [Found("accompanies", target_of(s), guest, sent, cue, 0.75) for s in items
                if s.start >= with_them.end() and s.type == "Person" and target_of(s).name != guest.name]
    if not people and cue.start - sent[0] <= 2:
        return out
    after = window_after(text, items, cue, next_cue, sent[1])
    objs = [s for s in after if s.type == "Person" or is_delegation(target_of(s))]
    # 陪同维文, 陪同新加坡外长维文: the guest right after the cue, or after the guest's title
    right_after = bool(objs) and (objs[0].start <= cue.end + 1 or any(
        p.type == "Position" and p.start <= cue.end + 1 and p.end == objs[0].start for p in items))
    guest = target_of(objs[0]) if right_after else main
    subject = doc.sentence_subject
    if not right_after and cue.word in _GOING_ALONG and people and subject is not None \
            and subject.type == "Person" and sent[0] <= subject.start < people[0].start \
            and _TRAVELLING.search(text, subject.end, people[0].start):
        # 林郑月娥亦会于同日前往北京…，陈国基将会随行: who goes along goes with the sentence's traveller,
        # not the story's first
        guest = target_of(subject)
    if guest is None and subject is not None and subject.type == "Person" and not after \
            and all(target_of(p).name != target_of(subject).name for p in people):
        # 胡志伟今早会见传媒，仅得副主席罗健熙等陪同: in a story of no visit, whom the sentence is about
        # (not one of those listed as coming along: 市领导阮建尧、俞仲兴陪同考察)
        guest = target_of(subject)
    if guest is None:
        return out
    out.extend(Found("accompanies", target_of(p), guest, sent, cue, 0.75) for p in people
               if target_of(p).name != guest.name)
    return out


def _holder_named(doc: DocState, a: int, b: int) -> Span | None:
    """The one person the story gave the office whose title is written alone in ``[a, b)``
    (澳门特区行政长官何厚铧 … 随同行政长官出访的…: 何厚铧), or None."""
    text = doc.text
    for i in range(a, b):
        title = title_at(text, i)
        if title:
            holders = {h.name: h for office, named in doc.holders.items() if office.endswith(title)
                       for h in named.values()}
            return next(iter(holders.values())) if len(holders) == 1 else None
    return None


# Going along on a trip (随行, 随团): with whoever the sentence has travel.
_GOING_ALONG = frozenset(("随行", "随团"))
_TRAVELLING = re.compile("|".join(VISITING_VERBS))


# X联同A和B出席, X偕同夫人: those named after the word go with the one named before it.
_TOGETHER_WITH = frozenset(("联同", "偕同"))


def _together_with(text: str, cue: Cue, items, sent) -> list[Found]:
    """``她联同民政事务局局长刘江华和教育局局长杨润雄出席…``: the people listed right after the word
    accompany the last person before it in the clause."""
    start, end = clause_start(text, sent[0], cue.start), clause_end(text, cue.end, sent[1])
    lead = [s for s in items if s.type == "Person" and start <= s.start and s.end <= cue.start]
    if not lead:
        return []
    companions = [s for s in items if s.type == "Person" and cue.end <= s.start and s.end <= end]
    host = target_of(lead[-1])
    return [Found("accompanies", target_of(p), host, sent, cue, 0.75) for p in companions
            if target_of(p).name != host.name]


# Words after which a 陪同 opens a relative clause on the object of a meeting (与陪同…的X会晤).
_RELATIVE_OPENER = re.compile("(?:与|同|和|会见|会晤|接见|看望|宴请)$")
# 随同学习考察的还有…, 陪同考察的有…, 随团的包括…: the people who come with the visitors are listed after 有.
# (随同行政长官出访的特区政府代表团成员有: the members of a delegation named after 的)
# (陪同行政长官出访的官员包括…; 随行官员包括…: the officials who go along, with no 的)
_ALSO_WITH = re.compile(r"[^，。；,;]{0,8}?的(?:[^，。；,;：:]{0,10}?(?:成员|人员|官员))?(?:还)?(?:有|包括)"
                        r"|(?:官员|人员|成员)(?:还)?(?:有|包括)")
# 参加调研, 参加考察: joining an inspection is going along with whoever makes it.
_INSPECTION = ("调研", "考察", "视察")


def inspection_companions(doc: DocState, found: list[Found]) -> list[Found]:
    """Those who join an inspection (``陈敏尔、吴政隆参加调研``) accompany the story's visitor."""
    out = []
    for f in found:
        if f.type == "attends" and f.cue is not None and f.cue.word == "参加" \
                and doc.text.startswith(_INSPECTION, f.cue.end):
            main = main_visitor(doc, (), f.sentence)
            if main is not None and f.subject.name != main.name:
                out.append(Found("accompanies", f.subject, main, f.sentence, f.cue, 0.7))
    return out


def main_visitor(doc: DocState, items, sent) -> Span | None:
    """The story's visitor: its first delegation, else its first visitor, else the head of a party
    written before the sentence ends (高振敏等一行来我市学习考察，市领导…陪同考察)."""
    if doc.delegations:
        return doc.delegations[0]
    if doc.visitors:
        return doc.visitors[0]
    return doc.party_leader_before(sent[1])
