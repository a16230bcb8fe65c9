"""What one finding says about the rest of a document (kg.extract.entities.propagate)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.entities.propagate import join_parenthesized_names
from kg.extract.spans import Span


def found(text: str, typed: list[tuple[str, str]]) -> list[Span]:
    """A span for every occurrence of each ``(name, type)``."""
    return sorted((Span(m.start(), m.end(), type_, name, "test") for name, type_ in typed
                   for m in re.finditer(re.escape(name), text)), key=lambda s: (s.start, s.end))


@pytest.mark.parametrize("text, typed, short, full", [
    # the short name found as an organisation's, here and later
    ("巴勒斯坦伊斯兰抵抗运动(哈马斯)发表声明。哈马斯表示将遵守协议。",
     [("巴勒斯坦伊斯兰抵抗运动", "Organization"), ("哈马斯", "Organization")], "哈马斯", "巴勒斯坦伊斯兰抵抗运动"),
    # a short name no rule found, made of the full name's characters in order
    ("亚洲相互协作与信任措施会议(亚信)第六次峰会举行。", [("亚洲相互协作与信任措施会议", "Organization")],
     "亚信", "亚洲相互协作与信任措施会议"),
])
def test_a_short_name_in_parentheses_names_the_organisation(text, typed, short, full):
    out = join_parenthesized_names(text, found(text, typed))
    shorts = [s for s in out if text[s.start:s.end] == short]
    assert shorts and all(s.name == full and s.attrs.short_form == short for s in shorts)


@pytest.mark.parametrize("text, typed", [
    # a place in parentheses qualifies the name
    ("他就读于中国石油大学(北京)。", [("中国石油大学", "Organization"), ("北京", "Place")]),
    # neither found as an organisation nor made of the name's characters
    ("世界卫生组织(日内瓦)发表声明。", [("世界卫生组织", "Organization")]),
    # inside a title the parentheses qualify the name
    ("根据《选举管理委员会(提名顾问委员会(立法会))规例》成立。",
     [("提名顾问委员会", "Organization"), ("立法会", "Organization")]),
])
def test_parentheses_that_qualify_a_name_are_left_alone(text, typed):
    spans = found(text, typed)
    assert join_parenthesized_names(text, spans) == spans


@given(st.lists(st.sampled_from(["哈马斯", "巴勒斯坦伊斯兰抵抗运动", "(", ")", "表示", "。", "北京"]), max_size=20))
def test_every_span_keeps_its_extent_and_new_ones_are_in_parentheses(parts):
    text = "".join(parts)
    spans = found(text, [("巴勒斯坦伊斯兰抵抗运动", "Organization"), ("北京", "Place")])
    out = join_parenthesized_names(text, spans)
    assert [(s.start, s.end) for s in spans] == [(s.start, s.end) for s in out if s.source == "test"]
    for s in out:
        if s.source != "test":
            assert text[s.start - 1] == "(" and text[s.end] == ")"


@given(st.lists(st.sampled_from(["司马义", "·", "铁力瓦尔地", "兰蒂", "、", "近期", "萨拉", "。"]), max_size=20))
def test_a_dotted_name_grows_over_text_and_drops_only_what_it_covers(parts):
    from kg.extract.entities.propagate import join_dotted_names

    text = "".join(parts)
    spans = found(text, [("司马义", "Person"), ("萨拉", "Person")])
    out = join_dotted_names(text, spans)
    for s in out:
        assert text[s.start:s.end] == s.name
    for s in spans:  # each person is kept, grown or covered by a grown one
        assert any(o.start <= s.start and s.end <= o.end for o in out)


@pytest.mark.parametrize("text, part, name", [
    ("陈至立、司马义·铁力瓦尔地、蒋树声", "司马义", "司马义·铁力瓦尔地"),
    # a particle before the first part is no part of the name
    ("由迈克·李执导）的艾美达·斯丹顿、《发胶》", "斯丹顿", "艾美达·斯丹顿"),
    ("他会见了阿卜杜勒·阿齐兹和随行人员", "阿卜杜勒", "阿卜杜勒·阿齐兹"),
])
def test_a_dotted_name_is_one_name(text, part, name):
    from kg.extract.entities.propagate import join_dotted_names

    out = join_dotted_names(text, found(text, [(part, "Person")]))
    assert [s.name for s in out] == [name]
