"""Places: the gazetteer, administrative chains, foreign places; and words that name no place."""

from __future__ import annotations

import pytest
from helpers import entity_names as names

from kg.extract.entities.places import find_foreign_places, find_places
from kg.extract.entities.sentence import SentenceView

# the rule family alone: the trained tagger is measured on the test split (test_tagged.py pins it)
pytestmark = pytest.mark.usefixtures("rules_only")

# ----------------------------------------------------------------------------- places

@pytest.mark.parametrize("text, expected", [
    ("代表团来到北京市。", "北京市"),
    # sites named by their kind: a car town, a park of innovation (not the city its name opens with)
    ("考察团一行先后到九阳工业园区、安庆汽车城等实地考察。", "安庆汽车城"),
    ("深入浙江嘉豫农业科技有限公司、平湖智创园实地了解。", "平湖智创园"),
    ("融入京津冀协同发展。", "京津冀"),
    ("他常年往返香港与中国大陆之间。", "中国大陆"),  # the mainland, as the Hong Kong press writes it
    ("来到朝阳区双井街道。", "双井街道"),  # a chain of divisions names its last one
    ("来到中关村国家自主创新示范区。", "中关村国家自主创新示范区"),
    ("来到绥中县明水满族乡祝家沟村。", "绥中县明水满族乡祝家沟村"),
    ("来到绥中县明水满族乡祝家沟村。", "明水满族乡"),  # a division the chain lies in
    ("东北亚局势总体稳定。", "东北亚"),  # a region
    # Hong Kong's neighbourhoods and streets
    ("示威者在鲗鱼涌一带聚集。", "鲗鱼涌"),
    ("警方封锁亚皆老街一段。", "亚皆老街"),
    ("游行队伍沿德辅道中前进。", "德辅道中"),
    # seas named after a country, and a region in full
    ("两艘军舰驶入菲律宾海及日本海进行演习。", "菲律宾海"),
    ("两艘军舰驶入菲律宾海及日本海进行演习。", "日本海"),
    ("中国海军编队在西太平洋海域训练。", "西太平洋"),
    ("美国推动印太地区战略。", "印太地区"),
    # a station named after a place: a research station, a railway or metro station
    ("中国南极中山站越冬队员发回视频。", "中山站"),
    ("沙中线红磡站今日启用。", "红磡站"),
    ("习近平抵达香港。", "香港"),
    ("北京巿的发展", "北京市"),  # a variant character
    # buildings named after people
    ("代表团参观了鲁迅纪念馆。", "鲁迅纪念馆"),
    # … and after a set phrase, its place before it
    ("考察团参观了泉州海上丝绸之路博物馆。", "泉州海上丝绸之路博物馆"),
    ("代表团来到长三角生态绿色一体化发展示范区。", "长三角生态绿色一体化发展示范区"),
    # a hall of a plan's exhibits
    ("李强察看湘江新区规划展示馆，了解新区建设情况。", "湘江新区规划展示馆"),
    # a deep-water port, named by what comes before it
    ("代表团参观了洋山深水港。", "洋山深水港"),
    # streets and villages, their names any words but verbs
    ("社区位于京良路南侧。", "京良路"),
    ("区域为邢州大道、祥和大街、东华路。", "东华路"),
    ("他们走访了子君村和博树村。", "子君村"),
    # a number opens a village's name before a word jieba does not know
    ("习近平首先来到十八洞村，在村委会了解情况。", "十八洞村"),
    ("习近平来到北京市东城区前门街道草厂四条胡同。", "北京市东城区前门街道草厂四条胡同"),
    ("距离安苑小区仅300米。", "安苑小区"),
    # venues
    ("到银兴网吧吧台填写报名表。", "银兴网吧"),
    ("他来到邓小平故居。", "邓小平故居"),
    # the sites of a party's history, named after a body or a man (旧址, 旧居, 会址) and wetlands
    ("李希先后来到中共中央旧址和毛泽东旧居。", "中共中央旧址"),
    ("李希先后来到中共中央旧址和毛泽东旧居。", "毛泽东旧居"),
    ("代表团参观了中共一大会址。", "中共一大会址"),
    ("代表团参观了中山纪念堂。", "中山纪念堂"),
    ("王沪宁到滇池宝丰湿地调研。", "滇池宝丰湿地"),
    ("随后，习近平来到位于西宁市城中区的宏觉寺。", "宏觉寺"),
    ("代表团在交河故城考察文物保护利用情况。", "交河故城"),
    ("代表团参观了铸牢中华民族共同体意识体验馆。", "铸牢中华民族共同体意识体验馆"),
    # the parks and zones an inspection visits (科学园 is jieba's 科学|园; 湿地 its "descriptive word")
    ("访问团考察香港科学园、西九文化区。", "香港科学园"),
    ("考察团一行先后实地考察了潍坊软件园、潍柴动力工业园。", "潍坊软件园"),
    ("代表团先后到伊利乳业公司、黄河湿地公园进行了实地考察。", "黄河湿地公园"),
    ("代表团还考察了农产品物流园。", "农产品物流园"),
    # gardens: a city's venues, Hong Kong's estates
    ("他其后参观滨海湾花园，并出席晚宴。", "滨海湾花园"),
    ("曾荫权租住深圳东海花园的单位。", "深圳东海花园"),
    # a word jieba tags an adverb that names zones as it names 高新区
    ("李强来到泰基离子技术有限公司、空间技术物理研究所航天高新产业园，详细了解情况。", "空间技术物理研究所航天高新产业园"),
    ("代表团先后参观考察了高新区、东港片区和天目湖旅游度假区。", "天目湖旅游度假区"),
    ("代表团先后参观考察了高新区、东港片区和天目湖旅游度假区。", "东港片区"),
    # a city's name without its 市, which jieba takes for a person's, opens a zone's
    ("考察团考察了歌尔电声产业园二期和寿光蔬菜高科技示范园。", "寿光蔬菜高科技示范园"),
    # an autonomous prefecture written by its short form and 州
    ("代表团来到海西州考察，李强来到延边州调研。", "延边州"),
    # a transliteration right after a verb of travel is where one goes, not a man
    ("隨後，代表團前往布拉加，參觀了米尼奧大學。", "布拉加"),
    ("代表团前往布拉加进行访问。", "布拉加"),
    # a division of a foreign country written after it, also where China has a county of that name
    ("日本宇部市市长铃木健一郎率宇部市友好代表团访问武汉。", "宇部市"),
    ("代表团访问越南广宁省。", "广宁省"),
    ("印尼东努沙登加拉省发生地震。", "东努沙登加拉省"),
    ("日本北九州市市长表示。", "北九州市"),  # the longest that ends where a word ends
    # a foreign country's first-level division, its country unwritten (not 北海, a Chinese city)
    ("彰化市长林世贤率团前往北海道访问。", "北海道"),
    ("鞑靼斯坦共和国总统明尼哈诺夫会见代表团。", "鞑靼斯坦共和国"),
    ("浙江省代表团访问了西澳州。", "西澳州"),
    # a province and a city in it, each a place: the city is named alone later
    ("应韩国京畿道水原市邀请，代表团对水原市进行了友好访问。", "水原市"),
    ("应韩国京畿道水原市邀请，代表团对水原市进行了友好访问。", "京畿道"),
    # a county of Korea, not the Chinese district of that name (河东区)
    ("张家界市长赵小明率代表团访问韩国河东郡。", "河东郡"),
    # a country whose name is transliteration characters too, and a city of it: two places
    ("代表团先后访问了德国马格德堡市、芬兰万塔市和丹麦奥胡斯市。", "万塔市"),
    ("代表团先后访问了德国马格德堡市、芬兰万塔市和丹麦奥胡斯市。", "芬兰"),
    ("代表团先后访问了德国马格德堡市、芬兰万塔市和丹麦奥胡斯市。", "奥胡斯市"),
    # … also where its first character mostly stands alone (全 of 全国), when the word it opens is rare
    ("韩国全州市市长率领的全州市政府代表团抵达。", "全州市"),
    ("美国马里兰州州长会见代表团。", "马里兰州"),  # (马里, a country, opens a longer word here)
    # … after a verb of visiting, before its place word (访问瓦萨市当天)
    ("在访问瓦萨市当天，市政府门前升起了国旗。", "瓦萨市"),
    ("在访问塔林市当天，市政府门前升起了国旗。", "塔林市"),
    # a base, a science or biotech town named by a place or a body (sites an inspection visits)
    ("代表团参观了关岛空军基地。", "关岛空军基地"),
    ("李强来到中原科技城，了解科技创新情况。", "中原科技城"),
    ("丁薛祥在成都天府国际生物城调研。", "成都天府国际生物城"),
    # (a county whose name a title opens stays a place where no title follows)
    ("山西省代县县长李四出席。代县是山西的一个县。", "代县"),
    # a division since abolished, as older stories name it
    ("山东省党政代表团在日喀则地区学习考察。", "日喀则地区"),
    # a port of entry, an old street, a market: named sites of a study tour
    ("代表团一行考察了港珠澳大桥珠海公路口岸和皇岗口岸。", "港珠澳大桥珠海公路口岸"),
    ("代表团一行考察了港珠澳大桥珠海公路口岸和皇岗口岸。", "皇岗口岸"),
    ("代表团还参观了陶瓷琉璃博物馆和周村古商城。", "周村古商城"),
    ("他们来到屯溪老街，参观了徽州古街。", "屯溪老街"),
    # a foreign city after its country, where jieba glued the division to its name's last character
    ("绍兴市还与韩国昌原市、加拿大高贵林市签订了友好交流备忘录。", "高贵林市"),
    # a US state and a country by the short forms news writes them in
    ("美国夏威夷发生山火。", "夏威夷"),
    ("孟加拉总理哈西娜访华。", "孟加拉"),
    # the cities and oblasts of a war the country list does not carry
    ("俄军控制了哈尔科夫和顿涅茨克地区的两个定居点。", "哈尔科夫"),
    ("以军空袭加沙南部城市拉法和汗尤尼斯。", "汗尤尼斯"),
    ("俄库尔斯克州遭无人机袭击。", "库尔斯克州"),
    ("乌军在库皮扬斯克等方向击退俄军多次进攻。", "库皮扬斯克"),
    # an ethnic group's village (侗寨, 苗寨)
    ("总书记来到肇兴侗寨，了解当地情况。", "肇兴侗寨"),
    # a site named by two fields joined by 与 or 及
    ("李强来到宁夏沙漠绿化与沙产业发展基地，听取汇报。", "宁夏沙漠绿化与沙产业发展基地"),
    # countries as the Taiwan press (and often Hong Kong's) writes them, and Hong Kong's 吉尔吉斯坦
    ("蔡英文出訪南太平洋友邦諾魯、帛琉。", "诺鲁"),
    ("蔡英文出訪南太平洋友邦諾魯、帛琉。", "帛琉"),
    ("當中包括義大利、突尼西亞及象牙海岸。", "突尼西亚"),
    ("中亞的塔吉克斯坦、吉爾吉斯坦三國。", "吉尔吉斯坦"),
    # a historic quarter named after a county's name (平江, a county in Hunan too)
    ("代表团参观了平江历史文化街区。", "平江历史文化街区"),
    ("习近平来到景德镇陶阳里历史文化街区，察看。", "景德镇陶阳里历史文化街区"),
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
    ("园区内企业很多，要建设好工业园区和物流园。", "工业园区"),
    ("要保护和利用好历史文化街区。", "利用好历史文化街区"),  # 好, a verb's complement (jieba: 利用 a noun)
    ("要保护和利用好产业园。", "利用好产业园"),
    ("日本各县和美国各州都有。", "各州"),
    ("韩国全境降雨，美国全州范围内。", "全州"),
    ("韩国全境降雨，美国全州范围内。", "全境"),
    ("韩国瑜是为高雄市长。", "瑜是为高雄市"),  # a country that opens a man's name
    ("访问法国阿拉斯城市共同体。", "阿拉斯城市"),  # 城市 is a word of its own
    # a place a longer title opens: 代县长 is an acting county head, not the head of 代县
    ("县委副书记、代县长陈景辉到回龙镇调研。", "代县"),
    # the last part of a dotted name before a title that opens with a division's character
    ("托木斯克州州长维·梅·克列斯一行抵达。维·梅·克列斯州长表示赞赏。", "克列斯州"),
    ("这样一个四大景区环抱之中。", "四大景区"),  # a count opens no place name
    ("这里有十八个村庄。", "十八个村"),
    ("南邻广福路，西靠新昆洛路。", "南邻广福路"),
    ("从西三环到京良路出口仅10公里。", "西三环到京良路"),
    ("张家界市长赵小明率代表团访问韩国河东郡。", "河东区"),
    ("代表团先后访问了德国马格德堡市、芬兰万塔市和丹麦奥胡斯市。", "芬兰万塔市"),
    ("代表团先后访问了德国马格德堡市、芬兰万塔市和丹麦奥胡斯市。", "丹麦奥胡斯市"),
    # 站 the verb "stand" after a place makes no station
    ("中国站在历史正确的一边。", "中国站"),
    ("上海站出来表态。", "上海站"),
    # what a region is for is no base's name
    ("要把这里建成国家重要能源基地。", "国家重要能源基地"),
    ("加快建设科研基地和生产基地。", "科研基地"),
    # … but a port named only by its kind, or by its province, is none
    ("今年以来北京口岸出入境人员突破600万人次。", "北京口岸"),
    ("积极推动边境口岸过货、铁路口岸联通等合作。", "边境口岸"),
    ("积极推动边境口岸过货、铁路口岸联通等合作。", "铁路口岸"),
    # a warship named after a province is no place, whoever reads it (a fleet's name keeps its sea)
    ("仪式结束后，习近平登上福建舰，山东舰伏波相伴。", "福建"),
    # … but 和 joins two sites, and 与 two named ones
    ("他考察了矿山生态修复和港口物流园区。", "矿山生态修复和港口物流园区"),
    ("推进北京中关村与上海张江科学城合作。", "北京中关村与上海张江科学城"),
    ("李强考察了中国(上海)自由贸易试验区及临港新片区。", "中国(上海)自由贸易试验区及临港新片区"),
    ("要发展民族古寨旅游。", "民族古寨"),  # described, not named
    # a sea's name whose last character opens the next word: the country's customs, coastguard, waters
    ("日本海关查获毒品。", "日本海"),
    ("菲律宾海警船在菲律宾海域巡逻。", "菲律宾海"),
])
def test_not_places(text, wrong):
    assert wrong not in names(text, "Place")


# ------------------------------------------------------------------ the families, called directly

@pytest.mark.parametrize("text, gazetteer, foreign", [
    # an administrative chain is one place, named by its last division, and each division it lies
    # in one nested in it; a village keeps the divisions written before it in its name
    ("代表团来到朝阳区双井街道。", ["双井街道", "朝阳区"], []),
    ("王沪宁带领一分团到阿勒泰地区布尔津县考察。", ["布尔津县", "阿勒泰地区"], []),
    ("他来到绥中县明水满族乡祝家沟村。", ["绥中县明水满族乡祝家沟村", "绥中县", "明水满族乡"], []),
    ("李强在希腊罗德岛会见。", ["希腊"], ["罗德岛"]),            # transliteration and a place word
])
def test_find_places(text, gazetteer, foreign):
    s = SentenceView.of(text)
    found = find_places(s)
    assert [p.name for p in found] == gazetteer
    assert [p.attrs.nested for p in found] == [False] + [True] * (len(gazetteer) - 1)
    assert [p.name for p in find_foreign_places(s)] == foreign
