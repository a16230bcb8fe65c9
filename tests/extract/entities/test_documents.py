"""Documents: 《》 quotes, unquoted agreements and plans, the titles of works."""

from __future__ import annotations

import pytest
from helpers import entity_mentions as mentions
from helpers import entity_names as names

from kg.extract.entities.documents import complete_short_documents, find_book_titles
from kg.extract.entities.sentence import SentenceView
from kg.extract.spans import Span

# the rule family alone: the trained tagger is measured on the test split (test_tagged.py pins it)
pytestmark = pytest.mark.usefixtures("rules_only")

# -------------------------------------------------------------------------- documents

@pytest.mark.parametrize("text, expected", [
    # a law written without 《》 after the name of the state (the 和 of 共和国 joins no list)
    ("全国人大常委会表决通过了中华人民共和国民营经济促进法。", "中华人民共和国民营经济促进法"),
    # a joint press communiqué named by its two countries' abbreviations
    ("随后，两国总理签署中日联合新闻公报。", "中日联合新闻公报"),
    ("双方签署了《北京市人民政府山东省人民政府战略合作框架协议》。",
     "北京市人民政府山东省人民政府战略合作框架协议"),
    ("根据国务院政府工作报告，编制规划。", "国务院政府工作报告"),
    # a verb saying what an agreement is for stays in its name
    ("北京市与天津市共建产业园区协议正式生效。", "北京市与天津市共建产业园区协议"),
    # a plan named by its quoted period
    ("西方愿同中方保持密切交往，把握中方实施“十五五”规划带来的重要机遇。", "十五五规划"),
    ("会议审议“十四五”规划纲要。", "十四五规划纲要"),
    # measures quoted are a document
    ("中共中央政治局召开会议，审议《新时代推动中部地区加快崛起的若干政策措施》。", "新时代推动中部地区加快崛起的若干政策措施"),
    # a quoted document whose kind a period in parentheses follows (…行动计划(2024—2026年))
    ("会上通过了《中国—中亚应急管理合作行动计划（2024—2026年）》。", "中国—中亚应急管理合作行动计划(2024—2026年)"),
    # a plan of two sides joined by a dash, which open its name (落实好|中国—东盟…)
    ("中方愿同东盟国家落实好中国—东盟全面战略伙伴关系行动计划。", "中国—东盟全面战略伙伴关系行动计划"),
    # an ending another one runs on from is no end (发展规划|纲要)
    ("会议通过了粤港澳大湾区发展规划纲要。", "粤港澳大湾区发展规划纲要"),
    # a joint statement named by the abbreviations of its countries, without quotes
    ("两国发表中法联合声明。", "中法联合声明"),
    # an amendment's number inside the name of an act; a regulation in a list of acts
    ("会议审议了能源法草案、刑法修正案(十二)草案和国家科学技术奖励条例。", "刑法修正案(十二)草案"),
    ("会议审议了能源法草案、刑法修正案(十二)草案和国家科学技术奖励条例。", "国家科学技术奖励条例"),
    # the act a report is about, a document of its own inside the report's name (作的关于…的报告)
    ("会议听取了副主任委员徐辉作的关于统计法修正草案审议结果的报告。", "统计法修正草案"),
    ("会议听取了副主任委员徐辉作的关于统计法修正草案审议结果的报告。", "关于统计法修正草案审议结果的报告"),
    ("会议听取了关于检查农业法实施情况的报告。", "农业法"),
    # laws in a list a verb of law names, up to what the list counts (等多部法律); a law that is a word
    ("全国人大常委会开展执法检查，涉及种子法、安全生产法等多部法律。", "种子法"),
    ("全国人大常委会开展执法检查，涉及种子法、安全生产法等多部法律。", "安全生产法"),
    # … the law whose application is checked (检查森林法实施情况), not how it is applied
    ("赵乐际率全国人大常委会执法检查组检查森林法实施情况，深入林场实地检查。", "森林法"),
    # the act after what describes it (新制定的); the constitution, a law of two characters
    ("贯彻实施新制定的法治宣传教育法，把法治宣传教育融入法治实践。", "法治宣传教育法"),
    ("要认真学习宪法，增强宪法意识。", "宪法"),
    # (two verbs in a row: the act follows the second)
    ("各级政府要认真贯彻实施宪法，维护宪法权威。", "宪法"),
    ("立法会昨日三读通过修订版权条例，授权海关加强执法。", "版权条例"),
    # a list that counts its acts, opened by 对 (no verb before it)
    ("国务院决定对城镇排水与污水处理条例、地图管理条例等5部行政法规的部分条款予以修改。", "城镇排水与污水处理条例"),
    ("国务院决定对城镇排水与污水处理条例、地图管理条例等5部行政法规的部分条款予以修改。", "地图管理条例"),
    # an agreement opened by the abbreviations of its sides, what it is about between
    ("中塞自由贸易协定将于今年7月1日生效。", "中塞自由贸易协定"),
    ("双方同意落实好中越全面合作计划。", "中越全面合作计划"),
    # a document in quotation marks after a verb that issues one
    ("香港民意研究所公布最新「市民对政府施政满意度报告」，调查于上周进行。", "市民对政府施政满意度报告"),
    # … and by its period unquoted, alone or with its field
    ("积极推动十四五规划落地见效。", "十四五规划"),
    ("全会审议十五五规划建议。", "十五五规划建议"),
    ("大会审查了十五五规划纲要草案。", "十五五规划纲要草案"),
    ("国务院办公厅印发十四五冷链物流发展规划。", "十四五冷链物流发展规划"),
    # a name that stands for one document, whatever verb comes before it
    ("纪检监察机关要忠实履行党章和宪法赋予的职责。", "党章"),
    ("纪检监察机关要忠实履行党章和宪法赋予的职责。", "宪法"),
    ("全体党员要自觉遵守党章。", "党章"),
    ("他说這違反基本法第23條。", "基本法"),
    # a charter quoted is a document (约章, as 宪章)
    ("特首競選時簽署《新聞自由約章》承諾捍衛新聞自由。", "新闻自由约章"),
    # … and a bill, an arrangement, guidelines, rules, a framework or a consensus
    ("美国总统签署《亚洲再保证倡议法案》。", "亚洲再保证倡议法案"),
    ("立法会通过《印花税修订条例草案》。", "印花税修订条例草案"),
    ("香港与广东省签署一地两检《合作安排》。", "合作安排"),
    ("卫健委发布《全区人口精准登记核实工作指南》。", "全区人口精准登记核实工作指南"),
    ("两国签署《技术合作国家计划框架》。", "技术合作国家计划框架"),
    ("各方通过《上海合作组织国家民间交往可持续发展行动共识》。", "上海合作组织国家民间交往可持续发展行动共识"),
])
def test_documents(text, expected):
    assert expected in names(text, "Document")


