"""Review due dates and states."""
from __future__ import annotations

import datetime
from pathlib import Path

from kbtool.core.config import load_config
from kbtool.core.discovery import find_document
from kbtool.lifecycle.review import review_state


def test_review_states(kb: Path) -> None:
    config = load_config(kb)
    document = find_document(config, "KB-0002")  # reviewed 2026-02-01, review_every 3m: due 2026-05-01
    assert review_state(document, config, datetime.date(2026, 3, 15)).state == "ok"
    assert review_state(document, config, datetime.date(2026, 4, 20)).state == "due-soon"
    overdue = review_state(document, config, datetime.date(2026, 5, 11))
    assert (overdue.state, overdue.days, overdue.due) == ("overdue", 10, datetime.date(2026, 5, 1))
