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
    # a partner the table does not list, by the country the story names, inside a longer name too
    ("韩正会见吉布提国民议会议长迪莱塔。今年是中吉建交45周年。", {"中国", "吉布提"}),
    ("王毅会见洪都拉斯外长雷纳。王毅表示，推动中洪关系迈向更高水平。", {"中国", "洪都拉斯"}),
    ("习近平同南苏丹总统基尔会谈。两国元首同意推动中南关系不断取得新进展。", {"中国", "南苏丹"}),
    # … the longer country, where a shorter one is written only inside it (印度 of 印度尼西亚)
    ("印度尼西亚总统佐科会见王毅。双方表示，中印两国友好合作不断深化。", {"中国", "印度尼西亚"}),
    # a division named by two abbreviations, in a bilateral phrase, is the two countries
    ("巴基斯坦总理夏巴兹表示，巴中友谊历久弥坚。", {"巴基斯坦", "中国"}),
    ("沙特王储表示，中沙关系不断发展。", {"沙特", "中国"}),
    # a word that is a word of its own too (中肯), where the story names the countries
    ("肯尼亚总统鲁托表示，肯方愿同中方推进中肯全面战略合作。", {"中国", "肯尼亚"}),
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
    # 吉 is the country the story names, not the one the table lists first
    ("韩正会见吉布提国民议会议长迪莱塔。今年是中吉建交45周年。", "吉尔吉斯斯坦"),
    ("习近平同南苏丹总统基尔会谈。两国元首同意推动中南关系不断取得新进展。", "南非"),
    ("印度尼西亚总统佐科会见王毅。双方表示，中印两国友好合作不断深化。", "印度"),
    # a city the story does not name is no abbreviation's
    ("新疆昌吉市党政代表团一行来泉对接洽谈。", "泉州市"),
    ("巴基斯坦总理夏巴兹表示，巴中友谊历久弥坚。", "巴中"),
    # a word of abbreviations names places only if every character names one (爱, 欧 name several) …
    ("爱美之心，人皆有之。", "美国"),
    ("欧拉公式被誉为最美的公式。", "拉美"),
    # … of two places (美美与共 doubles one character) …
    ("各美其美，美美与共。", "美国"),
    # … and a word with a sense of its own (中肯 "to the point") only beside the countries it names
    ("全国政协委员围绕生态保护提出务实中肯的政策建议。", "肯尼亚"),
    ("他的意见非常中肯。", "中国"),
])
def test_not_abbreviation_pairs(text, wrong):
    assert wrong not in names(text, "Place")


@pytest.mark.parametrize("text, place, count", [
    # 巴以 is Palestine and Israel, whichever other 巴 the story names …
    ("巴勒斯坦总统阿巴斯和巴基斯坦总理夏巴兹先后访华。双方谈及巴以冲突。", "巴勒斯坦", 2),
    # … and never the 巴林 it names (nor Palestine where the story does not name it)
    ("王毅访问巴林。双方谈及本轮巴以冲突。", "巴林", 1),
    ("王毅访问巴林。双方谈及本轮巴以冲突。", "巴勒斯坦", 0),
    # a run with a character no country the story names begins with is no bilateral phrase, and a
    # run such a character's word cuts to one character is none either: only the full names count
    ("法国总统马克龙表示，不应破坏行政立法关系。", "法国", 1),
    ("加拿大总理表示，需要跟国内足球多加合作。", "加拿大", 1),
    ("新加坡外长表示，政府要尽快公布新协议。", "新加坡", 1),
    # a city or county the story names, by a character of its name, where a delegation travels to it
    ("新疆塔城托里县党政代表团来溪\n本溪市委书记在本溪会见了代表团。", "本溪", 2),
    ("在丰期间，宜君县党政代表团先后考察了大丰港。盐城市大丰区区长介绍情况。", "大丰区", 2),
    # … one only: a character two of its places share names neither
    ("代表团来丰考察。丰台区和大丰区负责人介绍情况。", "大丰区", 1),
    # … and only after a verb of travel
    ("丰收在望。盐城市大丰区区长介绍情况。", "大丰区", 1),
])
def test_abbreviations_counted(text, place, count):
    from helpers import entity_mentions
    assert entity_mentions(text).count(("Place", place)) == count


@pytest.mark.parametrize("text, place, wrong", [
    # a story that writes a country only by the Hong Kong press's name means it by its abbreviation
    ("中日韓三國峰會周三在東京舉行。南韓總統文在寅出席。", "南韩", "韩国"),
    # … though the mainland's name is written inside a longer place's (朝鲜 of 朝鲜半岛)
    ("北韓領袖金正恩表示，朝鮮半島無核化，並期待朝美峰會。", "北韩", "朝鲜"),
    ("澳洲總理表示，中澳關係正在改善。", "澳洲", "澳大利亚"),
    # a story that writes the mainland's name keeps it
    ("中韩两国外长会谈。韩国外长朴振表示，南韩旧称已不再使用。", "韩国", "南韩"),
])
def test_abbreviations_by_the_name_the_story_writes(text, place, wrong):
    got = names(text, "Place")
    assert place in got and wrong not in got
