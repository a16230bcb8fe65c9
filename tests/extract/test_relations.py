"""Relations: each pattern family pinned with real sentences, positive and negative."""

from __future__ import annotations

import re

import pytest

from kg.extract.entities import find_mentions
from kg.extract.relations import find_relations
from kg.text.normalize import normalize
from kg.text.segment import segment


def relations(text: str) -> set[tuple[str, str, str | None]]:
    seg = segment("t", normalize(text))
    return {(f.type, f.subject.name, f.object.name if f.object is not None else None)
            for f in find_relations(seg, find_mentions(seg))}


D000_LEAD = "721日至22日,省委书记劉家義,省委副書記、省長龔正率領山東省黨政代表團來到北京市。"


@pytest.mark.parametrize("text, expected", [
    # leads: 率领 with a list of leaders, 由…率领的, 率
    (D000_LEAD, {("leads", "刘家义", "山东省党政代表团"), ("leads", "龚正", "山东省党政代表团")}),
    # … the man the sentence is about, its clauses going on with him
    ("行政長官李家超今日出席行會前見記者時透露，明日將率領香港特區政府代表團前往貴州省貴陽市訪問。",
     {("leads", "李家超", "香港特区政府代表团")}),
    ("王沪宁会见由越南共产党中央政治局委员、河内市委书记丁进勇率领的代表团。",
     {("leads", "丁进勇", "越南共产党代表团"), ("meets", "王沪宁", "丁进勇")}),
    # … a name of a rare surname between an office and 率 (信长星), and the office is his
    ("5月20日至22日，江苏省委书记信长星率江苏省党政代表团赴陕西省学习考察。",
     {("leads", "信长星", "江苏省党政代表团"), ("holds_position", "信长星", "江苏省委书记")}),
    # … 率 that jieba glues to the place naming the group (率昌|原市): no part of its name
    ("韩国昌原市市长洪南杓率昌原市友好代表团一行15人来我市访问。", {("leads", "洪南杓", "昌原市友好代表团")}),
    # … the list of names right before 率领的, not the host who welcomes them
    ("台北市市长柯文哲19日晚在圆山大饭店欢迎上海市常务副市长周波率领的上海市政府代表团一行。",
     {("leads", "周波", "上海市政府代表团")}),
    ("国务院总理李强率中国党政代表团乘包机抵达平壤。",
     {("leads", "李强", "中国党政代表团"), ("visits", "中国党政代表团", "平壤")}),
    # holds_position: titles before a name, chains, 兼
    (D000_LEAD, {("holds_position", "刘家义", "山东省委书记"), ("holds_position", "龚正", "山东省委副书记"),
                 ("holds_position", "龚正", "山东省省长")}),
    ("全国人大常委会副委员长兼秘书长王晨同机抵达。",
     {("holds_position", "王晨", "全国人大常委会副委员长"), ("holds_position", "王晨", "全国人大常委会秘书长")}),
    # holds_position: a title before a list of names is each one's
    ("全国政协副主席咸辉、王东峰、朱永新围绕学习贯彻讲话精神作了发言。",
     {("holds_position", n, "全国政协副主席") for n in ("咸辉", "王东峰", "朱永新")}),
    ("中共中央政治局常委、中央全面深化改革委员会副主任李强、王沪宁和蔡奇出席会议。",
     {("holds_position", n, p) for n in ("李强", "王沪宁", "蔡奇") for p in ("中共中央政治局常委",
                                                                     "中央全面深化改革委员会副主任")}),
    # visits: the delegation visits; lists distribute
    ("山东省党政代表团到北京市学习。代表团来到北京市政务服务中心、北京产权交易所、朝阳区双井街道学习。",
     {("visits", "山东省党政代表团", "北京市政务服务中心"), ("visits", "山东省党政代表团", "北京产权交易所"),
      ("visits", "山东省党政代表团", "双井街道")}),
    ("丁薛祥在天津调研。", {("visits", "丁薛祥", "天津")}),
    ("李强对朝鲜进行正式友好访问。", {("visits", "李强", "朝鲜")}),
    ("习近平在人民大会堂同来华进行国事访问的古巴国家主席迪亚斯-卡内尔举行会谈。",
     {("visits", "迪亚斯-卡内尔", "中国"), ("meets", "习近平", "迪亚斯-卡内尔")}),
    ("赵乐际在人民大会堂同来华进行正式友好访问的越南国会主席陈青敏举行会谈。",
     {("visits", "陈青敏", "中国"), ("meets", "赵乐际", "陈青敏")}),
    # accompanies: 在…陪同下, a host who 陪同调研
    ("李强在朴泰成陪同下检阅了仪仗队。", {("accompanies", "朴泰成", "李强")}),
    # … the sentence's subject, not the last name before the phrase
    ("彭丽媛陪同习近平出席多场活动，并在吴氏敏陪同下参观越南妇女博物馆。", {("accompanies", "吴氏敏", "彭丽媛")}),
    # 由…陪同 escorts the one before 由; 联同 and 偕同: those after the word go with the one before it
    ("陈茂波由罗致光陪同见记者公布方案。", {("accompanies", "罗致光", "陈茂波")}),
    ("特首林郑月娥联同政务司司长张建宗出席活动。", {("accompanies", "张建宗", "林郑月娥")}),
    # in a story of no visit, 陪同 with no one after it escorts whom the sentence is about
    ("民主党主席胡志伟今早会见传媒，仅得副主席罗健熙等陪同。", {("accompanies", "罗健熙", "胡志伟")}),
    # a sentence that opens with the escort names whom it escorts next: the delegation where one is named
    ("在省委书记黄坤明、省长王伟中陪同下，李强来到东莞市调研。",
     {("accompanies", "黄坤明", "李强"), ("accompanies", "王伟中", "李强")}),
    ("宁国市党政代表团来我市考察。在我市领导张泽民、吕炳生的陪同下，宁国市市委书记黄东升及代表团其他成员参观了六圩村。",
     {("accompanies", "张泽民", "宁国市党政代表团"), ("accompanies", "吕炳生", "宁国市党政代表团")}),
    ("山东省党政代表团到北京市学习。北京市委书记蔡奇陪同调研并在座谈会上讲话。",
     {("accompanies", "蔡奇", "山东省党政代表团")}),
    # accompanies: 陪同 in a relative clause is the described person's
    ("蔡奇在北京与陪同越共中央总书记阮富仲访华的越共中央政治局委员、中央书记处常务书记武文赏视频会晤。",
     {("accompanies", "武文赏", "阮富仲")}),
    # accompanies: who joins an inspection, who is listed as coming along
    ("李强在天津调研。陈敏尔、吴政隆参加调研。", {("accompanies", "陈敏尔", "李强"), ("accompanies", "吴政隆", "李强")}),
    # … 一同调研 as 参加调研 (they visit nothing of their own: see below); who arrives with a visitor visits
    ("王沪宁在广西调研。石泰峰、王东峰一同调研。",
     {("visits", "王沪宁", "广西"), ("accompanies", "石泰峰", "王沪宁"), ("accompanies", "王东峰", "王沪宁")}),
    ("习近平抵达利马。蔡奇、王毅一同抵达。",
     {("visits", "习近平", "利马"), ("visits", "蔡奇", "利马"), ("visits", "王毅", "利马"),
      ("accompanies", "蔡奇", "习近平"), ("accompanies", "王毅", "习近平")}),
    ("上海市代表团22日启程赴浙江省学习考察。随同学习考察的还有市人大常委会主任龚学平，市委常委徐麟。",
     {("accompanies", "龚学平", "上海市代表团"), ("accompanies", "徐麟", "上海市代表团")}),
    # … with the one the clause names, by his name or by the office the story gave him
    ("国家主席习近平欢迎越南国家主席苏林访华。陪同苏林访华的有：越共中央政治局委员杜文战，外交部长裴青山等。",
     {("accompanies", "杜文战", "苏林"), ("accompanies", "裴青山", "苏林")}),
    ("澳门特区行政长官何厚铧率团访问北京。随同行政长官出访的特区政府代表团成员有：经济财政司司长谭伯源、新闻局局长陈致平。",
     {("accompanies", "谭伯源", "何厚铧"), ("accompanies", "陈致平", "何厚铧")}),
    # signs: 双方 resolved to the parties the agreement names
    ("座谈会后,双方签署了《北京市人民政府山东省人民政府战略合作框架协议》。",
     {("signs", "北京市人民政府", "北京市人民政府山东省人民政府战略合作框架协议"),
      ("signs", "山东省人民政府", "北京市人民政府山东省人民政府战略合作框架协议")}),
    # signs: parties joined by a dash in the document's name; the parties of the signing's own clause
    ("双方进行了深入交流,并签署了《天桥区—平阴县结对共促发展合作框架协议》。",
     {("signs", "天桥区", "天桥区—平阴县结对共促发展合作框架协议"),
      ("signs", "平阴县", "天桥区—平阴县结对共促发展合作框架协议")}),
    ("双方签署《北京市——河北省2013至2015年合作框架协议》。",
     {("signs", "北京市", "北京市——河北省2013至2015年合作框架协议"),
      ("signs", "河北省", "北京市——河北省2013至2015年合作框架协议")}),
    # two cities written together sign as two, where the clause names them as where 两市 does
    ("汉中巴中签署了《战略合作框架协议》。",
     {("signs", "汉中", "战略合作框架协议"), ("signs", "巴中", "战略合作框架协议")}),
    # 两市 are the two cities named before; a country written before its city is where it lies
    ("张家界市代表团对韩国河东郡进行友好访问，两市签订了《友好交流意向书》。",
     {("signs", "张家界市", "友好交流意向书"), ("signs", "河东郡", "友好交流意向书")}),
    # … or by a space
    ("两市签署了《十堰市 嘉兴市友好合作框架协议》。",
     {("signs", "十堰市", "十堰市 嘉兴市友好合作框架协议"), ("signs", "嘉兴市", "十堰市 嘉兴市友好合作框架协议")}),
    ("赵小明一行受到了河东郡政府官员和市民的热情欢迎,市政府与河东郡政府签订了《关于民间文化艺术交流与合作的意向书》。",
     {("signs", "河东郡政府", "关于民间文化艺术交流与合作的意向书")}),
    # a document joined to the unnamed one the verb signs is signed too, and so is its name after it
    ("北京市人民政府与山东省人民政府签署框架协议《北京市人民政府山东省人民政府战略合作框架协议》。",
     {("signs", "北京市人民政府", "北京市人民政府山东省人民政府战略合作框架协议"),
      ("signs", "山东省人民政府", "北京市人民政府山东省人民政府战略合作框架协议")}),
    ("汉中市与巴中市签署了合作备忘录和《友好城市协定》。",
     {("signs", "汉中市", "友好城市协定"), ("signs", "巴中市", "友好城市协定")}),
    # leads: 在…的带领下 names the leader between 在 and the verb, the delegation before 在
    ("吉林省延边州党政代表团在州委书记胡玉亭的带领下，到浙江省宁波市考察学习。",
     {("leads", "胡玉亭", "吉林省延边州党政代表团")}),
    # leads: 率 right after a date (jieba reads 5日率 as 日率); the head of a delegation (团长) leads it
    ("中共中央政治局常委、中央纪委书记李希11月3日至5日率中共代表团对肯尼亚进行正式友好访问。",
     {("leads", "李希", "中共代表团")}),
    ("俄罗斯总统助理、俄方谈判代表团团长梅金斯基15日表示，俄方代表团已获得批准。",
     {("leads", "梅金斯基", "俄方谈判代表团")}),
    # meets: hosts listed together each meet the guest
    ("省委书记李锦斌、省长李国英会见了澳大利亚总理阿尔巴尼斯。",
     {("meets", "李锦斌", "阿尔巴尼斯"), ("meets", "李国英", "阿尔巴尼斯")}),
    # visits: the visitor a relative clause describes (在吉林考察的…代表团), not the host
    ("吉林省省长景俊海会见了在吉林考察的市委书记陈龙和金华市党政代表团一行。",
     {("visits", "金华市党政代表团", "吉林")}),
    # visits: a one-character province or city after a verb of arriving (来皖, 来潍)
    ("省委书记李锦斌会见了来皖考察的西藏山南市党政代表团一行。", {("visits", "西藏山南市党政代表团", "安徽")}),
    ("长治市党政考察团来潍考察。", {("visits", "长治市党政考察团", "潍坊")}),
    # … or any city or county the story names, by a character of its name (来泉, 来溪, 在丰期间)
    ("6月11日，新疆昌吉市党政代表团一行来泉对接洽谈新一轮对口援助工作。泉州市市长会见了代表团。",
     {("visits", "新疆昌吉市党政代表团", "泉州市")}),
    ("新疆塔城托里县党政代表团来溪\n本溪市委书记在本溪会见了代表团。", {("visits", "新疆塔城托里县党政代表团", "本溪")}),
    # … and the stay there (在京期间): its visitor visits it, whatever he does
    ("在京期間，崔世安還分別拜會外交部、海關總署、公安部等國家部門。", {("visits", "崔世安", "北京")}),
    ("在闽期间，丁薛祥前往福州软件园、厦门大学，调研数字技术研发情况。", {("visits", "丁薛祥", "福建")}),
    # speaks_at: opening words, reports and explanations given; each of a list of titled speakers
    ("郑建闽致开幕词。", {("speaks_at", "郑建闽", None)}),
    ("国家监委主任刘金国作了说明。", {("speaks_at", "刘金国", None)}),
    # who speaks in 在会见X时表示 stands before 在, not the one met
    ("王毅在会见巴基斯坦外长达尔时表示，中方愿同巴方加强合作。", {("speaks_at", "王毅", None)}),
    ("习近平在同拜登会谈时指出，中美应当合作。", {("speaks_at", "习近平", None)}),
    ("民建中央主席郝明金、民进中央主席蔡达峰在座谈会上发言。",
     {("speaks_at", "郝明金", None), ("speaks_at", "蔡达峰", None)}),
    # holds_position: a foreign leader's bare title is of the one foreign country the report names
    ("双方要落实好习近平主席同朔尔茨总理达成的重要共识。德国是中国的重要伙伴。",
     {("holds_position", "朔尔茨", "德国总理")}),
    ("丁薛祥同斯克利亚尔第一副总理举行会谈。哈萨克斯坦是中国的友好邻邦。",
     {("holds_position", "斯克利亚尔", "哈萨克斯坦第一副总理")}),
    # holds_position: a bare title right before a name is of the body a name opens and words describe
    ("俄罗斯联邦委员会国际事务委员会主席卡拉辛22日表示。", {("holds_position", "卡拉辛", "俄罗斯联邦委员会国际事务委员会主席")}),
    ("伊朗外长会见了到访的美国中东问题特使威特科夫。", {("holds_position", "威特科夫", "美国中东问题特使")}),
    ("巴西总统首席特别顾问阿莫林表示，巴方愿意合作。", {("holds_position", "阿莫林", "巴西总统首席特别顾问")}),
    ("阿联酋副总统、副总理兼总统办公厅主任曼苏尔发表视频致辞。", {("holds_position", "曼苏尔", "阿联酋总统办公厅主任")}),
    # holds_position: a title after a name is the office the story counts the holders of
    ("政协全国委员会常务委员会会议举行全体会议，14位全国政协常委作大会发言。\n曹卫星常委代表民盟中央发言。徐晓兰常委发言建议，完善长效机制。",
     {("holds_position", "曹卫星", "全国政协常委"), ("holds_position", "徐晓兰", "全国政协常委")}),
    # … a country that only an office's body names counts (乌兹别克斯坦最高会议参议院主席)
    ("王沪宁会见乌兹别克斯坦最高会议参议院主席纳尔巴耶娃。王沪宁表示，在习近平主席和米尔济约耶夫总统的战略引领下，"
     "中乌关系发展进入了新阶段。", {("holds_position", "米尔济约耶夫", "乌兹别克斯坦总统")}),
    # attends / speaks_at
    ("北京市领导林克庆、崔述强参加活动。", {("attends", "林克庆", None), ("attends", "崔述强", None)}),
    ("石泰峰、王东峰等参加会见。", {("attends", "石泰峰", None), ("attends", "王东峰", None)}),
    # those listed after 出席…的还有 attend, the first after the colon too
    ("出席闭幕会的领导同志还有：马兴瑞、王毅、尹力等。",
     {("attends", "马兴瑞", None), ("attends", "王毅", None), ("attends", "尹力", None)}),
    # a guest met who came to attend (会见了前来出席…的X): X attends
    ("国家主席习近平在澳门会见了前来出席庆祝活动的香港特别行政区行政长官李家超。", {("attends", "李家超", None)}),
    ("蔡奇指出,北京与山东联系紧密。", {("speaks_at", "蔡奇", None)}),
    ("会上,陈吉宁、龚正分别介绍了两地情况。", {("speaks_at", "陈吉宁", None), ("speaks_at", "龚正", None)}),
    # meets
    ("国务院总理李强会见希腊副总理哈齐达基斯。", {("meets", "李强", "哈齐达基斯")}),
    # visits: a report that opens with the site and then its visitor at work there
    ("李强在河南调研。在国家生物育种产业创新中心，李强了解技术攻关、科研力量配备等情况。",
     {("visits", "李强", "国家生物育种产业创新中心")}),
    ("习近平在安徽考察。随后，在六尺巷，习近平听取当地传承弘扬六尺巷文化情况介绍。", {("visits", "习近平", "六尺巷")}),
    ("当地时间5月6日晚，国家主席习近平和夫人彭丽媛在巴黎爱丽舍宫出席法国总统马克龙举行的欢迎宴会。",
     {("visits", p, site) for p in ("习近平", "彭丽媛") for site in ("巴黎", "爱丽舍宫")}),
    ("丁薛祥在陕西调研。在西北工业大学、西安交通大学，丁薛祥详细了解高校科技创新情况。",
     {("visits", "丁薛祥", "西北工业大学"), ("visits", "丁薛祥", "西安交通大学")}),
    # visits: the sites a person goes to in turn (先后前往A、B) are his, whatever the sentence said before
    ("在西藏期间，班禅在拉萨参加了西藏自治区成立60周年庆祝大会，先后前往昌都市、那曲市、日喀则市考察调研，了解乡村振兴。",
     {("visits", "班禅", site) for site in ("昌都市", "那曲市", "日喀则市")}),
    # … and a working group led on a tour (执法检查组, 调研组) goes where a delegation would
    ("张德江率全国人大常委会执法检查组到沈阳、大连检查大气污染防治法实施情况。",
     {("visits", "全国人大常委会执法检查组", "沈阳"), ("visits", "全国人大常委会执法检查组", "大连")}),
    ("李鸿忠率全国人大常委会调研组到福建调研。", {("visits", "全国人大常委会调研组", "福建")}),
    # holds_position: the foreign partner of China's head, whatever the shape of his name
    ("国务院总理李强在莫斯科同俄罗斯总理米舒斯京会谈。李强表示，在习近平主席和普京总统的战略引领下，中俄关系实现高质量发展。",
     {("holds_position", "普京", "俄罗斯总统"), ("holds_position", "习近平", "国家主席")}),
    # … the country named as the story writes it (印尼, never written 印度尼西亚 there)
    ("雅万高铁是习近平主席和佐科总统亲自关心推动的中印尼合作项目。印尼方面表示感谢。",
     {("holds_position", "佐科", "印尼总统")}),
    # … and the country of a list's first office goes on past its holders' 夫妇
    ("泰国总理巴育夫妇、副总理兼外长敦夫妇、文化部部长伊提蓬夫妇等热情迎接。",
     {("holds_position", "敦", "泰国外长"), ("holds_position", "伊提蓬", "泰国文化部部长")}),
    # … a chain of offices goes on past a former one (、前副总理), which its holder no longer holds
    ("白俄罗斯中国友好协会主席、前副总理托济克等中外代表在大会上发言。",
     {("holds_position", "托济克", "白俄罗斯中国友好协会主席")}),
    # … a crown prince's too (王储)
    ("访问期间，我将同萨勒曼国王和穆罕默德王储深入交换意见，共同规划中沙关系发展方向。",
     {("holds_position", "穆罕默德", "沙特王储")}),
    # … a head of state's 主席 after the partner of China's head, not China's head after his partner
    ("古巴是中国的好朋友。习近平主席同迪亚斯-卡内尔主席两次会晤。古方愿落实好迪亚斯-卡内尔主席和习近平主席的重要共识。",
     {("holds_position", "迪亚斯-卡内尔", "古巴国家主席")}),
    # … in a story of several countries, the one its sentence (or the one before) pairs with China
    ("丁薛祥会见塞尔维亚副议长拉古什、伊朗副总统阿夫辛。在会见拉古什时，丁薛祥指出，中塞友谊历久弥坚。"
     "习近平主席同武契奇总统多次举行会晤。",
     {("holds_position", "武契奇", "塞尔维亚总统")}),
    # … in the abbreviation of a partner the table does not list, by the country the story names (中南:
    # 南非 among the BRICS; 中吉 beside 吉布提, not 吉尔吉斯斯坦)
    ("习近平出席金砖国家领导人会晤并对南非进行国事访问。会晤决定邀请沙特、埃及、伊朗作为新成员加入金砖。"
     "习近平主席同拉马福萨总统进行了长时间深入沟通，全面总结中南关系发展经验。",
     {("holds_position", "拉马福萨", "南非总统")}),
    ("韩正会见吉布提国民议会议长迪莱塔。韩正表示，习近平主席同盖莱总统成功会晤。今年是中吉建交45周年，中方愿同吉方一道。",
     {("holds_position", "盖莱", "吉布提总统")}),
    # a chain of one person's offices goes on in the country of the offices before: a head of state's
    # office after a foreign party's, a minister's after 兼 …
    ("蔡奇会见由老挝人民革命党中央政治局委员、中央书记处常务书记、国家副主席本通率领的代表团。",
     {("holds_position", "本通", "老挝国家副主席")}),
    ("韩正在北京会见荷兰副首相兼外交大臣胡克斯特拉。", {("holds_position", "胡克斯特拉", "荷兰外交大臣")}),
    # … but a party's own department stays the party's, and China's offices are named without China
    ("李希会见由越南共产党中央政治局委员、中央书记处书记、中央内政部部长潘庭濯率领的代表团。",
     {("holds_position", "潘庭濯", "越南共产党中央内政部部长")}),
    ("中国总理李克强、国家副主席李源潮出席。", {("holds_position", "李源潮", "国家副主席")}),
    # an office several hold, a colon, and the list of its holders: each holds it (not a speaker's title
    # before his words); the members' party is no part of it
    ("众筹发起人包括3位民主党立法会议员：林卓廷、尹兆坚、邝俊宇。",
     {("holds_position", "林卓廷", "立法会议员"), ("holds_position", "邝俊宇", "立法会议员")}),
    # … and a head's title before a name of transliteration characters, in a story of one country
    ("赵乐际对俄罗斯进行正式友好访问，在圣彼得堡会见总统普京。", {("holds_position", "普京", "俄罗斯总统")}),
    # holds_position: a list of one country's officials names the country once
    ("赵乐际在雅典分别会见希腊总统萨克拉罗普卢、总理米佐塔基斯。", {("holds_position", "米佐塔基斯", "希腊总理")}),
    ("巴西农业部长法瓦罗、矿产和能源部长西尔韦拉、港口和机场部长科斯塔等高级官员到机场送行。",
     {("holds_position", "西尔韦拉", "巴西矿产和能源部长"), ("holds_position", "科斯塔", "巴西港口和机场部长")}),
    # … across a spouse (巴育夫妇、), to a second office held with the first (兼) and to a ministry's
    ("老挝总理宋赛夫妇、副总理兼外长萨利姆赛、文化部部长苏安萨万等到机场迎接。",
     {("holds_position", "萨利姆赛", "老挝副总理"), ("holds_position", "萨利姆赛", "老挝外长"),
      ("holds_position", "苏安萨万", "老挝文化部部长")}),
    # … after a head who leads them (率), and to a state organ's office (政府第一副总理, 议会上院议长)
    ("哈萨克斯坦总统托卡耶夫率政府第一副总理斯克利亚尔、副总理兼外长努尔特列乌等高级官员热情迎接。",
     {("holds_position", "斯克利亚尔", "哈萨克斯坦政府第一副总理"), ("holds_position", "努尔特列乌", "哈萨克斯坦外长")}),
    ("塔吉克斯坦总统拉赫蒙率议会上院议长兼杜尚别市长鲁斯塔姆等高级官员热情迎接。",
     {("holds_position", "鲁斯塔姆", "塔吉克斯坦议会上院议长")}),
    # a chain of a foreign party's offices names the party once (越共 = 越南共产党)
    ("越共中央政治局委员、中央书记处书记、中央对外部部长黎怀忠出席。",
     {("holds_position", "黎怀忠", "越共中央政治局委员"), ("holds_position", "黎怀忠", "越共中央书记处书记"),
      ("holds_position", "黎怀忠", "越共中央对外部部长")}),
    # … China's own is left as written
    ("中共中央政治局委员、中央书记处书记李干杰出席。", {("holds_position", "李干杰", "中央书记处书记")}),
    # a bare title before a foreign name is of the one foreign country the report names
    ("赵乐际对希腊进行正式友好访问，在雅典同议长塔苏拉斯举行会谈。", {("holds_position", "塔苏拉斯", "希腊议长")}),
    # … or, where it names several, of the one its sentence names before the title
    ("疫情侵襲美國，總統特朗普周三宣布，限制所有歐洲旅客入境美國30天，英國除外。",
     {("holds_position", "特朗普", "美国总统")}),
    ("据报道，印度尼西亚新任总统普拉博沃20日宣誓就职，马来西亚总理安瓦尔出席就职仪式。",
     {("holds_position", "普拉博沃", "印度尼西亚总统"), ("holds_position", "安瓦尔", "马来西亚总理")}),
    ("美國國家安全事務顧問博爾頓陪同總統特朗普，到新加坡會晤北韓領袖金正恩。美國與北韓的談判仍在繼續。",
     {("holds_position", "特朗普", "美国总统")}),
    # … but an office that names its own place keeps it
    ("习近平和卡塔尔埃米尔塔米姆、巴林国王哈马德、海合会秘书长纳伊夫出席峰会。",
     {("holds_position", "哈马德", "巴林国王"), ("holds_position", "纳伊夫", "海合会秘书长")}),
    # speaks_at: the speech verbs of press reports (回应称, 批评, 否认)
    ("高雄市長韓國瑜回應稱，一切以主人要求為主。", {("speaks_at", "韩国瑜", None)}),
    ("民主黨議員郭家麒批評鄭若驊知法犯法。", {("speaks_at", "郭家麒", None)}),
    ("律政司司長鄭若驊否認知悉僭建。", {("speaks_at", "郑若骅", None)}),
    # … but a comma after a speech named (致辞) opens the next speaker's clause
    ("会上，市委书记张明致辞，市长李华讲话。", {("speaks_at", "张明", None), ("speaks_at", "李华", None)}),
    ("王沪宁表示，习近平总书记强调，中华文化是中华民族的精神命脉。", {("speaks_at", "王沪宁", None)}),
    # … who speaks to another (对/向 X 表示) speaks
    ("孔令川對曹文斌副市長一行表示歡迎,并簡要介紹了長興縣的基本情況。", {("speaks_at", "孔令川", None)}),
    ("市委书记王强向省长李明表示感谢。", {("speaks_at", "王强", None)}),
    # who reads out another's letter or greetings speaks; the author does not
    ("王毅转达习近平主席的亲切问候并表示，中方愿同各方合作。", {("speaks_at", "王毅", None)}),
    # a list that repeats an office's title alone: the office it gave in full before
    ("全国人大常委会副委员长王东明、副委员长肖捷出席。", {("holds_position", "肖捷", "全国人大常委会副委员长")}),
    ("会议听取了全国人大宪法法律委副主任委员骆源作的报告、副主任委员徐辉作的报告。",
     {("holds_position", "骆源", "全国人大宪法法律委副主任委员"), ("holds_position", "徐辉", "全国人大宪法法律委副主任委员")}),
    # a meeting of three sides: each meets each
    ("习近平同俄罗斯总统普京、蒙古国总统呼日勒苏赫举行中俄蒙三国元首会晤。",
     {("meets", "习近平", "普京"), ("meets", "习近平", "呼日勒苏赫"), ("meets", "普京", "呼日勒苏赫")}),
    # present at a meeting (在座) is attending it; the 会见 in 会见时在座 is no verb of theirs
    ("市领导朱伟、陈奕君等会见时在座。", {("attends", "朱伟", None), ("attends", "陈奕君", None)}),
    ("美国总统特朗普与乌克兰总统泽连斯基在白宫会面，美国副总统万斯在座。", {("attends", "万斯", None)}),
    # hosts who receive a delegation's inspection (接待考察) go with it
    ("6月16日,区委书记王明率城东区党政代表团赴雷波县考察对接工作。\n雷波县委书记张华,县委常委、副县长李强等接待考察。",
     {("accompanies", "张华", "城东区党政代表团"), ("accompanies", "李强", "城东区党政代表团")}),
    # who made a report a session heard (听取了X作的关于…的报告) speaks at it and attends it
    ("会议听取了省人大常委会副主任张华作的关于检查种子法实施情况的报告、副主任李明作的汇报。",
     {("speaks_at", "张华", None), ("attends", "张华", None), ("speaks_at", "李明", None)}),
    # seated on a session's rostrum (在主席台就座) is attending it
    ("省政协十二届五次会议今天上午开幕。省政协副主席张华、李明在主席台前排就座。",
     {("attends", "张华", None), ("attends", "李明", None)}),
    # a party written as its head's (李明华等一行) is who its delegation words stand for
    ("昨日，云南省华宁县县长李明华等一行来我市学习考察。市领导张伟、王强陪同考察。\n"
     "考察团一行实地考察了我市丝绸博物馆、龙井茶叶有限公司。",
     {("visits", "李明华", "丝绸博物馆"), ("visits", "李明华", "龙井茶叶有限公司"),
      ("accompanies", "张伟", "李明华"), ("accompanies", "王强", "李明华")}),
    # a body written before its holder's name and the title after it (the tagger reads no office in
    # a title alone after a name), the head of a place too; not a word that only looks like a name
    ("福州市委王宁书记出席会议。", {("holds_position", "王宁", "福州市委书记")}),
    ("還有中聯辦鄭雁雄主任一同來到立法會。", {("holds_position", "郑雁雄", "中联办主任")}),
    ("例如我昨日與到訪的廣州市郭永航巿長會面。", {("holds_position", "郭永航", "广州市市长")}),
    ("港大荣休教授周永新表示，政府应该检讨。", {("holds_position", "周永新", "港大荣休教授")}),
    # the host welcomes the guest 为 names, then they talk (为…举行欢迎仪式并会谈)
    ("國務院總理李強在北京人民大會堂,為到訪的英國首相施紀賢舉行歡迎儀式並會談。", {("meets", "李强", "施纪贤")}),
    ("国家主席习近平在人民大会堂东门外广场为来华进行国事访问的巴西总统卢拉举行欢迎仪式并举行会谈。",
     {("meets", "习近平", "卢拉")}),
    # a country as the Taiwan press writes it (莫三比克) opens its head's office
    ("習近平和莫三比克總統紐西在人民大會堂東大廳舉行會談。",
     {("holds_position", "纽西", "莫三比克总统"), ("meets", "习近平", "纽西")}),
    # a leader of a group the story never names goes where it goes (as a named delegation would)
    ("3月5日，德阳市委书记张华带领市直有关部门主要负责同志赴湖州市考察学习。", {("visits", "张华", "湖州市")}),
    ("3月5日，德阳市委书记张华带队前往湖州市考察学习。", {("visits", "张华", "湖州市")}),
    ("3日至5日，省委常委张华率省直相关部门负责同志，重点围绕培育工业新增长点，赴挂钩联系的漳州市开展活动。",
     {("visits", "张华", "漳州市")}),
    ("7月2日上午，夏邑县委副书记、县长李明，县委副书记王强，县政府党组成员、高新区管委会常务副主任刘刚在"
     "带领相关部门负责同志前往新密市考察。", {("visits", "李明", "新密市")}),
    # … and so does a leader of people the story names (率 A、B…等一行)
    ("县委书记张华率县委常委、副县长李明，县政府办主任王强赴临安区考察。", {("visits", "张华", "临安区")}),
    ("乌当区委书记张华率水田镇党委书记李明、羊昌镇长王强及各级领导等一行14人参访苗栗。",
     {("visits", "张华", "苗栗")}),
    # a delegation named by its kind after a district's office written with its level twice (区区委)
    ("3月25日，浙江省湖州市吴兴区区委书记张华带领党政代表团来延吉考察。",
     {("leads", "张华", "吴兴区党政代表团"), ("holds_position", "张华", "浙江省湖州市吴兴区区委书记")}),
    # 前往 is a visit where what one does there follows, in the next clause too (主持, 参加, 拜会)
    ("市长张华7月1日前往上海，主持开幕式。", {("visits", "张华", "上海")}),
    # the officials a Hong Kong release lists as going along accompany the traveller
    ("行政長官梁振英將於九月二十六日率領代表團訪問重慶。陪同行政長官出訪的官員包括商務及經濟發展局局長張華、"
     "政府新聞處處長李明。", {("accompanies", "张华", "梁振英"), ("accompanies", "李明", "梁振英")}),
    ("政務司司長唐英年7月1日前往上海，主持開幕式。隨行官員包括政制及內地事務局常任秘書長張華、政府新聞處處長李明。",
     {("accompanies", "张华", "唐英年"), ("accompanies", "李明", "唐英年")}),
    # an aide's title after the office he serves is one office (行政长官私人秘书)
    ("陪同的官員包括行政長官私人秘書張華、行政長官高級特別助理李明。",
     {("holds_position", "张华", "香港行政长官私人秘书"), ("holds_position", "李明", "香港行政长官高级特别助理")}),
    # a country's Taiwan form written in full (马拉威共和国 for 马拉维共和国) opens its head's office
    ("馬拉威共和國總統穆塔里卡閣下暨夫人等一行抵華訪問。", {("holds_position", "穆塔里卡", "马拉威共和国总统")}),
    # the two people a sentence opens with sign what its clause of 并 signs
    ("会上，张华与李明分别介绍两地经济社会发展情况，就两地如何推动合作开展深入交流，并签订了《两地友好合作协议》。",
     {("signs", "张华", "两地友好合作协议"), ("signs", "李明", "两地友好合作协议")}),
    # the people who act for the two sides named after 代表 sign, and so do the sides
    ("会上，张华、李明分别代表赤峰、扬州两市政府签订缔结友好城市协议书。",
     {("signs", "张华", "缔结友好城市协议书"), ("signs", "李明", "缔结友好城市协议书"),
      ("signs", "扬州", "缔结友好城市协议书")}),
    # one committee's departments in a chain are all of that committee
    ("江津区委常委、统战部部长张华，泸州市委常委、组织部部长、统战部部长李明出席交流座谈会。",
     {("holds_position", "李明", "泸州市委统战部部长"), ("holds_position", "张华", "江津区委统战部部长")}),
    # a delegation the holder of a place's office welcomes is in his place
    ("汉中市委书记张华对巴中市党政代表团一行的到来表示热烈欢迎。", {("visits", "巴中市党政代表团", "汉中市")}),
    # both sides of a meeting away from their homes are at its place (A同B在X会晤)
    ("中央外事工作委员会办公室主任张华同美国总统国家安全事务助理沙利文在瑞士苏黎世举行会晤。",
     {("visits", "张华", "苏黎世"), ("visits", "沙利文", "苏黎世")}),
    # a delegation's head, his office at home after a comma, leads it
    ("上海市徐汇区经贸考察团团长，徐汇区工商联党组书记张华在座谈中表示感谢。",
     {("leads", "张华", "上海市徐汇区经贸考察团"), ("holds_position", "张华", "徐汇区工商联党组书记")}),
    # diplomatic ranks after a mission
    ("中国驻以色列大使馆临时代办张华出席仪式并致辞。", {("holds_position", "张华", "中国驻以色列大使馆临时代办")}),
    ("法国大使馆军事参赞蒙特科出席。", {("holds_position", "蒙特科", "法国大使馆军事参赞")}),
    # two offices of one body joined by 及 before a name are both his
    ("香港民意研究所主席及行政总裁钟庭耀表示，他会选择留下。",
     {("holds_position", "钟庭耀", "香港民意研究所主席"), ("holds_position", "钟庭耀", "香港民意研究所行政总裁")}),
])
def test_relations_found(text, expected):
    assert expected <= relations(text)


