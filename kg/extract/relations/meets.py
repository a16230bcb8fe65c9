"""``meets``: who meets whom (``会见``, ``同…举行会谈``); a host who meets someone away from home
visits the place.
"""

from __future__ import annotations

import re

from kg.extract.relations.state import (
    THEN,
    WHILE_WITH,
    WITH_OPENER,
    DocState,
    carried_subject,
    clause_end,
    clause_start,
    escorted,
    listed_with_first,
    is_delegation,
    listed_with_last,
    target_of,
    titled_before,
    window_after,
)
from kg.extract.relations.visits import find_visits, meeting_place_visits
from kg.extract.spans import Cue, Found, Span

__all__ = ["MEETING_WORDS", "delegations_meet", "find_meets", "headline_offices", "heads_meet", "joins_meeting",
           "welcomes_met",
           "names_relatives", "several_sides_meet", "talks_with"]

# The word that opens a meeting's other side (同法方官员, 与普京), not one inside another word (共同, 一同).
_WITH_SIDE = re.compile("(?<![共一陪随连协会])同(?![时意志样比])|与|跟")

# After a name: the people meant are the person's relatives or family, not the person.
_RELATIVES = re.compile(r"(?:同志|先生|女士|夫妇)?(?:的)?(?:亲属|家属|遗属|遗孀|子女|后人|亲友|家人|眷属)")


def names_relatives(text: str, person: Span) -> bool:
    """Whether the words after a person's name make the people meant his relatives (江泽民同志亲属).

    >>> names_relatives("接见江泽民同志亲属", Span(2, 5, "Person", "江泽民", "after-cue"))
    True
    """
    return _RELATIVES.match(text, person.end) is not None


# A clause whose subject goes along or takes part (陪同, 参加会见, 出席, 在座) before any word of meeting of
# its own: its people are with someone of a meeting, not one of its sides.
_JOINING = re.compile(r"[^，,；;。：:！？]*?(陪同|参加|出席|在座|一同)")
#: Words of meeting in person, besides the cue words that start a meeting's report.
MEETING_WORDS = ("会见", "会谈", "会晤", "接见", "见面", "会面", "座谈")


def joins_meeting(text: str, first: Span, later: Span) -> bool:
    """Whether ``later``, the subject of a clause after ``first``'s, is only there with one of a
    meeting's sides (``…会见代表团一行，市长黄志豪陪同考察``, ``秦刚等参加会见``): he meets neither side.

    >>> t = "市委书记陈勇会见代表团一行，市长黄志豪陪同考察。"
    >>> joins_meeting(t, Span(4, 6, "Person", "陈勇", "x"), Span(16, 19, "Person", "黄志豪", "x"))
    True
    >>> joins_meeting("陈勇会见了率团来访的黄志豪，并陪同考察。", Span(0, 2, "Person", "陈勇", "x"),
    ...               Span(10, 13, "Person", "黄志豪", "x"))
    False
    """
    if not any(ch in "，,；;" for ch in text[first.end:later.start]):
        return False
    joining = _JOINING.match(text, later.end)
    return joining is not None and not any(w in text[later.end:joining.start(1)] for w in MEETING_WORDS)


# Sentences (the title and the lead) in which 两国元首 meeting is the article's own news.
_OPENING_SENTENCES = 3
# The heads of the two sides, as a report of talks names them together.
_TWO_HEADS = re.compile("(?:两国|双方)(?:国家)?元首")


def heads_meet(doc: DocState, found: list[Found]) -> list[Found]:
    """``found``, and the meeting of 两国元首 when no sentence named both of them (习近平同塞尔维亚总统举行会谈
    … 两国元首举行会谈 … 习近平主席 … 武契奇总统): the two people first written with a head's title meet."""
    heads = doc.two_heads()
    if doc.heads_meeting is None or not heads or any(f.type == "meets" for f in found):
        return found
    sent, cue = doc.heads_meeting
    return found + [Found("meets", heads[0], heads[1], sent, cue, 0.6)]


