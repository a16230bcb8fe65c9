"""A trained classifier over candidate pairs: which of the relations a sentence could state it does.

The rules (the other modules of this package) read each sentence from its cue words; their
relations become one feature among many here.  Every pair of mentions of the right types in a
sentence that holds a cue of the relation (and every pair the rules proposed) is a candidate;
its features say how the two stand: their order and distance, what lies between them (commas,
list marks, 和/与/同, other people), the cue words around them and where, the types of the mentions
(not which finder found them: that is a fact about kg's taggers, which change with each training,
not about the text), whether the subject is escorted (在…陪同下), the sentence's subject or a group
a cue of leading names (带领一分团), whether the object follows 在 or is one of places written
together (阿勒泰地区布尔津县) — and whether a rule proposed the pair.  A logistic model per relation type,
trained by :mod:`kg.train.relations` on kg's annotated articles, scores each candidate; those
above the type's threshold are the relations.

The weights ship as ``kg/lexicon/data/relations.json`` (no scikit-learn at run time); without
the file the rules' relations pass through unchanged.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from kg.extract.relations.meets import MEETING_WORDS, joins_meeting, names_relatives
from kg.extract.relations.participation import REPORT_MADE, attendance_denied, in_guest_clause
from kg.extract.relations.positions import list_head
from kg.extract.relations.state import (
    CLAUSE_END,
    DocState,
    SentenceRead,
    clause_end,
    delegation_words,
    escort_phrases,
    is_delegation,
    target_of,
)
from kg.extract.relations.hosted import HOST_OFFICE
from kg.extract.relations.visits import AT_ACTIVITY, GUEST_OF, LEADS_PEOPLE, STAYING, visit_not_made
from kg.extract.spans import Cue, Found, Span
from kg.lexicon import DATA_DIR

__all__ = ["MODEL_PATH", "PAIRS", "UNARY", "Candidate", "candidates", "features", "model", "use_model",
           "classify", "unit_key", "with_document_features"]

#: The shipped weights.
MODEL_PATH = DATA_DIR / "relations.json"

#: The relation types between two mentions, and the types their subject and object may have.
PAIRS = {
    "leads": (("Person",), ("Organization",)),
    "accompanies": (("Person",), ("Person", "Organization")),
    "visits": (("Person", "Organization"), ("Place", "Organization")),
    "signs": (("Organization", "Place", "Person"), ("Document",)),
    "holds_position": (("Person",), ("Position",)),
    "meets": (("Person",), ("Person",)),
}
#: The relation types of one mention (the object is not given).
UNARY = ("attends", "speaks_at")
# Pairs further apart than this (characters) are no candidates.
_REACH = 80
_LINKS = ("和", "与", "同", "及", "跟", "以及")

_model_path: list[Path] = [MODEL_PATH]


def use_model(path: str | Path | None) -> None:
    """Classify with the weights at ``path`` from now on (None: the shipped ones); for training."""
    _model_path[0] = Path(path) if path is not None else MODEL_PATH
    model.cache_clear()


@lru_cache(maxsize=1)
def model() -> dict | None:
    """The weights (``{"types": {type: {"bias", "threshold", "weights"}}}``), or None without a file."""
    path = _model_path[0]
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Candidate:
    """A relation a sentence may state, with its features."""

    type: str
    subject: Span
    object: Span | None
    sentence: SentenceRead
    cue: Cue | None
    features: tuple[str, ...]
    rule: bool


def _band(n: int, edges: tuple[int, ...] = (0, 1, 2, 3, 5, 8, 12, 20, 35, 60)) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return "more"


def _words(r: SentenceRead, text: str, a: int, b: int) -> list[str]:
    """The words of the sentence that lie within ``[a, b)``.  (Its words follow one another: those
    starting at ``a`` or later are a run from a bisection, and of them those ending by ``b`` a prefix.)"""
    tokens = r.tokens
    out = []
    for i in range(bisect_left(tokens, (a, -1)), len(tokens)):
        x, y = tokens[i]
        if y > b:
            break
        out.append(text[x:y])
    return out


def _kind(sp: Span) -> str:
    """The type of a mention, refined: a delegation, a reference, a place's category."""
    t = target_of(sp)
    if sp.attrs.reference:
        return t.type + ":ref"
    if t.type == "Organization" and t.name.endswith("团"):
        return "Organization:delegation"
    if t.type == "Place" and t.attrs.category:
        return "Place:" + t.attrs.category
    if t.type == "Position" and t.attrs.bare:
        return "Position:bare"
    return t.type


def _nearest_cue(r: SentenceRead, type_: str, at: int) -> Cue | None:
    cues = [c for c in r.cues if c.relation == type_]
    return min(cues, key=lambda c: abs(c.start - at), default=None)


