"""Word clusters: learnt from unannotated sentences, deterministic, written and read back, and
never from the test split or a dev article."""

from __future__ import annotations

import pytest

from kg.train import clusters as training

# Two kinds of word in the same frames: leaders (who meet, who speak) and titles (of guests).
_LEADERS = ("李强", "王毅", "韩正", "赵乐际")
_TITLES = ("总统", "总理", "首相")
_CORPUS = [[leader, "会见", "来访", "的", title] for leader in _LEADERS for title in _TITLES] * 5 + \
          [[leader, "在", "会上", "讲话"] for leader in _LEADERS] * 5 + [["偶然", "一见"]] * 2


@pytest.fixture(scope="module")
def learnt():
    return training.cluster(_CORPUS, sizes=(2, 4))


@pytest.mark.parametrize("a, b", [("李强", "王毅"), ("韩正", "赵乐际"), ("总统", "首相")])
def test_words_used_alike_share_the_coarse_cluster(learnt, a, b):
    assert learnt[a][0] == learnt[b][0]


@pytest.mark.parametrize("a, b", [("李强", "总统"), ("王毅", "首相")])
def test_words_used_differently_do_not(learnt, a, b):
    assert learnt[a][0] != learnt[b][0]


@pytest.mark.parametrize("word", ["偶然", "一见"])  # seen twice: too rare to place
def test_rare_words_are_left_out(learnt, word):
    assert word not in learnt


def test_every_word_has_a_cluster_at_each_size_within_it(learnt):
    assert all(len(c) == 2 and 0 <= c[0] < 2 and 0 <= c[1] < 4 for c in learnt.values())


def test_learning_is_deterministic(learnt):
    assert training.cluster(_CORPUS, sizes=(2, 4)) == learnt


def test_written_clusters_read_back_as_the_lexicon_reads_them(learnt, tmp_path, monkeypatch):
    from kg.lexicon import clusters as lexicon

    path = training.write(learnt, tmp_path / "word_clusters.tsv")
    assert not (tmp_path / "word_clusters.tmp").exists()
    monkeypatch.setattr(lexicon, "CLUSTERS_PATH", path)
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))  # not the shipped clusters' cached copy
    lexicon.word_clusters.cache_clear()
    try:
        assert lexicon.word_clusters() == {w: tuple(map(str, c)) for w, c in learnt.items()}
    finally:
        lexicon.word_clusters.cache_clear()


_DEV_TEXT = "山东省党政代表团来到北京市学习考察，北京市委书记、市长在人民大会堂会见了代表团一行全体成员。"


@pytest.mark.parametrize("record, learnable", [
    ({"id": "xwlb-1", "text": "国务院总理李强会见来华访问的客人。"}, True),
    ({"id": "xwlb-test", "text": "国务院总理李强会见来华访问的客人。"}, False),  # in the test split
    ({"id": "xwlb-2", "text": "据报道，" + _DEV_TEXT[:40] + "。"}, False),    # shares a dev passage
])
def test_only_articles_outside_the_test_split_and_the_dev_set_are_learnt_from(record, learnable):
    dev = {_DEV_TEXT[i:i + 30] for i in range(0, len(_DEV_TEXT) - 30, 50)}
    assert training.learnable(record, {"xwlb-test"}, dev) is learnable


def test_the_shipped_clusters_place_common_words_of_the_news():
    from kg.lexicon.clusters import word_clusters

    shipped = word_clusters()
    assert len(shipped) > 10_000
    assert all(len(shipped[w]) == len(training.SIZES) for w in ("山东省", "会见", "国务院", "总统"))
    assert shipped["总统"][0] == shipped["总理"][0]       # titles with titles
    assert shipped["会见"][0] != shipped["总统"][0]
