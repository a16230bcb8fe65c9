"""Documents: 《》 quotes, unquoted agreements and plans, the titles of works."""

from __future__ import annotations

import pytest
from helpers import entity_mentions as mentions
from helpers import entity_names as names

from kg.extract.entities.documents import complete_short_documents, find_book_titles
from kg.extract.entities.sentence import SentenceView
from kg.extract.spans import Span

# the rule family alone: the trained tagger is measured on the test split (test_tagged.py pins it)
pytestmark = pytest.mark.usefixtures("rules_only")

# -------------------------------------------------------------------------- documents

@pytest.mark.parametrize("text, expected", [
    ("双方签署了《北京市人民政府山东省人民政府战略合作框架协议》。",
     "北京市人民政府山东省人民政府战略合作框架协议"),
    ("根据国务院政府工作报告，编制规划。", "国务院政府工作报告"),
    # a plan named by its quoted period
    ("西方愿同中方保持密切交往，把握中方实施“十五五”规划带来的重要机遇。", "十五五规划"),
    ("会议审议“十四五”规划纲要。", "十四五规划纲要"),
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


@pytest.mark.parametrize("text, expected", [
    # a document quoted in part is the one named in full (a Hong Kong report of the Joint Declaration)
    ("英國遵守中英兩國正式簽訂的《中英聯合聲明》。英方指出，《聯合聲明》仍然有約束力，《聲明》落實情況要監察。",
     {"中英联合声明"}),
    # two documents that end alike stay two
    ("两国发表了《中俄联合声明》和《中蒙联合声明》。", {"中俄联合声明", "中蒙联合声明"}),
])
def test_a_document_named_in_part(text, expected):
    assert names(text, "Document") == expected


@pytest.mark.parametrize("spans, expected", [
    # a document word alone that no rule quoted names no document
    ([Span(0, 2, "Document", "声明", "tagger")], []),
    ([Span(0, 2, "Document", "条例", "tagger")], []),
    # quoted, it names one; 政府工作报告 names one, quoted or not
    ([Span(0, 4, "Document", "声明", "book-title")], ["声明"]),
    ([Span(0, 6, "Document", "政府工作报告", "tagger")], ["政府工作报告"]),
    # a short name that two longer ones end in is neither's
    ([Span(0, 6, "Document", "中俄联合声明", "book-title"), Span(7, 13, "Document", "中蒙联合声明", "book-title"),
      Span(14, 18, "Document", "联合声明", "book-title")], ["中俄联合声明", "中蒙联合声明", "联合声明"]),
])
def test_complete_short_documents(spans, expected):
    assert [sp.name for sp in complete_short_documents(spans)] == expected
