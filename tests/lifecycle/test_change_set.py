"""The change set: what changed from where the head left the base, and the bad input git can hand it."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kbtool.cli import cli
from kbtool.core.config import load_config
from kbtool.core.errors import UsageError
from kbtool.lifecycle.change_set import ADDED, DELETED, MODIFIED, RENAMED, read_change_set

from change_examples import CHANGE_DAY, SOP, add_step, make_repo
from conftest import commit_on, edit, git, write


@pytest.fixture
def repo(kb: Path) -> Path:
    return make_repo(kb)


def statuses(repo: Path, base: str = "main", head: str | None = None) -> list[tuple[str, str]]:
    return [(changed.status, changed.path) for changed in read_change_set(load_config(repo), base, head).files]


def test_the_working_tree_with_uncommitted_and_untracked_files(repo: Path) -> None:
    add_step(repo)
    write(repo, "kb/notes.txt", "scratch")
    git(repo, "rm", "-q", "kb/kb-0005-old-vpn-client.md")
    change_set = read_change_set(load_config(repo), "main")
    assert [(c.status, c.path) for c in change_set.files] == [(DELETED, "kb/kb-0005-old-vpn-client.md"), (ADDED, "kb/notes.txt"), (MODIFIED, SOP)]
    assert change_set.uncommitted == ["kb/kb-0005-old-vpn-client.md", "kb/notes.txt", SOP]
    assert change_set.since.isoformat() == "2026-11-01"


def test_a_head_commit_ignores_the_working_tree(repo: Path) -> None:
    add_step(repo)
    commit_on(repo, CHANGE_DAY, "step")
    write(repo, "kb/notes.txt", "scratch")
    assert statuses(repo, head="change") == [(MODIFIED, SOP)]
    assert statuses(repo, head="HEAD") == [(MODIFIED, SOP)]


def test_commits_the_base_gained_after_the_branch_left_are_not_the_change(repo: Path) -> None:
    git(repo, "checkout", "-q", "main")
    edit(repo, "kb/kb-0003-answering-a-call.md", "Listen before you type.", "Listen first.")
    commit_on(repo, "2026-11-10", "main moves on")
    git(repo, "checkout", "-q", "change")
    add_step(repo)
    change_set = read_change_set(load_config(repo), "main")
    assert [(c.status, c.path) for c in change_set.files] == [(MODIFIED, SOP)] and change_set.since.isoformat() == "2026-11-01"


def test_renames_registries_and_settings(repo: Path) -> None:
    git(repo, "mv", "kb/kb-0003-answering-a-call.md", "kb/kb-0003-taking-a-call.md")
    edit(repo, "meta/owners.yml", "team: Service Desk", "team: The Desk")
    assert statuses(repo) == [(RENAMED, "kb/kb-0003-taking-a-call.md"), (MODIFIED, "meta/owners.yml")]


@pytest.mark.parametrize("ref", ["mian", "origin/main", "0123456789abcdef0123456789abcdef01234567", "--output=x"])
def test_a_ref_that_does_not_exist_is_a_usage_error(repo: Path, ref: str) -> None:
    with pytest.raises(UsageError, match="names no commit|is not a branch"):
        read_change_set(load_config(repo), ref)
    result = CliRunner().invoke(cli, ["--root", str(repo), "changes", "--base", ref])
    assert result.exit_code == 2 and "Traceback" not in result.output and "kbtool: error:" in result.output


def test_not_a_repository_is_a_usage_error(kb: Path) -> None:
    result = CliRunner().invoke(cli, ["--root", str(kb), "changes", "--base", "main"])
    assert result.exit_code == 2 and "kbtool changes compares git commits, but here not a git repository" in result.output


def test_unrelated_histories(repo: Path) -> None:
    git(repo, "checkout", "-q", "--orphan", "other")
    commit_on(repo, CHANGE_DAY, "unrelated")
    with pytest.raises(UsageError, match="shares no history with main"):
        read_change_set(load_config(repo), "main")


def _branch_with_history(repo: Path) -> None:
    for number, day in enumerate(["2026-11-05", "2026-11-06", "2026-11-07"], start=1):
        edit(repo, "kb/kb-0003-answering-a-call.md", "tell the caller the ticket number.", f"tell the caller the ticket number.\nTip {number}.")
        commit_on(repo, day, f"edit {number}")
    git(repo, "checkout", "-q", "main")
    edit(repo, "kb/kb-0004-printer-queue-draft.md", "restart the spooler", "restart the print spooler")
    commit_on(repo, "2026-11-08", "main moves on")
    git(repo, "checkout", "-q", "change")


def test_a_shallow_clone_without_the_base_says_how_to_fetch_it(repo: Path, tmp_path: Path) -> None:
    _branch_with_history(repo)
    single = tmp_path / "single"
    git(tmp_path, "clone", "-q", "--depth", "1", "--branch", "change", repo.as_uri(), str(single))
    with pytest.raises(UsageError, match="is not in this shallow clone") as missing:
        read_change_set(load_config(single), "origin/main")
    assert "git fetch --deepen=200 origin main:refs/remotes/origin/main" in str(missing.value.hint)
    both = tmp_path / "both"
    git(tmp_path, "clone", "-q", "--depth", "1", "--no-single-branch", "--branch", "change", repo.as_uri(), str(both))
    result = CliRunner().invoke(cli, ["--root", str(both), "changes", "--base", "origin/main"])
    assert result.exit_code == 2 and "does not reach the commit where HEAD left origin/main" in result.output
    assert "git fetch --unshallow" in result.output and "fetch-depth: 0" in result.output
    git(both, "fetch", "-q", "--unshallow")  # what the message says
    assert [(c.status, c.path) for c in read_change_set(load_config(both), "origin/main").files] == [(MODIFIED, "kb/kb-0003-answering-a-call.md")]