@pytest.mark.parametrize("text, absent", [
    # 作的 of 工作的 is no report made
    ("张华工作的单位在北京。", "speaks_at"),
    # a view written in a joint statement is no speech
    ("立法會議員朱凱廸、區諾軒發表聯署聲明，認為這種安排不合適。", "speaks_at"),
    # witnesses do not sign
    ("会谈后，两国元首共同见证签署《中古关于深化合作的联合声明》。", "signs"),
    # … but a named delegation goes for its leader
    ("3月5日，德阳市委书记张华率德阳市党政代表团赴湖州市考察学习。", "visits:张华"),
    # who welcomes a delegation does not lead it
    ("台北市市长柯文哲19日晚在圆山大饭店欢迎上海市常务副市长周波率领的上海市政府代表团一行。", "leads:柯文哲"),
    # the guest met does not attend what the host goes on to attend (，并出席)
    ("李强会见了越南总理范明政，并出席欢迎宴会。", "attends:范明政"),
    ("习近平同普京举行会谈，并出席签字仪式。", "attends:普京"),
    # the one welcomed or thanked (对/向 X 表示) does not speak
    ("3月18日至19日，安平市副市长曹文斌率安平市政府参访团一行25人到长兴县交流考察。"
     "孔令川對曹文斌副市長一行表示歡迎,并簡要介紹了長興縣的基本情況。", "speaks_at:曹文斌"),
    ("市委书记王强向省长李明表示感谢。", "speaks_at:李明"),
    # the author of a letter another reads out does not speak
    ("国家副主席韩正15日在北京出席2024世界中文大会开幕式，宣读习近平主席贺信并致辞。", "speaks_at:习近平"),
    ("王毅转达习近平主席的亲切问候并表示，中方愿同各方合作。", "speaks_at:习近平"),
    # 前往 without arrival is no visit
    ("代表团随后启程前往上海。", "visits"),
    # a speech referred to is not a speech given, a visit referred to not a visit made
    ("深入贯彻习近平总书记视察山东重要讲话精神。", "speaks_at"),
    ("深入贯彻习近平总书记视察山东重要讲话精神。", "visits"),
    # 到 completing another verb (感受到) is no visit
    ("我们切实感受到北京发展的大气魄。", "visits"),
    # people who attend a meeting do not meet
    ("石泰峰、王东峰等参加会见。", "meets"),
    # nobody visits the country of his own office
    ("中共中央政治局常委、国务院总理李强出席中国—中亚峰会并访问中国。", "visits"),
    # a foreign host in his own capital visits nothing
    ("当地时间13日，美国总统特朗普在白宫发表讲话。", "visits"),
    # talks at a venue are a meeting there, not a visit to it
    ("在人民大会堂，习近平同俄罗斯总统普京举行会谈。", "visits"),
    # not attending is no attending
    ("唐英年周五没有出席记者会，谭耀宗指唐英年有事未能出席。", "attends"),
    # 访苏 is a visit to the Soviet Union, not to 江苏
    ("赫鲁晓夫邀请毛泽东访苏。", "visits"),
    # guests met one after the other do not meet each other
    ("习近平分别会见俄罗斯总统普京、蒙古国总统呼日勒苏赫。", "meets:普京"),
    # the country a city lies in is no side of the two cities that sign
    ("张家界市代表团对韩国河东郡进行友好访问，两市签订了《友好交流意向书》。", "signs:韩国"),
    # a document named past the unnamed one the verb signs is what the next verb acts on
    ("20家外国出版机构与中国外文局签署备忘录 共同翻译出版《习近平谈治国理政》第四卷。", "signs"),
    ("中央军委主席习近平日前签署命令，发布新修订的《中国人民解放军内务条令》。", "signs"),
    ("汉中市与巴中市签署合作备忘录，共同推进《汉巴一体化发展规划》。", "signs"),
    # urging a side to sign is no signing
    ("特朗普敦促乌方签署美乌矿产协议。", "signs"),
    # … nor proposing a signing, supposing one or asking whether it will be
    ("吴敦义建议与北京签订《两岸和平协议》。", "signs"),
    ("《西藏旅行对等法》一旦由总统特朗普签署成为法律之后，将要求国务卿评估情况。", "signs"),
    ("外资网站如果想要中国业务存在下去也必须签署《中国互联网行业自律公约》。", "signs"),
    # a deputy head of a delegation does not lead it
    ("中央代表团副团长李干杰出席活动。", "leads"),
    # 率 inside a word after a date is no cue (日利率)
    ("人民银行5日利率保持不变。", "leads"),
    # those listed as coming along do not escort the first of their own list
    ("市领导阮建尧、俞仲兴、孙海荣陪同考察。", "accompanies"),
    # the spirit of a speech made on a visit past is no visit now
    ("他强调，要深入学习贯彻习近平总书记在湖南考察时的重要讲话精神。", "visits:习近平"),
    # what a speaker reports another stressed is his own speech, not the other's
    ("王沪宁表示，习近平总书记强调，中华文化是中华民族的精神命脉。", "speaks_at:习近平"),
    # who joins an inspection (一同调研, as 参加调研) accompanies its leader and visits nothing of his own
    ("王沪宁在广西调研。石泰峰、王东峰一同调研。", "visits:王东峰"),
    # … nor do the members of a visitor's party listed as coming along
    ("澳门特区行政长官何厚铧率团访问北京。随同行政长官出访的特区政府代表团成员有：经济财政司司长谭伯源、新闻局局长陈致平。",
     "visits:谭伯源"),
    # the reporter a line opens with (记者张华 由…) is in none of the story's relations
    ("沪闽交流\n记者张华 由上海市委副书记、市长李明率领的上海市代表团昨天来到福建省三明市。", "visits:张华"),
    # hosts who come along visit nothing of their own city (考察团一行 is the guests' party)
    ("昨日，云南省华宁县县长李明华等一行来我市学习考察。市领导张伟、王强陪同考察。\n"
     "考察团一行实地考察了我市丝绸博物馆。", "visits:张伟"),
])
def test_relations_not_found(text, absent):
    type_, _, subject = absent.partition(":")
    assert not any(t == type_ and subject in ("", s) for t, s, _ in relations(text))


