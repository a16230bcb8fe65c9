"""The trained mention tagger (kg/extract/entities/tagged.py) as shipped: what it corrects, what it
leaves to the rules, and that it never breaks the spans' invariants."""

from __future__ import annotations

import pytest
from helpers import entity_mentions as mentions

from kg.extract.entities import SHARED_COLUMNS_CHARS, find_mentions, find_rule_mentions, reconcile_sentences, tagged
from kg.extract.entities.sentence import SentenceView
from kg.extract.entities.tagged import (
    MODEL_PATH,
    _before_etc,
    _past_pointing_words,
    _two_bodies,
    _whole_latin_name,
    judged_sources,
    reconcile,
    use_model,
)
from kg.text.normalize import normalize
from kg.text.segment import segment

pytestmark = pytest.mark.skipif(not MODEL_PATH.exists(), reason="no trained mention model in this checkout")


@pytest.mark.parametrize("text, wanted, unwanted", [
    # a body the rules completed wrongly (越共 read as 中共): the tagger names the office as written
    ("越共中央总书记苏林在河内会见中国客人。", {("Position", "越共中央总书记")}, {("Position", "中共中央总书记")}),
    # coordinated names are names of one kind: the second law stands with the first
    ("会议审议了统计法修正草案和能源法草案。", {("Document", "统计法修正草案"), ("Document", "能源法草案")}, set()),
    # rule families the annotated articles never exercised (teams) stand as the rules found them
    ("本轮焦点战：切沃vs罗马。", {("Organization", "切沃"), ("Organization", "罗马")}, set()),
    ("新华社北京7月23日电（记者王姝、马力）国家主席习近平会见外宾。", {("Person", "马力"), ("Person", "王姝")}, set()),
    # a city and a venue jieba writes as one word (北京人民大会堂): the lexicon's two names stand
    ("国家主席习近平在北京人民大会堂会见来华出席峰会的总统。", {("Place", "北京"), ("Place", "人民大会堂")},
     {("Place", "北京人民大会堂")}),
    ("颁奖大会5日上午在北京人民大会堂举行。", {("Place", "北京"), ("Place", "人民大会堂")}, set()),
    # a name nested in an office the tagger drops goes with it where the tagger's person crosses it
    # (陈华|为副团长: 华为 is no company here)
    ("以市委书记王明为团长、市长陈华为副团长的漳州市党政代表团抵达。", {("Person", "陈华")},
     {("Organization", "华为"), ("Position", "华为副团长")}),
    # an office written by its level alone is the one its holder was named with in full (the tagger
    # reads 吴江市委书记, a city the gazetteer knows only as a district now), not the place the story's
    # context would give it
    ("吴江市委书记张三率吴江市文化经贸考察团赴台湾新竹市交流。座谈会上，市委书记张三介绍说，吴江山水秀美。",
     {("Position", "吴江市委书记")}, {("Position", "台湾新竹市委书记"), ("Position", "市委书记")}),
    # "this state" names no body, whatever the tagger reads
    ("赵乐际在撒马尔罕会见该州州长图尔季莫夫。", set(), {("Position", "该州州长")}),
    ("本市市长李四出席开幕式。", set(), {("Position", "本市市长")}),
    # a film or a programme in 《》 is no document; a guide is
    ("春节期间，《封神第二部：战火西岐》《哪吒之魔童闹海》以及《唐探1900》等影片上映。", set(),
     {("Document", "哪吒之魔童闹海"), ("Document", "封神第二部:战火西岐")}),
    ("《高端访谈》今晚播出埃及前总理专访。", set(), {("Document", "高端访谈")}),
    ("教育部发布《中小学科学教育工作指南》。", {("Document", "中小学科学教育工作指南")}, set()),
    # a report's verb makes a clause, not a name
    ("俄称摧毁乌军弹药库等目标 乌称打击俄指挥所", set(), {("Organization", "俄称摧毁乌军弹药库")}),
    # a part of the country opens a clause, not a body
    ("中央气象台预计，明天白天，中东部雨雪天气范围有所缩小。", set(), {("Organization", "中东部雨雪天气范围")}),
    # a count opens a clause, not a name
    ("在福建厦门，数万盏宫灯布满街道。", {("Place", "厦门")}, {("Place", "数万盏宫灯布满街道")}),
    # a set expression names no place, whatever the tagger reads (新中国, phrases.txt)
    ("科威特是第一个同新中国建交的海湾阿拉伯国家。", {("Place", "科威特")}, {("Place", "新中国")}),
    # a province no rule knew is no man, whatever the tagger reads
    ("也门首都萨那以及萨达省、荷台达省等多地遭空袭。", {("Place", "荷台达")}, {("Person", "萨达省")}),
    # a gathering is an event, not a body, whatever the tagger reads
    ("赵乐际在十四届全国人大三次会议闭幕会上讲话。", set(), {("Organization", "十四届全国人大三次会议")}),
    ("全国科技大会在北京人民大会堂隆重召开。", {("Place", "人民大会堂")}, {("Organization", "全国科技大会")}),
    # an initiative is no document, whatever the tagger reads
    ("中方愿同古方携手推动落实全球发展倡议、全球安全倡议，共同促进世界和平与发展。", set(),
     {("Document", "全球发展倡议"), ("Document", "全球安全倡议")}),
    # a body by its level alone is the body of the place named right before it, or no name
    ("习近平听取辽宁省委和省政府工作汇报。", {("Organization", "辽宁省政府")}, {("Organization", "省政府")}),
    ("在访问韦克舍市当天，市政府办公大楼门前升起了五星红旗。", set(), {("Organization", "市政府")}),
    # what the rules find and the tagger confirms
    ("国务院总理李强会见新西兰总理希普金斯。", {("Person", "李强"), ("Person", "希普金斯"), ("Position", "新西兰总理")},
     set()),
])
def test_the_tagger_on_real_sentences(text, wanted, unwanted):
    found = set(mentions(text))
    assert wanted <= found
    assert not (unwanted & found)


