"""``visits``: who goes where (``来到``, ``赴``, ``考察``, ``在…调研``, ``访华``), lists distributed;
a host at home visits nothing, ``前往`` without an activity is no visit, and a place named in a
speech referred to is not visited now.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from kg.extract.entities.sentence import SENTENCE_OPENING, visit_activities
from kg.extract.relations.cues import GOING_DEEP, abbreviated_visit_cues, goes_deep_into
from kg.extract.relations.state import (
    PRONOUN_SUBJECT,
    TOGETHER,
    DocState,
    between,
    carried_subject,
    clause_end,
    clause_start,
    escorted,
    escorted_one,
    continues_clause,
    is_delegation,
    listed_with_last,
    not_made,
    target_of,
    window_after,
    window_before,
)
from kg.extract.spans import Cue, Found, Span
from kg.lexicon.gazetteer import chinese_name, is_country

__all__ = ["AT_ACTIVITY", "LEADS_PEOPLE", "MEETING", "GUEST_OF", "STAYING", "abroad_visits", "airport_visits", "carried_visitor", "companions_visit", "find_visits", "here_visits", "topic_visits", "meeting_place_visits", "site_visits", "visit_not_made",
           "staying_visits",
           "tribute_visits"]

# Companions who arrive with a visitor (同机抵达, 一同抵达) visit where the visitor goes; those who join
# an inspection (石泰峰、王东峰一同调研, as 参加调研) accompany its leader and visit nothing of their own,
# nor do the members of his party (随同行政长官出访的代表团成员有…): the party is what visits.
_ARRIVING_WITH = ("同机抵达", "一同抵达", "一同前往")


def companions_visit(found: list[Found], text: str) -> list[Found]:
    destinations: dict[str, Span] = {}
    for f in found:
        if f.type == "visits" and f.object is not None and f.object.type == "Place":
            destinations.setdefault(f.subject.name, f.object)
    extra = []
    for f in found:
        # who comes with a delegation is of it: the delegation's visits record theirs
        if f.type == "accompanies" and f.object is not None and not is_delegation(f.object) \
                and any(w in text[f.sentence[0]:f.sentence[1]] for w in _ARRIVING_WITH):
            place = destinations.get(f.object.name)
            if place is not None:
                extra.append(Found("visits", f.subject, place, f.sentence, f.cue, 0.6))
    return found + extra


# After a visited place, these words mean the place names a past speech or
# instruction (贯彻习近平总书记视察山东重要讲话精神), not a visit now.
_SPEECH_REFERENCE = re.compile(r"[^,;，；。]{0,4}?(重要讲话|讲话精神|重要指示|指示精神|重要批示|时的讲话)")

# 前往 says where someone went, not that they arrived: it counts only with an
# activity there (前往A…调研).


@lru_cache(maxsize=1)
def _activities() -> tuple[re.Pattern, frozenset[str]]:
    """Any activity at a place (it makes 前往 a visit), and those that put their subject at the
    place named after 在 or 深入 (丁薛祥在天津调研)."""
    activities = visit_activities()
    return re.compile("|".join(activities)), frozenset(word for word, at_place in activities.items() if at_place)



# Visit words whose site follows at once (到北京, 深入企业): further on, what follows is no site of
# theirs (感受到…北京, 深入推进京津冀协同发展).
_ADJACENT_ONLY = frozenset(("到", "抵", "深入"))


def _visit_targets(doc: DocState, cue: Cue, items, sent, prev_cue, next_cue) -> list[Span]:
    text = doc.text
    after = window_after(text, items, cue, next_cue, sent[1])
    # 对朝鲜进行正式友好访问: the object sits between 对 and 进行.
    if cue.word == "访问" and not after:
        dui = text.rfind("对", prev_cue.end if prev_cue else sent[0], cue.start)
        if dui >= 0:
            after = [s for s in items if dui < s.start and s.end <= cue.start and s.type == "Place"]
    targets = [s for s in after if s.type in ("Place", "Organization") and not is_delegation(target_of(s))]
    if cue.word in _ADJACENT_ONLY and targets and targets[0].start > cue.end + 1:
        targets = []
    chosen: list[Span] = []
    last_end = cue.end
    # lists distribute, and so does a chain of places written together (到阿勒泰地区布尔津县: both
    # are visited); the run ends at anything else
    for s in targets:
        gap = between(text, last_end, s.start)
        # (奔赴泉州市对口支援的葛仙山镇、…, 参观了台湾知名的正新轮胎公司: a place may open a clause that
        # describes the sites after it, which are where one goes; the place itself is visited as one
        # of a chain is, and a delegation's home is left out later)
        if chosen and gap not in ("", "、", "和", "及", "以及", "与", ",", "，") and not _list_gap(gap) \
                and not (len(chosen) == 1 and _RELATIVE_GAP.fullmatch(gap)):
            break
        if not chosen and len(gap) > 6:
            break
        if _SPEECH_REFERENCE.match(text, s.end):
            break
        chosen.append(s)
        last_end = s.end
    return chosen



# A clause on the sites after it, opened by a place (泉州市对口支援的): a verb and 的, no mark.
_RELATIVE_GAP = re.compile(r"[^,;:，；：。！？、和及的]{2,8}的")

# Between two sites of a list, what a list may also hold: items kg did not recognise as names
# (A、锁寨村宁波市援建项目风雨桥、B), the rest of a name it read short (北京·贵阳大数据应用展示中心、), or
# a site's 的 (兴仁县锁寨村的五星枇杷基地), or the end of a name read short before 和 (歌尔电声产业园二期和…)
# — short, with no clause mark and no activity in it.
_LIST_GAP = re.compile(r"[^,;:，；：。！？的]{0,24}(?:、|和|及|以及)|的")


def _list_gap(gap: str) -> bool:
    """Whether ``gap`` between two visited sites keeps the list going.

    >>> _list_gap("、锁寨村宁波市援建项目风雨桥、"), _list_gap("，随后考察了")
    (True, False)
    """
    return _LIST_GAP.fullmatch(gap) is not None and not _activities()[0].search(gap)


# Activities that place their subject at the place named after 在 (丁薛祥在天津调研).

# Words before the place where something happens: 在滨江区调研, 深入滨江区调研, 来我市考察.
_PLACE_LEADS = ("在", "深入", "到", "赴", "前往", "来")


def _lead_at(text: str, word: str, lo: int, hi: int, items) -> int:
    """Where ``word`` last stands in ``text[lo:hi]``; 来 only right before a place right before the
    cue at ``hi`` (来我市考察; the 来 of 马来西亚 or of 来华进行国事访问的…会谈 leads nothing)."""
    def leads(at: int) -> bool:
        if word == "来":
            return any(s.start == at + 1 and (s.end == hi or text[s.end:hi] in _STUDYING) and s.type == "Place"
                       for s in items)
        return word != GOING_DEEP or goes_deep_into(text, at, lo)  # (进行深入的学习考察: no place follows)

    at = text.rfind(word, lo, hi)
    while at >= 0 and not leads(at):
        at = text.rfind(word, lo, at)
    return at


# What may stand between a place and the activity in it that names its own sites (在哈密市考察…,
# 在A开展调研), or nothing.
AT_ACTIVITY = re.compile("(?:开展|进行)?")

# What a visit's purpose may say between the place and the visit word (来曲阜市学习考察).
_STUDYING = frozenset(("学习", "参观", "交流", "观摩", "学习交流", "参观学习"))


def _place_after_zai(doc: DocState, cue: Cue, items, sent, prev_cue) -> list[Span]:
    """The places of 在X(，)… or 深入X…: the run of places right after 在, every one of a chain
    written together (在吐鲁番市坎儿井 names both) and of a list (在汕头、揭阳调研)."""
    text = doc.text
    lo = prev_cue.end if prev_cue else sent[0]
    at, lead = max(((_lead_at(text, word, lo, cue.start, items), word) for word in _PLACE_LEADS), key=lambda x: x[0])
    if at < 0:
        return []
    zai = at + len(lead) - 1  # the last character of 在 or 深入
    run: list[Span] = []
    for s in items:
        if s.type != "Place" or not (zai < s.start and s.end <= cue.start):
            continue
        if not run and s.start <= zai + 2:
            run.append(s)
        elif run and (s.start == run[-1].end or doc.text[run[-1].end:s.start] in ("、", "和", "及")):
            run.append(s)
        else:
            break
    return run


def meeting_place_visits(doc: DocState, cue: Cue, items, sent, prev_cue, guests=()) -> list[Found]:
    """Who a meeting (or a gathering attended, 在海南海口出席…) at a named place puts there: a host
    away from home (李强在希腊罗德岛会见…) visits it; a host at home (习近平在北京会见…, 在人民大会堂会见…) visits nothing, and his ``guests`` visit
    the capital or the venue instead (in the annotated meetings at such places, 29 of 39 guests)."""
    places = _place_after_zai(doc, cue, items, sent, prev_cue)
    zai = doc.text.rfind("在", prev_cue.end if prev_cue else sent[0], cue.start)
    hosts = [s for s in items if s.type == "Person" and s.end <= zai and not escorted(doc, s)
             and not re.search(r"[,;:，；：]", doc.text[s.end:zai])]
    if not places or not hosts:
        return []
    host = target_of(hosts[-1])
    at_home = _home_among(doc, items, hosts[-1], places)
    # 杨洁篪同…沙利文在瑞士苏黎世举行会晤: the one who meets the host, joined to him by 同, is there too
    # where it is not his own place
    partner = hosts[-2] if len(hosts) >= 2 and _PARTNERED.fullmatch(doc.text, hosts[-2].end, hosts[-1].start) else None
    partner_visits = [] if partner is None or _home_among(doc, items, partner, places) else [
        Found("visits", target_of(partner), target_of(place), sent, cue, 0.5) for place in places]
    if at_home:
        return [Found("visits", target_of(g), place, sent, cue, 0.5) for place in at_home for g in guests
                if target_of(g).name != host.name] + partner_visits
    out = [Found("visits", host, target_of(place), sent, cue, 0.6) for place in places] + partner_visits
    # 习近平在利雅得会见巴林国王哈马德: a guest whose title names another country than the place's
    # is away from home too (希腊总理 in 希腊罗德岛 is not)
    countries = ({p.name for p in places if p.attrs.category == "country"} | {p.attrs.parent for p in places}) - {""}
    for g in guests:
        title = next((p for p in items if p.type == "Position" and p.end == g.start), None)
        if title is not None and not title.name.startswith(tuple(countries)) \
                and target_of(g).name != host.name:
            out.extend(Found("visits", target_of(g), target_of(place), sent, cue, 0.5) for place in places)
    return out


# What joins the two sides of a meeting before its place, the second one's titles after it
# (杨洁篪同美国总统国家安全事务助理沙利文在…).
_PARTNERED = re.compile("[同与和][^，。；,;、]{0,24}")


def _home_among(doc: DocState, items, person: Span, places: list[Span]) -> list[Span]:
    """Which of the meeting's ``places`` are ``person``'s own: a venue (人民大会堂), China's capital for a
    Chinese name, a place his office's place names or holds (淄博市委书记周清利在淄博齐盛宾馆会见…,
    江苏省委书记梁保华在南京会见…)."""
    home = next((o.attrs.place for o in items if o.type == "Position" and o.end == person.start), "")
    short = home[:-1] if len(home) >= 3 and home.endswith(("省", "市", "县", "区")) else home
    name = target_of(person).name
    return [target_of(p) for p in places
            if p.attrs.category == "venue" or (target_of(p).name in _CAPITAL and chinese_name(name))
            or (short and (target_of(p).name.startswith(short) or target_of(p).attrs.parent.startswith(short)))]


# China's capital as the text may write it.
_CAPITAL = frozenset({"北京", "北京市", "京"})



def _after_verb(doc: DocState, cue: Cue) -> bool:
    from kg.lexicon.jieba_dict import word_tag

    text = doc.text
    for n in (2, 1, 3):
        word = text[max(0, cue.start - n):cue.start]
        tag = word_tag(word)
        if tag and tag[0] == "v" and len(word) == n:
            return True
    return False


def _visit_subjects(doc: DocState, cue: Cue, items, sent, prev_cue) -> list[Span]:
    before = [s for s in window_before(items, cue, prev_cue, sent[0]) if not escorted(doc, s)]
    delegation = next((s for s in reversed(before) if is_delegation(target_of(s))), None)
    if delegation is None and prev_cue is not None and prev_cue.relation == "leads":
        delegation = next((s for s in items if prev_cue.end <= s.start < cue.start
                           and is_delegation(target_of(s))), None)
    if delegation is None:
        # a delegation led in this sentence goes where its leaders go
        led = [s for s in items if s.end <= cue.start and is_delegation(target_of(s))]
        if led and any(c for c in ("率领", "带领", "率") if c in doc.text[sent[0]:cue.start]):
            delegation = led[-1]
    if delegation is not None:
        return [target_of(delegation)]
    people = [_party_of(doc, s) for s in before if s.type == "Person"]
    if people and prev_cue is not None and prev_cue.word in LEADS_PEOPLE:
        people = [*_leaders_of_people(doc, items, sent, prev_cue), *people]
    goes_on = continues_clause(doc.text, prev_cue, cue, people) \
        if people and prev_cue is not None and prev_cue.relation == "meets" else None
    if goes_on is not None:
        # 阿马拉苏里亚分别会见了丁薛祥、王毅，并赴上海参观: those met are the objects of 会见; the clause
        # that goes on with 并 has the sentence's subject — with 共同 the guests as well
        subject = carried_subject(doc, cue, [], sent, prev_cue)
        people = [*(people if any(w in goes_on for w in TOGETHER) else ()),
                  *((_party_of(doc, subject),) if subject is not None else ())]
    if not people and prev_cue is not None:
        # 习近平走下列车，在蓝佛安陪同下，考察了…: after an escort phrase the one escorted visits
        escort = next(((a, b) for a, b in doc.escorts if a <= prev_cue.start < b), None)
        escorted_person = escorted_one(doc, items, escort[0]) if escort is not None else None
        if escorted_person is not None:
            people = [_party_of(doc, escorted_person)]
    if people:
        return list({p.name: p for p in people}.values())
    window = doc.text[prev_cue.end if prev_cue else sent[0]:cue.start]
    if PRONOUN_SUBJECT.search(window.replace("他", "") if "他" in window and len(window) < 3 else window):
        return []
    subject = doc.sentence_subject
    if subject is None:
        return []
    return [doc.sentence_visitor or _party_of(doc, subject)]


#: The verbs by which a leader takes named people along (常文松率黄彬、花全…参访苗栗), longest first.
LEADS_PEOPLE = ("率领", "带领", "率")


def _leaders_of_people(doc: DocState, items, sent, lead: Cue) -> list[Span]:
    """Who leads the people named after ``lead`` where they go: the list of names right before the
    verb (乌当区委书记常文松率水田镇党委书记黄彬、…等一行14人参访苗栗: 常文松 goes too), or no one
    where anything but a name's titles stands between them."""
    people = [s for s in items if s.type == "Person" and sent[0] <= s.start and s.end <= lead.start
              and not escorted(doc, s)]
    if not people or doc.text[people[-1].end:lead.start].strip():
        return []
    return [_party_of(doc, p) for p in listed_with_last(doc.text, people, items, "、，,和及")]


