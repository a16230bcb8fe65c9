"""How much a string looks like a Chinese personal name.

A surname list says where a name may start; this model says whether what
follows reads as a given name.  It is estimated from jieba's own dictionary,
which ships with its part-of-speech tags: the given-name characters of the
words tagged as personal names (``nr``), against how often each character
occurs in all words.  ``振`` and ``宁`` are far more frequent in given names
than in text; ``质`` and ``边`` far less, so ``王振宁`` scores high and ``高质量``,
``周边`` low.

The model is built once per process from data kg already ships with (jieba's
dictionary), in well under a second.
"""

from __future__ import annotations

import math
import os
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["NameModel", "name_model", "given_name_score", "candidate_score", "THRESHOLD"]


@dataclass(frozen=True)
class NameModel:
    """Log ratios of a character's frequency in given names to its frequency in words."""

    ratio: dict[str, float]
    floor: float

    def given(self, chars: str) -> float:
        """Mean log ratio of the given-name characters (higher: more name-like).

        >>> m = name_model()
        >>> m.given("振宁") > 0 > m.given("质量")
        True
        """
        if not chars:
            return self.floor
        return sum(self.ratio.get(c, self.floor) for c in chars) / len(chars)


@lru_cache(maxsize=1)
def name_model() -> NameModel:
    """The process-wide model, estimated from jieba's dictionary (cached on disk)."""
    from kg.lexicon import cached

    return cached("name-model", _estimate)


def _estimate() -> NameModel:
    from kg.lexicon.gazetteer import surnames
    from kg.lexicon.jieba_dict import jieba_module

    jieba = jieba_module()

    single, double = surnames()
    in_names: Counter = Counter()
    in_words: Counter = Counter()
    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) < 3:
                continue
            word, freq, tag = parts[0], int(parts[1]), parts[2]
            for ch in word:
                in_words[ch] += freq
            if tag.startswith("nr") and 2 <= len(word) <= 4:
                if word[:2] in double:
                    given = word[2:]
                elif word[:1] in single:
                    given = word[1:]
                else:
                    continue
                for ch in given:
                    in_names[ch] += 1
    names_total = sum(in_names.values()) or 1
    words_total = sum(in_words.values()) or 1
    ratio = {}
    for ch, n in in_names.items():
        # add-one smoothing on the name side; characters seen only in names get
        # a large but bounded ratio
        p_name = (n + 1) / (names_total + len(in_names))
        p_word = (in_words.get(ch, 0) + 50) / words_total
        ratio[ch] = max(-6.0, min(6.0, math.log(p_name / p_word)))
    floor = -4.0  # a character never seen in a given name
    return NameModel(ratio, floor)


def given_name_score(chars: str) -> float:
    """Shortcut for ``name_model().given(chars)``.

    >>> given_name_score("家义") > given_name_score("边境")
    True
    """
    return name_model().given(chars)


_OPEN_LEFT = set(",.;:!?、，。；：！？()（）《》“”\"'‘’「」『』 \n\t")
#: Minimum score for a name found without any cue around it.
THRESHOLD = 2.0


def candidate_score(text: str, start: int, end: int, surname_len: int, right_strength: int) -> float:
    """Score of ``text[start:end]`` as a personal name, from its given-name
    characters, what stands left and right of it, and jieba's dictionary.

    A string the dictionary knows as an ordinary word (a non-name tag) is not a
    name; one it tags as a name but uses very often (文明) is probably not one.

    >>> t = "，刘家义表示"
    >>> candidate_score(t, 1, 4, 1, 2) > THRESHOLD > candidate_score("高质量发展", 0, 3, 1, 0)
    True
    """
    from kg.lexicon.jieba_dict import word_freq, word_tag

    word = text[start:end]
    tag = word_tag(word)
    freq = word_freq(word)
    if tag is not None and not tag.startswith("nr") and freq >= 5:
        return -99.0
    score = name_model().given(word[surname_len:])
    left = text[start - 1] if start > 0 else " "
    score += 1.0 if left in _OPEN_LEFT else (-0.2 if left == "的" else -0.6)
    if right_strength >= 2:
        score += 1.0
    elif right_strength == 1:
        score += 0.3
    else:
        score -= 1.0
    if tag is None:
        score += 0.5
    elif freq < 50:
        score += 0.5
    elif end - start <= 2 and freq >= 100:
        score -= 3.0  # a frequent two-character "name" is mostly a word jieba mis-tags (文明, 祝福)
    elif freq >= 500:
        score += 0.5  # a frequent three-character one is a famous person (邓小平)
    given = word[surname_len:]
    given_tag = word_tag(given) if len(given) >= 2 else None
    if given_tag is not None and not given_tag.startswith("nr") and word_freq(given) >= 1000:
        score -= 2.0  # 强信心: a surname character before a common word
    score += 0.3 if end - start - surname_len == 2 else -0.3
    return score
