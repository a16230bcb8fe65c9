"""Relations between mentions: who leads, accompanies, visits, signs, holds
which position, attends, speaks and meets.

Each relation is found inside one sentence from a cue word (``率领``,
``陪同``, ``来到``, ``签署`` … listed in ``lexicon/data/cues.tsv``) and the
mentions around it: subjects are read backwards from the cue to the previous
cue, objects forwards to the end of the clause, and lists distribute
(``来到A、B、C`` gives three visits).  Generic words are resolved to the
entity they mean before a relation is made: ``代表团`` to the delegation named
before, ``双方`` to the two parties, ``他`` to the person last spoken of.

:func:`find_relations` returns :class:`Found` values that still hold spans;
:mod:`kg.resolve` turns them into :class:`~kg.types.Relation` values.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from functools import lru_cache

from kg.extract.entities import abbreviated_parties, bylines
from kg.extract.spans import Cue, Found, Span, SpanAttrs
from kg.lexicon import load_table
from kg.text.segment import Segmented

__all__ = ["Found", "Cue", "find_relations", "find_cues"]

_DELEGATION_WORDS = ("党政代表团", "政府代表团", "代表团", "访问团", "考察团", "访华团", "访京团", "该团")
_BOTH_SIDES = ("双方", "两国", "两地", "两省", "两市", "两党", "两国政府")
_PRONOUNS = ("他", "她")
_CLAUSE_END = ",;:，；：。!?！？"
# Visit words that carry their place (访港: visit Hong Kong).
_ABBREV_CUES = ("访港", "访华", "访京", "访沪", "来华", "抵港", "抵京", "来京", "赴京", "赴港", "进京")


@lru_cache(maxsize=1)
def _cues() -> tuple[tuple[str, str, str], ...]:
    rows = [(r[0], r[1], r[2] if len(r) > 2 else "") for r in load_table("cues.tsv")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def find_cues(text: str, start: int, end: int, token_starts: set[int], token_ends: set[int],
              mentions: list[Span]) -> list[Cue]:
    """Cue words in ``text[start:end]`` that stand on word boundaries and
    outside any mention (``率`` in ``效率`` and ``到`` in ``感受到`` are not cues).

    >>> from kg.text.segment import tokenize
    >>> t = "龚正率领代表团来到北京"
    >>> toks = tokenize(t)
    >>> [c.word for c in find_cues(t, 0, len(t), {a for a, _ in toks}, {b for _, b in toks}, [])]
    ['率领', '来到']
    """
    # an abbreviation may sit inside its cue (港 in 访港)
    taken: list[tuple[int, int]] = [(m.start, m.end) for m in mentions if not m.attrs.abbreviation]
    # a mention's edges are word edges too (jieba reads 王正谱率 as one unknown word)
    starts = token_starts | {m.end for m in mentions}
    ends = token_ends | {m.start for m in mentions}
    found: list[Cue] = []
    for word, relation, event_type in _cues():
        pos = text.find(word, start, end)
        while pos >= 0:
            stop = pos + len(word)
            aligned = (pos in starts and stop in ends) if len(word) == 1 else (pos in starts or stop in ends)
            if aligned and not any(a < stop and pos < b for a, b in taken):
                found.append(Cue(pos, stop, word, relation, event_type))
                taken.append((pos, stop))
            pos = text.find(word, pos + 1, end)
    found.sort(key=lambda c: c.start)
    return found


# --------------------------------------------------------------------------- helpers


class _Doc:
    """What relation rules look up across a document."""

    def __init__(self, seg: Segmented, spans: list[Span]):
        self.seg = seg
        self.text = seg.text
        self.spans = sorted((s for s in spans if not s.attrs.nested), key=lambda s: s.start)
        self.starts = [s.start for s in self.spans]
        self.nested = [s for s in spans if s.attrs.nested]
        self.last_person: Span | None = None
        self.last_subject: Span | None = None
        self.delegations: list[Span] = []
        self.visitors: list[Span] = []
        self.escorts: list[tuple[int, int]] = []  # 在…陪同下 phrases of the current sentence

    def delegation_before(self, pos: int) -> Span | None:
        cands = [d for d in self.delegations if d.start < pos]
        if cands:
            return cands[-1]
        return self.delegations[0] if self.delegations else None


def _is_delegation(sp: Span) -> bool:
    return sp.type == "Organization" and sp.name.endswith(_DELEGATION_WORDS[:6] + ("团",)) \
        and not sp.name.endswith(("集团", "乐团", "剧团", "社团", "军团", "财团"))


def _synthetic(name: str, type_: str, at: int, end: int, source: str) -> Span:
    return Span(at, end, type_, name, source, 0.6, SpanAttrs(synthetic=True))


def _between(text: str, a: int, b: int) -> str:
    return text[a:b] if a < b else ""


# ------------------------------------------------------------------------- the rules


def find_relations(seg: Segmented, spans: list[Span], doc_date: str | None = None) -> list[Found]:
    """All relations of a document, sentence by sentence.

    Examples
    --------
    >>> from kg.text.normalize import normalize
    >>> from kg.text.segment import segment
    >>> from kg.extract.entities import find_mentions
    >>> seg = segment("d", normalize("省委书记刘家义率领山东省党政代表团来到北京市。"))
    >>> sorted((f.type, f.subject.name, f.object.name) for f in find_relations(seg, find_mentions(seg)))
    ... # doctest: +NORMALIZE_WHITESPACE
    [('holds_position', '刘家义', '山东省委书记'), ('leads', '刘家义', '山东省党政代表团'),
     ('visits', '山东省党政代表团', '北京市')]
    """
    doc = _Doc(seg, spans)
    out: list[Found] = []
    for sent in seg.sentences:
        out.extend(_sentence(doc, sent))
    return _companions_visit(_complete_bare_titles(out), seg.text)


# Companions who arrive with a visitor (同机抵达) visit where the visitor goes.
_ARRIVING_WITH = ("同机抵达", "随同", "一同")


def _companions_visit(found: list[Found], text: str) -> list[Found]:
    destinations: dict[str, Span] = {}
    for f in found:
        if f.type == "visits" and f.object is not None and f.object.type == "Place":
            destinations.setdefault(f.subject.name, f.object)
    extra = []
    for f in found:
        if f.type == "accompanies" and f.object is not None \
                and any(w in text[f.sentence[0]:f.sentence[1]] for w in _ARRIVING_WITH):
            place = destinations.get(f.object.name)
            if place is not None:
                extra.append(Found("visits", f.subject, place, f.sentence, f.cue, 0.6))
    return found + extra


def _complete_bare_titles(found: list[Found]) -> list[Found]:
    """A bare title after a name (习近平主席, 刘家义书记) is the office of that
    title the document gives the person in full (国家主席, 山东省委书记); with
    none, it states no office and is dropped.  A title whose body was guessed
    from context yields to the office the person was first given with that
    title (one person, one 总书记)."""
    full: dict[str, list[Span]] = {}
    for f in found:
        if f.type == "holds_position" and f.object is not None and not f.object.attrs.bare:
            full.setdefault(f.subject.name, []).append(f.object)
    out = []
    for f in found:
        if f.type == "holds_position" and f.object is not None and f.object.attrs.bare:
            title = f.object.attrs.title or f.object.name
            match = [p for p in full.get(f.subject.name, ()) if p.name.endswith(title)]
            if match:
                out.append(replace(f, object=match[0], confidence=0.7))
            continue
        if f.type == "holds_position" and f.object is not None and f.object.attrs.completed:
            title = f.object.attrs.title
            first = next((p for p in full.get(f.subject.name, ()) if p.attrs.title == title), None)
            if first is not None and first.name != f.object.name:
                out.append(replace(f, object=first, confidence=0.7))
                continue
        out.append(f)
    return out


def _sentence(doc: _Doc, sent) -> list[Found]:
    text = doc.text
    a, b = sent.start, sent.end
    lo, hi = bisect_left(doc.starts, a), bisect_left(doc.starts, b)
    # the reporters of a byline (（记者孙奕）) wrote the story; they act in none of its relations
    credited = bylines(text, a, b)
    mentions = [s for s in doc.spans[lo:hi] if s.end <= b
                and not any(x <= s.start and s.end <= y for x, y in credited)]
    token_starts = {s for s, _ in sent.tokens}
    token_ends = {e for _, e in sent.tokens}
    cues = find_cues(text, a, b, token_starts, token_ends, mentions)
    refs = _references(doc, a, b, mentions, token_starts)
    items = sorted(mentions + refs, key=lambda s: s.start)
    doc.escorts = _escort_phrases(text, a, b)
    subject = _main_subject(doc, items, cues)
    doc.sentence_subject = subject
    found: list[Found] = []
    found.extend(_holds_position(doc, items, (a, b)))
    for sp in items:
        if _is_delegation(sp) and not sp.attrs.reference:
            doc.delegations.append(sp)
    for i, cue in enumerate(cues):
        prev_cue = cues[i - 1] if i else None
        next_cue = cues[i + 1] if i + 1 < len(cues) else None
        rule = _RULES.get(cue.relation)
        if rule:
            found.extend(rule(doc, cue, items, (a, b), prev_cue, next_cue))
    persons = [s for s in items if s.type == "Person" and not _escorted(doc, s)]
    if persons:
        doc.last_person = _target(persons[0])
    if subject is not None:
        doc.last_subject = subject
    return found


# 在…陪同下 (escorted by) and 应…邀请 (at the invitation of): the people inside
# are not the subject of the verbs around them.
_ESCORT = re.compile(r"在([^,;，；。]{1,40}?)陪同下|应([^,;，；。]{1,40}?)(?:的)?邀请")


def _escort_phrases(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Spans of 在…陪同下 phrases: the people inside escort; they are not subjects."""
    return [(m.start(), m.end()) for m in _ESCORT.finditer(text, a, b)]


