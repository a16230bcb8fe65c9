"""Entity recognition: each rule family pinned with small real sentences, positive and negative."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.entities import boundary_strength, find_mentions, person_name_at
from kg.text.normalize import normalize
from kg.text.segment import segment


def mentions(text: str) -> list[tuple[str, str]]:
    seg = segment("t", normalize(text))
    return [(m.type, m.name) for m in find_mentions(seg) if not m.attrs.bare]


def names(text: str, type_: str) -> set[str]:
    return {n for t, n in mentions(text) if t == type_}


# ---------------------------------------------------------------------------- people

@pytest.mark.parametrize("text, expected", [
    ("北京市领导林克庆、崔述强、隋振江、王红参加活动。", {"林克庆", "崔述强", "隋振江", "王红"}),
    ("省委书记刘家义,省委副书记、省长龚正率领代表团。", {"刘家义", "龚正"}),
    ("龚正省长出席会议。", {"龚正"}),
    ("深入贯彻习近平总书记重要讲话精神。", {"习近平"}),
    ("同来华进行国事访问的古巴国家主席迪亚斯-卡内尔举行会谈。", {"迪亚斯-卡内尔"}),
    ("会见希腊副总理哈齐达基斯。", {"哈齐达基斯"}),
    ("习近平和夫人彭丽媛为迪亚斯-卡内尔和夫人奎斯塔举行宴会。", {"习近平", "彭丽媛", "迪亚斯-卡内尔", "奎斯塔"}),
    ("石泰峰、王东峰等参加会见。", {"石泰峰", "王东峰"}),
    ("贾庆林说，两国关系发展良好。", {"贾庆林"}),
    ("候任行政長官林鄭月娥到機場。", {"林郑月娥"}),
    # a name that opens a clause before a verb of speech, also after a closing quote
    ("“这毫无帮助。”彭小军透露，截至三季末亏损扩大。", {"彭小军"}),
    # after a full title, a leader jieba's dictionary takes for a place
    ("国家主席习近平在北京会见俄罗斯总统普京。", {"习近平", "普京"}),
    # after a title that shares its first character with the body (商务部 + 部长)
    ("商务部部长王文涛会见美国商务部长雷蒙多。", {"王文涛", "雷蒙多"}),
    ("美国国防部长奥斯汀表示。", {"奥斯汀"}),
    # transliteration characters of Arabic and French names; 赖 is a surname
    ("沙特王储穆罕默德、法国总统马克龙出席峰会。", {"穆罕默德", "马克龙"}),
    ("台湾地区领导人赖清德发表讲话。", {"赖清德"}),
    # the reporters of a byline, even a name that is also a word
    ("新华社北京7月23日电（记者王姝、马力）国家主席习近平会见外宾。", {"王姝", "马力", "习近平"}),
    # after a corporate title
    ("该公司副总刘明表示，业绩向好。", {"刘明"}),
    # beside a · a part may hold a character transliteration seldom uses (珊, 葛)
    ("白宫发言人苏珊·葛林表示，会谈富有成果。", {"苏珊·葛林"}),
])
def test_people(text, expected):
    assert expected <= names(text, "Person")


@pytest.mark.parametrize("text, not_expected", [
    ("在弘扬优秀传统文化方面相互借鉴。", "弘扬"),
    ("感受到北京发展的蓬勃活力。", "蓬勃"),
    ("北京市领导林克庆、崔述强参加活动。", "崔述"),  # a fragment, not a name
    ("推动高质量发展。", "高质量"),
    ("文明城市建设取得成效。", "文明"),
    ("该校校长曾多次强调安全工作。", "曾多次"),  # 曾 "once" before an adverb is no surname
    ("市长曾亲临现场指导。", "曾亲临"),
    # a surname with a form of address names nobody (李总, 姚先生, 陈某, 老刘)
    ("主持人：谢谢李总。", "李总"),
    ("店铺负责人姚先生告诉记者，生意不错。", "姚先生"),
    ("他认识了陈某，两人合伙开店。", "陈某"),
    ("老刘告诉调解员，问题已经解决。", "老刘"),
    ("游客来到雷山县西江千户苗寨。", "苗寨"),  # a place ending, no given name
])
def test_not_people(text, not_expected):
    assert not_expected not in names(text, "Person")


@pytest.mark.parametrize("text, start, length", [
    ("龚正率领代表团", 0, 2),
    ("刘家义,省委", 0, 3),
    ("蔡奇陪同调研", 0, 2),
    ("迪亚斯-卡内尔举行会谈", 0, 7),
    ("于杰参加活动", 0, 2),
])
def test_person_name_length(text, start, length):
    assert person_name_at(text, start) == length


def test_boundary_strength_orders_evidence():
    assert boundary_strength("王红,", 2, 3) > boundary_strength("龚正率领", 2, 4) > 0


# ------------------------------------------------------------------------- positions

@pytest.mark.parametrize("text, expected", [
    ("山东省委书记刘家义讲话。", {"山东省委书记"}),
    ("北京市人大常委会主任李伟参加。", {"北京市人大常委会主任"}),
    ("中共中央政治局常委、国务院总理李强出席。", {"中共中央政治局常委", "国务院总理"}),
    ("中共中央总书记、国家主席、中央军委主席习近平指出。", {"中共中央总书记", "国家主席", "中央军委主席"}),
    ("全国人大常委会副委员长兼秘书长王晨同机抵达。", {"全国人大常委会副委员长", "全国人大常委会秘书长"}),
    ("国务委员兼国务院秘书长吴政隆等同机抵达。", {"国务委员", "国务院秘书长"}),
    ("中国驻朝鲜大使王亚军也到机场迎接。", {"中国驻朝鲜大使"}),
    ("会见由越南共产党中央政治局委员、河内市委书记丁进勇率领的代表团。",
     {"越南共产党中央政治局委员", "河内市委书记"}),
    # a body and a title sharing a character: 美国商务部 + 部长
    ("美国商务部长雷蒙多表示。", {"美国商务部部长"}),
    # a title after a holder's name and 、 is of the first title's place, not of the story's
    ("新华社乌鲁木齐8月15日电 江苏省委书记信长星、省长许昆林率江苏省党政代表团赴新疆考察。",
     {"江苏省委书记", "江苏省省长"}),
    # an autonomous region standing for its own name
    ("新疆维吾尔自治区党委书记马兴瑞会见代表团，自治区党委副书记、自治区主席艾尔肯·吐尼亚孜陪同。",
     {"新疆维吾尔自治区党委副书记", "新疆维吾尔自治区主席"}),
    # jieba's one word 交通部长 holds the body 交通部 and the title 部长; 副局长 is one title
    ("马来西亚交通部长陆兆福到机场迎接。", {"马来西亚交通部部长"}),
    ("记者采访了老河口市房产管理局副局长周富强。", {"老河口市房产管理局副局长"}),
    # the head of a body after the secretary of its party organ
    ("国务院国资委党委书记、主任张玉卓出席会议。", {"国务院国资委党委书记", "国务院国资委主任"}),
    ("商务部党组书记、部长王文涛会见外宾。", {"商务部党组书记", "商务部部长"}),
    # a title that takes the last character of a suffix (学校 in 清华大学校长)
    ("清华大学校长王希勤致辞。", {"清华大学校长"}),
    ("阿里巴巴集团董事局主席蔡崇信出席。", {"阿里巴巴集团董事局主席"}),
])
def test_positions_with_their_bodies(text, expected):
    assert expected <= names(text, "Position")


def test_abbreviated_body_completed_from_context():
    text = "山东省党政代表团到北京市学习。\n省委书记刘家义,省委副书记、省长龚正率领代表团。\n市委副书记、市长陈吉宁参加。"
    got = names(text, "Position")
    assert {"山东省委书记", "山东省委副书记", "山东省省长", "北京市委副书记", "北京市市长"} <= got


def test_a_title_inside_a_word_is_none():
    assert not [m for m in mentions("并一同出席中新双边合作联合委员会会议。") if m[0] == "Position"]


def test_bare_title_is_not_an_office():
    # a title with no body the text can supply states no office
    assert "主席" not in names("习近平主席表示，中方愿同各方合作。", "Position")


# ---------------------------------------------------------------------- organisations

@pytest.mark.parametrize("text, expected", [
    ("率领山东省党政代表团来到北京市。", "山东省党政代表团"),
    ("代表团来到亚信科技(中国)有限公司学习。", "亚信科技(中国)有限公司"),
    ("代表团来到北京字节跳动科技有限公司。", "北京字节跳动科技有限公司"),
    ("代表团来到北京市轨道交通指挥中心。", "北京市轨道交通指挥中心"),
    ("来源:大众日报", "大众日报"),
    ("据新华社报道。", "新华社"),
    ("山东省委省政府深入贯彻落实。", "山东省委"),
    ("港区妇联代表联谊会访京团一行在全国妇联座谈。", "港区妇联代表联谊会访京团"),
    # a suffix at the end of a compound word jieba does not know as a name
    ("湖北省航空公司近日开通新航线。", "湖北省航空公司"),
    ("内蒙古电管局召开会议。", "内蒙古电管局"),
    # an ordinal inside the name
    ("他曾任天津市第二中级人民法院院长。", "天津市第二中级人民法院"),
    # a suffix that extends a known name
    ("新华社香港分社举行酒会。", "新华社香港分社"),
    ("人民日报社举办论坛。", "人民日报社"),
    # jieba's dictionary knows the name as an organisation that opens with its place
    ("美国司法部发表声明。", "美国司法部"),
    # a department of a named body
    ("他毕业于北京师范大学中文系。", "北京师范大学中文系"),
    # a company, outlet or society with a Latin name
    ("该游戏由Valve公司开发。", "Valve公司"),
    # a country's armed forces, wherever the word stands
    ("该岛于1945年被美军占领。", "美军"),
    # a rare word before the suffix may be a brand
    ("代表团来到飞腾信息技术有限公司。", "飞腾信息技术有限公司"),
    # an international body named by common words
    ("国际游泳联合会官员表示。", "国际游泳联合会"),
    # a country's service of arms
    ("日本海上自卫队派出两艘护卫舰。", "日本海上自卫队"),
    ("1981年，苏联军方宣布了新一代战机。", "苏联军方"),
    # a society named after a person
    ("中国宋庆龄基金会举办活动。", "中国宋庆龄基金会"),
    # after a foreign country a body's name names that country's body
    ("他的学历未经美国教育部备案。", "美国教育部"),
    ("香港证监会昨日刊登公告。", "香港证监会"),
    # a company by its short name, or by its full name where the short one is a common word
    ("华为和腾讯发布了新产品。", "腾讯"),
    ("陈吉宁会见苹果公司首席执行官库克。", "苹果公司"),
    # a brand and its trade
    ("链家地产市场研究部认为，成交量将回升。", "链家地产"),
    # local offices, police stations, financial firms, centres with verbs and set phrases in their names
    ("泗水县政府办今年开通热线。", "泗水县政府办"),
    ("随后，朝天门派出所民警赶到现场。", "朝天门派出所"),
    ("北京市住房和城乡建设委相关负责人表示。", "北京市住房和城乡建设委"),
    ("记者致电湖南信托副总经理。", "湖南信托"),
    ("北京市福利彩票发行中心将在节日期间开奖。", "北京市福利彩票发行中心"),
    # a department of a known body, even inside one long word of jieba's
    ("公安部经济犯罪侦查局负责人表示。", "公安部经济犯罪侦查局"),
    ("工商银行总行仍在制定细则。", "工商银行总行"),
    # what jieba or the page joined to a name is left out
    ("注册管理部门虹口区教育局宣布停办。", "虹口区教育局"),
    ("该项目由林达集团投资开发。", "林达集团"),
    ("新华社北京12月5日电（记者聂云）印度海军5日宣布。", "印度海军"),
])
def test_organisations(text, expected):
    assert expected in names(text, "Organization")


@pytest.mark.parametrize("text, wrong", [
    ("创造性贯彻落实党中央决策部署。", "创造性贯彻落实党中央决策部署"),  # 部 in 部署 is no suffix
    ("感受到北京党员干部的务实作风。", "北京党员干部"),
    ("习近平听取辽宁省委和省政府工作汇报。", "习近平听取辽宁省委"),
    ("了解学院发展沿革。", "了解学院"),
    ("中国队下场打败巴西队。", "中国队下场打败巴西队"),  # a verb before a named part ends the name
    ("中国队在东京奥运会上战胜美国队。", "战胜美国队"),  # a team opens with its place
    ("彭丽媛将探访学校和老人院。", "探访学校"),
    # common words before the suffix describe a body, they do not name it
    ("只有个别银行提高了利率。", "个别银行"),
    ("他在一家外贸公司工作。", "外贸公司"),
    ("这是一家IT公司。", "IT公司"),  # a Latin word that names a trade
    ("中国钢铁产能过剩。", "中国钢铁"),  # a place and a trade: an industry
    ("全国人大会议在北京人民大会堂开幕。", "北京人民大会堂"),  # a place in a city, whatever jieba's tag
    ("国际信托的规模扩大。", "国际信托"),  # common words name no firm
    ("本周中联盟杯好不容易拼了个平局。", "联盟"),  # before 杯 or 赛: a competition
    ("登别位于北海道的西南部。", "西南部"),  # a direction, not a department
    ("塞班岛位于太平洋中心。", "太平洋中心"),  # the middle of a place
    ("注册管理部门虹口区教育局宣布停办。", "管理部门虹口区教育局"),  # a body opens with its place
    ("该项目由林达集团投资开发。", "由林达集团"),  # a preposition jieba joined to the name
    ("新华社北京12月5日电（记者聂云）印度海军5日宣布。", "(记者聂云)印度海军"),  # a byline
    # a known name that a word's 门 or 业 continues: departments and trades
    ("北京公安部门统计的数字显示。", "公安部"),
    ("中国银行业协会发布报告。", "中国银行"),
    ("他的学历未经美国教育部备案。", "教育部"),
])
def test_not_organisations(text, wrong):
    assert wrong not in names(text, "Organization")


def test_two_governments_in_one_name_are_two():
    got = names("双方签署了《北京市人民政府山东省人民政府战略合作框架协议》。", "Organization")
    assert {"北京市人民政府", "山东省人民政府"} <= got


# ----------------------------------------------------------------------------- places

@pytest.mark.parametrize("text, expected", [
    ("代表团来到北京市。", "北京市"),
    ("融入京津冀协同发展。", "京津冀"),
    ("来到朝阳区双井街道。", "朝阳区双井街道"),
    ("来到中关村国家自主创新示范区。", "中关村国家自主创新示范区"),
    ("来到绥中县明水满族乡祝家沟村。", "绥中县明水满族乡祝家沟村"),
    ("习近平抵达香港。", "香港"),
    ("北京巿的发展", "北京市"),  # a variant character
    # buildings named after people
    ("代表团参观了鲁迅纪念馆。", "鲁迅纪念馆"),
    # streets and villages, their names any words but verbs
    ("社区位于京良路南侧。", "京良路"),
    ("区域为邢州大道、祥和大街、东华路。", "东华路"),
    ("他们走访了子君村和博树村。", "子君村"),
    ("习近平来到北京市东城区前门街道草厂四条胡同。", "北京市东城区前门街道草厂四条胡同"),
    ("距离安苑小区仅300米。", "安苑小区"),
    # venues
    ("到银兴网吧吧台填写报名表。", "银兴网吧"),
    ("他来到邓小平故居。", "邓小平故居"),
])
def test_places(text, expected):
    assert expected in names(text, "Place")


@pytest.mark.parametrize("text, wrong", [
    ("结合山东实际。", "合山"),  # a county name across a word boundary
    ("推进中国特色社会主义事业。", "中国"),  # only inside a set phrase
    ("中非经贸深度合作先行区", "中非"),
    # common words name no street or village; a verb or a side ends the name
    ("探索出一条发展新路。", "发展新路"),
    ("建设社会主义新农村。", "新农村"),
    ("附近有一家大型超市。", "大型超市"),
    ("这样一个四大景区环抱之中。", "四大景区"),  # a count opens no place name
    ("南邻广福路，西靠新昆洛路。", "南邻广福路"),
    ("从西三环到京良路出口仅10公里。", "西三环到京良路"),
])
def test_not_places(text, wrong):
    assert wrong not in names(text, "Place")


def test_bilateral_abbreviations_name_both_countries():
    got = names("中国和古巴友好。中古两国关系密切。", "Place")
    assert {"中国", "古巴"} <= got
    assert "中古" not in got


@pytest.mark.parametrize("text, expected", [
    ("谈到了当前中美在亚洲的合作。", {"中国", "美国"}),  # a pair word
    ("京津两地记者举行联谊。", {"北京", "天津"}),
    ("深化内地与港澳合作。", {"香港", "澳门"}),  # 澳 beside 港 is Macao, not Australia
    ("他先后访问了美、英、法、德。", {"美国", "英国", "法国", "德国"}),  # a list of one-character words
])
def test_abbreviation_pairs_and_lists(text, expected):
    assert expected <= names(text, "Place")


@pytest.mark.parametrize("text, wrong", [
    ("坚持中西医结合。", "中国"),
    ("关心中老年人健康。", "中国"),
    ("弘扬中华优秀传统文化。", "中国"),
    ("深化内地与港澳合作。", "澳大利亚"),
    ("罗马德比战胜拉齐奥。", "德国"),  # 德比, a derby
    ("远在古罗马时代。", "古巴"),
])
def test_not_abbreviation_pairs(text, wrong):
    assert wrong not in names(text, "Place")


# -------------------------------------------------------------------------- documents

@pytest.mark.parametrize("text, expected", [
    ("双方签署了《北京市人民政府山东省人民政府战略合作框架协议》。",
     "北京市人民政府山东省人民政府战略合作框架协议"),
    ("根据国务院政府工作报告，编制规划。", "国务院政府工作报告"),
])
def test_documents(text, expected):
    assert expected in names(text, "Document")


@pytest.mark.parametrize("text, guessed", [
    # a name guessed from its shape inside the title of a film or book is part of the title
    ("这部自称中国版《阿甘正传》的电影上映了。", "阿甘"),
    ("系出同门的《萨维奇一家》当然物有所值。", "萨维奇"),
])
def test_names_inside_titles_of_works(text, guessed):
    assert guessed not in names(text, "Person")


def test_book_title_newspaper_is_an_organisation():
    got = mentions("据《明报》报道。")
    assert ("Organization", "明报") in got
    assert not any(t == "Document" for t, _ in got)


# ---------------------------------------------------------------------- whole article

def test_example_article_entities(d000_graph):
    by_type: dict[str, set[str]] = {}
    for e in d000_graph.entities:
        by_type.setdefault(e.type, set()).add(e.name)
    assert {"刘家义", "龚正", "蔡奇", "陈吉宁", "李伟", "习近平", "林克庆", "崔述强", "隋振江", "王红",
            "王书坚", "孙立成", "王清宪", "王忠林", "于杰"} <= by_type["Person"]
    assert {"山东省委书记", "山东省委副书记", "山东省省长", "北京市委书记", "北京市委副书记", "北京市市长",
            "北京市人大常委会主任"} <= by_type["Position"]
    assert "北京市人民政府山东省人民政府战略合作框架协议" in by_type["Document"]
    assert "崔述" not in by_type["Person"]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("王李张刘陈省委书记市长山东北京代表团来到、，。的了和在學(xué)习 ")),
               max_size=80))
def test_spans_stay_inside_the_text(text):
    seg = segment("t", normalize(text))
    for m in find_mentions(seg):
        assert 0 <= m.start < m.end <= len(seg.text)


def test_a_foreign_name_in_part_is_the_same_person():
    text = "赵乐际同塔吉克斯坦议会上院议长鲁斯塔姆·埃莫马利举行会谈。鲁斯塔姆表示，愿深化合作。"
    got = [m for m in find_mentions(segment("t", normalize(text))) if m.type == "Person"]
    assert {m.name for m in got} == {"赵乐际", "鲁斯塔姆·埃莫马利"}
    assert sum(1 for m in got if m.name == "鲁斯塔姆·埃莫马利") == 2


def test_unquoted_agreement_between_two_named_parties():
    text = "会谈后，赵乐际与鲁斯塔姆共同签署了中国全国人大与塔议会上院合作协议。"
    assert "中国全国人大与塔议会上院合作协议" in names(text, "Document")


@pytest.mark.parametrize("text, expected, wrong", [
    # the province of the cities a sentence names completes a bare 省委书记
    ("9月10日至11日，省委书记黄坤明在汕头、揭阳调研。", ("Position", "广东省委书记"), ("Position", "省委书记")),
    # a name after a full office that is neither Chinese nor a known transliteration
    ("国务院总理李强同德国总理朔尔茨举行会谈。", ("Person", "朔尔茨"), ("Person", "朔尔")),
    # a function word is not the first half of a two-surname name
    ("阮富仲总书记同习近平总书记达成共识。", ("Person", "习近平"), ("Person", "同习近平")),
    # jieba's unknown word 王正谱率 is a name and a verb, not part of the delegation's name
    ("河北省委副书记、省长王正谱率河北省政府代表团赴香港。", ("Organization", "河北省政府代表团"),
     ("Organization", "王正谱率河北省政府代表团")),
])
def test_context_and_word_edges(text, expected, wrong):
    got = set(mentions(text))
    assert expected in got and wrong not in got


def test_the_central_committee_of_a_foreign_party():
    text = "贾庆林会见了由中央总书记莱夫戴里斯·扎赫利迪斯率领的希腊新民主党代表团。"
    assert "希腊新民主党中央总书记" in names(text, "Position")
    assert "中共中央总书记" not in names(text, "Position")


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
