"""kg's on-disk cache of built lexicons (``kg.lexicon.cached``)."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys

import pytest

from kg.lexicon import _build_key, cache_key, cached


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_built_once_then_read_back(cache):
    calls = []

    def build():
        calls.append(1)
        return {"山东省": ("山东省",)}

    assert cached("probe", build) == {"山东省": ("山东省",)}
    assert cached("probe", build) == {"山东省": ("山东省",)}
    assert calls == [1]
    assert (cache / f"probe-{_build_key(build)}.pickle").exists()


def test_a_new_key_removes_the_stale_ones_of_that_name_only(cache):
    stale = cache / ("probe-" + "0" * len(cache_key()) + ".pickle")
    other = cache / ("probe-tags-" + "0" * len(cache_key()) + ".pickle")
    for path in (stale, other):
        path.write_bytes(pickle.dumps("old"))
    assert cached("probe", lambda: "new") == "new"
    assert not stale.exists()
    assert other.exists()


def test_an_unreadable_cache_file_is_rebuilt(cache):
    (cache / f"probe-{_build_key(test_an_unreadable_cache_file_is_rebuilt)}.pickle").write_bytes(b"not a pickle")
    assert cached("probe", lambda: [1, 2]) == [1, 2]
    assert cached("probe", lambda: [3]) == [1, 2]


def test_the_key_follows_the_module_that_builds_the_value():
    """A change of how a value is built (its module's source) rebuilds it; the data and package
    versions (:func:`cache_key`) are in every key."""
    from kg.lexicon.gazetteer import _build as build_gazetteer
    from kg.resolve.identity import _build_places

    assert _build_key(build_gazetteer) != _build_key(_build_places)
    assert _build_key(build_gazetteer) == _build_key(build_gazetteer)
    assert len(_build_key(build_gazetteer)) == len(cache_key())


def test_a_damaged_index_is_set_aside_and_the_data_answers(cache):
    """A cached SQLite file that cannot be read (a disk filled while it was written, a copy cut
    short) never stops extraction: look-ups say the index is unavailable and callers fall back."""
    from kg.lexicon import CachedIndex
    from kg.lexicon.pinyin import _fill, _index_name

    damaged = cache / f"{_index_name()}.sqlite"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x07" * 2000)
    index = CachedIndex(_index_name, _fill)
    assert index.row("SELECT plain FROM prefix WHERE text = ?", ("重庆",)) is CachedIndex.UNAVAILABLE
    assert index.row("SELECT 1") is CachedIndex.UNAVAILABLE  # not tried again in this process
    assert not damaged.exists()  # the next process makes it again
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x07" * 2000)
    code = ("import sys; from kg.lexicon.pinyin import pinyin_label; "
            "print(pinyin_label('重庆市'), 'pypinyin' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], env={**os.environ, "KG_CACHE_DIR": str(cache)},
                         capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["chong", "qing", "shi", "True"]  # pypinyin itself answered
