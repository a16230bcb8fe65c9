"""The trained mention tagger's word on the rules' spans.

The rules find spans with their names and attributes (a completed office, a place's full name);
the tagger (:mod:`kg.extract.models.crf` features, a CRF trained on kg's annotated articles by
:mod:`kg.train.mentions`) reads the same sentence with the rules' spans as votes and says where
the names are.  Where it agrees with a rule span, the rule span stands; a rule span the tagger
finds all but impossible is dropped; a name the tagger finds where no rule span stands is added,
named by its text (a place or a known body by the lexicon's name).

The model ships as ``kg/lexicon/data/mentions.crfsuite``; without it (a checkout before training)
the rules' spans pass through unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from kg.extract.entities.positions import LEGISLATIVE_COUNCILLOR, is_sector_member, without_holder_ordinal
from kg.extract.entities.sentence import (
    DEMONSTRATIVES,
    LEVEL_CHARS,
    QUARTERS,
    SentenceView,
    known_place_attrs,
    title_at,
)
from kg.extract.models.crf import TYPE_LABELS, spans_from_labels, vote_columns, vote_features
from kg.extract.models.linear_crf import decode_each, forget_models
from kg.extract.spans import Span, SpanAttrs
from kg.lexicon import DATA_DIR, cached, load_lines
from kg.lexicon.gazetteer import gazetteer, is_country
from kg.lexicon.jieba_dict import word_freq, word_tag

__all__ = ["MODEL_PATH", "judged_sources", "rule_votes", "sentence_features", "sentence_columns", "tagger", "use_model", "tag_sentence", "tag_sentences",
           "reconcile", "reconcile_all", "reconcile_tagged"]

#: The shipped model.
MODEL_PATH = DATA_DIR / "mentions.crfsuite"
# A rule span keeps its place unless the tagger gives its labels less than this probability.
KEEP = 0.15
# A name the tagger finds where no rule span stands is added when its labels are at least this probable.
ADD = 0.5

_model_path: list[Path] = [MODEL_PATH]


def use_model(path: str | Path | None) -> None:
    """Tag with the model at ``path`` from now on (None: the shipped one); for training and tests."""
    _model_path[0] = Path(path) if path is not None else MODEL_PATH
    tagger.cache_clear()
    forget_models()
    judged_sources.cache_clear()


@lru_cache(maxsize=1)
def tagger():
    """The CRFsuite tagger of the current model, or None when there is no model file."""
    import pycrfsuite

    path = _model_path[0]
    if not path.exists():
        return None
    t = pycrfsuite.Tagger()
    t.open(str(path))
    return t


@lru_cache(maxsize=1)
def judged_sources() -> frozenset[str]:
    """The rule sources the current model learned to weigh (it saw their votes in training).

    A rule family the annotated articles never exercised (football teams) is beyond the
    tagger's judgement: its spans stand as the rules found them."""
    def read() -> frozenset[str]:
        t = tagger()
        if t is None:
            return frozenset()
        return frozenset(attr[4:] for attr, _ in t.info().state_features if attr.startswith("vs="))

    # Reading them parses the whole model dump (a third of a second): the shipped model's are
    # kept in kg's cache, whose key covers the model file.
    return cached("judged-sources", read) if _model_path[0] == MODEL_PATH else read()


def _core(text: str, sp: Span) -> tuple[int, int]:
    """The extent of a span's name: a document quoted in 《》 without the marks."""
    a, b = sp.start, sp.end
    if sp.source == "book-title":
        a += text[a] == "《"
        b -= text[b - 1] == "》"
    return a, b


def _votes_from(sp: Span) -> bool:
    return not (sp.attrs.nested or sp.attrs.bare or sp.end - sp.start < 2 or sp.type not in TYPE_LABELS)