@pytest.mark.parametrize("text", [
    "要认真落实有关规定。",           # a verb that names only laws names no regulation
    "这一做法违反国际法。",            # a body of law, no act
    "平台推送内容由演算法决定。",       # an algorithm
    # quotation marks that quote speech, not a document someone issues
    "他说「社会有规有矩，不能追求理想便违法」。",
    "他批评「政府要有好报告」。",
    # abbreviations that open a clause, not a name (哈马斯 is a name)
    "以方称，哈马斯未按协议条款提交名单。",
    # a way of speaking, no document (a kind with too little before it)
    "为全球治理提出“中国方案”。",
    # an initiative is a policy put forward, no document (the dev gold leaves 全球发展倡议 out)
    "中方愿同各方发起“全球数据安全合作倡议”，推动数字合作。",
    "中方愿同各方落实全球发展倡议、全球安全倡议、全球文明倡议。",
    # a plan's period alone, or with a clause after it, names no plan
    "谋划十五五时期经济社会发展。",
    "十四五期间将编制规划。",
    # a body's name that opens with a standing name (宪法和法律委员会, 基本法委员会), or a longer word
    "会议听取了全国人大宪法和法律委员会的报告。",
    "基本法委员会委员谭惠珠出席。",
    "推进正规化建设的基本法规。",
])
def test_no_act_named(text):
    assert names(text, "Document") == set()


@pytest.mark.parametrize("text, wrong", [
    # a verb between the sides' abbreviations and the kind makes a clause, not a name
    ("哈萨克斯坦总统说，哈中签署互免签证协定。", "哈中签署互免签证协定"),
    # abbreviations that are a name of their own (巴西) open no agreement between sides
    ("双方出席中国共产党和巴西劳工党交流与合作协议签署仪式。", "巴西劳工党交流与合作协议"),
])
def test_no_agreement_opened_by_a_clause(text, wrong):
    assert wrong not in names(text, "Document")


