"""kg.text.dates: full, partial, ranged, relative and mangled dates, resolved
against the article's date."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.text.dates import find_dates, iso_date, publication_date

CASES = [
    # (text, article date, [(matched text, value)])
    ("7月21日至22日,代表团来到北京", "2019-07-23", [("7月21日至22日", "2019-07-21/2019-07-22")]),
    ("721日至22日,省委书记", "2019-07-23", [("721日至22日", "2019-07-21/2019-07-22")]),  # 月 lost
    ("1231日", "2020-01-05", [("1231日", "2019-12-31")]),
    ("2019年7月21日至22日", None, [("2019年7月21日至22日", "2019-07-21/2019-07-22")]),
    ("7月31日至8月2日", "2019-08-05", [("7月31日至8月2日", "2019-07-31/2019-08-02")]),
    ("12月30日至1月2日", "2020-01-05", [("12月30日至1月2日", "2019-12-30/2020-01-02")]),
    ("12月30日", "2020-01-05", [("12月30日", "2019-12-30")]),     # last December
    ("1月3日", "2019-12-30", [("1月3日", "2020-01-03")]),         # next January
    ("当天下午", "2019-07-23", [("当天", "2019-07-23")]),
    ("昨天", "2019-07-01", [("昨天", "2019-06-30")]),
    ("明天", "2019-12-31", [("明天", "2020-01-01")]),
    ("近日，", "2019-07-23", [("近日", "2019-07-23")]),
    ("近日，", None, [("近日", None)]),
    ("27日，", "2019-07-23", [("27日", "2019-06-27")]),            # later than the 23rd: June
    ("23日", "2019-07-23", [("23日", "2019-07-23")]),
    ("27日", "2019-01-05", [("27日", "2018-12-27")]),
    ("31日", "2019-03-01", [("31日", "2019-01-31")]),              # no 31 February
    ("21日至25日", "2019-07-23", [("21日至25日", "2019-07-21/2019-07-25")]),
    ("当地时间9日中午", "2025-10-09", [("9日", "2025-10-09")]),
    ("11月25日上午", "2022-11-25", [("11月25日", "2022-11-25")]),
    ("2019年07月23日 17:43", "2019-07-23", [("2019年07月23日", "2019-07-23")]),
    ("二〇一九年七月二十三日", None, [("二〇一九年七月二十三日", "2019-07-23")]),
    ("七月二十一日", "2019-07-23", [("七月二十一日", "2019-07-21")]),
    ("１２月２５日", "2019-12-30", [("１２月２５日", "2019-12-25")]),   # full-width digits
    ("2月30日", "2019-03-01", [("2月30日", None)]),               # no such day
    ("2019年13月45日", None, [("2019年13月45日", None)]),
    ("21日", None, [("21日", None)]),                              # no article date
    ("3月5日", "not a date", [("3月5日", None)]),                  # unreadable article date
    ("99999999日", "2019-07-23", []),
    ("没有日期。", "2019-07-23", []),
]


@pytest.mark.parametrize("text,ref,expected", CASES, ids=[f"{t}@{r}" for t, r, _ in CASES])
def test_find_dates(text, ref, expected):
    found = find_dates(text, ref)
    assert [(d.text, d.value) for d in found] == expected
    for d in found:
        assert text[d.start:d.end] == d.text


@pytest.mark.parametrize("text,expected", [
    ("2019年07月23日 17:43", "2019-07-23"), ("2024-3-21", "2024-03-21"), ("2019/7/1", "2019-07-01"),
    ("2019-07-23T10:00:00+08:00", "2019-07-23"), ("二〇二二年十一月二十五日", "2022-11-25"),
    ("none", None), ("", None), (None, None), ("2019年2月30日", None),
])
def test_iso_date(text, expected):
    assert iso_date(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("标题\n\n2019年07月23日 17:43  来源:大众日报", "2019-07-23"),
    ("标题\n" + "正文。" * 300 + "2019年07月23日", None),        # too far down to be the dateline
    ("标题\n正文没有日期。", None),
])
def test_publication_date(text, expected):
    assert publication_date(text) == expected


ALPHABET = list("0123456789年月日至到-—~〇零一二三四五六七八九十两今天昨当近明前晨晚午第上 ") + [
    "2019", "12", "31", "721", "1231", "日至", "\n"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(ALPHABET), max_size=25).map("".join),
       st.one_of(st.none(), st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2098, 12, 31)).map(str)))
def test_find_dates_never_fails_and_values_are_iso(text, ref):
    for d in find_dates(text, ref):
        assert text[d.start:d.end] == d.text
        if d.value:
            parts = [dt.date.fromisoformat(p) for p in d.value.split("/")]
            assert len(parts) in (1, 2) and parts == sorted(parts)
    iso_date(text)
    publication_date(text)
