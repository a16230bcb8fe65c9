"""Country and place abbreviations: bilateral phrases, pair words, lists, fixed forms."""

from __future__ import annotations

import pytest
from helpers import entity_names as names

# the rule family alone: the trained tagger is measured on the test split (test_tagged.py pins it)
pytestmark = pytest.mark.usefixtures("rules_only")


def test_bilateral_abbreviations_name_both_countries():
    got = names("中国和古巴友好。中古两国关系密切。", "Place")
    assert {"中国", "古巴"} <= got
    assert "中古" not in got


@pytest.mark.parametrize("text, expected", [
    ("谈到了当前中美在亚洲的合作。", {"中国", "美国"}),  # a pair word
    ("京津两地记者举行联谊。", {"北京", "天津"}),
    ("深化内地与港澳合作。", {"香港", "澳门"}),  # 澳 beside 港 is Macao, not Australia
    ("他先后访问了美、英、法、德。", {"美国", "英国", "法国", "德国"}),  # a list of one-character words
    ("总统将于下周访华。", {"中国"}),  # fixed forms after a verb of travel
    ("马克龙来华访问。", {"中国"}),  # (inside a word of jieba's: 来华访问)
    ("代表团来京学习考察。", {"北京"}),
    ("海外华侨欢聚一堂。", {"中国"}),  # China's citizens abroad
    # 我国 where a visitor comes is China
    ("欢迎俄罗斯总统普京对我国进行国事访问。", {"中国"}),
    ("新加坡总理将于下月来我国访问。", {"中国"}),
    # a story of Macao (and none of Australia): 澳 beside a foreign country is Macao too
    ("澳门特区政府代表团访问葡萄牙。双方就深化澳葡合作交换意见。", {"澳门", "葡萄牙"}),
    # 卢 is Luxembourg or Rwanda: the one the story names in full (and no man is named 卢方愿)
    ("习近平会见卢旺达总统卡加梅。两国元首宣布，将中卢关系提升为全面战略伙伴关系。", {"中国", "卢旺达"}),
])
def test_abbreviation_pairs_and_lists(text, expected):
    assert expected <= names(text, "Place")


@pytest.mark.parametrize("text, wrong", [
    ("坚持中西医结合。", "中国"),
    ("关心中老年人健康。", "中国"),
    ("弘扬中华优秀传统文化。", "中国"),
    ("深化内地与港澳合作。", "澳大利亚"),
    ("澳门特区政府代表团访问葡萄牙。双方就深化澳葡合作交换意见。", "澳大利亚"),
    ("罗马德比战胜拉齐奥。", "德国"),  # 德比, a derby
    ("远在古罗马时代。", "古巴"),
    ("当地华人在唐人街聚会。", "中国"),  # people of Chinese descent, no country
    ("一名华裔学生获奖。", "中国"),
    ("华商经济论坛在曼谷举行。", "中国"),
    ("在华电石家庄鹿华热电公司，丁薛祥了解情况。", "中国"),  # 华 opens a word (华电): no 在华
    # … but not in what a guest says of his own country
    ("普京说，我国经济保持增长。", "中国"),
    # the last character of a word is no country's, though a bilateral phrase follows
    ("周三上午参加中日韩三国峰会。", "加拿大"),
    ("双方同意增加中美两国人员往来。", "加拿大"),
])
def test_not_abbreviation_pairs(text, wrong):
    assert wrong not in names(text, "Place")