def _escorted(doc: _Doc, sp: Span) -> bool:
    return any(x <= sp.start and sp.end <= y for x, y in doc.escorts)


def _main_subject(doc: _Doc, items: list[Span], cues: list[Cue]) -> Span | None:
    """Who the sentence is about: its first person or delegation before the first
    cue, outside 在…陪同下; a sentence that opens with a cue carries the subject
    of the one before (丁薛祥在天津调研。他强调…; …来到A。随后来到B)."""
    first_cue = cues[0].start if cues else None
    for sp in items:
        if first_cue is not None and sp.start >= first_cue:
            break
        if _escorted(doc, sp):
            continue
        if sp.type == "Person" or _is_delegation(_target(sp)):
            return _target(sp)
    if not any(sp.type == "Person" or _is_delegation(_target(sp)) for sp in items
               if first_cue is None or sp.start < first_cue):
        return doc.last_subject
    return None


def _references(doc: _Doc, a: int, b: int, mentions: list[Span], token_starts: set[int]) -> list[Span]:
    """Generic words resolved to the entities they mean (代表团, 双方, 他)."""
    text = doc.text
    taken = [(m.start, m.end) for m in mentions]
    refs: list[Span] = []

    def free(x: int, y: int) -> bool:
        return all(y <= p or x >= q for p, q in taken)

    for word in _DELEGATION_WORDS:
        pos = text.find(word, a, b)
        while pos >= 0:
            end = pos + len(word)
            if free(pos, end):
                target = doc.delegation_before(pos)
                if target is not None:
                    refs.append(Span(pos, end, target.type, target.name, "reference", 0.7,
                                     replace(target.attrs, reference=True, target=target)))
                else:
                    refs.append(Span(pos, end, "Organization", word, "reference", 0.3,
                                     SpanAttrs(reference=True, unresolved=True)))
                taken.append((pos, end))
            pos = text.find(word, end, b)
    for word in _BOTH_SIDES:
        pos = text.find(word, a, b)
        while pos >= 0:
            end = pos + len(word)
            if free(pos, end):
                refs.append(Span(pos, end, "Both", word, "reference", 0.6, SpanAttrs(reference=True)))
                taken.append((pos, end))
            pos = text.find(word, end, b)
    for word in _PRONOUNS:
        pos = text.find(word, a, b)
        while pos >= 0:
            end = pos + 1
            target = _antecedent(text, mentions, a, pos) or doc.last_person
            if free(pos, end) and pos in token_starts and target is not None and text[end:end + 1] != "们":
                refs.append(Span(pos, end, "Person", target.name, "reference", 0.6,
                                 replace(target.attrs, reference=True, target=target)))
                taken.append((pos, end))
            pos = text.find(word, end, b)
    return [r for r in refs if not r.attrs.unresolved]