def rule_votes(text: str, spans: Sequence[Span], start: int, end: int) -> list[str]:
    """Per character of ``text[start:end]``, the label kg's rules give it and the rule's source
    (``B-PER:after-title``); nested mentions, bare titles and one-character abbreviations are
    left out (they are no names of their own).

    >>> rule_votes("刘家义来", [Span(0, 3, "Person", "刘家义", "after-title")], 0, 4)
    ['B-PER:after-title', 'I-PER:after-title', 'I-PER:after-title', 'O']
    """
    votes = ["O"] * (end - start)
    for sp in spans:
        if not _votes_from(sp) or sp.start < start or sp.end > end:
            continue
        a, b = _core(text, sp)
        code = TYPE_LABELS[sp.type]
        for i in range(a, b):
            votes[i - start] = ("B-" if i == a else "I-") + code + ":" + sp.source
    return votes


def sentence_features(s: SentenceView, votes: list[str]) -> list[list[str]]:
    """The tagger's features of a sentence read with the rules' ``votes``, as CRFsuite reads them
    (in training; at run time the tagger reads the same features from :func:`sentence_columns`)."""
    return vote_features(s.crf_columns.rows(), s.own_text, s.own_tokens, votes)


def sentence_columns(s: SentenceView, votes: list[str]):
    """:func:`sentence_features` as raw values by column (:class:`kg.extract.models.columns.Columns`)."""
    return vote_columns(s.crf_columns, s.own_text, s.own_tokens, votes)


def tag_sentence(s: SentenceView, votes: list[str]):
    """The tagger's labels of a sentence and what answers for their probabilities
    (``marginal``); None without a model."""
    if tagger() is None:
        return None
    return next(tag_sentences([(s, votes)]))


def tag_sentences(sentences: Sequence[tuple[SentenceView, list[str]]]) -> Iterator[tuple[list[str], object]]:
    """:func:`tag_sentence` of each sentence with its votes, the sentences tagged together (what
    answers for a sentence's probabilities is to be asked before the next is drawn)."""
    return decode_each(_model_path[0], [sentence_columns(s, votes) for s, votes in sentences])


# Documents whose extent is right by construction: what 《》 quote, where a long title
# (《关于选拔、训练巴基斯坦航天员并参与中国空间站飞行任务的合作协议》) has some character whose label the
# tagger doubts, and an agreement named right after a verb of signing (签署深化战略合作框架协议), which
# the verb says is one — a reading the annotated articles hold in 40 of the rule's 46 finds (the
# others optional but six), and that the tagger, having seen few, turns down in fresh text.
_DOCUMENTS_BY_CONSTRUCTION = frozenset(("book-title", "signed-doc"))


def _document_by_construction(sp: Span) -> bool:
    """Whether ``sp`` is a document whose extent its rule gets right by construction."""
    return sp.type == "Document" and sp.source in _DOCUMENTS_BY_CONSTRUCTION


def _led_delegation(text: str, sp: Span) -> bool:
    """Whether ``sp`` is a delegation named right after the verb that leads it (率经贸文化交流团): its
    suffix and its leader's verb make it one, however seldom the tagger saw its words."""
    return sp.type == "Organization" and sp.attrs.category == "delegation" \
        and text.endswith(("率", "率领", "带领"), 0, sp.start)


def _place_head(text: str, sp: Span) -> bool:
    """Whether ``sp`` is the head of a place, written with the place's name right before his title
    (春川市市长, 长春市市长; not a bare 市长 that kg completed with the story's city): the place and
    the title make it an office, however seldom the tagger saw the place."""
    return sp.type == "Position" and bool(sp.attrs.place) and sp.attrs.body == sp.attrs.place \
        and sp.attrs.title in _place_head_titles() and text[sp.start:sp.end] == sp.name == sp.attrs.place + sp.attrs.title


