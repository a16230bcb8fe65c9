"""The trained relation classifier (kg/extract/relations/learned.py) as shipped: candidates and
their features, what the model decides, and what stands whatever it says."""

from __future__ import annotations

import json

import pytest

from kg.extract.entities import find_mentions
from kg.extract.relations import find_relations, read_relations
from kg.extract.relations.learned import MODEL_PATH, candidates, model, use_model
from kg.text.normalize import normalize
from kg.text.segment import segment

pytestmark = pytest.mark.skipif(not MODEL_PATH.exists(), reason="no trained relation model in this checkout")

SITES = ("北京市政务服务中心、金融街中心大厦、北京产权交易所、北京市轨道交通指挥中心、朝阳区双井街道、"
         "北京市规划展览馆、首都博物馆、北京小米科技有限责任公司和北京字节跳动科技有限公司")


def relations(text: str) -> set[tuple[str, str, str | None]]:
    seg = segment("t", normalize(text))
    return {(f.type, f.subject.name, f.object.name if f.object is not None else None)
            for f in find_relations(seg, find_mentions(seg))}


@pytest.mark.parametrize("text, wanted, unwanted", [
    # the commonest meeting form, and the host at home visits nothing
    ("国家主席习近平在北京会见俄罗斯总统普京。", {("meets", "习近平", "普京")}, {("visits", "习近平", "北京")}),
    # a list shares its verb, however far down it the item stands
    ("山东省党政代表团到北京市学习。代表团先后来到" + SITES + "学习考察。",
     {("visits", "山东省党政代表团", "北京市政务服务中心"), ("visits", "山东省党政代表团", "首都博物馆"),
      ("visits", "山东省党政代表团", "北京字节跳动科技有限公司")},
     set()),
    # the sites a visit word lists stand whatever the model says, also after the reporter's 我区
    ("平泉市代表团到我区考察交流。考察期间，代表团一行先后深入到我区南村商贸有限公司、天津莎莎智慧餐饮有限公司、"
     "天津同仁堂集团股份有限公司参观考察，并听取了相关情况介绍。",
     {("visits", "平泉市代表团", "南村商贸有限公司"), ("visits", "平泉市代表团", "天津同仁堂集团股份有限公司")}, set()),
    # sites visited in sequence: 首先来到A…在B…随后来到C
    ("习近平首先来到十八洞村，在村委会了解情况，随后来到湘西州博物馆。",
     {("visits", "习近平", "十八洞村"), ("visits", "习近平", "湘西州博物馆")}, set()),
    # an office written against its holder's name holds by construction
    ("保安局局長鄧炳強表示，警方會嚴正執法。", {("holds_position", "邓炳强", "保安局局长")}, set()),
    # who joins an inspection accompanies its visitor and, as the annotators write it, attends
    ("李强在天津调研。陈敏尔、吴政隆参加调研。",
     {("accompanies", "陈敏尔", "李强"), ("attends", "陈敏尔", None), ("attends", "吴政隆", None)}, set()),
    # a firm the visitor goes into visits nothing itself (the town it stands in is his)
    ("李希8日至10日到河南调研。在洛阳市，李希走进洛阳轴承集团，了解企业生产情况。",
     {("visits", "李希", "洛阳轴承集团")}, {("visits", "洛阳轴承集团", "洛阳市")}),
    # meeting a man's relatives is not meeting him
    ("中共中央总书记习近平接见了江泽民同志亲属。", set(), {("meets", "习近平", "江泽民")}),
    # who goes along with a meeting's side, or takes part in it, meets neither side
    ("遵义市党政代表团到珠海市学习考察。珠海市委书记陈勇会见代表团一行，珠海市委副书记、市长黄志豪陪同考察并出席会议。",
     set(), {("meets", "黄志豪", "陈勇"), ("meets", "陈勇", "黄志豪")}),
    ("珠海市委书记陈勇会见了代表团一行，市委副书记、市长黄志豪参加会见。",
     set(), {("meets", "黄志豪", "陈勇"), ("meets", "陈勇", "黄志豪")}),
    ("国家主席习近平在人民大会堂会见法国总统马克龙，王毅参加会见。",
     {("meets", "习近平", "马克龙")}, {("meets", "习近平", "王毅"), ("meets", "王毅", "马克龙")}),
    # a meeting's partner goes to none of the places the sentence's later clauses visit; the
    # meeting's own place is his too
    ("大阪市友好访问团访问天津市。代表团在天津市与张工市长见面，出席了招待会，视察了天津港、中新天津生态城。",
     {("visits", "大阪市友好访问团", "天津市")}, {("visits", "张工", "天津港"), ("visits", "张工", "中新天津生态城")}),
    ("美国总统特朗普在白宫与中国国务委员杨洁篪见面。", {("visits", "杨洁篪", "白宫")}, set()),
    # the escort's body, inside the escort phrase, is not where the guest goes
    ("1月14日，武清区委副书记郭宝琴一行在福州市人大常委会陈奇副主任陪同下，来航考察民营企业发展情况。随后参观了锦源纺织公司。",
     {("visits", "郭宝琴", "锦源纺织公司"), ("accompanies", "陈奇", "郭宝琴")}, {("visits", "郭宝琴", "福州市人大常委会")}),
    # the short form of a side inside a gathering's name is no place the delegation goes to
    ("财政司司长王强明日率领特区政府代表团到澳门，出席第九次港澳合作高层会议。代表团同日傍晚返港。",
     {("visits", "特区政府代表团", "澳门")}, {("visits", "特区政府代表团", "香港")}),
    # … nor is a place a numbered gathering's name opens with
    ("安平省党政代表团一行今天中午抵达广州，开始为期六天的学习考察。学习考察期间，安平省党政代表团将参加第101届"
     "中国进出口商品交易会开幕活动。",
     {("visits", "安平省党政代表团", "广州")}, {("visits", "安平省党政代表团", "中国")}),
    # two sides joined by 与 right before the verb meet, a time word before 与 or not
    ("李家超昨晚與日本駐港總領事岡田健一會面。", {("meets", "李家超", "冈田健一")}, set()),
    # a type the rules decide keeps the rules' relations (both sides sign as the countries abbreviated)
    ("国家主席习近平同法国总统马克龙举行会谈。会谈后，双方签署了《中法联合声明》。",
     {("signs", "中国", "中法联合声明"), ("signs", "法国", "中法联合声明")}, set()),
])
def test_relations_as_shipped(text, wanted, unwanted):
    found = relations(text)
    assert wanted <= found
    assert not (unwanted & found)


