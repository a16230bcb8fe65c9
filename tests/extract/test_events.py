"""Events: visits, meetings, signings and forums with dates, places, roles and CAMEO codes."""

from __future__ import annotations

import pytest

from kg.extract.entities import find_mentions
from kg.extract.events import CAMEO, find_events
from kg.extract.relations import find_relations
from kg.text.normalize import normalize
from kg.text.segment import segment


def events(text: str, date: str | None = None):
    seg = segment("t", normalize(text))
    spans = find_mentions(seg)
    return find_events(seg, spans, find_relations(seg, spans), date)


def roles(ev) -> set[tuple[str, str]]:
    return {(r, s.name) for r, s in ev.roles}


def test_example_visit_event(d000_graph):
    names = {e.id: e.name for e in d000_graph.entities}
    visits = [e for e in d000_graph.entities if e.type == "Event" and e.attributes["event_type"] == "visit"]
    assert len(visits) == 1
    visit = visits[0].attributes
    assert visit["date"] == "2019-07-21/2019-07-22"
    assert names[visit["place"]] in ("北京市", "北京")
    assert visit["cameo"] == "042"
    got = {(r["role"], names[r["entity"]]) for r in visit["roles"]}
    assert {("leader", "刘家义"), ("leader", "龚正"), ("host", "蔡奇"), ("guest", "山东省党政代表团")} <= got
    signings = [e for e in d000_graph.entities if e.type == "Event" and e.attributes["event_type"] == "signing"]
    assert len(signings) == 1 and signings[0].attributes["cameo"] == "057"
    sign_roles = {(r["role"], names[r["entity"]]) for r in signings[0].attributes["roles"]}
    assert ("document", "北京市人民政府山东省人民政府战略合作框架协议") in sign_roles
    # an event's mentions point at its trigger words in the original text
    from kg.text.normalize import canonical_name

    assert {canonical_name(m.text) for m in visits[0].mentions} <= {
        "来到", "到", "陪同", "来京", "考察", "讲话", "参加", "指出", "说", "表示", "介绍", "率领"}


@pytest.mark.parametrize("text, date, event_type, expected_date", [
    ("7月3日至4日，国务院副总理丁薛祥在天津调研。", "2024-07-05", "visit", "2024-07-03/2024-07-04"),
    ("当地时间9日中午，国务院总理李强率中国党政代表团乘包机抵达平壤。", "2025-10-09", "visit", "2025-10-09"),
    ("国务院总理李强28日在京会见希腊副总理哈齐达基斯。", "2025-07-29", "meeting", "2025-07-28"),
])
def test_event_dates(text, date, event_type, expected_date):
    found = [e for e in events(text, date) if e.event_type == event_type]
    assert found and found[0].date == expected_date


def test_meeting_roles_and_cameo():
    (ev,) = [e for e in events("国务院总理李强会见希腊副总理哈齐达基斯。") if e.event_type == "meeting"]
    assert roles(ev) >= {("host", "李强"), ("guest", "哈齐达基斯")}
    assert ev.cameo == CAMEO["meeting"]
    (talks,) = [e for e in events("习近平在人民大会堂同古巴国家主席迪亚斯-卡内尔举行会谈。") if e.event_type == "meeting"]
    assert talks.cameo == CAMEO["talks"]


def test_a_meeting_read_twice_keeps_its_host_and_guest():
    """The report's second sentence reads the same meeting (在会见伍德伦时，韩正表示): one event, its
    host still the host, whichever way round the second relation names the pair."""
    text = ("国家副主席韩正25日在北京会见美国埃克森美孚公司董事长兼首席执行官伍德伦。\n"
            "在会见伍德伦时，韩正表示，双方要落实好两国元首达成的重要共识。")
    (ev,) = [e for e in events(text) if e.event_type == "meeting"]
    assert roles(ev) >= {("host", "韩正"), ("guest", "伍德伦")}
    assert not roles(ev) & {("host", "伍德伦"), ("guest", "韩正")}


def test_forum_gathers_speakers_and_attendees():
    text = "北京市委书记蔡奇在工作交流座谈会上讲话,市委副书记、市长陈吉宁参加。"
    (forum,) = [e for e in events(text) if e.event_type == "forum"]
    assert forum.name.startswith("工作交流座谈会")
    assert {("speaker", "蔡奇"), ("attendee", "陈吉宁")} <= roles(forum)


def test_no_event_without_a_relation():
    assert events("今天天气很好。") == []