def _held_by_the_name_before(text: str, sp: Span, kept: list[Span]) -> bool:
    """Whether ``sp`` is an office whose body is written before its holder's name and its title after
    it (福州市委王宁书记, 中联办郑雁雄主任, 广州市郭永航市长), the name one the tagger kept: the tagger,
    trained on names written whole, reads the title alone after a name as no office; the body, the
    name and the title make it one (but 港大|荣休|教授 holds no name: the tagger's 港大荣休教授 stands)."""
    if sp.type != "Position" or sp.source != "title" or not sp.attrs.body or not kept:
        return False
    written, holder = text[sp.start:sp.end], kept[-1]
    if written == sp.name or not sp.name.endswith(written) or holder.type != "Person" or holder.end != sp.start:
        return False
    return text.endswith(sp.name[:-len(written)], 0, holder.start)


@lru_cache(maxsize=1)
def _place_head_titles() -> frozenset[str]:
    return frozenset(load_lines("place_head_titles.txt"))


def _continues(t, code: str, a: int, b: int, sp: Span, kept: list[Span]) -> bool:
    """Whether the tagger reads a rule span — a venue or street — as the rest of a name of its type
    that a kept span right before it opens (北京|人民大会堂, which jieba writes as one word): two names
    by the lexicon, one by the tagger — the lexicon's boundary stands."""
    if not kept or kept[-1].end != sp.start or kept[-1].type != sp.type or sp.attrs.category not in _SITES:
        return False
    return min(t.marginal("I-" + code, i) + t.marginal("B-" + code, i) for i in range(a, b)) >= _CONTINUES


# How probable the tagger must find a rule span inside a name (B or I of its type) to keep it there.
_CONTINUES = 0.8
# The places a city's name may stand right before (北京人民大会堂, 香港皇后大道中), in the gazetteer's categories.
_SITES = frozenset({"venue", "street"})


def _support(t, code: str, a: int, b: int) -> float:
    """The lowest probability the tagger gives the labels of a ``code`` name over ``[a, b)``
    (sentence-relative offsets)."""
    low = 1.0
    for i in range(a, b):
        low = min(low, t.marginal(("B-" if i == a else "I-") + code, i))
    return low


# Above this dictionary frequency a word the dictionary does not call a name is a common word
# (委员, 中央, 互联网): the tagger alone does not make it a name.
_COMMON = 5000


# Words around a title in 《》 that make it a film's, a show's or a programme's (电影《…》, 《…》今晚播出).
_SCREEN = re.compile("电影|影片|纪录片|电视剧|动画|节目|栏目|晚会|播出|首播|上映|票房|专访|档期|观影|综艺")
_SCREEN_NEAR = 12
_NEXT_TITLE = re.compile("(?:、|和|及|以及|与)?《")


def _screened(text: str, a: int, b: int) -> bool:
    """Whether ``text[a:b]``, a title in 《》, is a film's or a programme's: a word of the screen
    right before or after it, past the titles listed with it (《封神第二部》《哪吒之魔童闹海》…票房)."""
    if text[a - 1:a] != "《" or text[b:b + 1] != "》":
        return False
    if _SCREEN.search(text, a, b) and text.endswith(("晚会", "访谈"), a, b):
        return True
    lo, hi = a - 1, b + 1
    while lo > 0 and text[lo - 1] in "》、":  # the titles listed before it
        k = text.rfind("《", 0, lo - 1)
        if k < 0 or lo - k > 40:
            break
        lo = k
    while (m := _NEXT_TITLE.match(text, hi)) is not None:  # and after it (、《…》, 以及《…》)
        k = text.find("》", m.end())
        if k < 0 or k - hi > 40:
            break
        hi = k + 1
    return bool(_SCREEN.search(text, max(0, lo - _SCREEN_NEAR), lo) or _SCREEN.search(text, hi, hi + _SCREEN_NEAR))


def _acts(s: SentenceView, a: int, b: int) -> bool:
    """Whether a verb of a report or of war (称, 摧毁, 打击) is a word of ``[a, b)``: a clause, which no
    name is."""
    i = a
    while i < b and (end := s.token_starts.get(i)) is not None and end <= b:
        word = s.text[i:end]
        if word in _NEVER_IN_NAMES:
            return True
        i = end
    return False


