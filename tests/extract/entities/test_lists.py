"""Items of an enumeration typed from their neighbours (kg.extract.entities.lists)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.entities.lists import LIST_ITEM, type_list_items, type_site_list_items
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
    # … a place's too (巴林寺 is no temple of the country 巴林 here)
    ("班禅到大昭寺、扎什伦布寺、哲蚌寺、强巴林寺、直贡梯寺等寺庙讲经传法。",
     {"扎什伦布寺": "Place", "哲蚌寺": "Place", "巴林寺": "Place", "贡梯寺": "Place"},
     {("Place", "强巴林寺"), ("Place", "直贡梯寺")}),
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
    # what concerns a place (涉港, 涉疆) is no place
    ("巴方坚定支持中方在台湾、涉藏、涉疆、涉港、南海等问题上的立场。", {"台湾": "Place", "南海": "Place"}),
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


@pytest.mark.parametrize("text, typed, expected", [
    # sites of a study tour, typed by their endings; none known to the rules
    ("考察团一行先后实地参观了九缘食品公司、五芳斋产业园、曹禺纪念馆等。", {},
     {("Organization", "九缘食品公司"), ("Place", "五芳斋产业园"), ("Place", "曹禺纪念馆")}),
    # a known name that opens an item is named whole with it
    ("代表团参观了中国汽车博物馆和北京汽车产业园。", {"中国": "Place", "北京": "Place"},
     {("Place", "中国汽车博物馆"), ("Place", "北京汽车产业园")}),
    # beside a known company, an item of common words is a site too
    ("考察团实地考察了越剧艺校、艺术村、浙江华发茶业有限公司。", {"浙江华发茶业有限公司": "Organization"},
     {("Place", "艺术村")}),
    # a known company with a word or two of its own after it is a business of it, named whole
    ("代表团先后深入上汽大众仪征分公司、腾讯云、中兴派能及化工园调研。",
     {"上汽大众仪征分公司": "Organization", "腾讯": "Organization", "中兴": "Organization"},
     {("Organization", "腾讯云"), ("Organization", "中兴派能")}),
    # a place opens an item whose ending a rule found grown short (jieba cut the brand: 百多|安)
    ("代表团先后到泰山科技馆、山东百多安生物医药科技园等地参观考察。",
     {"泰山": "Place", "山东": "Place", "生物医药科技园": "Place"},
     {("Place", "泰山科技馆"), ("Place", "山东百多安生物医药科技园")}),
    # a project visited is its site; a qualifier in parentheses and a 之 inside a name the rules found
    # do not end the list
    ("考察团先后到盖世集团(齐河)物流产业园、山东梦之旅房车有限公司、泉城欧乐堡梦幻世界建设项目、东湖综合治理项目等地参观。",
     {"盖世集团(齐河)物流产业园": "Place", "山东梦之旅房车有限公司": "Organization", "泉城": "Place"},
     {("Place", "泉城欧乐堡梦幻世界建设项目"), ("Place", "东湖综合治理项目")}),
    # … a project's name may be long (up to 22 characters)
    ("县委书记一行先后到汇源集团百万吨陈化店矿泉水生产项目、人民医院新区分院项目、河南振德医用灭菌手套生产基地项目等地观摩。",
     {"汇源集团": "Organization", "河南": "Place"},
     {("Place", "汇源集团百万吨陈化店矿泉水生产项目"), ("Place", "人民医院新区分院项目"), ("Place", "河南振德医用灭菌手套生产基地项目")}),
    # what the visitor does at the last site is no part of its name
    ("考察团来到九缘食品公司、曹禺纪念馆考察学习。", {}, {("Organization", "九缘食品公司"), ("Place", "曹禺纪念馆")}),
    # one site alone, by its ending, where the clause or the visitor's doing closes it
    ("丁薛祥来到湖南中电星河电子有限公司，调研北斗产业发展。", {"湖南": "Place"},
     {("Organization", "湖南中电星河电子有限公司")}),
    ("代表团参观了九缘食品公司。", {}, {("Organization", "九缘食品公司")}),
    ("李强来到九缘食品公司调研。", {}, {("Organization", "九缘食品公司")}),
    # an ending inside a site jieba knows whole (雨花台烈士陵园)
    ("李希来到南京雨花台烈士陵园，瞻仰烈士群雕。", {"南京": "Place"}, {("Place", "南京雨花台烈士陵园")}),
    # a sentence that opens with a site and then its visitor: a site whatever it ends with
    ("增创竞争新优势。在西安西部超导，李强察看超导线材生产线。", {"西安": "Place", "李强": "Person"},
     {("Organization", "西安西部超导")}),
    ("6日下午，在北京华卓精科科技股份有限公司，李强听取研发情况汇报。", {"北京": "Place", "李强": "Person"},
     {("Organization", "北京华卓精科科技股份有限公司")}),
])
def test_sites_listed_after_a_visit_verb_are_named(text, typed, expected):
    found = {(s.type, s.name) for s in type_site_list_items(text, known(text, typed)) if s.source == LIST_ITEM}
    assert found == expected


@pytest.mark.parametrize("text, typed", [
    # kinds of places, not sites with names
    ("习近平先后走进村养老服务驿站、党群服务中心，察看便民服务情况。", {}),
    ("深入社区、企业、科研单位、乡村和农户家中。", {}),
    # a verb's object, no list
    ("深入贯彻党中央决策部署，参观了展览。", {}),
    # one item is no list unless its ending makes it a site
    ("代表团参观了九缘风采。", {}),
    # a sentence's opening 在 that says when or in what circumstance, not where
    ("在会见伍德伦时，韩正表示欢迎。", {"伍德伦": "Person", "韩正": "Person"}),
    ("在京期间，崔世安出席了会议。", {"京": "Place", "崔世安": "Person"}),
    ("在大丰宜君扶贫协作，薛盛堂表示感谢。", {"薛盛堂": "Person"}),
    # a company and the part of its grounds seen: the visit is the company's (the rules name it)
    ("在南京钢铁集团有限公司智能工厂，李希察看生产。", {"南京钢铁集团有限公司": "Organization", "李希": "Person"}),
    # no visitor after the comma
    ("在西安西部超导，记者看到生产线。", {"西安": "Place"}),
    # a place that opens an item with a word after it names no business (北京经济 is no site)
    ("代表团深入北京经济、天津文化调研。", {"北京": "Place", "天津": "Place"}),
    # what the visitor does after the last site is no business of its company (…有限公司调研)
    ("李强先后来到国家电网公司、中国电子科技集团有限公司调研。",
     {"国家电网公司": "Organization", "中国电子科技集团有限公司": "Organization"}),
])
def test_no_site_is_named_without_a_visit_that_puts_one_there(text, typed):
    assert not [s for s in type_site_list_items(text, known(text, typed)) if s.source == LIST_ITEM]


def test_an_item_with_a_name_inside_that_does_not_open_it_is_left_to_the_rules():
    text = "考察团参观了南湖区五芳斋产业园、曹禺纪念馆。"
    out = type_site_list_items(text, known(text, {"五芳斋产业园": "Place"}))
    assert {s.name for s in out} == {"五芳斋产业园", "曹禺纪念馆"}


@given(st.lists(st.sampled_from(["参观了", "九缘食品公司", "北京", "产业园", "艺术村", "、", "和", "等", "。", "的"]),
                max_size=30))
def test_site_items_are_text_and_overlap_nothing_kept(parts):
    text = "".join(parts)
    spans = [Span(m.start(), m.end(), "Place", m.group(), "test") for m in re.finditer("北京", text)]
    out = type_site_list_items(text, spans)
    for s in (s for s in out if s.source == LIST_ITEM):
        assert text[s.start:s.end] == s.name
        assert sum(o.start < s.end and s.start < o.end for o in out) == 1