def test_a_pronoun_is_not_whoever_speaks_of_him_in_his_own_clause():
    # both 他 are the guest the sentence before names, not the host of the clause before
    found = relations("英国首相亚当斯此访是英国首相时隔8年再次访华。"
                      "访问期间，王强主席将同他会见，李明总理、张华委员长将分别同他会谈、会见。")
    assert {("meets", "王强", "亚当斯"), ("meets", "李明", "亚当斯")} <= found
    assert not {("meets", "王强", "李明"), ("meets", "王强", "张华")} & found


def test_the_one_met_inside_a_when_clause_does_not_speak():
    found = relations("王毅在会见巴基斯坦外长达尔时表示，中方愿同巴方加强合作。")
    assert ("speaks_at", "王毅", None) in found and ("speaks_at", "达尔", None) not in found


def test_a_name_of_chinese_shape_takes_no_countrys_office_without_a_partner_before_it():
    # the one foreign country named is not the office of 蔡英文总统
    found = relations("美國國務卿蓬佩奧訪問台灣時，蔡英文總統接見了他。")
    assert ("holds_position", "蓬佩奥", "美国国务卿") in found
    assert not any(t == "holds_position" and s == "蔡英文" for t, s, _ in found)
    # nor a bare title before such a name (China's premier, not the one foreign country's)
    found = relations("美国财长耶伦访华。总理李强会见了她。")
    assert ("holds_position", "李强", "美国总理") not in found


def test_the_host_of_a_visitor_described_by_a_relative_clause_visits_nothing():
    text = "吉林省省长景俊海会见了在吉林考察的市委书记陈龙和金华市党政代表团一行。"
    assert not any(t == "visits" and s == "景俊海" for t, s, _ in relations(text))


def test_an_office_one_holds_at_a_time_is_not_shared_down_a_list():
    found = relations("終審法院首席法官與特首林鄭月娥、陳冬、鄭雁雄等合照。")
    assert ("holds_position", "林郑月娥", "香港行政长官") in found
    assert not any(t == "holds_position" and s in ("陈冬", "郑雁雄") for t, s, _ in found)


def test_an_aide_holds_the_aide_s_office_not_the_one_he_serves():
    found = relations("联合国秘书长发言人迪雅里克表示，联合国关注局势。")
    assert ("holds_position", "迪雅里克", "联合国秘书长发言人") in found
    assert ("holds_position", "迪雅里克", "联合国秘书长") not in found


@pytest.mark.parametrize("text, holder, office", [
    ("身兼立法会议员的民主党邝俊宇批评警方。", "邝俊宇", "立法会议员"),
    ("作为全国政协委员的李四表示支持。", "李四", "全国政协委员"),
    ("担任立法会主席的李明表示支持。", "李明", "立法会主席"),
])
def test_a_clause_that_describes_a_man_by_his_office_gives_it_to_him(text, holder, office):
    # 身兼/身为/作为 an office 的 (his party) name: he holds it
    assert ("holds_position", holder, office) in relations(text)


def test_a_chain_of_offices_goes_on_past_a_name_inside_one_of_them():
    # 华 (China) inside the first office does not cut the chain; its country is the next office's
    found = relations("印尼对华合作牵头人、统筹部长阿古斯表示欢迎。")
    assert {("holds_position", "阿古斯", "印尼对华合作牵头人"), ("holds_position", "阿古斯", "印尼统筹部长")} <= found


def test_going_deep_that_says_how_deep_is_no_visit_word():
    # (进行深入的学习考察): the places after 在 are the ones visited, not none after 深入
    found = rule_relations("安平省党政代表团抵达广州。代表团将先后在佛山、东莞和深圳进行深入的学习考察。")
    assert {("visits", "安平省党政代表团", "佛山"), ("visits", "安平省党政代表团", "深圳")} <= found


def test_a_country_s_short_form_before_a_title_is_the_country():
    found = relations("乌克兰局势持续紧张。乌总统科瓦连科当天称，各方都应展现谈判意愿。")
    assert ("holds_position", "科瓦连科", "乌克兰总统") in found


@pytest.mark.parametrize("text", [
    "曾担任立法会主席的李明表示支持。",
    "当年担任立法会主席的李明表示支持。",
    "盛传即将出任立法会主席的李明表示支持。",
])
def test_an_office_held_once_or_to_come_is_not_described_as_his(text):
    assert ("holds_position", "李明", "立法会主席") not in relations(text)


def test_an_office_in_a_clause_on_something_else_is_no_man_s():
    # 作为世界第二大经济体的中国 describes a country; the name in the next clause holds nothing of it
    assert not {r for r in relations("作为全国政协委员会所在地的北京，李四表示欢迎。") if r[0] == "holds_position"}


def _meeting_pairs(text: str) -> list[list[str]]:
    """Who meets whom in ``text``, each relation as its two sides sorted (a meeting is unordered)."""
    return sorted(sorted((s, o)) for t, s, o in relations(text) if t == "meets")


# A clause of time that opens with the verb: its guests meet whom the next clause opens with; no one
# where no person opens the next clause, or the clause names no guest.  (One relation for the pair,
# not one each way round.)
CLAUSE_OF_TIME_MEETINGS = [
    ("在会见巴西总统卢拉时，李希转达习近平主席的亲切问候。", [["卢拉", "李希"]]),
    ("会见议长卡克拉马尼斯时，李希表示，中方愿同希方共同落实好两国领导人达成的重要共识。", [["卡克拉马尼斯", "李希"]]),
    ("在会见南非国民议会议长、非国大全国执委迪迪扎时，李希表示，中方愿深化立法机构交往。", [["李希", "迪迪扎"]]),
    ("在会见巴西总统卢拉时，双方就两国关系交换了意见。", []),
    ("会见结束时，李希表示，中方愿同巴方深化合作。", []),
]


@pytest.mark.parametrize("text, pairs", CLAUSE_OF_TIME_MEETINGS)
def test_a_meeting_in_a_clause_of_time_is_the_next_clause_s_subject_s(text, pairs):
    assert _meeting_pairs(text) == pairs


def test_china_s_head_after_his_partner_holds_no_office_of_the_partner_s_country():
    text = "古巴是中国的好朋友。古方愿落实好迪亚斯-卡内尔主席和习近平主席的重要共识。"
    assert ("holds_position", "习近平", "古巴国家主席") not in relations(text)


def test_the_partner_of_china_s_head_holds_no_office_of_china_s_anywhere_in_the_story():
    # 范明政总理 before the sentence that pairs him with China's head is Vietnam's premier there too
    text = ("应越共中央总书记阮富仲、越南国家主席武文赏邀请，习近平对越南进行国事访问。"
            "范明政总理、王庭惠国会主席出席欢迎宴会。习近平总书记还分别同武文赏国家主席、范明政总理会见会谈。")
    found = relations(text)
    assert ("holds_position", "范明政", "国务院总理") not in found
    # … while China's head, written as the partner of his own partner, keeps his office
    text = "习近平主席同迪亚斯-卡内尔主席两次会晤。古方愿落实好迪亚斯-卡内尔主席和习近平主席的重要共识。"
    assert ("holds_position", "习近平", "国家主席") in relations(text)


@pytest.mark.parametrize("text", [
    "习近平主席同朔尔茨总理会谈。德国和法国都是中国的重要伙伴。",
    # … nor where the sentence pairs China with two of them (中德, 中法)
    "习近平主席同朔尔茨总理会谈，中德、中法关系发展良好。德国和法国都是中国的重要伙伴。",
    # … nor where a second country is named only by an office's body
    "习近平主席同朔尔茨总理会谈。德国是中国的重要伙伴，法国外交部长也表示欢迎。",
    # … nor where its sentence names two before the title
    "美国和英国领导人通话后，总统特朗普表示，双方同意加强合作。",
    # … nor where it names one only after the title
    "他没有向副总统彭斯全面汇报与俄罗斯驻美大使的电话内容。英国首相表示关注。",
])
def test_a_foreign_bare_title_with_two_countries_named_holds_no_office(text):
    assert not any(t == "holds_position" and s in ("朔尔茨", "特朗普", "彭斯") for t, s, _ in relations(text))

@pytest.mark.parametrize("text", [
    # two counted offices of the title: which one is his the story does not say
    "会上，5位全国政协常委和3位全国人大常委发言。曹卫星常委发言建议，完善长效机制。",
    # a title before a name is no office the count gives (常委 there opens a clause of its own)
    "14位全国政协常委作大会发言。会议由常委曹卫星主持。",
])
def test_a_counted_office_completes_only_a_title_after_a_name(text):
    assert not any(t == "holds_position" and s == "曹卫星" and o.endswith("政协常委") for t, s, o in relations(text))


@pytest.mark.parametrize("text, person", [
    ("习近平在堪培拉会见总督莫斯廷。", "莫斯廷"),                       # a clause, no description of a body
    ("立陶宛脱离苏联后首任总统维陶塔斯表示。", "维陶塔斯"),
    ("由湖北省人大常委、原湖北省政府参事室主任徐德文为团长的参事代表团访问瑞典。", "徐德文"),  # a former office
    ("苏丹前过渡政府总理哈姆杜克表示。", "哈姆杜克"),
])
def test_no_described_body_for_a_clause_or_a_former_office(text, person):
    found = relations(text)
    assert not any(t == "holds_position" and s == person and o != "湖北省人大常委" for t, s, o in found), found




@pytest.mark.parametrize("text, signers, witnesses, document", [
    # who witnesses a signing does not sign; the two it names do
    ("周祖翼参观展示馆并见证省商务厅与中葡论坛常设秘书处签订经贸合作协议。",
     ("省商务厅", "中葡论坛常设秘书处"), ("周祖翼",), "经贸合作协议"),
    ("双方还共同见证了国家监委和古巴总审计署签署《反腐败合作谅解备忘录》。",
     ("国家监委", "古巴总审计署"), (), "反腐败合作谅解备忘录"),
    # 在…见证下 opens the witnesses, not the place of the signing; 两市 there are not the signers
    ("在两市领导见证下，汉中市与巴中市签署了《战略合作框架协议》。", ("汉中市", "巴中市"), (), "战略合作框架协议"),
])
def test_the_parties_a_witnessed_signing_names_sign(text, signers, witnesses, document):
    found = relations(text)
    assert all(("signs", s, document) in found for s in signers)
    assert not any(("signs", w, document) in found for w in witnesses)


@pytest.mark.parametrize("text, signer, document", [
    # a signing clause that names no one carries the sentence's delegation (a headline too)
    ("安徽党政代表团到江苏考察 签署合作交流协议\n10月8日至9日，安徽省党政代表团来江苏考察访问。",
     "安徽党政代表团", "合作交流协议"),  # (the name as written; resolving makes it 安徽省党政代表团)
    ("温州市党政代表团赴贵州考察，签署了《东西部扶贫协作框架协议》。", "温州市党政代表团", "东西部扶贫协作框架协议"),
])
def test_a_delegation_signs_where_its_signing_names_no_one(text, signer, document):
    assert ("signs", signer, document) in relations(text)


def test_a_signer_outside_the_signing_clause_does_not_sign():
    text = "赵小明一行受到了河东郡政府官员和市民的热情欢迎,市政府与河东郡政府签订了《关于民间文化艺术交流与合作的意向书》。"
    assert ("signs", "赵小明", "关于民间文化艺术交流与合作的意向书") not in relations(text)


def test_hosts_listed_with_commas_each_meet_the_guest():
    text = ("11月14日,省委副书记王富玉,省政协副主席、省委统战部部长伍席源,省政协副主席、民建贵州省委主委王录生"
            "在贵州饭店会见了由天津市政协副主席叶厚荣为团长的天津市考察团一行。")
    met = {frozenset((s, o)) for t, s, o in rule_relations(text) if t == "meets"}
    assert {frozenset(("王富玉", "叶厚荣")), frozenset(("伍席源", "叶厚荣")), frozenset(("王录生", "叶厚荣"))} <= met


@pytest.mark.parametrize("text", [
    # a clause that opens with 与 after an adverb of sequence (随即, 接着) meets the sentence's subject
    "李家超抵达新加坡后，随即与新加坡总理李显龙会面，双方见证两地签署多份合作备忘录。",
    "李家超抵达新加坡后，接着与新加坡总理李显龙会面。",
])
def test_a_clause_that_opens_with_the_partner_after_an_adverb_meets_the_subject(text):
    met = {frozenset((s, o)) for t, s, o in rule_relations(text) if t == "meets"}
    assert met == {frozenset(("李家超", "李显龙"))}


@pytest.mark.parametrize("text, wanted, unwanted", [
    # a surname and a title stand for the one person the story gave that title (骆主任: 骆惠宁)
    ("新任中联办主任骆惠宁今日与行政长官林郑月娥会面。林郑月娥表示前年骆主任以山西省委书记身分访港。",
     {("visits", "骆惠宁", "香港")}, {("visits", "林郑月娥", "香港")}),
    ("济南市市长张三会见了代表团。张市长表示，欢迎各位来济南考察。", {("speaks_at", "张三", None)}, set()),
    # (no one the story gave the title: no one)
    ("代表团会见了客人。张市长表示欢迎。", set(), {("speaks_at", "张三", None)}),
])
def test_a_surname_and_a_title_stand_for_their_holder(text, wanted, unwanted):
    found = rule_relations(text)
    assert wanted <= found
    assert not (unwanted & found)


@pytest.mark.parametrize("text, signers", [
    # a bill signed into law: the head written last before the verb, not the houses that passed it
    # (在…后 says when, not where)
    ("在美國參眾兩院通過《香港人權與民主法案》、總統特朗普簽署成法律後，中方表示將實施制裁。", {"特朗普"}),
    # 由于 says why, not where: who comes after it may sign
    ("由于两市合作基础良好，汉中市与巴中市于昨日签署了《战略合作框架协议》。", {"汉中市", "巴中市"}),
])
def test_who_signs_around_words_of_time_and_cause(text, signers):
    assert {s for t, s, _ in rule_relations(text) if t == "signs"} == signers


