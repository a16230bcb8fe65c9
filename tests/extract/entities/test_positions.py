"""Positions: a body and a title, in chains, completed from the story's places."""

from __future__ import annotations

import pytest
from helpers import entity_mentions as mentions
from helpers import entity_names as names

from kg.extract.entities.context import StoryContext
from kg.extract.entities.organizations import find_known_orgs
from kg.extract.entities.places import find_places
from kg.extract.entities.positions import find_positions
from kg.extract.entities.sentence import SentenceView, title_level
from kg.extract.entities.suffixed import find_suffixed_names

# the rule family alone: the trained tagger is measured on the test split (test_tagged.py pins it)
pytestmark = pytest.mark.usefixtures("rules_only")

# ------------------------------------------------------------------------- positions

def test_a_list_of_offices_is_no_body_and_holder():
    # (常委、 between a body and a title is no name: 内阁总理 is not the politburo's)
    got = names("朝鲜劳动党中央政治局常委、内阁总理朴泰成到机场迎接。", "Position")
    assert "朝鲜劳动党中央政治局常委" in got and "朝鲜劳动党中央政治局内阁总理" not in got


@pytest.mark.parametrize("text, expected", [
    ("山东省委书记刘家义讲话。", {"山东省委书记"}),
    ("北京市人大常委会主任李伟参加。", {"北京市人大常委会主任"}),
    ("中共中央政治局常委、国务院总理李强出席。", {"中共中央政治局常委", "国务院总理"}),
    # a minister titled 大臣, in a chain after his country's office
    ("国家副主席韩正在北京会见荷兰副首相兼外交大臣胡克斯特拉。", {"国家副主席", "荷兰副首相", "荷兰外交大臣"}),
    ("中共中央总书记、国家主席、中央军委主席习近平指出。", {"中共中央总书记", "国家主席", "中央军委主席"}),
    ("全国人大常委会副委员长兼秘书长王晨同机抵达。", {"全国人大常委会副委员长", "全国人大常委会秘书长"}),
    # … and so does a secretary-general after a deputy head and 、
    ("全国政协副主席、秘书长王东峰参加会见。", {"全国政协副主席", "全国政协秘书长"}),
    ("中国人民对外友好协会副会长、秘书长李明出席。", {"中国人民对外友好协会副会长", "中国人民对外友好协会秘书长"}),
    # … and after the list of the deputies' names and a comma
    ("全国人大常委会副委员长李鸿忠、郑建邦，秘书长刘奇参加有关活动。", {"全国人大常委会副委员长", "全国人大常委会秘书长"}),
    ("国务委员兼国务院秘书长吴政隆等同机抵达。", {"国务委员", "国务院秘书长"}),
    ("中国驻朝鲜大使王亚军也到机场迎接。", {"中国驻朝鲜大使"}),
    ("会见由越南共产党中央政治局委员、河内市委书记丁进勇率领的代表团。",
     {"越南共产党中央政治局委员", "河内市委书记"}),
    # a body and a title sharing a character: a minister as written (美国商务部 + 部长), a place's head in full
    ("北京市长陈吉宁出席。", {"北京市市长"}),
    ("美国商务部长雷蒙多表示。", {"美国商务部长"}),
    # a foreign minister's second office after 兼 is of his country; China's are named alone
    ("丁薛祥在天津会见新加坡副总理兼财政部长黄循财。", {"新加坡副总理", "新加坡财政部长"}),
    ("国家主席兼中央军委主席习近平出席。", {"国家主席", "中央军委主席"}),
    # a title after a holder's name and 、 is of the first title's place, not of the story's
    ("新华社乌鲁木齐8月15日电 江苏省委书记信长星、省长许昆林率江苏省党政代表团赴新疆考察。",
     {"江苏省委书记", "江苏省省长"}),
    # … and after a comma, in a list of one side's officials who go along (参加考察)
    ("辽宁省委常委、大连市委书记胡玉亭率大连市党政代表团来我市考察。市委书记刘建军陪同。"
     "大连市委常委、秘书长张世坤，副市长曹爱华参加考察。", {"大连市委秘书长", "大连市副市长"}),
    # … but not where they receive the others (陪同): the host's place
    ("大连市党政代表团来温州考察。大连市委书记胡玉亭，市长王建平陪同考察。", {"大连市委书记", "温州市市长"}),
    # the chair of a democratic party's committee of a province or city (民革贵州省委, 民建市委会)
    ("省政协副主席、民革贵州省委主委马文骏出席。", {"贵州省政协副主席", "民革贵州省委主委"}),
    ("天津市政协副主席、民建市委会主委周绍熹出席。", {"天津市政协副主席", "民建市委会主委"}),
    # a deputy listed after the head is of the head's body
    ("中联部部长王家瑞、副部长刘洪才等会见时在座。", {"中联部部长", "中联部副部长"}),
    ("国家发展改革委主任郑栅洁、副主任赵辰昕参加。", {"国家发展改革委副主任"}),
    # … and so is any officer a body's list names after its first office, or one 及 joins to it
    ("港铁会传召证人，包括港铁主席马时亨、行政总裁梁国权等。", {"港铁主席", "港铁行政总裁"}),
    ("外交部部长王毅、发言人毛宁出席。", {"外交部发言人"}),
    ("香港民意研究所主席及行政总裁钟庭耀表示。", {"香港民意研究所主席", "香港民意研究所行政总裁"}),
    ("华为副董事长兼首席财务官孟晚舟被捕。", {"华为副董事长", "华为首席财务官"}),
    # a member of a foreign state's house (犹他州 a place of the gazetteer)
    ("共和党犹他州众议员洛夫表示。", {"犹他州众议员"}),
    # a body written before its holder's name, his title after it (not a place's: a venue's name)
    ("福州市委王宁书记会见了客人。", {"福州市委书记"}),
    ("在福州市人大常委会陈奇副主任陪同下，代表团参观了公司。", {"福州市人大常委会副主任"}),
    ("习近平乘专机抵达利雅得哈立德国王机场。", set()),
    # an autonomous region standing for its own name
    ("新疆维吾尔自治区党委书记马兴瑞会见代表团，自治区党委副书记、自治区主席艾尔肯·吐尼亚孜陪同。",
     {"新疆维吾尔自治区党委副书记", "新疆维吾尔自治区主席"}),
    # jieba's one word 交通部长 holds the body 交通部 and the title 部长; 副局长 is one title
    ("马来西亚交通部长陆兆福到机场迎接。", {"马来西亚交通部长"}),
    ("记者采访了老河口市房产管理局副局长周富强。", {"老河口市房产管理局副局长"}),
    # the head of a body after the secretary of its party organ
    ("国务院国资委党委书记、主任张玉卓出席会议。", {"国务院国资委党委书记", "国务院国资委主任"}),
    ("商务部党组书记、部长王文涛会见外宾。", {"商务部党组书记", "商务部部长"}),
    # a title that takes the last character of a suffix (学校 in 清华大学校长)
    ("清华大学校长王希勤致辞。", {"清华大学校长"}),
    ("阿里巴巴集团董事局主席蔡崇信出席。", {"阿里巴巴集团董事局主席"}),
    # a member's party before his legislature is his party, not the body of his office
    ("民主黨立法會議員許智峯闖出禍。", {"立法会议员"}),
    # an aide serves the office written right before (发言人, 新闻秘书, 特使)
    ("联合国秘书长发言人迪雅里克表示。", {"联合国秘书长发言人"}),
    ("俄罗斯总统新闻秘书佩斯科夫表示。", {"俄罗斯总统新闻秘书"}),
    # Japan's ministers by their own titles
    ("国务院总理李强会见访华的日本外相林芳正。", {"日本外相"}),
    ("日本内阁官房长官松野博一表示。", {"日本内阁官房长官"}),
    # the head of the headquarters a city keeps in the region it assists, in a list of offices
    ("市委副書記、上海援克前方指揮部總指揮董愛華出席。", {"上海援克前方指挥部总指挥"}),
    # a word before a title that makes another office of its kind (名誉, 专职, 第一副, 执行)
    ("中国科学院院士、复旦大学名誉校长杨玉良出席。", {"复旦大学名誉校长"}),
    ("俄罗斯第一副外长季托夫会见中方代表。", {"俄罗斯第一副外长"}),
    ("联合国儿童基金会执行主任拉塞尔表示关切。", {"联合国儿童基金会执行主任"}),
    ("县政协专职副主席王平陪同调研。", {"县政协专职副主席"}),
    # … a title that is an office by itself too (署理 + 总裁判官), longer than a title inside it (总裁)
    ("署理总裁判官罗德泉于今日裁定。", {"署理总裁判官"}),
    # an adviser and a vice-minister (次长) of a body are its offices
    ("台湾外交部政务次长徐斯俭出席。", {"台湾外交部政务次长"}),
    ("外交部政策规划司顾问李明出席。", {"外交部政策规划司顾问"}),
    # offices of groups, universities and foreign parties and ministries
    ("日本自民党干事长森山裕表示。", {"日本自民党干事长"}),
    ("香港大学微生物学系讲座教授袁国勇表示。", {"香港大学微生物学系讲座教授"}),
    ("英国商业贸易部国务大臣亚历山大出席。", {"英国商业贸易部国务大臣"}),
    # a department named by two fields joined by 和, 与 or 及 heads the office whole
    ("扬州市文化广电和旅游局局长张三出席。", {"扬州市文化广电和旅游局局长"}),
    ("全国政协社会与法制委员会副主任邱达昌出席。", {"全国政协社会与法制委员会副主任"}),
    # the central committee of a democratic party is the body of its offices
    ("致公党中央副主席闫小培、九三学社中央副主席邵鸿陪同。", {"致公党中央副主席", "九三学社中央副主席"}),
    # a member of a body's party group (党组成员), the title opening with the end of the body's name
    ("福建省发改委党组成员、副主任王高辉出席。", {"福建省发改委党组成员", "福建省发改委副主任"}),
])
def test_positions_with_their_bodies(text, expected):
    assert expected <= names(text, "Position")


