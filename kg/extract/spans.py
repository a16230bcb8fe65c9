"""The values extraction works with, in normalized-text coordinates: typed spans, cue words,
relations found between spans, and event drafts.  :mod:`kg.resolve` maps them back to the
original text and turns them into :mod:`kg.types` values.

Every attribute a later step reads is a typed field of :class:`SpanAttrs`, so that a misspelt
one is an error, not a silent ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Span", "SpanAttrs", "NO_ATTRS", "Cue", "Found", "EventDraft"]


@dataclass(frozen=True, slots=True)
class SpanAttrs:
    """What later steps need to know of a span beyond its type and name.

    Examples
    --------
    >>> SpanAttrs(level=1, full="北京市").full
    '北京市'
    >>> SpanAttrs().bare, SpanAttrs().level
    (False, None)
    """

    #: the kind of body, place or title: a suffix's category (``company``, ``party-gov``), a place's
    #: (``division``, ``country``, ``venue``), a title's (``head``, ``member``)
    category: str = ""
    #: the organisation or place suffix the name ends in (``有限公司``)
    suffix: str = ""
    #: the canonical name of a known organisation written short (``中共`` → ``中国共产党``)
    canonical: str = ""

    # Places
    #: administrative level: 1 province … 4 township, 5 a village at the end of a chain; None unknown
    level: int | None = None
    #: the gazetteer's full name (``北京`` → ``北京市``)
    full: str = ""
    #: the division or country the place lies in
    parent: str = ""
    #: the gazetteer's short form of the place (``山东`` for ``山东省``)
    short_name: str = ""
    #: the tail of an administrative chain (``双井街道`` in ``朝阳区双井街道``)
    alias: str = ""
    #: a one-character abbreviation standing for the place (``中`` in ``中美关系``)
    abbreviation: bool = False

    # Positions
    #: the title (``书记``) and the body (``山东省委``) the position joins
    title: str = ""
    body: str = ""
    #: the place the body belongs to
    place: str = ""
    #: held before the story (``时任``, ``原``): stated, not held now
    former: bool = False
    #: the body was completed from the story's places (``省委书记`` → ``山东省委书记``)
    completed: bool = False
    #: the text gives the title alone (``刘家义书记``)
    title_only: bool = False
    #: where the text abbreviates the completed body (``省委`` in ``省委书记``), in normalized offsets
    body_mention: tuple[int, int] | None = None
    #: a title (or a body) whose place the text does not give (``省委``, a bare ``主席``)
    bare: bool = False

    # People
    #: the part a foreign name was written as (``鲁斯塔姆`` for ``鲁斯塔姆·埃莫马利``)
    short_form: str = ""

    # How the span stands among others
    #: inside a Position or a Document, kept as a mention of its own
    nested: bool = False
    #: found only inside a set phrase (``中国`` in ``中国特色社会主义``)
    weak: bool = False
    #: a party that a document's name opens with
    party: bool = False

    # Made by the relation step
    #: a generic word (``代表团``, ``他``) standing for ``target``
    reference: bool = False
    target: Span | None = None
    #: a generic word the document gives no entity for
    unresolved: bool = False
    #: named by a relation rule, not by the text (the delegation of a leader's party)
    synthetic: bool = False


#: The attributes of a span that has none.
NO_ATTRS = SpanAttrs()


@dataclass(frozen=True)
class Span:
    """A typed span ``[start, end)`` of the normalized text.

    ``name`` is the canonical name; ``source`` says which rule (or model) found it and ``score``
    how sure it is; ``attrs`` carries what later steps need (:class:`SpanAttrs`).  Spans compare
    equal on their place, type, name, source and score, not on their attributes.

    >>> sp = Span(0, 3, "Place", "北京市", "gazetteer", 0.9, SpanAttrs(level=1, full="北京市"))
    >>> len(sp), sp.attrs.level
    (3, 1)
    """

    start: int
    end: int
    type: str
    name: str
    source: str
    score: float = 1.0
    attrs: SpanAttrs = field(default=NO_ATTRS, compare=False, hash=False)

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Cue:
    """A cue word at ``text[start:end]`` that signals ``relation``."""

    start: int
    end: int
    word: str
    relation: str
    event_type: str


@dataclass(frozen=True)
class Found:
    """A relation found in one sentence, between spans (not yet entities).

    ``sentence`` is the sentence's span of the normalized text; ``cue`` the
    word that states the relation (None for ``holds_position``, which is
    stated by adjacency).
    """

    type: str
    subject: Span
    object: Span | None
    sentence: tuple[int, int]
    cue: Cue | None = None
    confidence: float = 0.8


@dataclass
class EventDraft:
    """An event found in one document, still in terms of spans.

    ``roles`` pairs a role name (leader, guest, host, signatory, attendee,
    speaker, participant, document, site) with the span of its filler;
    ``triggers`` are the spans of the cue words that report the event.
    Drafts are built up by :func:`kg.extract.events.find_events`; what
    leaves extraction is frozen (:class:`kg.resolve.LocalEvent`).
    """

    event_type: str
    cameo: str
    name: str
    date: str | None
    place: Span | None
    roles: list[tuple[str, Span]] = field(default_factory=list)
    triggers: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)

    def add_role(self, role: str, span: Span) -> None:
        """Add ``span`` in ``role`` unless a span of the same name and type fills it already."""
        if not any(r == role and s.name == span.name and s.type == span.type for r, s in self.roles):
            self.roles.append((role, span))
