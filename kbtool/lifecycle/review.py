"""A document's review state: when it was reviewed, when it is due, and whether it is overdue."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from kbtool.core.config import Config
from kbtool.core.dates import Interval, as_date, parse_interval
from kbtool.core.documents import Document

DUE_SOON_DAYS = 30


@dataclass(frozen=True)
class ReviewState:
    reviewed: datetime.date | None
    interval: Interval
    due: datetime.date | None
    state: str  # "ok", "due-soon", "overdue" or "unknown" (no valid review date)
    days: int  # days overdue (positive) or until due (negative); 0 when unknown

    def describe(self) -> str:
        if self.state == "unknown" or self.due is None:
            return "review date unknown"
        if self.state == "overdue":
            return f"OVERDUE for review by {self.days} day(s) (due {self.due})"
        if self.state == "due-soon":
            return f"review due in {-self.days} day(s) ({self.due})"
        return f"next review due {self.due}"


def review_state(document: Document, config: Config, today: datetime.date | None = None) -> ReviewState:
    today = today or datetime.date.today()
    interval = parse_interval(document.meta.get("review_every")) or config.review_every[document.doc_type]
    reviewed = as_date(document.meta.get("reviewed"))
    if reviewed is None:
        return ReviewState(None, interval, None, "unknown", 0)
    try:
        due = interval.after(reviewed)
    except (ValueError, OverflowError):  # a date near the calendar's end
        return ReviewState(reviewed, interval, None, "unknown", 0)
    days = (today - due).days
    state = "overdue" if days > 0 else "due-soon" if days >= -DUE_SOON_DAYS else "ok"
    return ReviewState(reviewed, interval, due, state, days)
