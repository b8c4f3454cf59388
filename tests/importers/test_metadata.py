"""Title, summary, dates and `source` of an imported article (`kbtool.importers.metadata`)."""
from __future__ import annotations

import datetime

from hypothesis import given
from hypothesis import strategies as st

from kbtool.importers.docfx import PROFILE as DOCFX
from kbtool.importers.frontmatter import split
from kbtool.importers.generic import PROFILE as GENERIC
from kbtool.importers.metadata import dates, full_title, shorten, source_field, summary
from kbtool.importers.report import Note

TODAY = datetime.date(2026, 11, 23)


@given(st.text(min_size=1, max_size=400), st.integers(min_value=10, max_value=300))
def test_shorten_fits_and_keeps_a_prefix(text: str, limit: int) -> None:
    short = shorten(text, limit)
    assert len(short) <= limit
    assert short == text or (short.endswith("…") and text.startswith(short[:-1]))


def test_shorten_cuts_at_a_word() -> None:
    assert shorten("Outlook keeps asking for a password after the change", 30) == "Outlook keeps asking for a…"


def test_title_from_field_heading_or_file_name() -> None:
    notes: list[Note] = []
    assert full_title(split("---\ntitle: '**Bold** title'\n---\n"), GENERIC, "a.md", notes) == "Bold title"
    assert full_title(split("<!-- c -->\n# From the heading\n\nText"), GENERIC, "a.md", notes) == "From the heading"
    assert full_title(split("Just text"), GENERIC, "guides/set_up-vpn.md", notes) == "Set up vpn"
    assert [note.code for note in notes] == ["title-from-heading", "title-from-file-name"]


def test_summary_from_description_or_first_paragraph() -> None:
    notes: list[Note] = []
    assert summary(split("---\ndescription: The fix.\n---\n"), DOCFX, "", "a.md", notes) == "The fix."
    assert summary(split("---\n---\n"), DOCFX, "# T\n\nShort.\n\nThe first long enough paragraph.", "a.md", notes) == "The first long enough paragraph."
    assert summary(split("---\n---\n"), DOCFX, "", "a.md", notes) == "Imported from a.md."


def test_dates_never_in_the_future_and_reviewed_not_before_created() -> None:
    notes: list[Note] = []
    front = split("---\ndate: 2021-01-05\nrevision_date: 2020-01-01\n---\n")
    assert dates(front, GENERIC, TODAY, notes) == (datetime.date(2021, 1, 5), datetime.date(2021, 1, 5))
    assert dates(split("---\nms.date: 12/31/2030\n---\n"), DOCFX, TODAY, notes) == (TODAY, TODAY)
    assert dates(split("x"), GENERIC, TODAY, notes, earlier=(datetime.date(2025, 1, 1), datetime.date(2025, 6, 1))) == (datetime.date(2025, 1, 1), datetime.date(2025, 6, 1))
    assert [note.code for note in notes] == ["date-order", "date-future", "date-missing"]


def test_source_field_keeps_the_original() -> None:
    assert source_field("a/b.md", split("---\nms.date: 01/02/2024\n---\n")) == {"path": "a/b.md", "front_matter": {"ms.date": "01/02/2024"}}
    assert source_field("a.md", split("---\nbad: [\n---\n")) == {"path": "a.md", "front_matter_text": "bad: ["}
    assert source_field("a.md", split("no front matter")) == {"path": "a.md"}
