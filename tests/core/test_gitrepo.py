"""git access: repository facts, daily history, file history, blobs, commits - plain data back."""
from __future__ import annotations

import datetime
import sys
from pathlib import Path

import pytest

from kbtool.core import gitrepo
from kbtool.core.gitrepo import NO_BLOB

from conftest import ODD, VPN, edit, git, write

def test_repo_info_describes_the_repository(repo: Path) -> None:
    info = gitrepo.repo_info(repo)
    assert info.usable and info.prefix == "" and info.branch == "main" and not info.shallow
    assert info.head == git(repo, "rev-parse", "HEAD").strip() and info.object_format == "sha1"


@pytest.mark.parametrize("setup, problem", [("none", "not a git repository"), ("init", "the repository has no commits yet"), ("no-git", "git is not installed")])
def test_repo_info_says_why_history_cannot_be_read(kb: Path, setup: str, problem: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if setup == "init":
        git(kb, "init", "-q", "-b", "main")
    if setup == "no-git":
        monkeypatch.setitem(sys.modules, "git", None)  # GitPython refuses to import when git is missing
    info = gitrepo.repo_info(kb)
    assert not info.usable and info.problem == problem


def test_split_batches_give_the_same_answer_in_order(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    info = gitrepo.repo_info(repo)
    blobs = sorted(gitrepo.tracked_blobs(info, ["kb", "sops"]).values())
    whole = gitrepo.read_blobs(info, set(blobs))
    monkeypatch.setattr(gitrepo, "_PROCESSES", 3)
    parts = gitrepo.batched(info, ["cat-file", "--batch-check"], blobs, lambda output: output.decode().split("\n")[:-1], smallest=1)
    assert len(parts) == 3 and [line.split(" ")[0] for part in parts for line in part] == blobs
    assert set(whole) == set(blobs) and all(whole[blob].startswith(b"---") for blob in blobs)


def test_blobs_tracked_and_changed_files(repo: Path) -> None:
    info = gitrepo.repo_info(repo)
    tracked = gitrepo.tracked_blobs(info, ["kb"])
    assert ODD in tracked and "sops/sop-0001-mfa-reset-lost-phone.md" not in tracked
    assert gitrepo.read_blobs(info, {tracked[ODD], "0" * 40, NO_BLOB}) == {tracked[ODD]: b"---\nid: KB-0010\n---\nNotes.\n"}
    edit(repo, VPN, "## Cause", "## Why")
    write(repo, "kb/kb-0011-untracked.md", "new\n")
    assert gitrepo.changed_files(info, ["kb"]) == {VPN}
    git(repo, "add", VPN)
    assert gitrepo.staged_files(info) == {VPN}


def test_staged_files_before_the_first_commit(kb: Path) -> None:
    git(kb, "init", "-q", "-b", "main")
    git(kb, "add", "kb")
    assert gitrepo.staged_files(gitrepo.RepoInfo(kb, toplevel=kb)) == {path.relative_to(kb).as_posix() for path in (kb / "kb").glob("*.md")}


def test_a_failing_commit_hook_is_a_clear_error(repo: Path) -> None:
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'kbtool validate found 2 errors' >&2\nexit 1\n")
    hook.chmod(0o755)
    edit(repo, VPN, "## Cause", "## Why")
    with pytest.raises(gitrepo.GitError, match="git commit failed: kbtool validate found 2 errors"):
        gitrepo.commit_files(gitrepo.repo_info(repo), [VPN], "Review")


def test_commit_files_commits_the_paths(repo: Path) -> None:
    edit(repo, VPN, "## Cause", "## Why")
    sha = gitrepo.commit_files(gitrepo.repo_info(repo), [VPN], "Review KB-0002\n\nbody\n")
    assert sha == git(repo, "rev-parse", "HEAD").strip()
    assert git(repo, "log", "-1", "--format=%s") == "Review KB-0002\n"
    assert gitrepo.identity_problem(gitrepo.repo_info(repo)) == ""


def test_refs_merge_base_and_commit_day(repo: Path) -> None:
    info = gitrepo.repo_info(repo)
    head = gitrepo.resolve_commit(info, "HEAD")
    assert head == info.head and gitrepo.resolve_commit(info, "main") == head
    assert gitrepo.resolve_commit(info, "no-such-branch") is None and gitrepo.resolve_commit(info, "--version") is None
    assert gitrepo.merge_base(info, "HEAD", "main") == head
    assert isinstance(gitrepo.commit_day(info, head), datetime.date)


def test_untracked_files_leave_out_ignored_ones(repo: Path) -> None:
    write(repo, "kb/new.md", "new")
    write(repo, "kb/scratch.tmp", "x")
    write(repo, ".gitignore", "*.tmp\n")
    assert gitrepo.untracked_files(gitrepo.repo_info(repo), ["kb"]) == ["kb/new.md"]


def test_export_tree_writes_a_commit_without_touching_the_checkout(repo: Path, tmp_path: Path) -> None:
    info = gitrepo.repo_info(repo)
    write(repo, "kb/uncommitted.md", "not in HEAD")
    root = gitrepo.export_tree(info, "HEAD", tmp_path / "out")
    assert (root / "kbtool.yml").is_file() and not (root / "kb/uncommitted.md").exists()
    assert git(repo, "status", "--porcelain") == "?? kb/uncommitted.md\n"
