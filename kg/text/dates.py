"""Dates in Chinese news text, resolved to ISO 8601 against the article's date.

Reports give full dates (``2019年07月23日``), partial ones (``7月21日``,
``27日``), ranges (``7月21日至22日``), relative words (``今天``, ``昨天``,
``当天``, ``近日``), and the web mangles some (``721日至22日``, where the
month's ``月`` was lost).  :func:`find_dates` lists them with their spans;
:func:`publication_date` finds the article's own date near its top.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

__all__ = ["DateMention", "find_dates", "publication_date", "iso_date"]

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9, "十": 10}

_CN_NUM = "〇零一二三四五六七八九十两"
_FULL = re.compile(r"(?P<y>(?:19|20)\d{2})\s*[年\-/.]\s*(?P<m>\d{1,2})\s*[月\-/.]\s*(?P<d>\d{1,2})\s*日?")
# The same in Chinese numerals: 二〇一九年七月二十三日.
_CN_FULL = re.compile(rf"(?P<y>[{_CN_NUM}]{{4}})年(?P<m>[{_CN_NUM}]{{1,3}})月(?P<d>[{_CN_NUM}]{{1,3}})日")
_CN_MONTH_DAY = re.compile(rf"(?P<m>[{_CN_NUM}]{{1,3}})月(?P<d>[{_CN_NUM}]{{1,3}})日")
# A day, optionally with year and month, optionally the start of a range.
# Four digits are allowed for the day because the web loses the 月 of
# "7月21日" ("721日", "1231日"); :func:`_split_lost_month` splits them again.
_RANGE = re.compile(
    r"(?:(?P<y>(?:19|20)\d{2})年)?(?:(?P<m>\d{1,2})月)?(?P<d>\d{1,4})日"
    r"(?:(?:至|到|-|—|~|～)(?:(?P<m2>\d{1,2})月)?(?P<d2>\d{1,2})日)?")
# What may follow a full date to make it a range: 2019年7月21日至22日.
_RANGE_END = re.compile(r"(?:至|到|-|—|~|～)(?:(?P<m2>\d{1,2})月)?(?P<d2>\d{1,2})日")
#: Relative words and their offset in days from the article's date.  近日
#: ("recently") is taken as the article's date itself.
_RELATIVE = {"今天": 0, "今日": 0, "当天": 0, "当日": 0, "昨天": -1, "昨日": -1, "前天": -2,
             "明天": 1, "明日": 1, "今晨": 0, "今晚": 0, "今午": 0, "近日": 0}


@dataclass(frozen=True)
class DateMention:
    """A date expression at ``text[start:end]`` and its ISO value.

    ``value`` is a date (``2019-07-21``) or an interval
    (``2019-07-21/2019-07-22``); ``None`` when it cannot be resolved
    (``近日`` without an article date).
    """

    start: int
    end: int
    text: str
    value: str | None


def iso_date(text: str | None) -> str | None:
    """An ISO date from a date string in any common form, or None.

    >>> iso_date("2019年07月23日 17:43"), iso_date("2024-3-21"), iso_date("none")
    ('2019-07-23', '2024-03-21', None)
    >>> iso_date("二〇一九年七月二十三日")
    '2019-07-23'
    """
    if not text:
        return None
    m = _first_full(str(text))
    return _full_value(m) if m else None


def _first_full(text: str) -> re.Match | None:
    found = [m for m in (_FULL.search(text), _CN_FULL.search(text)) if m]
    return min(found, key=lambda m: m.start()) if found else None


def _full_value(m: re.Match) -> str | None:
    return _safe(_number(m["y"]), _number(m["m"]), _number(m["d"]))


def _number(text: str) -> int:
    """An integer written in digits or Chinese numerals (一九, 二十三, 〇七).

    >>> _number("二十三"), _number("十"), _number("二〇一九"), _number("07")
    (23, 10, 2019, 7)
    """
    if text.isdigit():
        return int(text)
    digits = [_CN_DIGITS[c] for c in text]
    if 10 not in digits:  # read digit by digit: 二〇一九
        return int("".join(str(d) for d in digits))
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return 0  # not a number (十二十): no valid date has it
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def _safe(y: int, m: int, d: int) -> str | None:
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def publication_date(text: str, head: int = 600) -> str | None:
    """The article's date: the first full date in its first ``head`` characters.

    >>> publication_date("标题\\n\\n2019年07月23日 17:43  来源:大众日报")
    '2019-07-23'
    """
    m = _first_full(text[:head])
    return _full_value(m) if m else None


def _split_lost_month(num: str, ref: _dt.date | None) -> tuple[int, int] | None:
    """``721`` in ``721日`` is July 21st when the 月 was lost: split a three- or
    four-digit day into month and day, preferring the article's month."""
    if len(num) not in (3, 4):
        return None
    options = []
    for cut in (1, 2):
        m, d = int(num[:cut]), int(num[cut:])
        if 1 <= m <= 12 and 1 <= d <= 31 and len(num[cut:]) == 2:
            options.append((m, d))
    if not options:
        return None
    if ref is not None:
        options.sort(key=lambda md: abs(md[0] - ref.month))
    return options[0]


