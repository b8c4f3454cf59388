from __future__ import annotations

import datetime
from pathlib import Path

from conftest import TODAY, write
from kbtool.core.config import load_config
from kbtool.site.banners import banners_for
from kbtool.site.catalogue import load_catalogue
from kbtool.site.options import SiteOptions
from kbtool.view import view


def _banners(kb: Path, doc_id: str, today: datetime.date = TODAY, **options: object) -> list[tuple[str, str, str]]:
    config = load_config(kb)
    catalogue = load_catalogue(config, SiteOptions(drafts=True))
    source = catalogue.documents[doc_id]
    return [(b.level, b.title, b.message) for b in banners_for(source, view(config, source.document, today), **options)]  # type: ignore[arg-type]


def test_overdue_names_the_owner_and_the_days(kb: Path) -> None:
    [(level, title, message)] = _banners(kb, "KB-0002")
    assert (level, title) == ("danger", "Overdue for review")
    assert message == "Its review was due on 2026-05-01, 206 day(s) ago. Check the steps before relying on them; Ann Agent (Service Desk) owns this page."


def test_a_customer_page_names_the_team_not_a_person(kb: Path) -> None:
    [(_, _, message)] = _banners(kb, "KB-0002", customer=True)
    assert message.endswith("Service Desk owns this page.") and "Ann" not in message


def test_fresh_pages_have_no_banner_and_changed_ones_do(kb: Path) -> None:
    assert _banners(kb, "KB-0003") == []
    [(level, title, message)] = _banners(kb, "KB-0003", changed_on="2026-11-20")
    assert (level, title) == ("warning", "Changed since review")
    assert "changed on 2026-11-20, after its review of 2026-09-15" in message


def test_drafts_and_unknown_review_dates(kb: Path) -> None:
    assert ("warning", "Draft: not published") == _banners(kb, "KB-0004")[0][:2]
    page = (kb / "kb/kb-0003-answering-a-call.md").read_text()
    write(kb, "kb/kb-0003-answering-a-call.md", page.replace("reviewed: 2026-09-15\n", ""))
    assert [title for _, title, _ in _banners(kb, "KB-0003")] == ["Review date unknown"]
