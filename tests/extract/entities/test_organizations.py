"""Organisations: known bodies, names grown back from a suffix, bodies described rather than named."""

from __future__ import annotations

import pytest
from helpers import entity_mentions as mentions
from helpers import entity_names as names

from kg.extract.entities.organizations import find_known_orgs, trim_glued_organizations
from kg.extract.entities.sentence import SentenceView
from kg.extract.entities.suffixed import find_suffixed_names
from kg.extract.spans import Span

# the rule family alone: the trained tagger is measured on the test split (test_tagged.py pins it)
pytestmark = pytest.mark.usefixtures("rules_only")

# ---------------------------------------------------------------------- organisations

@pytest.mark.parametrize("text, expected", [
    ("率领山东省党政代表团来到北京市。", "山东省党政代表团"),
    ("中国第42次南极考察队从上海出发。", "中国第42次南极考察队"),  # the expedition's number joins its country
    ("代表团来到亚信科技(中国)有限公司学习。", "亚信科技(中国)有限公司"),
    ("代表团来到北京字节跳动科技有限公司。", "北京字节跳动科技有限公司"),
    # the government of a foreign city the gazetteer does not know, where jieba writes 市政府 as one
    # word (沃洛格达|市政府) or the name as two (科斯特|罗马|市政府), after its country or in a list
    ("代表团走访了俄罗斯沃洛格达市政府。", "俄罗斯沃洛格达市政府"),
    ("代表团走访了俄罗斯科斯特罗马市政府。", "俄罗斯科斯特罗马市政府"),
    ("代表团走访了瑞典延雪平市政府和林克平市政府。", "林克平市政府"),
    # a legislature's inspection group
    ("赵乐际率全国人大常委会执法检查组检查森林法实施情况。", "全国人大常委会执法检查组"),
    # a longer suffix inside a word jieba made (科技股份|有限公司) gives way to the one that starts a word
    ("代表团考察了福州新大陆科技股份有限公司。", "福州新大陆科技股份有限公司"),
    ("代表团考察了宁德时代新能源科技股份有限公司、厦门国际航运中心。", "宁德时代新能源科技股份有限公司"),
    # two countries or regions joined by a dash open a name (中国－东盟, China–ASEAN)
    ("习近平考察了位于南宁市的中国－东盟信息港股份有限公司。", "中国-东盟信息港股份有限公司"),
    # … and two places joined by a middle dot (the tagger reads this one as a place, as annotators do)
    ("宁波市党政代表团参观了北京·贵阳大数据应用展示中心。", "北京·贵阳大数据应用展示中心"),
    ("代表团来到北京市轨道交通指挥中心。", "北京市轨道交通指挥中心"),
    ("黄坤明陪同李强考察了松山湖材料实验室。", "松山湖材料实验室"),
    # jieba glues 与 to the end of one name (改革委与|老挝…): the name after it is a name of its own
    ("国家发展改革委与老挝计划投资部签署了备忘录。", "老挝计划投资部"),
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
    # the homes, kindergartens and clinics a visit goes to
    ("李强首先来到杏花岭区中心敬老院。", "杏花岭区中心敬老院"),
    ("代表团走访了兴义市坪东幼儿园。", "兴义市坪东幼儿园"),
    ("他在柳林镇中心卫生院了解基层医疗情况。", "柳林镇中心卫生院"),
    # a unit of the armed forces by its number or its station, with the force it belongs to
    ("中央军委主席签署通令，给中国人民解放军63920部队记一等功。", "中国人民解放军63920部队"),
    ("国防部长视察中国人民解放军驻香港部队。", "中国人民解放军驻香港部队"),
    # a country's side (美方, 中方: a measure word and a direction to jieba) opens its delegation
    ("国家副主席在北京会见美方代表团。", "美方代表团"),
    ("中方代表团抵达会场。", "中方代表团"),
    # a students' union, a federation of associations, a sub-group of a delegation, a school (书院)
    ("港大学生会发表声明，批评校方。", "港大学生会"),
    ("香港福建社团总会主席出席活动。", "香港福建社团总会"),
    ("李干杰带领昌都分团来到卡若区调研。", "昌都分团"),
    ("他毕业于拔萃男书院，后赴英国升学。", "拔萃男书院"),
    # a body kg knows by its short form
    ("支联会今日宣布解散。", "支联会"),
    # the outlet a web page credits on a line of its own, or on the next line, or before its next credit
    ("代表团考察了当地企业。\n来源：云上潜江\n编辑：李明", "云上潜江"),
    ("代表团考察了当地企业。\n来源:\n康巴红新龙\n作者:", "康巴红新龙"),
    ("代表团考察了当地企业。\n来源: 永平之声  作者:王平", "永平之声"),
    # a company named by its brand and its trade (家私, 家具, 电器, 制药, 光电)
    ("考察团参观了好迪家私、泓豪家具等企业。", "好迪家私"),
    ("考察团参观了好迪家私、泓豪家具等企业。", "泓豪家具"),
    ("代表团考察了中云创光电。", "中云创光电"),
    # a company by its brand and trade, where a visit lists it
    ("考察团先后参观了九缘食品、中伦纺织等企业。", "九缘食品"),
    ("李强先后来到思谋信息、迈瑞医疗，了解企业创新情况。", "思谋信息"),
    # a school named by two fields joined by 与 or 及
    ("代表团参观了将军澳消防及救护学院。", "将军澳消防及救护学院"),
    ("他是复旦大学国际关系与公共事务学院教授。", "复旦大学国际关系与公共事务学院"),
    ("他是布里斯托大學醫科及牙科學院教授。", "布里斯托大学医科及牙科学院"),  # (医科|及牙|科学院)
    # a department named by the fields it covers, joined by 和, 与 or 及 (and a third by 、)
    ("扬州市文化广电和旅游局局长出席。", "扬州市文化广电和旅游局"),
    ("全国人大宪法和法律委员会主任委员作说明。", "全国人大宪法和法律委员会"),
    ("新加坡数码发展与新闻部部长出席。", "新加坡数码发展与新闻部"),
    ("立法会司法及法律事务委员会主席表示。", "立法会司法及法律事务委员会"),
    ("湖州市农业农村和水利局副局长介绍情况。", "湖州市农业农村和水利局"),
    ("伊朗工业、矿业和贸易部副部长阿里出席。", "伊朗工业、矿业和贸易部"),
    # … which opens with 国家 (or the country before it) where it is a national one
    ("国家防总办公室、应急管理部会同国家粮食和物资储备局连续向天津紧急调运。", "国家粮食和物资储备局"),
    ("中央广播电视总台联合法国国家奥林匹克和体育委员会举办活动。", "法国国家奥林匹克和体育委员会"),
    ("中央广播电视总台携手西班牙文化和体育部举办活动。", "西班牙文化和体育部"),  # … or with its country
    # a deed's verb between two places is no part of the name; nor a body's kind alone before it
    ("并举行了宁波援建兴义高级职业中学高科技楼开工奠基仪式。", "兴义高级职业中学"),
    ("在公司上海飞机设计研究院，代表团成员考察了航电实验室。", "上海飞机设计研究院"),
    # … but a common verb after a place may be of the name
    ("肯尼亚联合民主同盟邀请中共代表团访问。", "肯尼亚联合民主同盟"),
    ("苏州工业园区联合协调理事会第二十五次会议召开。", "苏州工业园区联合协调理事会"),
    # a group of an office's holders is named by the office (…议员代表团), also one jieba cuts (执行|董事)
    ("王毅会见美国国会议员代表团。", "美国国会议员代表团"),
    ("丁薛祥会见亚洲开发银行执行董事访问团。", "亚洲开发银行执行董事访问团"),
    # a body of elsewhere named like one of Hong Kong's (发展局, 民政局) opens with its own place
    ("他考察了海南国际经济发展局。", "海南国际经济发展局"),
    ("他走访了南通市民政局。", "南通市民政局"),
    # a firm listed as a site by its trade (微电子, a word of jieba's that holds the trade 电子)
    ("考察团一行实地观摩了山东晶导微电子、曲阜植物园等项目现场。", "山东晶导微电子"),
    # a travel agency, whose trade name may hold words of time (天天, 假期)
    ("衢州天天假期旅行社与湖北万通缘集团签署合作协议。", "衢州天天假期旅行社"),
    # a firm's numbered unit (a bureau of a builder, 十四局) is part of its name
    ("中铁十四局集团有限公司董事长王强出席。", "中铁十四局集团有限公司"),
    ("中国一冶集团与当地政府签约。", "中国一冶集团"),
])
def test_organisations(text, expected):
    assert expected in names(text, "Organization")