@pytest.mark.parametrize("text, document, issuers", [
    # [issuer]关于…的<head>, the issuers kept as names of their own
    ("全会审议通过了中共中央关于制定国民经济和社会发展第十五个五年规划的建议。",
     "中共中央关于制定国民经济和社会发展第十五个五年规划的建议", {"中共中央"}),
    ("会议听取了国务院关于2024年度国有资产管理情况的综合报告。", "国务院关于2024年度国有资产管理情况的综合报告",
     {"国务院"}),
    # a draft keeps its mark
    ("会议审议了国务院关于修改国家科学技术奖励条例的决定（草案）。", "国务院关于修改国家科学技术奖励条例的决定(草案)",
     {"国务院"}),
    # a session that resolves opens the name too
    ("大会审议通过了十四届全国人大二次会议关于政府工作报告的决议草案。",
     "十四届全国人大二次会议关于政府工作报告的决议草案", set()),
    # a strong head needs no issuer; sides in abbreviations open the name
    ("双方发表了关于深化全面战略合作伙伴关系的联合声明。", "关于深化全面战略合作伙伴关系的联合声明", set()),
    ("双方发表了中挪关于建立绿色转型对话的联合声明。", "中挪关于建立绿色转型对话的联合声明", set()),
    # … and two countries written in full (巴西, a country's name, is no pair of abbreviations)
    ("双方发表了中华人民共和国和智利共和国关于深化全面战略伙伴关系的联合声明。",
     "中华人民共和国和智利共和国关于深化全面战略伙伴关系的联合声明", set()),
    ("中国和巴西关于加强合作的联合声明发表。", "中国和巴西关于加强合作的联合声明", set()),
    # one name per 关于: a list, and a motion that holds a draft
    ("会议审议了关于修改慈善法的决定草案、关于完善和加强备案审查制度的决定草案。",
     "关于完善和加强备案审查制度的决定草案", set()),
    ("会议审议了国务院关于提请审议关于实施渐进式延迟法定退休年龄的决定草案的议案。",
     "关于实施渐进式延迟法定退休年龄的决定草案", {"国务院"}),
])
def test_about_documents(text, document, issuers):
    assert document in names(text, "Document")
    assert issuers <= names(text, "Organization")


@pytest.mark.parametrize("text, wrong", [
    # advice given and views exchanged are no documents
    ("他提出了关于加强两国合作的建议。", "关于加强两国合作的建议"),
    ("双方就关于乌克兰问题的看法交换了意见。", "关于乌克兰问题的看法交换了意见"),
    # two items of a list are two names
    ("会议审议了关于修改慈善法的决定草案、关于完善和加强备案审查制度的决定草案。",
     "关于修改慈善法的决定草案、关于完善和加强备案审查制度的决定草案"),
    ("代表们讨论关于预算的两个决议草案。", "关于预算的两个决议草案"),
    # what is done with an act is no part of its name
    ("会议听取了关于检查农业法实施情况的报告。", "检查农业法"),
    # nor is who acts on an agreement, and what he does with it (达成, 违反)
    ("美国与加拿大达成贸易协议。", "美国与加拿大达成贸易协议"),
    ("美方希望与日本达成贸易协议。", "日本达成贸易协议"),
    ("以色列继续违反停火协议。", "以色列继续违反停火协议"),
    # a plan no name opens is none
    ("各地制定了三年行动计划。", "三年行动计划"),
    # one country alone issues no name of a document that needs an issuer
    ("美国关于对华关税的决定引发批评。", "美国关于对华关税的决定"),
])
def test_not_about_documents(text, wrong):
    assert wrong not in names(text, "Document")


@pytest.mark.parametrize("text, guessed", [
    # a name guessed from its shape inside the title of a film or book is part of the title
    ("这部自称中国版《阿甘正传》的电影上映了。", "阿甘"),
    ("系出同门的《萨维奇一家》当然物有所值。", "萨维奇"),
])
def test_names_inside_titles_of_works(text, guessed):
    assert guessed not in names(text, "Person")


@pytest.mark.parametrize("text, outlet", [
    ("据《明报》报道。", "明报"),
    # a newspaper kg knows whose name ends as a communiqué's does (公报)
    ("多間傳媒有刊登該次活動的報導，包括《大公報》等。", "大公报"),
])
def test_book_title_newspaper_is_an_organisation(text, outlet):
    got = mentions(text)
    assert ("Organization", outlet) in got
    assert not any(t == "Document" for t, _ in got)


def test_a_communique_in_book_title_marks_stays_a_document():
    assert ("Document", "中俄联合公报") in mentions("双方发表《中俄联合公报》。")


def test_unquoted_agreement_between_two_named_parties():
    text = "会谈后，赵乐际与鲁斯塔姆共同签署了中国全国人大与塔议会上院合作协议。"
    assert "中国全国人大与塔议会上院合作协议" in names(text, "Document")


# ------------------------------------------------------------------- the family, called directly