def delegations_meet(doc: DocState, found: list[Found]) -> list[Found]:
    """``found``, and a meets between the hosts of a delegation met (会见了山南市党政代表团一行) and
    each leader the article gives that delegation (普布顿珠率山南市党政代表团…: meeting a delegation
    led by someone named is meeting him)."""
    leaders: dict[str, list[Span]] = {}
    for f in found:
        if f.type == "leads" and f.object is not None:
            leaders.setdefault(_identity(f.object), []).append(f.subject)
    met = {frozenset((f.subject.name, f.object.name)) for f in found if f.type == "meets" and f.object is not None}
    out = list(found)
    for hosts, delegation, sent, cue in doc.met_delegations:
        for leader in leaders.get(_identity(delegation), []):
            for host in hosts:
                pair = frozenset((host.name, leader.name))
                if len(pair) == 2 and pair not in met:
                    met.add(pair)
                    out.append(Found("meets", host, leader, sent, cue, 0.6))
    return out


def _identity(org: Span) -> str:
    """The entity an organisation's span names (one delegation written two ways is one)."""
    return org.attrs.canonical or org.name



# A welcome the host gives a guest before their talks (为…举行欢迎仪式并会谈, 举行隆重欢迎仪式并举行会谈):
# 为 names the guest.
_WELCOME_THEN_TALKS = re.compile(r"举行[^，。；,;]{0,6}欢迎(?:仪式|宴会)[，,]?(?:并|后)(?:举行)?(?:会谈|会见)")
_FOR_GUEST = re.compile("(?<![作因成认称以])为")
_OPENS_WITH_FOR = re.compile(r"\s*为")


# Calling on someone is meeting him; calling on a body is visiting it (拜访香港贸易发展局).
_CALL_ON = frozenset(("拜访", "拜会"))


def several_sides_meet(found: list[Found], text: str) -> list[Found]:
    """``found`` and, where a meeting is of more than two sides (同俄罗斯总理米舒斯京、蒙古国总理奥云额尔登
    举行中俄蒙三国总理会晤), a meets between each two of those one side met (after the model has
    judged the pairs it proposed: it never saw a guest meet a guest)."""
    groups: dict[tuple, list[Span]] = {}
    for f in found:
        if f.type == "meets" and f.object is not None and f.cue is not None \
                and _SEVERAL_SIDES.search(text, f.object.end, f.cue.start):
            groups.setdefault((f.sentence, f.cue, f.subject.name), []).append(f.object)
    out = list(found)
    for (sent, cue, _), guests in groups.items():
        out.extend(Found("meets", a, b, sent, cue, 0.7) for i, a in enumerate(guests) for b in guests[i + 1:]
                   if a.name != b.name)
    return out


def headline_offices(doc: DocState, found: list[Found]) -> list[Found]:
    """``found`` and, where a headline names the guest of a meeting by his office and the report by
    his name (``李强同比利时首相会谈`` / ``欢迎仪式后，李强同德克罗举行会谈``), the office held by the one
    the headline's host met.

    Only a headline of its own line, one office in it, and one person the host met in the report."""
    if not doc.read:
        return found
    title = doc.read[0]
    text = doc.text
    if text[title.end:title.end + 1] != "\n" or "。" in text[title.start:title.end]:
        return found
    cue = next((c for c in title.cues if c.relation == "meets"), None)
    if cue is None:
        return found
    hosts = {target_of(s).name for s in title.items if s.type == "Person" and s.end <= cue.start}
    # the guest's office: right before the verb (同比利时首相会谈, 同澳大利亚总理举行…会晤), or after it, ending the headline or a
    # list of it (会见乌兹别克斯坦总统特别顾问 names no 总统)
    offices = [s for s in title.items if s.type == "Position" and not s.attrs.bare
               and (s.end == cue.start or text.startswith("举行", s.end) and s.end < cue.start or s.start >= cue.end
                    and (s.end == title.end or text[s.end:s.end + 1] in ("、", "和", "并")))]
    if not hosts or len(offices) != 1:
        return found
    guests = {}
    for f in found:
        if f.type != "meets" or f.object is None or f.sentence[0] == title.start:
            continue
        for host, guest in ((f.subject, f.object), (f.object, f.subject)):
            if host.name in hosts and guest.type == "Person":
                guests.setdefault(guest.name, guest)
    if len(guests) != 1:
        return found
    guest = next(iter(guests.values()))
    office = target_of(offices[0])
    if any(f.type == "holds_position" and f.subject.name == guest.name and f.object.name == office.name for f in found):
        return found
    return found + [Found("holds_position", guest, office, (title.start, title.end), cue, 0.7)]