def test_a_gathering_keeps_its_full_name():
    (forum,) = [e for e in events("丁薛祥在北京出席第二届中国国际供应链促进博览会开幕式并致辞。")
                if e.event_type == "forum"]
    assert forum.name == "第二届中国国际供应链促进博览会开幕式"
    assert {("attendee", "丁薛祥"), ("speaker", "丁薛祥")} <= roles(forum)
    # whom a message goes to (向…致辞) is no part of the name
    names = {e.name for e in events("国家主席习近平向中法建交60周年招待会发表视频致辞。")}
    assert "中法建交60周年招待会" in names and not any(n.startswith("习近平") for n in names)


@pytest.mark.parametrize("text, name, place", [
    # the opening ceremony of the gathering the sentence names as held is that gathering
    ("2025年中国国际服务贸易交易会9月10日在北京开幕，国务院总理李强出席开幕式并致辞。",
     "2025年中国国际服务贸易交易会", "北京"),
    # … also where a dash joins the two sides in its name (中国—东盟)
    ("2025年中国—东盟商务与投资峰会18日在南宁开幕，国务院总理李强出席开幕式并致辞。",
     "2025年中国—东盟商务与投资峰会", "南宁"),
    # a ceremony alone stays one of its own
    ("国务院总理李强出席开幕式并致辞。", "开幕式", None),
])
def test_an_unnamed_ceremony_is_the_held_gathering(text, name, place):
    (forum,) = [e for e in events(text, "2025-09-10") if e.event_type == "forum"]
    assert forum.name.startswith(name)
    assert (forum.place.name if forum.place else None) == place
    assert {("attendee", "李强"), ("speaker", "李强")} <= roles(forum)


def test_the_gathering_attended_is_the_one_the_verb_names_not_a_word_of_a_title():
    # 会议 of 最高人民会议常任委员会委员长 is no gathering held; what 出席 names is
    text = "赵乐际在平壤同朝鲜最高人民会议常任委员会委员长崔龙海会谈，并共同出席“中朝友好年”开幕式活动。"
    forums = [e for e in events(text, "2024-04-12") if e.event_type == "forum"]
    assert [e.name.split(" (")[0] for e in forums] == ["“中朝友好年”开幕式"]
    assert {("attendee", "赵乐际"), ("attendee", "崔龙海")} <= roles(forums[0])


def test_a_gathering_held_for_someone_is_named_without_him():
    text = "朴泰成到机场迎接，并为李强举行欢迎仪式。李强出席欢迎仪式。"
    names = {e.name for e in events(text) if e.event_type == "forum"}
    assert names and not any("李强" in n for n in names)


@pytest.mark.parametrize("text, name", [
    # a bare 会议 of a later sentence is the session the story named as held (a term, a body and the
    # number of its session), and so is the meeting its chair presides over (主持会议)
    ("十四届全国人大常委会第十次会议6日下午在北京人民大会堂闭幕。赵乐际委员长主持会议。\n"
     "会议听取了全国人大常委会副委员长张华作的关于检查种子法实施情况的报告。",
     "十四届全国人大常委会第十次会议"),
    # a session named before its kind of gathering (第十四届全国人民代表大会第三次会议), not the congress
    ("第十四届全国人民代表大会第三次会议5日上午在人民大会堂开幕。李强作政府工作报告。\n王沪宁等出席会议。",
     "第十四届全国人民代表大会第三次会议"),
])
def test_a_bare_meeting_is_the_session_the_story_named(text, name):
    forums = [e for e in events(text, "2025-03-06") if e.event_type == "forum"]
    assert [e.name.split(" (")[0] for e in forums] == [name]  # (its name, then its date)


def test_a_venue_named_like_a_gathering_is_none():
    # 大会 of 人民大会堂 is the venue's name, not a congress
    names = {e.name for e in events("蔡奇在人民大会堂北大厅出席欢迎仪式。") if e.event_type == "forum"}
    assert names == {"欢迎仪式"}


@pytest.mark.parametrize("text", [
    # 会议 of a member's title (立法会议员, 行政会议成员) or inside an office is no gathering the speaker is at
    "前立法會議員涂謹申批評政府。",
    "行政會議成員湯家驊表示支持。",
    "公民黨立法會議員楊岳橋質疑方案。",
    "博鳌亚洲论坛秘书长李保东表示，亚洲经济保持增长。",
])
def test_a_word_of_a_title_names_no_gathering(text):
    assert not [e for e in events(text) if e.event_type == "forum"]


def test_a_gathering_quoted_whole_is_named_without_its_quotes():
    forums = [e for e in events("政务司司长陈国基昨日出席「粤港澳大湾区发展论坛」并致辞。") if e.event_type == "forum"]
    assert [e.name for e in forums] == ["粤港澳大湾区发展论坛"]


def test_a_visit_to_a_body_alone_is_named_by_it():
    (visit,) = [e for e in events("2月2日上午，习近平来到驻天津部队，看望慰问官兵。", "2024-02-02") if e.event_type == "visit"]
    assert visit.name.startswith("习近平访问驻天津部队")
