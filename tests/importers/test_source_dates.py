"""Dates as source systems write them (`kbtool.importers.source_dates`)."""
from __future__ import annotations

import datetime

import pytest

from kbtool.importers.source_dates import parse_date

D = datetime.date


@pytest.mark.parametrize(
    "value, month_first, expected",
    [
        ("01/30/2024", True, D(2024, 1, 30)),
        ("9/5/2023", True, D(2023, 9, 5)),
        ("05/09/2023", False, D(2023, 9, 5)),
        ("30/01/2024", True, D(2024, 1, 30)),  # impossible month-first: read day-first
        ("2026-05-08rc:", False, D(2026, 5, 8)),
        ("2024/02/29", False, D(2024, 2, 29)),
        ("March 4, 2021", False, D(2021, 3, 4)),
        ("4 Sept 2021", False, D(2021, 9, 4)),
        (D(2020, 1, 1), False, D(2020, 1, 1)),
        (datetime.datetime(2020, 1, 1, 8, 30), False, D(2020, 1, 1)),
        (["nonsense", "2022-02-02"], False, D(2022, 2, 2)),
        ("2023-02-30", False, None),
        ("soon", False, None),
        (8.5, False, None),
        (None, False, None),
    ],
)
def test_parse_date(value: object, month_first: bool, expected: D | None) -> None:
    assert parse_date(value, month_first) == expected