# Verbs of reports and of war that no name is made of (俄称摧毁乌军弹药库); many another verb is
# (联合, 创新, 管理, 选举: 独立调查委员会).
_NEVER_IN_NAMES = frozenset(("称", "说", "表示", "宣布", "指出", "摧毁", "击落", "击退", "打击", "袭击", "空袭"))


def _counted(s: SentenceView, a: int) -> bool:
    """Whether the word at ``a`` is a count (数万, 三个), which opens no name (but 第一, 十八洞村's 十八
    before a word jieba does not know)."""
    end = s.token_starts.get(a)
    if end is None:
        return False
    word = s.text[a:end]
    return word_tag(word) == "m" and not word.startswith("第") and any(c in _COUNTS for c in word)


# What makes a numeral a count: a magnitude or a measure (数万, 上千, 三个).
_COUNTS = frozenset("数万千百几多余个")


# Words that point at a body or an office from the sentence and open no name: a term (现届, 今届 — jieba
# knows neither), besides the pronouns and place words (其中, 当中) jieba tags r and s.
_TERMS = frozenset(("现届", "今届", "上届", "本届", "现任", "新任"))


def _past_pointing_words(s: SentenceView, a: int, b: int) -> int:
    """Where a name the tagger labelled ``[a, b)`` starts once the words that only point at it are
    left out (当中|警察公共关系科高级警司: 警察公共关系科高级警司)."""
    while (end := s.token_starts.get(a)) is not None and end < b - 1:
        word = s.text[a:end]
        if word not in _TERMS and word_tag(word) not in ("r", "s"):
            break
        a = end
    return a


def _common_word(word: str) -> bool:
    tag = word_tag(word)
    return tag is not None and tag[:2] not in ("nr", "ns", "nt", "nz") and word_freq(word) > _COMMON


# What joins two bodies in one phrase (省商务厅与中葡论坛常设秘书处, 拉科鲁尼亚队vs马拉加队).
_BODY_JOINER = re.compile("[与和及]|vs|VS")
# Generic words a list of bodies ends on after 等 (…同业公会等商协会, …等单位).
_ETC = "等"


# The kinds of body a level's bare name (省委, 市政府, 县人大常委会) is of.
_LEVEL_BODY_KINDS = frozenset(("party-gov-strict", "legislature"))


def _bare_body(name: str) -> bool:
    """Whether ``name`` is a body written by its level alone (省政府, 市委, 县人大常委会).

    >>> _bare_body("省政府"), _bare_body("市委"), _bare_body("辽宁省政府"), _bare_body("市场监管局")
    (True, True, False, False)
    """
    if name[:1] not in LEVEL_CHARS:
        return False
    g = gazetteer()
    return any(e.kind == "org_suffix" and e.category in _LEVEL_BODY_KINDS
               for rest in (name, name[1:]) for e in g.lookup(rest))


def _place_before(text: str, a: int, kept: list[Span]) -> str:
    """The place of the body of a level that ends right before ``a`` (or before a 和, 、 or 及 there),
    when ``text[a]`` is that level's character: 辽宁省 of 辽宁省委|和|省政府; else ''."""
    g = gazetteer()
    for sp in kept:
        if sp.type == "Organization" and (sp.end == a or (sp.end == a - 1 and text[a - 1] in "和、与及")):
            k = sp.name.find(text[a])
            if k > 0 and any(e.kind == "place" for e in g.lookup(sp.name[:k + 1])):
                return sp.name[:k + 1]
    return ""


def _ending_type(name: str) -> str | None:
    """``"Organization"`` or ``"Place"`` if ``name`` is a known body or place, or ends in a body's
    or a place's suffix (and is more than the suffix), else None.

    >>> _ending_type("省商务厅"), _ending_type("四川省"), _ending_type("食物")
    ('Organization', 'Place', None)
    """
    g = gazetteer()
    for k in range(len(name)):
        for e in g.lookup(name[k:]):
            if e.kind == ("org" if k == 0 else "org_suffix"):
                return "Organization"
            if e.kind == ("place" if k == 0 else "place_suffix"):
                return "Place"
    return None