def _party_of(doc: DocState, person: Span) -> Span:
    """Who visits when ``person`` is written: his delegation for a leader written with his party
    (徐礼国一行, when the story has him lead 凤台县党政代表团), else himself."""
    visitor = target_of(person)
    led = doc.led.get(visitor.name)
    return led if led is not None and doc.text.startswith("一行", person.end) else visitor


def carried_visitor(doc: DocState, subject: Span, items) -> Span | None:
    """The delegation that visits when a sentence names no visitor and carries ``subject`` from the
    one before, a leader the story has lead a delegation (张三率扬州市党政代表团赴镇江考察。在镇期间，
    先后参观了…: the delegation goes, as the guidelines have it); None otherwise."""
    visitor = target_of(subject)
    if visitor.type != "Person" or any(target_of(s).name == visitor.name for s in items):
        return None
    return doc.led.get(visitor.name)


# What may stand between a visit word and the 的 of the relative clause it is in (来皖考察的,
# 来华进行国事访问的, 来华进行正式友好访问的): a few words, no clause mark.
_TO_DE = re.compile(r"[^,;:，；：。、的]{0,12}的")


def _described_visitor(text: str, cue: Cue, items, sent) -> Span | None:
    """The visitor a relative clause describes (会见了在吉林考察的金华市党政代表团一行, 会见来华进行国事
    访问的古巴国家主席迪亚斯-卡内尔): the first delegation after the 的 that closes the cue's words,
    else the first person; None when no such 的 follows the cue."""
    m = _TO_DE.match(text, cue.end, sent[1])
    if m is None or any(cue.end <= s.start < m.end() for s in items):
        return None
    end = clause_end(text, m.end(), sent[1])
    after = [s for s in items if m.end() <= s.start and s.end <= end]
    visitor = next((s for s in after if is_delegation(target_of(s))), None) or next(
        (s for s in after if s.type == "Person"), None)
    return target_of(visitor) if visitor is not None else None


