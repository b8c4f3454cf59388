"""Change-control examples: each situation changes a real git repository so that `kbtool changes` reports exactly its rule.

The base is the small knowledge base committed on `main` on BASE_DAY; each
situation makes its change on the branch `change` (in the working tree, or
committed) and returns the file its finding must name. The tests of the
module that checks each rule (`Rule.checked_in`) run its situation.
"""
from __future__ import annotations

from pathlib import Path

from kbtool import api
from kbtool.core.findings import RULES

from conftest import TODAY, commit_on, edit, git, write

BASE_DAY = "2026-11-01"
CHANGE_DAY = "2026-11-20"
SOP = "sops/sop-0001-mfa-reset.md"
NEW_STEP = "2. Ask the caller's manager to confirm the request by email.\n3. Delete the old MFA methods"


def make_repo(kb: Path) -> Path:
    """`kb` as a git repository: the base on `main`, and the branch `change` checked out."""
    git(kb, "init", "-q", "-b", "main")
    commit_on(kb, BASE_DAY, "Knowledge base")
    git(kb, "checkout", "-q", "-b", "change")
    return kb


def add_step(kb: Path) -> None:
    edit(kb, SOP, "2. Delete the old MFA methods", NEW_STEP)


def set_version(kb: Path, version: str, day: str | None = CHANGE_DAY, summary: str = "Manager confirms by email before any reset.") -> None:
    edit(kb, SOP, "version: 2.1.0", f"version: {version}")
    if day:
        edit(kb, SOP, "changelog:\n", f"changelog:\n  - version: {version}\n    date: {day}\n    summary: {summary}\n")


def _version_not_bumped(kb: Path) -> str:
    add_step(kb)
    return SOP


def _patch_for_a_new_step(kb: Path) -> str:
    add_step(kb)
    set_version(kb, "2.1.1")
    return SOP


def _entry_dated_before_the_change(kb: Path) -> str:
    edit(kb, SOP, "with a video call.", "with a video call on Teams.")
    set_version(kb, "2.1.1", day="2026-10-01", summary="Teams named.")
    return SOP


def _id_changed(kb: Path) -> str:
    git(kb, "mv", SOP, "sops/sop-0009-mfa-reset.md")
    edit(kb, "sops/sop-0009-mfa-reset.md", "id: SOP-0001", "id: SOP-0009")
    return "sops/sop-0009-mfa-reset.md"


def _id_reused(kb: Path) -> str:
    """KB-0004 was deleted on main before the change began; the change brings the id back."""
    git(kb, "checkout", "-q", "main")
    git(kb, "rm", "-q", "kb/kb-0004-printer-queue-draft.md")
    commit_on(kb, BASE_DAY, "Drop the printer draft")
    git(kb, "checkout", "-q", "-B", "change")
    text = (kb / "kb/kb-0003-answering-a-call.md").read_text(encoding="utf-8")
    write(kb, "kb/kb-0004-closing-a-call.md", text.replace("KB-0003", "KB-0004").replace("Answering a support call", "Closing a support call"))
    return "kb/kb-0004-closing-a-call.md"


def _removed_still_linked(kb: Path) -> str:
    git(kb, "rm", "-q", "kb/kb-0002-vpn-keeps-disconnecting.md")
    return "kb/kb-0001-reset-a-password.md"  # links to KB-0002 in its body and in `related`


def _stray_file(kb: Path) -> str:
    write(kb, "kb/screenshot.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    return "kb/screenshot.png"


CHANGE_SITUATIONS = {
    "sop-version-bump": _version_not_bumped,
    "sop-version-too-small": _patch_for_a_new_step,
    "sop-changelog-entry": _entry_dated_before_the_change,
    "id-changed": _id_changed,
    "id-reused": _id_reused,
    "removed-still-linked": _removed_still_linked,
    "stray-file": _stray_file,
}


def change_situations_for(module: str) -> list[str]:
    return sorted(rule for rule in CHANGE_SITUATIONS if RULES[rule].checked_in == module)


def assert_change_triggers_only_its_rule(kb: Path, rule: str) -> None:
    target = CHANGE_SITUATIONS[rule](make_repo(kb))
    report = api.changes(kb, "main", today=TODAY)
    assert {(finding.path, finding.rule) for finding in report.findings} == {(target, rule)}, [f"{f.path}:{f.line} {f.rule}: {f.message}" for f in report.findings]
    assert report.exit_code == 1
