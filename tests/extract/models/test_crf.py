"""The name CRF: features, label decoding, corpus reading, and the shipped model."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.models import crf
from kg.train import crf as crf_training


def test_features_cover_every_character_with_words_and_lexicons():
    text = "山东省省长龚正说"
    feats = crf.char_features(text)
    assert len(feats) == len(text)
    assert "sur" in feats[5]                                   # 龚 is a surname
    assert any(f.startswith("g=place:B") for f in feats[0])    # 山东省 opens here
    assert any(f.startswith("w=B") for f in feats[0])          # and a word opens with it


@pytest.mark.parametrize("tokens, first, second", [
    ([(0, 2), (2, 3)], "w=B2", "w=E2"),             # 龚正|说
    ([(0, 1), (1, 2), (2, 3)], "w=S1", "w=S1"),     # 龚|正|说
])
def test_given_tokens_are_used(tokens, first, second):
    feats = crf.char_features("龚正说", tokens)
    word = [next(f for f in fs if f.startswith("w=")) for fs in feats]
    assert word[0].startswith(first) and word[1].startswith(second)


def _column(rows: list[list[str]], prefix: str) -> list[str]:
    return [next(f for f in row if f.startswith(prefix)) for row in rows]


def test_the_mention_tagger_reads_the_clusters_of_each_word_and_its_neighbours():
    from kg.lexicon.clusters import word_clusters

    text, words = "李强会见总统", [(0, 2), (2, 4), (4, 6)]
    rows = crf.vote_features(crf.base_features(text, words), text, words, ["O"] * 6)
    clusters = word_clusters()
    assert _column(rows, "cc=")[0] == _column(rows, "cc=")[1] == "cc=" + clusters["李强"][0]
    assert _column(rows, "cf=")[2] == "cf=" + clusters["会见"][-1]
    assert _column(rows, "cb=")[2:4] == ["cb=" + clusters["李强"][0]] * 2
    assert _column(rows, "ca=")[2] == "ca=" + clusters["总统"][0]
    assert _column(rows, "cb=")[0] == "cb=^" and _column(rows, "ca=")[5] == "ca=$"


def test_a_word_no_clustering_placed_is_read_as_unclustered():
    text, words = "Xq会见", [(0, 2), (2, 4)]
    rows = crf.vote_features(crf.base_features(text, words), text, words, ["O"] * 4)
    assert _column(rows, "cc=")[:2] == ["cc=-", "cc=-"] and _column(rows, "cb=")[2] == "cb=-"


@pytest.mark.parametrize("labels, spans", [
    (["B-PER", "I-PER", "O", "B-LOC"], [("Person", 0, 2), ("Place", 3, 4)]),
    (["B-LOC", "B-LOC"], [("Place", 0, 1), ("Place", 1, 2)]),          # two one-character names
    (["I-ORG", "O"], []),                                               # a stray I- opens nothing
    (["B-ORG", "I-PER"], [("Organization", 0, 1)]),                     # a type change ends a name
    ([], []),
])
def test_spans_from_labels(labels, spans):
    assert crf.spans_from_labels(labels) == spans


def test_pku_reading_joins_surname_and_given_name():
    line = "１２月/t  ，/w  江/nr  泽民/nr  李/nr  鹏/nr  在/p  北京/ns  会见/v  新华社/nt  记者/n  。/w"
    [(text, labels)] = list(crf_training.read_pku([line]))
    assert text == "12月,江泽民李鹏在北京会见新华社记者。"   # full-width digits folded as kg folds them
    spans = [(t, text[a:b]) for t, a, b in crf.spans_from_labels(labels)]
    assert spans == [("Person", "江泽民"), ("Person", "李鹏"), ("Place", "北京"), ("Organization", "新华社")]


def test_pku_reading_skips_empty_lines():
    assert list(crf_training.read_pku(["", "   "])) == []


def test_model_ships_and_finds_a_name_with_no_cue():
    assert crf.MODEL_PATH.is_file()
    found = {(t, "钱学森说，科学没有国界。"[a:b]) for t, a, b, p in crf.tag("钱学森说，科学没有国界。") if p > 0.5}
    assert ("Person", "钱学森") in found


def test_tag_confidences_are_probabilities():
    spans = crf.tag("上海市浦东新区的王建国今天来到南京。")
    assert spans and all(0.0 <= p <= 1.0 and a < b for _, a, b, p in spans)
    assert crf.tag("") == [] and crf.tag("   ") == []


def test_every_shipped_data_file_has_its_origin_noted():
    from kg.lexicon import DATA_DIR

    sources = (DATA_DIR / "SOURCES.md").read_text(encoding="utf-8")
    missing = [p.name for p in DATA_DIR.iterdir() if p.name != "SOURCES.md" and f"`{p.name}`" not in sources]
    assert missing == []


@given(st.lists(st.sampled_from(["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "I-ORG"]), max_size=12))
def test_label_runs_are_read_as_bio_reads_them(labels):
    # the reference reading: a run opens on B- and goes on over I- of its own kind
    spans, kind, start = [], None, 0
    for i, label in enumerate([*labels, "O"]):
        if kind and label != "I-" + kind:
            spans.append((crf.LABEL_TYPES[kind], start, i))
            kind = None
        if label.startswith("B-"):
            kind, start = label[2:], i
    assert crf.spans_from_labels(labels) == spans


@given(st.lists(st.sampled_from(["O", "B-PER:after-title", "I-PER:after-title", "B-LOC", "I-ORG:suffix"]),
                min_size=1, max_size=10))
def test_votes_are_read_as_label_chain_and_source(votes):
    rows = crf.vote_features(crf.base_features("字" * len(votes)), "字" * len(votes), [], votes)
    labels = [v.partition(":")[0] for v in votes]
    for i, (row, vote) in enumerate(zip(rows, votes)):
        assert "v=" + labels[i] in row
        assert "v-1=" + ("^" if i == 0 else labels[i - 1]) + "|" + labels[i] in row
        label, _, source = vote.partition(":")
        assert ("vs=" + label[:1] + source in row) == bool(source)