# 到访的 X: X is a guest come to where his host is (沙特王储…与到访的巴基斯坦总理…).
_VISITING = "到访"
#: The source of the host's country a 到访的 guest visits (:func:`_host_country`).
GUEST_OF = "guest-of"
#: The source of a place where the person the sentence describes is staying (正在诺鲁访问的蔡英文):
#: by construction, whatever the model says (:func:`staying_visits`).
STAYING = "staying"
# Guests 到访的 describes by what they are, not by name (到访的大马人士, 到访的外国客人).
_UNNAMED_GUESTS = re.compile(r"[^，,、。；;]{0,8}?(?:人士|客人|嘉宾|朋友|官员|代表|游客|人员|领导人)")


def _host_country(text: str, cue: Cue, items, sent) -> list[Span]:
    """For ``到访的 [title] NAME``, the country of the host the sentence names before it (沙特阿拉伯王储…
    与到访的巴基斯坦总理夏巴兹·谢里夫: 沙特阿拉伯), not the guest's own (巴基斯坦), nor China (whose
    guests 来华 or 访华 say so); [] where none.  ``items`` include the places inside offices."""
    if text[cue.end:cue.end + 1] != "的":
        return []
    end = clause_end(text, cue.end, sent[1])
    guests = {target_of(s).name for s in items if s.type == "Place" and cue.end < s.start < end}
    hosts = sorted((s for s in items if s.type == "Place" and sent[0] <= s.start and s.end <= cue.start), key=lambda s: s.start)
    hosts = [s for s in hosts
             if is_country(target_of(s).name) and target_of(s).name not in guests and target_of(s).name != "中国"]
    return hosts[:1]