def _two_bodies(text: str, a: int, b: int) -> tuple[int, int] | None:
    """Where ``text[a:b]`` joins two names with 与, 和, 及 or vs, each ending in a body's or a
    place's suffix (土地注册处及公司注册处): the end of the first and the start of the second. None
    where one name joins fields, not bodies (食物及卫生局, 战略与国际研究中心).

    >>> t = "见证省商务厅与中葡论坛常设秘书处签订"
    >>> _two_bodies(t, 2, 16), _two_bodies("食物及卫生局", 0, 6)
    ((6, 7), None)
    """
    for m in _BODY_JOINER.finditer(text, a + 2, b - 2):
        if _ending_type(text[a:m.start()]) and _ending_type(text[m.end():b]):
            return m.start(), m.end()
    return None


def _before_etc(text: str, a: int, b: int) -> tuple[int, int]:
    """``[a, b)`` cut before an 等 that ends a list of bodies and opens the generic word for them
    (台湾区电机电子工业协会等商协会: the name is the first 协会).

    >>> t = "台湾区电机电子工业协会等商协会"
    >>> t[slice(*_before_etc(t, 0, len(t)))]
    '台湾区电机电子工业协会'
    """
    k = text.rfind(_ETC, a, b)
    if k > a + 1 and _ending_type(text[a:k]):
        return a, k
    return a, b


def _balanced(text: str, a: int, b: int) -> tuple[int, int]:
    """``[a, b)`` without a parenthesis it opens and does not close (亚洲相互协作与信任措施会议(亚信 is the
    name and the start of its abbreviation), or closes and did not open.

    >>> t = "亚洲相互协作与信任措施会议(亚信)峰会"
    >>> t[slice(*_balanced(t, 0, 16))], t[slice(*_balanced(t, 0, 17))]
    ('亚洲相互协作与信任措施会议', '亚洲相互协作与信任措施会议(亚信)')
    """
    opened: list[int] = []
    for i in range(a, b):
        if text[i] == "(":
            opened.append(i)
        elif text[i] == ")":
            if opened:
                opened.pop()
            else:
                a = i + 1
    return a, opened[0] if opened else b


def _whole_latin_name(text: str, a: int, b: int, type_: str) -> tuple[int, int]:
    """``[a, b)`` grown to whole Latin words, and a person's to the run of capitalised words it
    stands in (Ross of Tim Melville Ross, Justin of Justin Taylor): a tagger's label may stop at a
    space, a name does not.

    >>> t = "礼顿风险经理Justin Taylor作供"
    >>> t[slice(*_whole_latin_name(t, 6, 12, "Person"))], t[slice(*_whole_latin_name(t, 6, 10, "Organization"))]
    ('Justin Taylor', 'Justin')
    >>> t = "戴德梁行主席Tim Melville Ross在2011年"
    >>> t[slice(*_whole_latin_name(t, 19, 23, "Person"))]
    'Tim Melville Ross'
    """
    if not (text[a:b].isascii() and text[a:b].strip()):
        return a, b
    while a > 0 and text[a - 1].isascii() and text[a - 1].isalpha():
        a -= 1
    while b < len(text) and text[b].isascii() and text[b].isalpha():
        b += 1
    if type_ == "Person":
        while (m := _CAPITALISED_BEFORE.search(text[max(0, a - 24):a])) is not None:
            a -= len(m.group())
        while (m := _CAPITALISED_AFTER.match(text, b)) is not None:
            b = m.end()
    return a, b


# A capitalised Latin word a space away from a name's start or end (Tim Melville |Ross, Justin| Taylor).
_CAPITALISED_BEFORE = re.compile(r"[A-Z][a-z]+ $")
_CAPITALISED_AFTER = re.compile(r" [A-Z][a-z]+")