def _antecedent(text: str, mentions: list[Span], a: int, pos: int) -> Span | None:
    """The person a pronoun at ``pos`` stands for: the last one named earlier in
    the sentence outside the pronoun's own clause (…米佐塔基斯总理访华期间，
    习近平主席同他举行会晤: 他 is 米佐塔基斯, not 习近平)."""
    clause = max([k + 1 for k in range(a, pos) if text[k] in _CLAUSE_END] or [a])
    earlier = [m for m in mentions if m.type == "Person" and m.end <= clause]
    return earlier[-1] if earlier else None


def _target(sp: Span) -> Span:
    """The entity span a reference stands for (the span itself otherwise)."""
    return (sp.attrs.target if sp.attrs.target is not None else sp) if sp.attrs.reference else sp


def _holds_position(doc: _Doc, items: list[Span], sent: tuple[int, int]) -> list[Found]:
    """Positions right before a person (a chain of them) or a bare title right after."""
    text = doc.text
    out = []
    for i, sp in enumerate(items):
        if sp.type != "Person" or sp.attrs.reference:
            continue
        # 中共中央总书记、国家主席、中央军委主席习近平: walk back over the chain.
        j, end = i - 1, sp.start
        while j >= 0 and items[j].type == "Position" and (_between(text, items[j].end, end) in ("", "、", "兼")):
            pos = items[j]
            if not pos.attrs.former:
                out.append(Found("holds_position", sp, pos, sent, None, 0.9 if not pos.attrs.bare else 0.5))
            end = pos.start
            j -= 1
        # 刘家义书记, 习近平总书记: a bare title right after the name.
        if i + 1 < len(items):
            nxt = items[i + 1]
            if nxt.type == "Position" and nxt.start == sp.end and nxt.attrs.title_only \
                    and not nxt.attrs.former:
                out.append(Found("holds_position", sp, nxt, sent, None, 0.8))
    return out


