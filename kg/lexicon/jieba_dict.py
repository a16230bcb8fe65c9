"""jieba's dictionary: the tokenizer kg cuts words with, and look-ups of a word's tag and frequency.

jieba keeps its dictionary cache in one shared file in ``/tmp`` by default; kg gives it a file of
its own in kg's cache folder (:func:`kg.lexicon.cache_dir`), so two installs never fight over it.
Reading a word's part-of-speech tag is a look-up in the dictionary file, unlike ``jieba.posseg``'s
tagging pass, which is ten times slower than cutting.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["tokenizer", "word_tag", "word_freq"]


@lru_cache(maxsize=1)
def tokenizer():
    """The process-wide ``jieba.Tokenizer``, initialised from kg's cache folder."""
    import logging

    import jieba

    from kg.lexicon import cache_dir, settle

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.tmp_dir = str(cache_dir())
    tok.cache_file = "jieba.kg.cache"
    tok.initialize()
    settle()
    return tok


@lru_cache(maxsize=1)
def _tag_table() -> dict[str, str]:
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
    return tokenizer().FREQ.get(word, 0) or 0