def visit_not_made(text: str, cue: Cue, sentence_start: int) -> bool:
    """Whether the clause before a visit cue makes it an invitation or a visit recalled.

    >>> text = "马克龙邀请习近平明年访问法国。"
    >>> visit_not_made(text, Cue(10, 12, "访问", "visits", "visit"), 0)
    True
    >>> text = "马克龙应邀访问中国。"
    >>> visit_not_made(text, Cue(5, 7, "访问", "visits", "visit"), 0)
    False
    """
    return not_made(text, cue, sentence_start, "unmade_visit_words.txt")


def find_visits(doc: DocState, cue: Cue, items, sent, prev_cue, next_cue) -> list[Found]:
    text = doc.text
    if visit_not_made(text, cue, sent[0]):
        return []
    if cue.word == "前往" and not _activities()[0].search(text, cue.end, sent[1]):
        return []
    if cue.word == "到" and _after_verb(doc, cue):
        return []  # 感受到北京, 得到: 到 completes another verb, nobody goes anywhere
    if cue.word in abbreviated_visit_cues():  # the place is the cue's own last character
        chosen = [s for s in items if s.attrs.abbreviation and cue.start < s.start < cue.end][:1]
    else:
        chosen = _visit_targets(doc, cue, items, sent, prev_cue, next_cue)
    if cue.word == _VISITING and text.startswith("的", cue.end):
        # 到访的 [title] NAME: what follows describes the guest (到访的巴基斯坦总理), who is where his host is
        if _described_visitor(text, cue, items, sent) is not None:
            chosen = [replace(s, source=GUEST_OF) for s in
                      _host_country(text, cue, items + [n for n in doc.nested if sent[0] <= n.start < sent[1]], sent)]
        elif _UNNAMED_GUESTS.match(text, cue.end + 1):
            return []  # (向到访的大马人士: guests no name says are none of the story's people; but 到访的城市包括…)
    if cue.word in _activities()[1]:
        if not chosen:
            chosen = _place_after_zai(doc, cue, items, sent, prev_cue)
        else:
            # 在哈密市考察A、B: the place the activity is in is visited with the sites it names
            run = _place_after_zai(doc, cue, items, sent, prev_cue)
            if run and AT_ACTIVITY.fullmatch(text, run[-1].end, cue.start):
                chosen = run + chosen
    if not chosen:
        return []
    out = []
    described = _described_visitor(doc.text, cue, items, sent)
    for subj in [described] if described is not None else _visit_subjects(doc, cue, items, sent, prev_cue):
        if subj.type == "Person" and subj not in doc.visitors:
            doc.visitors.append(subj)
        for obj in chosen:
            if target_of(obj).name != subj.name:
                out.append(Found("visits", subj, target_of(obj), sent, cue, 0.8))
    return out