def test_the_two_heads_are_the_two_whose_words_open_paragraphs():
    text = ("央视网消息（新闻联播）：欢迎仪式后，两国元首举行会谈。\n习近平指出，两国关系具有深厚的历史渊源。\n"
            "拉赫蒙表示，塔方坚定奉行一个中国政策。\n会谈后，两国元首共同签署《中塔联合声明》。")
    found = relations(text)
    assert {("signs", "习近平", "中塔联合声明"), ("signs", "拉赫蒙", "中塔联合声明")} <= found
    assert ("meets", "习近平", "拉赫蒙") in found or ("meets", "拉赫蒙", "习近平") in found


def test_each_order_of_a_numbered_list_is_signed():
    found = relations("国家主席习近平4月26日签署第二十二、二十三、二十四号主席令。")
    assert {("signs", "习近平", f"第{n}号主席令") for n in ("二十二", "二十三", "二十四")} <= found
    # (the first of several orders is no numbered order: 第一份行政命令)
    assert not any(t == "signs" and o.startswith("第一号") for t, _, o in relations("特朗普签署第一份行政命令。"))


def rule_relations(text: str) -> set[tuple[str, str, str | None]]:
    """What the rules read (the votes the relation model weighs), before the model decides."""
    from kg.extract.relations import read_relations

    seg = segment("t", normalize(text))
    _, found = read_relations(seg, find_mentions(seg))
    return {(f.type, f.subject.name, f.object.name if f.object is not None else None) for f in found}


@pytest.mark.parametrize("text, expected", [
    # a clause that goes on with 并 or 随后 after a meeting has the sentence's subject, not the guest
    # met; with 共同 both
    ("李强会见了越南总理范明政，并出席欢迎宴会。", {("attends", "李强", None)}),
    ("林郑月娥明日将拜会国务院港澳事务办公室主任夏宝龙，随后出席座谈会。", {("attends", "林郑月娥", None)}),
    ("张三会见了越南总理范明政，并共同出席签字仪式。", {("attends", "张三", None), ("attends", "范明政", None)}),
    ("习近平同普京举行会谈，并共同出席签字仪式。", {("attends", "习近平", None), ("attends", "普京", None)}),
])
def test_the_rules_give_a_clause_that_goes_on_after_a_meeting_its_subject(text, expected):
    assert expected <= rule_relations(text)


def test_the_rules_give_the_visit_of_a_guest_come_on_a_goodwill_visit_to_him_not_his_host():
    found = rule_relations("赵乐际在人民大会堂同来华进行正式友好访问的越南国会主席陈青敏举行会谈。")
    assert ("visits", "陈青敏", "中国") in found
    assert not any(t == "visits" and s == "赵乐际" for t, s, _ in found)


def test_who_goes_on_to_visit_after_meeting_others_is_the_subject_not_those_met():
    found = rule_relations("访华期间，泰国总理赛塔还分别会见了国务院副总理丁薛祥、外交部长王毅，并赴上海、广州参观访问。")
    assert {("visits", "赛塔", "上海"), ("visits", "赛塔", "广州")} <= found
    assert not any(t == "visits" and s in ("丁薛祥", "王毅") for t, s, _ in found)


@pytest.mark.parametrize("text, speaks", [
    # a speech verb jieba glued to the 时 that closes a clause of time (查询|时说)
    ("屬開明派的校委張達明回覆查詢時說，不反對港大多與內地交流。", True),
    # … but not 说 of a word 时 opens (同时|说明)
    ("张达明同时说明了情况。", False),
])
def test_a_speech_verb_after_a_clause_of_time_is_a_cue(text, speaks):
    assert (("speaks_at", "张达明", None) in rule_relations(text)) is speaks


@pytest.mark.parametrize("text, relation, person, read", [
    ("山东省党政代表团到北京市学习。北京市委书记蔡奇陪同调研并在座谈会上讲话。", "speaks_at", "蔡奇", True),
    # who listens to a presentation does not speak
    ("在六尺巷，习近平听取当地传承弘扬六尺巷文化情况介绍。", "speaks_at", "习近平", False),
    # who reads out another's letter and gives an address speaks; the letter's author does not
    ("国家副主席韩正15日在北京出席2024世界中文大会开幕式，宣读习近平主席贺信并致辞。", "speaks_at", "韩正", True),
    ("国家副主席韩正15日在北京出席2024世界中文大会开幕式，宣读习近平主席贺信并致辞。", "speaks_at", "习近平", False),
    # who addresses a gathering, or takes the floor there in turn, attends it
    ("全国政协副主席王东峰、朱永新先后致辞。", "attends", "朱永新", True),
    ("白俄罗斯中国友好协会主席托济克等中外代表在大会上发言。", "attends", "托济克", True),
    ("论坛开幕式上，世界贸易组织副总干事张向晨作了发言。", "attends", "张向晨", True),
    # remarks recalled, and a speech that no gathering hears, attend nothing
    ("他会继续关注梁继昌在委员会中的发言。", "attends", "梁继昌", False),
    ("李强在天津调研时强调，要稳住外贸基本盘。", "attends", "李强", False),
    # giving one's views (发表意见) is speaking
    ("座谈会上，省政协委员吴旭洋、蔡思明及刘家麟分别发表意见。", "speaks_at", "刘家麟", True),
    # the Hong Kong press's verbs of questioning in the council (追问, 质疑) and a speech (发表演说)
    ("工联会议员麦美娟追问，轮候公屋的市民能否三年上楼。", "speaks_at", "麦美娟", True),
    ("印度总理莫迪在论坛开幕日发表演说。", "speaks_at", "莫迪", True),
])
def test_the_rules_read_who_speaks_and_who_attends_as_a_speaker(text, relation, person, read):
    # The rules' votes. The classifier decides speaks_at (out of fold it beats the rules, 0.860 against
    # 0.835); on these sentences alone it does not follow them (benchmarks/ROUNDS.md, stops 34 and 35).
    assert ((relation, person, None) in rule_relations(text)) is read


@pytest.mark.parametrize("text, places, not_visited", [
    # places written together are each visited: after 到, after 在, on a site that opens the sentence
    ("李干杰带领调研组到甘肃省定西市考察。", ("甘肃省", "定西市"), ()),
    ("刘振立带领调研组在吐鲁番市坎儿井、交河故城考察文物保护。", ("吐鲁番市", "坎儿井", "交河故城"), ()),
    ("李强在河南调研。在中原科技城河南省科学院，李强了解科研情况。", ("中原科技城", "河南省科学院"), ()),
    # a place after a clause break is not on the visit
    ("李干杰带领调研组到甘肃省考察，定西市委书记陪同。", ("甘肃省",), ("定西市",)),
    # a list goes on through an item read as no name, and through a site's 的
    ("宁波市党政代表团到贵州考察。代表团一行先后来到贵州薏仁集团、兴仁县锁寨村的五星枇杷基地、锁寨村宁波市援建项目风雨桥、"
     "兴义市中等职业技术学校,详细了解职业教育情况。", ("贵州薏仁集团", "五星枇杷基地", "兴义市中等职业技术学校"), ()),
    # but not through an activity (a place named in what was learnt is not visited)
    ("宁波市党政代表团来到贵州薏仁集团了解产品研发、浙江企业投资情况。", ("贵州薏仁集团",), ("浙江",)),
])
def test_the_rules_visit_each_place_of_a_chain(text, places, not_visited):
    visited = {o for t, _, o in rule_relations(text) if t == "visits"}
    assert set(places) <= visited
    assert not set(not_visited) & visited


@pytest.mark.parametrize("text, visitor, regions", [
    # a region the sentence opens with, its visitor going on to its sites or acting at one: he is there
    ("在河南郑州，丁薛祥前往中原科技城、河南省农业科学院和郑州大学调研。", "丁薛祥", {"河南", "郑州"}),
    ("在西双版纳和玉溪，王沪宁到景洪市曼景罕居民小组调研。", "王沪宁", {"西双版纳", "玉溪"}),
    ("在拉萨，班禅在中国佛教协会西藏分会主持召开了系列工作会议。", "班禅", {"拉萨"}),
    # speaking of it, or meeting a guest at home there, he visits nothing
    ("在北京，习近平强调要加强合作。", "习近平", set()),
    ("在北京，习近平在人民大会堂会见俄罗斯总统普京。", "习近平", set()),
])
def test_the_rules_visit_the_region_a_sentence_opens_with_on_a_tour(text, visitor, regions):
    visited = {o for t, s, o in rule_relations(text) if t == "visits" and s == visitor}
    assert visited & {"北京", "河南", "郑州", "西双版纳", "玉溪", "拉萨"} == regions


@pytest.mark.parametrize("text, visitor, not_visitor", [
    # a sentence that names no visitor: the leader's delegation goes, as the guidelines have it
    ("3月5日，市委书记张三率扬州市党政代表团赴镇江市学习考察。在镇期间，先后参观了镇江新区、北固山公园。",
     "扬州市党政代表团", "张三"),
    # a visitor written is himself, leader or not
    ("3月5日，市委书记张三率扬州市党政代表团赴镇江市学习考察。张三参观了北固山公园。", "张三", "扬州市党政代表团"),
    # a leader who leads no delegation is carried as he is
    ("3月5日，市委书记张三赴镇江市学习考察。在镇期间，先后参观了镇江新区、北固山公园。", "张三", None),
])
def test_the_delegation_visits_for_its_leader_carried_from_the_sentence_before(text, visitor, not_visitor):
    for found in (rule_relations(text), relations(text)):
        visitors = {s for t, s, o in found if t == "visits" and o == "北固山公园"}
        assert visitor in visitors
        assert not_visitor not in visitors


def test_the_model_does_not_read_a_leader_as_the_visitor_his_delegation_is():
    text = "中共中央政治局委员、中央统战部部长、中央代表团副团长李干杰带领二分团来到莫尔寺遗址，考察当地文化遗产保护情况。"
    visitors = {s for t, s, o in relations(text) if t == "visits" and o == "莫尔寺遗址"}
    assert visitors == {"二分团"}


@pytest.mark.parametrize("text, guest, place", [
    ("国家主席习近平11日在人民大会堂同来华进行国事访问的马尔代夫总统穆伊兹举行会谈。", "穆伊兹", "人民大会堂"),
    ("国家主席习近平在北京会见来华进行国事访问的马尔代夫总统穆伊兹。", "穆伊兹", "北京"),
    # a place the host's own office names is his home too
    ("潍坊市委书记张三在潍坊宾馆会见了新竹市副市长李四。", "李四", "潍坊宾馆"),
    ("江苏省委书记、省长张三在南京会见了德国巴伐利亚州州长李四一行。", "李四", "南京"),
])
def test_the_rules_put_a_guest_met_at_home_at_the_place(text, guest, place):
    # a host at home (the capital, a national venue) visits nothing; his guest is there
    visits = {(s, o) for t, s, o in rule_relations(text) if t == "visits"}
    assert (guest, place) in visits
    assert not any(o == place and s != guest for s, o in visits)


@pytest.mark.parametrize("text, visits, absent", [
    ("国家主席习近平在利雅得会见巴林国王哈马德。", {("习近平", "利雅得"), ("哈马德", "利雅得")}, ()),
    ("国务院总理李强在马来西亚吉隆坡会见欧洲理事会主席科斯塔。", {("李强", "吉隆坡"), ("科斯塔", "吉隆坡")}, ()),
    # a guest in his own country is at home: only the host visits
    ("国务院总理李强在希腊罗德岛会见希腊总理米佐塔基斯。", {("李强", "罗德岛")}, ("米佐塔基斯",)),
    # and a guest with no title says nothing of where his home is
    ("习近平在旧金山会见拜登。", {("习近平", "旧金山")}, ("拜登",)),
])
def test_the_rules_put_host_and_guest_at_a_meeting_away_from_home(text, visits, absent):
    found = {(s, o) for t, s, o in rule_relations(text) if t == "visits"}
    assert visits <= found
    assert not any(s in absent for s, _ in found)


@pytest.mark.parametrize("text, visits, absent", [
    ("国家副主席韩正13日在海南海口出席第五届中国国际消费品博览会。", {("韩正", "海南"), ("韩正", "海口")}, ()),
    ("国家主席习近平夫人彭丽媛在巴厘岛出席领导人配偶活动。", {("彭丽媛", "巴厘岛")}, ()),
    # at home: a Chinese leader in the capital, anyone at a national venue
    ("丁薛祥28日在北京出席昆明生物多样性基金会议。", set(), ("北京",)),
    ("李强在人民大会堂出席全国科技大会。", set(), ("人民大会堂",)),
])
def test_the_rules_put_who_attends_away_from_home_at_the_place(text, visits, absent):
    found = {(s, o) for t, s, o in rule_relations(text) if t == "visits"}
    assert visits <= found
    assert not any(o in absent for _, o in found)


def test_the_generic_word_of_a_delegation_holds_no_cue():
    # 考察团一行…考察了: 考察 in 考察团 is part of the word, so the delegation is the subject of the
    # visit, not the host named in the sentence before
    text = ("长治市党政考察团来潍坊考察。市委书记杜昌文陪同。"
            "在潍期间,考察团一行先后实地考察了白浪绿洲湿地公园、城市规划艺术馆。")
    visits = {(s, o) for t, s, o in rule_relations(text) if t == "visits"}
    assert {("长治市党政考察团", "白浪绿洲湿地公园"), ("长治市党政考察团", "城市规划艺术馆")} <= visits
    assert not any(s == "杜昌文" for s, _ in visits)


@pytest.mark.parametrize("text, subject, place", [
    # an office written alone as a clause's subject stands for the one person who holds it
    # (the sentence before is another person's: a subject carried over would be his)
    ("中共中央总书记习近平在黑龙江考察。省委书记许勤陪同。总书记来到受灾较重的尚志市老街基乡龙王庙村，察看水稻受灾情况。",
     "习近平", "龙王庙村"),
    ("国务院总理李强在河南考察。省长王凯陪同考察。总理来到郑州宇通客车公司考察。", "李强", "郑州宇通客车公司"),
])
def test_an_office_alone_stands_for_its_holder(text, subject, place):
    # the place may be read with the divisions it lies in (尚志市老街基乡龙王庙村), as annotated
    visited = {o for t, s, o in rule_relations(text) if t == "visits" and s == subject}
    assert any(o.endswith(place) for o in visited)


def test_an_office_with_a_name_beside_it_is_that_persons():
    text = "中共中央总书记习近平在黑龙江考察。省委书记许勤来到龙王庙村考察。"
    visitors = {s for t, s, o in rule_relations(text) if t == "visits" and o == "龙王庙村"}
    assert visitors == {"许勤"}


@pytest.mark.parametrize("text, met", [
    # meeting a delegation is meeting the leader the article gives it, named before or after
    ("白城市委书记李洪慈带领白城市党政代表团到浙江省嘉兴市考察。嘉兴市委书记陈伟会见代表团一行并陪同考察。",
     {("陈伟", "李洪慈")}),
    ("山南市委书记张建华率山南市党政代表团来皖考察。省委书记李锦斌、省长李国英会见了来皖考察的山南市党政代表团一行。",
     {("李锦斌", "张建华"), ("李国英", "张建华")}),
    # hosts each written with his offices, one clause each
    ("宁波市委书记刘奇率宁波市党政代表团赴苏州市学习考察。苏州市委书记李四，市委副书记、市长王五分别会见代表团一行。",
     {("李四", "刘奇"), ("王五", "刘奇")}),
    # and a delegation that meets someone: its leader meets him
    ("以市长黄文辉为团长的厦门市政府代表团访问大阪。访问期间，代表团还会见了大阪市市长横山英幸，双方交换了意见。",
     {("黄文辉", "横山英幸")}),
])
def test_meeting_a_delegation_is_meeting_its_leader(text, met):
    found = {frozenset((s, o)) for t, s, o in relations(text) if t == "meets"}
    assert {frozenset(pair) for pair in met} <= found


@pytest.mark.parametrize("text, met, not_met", [
    # hosts written each with his offices, one after another with commas, all meet the guest
    ("西青区委书记李清,区委副书记、区长白凤祥会见了河北承德市政府副市长、平泉市委书记董正国。",
     {("李清", "董正国"), ("白凤祥", "董正国")}, set()),
    # … but a clause that is more than a name and its offices is no host
    ("西青区委书记李清主持会议,区委副书记、区长白凤祥会见了平泉市委书记董正国。",
     {("白凤祥", "董正国")}, {("李清", "董正国")}),
    ("1月4日,市委书记周江勇,市长刘忻会见了长春市市长张志军。",
     {("周江勇", "张志军"), ("刘忻", "张志军")}, set()),
    # a headline's names run together, hosts and guests alike
    ("黄兴国臧献甫王东峰会见彭清华陈武陈际瓦危朝安并陪同考察\n4月27日，省委书记黄兴国在石家庄会见了广西壮族自治区党委书记"
     "彭清华、自治区主席陈武率领的广西党政代表团。省长臧献甫、副省长王东峰参加会见。",
     {(h, g) for h in ("黄兴国", "臧献甫", "王东峰") for g in ("彭清华", "陈武", "陈际瓦", "危朝安")}, set()),
    # every guest of a long list, not the first three
    ("立法会通过议案后，林郑即会见李慧琼、叶刘淑仪、麦美娟、张宇人、廖长江，究竟他们以甚么身份出席？",
     {("林郑", g) for g in ("李慧琼", "叶刘淑仪", "麦美娟", "张宇人", "廖长江")}, set()),
])
def test_hosts_listed_with_commas_all_meet(text, met, not_met):
    found = {frozenset((s, o)) for t, s, o in rule_relations(text) if t == "meets"}
    assert {frozenset(pair) for pair in met} <= found
    assert not ({frozenset(pair) for pair in not_met} & found)


@pytest.mark.parametrize("text, visit", [
    # the reporter's own city (来我市) is the story's one city no delegation comes from
    ("潜江新闻网讯 由咸宁市委常委吴晖带领的咸宁市政府考察团一行来我市考察。\n潜江市市长黄剑雄陪同考察。",
     ("咸宁市政府考察团", "潜江市")),
    ("平泉市代表团一行到我区考察交流。\n西青区将进一步加大人才支援力度。", ("平泉市代表团", "西青区")),
    # … or the place the local outlet of the dateline is named after
    ("潜江新闻网讯(记者 李理)3月12日,咸宁市政府考察团一行来我市考察。", ("咸宁市政府考察团", "潜江")),
    # a host city written by its first character
    ("乌兰察布市党政代表团此次来张考察学习，愿与张家口共同努力。", ("乌兰察布市党政代表团", "张家口")),
])
def test_the_reporters_own_city_is_the_host(text, visit):
    assert ("visits", *visit) in rule_relations(text)


