"""An imported article's front matter: title, summary, dates and the `source` field, from what the source says."""
from __future__ import annotations

import datetime
import re
from pathlib import PurePosixPath
from typing import Any

from kbtool.core import inline
from kbtool.core import markdown as md
from kbtool.core.model import SUMMARY_MAX, TITLE_MAX
from kbtool.importers.source_dates import parse_date
from kbtool.importers.frontmatter import FrontMatter, first_text
from kbtool.importers.generic import Profile
from kbtool.importers.report import Note


def shorten(text: str, limit: int) -> str:
    """`text` cut at the last word boundary that fits in `limit` characters with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"


def first_heading_block(body: str) -> md.Block | None:
    """The body's `# heading` when it comes before any text (comments aside)."""
    for block in md.parse(body):
        if block.kind == md.HEADING and block.level == 1:
            return block
        if block.kind not in (md.HTML, md.RULE):
            return None
    return None


def first_heading(body: str) -> str:
    block = first_heading_block(body)
    return inline.to_plain(block.text) if block else ""


def full_title(front: FrontMatter, profile: Profile, path: str, notes: list[Note]) -> str:
    """The title as the source has it: a title field, the first `# heading`, or the file name."""
    title = inline.to_plain(first_text(front.meta, profile.title_keys, notes))
    if not title:
        title = first_heading(front.body)
        if title:
            notes.append(Note("title-from-heading", "no title field: the first heading is the title"))
    if not title:
        title = re.sub(r"[-_]+", " ", PurePosixPath(path).stem).strip().capitalize() or path
        notes.append(Note("title-from-file-name", "no title field or heading: the file name is the title"))
    return title


def title_fields(title: str, notes: list[Note]) -> str:
    short = shorten(title, TITLE_MAX)
    if short != title:
        notes.append(Note("title-shortened", f"title is {len(title)} characters (the limit is {TITLE_MAX}): shortened; the full title heads the body"))
    return short


def summary(front: FrontMatter, profile: Profile, body: str, path: str, notes: list[Note]) -> str:
    text = inline.to_plain(first_text(front.meta, profile.summary_keys, notes))
    if not text:
        paragraph = next((block.plain() for block in md.parse(body) if block.kind == md.PARAGRAPH and len(block.plain()) > 20), "")
        text = paragraph or f"Imported from {path}."
        notes.append(Note("summary-from-body", "no description: the summary is the first paragraph" if paragraph else "no description and no paragraph: a placeholder summary"))
    short = shorten(text, SUMMARY_MAX)
    if short != text:
        notes.append(Note("summary-shortened", f"description is {len(text)} characters (the limit is {SUMMARY_MAX}): shortened"))
    return short


def dates(front: FrontMatter, profile: Profile, today: datetime.date, notes: list[Note], earlier: tuple[datetime.date, datetime.date] | None = None) -> tuple[datetime.date, datetime.date]:
    """(created, reviewed): from the date fields, never in the future, reviewed never before created.

    With no date in the source, the first import's date stands: `earlier`
    (the dates an earlier import wrote) or today.
    """
    reviewed = _first_date(front.meta, profile.reviewed_keys, profile.month_first)
    created = _first_date(front.meta, profile.created_keys, profile.month_first) or reviewed
    if reviewed is None and created is None:
        created, reviewed = earlier or (today, today)
        notes.append(Note("date-missing", f"no date in the source: created {created} and reviewed {reviewed}, the date it was first imported"))
        return created, reviewed
    reviewed = reviewed or created
    assert created is not None and reviewed is not None
    if reviewed > today or created > today:
        notes.append(Note("date-future", f"a date in the future ({max(created, reviewed)}) became today ({today})"))
        created, reviewed = min(created, today), min(reviewed, today)
    if reviewed < created:
        notes.append(Note("date-order", f"last change {reviewed} is before creation {created}: reviewed set to {created}"))
        reviewed = created
    return created, reviewed


def _first_date(meta: dict[str, Any], keys: tuple[str, ...], month_first: bool) -> datetime.date | None:
    for key in keys:
        date = parse_date(meta.get(key), month_first)
        if date:
            return date
    return None


def source_field(path: str, front: FrontMatter) -> dict[str, Any]:
    """`source`: the path in the source folder and the front matter exactly as it was (parsed, or as text)."""
    field: dict[str, Any] = {"path": path}
    if front.original:
        field["front_matter"] = front.original
    elif front.raw is not None and front.raw.strip():
        field["front_matter_text"] = front.raw
    return field
