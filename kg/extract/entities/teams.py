"""Match reports: the sides of ``vs``, of result verbs (``战平拉齐奥``) and of records (``6胜2平``)
are teams (Organization) wherever the report names them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.entities.overlaps import resolve_overlaps
from kg.extract.entities.people import STRONG_SOURCES, person_cues
from kg.extract.entities.sentence import DEMONSTRATIVES, PLACE_NAME_ENDINGS, SentenceView, all_han, is_han, stopwords
from kg.extract.spans import Span, SpanAttrs
from kg.lexicon import load_table, longest_first
from kg.lexicon.gazetteer import gazetteer, transliterated
from kg.lexicon.jieba_dict import word_tag

__all__ = ["find_teams"]

@lru_cache(maxsize=1)
def _match_cues() -> dict[str, tuple[str, ...]]:
    """Match-report words by role (``report``, ``before``, ``after``, ``between``), longest first."""
    roles: dict[str, list[str]] = {}
    for row in load_table("match_cues.tsv"):
        roles.setdefault(row[1], []).append(row[0])
    roles["all"] = [word for words in roles.values() for word in words]
    return {role: longest_first(words) for role, words in roles.items()}


# jieba's tags a side's name may carry: unknown, a name, a place, a proper noun, an abbreviation.
_SIDE_TAGS = frozenset({None, "nr", "nrt", "nrfg", "ns", "nz", "nt", "j"})

_NUMERALS = frozenset("一二三四五六七八九十两几首上下")

_SIDE_JOINERS = ("、", "和", "与")

# A side's record: 6胜2平, 3平1负, 1比0.
_RECORD = re.compile(r"\d+[胜平负]\d+[平负]|\d+比\d+|\d+连[胜败平]")

_MAX_SIDE = 8


def _side_word(text: str, a: int, b: int) -> bool:
    """Whether a word may be part of a side's name: unknown to jieba, a name or a
    place (拉齐奥, 罗马), written in transliteration (加|拉塔|萨雷), a place
    ending (斯托克|城) or a short Latin word (ac|米兰) — never a number,
    demonstrative, stopword or match word (本赛季)."""
    word = text[a:b]
    if word.isascii():
        return word.isalpha() and len(word) <= 5 and not any(cue == word for cue in _match_cues()["all"])
    if not all_han(word) or word in stopwords() or word[0] in _NUMERALS \
            or any(cue in word for cue in _match_cues()["all"]) or text.startswith(_match_cues()["all"], a):
        return False
    if word[0] in DEMONSTRATIVES and not (word_tag(word) or "").startswith(("nr", "ns", "nz")):
        return False  # 本队, 该队 (but 本菲卡)
    if len(word) == 1 and (word_tag(word) or "")[:1] in ("f", "p", "c", "u", "d", "r", "m", "q"):
        return False  # 联赛|里|那不勒斯: a particle or direction word stands apart
    if transliterated(word) or (len(word) == 1 and word in PLACE_NAME_ENDINGS):
        return True
    return len(word) > 1 and (word_tag(word) in _SIDE_TAGS
                              or any(e.kind == "place" for e in gazetteer().lookup(word)))


def _side_at(s: SentenceView, pos: int, forward: bool) -> tuple[int, int] | None:
    """The side's name that starts (``forward``) or ends at ``pos``: up to three
    words that may be part of a name (基辅|迪纳摩), two characters at least."""
    text, edge, words = s.text, pos, 0
    while words < 3:
        other = s.token_starts.get(edge) if forward else s.token_ends.get(edge)
        if other is None or abs(other - pos) > _MAX_SIDE:
            break
        a, b = (edge, other) if forward else (other, edge)
        if not _side_word(text, a, b):
            break
        edge, words = other, words + 1
    a, b = (pos, edge) if forward else (edge, pos)
    if b - a < 2 or not any(is_han(c) for c in text[a:b]):
        return None
    return a, b


def _is_match_report(text: str) -> bool:
    """Two different report words (主场, 联赛…), or one and a record (6胜2平)."""
    cues = _match_cues()
    evidence = sum(word in text for word in cues.get("report", ()))
    return evidence + bool(_RECORD.search(text)) >= 2


def _team_names(text: str, sentences: list[SentenceView]) -> list[set[str]]:
    """Names of the sides of a match, in groups that stand or fall together:
    the two sides of ``切沃vs罗马`` anywhere; in a match report also
    ``战平拉齐奥``, ``霍芬海主场``, ``桑普3胜2平1负``, ``勒沃对拜仁1胜1平8负``,
    with the other names of a list that holds a side.

    Other slots are read only in a match report, so that ``击败`` in a political
    story makes no team.  A name followed by a word for a person (西班牙选手)
    says where the person is from; it is no side."""
    cues = _match_cues()
    report = _is_match_report(text)
    roles = ("before", "after", "between") if report else ("between",)
    groups: list[set[str]] = []
    for s in sentences:
        found: list[list[tuple[int, int] | None]] = []
        for role in roles:
            for word in cues.get(role, ()):
                at = text.find(word, s.start, s.end)
                while at >= 0:
                    if len(word) == 1 and s.token_starts.get(at) != at + 1:
                        at = text.find(word, at + 1, s.end)
                        continue  # 胜 in 胜利, 平 in 水平
                    group = []
                    if role in ("before", "between"):
                        group.append(_side_at(s, at + len(word), True))
                    if role in ("after", "between"):
                        group.append(_side_at(s, at, False))
                    found.append(group)
                    at = text.find(word, at + len(word), s.end)
        if report:
            for m in _RECORD.finditer(text, s.start, s.end):
                side = _side_at(s, m.start(), False)
                group = [side]
                if side and text[side[0] - 1:side[0]] == "对":
                    group.append(_side_at(s, side[0] - 1, False))
                found.append(group)
        for group in found:
            sides = {text[a:b] for a, b in filter(None, group) if not text.startswith(person_cues(), b)}
            if sides:
                groups.append(sides)
    # the other names of a list that holds a side anywhere: 对手分别是皇马、比利亚雷亚尔和马洛卡
    known = {name for group in groups for name in group}
    for s in sentences:
        for name in known:
            at = text.find(name, s.start, s.end)
            while at >= 0:
                listed = _listed_with(s, (at, at + len(name))) - known
                if listed:
                    groups.append(listed)
                at = text.find(name, at + len(name), s.end)
    return groups


def _listed_with(s: SentenceView, side: tuple[int, int]) -> set[str]:
    """The names listed with a side by 、, 和 or 与."""
    text, todo, seen = s.text, [side], set()
    while todo:
        item = todo.pop()
        if item is None or item in seen:
            continue
        seen.add(item)
        a, b = item
        if text[b:b + 1] in _SIDE_JOINERS:
            todo.append(_side_at(s, b + 1, True))
        if text[a - 1:a] in _SIDE_JOINERS:
            todo.append(_side_at(s, a - 1, False))
    return {text[a:b] for a, b in seen - {side}}


def find_teams(text: str, sentences: list[SentenceView], spans: list[Span]) -> list[Span]:
    """The sides of a match are teams: organisations, wherever the document
    names them (罗马 is AS Roma in a match report, 拉齐奥 no person)."""
    # the sides of a match between people the rules know by a title or cue
    # (选手费德勒vs纳达尔) stay people, both of them
    people = {sp.name for sp in spans if sp.type == "Person" and sp.source in STRONG_SOURCES}
    names = {name for group in _team_names(text, sentences) if not group & people for name in group}
    if not names:
        return spans
    import ahocorasick

    teams = []
    automaton = ahocorasick.Automaton()
    for name in names:
        automaton.add_word(name, name)
    automaton.make_automaton()
    for last, name in automaton.iter(text):
        teams.append(Span(last + 1 - len(name), last + 1, "Organization", name, "team", 0.7,
                          SpanAttrs(category="team")))
    kept = [sp for sp in spans if not (sp.type in ("Person", "Place") and sp.name in names)]
    return resolve_overlaps(kept + teams)