@pytest.mark.parametrize("text", [
    # two cities no delegation comes from: which one is the reporter's is not said
    "咸宁市政府考察团一行来我市考察。\n武汉市、潜江市领导陪同。",
    "乌兰察布市党政代表团此次来张考察学习，张家口、张掖两市领导陪同。",
])
def test_no_host_where_the_story_names_two(text):
    assert not any(t == "visits" and o in ("武汉市", "潜江市", "张家口", "张掖") for t, _, o in rule_relations(text))


@pytest.mark.parametrize("text, leaders, not_leaders", [
    # the leaders of 率领的 are those on the far side of 与, not the hosts before it
    ("浙江省委书记夏宝龙,省长李强与海西州委书记辛国斌,州长诺卫星率领的海西州党政代表团进行了座谈。",
     {"辛国斌"}, {"夏宝龙", "李强"}),
    # who entrusts a leader (受…委托) does not lead
    ("8月2日,受市委书记陈立新、市长许爱莲委托,市委常委姚景林率满洲里市政企代表团访问俄罗斯。",
     {"姚景林"}, {"陈立新", "许爱莲"}),
    # a delegation led by someone (代表团由X率领): the one after 由
    ("根据总统令，乌克兰代表团由国防部长乌梅罗夫率领，包括第一副外长。", {"乌梅罗夫"}, set()),
    # 以X为团长的…代表团: the title alone inside the words of leading is no mention that hides them;
    # the 副团长 leads nothing
    ("以市长黄文辉为团长的厦门市政府代表团一行8人于10月12日至15日访问大阪。", {"黄文辉"}, set()),
    ("以黄文辉市长为团长、陈明副市长为副团长的厦门市代表团访问大阪。", {"黄文辉"}, {"陈明"}),
])
def test_the_leader_is_who_the_verb_belongs_to(text, leaders, not_leaders):
    found = {s for t, s, _ in rule_relations(text) if t == "leads"}
    assert leaders <= found and not (not_leaders & found)


@pytest.mark.parametrize("text, attending", [
    # who holds talks (座谈) with a delegation takes part in them
    ("张家口市委书记邢国辉、市长侯亮与乌兰察布市党政代表团一行进行座谈。", {"邢国辉", "侯亮"}),
    ("浙江省委书记夏宝龙与青海省海西州党政代表团进行了座谈。", {"夏宝龙"}),
])
def test_who_holds_talks_attends(text, attending):
    assert attending <= {s for t, s, _ in rule_relations(text) if t == "attends"}


@pytest.mark.parametrize("text, pairs", [
    # what the two sides talk about (就…) may stand between the guests and the verb; a place named in
    # it is not a side
    ("安平市市委书记王学丰、市长陶淑菊率党政代表团到我市考察。市委书记张华、市长李强与考察团一行就深化两地合作进行座谈。",
     {("张华", "王学丰"), ("李强", "王学丰"), ("张华", "陶淑菊"), ("李强", "陶淑菊")}),
    ("王强与李明就深化京鲁合作进行座谈。", {("王强", "李明")}),
])
def test_talks_about_something_are_talks(text, pairs):
    assert pairs <= {(s, o) for t, s, o in relations(text) if t == "meets"}


@pytest.mark.parametrize("text, signers", [
    # 两市 are the two cities named before it in the clause …
    ("汉中巴中两市签署《战略合作框架协议》。", {"汉中", "巴中"}),
    # … or the delegation's home and the city it came to
    ("巴中市党政代表团来汉中市考察，两市签署了战略合作框架协议。", {"巴中市", "汉中市"}),
    ("巴中市党政代表团来汉中市考察。\n会上，两市签署了战略合作框架协议。", {"巴中市", "汉中市"}),
    # … past the verb of the visit, and the city inside a province written before it (江苏省仪征市)
    ("凤台县党政代表团前往江苏省仪征市调研，双方签订战略合作协议。", {"凤台县", "仪征市"}),
    # … the innermost place a delegation's name gives (铜仁市 of 贵州省铜仁市), and a host that is a
    # county where the guests are a city
    ("贵州省铜仁市党政代表团来常州学习考察。座谈会后，双方签署了文化旅游合作协议。", {"铜仁市", "常州"}),
    ("遵义市党政代表团赴浙江省德清县考察。考察期间，两地政府签署了《全面深化合作框架协议》。", {"遵义市", "德清县"}),
    # … or the home alone, where the outlet's city (来我市) is the host it does not name
    ("银川市党政代表团来我市考察。\n会上，两市签署了战略合作协议。", {"银川市"}),
    # 两市 after 代表 are whom the two named sign for: the two sign, and so do the story's two sides
    # where it has a delegation come to a host (a province and an autonomous region alike)
    ("厦门市市长黄文辉与大阪市市长横山英幸分别代表两市政府签署了《友好交流合作备忘录》。", {"黄文辉", "横山英幸"}),
    ("漳州市党政代表团抵达绵阳市考察。漳州市市长陈华与绵阳市市长张五代表两市政府签署《经贸合作备忘录》。",
     {"陈华", "张五", "漳州市", "绵阳市"}),
    ("广西壮族自治区党政代表团赴贵州省考察。自治区领导蓝天立和贵州省领导秦如培代表两省区政府签署《交通合作协议》。",
     {"蓝天立", "秦如培", "广西壮族自治区", "贵州省"}),
    # … the places whose heads the sentence names (a foreign city written after its country), not the
    # outlet of a wire dateline or where it files from; 双方 acting for them are the two people
    ("东北网长春5月8日电 8日，长春市市长王强与韩国春川市市长金明洙举行会谈，双方代表两市政府签订了《友好交流合作备忘录》。",
     {"王强", "金明洙", "长春市", "春川市"}),
    ("长春市委书记王强会见了韩国春川市市长金明洙，两市签署了《友好城市关系协议书》。", {"长春市", "春川市"}),
    # … or, where its own sentence names no side, the sentence before
    ("长春市市长王强与韩国春川市市长金明洙举行会谈。会谈后，两市签署了《友好城市关系协议书》。", {"长春市", "春川市"}),
    # … the one city a group the story does not name visits, where its home is the outlet's own
    ("本报讯 市委书记李明率我市党政代表团赴江苏省昆山市学习考察。9日下午，两市政府签署了《战略合作框架协议》。",
     {"昆山市"}),
    # the man the sentence is about goes on to sign with someone (于 and a day says when, not where)
    ("彰化市长林世贤率团于7月21日前往北海道余市町访问，与町长齐藤启辅签署两乡町友好交流协定。",
     {"林世贤", "齐藤启辅"}),
    # the man the sentence is about, who names no side, signs for his county with the city he goes to
    ("7月2日上午，夏邑县委副书记、县长李昊带领相关部门负责同志前往新密市考察，并签订友好市县结对共建协议书。",
     {"夏邑县", "新密市"}),
    # two men who act for the two sides sign, the first written before a comma
    ("会上，甲市副市长陈立军，乙市常务副市长黄明忠代表双方政府签署了战略合作协议。", {"陈立军", "黄明忠"}),
    # what the documents signed serve is no document signed
    ("习近平会见卢旺达总统卡加梅。峰会期间，中卢双方签署了推动落实全球发展倡议、数字和信息通信等领域合作文件。", set()),
    # a company's head is no place's (中国商飞董事长: not 中国)
    ("中国商飞董事长金壮龙表示，将按照双方签署的战略合作协议，深化与江西的合作。", set()),
    # an exhortation or a signing to come is no signing
    ("巴中市党政代表团来汉中市考察，两市拟于下月签署战略合作框架协议。", set()),
])
def test_two_cities_that_sign(text, signers):
    assert signers == {s for t, s, _ in relations(text) if t == "signs"}


@pytest.mark.parametrize("text, visits, not_visits", [
    # a group the story does not name (我市党政代表团) is its leader where a delegation word stands
    # for it later, not the host the sentence between names
    ("本报讯 11月8日，市委书记李明率我市党政代表团赴江苏省昆山市学习考察。昆山市委书记王刚陪同考察。"
     "代表团先后参观了花桥经济开发区和周庄古镇。",
     {("李明", "花桥经济开发区"), ("李明", "周庄古镇")}, {("王刚", "花桥经济开发区"), ("王刚", "周庄古镇")}),
    ("6月10日，县委书记曹晓革率队赴湖北省黄梅县考察。黄梅县委书记刘欲晓接待代表团一行。县领导谢长兵参加考察。"
     "代表团一行先后参观了湖北宇星水钻饰品有限公司、邢绣娘生态园等地。",
     {("曹晓革", "邢绣娘生态园")}, {("谢长兵", "邢绣娘生态园"), ("刘欲晓", "邢绣娘生态园")}),
    # … not where the group is named (率山东省党政代表团: the delegation itself goes)
    ("省委书记刘家义率山东省党政代表团赴北京市学习考察。北京市委书记蔡奇陪同。代表团参观了中关村。",
     {("山东省党政代表团", "中关村")}, {("刘家义", "中关村"), ("蔡奇", "中关村")}),
])
def test_the_leader_stands_for_the_group_the_story_does_not_name(text, visits, not_visits):
    found = {(s, o) for t, s, o in relations(text) if t == "visits"}
    assert visits <= found
    assert not (not_visits & found)


@pytest.mark.parametrize("text, signers", [
    # an agreement named by what it is, no quotes and no party's name in it
    ("沙特与巴基斯坦签署共同战略防御协议。", {"沙特", "巴基斯坦"}),
    ("安徽省党政代表团到江苏考察，两省签署合作交流协议。", {"安徽省", "江苏"}),
])
def test_parties_sign_an_agreement_named_by_its_kind(text, signers):
    assert signers == {s for t, s, _ in relations(text) if t == "signs"}


def test_two_countries_sign_only_what_their_names_say():
    # 两国 are left to the document's name or the heads who met: not every country named before
    text = "中国和英国两国政府在北京签署了联合声明，香港基本法随后颁布。"
    assert not {s for t, s, o in relations(text) if t == "signs" and o == "基本法"}


@pytest.mark.parametrize("text, met, not_met", [
    # a clause that opens with 与 meets the sentence's subject with the people it lists
    ("副省长方伟率江苏省代表团访问香港,会见香港中联办副主任何靖,与香港特区政府政务司司长陈国基、"
     "澳门特区政府经济财政司司长李伟农进行工作会谈。",
     {("方伟", "陈国基"), ("方伟", "李伟农")}, set()),
    # … a time may open the clause before 与
    ("陈方安生率团访问德国，周二早上与德国驻港总领事施密特会面。", {("陈方安生", "施密特")}, set()),
    # … but not where the clause names its own host before 与
    ("副省长方伟率江苏省代表团访问香港,行政长官李家超与中联办副主任何靖进行会谈。",
     set(), {("方伟", "何靖")}),
    # a time frame of the talks (在同X会谈时) names the partner the story's visitor meets …
    ("李希对古巴进行正式友好访问。在同古共中央组织书记莫拉莱斯会谈时，双方同意加强政治互信。",
     {("李希", "莫拉莱斯")}, set()),
    # … not someone the sentence before merely named
    ("古方感谢中方支持习近平总书记提出的倡议。在同古共中央组织书记莫拉莱斯会谈时，双方同意加强合作。",
     set(), {("习近平", "莫拉莱斯")}),
])
def test_a_clause_opening_with_yu_meets_the_subject(text, met, not_met):
    found = {frozenset((s, o)) for t, s, o in rule_relations(text) if t == "meets"}
    assert {frozenset(p) for p in met} <= found and not ({frozenset(p) for p in not_met} & found)


@pytest.mark.parametrize("text, visits, not_visits", [
    # where a person described is staying (正在) or visiting: he visits it; where he works, not
    ("正在北京的保安局局长李家超今早向传媒表示满意。", {("李家超", "北京")}, set()),
    ("正在南太平洋国家诺鲁访问的蔡英文表示满意。", {("蔡英文", "诺鲁")}, set()),
    ("在北京工作的张三表示满意。", set(), {("张三", "北京")}),
    # who lays a wreath at a monument is there
    ("12日上午，赵乐际向中朝友谊塔敬献花篮。", {("赵乐际", "中朝友谊塔")}, set()),
    # a site opening the sentence, the visitor carried from the sentence before
    ("赵乐际在山西调研。在国家生物育种产业创新中心，同科研人员亲切交流。",
     {("赵乐际", "国家生物育种产业创新中心")}, set()),
    # … not a city opening it (在北京，同…: where one is, not a site one goes to)
    ("赵乐际在广东调研。在广州，同基层人大代表亲切交流。", set(), {("赵乐际", "广州")}),
    # 我国 that a visitor comes to is China
    ("国家主席习近平举行仪式，欢迎俄罗斯总统普京对我国进行国事访问。", {("普京", "中国")}, {("习近平", "中国")}),
    # 到达 is arriving
    ("美国副总统彭斯已经到达首尔。", {("彭斯", "首尔")}, set()),
    # after an escort phrase the one escorted visits: the sentence's subject before the phrase, else
    # the nearest person before it (here after a clause that only says when, 在前往湖南途中)
    ("在前往湖南途中，赵乐际走下列车，在省委书记张华陪同下，考察了岳阳博物馆。", {("赵乐际", "岳阳博物馆")}, set()),
    ("彭丽媛陪同习近平出席多场活动，并在吴氏敏陪同下参观越南妇女博物馆。", {("彭丽媛", "越南妇女博物馆")}, set()),
    # where one returns after a visit is home, not visited
    ("李强结束出访回到北京。", set(), {("李强", "北京")}),
    ("习近平结束对法国的国事访问后返回北京。", {("习近平", "法国")}, {("习近平", "北京")}),
    # a guest 到访 is in his host's country; a foreign host in his own city visits nothing
    ("当天，沙特阿拉伯王储兼首相穆罕默德·本·萨勒曼与到访的巴基斯坦总理夏巴兹·谢里夫发表联合声明。",
     {("夏巴兹·谢里夫", "沙特阿拉伯")}, {("夏巴兹·谢里夫", "巴基斯坦"), ("穆罕默德·本·萨勒曼", "沙特阿拉伯")}),
    ("美国总统特朗普与到访的乌克兰总统泽连斯基在白宫会面。", {("泽连斯基", "美国")}, {("特朗普", "美国")}),
    ("沙特外交大臣费萨尔12日在吉达会见到访的叙利亚外交部长梅克达德。", {("梅克达德", "吉达")}, {("费萨尔", "吉达")}),
    # … and one no name gives is none of the story's people
    ("时任大马首相纳吉被调查。中国高层领导人向到访的大马人士表示支持。", set(), {("纳吉", "大马")}),
])
def test_visits_of_our_country_and_arrivals(text, visits, not_visits):
    found = {(s, o) for t, s, o in relations(text) if t == "visits"}
    assert visits <= found and not (not_visits & found)


def test_the_places_a_delegation_visited_after_daofang_de_are_its_visits():
    # 到访的 describes the places here, not a guest: the rules read the list as the delegation's visits
    found = {(s, o) for t, s, o in rule_relations("山东省党政代表团此次到访的城市包括杭州、宁波和温州。") if t == "visits"}
    assert {("山东省党政代表团", "杭州"), ("山东省党政代表团", "温州")} <= found


@pytest.mark.parametrize("text, met, not_met", [
    # a meeting in the passive: the host after 受到 meets the guest before it
    ("访问期间，浙江省委书记赵洪祝一行受到澳大利亚联邦总督杰弗里的亲切会见。", {("赵洪祝", "杰弗里")}, set()),
    ("赵洪祝一行抵达堪培拉，受到总督杰弗里的会见。", {("赵洪祝", "杰弗里")}, set()),
    # a delegation met in the passive is met through its leader
    ("赵洪祝率浙江省代表团访问澳大利亚。代表团受到总督杰弗里的会见。", {("赵洪祝", "杰弗里")}, set()),
    # … and 受到 that names no meeting of the clause's people meets no one
    ("杰弗里会见了赵洪祝，赵洪祝对受到热情接待表示感谢。", {("杰弗里", "赵洪祝")}, set()),
])
def test_a_meeting_in_the_passive(text, met, not_met):
    found = {frozenset((s, o)) for t, s, o in relations(text) if t == "meets"}
    assert {frozenset(p) for p in met} <= found and not ({frozenset(p) for p in not_met} & found)


def test_a_delegation_without_a_named_leader_meets_nobody():
    text = "嘉兴市委书记陈伟会见白城市党政代表团一行并陪同考察。"
    assert not any(t == "meets" for t, _, _ in relations(text))


