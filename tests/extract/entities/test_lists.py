"""Items of an enumeration typed from their neighbours (kg.extract.entities.lists)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.entities.lists import LIST_ITEM, type_list_items
from kg.extract.spans import Span


def known(text: str, typed: dict[str, str]) -> list[Span]:
    """Spans for the first occurrence of each name in ``typed`` (name -> type)."""
    out = []
    for name, type_ in typed.items():
        at = text.index(name)
        out.append(Span(at, at + len(name), type_, name, "test"))
    return out


@pytest.mark.parametrize("text, typed, expected", [
    # a company listed between companies
    ("扬州市党政代表团先后参观了高新科技园区以及华为、联想、大族激光等企业。",
     {"华为": "Organization", "联想": "Organization"}, {("Organization", "大族激光")}),
    # universities, the last joined by 和
    ("包括港大、中大、理大、教大和岭大。", {"港大": "Organization", "理大": "Organization"},
     {("Organization", "中大"), ("Organization", "教大"), ("Organization", "岭大")}),
    # places of a tour
    ("考察团先后到访宁波、义乌、温州等地。", {"宁波": "Place", "温州": "Place"}, {("Place", "义乌")}),
    # the tail of an item found alone is named as the whole item
    ("丁薛祥考察了沈鼓集团、北方药谷德生生物科技公司、拓荆科技公司和辽宁材料实验室。",
     {"沈鼓集团": "Organization", "药谷德生生物科技公司": "Organization", "拓荆科技公司": "Organization",
      "辽宁材料实验室": "Organization"},
     {("Organization", "北方药谷德生生物科技公司")}),
])
def test_untyped_items_take_their_neighbours_type(text, typed, expected):
    found = {(s.type, s.name) for s in type_list_items(text, known(text, typed)) if s.source == LIST_ITEM}
    assert found == expected


@pytest.mark.parametrize("text, typed", [
    # one typed item is no evidence
    ("参观了华为、展览馆等地。", {"华为": "Organization"}),
    # common nouns are not names (企业, 学校, 社区)
    ("走访了华为、联想、企业、学校和社区。", {"华为": "Organization", "联想": "Organization"}),
    # a list of mixed types says nothing of its other items
    ("出席者有华为、北京、联想、某某等。", {"华为": "Organization", "北京": "Place", "联想": "Organization"}),
    # a phrase is not a name
    ("华为、联想、中方愿与各方一道推进合作。", {"华为": "Organization", "联想": "Organization"}),
    # the first item has no clear left edge: it is left alone
    ("先后参观了高新科技园区、华为、联想。", {"华为": "Organization", "联想": "Organization"}),
])
def test_no_item_is_typed_without_evidence(text, typed):
    assert not [s for s in type_list_items(text, known(text, typed)) if s.source == LIST_ITEM]


@given(st.lists(st.sampled_from(["华为", "联想", "大族激光", "企业", "、", "和", "等", "。", "的", "北京"]),
                max_size=30))
def test_every_span_is_kept_or_named_whole_and_new_ones_are_text(parts):
    text = "".join(parts)
    spans = [Span(m.start(), m.end(), "Organization", m.group(), "test") for m in re.finditer("华为|联想", text)]
    out = type_list_items(text, spans)
    new = [s for s in out if s.source == LIST_ITEM]
    for s in spans:  # kept, or grown to the whole item it ends
        assert s in out or any(n.start < s.start and n.end == s.end for n in new)
    for s in new:
        assert text[s.start:s.end] == s.name
        assert sum(o.start < s.end and s.start < o.end for o in out) == 1  # overlaps nothing kept
