"""`kbtool history`: versions from git with dates, authors, subjects and SOP versions, following renames."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from kbtool import api
from kbtool.cli import cli
from kbtool.core.errors import KbError, UsageError

from conftest import REPO_ROOT, commit_on, edit, git, write

SOP = "sops/sop-0001-mfa-reset.md"


@pytest.fixture
def repo(kb: Path) -> Path:
    git(kb, "init", "-q", "-b", "main")
    commit_on(kb, "2024-05-01", "Initial knowledge base")
    edit(kb, SOP, "version: 2.1.0", "version: 2.2.0")
    edit(kb, SOP, "changelog:\n", "changelog:\n  - version: 2.2.0\n    date: 2026-06-01\n    summary: Video call first.\n")
    edit(kb, SOP, "1. Verify the caller's identity", "1. Start a video call and verify the caller's identity")
    commit_on(kb, "2026-06-01", "SOP-0001: video call first")
    git(kb, "mv", SOP, "sops/sop-0001-mfa-reset-lost-phone.md")
    commit_on(kb, "2026-07-01", "Clearer file name")
    return kb


def test_versions_newest_first_with_sop_versions_across_a_rename(repo: Path) -> None:
    history = api.history(repo, "sop1")
    assert history.path == "sops/sop-0001-mfa-reset-lost-phone.md"
    rows = [(v.number, v.date.date().isoformat(), v.author, v.subject, v.version, v.change, v.path) for v in history.versions]
    assert rows == [
        (3, "2026-07-01", "Test Author", "Clearer file name", "2.2.0", "renamed", "sops/sop-0001-mfa-reset-lost-phone.md"),
        (2, "2026-06-01", "Test Author", "SOP-0001: video call first", "2.2.0", "changed", SOP),
        (1, "2024-05-01", "Test Author", "Initial knowledge base", "2.1.0", "added", SOP),
    ]
    assert history.versions[0].old_path == SOP and not history.uncommitted and not history.shallow


def test_diff_shows_what_changed_in_one_version(repo: Path) -> None:
    diff = api.history(repo, "SOP-0001", diff=2).diff
    assert diff.startswith("version 2: ")
    assert f"--- a/{SOP}\n+++ b/{SOP}\n" in diff
    assert "-version: 2.1.0\n+version: 2.2.0\n" in diff
    assert "\n+1. Start a video call and verify the caller's identity with a video call.\n" in diff
    first = api.history(repo, "SOP-0001", diff=1).diff
    assert "--- /dev/null" in first and "+id: SOP-0001\n" in first


@pytest.mark.parametrize("number", [0, 4])
def test_a_version_number_out_of_range_is_a_usage_error(repo: Path, number: int) -> None:
    with pytest.raises(UsageError, match="SOP-0001 has 3 version"):
        api.history(repo, "SOP-0001", diff=number)


def test_the_command_prints_text_and_json(repo: Path) -> None:
    runner = CliRunner()
    text = runner.invoke(cli, ["--root", str(repo), "history", "SOP-0001"])
    assert text.exit_code == 0
    lines = text.output.splitlines()
    assert lines[0].startswith("SOP-0001  MFA reset for a lost phone")
    assert "2026-06-01" in lines[2] and "v2.2.0" in lines[2] and "SOP-0001: video call first" in lines[2]
    assert f"(renamed from {SOP})" in lines[1]
    data = json.loads(runner.invoke(cli, ["--root", str(repo), "history", "SOP-0001", "--diff", "2", "--format", "json"]).output)
    assert [v["number"] for v in data["versions"]] == [3, 2, 1] and data["diff"]["version"] == 2
    assert runner.invoke(cli, ["--root", str(repo), "history", "SOP-0001", "--diff", "9"]).exit_code == 2


def test_uncommitted_changes_and_uncommitted_files_are_noted(repo: Path) -> None:
    edit(repo, "kb/kb-0002-vpn-keeps-disconnecting.md", "## Cause", "## Why")
    assert api.history(repo, "KB-0002").uncommitted
    write(repo, "kb/kb-0009-new.md", (repo / "kb/kb-0003-answering-a-call.md").read_text().replace("KB-0003", "KB-0009").replace("Answering", "Taking"))
    result = CliRunner().invoke(cli, ["--root", str(repo), "history", "KB-0009"])
    assert result.exit_code == 0 and "KB-0009 is not committed yet" in result.output


@pytest.mark.parametrize("setup, message", [("none", "not a git repository"), ("init", "the repository has no commits yet")])
def test_without_history_the_error_says_why(kb: Path, setup: str, message: str) -> None:
    if setup == "init":
        git(kb, "init", "-q", "-b", "main")
    with pytest.raises(KbError, match=f"KB-0002 has no history here: {message}"):
        api.history(kb, "KB-0002")
    result = CliRunner().invoke(cli, ["--root", str(kb), "history", "KB-0002"])
    assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output


def test_a_shallow_clone_shows_what_it_has_and_says_so(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    history = api.history(clone, "SOP-0001", diff=1)
    assert history.shallow and len(history.versions) == 1 and "older versions were not fetched" in history.notes[0]
    assert "the clone is shallow" in history.diff


def test_a_detached_head_has_the_same_history(repo: Path) -> None:
    git(repo, "checkout", "-q", "--detach", "HEAD~1")
    assert [v.subject for v in api.history(repo, "SOP-0001").versions] == ["SOP-0001: video call first", "Initial knowledge base"]


def _is_git_checkout(folder: Path) -> bool:
    try:
        return subprocess.run(["git", "rev-parse", "--verify", "-q", "HEAD"], cwd=folder, capture_output=True).returncode == 0
    except OSError:
        return False


@pytest.mark.skipif(not _is_git_checkout(REPO_ROOT), reason="the project folder is not a git checkout with commits")
def test_the_projects_own_sop_0001_has_a_history() -> None:
    shallow = (subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=REPO_ROOT, capture_output=True, text=True).stdout.strip() == "true")
    history = api.history(REPO_ROOT, "SOP-0001")
    assert history.versions and history.path.startswith("sops/sop-0001-")
    assert all(version.version and version.subject and version.author for version in history.versions)
    oldest = history.versions[-1]
    assert oldest.number == 1 and (oldest.change == "added" or shallow)
    result = CliRunner().invoke(cli, ["--root", str(REPO_ROOT), "history", "SOP-0001", "--diff", "1"])
    assert result.exit_code == 0 and "SOP-0001" in result.output and "+id: SOP-0001" in result.output
