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
from collections import Counter, defaultdict
from operator import itemgetter

from kg.extract.entities import bylines
from kg.extract.entities.abbreviations import gazetteer_full_name
from kg.extract.relations.accompanies import find_accompanies, inspection_companions
from kg.extract.relations.cues import find_cues
from kg.extract.relations.leads import find_leads, heads_lead
from kg.extract.relations.learned import classify
from kg.extract.relations.meets import (
    delegations_meet,
    find_meets,
    headline_offices,
    heads_meet,
    several_sides_meet,
    welcomes_met,
)
from kg.extract.relations.no_visits import without_home_visits, without_own_country_visits, without_returns
from kg.extract.relations.participation import (
    delivered_reports,
    find_attends,
    find_speaks_at,
    without_reported_speakers,
)
from kg.extract.relations.positions import (
    complete_bare_titles,
    counted_offices,
    find_holds_position,
    share_chain_party,
    share_list_country,
    share_list_office,
)
from kg.extract.relations.signs import find_signs
from kg.extract.relations.state import (
    DocState,
    SentenceRead,
    escort_phrases,
    escorted,
    find_references,
    is_delegation,
    main_subject,
    note_holders,
    target_of,
)
from kg.extract.relations.hosted import hosted_visits, welcomed_visits
from kg.extract.relations.visit_countries import countries_of_cities_visited, divisions_of_chains_visited
from kg.extract.relations.visits import (
    abroad_visits,
    airport_visits,
    carried_visitor,
    companions_visit,
    find_visits,
    here_visits,
    topic_visits,
    site_visits,
    staying_visits,
    tribute_visits,
)
from kg.extract.spans import Cue, Found, Span
from kg.lexicon.gazetteer import is_country
from kg.text.segment import Segmented

__all__ = ["Found", "Cue", "find_relations", "read_relations", "find_cues"]

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
    doc, found = read_relations(seg, spans)
    # the foreign countries the document names, inside other names too (俄罗斯总理米舒斯京), each as the
    # document writes it most (印尼 where it never writes 印度尼西亚: 佐科总统 is 印尼总统; 哈萨克斯坦, not
    # the 哈萨克斯坦共和国 of one formal mention), the gazetteer's name on a tie
    written: dict[str, Counter] = defaultdict(Counter)
    for s in doc.spans + doc.nested:
        if s.type == "Place" and s.attrs.category == "country" and (s.attrs.full or s.name) != "中国":
            written[s.attrs.full or s.name][s.name] += 1
        elif s.type == "Position" and s.attrs.place != "中国" and s.name.startswith(s.attrs.place) \
                and is_country(s.attrs.place):
            # a country only an office's body names (乌兹别克斯坦最高会议参议院主席), as the office writes it
            written[gazetteer_full_name(s.attrs.place)][s.attrs.place] += 0.5
    countries = tuple(sorted(max(forms, key=lambda f: (forms[f], f == full)) for full, forms in written.items()))
    found = headline_offices(doc, several_sides_meet(heads_meet(doc, classify(doc, found)), seg.text))
    found = share_chain_party(share_list_office(share_list_country(found, seg.text), seg.text), seg.text)
    completed = complete_bare_titles(found, countries, seg.text, counted_offices(seg.text, doc.spans), doc.spans)
    kept = delegations_meet(doc, heads_lead(doc, completed, found))
    places = doc.spans + doc.nested
    kept = without_home_visits(divisions_of_chains_visited(kept, places))
    kept = companions_visit(countries_of_cities_visited(kept, places), seg.text)
    kept = without_returns(without_own_country_visits(kept), seg.text)
    return without_reported_speakers(kept, seg.text)


def read_relations(seg: Segmented, spans: list[Span]) -> tuple[DocState, list[Found]]:
    """The rules' reading of a document: what they saw in each sentence and the relations they
    found (before the learned model decides, :mod:`.learned`)."""
    doc = DocState(seg, spans)
    out: list[Found] = []
    for sent in seg.sentences:
        out.extend(_sentence(doc, sent))
    return doc, out


