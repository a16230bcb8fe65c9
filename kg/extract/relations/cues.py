"""Cue words: the words that state a relation (``lexicon/data/cues.tsv``), found where they stand
on word boundaries and outside any mention (``率`` in ``效率`` is no cue).
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.spans import Cue, Span
from kg.lexicon import load_table

__all__ = ["GOING_DEEP", "goes_deep_into", "abbreviated_visit_cues", "find_cues"]

# Visit words that carry their place (访港: visit Hong Kong).


# Verbs of arriving that make a visit word with the abbreviation after them (来皖, 赴豫, 抵甬).
_ARRIVING = "来赴抵"


@lru_cache(maxsize=1)
def abbreviated_visit_cues() -> frozenset[str]:
    """Visit words that carry their place in their last character: those listed (访港: visit Hong
    Kong) and a verb of arriving before any place abbreviation read after such verbs (来皖考察)."""
    listed = {row[0] for row in load_table("visit_abbreviations.tsv")}
    places = {row[0] for row in load_table("domestic_abbreviations.tsv") if "fixed" in row[2]}
    return frozenset(listed | {verb + place for verb in _ARRIVING for place in places})


@lru_cache(maxsize=1)
def _cues() -> tuple[tuple[str, str, str], ...]:
    rows = [(r[0], r[1], r[2] if len(r) > 2 else "") for r in load_table("cues.tsv")]
    listed = {r[0] for r in rows}
    rows += [(word, "visits", "visit") for word in sorted(abbreviated_visit_cues()) if word not in listed]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@lru_cache(maxsize=1)
def _cue_automaton():
    """Every cue word in one Aho-Corasick automaton, each with its rank in :func:`_cues` (longer
    words first): one pass over a sentence finds them all."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for rank, (word, relation, event_type) in enumerate(_cues()):
        if word not in automaton:  # a word listed twice: its first row stands, as it always did
            automaton.add_word(word, (rank, word, relation, event_type))
    automaton.make_automaton()
    return automaton


# The verb of coming, a cue only right before a place's abbreviation (see find_cues).
_COMING = "来"

# The end of a day's date: 5日, 十一日.
_DATE_END = re.compile("[0-9０-９〇一二三四五六七八九十]日")


#: 深入: going deep into a place (深入企业), a visit word, unless it says how deep (:func:`goes_deep_into`).
GOING_DEEP = "深入"
_MAKING_DEEPER = ("进行", "更", "更加", "不断", "持续", "全面")


def goes_deep_into(text: str, at: int, lo: int = 0) -> bool:
    """Whether the 深入 at ``at`` goes into a place (深入企业) rather than saying how deep something
    is (进行深入的学习考察, 更加深入).

    >>> goes_deep_into("深入企业考察", 0), goes_deep_into("进行深入的学习考察", 2)
    (True, False)
    """
    return not (text.startswith("的", at + len(GOING_DEEP)) or text.endswith(_MAKING_DEEPER, lo, at))

# The word that closes a clause of time (…时说, …时称) and that jieba may join to the verb after it.
_WHEN = "时"


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
    # an abbreviation may sit inside its cue (港 in 访港), and so may a title standing alone (团长 in
    # 以市长黄文辉为团长的…代表团)
    taken: list[tuple[int, int]] = [(m.start, m.end) for m in mentions if not m.attrs.abbreviation]
    titles = [(m.start, m.end) for m in mentions if m.type == "Position" and m.attrs.bare]
    # a mention's edges are word edges too (jieba reads 王正谱率 as one unknown word)
    # and so is a date's end (jieba reads 5日率 as 5 and 日率, a daily rate)
    dates = _DATE_END.finditer(text, start, end) if text.find("日", start, end) >= 0 else ()
    starts = token_starts | {m.end for m in mentions} | {m.end() for m in dates}
    ends = token_ends | {m.start for m in mentions}
    found: list[Cue] = []
    if start >= end:
        return found
    # longer words first, then left to right: a longer cue takes its place before a word inside it
    hits = sorted((rank, last + 1 - len(word), word, relation, event_type)
                  for last, (rank, word, relation, event_type) in _cue_automaton().iter(text, start, end))
    for _, pos, word, relation, event_type in hits:
        stop = pos + len(word)
        # (a one-character cue jieba glued to the 时 before it, 回覆查询|时说, starts where 时 ends)
        opens = pos in starts or (text[pos - 1:pos] == _WHEN and pos - 1 in starts)
        aligned = (opens and stop in ends) if len(word) == 1 else (pos in starts or stop in ends)
        if word == GOING_DEEP and not goes_deep_into(text, pos, start):
            continue
        if aligned and not any(a < stop and pos < b and not (pos <= a and b <= stop and (a, b) in titles)
                               for a, b in taken):
            found.append(Cue(pos, stop, word, relation, event_type))
            taken.append((pos, stop))
    # 来 right before a place's one-character abbreviation is a visit to it (一行来泉对接洽谈, 代表团来溪,
    # as 来京 is a listed cue): alone it is too common a word (来说, 以来, 来自) to be a cue
    for m in mentions:
        pos = m.start - 1
        if m.type == "Place" and m.attrs.abbreviation and start <= pos and text[pos] == _COMING \
                and pos in starts and not any(a <= pos < b for a, b in taken):
            found.append(Cue(pos, pos + 1, _COMING, "visits", "visit"))
    found.sort(key=lambda c: c.start)
    return found
