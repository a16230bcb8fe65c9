"""The given-name model estimated from jieba's dictionary."""

from __future__ import annotations

import pytest

from kg.extract.models.names import THRESHOLD, candidate_score, given_name_score, name_model


@pytest.mark.parametrize("name_like, word_like", [
    ("家义", "质量"), ("振宁", "边境"), ("克庆", "部署"), ("丽媛", "发展"),
])
def test_given_names_score_above_words(name_like, word_like):
    assert given_name_score(name_like) > given_name_score(word_like)


@pytest.mark.parametrize("text, start, end, surname, right, is_name", [
    ("，刘家义表示", 1, 4, 1, 2, True),
    ("推动高质量发展", 2, 5, 1, 0, False),
    ("精神文明建设", 2, 4, 1, 0, False),   # jieba tags 文明 as a name; its frequency says otherwise
    ("、隋振江、", 1, 4, 1, 9, True),
])
def test_candidate_scores(text, start, end, surname, right, is_name):
    assert (candidate_score(text, start, end, surname, right) >= THRESHOLD) is is_name


def test_model_is_cached_and_bounded():
    m = name_model()
    assert m is name_model()
    assert all(-6.0 <= v <= 6.0 for v in m.ratio.values())