@pytest.mark.parametrize("text, expected", [
    # a study tour's agreement, named by what it is
    ("汉中巴中两市签署战略合作框架协议。", {"战略合作框架协议"}),
    ("两省签订了合作交流协议，推动长三角一体化。", {"合作交流协议"}),
    ("沙特与巴基斯坦签署共同战略防御协议。", {"共同战略防御协议"}),
    # a list of them, and one a clause before it names (双方签署的…)
    ("两市签署了全面战略合作框架协议和友好城市协议书。", {"全面战略合作框架协议", "友好城市协议书"}),
    ("按照前不久双方签署的战略合作协议，推进合作。", {"战略合作协议"}),
    # numbered orders share the kind the last one names
    ("国家主席习近平6月28日签署第六号、第七号主席令。", {"第六号主席令", "第七号主席令"}),
    # a name that opens with what the agreement is for (建立, 缔结, 深化), or holds a quoted theme
    ("郑州市与布达佩斯市签署建立友好城市关系协议书。", {"建立友好城市关系协议书"}),
    ("张效廉与市长签署了缔结友好城市协议书。", {"缔结友好城市协议书"}),
    ("中央广播电视总台与澳门特别行政区政府今天签署深化战略合作框架协议。", {"深化战略合作框架协议"}),
    ("中央广播电视总台与江苏省人民政府签署“品牌强国工程”战略合作协议。", {"“品牌强国工程”战略合作协议"}),
])
def test_agreements_named_after_a_verb_of_signing(text, expected):
    assert names(text, "Document") == expected


@pytest.mark.parametrize("text", [
    "双方签署了合作协议。",  # the kind alone
    "双方签署了保密协议。",  # the kind, a word before it
    "双方签署了10项合作协议。",  # a number of agreements
    "两国签署了超过一百项协议。",
    "中方同意签署赠送一对朱鹮的协议。",  # a description
    "四国签署支持加沙地带停火协议文件。",  # a clause (支持…), and no ending where the item ends
    "凤台县与仪征市缔结友好市县并签订合作协议。",  # a second verb inside
    "签约仪式在北京举行。",
])
def test_no_agreement_named_after_a_verb_of_signing(text):
    assert not names(text, "Document")


@pytest.mark.parametrize("text, spans, works", [
    ("双方签署了《北京市人民政府山东省人民政府战略合作框架协议》。",
     [("Document", "北京市人民政府山东省人民政府战略合作框架协议")], 0),
    ("据《人民日报》报道，观看《阿甘正传》。", [("Organization", "人民日报")], 1),   # a film is a work
])
def test_find_book_titles(text, spans, works):
    found, titles_of_works = find_book_titles(SentenceView.of(text))
    assert [(sp.type, sp.name) for sp in found] == spans
    assert len(titles_of_works) == works


@pytest.mark.parametrize("text, expected", [
    # a document quoted in part is the one named in full (a Hong Kong report of the Joint Declaration)
    ("英國遵守中英兩國正式簽訂的《中英聯合聲明》。英方指出，《聯合聲明》仍然有約束力，《聲明》落實情況要監察。",
     {"中英联合声明"}),
    # two documents that end alike stay two
    ("两国发表了《中俄联合声明》和《中蒙联合声明》。", {"中俄联合声明", "中蒙联合声明"}),
    # the full name's edition after its kind is no part of what the short name ends in
    ("协助党中央修订《党组讨论和决定党员处分事项工作程序规定（试行）》等。修订后的《规定》进一步完善了程序。",
     {"党组讨论和决定党员处分事项工作程序规定(试行)"}),
])
def test_a_document_named_in_part(text, expected):
    assert names(text, "Document") == expected


@pytest.mark.parametrize("spans, expected", [
    # a document word alone that no rule quoted names no document
    ([Span(0, 2, "Document", "声明", "tagger")], []),
    ([Span(0, 2, "Document", "条例", "tagger")], []),
    # a pointer to a document names none (本条例, 有关条例), unless a fuller name it ends is there
    ([Span(0, 3, "Document", "本条例", "tagger")], []),
    ([Span(0, 4, "Document", "有关条例", "tagger")], []),
    ([Span(0, 6, "Document", "社会保险经办条例", "book-title"), Span(9, 12, "Document", "本条例", "tagger")],
     ["社会保险经办条例", "社会保险经办条例"]),
    # quoted, it names one; 政府工作报告 names one, quoted or not
    ([Span(0, 4, "Document", "声明", "book-title")], ["声明"]),
    ([Span(0, 6, "Document", "政府工作报告", "tagger")], ["政府工作报告"]),
    # a short name that two longer ones end in is neither's
    ([Span(0, 6, "Document", "中俄联合声明", "book-title"), Span(7, 13, "Document", "中蒙联合声明", "book-title"),
      Span(14, 18, "Document", "联合声明", "book-title")], ["中俄联合声明", "中蒙联合声明", "联合声明"]),
])
def test_complete_short_documents(spans, expected):
    assert [sp.name for sp in complete_short_documents(spans)] == expected