def _window_before(items: list[Span], cue: Cue, prev_cue: Cue | None, lo: int) -> list[Span]:
    start = prev_cue.end if prev_cue else lo
    return [s for s in items if start <= s.start and s.end <= cue.start]


def _window_after(text: str, items: list[Span], cue: Cue, next_cue: Cue | None, hi: int,
                  stop_at_comma: bool = True) -> list[Span]:
    end = next_cue.start if next_cue else hi
    if stop_at_comma:
        for k in range(cue.end, end):
            if text[k] in _CLAUSE_END:
                end = k
                break
    return [s for s in items if cue.end <= s.start and s.end <= end]


def _leads(doc: _Doc, cue: Cue, items, sent, prev_cue, next_cue) -> list[Found]:
    text = doc.text
    out = []
    if cue.word == "率团":  # 省委书记易炼红率团: the delegation named before
        people = [s for s in _window_before(items, cue, prev_cue, sent[0]) if s.type == "Person"]
        delegation = doc.delegation_before(cue.start)
        return [Found("leads", _target(p), delegation, sent, cue, 0.75) for p in people] if delegation else []
    if cue.word in ("为团长", "任团长"):
        before = _window_before(items, cue, None, sent[0])
        people = [s for s in before if s.type == "Person"]
        orgs = [s for s in items if _is_delegation(_target(s))]
        if people and orgs:
            out.append(Found("leads", people[-1], _target(orgs[0]), sent, cue, 0.8))
        return out
    after = _window_after(text, items, cue, next_cue, sent[1], stop_at_comma=True)
    org = next((s for s in after if s.type == "Organization"), None)
    # 由X率领的代表团: the leader sits between 由 and the cue.
    you = text.rfind("由", prev_cue.end if prev_cue else sent[0], cue.start)
    if you >= 0 and text.startswith("的", cue.end):
        people = [s for s in items if you < s.start and s.end <= cue.start and s.type == "Person"]
        if org is None or not org.start <= cue.end + 1 + 12:
            org = _named_delegation(doc, cue, items, people)
        if org is not None:
            out.extend(Found("leads", p, _target(org), sent, cue, 0.85) for p in people)
        return out
    if org is None:
        return out
    before = _window_before(items, cue, prev_cue, sent[0])
    people = [s for s in before if s.type == "Person"]
    out.extend(Found("leads", _target(p), _target(org), sent, cue, 0.85) for p in people)
    if people:
        doc.delegations.append(_target(org))
    return out