@pytest.mark.parametrize("text, wrong", [
    ("创造性贯彻落实党中央决策部署。", "创造性贯彻落实党中央决策部署"),  # 部 in 部署 is no suffix
    ("感受到北京党员干部的务实作风。", "北京党员干部"),
    ("习近平听取辽宁省委和省政府工作汇报。", "习近平听取辽宁省委"),
    ("了解学院发展沿革。", "了解学院"),
    # … but no name opens with a number (三家, 两 counted firms)
    ("该市两公司宣布合并。", "两公司"),
    ("中国队下场打败巴西队。", "中国队下场打败巴西队"),  # a verb before a named part ends the name
    ("中国队在东京奥运会上战胜美国队。", "战胜美国队"),  # a team opens with its place
    ("彭丽媛将探访学校和老人院。", "探访学校"),
    # … but two bodies joined by 和 or 及 are two, and so are a group and its office
    ("国家发改委和财政部联合发文。", "国家发改委和财政部"),
    ("省教育厅和财政厅联合发文。", "省教育厅和财政厅"),
    ("中央主题教育领导小组及办公室召开会议。", "中央主题教育领导小组及办公室"),
    ("国家防总办公室、应急管理部会同国家粮食和物资储备局连续向天津紧急调运。", "应急管理部会同国家粮食和物资储备局"),
    ("香港记者住所及办公室被搜查。", "香港记者住所及办公室"),
    ("立法会大会及全体委员会通过议案。", "立法会大会及全体委员会"),
    ("联合国机构及多国大使馆遭袭。", "联合国机构及多国大使馆"),
    ("身兼港铁董事局成员、运输及房屋局局长陈帆率领多名官员。", "港铁董事局成员、运输及房屋局"),
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
    ("旁為陳永棋(左)及廠商會會長李秀恒。", "及厂商会"),  # … or a conjunction (及厂|商会)
    ("立法會(huì )議員和特區政府財經(jīng)事務(wù)及庫務(wù)局局長(cháng)馬時(shí)亨出席。", "财经事务及库务局局"),  # 局长
    ("新华社北京12月5日电（记者聂云）印度海军5日宣布。", "(记者聂云)印度海军"),  # a byline
    # a known name that a word's 门 or 业 continues: departments and trades
    ("北京公安部门统计的数字显示。", "公安部"),
    ("中国银行业协会发布报告。", "中国银行"),
    ("他的学历未经美国教育部备案。", "教育部"),
    # a word jieba reads with a title at its end (市委书记) is no part of a body's name
    ("宁波市委书记彭佳学会见了代表团一行。", "宁波市委书记彭佳学会"),
    ("乡镇都有一所中心卫生院。", "一所中心卫生院"),
    # a leader's last character that jieba glued to 率 (黄焕|利率|象山代表团) opens no delegation
    ("县委副书记、县长黄焕利率象山代表团赴龙井市考察。", "利率象山代表团"),
    # a man's name before a mayor's title is no city's (张三和李四市长)
    ("代表团会见了张三和李四市长。", "李四市"),
    # the shorter suffix (有限公司) of a longer one inside a word, where no known name opens the name:
    # the rules leave it to the models rather than cut it at the word
    ("丁薛祥前往正泰智能电气西北产业园、隆基绿能科技股份有限公司和西北有色金属研究院调研。", "科技股份有限公司"),
    # troops a word describes are no unit; the other side's delegation names no one
    ("保安部队向人群开火。", "保安部队"),
    ("对方代表团提前离开。", "对方代表团"),
    # a word jieba guessed with 为 at its end (右一为, 杨宪宏为) opens no name
    ("图为会议现场，右一为代表团团长、外交部副部长乐玉成。", "右一为代表团"),
    ("创会会长杨宪宏为台湾关怀中国人权联盟的代表。", "杨宪宏为台湾关怀中国人权联盟"),
    # a part of a region jieba tags as a body (中东部: its middle and east)
    ("新一轮冷空气来袭，中东部将有4到6摄氏度降温。", "中东部"),
    # a known body whose name runs into an exhibition's names the show, not the body
    ("总理参观调研中国建筑科技展。", "中国建筑"),
    # a trade after a word names a company only as a site of a visit (九缘食品 above), not what is done
    ("要发展高质量科技，推动新能源汽车等产业。", "发展高质量科技"),
    ("重点发展高端装备、生物医药、节能环保、新能源汽车等产业。", "新能源汽车"),
    ("习近平在视察信息支援部队时强调。", "信息"),
    ("引导金融资本投早、投小、投长期、投硬科技。", "投硬科技"),  # a list, but of no sites
    # a verb or a demonstrative glued to a name's opening; a list's 等 and the generic word after it
    ("并举行了宁波援建兴义高级职业中学高科技楼开工奠基仪式。", "宁波援建兴义高级职业中学"),
    ("在公司上海飞机设计研究院，代表团成员考察了航电实验室。", "公司上海飞机设计研究院"),
    ("辽宁考察团在沈阳市期间，更获该省政协主席夏德仁会见。", "获该省政协"),
    ("经贸团还拜访了台湾区电机电子工业协会等商协会。", "台湾区电机电子工业协会等商协会"),
    # … but a title before a verb of leading is its holder's, no part of the group he leads
    ("省委书记张三率代表团访问。", "书记张三率代表团"),
    ("市长李四带领经贸代表团访问。", "市长李四带领经贸代表团"),
    # … but Hong Kong's own bodies keep their names (北角: where the commission's office is)
    ("冯检基到北角廉政公署报到。", "北角廉政公署"),
])
def test_not_organisations(text, wrong):
    assert wrong not in names(text, "Organization")


