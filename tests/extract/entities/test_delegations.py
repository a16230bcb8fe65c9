"""One delegation written several ways in an article is one entity."""

from __future__ import annotations

import pytest
from helpers import entity_mentions as mentions

from kg.extract.entities.delegations import unify_delegations
from kg.extract.spans import Span
from kg.pipeline import run
from kg.types import Document


def orgs(names: list[str]) -> list[Span]:
    spans, at = [], 0
    for name in names:
        spans.append(Span(at, at + len(name), "Organization", name, "suffix"))
        at += len(name) + 1
    return spans


@pytest.mark.parametrize("names, canonical", [
    # a short form of the owner's place, with or without 党政, names the fullest
    (["天津市党政代表团", "天津党政代表团", "天津代表团"], ["", "天津市党政代表团", "天津市党政代表团"]),
    (["安徽省宁国市党政代表团", "宁国党政代表团"], ["", "安徽省宁国市党政代表团"]),
    (["哈尔滨市政府代表团", "市政府代表团"], ["", "哈尔滨市政府代表团"]),
    # … or the place alone that opens it, the words qualifying the kind left out
    (["金华市文化经贸考察团", "金华考察团"], ["", "金华市文化经贸考察团"]),
    # no owner: the one delegation of its kind the article names
    (["党政代表团", "扬州市党政代表团"], ["扬州市党政代表团", ""]),
    # two delegations: a short name stays with its own, a name of no owner stays alone
    (["天津市党政代表团", "河北省党政代表团", "天津代表团", "党政代表团"], ["", "", "天津市党政代表团", ""]),
    # another kind is another group (a study group is not the delegation)
    (["天津市党政代表团", "天津考察团"], ["", ""]),
    # not a delegation at all
    (["百力化学有限公司", "化学有限公司"], ["", ""]),
])
def test_unify_delegations(names, canonical):
    assert [sp.attrs.canonical for sp in unify_delegations(orgs(names))] == canonical


def test_an_article_names_one_delegation_entity():
    text = ("昨天上午,市长许宗衡会见了由扬州市委书记季建业率领的党政代表团一行。"
            "昨天,扬州市党政代表团一行先后参观了高新科技园区。")
    graph = run([Document("d", text)])
    delegations = [e.name for e in graph.entities if e.type == "Organization" and e.name.endswith("代表团")]
    assert delegations == ["扬州市党政代表团"]


@pytest.mark.parametrize("text, delegation", [
    ("哈尔滨市委副书记、市长张效廉率市政府代表团先后对法国进行访问。", "哈尔滨市政府代表团"),
    ("7月1日至4日，浙江省委常委、宁波市委书记刘奇率市党政代表团到贵州考察。", "宁波市党政代表团"),
    ("山东省委书记刘家义率领省党政代表团来到北京。", "山东省党政代表团"),
    # an autonomous region's delegation, its leader's region named once elsewhere in the story
    ("新疆日报讯 自治区党委副书记、自治区主席艾尔肯·吐尼亚孜率自治区党政代表团到安徽学习考察。"
     "\n安徽省委书记郑栅洁感谢新疆的支持。", "新疆维吾尔自治区党政代表团"),
])
def test_a_delegation_named_by_its_level_alone_is_its_leaders_places(text, delegation):
    graph = run([Document("d", text)])
    names = {e.name for e in graph.entities if e.type == "Organization"}
    assert delegation in names
    assert not any(n.startswith("率") for n in names)
    assert any(r.type == "leads" and graph.entity(r.object).name == delegation for r in graph.relations)


@pytest.mark.parametrize("text, delegation", [
    # "our city's delegation" is the story's own, named in the title or by its leader's office
    ("唐山市党政代表团赴天津滨海新区学习考察\n8月30日,唐山市委书记王浩,市长丁绣峰率我市党政代表团到天津滨海新区学习考察。"
     "\n我市党政代表团先后考察了天津港。", "唐山市党政代表团"),
    ("10月10日,黑龙江省委书记许勤率我省党政代表团赴新疆学习考察。", "黑龙江省党政代表团"),
])
def test_our_citys_delegation_is_the_storys_own(text, delegation):
    graph = run([Document("d", text)])
    names = {e.name for e in graph.entities if e.type == "Organization"}
    assert delegation in names and not any(n.startswith("我") for n in names)
    assert any(r.type == "leads" and graph.entity(r.object).name == delegation for r in graph.relations)


def test_a_delegation_named_by_its_kind_alone_is_its_leaders_county():
    # 率党政代表团 after the leader's offices: the delegation of the lowest place his body names,
    # and the hosts who go with it accompany the delegation
    text = "8月4日—6日,陕西省铜川市宜君县委书记刘冲,率党政代表团来大丰区考察。区委书记薛盛堂、区长李志军陪同。"
    graph = run([Document("d", text)])
    names = {e.name for e in graph.entities if e.type == "Organization"}
    assert "宜君县党政代表团" in names and "陕西省党政代表团" not in names
    companions = {(graph.entity(r.subject).name, graph.entity(r.object).name)
                  for r in graph.relations if r.type == "accompanies"}
    assert ("薛盛堂", "宜君县党政代表团") in companions


@pytest.mark.parametrize("text, delegation", [
    # a county's short form, which jieba takes for a man's name, opens a delegation's name
    ("齐河县委书记孟令兴带领齐河党政考察团来我县参观考察。", "齐河党政考察团"),
    ("宿松党政代表团来到黄梅县。", "宿松党政代表团"),
])
def test_a_county_written_short_opens_its_delegation(text, delegation):
    assert ("Organization", delegation) in mentions(text)


def test_the_body_a_delegation_is_named_after_is_that_body_where_written_alone():
    text = ("李长春会见了由事务总长张光根率领的韩国大国家党代表团一行。"
            "此次中国共产党与韩国大国家党签署了交流合作备忘录。")
    got = mentions(text)
    assert ("Organization", "韩国大国家党") in got and ("Organization", "韩国大国家党代表团") in got
    # (a place's delegation names no body: 山东省 stays a place)
    assert ("Organization", "山东省") not in mentions("山东省党政代表团抵达。山东省发展很快。")


def test_a_level_inside_a_place_name_is_no_short_delegation():
    # 宁波市党政代表团 names its place in full: nothing to complete (and 市 is no owner of its own)
    graph = run([Document("d", "浙江省委常委、宁波市委书记刘奇率宁波市党政代表团到贵州考察。")])
    assert {e.name for e in graph.entities if e.name.endswith("代表团")} == {"宁波市党政代表团"}
