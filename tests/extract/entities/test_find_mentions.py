"""The whole entity step: an article, invariants, and cases where families meet."""

from __future__ import annotations

import pytest
from helpers import entity_mentions as mentions
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.entities import find_mentions
from kg.text.normalize import normalize
from kg.text.segment import segment

# ---------------------------------------------------------------------- whole article

def test_example_article_entities(d000_graph):
    by_type: dict[str, set[str]] = {}
    for e in d000_graph.entities:
        by_type.setdefault(e.type, set()).add(e.name)
    assert {"刘家义", "龚正", "蔡奇", "陈吉宁", "李伟", "习近平", "林克庆", "崔述强", "隋振江", "王红",
            "王书坚", "孙立成", "王清宪", "王忠林", "于杰"} <= by_type["Person"]
    assert {"山东省委书记", "山东省委副书记", "山东省省长", "北京市委书记", "北京市委副书记", "北京市市长",
            "北京市人大常委会主任"} <= by_type["Position"]
    assert "北京市人民政府山东省人民政府战略合作框架协议" in by_type["Document"]
    assert "崔述" not in by_type["Person"]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("王李张刘陈省委书记市长山东北京代表团来到会见总统、，。的了和在《》法學(xué)习 ")),
               max_size=80))
def test_spans_stay_inside_the_text(text):
    seg = segment("t", normalize(text))
    for m in find_mentions(seg):
        assert 0 <= m.start < m.end <= len(seg.text)
        if m.source == "tagger":  # a name only the trained tagger found is named by what it covers
            assert m.name == seg.text[m.start:m.end]


@pytest.mark.parametrize("text, expected, wrong", [
    # the province of the cities a sentence names completes a bare 省委书记
    ("9月10日至11日，省委书记黄坤明在汕头、揭阳调研。", ("Position", "广东省委书记"), ("Position", "省委书记")),
    # a name after a full office that is neither Chinese nor a known transliteration
    ("国务院总理李强同德国总理朔尔茨举行会谈。", ("Person", "朔尔茨"), ("Person", "朔尔")),
    # a longer transliterated one up to punctuation, through a place it holds (沙特)
    ("国务院总理李强在莫斯科会见蒙古国总理赞登沙特尔。", ("Person", "赞登沙特尔"), ("Place", "沙特")),
    # but words up to punctuation are no name
    ("李强会见蒙古国总理积极开展合作。", ("Position", "蒙古国总理"), ("Person", "积极开展合作")),
    # a function word is not the first half of a two-surname name
    ("阮富仲总书记同习近平总书记达成共识。", ("Person", "习近平"), ("Person", "同习近平")),
    # jieba's unknown word 王正谱率 is a name and a verb, not part of the delegation's name
    ("河北省委副书记、省长王正谱率河北省政府代表团赴香港。", ("Organization", "河北省政府代表团"),
     ("Organization", "王正谱率河北省政府代表团")),
    # a zone named by what it is for, of modern times (现代, a time word to jieba): one name, not
    # the place that opens it
    ("邓炳强到访前海深港现代服务业合作区。", ("Place", "前海深港现代服务业合作区"), ("Place", "前海")),
])
def test_context_and_word_edges(text, expected, wrong):
    got = set(mentions(text))
    assert expected in got and wrong not in got