# 欢迎 is a meeting only where someone is welcomed right after it (柯文哲在圆山大饭店欢迎周波率领的…代表团,
# 特朗普…举行晚宴，欢迎习近平一行。): not a reception (欢迎仪式, 欢迎宴会), nor 表示欢迎.
_WELCOME = "欢迎"
_WELCOME_NOUNS = re.compile("仪式|宴会|晚宴|午宴|招待会|酒会|词|辞|会|的|大会|活动|人群|队伍")


# What follows the guest welcomed: his company and the end of the clause, or the delegation he leads
# (欢迎周波率领的…代表团一行。) — not what he is welcomed to do (欢迎曾俊华参选, 欢迎林郑多到立法会), his coming
# (蔡奇欢迎山东省党政代表团来京考察, said at the talks: the annotators write no meeting of it), nor a
# dinner given for him (欢迎习近平晚宴).
_WELCOMED_TAIL = re.compile(r"(?:夫妇|一行|等|及其?夫人)*(?:[，,。；;！!\n]|$|率)")


# A ceremony of welcome (举行仪式，欢迎…总统对我国进行国事访问) the annotators do not count as meeting: the
# talks that follow are the meeting.
_AFTER_CEREMONY = re.compile("仪式[，,]?$")


def welcomes_met(text: str, items, cues: list[Cue], sent) -> list[Cue]:
    """``cues`` without the 欢迎 that welcome no one: a person or a delegation must be named after it in
    its clause, with at most titles, a place or a relative clause between (and no other cue), and
    the clause's end or the delegation he leads after him; and no ceremony before it."""
    kept = []
    for i, cue in enumerate(cues):
        if cue.word == _WELCOME:
            next_cue = cues[i + 1] if i + 1 < len(cues) else None
            ceremony = _AFTER_CEREMONY.search(text, max(sent[0], cue.start - 4), cue.start)
            guest = None if ceremony or _WELCOME_NOUNS.match(text, cue.end) else next(
                (s for s in window_after(text, items, cue, next_cue, sent[1], stop_at_comma=True)
                 if s.type == "Person" or is_delegation(target_of(s))), None)
            if guest is None or not _WELCOMED_TAIL.match(text, guest.end):
                continue
        kept.append(cue)
    return kept