def features(text: str, r: SentenceRead, type_: str, s: Span, o: Span | None, rule: bool) -> tuple[str, ...]:
    """The features of a candidate relation (see the module's docstring)."""
    f = ["bias", "rule" if rule else "norule", "s=" + _kind(s)]
    if not r.start <= s.start < r.end:
        f.append("s=carried")
    f += ["has-cue=" + c for c in sorted({c.relation for c in r.cues})]
    items = r.items
    persons = [x for x in items if x.type == "Person"]
    if s is r.subject or (r.subject is not None and target_of(s).name == r.subject.name):
        f.append("s=subject")
    if persons and persons[0] is s:
        f.append("s=first-person")
    if any(x <= s.start and s.end <= y for x, y in r.escorts):
        f.append("s=escorted")
    before_s = _words(r, text, max(r.start, s.start - 4), s.start)
    after_s = _words(r, text, s.end, min(r.end, s.end + 4))
    f += ["s-1=" + w for w in before_s[-1:]] + ["s+1=" + w for w in after_s[:1]]
    if s.end < r.end and text[s.end] in "、":
        f.append("s+list")
    if text.startswith("等", s.end):
        f.append("s+deng")
    if o is None:
        cue = _nearest_cue(r, type_, s.end)
        if cue is not None:
            gap = cue.start - s.end
            f += ["cue=" + cue.word, "cue-side=" + ("after" if gap >= 0 else "before"),
                  "cue-gap=" + _band(abs(gap))]
            a, b = (s.end, cue.start) if gap >= 0 else (cue.end, s.start)
            between = text[a:b]
            f.append("cue-comma" if any(c in CLAUSE_END for c in between) else "cue-nocomma")
            if 0 < len(between) <= 6:
                f.append("cue-btw=" + between)
            people_between = sum(1 for x in persons if a <= x.start and x.end <= b)
            f.append("cue-people-btw=" + _band(people_between, (0, 1, 2)))
        return tuple(f)
    f += ["o=" + _kind(o), "so=" + _kind(s) + ">" + _kind(o)]
    if any(c.relation == "leads" and 0 <= s.start - c.end <= 1 for c in r.cues):
        f.append("s=led")  # 带领一分团到…: the group a cue of leading names, which goes where it is led
    if any(x is not o and x.type in ("Place", "Organization") and (x.end == o.start or o.end == x.start)
           for x in items):
        f.append("o-chain")  # 阿勒泰地区布尔津县: one of places written together
    first, second = (s, o) if s.start <= o.start else (o, s)
    f.append("order=" + ("so" if first is s else "os"))
    a, b = first.end, second.start
    between = text[a:b] if b > a else ""
    f.append("dist=" + _band(len(between)))
    if not between:
        f.append("adjacent")
    elif len(between) <= 6:
        f.append("btw=" + between)
    for w in _words(r, text, a, b)[:8]:
        f.append("bw=" + w)
    f.append("btw-comma" if any(c in "，,;；" for c in between) else "btw-nocomma")
    if "、" in between:
        f.append("btw-list")
    if any(w in between for w in _LINKS):
        f.append("btw-link")
    inside = [x for x in items if a <= x.start and x.end <= b]
    f.append("btw-items=" + _band(len(inside), (0, 1, 2, 3)))
    if any(w in between for w in delegation_words()) and not any(is_delegation(target_of(x)) for x in inside):
        f.append("btw-unnamed-group")  # 陈国基率领代表团访问深圳: a delegation the story never names
    f.append("btw-persons=" + _band(sum(x.type == "Person" for x in inside), (0, 1, 2)))
    if text[max(r.start, o.start - 1):o.start] == "在" or text[max(r.start, o.start - 2):o.start] == "深入":
        f.append("o-after-zai")
    f += ["o-1=" + w for w in _words(r, text, max(r.start, o.start - 4), o.start)[-1:]]
    f += ["o+1=" + w for w in _words(r, text, o.end, min(r.end, o.end + 4))[:1]]
    cue = _nearest_cue(r, type_, (s.start + o.start) // 2)
    if cue is not None:
        where = "between" if a <= cue.start < b else "before" if cue.start < first.start else "after"
        f += ["cue=" + cue.word, "cue-at=" + where, "cue-s-gap=" + _band(abs(cue.start - s.end))]
        if first is s and where == "between":
            f.append("s-cue-o")
    return tuple(f)


def _pairs(r: SentenceRead, type_: str) -> Iterator[tuple[Span, Span]]:
    subjects, objects = PAIRS[type_]
    for s in r.items:
        if s.type not in subjects:
            continue
        for o in r.items:
            if o is s or o.type not in objects or target_of(o).name == target_of(s).name:
                continue
            if type_ == "meets" and o.start < s.start:
                continue  # unordered: one candidate per pair
            if max(s.start, o.start) - min(s.end, o.end) > _REACH:
                continue
            yield s, o


def candidates(doc: DocState, rule_found: Iterable[Found], types: Iterable[str] | None = None) -> list[Candidate]:
    """Every relation the document's sentences may state, and every one the rules proposed; with
    ``types``, only those of these types (a type's candidates do not depend on the others')."""
    wanted = frozenset(PAIRS) | frozenset(UNARY) if types is None else frozenset(types)
    pair_types = [t for t in PAIRS if t in wanted]
    unary_types = [t for t in UNARY if t in wanted]
    text = doc.text
    by_sentence = {(r.start, r.end): r for r in doc.read}
    proposed: dict[tuple, Found] = {}
    for f in rule_found:
        proposed.setdefault(_found_key(f), f)
    out: list[Candidate] = []
    seen: dict[tuple, int] = {}

    def add(type_: str, s: Span, o: Span | None, r: SentenceRead, cue: Cue | None) -> None:
        if type_ not in wanted:
            return
        ts, to = target_of(s), target_of(o) if o is not None else None
        key = _pair_key(type_, ts, to, (r.start, r.end))
        if key in seen:
            if key in proposed and cue is not None:  # the cue a rule read the pair from (会谈 makes talks)
                out[seen[key]] = replace(out[seen[key]], cue=cue)
            return
        seen[key] = len(out)
        # meets is unordered: a rule's pair counts either way round
        rule = key in proposed or (type_ == "meets" and to is not None
                                   and _pair_key(type_, to, ts, (r.start, r.end)) in proposed)
        out.append(Candidate(type_, s, o, r, cue, features(text, r, type_, s, o, rule), rule))

    for r in doc.read:
        cued = {c.relation for c in r.cues}
        for type_ in pair_types:
            if type_ != "holds_position" and type_ not in cued:
                continue
            for s, o in _pairs(r, type_):
                add(type_, s, o, r, _nearest_cue(r, type_, s.end))
        # a sentence that names no subject of its own carries the one before (随后来到开封市)
        carried = r.subject if r.subject is not None and all(
            target_of(x).name != r.subject.name for x in r.items) else None
        if carried is not None and "visits" in cued and carried.type in PAIRS["visits"][0]:
            visitor = r.carried_visitor or carried
            for o in r.items:
                if o.type in PAIRS["visits"][1] and target_of(o).name != visitor.name:
                    add("visits", visitor, o, r, _nearest_cue(r, "visits", o.start))
        if cued:  # anyone a cued sentence names may attend or speak
            people = [x for x in r.items if x.type == "Person"]
            if carried is not None and carried.type == "Person":
                people.append(carried)
            for type_ in unary_types:
                for s in people:
                    add(type_, s, None, r, _nearest_cue(r, type_, s.end))
    for f in proposed.values():
        r = by_sentence.get(f.sentence)
        if r is not None:
            add(f.type, f.subject, f.object, r, f.cue)
    return with_document_features(out)


def unit_key(c: Candidate) -> tuple[str, str, str | None]:
    """What the scorer counts once per document: the relation's type and the names of its sides
    (meets in either order).

    >>> from kg.extract.spans import Span
    >>> a, b = Span(0, 2, "Person", "李强", "x"), Span(3, 6, "Person", "苏林", "x")
    >>> r = SentenceRead(0, 9, (), (a, b), (), (), None)
    >>> unit_key(Candidate("meets", b, a, r, None, (), False))
    ('meets', '李强', '苏林')
    """
    return _names_key(c.type, c.subject, c.object)


def _names_key(type_: str, subject: Span, obj: Span | None) -> tuple[str, str, str | None]:
    s = target_of(subject).name
    o = target_of(obj).name if obj is not None else None
    if type_ == "meets" and o is not None and o < s:
        s, o = o, s
    return type_, s, o


def with_document_features(found: list[Candidate]) -> list[Candidate]:
    """Each candidate with, besides its own sentence's features, those of every candidate of the same
    relation in the document (``u=`` before each): that 李强 speaks is told by the sentence where he
    强调, whichever sentence of his the model reads — as the scorer counts a relation once a
    document.  (Out of fold on the training articles, document scores, 2026-12: relations 0.801 →
    0.809, attends 0.757 → 0.791, speaks_at 0.831 → 0.841, visits 0.640 → 0.644.)"""
    pooled: dict[tuple, set[str]] = {}
    for c in found:
        pooled.setdefault(unit_key(c), set()).update(c.features)
    shared = {k: tuple("u=" + f for f in sorted(v)) for k, v in pooled.items()}
    return [replace(c, features=c.features + shared[unit_key(c)]) for c in found]


def classify(doc: DocState, rule_found: list[Found]) -> list[Found]:
    """The relations the model keeps among the candidates (the rules' relations without a model)."""
    weights = model()
    if weights is None:
        return rule_found
    by_sentence = {(r.start, r.end) for r in doc.read}
    types = weights["types"]
    # where the rules decide a type, their relations stand as they found them; so do relations the
    # rules make across sentences (no candidate stands for them) and those true by construction
    listed = _listed_after_cue(doc.text, rule_found)
    kept = [f for f in rule_found if _rules_decide(types, f.type) or f.sentence not in by_sentence
            or _by_construction(f, doc.text) or id(f) in listed or _leader_of_unnamed_group_goes(doc, f)]
    # (meets is unordered: a kept meeting stands for the model's pair either way round, which would
    # otherwise make each side both host and guest of it)
    standing = {_found_key(g) for f in kept for g in (f, _reversed(f))}
    rejected: list[Candidate] = []
    # the candidates of the types the rules decide would only be passed over: their features (most
    # of the candidates are holds_position pairs) are not computed
    accepted: list[tuple[Candidate, float]] = []
    mourned = _mourned(doc)
    led_visits = _visits_of_the_led(rule_found)
    for c in candidates(doc, rule_found, [t for t in types if not _rules_decide(types, t)]):
        m = types[c.type]
        w = m["weights"]
        z = m["bias"] + sum(w.get(x, 0.0) for x in c.features)
        p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
        found = _found(c, p)
        if _found_key(found) in standing or _vetoed(doc.text, c) or (
                c.type in _DONE_BY_THE_LIVING and target_of(c.subject).name in mourned) or (
                c.type == "visits" and not c.rule and c.object is not None
                and (target_of(c.subject).name, target_of(c.object).name) in led_visits) or (
                c.type == "visits" and not _goes_places(target_of(c.subject))):
            continue
        if p >= m["threshold"]:
            accepted.append((c, p))
            standing.add(_found_key(_reversed(found)))  # (one meeting of a pair in a sentence)
        elif c.rule and c.object is not None:
            rejected.append(c)
    kept += [_found(c, round(p, 3)) for c, p in _evidence(accepted, kept)]
    kept += _list_mates(doc.text, kept, rejected)
    return kept


# What ends the name of a body that travels: a delegation, a troupe, a group, a team (南极考察队,
# 执法检查组) — not a company (集团) nor a corps (兵团).
_TRAVELLING_BODIES = ("团", "组", "队")
_SETTLED_BODIES = ("集团", "财团", "兵团", "社团")


def _goes_places(subject: Span) -> bool:
    """Whether ``subject`` may be a visitor: a person, or a body that travels (a delegation, a group, a
    team) — not a company or a ministry the sentence names beside its visitor (在洛阳市，李希走进洛阳轴承
    集团: the firm visits nothing; of the 671 visits by bodies in the annotations, 8 are by other
    bodies, protesters' groups of Hong Kong)."""
    return subject.type != "Organization" or is_delegation(subject) or (
        subject.name.endswith(_TRAVELLING_BODIES) and not subject.name.endswith(_SETTLED_BODIES))


def _visits_of_the_led(found: list[Found]) -> set[tuple[str, str]]:
    """(leader, site) for each site the rules have a delegation visit and each who leads it: the
    delegation visits (李干杰带领二分团来到莫尔寺遗址), and the model's reading of its leader as a visitor
    there is passed over (as the annotation guidelines have it, the leader's visit is the delegation's)."""
    leaders: dict[str, set[str]] = {}
    for f in found:
        if f.type == "leads" and f.object is not None:
            leaders.setdefault(target_of(f.object).name, set()).add(target_of(f.subject).name)
    return {(leader, target_of(f.object).name) for f in found
            if f.type == "visits" and f.object is not None
            for leader in leaders.get(target_of(f.subject).name, ())}


def _evidence(accepted: list[tuple[Candidate, float]], kept: list[Found]) -> list[tuple[Candidate, float]]:
    """The sentences that stand as evidence of the relations the model keeps.  The model reads each
    relation's features from the whole document (:func:`with_document_features`), so every
    sentence naming both sides scores alike (…与北京市的同志深入交流 as well as 来到北京市): the
    sentences a rule read the relation in are its evidence, and where no rule read it, the one
    sentence the model scores highest."""
    backed = {_names_key(f.type, f.subject, f.object) for f in kept}
    units: dict[tuple, list[tuple[Candidate, float]]] = {}
    for c, p in accepted:
        units.setdefault(unit_key(c), []).append((c, p))
    out = []
    for key, group in units.items():
        ruled = [(c, p) for c, p in group if c.rule]
        if ruled:
            out += ruled
        elif key not in backed:
            out.append(max(group, key=lambda cp: cp[1]))
    return out


def _rules_decide(types: dict, type_: str) -> bool:
    """Whether the rules decide a relation type: the model has no weights for it, or did not beat
    them out of fold (``"use": "rules"``)."""
    m = types.get(type_)
    return m is None or m.get("use") == "rules"


def _pair_key(type_: str, subject: Span, obj: Span | None, sentence: tuple[int, int]) -> tuple:
    """What tells one relation between two mentions of a sentence from another."""
    return (type_, subject.start, subject.end, obj.start if obj else None, obj.end if obj else None, sentence)


def _reversed(f: Found) -> Found:
    """A meeting ``f`` the other way round (its object as subject); any other relation as it is."""
    return replace(f, subject=f.object, object=f.subject) if f.type == "meets" and f.object is not None else f


def _found_key(f: Found) -> tuple:
    return _pair_key(f.type, f.subject, f.object, f.sentence)


def _by_construction(f: Found, text: str) -> bool:
    """A rule relation that holds by how the text is built, whatever the model says: an office
    written against its holder's name (保安局局长李家超, 习近平主席), a report its maker delivered
    (武维华作的关于…的报告: :func:`~kg.extract.relations.participation.delivered_reports`), a meeting
    of two sides joined by 与 right before its verb (李家超昨晚与…冈田健一会面; out of fold, meets 0.886
    → 0.887: the model had turned down a few, by the time word between), a delegation in the place
    of the official who meets it (:func:`~kg.extract.relations.visits.hosted_visits`)."""
    if f.cue is not None and f.cue.word == REPORT_MADE and f.type in ("speaks_at", "attends"):
        return True
    if f.type == "meets" and f.object is not None and f.cue is not None and _met_face_to_face(text, f):
        return True
    if f.type == "visits" and f.object is not None and f.object.source == HOST_OFFICE:
        return True  # (the delegation a place's official meets is in his place: visits.hosted_visits)
    if f.type == "visits" and f.object is not None and f.object.source in (GUEST_OF, STAYING):
        return True  # (到访的 X: X is in his host's country, visits.find_visits; 正在诺鲁访问的蔡英文)
    if f.type != "holds_position" or f.object is None:
        return False
    return f.object.end == f.subject.start or f.subject.end == f.object.start


# A leader's verb and a group no name opens: 带队, 率队, 带领相关部门负责同志 (what the group is, not whose).
_LEADS_UNNAMED_GROUP = re.compile(r"(?:一行)?(?:率队|带队|(?:带领|率领|率)[^，。；,;、：:]{2,16}?"
                                  r"(?:同志|人员|干部|负责人|企业家|代表(?!团)))")
# How far that group may stand from the visit's word: 一行, 专程, or a clause of what the trip is for
# (率省直相关部门负责同志，重点围绕培育…，赴漳州市), which holds no cue of its own.
_BEFORE_TRAVEL = 40


def _leader_of_unnamed_group_goes(doc: DocState, f: Found) -> bool:
    """Whether a rule visit is a person's who leads a group the story never names to the place
    (夏邑县县长李昊带领相关部门负责同志前往新密市考察, 市委书记张三带队赴湖州市): a named delegation
    visits for its leader, as the annotation guidelines have it; with none named, the leader is the
    one who goes (the model, which learned that leaders leave visits to their delegations, turned
    these down: 0.06 and 0.22 against its threshold of 0.26)."""
    if f.type != "visits" or f.object is None or f.cue is None or f.subject.type != "Person" \
            or f.cue.start <= f.subject.end:
        return False
    text = doc.text
    m = next((m for m in _LEADS_UNNAMED_GROUP.finditer(text, f.subject.end, f.cue.start)
              if f.cue.start - m.end() <= _BEFORE_TRAVEL), None) or _leads_named_people(doc, f)
    if m is None or any(ch in "。；;！？!?" for ch in text[m.end():f.cue.start]) \
            or not _officials_only(doc, f.subject.end, m.start()) or not _no_cue_between(doc, f, m.end(), f.cue.start):
        return False
    return not any(is_delegation(sp) for sp in doc.spans)


# A leader's verb before the people he takes along (常文松率水田镇党委书记黄彬、…等一行14人参访苗栗).
_LEADS_PEOPLE = re.compile("|".join(LEADS_PEOPLE))
# How far the people led may reach before the visit's word.
_PEOPLE_LED_SPAN = 120


def _leads_named_people(doc: DocState, f: Found) -> re.Match | None:
    """The leader's verb of a visit whose subject takes named people along to it — the people led
    are a group no name opens, too — or None."""
    m = _LEADS_PEOPLE.search(doc.text, f.subject.end, f.cue.start)
    if m is None or f.cue.start - m.end() > _PEOPLE_LED_SPAN:
        return None
    led = any(sp.type == "Person" and m.end() <= sp.start and sp.end <= f.cue.start for sp in doc.spans)
    return m if led else None


def _no_cue_between(doc: DocState, f: Found, a: int, b: int) -> bool:
    """Whether the sentence of ``f`` holds no cue word in ``[a, b)`` (率…负责同志，重点围绕…，赴: the
    clause of what the trip is for has no verb of the relations')."""
    return not any(a <= c.start < b for r in doc.read if (r.start, r.end) == f.sentence for c in r.cues)


# What may stand in a list of leaders besides their names and offices (…副主任刁常在带领: 在), and
# the day (梁振英4月19日带队到大湾区考察).
_BETWEEN_LEADERS = frozenset("，,、和及在 0123456789年月日至上下午晚早今昨")


def _officials_only(doc: DocState, a: int, b: int) -> bool:
    """Whether ``[a, b)`` holds nothing but people, their offices and the marks of a list (李昊，县委副书记
    王宠惠，…刁常在 before 带领: the leaders are listed; not 习近平总书记委派，…张国清…率, where 委派
    is the first one's own verb)."""
    covered = [False] * (b - a)
    for sp in doc.spans:
        if sp.type in ("Person", "Position") and sp.start < b and sp.end > a:
            for k in range(max(sp.start, a), min(sp.end, b)):
                covered[k - a] = True
    return all(c or doc.text[a + i] in _BETWEEN_LEADERS for i, c in enumerate(covered))


# What may stand between a visit word and the first site it lists: 了 (考察了A、B) and the reporter's
# own place, which the site is in (深入到我区南村商贸有限公司、…).
_BEFORE_LIST = re.compile(r"了?(?:我[省市区县])?")
# A round of sites a person makes in turn (先后前往A、B、C考察): the list after the verb is his.
_ROUND_OF_SITES = re.compile("先后$")


def _listed_after_cue(text: str, found: list[Found]) -> set[int]:
    """The rule visits (by ``id``) of a delegation to the sites a visit word lists right after it, in
    one clause (来到A、B和C; 深入到A、B; 考察了A、B), or that 在 lists right before it (在A、B考察): the
    verb's own objects, whatever the model says.
    The model, which reads every delegation's visits alike, turns many of these down (a delegation
    is the visitor the delegation genre writes, and the one the corpus seldom shows); a person's
    are left to it (the rules find many a visitor for such a list that the gold does not).

    >>> from kg.extract.spans import Cue, Span
    >>> t = "代表团先后深入到南村商贸有限公司、天津宜科电子有限公司参观考察。"
    >>> d, cue = Span(0, 3, "Organization", "代表团", "x"), Cue(5, 8, "深入到", "visits", "visit")
    >>> a, b = Span(8, 16, "Organization", "南村商贸有限公司", "x"), Span(17, 27, "Organization", "天津宜科电子有限公司", "x")
    >>> len(_listed_after_cue(t, [Found("visits", d, a, (0, 33), cue), Found("visits", d, b, (0, 33), cue)]))
    2
    >>> t = "代表团在南村商贸有限公司、天津宜科电子有限公司开展调研。"
    >>> a, b = Span(4, 12, "Organization", "南村商贸有限公司", "x"), Span(13, 23, "Organization", "天津宜科电子有限公司", "x")
    >>> cue = Cue(25, 27, "调研", "visits", "visit")
    >>> len(_listed_after_cue(t, [Found("visits", d, a, (0, 28), cue), Found("visits", d, b, (0, 28), cue)]))
    2
    """
    by_cue: dict[tuple, list[Found]] = {}
    at_cue: dict[tuple, list[Found]] = {}
    for f in found:
        if f.type == "visits" and f.cue is not None and f.object is not None and (
                is_delegation(f.subject) or _ROUND_OF_SITES.search(text, max(0, f.cue.start - 2), f.cue.start)):
            if f.cue.end <= f.object.start < f.sentence[1]:
                by_cue.setdefault((f.cue.start, f.subject.name), []).append(f)
            elif f.sentence[0] <= f.object.start and f.object.end <= f.cue.start:
                at_cue.setdefault((f.cue.start, f.subject.name), []).append(f)
    out: set[int] = set()
    for group in by_cue.values():
        cue = group[0].cue
        first = min(f.object.start for f in group)
        if not _BEFORE_LIST.fullmatch(text, cue.end, first):
            continue
        out.update(id(f) for f in group if not any(ch in CLAUSE_END for ch in text[cue.end:f.object.start]))
    # …and those written between 在 and the visit word (六分团在A、B、C考察, 在A开展调研): where the
    # activity is, a run of sites and nothing else
    for group in at_cue.values():
        cue = group[0].cue
        run = sorted(group, key=lambda f: f.object.start)
        if text[run[0].object.start - 1:run[0].object.start] == "在" and AT_ACTIVITY.fullmatch(
                text, run[-1].object.end, cue.start) and all(
                text[x.object.end:y.object.start] in ("", "、", "和", "及") for x, y in zip(run, run[1:])):
            out.update(id(f) for f in run)
    return out


def _vetoed(text: str, c: Candidate) -> bool:
    """A candidate the text rules out, whatever the model says: meeting a man's relatives is not
    meeting him (接见江泽民同志亲属); an invitation to visit, or a visit recalled, is no visit; not
    attending (没有出席) is no attending; a body or place inside an escort phrase is not visited by it; an office written against one person's name is not another's.
    (Who joins an inspection, 陈敏尔、吴政隆参加调研, accompanies its visitor and, as the annotated
    articles write it, attends: 10 of 17 there, 4 more optional.)"""
    if c.type == "visits":
        return c.cue is not None and (visit_not_made(text, c.cue, c.sentence.start)
                                      or _met_partner(text, c.subject, c.sentence, c.cue)
                                      or _in_escort(text, c.object, c.sentence)
                                      or _in_gathering_name(text, c.object, c.sentence))
    if c.type == "attends":
        if c.cue is None or c.cue.relation != "attends":
            return False
        # a host who meets a guest come to attend (会见来华出席峰会的…) does not attend himself
        host = in_guest_clause(text, c.cue, c.sentence.start) and c.subject.end <= c.cue.start - 2
        return host or attendance_denied(text, c.cue)
    if c.type == "holds_position" and c.object is not None:
        # an office written against one person's name is his, not another's (马克龙邀请习近平主席) —
        # but for the names listed after him (全国政协副主席石泰峰、胡春华: both vice chairs, as the rule
        # that proposed the pair has it)
        o, s = c.object, target_of(c.subject)
        return any(x.type == "Person" and target_of(x).name != s.name and (x.end == o.start or o.end == x.start)
                   and not (c.rule and x.start == o.end and _one_list(text, c.sentence.items, x, c.subject))
                   for x in c.sentence.items)
    if c.type != "meets" or c.object is None:
        return False
    first, later = sorted((c.subject, c.object), key=lambda x: x.start)
    return names_relatives(text, c.object) or names_relatives(text, c.subject) or joins_meeting(text, first, later)


def _one_list(text: str, items: Sequence[Span], first: Span, second: Span) -> bool:
    """Whether two names stand in one list of names (李强、王沪宁、蔡奇)."""
    at = [next((k for k, x in enumerate(items) if x is sp), None) for sp in (first, second)]
    return None not in at and len({list_head(text, list(items), k) for k in at}) == 1


# The rest of a gathering's name after the short forms of its sides (港澳|合作高层会议, 中法|企业家委员会
# 会议): no clause mark, no 在/于 of a place of its own.
_GATHERING_NAME_REST = re.compile(r"[^，,。；;：:、在于\s]{0,14}?(?:会议|论坛|峰会|大会|会晤|年会|博览会|交易会)")


# The number of a gathering right before its name (第101届, 第九次).
_GATHERING_ORDINAL = re.compile(r"第[0-9０-９〇零一二三四五六七八九十百]+[届次]$")


def _in_gathering_name(text: str, target: Span | None, r: SentenceRead) -> bool:
    """Whether ``target`` is a side's short form inside a gathering's name, written with another
    side's (出席第九次港澳合作高层会议: a delegation gone to Macao visits no 港 there; but 来港出席…论坛
    is a visit to Hong Kong), or a place a numbered gathering's name opens with."""
    if target is None or target.type != "Place":
        return False
    if target.source != "abbreviation":
        # a place a numbered gathering opens with (参加第101届中国进出口商品交易会)
        return _GATHERING_ORDINAL.search(text, max(0, target.start - 8), target.start) is not None \
            and _GATHERING_NAME_REST.match(text, target.end) is not None
    sides = [x for x in r.items if x.type == "Place" and x.source == "abbreviation"]
    end = target.end
    while (nxt := next((x for x in sides if x.start == end), None)) is not None:
        end = nxt.end  # (粤港澳: the last of the sides)
    return (end > target.end or any(x.end == target.start for x in sides)) \
        and _GATHERING_NAME_REST.match(text, end) is not None


def _in_escort(text: str, target: Span, r: SentenceRead) -> bool:
    """Whether ``target`` is named inside the sentence's escort phrase (在福州市人大常委会陈奇副主任陪同下,
    来航考察: the escort's own body, which no one visits there)."""
    return any(a <= target.start and target.end <= b for a, b in escort_phrases(text, r.start, r.end))


# After a name: the man is dead and mourned (张克辉同志的遗体, 骨灰, 灵柩, 遗像, 逝世).
_MOURNED = re.compile(r"(?:同志|先生|女士)?的?(?:遗体|骨灰|灵柩|遗像)|(?:同志|先生|女士)?(?:因病)?(?:不幸)?逝世")
# What only the living do: a story's dead man attends, speaks and meets nothing (from any sentence of
# the story the model pools its features from).
_DONE_BY_THE_LIVING = frozenset(("attends", "speaks_at", "meets"))


def _mourned(doc: DocState) -> frozenset[str]:
    """The people the story mourns (张克辉同志逝世, 向张克辉同志的遗体三鞠躬)."""
    return frozenset(target_of(x).name for r in doc.read for x in r.items
                     if x.type == "Person" and _MOURNED.match(doc.text, x.end))


# A meeting written as A与B会面 (A昨晚与日本驻港总领事B会面, A同B举行会谈): the two sides, 与 between
# them after at most a time word, the second's office, and the verb right after him.
_FACE_TO_FACE = re.compile(r"[^，,；;。：:、的]{0,6}(?:与|同|跟)[^，,；;。：:、的]{0,16}")
_RIGHT_BEFORE_CUE = re.compile(r"(?:举行|进行)?了?")


def _met_face_to_face(text: str, f: Found) -> bool:
    """Whether a rule's meeting is written as two sides joined by 与 right before the verb: true by
    construction (李家超昨晚与日本驻港总领事冈田健一会面)."""
    first, second = sorted((f.subject, f.object), key=lambda x: x.start)
    return f.cue.word in MEETING_WORDS and first.end <= second.start and second.end <= f.cue.start \
        and _FACE_TO_FACE.fullmatch(text, first.end, second.start) is not None \
        and _RIGHT_BEFORE_CUE.fullmatch(text, second.end, f.cue.start) is not None


# A meeting's partner is written after 与 (代表团在天津市与张工市长见面，…视察了天津港): he is met where
# the story's visitor goes, and goes to none of the places its later clauses visit (the meeting's own
# place is his too: 特朗普在白宫与杨洁篪见面).
_PARTNER_BEFORE = ("与", "同", "跟")
_MET = re.compile("|".join(MEETING_WORDS))


def _met_partner(text: str, person: Span, r: SentenceRead, cue: Cue) -> bool:
    """Whether ``person`` is written as the partner of a meeting of the sentence (…与张工市长见面)
    and ``cue`` visits in a clause after the meeting's."""
    if person.type != "Person" or not r.start <= person.start < r.end:
        return False
    at = person.start
    title = next((x for x in r.items if x.type == "Position" and x.end == at), None)
    if title is not None:
        at = title.start
    end = clause_end(text, person.end, r.end)
    return text.endswith(_PARTNER_BEFORE, r.start, at) and cue.start > end \
        and _MET.search(text, person.end, end) is not None


def _found(c: Candidate, confidence: float) -> Found:
    return Found(c.type, target_of(c.subject), target_of(c.object) if c.object is not None else None,
                 (c.sentence.start, c.sentence.end), c.cue, confidence)


def _list_mates(text: str, kept: list[Found], rejected: list[Candidate]) -> list[Found]:
    """Rule pairs the model turned down whose object stands in one enumeration (no clause break
    between) with the object of a pair of the same subject it kept: a list shares its verb, however
    far down it the item is (来到A、B、……、H); and those whose subject stands in one list of names
    with the subject of a pair of the same object it kept: a list of names shares its office
    (全国政协副主席石泰峰、胡春华、……、杨震: out of fold, holds_position recall 0.833 → 0.850)."""
    out = []
    for c in rejected:
        s, o = target_of(c.subject), target_of(c.object)
        for f in kept:
            if f.type != c.type or f.object is None or f.sentence != (c.sentence.start, c.sentence.end):
                continue
            if f.subject.name == s.name:
                a, b = sorted(((f.object.start, f.object.end), (o.start, o.end)))
                listed = a[1] <= b[0] and "、" in text[a[1]:b[0]] and not any(
                    ch in CLAUSE_END for ch in text[a[1]:b[0]])
            else:  # 全国政协副主席石泰峰、胡春华: one list of names, which shares its office
                listed = f.object.name == o.name and _one_list(text, c.sentence.items, f.subject, c.subject)
            if listed:
                out.append(_found(c, f.confidence))
                break
    return out
