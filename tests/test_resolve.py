"""Cross-document entity resolution (kg.resolve.merging).

The logic tests build DocAnalysis values by hand, so they do not move when
extraction changes; one test runs real extraction on the example article in
both scripts.
"""

from __future__ import annotations

import gc
import random

import pytest
from helpers import D000, EXAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.graph import KnowledgeGraph, graph_from_dict, graph_to_dict
from kg.pipeline import analyze
from kg.resolve import DocAnalysis, LocalRelation, collector_paused, merge, stable_id
from kg.types import Document, Evidence, Mention


def analysis(doc_id: str, date: str | None = None, people: dict | None = None,
             places: tuple = (), orgs: tuple = ()) -> DocAnalysis:
    """A hand-made analysis: ``people`` maps a name to the positions the
    document gives it; ``places`` and ``orgs`` are (key, written form) pairs."""
    mentions, relations, attributes = [], [], {}
    pos = 0

    def mention(type_: str, key: str, text: str) -> Mention:
        nonlocal pos
        m = Mention(doc_id, pos, pos + len(text), text, type_, key)
        pos += len(text) + 1
        mentions.append(((type_, key), m, (key,)))
        return m

    for name, positions in (people or {}).items():
        person = mention("Person", name, name)
        for title_body in positions:
            body, title = title_body
            p = mention("Position", body + title, body + title)
            attributes[("Position", body + title)] = {"title": title, "body": body}
            ev = Evidence(doc_id, p.start, person.end, p.text + person.text)
            relations.append(LocalRelation("holds_position", ("Person", name),
                                              ("Position", body + title), 0.9, ev))
    for key, text in places:
        mention("Place", key, text)
    for key, text in orgs:
        mention("Organization", key, text)
    return DocAnalysis(Document(doc_id, "", date=date), tuple(mentions), tuple(relations), (), attributes)


def people(entities, name):
    return [e for e in entities if e.type == "Person" and e.name == name]


# ------------------------------------------------------------- the same entity


def test_liu_jiayi_in_traditional_and_simplified_articles_is_one_node():
    from kg.pipeline import analyze
    from kg.text.ingest import parse_text
    from kg.text.normalize import to_simplified

    traditional = D000.read_text(encoding="utf-8")
    simplified = to_simplified(traditional)
    assert "劉家義" in traditional and "刘家义" in simplified and "劉家義" not in simplified
    docs = [parse_text(traditional, "trad.txt"), parse_text(simplified, "simp.txt")]
    entities, _ = merge([analyze(d) for d in docs])
    liu = people(entities, "刘家义")
    assert len(liu) == 1
    by_doc = {m.doc for m in liu[0].mentions}
    assert by_doc == {"trad.txt", "simp.txt"}
    assert {m.text for m in liu[0].mentions} == {"劉家義", "刘家义"}


@pytest.mark.parametrize("type_, keys, expected_count", [
    # Organisations: short and full official names of one body.
    ("Organization", ["北京市委", "中共北京市委", "中国共产党北京市委员会"], 1),
    ("Organization", ["北京市政府", "北京市人民政府"], 1),
    ("Organization", ["山东省人大常委会", "山东省人民代表大会常务委员会"], 1),
    ("Organization", ["湖北省政协", "中国人民政治协商会议湖北省委员会"], 1),
    # Not a place-named body: left alone.
    ("Organization", ["国家发改委", "发改委"], 2),
    # Different places stay different bodies.
    ("Organization", ["北京市委", "天津市委"], 2),
])
def test_official_bodies_resolve_across_documents(type_, keys, expected_count):
    ans = [analysis(f"d{i}", orgs=[(k, k)]) for i, k in enumerate(keys)]
    entities, _ = merge(ans)
    found = [e for e in entities if e.type == type_]
    assert len(found) == expected_count
    assert sum(len(e.mentions) for e in found) == len(keys)


@pytest.mark.parametrize("text, held", [
    # an office completed from its list: its mention names the completed office, none the bare one
    ("巴西农业部长法瓦罗、矿产和能源部长西尔韦拉出席。", ("西尔韦拉", "巴西矿产和能源部长")),
    # a bare title so completed gets a mention of its own
    ("新加坡总理黄循财、副总理兼贸工部长颜金勇出席。", ("颜金勇", "新加坡副总理")),
])
def test_an_office_a_relation_completes_is_a_node(text, held):
    from kg.pipeline import analyze

    an = analyze(Document("a", text))
    entities, relations = merge([an])
    names = {e.id: e.name for e in entities}
    assert held in {(names[r.subject], names[r.object]) for r in relations if r.type == "holds_position"}
    assert "矿产和能源部长" not in names.values()