@pytest.mark.parametrize("text, expected, not_expected", [
    # an office of Hong Kong's government carries the region's name in a story set there
    ("香港回歸紀念日，行政長官林鄭月娥與律政司司長鄭若驊、保安局局長李家超出席。",
     {"香港行政长官", "香港律政司司长", "香港保安局局长"}, {"保安局局长"}),
    ("香港特首林鄭月娥今日表示，漁護署署長梁肇輝會跟進。", {"香港行政长官", "香港渔护署署长"}, {"香港特首"}),
    # the region's short name, not its long one
    ("澳门特别行政区行政长官贺一诚出席活动。", {"澳门行政长官"}, {"澳门特别行政区行政长官"}),
    # a city's own bureau stays the city's; without Hong Kong in the story, a bureau is no region's
    ("北京市教育局局长李奕主持会议。", {"北京市教育局局长"}, {"香港北京市教育局局长"}),
    ("教育局局长在会上通报了情况。", set(), {"香港教育局局长"}),
    # a story of the region's own government that names it as no place (离港, 特区政府代表团)
    ("特区政府代表团今早启程访问广州。成员包括政务司副司长张志明、教育局局长王丽华。",
     {"香港政务司副司长", "香港教育局局长"}, {"教育局局长"}),
    ("澳門特區政府代表團抵達里昂。成員包括社會工作局局長陳大明、法務局局長李小華。",
     {"澳门社会工作局局长", "澳门法务局局长"}, {"香港社会工作局局长"}),
    # a body both regions' governments have is the story's region's
    ("澳門特區行政長官將率團訪問雲南。代表團成員包括行政長官辦公室主任陳大明。",
     {"澳门行政长官办公室主任"}, {"香港行政长官办公室主任", "行政长官办公室主任"}),
    ("香港特首今日啟程訪問北京，行政長官辦公室主任李小華隨行。",
     {"香港行政长官办公室主任"}, {"澳门行政长官办公室主任"}),
    # the other region's head, named later (澳门特区行政长官崔世安亦会出席), is a guest: a bare head
    # before him is the story's region's, Hong Kong's where the story names no other; a bare title
    # that repeats a head named with his region is that region's
    ("行政長官林鄭月娥今日率領特區政府代表團啟程前往北京。國務院副總理韓正將主持會議，澳門特區行政長官崔世安亦會出席。",
     {"香港行政长官", "澳门行政长官"}, set()),
    ("會議由國務院副總理韓正主持。行政長官崔世安表示支持。澳門特區行政長官崔世安亦有出席。",
     {"澳门行政长官"}, {"香港行政长官"}),
    # a special economic zone is no region's government
    ("深圳经济特区建立四十周年。教育局局长在会上通报了情况。", set(), {"香港教育局局长"}),
    # the sector that elects a Legislative Council member is his seat, not a body of his office
    ("陳凱欣在社交媒體上跟醫學界立法會議員陳沛然舌戰。", {"立法会议员"}, {"医学界立法会议员"}),
    # a party before a bare 议员 is the member's, not the body of his office: in a story of the
    # Legislative Council he sits in it; elsewhere the office is his council's, or none the text says
    ("民主黨議員黎廣偉在立法會提交文件。", {"立法会议员"}, {"民主党议员"}),
    ("民建聯議員蔣麗芸在立法會發言。", {"立法会议员"}, {"民建联议员"}),
    ("高雄巿議會民進黨議員黃文益其後接受訪問。", set(), {"民进党议员"}),
    # a council or a parliament is the body of its members
    ("高雄市議會議員黃文益受訪。", {"高雄市议会议员"}, set()),
    ("美國國會議員麥高文出席。", {"美国国会议员"}, set()),
    # a list of one body's officers: not a school's offices after a student union's, nor Hong Kong's
    # head after a national office, nor another body's officers after a member's seat
    ("（左起）學生會會長李翔鵠、副校長方永豪、常務副校長方梓勳出席記招。", set(), {"学生会副校长", "学生会常务副校长"}),
    ("全國政協副主席梁振英、行政長官林鄭月娥出席。", {"全国政协副主席"}, {"全国政协行政长官"}),
    ("立法會議員徐晉暉、副會長吳國安出席。", set(), {"立法会副会长"}),
    # a caption's place of the people it names, in parentheses, opens no body's name
    ("（左起）智經研究中心主席李國棟、副主席劉鳴煒出席。", {"智经研究中心主席", "智经研究中心副主席"},
     {"(左起)智经研究中心主席", "(左起)智经研究中心副主席"}),
])
def test_positions_of_hong_kong_and_macao(text, expected, not_expected):
    got = names(text, "Position")
    assert expected <= got and not (not_expected & got)