def test_two_governments_in_one_name_are_two():
    got = names("双方签署了《北京市人民政府山东省人民政府战略合作框架协议》。", "Organization")
    assert {"北京市人民政府", "山东省人民政府"} <= got


# ------------------------------------------------------------------ the families, called directly

@pytest.mark.parametrize("text, expected", [
    ("参观北京市轨道交通指挥中心。", ["北京市轨道交通指挥中心"]),   # grown back over name material
    ("亚信科技(中国)有限公司", ["亚信科技(中国)有限公司"]),         # parentheses inside a name
    ("个别银行违规。", []),                                        # described, not named
])
def test_find_suffixed_names(text, expected):
    assert [sp.name for sp in find_suffixed_names(SentenceView.of(text))] == expected


@pytest.mark.parametrize("text, expected", [
    ("国务院总理李强。", ["国务院"]),
    ("美国教育部发布。", ["美国教育部"]),   # a foreign country's body, not China's ministry
])
def test_find_known_orgs(text, expected):
    assert [sp.name for sp in find_known_orgs(SentenceView.of(text))] == expected


@pytest.mark.parametrize("found, expected", [
    # a word of the sentence glued to the front of a body the lexicon knows is cut off
    ("冲击立法会", ["立法会"]), ("部份立法会", ["立法会"]), ("批评民主党", ["民主党"]),
    # two known bodies side by side are two
    ("民建联立法会", ["民建联", "立法会"]),
    # a place before the body is part of its name; a known body is left whole
    ("香港立法会", ["香港立法会"]), ("上海市人大常委会", ["上海市人大常委会"]), ("全国人大常委会", ["全国人大常委会"]),
])
def test_trim_glued_organizations(found, expected):
    span = Span(0, len(found), "Organization", found, "tagger")
    assert [sp.name for sp in trim_glued_organizations([span])] == expected