@pytest.mark.parametrize("text, held, not_held", [
    # a host who receives a delegation holds the office of the other city the story names, not of
    # the delegation's home; the guests' titles stay the home's
    ("长治市委书记马天荣率长治市党政考察团来潍考察。市委书记杜昌文陪同有关活动。近年来潍坊市发展很快。",
     {("杜昌文", "潍坊市委书记"), ("马天荣", "长治市委书记")}, {("杜昌文", "长治市委书记")}),
    ("市长许宗衡会见了由扬州市委书记季建业、市长王燕文率领的党政代表团一行。扬州市党政代表团参观了深圳的企业。",
     {("许宗衡", "深圳市市长"), ("王燕文", "扬州市市长")}, {("许宗衡", "扬州市市长")}),
    # … also where the delegation's home is a county written by its short form (齐河 of 齐河县)
    ("5月26日,齐河县委书记孟令兴带领齐河党政考察团来我县参观考察,县委书记王晓东,县人大常委会主任高丽霞陪同。"
     "考察团认为,庆云县发展很快。",
     {("王晓东", "庆云县委书记"), ("高丽霞", "庆云县人大常委会主任"), ("孟令兴", "齐河县委书记")},
     {("王晓东", "齐河县委书记")}),
    # … also where the guests' home is only the place of their leader's office (率考察团: unnamed)
    ("4月22日，铜陵市委副书记赵振华率考察团来到马鞍山市考察。市委书记张岳峰、市委副书记、常务副市长吴力"
     "陪同视察的铜陵市副市长黄化锋参加了考察。",
     {("张岳峰", "马鞍山市委书记"), ("吴力", "马鞍山市常务副市长"), ("赵振华", "铜陵市委副书记")},
     {("张岳峰", "铜陵市委书记")}),
    # (a host's own office before the verb that receives the guests is no guest's home)
    ("上海市委书记俞正声6日会见了省委常委、市委书记李群率领的青岛市党政考察团一行。",
     {("俞正声", "上海市委书记")}, {("李群", "上海市委书记")}),
    # two other cities: which one is the host's is unknown, so the title stays bare
    ("长治市委书记马天荣率长治市党政考察团来潍考察。市委书记杜昌文陪同。潍坊市、寿光市、青岛市都很美。",
     set(), {("杜昌文", "长治市委书记")}),
    # a district's committee is the story's district, not a county named before it
    ("天桥区党政代表团赴平阴县开展活动。12月2日,区委书记孙战宇带领党政代表团赴平阴县开展对接活动。",
     {("孙战宇", "天桥区委书记")}, set()),
    # a province written without 省 is the story's (安徽); a place joined to a delegation by 与 is
    # its host, not its home
    ("省委书记李锦斌、省长李国英会见了来皖考察的西藏山南市党政代表团一行。安徽省与西藏山南市党政代表团进行了对接。",
     {("李锦斌", "安徽省委书记"), ("李国英", "安徽省省长")}, {("李国英", "西藏自治区主席")}),
    ("省委书记李锦斌、省长李国英会见了代表团。安徽很美。", {("李锦斌", "安徽省委书记"), ("李国英", "安徽省省长")}, set()),
    # the Hong Kong press writes the chief executive's office alone; Macao's news names Macao
    ("特首林鄭月娥昨日表示，會繼續與市民溝通。", {("林郑月娥", "香港行政长官")}, set()),
    ("澳門特區政府今日公佈，行政長官賀一誠將出席。", {("贺一诚", "澳门行政长官")}, {("贺一诚", "香港行政长官")}),
    # a councillor alone in a story of the Legislative Council is its member, not where a story
    # has other councillors (a city's, visiting)
    ("立法會今早復會，繼續處理議員毛孟靜譴責何君堯的議案。", {("毛孟静", "立法会议员")}, set()),
    ("同行的巿議員和傳媒被擋在門外。報道引述同行議員邱于軒說。立法會議員朱凱廸表示關注。",
     {("朱凯廸", "立法会议员")}, {("邱于轩", "立法会议员")}),
    # a former office, 前 a word of its own, is held no more
    ("立法會調查前特首梁振英與UGL協議。", set(), {("梁振英", "香港行政长官")}),
    ("廉署指，已就前行政長官梁振英展開調查。", set(), {("梁振英", "香港行政长官")}),
    # … also where jieba glues 前 to a conjunction (及前) or to the title (前首相), whoever found it
    ("廉署落案起訴黃耀明及前立法會議員區諾軒。", set(), {("区诺轩", "立法会议员")}),
    ("习近平会见了日本前首相鸠山由纪夫。", set(), {("鸠山由纪夫", "日本首相")}),
    # a Legislative Council member named by the sector that elects him
    ("法律界議員郭榮鏗表示反對。", {("郭荣铿", "立法会议员")}, {("郭荣铿", "法律界议员")}),
    # a member's title that names no committee states no office; after the committee's standing
    # members, it is of their committee (政治局委员 names its own)
    ("委員莫樹聯表示支持。", set(), {("莫树联", "委员")}),
    ("全国政协常委张三、李四，委员王五出席。", {("王五", "全国政协委员")}, {("王五", "委员")}),
    ("参加大会的有以及政治局委员丁薛祥、刘鹤。", {("丁薛祥", "政治局委员")}, set()),
    # a foreign partner's bare 总书记 beside China's is the head of his country's ruling party
    ("今年是中越建交周年。在习近平总书记和阮富仲总书记的战略引领下，两国关系发展良好。",
     {("阮富仲", "越南共产党中央总书记")}, {("阮富仲", "中共中央总书记")}),
    ("蔡奇会见老挝人民革命党代表团。习近平总书记同通伦总书记举行会谈。",
     {("通伦", "老挝人民革命党中央总书记")}, set()),
    # … as that party's own name for it writes it (朝鲜劳动党总书记 heads the party itself)
    ("朝鲜劳动党中央政治局委员出席。在习近平总书记和金正恩总书记战略引领下，中朝关系不断发展。",
     {("金正恩", "朝鲜劳动党总书记")}, {("金正恩", "朝鲜劳动党中央总书记")}),
    # an office of a country's government after the country's party office, in a chain
    ("朝鲜劳动党中央政治局常委、内阁总理朴泰成到机场迎接。", {("朴泰成", "朝鲜内阁总理")}, set()),
    # a list of one country's officials: an ambassador sent there is not of that country
    ("老挝总理宋赛夫妇、中国驻老挝大使王文天等到机场迎接。", {("王文天", "中国驻老挝大使")},
     {("王文天", "老挝中国驻老挝大使")}),
    # the head of a Japanese prefecture
    ("代表团会见了大阪府知事吉村洋文，双方就加强经贸合作交换了意见。", {("吉村洋文", "大阪府知事")}, set()),
])
def test_titles_of_hosts_and_guests(text, held, not_held):
    found = {(s, o) for t, s, o in relations(text) if t == "holds_position"}
    assert held <= found
    assert not not_held & found


def test_both_sides_sign_as_the_countries_the_document_abbreviates():
    text = "国家主席习近平同法国总统马克龙举行会谈。会谈后，双方签署了《中法联合声明》。"
    found = relations(text)
    assert {("signs", "中国", "中法联合声明"), ("signs", "法国", "中法联合声明")} <= found


@pytest.mark.parametrize("text, heads", [
    ("国家主席习近平同塞尔维亚总统武契奇举行会谈。会谈后，两国元首共同签署《中塞联合声明》。", ("习近平", "武契奇")),
    # no sentence names both: the two written with a head's title
    ("两国元首举行会谈。习近平主席指出，中方高度重视两国关系。马克龙总统表示，法方愿深化合作。"
     "会谈后，两国元首共同签署《中法联合声明》。", ("习近平", "马克龙")),
])
def test_the_two_heads_of_state_sign(text, heads):
    document = re.search("《(.+)》", text).group(1)
    assert {("signs", head, document) for head in heads} <= relations(text)


@pytest.mark.parametrize("text, met", [
    ("习近平同塞尔维亚总统举行会谈\n欢迎仪式后，两国元首举行会谈。习近平主席指出，中方高度重视两国关系。"
     "武契奇总统表示，塞方愿深化合作。", True),
    # one head named is not two
    ("习近平同塞尔维亚总统举行会谈\n欢迎仪式后，两国元首举行会谈。习近平主席指出，中方高度重视两国关系。", False),
    # a sentence that names both says who met: no pair of heads is added (马克龙)
    ("国家主席习近平同塞尔维亚总统武契奇举行会谈。马克龙总统表示，法方支持。两国元首还举行了会谈。", True),
])
def test_two_heads_of_state_meet_when_no_sentence_names_both(text, met):
    found = relations(text)
    assert (("meets", "习近平", "武契奇") in found) is met
    assert ("meets", "习近平", "马克龙") not in found


def test_one_head_named_is_not_two():
    text = "两国元首举行会谈。习近平主席指出，中方高度重视两国关系。会谈后，两国元首共同签署《中法联合声明》。"
    assert not any(t == "signs" and s == "习近平" for t, s, _ in relations(text))


def test_accompanying_a_guest_named_after_a_title():
    found = relations("王毅陪同新加坡外长维文参观了中关村。")
    assert {("accompanies", "王毅", "维文"), ("holds_position", "维文", "新加坡外长")} <= found


def test_a_place_after_shenru_is_visited_and_the_leaders_accompany():
    found = relations("省委常委、杭州市委书记刘捷深入滨江区调研数字经济发展情况。市领导姚高员、许明陪同调研。")
    assert {("visits", "刘捷", "滨江区"), ("accompanies", "姚高员", "刘捷"), ("accompanies", "许明", "刘捷")} <= found


def test_the_reporters_of_a_byline_act_in_no_relation():
    text = "新华社北京4月6日电（记者孙奕、成欣）国家主席习近平6日在人民大会堂同法国总统马克龙举行会谈。"
    found = relations(text)
    assert ("meets", "习近平", "马克龙") in found
    assert not any("孙奕" in (s, o) or "成欣" in (s, o) for _, s, o in found)


def test_pronoun_takes_the_last_speaker():
    found = relations("蔡奇欢迎代表团。他说,两地情谊深厚。")
    assert ("speaks_at", "蔡奇", None) in found


def test_bare_title_takes_the_office_given_in_full():
    found = relations("国家主席习近平出席。习近平主席表示欢迎。")
    positions = {o for t, s, o in found if t == "holds_position" and s == "习近平"}
    assert positions == {"国家主席"}


def test_example_article_has_every_gold_relation(d000_graph):
    import json

    from tests.conftest import DEV

    gold_file = DEV / "d000-shandong-delegation-beijing.gold.json"
    if not gold_file.exists():
        pytest.skip("the shared evaluation folder is not beside this checkout")
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    names = {e.id: {e.name, *e.aliases} for e in d000_graph.entities}
    predicted = {(r.type, frozenset(names[r.subject]),
                  frozenset(names[r.object]) if r.object and r.type not in ("attends", "speaks_at") else None)
                 for r in d000_graph.relations}

    def found(rel) -> bool:
        subjects = set(rel["subject"] if isinstance(rel["subject"], list) else [rel["subject"]])
        objects = rel.get("object")
        objects = set(objects if isinstance(objects, list) else [objects]) if objects else None
        return any(t == rel["type"] and s & subjects and (objects is None or (o and o & objects))
                   for t, s, o in predicted)

    missing = [r for r in gold["relations"] if not r.get("optional") and not found(r)]
    assert missing == []


def test_every_relation_has_evidence_in_the_original_text(example_graph):
    texts = {}
    from kg.text.ingest import read_inputs
    from tests.conftest import EXAMPLES

    for doc in read_inputs([str(EXAMPLES)]):
        texts[doc.id] = doc.text
    for r in example_graph.relations:
        assert r.evidence, r
        for ev in r.evidence:
            assert texts[ev.doc][ev.start:ev.end] == ev.text
            assert 0 < r.confidence <= 1


@pytest.mark.parametrize("text, expected, absent", [
    # the inviter does not visit
    ("应国家主席习近平邀请，法国总统马克龙将于4月5日至7日对中国进行国事访问。",
     ("visits", "马克龙", "中国"), ("visits", "习近平", "中国")),
    # a title is shared down a list of names, not across 和 joining two sides
    ("国家副主席韩正、王沪宁出席。国务院总理李强和安瓦尔举行会谈。",
     ("holds_position", "王沪宁", "国家副主席"), ("holds_position", "安瓦尔", "国务院总理")),
    # the guest who came to attend a summit attends it, not his host
    ("国家主席习近平在人民大会堂会见来华出席中非合作论坛北京峰会的坦桑尼亚总统哈桑。",
     ("attends", "哈桑", None), ("attends", "习近平", None)),
    # the host of a meeting does not accompany the guest a relative clause says is accompanied
    ("蔡奇在北京与陪同越共中央总书记阮富仲访华的越共中央政治局委员武文赏视频会晤。",
     ("accompanies", "武文赏", "阮富仲"), ("accompanies", "蔡奇", "阮富仲")),
    # a delegation does not visit its own home
    ("上海市代表团22日启程赴毗邻上海的浙江省学习考察。",
     ("visits", "上海市代表团", "浙江省"), ("visits", "上海市代表团", "上海")),
    # … nor the city its name gives after its province
    ("湖北省宜昌市党政代表团启程赴毗邻宜昌市的重庆市考察。",
     ("visits", "湖北省宜昌市党政代表团", "重庆市"), ("visits", "湖北省宜昌市党政代表团", "宜昌市")),
    # 率团: the leader of the delegation named before
    ("浙江省党政代表团赴四川省学习考察，省委书记易炼红率团。",
     ("leads", "易炼红", "浙江省党政代表团"), ("leads", "易炼红", "四川省")),
    # 率队, 带队 with nothing named after them: the same
    ("10月15日至17日，湖北省襄阳市党政代表团赴江苏省常州市学习考察。襄阳市委书记王祺扬率队，市委副书记、市长李乐成等参加。",
     ("leads", "王祺扬", "湖北省襄阳市党政代表团"), ("leads", "李乐成", "湖北省襄阳市党政代表团")),
    ("全国人大常委会执法检查组赴云南省检查。全国人大常委会副委员长张三带队。",
     ("leads", "张三", "全国人大常委会执法检查组"), ("leads", "张三", "云南省")),
    # … but a group named after the verb is the one he leads
    ("吉林省党政代表团赴浙江考察。副省长张三带队吉林省经贸考察团赴杭州市。",
     ("visits", "吉林省经贸考察团", "杭州市"), ("leads", "张三", "吉林省党政代表团")),
    # a 团长 of the story's one delegation heads it, and those who met the delegation met him
    ("李锦斌、李国英会见了来皖考察的西藏山南市党政代表团一行。代表团团长、山南市市长普布顿珠表示感谢。",
     ("leads", "普布顿珠", "西藏山南市党政代表团"), ("leads", "李锦斌", "西藏山南市党政代表团")),
    ("李锦斌、李国英会见了来皖考察的西藏山南市党政代表团一行。代表团团长、山南市市长普布顿珠表示感谢。",
     ("meets", "李锦斌", "普布顿珠"), ("meets", "李锦斌", "李国英")),
    # … written 团长 alone, a bare title no rule completes
    ("省委书记张三会见了来川考察的甘肃省定西市党政代表团一行。团长、定西市市长王平介绍了定西市情况。",
     ("meets", "张三", "王平"), ("meets", "张三", "甘肃省定西市党政代表团")),
    # with two delegations in the story, whose 团长 he is is unknown
    ("天津市代表团和河北省代表团来京考察。代表团团长李明表示感谢。",
     ("holds_position", "李明", "代表团团长"), ("leads", "李明", "天津市代表团")),
    # 率团 by the mayor of another city is his own group, not the story's delegation
    ("新竹市副市长张三率新竹市政府参访团到潍坊市考察。去年，潍坊市市长李四率团到新竹考察。",
     ("leads", "张三", "新竹市政府参访团"), ("leads", "李四", "新竹市政府参访团")),
    # a study group, an exchange group (which jieba cuts across its words: 文化交流|团), a group of
    # condolence: delegations, led and visiting
    ("新竹市副市长张三率新竹市政府参访团到潍坊市考察。",
     ("visits", "新竹市政府参访团", "潍坊市"), ("visits", "张三", "潍坊市")),
    ("副省长张三率浙江省慰问团赴青海省海西州看望援青干部。",
     ("visits", "浙江省慰问团", "海西州"), ("visits", "张三", "海西州")),
])
def test_invitations_and_leading_a_named_delegation(text, expected, absent):
    found = relations(text)
    assert expected in found and absent not in found


def test_an_exchange_group_jieba_cuts_across_its_words_is_a_delegation():
    # 经贸|文化交流|团: the group, named short after its leader and in full later, is one delegation
    text = "台湾花莲县县长张三率经贸文化交流团一行到嘉兴市考察。花莲县经贸文化交流团还来到桐乡市。"
    seg = segment("t", normalize(text))
    groups = {m.attrs.canonical or m.name for m in find_mentions(seg) if m.type == "Organization"}
    assert groups == {"花莲县经贸文化交流团"}
    found = rule_relations(text)
    assert {("leads", "张三", "花莲县经贸文化交流团"), ("visits", "花莲县经贸文化交流团", "嘉兴市"),
            ("visits", "花莲县经贸文化交流团", "桐乡市")} <= found
    assert ("visits", "张三", "嘉兴市") not in found


@pytest.mark.parametrize("text, visited, not_visited", [
    # 深入到 and 深入 with the site right after them visit it, every site of the list
    ("平泉市代表团来我区考察。代表团一行先后深入到我区南村商贸有限公司、天津莎莎智慧餐饮有限公司参观考察。",
     {"南村商贸有限公司", "天津莎莎智慧餐饮有限公司"}, set()),
    ("徐礼国一行先后深入上汽大众仪征分公司、中星北斗等地考察。", {"上汽大众仪征分公司"}, set()),
    # … but 深入 of 深入推进 goes nowhere
    ("李强强调，要深入推进京津冀协同发展。", set(), {"京津冀"}),
    # calling on a body (拜访, 拜会) visits it; calling on a person meets him (below)
    ("访问期间，江苏省代表团还分别拜访香港贸易发展局、香港交易及结算所、毕马威香港办公室、南光集团，考察香港科学园。",
     {"香港贸易发展局", "香港交易及结算所", "南光集团"}, set()),
    ("白城市党政代表团一行瞻仰南湖革命纪念馆。", {"南湖革命纪念馆"}, set()),
    # a cue that names a time frame (访问期间) leaves the sentence's subject to the name after it
    ("访问期间，江苏省代表团还分别拜访香港贸易发展局、南光集团，考察西九文化区、东华三院赛马会松朗安老综合中心。",
     {"南光集团", "西九文化区", "东华三院赛马会松朗安老综合中心"}, set()),
    # a site that opens the sentence puts whoever speaks there on a visit ...
    ("在松山湖材料实验室，李强希望进一步推动产学研深度融合。", {"松山湖材料实验室"}, set()),
    # ... but a region only says where one speaks
    ("在北京，习近平强调要坚持高质量发展。", set(), {"北京"}),
    # a village is a site; so is every named site of a list that runs on into one no rule named
    ("李希在天津调研。在津南区会馆村，李希要求持续抓好群众身边不正之风和腐败问题集中整治。", {"津南区会馆村"}, set()),
    ("李希在天津调研。在天津大学、天开高教科创园，李希强调高校要强化全面从严治党政治责任。", {"天津大学"}, set()),
    # (a clause after 和 is no site of the list)
    ("李希在天津调研。在天津大学和同学们座谈时，李希强调要坚定理想信念。", set(), {"天津大学"}),
    # the part of a company seen, unnamed, after its name: the company is visited, and the list runs on
    ("在南京钢铁集团有限公司智能工厂、扬州中远海运重工有限公司、苏州纳米科技发展有限公司，李希要求纪检监察机关履行好政治监督职责。",
     {"南京钢铁集团有限公司", "扬州中远海运重工有限公司", "苏州纳米科技发展有限公司"}, set()),
    # (a place's name and what follows it are another site, not the place: 米林 is no site here)
    ("李强在西藏考察。在米林水电站坝址和雅尼湿地，李强察看施工装备。", set(), {"米林"}),
    # the longest name at the sentence's 在 is the site (华 of 在华 read inside it is none)
    ("在华电石家庄鹿华热电公司，丁薛祥指出，北方地区已经进入供暖季。", {"华电石家庄鹿华热电公司"}, set()),
    # a time of day may open the sentence before 在
    ("下午，在香港会议展览中心，中国载人航天工程代表团参加香港各界欢迎活动。", {"香港会议展览中心"}, set()),
    # a site no ending names, opening the sentence before its visitor, is named whole (not 西安)
    ("李强在陕西考察。在宝鸡吉利汽车，李强察看整车生产线。", {"宝鸡吉利汽车"}, {"宝鸡"}),
    ("李强在四川考察。在德阳东方电机，李强了解重型装备研发情况。", {"德阳东方电机"}, {"德阳"}),
])
def test_visit_words_and_sites_that_open_a_sentence(text, visited, not_visited):
    found = {o for t, _, o in rule_relations(text) if t == "visits"}
    assert visited <= found
    assert not (not_visited & found)


