"""jieba's dictionary: cutting words with it, and look-ups of a word's tag and frequency.

Words are cut by ``rjieba`` (a binding of jieba-rs, the same dictionary and HMM) when it is
installed — about thirteen times faster than jieba — and by jieba itself otherwise; both give the
same words (:func:`cut` mends the one place they differ, ``F-16``; checked on 33,610 sentences of
新闻联播 and on the Hong Kong corpus).  jieba keeps its dictionary cache in one shared file in
``/tmp`` by default; kg gives it a file of its own in kg's cache folder
(:func:`kg.lexicon.cache_dir`), so two installs never fight over it.  Reading a word's
part-of-speech tag or frequency is a look-up in the dictionary file, unlike ``jieba.posseg``'s
tagging pass, which is ten times slower than cutting.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from functools import lru_cache

from kg.lexicon import CachedIndex

__all__ = ["COMMON_WORD_FREQ", "cut", "engine", "jieba_module", "tokenizer", "word_tag", "word_freq", "dictionary_tags",
           "dictionary_freqs"]

# jieba's blocks: runs of Han characters, letters, digits and +#&._%- are cut by the dictionary
# (``jieba.re_han_default``); whitespace stands alone (``re_skip_default``); any other character is
# a word of its own.
_BLOCK = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")
_SPACE = re.compile("(\r\n|\\s)")
# Inside a block, jieba's HMM cuts letters and digits apart at these marks and jieba-rs does not
# (F-16, K.K): such a block is cut by jieba's own rule (see _cut_marked).
_MARKS = re.compile("[+#&._%\\-]")


@lru_cache(maxsize=1)
def engine() -> str:
    """``"rjieba"`` or ``"jieba"``: what :func:`cut` cuts with (``KG_PURE_PYTHON=1`` forces jieba)."""
    if os.environ.get("KG_PURE_PYTHON"):
        return "jieba"
    try:
        import rjieba  # noqa: F401
    except ImportError:
        return "jieba"
    return "rjieba"


def cut(text: str) -> list[str]:
    """The words of ``text`` (accurate mode, HMM for unknown words), as jieba cuts them.

    >>> cut("代表团来到北京市，F-16战机")
    ['代表团', '来到', '北京市', '，', 'F', '-', '16', '战机']
    """
    if engine() == "jieba":
        return list(tokenizer().cut(text, HMM=True))
    import rjieba

    out: list[str] = []
    for block in _BLOCK.split(text):
        if not block:
            continue
        if _BLOCK.match(block):
            out.extend(_cut_marked(block) if _MARKS.search(block) else rjieba.cut(block, True))
        else:
            for part in _SPACE.split(block):
                if _SPACE.match(part):
                    out.append(part)
                else:
                    out.extend(part)
    return out


def _cut_marked(block: str) -> list[str]:
    """A block with marks cut as jieba cuts it, without loading jieba's dictionary (a second).

    jieba takes the dictionary's best route through the block (jieba-rs finds the same one: its
    cut without HMM, with runs of letters and digits it groups back into single characters),
    then cuts each run of single characters that is no word by its HMM (``jieba.finalseg``),
    which keeps 12.5% whole and cuts F-16 apart.  The same words as jieba on all 34,226
    distinct marked blocks of the shared corpus, in both scripts.

    >>> _cut_marked("F-16战机"), _cut_marked("增长12.5%")
    (['F', '-', '16', '战机'], ['增长', '12.5%'])
    """
    import rjieba

    finalseg = jieba_module().finalseg

    freqs = dictionary_freqs()
    out: list[str] = []
    run = ""

    def flush() -> None:
        if len(run) == 1:
            out.append(run)
        elif freqs.get(run):
            out.extend(run)
        else:
            out.extend(finalseg.cut(run))

    for word in rjieba.cut(block, False):
        if len(word) == 1 or freqs.get(word) is None:
            run += word
            continue
        if run:
            flush()
            run = ""
        out.append(word)
    if run:
        flush()
    return out


def jieba_module():
    """The ``jieba`` module, imported without ``pkg_resources``.

    jieba reads its data files through setuptools' ``pkg_resources`` when it can import it, and
    by their path when it cannot; importing ``pkg_resources`` (deprecated) costs 0.08 s of every
    short run for nothing kg needs.  Where something else has imported it already, it stays.

    >>> jieba_module().__name__
    'jieba'
    """
    if "jieba" not in sys.modules and "pkg_resources" not in sys.modules:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # import raises ImportError
        try:
            importlib.import_module("jieba")
        finally:
            del sys.modules["pkg_resources"]
    return importlib.import_module("jieba")


@lru_cache(maxsize=1)
def tokenizer():
    """The process-wide ``jieba.Tokenizer``, initialised from kg's cache folder."""
    import logging

    from kg.lexicon import cache_dir, settle

    jieba = jieba_module()

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.tmp_dir = str(cache_dir())
    tok.cache_file = "jieba.kg.cache"
    tok.initialize()
    settle()
    return tok