@pytest.mark.parametrize("text, place", [
    # 海南省 only inside the body's name: the place is named as the text writes it alone
    ("韩正13日在海南海口出席博览会。博览会由商务部和海南省人民政府共同举办。", "海南"),
    ("赵乐际先后到周口、许昌、郑州等地调研。在许昌市建安区新元街道人大代表联络站，赵乐际详细了解情况。", "许昌"),
    # written in full on its own too: the full form
    ("李强在海南省海口市调研。海南省人民政府负责人陪同。", "海南省"),
])
def test_a_place_is_named_as_written_on_its_own_not_inside_a_longer_name(text, place):
    from kg.pipeline import analyze

    entities, _ = merge([analyze(Document("a", text))])
    stem = place[:2]
    assert [e.name for e in entities if e.type == "Place" and e.name.startswith(stem)] == [place]


@pytest.mark.parametrize("text, country", [
    # a country is named as the story writes it, not by the gazetteer's form …
    ("長春市政府代表團抵達蒙古國烏蘭巴托市。", "蒙古国"),
    ("印尼總統佐科會見王毅。", "印尼"),
    ("沙特阿拉伯王储会见王毅。", "沙特阿拉伯"),
    # … but by its short name where the story writes its formal name (in a title here)
    ("习近平举行仪式欢迎芬兰总统访华。习近平在人民大会堂欢迎芬兰共和国总统斯图布。", "芬兰"),
    ("国台办发言人表示，台湾地区领导人选举结果表明民进党不能代表岛内主流民意。", "台湾"),
])
def test_a_country_is_named_as_the_story_writes_it_but_not_by_its_formal_name(text, country):
    from kg.pipeline import analyze

    entities, _ = merge([analyze(Document("a", text))])
    assert [e.name for e in entities if e.type == "Place" and e.name.startswith(country[:2])] == [country]


def test_a_state_office_written_with_the_states_name_is_the_office():
    ans = [analysis("a", people={"习近平": [("中华人民共和国", "主席")]}),
           analysis("b", people={"习近平": [("", "国家主席")]})]
    entities, relations = merge(ans)
    assert len([e for e in entities if e.type == "Position"]) == 1
    assert len([r for r in relations if r.type == "holds_position"]) == 1


@pytest.mark.parametrize("text, absent, present", [
    # an office nobody holds in the document is no node (市长 of 市长选举; 特首 where no region is named)
    ("在市長選舉期間，警方表示會維持秩序。", {"市长"}, set()),
    ("在特首選舉期間，保安局表示會維持秩序。", {"香港行政长官"}, set()),
    # … but the head of the region a story is set in is an institution there, held or not
    ("香港特首選戰社交媒體輿情指數：曾俊華領先。", set(), {"香港行政长官"}),
    # … not another region's head the story names in passing
    ("他說香港跟澳門的特首都見不到，香港市民很好。", {"澳门行政长官", "香港行政长官"}, set()),
    # … one held is; so is the body named only inside it (optional to the guidelines, a name to
    # the public NER sets)
    ("北京市委书记蔡奇出席会议。", set(), {"北京市委书记", "北京市委"}),
])
def test_an_office_nobody_holds_is_no_node_but_a_regions_head(text, absent, present):
    from kg.pipeline import analyze

    entities, _ = merge([analyze(Document("a", text))])
    names = {e.name for e in entities}
    assert present <= names and not absent & names


def test_an_entity_is_named_as_most_documents_write_it():
    # two stories write 中共 alone, one writes it beside 中国共产党, one writes 中国共产党 alone
    def story(doc_id: str, *forms: str) -> DocAnalysis:
        key = ("Organization", "中国共产党")
        mentions = tuple((key, Mention(doc_id, 4 * i, 4 * i + len(f), f, "Organization", f), (f,))
                         for i, f in enumerate(forms))
        return DocAnalysis(Document(doc_id, ""), mentions)

    ans = [story("a", "中共"), story("b", "中共"), story("c", "中国共产党", "中共"), story("d", "中国共产党")]
    entities, _ = merge(ans)
    assert [e.name for e in entities] == ["中共"]
    entities, _ = merge(ans[2:])
    assert [e.name for e in entities] == ["中国共产党"]  # (the fuller on a tie)


