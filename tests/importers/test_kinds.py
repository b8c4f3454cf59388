"""An imported article's kind and sections from its structure (`kbtool.importers.kinds`)."""
from __future__ import annotations

import pytest

from kbtool.core import markdown as md
from kbtool.importers.report import Note
from kbtool.importers.kinds import EMPTY, NO_CAUSE, NOT_STATED, arrange


def headings(body: str) -> list[str]:
    return [block.text for block in md.parse(body) if block.kind == md.HEADING and block.level == 2]


def test_symptoms_cause_resolution_become_kcs_sections_with_the_environment_after_the_issue() -> None:
    notes: list[Note] = []
    kind, body = arrange("## Symptoms\n\nFails.\n\n## Cause\n\nStale.\n\n## Resolution\n\n1. Fix.\n\n## More information\n\nx", ["Exchange Online"], notes)
    assert kind == "troubleshooting"
    assert headings(body) == ["Issue", "Environment", "Cause", "Resolution", "More information"]
    assert "## Environment\n\n- Exchange Online\n" in body
    assert sorted(note.code for note in notes) == ["environment-added", "section-renamed"]


def test_environment_goes_before_a_heading_right_after_the_issue() -> None:
    _, body = arrange("## Problem\n\nFails.\n## Solution\n\nFix.", [], [])
    assert headings(body) == ["Issue", "Environment", "Resolution", "Cause"]
    assert NOT_STATED in body and NO_CAUSE in body


def test_a_workaround_is_the_resolution_only_without_one() -> None:
    _, body = arrange("## Symptoms\n\nx\n\n## Workaround\n\ny\n\n## Resolution\n\nz", [], [])
    assert headings(body) == ["Issue", "Environment", "Workaround", "Resolution", "Cause"]
    _, body = arrange("## Symptoms\n\nx\n\n## Workaround\n\ny", [], [])
    assert headings(body) == ["Issue", "Environment", "Resolution", "Cause"]


def test_setext_headings_are_renamed() -> None:
    _, body = arrange("Symptoms\n--------\n\nx\n\nResolution\n----------\n\ny", ["Teams"], [])
    assert headings(body) == ["Issue", "Environment", "Resolution", "Cause"]
    assert "--------" not in body


def test_empty_required_sections_are_filled_and_noted() -> None:
    notes: list[Note] = []
    _, body = arrange("## Symptoms\n\n## Resolution\n\n---\n", [], notes)
    assert body.count(EMPTY) == 2
    assert [block.kind for block in md.parse(body)].count(md.HEADING) == 4  # the rule did not make the filler a heading
    assert "section-filled" in {note.code for note in notes}


@pytest.mark.parametrize(
    "body, kind, expected",
    [
        ("Do this:\n\n1. Open.\n2. Click.", "howto", ["Steps"]),
        ("## Procedure\n\n1. Open.\n\n## Notes\n\nx", "howto", ["Steps", "Notes"]),
        ("## Procedure\n\nJust prose.", "guide", ["Procedure"]),
        ("1. Only one step.", "guide", []),
        ("## Intro\n\n1. Open.\n2. Click.", "guide", ["Intro"]),
    ],
)
def test_steps_make_a_howto(body: str, kind: str, expected: list[str]) -> None:
    found_kind, converted = arrange(body, [], [])
    assert (found_kind, headings(converted)) == (kind, expected)