@pytest.mark.parametrize("text, met, not_met", [
    # a clause that opens with the verb carries the subject named earlier in the sentence
    ("副省长方伟率江苏省代表团访问香港和澳门，拜会全国政协副主席何厚铧，会见香港中联办副主任何靖。",
     {("方伟", "何厚铧"), ("方伟", "何靖")}, set()),
    # 同 splits the sides before 和, which joins the people of one side; a side named by no one meets
    # no one, and 共同 holds no 同
    ("国务院总理李强和国务院副总理丁薛祥同俄罗斯总统普京举行会谈。",
     {("李强", "普京"), ("丁薛祥", "普京")}, {("李强", "丁薛祥")}),
    ("随后，习近平和彭丽媛同法方主要官员一一握手致意。", set(), {("习近平", "彭丽媛")}),
    ("国务院总理李强在莫斯科同俄罗斯总理米舒斯京共同主持中俄总理第二十九次定期会晤。", {("李强", "米舒斯京")}, set()),
    # shaking hands is meeting in person; shaking hands with no one named meets no one
    ("金正恩隔着石墙与文在寅握手。", {("金正恩", "文在寅")}, set()),
    ("范国威随后步入会议厅，跟不同议员握手，与李慧琼同坐一排。", set(), {("范国威", "李慧琼")}),
    # a conversation or a tea talk between two named people is a meeting
    ("王强同来访的阿米尔王储进行了亲切交谈。", {("王强", "阿米尔")}, set()),
    ("当晚，王强同卡里莫夫总统在国宾馆进行了亲切友好的茶叙。", {("王强", "卡里莫夫")}, set()),
    # hosts written with commas, the first after a relative clause that says where he is
    ("正在北京参加会议的湖南省委书记张三，省委副书记、省长李四在钓鱼台国宾馆会见了俄罗斯鄂木斯克州州长王五一行。",
     {("张三", "王五"), ("李四", "王五")}, {("张三", "李四")}),
    # A与B座谈 and A与B率领的代表团进行了座谈: the sides of 与 meet (and attend)
    ("邢国辉侯亮与王学丰陶淑菊一行座谈",
     {("邢国辉", "王学丰"), ("侯亮", "陶淑菊")}, set()),
    ("1月9日下午，浙江省委书记夏宝龙，省委副书记、代省长李强与青海省海西蒙古族藏族自治州州委书记辛国斌，"
     "州委副书记、州长诺卫星率领的党政代表团进行了座谈。",
     {("夏宝龙", "辛国斌"), ("李强", "诺卫星")}, {("夏宝龙", "李强")}),
    # … not where 与 names what was discussed
    ("李强主持召开与企业家座谈会。", set(), set()),
    # the Hong Kong headline's 晤
    ("习近平在北京晤普京。", {("习近平", "普京")}, set()),
    # … and a sentence after a semicolon, which goes on with the one before
    ("访马期间，赵乐际视察了华为公司亚太地区部；会见马六甲州首席部长阿都拉勿，表示愿拓展地方合作。",
     {("赵乐际", "阿都拉勿")}, set()),
])
def test_talks_and_calls_on_people_meet(text, met, not_met):
    found = {frozenset((s, o)) for t, s, o in rule_relations(text) if t == "meets"}
    assert {frozenset(p) for p in met} <= found
    assert not ({frozenset(p) for p in not_met} & found)


def test_a_discussion_with_two_sides_is_attended_by_both():
    found = {s for t, s, _ in rule_relations("邢国辉侯亮与王学丰陶淑菊一行座谈") if t == "attends"}
    assert {"邢国辉", "侯亮", "王学丰", "陶淑菊"} <= found


@pytest.mark.parametrize("text, held, not_held", [
    # the foreign partner of China's head: his title is his country's, whatever his name's shape
    ("丁薛祥会见新加坡副总理兼财政部长黄循财。习近平主席和李显龙总理共同将中新关系提升为前瞻性伙伴关系。",
     {("李显龙", "新加坡总理")}, {("李显龙", "国务院总理")}),
    # an office China does not have is the one foreign country's (普京 has a Chinese shape)
    ("国家主席习近平会见俄罗斯总理米舒斯京。习近平请米舒斯京转达对普京总统的诚挚问候。",
     {("普京", "俄罗斯总统")}, set()),
    # China's own office after a Chinese name stays China's
    ("李强总理会见新加坡副总理黄循财。", {("李强", "国务院总理")}, {("李强", "新加坡总理")}),
    # the partner China's head met, somewhere or at home, whatever his name's shape
    ("王沪宁会见日本客人。王沪宁表示，去年11月，习近平主席在利马同石破茂首相成功会晤，推进中日关系。",
     {("石破茂", "日本首相")}, set()),
    ("王沪宁会见日本客人。王沪宁表示，习近平主席会见岸田文雄首相，两国领导人重申恪守中日四个政治文件。",
     {("岸田文雄", "日本首相")}, set()),
])
def test_a_bare_title_after_a_name_is_the_office_of_its_country(text, held, not_held):
    found = {(s, o) for t, s, o in relations(text) if t == "holds_position"}
    assert held <= found
    assert not (not_held & found)


@pytest.mark.parametrize("text, visitor, sites", [
    # a leader written with his party (徐礼国一行) goes where his delegation goes: the delegation visits
    ("1月8日至9日，凤台市委副书记徐礼国率凤台县党政代表团前往江苏省仪征市调研。徐礼国一行还在仪征市领导陪同下，"
     "先后深入上汽大众仪征分公司、中星北斗、移动云等地进行考察。",
     "凤台县党政代表团", {"上汽大众仪征分公司", "中星北斗"}),
    # a list goes on past the end of a name read short before 和 (…产业园二期和…)
    ("长治市党政考察团来潍坊考察。考察团一行先后实地考察了潍柴动力工业园、歌尔电声产业园二期和寿光蔬菜高科技示范园、"
     "农产品物流园等地。", "长治市党政考察团", {"潍柴动力工业园", "寿光蔬菜高科技示范园"}),
])
def test_a_delegation_visits_every_site_its_party_goes_to(text, visitor, sites):
    found = {(s, o) for t, s, o in relations(text) if t == "visits"}
    assert {(visitor, site) for site in sites} <= found


def test_another_title_in_a_list_is_no_repetition_of_the_first():
    held = {o for t, s, o in relations("全国人大常委会副委员长王东明、秘书长刘奇出席。") if t == "holds_position" and s == "刘奇"}
    assert "全国人大常委会副委员长" not in held


@pytest.mark.parametrize("text, visitors", [
    # who lands, the plane standing for whom it carries, and China's ambassador who greets him there
    ("国家主席习近平5日乘专机抵达杜尚别。专机抵达杜尚别国际机场时，塔吉克斯坦总统拉赫蒙热情迎接。"
     "中国驻塔吉克斯坦大使吉树民也到机场迎接。", {"习近平", "吉树民"}),
    ("国家主席习近平乘专机抵达旧金山国际机场，开始出席会议并访问美国。", {"习近平"}),
])
def test_who_lands_at_an_airport_or_greets_there_visits_it(text, visitors):
    assert visitors == {s for t, s, o in rule_relations(text) if t == "visits" and o.endswith("机场")}


def test_a_foreign_host_at_his_own_airport_visits_nothing():
    text = ("国家主席习近平5日乘专机抵达杜尚别国际机场。塔吉克斯坦总理拉苏尔佐达等高级官员到机场送行。"
            "中国驻塔吉克斯坦大使吉树民也到机场送行。")
    assert {s for t, s, o in rule_relations(text) if t == "visits" and o.endswith("机场")} == {"习近平", "吉树民"}


@pytest.mark.parametrize("text, holder, office", [
    # the headline names the guest by office, the report by name
    ("李强同比利时首相会谈\n欢迎仪式后，李强同德克罗举行会谈。", "德克罗", "比利时首相"),
    ("李强同澳大利亚总理举行第十轮中澳总理年度会晤\n当地时间15日，国务院总理李强同阿尔巴尼斯举行会晤。",
     "阿尔巴尼斯", "澳大利亚总理"),
])
def test_the_guest_a_headline_names_by_office_holds_it(text, holder, office):
    assert ("holds_position", holder, office) in relations(text)


@pytest.mark.parametrize("text, wrong", [
    # the office is only the start of his (总统特别顾问)
    ("王沪宁会见乌兹别克斯坦总统特别顾问\n王沪宁25日在京会见乌穆尔扎科夫。", ("乌穆尔扎科夫", "乌兹别克斯坦总统")),
    # two people met: which one holds it is not said
    ("李强同比利时首相会谈\n李强同德克罗、米歇尔举行会谈。", ("米歇尔", "比利时首相")),
])
def test_no_office_from_a_headline_without_one_guest_of_it(text, wrong):
    assert ("holds_position", *wrong) not in relations(text)


@pytest.mark.parametrize("text, wrong", [
    # the partner of China's head holds no office of China's, whatever the shape of his name
    ("去年10月，习近平总书记同阮富仲总书记举行历史性会谈。", ("阮富仲", "中共中央总书记")),
    ("李强表示，习近平主席同黄循财总理举行会谈。", ("黄循财", "国务院总理")),
    # also after a chain of the head's titles, and the partner's own chain is not China's either
    ("去年12月，习近平总书记、国家主席同阮富仲总书记共同宣布构建中越命运共同体。", ("阮富仲", "中共中央总书记")),
    ("不久前，习近平总书记、国家主席同通伦总书记、国家主席举行会晤。", ("通伦", "国家主席")),
])
def test_the_partner_of_chinas_head_holds_no_chinese_office(text, wrong):
    assert ("holds_position", *wrong) not in relations(text)


@pytest.mark.parametrize("text, holder, office, held", [
    # an appointment gives the office; the one removed from it no longer holds it
    ("常委会决定：免去张大明的水利部部长职务；任命王小明为水利部部长。", "王小明", "水利部部长", True),
    ("常委会决定：免去张大明的水利部部长职务；任命王小明为水利部部长。", "张大明", "水利部部长", False),
    ("经董事会决定，李晓红出任集团总经理。", "李晓红", "集团总经理", True),
    # elected, chosen or hired to it, the verb before the name and 为 before the office
    ("大会选举石泰峰为中华海外联谊会会长。", "石泰峰", "中华海外联谊会会长", True),
    ("会议增选王小明为全国政协常委。", "王小明", "全国政协常委", True),
    # re-elected, past the title he is named with
    ("马克龙表示，热烈祝贺习近平主席连任中共中央总书记。", "习近平", "中共中央总书记", True),
    ("经会议选举，张大明担任山东省政协主席。", "张大明", "山东省政协主席", True),
    # taking office, an appointment as Hong Kong writes it, and which holder of the office he is
    ("特朗普宣誓就任美國總統。", "特朗普", "美国总统", True),
    ("普京宣誓就任俄罗斯联邦第八届总统，任期6年。", "普京", "俄罗斯联邦第八届总统", False),  # his ordinal, no office
    ("陳茂波獲委任為財政司司長。", "陈茂波", "财政司司长", True),
    ("经会议选举，张大明当选第十三届山东省政协主席。", "张大明", "山东省政协主席", True),
    # a bare title completed from the story may be another body's: no office from it
    ("九三学社召开全国代表大会，周明华当选主席。", "周明华", "国家主席", False),
])
def test_an_appointment_gives_the_office(text, holder, office, held):
    assert (("holds_position", holder, office) in relations(text)) is held


def test_the_titles_after_a_name_are_each_his():
    # 习近平总书记、国家主席: a chain of bare titles after the name, as before it
    found = relations("王沪宁表示，习近平总书记、国家主席同越方共同宣布构建中越命运共同体。")
    assert {("holds_position", "习近平", "中共中央总书记"), ("holds_position", "习近平", "国家主席")} <= found


@pytest.mark.parametrize("text, held, not_held", [
    # an office several hold at once (a deputy's, a councillor's) is shared by a name joined by 和 or 及
    ("中共中央政治局委员、国务院副总理何立峰和刘国中出席会议。",
     {("刘国中", "国务院副总理"), ("刘国中", "中共中央政治局委员")}, set()),
    ("立法會今日辯論，建制派議員劉國勳及容海恩發言。", {("容海恩", "立法会议员")}, set()),
    # … not an office one person holds: 和 joins two sides there
    ("国务院总理李强和马来西亚总理安瓦尔共同出席。", set(), {("安瓦尔", "国务院总理")}),
    ("国务院总理李强和安瓦尔共同出席开幕式。", set(), {("安瓦尔", "国务院总理")}),
])
def test_an_office_several_hold_is_shared_by_two_names(text, held, not_held):
    found = {(s, o) for t, s, o in relations(text) if t == "holds_position"}
    assert held <= found and not (not_held & found)


@pytest.mark.parametrize("text, companions", [
    # 会见…并陪同考察: 并 goes on with the hosts who met the delegation, and they accompany it
    ("白城市委书记李洪慈率白城市党政代表团到嘉兴考察。嘉兴市委书记陈伟会见代表团一行并陪同考察。", {"陈伟"}),
    ("广西壮族自治区党政代表团来津考察。市委代理书记、市长黄兴国，市政协主席臧献甫，市委副书记王东峰会见客人并陪同考察。",
     {"黄兴国", "臧献甫", "王东峰"}),
])
def test_hosts_who_meet_a_delegation_and_go_with_it_accompany_it(text, companions):
    found = {s for t, s, o in relations(text) if t == "accompanies" and o.endswith("代表团")}
    assert found == companions


@pytest.mark.parametrize("text, accompanied, not_accompanied", [
    # the guests the hosts met are named between 会见 and 并陪同: they are met, not escorts
    ("天津市委书记张三会见广西壮族自治区党政代表团团长彭清华、副团长陈武并陪同考察。",
     {("张三", "彭清华")}, {("彭清华", "张三"), ("陈武", "张三")}),
    # … and after a comma, a clause that opens with 陪同 and the guest met goes on with the host
    ("周三下午，安倍以仅次于国宾的公宾规格欢迎李克强，陪同李克强检阅陆上自卫队仪仗队。",
     {("安倍", "李克强")}, {("李克强", "李克强")}),
    # in 在…夫人…陪同下 the wife escorts, not her husband named before her
    ("彭丽媛在阮富仲总书记夫人吴氏敏陪同下参观越南妇女博物馆。",
     {("吴氏敏", "彭丽媛")}, {("阮富仲", "彭丽媛")}),
])
def test_who_escorts_and_who_is_only_named_beside(text, accompanied, not_accompanied):
    found = {(s, o) for t, s, o in relations(text) if t == "accompanies"}
    assert accompanied <= found and not (not_accompanied & found)


def test_hastening_to_sites_a_clause_describes_visits_each():
    # hastening to places (奔赴, 赶赴) visits each; a clause that describes them (泉州市对口支援的) does
    # not end the list, and the delegation's home in it is not visited
    text = "徐钢率泉州市党政代表团赴彭州考察。代表团一行马上奔赴泉州市对口支援的葛仙山镇、丹景山镇和通济镇，检查重建情况。"
    found = {o for t, s, o in relations(text) if t == "visits" and s == "泉州市党政代表团"}
    assert {"葛仙山镇", "丹景山镇", "通济镇"} <= found and "泉州市" not in found


@pytest.mark.parametrize("text, signers", [
    # the 电 of a company's name opens no dateline: who is named before it signs
    ("王立新还与三星电子签署了《投资合作协议》。", {"王立新", "三星电子"}),
    # a clause that opens with 与 goes on with the delegation the sentence is about
    ("州长劳纳率伊利诺伊州长代表团访问浙江。代表团还访问了浙江大学，与万向集团签署了《友好合作备忘录》。",
     {"伊利诺伊州长代表团", "万向集团"}),
])
def test_who_signs_with_someone(text, signers):
    assert signers == {s for t, s, _ in relations(text) if t == "signs"}


@pytest.mark.parametrize("text, companions", [
    ("市长王立新率市政府代表团访问水原市。市政府秘书长李明、市外事办主任赵刚等随团出访。", {"李明", "赵刚"}),
    # … and those listed after 随团的包括
    ("行政長官李家超今日率領特區政府代表團抵達利雅得。隨團的包括財政司司長陳茂波、商務及經濟發展局局長丘應樺等。",
     {"陈茂波", "丘应桦"}),
])
def test_who_comes_with_the_delegation_accompanies_it(text, companions):
    assert {s for t, s, o in relations(text) if t == "accompanies" and o.endswith("代表团")} == companions


def test_an_escort_goes_with_the_delegation_written_right_before_it():
    # 由…率领的江苏省党政代表团在韩俊陪同下: the delegation is escorted, not its leaders
    text = ("由江苏省委书记信长星，江苏省委副书记、省长许昆林率领的江苏省党政代表团在安徽省委书记韩俊，"
            "省委副书记、省长王清宪陪同下，参观考察合肥市规划馆。")
    found = rule_relations(text)
    assert {("accompanies", "韩俊", "江苏省党政代表团"), ("accompanies", "王清宪", "江苏省党政代表团")} <= found
    assert ("accompanies", "韩俊", "信长星") not in found


def test_who_goes_along_goes_with_the_sentence_s_traveller():
    # 随行 in a sentence that has another than the story's first traveller go: with him
    text = ("行政长官李家超与候任行政长官张小明本月25日将启程前往北京，出席翌日举行的成就展。"
            "李家超周日前往北京，主持开幕仪式。随行的包括财政司司长陈茂波。"
            "张小明亦会于同日前往北京出席开幕仪式，候任行政长官办公室主任王五将会随行。")
    for found in (relations(text), rule_relations(text)):
        assert ("accompanies", "王五", "张小明") in found and ("accompanies", "王五", "李家超") not in found
        assert ("accompanies", "陈茂波", "李家超") in found


def test_a_leader_of_a_delegation_holds_no_office_of_where_he_leads_it():
    # the outlet's own city (市党政代表团) travels to 湖州市: its leader is not 湖州's secretary, and
    # the delegation is named without the verb before it
    text = "5月8日，市委书记刘建国率市党政代表团赴浙江省湖州市学习考察。湖州市委书记陈浩陪同。"
    found = relations(text)
    assert ("leads", "刘建国", "市党政代表团") in found
    assert ("holds_position", "刘建国", "湖州市委书记") not in found
    assert ("holds_position", "陈浩", "湖州市委书记") in found


@pytest.mark.parametrize("text, held, not_held", [
    # his place is the one other place of the level the story names
    ("5月6日至8日，省委常委、副省长王刚率团赴西藏就对口援藏工作进行考察。西藏自治区党委书记会见了代表团一行。"
     "双方表示，吉林援藏工作取得明显成效。", {("王刚", "吉林省委常委"), ("王刚", "吉林省副省长")}, set()),
    # … and with two to choose from, none
    ("5月6日至8日，省委常委、副省长王刚率团赴西藏就对口援藏工作进行考察。吉林、辽宁援藏工作取得明显成效。",
     set(), {("王刚", "吉林省委常委"), ("王刚", "辽宁省委常委")}),
    # officials who go somewhere themselves (赴), leading no group
    ("9月15日，县长王明、县人大常委会副主任李华赴东至县对接帮扶工作。东至县县长张强陪同。双方表示，青阳县与东至县将深化合作。",
     {("王明", "青阳县县长"), ("李华", "青阳县人大常委会副主任"), ("张强", "东至县县长")}, {("王明", "东至县县长")}),
    ("9月15日，县长王明赴东至县对接帮扶工作。东至县县长张强陪同。", set(), {("王明", "东至县县长")}),
])
def test_a_leader_holds_the_office_of_the_other_place_the_story_names(text, held, not_held):
    found = {(s, o) for t, s, o in relations(text) if t == "holds_position"}
    assert held <= found
    assert not not_held & found