def _named_delegation(doc: _Doc, cue: Cue, items, people) -> Span | None:
    """由越南共产党中央政治局委员丁进勇率领的代表团: the delegation of the
    leader's party (or country)."""
    text = doc.text
    for word in _DELEGATION_WORDS:
        if text.startswith(word, cue.end + 1):
            pos = cue.end + 1
            bodies = [s for s in items if s.type == "Position" and s.end <= cue.start and s.attrs.body]
            for p in bodies:
                body = p.attrs.body
                m = re.match(r"(.+?(?:共产党|劳动党|人民革命党|[^中]党))", body)
                owner = m.group(1) if m else p.attrs.place or ""
                if owner:
                    return _synthetic(owner + word, "Organization", pos, pos + len(word), "delegation-of")
            existing = doc.delegation_before(pos)
            return existing
    return None


def _accompanies(doc: _Doc, cue: Cue, items, sent, prev_cue, next_cue) -> list[Found]:
    text = doc.text
    out = []
    main = _main_visitor(doc, items, sent)
    zai = text.rfind("在", prev_cue.end if prev_cue else sent[0], cue.start)
    if cue.word == "陪同下" or (zai >= 0 and text.startswith("下", cue.end)):
        # 李强在朴泰成陪同下检阅: the people between 在 and 陪同 accompany the subject.
        people = [s for s in items if zai < s.start and s.end <= cue.start and s.type == "Person"]
        subject = [s for s in items if s.end <= zai and s.type in ("Person",)]
        guest = _target(subject[-1]) if subject else main
        if guest is not None:
            out.extend(Found("accompanies", _target(p), guest, sent, cue, 0.85) for p in people
                       if _target(p).name != guest.name)
        return out
    before = _window_before(items, cue, prev_cue, sent[0])
    people = [s for s in before if s.type == "Person"]
    if not people and cue.start - sent[0] <= 2:
        return out
    after = _window_after(text, items, cue, next_cue, sent[1])
    objs = [s for s in after if s.type == "Person" or _is_delegation(_target(s))]
    # 陪同维文, 陪同新加坡外长维文: the guest right after the cue, or after the guest's title
    right_after = bool(objs) and (objs[0].start <= cue.end + 1 or any(
        p.type == "Position" and p.start <= cue.end + 1 and p.end == objs[0].start for p in items))
    guest = _target(objs[0]) if right_after else main
    if guest is None:
        return out
    out.extend(Found("accompanies", _target(p), guest, sent, cue, 0.75) for p in people
               if _target(p).name != guest.name)
    return out


def _main_visitor(doc: _Doc, items, sent) -> Span | None:
    if doc.delegations:
        return doc.delegations[0]
    if doc.visitors:
        return doc.visitors[0]
    return None


# After a visited place, these words mean the place names a past speech or
# instruction (贯彻习近平总书记视察山东重要讲话精神), not a visit now.
_SPEECH_REFERENCE = re.compile(r"[^,;，；。]{0,4}?(重要讲话|讲话精神|重要指示|指示精神|重要批示|时的讲话)")
# 前往 says where someone went, not that they arrived: it counts only with an
# activity there (前往A…调研).
_ACTIVITY = re.compile(r"调研|考察|视察|参观|看望|慰问|出席|了解|座谈|访问|检查|指导")