def test_the_dead_man_a_story_mourns_attends_speaks_and_meets_nothing():
    # the model pools a man's features from every sentence of the story: none of his may be an act
    text = ("著名的社会活动家，中国人民政治协商会议第十届全国委员会副主席张克辉同志的遗体，17日在北京八宝山革命公墓火化。"
            "张克辉同志因病于2024年1月11日在北京逝世，享年96岁。"
            "张克辉同志病重期间和逝世后，习近平、李强、赵乐际等同志，前往医院看望或通过各种形式对张克辉同志逝世表示沉痛哀悼。"
            "上午9时30分许，习近平、赵乐际、王沪宁等，在哀乐声中缓步来到张克辉同志的遗体前肃立默哀，"
            "向张克辉同志的遗体三鞠躬，并与张克辉同志亲属一一握手，表示慰问。")
    found = relations(text)
    assert not {r for r in found if r[1] == "张克辉" and r[0] in ("attends", "speaks_at", "meets")}
    assert not {r for r in found if r[0] == "meets" and "张克辉" in r[1:]}


def test_a_rule_pair_is_a_candidate_with_the_rule_as_a_feature():
    seg = segment("t", normalize("国家主席习近平在北京会见俄罗斯总统普京。"))
    doc, rule_found = read_relations(seg, find_mentions(seg))
    (meet,) = [c for c in candidates(doc, rule_found) if c.type == "meets" and c.subject.name == "习近平"]
    assert meet.rule and "rule" in meet.features
    assert meet.object.name == "普京" and meet.cue.word == "会见"


@pytest.mark.parametrize("text, visitor, unnamed", [
    # a leader with a delegation the story never names: the group is no item of the sentence
    ("政务司司长陈国基率领代表团访问深圳。", "陈国基", True),
    # a delegation named before: 代表团 stands for it, and it is the visitor
    ("江苏省代表团抵达香港。方伟率领代表团访问深圳。", "方伟", False),
])
def test_a_group_the_story_never_names_is_a_feature(text, visitor, unnamed):
    seg = segment("t", normalize(text))
    doc, rule_found = read_relations(seg, find_mentions(seg))
    (visit,) = [c for c in candidates(doc, rule_found) if c.type == "visits" and c.subject.name == visitor
                and c.object.name == "深圳"]
    assert ("btw-unnamed-group" in visit.features) is unnamed