@pytest.mark.parametrize("text, signers", [
    ("会谈后，双方签署了《中法联合声明》。", {"中国", "法国"}),
    # the provinces and cities of China a name abbreviates (湘桂, 港沪)
    ("會上，雙方簽署了《港滬經貿合作交流備忘錄》。", {"香港", "上海"}),
    ("座谈会上，双方签署了《湘桂深化合作框架协议》。", {"湖南", "广西"}),
])
def test_each_side_a_document_abbreviates_signs_in_the_graph(text, signers):
    from kg.graph import graph_to_dict
    from kg.pipeline import run
    from kg.types import Document

    graph = graph_to_dict(run([Document(id="t", text=text)]))
    names = {e["id"]: e["name"] for e in graph["entities"]}
    assert {names[r["subject"]] for r in graph["relations"] if r["type"] == "signs"} == signers


def test_who_signs_on_a_document_signs_it():
    text = "座谈会后，甲市市长张三和乙市市长李四分别在《战略合作框架协议》上签字。"
    assert {s for t, s, o in relations(text) if t == "signs" and o == "战略合作框架协议"} == {"张三", "李四"}


@pytest.mark.parametrize("text, signed", [
    # the heads of state sign, and the story never says who they are: not the countries either
    ("欢迎仪式后，两国元首举行会谈。会谈后，两国元首共同签署《中华人民共和国和乌兹别克斯坦共和国关于深化全面战略伙伴关系的联合声明》。", set()),
    # a list of countries' leaders, unnamed, sign: not the countries; the countries themselves do
    ("埃及、美国、土耳其和卡塔尔领导人当天签署支持加沙地带停火协议的文件。", set()),
    ("法国、德国和意大利当天签署了《三国铁路合作协议》。",
     {("法国", "三国铁路合作协议"), ("德国", "三国铁路合作协议"), ("意大利", "三国铁路合作协议")}),
    ("数十位美国经济学家签署了一份《反对关税宣言》。", set()),
    # what is signed is the first run of documents after the verb, not one a later clause names …
    ("省长张三与李四签署《长江生态保护合作备忘录》，双方将共同落实《长江保护法》。",
     {("张三", "长江生态保护合作备忘录"), ("李四", "长江生态保护合作备忘录")}),
    # … nor one the signing answers to
    ("议员王五上周签署宣誓确认其参选符合《选举条例》的规定。", set()),
    ("银川市与包头市签署了《友好城市协议》、《经贸合作备忘录》和《文化交流协议》。",
     {(side, doc) for side in ("银川市", "包头市") for doc in ("友好城市协议", "经贸合作备忘录", "文化交流协议")}),
    # a letter of intent is an agreement; a country written before its city is where the city lies
    ("汕头市代表团与泰国罗勇市签订了友好城市关系意向书。",
     {("汕头市代表团", "友好城市关系意向书"), ("罗勇市", "友好城市关系意向书")}),
    # the kind alone stands for the document of that kind named before …
    ("中国和洪都拉斯26日在北京签署《中华人民共和国和洪都拉斯共和国关于建立外交关系的联合公报》。"
     "外交部长王毅与洪都拉斯外长雷纳签署联合公报。",
     {(side, "中华人民共和国和洪都拉斯共和国关于建立外交关系的联合公报") for side in ("中国", "洪都拉斯", "王毅", "雷纳")}),
    # … where it stands alone (协议的企业 speaks of agreements in general)
    ("银川市与包头市签署了《友好城市协议》。此后，宁夏与内蒙古签署协议的企业逐年增加。",
     {("银川市", "友好城市协议"), ("包头市", "友好城市协议")}),
    # who 签约 (签字) with no object signs the document named last, in the sentence or the one before …
    ("两市签署了《战略合作框架协议》。甲市副市长刘洋、乙市副市长赵明分别代表两市政府签约。",
     {(side, "战略合作框架协议") for side in ("两市", "刘洋", "赵明")} - {("两市", "战略合作框架协议")}),
    # … not after 签署, whose document may be its subject, nor long after; a signing not done is none
    ("双方就《矿产协议》展开谈判。当天，美国与乌克兰暂不签署该协议。", set()),
    ("帐目委员会有《特权法》赋予的传召权，议员梁继昌认为暂时看不到有必要签署。", set()),
    ("银川市与包头市签署了《友好城市协议》。此后三年，两市经贸往来不断。宁夏与内蒙古陆续签约。",
     {("银川市", "友好城市协议"), ("包头市", "友好城市协议")}),
    # the unnamed parts of a body (联合国有关机构) sign, not the body
    ("中国生态环境部与联合国有关机构签署了《生物多样性基金合作协议》。",
     {("生态环境部", "生物多样性基金合作协议")}),
])
def test_what_is_signed_and_who_signs_it(text, signed):
    assert {(s, o) for t, s, o in relations(text) if t == "signs"} == signed


@pytest.mark.parametrize("name, delegation", [
    ("山东省党政代表团", True), ("咸宁市政府考察团", True), ("香港特区政府代表团", True),
    # companies, performers and armies end in 团 too
    ("浙江省歌舞团", False), ("中国杂技团", False), ("新疆生产建设兵团", False), ("万向集团", False),
])
def test_what_names_a_delegation(name, delegation):
    from kg.extract.relations.state import is_delegation
    from kg.extract.spans import Span

    assert is_delegation(Span(0, len(name), "Organization", name, "t")) is delegation


def test_the_delegation_is_not_the_troupe_it_watched():
    text = ("省委书记王强率领的浙江省代表团结束对新西兰的访问。在奥克兰，代表团观看了浙江省歌舞团的文艺演出。"
            "代表团还考察了奥克兰港务公司。")
    found = relations(text)
    assert not any(t == "visits" and s == "浙江省歌舞团" for t, s, _ in found)
    assert any(t == "visits" and s == "浙江省代表团" and o.startswith("奥克兰港务") for t, s, o in found)


@pytest.mark.parametrize("text, held", [
    # an office whose name holds a place's abbreviation or a title of its own, right before its holder
    ("保安局局长李家超带领纪律部队代表团访京，港澳工作小组组长韩正接见时表态。", ("韩正", "港澳工作小组组长")),
    ("外交部驻港特派员谢锋，柬埔寨驻港总领事出席。", ("谢锋", "外交部驻港特派员")),
])
def test_an_office_with_names_inside_is_its_holders(text, held):
    assert ("holds_position", *held) in relations(text)


@pytest.mark.parametrize("text, visits, not_visited", [
    # "here" is the site the sentence opens with, before its visitor …
    ("西北工业大学坐落于长安区，李强来到这里，听取学校科研情况汇报。", {("李强", "西北工业大学")}, set()),
    # … else the site the sentence before opens with (its first clause naming one)
    ("地处渝北区的重庆两江新区展示中心，是展示新区建设成果的窗口。丁薛祥来到这里，了解新区发展情况。",
     {("丁薛祥", "重庆两江新区展示中心")}, set()),
    ("地处渝北区的重庆两江新区展示中心，是展示江南园林成果的窗口。丁薛祥来到这里，了解新区发展情况。",
     {("丁薛祥", "重庆两江新区展示中心")}, {("丁薛祥", "江南")}),
    # the sea by which a site lies sets the scene
    ("长江之畔，重庆果园港集装箱码头一派繁忙。李强来到这里考察。", {("李强", "重庆果园港集装箱码头")}, {("李强", "长江")}),
    # being "here" with no activity of a visit is no visit
    ("西北工业大学集聚了大量人才。张明在这里找到了技术解决办法。", set(), {("张明", "西北工业大学")}),
    # a body's offices visited by the one the story goes on with, with or without a comma
    ("赵乐际在天津调研。在天津市人大机关详细了解代表履职情况。", {("赵乐际", "天津市人大机关")}, set()),
    # the city an inspection is in, with the sites it names
    ("丁薛祥在四川调研。在成都市考察四川大学、电子科技大学。",
     {("丁薛祥", "成都市"), ("丁薛祥", "四川大学"), ("丁薛祥", "电子科技大学")}, set()),
    # a delegation at the sites written between 在 and its visit word
    ("扬州市党政代表团在南京市江宁区、浦口区考察学习。",
     {("扬州市党政代表团", "江宁区"), ("扬州市党政代表团", "浦口区")}, set()),
    # a site given a sentence of its own, then its visitor going about it
    ("济南二机床集团有限公司是我国重要的机床生产企业，产品远销海外。习近平总书记走进企业装配车间，详细了解数控机床研发情况。",
     {("习近平", "济南二机床集团有限公司")}, set()),
    ("西北工业大学是一所研究型大学，科研实力雄厚。李强首先来到学校实验室，听取科研情况介绍。", {("李强", "西北工业大学")}, set()),
    # (a region described is no site; a visitor who only speaks goes nowhere)
    ("北京是中国的首都。习近平听取了北京市工作汇报。", set(), {("习近平", "北京"), ("习近平", "北京市")}),
    ("西北工业大学是一所研究型大学。李强强调，要加强基础研究。", set(), {("李强", "西北工业大学")}),
    # a delegation met by the holder of a place's office is in that place, named as the text writes it …
    ("6日，扬州市委书记张三会见了李四率领的南通市党政代表团一行。", {("南通市党政代表团", "扬州市")}, set()),
    ("本报讯 昨天上午，市委书记马明会见了由新疆阿克陶县委书记李刚率领的党政代表团一行。马明介绍了扬州经济社会发展情况。",
     {("党政代表团", "扬州")}, set()),
    # … but not where the sentence puts the meeting elsewhere, nor in its own home
    ("6日，扬州市委书记张三在北京会见了李四率领的南通市党政代表团一行。", set(), {("南通市党政代表团", "扬州市")}),
    ("南通市委书记张三会见了李四率领的南通市党政代表团一行。", set(), {("南通市党政代表团", "南通市")}),
    # calling at, moving on to, sent to
    ("市长韩正率团造访旧金山，与当地官员会面。", {("韩正", "旧金山")}, set()),
    ("李强结束在北京的活动后，转往西安考察。", {("李强", "西安")}, set()),
    ("以色列工作级别代表团被派往多哈讨论停火协议。", {("以色列工作级别代表团", "多哈")}, set()),
])
def test_the_site_a_visitor_comes_to(text, visits, not_visited):
    found = {(s, o) for t, s, o in relations(text) if t == "visits"}
    assert visits <= found
    assert not not_visited & found


@pytest.mark.parametrize("text, held, not_held", [
    # the partners China's head meets, listed each with a title after the name, hold their country's
    # offices: a national title restates the one given in full, a title is the name's it follows
    ("应老挝国家主席通伦邀请，国家主席习近平对老挝进行国事访问。习近平总书记还分别同通伦国家主席、宋赛总理会见会谈。",
     {("通伦", "老挝国家主席"), ("宋赛", "老挝总理")}, {("通伦", "国家主席"), ("宋赛", "国家主席"), ("宋赛", "国务院总理")}),
    ("应老挝国家主席通伦邀请，国家主席习近平对老挝进行国事访问。习近平主席同通伦国家主席、宋赛总理、赛宋蓬国会主席会见。",
     {("宋赛", "老挝总理")}, {("宋赛", "国务院总理"), ("赛宋蓬", "总理")}),
    # … and an office of their state's organs after the name is their country's
    ("应越南国家主席梁强邀请，国家主席习近平对越南进行国事访问。习近平总书记还分别同梁强国家主席、范明政总理、陈青敏国会主席会见会谈。",
     {("陈青敏", "越南国会主席"), ("范明政", "越南总理")}, {("陈青敏", "国会主席")}),
    # China's own offices after Chinese names stay China's
    ("李强总理、丁薛祥副总理出席。", {("李强", "国务院总理"), ("丁薛祥", "国务院副总理")}, set()),
])
def test_the_offices_of_a_list_of_partners(text, held, not_held):
    found = {(s, o) for t, s, o in relations(text) if t == "holds_position"}
    assert held <= found
    assert not not_held & found


@pytest.mark.parametrize("text, met", [
    # a group led unnamed (率团, 带团) is its leader's: who meets it meets him
    ("5月6日，副省长王刚率团赴西藏考察。西藏自治区党委书记丁勇会见了代表团一行。", {("丁勇", "王刚")}),
    ("5月6日，副省长王刚带团赴西藏考察。自治区主席丁勇会见了考察团一行。", {("丁勇", "王刚")}),
    # people met who are no group's
    ("5月6日，副省长王刚赴西藏考察。自治区主席丁勇会见了援藏干部代表。", set()),
])
def test_who_meets_a_group_led_unnamed_meets_its_leader(text, met):
    assert {(s, o) for t, s, o in relations(text) if t == "meets"} == met


@pytest.mark.parametrize("text, held, not_held", [
    # the office the press writes in parentheses right after a name is his
    ("出席者包括劉炳章（專業聯盟主席）、鄧爾邦（香港齊心基金會主席）等。",
     {("刘炳章", "专业联盟主席"), ("邓尔邦", "香港齐心基金会主席")}, set()),
    ("選舉主任袁嘉諾（元朗民政事務專員）詢問他是否支持香港獨立。", {("袁嘉诺", "元朗民政事务专员")}, set()),
    # … not what else parentheses hold after a name, nor an office written after them
    ("鄧爾邦（左）與香港齊心基金會主席會面。", set(), {("邓尔邦", "香港齐心基金会主席")}),
])
def test_an_office_in_parentheses_after_a_name_is_his(text, held, not_held):
    found = {(s, o) for t, s, o in relations(text) if t == "holds_position"}
    assert held <= found and not (not_held & found)


# (last in the module: the rules_only fixture is module-scoped and stays on once used)
@pytest.mark.usefixtures("rules_only")
# (not the guest the rules alone do not name, 非国大全国执委迪迪扎, nor the clause with no guest)
@pytest.mark.parametrize("text, pairs", CLAUSE_OF_TIME_MEETINGS[:2] + CLAUSE_OF_TIME_MEETINGS[3:4])
def test_the_rules_read_a_meeting_in_a_clause_of_time(text, pairs):
    """The rules' vote, which the classifier reads (and, on text no one annotated, may need)."""
    assert _meeting_pairs(text) == pairs


@pytest.mark.parametrize("text, met, not_met", [
    # 欢迎 a guest or his delegation is meeting him …
    ("台北市市长柯文哲19日晚在圆山大饭店欢迎上海市常务副市长周波率领的上海市政府代表团一行。", {("柯文哲", "周波")}, set()),
    ("特朗普周四晚在佛罗里达州海湖庄园举行晚宴，欢迎习近平一行。", {("特朗普", "习近平")}, set()),
    # … not welcoming what he does, an invitation to come, or a dinner in his honour
    ("林郑月娥出席中联办酒会后表示，欢迎曾俊华参选，期望选举公平。", set(), {("林郑月娥", "曾俊华")}),
    ("习近平说，欢迎马克龙总统方便时再次访华。", set(), {("习近平", "马克龙")}),
    # … nor his coming, which a host welcomes in what he says at the talks
    ("省委书记刘家义率山东省党政代表团来京。蔡奇欢迎山东省党政代表团来京考察,感谢山东省长期以来对北京市工作的支持。",
     set(), {("蔡奇", "刘家义")}),
    ("民主党主席胡志伟表示，他们将会出席欢迎习近平晚宴。", set(), {("胡志伟", "习近平")}),
    ("当晚，习近平和彭丽媛为费利佩六世夫妇举行欢迎宴会。", set(), {("习近平", "彭丽媛")}),
    # … nor a ceremony of welcome, which the talks after it follow (the annotators' reading)
    ("国家主席习近平31日上午在人民大会堂东门外广场举行仪式，欢迎突尼斯共和国总统凯斯·赛义德对我国进行国事访问。",
     set(), {("习近平", "凯斯·赛义德")}),
])
def test_welcoming_a_guest_is_meeting_him(text, met, not_met):
    found = {frozenset((s, o)) for t, s, o in rule_relations(text) if t == "meets"}
    assert {frozenset(p) for p in met} <= found
    assert not ({frozenset(p) for p in not_met} & found)


@pytest.mark.parametrize("text, visits, not_visits", [
    # who arrives in a foreign city visits its country, where the story names the country (as its host's)
    ("国家主席习近平乘专机抵达阿斯塔纳，应哈萨克斯坦共和国总统托卡耶夫邀请，出席第二届中国－中亚峰会。",
     {("习近平", "阿斯塔纳"), ("习近平", "哈萨克斯坦共和国")}, set()),
    ("10月13日，哈萨克斯坦总统托卡耶夫在阿斯塔纳会见国家副主席王岐山。", {("王岐山", "哈萨克斯坦")}, set()),
    # … not a host in his own country's city, nor one whose name is a transliteration, at home there
    # more often than not
    ("10月13日，哈萨克斯坦总统托卡耶夫在阿斯塔纳会见国家副主席王岐山。", set(), {("托卡耶夫", "哈萨克斯坦")}),
    ("特朗普抵达华盛顿后表示，美国经济强劲。", set(), {("特朗普", "美国")}),
])
def test_a_foreign_city_visited_gives_its_country(text, visits, not_visits):
    found = {(s, o) for t, s, o in relations(text) if t == "visits"}
    assert visits <= found and not (not_visits & found)


@pytest.mark.parametrize("text, visits, not_visits", [
    # who goes to a place an administrative chain names visits the city the chain begins with …
    ("在武汉市东湖新城社区、鄂州市鄂城区峒山村，李希认真听取对加强基层党风廉政建设的意见建议。",
     {("李希", "鄂州市鄂城区峒山村"), ("李希", "鄂州市")}, {("李希", "鄂城区")}),
    ("李小鹏深入昌吉州阜康市和农六师五家渠市了解示范项目完成情况。", {("李小鹏", "昌吉州")}, set()),
    # … not a county or district that begins it: the annotators leave it inside the place's name
    ("王沪宁来到博罗县郭前村调研。", {("王沪宁", "博罗县郭前村")}, {("王沪宁", "博罗县")}),
    # … nor the capital, where the central leaders are at home
    ("党和国家领导人习近平、李强等集体乘车，来到北京市通州区潞城镇，同首都群众一起参加义务植树。", set(),
     {("习近平", "北京市"), ("李强", "北京市")}),
])
def test_a_place_of_an_administrative_chain_visited_gives_the_chains_city(text, visits, not_visits):
    found = {(s, o) for t, s, o in relations(text) if t == "visits"}
    assert visits <= found and not (not_visits & found)