# What a visitor does on a site that a report opens with (在A，习近平察看…): the activities, and
# the words that start an exchange with the people there (同乡亲们交谈) — which right after a name
# (no comma) may as well join it to another (在天津大学和同学们座谈时).
_ACTIVITIES_ON_SITE = ("了解", "听取", "察看", "观看", "走进", "详细", "仔细", "认真", "考察", "调研", "参观",
                       "看望", "慰问", "检查")
_ON_SITE = _ACTIVITIES_ON_SITE + ("同", "与", "和", "向")
# What a visitor does next in a region a report opens with (在河南郑州，丁薛祥前往…, 在拉萨，班禅在…主持):
# he goes on to its sites, or acts at one — he is there, not speaking of it (在北京，习近平强调…).
_ON_TOUR = ("来到", "前往", "到", "赴", "首先", "先后", "还", "深入", "实地", "在")
# The time of a stay (在京期间, 在台期间): only a visitor's.
_STAY = "期间"
# A meeting or talks at the site: the host meets there, which :func:`meeting_place_visits` reads.
#: The words of a meeting (会见, 会谈, 会晤, 接见).
MEETING = re.compile("会见|会谈|会晤|接见")


def abroad_visits(doc: DocState, items, sent) -> list[Found]:
    """A report dated in local time is from abroad: the people it puts somewhere visit the place
    (``当地时间5月6日晚，国家主席习近平和夫人彭丽媛在巴黎爱丽舍宫出席…`` — both visit 巴黎 and
    爱丽舍宫), whatever they do there."""
    text = doc.text
    local = text.find("当地时间", sent[0], sent[1])
    if local < 0:
        return []
    zai = text.find("在", local, sent[1])
    if zai < 0:
        return []
    places: list[Span] = []
    for s in items:
        if s.start == (places[-1].end if places else zai + 1) and s.type == "Place":
            places.append(s)
    clause = clause_start(text, local, zai)
    # China's people abroad: a foreign host in his own capital (美国总统…在白宫) visits nothing.
    people = [s for s in items if clause <= s.start and s.end <= zai and s.type == "Person"
              and not escorted(doc, s) and chinese_name(target_of(s).name)]
    return [Found("visits", target_of(p), target_of(place), sent, None, 0.6) for p in people for place in places]


# The level of a township (4) and of a village at the end of a chain (5): places one visits as sites.
_TOWNSHIP = 4


def _site_not_region(site: Span) -> bool:
    """Whether a site is a body or a named spot (松山湖材料实验室, 六尺巷), not a country, province,
    city or county: whoever speaks there (在…实验室，李强希望…) is on a visit."""
    return site.type == "Organization" or site.attrs.category != "country" and (
        not site.attrs.level or site.attrs.level >= _TOWNSHIP)  # (在津南区会馆村，李希要求…: a village is a site)


