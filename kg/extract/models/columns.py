"""CRF features as columns of raw values, shared by the CRFs' features (:mod:`.crf`) and their
compiled decoder (:mod:`.linear_crf`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = ["CHAR_TEMPLATES", "Columns", "template_values"]


#: Attributes read off the characters around each one, by the positions they read in the
#: five-character window around it (position 2 is the character itself): ``c-1=`` reads the one
#: before, ``b0=`` the character and the one after, ``t3=`` the three around it.
CHAR_TEMPLATES: dict[str, tuple[int, ...]] = {
    "c0=": (2,), "c-1=": (1,), "c1=": (3,), "c-2=": (0,), "c2=": (4,),
    "b-1=": (1, 2), "b0=": (2, 3), "b-2=": (0, 1), "b1=": (3, 4), "t3=": (1, 2, 3),
}


def template_values(chars: str, template: str) -> Sequence[str]:
    """What the character template ``template`` reads at each character of a padded window.

    >>> list(template_values("^^龚正说$$", "b0="))
    ['龚正', '正说', '说$']
    """
    n, at = len(chars) - 4, CHAR_TEMPLATES[template]
    if len(at) == 1:
        return chars[at[0]:at[0] + n]
    parts = [chars[o:o + n] for o in at]
    return ["".join(t) for t in zip(*parts)]


@dataclass(frozen=True, slots=True)
class Columns:
    """The CRF attributes of a stretch of text, column by column.

    ``chars`` is the stretch padded with ``^^`` and ``$$`` (character ``i``'s window is
    ``chars[i:i + 5]``), which ``templates`` (of :data:`CHAR_TEMPLATES`) read; column ``k`` gives
    each character the attribute ``prefixes[k] + values[k][i]``; word column ``k`` gives it
    ``word_prefixes[k] + word_values[k][word_of[i]]`` (one value per word, shared by its
    characters); ``extras`` are the rare attributes (a surname, a lexicon entry around a
    character) as ``(character, attribute)``.

    Raw values rather than attribute strings: the CRFsuite tagger reads them rendered
    (:meth:`rows`), the compiled decoder (:mod:`kg.extract.models.linear_crf`) looks them up
    without building a string per attribute.

    >>> c = Columns("^^龚正说$$", ("c0=", "c-1="), ("w=",), (["S1nr", "B2v", "E2v"],), ((0, "sur"),))
    >>> c.rows()[0]
    ['c0=龚', 'c-1=^', 'w=S1nr', 'sur']
    """

    chars: str
    templates: tuple[str, ...]
    prefixes: tuple[str, ...]
    values: tuple[Sequence[str], ...]
    extras: tuple[tuple[int, str], ...]
    word_prefixes: tuple[str, ...] = ()
    word_values: tuple[Sequence[str], ...] = ()
    word_of: Sequence[int] = ()
    #: What a decoder worked out from a column's values, by prefix (their hashes), kept for the
    #: next model that reads the same column (shared with the columns :meth:`beside` makes).
    derived: dict = field(default_factory=dict, compare=False, repr=False)

    def __len__(self) -> int:
        return len(self.chars) - 4

    def rows(self) -> list[list[str]]:
        """Each character's attributes as CRFsuite reads them."""
        read = [[p + v for v in template_values(self.chars, p)] for p in self.templates]
        read += [[p + v for v in vs] for p, vs in zip(self.prefixes, self.values)]
        read += [[p + vs[w] for w in self.word_of] for p, vs in zip(self.word_prefixes, self.word_values)]
        out = [list(row) for row in zip(*read)]
        for i, attr in self.extras:
            out[i].append(attr)
        return out

    def beside(self, templates: tuple[str, ...], prefixes: tuple[str, ...], values: Sequence[Sequence[str]],
               extras=(), word_prefixes: tuple[str, ...] = (), word_values: Sequence[Sequence[str]] = (),
               word_of: Sequence[int] = ()) -> Columns:
        """These columns and more of the same characters (word columns only where these have none)."""
        assert not (self.word_prefixes and word_prefixes), "one set of word columns"
        return Columns(self.chars, self.templates + templates, self.prefixes + prefixes,
                       self.values + tuple(values), self.extras + tuple(extras),
                       self.word_prefixes + word_prefixes, self.word_values + tuple(word_values),
                       word_of if word_prefixes else self.word_of, self.derived)
