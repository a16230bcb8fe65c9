"""Pinyin from pypinyin's dictionaries, looked up on disk rather than loaded whole.

``import pypinyin`` reads its 47,000 phrases and 42,000 characters (about 0.2 s, most of a
one-article run), where an article needs the pinyin of a dozen names.  The first use builds an
SQLite index of both tables in kg's cache (:class:`kg.lexicon.CachedIndex`), pypinyin's own
readings in the style kg shows; after that a name costs a few index look-ups.  The index holds
every prefix of every phrase, so :func:`pinyin_label` cuts a name as pypinyin does (forward
maximum matching over its phrases, ``pypinyin.seg.mmseg``) and gives what
``" ".join(lazy_pinyin(name))`` gives — the tests compare the two on thousands of names.  A name
with a character the index does not know (kana, a rare Han character), or no index (a cache
folder that cannot be written), is handed to pypinyin itself.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from kg.lexicon import CachedIndex

__all__ = ["pinyin_label", "readings"]


def _index_name() -> str:
    import hashlib
    from importlib import metadata

    from kg.lexicon import cache_key

    try:
        version = metadata.version("pypinyin")
    except metadata.PackageNotFoundError:
        version = "none"
    return "pinyin-" + hashlib.sha1(f"{version}|{cache_key()}".encode()).hexdigest()[:16]


def _fill(db) -> None:
    """pypinyin's tables as kg reads them: each character's readings (tone marks, as in
    pypinyin's dictionary) and its pinyin as ``lazy_pinyin`` gives it; each phrase's pinyin,
    and whether a string is a phrase or only begins one."""
    from pypinyin import lazy_pinyin
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT, RE_HANS

    db.execute("CREATE TABLE char (code INTEGER PRIMARY KEY, plain TEXT, tones TEXT)")
    db.executemany("INSERT INTO char VALUES (?, ?, ?)",
                   ((code, lazy_pinyin(chr(code))[0], tones) for code, tones in PINYIN_DICT.items()
                    if RE_HANS.match(chr(code))))
    prefixes: dict[str, str | None] = {}
    for phrase in PHRASES_DICT:
        for i in range(2, len(phrase)):
            prefixes.setdefault(phrase[:i], None)
        prefixes[phrase] = " ".join(lazy_pinyin(phrase))
    db.execute("CREATE TABLE prefix (text TEXT PRIMARY KEY, plain TEXT) WITHOUT ROWID")
    db.executemany("INSERT INTO prefix VALUES (?, ?)", prefixes.items())


_INDEX = CachedIndex(_index_name, _fill)
_UNINDEXED = CachedIndex.UNAVAILABLE


@lru_cache(maxsize=65536)
def _char(ch: str):
    """``(plain, tones)`` of a character, None if pypinyin has no reading, :data:`_UNINDEXED`
    without an index."""
    return _INDEX.row("SELECT plain, tones FROM char WHERE code = ?", (ord(ch),))


@lru_cache(maxsize=65536)
def _prefix(text: str):
    """``(True, pinyin or None)``: ``text`` begins a phrase (and its pinyin if it is one);
    ``(False, None)`` if it begins none."""
    row = _INDEX.row("SELECT plain FROM prefix WHERE text = ?", (text,))
    return (False, None) if row is None else (True, row[0])


def _cut(run: str) -> list[str]:
    """pypinyin's pinyin of a run of Han characters it has readings for, word by word as its
    forward maximum matching (``mmseg.Seg.cut`` with ``no_non_phrases``) cuts them."""
    out: list[str] = []
    rest = run
    while rest:
        best, best_len, whole = None, 0, True
        for end in range(2, len(rest) + 1):
            begins, plain = _prefix(rest[:end])
            if not begins:
                whole = False
                break
            if plain is not None:
                best, best_len = plain, end
        if best is not None:
            out.append(best)
            rest = rest[best_len:]
        elif whole:  # all of it begins some phrase but holds none: character by character
            out.extend(_char(c)[0] for c in rest)
            break
        else:
            out.append(_char(rest[0])[0])
            rest = rest[1:]
    return out


def _pypinyin_label(name: str) -> str:
    from pypinyin import lazy_pinyin

    return " ".join(s for s in lazy_pinyin(name, errors="default") if s.strip())


@lru_cache(maxsize=65536)
def pinyin_label(name: str) -> str:
    """Pinyin of a name, syllables separated by spaces, as pypinyin's ``lazy_pinyin`` gives it.

    >>> pinyin_label("刘家义"), pinyin_label("重庆市"), pinyin_label("莱夫戴里斯·扎赫利迪斯")
    ('liu jia yi', 'chong qing shi', 'lai fu dai li si · zha he li di si')
    """
    parts: list[str] = []
    run = other = ""
    for ch in name:
        known = _char(ch)
        if known is _UNINDEXED or (known is None and unicodedata.category(ch) == "Lo"):
            return _pypinyin_label(name)  # no index, or a letter pypinyin may treat as Han
        if known is not None:
            if other:
                parts.append(other)
                other = ""
            run += ch
        else:
            if run:
                parts.extend(_cut(run))
                run = ""
            other += ch
    if run:
        parts.extend(_cut(run))
    if other:
        parts.append(other)
    return " ".join(p for p in parts if p.strip())


@lru_cache(maxsize=8192)
def readings(char: str) -> tuple[str, ...]:
    """The readings pypinyin gives a character (with tone marks), most common first; empty if
    it has none.

    >>> readings("学"), readings("行")[:2], readings("A")
    (('xué',), ('xíng', 'háng'), ())
    """
    if len(char) != 1:
        return ()
    known = _char(char)
    if known is _UNINDEXED:
        from pypinyin import Style, pinyin

        return tuple(dict.fromkeys(r for rs in pinyin(char, style=Style.TONE, heteronym=True, errors="ignore")
                                   for r in rs))
    return () if known is None else tuple(known[1].split(","))
