"""A body, place, person or office the document names in full and then writes short is one entity
(kg.extract.entities.short_forms, kg.extract.entities.propagate.expand_short_names)."""

from __future__ import annotations

import pytest

from kg.pipeline import analyze
from kg.resolve import merge
from kg.types import Document


def entity_names(text: str, type_: str) -> list[str]:
    """The names of the entities of one type that the document's graph holds."""
    entities, _ = merge([analyze(Document("a", text))])
    return sorted(e.name for e in entities if e.type == type_)


@pytest.mark.parametrize("text, type_, full, short", [
    # a Japanese name by its surname of two characters
    ("日本前首相安倍晋三当天发表讲话。安倍表示，日方愿同各方加强合作。", "Person", "安倍晋三", "安倍"),
    # a person by a surname and a title, and a married woman by her husband's surname and 太
    ("国家主席习近平出席仪式。仪式结束后，习主席登上福建舰。", "Person", "习近平", "习主席"),
    ("行政長官林鄭月娥今日出席活動。林太表示會聆聽市民意見。", "Person", "林郑月娥", "林太"),
    # a body or place by its standard short form (the lexicon's aliases)
    ("以色列国防军发表声明。以军表示，空袭目标是武装人员。", "Organization", "以色列国防军", "以军"),
    ("美国军舰驶经台湾海峡。这是美舰今年第三次穿越台海。", "Place", "台湾海峡", "台海"),
    ("金砖国家领导人会晤在南非举行。金砖合作机制不断深化。", "Organization", "金砖国家", "金砖"),
    # a person by the nickname written beside the name, quoted before it or in parentheses after it
    ("「長毛」梁國雄獲准隨團訪問廣東。「長毛」希望雙方能夠和解。", "Person", "梁国雄", "长毛"),
    ("想起快將82歲的李柱銘（馬丁），他們都是風雲人物。馬丁，擁有資深大律師身份。", "Person", "李柱铭", "马丁"),
    # a body by its name without its country
    ("中国外交部当天发表声明。外交部表示，将继续关注事态发展。", "Organization", "中国外交部", "外交部"),
    # a body by an abbreviation of its words
    ("选举管理委员会今日公布投票结果。选管会表示，投票率创历届新高。", "Organization", "选举管理委员会", "选管会"),
    ("黎巴嫩真主党发表声明。黎真主党表示将遵守停火协议。", "Organization", "黎巴嫩真主党", "黎真主党"),
    # a division written without its 市, where the short form is a word of its own too
    ("长春市代表团到三明市考察。在三明期间，代表团参观了当地企业。", "Place", "三明市", "三明"),
    # a state's office with the state's short and its full name
    ("加蓬共和国总统恩圭马会见中方代表。加蓬总统恩圭马表示，愿深化两国合作。", "Position", "加蓬共和国总统", "加蓬总统"),
])
def test_a_short_form_joins_the_one_full_name_of_the_document(text, type_, full, short):
    names = entity_names(text, type_)
    assert full in names and short not in names


@pytest.mark.parametrize("text, type_, placed, own", [
    # an office written after the divisions its county lies in, and without them: one office
    ("7月25号，山东省单县县委书记王永江率团考察。单县县委书记王永江表示感谢。", "Position", "山东省单县县委书记", "单县县委书记"),
    ("四川省甘孜州乡城县委常委、常务副县长张三率团考察。乡城县委常委张三表示感谢。", "Position", "四川省甘孜州乡城县委常委",
     "乡城县委常委"),
])
def test_a_name_written_after_its_divisions_and_without_them_is_one_entity(text, type_, placed, own):
    names = entity_names(text, type_)
    assert own in names and placed not in names


def test_an_office_of_a_country_is_not_its_bare_title():
    # 美国总统 and a bare 总统 are not one office written with and without divisions
    names = entity_names("美国总统特朗普发表讲话。总统表示将继续推进谈判。", "Position")
    assert "美国总统" in names


@pytest.mark.parametrize("text, type_, apart", [
    # another country's body of a name China's has (国务院 alone is China's)
    ("美国国务院当天发表声明。同日，国务院召开常务会议。", "Organization", {"美国国务院", "国务院"}),
    # a known body of its own is no abbreviation of a longer one
    ("香港大学和香港中文大学的学生参加了活动。", "Organization", {"香港大学", "香港中文大学"}),
    # a place and a kind of body, whole, is a name of its own
    ("以色列安全内阁批准协议。以色列内阁全体会议随后通过。", "Organization", {"以色列安全内阁", "以色列内阁"}),
    # a head office is a body of its own
    ("东亚银行总行今日宣布，东亚银行将调整利率。", "Organization", {"东亚银行总行", "东亚银行"}),
    # two full names share the surname: it names neither
    ("安倍晋三和夫人安倍昭惠出席晚宴。安倍致辞。", "Person", {"安倍晋三", "安倍昭惠", "安倍"}),
])
def test_a_short_form_stays_apart_where_it_is_a_name_of_its_own(text, type_, apart):
    assert apart <= set(entity_names(text, type_))


def test_a_city_a_model_read_is_the_gazetteers():
    # 福建厦门 is one word to jieba: the model reads 厦门, keyed as the rules key the city (厦门市), so
    # another article's 厦门市 is the same place
    entities, _ = merge([analyze(Document("a", "春节期间，在福建厦门，市民赏花灯。")),
                         analyze(Document("b", "记者在厦门市看到，游客明显增多。"))])
    assert len([e for e in entities if e.type == "Place" and e.name in ("厦门", "厦门市")]) == 1


def test_mrs_of_a_surname_no_married_woman_of_the_text_has_names_nobody():
    # 曾太 (Mrs. Tsang) beside 曾荫权 is his wife, whom the text does not name; 林太 beside 林郑月娥 is she
    from kg.extract.entities.propagate import expand_short_names
    from kg.extract.spans import Span

    spans = [Span(0, 3, "Person", "曾荫权", "after-title"), Span(5, 7, "Person", "曾太", "crf"),
             Span(9, 13, "Person", "林郑月娥", "crf"), Span(15, 17, "Person", "林太", "crf")]
    assert [sp.name for sp in expand_short_names(spans)] == ["曾荫权", "林郑月娥", "林郑月娥"]