def find_meets(doc: DocState, cue: Cue, items, sent, prev_cue, next_cue) -> list[Found]:
    text = doc.text
    if cue.word in _CALL_ON:
        first = next(iter(window_after(text, items, cue, next_cue, sent[1], stop_at_comma=True)), None)
        if first is not None and first.type in ("Organization", "Place") and not is_delegation(target_of(first)):
            return find_visits(doc, cue, items, sent, prev_cue, next_cue)
    # the report of the talks opens the article; later, 两国元首 recall meetings past (今年两度会晤)
    if (len(doc.read) < _OPENING_SENTENCES and doc.heads_meeting is None
            and _TWO_HEADS.search(text, clause_start(text, sent[0], cue.start), cue.start)):
        doc.heads_meeting = (sent, cue)
    # 参加会见: the people before attend the meeting; they do not meet.
    if text[max(sent[0], cue.start - 2):cue.start] in ("参加", "出席", "陪同"):
        return []
    # the whole clause: a relative clause (来华进行国事访问的…) may hold another cue
    start = clause_start(text, sent[0], cue.start)
    before = [s for s in items if start <= s.start and s.end <= cue.start and s.type == "Person"
              and not escorted(doc, s)]
    after = [s for s in window_after(text, items, cue, next_cue, sent[1], stop_at_comma=True)
             if s.type == "Person"]
    if not after:
        # 会见来华进行国事访问的马尔代夫总统穆伊兹: the guest heads a relative clause after 的
        end = clause_end(text, cue.end, sent[1])
        de = text.find("的", cue.end, end)
        if de >= 0:
            after = [s for s in items if de < s.start and s.end <= end and s.type == "Person"]
    # 接见江泽民同志亲属: the relatives are met, not the man they are the relatives of
    after = [s for s in after if not names_relatives(text, s)]
    if not after and before:
        # 会见了来皖考察的山南市党政代表团一行: the delegation's leader is met (see delegations_meet)
        # (the whole clause: a relative clause before it, 来皖考察的, holds a cue of its own)
        end = clause_end(text, cue.end, sent[1])
        guests = [s for s in items if cue.end <= s.start and s.end <= end and is_delegation(target_of(s))]
        if guests:
            # 苏州市委书记李四，市委副书记、市长王五分别会见代表团一行: the hosts written with commas too
            hosts = titled_before(text, items, sent[0], before[0]) + before
            doc.met_delegations.append((tuple(target_of(h) for h in hosts), target_of(guests[0]), sent, cue))
    if not after and before:
        received = _received_by(doc, items, before, sent, cue, start)
        if received is not None:
            return received
    out = []
    subject = doc.sentence_subject
    opens_with_partner = bool(before) and (WITH_OPENER.match(text, start, before[0].start) is not None or (
        # …李强在人民大会堂，为到访的英国首相施纪贤举行欢迎仪式并会谈: the clause's 为 names the guest
        _OPENS_WITH_FOR.match(text, start, before[0].start) is not None
        and _WELCOME_THEN_TALKS.search(text, before[-1].end, cue.end) is not None))
    if before and not opens_with_partner and WHILE_WITH.match(text, start, before[0].start):
        # 李希…对古巴进行正式友好访问。…在同莫拉莱斯会谈时，双方…: the story's visitor meets him
        opens_with_partner, subject = True, doc.visitors[0] if doc.visitors else None
    if not after and opens_with_partner and subject is not None and target_of(subject).type == "Person" \
            and subject.end <= start and not any(s.type == "Person" and s.start < before[0].start
                                                 for s in items if start <= s.start):
        # 方伟率团访问香港，会见…，与政务司司长陈国基进行工作会谈: the clause opens with 与; the
        # other side is the sentence's subject
        guests = listed_with_last(text, before, items, "、和与及")
        out.extend(Found("meets", target_of(subject), target_of(g), sent, cue, 0.75) for g in guests
                   if target_of(g).name != target_of(subject).name)
        return out
    if not after and len(before) >= 2:
        # 习近平同迪亚斯-卡内尔举行会谈: 同/与/和 splits the two sides — 同/与/跟 before 和, which may
        # join the people of one side (习近平和彭丽媛同法方主要官员一一握手)
        unnamed = _WITH_SIDE.search(text, before[-1].end, cue.start)
        if unnamed is not None and cue.start - unnamed.end() >= 4:
            return out  # the other side is no one named (…同法方主要官员一一握手)
        gaps = [text[before[k - 1].end:before[k].start] for k in range(1, len(before))]
        splits = [k for k in range(1, len(before)) if _WITH_SIDE.search(gaps[k - 1])] or [
            k for k in range(1, len(before)) if "和" in gaps[k - 1]]
        if not splits and _WELCOME_THEN_TALKS.search(text, before[-1].end, cue.end):
            # 李强…为到访的英国首相施纪贤举行欢迎仪式并会谈: the host welcomes the one 为 names, then they talk
            splits = [k for k in range(1, len(before)) if _FOR_GUEST.search(gaps[k - 1])]
        if not splits:
            return out
        hosts, guests = before[:splits[0]], before[splits[0]:]
        out.extend(Found("meets", target_of(h), target_of(g), sent, cue, 0.8) for h in hosts for g in guests)
        # (the place is read over the whole sentence, None for the cue before: a relative
        # clause, 来华进行国事访问的…, may hold another cue between 在人民大会堂 and this one)
        return out + meeting_place_visits(doc, cue, items, sent, None, guests)
    if not before and after and (host := _host_while_meeting(doc, items, cue, sent, start, after)) is not None:
        # 在会见巴西总统卢拉时，李希表示…: the clause of time's guests meet the next clause's subject
        return [Found("meets", target_of(host), target_of(g), sent, cue, 0.75) for g in after[:3]
                if target_of(g).name != target_of(host).name]
    if not before and after and _OPENS_WITH_CUE.fullmatch(text, start, cue.start):
        # 方伟率江苏省代表团访问香港和澳门，拜会全国政协副主席何厚铧: a clause that opens with the
        # verb carries the sentence's subject
        host = carried_subject(doc, cue, before, sent, prev_cue)
        # named in this sentence, not carried over — but a sentence after a semicolon goes on with the
        # one before (赵乐际视察了…；会见马六甲州首席部长阿都拉勿)
        if host is not None and (sent[0] <= host.start or text[sent[0] - 1:sent[0]] in (";", "；")):
            before = [host]
    if not before and after:
        # 代表团还会见了大阪市市长横山英幸: the delegation's leader meets him (see delegations_meet)
        groups = [s for s in items if start <= s.start and s.end <= cue.start and is_delegation(target_of(s))]
        if groups:
            doc.met_delegations.append((tuple(target_of(g) for g in after[:3]), target_of(groups[-1]), sent, cue))
            return out
    if before and after:
        # 李锦斌、省长李国英会见…; a headline's names run together (黄兴国臧献甫王东峰会见…)
        hosts = listed_with_last(text, before, items, "、和与及", adjacent=True)
        hosts = titled_before(text, items, sent[0], hosts[0]) + hosts  # 书记李清，区长白凤祥会见…
        # the first three after the verb, or all of a longer list (林郑会见李慧琼、叶刘淑仪、麦美娟、张宇人、…)
        listed = listed_with_first(text, after, items, "、和与及", adjacent=True)
        guests = listed if len(listed) > 3 else after[:3]
        out.extend(Found("meets", target_of(h), target_of(g), sent, cue, 0.8) for h in hosts for g in guests
                   if target_of(h).name != target_of(g).name)
    if out:
        out.extend(meeting_place_visits(doc, cue, items, sent, None, guests))
        return out
    return talks_with(doc, cue, items, sent)