def test_a_rule_found_body_is_not_trimmed():
    span = Span(0, 5, "Organization", "冲击立法会", "lexicon")
    assert trim_glued_organizations([span]) == [span]


@pytest.mark.parametrize("text, outlet, not_expected", [
    ("潜江新闻网讯(记者 李理)3月12日,咸宁市政府考察团一行来我市考察。", "潜江新闻网", "潜江新闻网讯"),
    ("中国宁波网讯 昨晚,市长刘奇会见了代表团。", "中国宁波网", "中国宁波网讯"),
    # the day between the outlet and 讯
    ("代表团赴青海考察对口支援工作\n鲁中网8月23日讯(记者 王平) 8月20日至22日，代表团赴青海考察。", "鲁中网", "鲁中网8月23日讯"),
    # a web story's outlet, a channel of it and 消息
    ("国际在线吉林频道消息:6月17日,长春市政府代表团访问乌兰巴托。", "国际在线", "吉林频道"),
    ("齐鲁网环球在线消息:6月28日,代表团访问法国。", "齐鲁网", "齐鲁网环球在线"),
    # a dateline in square brackets
    ("搭乘前往广州的列车。\n【鲁港网讯】 行政长官出席活动。", "鲁港网", "鲁港网讯"),
])
def test_the_outlet_of_a_dateline(text, outlet, not_expected):
    got = names(text, "Organization")
    assert outlet in got and not_expected not in got