def test_abbreviated_body_completed_from_context():
    text = "山东省党政代表团到北京市学习。\n省委书记刘家义,省委副书记、省长龚正率领代表团。\n市委副书记、市长陈吉宁参加。"
    got = names(text, "Position")
    assert {"山东省委书记", "山东省委副书记", "山东省省长", "北京市委副书记", "北京市市长"} <= got


@pytest.mark.parametrize("text, expected, not_expected", [
    # jieba writes 省政协 and 市政协 as one word: still the story's province's or city's body
    ("河北省委书记赵克志，省政协主席付志方陪同考察。", {"河北省政协主席"}, {"省政协主席"}),
    # the host's city, which a delegation met after it (武汉市市长…会见了代表团) is no home of
    ("武汉市市长周先旺会见了代表团。副市长李明陪同。", {"武汉市副市长"}, {"副市长"}),
    ("天津市委书记李鸿忠率团考察，市政协主席臧献甫出席。", {"天津市政协主席"}, {"市政协主席"}),
    # a host's bare title is of the province written right before it, not of the delegation's
    # home that a newspaper's name opens the sentence with
    ("金华日报长春消息 8月9日中午,吉林省委书记巴音朝鲁,省委副书记、省长景俊海会见了在吉林考察的"
     "市委书记陈龙和金华市党政代表团一行。\n吉林省领导张安顺出席。",
     {"吉林省委副书记", "吉林省省长", "金华市委书记"}, {"省委副书记", "浙江省委副书记"}),
    # an autonomous region's title is of an autonomous region, never of a province in the sentence
    ("自治区党委副书记、自治区主席艾尔肯·吐尼亚孜率代表团到安徽学习考察。\n安徽省感谢新疆的支持。",
     {"新疆维吾尔自治区党委副书记", "新疆维吾尔自治区主席"}, {"安徽省自治区主席"}),
    ("自治区主席艾尔肯·吐尼亚孜率代表团到安徽学习考察。", set(), {"安徽省自治区主席"}),
    # a city the story writes only without 市 (来绍考察 … 绍兴) is the host's city
    ("阿瓦提县党政代表团来绍考察\n昨天上午,市委书记马卫光会见了代表团一行。\n对口支援阿瓦提是绍兴光荣的政治任务。",
     {"绍兴市委书记"}, {"市委书记"}),
    # … but where the story writes its city with 市, a city named in passing without it is no host
    ("2014上海（扬州）国际医学园发展论坛在扬州市举行。\n市科协党组书记、主席王华平出席。",
     {"扬州市科协党组书记"}, {"上海市科协党组书记"}),
    # a story told by its hosts (来杭考察): a bare title is the host city's unless its holder leads
    ("衢州市委书记孙建国率领衢州市党政代表团来杭考察。\n市委常委、秘书长许勤华主持座谈会。\n杭州市市长蔡奇讲话。",
     {"杭州市委常委", "杭州市委秘书长"}, {"衢州市委常委"}),
    # a bare title whose holder leads the delegation is of the delegation's home
    ("江西省党政代表团在江苏学习考察。\n江苏省委书记罗志军陪同考察，省委书记强卫、省长鹿心社率团学习考察。",
     {"江西省委书记", "江西省省长", "江苏省委书记"}, {"江苏省省长"}),
    # the place of the dateline's local outlet is the host's
    ("潜江新闻网讯 咸宁市政府考察团一行来我市考察。\n市委副书记、市长黄剑雄陪同考察。",
     {"潜江市委副书记", "潜江市市长"}, {"市委副书记"}),
    # a county-level city stands for a bare 市 where the story names no greater city
    ("8月2日,受市委书记陈立新、市长许爱莲委托,满洲里市委常委姚景林率满洲里市政企代表团访问俄罗斯乌兰乌德市。",
     {"满洲里市委书记", "满洲里市市长"}, {"市委书记"}),
    ("绍兴市委书记马卫光出席。\n诸暨市领导陪同。\n市委副书记、市长盛阅春讲话。", {"绍兴市市长"}, {"诸暨市市长"}),
    # a chain's head of a county is of the county its first office names, not of the province
    ("昨日,贵州省普安县县委副书记、县长高振敏等一行来我市学习考察。", {"普安县县长"}, {"贵州省县长", "贵州省普安县县长"}),
    # … and a list its own office opens is of that place, in a story told by its hosts too (来湖考察)
    ("安庆市党政代表团来湖考察。\n安庆市人大常委会主任王明，市政协主席李松，市领导张华参加考察。\n湖州市委书记陈浩讲话。",
     {"安庆市政协主席"}, {"湖州市政协主席"}),
    # a department of the committee after its deputy secretary's office (市委副书记、社工部部长) is the
    # committee's, and so is the commission after it
    ("德阳市委书记张华出席。\n德阳市人大常委会主任王明，市委副书记、社工部部长、政法委书记李松参加。",
     {"德阳市委社工部部长", "德阳市委政法委书记"}, {"政法委书记"}),
    ("四川省稻城县委常委、常务副县长张卫东陪同考察。", {"稻城县常务副县长"}, {"常务副县长", "四川省稻城县常务副县长"}),
    ("越城区委常委、常务副区长王五陪同考察。", {"越城区常务副区长"}, {"常务副区长"}),
    # a new area's committee keeps its level (滨海新区区委), as the text writes it in full
    ("唐山市党政代表团来到滨海新区学习考察。滨海新区区委副书记郑会营,区委常委、秘书长李彩良陪同考察。",
     {"滨海新区区委常委", "滨海新区区委秘书长"}, {"滨海新区委常委", "滨海新区委秘书长"}),
    # the discipline commission a deputy secretary heads is the place's (本溪市纪委), as a standing member's
    ("托里县党政代表团来本溪考察。市委副书记、纪委书记高成竹陪同。", {"本溪市委副书记", "本溪市纪委书记"}, {"纪委书记"}),
    # 和县 after a name is 和 and the 县 of a body (the county 和县's own is 和县县委)
    ("稻城县委常委、常务副县长张卫东和县委常委、副县长李东陪同。",
     {"稻城县委常委", "稻城县副县长"}, {"和县委常委", "和县副县长"}),
    ("安徽省和县县委书记张卫东陪同。", {"安徽省和县县委书记"}, {"县委书记"}),
    # a host city written by its first character (来潍) is the one holding a county-level city the
    # story names (寿光市 of 潍坊市), not that city
    ("长治市委书记马天荣率长治市党政考察团来潍考察。市委书记杜昌文，市委常委、寿光市委书记孙明亮陪同有关活动。",
     {"潍坊市委书记", "潍坊市委常委", "寿光市委书记"}, {"市委书记", "寿光市委常委", "长治市委常委"}),
    # 县 alone before 人大常委会 (jieba's morpheme) is still the level of a bare body
    ("沂水县委书记王明川，县人大常委会主任李华东出席。", {"沂水县人大常委会主任"}, {"主任", "县人大常委会主任"}),
    # a story told by the delegation's own press (我市援建人员): its bare titles are the home's, even
    # where they accompany and another city was named last
    ("昨日,市委书记王明率领漳州市党政代表团赴四川省绵阳市考察,看望我市援建人员。\n"
     "市委副书记、常务副市长李强,市委常委张华等陪同考察。",
     {"漳州市委副书记", "漳州市常务副市长", "漳州市委常委"}, {"绵阳市委副书记", "市委副书记"}),
    # … and so is one whose paper's dateline is in the delegation's home (本报杭州…讯 of 浙江省代表团)
    ("本报杭州11月29日讯 由省委书记赵洪祝率领的浙江省代表团,结束对澳大利亚、新西兰的访问,于今天早晨回到上海。"
     "省委常委、省委秘书长李强等到机场迎接。",
     {"浙江省委常委", "浙江省委秘书长"}, {"省委常委", "省委秘书长"}),
    # … not where the delegation comes to the reporter (来我市, 来绵阳市) …
    ("绵阳新闻网讯 漳州市党政代表团来我市考察,看望我市援建人员。\n市委副书记、市长张华陪同考察。",
     {"绵阳市委副书记", "绵阳市市长"}, {"漳州市委副书记"}),
    ("漳州市党政代表团来绵阳市考察。\n市委书记、市人大常委会主任张华,市委副书记、市长刘强陪同考察,同我市交流。",
     {"绵阳市委书记", "绵阳市市长"}, {"漳州市委书记", "漳州市市长"}),
    # … nor where two cities' delegations visit each other (whose 我市 is not said)
    ("漳州市党政代表团回访我市,此前绵阳市党政代表团曾赴漳州市考察。\n市委副书记、市长张华陪同考察。",
     set(), {"漳州市委副书记", "绵阳市委副书记"}),
    # a prefecture's bare 州委 and 州长 are of the prefecture (written as titles write it, 红河州), not
    # of a city the story names
    ("大理州委书记张三会见了来我州考察的玉溪市党政考察团。\n州委副书记、州长李四陪同考察。",
     {"大理州委副书记", "大理州州长"}, {"玉溪市州长", "州长"}),
    ("红河哈尼族彝族自治州州委书记张三会见玉溪市党政考察团。\n州委副书记、州长李四陪同。",
     {"红河州委副书记", "红河州州长"}, {"玉溪市州长"}),
    # a host written by its standard abbreviation only (来津, 来蓉) is the host's place; hosts and guests
    # of one province (阿坝州 and 成都) share it, hosts of another (来皖) never take the guests'
    ("广西壮族自治区党政代表团来津考察。\n市委代理书记、市长王五会见了代表团。",
     {"天津市委代理书记", "天津市市长"}, {"市委代理书记", "市长"}),
    ("阿坝州党政代表团来蓉考察。\n省委常委、市委书记王五会见了代表团。",
     {"四川省委常委", "成都市委书记"}, {"省委常委", "市委书记"}),
    ("西藏山南市党政代表团来皖考察。\n省委书记张三会见了代表团。", {"安徽省委书记"}, {"西藏自治区委书记"}),
    # an officer or department head of a committee after its 常委 (、组织部部长), the place's
    # discipline commission (、纪委书记), and a bare body's own office (市委办公室, 市政府办公室)
    ("德阳市委常委、组织部部长张三，市委常委、纪委书记李四陪同。",
     {"德阳市委组织部部长", "德阳市纪委书记"}, {"组织部部长", "德阳市委纪委书记"}),
    ("德阳市委书记赵六，市委常委、市委办公室主任李四，市政府办公室主任王五陪同。",
     {"德阳市委办公室主任", "德阳市政府办公室主任"}, {"市委办公室主任", "市政府办公室主任"}),
    # a county-level city the guests come to (来都江堰考察) and the sentence names before a bare title
    # is its host's, where the guests' district lies in a greater city (南京市鼓楼区) …
    ("鼓楼区党政代表团来都江堰考察\n3月25日，江苏省南京市鼓楼区区委书记张三带领党政代表团来都江堰考察。"
     "都江堰市人大常委会主任李四、市委副书记、市长王五参加活动。",
     {"都江堰市委副书记", "都江堰市市长"}, {"南京市委副书记", "南京市市长"}),
    # … not one of the guests' own county-level cities, named in their list
    ("昨日,市委书记张三带领宁德市党政代表团赴四川省德阳市绵竹市检查宁德市对口支援绵竹市灾后重建情况。\n"
     "市委副书记、常务副市长王六,市委常委、福安市委书记李四,市委常委、福鼎市委书记王五陪同。",
     {"福安市委书记"}, {"福安市委常委"}),
    # a list of offices that opens with a county-level city is of that city, whatever greater city
    # the story names elsewhere (and not where a greater city's offices come first: see 寿光市 above)
    ("夏邑县县长李明前往巩义市考察。巩义市委书记张三，市长李四，市委常委、常务副市长王五陪同考察。"
     "他说，这是落实郑州市委工作要求。",
     {"巩义市市长", "巩义市委常委", "巩义市常务副市长"}, {"郑州市市长", "郑州市常务副市长"}),
    # a list of leaders that the city's own office opens is that city's, though they lead a group
    # and another city's delegation came before in the story
    ("上海市委书记陈吉宁率领上海市党政代表团赴江苏省学习考察。"
     "北京市委书记尹力，市委副书记、市长殷勇，市政协主席魏小东率队到河北学习考察。",
     {"北京市市长", "北京市政协主席"}, {"上海市市长", "上海市政协主席"}),
    # the reporter's own delegation (我省党政代表团), whose home the story never names, is no
    # delegation of the province it travels to: its leaders' bare titles stay bare
    ("本报广州4月14日电 以省委书记、省人大常委会主任张三为团长，省委副书记、省长李四为副团长的我省党政代表团一行，"
     "今天中午抵达广州，开始学习考察。之后，将先后在广州、佛山学习广东省的好经验。",
     set(), {"广东省委书记", "广东省省长", "广东省委副书记"}),
    ("省委书记张三率省党政代表团抵达广州考察。", set(), {"广东省委书记"}),
    # … where no delegation comes, the city a leader goes to is in his province
    ("省委书记张三到广州调研。", {"广东省委书记"}, set()),
    # … but a host's bare title is the host province's
    ("我省党政代表团抵达广州。广东省委书记张三会见了代表团，省长李四陪同。", {"广东省省长"}, set()),
    # the assistant of a city's head is the city's, as the head is
    ("溧阳市委书记李四，市长助理钱七，市政府秘书长孙八陪同考察。", {"溧阳市市长助理"}, {"市长助理"}),
    # a title written by its level alone after a man named before with that office in full is his
    ("韩国群山市市长文东信率代表团访问威海市。文东信市长为威海的大学生们作了演讲。",
     {"群山市市长"}, {"威海市市长"}),
    # a host city that gives the delegation something (盐城市给予代表团的热情接待) is no home of it
    ("市委书记王军率临沂市党政代表团赴盐城市考察。盐城市委书记李国强，市委副书记、市长陈刚陪同。"
     "王军对盐城市给予代表团的热情接待表示感谢。",
     {"盐城市委副书记", "盐城市市长"}, {"市委副书记"}),
    # a bare level body after a name and 和 that jieba read as one word (王新|平和|市委)
    ("潍坊市委书记王新平和市委副书记、市长李明率领潍坊市党政代表团来淄博市考察。",
     {"潍坊市委副书记", "潍坊市市长"}, {"市委副书记", "平和市委副书记"}),
    # a title that addresses the guest (市长先生) is no office of the host's place
    ("上海市委书记韩正对市长先生率团来沪访问表示欢迎。", {"上海市委书记"}, {"上海市市长"}),
])
def test_bare_bodies_completed_by_the_story(text, expected, not_expected):
    got = names(text, "Position")
    assert expected <= got and not (not_expected & got)


