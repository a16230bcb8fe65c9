"""Documents: what ``《…》`` quotes, agreements and plans named without quotes
(``国务院政府工作报告``), and the parties a document's name opens with.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from kg.extract.entities.sentence import SentenceView, is_han, overlaps_any
from kg.extract.entities.suffixed import grow_back
from kg.extract.spans import Span, SpanAttrs
from kg.lexicon import load_lines

__all__ = ["find_book_titles", "find_unquoted_documents", "find_document_parties"]

_BOOK = re.compile(r"《([^《》\n]{1,80})》")


@lru_cache(maxsize=1)
def _doc_suffixes() -> tuple[str, ...]:
    return tuple(sorted(load_lines("doc_suffixes.txt"), key=len, reverse=True))


# Endings strong enough to make an unquoted phrase a document name.
@lru_cache(maxsize=1)
def _document_endings() -> tuple[str, ...]:
    """Endings strong enough to make an unquoted phrase a document's name, in the order tried."""
    return load_lines("document_endings.txt")


@lru_cache(maxsize=1)
def _media_endings() -> tuple[str, ...]:
    return load_lines("media_endings.txt")


def find_book_titles(s: SentenceView) -> tuple[list[Span], list[tuple[int, int]]]:
    """What ``《…》`` quotes: documents and newspapers as spans, and the insides of
    the other titles — a book, film, song or game (《阿甘正传》), where a name guessed
    from its shape alone is part of the title, not a person or place of the story."""
    out, works = [], []
    for m in _BOOK.finditer(s.text, s.start, s.end):
        inner = m.group(1).strip()
        if not inner:
            continue
        if inner.endswith(_doc_suffixes()):
            out.append(Span(m.start(), m.end(), "Document", inner, "book-title", 0.95))
        elif inner.endswith(_media_endings()) and len(inner) <= 8:
            out.append(Span(m.start(1), m.end(1), "Organization", inner, "book-title", 0.8,
                            SpanAttrs(category="media")))
        else:
            works.append((m.start(1), m.end(1)))
    return out, works


def find_unquoted_documents(s: SentenceView, taken: list[tuple[int, int]], orgs: list[Span]) -> list[Span]:
    """Agreements and plans named without quotes: 国务院政府工作报告, 粤港澳大湾区城市群发展规划,
    中国全国人大与塔议会上院合作协议."""
    out = []
    text = s.text
    org_names = {o.end: o.start for o in orgs if not o.attrs.bare}
    for suffix in _document_endings():
        pos = text.find(suffix, s.start, s.end)
        while pos >= 0:
            end = pos + len(suffix)
            if not overlaps_any(pos, end, taken) and (end >= s.end or end in s.token_starts
                                                   or not is_han(text[end])):
                start, has_name = grow_back(s, pos, "document", s.start, org_names)
                if pos - start >= 2 and has_name:
                    out.append(Span(start, end, "Document", text[start:end], "doc-suffix", 0.7))
                    taken.append((start, end))
            pos = text.find(suffix, end, s.end)
    return out


def find_document_parties(text: str, documents: list[Span], names: list[Span]) -> list[Span]:
    """The parties a document's name opens with: 《北京市人民政府山东省人民政府…协议》,
    《中华人民共和国和古巴共和国关于…联合声明》.  Kept as nested mentions."""
    out = []
    for d in documents:
        if d.type != "Document":
            continue
        pos = d.start + 1 if text[d.start] == "《" else d.start
        inside = sorted((n for n in names if d.start <= n.start and n.end <= d.end),
                        key=lambda n: (n.start, -(n.end - n.start)))
        found = []
        for n in inside:
            if n.start != pos:
                continue
            found.append(n)
            pos = n.end
            if text[pos:pos + 1] in ("和", "与", "同", "及", "、"):
                pos += 1
        if len(found) >= 2:
            out.extend(replace(n, attrs=replace(n.attrs, nested=True, party=True)) for n in found)
    return out