def site_visits(doc: DocState, items, sent) -> list[Found]:
    """A report that opens a sentence with the site (or a list of sites) and then its visitor doing
    something there: ``在国家生物育种产业创新中心，李强了解…`` — the visitor visits the site.  A meeting there is
    :func:`meeting_place_visits`' (a host at home visits nothing)."""
    text = doc.text
    at = SENTENCE_OPENING.match(text, sent[0], sent[1]).end()  # every part of it is optional: it always matches
    if text[at:at + 1] != "在":
        return []
    sites = []
    start = at + 1
    # 在三星（中国）半导体有限公司、中欧班列西安集结中心，丁薛祥了解…: every site of the list.
    # 在中原科技城河南省科学院，…: every site of a chain written together too.
    end = start
    # (the longest name at each start: 华电石家庄鹿华热电公司, not the 华 of 在华 read in it)
    while (site := max((s for s in items if s.start == start and s.type in ("Place", "Organization")),
                       key=lambda s: s.end, default=None)) is not None:
        sites.append(site)
        end = site.end
        if any(s.start == end and s.type in ("Place", "Organization") for s in items):
            start = end
            continue
        # 在南京钢铁集团有限公司智能工厂、…: the part of a body's site seen, unnamed, after its name
        # (a place's name and what follows it are another site: 在米林水电站坝址)
        part = _SITE_PART.match(text, end, min(sent[1], end + _SITE_RUN)) if site.type == "Organization" else None
        if part and not _NOT_IN_SITE.search(part.group()) and not any(
                part.start() < s.start < part.end() for s in items):
            end = part.end()
        if text[end:end + 1] in ("、", "和", "及"):
            start = end + 1
        else:
            break
    if not sites:
        return []
    if text[end:end + 1] in ("、", "和", "及"):
        # 在天津大学、天开高教科创园，…: the list runs on into a site no rule named
        rest = _UNNAMED_SITES.match(text, end, min(sent[1], end + _SITE_RUN))
        end = rest.end() if rest and not _NOT_IN_SITE.search(rest.group()) else end
    # 在京期间，崔世安…: the stay of a visitor in a place, whatever he does there (not 在进博会期间, a gathering)
    stay = text.startswith(_STAY, end) and all(s.type == "Place" for s in sites)
    end += len(_STAY) if stay else 0
    comma = end + (text[end:end + 1] in "，,")
    visitor = next((s for s in items if s.start == comma), None)
    after = visitor.end if visitor is not None else comma  # where what the visitor does is written
    if visitor is None and text.startswith(_ON_SITE if comma > end else _ACTIVITIES_ON_SITE, comma) \
            and all(_site_not_region(s) for s in sites):
        # 在湾仔街道人大代表联络站，同基层人大代表亲切交流, 在上海市人大机关详细了解…: the visitor is the
        # one the story goes on with
        visitor = doc.sentence_subject if doc.sentence_subject is not None \
            and doc.sentence_subject.end <= sent[0] else None
    if visitor is None or not (visitor.type == "Person" or is_delegation(target_of(visitor))):
        return []
    if stay:
        return [Found("visits", target_of(visitor), target_of(site), sent, None, 0.7) for site in sites]
    if not all(_site_not_region(s) for s in sites) and not text.startswith(_ON_SITE, after) and not (
            text.startswith(_ON_TOUR, after) and not MEETING.search(text, after, sent[1])):
        return []  # 在北京，习近平强调…: a region names where one speaks, a site where one goes
        # (在北京，习近平在人民大会堂会见…: a host at home, whom meeting_place_visits reads)
    if text.startswith(("同", "与", "和"), after) and MEETING.search(text, after, sent[1]):
        return []
    return [Found("visits", target_of(visitor), target_of(site), sent, None, 0.7) for site in sites]


# The rest of a list of sites a sentence opens with, past its last named one, up to the comma: items
# of name characters (no verb's or particle's) joined by 、, 和, 及.
_UNNAMED_SITES = re.compile(r"(?:[、和及][\u4e00-\u9fffA-Za-z0-9()（）]{2,16}?)+(?=[，,])")
_SITE_PART = re.compile(r"[\u4e00-\u9fff]{2,8}?(?=[、和及，,])")
_SITE_RUN = 40
_NOT_IN_SITE = re.compile("[的了在是对为把被将从向于着过等其之个与同]")


# 正在北京的…, 在诺鲁访问的…, 在华进行国事访问的…: where the person described after 的 is staying (正在)
# or visiting (the verb after the place); 在北京工作的 says neither.
_STAYING = re.compile(r"(正)?在([^，。；,;的]{1,16}?)(访问|考察|调研|出访|参访|进行国事访问|进行正式访问|进行访问)?的")


def staying_visits(doc: DocState, items, sent) -> list[Found]:
    """A person described by where he is staying or visiting (正在北京的保安局局长李家超, 正在诺鲁访问的
    蔡英文): he visits the place written right before the verb."""
    text = doc.text
    if text.find("在", sent[0], sent[1]) < 0:
        return []
    out = []
    for m in _STAYING.finditer(text, sent[0], sent[1]):
        if not (m.group(1) or m.group(3)):
            continue
        # the place that ends where the verb or 的 begins, whole (南太平洋国家诺鲁: 诺鲁)
        place = min((s for s in items if s.type == "Place" and m.start(2) <= s.start and s.end == m.end(2)),
                    key=lambda s: s.start, default=None)
        if place is None:
            continue
        k = m.end()
        person = next((s for s in items if s.start >= k and s.type == "Person"), None)
        # only offices and places between 的 and the name (的保安局局长李家超)
        if person is None or any(s.type not in ("Position", "Place", "Organization") for s in items
                                 if k <= s.start < person.start) or not _covered(items, k, person.start):
            continue
        # (正在…的: where he is, by construction; 在…考察的 is a visit the model weighs, a delegation's
        # leader's often his delegation's: 会见了在吉林考察的市委书记陈龙和金华市党政代表团一行)
        where = replace(target_of(place), source=STAYING) if m.group(1) else target_of(place)
        out.append(Found("visits", target_of(person), where, sent, None, 0.7))
    return out


