"""Dates and review intervals (`30d`, `12w`, `6m`, `1y`)."""
from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

_INTERVAL = re.compile(r"^\s*(\d{1,4})\s*([dwmy])\s*$")
_UNIT_NAMES = {"d": "day", "w": "week", "m": "month", "y": "year"}
# No document goes unreviewed for more than ten years (and 9999y is past the calendar's end).
LONGEST = {"d": 3660, "w": 522, "m": 120, "y": 10}


@dataclass(frozen=True)
class Interval:
    count: int
    unit: str  # one of d, w, m, y

    def __str__(self) -> str:
        return f"{self.count}{self.unit}"

    def describe(self) -> str:
        name = _UNIT_NAMES[self.unit]
        return f"{self.count} {name}" + ("" if self.count == 1 else "s")

    def after(self, start: datetime.date) -> datetime.date:
        """The date one interval after `start` (month ends are clamped: 31 Jan + 1m = 28/29 Feb)."""
        if self.unit == "d":
            return start + datetime.timedelta(days=self.count)
        if self.unit == "w":
            return start + datetime.timedelta(weeks=self.count)
        months = self.count * (12 if self.unit == "y" else 1)
        year, month_index = divmod(start.month - 1 + months, 12)
        year += start.year
        month = month_index + 1
        day = min(start.day, calendar.monthrange(year, month)[1])
        return datetime.date(year, month, day)


def parse_interval(value: object) -> Interval | None:
    """`Interval` for text such as `6m`; None when the text is not an interval."""
    if not isinstance(value, str):
        return None
    match = _INTERVAL.match(value)
    if not match or not 0 < int(match.group(1)) <= LONGEST[match.group(2)]:
        return None
    return Interval(int(match.group(1)), match.group(2))


def as_date(value: object) -> datetime.date | None:
    """A calendar date from a YAML date or a YYYY-MM-DD string; None otherwise."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None