def test_the_tagger_judges_only_the_rules_it_was_trained_on():
    judged = judged_sources()
    assert {"gazetteer", "after-title", "suffix", "book-title"} <= judged
    assert "team" not in judged


def test_without_a_model_the_rules_spans_pass_through():
    seg = segment("t", normalize("委员们认为，中央的决策部署十分重要。"))
    spans, sentences = find_rule_mentions(seg)
    use_model("/nonexistent")
    try:
        assert reconcile(sentences[0], spans) == spans
        assert find_mentions(seg) == spans
    finally:
        use_model(None)


class _Doubting:
    """A tagger that labels every character O and gives every name label no probability."""

    def marginal(self, label, i):
        return 1.0 if label == "O" else 0.0


def _kept_by_a_doubting_tagger(monkeypatch, text: str) -> list:
    """The rule spans of ``text`` that stand when the tagger finds every name impossible."""
    spans, sentences = find_rule_mentions(segment("t", normalize(text)))
    monkeypatch.setattr(tagged, "tag_sentence", lambda s, votes: (["O"] * (s.end - s.start), _Doubting()))
    return [sp for s in sentences for sp in reconcile(s, [x for x in spans if s.start <= x.start < s.end])]


@pytest.mark.parametrize("text, office", [
    # a place's head written with the place right before his title, however rare the place
    ("长春市市长王强与韩国春川市市长金明洙举行会谈。", "春川市市长"),
    ("美国加利福尼亚州州长纽森访华。", "加利福尼亚州州长"),
])
def test_a_place_head_right_by_construction_stands_however_the_tagger_doubts_it(monkeypatch, text, office):
    kept = {(sp.type, sp.name) for sp in _kept_by_a_doubting_tagger(monkeypatch, text)}
    assert ("Position", office) in kept


def test_a_completed_or_non_local_office_is_still_the_taggers_to_judge(monkeypatch):
    # a bare 市长 completed with the story's city, a company's head in a place: the tagger decides
    text = "哈尔滨市委书记张三会见了客人。市长李四出席。东海总经理王五陪同。"
    spans, _ = find_rule_mentions(segment("t", normalize(text)))
    assert {"哈尔滨市市长", "哈尔滨市委书记"} <= {sp.name for sp in spans if sp.type == "Position"}
    kept = {sp.name for sp in _kept_by_a_doubting_tagger(monkeypatch, text) if sp.type == "Position"}
    assert not kept & {"哈尔滨市市长", "东海总经理"}


@pytest.mark.parametrize("text, document", [
    # what 《》 quote, however long
    ("双方签署《关于选拔、训练巴基斯坦航天员并参与中国空间站飞行任务的合作协议》，总理李强出席。",
     "关于选拔、训练巴基斯坦航天员并参与中国空间站飞行任务的合作协议"),
    # an agreement named right after a verb of signing: the verb says it is one
    ("中央广播电视总台与澳门特别行政区政府签署深化战略合作框架协议，总理李强出席。", "深化战略合作框架协议"),
])
def test_a_document_right_by_construction_stands_however_the_tagger_doubts_it(monkeypatch, text, document):
    kept = {(sp.type, sp.name) for sp in _kept_by_a_doubting_tagger(monkeypatch, text)}
    assert ("Document", document) in kept
    assert ("Person", "李强") not in kept  # a judged rule span the tagger finds impossible goes


