"""Steps and sections compared between two versions: added, removed, moved, reworded, detail."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from kbtool.core.markdown import parse
from kbtool.lifecycle.step_diff import (
    ADDED, DETAIL, MOVED, REMOVED, REWORDED, Step, StepChange, changed_sections, describe, diff_steps, only_added, read_steps, whitespace_only,
)

BODY = """## Purpose

Restore sign-in.

## Procedure

1. Verify the caller's identity with a video call.
   - Ask for their employee number.
2. Delete the old MFA methods.

   ```
   Remove-MfaMethod -All
   ```
3. Issue a Temporary Access Pass.

Then close the ticket.

## Escalation

Information Security.
"""


def steps(*texts: str) -> list[Step]:
    return [Step(number, text) for number, text in enumerate(texts, start=1)]


def test_steps_carry_their_nested_detail_and_stop_at_the_list_end() -> None:
    found = read_steps(parse(BODY), "Procedure")
    assert found == [
        Step(1, "Verify the caller's identity with a video call.", "Ask for their employee number."),
        Step(2, "Delete the old MFA methods.", "Remove-MfaMethod -All"),
        Step(3, "Issue a Temporary Access Pass.", ""),
    ]
    assert read_steps(parse(BODY), "Steps") is None


def test_each_kind_of_change() -> None:
    old = steps("Verify the caller.", "Delete the old methods.", "Issue a pass.", "Close the ticket.")
    new = steps("Ask the manager.", "Verify the caller by video.", "Issue a pass.", "Delete the old methods.")
    assert diff_steps(old, new) == [
        StepChange(ADDED, 1, None, "Ask the manager."),
        StepChange(REWORDED, 2, 1, "Verify the caller by video.", "Verify the caller."),
        StepChange(REMOVED, None, 4, "Close the ticket."),  # listed where it was, before the step now 4th
        StepChange(MOVED, 4, 2, "Delete the old methods."),
    ]


def test_detail_changed_under_a_step() -> None:
    old, new = [Step(1, "Verify.", "Employee number.")], [Step(1, "Verify.", "Employee number and manager.")]
    assert diff_steps(old, new) == [StepChange(DETAIL, 1, 1, "Verify.")]
    assert describe(diff_steps(old, new)) == "step 1 with new detail"


def test_describe_lists_numbers() -> None:
    changes = [StepChange(ADDED, 2, None, "a"), StepChange(ADDED, 4, None, "b"), StepChange(REMOVED, None, 3, "c")]
    assert describe(changes) == "steps 2 and 4 added, step 3 removed"


def test_whitespace_and_added_words() -> None:
    assert whitespace_only(parse("a  b\nc \n\n\n1. x\n   y"), parse("a b\nc\n\n1. x y")) and not whitespace_only(parse("a b"), parse("a c"))
    assert only_added(parse("All staff."), parse("All staff, contractors too."))
    assert not only_added(parse("All staff."), parse("Most staff."))


@pytest.mark.parametrize(
    "old, new",
    [
        ("1. Verify.\n2. Delete.\n3. Issue.", "1. Verify.\n2. Delete. 3. Issue."),  # a step joined onto another's line
        ("1. Verify.\n2. Delete.\n3. Issue.", "1. Verify.\n2. Delete.\n   3. Issue."),  # a step indented under another
        ("Call first.\n\nThen write.", "Call first.\nThen write."),  # two paragraphs run into one
    ],
    ids=["joined", "nested", "paragraphs"],
)
def test_whitespace_that_changes_the_structure_is_not_whitespace_only(old: str, new: str) -> None:
    assert old.split() == new.split() and not whitespace_only(parse(old), parse(new))


def test_changed_sections_in_the_new_order() -> None:
    new = BODY.replace("Information Security.", "Information Security as P2.").replace("## Purpose\n\nRestore sign-in.\n\n", "") + "\n## Rollback\n\nUndo.\n"
    assert changed_sections(parse(BODY), parse(new)) == ["Escalation", "Rollback", "Purpose"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Verify.", "Delete.", "Issue.", "Close.", "Call back.", "Log it."]), max_size=6), st.lists(st.sampled_from(["Verify.", "Delete.", "Issue.", "Close.", "Call back.", "Log it."]), max_size=6))
def test_every_step_is_accounted_for_once(old_texts: list[str], new_texts: list[str]) -> None:
    old, new = steps(*old_texts), steps(*new_texts)
    changes = diff_steps(old, new)
    assert diff_steps(old, old) == []
    new_numbers = [change.number for change in changes if change.number is not None]
    old_numbers = [change.old_number for change in changes if change.old_number is not None]
    assert len(new_numbers) == len(set(new_numbers)) and set(new_numbers) <= set(range(1, len(new) + 1))
    assert len(old_numbers) == len(set(old_numbers)) and set(old_numbers) <= set(range(1, len(old) + 1))
    added = sum(1 for change in changes if change.kind == ADDED)
    removed = sum(1 for change in changes if change.kind == REMOVED)
    assert len(new) - len(old) == added - removed
