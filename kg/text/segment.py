"""Sentences and words of a normalized text.

jieba sits behind :func:`tokenize` so that a faster segmenter can replace it.
jieba keeps its dictionary cache in one shared file in ``/tmp`` by default;
kg gives it a file of its own in kg's cache folder (see
:func:`kg.lexicon.cache_dir`), so two installs never fight over it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.text.normalize import NormalizedText

__all__ = ["Sentence", "Segmented", "segment", "split_sentences", "tokenize", "trim_span", "word_tag", "word_freq"]

# Sentence ends: Chinese and (after width folding) ASCII full stops, line breaks.
_SENTENCE_END = re.compile(r"[。!?;！？；…]+[”’\"'」』)]*|\n+")


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


@lru_cache(maxsize=1)
def _tokenizer():
    import logging

    import jieba

    from kg.lexicon import cache_dir

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.tmp_dir = str(cache_dir())
    tok.cache_file = "jieba.kg.cache"
    tok.initialize()
    from kg.lexicon import settle

    settle()
    return tok


def tokenize(text: str) -> list[tuple[int, int]]:
    """Word spans of ``text`` by jieba (accurate mode, HMM for unknown words).

    >>> t = "代表团来到北京市"
    >>> [t[a:b] for a, b in tokenize(t)]
    ['代表团', '来到', '北京市']
    """
    out = []
    pos = 0
    for word in _tokenizer().cut(text, HMM=True):
        out.append((pos, pos + len(word)))
        pos += len(word)
    return out


@lru_cache(maxsize=1)
def _tag_table() -> dict[str, str]:
    # jieba's dictionary carries a part-of-speech tag for each word; reading
    # it is a lookup, unlike jieba.posseg's tagging pass, which is ten times
    # slower than cutting.
    from kg.lexicon import cached

    return cached("jieba-tags", _read_tags)


def _read_tags() -> dict[str, str]:
    import os

    import jieba

    table: dict[str, str] = {}
    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 3:
                table[parts[0]] = parts[2]
    return table


def word_tag(word: str) -> str | None:
    """jieba's dictionary part-of-speech tag for ``word``, or None if unknown.

    >>> word_tag("来到"), word_tag("北京市")
    ('v', 'ns')
    """
    return _tag_table().get(word)


def word_freq(word: str) -> int:
    """jieba's dictionary frequency of ``word`` (0 if unknown).

    >>> word_freq("了解") > word_freq("飞腾")
    True
    """
    return _tokenizer().FREQ.get(word, 0) or 0


def segment(doc_id: str, normalized: NormalizedText, tokens: bool = True) -> Segmented:
    """Cut a normalized text into sentences, each with its words."""
    text = normalized.text
    sentences = []
    for a, b in split_sentences(text):
        toks: tuple[tuple[int, int], ...] = ()
        if tokens:
            toks = tuple((a + s, a + e) for s, e in tokenize(text[a:b]))
        sentences.append(Sentence(a, b, toks))
    return Segmented(doc_id, normalized, tuple(sentences))