def test_a_title_inside_a_word_is_none():
    assert not [m for m in mentions("并一同出席中新双边合作联合委员会会议。") if m[0] == "Position"]


def test_bare_title_is_not_an_office():
    # a title with no body the text can supply states no office
    assert "主席" not in names("习近平主席表示，中方愿同各方合作。", "Position")


def test_the_central_committee_of_a_foreign_party():
    text = "贾庆林会见了由中央总书记莱夫戴里斯·扎赫利迪斯率领的希腊新民主党代表团。"
    assert "希腊新民主党中央总书记" in names(text, "Position")
    assert "中共中央总书记" not in names(text, "Position")


@pytest.mark.parametrize("text, expected, not_expected", [
    # the party's central committee as written, and the head of state's title of the party's country
    ("越南共产党中央总书记、国家主席苏林出席。", {"越南共产党中央总书记", "越南国家主席"}, {"中共中央总书记", "国家主席"}),
    ("会见越共中央总书记、国家主席苏林。", {"越共中央总书记", "越南国家主席"}, {"中共中央总书记", "国家主席"}),
    ("会见老挝人民革命党中央总书记、国家主席通伦。", {"老挝人民革命党中央总书记", "老挝国家主席"}, {"国家主席"}),
    ("会见朝鲜劳动党总书记、国务委员长金正恩。", {"朝鲜劳动党总书记", "朝鲜国务委员长"}, {"国务委员"}),
    # the head of a party's delegation (以…为团长的) is the party's head
    ("会见以主席拉赫曼为团长的孟加拉国民族党代表团。", {"孟加拉国民族党主席"}, {"主席", "以主席"}),
    ("会见以总书记通伦为团长的老挝人民革命党代表团。", {"老挝人民革命党中央总书记"}, {"中共中央总书记"}),
    # … and a head of a place's delegation, of the place, as before
    ("会见以省委书记王明为团长的湖南省党政代表团。", {"湖南省委书记"}, {"湖南省委书记党"}),
    # China's own parties and offices keep their names
    ("中共中央总书记、国家主席习近平出席。", {"中共中央总书记", "国家主席"}, {"中国国家主席"}),
    ("全国政协副主席、农工党中央主席何维出席。", {"全国政协副主席"}, {"中国农工党中央主席", "中国全国政协副主席"}),
])
def test_offices_of_a_foreign_party_and_its_state(text, expected, not_expected):
    got = names(text, "Position")
    assert expected <= got and not (not_expected & got)