def _new_span(s: SentenceView, type_: str, a: int, b: int, score: float) -> Span:
    """A span for a name only the tagger found, named as the rules would name it."""
    name = s.text[a:b]
    attrs = SpanAttrs()
    entries = gazetteer().lookup(name)
    if type_ == "Place":
        attrs = known_place_attrs(name)
    elif type_ == "Organization":
        org = next((e for e in entries if e.kind == "org"), None)
        if org is not None:
            attrs = SpanAttrs(category=org.category, canonical=org.parent or org.name)
    elif type_ == "Position" and title_at(name, 0) == name:
        attrs = SpanAttrs(title=name, bare=True, title_only=True)  # a title alone names no office
    elif type_ == "Position" and is_sector_member(name):
        name, attrs = LEGISLATIVE_COUNCILLOR, SpanAttrs(title="议员", body="立法会")
    elif type_ == "Position":
        name = without_holder_ordinal(name)  # 俄罗斯联邦第八届总统: the office of the eighth
        # the country an office opens with is its place, as the rules give it (印尼对华合作牵头人: 印尼's,
        # and so are the offices listed after it, 、统筹部长)
        country = next((name[:k] for k in range(min(len(name) - 1, 8), 1, -1) if is_country(name[:k])), "")
        if country:
            attrs = SpanAttrs(place=country)
    if type_ == "Position" and s.former_at(a):
        attrs = replace(attrs, former=True)  # (前立法会议员区诺轩: no office he holds now)
    return Span(a, b, type_, name, "tagger", round(score, 3), attrs)


# What may stand between two coordinated names: 十五五规划纲要和国家安全法, A、B.
_COORDINATION = frozenset(("、", "和", "与", "及", "以及", "同"))


def _coordinated(text: str, dropped: list[Span], kept: list[Span]) -> list[Span]:
    """Rule spans the tagger turned down that are coordinated (和, 、) with a span of the same type
    and rule that it kept: coordinated names are names of one kind."""
    out: list[Span] = []
    for sp in dropped:
        for k in kept + out:  # a list holds on down its items (A、B、C)
            if k.type != sp.type or k.source != sp.source:
                continue
            gap = text[k.end:sp.start] if k.end <= sp.start else text[sp.end:k.start]
            if gap in _COORDINATION:
                out.append(sp)
                break
    return out


def reconcile(s: SentenceView, spans: list[Span]) -> list[Span]:
    """The spans of one sentence once the tagger has read it (``spans`` are the rules' spans in
    the sentence).  Without a model, ``spans`` unchanged."""
    tagged = tag_sentence(s, rule_votes(s.text, spans, s.start, s.end))
    if tagged is None:
        return spans
    return reconcile_tagged(s, spans, *tagged)


def reconcile_all(sentences: Sequence[tuple[SentenceView, list[Span]]]) -> Iterator[list[Span]]:
    """:func:`reconcile` of each sentence with its spans, the sentences tagged together."""
    if tagger() is None:
        yield from (spans for _, spans in sentences)
        return
    tagged = tag_sentences([(s, rule_votes(s.text, spans, s.start, s.end)) for s, spans in sentences])
    for (s, spans), (labels, t) in zip(sentences, tagged):
        yield reconcile_tagged(s, spans, labels, t)