def _covered(items, a: int, b: int) -> bool:
    """Whether the mentions of ``items`` cover ``[a, b)`` with no gap (a name's titles right before it)."""
    for s in sorted((s for s in items if a <= s.start < b), key=lambda s: s.start):
        if s.start > a:
            return False
        a = max(a, s.end)
    return a >= b


# 向人民英雄纪念碑敬献花篮, 向…献花: whoever lays the wreath is at the monument.
_TRIBUTE = re.compile(r"(?:敬献|献上|献)(?:了)?(?:花篮|花圈|鲜花)|献花")


def tribute_visits(doc: DocState, items, sent) -> list[Found]:
    """Who lays a wreath at a place (赵乐际向中朝友谊塔敬献花篮) visits it: the clause's people before
    向, else the one the story goes on with."""
    text = doc.text
    out = []
    for m in _TRIBUTE.finditer(text, sent[0], sent[1]) if text.find("献", sent[0], sent[1]) >= 0 else ():
        to = text.rfind("向", clause_start(text, sent[0], m.start()), m.start())
        if to < 0:
            continue
        site = min((s for s in items if s.type == "Place" and to < s.start and s.end == m.start()),
                   key=lambda s: s.start, default=None)  # (the whole of 中朝友谊塔, not its 朝)
        if site is None:
            continue
        clause = clause_start(text, sent[0], to)
        people = [s for s in items if clause <= s.start and s.end <= to and s.type == "Person"
                  and not escorted(doc, s)]
        if not people and doc.sentence_subject is not None and doc.sentence_subject.type == "Person":
            people = [doc.sentence_subject]
        out.extend(Found("visits", target_of(p), target_of(site), sent, None, 0.7) for p in people)
    return out


# Coming "here" (李强来到这里, 习近平在这里察看): going to the site the report has just named.
_HERE = re.compile("(?:来到|走进|到|在)这里")
_SCENERY = ("之滨", "之畔", "之巅", "之间", "畔", "边")


def here_visits(doc: DocState, items, sent) -> list[Found]:
    """A visitor who comes "here" visits the sites the report has just named: those the sentence
    opens with before him (晋江国际陆地港是…平台，李强来到这里), else every place and body the sentence
    before names (地处城中的六尺巷，…。习近平来到这里).  Where he is only "in" it, what he does there
    must be an activity of a visit (在这里察看, not 在这里找到).

    The visits of sites named in the sentence before stand on both sentences: their evidence is the
    two together."""
    text = doc.text
    out: list[Found] = []
    for m in _HERE.finditer(text, sent[0], sent[1]) if text.find("这里", sent[0], sent[1]) >= 0 else ():
        if text.startswith("在", m.start()) and not text.startswith(_ON_SITE, m.end()):
            continue
        clause = clause_start(text, sent[0], m.start())
        visitors = [s for s in items if clause <= s.start and s.end <= m.start() and not escorted(doc, s)
                    and (s.type == "Person" or is_delegation(target_of(s)))]
        if visitors:
            visitor = _party_of(doc, visitors[-1])
        elif doc.sentence_subject is not None and doc.sentence_subject.end <= sent[0]:
            visitor = doc.sentence_visitor or doc.sentence_subject  # (随后来到这里: the one the story goes on with)
        else:
            continue
        # the sites before the visitor in his sentence, else those of the sentence before
        first = min((s.start for s in items if s.type == "Person" or is_delegation(target_of(s))), default=m.start())
        sites, evidence = [s for s in items if s.end <= first and _is_site(s)], sent
        # (黄海之滨，…码头上…: the sea by which a site lies sets the scene, it is not the site)
        sites = [s for s in sites if not text.startswith(_SCENERY, s.end)]
        if not sites and doc.read:
            # the first clause of the sentence before that names a site: what it goes on to say is
            # about the site (…的拙政园，是江南园林的代表: not 江南)
            before = doc.read[-1]
            named = [s for s in before.items if _is_site(s) and not text.startswith(_SCENERY, s.end)]
            if named:
                end = clause_end(text, named[0].start, before.end)
                sites, evidence = [s for s in named if s.end <= end], (before.start, sent[1])
        out.extend(Found("visits", target_of(visitor), target_of(s), evidence, None, 0.7)
                   for s in {target_of(s).name: s for s in sites}.values() if target_of(s).name != visitor.name)
    return out


# What a report's topic sentence says of the site it opens with (阳泉阀门股份有限公司是…企业, 大疆创新…作为…企业,
# 位于…, 地处…).
_DESCRIBED = ("是", "作为", "位于", "地处", "坐落", "始建于", "成立于", "创建于")


