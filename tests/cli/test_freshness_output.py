"""`kbtool freshness` from the command line: each format, exit codes, and what it says about git."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kbtool.cli import cli
from kbtool.lifecycle.freshness import NOT_LOOKED_FOR

from conftest import commit_on, copy_starter_kb, edit, git, write

VPN = "kb/kb-0002-vpn-keeps-disconnecting.md"


def run(root: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--root", str(root), "freshness", "--today", "2026-11-23", *args])


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_starter_kb(tmp_path_factory.mktemp("starter-freshness"))


def test_done_when_github_annotations_for_the_starter_kb(starter: Path) -> None:
    result = CliRunner().invoke(cli, ["--root", str(starter), "freshness", "--fail-on", "overdue", "--format", "github", "--today", "2026-11-29"])
    assert result.exit_code == 1
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    data = json.loads(CliRunner().invoke(cli, ["--root", str(starter), "freshness", "--format", "json", "--today", "2026-11-29"]).stdout)
    overdue = {doc["path"] for doc in data["documents"] if doc["state"] == "overdue"}
    assert len(errors) == len(overdue) >= 5
    assert {re.match(r"::error file=([^,]+),", line).group(1) for line in errors} == overdue  # type: ignore[union-attr]
    first = errors[0]
    assert re.match(r"::error file=\S+\.md,line=\d+,title=kbtool freshness%3A overdue::\S+ .+: overdue for review by \d+ day\(s\)", first)
    warnings = [line for line in result.stdout.splitlines() if line.startswith("::warning ")]
    assert len(warnings) == sum(1 for doc in data["documents"] if doc["state"] in ("due-soon", "changed"))
    assert "::notice title=kbtool freshness::changes since review were not checked: not a git repository" in result.output


def test_text_lists_what_needs_attention_by_owner(kb: Path) -> None:
    result = run(kb)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Ann Agent (ann.agent)") and "1 to look at, 1 fresh" in lines[0]
    assert re.match(r"  OVERDUE 206d\s+KB-0002\s+due 2026-05-01\s+VPN keeps disconnecting", lines[1])
    assert "4 published document(s) on 2026-11-23: 0 unknown" not in result.output
    assert "4 published document(s) on 2026-11-23: 1 overdue, 0 changed since review, 0 due soon, 3 fresh (1 draft(s) apart; 1 archived skipped)" in result.output
    assert "changes since review were not checked: not a git repository" in result.output  # a notice on standard error


def test_text_is_quiet_when_everything_is_fresh_and_piped(kb: Path) -> None:
    result = run(kb, "--owner", "ivan.identity")
    assert result.exit_code == 0 and result.stdout == ""


def test_json_has_every_document(kb: Path) -> None:
    data = json.loads(run(kb, "--format", "json", "--fail-on", "overdue").stdout)
    assert data["failing"] == 1 and data["fail_on"] == "overdue" and data["due_within"] == "30d"
    assert data["counts"] == {"fresh": 3, "due-soon": 0, "changed": 0, "overdue": 1, "unknown": 0}
    assert data["changes_since_review"] == {"checked": False, "problem": "not a git repository", "shallow_since": None, "undetermined": 0}
    vpn = next(doc for doc in data["documents"] if doc["id"] == "KB-0002")
    assert vpn | {"title": ""} == {
        "id": "KB-0002", "title": "", "path": VPN, "type": "article", "status": "published", "owner": "ann.agent", "state": "overdue",
        "reviewed": "2026-02-01", "review_every": "3m", "due": "2026-05-01", "days_overdue": 206, "problem": None,
        "changed_since_review": None, "changed_on": None, "change_uncommitted": False, "undetermined_because": NOT_LOOKED_FOR,
    }
    assert [draft["id"] for draft in data["drafts"]] == ["KB-0004"]


def test_markdown_digest_per_owner(git_kb: Path) -> None:
    edit(git_kb, "sops/sop-0001-mfa-reset.md", "1. Verify the caller's identity", "1. Check the caller's identity")
    commit_on(git_kb, "2026-10-20", "Edit SOP-0001 | after its review")
    result = run(git_kb, "--format", "markdown")
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("## Review digest, 2026-11-23\n")
    assert "### Ann Agent (ann.agent)\n" in text and "### Ivan Identity (ivan.identity)\n" in text
    assert f"| KB-0002 VPN keeps disconnecting (`{VPN}`) | **overdue by 206 days** | 2026-02-01 | 2026-05-01 |" in text
    assert "| SOP-0001 MFA reset for a lost phone (`sops/sop-0001-mfa-reset.md`) | changed since review (on 2026-10-20) | 2026-04-14 | 2027-04-14 |" in text
    assert "`kbtool review ID --commit`" in text


def test_the_github_level_follows_fail_on(git_kb: Path) -> None:
    edit(git_kb, "sops/sop-0001-mfa-reset.md", "1. Verify the caller's identity", "1. Check the caller's identity")
    commit_on(git_kb, "2026-10-20", "Edit SOP-0001")
    lines = run(git_kb, "--format", "github", "--fail-on", "overdue").stdout.splitlines()
    assert any(line.startswith("::error file=kb/kb-0002") for line in lines)
    assert any(line.startswith("::warning file=sops/sop-0001-mfa-reset.md,line=10,title=kbtool freshness%3A changed::") for line in lines)
    result = run(git_kb, "--format", "github", "--fail-on", "changed")
    assert result.exit_code == 1 and "::error file=sops/sop-0001-mfa-reset.md" in result.stdout
    assert run(git_kb, "--format", "github").exit_code == 0


def test_a_shallow_clone_says_which_documents_could_not_be_checked(git_kb: Path, tmp_path: Path) -> None:
    commit_on(git_kb, "2026-11-20", "Latest")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{git_kb}", str(clone))
    result = run(clone, "--format", "github", "--fail-on", "overdue")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "::notice title=kbtool freshness::shallow clone: changes since review before 2026-11-20 could not be checked; check out with fetch-depth: 0" in result.stdout
    assert "could not tell whether 4 document(s) changed since review (shallow clone: the history before 2026-11-20 was not fetched): KB-0001, KB-0003, KB-0004, SOP-0001\n" in result.stderr
    data = json.loads(run(clone, "--format", "json").stdout)
    assert data["changes_since_review"]["shallow_since"] == "2026-11-20" and data["changes_since_review"]["undetermined"] == 4
    assert data["counts"]["overdue"] == 1  # the front matter still decides the rest


def test_a_repository_without_commits_and_uncommitted_files(kb: Path) -> None:
    git(kb, "init", "-q", "-b", "main")
    result = run(kb)
    assert result.exit_code == 0 and "changes since review were not checked: the repository has no commits yet" in result.stderr
    commit_on(kb, "2026-11-01", "First")
    write(kb, "kb/kb-0009-new.md", (kb / "kb/kb-0003-answering-a-call.md").read_text().replace("KB-0003", "KB-0009").replace("Answering", "Taking"))
    result = run(kb)
    assert "could not tell whether 1 document(s) changed since review (not committed yet): KB-0009" in result.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["--due-within", "90x"], "--due-within 90x is not an interval"),
        (["--owner", "nobody"], "owner `nobody` is not in meta/owners.yml"),
        (["--fail-on", "late"], "Invalid value for '--fail-on'"),
        (["--today", "29/11/2026"], "Invalid value for '--today'"),
    ],
)
def test_usage_errors_exit_2_without_a_traceback(kb: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["--root", str(kb), "freshness", *args])
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


def test_bad_review_fields_exit_1_with_fail_on_and_never_crash(kb: Path) -> None:
    edit(kb, VPN, "review_every: 3m", "review_every: 90x")
    edit(kb, "kb/kb-0001-reset-a-password.md", "reviewed: 2026-10-01", "reviewed: 2027-10-01")
    result = run(kb, "--fail-on", "overdue")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "`review_every: 90x` is not an interval" in result.output and "`reviewed: 2027-10-01` is after today (2026-11-23)" in result.output


@pytest.mark.parametrize("today", ["9999-12-30", "0001-01-02"])
def test_dates_at_the_ends_of_the_calendar_never_crash(git_kb: Path, today: str) -> None:
    result = CliRunner().invoke(cli, ["--root", str(git_kb), "freshness", "--today", today, "--format", "json"])
    assert result.exit_code == 0 and "Traceback" not in result.output and "internal error" not in result.output
    states = {doc["id"]: doc["state"] for doc in json.loads(result.stdout)["documents"]}
    assert set(states.values()) == ({"overdue"} if today.startswith("9999") else {"unknown"})
