"""The gazetteer: its compiled key trie finds what its Aho-Corasick automaton finds; what it knows."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.lexicon import gazetteer as lexicon

pytestmark = pytest.mark.skipif(lexicon._key_trie_class() is None, reason="the compiled key trie is not built")

# Real sentences, with what strains a matcher: keys inside keys (北京, 北京市, 北京市委), keys
# running into each other, Latin letters, a character outside the Basic Multilingual Plane.
_SENTENCES = [
    "省委书记刘家义率领山东省党政代表团来到北京市学习考察，北京市委书记蔡奇陪同。",
    "国务院总理李强11日上午在京会见来华进行国事访问的马尔代夫总统穆伊兹。",
    "中共中央政治局常委、全国人大常委会委员长赵乐际在人民大会堂会见朝鲜劳动党代表团。",
    "澳大利亚总理Malcolm Turnbull与新西兰总理Jacinda Ardern通电话。",
    "𠮷野家在上海市浦东新区开了第100家门店。",
    "",
]


@pytest.fixture(scope="module")
def trie():
    return lexicon._key_trie_class()(lexicon.gazetteer()._automaton.items())


def _same(trie, text: str, start: int, end: int) -> None:
    automaton = lexicon.gazetteer()._automaton
    assert sorted(trie.find(text, start, end)) == sorted(automaton.iter(text, start, end))


@pytest.mark.parametrize("text", _SENTENCES)
def test_the_trie_finds_the_automatons_keys(trie, text):
    _same(trie, text, 0, len(text))
    _same(trie, text, 3, max(3, len(text) - 4))  # a stretch: no key reaches out of it


# Characters of the gazetteer's keys, so that random text holds keys, and a few of none.
_CHARS = st.sampled_from(list("北京市委上海浦东新区山东省党政代表团中共中央国务院总理人民大会堂马尔代夫美国澳门特别行政区")
                         + list("的了，。 a1") + ["𠮷"])


@settings(max_examples=200, deadline=None)
@given(st.text(_CHARS, max_size=40), st.integers(0, 10), st.integers(0, 10))
def test_any_text_and_stretch_give_the_same_keys(trie, text, cut_start, cut_end):
    _same(trie, text, min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end))


def test_the_gazetteer_scans_as_the_automaton_does(monkeypatch):
    text = _SENTENCES[0] + _SENTENCES[2]
    compiled = lexicon.gazetteer().scan(text)
    plain = lexicon.Gazetteer.__new__(lexicon.Gazetteer)
    plain.__setstate__(lexicon.gazetteer().__getstate__())
    monkeypatch.setenv("KG_PURE_PYTHON", "1")
    lexicon._key_trie_class.cache_clear()
    try:
        assert plain.scan(text) == compiled
        assert plain._find == plain._automaton.iter
    finally:
        monkeypatch.delenv("KG_PURE_PYTHON")
        lexicon._key_trie_class.cache_clear()


@pytest.mark.parametrize("name, level, parent", [
    ("吴江市", 3, "苏州市"),  # a county-level city, a district since 2012
    ("日喀则地区", 2, "西藏自治区"),  # a prefecture, a city since 2014
])
def test_a_division_since_abolished_is_the_division_it_was(name, level, parent):
    # older stories name divisions the division gazetteer, which carries today's, no longer has
    (entry,) = [e for e in lexicon.gazetteer().lookup(name) if e.kind == "place"]
    assert (entry.level, entry.parent, entry.category) == (level, parent, "division")