def test_positions_of_one_body_written_two_ways_are_one():
    ans = [analysis("a", people={"蔡奇": [("北京市委", "书记")]}),
           analysis("b", people={"蔡奇": [("中国共产党北京市委员会", "书记")]})]
    entities, relations = merge(ans)
    positions = [e for e in entities if e.type == "Position"]
    assert len(positions) == 1
    assert len([r for r in relations if r.type == "holds_position"]) == 1


def test_a_short_foreign_name_joins_its_one_full_form():
    ans = [analysis("a", people={"莱夫戴里斯·扎赫利迪斯": []}), analysis("b", people={"扎赫利迪斯": []})]
    entities, _ = merge(ans)
    assert [e.name for e in entities if e.type == "Person"] == ["莱夫戴里斯·扎赫利迪斯"]
    # Two full names share the short one: it stays apart.
    ans.append(analysis("c", people={"安娜·扎赫利迪斯": []}))
    entities, _ = merge(ans)
    assert len([e for e in entities if e.type == "Person"]) == 3


# ------------------------------------------------------------------- namesakes


@pytest.mark.parametrize("positions, nodes", [
    # Conflicting offices in two provinces: two people.
    ([[("山东省委", "书记")], [("广东省", "省长")]], 2),
    # A city inside the province: compatible.
    ([[("山东省委", "书记")], [("青岛市", "市长")]], 1),
    # Two cities of one province: conflicting.
    ([[("青岛市", "市长")], [("济南市", "市长")]], 2),
    # A national office places no one: compatible with anything.
    ([[("山东省委", "书记")], [("国务院", "副总理")]], 1),
    # The same province in two documents.
    ([[("山东省委", "书记")], [("山东省", "省长")]], 1),
    # A third document stating both offices bridges them.
    ([[("山东省委", "书记")], [("广东省", "省长")], [("山东省委", "书记"), ("广东省", "省长")]], 1),
])
def test_namesakes_split_on_conflicting_offices(positions, nodes):
    ans = [analysis(f"d{i}", "2019-07-2" + str(i), people={"王伟": ps}) for i, ps in enumerate(positions)]
    entities, _ = merge(ans)
    assert len(people(entities, "王伟")) == nodes


def test_namesakes_are_keyed_by_place_and_carry_their_mentions():
    ans = [analysis("a", "2019-01-01", people={"王伟": [("山东省委", "书记")]}),
           analysis("b", "2019-01-02", people={"王伟": [("广东省", "省长")]}),
           analysis("c", "2019-01-03", people={"王伟": [("山东省", "省长")]})]
    entities, relations = merge(ans)
    by_region = {e.attributes["region"]: e for e in people(entities, "王伟")}
    assert set(by_region) == {"山东省", "广东省"}
    assert by_region["山东省"].id == stable_id("Person", "王伟@山东省")
    assert {m.doc for m in by_region["山东省"].mentions} == {"a", "c"}
    assert {m.doc for m in by_region["广东省"].mentions} == {"b"}
    assert by_region["山东省"].attributes["namesakes"] == [by_region["广东省"].id]
    assert "王伟@山东省" not in by_region["山东省"].aliases
    # Each holds only their own office.
    held = {(r.subject, r.object) for r in relations if r.type == "holds_position"}
    gd = stable_id("Position", "广东省省长")
    assert (by_region["广东省"].id, gd) in held and (by_region["山东省"].id, gd) not in held


def test_an_unplaced_mention_joins_the_namesake_its_places_point_to():
    ans = [analysis("a", "2019-01-01", people={"王伟": [("山东省委", "书记")]}),
           analysis("b", "2019-01-02", people={"王伟": [("广东省", "省长")]}),
           analysis("c", "2020-05-01", people={"王伟": []}, places=[("广州市", "广州")]),
           analysis("d", "2020-05-01", people={"王伟": []})]
    entities, _ = merge(ans)
    nodes = {e.attributes.get("region"): e for e in people(entities, "王伟")}
    assert {m.doc for m in nodes["广东省"].mentions} == {"b", "c"}
    # No evidence either way: a node of its own, not merged blindly.
    assert {m.doc for m in nodes[None].mentions} == {"d"}
    assert len(nodes[None].attributes["namesakes"]) == 2


# ------------------------------------------------------------------ time spans


