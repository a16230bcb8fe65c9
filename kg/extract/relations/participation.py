"""``attends`` and ``speaks_at``: who takes part in and who speaks at a gathering; a speech only
referred to (``重要讲话精神``) is none.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.relations.meets import talks_with
from kg.extract.relations.state import (
    TOGETHER,
    DocState,
    carried_subject,
    continues_clause,
    described_person,
    escorted,
    listed_with_last,
    target_of,
    window_before,
)
from kg.extract.relations.visits import meeting_place_visits
from kg.extract.spans import Cue, Found, Span
from kg.lexicon import load_lines

__all__ = ["REPORT_MADE", "attendance_denied", "delivered_reports", "find_attends", "find_speaks_at", "in_guest_clause",
           "without_reported_speakers"]

# Verbs of listening: in their clause a speech word is another's (习近平听取…情况介绍).
_LISTENING = re.compile("听取|听了|聆听|倾听")

# A guest described by what he came for: 会见来华出席峰会的泰国总理赛塔 — 出席 is the guest's.
_GUEST_CLAUSE = re.compile(r"(?:会见|会晤|接见|会谈|宴请|欢迎|看望)了?(?:专程|前来|来华|来京|赴华|访华|并|专程来华)*$")


def in_guest_clause(text: str, cue: Cue, sentence_start: int) -> bool:
    """Whether a cue of taking part stands in a relative clause describing a guest
    (会见来华出席峰会的…: the guest attends, his host does not)."""
    return _GUEST_CLAUSE.search(text, max(sentence_start, cue.start - 12), cue.start) is not None


def _guest_of(doc: DocState, cue: Cue, items, sent) -> Span | None:
    """The guest a relative clause ``会见来华出席…的 [title] NAME`` describes, or None."""
    if not in_guest_clause(doc.text, cue, sent[0]):
        return None
    return described_person(doc.text, items, cue, sent)


# Words before a verb of taking part that deny it (没有出席, 未出席, 拒绝出席, 不会参加).
_DENIED = re.compile(r"(?:没有|没|未|不|拒绝|无法|未能|不会|不能|缺席)(?:再|亲自|前往|到场)?$")


def attendance_denied(text: str, cue: Cue) -> bool:
    """Whether the words right before a cue of taking part deny it (唐英年则没有出席记者会).

    >>> attendance_denied("唐英年则没有出席记者会", Cue(6, 8, "出席", "attends", ""))
    True
    >>> attendance_denied("唐英年出席记者会", Cue(3, 5, "出席", "attends", ""))
    False
    """
    return _DENIED.search(text, max(0, cue.start - 6), cue.start) is not None


# 出席会议的还有：…, 参加活动的领导同志还有…: the people who attend are listed after 有.
_ALSO_PRESENT = re.compile(r"[^，。；,;：:]{0,20}?的[^，。；,;：:]{0,6}?(?:还)?(?:有|包括)[：:]?")


def find_attends(doc: DocState, cue: Cue, items, sent, prev_cue, next_cue) -> list[Found]:
    guest = _guest_of(doc, cue, items, sent)
    if guest is not None:
        return [Found("attends", target_of(guest), None, sent, cue, 0.75)]
    before = [s for s in window_before(items, cue, prev_cue, sent[0]) if not escorted(doc, s)]
    people = [s for s in before if s.type == "Person"]
    listed = _ALSO_PRESENT.match(doc.text, cue.end, sent[1]) if not people else None
    if listed is not None:
        # 出席闭幕会的领导同志还有：马兴瑞、王毅…: everyone listed after 有
        return [Found("attends", target_of(s), None, sent, cue, 0.75) for s in items
                if s.start >= listed.end() and s.type == "Person"]
    goes_on = continues_clause(doc.text, prev_cue, cue, people) if prev_cue is not None else None
    together = goes_on is not None and any(w in goes_on for w in TOGETHER)
    if goes_on is not None and people:
        # 李强会见了越南总理范明政，并出席欢迎宴会: the guest met is the object of 会见; the clause
        # that goes on with 并 has the sentence's subject — with 共同 the guest as well
        subject = carried_subject(doc, cue, [], sent, prev_cue)
        people = [*(people if together else ()), *((subject,) if subject is not None else ())]
        before = people
    if not people:
        carried = carried_subject(doc, cue, before, sent, prev_cue)
        people = [carried] if carried is not None else []
        if carried is not None and together and prev_cue.relation == "meets":
            # 习近平同普京举行会谈，并共同出席签字仪式: the sides of the talks attend together
            people += [s for s in items if s.type == "Person" and sent[0] <= s.start and s.end <= prev_cue.start
                       and target_of(s).name != carried.name and not escorted(doc, s)]
    out = [Found("attends", target_of(p), None, sent, cue, 0.75 if before else 0.6) for p in people]
    if cue.word in _DISCUSSION:
        out += talks_with(doc, cue, items, sent)  # 与…座谈: the two sides meet too
    if out and cue.word in _AT_PLACE:
        # 韩正在海南海口出席…: who attends somewhere away from home is there (in the annotated
        # articles, 16 of 20 such people away from the capital)
        out.extend(meeting_place_visits(doc, cue, items, sent, prev_cue))
    return out


# Words of a discussion between two sides (A与B座谈), which is a meeting too.
_DISCUSSION = ("座谈",)

# Verbs of taking part whose place (在X出席) puts the subject there.
_AT_PLACE = ("出席", "参加")


# The end of a 在…时 clause before a speech verb (…达尔时表示, …会谈时指出).
_WHEN_CLAUSE_END = re.compile(r"[^，,。；;：:]{0,6}时[，,]?")


# What one person writes and another reads out or passes on (宣读习近平主席贺信, 转达…问候).
_AUTHORED = re.compile("的?(?:亲切|诚挚|热情|良好|美好|重要)?(?:贺信|贺电|贺词|来信|口信|问候|书面致辞|书面讲话|指示|批示|信)")
_READ_OUT = re.compile("宣读|转达|传达|代读")


# 对/向 right before the last name of a speech verb's clause, or before the title in front of it
# (对黄国荣副市长一行表示欢迎, 向市长李明表示感谢): that name is spoken to.  (Not the 对 of 面对, 反对, nor
# the 向 of 面向, 方向.)
_ADDRESSED = re.compile(r"(?<![面针相绝反应核以方走转导意动倾去指趋朝一流投])[对向]")


def _addressed(text: str, items, person, clause_start: int) -> int | None:
    """Where the 对/向 that makes ``person`` the one spoken to stands, or None."""
    start = person.start
    title = next((s for s in items if s.type == "Position" and s.end == start), None)
    if title is not None:
        start = title.start
    if start - 1 >= clause_start and _ADDRESSED.match(text, start - 1):
        return start - 1
    return None


def find_speaks_at(doc: DocState, cue: Cue, items, sent, prev_cue, next_cue) -> list[Found]:
    text = doc.text
    # 重要讲话精神, 对山东重要讲话: a speech referred to, not one given here.
    if cue.word == "讲话" and (text[cue.start - 2:cue.start] == "重要" or text.startswith("精神", cue.end)):
        return []
    # 听取…介绍, 听取…汇报: the subject listens to someone else's words
    clause_start = max([k + 1 for k in range(sent[0], cue.start) if text[k] in "，,；;。"] or [sent[0]])
    if _LISTENING.search(text, clause_start, cue.start):
        return []
    before = [s for s in window_before(items, cue, prev_cue, sent[0]) if not escorted(doc, s)]
    people = [s for s in before if s.type == "Person"]
    if not people and prev_cue is not None and not re.search(r"[,;:，；：]", text[prev_cue.end:cue.start]):
        # 蔡奇陪同调研并在…座谈会上讲话: one clause, one subject for both verbs
        earlier = [s for s in items if s.end <= prev_cue.start and s.type == "Person" and not escorted(doc, s)
                   and not re.search(r"[,;:，；：]", text[s.end:prev_cue.start])]
        people = earlier  # the last of them and those listed with him (below)
    if not people and text[max(sent[0], cue.start - 3):cue.start].endswith(("发表", "作", "致")):
        # 抵埗在机场发表讲话: the speech is the sentence subject's
        carried = carried_subject(doc, cue, [b for b in before if b.type in ("Person", "Organization")],
                                   sent, prev_cue)
        people = [carried] if carried is not None else []
    if not people:
        subject = doc.sentence_subject
        if subject is not None and subject.type == "Person" and cue.word in ("表示", "指出", "强调", "说") \
                and re.fullmatch(r"[他她]?", text[prev_cue.end if prev_cue else sent[0]:cue.start].strip()):
            return [Found("speaks_at", subject, None, sent, cue, 0.6)]
        return []
    author = people[-1]
    title = next((s for s in items if s.type == "Position" and s.start == author.end), None)
    after = title.end if title is not None else author.end
    if _AUTHORED.match(text, after):
        # 宣读习近平主席贺信并致辞: the letter's author wrote; the one who reads it out speaks
        read = _READ_OUT.search(text, clause_start, author.start)
        people = [s for s in items if s.type == "Person" and read is not None and sent[0] <= s.start
                  and s.end <= read.start() and not escorted(doc, s)]
        if not people:
            return []
    if _WHEN_CLAUSE_END.fullmatch(text, people[-1].end, cue.start):
        # 王毅在会见巴基斯坦外长达尔时表示, 习近平在同拜登会谈时指出: the one met is inside 在…时; who
        # speaks stands before 在
        zai = text.rfind("在", sent[0], people[-1].start)
        speakers = [s for s in items if s.type == "Person" and s.end <= zai and not escorted(doc, s)]
        if speakers:
            people = speakers
    addressed = _addressed(text, items, people[-1], clause_start)
    if addressed is not None:
        # 周清利对黄国荣副市长一行表示欢迎: the one spoken to follows 对/向; who speaks stands before it, or
        # is no one this clause names
        people = [s for s in people if s.end <= addressed]
        if not people:
            return []
    # Only the speaker's own clause: the people right before the cue (a list
    # of them, 陈吉宁、龚正分别介绍), not everyone earlier in the sentence.
    # (民建中央主席郝明金、民进中央主席蔡达峰…介绍: each name may carry its own title)
    group = listed_with_last(text, people, items, "、和与", adjacent=True)
    found = [Found("speaks_at", target_of(p), None, sent, cue, 0.75) for p in group]
    if _ADDRESS.match(cue.word) or (cue.word == "发言" and text.endswith(_IN_TURN, sent[0], cue.start)) \
            or _ON_EVENT.search(text, clause_start, cue.start):
        # 先后致辞, 在大会上发言, 在开幕式上表示: who speaks at a gathering attends it (so the annotated
        # articles: 94 of 106 such speakers in 新闻联播 items attend, 11 more optional)
        found += [Found("attends", f.subject, None, sent, cue, 0.7) for f in found]
    return found


# A report one made, as a session hears it (听取了…副主任委员徐辉作的关于…的报告、…作的汇报); the cue
# word of the relations :func:`delivered_reports` finds, which hold by how the sentence is built.
REPORT_MADE = "作的"
_DELIVERED = re.compile(REPORT_MADE + r"(?:关于[^，。；;,]{1,80}?的)?(?:工作)?(?:报告|汇报|说明)")


def delivered_reports(doc: DocState, items, sent) -> list[Found]:
    """Who made a report a session heard (会议听取了全国人大常委会副委员长武维华作的关于…的报告): the
    person right before 作的 speaks at the session, and so attends it."""
    text = doc.text
    if text.find(REPORT_MADE, sent[0], sent[1]) < 0:
        return []
    people = {s.end: s for s in items if s.type == "Person"}
    out = []
    for m in _DELIVERED.finditer(text, sent[0], sent[1]):
        person = people.get(m.start())
        if person is None or escorted(doc, person):
            continue
        cue = Cue(m.start(), m.start() + len(REPORT_MADE), REPORT_MADE, "speaks_at", "statement")
        out += [Found("speaks_at", target_of(person), None, sent, cue, 0.7),
                Found("attends", target_of(person), None, sent, cue, 0.7)]
    return out


# Speeches only a gathering hears: an address (致辞, 致开幕词), speakers who take the floor in turn
# (先后发言, 作了发言; 发言 alone is also "remarks", as the Hong Kong press writes it), and a clause
# that sets a speech at one (在…会议上, 在开幕式上). Not 演讲 or 作报告, also speeches recalled; not
# 表示 or 强调 alone, which an inspection or a meeting hears too.
_ADDRESS = re.compile(r"致.{0,2}[词辞]")
_IN_TURN = ("先后", "相继", "分别", "依次", "作", "作了")
_ON_EVENT = re.compile(r"在[^，,。；;]{0,30}(?:会|式|论坛|典礼|仪式|峰会|大会|会议)上")


# The speech cues that report what was said, which follows them (王沪宁表示，…), as against those
# that name a speech (讲话, 致辞), after which a comma opens a clause of its own (X致辞，Y讲话).
_REPORTING_CUES = frozenset(("表示", "指出", "强调", "说", "称", "指", "重申"))


@lru_cache(maxsize=1)
def _reporting_cues() -> frozenset[str]:
    return _REPORTING_CUES | frozenset(load_lines("speech_verbs.txt"))


def without_reported_speakers(found: list[Found], text: str) -> list[Found]:
    """``found`` without the speeches that a speaker reports: in ``王沪宁表示，习近平总书记强调，…``
    only 王沪宁 speaks here; what 习近平 stressed is what 王沪宁 says."""
    reporting = _reporting_cues()
    reports: dict[tuple[int, int], list[tuple[str, int]]] = {}  # by sentence: who reports, from where
    for f in found:
        if f.type == "speaks_at" and f.cue is not None and f.cue.word in reporting \
                and text[f.cue.end:f.cue.end + 1] in "，,：:":
            reports.setdefault(f.sentence, []).append((f.subject.name, f.cue.end))
    return [f for f in found if not (f.type == "speaks_at" and any(
        speaker != f.subject.name and end <= f.subject.start for speaker, end in reports.get(f.sentence, ())))]
