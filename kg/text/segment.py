"""Sentences and words of a normalized text.

jieba sits behind :func:`tokenize` so that a faster segmenter can replace it; its dictionary
and the look-ups of a word's tag and frequency live in :mod:`kg.lexicon.jieba_dict`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate

from kg.lexicon.jieba_dict import cut
from kg.text.normalize import NormalizedText

__all__ = ["Sentence", "Segmented", "segment", "split_sentences", "tokenize", "trim_span"]

# Sentence ends: Chinese and (after width folding) ASCII full stops, line breaks, and the blank
# before a dateline a headline runs into (…对口支援工作 齐鲁网8月23日讯).
# (the blanks before a dateline are tried only from the first of a run: tried from each blank of a
# long run, they took time quadratic in the run's length — 2 minutes for 100,000 blanks)
_SENTENCE_END = re.compile(r"[。!?;！？；…]+[”’\"'」』)]*|\n+"
                           r"|(?<![ \t])[ \t]+(?=[\u4e00-\u9fff]{2,8}[0-9]{1,2}月[0-9]{1,2}日[讯电])")


@dataclass(frozen=True)
class Sentence:
    """A sentence as a half-open span of the normalized text, with its words.

    ``tokens`` are ``(start, end)`` spans of the normalized text.
    """

    start: int
    end: int
    tokens: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Segmented:
    """A normalized text cut into sentences (and, in them, words)."""

    doc_id: str
    normalized: NormalizedText
    sentences: tuple[Sentence, ...]

    @property
    def text(self) -> str:
        return self.normalized.text


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Half-open spans of the sentences of ``text``, surrounding blanks trimmed.

    >>> t = "代表团来到北京。 蔡奇讲话!"
    >>> [t[a:b] for a, b in split_sentences(t)]
    ['代表团来到北京。', '蔡奇讲话!']
    """
    spans = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [span for span in (trim_span(text, a, b) for a, b in spans) if span[1] > span[0]]


def trim_span(text: str, a: int, b: int) -> tuple[int, int]:
    """``(a, b)`` narrowed to exclude surrounding whitespace.

    >>> trim_span("  代表团 ", 0, 6)
    (2, 5)
    """
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def tokenize(text: str) -> list[tuple[int, int]]:
    """Word spans of ``text`` by jieba (accurate mode, HMM for unknown words).

    >>> t = "代表团来到北京市"
    >>> [t[a:b] for a, b in tokenize(t)]
    ['代表团', '来到', '北京市']
    """
    return _word_spans(text, 0)


def _word_spans(text: str, offset: int) -> list[tuple[int, int]]:
    """jieba's words of ``text`` as spans shifted by ``offset``: each word ends where the next
    starts, so the bounds are the running sums of the words' lengths."""
    bounds = list(accumulate(map(len, cut(text)), initial=offset))
    return list(zip(bounds, bounds[1:]))


def segment(doc_id: str, normalized: NormalizedText, tokens: bool = True) -> Segmented:
    """Cut a normalized text into sentences, each with its words."""
    text = normalized.text
    sentences = []
    for a, b in split_sentences(text):
        toks: tuple[tuple[int, int], ...] = ()
        if tokens:
            toks = tuple(_word_spans(text[a:b], a))
        sentences.append(Sentence(a, b, toks))
    return Segmented(doc_id, normalized, tuple(sentences))