def test_positions_carry_the_dates_of_the_articles_that_state_them():
    ans = [analysis("a", "2019-07-23", people={"刘家义": [("山东省委", "书记")]}),
           analysis("b", "2018-03-05", people={"刘家义": [("山东省委", "书记")]}),
           analysis("c", "2020-01-10", people={"龚正": [("山东省委", "书记")]}),
           analysis("d", None, people={"刘家义": [("山东省委", "书记")]})]
    entities, _ = merge(ans)
    pos = next(e for e in entities if e.type == "Position")
    assert (pos.attributes["first_stated"], pos.attributes["last_stated"]) == ("2018-03-05", "2020-01-10")
    holders = {h["person"]: (h["first_stated"], h["last_stated"]) for h in pos.attributes["holders"]}
    assert holders == {stable_id("Person", "刘家义"): ("2018-03-05", "2019-07-23"),
                       stable_id("Person", "龚正"): ("2020-01-10", "2020-01-10")}
    # graph.json carries them, and reads them back.
    kg = KnowledgeGraph([a.document for a in ans], *merge(ans))
    data = graph_to_dict(kg)
    entry = next(e for e in data["entities"] if e["id"] == pos.id)
    assert entry["first_stated"] == "2018-03-05" and len(entry["holders"]) == 2
    back = graph_from_dict(data).entity(pos.id)
    assert back.attributes["last_stated"] == "2020-01-10"


# ------------------------------------------------------------------- invariants

_NAMES = ["王伟", "刘家义", "李强"]
_OFFICES = [("山东省委", "书记"), ("广东省", "省长"), ("青岛市", "市长"), ("国务院", "副总理")]


@st.composite
def corpora(draw):
    n = draw(st.integers(1, 6))
    ans = []
    for i in range(n):
        names = draw(st.lists(st.sampled_from(_NAMES), max_size=2, unique=True))
        who = {name: draw(st.lists(st.sampled_from(_OFFICES), max_size=2, unique=True)) for name in names}
        date = draw(st.sampled_from([None, "2018-01-01", "2019-06-30", "2020-12-31"]))
        ans.append(analysis(f"doc{i}", date, people=who))
    return ans


@settings(max_examples=40, deadline=None)
@given(corpora(), st.randoms())
def test_merge_does_not_depend_on_document_order(ans, rnd: random.Random):
    shuffled = list(ans)
    rnd.shuffle(shuffled)
    # Compared as graph.json, which includes attributes (time spans, namesakes).
    assert graph_to_dict(KnowledgeGraph([], *merge(ans))) == graph_to_dict(KnowledgeGraph([], *merge(shuffled)))


@settings(max_examples=40, deadline=None)
@given(corpora())
def test_every_mention_lands_on_exactly_one_node(ans):
    entities, relations = merge(ans)
    placed = [(m.doc, m.start, m.end) for e in entities for m in e.mentions]
    given_ = [(m.doc, m.start, m.end) for an in ans for _, m, _ in an.mentions]
    assert sorted(placed) == sorted(given_)
    ids = {e.id for e in entities}
    assert len(ids) == len(entities)
    assert all(r.subject in ids and (r.object is None or r.object in ids) for r in relations)


def test_two_entities_a_relation_implies_at_one_place_keep_their_mentions():
    # two sides read at one place of the text (双方 and the name that abbreviates them) are two
    # entities, each with its mention there, so neither relation is left without its subject
    from kg.extract.spans import Found, Span, SpanAttrs
    from kg.resolve import analyze_spans
    from kg.text.normalize import normalize

    text = "双方签署了《中法联合声明》。"
    document = Document(id="t", text=text)
    statement = Span(5, 13, "Document", "中法联合声明", "book-title")
    sides = [Span(6, 8, "Place", name, "abbreviation", 0.6, SpanAttrs(synthetic=True)) for name in ("中国", "法国")]
    found = [Found("signs", side, statement, (0, len(text))) for side in sides]
    analysis = analyze_spans(document, normalize(text), [statement], found, [])
    keys = {key for key, _, _ in analysis.mentions}
    assert {("Place", "中国"), ("Place", "法国")} <= keys


def test_a_merge_leaves_no_reference_cycles():
    # A merge pauses the garbage collector (collector_paused), so what it throws away must go
    # by reference counting alone: a cycle per document would hold its analysis until the end.
    ans = [analyze(Document(p.name, p.read_text(encoding="utf-8"), date="2019-07-22"))
           for p in sorted(EXAMPLES.glob("*.txt"))]
    assert sum(len(an.events) for an in ans) and sum(len(an.relations) for an in ans)
    gc.collect()
    with collector_paused():
        merge(ans)
        assert gc.collect() == 0
