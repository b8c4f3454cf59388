"""Line edits of `reviewed` and `reviewer`: every other byte stays as it was."""
from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kbtool.core.errors import KbError
from kbtool.lifecycle.review_lines import edit_review, split_lines

DAY = datetime.date(2026, 11, 20)
HEAD = "---\nid: KB-0001\ntitle: Reset a password\n"
TAIL = "owner: ann.agent\n---\n\n## Steps\n\n1. Do it.\n"


def edited(text: str, reviewer: str | None = None) -> str:
    return edit_review(text, "kb/kb-0001-x.md", "article", DAY, reviewer)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("reviewed: 2026-01-02\n", "reviewed: 2026-11-20\n"),
        ("reviewed: '2026-01-02'\n", "reviewed: '2026-11-20'\n"),
        ('reviewed: "2026-01-02"\n', 'reviewed: "2026-11-20"\n'),
        ("reviewed:   2026-01-02   # last checked by Ann\n", "reviewed:   2026-11-20   # last checked by Ann\n"),
        ("reviewed: 2026-01-02\r\n", "reviewed: 2026-11-20\r\n"),
        ("reviewed:\n", "reviewed: 2026-11-20\n"),
        ("reviewed: ~\n", "reviewed: 2026-11-20\n"),
    ],
)
def test_only_the_value_on_the_reviewed_line_changes(line: str, expected: str) -> None:
    assert edited(HEAD + line + TAIL) == HEAD + expected + TAIL


def test_a_reviewer_line_is_added_after_reviewed_with_its_line_ending() -> None:
    text = (HEAD + "reviewed: 2026-01-02\n" + TAIL).replace("\n", "\r\n")
    assert edited(text, "ivan.identity") == (HEAD + "reviewed: 2026-11-20\nreviewer: ivan.identity\n" + TAIL).replace("\n", "\r\n")


def test_an_existing_reviewer_line_is_changed_in_place() -> None:
    text = HEAD + "reviewer: ann.agent  # the owner\nreviewed: 2026-01-02\n" + TAIL
    assert edited(text, "ivan.identity") == HEAD + "reviewer: ivan.identity  # the owner\nreviewed: 2026-11-20\n" + TAIL


def test_a_missing_reviewed_line_is_added_at_the_end_of_the_front_matter() -> None:
    assert edited(HEAD + TAIL) == HEAD + "owner: ann.agent\nreviewed: 2026-11-20\n---\n\n## Steps\n\n1. Do it.\n"


def test_a_byte_order_mark_and_a_body_without_final_newline_are_kept() -> None:
    text = "\ufeff" + HEAD + "reviewed: 2026-01-02\n" + TAIL.rstrip("\n")
    assert edited(text) == "\ufeff" + HEAD + "reviewed: 2026-11-20\n" + TAIL.rstrip("\n")


@pytest.mark.parametrize(
    "text, message",
    [
        (HEAD + "reviewed: 2026-01-02\nreviewed: 2026-01-03\n" + TAIL, "`reviewed` is set more than once"),
        (HEAD + "reviewed: >\n  2026-01-02\n" + TAIL, "cannot be set by changing its `reviewed` line alone"),
        (HEAD + "reviewed: a#b\n" + TAIL, "is not a simple `reviewed: value` line"),
        ("no front matter\n", "does not start with front matter"),
        (HEAD + "reviewed: 2026-01-02\n", "never closed"),
    ],
)
def test_edits_that_cannot_be_made_exactly_are_refused(text: str, message: str) -> None:
    with pytest.raises(KbError, match=message.replace("`", ".").replace("(", ".").replace(")", ".")):
        edited(text)


_ENDINGS = st.sampled_from(["\n", "\r\n"])
_QUOTES = st.sampled_from(["", "'", '"'])
_COMMENTS = st.sampled_from(["", "  # checked", "\t# by hand"])
_BODY = st.text(st.characters(blacklist_categories=["Cs", "Cc"]), max_size=200)


@settings(max_examples=150, deadline=None)
@given(_ENDINGS, _QUOTES, _COMMENTS, _BODY, st.integers(0, 3))
def test_any_layout_changes_in_exactly_one_line(ending: str, quote: str, comment: str, body: str, position: int) -> None:
    fields = ["id: KB-0001", "title: 'Reset: a password'", "tags: [accounts,  password]", "# a comment"]
    fields.insert(position, f"reviewed: {quote}2025-03-04{quote}{comment}")
    text = ending.join(["---", *fields, "---", body])
    result = edited(text)
    before, after = split_lines(text), split_lines(result)
    assert len(before) == len(after)
    differing = [(old, new) for old, new in zip(before, after) if old != new]
    assert differing == [(before[position + 1], before[position + 1].replace("2025-03-04", "2026-11-20"))]


def test_split_lines_gives_the_text_back() -> None:
    text = "a\r\nb\nc\rd"
    assert split_lines(text) == ["a\r\n", "b\n", "c\r", "d"] and "".join(split_lines(text)) == text