def test_the_rows_both_taggers_read_are_kept_only_so_long():
    # the name CRF's rows of a sentence are kept for the tagger up to SHARED_COLUMNS_CHARS characters
    # of a document, and each sentence's go once the tagger has read them: memory stays flat

    sentence = "国务院总理李强在人民大会堂会见来华进行国事访问的马尔代夫总统穆伊兹。"
    text = sentence * (2 * SHARED_COLUMNS_CHARS // len(sentence))
    spans, sentences = find_rule_mentions(segment("t", normalize(text)))
    kept = sum(s.end - s.start for s in sentences if "crf_columns" in s.__dict__)
    assert 0 < kept <= SHARED_COLUMNS_CHARS
    reconcile_sentences(sentences, spans)
    assert not any("crf_columns" in s.__dict__ for s in sentences)


@pytest.mark.parametrize("text, labelled, type_, name", [
    # a label that stops at a space inside a Latin name: the person is the whole run of capitalised words
    ("聲明指，戴德梁行主席Tim Melville Ross在2011年", "Ross", "Person", "Tim Melville Ross"),
    ("禮頓風險經理Justin Taylor作供", "Justin", "Person", "Justin Taylor"),
    # … and a label that stops inside a word, the whole word; a body's name is not grown past a space
    ("與其高層Katie Gunn會面", "Katie Gu", "Person", "Katie Gunn"),
    ("他在NCA辦公室與Katie Gunn會面", "NC", "Organization", "NCA"),
    ("報道指Apple Daily停刊", "Apple", "Organization", "Apple"),
    # a Chinese name is left as labelled
    ("禮頓風險經理陳大文作供", "陳大", "Person", "陳大"),
])
def test_a_label_inside_a_latin_name_grows_to_the_whole_name(text, labelled, type_, name):

    a = text.index(labelled)
    start, end = _whole_latin_name(text, a, a + len(labelled), type_)
    assert text[start:end] == name


@pytest.mark.parametrize("name, parts", [
    # two bodies the tagger may read as one name: each part ends in a body's or a place's suffix
    ("省商务厅与中葡论坛常设秘书处", ("省商务厅", "中葡论坛常设秘书处")),
    ("土地注册处及公司注册处", ("土地注册处", "公司注册处")),
    ("四川省及省人大常委会", ("四川省", "省人大常委会")),
    ("拉科鲁尼亚队vs马拉加队", ("拉科鲁尼亚队", "马拉加队")),
    # one body whose name joins two fields
    ("食物及卫生局", None),
    ("战略与国际研究中心", None),
    ("财经事务及库务局", None),
])
def test_two_bodies_the_tagger_reads_as_one_are_two(name, parts):

    joined = _two_bodies(name, 0, len(name))
    assert (None if joined is None else (name[:joined[0]], name[joined[1]:])) == parts


@pytest.mark.parametrize("name, cut", [
    ("台湾区电机电子工业协会等商协会", "台湾区电机电子工业协会"),
    ("北京市等单位", "北京市"),
    ("等离子体物理研究所", "等离子体物理研究所"),  # 等 opens a word of the name
])
def test_a_list_s_etc_ends_the_name(name, cut):

    a, b = _before_etc(name, 0, len(name))
    assert name[a:b] == cut


def test_a_span_of_punctuation_is_no_name(monkeypatch):

    text = "黄河地质公园将在郑州兴建 | ||\n---|---|---|\n"
    s = SentenceView.of(text)
    a = text.index("---")
    labels = ["O"] * len(text)
    labels[a:a + 11] = ["B-ORG"] + ["I-ORG"] * 10

    class Sure:
        def marginal(self, label, i):
            return 1.0

    got = tagged.reconcile_tagged(s, [], labels, Sure())
    assert not any("-" in sp.name for sp in got)


@pytest.mark.parametrize("text, labelled, office", [
    # words that point at an office from the sentence open no name: a term, a pronoun, a place word
    ("当中警察公共关系科高级警司江永祥是表表者。", "当中警察公共关系科高级警司", "警察公共关系科高级警司"),
    ("现届业委会副主席黄贵荣表示反对。", "现届业委会副主席", "业委会副主席"),
    ("其中国家发展改革委主任出席。", "其中国家发展改革委主任", "国家发展改革委主任"),
    # … but a name's own opening stays
    ("东部战区司令员林向阳出席。", "东部战区司令员", "东部战区司令员"),
])
def test_an_office_the_tagger_labels_starts_past_the_words_pointing_at_it(text, labelled, office):

    a = text.index(labelled)
    b = a + len(labelled)
    assert text[_past_pointing_words(SentenceView.of(text), a, b):b] == office


@pytest.mark.parametrize("text, name, inside", [
    # a set expression holds a place's name without naming the place (phrases.txt): the tagger's
    # label there makes no name
    ("组织学生到发展中国家建立友谊。", "中国", True),
    ("科威特是第一个同新中国建交的国家。", "新中国", True),
    ("中国同发展中国家团结合作。", "中国", False),  # (the first 中国 is the country)
])
def test_a_set_expression_names_no_place(text, name, inside):

    a = text.index(name)
    assert SentenceView.of(text).in_phrase(a, a + len(name)) is inside