#: The frequency in jieba's dictionary from which a word is a common one: a word of its own where a
#: name could end (相比, 今天), a common word where a place could open (外国, 城市; 全国 48,874), not the
#: rare word a name is made of (全州 366).
COMMON_WORD_FREQ = 1000


#: Look-ups answered from the on-disk index before the whole dictionary is loaded.  A
#: 300-character article makes a few hundred; a run of many articles loads the dictionary in the
#: end anyway, and every look-up before that costs an index query (a corpus run spent 0.3 s on
#: the first 20,000), so it loads it after a few articles.
EAGER_AFTER = 3_000


class _Column:
    """One column of jieba's dictionary (tags or frequencies) behind a dict's ``get``.

    The first :data:`EAGER_AFTER` look-ups are answered from an SQLite index of the dictionary
    in kg's cache, so a short run never loads the whole dictionary; after them the dictionary is
    loaded, and ``get`` becomes the dict's own (no cost per look-up from then on).
    """

    def __init__(self, column: int):
        self._column = column
        self._asked = 0

    def get(self, word: str, default=None):
        self._asked += 1
        if self._asked > EAGER_AFTER:
            return self._load().get(word, default)
        value = _indexed(word)
        if value is _UNINDEXED:
            return self._load().get(word, default)
        if value is None:
            return default
        return value[self._column]

    def _load(self) -> dict:
        full = _dictionary()[self._column]
        self.get = full.get  # type: ignore[method-assign]
        return full


@lru_cache(maxsize=1)
def dictionary_tags() -> _Column:
    """Every word of jieba's dictionary with its part-of-speech tag: ``.get(word)`` as on a dict."""
    return _Column(0)


@lru_cache(maxsize=1)
def dictionary_freqs() -> _Column:
    """Every word of jieba's dictionary with its frequency: ``.get(word, 0)`` as on a dict."""
    return _Column(1)


@lru_cache(maxsize=8192)
def _indexed(word: str):
    """``(tag, freq)`` of ``word`` from the on-disk index, None if it is no word of the
    dictionary, :data:`_UNINDEXED` if there is no index (a cache folder that cannot be written)."""
    row = _INDEX.row("SELECT tag, freq FROM word WHERE text = ?", (word,))
    if row is _UNINDEXED:
        return row
    return None if row is None else (row[0] or None, row[1])


def _fill_index(db) -> None:
    tags, freqs = _read_dictionary()
    db.execute("CREATE TABLE word (text TEXT PRIMARY KEY, tag TEXT, freq INTEGER) WITHOUT ROWID")
    db.executemany("INSERT INTO word VALUES (?, ?, ?)", ((w, tags.get(w), f) for w, f in freqs.items()))


def _index_name() -> str:
    from kg.lexicon import cache_key

    return f"jieba-words-{cache_key()}"


_INDEX = CachedIndex(_index_name, _fill_index)
_UNINDEXED = CachedIndex.UNAVAILABLE


@lru_cache(maxsize=1)
def _dictionary() -> tuple[dict[str, str], dict[str, int]]:
    from kg.lexicon import cached

    # One pickle for both tables shares the 350,000 words between them, and the tags are
    # interned, so it loads in about half the time of two.
    return cached("jieba-dictionary", _read_dictionary)


def _read_dictionary() -> tuple[dict[str, str], dict[str, int]]:
    jieba = jieba_module()
    tags: dict[str, str] = {}
    freqs: dict[str, int] = {}
    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2:
                freqs[parts[0]] = int(parts[1])
                if len(parts) >= 3:
                    tags[parts[0]] = sys.intern(parts[2])
    return tags, freqs


def word_tag(word: str) -> str | None:
    """jieba's dictionary part-of-speech tag for ``word``, or None if unknown.

    >>> word_tag("来到"), word_tag("北京市")
    ('v', 'ns')
    """
    return dictionary_tags().get(word)


def word_freq(word: str) -> int:
    """jieba's dictionary frequency of ``word`` (0 if unknown).

    >>> word_freq("了解") > word_freq("飞腾")
    True
    """
    return dictionary_freqs().get(word, 0)