def _sentence(doc: DocState, sent) -> list[Found]:
    text = doc.text
    a, b = sent.start, sent.end
    lo, hi = bisect_left(doc.starts, a), bisect_left(doc.starts, b)
    # the reporters of a byline (（记者孙奕）) wrote the story; they act in none of its relations
    credited = bylines(text, a, b)
    mentions = [s for s in doc.spans[lo:hi] if s.end <= b
                and not any(x <= s.start and s.end <= y for x, y in credited)]
    token_starts = set(map(itemgetter(0), sent.tokens))
    token_ends = set(map(itemgetter(1), sent.tokens))
    cues = find_cues(text, a, b, token_starts, token_ends, mentions)
    refs = find_references(doc, a, b, mentions, token_starts)
    # a cue inside a generic word is part of the word, not a verb (考察团一行考察了…: one 考察)
    cues = [c for c in cues if not any(r.start < c.end and c.start < r.end for r in refs)]
    items = sorted(mentions + refs, key=lambda s: s.start)
    cues = welcomes_met(text, items, cues, (a, b))
    doc.escorts = escort_phrases(text, a, b)
    subject = main_subject(doc, items, cues, a)
    doc.sentence_subject = subject
    doc.sentence_visitor = carried_visitor(doc, subject, items) if subject is not None else None
    found: list[Found] = find_holds_position(doc, items, (a, b))
    note_holders(doc, found)
    for f in found:
        if _HEAD_TITLE.search(f.object.name) and all(h.name != f.subject.name for h in doc.heads):
            doc.heads.append(f.subject)
    found.extend(site_visits(doc, items, (a, b)))
    found.extend(abroad_visits(doc, items, (a, b)))
    found.extend(airport_visits(doc, items, (a, b)))
    found.extend(staying_visits(doc, items, (a, b)))
    found.extend(tribute_visits(doc, items, (a, b)))
    found.extend(here_visits(doc, items, (a, b)))
    found.extend(topic_visits(doc, items, (a, b)))
    found.extend(delivered_reports(doc, items, (a, b)))
    for sp in items:
        if is_delegation(sp) and not sp.attrs.reference:
            doc.delegations.append(sp)
    for i, cue in enumerate(cues):
        prev_cue = cues[i - 1] if i else None
        next_cue = cues[i + 1] if i + 1 < len(cues) else None
        rule = _RULES.get(cue.relation)
        if rule:
            new = rule(doc, cue, items, (a, b), prev_cue, next_cue)
            doc.led.update((f.subject.name, f.object) for f in new if f.type == "leads" and f.object is not None)
            found.extend(new)
    found.extend(inspection_companions(doc, found))
    found.extend(hosted_visits(doc, found, (a, b)))
    found.extend(welcomed_visits(doc, items, (a, b)))
    met = [f for f in found if f.type == "meets" and f.object is not None]
    if met:
        doc.last_meeting = (met[0].subject, met[0].object)
    doc.read.append(SentenceRead(a, b, tuple(sent.tokens), tuple(items), tuple(cues), tuple(doc.escorts), subject,
                                 doc.sentence_visitor))
    persons = [s for s in items if s.type == "Person" and not escorted(doc, s)]
    if persons:
        doc.last_person = target_of(persons[0])
    if subject is not None:
        doc.last_subject = subject
    return found


# The offices of a head of state or government (习近平主席, 塞尔维亚总统, 泰国国王, 国务院总理).
_HEAD_TITLE = re.compile("(?<!副)(?:总统|主席|国王|总理|首相)$")

_RULES = {
    "leads": find_leads,
    "accompanies": find_accompanies,
    "visits": find_visits,
    "signs": find_signs,
    "attends": find_attends,
    "speaks_at": find_speaks_at,
    "meets": find_meets,
}
