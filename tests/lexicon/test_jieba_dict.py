"""Look-ups of jieba's dictionary: from the on-disk index first, from memory after many."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from kg.lexicon import CachedIndex, jieba_dict
from kg.lexicon.jieba_dict import _Column, _dictionary

WORDS = ["北京市", "来到", "了解", "飞腾", "不是一个词语啊", "习近平", "的", ""]


@pytest.mark.parametrize("word", WORDS)
def test_the_index_answers_as_the_dictionary_does(word):
    tags, freqs = _dictionary()
    assert _Column(0).get(word) == tags.get(word)
    assert _Column(1).get(word, 0) == freqs.get(word, 0)


def test_after_many_look_ups_the_dictionary_itself_answers(monkeypatch):
    monkeypatch.setattr(jieba_dict, "EAGER_AFTER", 3)
    column = _Column(0)
    answers = [column.get(w) for w in WORDS]
    assert column.get == _dictionary()[0].get  # the dict's own method, no wrapper left
    assert answers == [_dictionary()[0].get(w) for w in WORDS]


def test_without_an_index_the_dictionary_answers(monkeypatch):
    monkeypatch.setattr(jieba_dict, "_indexed", lambda word: jieba_dict._UNINDEXED)
    assert _Column(0).get("北京市") == "ns"


def test_a_cache_folder_that_cannot_be_written_gives_no_index(tmp_path, monkeypatch):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    if os.access(folder, os.W_OK):  # root writes anywhere
        pytest.skip("this user can write to a read-only folder")
    monkeypatch.setenv("KG_CACHE_DIR", str(folder))
    index = CachedIndex(jieba_dict._index_name, jieba_dict._fill_index)
    assert index.row("SELECT 1") is CachedIndex.UNAVAILABLE


def test_a_short_run_does_not_load_the_dictionary(tmp_path):
    code = ("from kg.lexicon import jieba_dict as j\n"
            "assert j.word_tag('北京市') == 'ns' and j.word_freq('了解') > 0\n"
            "print(j._dictionary.cache_info().currsize)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"


def test_jieba_is_imported_without_pkg_resources_and_still_finds_its_data():
    code = ("import sys\n"
            "from kg.lexicon import jieba_dict as j\n"
            "tok = j.tokenizer()\n"
            "assert tok.lcut('北京市政务服务中心') and list(j.jieba_module().finalseg.cut('迪亚斯卡内尔'))\n"
            "assert 'pkg_resources' not in sys.modules\n"
            "print(j.jieba_module().__name__)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "jieba"
