"""What counts as content when deciding whether a document changed since its review."""
from __future__ import annotations

import pytest

from kbtool.core.model import REVIEW_BOOKKEEPING
from kbtool.lifecycle.content import read_version

from conftest import ARTICLES

SOP = ARTICLES["sops/sop-0001-mfa-reset.md"]


def reading(text: str):  # type: ignore[no-untyped-def]
    return read_version(text.encode("utf-8"))


@pytest.mark.parametrize(
    "old, new",
    [
        ("reviewed: 2026-04-14", "reviewed: 2026-11-20"),
        ("created: 2024-05-01\n", "created: 2024-05-01\nreviewer: ivan.identity\n"),
        ("created: 2024-05-01\n", "created: 2024-05-01\nreview_every: 3m\n"),
        ("owner: ivan.identity", "owner: ann.agent"),
        ("status: published", "status: draft"),
        ("    summary: First version.", "    summary: The first version, written in a hurry."),
        ("title: MFA reset for a lost phone", "# Renamed in 2025\ntitle: MFA reset for a lost phone"),
        ("audience: agent\n", "audience: agent\n\n"),
    ],
)
def test_review_bookkeeping_comments_and_blank_lines_are_not_content(old: str, new: str) -> None:
    assert old in SOP
    assert reading(SOP).content == reading(SOP.replace(old, new)).content


@pytest.mark.parametrize(
    "old, new",
    [
        ("2. Delete the old MFA methods", "2. Remove the old MFA methods"),
        ("title: MFA reset for a lost phone", "title: MFA reset for a lost or stolen phone"),
        ("version: 2.1.0", "version: 2.2.0"),
        ("tags: [mfa, accounts]", "tags: [mfa, accounts, security]"),
        ("created: 2024-05-01\n", "created: 2024-05-01\nkeywords: [lost phone]\n"),
    ],
)
def test_the_body_and_every_other_field_are_content(old: str, new: str) -> None:
    assert old in SOP
    assert reading(SOP).content != reading(SOP.replace(old, new)).content


def test_the_bookkeeping_list_is_the_documented_one() -> None:
    assert set(REVIEW_BOOKKEEPING) == {"reviewed", "reviewer", "review_every", "owner", "status", "changelog"}


def test_line_endings_and_a_byte_order_mark_are_not_content() -> None:
    crlf = ("\ufeff" + SOP.replace("\n", "\r\n")).encode("utf-8")
    assert read_version(crlf) == reading(SOP)


@pytest.mark.parametrize("value, expected", [("2026-04-14", "2026-04-14"), ("'2026-04-14'", "2026-04-14"), ('"2026-04-14"  # by Ivan', "2026-04-14")])
def test_the_reviewed_value_is_read_without_quotes_or_comments(value: str, expected: str) -> None:
    assert reading(SOP.replace("reviewed: 2026-04-14", f"reviewed: {value}")).reviewed == expected


@pytest.mark.parametrize("text", ["no front matter at all\n", "---\nid: KB-0001\nnever closed\n", "", "---\n---\n"])
def test_files_without_usable_front_matter_compare_as_whole_text(text: str) -> None:
    assert reading(text).reviewed is None
    assert reading(text).content != reading(text + "more\n").content