def find_dates(text: str, reference: str | None = None) -> list[DateMention]:
    """Date expressions in ``text``, resolved against ``reference`` (ISO date).

    A month and day without a year take the year that puts them nearest the
    article's date (``12月30日`` in a January article is last December); a
    day alone is in the article's month, or the month before when it is
    later than the article's day.

    Examples
    --------
    >>> [d.value for d in find_dates("721日至22日,代表团来到北京", "2019-07-23")]
    ['2019-07-21/2019-07-22']
    >>> [d.value for d in find_dates("当地时间9日中午", "2025-10-09")]
    ['2025-10-09']
    >>> [d.value for d in find_dates("今天上午", "2017-06-29")]
    ['2017-06-29']
    >>> [d.value for d in find_dates("12月30日至1月2日", "2020-01-05")]
    ['2019-12-30/2020-01-02']
    """
    ref = _reference(reference)
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, value: str | None) -> None:
        out.append(DateMention(start, end, text[start:end], value))
        taken.append((start, end))

    for m in list(_FULL.finditer(text)) + list(_CN_FULL.finditer(text)):
        end, value = m.end(), _full_value(m)
        tail = _RANGE_END.match(text, end)
        if tail and value:
            first = _dt.date.fromisoformat(value)
            month2 = int(tail["m2"]) if tail["m2"] else first.month
            second = _after(first, month2, int(tail["d2"]))
            if second:
                end, value = tail.end(), f"{value}/{second}"
        add(m.start(), end, value)
    for m in _CN_MONTH_DAY.finditer(text):
        if not _overlaps(m.start(), taken):
            add(m.start(), m.end(), _month_day(_number(m["m"]), _number(m["d"]), ref))
    for m in _RANGE.finditer(text):
        if _overlaps(m.start(), taken) or (m.start() > 0 and text[m.start() - 1].isdigit()):
            continue
        add(m.start(), m.end(), _resolve_range(m, ref))
    for word, delta in _RELATIVE.items():
        pos = text.find(word)
        while pos >= 0:
            value = (ref + _dt.timedelta(days=delta)).isoformat() if ref else None
            out.append(DateMention(pos, pos + len(word), word, value))
            pos = text.find(word, pos + len(word))
    out.sort(key=lambda d: d.start)
    return out


def _reference(reference: str | None) -> _dt.date | None:
    if not reference:
        return None
    try:
        return _dt.date.fromisoformat(reference[:10])
    except ValueError:
        return None  # an unreadable article date resolves nothing, rather than failing


def _overlaps(pos: int, taken: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in taken)


def _month_day(month: int, day: int, ref: _dt.date | None, year: int | None = None) -> str | None:
    """A month and day, in ``year`` or else the year nearest the reference."""
    if year is not None:
        return _safe(year, month, day)
    if ref is None:
        return None
    dates = [d for y in (ref.year - 1, ref.year, ref.year + 1) if (d := _safe(y, month, day))]
    if not dates:
        return None
    return min(dates, key=lambda d: abs((_dt.date.fromisoformat(d) - ref).days))


def _after(first: _dt.date, month: int, day: int) -> str | None:
    """The end of a range that starts at ``first``: the next such month and day."""
    for year in (first.year, first.year + 1):
        end = _safe(year, month, day)
        if end and end > first.isoformat():
            return end
    return None


def _day_only(day: int, ref: _dt.date) -> str | None:
    """A day of the article's month, or of the month before when it is later
    than the article's day (news reports what happened)."""
    y, month = ref.year, ref.month
    if day > ref.day:
        month -= 1
    for _ in range(3):  # "31日" in a March article: skip February
        if month == 0:
            month, y = 12, y - 1
        value = _safe(y, month, day)
        if value:
            return value
        month -= 1
    return None


def _resolve_range(m: re.Match, ref: _dt.date | None) -> str | None:
    day_text = m["d"]
    year = int(m["y"]) if m["y"] else None
    if m["m"]:
        if len(day_text) > 2:
            return None
        first = _month_day(int(m["m"]), int(day_text), ref, year)
    elif len(day_text) > 2:
        split = _split_lost_month(day_text, ref)
        first = _month_day(*split, ref, year) if split else None
    elif ref is not None and year is None:
        first = _day_only(int(day_text), ref)
    else:
        first = None
    if first is None:
        return None
    if m["d2"]:
        start = _dt.date.fromisoformat(first)
        second = _after(start, int(m["m2"]) if m["m2"] else start.month, int(m["d2"]))
        if second:
            return f"{first}/{second}"
    return first
