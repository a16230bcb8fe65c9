"""The name CRF's votes (:mod:`kg.extract.models.crf`): names no rule found, and vetoes of
rule-found people it is all but sure are no names (``曾多次``, ``严肃性``).
"""

from __future__ import annotations

from kg.extract.entities.abbreviations import abbreviation_table
from kg.extract.entities.name_shapes import tibetan_name
from kg.extract.entities.people import _PLACE_ENDINGS, People
from kg.extract.entities.sentence import PLACE_NAME_ENDINGS, SentenceView, known_place_attrs, overlaps_any, stopwords
from kg.extract.models.crf import analyse_stretches
from kg.extract.spans import NO_ATTRS, Span
from kg.lexicon.gazetteer import transliterated
from kg.lexicon.jieba_dict import word_tag

__all__ = ["CRF_VETO", "read_crf", "read_crf_all", "vetoable", "find_crf_names"]

# Rule sources the CRF may overrule; lists and clause subjects it may not.
_VETOABLE = {"name-model", "foreign-name", "after-cue", "before-cue", "after-title", "before-title"}

_TITLED = {"after-title", "before-title"}

# A titled name this long, every character a transliteration's, is a foreign name whatever the CRF says.
_LONG_TRANSLITERATION = 4
# Below this probability of being part of a person's name, a character vetoes a rule's person.
CRF_VETO = 0.05

def read_crf(s: SentenceView, probes: list[Span]) -> tuple[list[tuple[str, int, int, float]], dict[int, float]]:
    """The CRF's proposals in a sentence (absolute offsets) and, for each probed
    person (by ``id``), the lowest probability that one of its characters is part
    of a name: of a person's name, or — next to a title, where jieba and the CRF
    may take a leader for a place (总统普京) — of any name."""
    return read_crf_all([(s, probes)])[0]


def read_crf_all(sentences: list[tuple[SentenceView, list[Span]]]) \
        -> list[tuple[list[tuple[str, int, int, float]], dict[int, float]]]:
    """:func:`read_crf` of each sentence with its probes, all decoded together (whole sentences,
    as the model was trained: with the compiled decoder, tagging only the stretches that may hold
    a name, as kg once did, cost more than it saved)."""
    tagged = analyse_stretches([s.crf_columns for s, _ in sentences],
                               [[(p.start - s.start, p.end - s.start) for p in probes] for s, probes in sentences])
    out = []
    for (s, probes), found in zip(sentences, tagged):
        proposals = [(kind, s.start + x, s.start + y, conf) for kind, x, y, conf in found.spans]
        out.append((proposals, {id(p): named if p.source in _TITLED else person
                                for p, person, named in zip(probes, found.person, found.named)}))
    return out


def vetoable(person: Span) -> bool:
    """Whether the CRF may overrule a rule-found person: it may where it is all but
    sure a character is no part of a name (严肃性, 曾多次 …) — the rules and the model
    err in different places — but not against a list, a clause subject or a foreign
    name joined by · or - (its own evidence; the training corpus joins few with -)."""
    if person.source in (*_TITLED, "after-cue") and (word_tag(person.name) or "").startswith(("nr", "ns")):
        return False  # a title and jieba's dictionary both say name (总统普京): the 1998 corpus knew no 普京
    if tibetan_name(person.name):
        return False  # 向巴平措: the 1998 corpus reads 向 as a preposition; the name's two parts say otherwise
    if person.source == "after-title" and len(person.name) >= _LONG_TRANSLITERATION and transliterated(person.name):
        # 副首相翁赛维索。: a title where the name starts and a long transliteration (the CRF read 翁赛 as
        # Chinese); not before a title, where a word may be glued on (当奥巴马总统)
        return False
    # (nor a name in Latin letters: the corpus it learned from writes none)
    return person.source in _VETOABLE and "·" not in person.name and "-" not in person.name \
        and not person.name[:1].isascii()


def _place_like(name: str) -> bool:
    """Whether a proposed place looks like one: it ends like a place (上庄村, 湟水河),
    is written in transliteration (科托努), or jieba's dictionary calls it a place —
    and is not a pair of abbreviations (中非 is China and Africa; the abbreviation
    rules decide those)."""
    if all(c in abbreviation_table() or c in _CONTINENT_CHARS for c in name) or tibetan_name(name):
        return False  # (扎西江村 ends like a village and is a man)
    return (name[-1] in PLACE_NAME_ENDINGS or transliterated(name)
            or word_tag(name) == "ns")


# One-character abbreviations of continents (中非 China–Africa, 中欧, 中拉).
_CONTINENT_CHARS = frozenset("非欧亚拉美")

# Particles and verbs that follow a name and practically never end one (not 年 or 日: 唐英年, 尼玛西日).
_AFTER_NAMES = frozenset("的了是说称指否嫌旁也都就还又再并而或之所已曾们啊吗呢吧着过得")

# The lowest label marginal a CRF proposal needs (its boundaries are then rarely off).
_CRF_CONFIDENCE = 0.8


def find_crf_names(s: SentenceView, proposals: list[tuple[str, int, int]], taken: list[Span]) -> list[Span]:
    """Names the character CRF (:mod:`kg.extract.models.crf`) proposes where no rule found anything.

    A proposal must lie in the sentence, touch nothing taken, be at least two
    characters and pass the checks rule output passes (a person's name is not a
    word jieba knows as something else; no name is a stopword)."""
    people = People(s, [t for t in taken if not t.attrs.nested])
    out = []
    for kind, a, b, confidence in proposals:
        if a < s.start or b > s.end or b - a < 2 or confidence < _CRF_CONFIDENCE \
                or overlaps_any(a, b, people.occupied):
            continue
        if kind == "Person" and not ("·" in s.text[a:b] or s.text[a:b].isascii()):
            while b - a > 2 and s.text[b - 1] in _AFTER_NAMES:
                b -= 1  # 刘鹤是, 霍金的: the verb or particle after a name is not of it
        name = s.text[a:b]
        if kind == "Person":
            if name[-1] not in _PLACE_ENDINGS:
                people.add(a, b - a, "crf", 0.5)
        elif name not in stopwords() and not s.in_phrase(a, b) and (
                kind == "Organization" or _place_like(name)):
            out.append(Span(a, b, kind, name, "crf", 0.5, known_place_attrs(name) if kind == "Place" else NO_ATTRS))
            people.occupied.append((a, b))
    return people.out + out
