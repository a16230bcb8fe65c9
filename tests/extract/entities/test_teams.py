"""Match reports: the sides of a match are teams."""

from __future__ import annotations

import pytest
from helpers import entity_mentions as mentions
from helpers import entity_names as names

# the rule family alone: the trained tagger is measured on the test split (test_tagged.py pins it)
pytestmark = pytest.mark.usefixtures("rules_only")

# ----------------------------------------------------------------------------- teams

@pytest.mark.parametrize("text, teams", [
    # the sides of "vs" are teams anywhere
    ("本轮焦点战：切沃vs罗马。", {"切沃", "罗马"}),
    # in a match report: after a result verb, before 主场, before a record, and a list holding a side
    ("本赛季主队表现出色，上轮在主场战平拉齐奥。", {"拉齐奥"}),
    ("新赛季联赛中，霍芬海主场打弱旅很有心得。", {"霍芬海"}),
    ("两队在联赛中交锋6次，桑普3胜2平1负占优。", {"桑普"}),
    ("本赛季小组赛，他们的三个对手分别是拉齐奥、本菲卡和费耶诺德，首战主场击败本菲卡。",
     {"拉齐奥", "本菲卡", "费耶诺德"}),
    # a one-sentence report: 本场, 做客 and 不败 are enough
    ("所以本场看好阿森纳做客不败。", {"阿森纳"}),
    # a place name that is a side is a team there, wherever the report repeats it
    ("罗马本赛季主场全胜。上轮联赛，罗马客场击败米兰。", {"罗马", "米兰"}),
])
def test_teams_in_match_reports(text, teams):
    assert teams <= names(text, "Organization")
    assert not teams & (names(text, "Place") | names(text, "Person"))


@pytest.mark.parametrize("text, place", [
    # outside a match report a result verb makes no team
    ("中国人民击败了日本侵略者，意大利总统表示祝贺。", "意大利"),
    ("双方同意，两国将携手击败疫情。访问期间，他还参观了罗马。", "罗马"),
])
def test_no_teams_outside_match_reports(text, place):
    assert place in names(text, "Place")
    assert "Organization" not in {t for t, n in mentions(text) if n == place}


@pytest.mark.parametrize("text, team, wrong", [
    # a team is named by the one word before 队
    ("布莱克本队6胜10平12负处于劣势。", "布莱克本队", None),
    ("此后，切尔西队2号打入一球。", "切尔西队", None),
    # before 赛 the words name a tournament, not a team
    ("在日本举行的四国女篮邀请赛上，中国队获胜。", "中国队", "四国女篮"),
])
def test_teams_by_their_suffix(text, team, wrong):
    got = names(text, "Organization")
    assert team in got and wrong not in got


def test_people_known_by_a_cue_stay_people_beside_vs():
    text = "男单决赛：瑞士选手费德勒vs西班牙选手纳达尔。"
    assert {"费德勒", "纳达尔"} <= names(text, "Person")
    assert {"瑞士", "西班牙"} <= names(text, "Place")
    assert not names(text, "Organization")
