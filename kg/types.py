"""Plain frozen values that flow through the pipeline.

Every step takes and returns these; none of them knows about jieba, rdflib or
networkx.  Offsets are half-open character offsets into ``Document.text``, the
document's text exactly as read, so ``doc.text[m.start:m.end] == m.text``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "ENTITY_TYPES",
    "RELATION_TYPES",
    "Document",
    "Mention",
    "Evidence",
    "Entity",
    "Relation",
]

#: Entity types, in the order outputs list them.
ENTITY_TYPES = ("Person", "Organization", "Place", "Position", "Document", "Event")

#: Relation types, as named in the JSON output and the gold files.
RELATION_TYPES = (
    "leads",
    "accompanies",
    "visits",
    "signs",
    "holds_position",
    "attends",
    "speaks_at",
    "meets",
)


@dataclass(frozen=True, slots=True)
class Document:
    """One article as read.

    ``text`` is the text exactly as read (decoded, nothing removed); every
    offset in the graph points into it.  ``meta`` keeps any further fields a
    JSONL record carried (``url``, ``source`` ...).

    Examples
    --------
    >>> d = Document(id="a.txt", text="山东省委书记刘家义")
    >>> d.text[6:9]
    '刘家义'
    """

    id: str
    text: str
    path: str | None = None
    title: str | None = None
    date: str | None = None
    source: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity in one document.

    ``text`` is the original text of the span; ``name`` is its canonical form
    (simplified script, noise removed, half-width), which is what resolution
    groups on.
    """

    doc: str
    start: int
    end: int
    text: str
    type: str
    name: str
    source: str = "rule"
    score: float = 1.0


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a relation is stated: a sentence (offsets into the original text)."""

    doc: str
    start: int
    end: int
    text: str
    trigger: str | None = None
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Entity:
    """A resolved entity: one real-world thing, with all its mentions.

    ``labels`` maps ``zh-Hans``, ``zh-Hant`` and ``pinyin`` to the name in
    each; ``attributes`` carries type-specific facts (for an Event:
    ``event_type``, ``date``, ``place``, ``cameo``, ``roles``).
    """

    id: str
    type: str
    name: str
    labels: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    attributes: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed edge between two entity ids, with the sentences that state it.

    ``object`` is ``None`` for ``attends``/``speaks_at`` when the event is
    unnamed.
    """

    id: str
    type: str
    subject: str
    object: str | None
    confidence: float
    evidence: tuple[Evidence, ...] = ()