@pytest.mark.parametrize("text, outlet, not_expected", [
    # a wire story's outlet, before where it files from and the day: no place of its own
    ("东北网长春5月8日电 8日，长春市市长王强会见了客人。", "东北网", "东北"),
    ("中国日报网3月2日电 记者从外交部获悉。", "中国日报网", "中国日报"),
    ("中新社台北12月19日电 台北市市长柯文哲19日会见客人。", "中新社", "中新社台"),
    ("据新华社华盛顿3月2日电 美国国务卿表示。", "新华社", "据新华社"),
])
def test_the_outlet_of_a_wire_dateline(text, outlet, not_expected):
    found = set(mentions(text))
    assert ("Organization", outlet) in found
    assert not {("Organization", not_expected), ("Place", not_expected)} & found


def test_our_own_paper_is_no_outlet():
    assert not names("本报讯 昨天上午,市委书记马卫光会见了代表团。", "Organization")



@pytest.mark.parametrize("names, expected", [
    # 仪仗队 after 中国人民解放军仪仗队 is that guard of honour: one entity, not a second body
    (["中国人民解放军仪仗队", "仪仗队"], ["中国人民解放军仪仗队", "中国人民解放军仪仗队"]),
    # two such bodies: which one is meant is not said
    (["中国人民解放军仪仗队", "越南人民军仪仗队", "仪仗队"], ["中国人民解放军仪仗队", "越南人民军仪仗队", "仪仗队"]),
    # a kind of body that is no unit (政府) is left as it is
    (["山东省人民政府", "政府"], ["山东省人民政府", "政府"]),
])
def test_a_body_named_by_its_kind_alone_is_the_one_named_in_full(names, expected):
    from kg.extract.entities.short_forms import complete_short_bodies

    spans = [Span(10 * i, 10 * i + len(n), "Organization", n, "tagger") for i, n in enumerate(names)]
    assert [sp.name for sp in complete_short_bodies(spans)] == expected


@pytest.mark.parametrize("text, expected, not_expected", [
    # a body's offices, where visitors go, are named with 机关 as written
    ("赵乐际还来到四川省人大常委会机关看望机关干部。", "四川省人大常委会机关", "四川省人大常委会"),
    ("王沪宁到成都市政协机关调研。", "成都市政协机关", "成都市政协"),
])
def test_a_body_with_its_offices(text, expected, not_expected):
    got = names(text, "Organization")
    assert expected in got and not_expected not in got


def test_generic_offices_are_no_body():
    assert names("要加强党政机关作风建设。", "Organization") == set()


def test_a_pictures_credit_names_no_outlet():
    assert "民建联Facebook" not in names("李慧琼出席记者会。\n图片来源：民建联Facebook\n", "Organization")


@pytest.mark.parametrize("name, gathering", [
    # a party congress, a plenum, a numbered session, a forum held in a year, the games, a national
    # work conference: events
    ("党的二十大", True),
    ("中共二十届四中全会", True),
    ("十四届全国人大三次会议", True),
    ("中俄议会合作委员会第八次会议", True),
    ("第四届东北亚城市市长论坛", True),
    ("2018台北上海城市论坛", True),
    ("第17届夏季残疾人奥林匹克运动会", True),
    ("中央经济工作会议", True),
    # bodies, some for a term, some named 会议 or 论坛
    ("第十四届全国人民代表大会", False),
    ("十四届全国人大常委会", False),
    ("中国人民政治协商会议", False),
    ("行政会议", False),
    ("博鳌亚洲论坛", False),
    ("九三学社中央委员会", False),
])
def test_a_gathering_is_no_body(name, gathering):
    from kg.extract.entities.organizations import is_gathering

    assert is_gathering(name) is gathering
