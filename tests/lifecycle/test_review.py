"""Review due dates and states."""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from kbtool.core.config import load_config
from kbtool.core.dates import Interval
from kbtool.core.discovery import find_document
from kbtool.lifecycle.review import review_state

from conftest import ARTICLES, write


def test_review_states(kb: Path) -> None:
    config = load_config(kb)
    document = find_document(config, "KB-0002")  # reviewed 2026-02-01, review_every 3m: due 2026-05-01
    assert review_state(document, config, datetime.date(2026, 3, 15)).state == "fresh"
    assert review_state(document, config, datetime.date(2026, 4, 20)).state == "due-soon"
    overdue = review_state(document, config, datetime.date(2026, 5, 11))
    assert (overdue.state, overdue.days, overdue.due) == ("overdue", 10, datetime.date(2026, 5, 1))


def test_the_due_soon_window_comes_from_the_configuration_or_the_caller(kb: Path) -> None:
    write(kb, "kbtool.yml", "review_due_within: 2w\n")
    config = load_config(kb)
    document = find_document(config, "KB-0002")  # due 2026-05-01
    assert review_state(document, config, datetime.date(2026, 4, 16)).state == "fresh"
    assert review_state(document, config, datetime.date(2026, 4, 17)).state == "due-soon"
    assert review_state(document, config, datetime.date(2026, 4, 1), Interval(31, "d")).state == "due-soon"


def test_an_archived_document_has_no_review_state(kb: Path) -> None:
    config = load_config(kb)
    state = review_state(find_document(config, "KB-0005"), config, datetime.date(2026, 11, 23))  # reviewed 2024-01-01
    assert (state.state, state.due, state.days) == ("archived", None, 0)
    assert "OVERDUE" not in state.describe() and "archived" in state.describe()


@pytest.mark.parametrize(
    "line, problem",
    [
        ("reviewed: someday", "`reviewed: someday` is not a date"),
        ("reviewed: 2026-02-30", "is not a date"),
        ("reviewed: 2027-01-05", "`reviewed: 2027-01-05` is after today (2026-11-23)"),
        ("review_every: 90x", "`review_every: 90x` is not an interval"),
    ],
)
def test_unusable_dates_and_intervals_give_an_unknown_state_that_says_why(kb: Path, line: str, problem: str) -> None:
    text = ARTICLES["kb/kb-0002-vpn-keeps-disconnecting.md"]
    key = line.split(":")[0]
    text = "\n".join(line if existing.startswith(key + ":") else existing for existing in text.split("\n"))
    write(kb, "kb/kb-0002-vpn-keeps-disconnecting.md", text)
    config = load_config(kb)
    state = review_state(find_document(config, "KB-0002"), config, datetime.date(2026, 11, 23))
    assert state.state == "unknown" and problem in state.problem and problem in state.describe()
