"""Dates as source systems write them: YAML dates, ISO text, `ms.date`'s MM/DD/YYYY, and month names."""
from __future__ import annotations

import datetime
import re
from typing import Any

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_SLASHED = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
_YEAR_FIRST_SLASHED = re.compile(r"\b(\d{4})/(\d{1,2})/(\d{1,2})\b")
_MONTHS = {name: number for number, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"), ("dec", "december")],
    start=1) for name in names}
_WORDS = re.compile(r"\b(?:(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})|([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))\b")


def parse_date(value: Any, month_first: bool = False) -> datetime.date | None:
    """A calendar date from what a front-matter field holds; None when it names no real date."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, list):
        return next((date for date in (parse_date(item, month_first) for item in value) if date), None)
    if not isinstance(value, str):
        return None
    text = value.strip()
    for pattern, order in ((_ISO, "ymd"), (_YEAR_FIRST_SLASHED, "ymd"), (_SLASHED, "mdy" if month_first else "dmy")):
        match = pattern.search(text)
        if match:
            parts = dict(zip(order, (int(group) for group in match.groups())))
            date = _date(parts["y"], parts["m"], parts["d"])
            if date is None and pattern is _SLASHED:  # 30/01/2024 in a month-first collection, or the reverse
                date = _date(parts["y"], parts["d"], parts["m"])
            if date:
                return date
    match = _WORDS.search(text)
    if match:
        day, month, year = (match.group(1), match.group(2), match.group(3)) if match.group(1) else (match.group(5), match.group(4), match.group(6))
        number = _MONTHS.get(month.casefold())
        return _date(int(year), number, int(day)) if number else None
    return None


def _date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None
