"""``signs``: the parties that sign a named document; witnesses (``见证签署``) do not sign, and
``双方`` are the parties named before or in the document's name.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from kg.extract.entities import abbreviated_parties
from kg.extract.entities.context import StoryContext
from kg.extract.entities.documents import document_endings
from kg.extract.relations.state import (
    WITH_OPENER,
    DocState,
    clause_end,
    clause_start,
    home_at,
    is_delegation,
    listed_with_last,
    not_made,
    office_place,
    synthetic_span,
    target_of,
    window_after,
    window_before,
)
from kg.extract.spans import Cue, Found, Span, SpanAttrs
from kg.lexicon import longest_first
from kg.lexicon.gazetteer import gazetteer

__all__ = ["find_signs"]

# The lead of a news item: the outlet and the dateline before the colon or the 电 (央视网消息（新闻联播）：,
# 新华社北京5月7日电).
# (电 ends a dateline after its day or its agency, 5月7日电 or 新华社电; not the 电 of 三星电子)
_LEAD = re.compile(r"[^，。：:]{2,30}?(?:消息|讯|日电|社电)(?:[（(][^）)]{0,20}[）)])?[：:]?")
# After 双方 or 两国: the people who lead the two sides (两国元首), not the sides themselves.
_HEAD_WORDS = "元首|领导人|总统|总理"
_HEADS = re.compile(_HEAD_WORDS)

# People of a place, after its name: they sign, not the place (美国经济学家签署).
_THEIR_PEOPLE = re.compile(_HEAD_WORDS + "|首脑|官员|学者|专家|经济学家|科学家|议员|人士")

# What a signing answers to, before a document it names (签署宣誓确认参选符合《立法会条例》下规定).
_ANSWERS_TO = re.compile("符合|根据|依据|按照|依照|遵照|遵守|推动|落实|推进|促进")
# (签署了推动落实全球发展倡议…等领域合作文件: what the documents signed serve, no document signed)

# Unnamed parts of a body or place, after its name (联合国有关机构): they sign, not the whole.
_ITS_PARTS = re.compile("(?:有关|相关|下属|所属|各)(?:机构|部门|单位|方面|企业)")

# The document one signs on (在《…》上签字), right before the verb.
_SIGNED_ON = re.compile(r"在(《[^》]{2,60}》)上(?=(?:共同|正式|分别)?签)")

# What may stand between the unnamed document the verb signs and one named after it that is signed
# too: a conjunction (签署了备忘录和《…协定》), or nothing (签署框架协议《…》: the kind, then its name).
_JOINED = re.compile(r"\s*(?:(?:和|及|以及|与|、)\s*)?")

# What a bill becomes when signed (签署成法律, 签署成为法律).
_INTO_LAW = re.compile("(?:成为|成)法律")

# Who witnesses a signing, after 在 (在两市领导的共同见证下).
_WITNESSED_BY = re.compile(r"[^，,。；;]{0,24}?见证下")

# 双方 acting for others (双方代表两市政府签订, 双方分别代表): the two are people.
_SIDES_ACT_FOR = re.compile("(?:分别)?代表")
# Signers acting for the two sides, written in the clause of the signing (…代表双方政府签署).
_FOR_BOTH = re.compile("(?:分别)?代表(?:双方|两市|两地|两国|两省|两县|两区)")

# Words for two local sides (两市签署: the two cities), whom the sentence or the story names; the
# sides of 两国 are left to the document's name (中法联合声明) or to the heads who met.
_LOCAL_SIDES = frozenset(("双方", "两地", "两省", "两市", "两县", "两区", "两省区", "两区省"))


def find_signs(doc: DocState, cue: Cue, items, sent, prev_cue, next_cue) -> list[Found]:
    text = doc.text
    # 见证签署: witnesses do not sign; 敦促乌方签署, 拟于下月签署: nobody signs yet
    if "见证" in text[max(sent[0], cue.start - 4):cue.start] or not_made(text, cue, sent[0], "unmade_signing_words.txt"):
        return []
    after = window_after(text, items, cue, next_cue, sent[1], stop_at_comma=False)
    docs = [s for s in after if s.type == "Document"]
    if docs:
        # what is signed is the first run of documents after the verb (签署《A》、《B》和《C》); one
        # named past a comma after them is what the next clause speaks of (签署《约章》…，亦是基本法…)
        # and one after 符合/根据 what the signing answers to (签署宣誓确认参选符合《立法会条例》)
        stop = clause_end(text, docs[0].end, sent[1])
        docs = [d for d in docs if d.start < stop and not _ANSWERS_TO.search(text, cue.end, d.start)]
    kind = _kind_signed().match(text, cue.end)
    if docs and kind is not None and docs[0].start >= kind.end() \
            and not _JOINED.fullmatch(text, kind.end(), docs[0].start):
        docs = []
    before = window_before(items, cue, prev_cue, sent[0])
    if not docs:
        # 王毅与雷纳签署联合公报: the kind alone stands for the document of that kind named before
        earlier = _named_before(doc, cue)
        docs = [earlier] if earlier is not None else []
    into_law = _INTO_LAW.match(text, cue.end) is not None
    if not docs and into_law:
        # 执意将《香港人权与民主法案》签署成法律, 通过《…》、总统特朗普签署成法律后: a bill signed into law,
        # the last document named before the verb in the sentence
        docs = [d for d in doc.documents if sent[0] <= d.start and d.end <= cue.start][-1:]
    if not docs:
        # 张三与李四分别在《战略合作框架协议》上签字: the document is where they sign, before the verb
        on = _SIGNED_ON.search(text, sent[0], cue.end)
        if on is None:
            return []
        docs = [s for s in before if s.type == "Document" and on.start() < s.start and s.end <= on.end()]
        if not docs:
            return []
        before = [s for s in before if s.end <= on.start()]
    clause = clause_start(text, sent[0], cue.start)
    # 两市 after 代表 is whom the signers act for (黄文辉与横山英幸分别代表两市政府签署): they sign, and
    # so do the two sides they act for
    both = [s for s in before if s.type == "Both" and not text.endswith("代表", 0, s.start)]
    represented = [s for s in before if s.type == "Both" and s.name in _LOCAL_SIDES
                   and text.endswith("代表", 0, s.start)]
    # 见证省商务厅与中葡论坛常设秘书处签订…: who witnesses (双方共同见证了…) does not sign; the two
    # it names do
    witnessed = text.rfind("见证", clause, cue.start)
    if witnessed >= 0:
        parties = [s for s in before if _may_sign(s) and s.start >= witnessed + 2]
        both = [s for s in both if s.start >= witnessed + 2]
    else:
        # the outlet of a lead (央视网消息（新闻联播）：) reports the signing; the place after 在/于 is
        # where it happens (在沙特麦加签署): neither signs
        lead = _LEAD.match(text, sent[0])
        at = max(text.rfind("在", sent[0], cue.start), _place_yu(text, sent[0], cue.start))
        if at >= 0 and _WITNESSED_BY.match(text, at + 1):
            at = -1  # 在两市领导见证下，A与B签署: 在 opens the witnesses, no place
        elif at >= 0 and text[at] == "在" and text[cue.end:clause_end(text, cue.end, sent[1])].endswith(_THEN_WORDS):
            at = -1  # 在美国参众两院通过…、总统特朗普签署成法律后: 在…后 says when
        parties = [s for s in before if _may_sign(s) and not (lead and s.end <= lead.end())
                   and not (at >= 0 and s.start > at)]
    # parties in the signing's own clause are the ones who sign, not people of the clause before
    # (赵小明一行受到了热情欢迎，市政府与河东郡政府签订了《…》), nor 两市 or 双方 there (在两市领导见证下，
    # 汉中市与巴中市签署)
    # a place written right before a place or body inside it (泰国罗勇市, 河北省张家口市政府) is where
    # that party lies, not a party of its own
    # nor one before its unnamed parts (联合国有关机构签署: some of its agencies sign)
    parties = [s for s in _without_outer_places(parties) if not _ITS_PARTS.match(text, s.end)]
    if any(s.start >= clause for s in parties):
        keep_from = clause
        if _FOR_BOTH.search(text, clause, cue.start):
            # 绥化市副市长陈立军，湛江市委常委、常务副市长黄明忠代表双方政府签署: the man right before the
            # comma is the other side's signer
            keep_from = next((s.start for s in reversed(parties) if s.type == "Person" and s.end == clause - 1),
                             clause)
        parties = [s for s in parties if s.start >= keep_from]
        both = [s for s in both if s.start >= clause]
    if parties and all(s.type == "Place" for s in parties) and _THEIR_PEOPLE.match(text, parties[-1].end):
        # 埃及、美国、土耳其和卡塔尔领导人签署, 数十位美国经济学家签署: their people sign, whom the
        # sentence does not name
        parties = []
    subject = doc.sentence_subject
    if parties and subject is not None and subject.end <= clause and WITH_OPENER.match(text, clause) \
            and all(p.start >= clause for p in parties) \
            and (is_delegation(target_of(subject)) or subject.type == "Person" and subject.start >= sent[0]
                 and text[subject.start:subject.end] == subject.name):
        # 代表团…，与万向集团签署了《…》, 林世贤率团…前往余市町访问，与町长齐藤启辅签署…: the clause goes
        # on with the delegation or the man the sentence is about, who signs too (a man written in the
        # sentence: not one carried from the one before, nor one a group word stands for)
        parties = [target_of(subject), *parties]
    if into_law:
        # (a bill is signed into law by the one head written last before the verb in its clause:
        # 在美国参众两院通过《…》、总统特朗普签署成法律后 — not the houses that passed it)
        parties = [p for p in parties if p.start >= clause][-1:]
    # 会谈后，两国元首共同签署…: the heads are the two who met, or, when no sentence named both, the
    # first two people written with a head's title (习近平主席 … 武契奇总统)
    by_heads = bool(both) and _HEADS.match(text, both[-1].end) is not None
    heads = list(doc.two_heads()) if by_heads else []
    if by_heads and not heads:
        return []  # the heads sign, and the story does not say who they are: not the countries
    named_in_clause = any(s.start >= clause for s in before)
    out = []
    for d in docs:
        signers = heads or parties
        if not heads and (both or not signers):
            signers = [p for p in doc.nested if d.start <= p.start and p.end <= d.end and p.attrs.party]
        if both and not signers:
            # 双方签署了《中法联合声明》: the sides are the countries the name abbreviates (湘桂: the provinces)
            # (each at its own character of the name: one mention a place)
            named = {p.attrs.full or p.name for p in doc.spans if p.type == "Place"}
            at = d.start + (text[d.start] == "《")
            signers = [synthetic_span(country, "Place", at + i, at + i + 1, "abbreviation")
                       for i, country in enumerate(abbreviated_parties(d.name, named))]
        if both and not signers and not heads and _SIDES_ACT_FOR.match(text, both[-1].end) and both[-1].name == "双方":
            # 石忠信与…埃马诺举行会谈，双方代表两市政府签订了…: the sides are the two people named
            # before, who sign for their cities (as 黄文辉与横山英幸分别代表两市政府签署 does)
            people = [s for s in _parties_before(doc, items, sent[0], both[-1].start, people=True)
                      if s.type == "Person"]
            signers = people[-2:] if len(people) >= 2 else []
        if both and not signers and not heads and both[-1].name in _LOCAL_SIDES:
            # 汉中巴中两市签署战略合作框架协议; 巴中市党政代表团来汉中市考察，两市签署了…: the sides named
            # before, in the sentence (凤台县党政代表团前往仪征市调研，双方签署…: past the verb of the visit)
            signers = _sides(doc, _parties_before(doc, items, sent[0], both[-1].start), cue.start)
            # 孙弘、盛阅春分别代表辽源、绍兴两市政府签订: the people who act for the sides sign too
            signers = [*_acting_for_sides(doc, items, clause, both[-1].start), *signers]
        if not signers and not both and not heads and not named_in_clause:
            # 安徽党政代表团到江苏考察 签署合作交流协议: a clause that names no one carries the
            # sentence's delegation, which signs
            subject = doc.sentence_subject
            signers = [subject] if subject is not None and is_delegation(target_of(subject)) else []
            if not signers and subject is not None and subject.type == "Person" and sent[0] <= subject.start:
                # 夏邑县县长李昊…前往新密市考察，并签订友好市县结对共建协议书: the man the sentence is about
                # signs for his place with the one he goes to, the two places the sentence names
                sides = _distinct_sides(doc, _parties_before(doc, items, sent[0], cue.start))
                signers = sides if len(sides) == 2 else _pair_subject(doc, items, subject, cue)
        if represented and not heads:
            signers = [*signers, *_sides(doc, _parties_before(doc, items, sent[0], represented[-1].start), cue.start)]
        out.extend(Found("signs", target_of(p), d, sent, cue, 0.8) for p in signers)
    return out


# Acting for the sides named after it, up to the word for both (分别代表辽源、绍兴两市政府).
_ACTING_FOR = re.compile(r"(?:分别)?代表[^，。；,;]{0,16}$")


def _acting_for_sides(doc: DocState, items, clause: int, both_at: int) -> list[Span]:
    """The people listed right before 代表 where it opens the sides' names (孙弘、盛阅春分别代表辽源、
    绍兴两市政府签订…: 孙弘 and 盛阅春), who sign for them; else no one."""
    m = _ACTING_FOR.search(doc.text, clause, both_at)
    if m is None:
        return []
    people = [s for s in items if s.type == "Person" and clause <= s.start and s.end <= m.start()]
    if not people or people[-1].end != m.start():
        return []
    return [target_of(p) for p in listed_with_last(doc.text, people, items, "、和与及")]


# What joins the two people a sentence opens with (徐斌与杨利…，并签订了…).
_PAIRED = re.compile("(?:与|和|同)")


def _pair_subject(doc: DocState, items, subject: Span, cue: Cue) -> list[Span]:
    """The two people a sentence opens with, joined by 与 (会上，张华与李明分别介绍…，并签订了《…》),
    who sign what the clause of 并 signs; else no one."""
    if doc.text.find("并", max(0, cue.start - 3), cue.start) < 0:
        return []  # (并签订, 并正式签署)
    other = next((s for s in items if s.type == "Person" and s.start > subject.end), None)
    if other is None or not _PAIRED.fullmatch(doc.text, subject.end, other.start):
        return []
    return [target_of(subject), target_of(other)]


# Between a verb of signing and a kind standing for a document named before (签署了该协议).
_POINTING = re.compile("了?(?:该|上述|这一|这份|此)?")


# A time after 于 (于7月21日, 于今年): 于 then says when, not where.
_WHEN = re.compile(r"[0-9０-９一二三四五六七八九十今明昨前本同当上下次近]")


@lru_cache(maxsize=1)
def _kind_signed() -> re.Pattern:
    """An unnamed document right after the verb, its own object (签署备忘录, 签署命令): a document
    named past it is what the next verb acts on (…签署备忘录 共同翻译出版《…》, 签署命令，发布《…条令》),
    unless joined to it or naming it (签署了备忘录和《…协定》, 签署框架协议《…》: :data:`_JOINED`)."""
    kinds = "|".join(map(re.escape, longest_first({*document_endings(), "命令", "文件", "合同"})))
    return re.compile(f"了?[\u4e00-\u9fff]{{0,8}}?(?:{kinds})")


def _place_yu(text: str, lo: int, hi: int) -> int:
    """The last 于 in ``text[lo:hi]`` that says where (于麦加签署), not when (于7月21日前往…) nor
    anything else in a word (由于, 关于), or -1."""
    at = text.rfind("于", lo, hi)
    while at >= 0 and (_WHEN.match(text, at + 1) or text[at - 1:at] in _YU_WORDS):
        at = text.rfind("于", lo, at)
    return at


# What opens a word with 于 that says neither where nor when (由于, 关于, 对于, 至于, 属于, 基于).
_YU_WORDS = frozenset("由关对至属等基鉴处终过")
# What ends a clause of 在 that says when (在…签署成法律后, 在…时).
_THEN_WORDS = ("后", "时", "以后", "之后", "期间", "之际")


def _named_before(doc: DocState, cue: Cue) -> Span | None:
    """The document a verb of signing signs where it names only its kind (外交部长王毅与洪都拉斯外长
    雷纳签署联合公报): the last document of that kind the story named before; or, where 签约 or 签字
    ends its clause (…分别代表两市政府签约。), the document named last, in its sentence or the one
    before (not after 签署, whose document may be its subject: 矿产协议暂未签署); else None."""
    text = doc.text
    at = _POINTING.match(text, cue.end).end()
    named = [d for d in reversed(doc.documents) if d.end <= cue.start]
    if text.endswith(("签约", "签字"), 0, cue.end) and at == cue.end and (at == len(text) or text[at] in _CLAUSE_ENDS):
        last = named[0] if named else None
        # (in its sentence or the one before: at most one full stop between)
        return last if last is not None and text.count("。", last.end, cue.start) <= 1 else None
    kind = next((k for k in document_endings() if text.startswith(k, at)), None)
    if kind is None or at + len(kind) < len(text) and text[at + len(kind)].isalnum():
        return None  # (签署协议的企业, 签署协议书后: not a kind standing alone)
    return next((d for d in named if d.name.endswith(kind) and len(d.name) > len(kind)), None)


_CLAUSE_ENDS = frozenset("，。；！,;!\n")


def _may_sign(span: Span) -> bool:
    """Whether a mention may be a party to a signing: a body, a place or a person, named."""
    return span.type in ("Organization", "Place", "Person") and not span.attrs.reference


def _parties_before(doc: DocState, items, start: int, at: int, people: bool = False) -> list:
    """Who 双方 or 两市 may stand for, in the sentence opening at ``start``, before ``at``, in the
    order written: its organisations and places, and the places of the offices it names
    (哈尔滨市委副书记、市长石忠信与…菲律宾卡加延市市长埃马诺…两市: 哈尔滨市 and 卡加延市). Of a place
    written before the one inside it (江苏省仪征市, 菲律宾|卡加延市市长), the inner one; none in the
    lead (东北网哈尔滨6月16日电: the outlet and where it files from). With ``people``, its people too."""
    kinds = ("Organization", "Place", "Person") if people else ("Organization", "Place")
    lead = _LEAD.match(doc.text, start)
    lo = lead.end() if lead else start
    level_at = {s.start: s.attrs.level for s in items if s.type == "Place"}
    office_at = {s.start for s in items if s.type == "Position"}
    named = [s for s in items if lo <= s.start and s.end <= at and s.type in kinds
             and not s.attrs.reference
             and not (s.type == "Place" and (0 < (s.attrs.level or 0) < (level_at.get(s.end) or 0)
                                             or s.end in office_at))]
    offices = [p for s in items if s.type == "Position" and lo <= s.start and s.end <= at
               and (p := office_place(doc, s)) is not None]
    return sorted(named + offices, key=lambda s: s.start)


def _sides(doc: DocState, parties, at: int) -> list:
    """The two sides 双方 or 两市 stands for where the document's name does not give them: the last
    two named before it in the sentence, a delegation as the place it comes from (巴中市党政代表团来
    汉中市考察，两市签署: 巴中市 and 汉中市); where the sentence names none, the two the sentence before
    names (…与韩国春川市市长金明洙举行会谈。会谈后，两市签署); else the story's delegation's home and
    its one host place (the home alone where the story names no host, the host alone where a party
    the story does not name comes to it)."""
    sides = _distinct_sides(doc, parties)
    if not sides:
        sides = _distinct_sides(doc, _parties_of_sentence_before(doc, at))
    if len(sides) >= 2:
        return sides[-2:]
    delegation = next((d for d in doc.spans if is_delegation(d) and d.start < at), None)
    home = _home_place(doc, delegation) if delegation is not None else None
    if home is None and delegation is None and doc.party_leader_before(at) is not None:
        # 市委书记李明率我市党政代表团赴昆山市学习考察…两市政府签署: the home the outlet does not name
        # is no side kg can give; the one city the group visits is
        host = next(filter(None, (doc.host_place(lv) for lv in ("市", "县", "区"))), None)
        return [host] if host is not None else []
    if home is None:
        return []
    full = home.attrs.full or home.name
    level = "省" if full.endswith("自治区") else full[-1]  # (广西壮族自治区 is a province, no district)
    # the host is of the home's level, else a city, county or district
    # (县江双方: a county and the city it visits; 遵义市…赴德清县考察，两地政府签署: a city and a county)
    host = next(filter(None, (doc.host_place(lv) for lv in (level if level in "省市区县" else "市", "市", "县", "区"))),
                None)
    if host is None or host.name == home.name:
        return [home]  # 来我市考察，两市签署: the host the outlet does not name is no side kg can give
    return [home, host]


def _distinct_sides(doc: DocState, parties) -> list:
    """``parties`` as sides, each once, a delegation as the place it comes from; a place written right
    before a place or body inside it (韩国河东郡) is where that side lies, not a side of its own."""
    sides: list = []
    for p in _without_outer_places(parties):
        side = _home_place(doc, target_of(p)) if is_delegation(target_of(p)) else p
        if side is not None and all(_side_key(side) != _side_key(x) for x in sides):
            sides.append(side)
    return sides


def _without_outer_places(parties: list) -> list:
    """``parties`` without each place written right before a place or body that lies in it: where that
    party lies, not a party of its own (泰国罗勇市, 河北省张家口市政府, 韩国河东郡; not 汉中巴中)."""
    at = {p.start: p for p in parties if p.type in ("Place", "Organization")}
    return [p for p in parties if not (p.type == "Place" and (inner := at.get(p.end)) is not None
                                       and _lies_in(inner, p))]


def _lies_in(inner: Span, place: Span) -> bool:
    """Whether ``inner``, written right after ``place``, lies in it: a body, or a place of a lower
    level (韩国|河东郡, 四川省|巴中市; not 汉中|巴中, two cities written together)."""
    if inner.type != "Place":
        return True
    if place.attrs.category == "country":
        return inner.attrs.category != "country"
    return None not in (place.attrs.level, inner.attrs.level) and place.attrs.level < inner.attrs.level


def _parties_of_sentence_before(doc: DocState, at: int) -> list:
    """:func:`_parties_before` over the whole sentence before the one ``at`` is in."""
    sentences = doc.seg.sentences
    i = next((k for k, s in enumerate(sentences) if s.start <= at < s.end), 0)
    if i == 0:
        return []
    prev = sentences[i - 1]
    lo, hi = bisect_left(doc.starts, prev.start), bisect_left(doc.starts, prev.end)
    return _parties_before(doc, doc.spans[lo:hi], prev.start, prev.end)


def _side_key(side: Span) -> str:
    """One side by whichever name it is written (汉中 and 汉中市 are one city)."""
    t = target_of(side)
    return t.attrs.full or t.name


def _home_place(doc: DocState, delegation) -> Span | None:
    """The place a delegation comes from, the innermost its name gives (铜仁市 of
    贵州省铜仁市党政代表团): the document's mention of it, else the gazetteer's (巴中市 of
    巴中市党政代表团, read inside its name)."""
    name = delegation.name
    at, written = 0, StoryContext.place_of(name)
    while written and (inner := StoryContext.place_of(name[at + len(written):])):
        at, written = at + len(written), inner
    homes = [(home_at(name, p), len(p.name), p) for p in doc.spans + doc.nested if p.type == "Place"]
    best = max((h for h in homes if h[0] >= 0), key=lambda h: h[:2], default=None)
    if best is not None and best[0] >= at:
        return best[2]
    entry = gazetteer().place(written) if written else None
    if entry is None:
        return None
    return Span(delegation.start + at, delegation.start + at + len(written), "Place", written, "home", 0.6,
                SpanAttrs(level=entry.level, category=entry.category, full=entry.name, parent=entry.parent,
                          synthetic=True))