def topic_visits(doc: DocState, items, sent) -> list[Found]:
    """A report that gives a site a sentence of its own (阳泉阀门股份有限公司是国家专精特新企业。) and then
    has its visitor go about it (习近平走进企业生产车间，详细了解…): the visitor visits the site.  The
    sentence before must open with the site and describe it, naming nobody; this one must have the
    visitor do what one does on a site.  The visit stands on both sentences."""
    if not doc.read:
        return []
    text = doc.text
    before = doc.read[-1]
    opening = SENTENCE_OPENING.match(text, before.start, before.end).end()
    site = max((s for s in before.items if s.start == opening and _is_site(s)), key=lambda s: s.end, default=None)
    if site is None or not text.startswith(_DESCRIBED, site.end) or not _site_not_region(target_of(site)) \
            or any(s.type == "Person" for s in before.items):
        return []
    visitors = [s for s in items if s.type == "Person" and not escorted(doc, s)]
    if visitors:
        visitor, after = _party_of(doc, visitors[0]), visitors[0].end
        if any(s.start < visitors[0].start and _is_site(s) for s in items):
            return []  # (在A，习近平…: the sentence names its own site)
        for s in items:  # past his titles after his name (习近平总书记走进…)
            if s.start == after and s.type == "Position":
                after = s.end
    elif doc.sentence_subject is not None and doc.sentence_subject.end <= sent[0]:
        visitor, after = doc.sentence_visitor or doc.sentence_subject, SENTENCE_OPENING.match(text, *sent).end()
    else:
        return []
    # what the visitor does, right after his name and titles (首先, 还 allowed): an activity on a site
    rest = _ADVERBS.match(text, after).end()
    if not text.startswith(_ACTIVITIES_ON_SITE + _ARRIVING_ON_SITE, rest):
        return []
    return [Found("visits", target_of(visitor), target_of(site), (before.start, sent[1]), None, 0.7)]


# Verbs of coming onto a site (来到社区党群服务中心; 走进 is an activity on one) and the adverbs before them.
_ARRIVING_ON_SITE = ("来到", "走访", "登上", "步入")
_ADVERBS = re.compile("(?:首先|随后|还|先后|又|也|一行)*")


def _is_site(sp: Span) -> bool:
    """Whether a mention may be a site visited: a place, or a body that is not a delegation."""
    t = target_of(sp)
    return t.type == "Place" or t.type == "Organization" and not is_delegation(t) and not sp.attrs.reference


# Who goes to the airport to meet or see off a visitor (大使吉树民也到机场迎接) visits the airport the
# story named; who lands there (习近平乘专机抵达…国际机场; 专机抵达…机场时, the plane standing for
# whom it carries) visits it too.
_AT_AIRPORT = re.compile("(?:到|在|赴|前往)机场(?:迎接|送行|欢迎|迎送|热情迎接|热情送行)")


def airport_visits(doc: DocState, items, sent) -> list[Found]:
    """Visits of an airport: by whom lands there, and by whom comes to it to greet or see off.

    The one landing is the clause's person before ``抵达``, or, where the clause names only the plane
    (``专机抵达杜尚别国际机场时``), the story's latest subject; the airport of a greeting written
    without its name (``到机场迎接``) is the last one the story named, and only China's people greeting
    abroad visit it (a foreign host at his own airport visits nothing)."""
    text = doc.text
    out: list[Found] = []
    for airport in (s for s in items if s.type == "Place" and s.name.endswith("机场")):
        landing = text.rfind("抵达", clause_start(text, sent[0], airport.start), airport.start)
        if landing < 0 or any(s.start < airport.start and s.end > landing for s in items if s is not airport
                              and not (s.type == "Place" and s.end == airport.start)):
            continue  # the airport is not what lands (抵达阿斯塔纳…机场, a city written with it allowed)
        doc.last_airport = airport
        clause = clause_start(text, sent[0], landing)
        people = [s for s in items if clause <= s.start and s.end <= landing and s.type == "Person"
                  and not escorted(doc, s)]
        if not people and "专机" in text[clause:landing] and doc.last_subject is not None \
                and doc.last_subject.type == "Person":
            people = [doc.last_subject]
        out.extend(Found("visits", target_of(p), target_of(airport), sent, None, 0.7) for p in people)
    for greeting in _AT_AIRPORT.finditer(text, sent[0], sent[1]):
        if doc.last_airport is None:
            break
        clause = clause_start(text, sent[0], greeting.start())
        # China's people abroad: a foreign host at his own airport visits nothing
        out.extend(Found("visits", target_of(p), target_of(doc.last_airport), sent, None, 0.7)
                   for p in items if clause <= p.start and p.end <= greeting.start() and p.type == "Person"
                   and chinese_name(target_of(p).name) and not _foreign_official(doc, target_of(p)))
    return out


def _foreign_official(doc: DocState, person: Span) -> bool:
    """Whether the story gave ``person`` an office of a foreign country (印尼…部长卢胡特: a name of a
    Chinese shape does not make him China's)."""
    return any(person.name in holders and any(is_country(office[:k]) and office[:k] != "中国"
                                               for k in range(2, min(len(office), 8)))
               for office, holders in doc.holders.items())
