"""Visits that the host's office says the place of: a delegation the holder of a place's office meets
or welcomes is in his place (上海市委书记俞正声会见了…扬州市党政考察团一行; 汉中市委书记王建军对巴中市
党政代表团一行的到来表示欢迎): a place the relation model does not overrule.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.extract.relations.state import (
    DocState,
    clause_start,
    is_delegation,
    named_after,
    office_place,
    offices_held,
    target_of,
)
from kg.extract.relations.visits import MEETING
from kg.extract.spans import Cue, Found, Span
from kg.lexicon.gazetteer import is_country

__all__ = ["HOST_OFFICE", "hosted_visits", "welcomed_visits"]

#: The source of the place a hosted visit goes to (:func:`hosted_visits`): the place of the host's
#: office, which the relation model does not overrule.
HOST_OFFICE = "host-office"


def hosted_visits(doc: DocState, found: list[Found], sent) -> list[Found]:
    """A delegation met by the holder of a place's office is in that place (上海市委书记俞正声会见了…
    李群率领的扬州市党政考察团一行: the delegation visits 上海): the delegation its guest leads, if the
    sentence's meetings name one, unless the place is its home or the sentence puts the meeting
    somewhere (在北京会见…: :func:`meeting_place_visits`)."""
    meetings = [f for f in found if f.type == "meets" and f.object is not None]
    if not meetings or _MEETING_AT.search(doc.text, sent[0], sent[1]):
        return []
    offices = offices_held(found, former=False)
    out = []
    for f in meetings:
        if f.subject.name not in offices:
            continue
        if (delegation := doc.led.get(f.object.name)) is not None:
            host = f.subject
        elif (delegation := doc.led.get(f.subject.name)) is not None:
            host = f.object
        else:
            continue
        out.extend(_in_hosts_place(doc, delegation, offices.get(host.name, ()), sent, f.cue))
    return out


# A host's welcome of a group that has come to him (对巴中市党政代表团一行的到来表示热烈欢迎): the group,
# and the words of its coming.
_WELCOMED = re.compile(r"对([^，。；,;]{2,40}?)(?:一行)?(?:的)?(?:到来|来访|到访)?表示(?:热烈|衷心|诚挚|真诚)?(?:的)?欢迎")


def welcomed_visits(doc: DocState, items, sent) -> list[Found]:
    """A delegation that the holder of a place's office welcomes (汉中市委书记王建军对巴中市党政代表团一行
    的到来表示欢迎) is in that place, as one he meets is (:func:`hosted_visits`): the office the story
    gave him, the first of a place; not the delegation's own home.

    >>> from kg.extract.spans import SpanAttrs
    >>> doc = DocState.__new__(DocState)
    >>> doc.text = "王建军对巴中市党政代表团一行的到来表示欢迎。"
    >>> doc.spans, doc.nested = [], []
    >>> office = Span(0, 0, "Position", "汉中市委书记", "title", 0.9, SpanAttrs(title="书记", body="汉中市委", place="汉中市"))
    >>> doc.offices = {"王建军": [office]}
    >>> items = [Span(0, 3, "Person", "王建军", "x"), Span(4, 12, "Organization", "巴中市党政代表团", "x", 0.8, SpanAttrs(category="delegation"))]
    >>> [(f.subject.name, f.object.name) for f in welcomed_visits(doc, items, (0, 22))]
    [('巴中市党政代表团', '汉中市')]
    """
    out = []
    for m in _WELCOMED.finditer(doc.text, sent[0], sent[1]):
        guest = next((target_of(s) for s in items if m.start(1) <= s.start and s.end <= m.end(1)
                      and is_delegation(target_of(s))), None)
        lo = clause_start(doc.text, sent[0], m.start())
        host = next((target_of(s) for s in items if s.type == "Person" and lo <= s.start and s.end <= m.start()), None)
        if guest is None or host is None:
            continue
        cue = Cue(m.end() - 2, m.end(), "欢迎", "visits", "visit")
        out.extend(_in_hosts_place(doc, guest, doc.offices.get(host.name, ()), sent, cue))
    return out


def _in_hosts_place(doc: DocState, delegation: Span, offices, sent, cue: Cue) -> list[Found]:
    """The visit of ``delegation`` to the place of the first of its host's ``offices`` that names one,
    neither a country nor the delegation's own home (as written in the document), or none."""
    for office in offices:
        place = office_place(doc, office)
        if place is not None and not is_country(place.name) and not named_after(delegation.name, place):
            return [Found("visits", delegation, replace(_as_written(doc, place), source=HOST_OFFICE), sent, cue, 0.6)]
    return []


def _as_written(doc: DocState, place: Span) -> Span:
    """The document's own mention of ``place`` (绍兴 for the 绍兴市 of 市委书记), else ``place``: a place
    the text writes is named as it writes it."""
    written = [s for s in doc.spans + doc.nested if s.type == "Place" and place.name in (s.name, s.attrs.full)]
    return min(written, key=lambda s: (s.attrs.abbreviation, s.start), default=place)


# A meeting the sentence puts at a place: 在 and a name before the verb (在北京会见, 在京会见).
_MEETING_AT = re.compile(rf"在[^，。；,;]{{1,12}}?(?:{MEETING.pattern})")
