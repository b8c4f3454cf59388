"""A document's review state from its front matter: when it was reviewed, when it is due, whether it is overdue.

Archived documents have no review state: nobody reviews what agents no
longer use. Whether the text changed in git after the review is a separate
question, answered by `kbtool.lifecycle.since_review`.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from kbtool.core.config import Config
from kbtool.core.dates import Interval, as_date, parse_interval
from kbtool.core.documents import Document

FRESH, DUE_SOON, OVERDUE, UNKNOWN, ARCHIVED = "fresh", "due-soon", "overdue", "unknown", "archived"


@dataclass(frozen=True)
class ReviewState:
    reviewed: datetime.date | None
    interval: Interval | None
    due: datetime.date | None
    state: str  # FRESH, DUE_SOON, OVERDUE, UNKNOWN (no usable review date or interval) or ARCHIVED
    days: int  # days overdue (positive) or until due (negative); 0 when unknown or archived
    problem: str = ""  # why the state is unknown

    def describe(self) -> str:
        if self.state == ARCHIVED:
            return "archived: no longer reviewed"
        if self.state == UNKNOWN or self.due is None:
            return f"review state unknown: {self.problem}" if self.problem else "review state unknown"
        if self.state == OVERDUE:
            return f"OVERDUE for review by {self.days} day(s) (due {self.due})"
        if self.state == DUE_SOON:
            return f"review due in {-self.days} day(s) ({self.due})"
        return f"next review due {self.due}"


def review_state(
    document: Document,
    config: Config,
    today: datetime.date | None = None,
    due_within: Interval | None = None,
) -> ReviewState:
    """The state on `today`; "due soon" from `due_within` before the due date (default from kbtool.yml)."""
    today = today or datetime.date.today()
    raw_reviewed = document.meta.get("reviewed")
    reviewed = as_date(raw_reviewed)
    if document.status == "archived":
        return ReviewState(reviewed, None, None, ARCHIVED, 0)
    raw_interval = document.meta.get("review_every")
    interval = parse_interval(raw_interval) if raw_interval is not None else config.review_every.get(document.doc_type)
    problem = ""
    if interval is None:
        problem = f"`review_every: {raw_interval}` is not an interval such as 90d, 12w, 6m or 1y"
    elif reviewed is None:
        problem = "`reviewed` is missing" if raw_reviewed is None else f"`reviewed: {raw_reviewed}` is not a date (YYYY-MM-DD)"
    elif reviewed > today:
        problem = f"`reviewed: {reviewed}` is after today ({today})"
    if problem:
        return ReviewState(reviewed, interval, None, UNKNOWN, 0, problem)
    assert interval is not None and reviewed is not None
    try:
        due = interval.after(reviewed)
    except (ValueError, OverflowError):  # a date near the calendar's end
        return ReviewState(reviewed, interval, None, UNKNOWN, 0, f"`reviewed: {reviewed}` plus {interval} is past the end of the calendar")
    try:
        soon = (due_within or config.review_due_within).after(today)
    except (ValueError, OverflowError):
        soon = datetime.date.max
    days = (today - due).days
    state = OVERDUE if days > 0 else DUE_SOON if soon >= due else FRESH
    return ReviewState(reviewed, interval, due, state, days)
