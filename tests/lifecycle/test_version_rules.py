"""SOP versions and change logs after a change: the bump the content model asks for, an entry for it, dated in the change."""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from kbtool import api
from kbtool.core.documents import parse_text
from kbtool.core.yamlio import load_fast
from kbtool.lifecycle.version_rules import MAJOR, MINOR, PATCH, bump_of, changelog_entry_yaml, next_version, parse_version

from change_examples import CHANGE_DAY, SOP, add_step, assert_change_triggers_only_its_rule, change_situations_for, make_repo, set_version
from conftest import TODAY, commit_on, edit

MODULE = "kbtool/lifecycle/version_rules.py"


@pytest.mark.parametrize("rule", change_situations_for(MODULE))
def test_each_situation_triggers_only_its_rule(kb: Path, rule: str) -> None:
    assert_change_triggers_only_its_rule(kb, rule)


@pytest.fixture
def repo(kb: Path) -> Path:
    return make_repo(kb)


def findings(repo: Path) -> list[tuple[str, int, str]]:
    return [(f.path, f.line, f.rule) for f in api.changes(repo, "main", today=TODAY).findings]


def test_a_new_step_without_a_bump_says_exactly_what_to_add(repo: Path) -> None:
    add_step(repo)
    (finding,) = api.changes(repo, "main", today=TODAY).findings
    assert (finding.path, finding.line, finding.rule) == (SOP, 11, "sop-version-bump")  # the `version:` line
    assert finding.message == "SOP-0001's body changed (step 2 added) but `version` is still 2.1.0"
    advice, _, entry = finding.hint.partition("\n")
    assert advice.startswith("set `version: 3.0.0` (MAJOR: steps were added, removed or reordered")
    assert entry == (
        "  - version: 3.0.0\n"
        f"    date: {TODAY}\n"
        "    summary: \"Step 2 added: Ask the caller's manager to confirm the request by email.\""
    )


def test_pasting_the_suggested_fix_passes(repo: Path) -> None:
    add_step(repo)
    entry = api.changes(repo, "main", today=TODAY).findings[0].hint.split("\n", 1)[1]
    edit(repo, SOP, "version: 2.1.0", "version: 3.0.0")
    edit(repo, SOP, "changelog:\n", f"changelog:\n{entry}\n")
    report = api.changes(repo, "main", today=TODAY)
    assert report.findings == [] and report.exit_code == 0
    (document,) = report.documents
    assert (document.old_version, document.version, document.changelog.version) == ("2.1.0", "3.0.0", "3.0.0")


def test_the_same_change_done_right_and_committed_passes(repo: Path) -> None:
    add_step(repo)
    set_version(repo, "3.0.0")
    commit_on(repo, CHANGE_DAY, "SOP-0001: manager confirms first")
    report = api.changes(repo, "main", today=TODAY)
    assert report.findings == [] and report.uncommitted == []


@pytest.mark.parametrize("version, rule", [("2.2.0", None), ("2.1.1", "sop-version-too-small"), ("3.0.0", None)])
def test_a_step_added_is_not_a_patch(repo: Path, version: str, rule: str | None) -> None:
    add_step(repo)
    set_version(repo, version)
    assert [finding[2] for finding in findings(repo)] == ([rule] if rule else [])


def test_removed_and_reordered_steps_are_not_a_patch_either(repo: Path) -> None:
    text = (repo / SOP).read_text(encoding="utf-8")
    first = "1. Verify the caller's identity with a video call.\n"
    second = "2. Delete the old MFA methods and issue a Temporary Access Pass.\n"
    (repo / SOP).write_text(text.replace(first + second, second.replace("2.", "1.") + first.replace("1.", "2.")), encoding="utf-8")
    set_version(repo, "2.1.1")
    (finding,) = api.changes(repo, "main", today=TODAY).findings
    assert finding.rule == "sop-version-too-small" and "moved" in finding.message and "`version: 3.0.0`" in finding.hint


def test_a_reworded_step_needs_a_patch_and_an_entry(repo: Path) -> None:
    edit(repo, SOP, "1. Verify the caller's identity with a video call.", "1. Confirm the caller's identity over a video call.")
    (finding,) = api.changes(repo, "main", today=TODAY).findings
    assert finding.rule == "sop-version-bump" and "set `version: 2.1.1` (PATCH: wording)" in finding.hint
    set_version(repo, "2.1.1")
    assert findings(repo) == []