def _visit_targets(doc: _Doc, cue: Cue, items, sent, prev_cue, next_cue) -> list[Span]:
    text = doc.text
    after = _window_after(text, items, cue, next_cue, sent[1])
    # 对朝鲜进行正式友好访问: the object sits between 对 and 进行.
    if cue.word == "访问" and not after:
        dui = text.rfind("对", prev_cue.end if prev_cue else sent[0], cue.start)
        if dui >= 0:
            after = [s for s in items if dui < s.start and s.end <= cue.start and s.type == "Place"]
    targets = [s for s in after if s.type in ("Place", "Organization") and not _is_delegation(_target(s))]
    if cue.word in ("到", "抵") and targets and targets[0].start > cue.end + 1:
        targets = []
    chosen: list[Span] = []
    last_end = cue.end
    for s in targets:  # lists distribute; the run ends at anything but a list separator
        gap = _between(text, last_end, s.start)
        if chosen and gap not in ("、", "和", "及", "以及", "与", ",", "，"):
            break
        if not chosen and len(gap) > 6:
            break
        if _SPEECH_REFERENCE.match(text, s.end):
            break
        chosen.append(s)
        last_end = s.end
    return chosen


# Activities that place their subject at the place named after 在 (丁薛祥在天津调研).
_AT_PLACE = ("调研", "考察", "视察", "参观", "看望", "慰问", "座谈")


# Words before the place where something happens: 在滨江区调研, 深入滨江区调研.
_PLACE_LEADS = ("在", "深入")


def _place_after_zai(doc: _Doc, cue: Cue, items, sent, prev_cue) -> list[Span]:
    """The place of 在X(，)… or 深入X…: the last of the run of places right after
    在 (在希腊罗德岛 names 罗德岛; 深入滨江区调研 names 滨江区)."""
    text = doc.text
    lo = prev_cue.end if prev_cue else sent[0]
    at, lead = max(((text.rfind(word, lo, cue.start), word) for word in _PLACE_LEADS), key=lambda x: x[0])
    if at < 0:
        return []
    zai = at + len(lead) - 1  # the last character of 在 or 深入
    run: list[Span] = []
    listed: list[Span] = []
    for s in items:
        if s.type != "Place" or not (zai < s.start and s.end <= cue.start):
            continue
        if not run and s.start <= zai + 2:
            run.append(s)
        elif run and s.start == run[-1].end:
            run.append(s)  # 在希腊罗德岛: the most specific of adjacent places
        elif run and doc.text[run[-1].end:s.start] in ("、", "和", "及"):
            listed.append(run[-1])  # 在汕头、揭阳调研: a list distributes
            run = [s]
        else:
            break
    return listed + run[-1:]


def _meeting_place_visits(doc: _Doc, cue: Cue, items, sent, prev_cue) -> list[Found]:
    """李强在希腊罗德岛会见…: the host is at the place, so visits it."""
    # a host at a national venue (在人民大会堂会见) is at home, not visiting
    places = [p for p in _place_after_zai(doc, cue, items, sent, prev_cue) if p.attrs.category != "venue"]
    zai = doc.text.rfind("在", prev_cue.end if prev_cue else sent[0], cue.start)
    hosts = [s for s in items if s.type == "Person" and s.end <= zai and not _escorted(doc, s)
             and not re.search(r"[,;:，；：]", doc.text[s.end:zai])]
    if not places or not hosts:
        return []
    return [Found("visits", _target(hosts[-1]), _target(places[0]), sent, cue, 0.6)]


def _after_verb(doc: _Doc, cue: Cue) -> bool:
    from kg.lexicon.jieba_dict import word_tag

    text = doc.text
    for n in (2, 1, 3):
        word = text[max(0, cue.start - n):cue.start]
        tag = word_tag(word)
        if tag and tag[0] == "v" and len(word) == n:
            return True
    return False


_PRONOUN_SUBJECT = re.compile(r"我们|我|他们|她们|大家|各方|双方")


def _visit_subjects(doc: _Doc, cue: Cue, items, sent, prev_cue) -> list[Span]:
    before = [s for s in _window_before(items, cue, prev_cue, sent[0]) if not _escorted(doc, s)]
    delegation = next((s for s in reversed(before) if _is_delegation(_target(s))), None)
    if delegation is None and prev_cue is not None and prev_cue.relation == "leads":
        delegation = next((s for s in items if prev_cue.end <= s.start < cue.start
                           and _is_delegation(_target(s))), None)
    if delegation is None:
        # a delegation led in this sentence goes where its leaders go
        led = [s for s in items if s.end <= cue.start and _is_delegation(_target(s))]
        if led and any(c for c in ("率领", "带领", "率") if c in doc.text[sent[0]:cue.start]):
            delegation = led[-1]
    if delegation is not None:
        return [_target(delegation)]
    people = [_target(s) for s in before if s.type == "Person"]
    if people:
        return people
    window = doc.text[prev_cue.end if prev_cue else sent[0]:cue.start]
    if _PRONOUN_SUBJECT.search(window.replace("他", "") if "他" in window and len(window) < 3 else window):
        return []
    subject = getattr(doc, "sentence_subject", None)
    return [subject] if subject is not None else []