def _host_while_meeting(doc: DocState, items, cue: Cue, sent, start: int, guests: list[Span]) -> Span | None:
    """Who meets ``guests`` in a clause of time that opens with the verb (``在会见巴西总统卢拉时，李希表示``,
    ``会见议长卡克拉马尼斯时，李希表示``): the person who opens the clause after it, or None where the
    clause is not so written or no person opens the next one."""
    text = doc.text
    end = clause_end(text, cue.end, sent[1])
    if not _WHILE_MEETING.fullmatch(text, start, cue.start) or text[end - 1:end] != "时" or end >= sent[1] \
            or any(g.end > end for g in guests):
        return None
    nxt = next((s for s in items if s.start > end), None)
    if nxt is None or nxt.type != "Person" or text[end + 1:nxt.start].strip():
        return None
    return nxt


# What may come before the verb of a clause of time that opens with it: 在 (在会见…时).
_WHILE_MEETING = re.compile(r"\s*在?")


def _received_by(doc: DocState, items, before: list[Span], sent, cue: Cue, start: int) -> list[Found] | None:
    """The meeting written in the passive, ``X一行受到Y的亲切会见``: each of the hosts after 受到 meets each
    guest before it (a delegation before it is met: :func:`delegations_meet`); None where the clause
    is not so written."""
    text = doc.text
    k = text.rfind("受到", start, cue.start)
    if k < 0 or _RECEIVED_END.search(text, k, cue.start) is None:
        return None
    hosts = [h for h in before if h.start >= k + 2]
    guests = [g for g in items if start <= g.start and g.end <= k and g.type == "Person" and not escorted(doc, g)]
    if not hosts:
        return None
    if not guests:
        groups = [g for g in items if start <= g.start and g.end <= k and is_delegation(target_of(g))]
        subject = doc.sentence_subject
        if groups:
            doc.met_delegations.append((tuple(target_of(h) for h in hosts), target_of(groups[-1]), sent, cue))
            return []
        if subject is not None and target_of(subject).type == "Person" and subject.end <= k:
            guests = [subject]  # 赵洪祝一行抵达堪培拉，受到总督杰弗里的会见: the sentence's subject
    return [Found("meets", target_of(h), target_of(g), sent, cue, 0.75) for h in hosts for g in guests
            if target_of(h).name != target_of(g).name]


