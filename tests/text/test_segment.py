"""Sentences and words of a normalized text."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.lexicon.jieba_dict import word_freq, word_tag
from kg.text.normalize import normalize
from kg.text.segment import segment, split_sentences, tokenize


@pytest.mark.parametrize("text, expected", [
    ("代表团来到北京。 蔡奇讲话!", ["代表团来到北京。", "蔡奇讲话!"]),
    ("第一句；第二句？第三句", ["第一句；", "第二句？", "第三句"]),
    ("标题\n\n正文第一句。", ["标题", "正文第一句。"]),
    ("他说:“好。”然后离开。", ["他说:“好。”", "然后离开。"]),
    # a headline that runs into a dateline ends before it
    ("郭树清率山东省党政代表团赴青海考察 齐鲁网8月23日讯(山东台 王镇富) 代表团抵达西宁。",
     ["郭树清率山东省党政代表团赴青海考察", "齐鲁网8月23日讯(山东台 王镇富) 代表团抵达西宁。"]),
    ("两国元首 8月23日会谈。", ["两国元首 8月23日会谈。"]),  # (a date alone opens no dateline)
])
def test_split_sentences(text, expected):
    assert [text[a:b] for a, b in split_sentences(text)] == expected


@given(st.text(max_size=200))
def test_sentences_are_ordered_and_inside(text):
    last = 0
    for a, b in split_sentences(text):
        assert last <= a < b <= len(text)
        assert text[a:b].strip() == text[a:b]
        last = b


def test_tokens_cover_the_sentence():
    seg = segment("d", normalize("省委书记刘家义率领代表团来到北京市。"))
    (sentence,) = seg.sentences
    assert sentence.tokens[0][0] == sentence.start and sentence.tokens[-1][1] == sentence.end
    assert all(a < b for a, b in sentence.tokens)
    assert "".join(seg.text[a:b] for a, b in sentence.tokens) == seg.text[sentence.start:sentence.end]


def test_dictionary_lookups():
    assert word_tag("北京市") == "ns" and word_tag("不是一个词语啊") is None
    assert word_freq("了解") > word_freq("飞腾") > 0


def test_tokenize_offsets():
    text = "代表团来到北京市"
    assert [text[a:b] for a, b in tokenize(text)] == ["代表团", "来到", "北京市"]


# ------------------------------------------------------------ rjieba cuts as jieba does

def _jieba_words(text: str) -> list[str]:
    from kg.lexicon.jieba_dict import tokenizer

    return list(tokenizer().cut(text, HMM=True))


@pytest.mark.parametrize("text", [
    "代表团来到北京市政务服务中心学习。",
    "美方批准向台出售F-16战机和MQ-9无人机，波音737-800执飞。",  # jieba-rs keeps F-16 whole
    "K.K.会见记者，详见oldphoto.com，增长5.2%，C++和C#。",  # marks inside letters and digits
    "𠾐𠾐可闻，“好”！\r\n下一段\t第二行  两个空格",  # characters outside jieba's blocks, whitespace
    "2024-2025赛季，CCTV-9播出，EH216-S获证。",
    "",
])
def test_the_fast_cut_gives_jiebas_words(text):
    from kg.lexicon.jieba_dict import cut, engine

    if engine() != "rjieba":
        pytest.skip("rjieba is not installed")
    assert cut(text) == _jieba_words(text)


@given(st.text(alphabet=st.sampled_from(list("王李张代表团来到北京市的了和在F16KC-._%+#&,，。 \n𠾐é")), max_size=60))
def test_the_fast_cut_gives_jiebas_words_for_any_text(text):
    from kg.lexicon.jieba_dict import cut

    assert cut(text) == _jieba_words(text)


def test_the_fast_cut_never_loads_jiebas_own_dictionary():
    """jieba's dictionary takes a second to load: a one-article run must not pay it for F-16."""
    code = ("from kg.lexicon.jieba_dict import cut, engine, tokenizer\n"
            "words = cut('美方出售F-16战机，增长5.2%，K.K.会见记者')\n"
            "print(engine(), tokenizer.cache_info().currsize, words[2:5])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split(maxsplit=2)[:2] == ["rjieba", "0"]
    assert out.split(maxsplit=2)[2].strip() == "['F', '-', '16']"
