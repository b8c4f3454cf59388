"""Review intervals and dates."""
from __future__ import annotations

import datetime

import pytest

from kbtool.core.dates import Interval, as_date, parse_interval


@pytest.mark.parametrize(
    "start, interval, due",
    [
        ("2026-01-31", "1m", "2026-02-28"),
        ("2024-01-31", "1m", "2024-02-29"),
        ("2026-03-15", "6m", "2026-09-15"),
        ("2026-11-01", "2w", "2026-11-15"),
        ("2025-02-28", "1y", "2026-02-28"),
        ("2026-01-01", "90d", "2026-04-01"),
    ],
)
def test_interval_arithmetic(start: str, interval: str, due: str) -> None:
    parsed = parse_interval(interval)
    assert parsed is not None
    assert parsed.after(datetime.date.fromisoformat(start)) == datetime.date.fromisoformat(due)


@pytest.mark.parametrize("text", ["0m", "six months", "6", "m6", 6, None, "10000d", "9999y", "11y", "121m", "90x"])
def test_bad_intervals(text: object) -> None:
    assert parse_interval(text) is None


def test_interval_description() -> None:
    assert Interval(1, "y").describe() == "1 year" and Interval(6, "m").describe() == "6 months"


@pytest.mark.parametrize("value, expected", [("2026-01-02", datetime.date(2026, 1, 2)), ("2026-02-30", None), ("02/01/2026", None), (datetime.datetime(2026, 1, 2, 5), datetime.date(2026, 1, 2)), (20260102, None)])
def test_as_date(value: object, expected: datetime.date | None) -> None:
    assert as_date(value) == expected


@pytest.mark.parametrize("text", ["10y", "120m", "522w", "3660d"])
def test_intervals_up_to_ten_years(text: str) -> None:
    assert parse_interval(text) is not None