# The end of a passive meeting's host (受到总督杰弗里的亲切会见): 的 and a word of manner before the verb.
_RECEIVED_END = re.compile(r"的(?:亲切|热情|友好|隆重|专门|单独)?$")


# A meeting of more than two sides (中俄蒙三国总理会晤, 四方会谈), where every side meets every other.
_SEVERAL_SIDES = re.compile("[三四五六七八九多](?:国|方)")
# What may open a clause whose verb carries the sentence's subject (，拜会…; ，并会见…).
_OPENS_WITH_CUE = re.compile(rf"\s*(?:{THEN}|也|先后|分别)*")
# Between the other side and the verb of talks: 一行, what they talk about (就深化两地合作), 进行了(工作),
# 举行 — no clause mark.
_TO_TALKS = re.compile(r"(?:一行|等)?(?:就[^，,。；;：:、]{1,24}?)?(?:进行了?|举行了?)?(?:工作|友好|深入)?")


def talks_with(doc: DocState, cue: Cue, items, sent) -> list[Found]:
    """Talks or a discussion written ``A与B…座谈`` (邢国辉侯亮与王学丰陶淑菊一行座谈; 夏宝龙，…李强与…辛国斌，
    州委副书记、州长诺卫星率领的党政代表团进行了座谈): each host before 与 meets each person after it, and
    the delegation after it is met (:func:`delegations_meet`).  The other side must end right before
    the verb: 与…的合作座谈会 names what was discussed, not who."""
    text = doc.text
    others = sorted((s for s in items if sent[0] <= s.start and s.end <= cue.start), key=lambda s: s.end)
    # the last name before the words between it and the verb (a name in what they talk about, 就深化京鲁
    # 合作, is not the other side)
    last = next((s for s in reversed(others) if _TO_TALKS.fullmatch(text, s.end, cue.start)), None)
    if last is None or not (last.type == "Person" or is_delegation(target_of(last))):
        return []
    taken = [(s.start, s.end) for s in items]
    joints = [k for k in range(sent[0], last.start) if text[k] in "与同"
              and not any(a <= k < b for a, b in taken)]
    for k in reversed(joints):
        before = [s for s in items if s.type == "Person" and sent[0] <= s.start and s.end <= k
                  and not escorted(doc, s)]
        if not before or clause_start(text, sent[0], k) > before[-1].start:
            continue
        hosts = listed_with_last(text, before, items, "、和与及", adjacent=True)
        hosts = titled_before(text, items, sent[0], hosts[0]) + hosts
        guests = [s for s in items if k < s.start and s.end <= cue.start and s.type == "Person"]
        out = [Found("meets", target_of(h), target_of(g), sent, cue, 0.7) for h in hosts for g in guests
               if target_of(h).name != target_of(g).name]
        if is_delegation(target_of(last)):
            doc.met_delegations.append((tuple(target_of(h) for h in hosts), target_of(last), sent, cue))
        return out
    return []