def reconcile_tagged(s: SentenceView, spans: list[Span], labels: list[str], t) -> list[Span]:
    """:func:`reconcile` once the tagger has given the sentence ``labels`` (``t`` answering for
    their probabilities)."""
    text = s.text
    off = s.start
    found = {(type_, a + off, b + off) for type_, a, b in spans_from_labels(labels)}
    judged = judged_sources()
    kept: list[Span] = []
    occupied: list[tuple[int, int]] = []
    dropped: list[Span] = []
    for sp in spans:
        if not _votes_from(sp):
            kept.append(sp)
            continue
        a, b = _core(text, sp)
        if sp.source not in judged or (sp.type, a, b) in found or _document_by_construction(sp) \
                or _led_delegation(text, sp) or _place_head(text, sp) or _held_by_the_name_before(text, sp, kept) \
                or _support(t, TYPE_LABELS[sp.type], a - off, b - off) >= KEEP \
                or _continues(t, TYPE_LABELS[sp.type], a - off, b - off, sp, kept):
            kept.append(sp)
            occupied.append((sp.start, sp.end))
            found.discard((sp.type, a, b))
        else:
            dropped.append(sp)
    for sp in _coordinated(text, dropped, kept):
        kept.append(sp)
        occupied.append((sp.start, sp.end))
    for type_, a, b in sorted(found, key=lambda x: (x[1], x[2])):
        a, b = _balanced(text, a, b)
        labelled = (a, b)  # (the tagger's support is for what it labelled)
        a, b = _whole_latin_name(text, a, b, type_)
        if any(x < b and a < y for x, y in occupied):
            continue
        if not any(c.isalpha() for c in text[a:b]):
            continue  # ---|---|---: a table's rule names nothing
        score = _support(t, TYPE_LABELS[type_], labelled[0] - off, labelled[1] - off)
        if type_ in ("Place", "Organization"):
            a, b = _before_etc(text, a, b)
            if (joined := _two_bodies(text, a, b)) is not None:
                # 省商务厅与中葡论坛常设秘书处: two bodies the tagger read as one; each is a name
                for x, y in ((a, joined[0]), (joined[1], b)):
                    if score >= ADD and not any(p < y and x < q for p, q in occupied):
                        # (a place's suffix types its part; a body's may end a site: 服务中心)
                        part = "Place" if _ending_type(text[x:y]) == "Place" else type_
                        kept.append(_new_span(s, part, x, y, score))
                        occupied.append((x, y))
                continue
        if type_ == "Organization" and _bare_body(text[a:b]):
            # 辽宁省委和省政府: a body by its level alone after a body of that level's place is that
            # place's; else the rules name it with the story's place, or it names none
            place = _place_before(text, a, kept)
            if place and score >= ADD:
                kept.append(replace(_new_span(s, type_, a, b, score), name=place + text[a + 1:b], source="completed-body"))
                occupied.append((a, b))
            continue
        if text[a] in DEMONSTRATIVES and text[a + 1:a + 2] in LEVEL_CHARS:
            continue  # 该州州长, 本市市长: "this city" names no body (the rules read the title alone)
        if type_ == "Position":
            a = _past_pointing_words(s, a, b)  # 当中|警察公共关系科高级警司, 现届|业委会副主席
        if type_ in ("Place", "Organization") and _counted(s, a):
            continue  # 数万盏宫灯布满街道: a count opens a clause, not a name
        if type_ == "Organization" and text[a] in QUARTERS and text[a + 1:a + 2] in QUARTERS and text[a + 2:a + 3] == "部":
            continue  # 中东部雨雪天气范围: a part of the country opens a clause, not a body
        if type_ in ("Place", "Organization") and _acts(s, a, b):
            continue  # 俄称摧毁乌军弹药库: a clause with its verbs, not a name
        if type_ in ("Place", "Organization") and s.in_phrase(a, b):
            continue  # 新中国, 中国式现代化: a set expression names no place (phrases.txt)
        if type_ == "Document" and _screened(text, a, b):
            continue  # 《哪吒之魔童闹海》…票房, 《高端访谈》今晚播出: a film or a programme, no document
        if score >= ADD and b - a >= 2 and not _common_word(text[a:b]):
            kept.append(_new_span(s, type_, a, b, score))
            occupied.append((a, b))
    # a name nested in a span the tagger dropped goes with it (华为 of 华为副团长 in 陈华为副团长, whose
    # person the tagger found) where a name the tagger kept or added crosses it
    orphans = [sp for sp in kept if sp.attrs.nested and any(
        d.start <= sp.start and sp.end <= d.end for d in dropped) and any(
        x < sp.end and sp.start < y and not (x <= sp.start and sp.end <= y) for x, y in occupied)]
    if orphans:
        gone = {id(sp) for sp in orphans}
        kept = [sp for sp in kept if id(sp) not in gone]
    kept.sort(key=lambda sp: (sp.start, sp.end))
    return kept