def test_the_committee_not_its_party_is_the_body():
    # 越共 of 越共中央总书记 is the committee's name, not a mention of the party
    got = names("会见越共中央总书记阮富仲。", "Organization")
    assert "越共中央" in got and "越共" not in got


# ------------------------------------------------------------------- the family, called directly

def positions_of(text: str) -> list[str]:
    """The positions family on one sentence, with the bodies and places the other families find."""
    s = SentenceView.of(text)
    places = find_places(s)
    ctx = StoryContext(text, places, [])
    return [p.name for p in find_positions(s, find_suffixed_names(s) + find_known_orgs(s) + places, ctx)]


@pytest.mark.parametrize("text, expected", [
    ("北京市委书记蔡奇陪同调研。", ["北京市委书记"]),
    ("山东省委副书记、省长龚正出席。", ["山东省委副书记", "山东省省长"]),                # a chain shares the place
    ("全国人大常委会副委员长兼秘书长王晨。", ["全国人大常委会副委员长", "全国人大常委会秘书长"]),  # 兼 shares the body
    ("省委书记刘家义在山东省调研。", ["山东省委书记"]),                             # completed from the story
    ("时任国家主席胡锦涛。", ["国家主席"]),
])
def test_find_positions(text, expected):
    assert positions_of(text) == expected


@pytest.mark.parametrize("title, level", [("省长", "省"), ("市长", "市"), ("自治区主席", "省"), ("书记", "")])
def test_title_level(title, level):
    assert title_level(title) == level


def test_a_group_of_a_partys_members_keeps_its_party():
    # A party before 议员 is no body of the office, except in the name of a group of the party's
    # members: the rules read the group whole (工党议员代表团), and no office nobody holds
    text = "王沪宁在京会见来华出席中英政党对话的英国保守党、工党议员代表团。"
    assert "工党议员代表团" in names(text, "Organization")
    assert "工党议员" not in names(text, "Position")