def _visits(doc: _Doc, cue: Cue, items, sent, prev_cue, next_cue) -> list[Found]:
    text = doc.text
    if cue.word == "前往" and not _ACTIVITY.search(text, cue.end, sent[1]):
        return []
    if cue.word == "到" and _after_verb(doc, cue):
        return []  # 感受到北京, 得到: 到 completes another verb, nobody goes anywhere
    if cue.word in _ABBREV_CUES:  # the place is the cue's own last character
        chosen = [s for s in items if s.attrs.abbreviation and cue.start < s.start < cue.end][:1]
        # 同来华进行国事访问的古巴国家主席迪亚斯-卡内尔: the visitor follows 的
        de = text.find("的", cue.end, sent[1])
        clause_end = min([k for k in range(cue.end, sent[1]) if text[k] in _CLAUSE_END] or [sent[1]])
        if 0 <= de < clause_end:
            visitor = next((s for s in items if de < s.start < clause_end and s.type == "Person"), None)
            if visitor is not None and chosen:
                return [Found("visits", _target(visitor), _target(chosen[0]), sent, cue, 0.8)]
    else:
        chosen = _visit_targets(doc, cue, items, sent, prev_cue, next_cue)
    if not chosen and cue.word in _AT_PLACE:
        chosen = _place_after_zai(doc, cue, items, sent, prev_cue)
    if not chosen:
        return []
    out = []
    for subj in _visit_subjects(doc, cue, items, sent, prev_cue):
        if subj.type == "Person" and subj not in doc.visitors:
            doc.visitors.append(subj)
        for obj in chosen:
            if _target(obj).name != subj.name:
                out.append(Found("visits", subj, _target(obj), sent, cue, 0.8))
    return out


def _signs(doc: _Doc, cue: Cue, items, sent, prev_cue, next_cue) -> list[Found]:
    text = doc.text
    # 见证签署: witnesses do not sign.
    if "见证" in text[max(sent[0], cue.start - 4):cue.start]:
        return []
    after = _window_after(text, items, cue, next_cue, sent[1], stop_at_comma=False)
    docs = [s for s in after if s.type == "Document"]
    if not docs:
        return []
    before = _window_before(items, cue, prev_cue, sent[0])
    parties = [s for s in before if s.type in ("Organization", "Place", "Person") and not s.attrs.reference]
    both = any(s.type == "Both" for s in before)
    out = []
    for d in docs:
        signers = parties
        if both or not signers:
            signers = [p for p in doc.nested if d.start <= p.start and p.end <= d.end and p.attrs.party]
        if both and not signers:
            # 双方签署了《中法联合声明》: the sides are the countries the name abbreviates
            named = {p.attrs.full or p.name for p in doc.spans if p.type == "Place"}
            signers = [_synthetic(country, "Place", d.start, d.end, "abbreviation")
                       for country in abbreviated_parties(d.name, named)]
        out.extend(Found("signs", _target(p), d, sent, cue, 0.8) for p in signers)
    return out


def _attends(doc: _Doc, cue: Cue, items, sent, prev_cue, next_cue) -> list[Found]:
    before = [s for s in _window_before(items, cue, prev_cue, sent[0]) if not _escorted(doc, s)]
    people = [s for s in before if s.type == "Person"]
    if not people:
        carried = _carried_subject(doc, cue, before, sent, prev_cue)
        people = [carried] if carried is not None else []
    return [Found("attends", _target(p), None, sent, cue, 0.75 if before else 0.6) for p in people]


def _carried_subject(doc: _Doc, cue: Cue, before: list[Span], sent, prev_cue) -> Span | None:
    """The sentence's subject, for a verb whose own clause names no one
    (李强…乘包机离开北京，应邀赴巴西出席…会晤: 李强 attends)."""
    subject = getattr(doc, "sentence_subject", None)
    if subject is None or subject.type != "Person" or before:
        return None
    window = doc.text[prev_cue.end if prev_cue else sent[0]:cue.start]
    if _PRONOUN_SUBJECT.search(window):
        return None
    return subject


