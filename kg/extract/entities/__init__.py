"""Entity mentions: people, organisations, places, positions and documents.

Recognition works on the normalized text in layers, each a small function:

1. lexicon hits (one Aho-Corasick pass): places from the division gazetteer
   and country list, known organisations, titles, organisation and place
   suffixes, set phrases (``中国特色社会主义`` names no place);
2. book-title quotes ``《…》`` (documents, and newspapers quoted as such);
3. names that end in a suffix, grown backwards over name material
   (``北京市`` + ``轨道交通`` + ``指挥中心``; ``亚信科技(中国)`` + ``有限公司``);
4. positions: a body and a title (``山东省委`` + ``书记``), in chains
   (``省委副书记、省长``), with an abbreviated body completed from the places
   around it (``省委书记`` in a Shandong story is ``山东省委书记``);
5. people: next to titles, in lists, before reporting verbs, foreign names
   joined by ``·`` or ``-``;
6. every name found once is found again wherever the document repeats it.

:func:`find_mentions` returns :class:`Span` values in normalized-text
coordinates; :mod:`kg.resolve` maps them back to the original text.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from typing import NamedTuple

from kg.extract.entities.abbreviations import (
    abbreviated_parties,
    find_abbreviations,
    travel_abbreviations,
    without_bilateral_places,
)
from kg.extract.entities.bylines import SOURCE_LINE, bylines, find_byline_people, find_dateline_outlets, outlet_places
from kg.extract.entities.context import StoryContext, foreign_parties
from kg.extract.entities.crf_names import CRF_VETO, find_crf_names, read_crf_all, vetoable
from kg.extract.entities.delegations import complete_short_delegations, unify_delegations, unread_homes
from kg.extract.entities.documents import (
    about_document_issuers,
    complete_short_documents,
    find_about_documents,
    find_acts,
    find_book_titles,
    find_document_parties,
    find_period_plans,
    find_quoted_documents,
    find_quoted_plans,
    find_signed_documents,
    find_standing_documents,
    find_unquoted_documents,
    without_initiatives,
)
from kg.extract.entities.lists import type_list_items, type_site_list_items
from kg.extract.entities.name_shapes import boundary_strength, person_name_at
from kg.extract.entities.organizations import (
    find_known_orgs,
    find_military_units,
    find_tagged_orgs,
    trim_glued_organizations,
    with_their_offices,
    without_gatherings,
)
from kg.extract.entities.overlaps import TYPE_PRIORITY, resolve_overlaps
from kg.extract.entities.people import (
    GUESSED_SOURCES,
    find_model_people,
    find_people,
    find_subject_people,
    married_names,
    trim_glued_people,
)
from kg.extract.entities.places import bodies_of_foreign_places, find_foreign_places, find_places, without_ships
from kg.extract.entities.positions import complete_by_holder, find_positions
from kg.extract.entities.propagate import (
    drop_weak,
    expand_short_names,
    join_dotted_names,
    join_nicknames,
    join_parenthesized_names,
    propagate_names,
)
from kg.extract.entities.sentence import SentenceView
from kg.extract.entities.short_forms import (
    complete_short_bodies,
    complete_short_places,
    unify_placed_names,
    unify_state_offices,
)
from kg.extract.entities.suffixed import find_suffixed_names
from kg.extract.entities.tagged import reconcile_all, tagger
from kg.extract.entities.teams import find_teams
from kg.extract.spans import Span, SpanAttrs
from kg.lexicon.gazetteer import gazetteer
from kg.text.segment import Segmented

__all__ = ["Span", "SHARED_COLUMNS_CHARS", "find_mentions", "find_rule_mentions", "reconcile_sentences", "person_name_at", "boundary_strength", "bylines", "abbreviated_parties",
           "TYPE_PRIORITY"]


def find_mentions(seg: Segmented) -> list[Span]:
    """Every entity mention of a segmented document, in normalized coordinates.

    Positions whose body the text does not give (a bare ``主席``) are kept,
    marked ``bare``, for the relation step; :mod:`kg.resolve` does not make
    entities of them.

    Examples
    --------
    >>> from kg.text.normalize import normalize
    >>> from kg.text.segment import segment
    >>> seg = segment("d", normalize("省委书记劉家義率領山東省黨政代表團來到北京市。"))
    >>> [(m.type, m.name) for m in find_mentions(seg)]  # doctest: +NORMALIZE_WHITESPACE
    [('Organization', '山东省委'), ('Position', '山东省委书记'), ('Person', '刘家义'),
     ('Organization', '山东省党政代表团'), ('Place', '北京市')]
    """
    spans, sentences = find_rule_mentions(seg)
    # the tagger may add a part of a name the rules found whole (name it in full again), a body
    # with a word of the sentence glued on (cut it off), or a document word alone (no name)
    # (people with a word glued on are cut before names are expanded: 梁振英斥 in a headline would
    # otherwise rename every 梁振英 of the story)
    spans = expand_short_names(trim_glued_people(seg.text, reconcile_sentences(sentences, spans)))
    spans = type_site_list_items(seg.text, type_list_items(seg.text, with_their_offices(seg.text, trim_glued_organizations(spans))))
    spans = join_nicknames(seg.text, join_dotted_names(seg.text, join_parenthesized_names(seg.text, spans)))
    spans = complete_short_bodies(complete_by_holder(seg.text, without_ships(seg.text, spans)))
    spans = unify_placed_names(unify_state_offices(unify_delegations(complete_short_documents(complete_short_places(spans)))))
    return without_initiatives(without_gatherings(spans))


def reconcile_sentences(sentences: list[SentenceView], spans: list[Span]) -> list[Span]:
    """The trained tagger's word on the rules' spans, sentence by sentence (:mod:`.tagged`), the
    sentences tagged together in batches of about :data:`SHARED_COLUMNS_CHARS` characters."""
    if tagger() is None:
        return spans
    starts = [sp.start for sp in spans]
    out: list[Span] = []
    with_spans = [(s, [sp for sp in spans[bisect_left(starts, s.start):bisect_left(starts, s.end)] if sp.end <= s.end])
                  for s in sentences]
    for batch in _batches(with_spans, SHARED_COLUMNS_CHARS):
        for reconciled in reconcile_all(batch):
            out.extend(reconciled)
        for view, _ in batch:
            view.drop_crf_columns()  # read by both taggers now: its memory goes
    return out


#: The name CRF's feature columns of a document's sentences are kept for the mention tagger (built
#: once, read twice) up to this many characters; beyond, a sentence's are dropped and built again
#: (some 300 bytes a character, so a 100,000-character piece would hold 30 MB).
SHARED_COLUMNS_CHARS = 20_000


class _SentenceRules(NamedTuple):
    """What the rules find in a sentence before the name CRF reads it."""

    base: list[Span]  # documents, bodies, places, offices and what they complete
    plain: list[Span]  # those that are not nested in another
    people: list[Span]  # people the rules found
    checked: list[Span]  # of those, the ones the CRF may veto
    works: list[tuple[int, int]]  # titles of works (《》), inside which guessed names are dropped


def _sentence_rules(s: SentenceView, orgs: list[Span], sent_places: list[Span], home_places: list[Span],
                    ctx: StoryContext) -> _SentenceRules:
    """The rules of one sentence, given the bodies and places found in it and the story's context."""
    text = s.text
    orgs = bodies_of_foreign_places(s, orgs, sent_places)
    books, works = find_book_titles(s)
    taken = [(b.start, b.end) for b in books]
    docs = find_quoted_plans(s, taken)
    docs += find_quoted_documents(s, taken)
    docs += find_unquoted_documents(s, taken, orgs)
    docs += find_about_documents(s, taken, orgs)
    docs += find_signed_documents(s, taken)
    docs += find_acts(s, taken)
    docs += find_standing_documents(s, taken)
    docs += find_period_plans(s, taken)
    positions = find_positions(s, orgs + sent_places, ctx)
    # the party of a central committee an office names (越共 of 越共中央总书记) is the committee's name
    within = {p.attrs.body_mention for p in positions if p.attrs.body_mention}
    orgs = [o for o in orgs if not any(a == o.start and b > o.end for a, b in within)] if within else orgs
    orgs = complete_short_delegations(s, orgs, positions)
    parties = find_document_parties(text, books + docs, orgs + sent_places)
    parties += about_document_issuers(docs, orgs, parties)
    parties += [Span(*p.attrs.body_mention, "Organization", p.attrs.body, "completed-body", 0.6,
                     SpanAttrs(nested=True, category="party-gov"))
                for p in positions if p.attrs.body_mention]
    parties += [p for p in home_places if s.start <= p.start < s.end]
    base = resolve_overlaps(books + docs + orgs + sent_places + positions) + parties
    plain = [b for b in base if not b.attrs.nested]
    people = married_names(s, find_people(s, [p for p in base if p.type == "Position"], plain))
    people += find_byline_people(s, plain + people)
    people += find_subject_people(s, plain + people)
    people += find_model_people(s, plain + people)
    return _SentenceRules(base, plain, people, [p for p in people if vetoable(p)], works)