def test_added_detail_suggests_minor(repo: Path) -> None:
    edit(repo, SOP, "All staff accounts.", "All staff accounts, contractors included.")
    (finding,) = api.changes(repo, "main", today=TODAY).findings
    assert "set `version: 2.2.0` (MINOR: detail was added)" in finding.hint and "Detail added to Scope." in finding.hint


def test_whitespace_only_needs_no_bump(repo: Path) -> None:
    edit(repo, SOP, "All staff accounts.", "All   staff\naccounts.  \n\n")
    report = api.changes(repo, "main", today=TODAY)
    assert report.findings == [] and report.documents[0].whitespace_only


def test_a_step_joined_onto_another_needs_a_bump_although_only_whitespace_moved(repo: Path) -> None:
    edit(repo, SOP, "video call.\n2. Delete", "video call. 2. Delete")
    assert "sop-version-bump" in [rule for _, _, rule in findings(repo)]


def test_front_matter_only_changes_need_no_bump(repo: Path) -> None:
    edit(repo, SOP, "tags: [mfa, accounts]", "tags: [mfa, accounts, password]")
    assert findings(repo) == []


def test_a_bumped_version_needs_its_own_entry(repo: Path) -> None:
    add_step(repo)
    set_version(repo, "3.0.0", day=None)
    rules = {(rule, line) for _, line, rule in findings(repo)}
    assert ("sop-changelog-entry", 12) in rules  # the `changelog:` line; validate's own changelog rule agrees
    entry = [f for f in api.changes(repo, "main", today=TODAY).findings if f.rule == "sop-changelog-entry"][0]
    assert "  - version: 3.0.0\n" in entry.hint


def test_an_entry_dated_before_the_change_names_its_line_and_the_date(repo: Path) -> None:
    edit(repo, SOP, "with a video call.", "with a video call on Teams.")
    set_version(repo, "2.1.1", day="2026-10-01")
    (finding,) = api.changes(repo, "main", today=TODAY).findings
    assert (finding.line, finding.rule) == (13, "sop-changelog-entry")  # the entry's `- version:` line
    assert "dated 2026-10-01, before this change began (main on 2026-11-01)" in finding.message and f"`date: {TODAY}`" in finding.hint


def test_a_version_removed_is_a_finding_with_the_version_to_put_back(repo: Path) -> None:
    edit(repo, SOP, "version: 2.1.0\n", "")
    edit(repo, SOP, "changelog:\n  - version: 2.1.0\n    date: 2026-04-14\n    summary: Temporary Access Pass replaces SMS codes.\n", "changelog:\n")
    rules = {(path, rule) for path, _, rule in findings(repo)}
    assert (SOP, "sop-version-bump") in rules and (SOP, "missing-field") in rules
    finding = [f for f in api.changes(repo, "main", today=TODAY).findings if f.rule == "sop-version-bump"][0]
    assert finding.message == "SOP-0001: `version` was removed (it is 2.1.0 on main)" and finding.hint == "add `version: 2.1.0`"


def test_a_version_going_down_is_a_finding(repo: Path) -> None:
    set_version(repo, "2.0.1", day=None)
    assert ("sop-version-bump") in {rule for _, _, rule in findings(repo)}


@pytest.mark.parametrize("old, new, bump", [("1.2.3", "2.0.0", MAJOR), ("1.2.3", "1.3.0", MINOR), ("1.2.3", "1.2.4", PATCH), ("1.2.3", "1.2.3", None), ("1.2.3", "1.1.9", None)])
def test_bump_of(old: str, new: str, bump: str | None) -> None:
    assert bump_of(parse_version(old), parse_version(new)) == bump  # type: ignore[arg-type]


def test_next_versions_and_unreadable_versions() -> None:
    assert [next_version((2, 1, 3), kind) for kind in (MAJOR, MINOR, PATCH)] == ["3.0.0", "2.2.0", "2.1.4"]
    assert parse_version("1.0") is None and parse_version(1.0) is None and parse_version(" 1.0.0 ") == (1, 0, 0)


@pytest.mark.parametrize("summary", ["Plain words.", "Step 2 added: a colon", "It's quoted", "#hash first", "- dash first", '"quotes"', "tab\there"])
def test_a_suggested_entry_is_valid_yaml_that_reads_back_unchanged(summary: str) -> None:
    text = "changelog:\n" + changelog_entry_yaml("1.2.0", datetime.date(2026, 11, 23), summary)
    assert load_fast(text) == {"changelog": [{"version": "1.2.0", "date": datetime.date(2026, 11, 23), "summary": summary}]}
    document, problems = parse_text("sops/x.md", "sop", ["---", *text.split("\n"), "---", ""])
    assert document is not None and not problems
