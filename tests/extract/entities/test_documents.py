"""Documents: 《》 quotes, unquoted agreements and plans, the titles of works."""

from __future__ import annotations

import pytest
from helpers import entity_mentions as mentions
from helpers import entity_names as names

from kg.extract.entities.documents import find_book_titles
from kg.extract.entities.sentence import SentenceView

# the rule family alone: the trained tagger is measured on the test split (test_tagged.py pins it)
pytestmark = pytest.mark.usefixtures("rules_only")

# -------------------------------------------------------------------------- documents

@pytest.mark.parametrize("text, expected", [
    ("双方签署了《北京市人民政府山东省人民政府战略合作框架协议》。",
     "北京市人民政府山东省人民政府战略合作框架协议"),
    ("根据国务院政府工作报告，编制规划。", "国务院政府工作报告"),
])
def test_documents(text, expected):
    assert expected in names(text, "Document")


@pytest.mark.parametrize("text, guessed", [
    # a name guessed from its shape inside the title of a film or book is part of the title
    ("这部自称中国版《阿甘正传》的电影上映了。", "阿甘"),
    ("系出同门的《萨维奇一家》当然物有所值。", "萨维奇"),
])
def test_names_inside_titles_of_works(text, guessed):
    assert guessed not in names(text, "Person")


def test_book_title_newspaper_is_an_organisation():
    got = mentions("据《明报》报道。")
    assert ("Organization", "明报") in got
    assert not any(t == "Document" for t, _ in got)


def test_unquoted_agreement_between_two_named_parties():
    text = "会谈后，赵乐际与鲁斯塔姆共同签署了中国全国人大与塔议会上院合作协议。"
    assert "中国全国人大与塔议会上院合作协议" in names(text, "Document")


# ------------------------------------------------------------------- the family, called directly

@pytest.mark.parametrize("text, spans, works", [
    ("双方签署了《北京市人民政府山东省人民政府战略合作框架协议》。",
     [("Document", "北京市人民政府山东省人民政府战略合作框架协议")], 0),
    ("据《人民日报》报道，观看《阿甘正传》。", [("Organization", "人民日报")], 1),   # a film is a work
])
def test_find_book_titles(text, spans, works):
    found, titles_of_works = find_book_titles(SentenceView.of(text))
    assert [(sp.type, sp.name) for sp in found] == spans
    assert len(titles_of_works) == works