def _batches(items: list, chars: int) -> Iterator[list]:
    """``items`` (each led by a sentence view) in runs of about ``chars`` characters."""
    batch: list = []
    size = 0
    for item in items:
        batch.append(item)
        size += item[0].end - item[0].start
        if size >= chars:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def find_rule_mentions(seg: Segmented) -> tuple[list[Span], list[SentenceView]]:
    """The mentions kg's rules find (before the trained tagger reads them), and the sentence views."""
    text = seg.text
    all_hits = gazetteer().scan(text)
    hit_starts = [h.start for h in all_hits]
    sentences = []
    for sent in seg.sentences:
        lo = bisect_left(hit_starts, sent.start)
        hi = bisect_left(hit_starts, sent.end)
        hits = [h for h in all_hits[lo:hi] if h.end <= sent.end]
        sentences.append(SentenceView(text, sent.start, sent.end, sent.tokens, hits))
    places = [p for s in sentences for p in find_places(s) + find_foreign_places(s)]
    orgs_by_sentence = [find_known_orgs(s) + find_suffixed_names(s) + find_tagged_orgs(s) + find_military_units(s)
                        + find_dateline_outlets(s)
                        for s in sentences]
    # the place a local outlet is named after (潜江新闻网讯) is the story's, though only inside a name
    home_places = outlet_places([o for os in orgs_by_sentence for o in os if o.source in ("dateline", SOURCE_LINE)])
    # (and a delegation's home written by a county's short form, 齐河党政考察团: 齐河县)
    home_places += unread_homes([o for os in orgs_by_sentence for o in os], places)
    # (and a host written only by its standard abbreviation, 来津考察: 天津市)
    ctx = StoryContext(text, places + home_places + travel_abbreviations(text),
                       foreign_parties(text, [o for os in orgs_by_sentence for o in os]))
    spans: list[Span] = []
    places.sort(key=lambda p: p.start)
    place_starts = [p.start for p in places]
    kept_columns = 0  # characters whose CRF columns are kept for the tagger
    for chunk in _batches(list(zip(sentences, orgs_by_sentence)), SHARED_COLUMNS_CHARS):
        found = [_sentence_rules(s, orgs, places[bisect_left(place_starts, s.start):bisect_left(place_starts, s.end)],
                                 home_places, ctx)
                 for s, orgs in chunk]
        # the name CRF reads the chunk's sentences at once
        read = read_crf_all([(s, f.checked) for (s, _), f in zip(chunk, found)])
        for (s, _), f, (proposals, person_probability) in zip(chunk, found, read):
            kept_columns += s.end - s.start
            if kept_columns > SHARED_COLUMNS_CHARS:
                s.drop_crf_columns()  # a long document: the tagger builds these again, memory stays flat
            people = [p for p in f.people if person_probability.get(id(p), 1.0) >= CRF_VETO]
            people += find_crf_names(s, proposals, f.plain + people)
            spans.extend(sp for sp in resolve_overlaps(f.base + people) if sp.source not in GUESSED_SOURCES
                         or not any(a <= sp.start and sp.end <= b for a, b in f.works))
    spans = expand_short_names(drop_weak(propagate_names(text, trim_glued_people(text, spans))))
    spans = find_teams(text, sentences, spans)
    spans = without_bilateral_places(text, spans)
    spans = sorted(spans + find_abbreviations(text, sentences, spans), key=lambda sp: (sp.start, sp.end))
    return [sp for sp in spans if not (sp.type == "Organization" and sp.attrs.bare)], sentences
