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

_FULL = re.compile(r"(?P<y>(?:19|20)\d{2})\s*[年\-/.]\s*(?P<m>\d{1,2})\s*[月\-/.]\s*(?P<d>\d{1,2})\s*日?")
_RANGE = re.compile(
    r"(?:(?P<y>(?:19|20)\d{2})年)?(?:(?P<m>\d{1,2})月)?(?P<d>\d{1,3})日"
    r"(?:(?:至|到|-|—|~)(?:(?P<m2>\d{1,2})月)?(?P<d2>\d{1,2})日)?")
_RELATIVE = {"今天": 0, "今日": 0, "当天": 0, "当日": 0, "昨天": -1, "昨日": -1, "前天": -2,
             "明天": 1, "明日": 1, "今晨": 0, "今晚": 0, "今午": 0}


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
    """
    if not text:
        return None
    m = _FULL.search(str(text))
    if not m:
        return None
    return _safe(int(m["y"]), int(m["m"]), int(m["d"]))


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
    m = _FULL.search(text[:head])
    return _safe(int(m["y"]), int(m["m"]), int(m["d"])) if m else None


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

    Examples
    --------
    >>> [d.value for d in find_dates("721日至22日,代表团来到北京", "2019-07-23")]
    ['2019-07-21/2019-07-22']
    >>> [d.value for d in find_dates("当地时间9日中午", "2025-10-09")]
    ['2025-10-09']
    >>> [d.value for d in find_dates("今天上午", "2017-06-29")]
    ['2017-06-29']
    """
    ref = _dt.date.fromisoformat(reference) if reference else None
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for m in _FULL.finditer(text):
        value = _safe(int(m["y"]), int(m["m"]), int(m["d"]))
        out.append(DateMention(m.start(), m.end(), m.group(0), value))
        taken.append((m.start(), m.end()))
    for m in _RANGE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        if m.start() > 0 and text[m.start() - 1].isdigit():
            continue
        value = _resolve_range(m, ref)
        out.append(DateMention(m.start(), m.end(), m.group(0), value))
    for word, delta in _RELATIVE.items():
        pos = text.find(word)
        while pos >= 0:
            value = (ref + _dt.timedelta(days=delta)).isoformat() if ref else None
            out.append(DateMention(pos, pos + len(word), word, value))
            pos = text.find(word, pos + len(word))
    out.sort(key=lambda d: d.start)
    return out


def _resolve_range(m: re.Match, ref: _dt.date | None) -> str | None:
    y = int(m["y"]) if m["y"] else (ref.year if ref else None)
    month = int(m["m"]) if m["m"] else None
    day_text = m["d"]
    if month is None and len(day_text) >= 3:
        split = _split_lost_month(day_text, ref)
        if split is None:
            return None
        month, day = split
    else:
        day = int(day_text)
        if month is None:
            month = ref.month if ref else None
    if y is None or month is None:
        return None
    # A day after the article's date in its own month belongs to the month before.
    if ref is not None and not m["m"] and not m["y"] and len(day_text) <= 2 and day > ref.day:
        month -= 1
        if month == 0:
            month, y = 12, y - 1
    first = _safe(y, month, day)
    if first is None:
        return None
    if m["d2"]:
        month2 = int(m["m2"]) if m["m2"] else month
        second = _safe(y, month2, int(m["d2"]))
        if second and second > first:
            return f"{first}/{second}"
    return first