def test_each_candidate_reads_the_features_of_its_relation_in_every_sentence():
    # 李强 speaks by the sentence where he 强调; the model reads that in the other sentence's candidate too
    seg = segment("t", normalize("李强出席开幕式。李强强调，要扩大开放。王毅出席开幕式。"))
    doc, rule_found = read_relations(seg, find_mentions(seg))
    speaks = [c for c in candidates(doc, rule_found) if c.type == "speaks_at"]
    li = [c for c in speaks if c.subject.name == "李强"]
    wang = [c for c in speaks if c.subject.name == "王毅"]
    assert len(li) == 2 and wang
    own = [set(f for f in c.features if not f.startswith("u=")) for c in li]
    pooled = [set(f[2:] for f in c.features if f.startswith("u=")) for c in li]
    assert pooled[0] == pooled[1] == own[0] | own[1]
    assert "cue=强调" in pooled[0] and "cue=强调" not in own[0]
    # another man's sentences are not his
    assert not any(f == "u=cue=强调" for c in wang for f in c.features)


def test_a_relation_stands_on_the_sentences_that_state_it():
    # the model reads the relation's features from both sentences; only the first states the visit
    text = "山东省党政代表团来到北京市学习考察。代表团成员与北京市的同志深入交流。"
    seg = segment("t", normalize(text))
    visits = [f for f in find_relations(seg, find_mentions(seg))
              if f.type == "visits" and f.subject.name == "山东省党政代表团" and f.object.name == "北京市"]
    assert visits and {seg.text[f.sentence[0]:f.sentence[1]] for f in visits} == {"山东省党政代表团来到北京市学习考察。"}


def test_the_shipped_weights_are_what_the_classifier_reads():
    weights = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert weights["format"] == "kg-relations"
    for type_, m in weights["types"].items():
        assert m["use"] in ("model", "rules"), type_
        assert 0.0 < m["threshold"] < 1.0
    assert model()["types"].keys() == weights["types"].keys()


def test_without_weights_the_rules_relations_pass_through():
    text = "国务院总理李强11日上午在京会见来华进行国事访问的马尔代夫总统穆伊兹。"
    shipped = relations(text)
    use_model("/nonexistent")
    try:
        rules = relations(text)
    finally:
        use_model(None)
    assert ("meets", "李强", "穆伊兹") in rules and ("meets", "李强", "穆伊兹") in shipped


@pytest.fixture
def holds_decided_by(tmp_path):
    """Classify with the shipped weights but for holds_position, which a bias settles: every
    candidate turned down (-30) or kept (+30)."""
    def use(bias: float) -> None:
        weights = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
        weights["types"]["holds_position"].update(bias=bias, weights={}, use="model")
        path = tmp_path / f"weights{bias:+}.json"
        path.write_text(json.dumps(weights), encoding="utf-8")
        use_model(path)
    yield use
    use_model(None)


@pytest.mark.parametrize("text, holders, office", [
    ("全国政协副主席石泰峰、胡春华、沈跃跃在主席台前排就座。", ("石泰峰", "胡春华", "沈跃跃"), "全国政协副主席"),
    ("三名立法會議員梁美芬、何君堯和葛珮帆出席集會。", ("梁美芬", "何君尧", "葛珮帆"), "立法会议员"),
])
def test_a_list_of_names_after_an_office_holds_it_whatever_the_model_says(holds_decided_by, text, holders, office):
    # the office stands against the first name (by construction); the rest of the list shares it
    holds_decided_by(-30.0)
    found = relations(text)
    assert {("holds_position", name, office) for name in holders} <= found


@pytest.mark.parametrize("text, holder, not_holders, office", [
    # a head's office is the first name's alone
    ("今日報名參選的還有古物諮詢委員會主席林筱魯、謝偉俊及研究主管洪雯。", "林筱鲁", ("谢伟俊",), "古物咨询委员会主席"),
    ("左起：公民黨黨魁楊岳橋、黨主席梁家傑、郭榮鏗出席記招。", "梁家杰", ("郭荣铿",), "党主席"),
    # an office written against one name is not another's, outside a list (马克龙邀请习近平主席)
    ("法国总统马克龙邀请习近平主席出席晚宴。", "习近平", ("马克龙",), "国家主席"),
])
def test_an_office_against_one_name_is_no_one_else_s_whatever_the_model_says(holds_decided_by, text, holder,
                                                                             not_holders, office):
    holds_decided_by(30.0)
    found = relations(text)
    assert ("holds_position", holder, office) in found
    assert not {("holds_position", name, office) for name in not_holders} & found