def _speaks(doc: _Doc, cue: Cue, items, sent, prev_cue, next_cue) -> list[Found]:
    text = doc.text
    # 重要讲话精神, 对山东重要讲话: a speech referred to, not one given here.
    if cue.word == "讲话" and (text[cue.start - 2:cue.start] == "重要" or text.startswith("精神", cue.end)):
        return []
    before = [s for s in _window_before(items, cue, prev_cue, sent[0]) if not _escorted(doc, s)]
    people = [s for s in before if s.type == "Person"]
    if not people and prev_cue is not None and not re.search(r"[,;:，；：]", text[prev_cue.end:cue.start]):
        # 蔡奇陪同调研并在…座谈会上讲话: one clause, one subject for both verbs
        earlier = [s for s in items if s.end <= prev_cue.start and s.type == "Person" and not _escorted(doc, s)
                   and not re.search(r"[,;:，；：]", text[s.end:prev_cue.start])]
        people = earlier[-1:]
    if not people and text[max(sent[0], cue.start - 3):cue.start].endswith(("发表", "作", "致")):
        # 抵埗在机场发表讲话: the speech is the sentence subject's
        carried = _carried_subject(doc, cue, [b for b in before if b.type in ("Person", "Organization")],
                                   sent, prev_cue)
        people = [carried] if carried is not None else []
    if not people:
        subject = getattr(doc, "sentence_subject", None)
        if subject is not None and subject.type == "Person" and cue.word in ("表示", "指出", "强调", "说") \
                and re.fullmatch(r"[他她]?", text[prev_cue.end if prev_cue else sent[0]:cue.start].strip()):
            return [Found("speaks_at", subject, None, sent, cue, 0.6)]
        return []
    # Only the speaker's own clause: the people right before the cue (a list
    # of them, 陈吉宁、龚正分别介绍), not everyone earlier in the sentence.
    group = [people[-1]]
    for p in reversed(people[:-1]):
        if _between(text, p.end, group[0].start) in ("、", "和", "与", ""):
            group.insert(0, p)
        else:
            break
    return [Found("speaks_at", _target(p), None, sent, cue, 0.75) for p in group]


def _meets(doc: _Doc, cue: Cue, items, sent, prev_cue, next_cue) -> list[Found]:
    text = doc.text
    # 参加会见: the people before attend the meeting; they do not meet.
    if text[max(sent[0], cue.start - 2):cue.start] in ("参加", "出席", "陪同"):
        return []
    # the whole clause: a relative clause (来华进行国事访问的…) may hold another cue
    clause_start = max([k + 1 for k in range(sent[0], cue.start) if text[k] in _CLAUSE_END] or [sent[0]])
    before = [s for s in items if clause_start <= s.start and s.end <= cue.start and s.type == "Person"
              and not _escorted(doc, s)]
    after = [s for s in _window_after(text, items, cue, next_cue, sent[1], stop_at_comma=True)
             if s.type == "Person"]
    out = []
    if not after and len(before) >= 2:
        # 习近平同迪亚斯-卡内尔举行会谈: 同/与/和 splits the two sides.
        for k in range(1, len(before)):
            gap = text[before[k - 1].end:before[k].start]
            if re.search(r"(同|与|和|跟)", gap):
                hosts, guests = before[:k], before[k:]
                out.extend(Found("meets", _target(h), _target(g), sent, cue, 0.8) for h in hosts for g in guests)
                return out
        return out
    if before and after:
        hosts = before[-1:]
        out.extend(Found("meets", _target(h), _target(g), sent, cue, 0.8) for h in hosts for g in after[:3]
                   if _target(h).name != _target(g).name)
    if out:
        out.extend(_meeting_place_visits(doc, cue, items, sent, prev_cue))
    return out


_RULES = {
    "leads": _leads,
    "accompanies": _accompanies,
    "visits": _visits,
    "signs": _signs,
    "attends": _attends,
    "speaks_at": _speaks,
    "meets": _meets,
}
