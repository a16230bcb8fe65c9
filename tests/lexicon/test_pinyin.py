"""Pinyin from the on-disk index of pypinyin's tables: the same answers as pypinyin itself."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.lexicon import pinyin
from kg.lexicon.pinyin import _pypinyin_label, pinyin_label, readings


@pytest.mark.parametrize("name, label", [
    ("刘家义", "liu jia yi"),
    ("重庆市", "chong qing shi"),       # a phrase: 重 read chong, not zhong
    ("长沙", "chang sha"),
    ("中国银行", "zhong guo yin hang"),  # 行 in a phrase: hang
    ("吕忠梅", "lv zhong mei"),          # ü written v, as pypinyin's default style does
    ("莱夫戴里斯·扎赫利迪斯", "lai fu dai li si · zha he li di si"),
    ("F-16战机", "F-16 zhan ji"),        # what has no pinyin stays as written
    ("〇", "ling"),
    ("", ""),
])
def test_labels(name, label):
    assert pinyin_label(name) == label


@pytest.mark.parametrize("char, expected", [
    ("学", ("xué",)),
    ("行", ("xíng", "háng", "héng", "xìng", "hàng")),
    ("A", ()),
    ("学习", ()),
])
def test_readings(char, expected):
    assert readings(char) == expected


def _phrases() -> list[str]:
    from pypinyin.constants import PHRASES_DICT

    return sorted(PHRASES_DICT)[::7]


# Han characters, phrases glued together (where forward maximum matching can go wrong), and
# what pypinyin leaves as written (·, Latin letters, digits, spaces, kana).
_PIECES = st.one_of(st.sampled_from(_phrases()), st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5),
                    st.sampled_from(["·", "-", "A", "7", " ", "〇", "ア", "々"]))


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=6).map("".join))
def test_every_name_is_labelled_as_pypinyin_labels_it(name):
    assert pinyin_label.__wrapped__(name) == _pypinyin_label(name)


@settings(max_examples=200, deadline=None)
@given(st.characters(min_codepoint=0x3000, max_codepoint=0x9FFF))
def test_readings_are_pypinyins_heteronyms(char):
    from pypinyin import Style
    from pypinyin import pinyin as pypinyin_readings

    expected = tuple(dict.fromkeys(r for rs in pypinyin_readings(char, style=Style.TONE, heteronym=True,
                                                                  errors="ignore") for r in rs))
    assert readings.__wrapped__(char) == expected


def test_without_an_index_pypinyin_answers(monkeypatch):
    monkeypatch.setattr(pinyin, "_char", lambda ch: pinyin._UNINDEXED)
    assert pinyin_label.__wrapped__("重庆市") == "chong qing shi"
    assert readings.__wrapped__("学") == ("xué",)


def test_a_short_run_never_loads_pypinyin(tmp_path):
    """Once the index is made, labels come from it: ``import pypinyin`` reads every table it has
    (a fifth of a second), the time of a whole one-article run."""
    env = {**os.environ, "KG_CACHE_DIR": str(tmp_path)}
    code = ("import sys; from kg.lexicon.pinyin import pinyin_label, readings; "
            "print(pinyin_label('重庆市'), readings('学'), 'pypinyin' in sys.modules)")
    made = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert made.stdout.split()[:2] == ["chong", "qing"]
    again = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert again.stdout.strip().endswith("False")
    assert list(tmp_path.glob("pinyin-*.sqlite"))
