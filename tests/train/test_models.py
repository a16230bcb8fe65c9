"""Training: the one command's parts on a handful of annotated articles (the web articles of the
training split, whose texts are in the repo), deterministic and usable by the runtime."""

from __future__ import annotations

import json

import pytest

from kg.extract.entities.tagged import use_model as use_mention_model
from kg.extract.relations.learned import use_model as use_relation_model
from kg.pipeline import run
from kg.train.annotations import ANNOTATIONS, Article, split
from kg.train.mentions import project
from kg.train.models import train_all
from kg.train.relations import model_wins
from kg.types import Document


@pytest.fixture(scope="module")
def web_articles() -> list[Article]:
    ids = sorted(i for i, (source, part) in split().items() if source == "web" and part == "train")[:8]
    web = ANNOTATIONS / "web"
    return [Article(id=i, source="web", split="train", text=(web / f"{i}.txt").read_text(encoding="utf-8"),
                    gold=json.loads((web / f"{i}.gold.json").read_text(encoding="utf-8"))) for i in ids]


@pytest.fixture(scope="module")
def trained(web_articles, tmp_path_factory):
    out = tmp_path_factory.mktemp("models")
    facts = train_all(web_articles, out / "m.crfsuite", out / "r.json")
    return out, facts


def test_training_writes_both_models_and_says_what_it_read(trained, web_articles):
    out, facts = trained
    assert facts["articles"] == len(web_articles) and facts["sentences"] > 50 and facts["candidates"] > 50
    weights = json.loads((out / "r.json").read_text(encoding="utf-8"))
    assert {"holds_position", "visits"} <= weights["types"].keys()
    assert (out / "m.crfsuite").stat().st_size > 1000


def test_training_is_deterministic(trained, web_articles, tmp_path):
    out, _ = trained
    train_all(web_articles, tmp_path / "m.crfsuite", tmp_path / "r.json")
    assert (tmp_path / "r.json").read_bytes() == (out / "r.json").read_bytes()
    assert (tmp_path / "m.crfsuite").read_bytes() == (out / "m.crfsuite").read_bytes()


def test_the_runtime_reads_what_training_wrote(trained):
    out, _ = trained
    use_mention_model(out / "m.crfsuite")
    use_relation_model(out / "r.json")
    try:
        kg = run([Document("t", "省委书记刘家义率领山东省党政代表团来到北京市。")])
    finally:
        use_mention_model(None)
        use_relation_model(None)
    assert "刘家义" in {e.name for e in kg.entities}


@pytest.mark.parametrize("model_f1, rules_f1, positives, wins", [
    (0.80, 0.745, 224, True),    # a clear gain on many positives
    (0.585, 0.562, 43, False),   # a gain on few positives is noise
    (0.776, 0.769, 2936, False),  # too small a gain
    (0.70, 0.75, 500, False),    # the rules do better
])
def test_the_model_replaces_the_rules_only_on_firm_evidence(model_f1, rules_f1, positives, wins):
    assert model_wins(model_f1, rules_f1, positives) is wins


@pytest.mark.parametrize("text, gold, labels", [
    ("李强会见普京。", {"entities": [{"type": "Person", "name": "李强"}, {"type": "Person", "name": "普京"}]},
     ["B-PER", "I-PER", "O", "O", "B-PER", "I-PER", "O"]),
    # the longest gold form wins where two overlap
    ("山东省委书记", {"entities": [{"type": "Place", "name": "山东省"}, {"type": "Position", "name": "山东省委书记"}]},
     ["B-POS"] + ["I-POS"] * 5),
    # an office written in part takes its written suffix
    ("省委书记刘家义", {"entities": [{"type": "Position", "name": "山东省委书记"}]},
     ["B-POS", "I-POS", "I-POS", "I-POS", "O", "O", "O"]),
])
def test_gold_projects_onto_the_characters(text, gold, labels):
    assert project(text, gold) == labels


def test_a_rule_too_rare_in_training_is_left_beyond_the_taggers_judgement(trained, web_articles):
    from kg.extract.entities.tagged import judged_sources
    from kg.train.mentions import rare_sources, sentences_of

    out, _ = trained
    sentences = [s for a in web_articles for s in sentences_of(a)]
    rare = rare_sources(sentences)
    common = {v.partition(":")[2] for s in sentences for v in s.votes if v.startswith("B-")} - rare
    assert rare and common  # eight articles have rules of both kinds
    use_mention_model(out / "m.crfsuite")
    try:
        judged = judged_sources()
    finally:
        use_mention_model(None)
    assert not (rare & judged)
    assert "gazetteer" in common and "gazetteer" in judged  # a rule seen often is weighed


@pytest.fixture
def two_fold_taggers(trained, tmp_path):
    """The trained tagger as the tagger of each of two folds (what ``cv-docs --keep`` leaves)."""
    import shutil

    out, _ = trained
    for k in range(2):
        shutil.copy(out / "m.crfsuite", tmp_path / f"m{k}.crfsuite")
    return tmp_path


def test_fold_scores_with_one_tagger_in_every_fold_are_the_documents_scores(trained, web_articles,
                                                                             two_fold_taggers):
    from kg.train.mentions import evaluate_documents
    from kg.train.relations import fold_documents

    out, _ = trained
    details: list = []
    folds = fold_documents(web_articles, two_fold_taggers, folds=2, details=details)
    assert folds == evaluate_documents(web_articles, out / "m.crfsuite")
    assert sorted(d["doc"] for d in details) == sorted(a["id"] + ".txt" for a in web_articles)


def test_refitted_fold_scores_read_every_article_against_the_same_gold(web_articles, two_fold_taggers):
    from kg.train.relations import fold_documents, refit_fold_documents

    details: list = []
    refit = refit_fold_documents(web_articles, two_fold_taggers, folds=2, details=details)
    shipped = fold_documents(web_articles, two_fold_taggers, folds=2)
    assert sorted(d["doc"] for d in details) == sorted(a["id"] + ".txt" for a in web_articles)
    # the classifier fitted per fold decides other relations, but the gold they are counted against
    # (found + missed) is the same
    assert refit["relations"][0] + refit["relations"][2] == shipped["relations"][0] + shipped["relations"][2] > 0
