"""The annotated articles: well-formed, split as fixed, and the annotator check as reported."""

from __future__ import annotations

import json

import pytest

from kg.corpus.evaluate import prf, score
from kg.train.annotations import (
    ANNOTATIONS,
    ROUNDS,
    as_prediction,
    check,
    chosen_before,
    gold_folder,
    selection_path,
    split,
    validate,
)


def test_every_annotation_file_is_well_formed():
    files = sorted(ANNOTATIONS.rglob("*.gold.json"))
    assert len(files) >= 300
    assert validate(files) == []


def test_validate_finds_a_relation_to_no_entity(tmp_path):
    bad = tmp_path / "x.gold.json"
    bad.write_text(json.dumps({"doc": "x", "entities": [{"type": "Person", "name": "李强"}],
                               "relations": [{"type": "meets", "subject": "李强", "object": "普京"},
                                             {"type": "likes", "subject": "李强"}]}), encoding="utf-8")
    assert validate([bad]) == ["x.gold.json: meets object '普京' is no entity", "x.gold.json: relation type 'likes'"]


def test_the_test_split_is_as_fixed():
    parts = split()
    test = [i for i, (_, s) in parts.items() if s == "test"]
    assert len(test) >= 60
    assert sum(parts[i][0] == "hkcnews" for i in test) >= 15
    assert sum(parts[i][0] == "web" for i in test) >= 5
    annotated = {p.name.removesuffix(".gold.json") for p in (ANNOTATIONS / "corpus").glob("*.gold.json")}
    annotated |= {p.name.removesuffix(".gold.json") for p in (ANNOTATIONS / "web").glob("*.gold.json")}
    assert set(parts) == annotated


def test_each_round_chose_articles_no_round_before_it_chose():
    # a round of selection leaves out what the rounds before it chose (select --round N), and every
    # article chosen was annotated and split
    parts = split()
    earlier: set[str] = set()
    for round_ in sorted(ROUNDS):
        lines = selection_path(round_).read_text(encoding="utf-8").splitlines()[1:]
        chosen = {line.split("\t")[0] for line in lines}
        assert chosen_before(round_) == earlier
        assert chosen and not chosen & earlier
        assert chosen <= set(parts)
        earlier |= chosen


def test_an_annotation_scored_against_itself_agrees_fully(tmp_path):
    gold = json.loads((ANNOTATIONS / "web" / "w01.gold.json").read_text(encoding="utf-8"))
    (tmp_path / "w01.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    totals = score(tmp_path, as_prediction([gold]))
    assert prf(*totals["relations"])[1] == 1.0 and prf(*totals["entities"])[1] == 1.0


@pytest.mark.slow
def test_the_annotator_check_passes():
    totals = check()
    assert prf(*totals["entities"])[2] >= 0.95
    assert prf(*totals["relations"])[2] >= 0.90


@pytest.mark.parametrize("aliases, predicted_object, found", [
    # a relation named once in the annotation counts under every name of its entity, as the dev
    # gold lists both spellings; as annotated, only under the one name written in it
    (True, "安徽省", True), (False, "安徽省", False), (True, "安徽", True), (True, "合肥", False),
])
def test_a_gold_folder_lists_the_names_of_an_entity_in_its_relations(tmp_path, aliases, predicted_object, found):
    gold = {"entities": [{"type": "Person", "name": "习近平"}, {"type": "Place", "name": "安徽", "aliases": ["安徽省"]}],
            "relations": [{"type": "visits", "subject": "习近平", "object": "安徽"}]}
    folder = gold_folder([{"id": "a", "text": "习近平在安徽考察。", "gold": gold}], tmp_path, aliases=aliases)
    pred = {"documents": [{"id": "a.txt", "path": "a.txt"}],
            "entities": [{"id": "p", "type": "Person", "name": "习近平", "mentions": [{"doc": "a.txt"}]},
                         {"id": "q", "type": "Place", "name": predicted_object, "mentions": [{"doc": "a.txt"}]}],
            "relations": [{"type": "visits", "subject": "p", "object": "q", "evidence": [{"doc": "a.txt"}]}]}
    assert (score(folder, pred)["relations"][0] == 1) is found
