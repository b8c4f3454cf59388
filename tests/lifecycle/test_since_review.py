"""Changed since review: real repositories with commits on chosen days."""
from __future__ import annotations

import datetime
import os
import subprocess
from pathlib import Path

import pytest

from kbtool.lifecycle.since_review import Verdict, load_history, verdicts

from conftest import GIT_ENV, commit_on, edit, git, make_kb, write

VPN = "kb/kb-0002-vpn-keeps-disconnecting.md"  # reviewed: 2026-02-01
REVIEWED = datetime.date(2026, 2, 1)
TODAY = datetime.date(2026, 11, 29)
STEP = "2. Switch to the other gateway"


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def verdict(root: Path, path: str = VPN, reviewed: datetime.date = REVIEWED, folders: tuple[str, ...] = ("kb", "sops")) -> Verdict:
    return verdicts(root, load_history(root, list(folders)), {path: reviewed}, TODAY)[path]


@pytest.fixture
def repo(kb: Path) -> Path:
    git(kb, "init", "-q", "-b", "main")
    commit_on(kb, "2026-01-15", "Initial knowledge base")
    return kb


def test_a_change_of_content_after_the_review_is_found_with_its_day(repo: Path) -> None:
    edit(repo, VPN, STEP, "2. Move to the backup gateway")
    commit_on(repo, "2026-03-10", "Backup gateway")
    assert verdict(repo) == Verdict(True, day("2026-03-10"))


def test_changes_on_or_before_the_review_day_are_covered(repo: Path) -> None:
    edit(repo, VPN, STEP, "2. Move to the backup gateway")
    commit_on(repo, "2026-02-01", "Edited on the review day")
    assert verdict(repo) == Verdict(False)


@pytest.mark.parametrize("committed", ["2026-03-12", "2026-03-15"], ids=["same-day", "merged-later"])
def test_a_commit_that_records_the_review_covers_the_content_it_brings(repo: Path, committed: str) -> None:
    edit(repo, VPN, STEP, "2. Move to the backup gateway")
    edit(repo, VPN, "reviewed: 2026-02-01", "reviewed: 2026-03-12")
    commit_on(repo, committed, "Fix and review")
    assert verdict(repo, reviewed=day("2026-03-12")) == Verdict(False)


def test_a_review_after_a_change_covers_it_and_a_change_after_the_review_does_not(repo: Path) -> None:
    edit(repo, VPN, STEP, "2. Move to the backup gateway")
    commit_on(repo, "2026-03-10", "Backup gateway")
    edit(repo, VPN, "reviewed: 2026-02-01", "reviewed: 2026-03-20")
    commit_on(repo, "2026-03-20", "Review KB-0002")
    assert verdict(repo, reviewed=day("2026-03-20")) == Verdict(False)
    edit(repo, VPN, "1. Ask how often", "1. Ask the caller how often")
    commit_on(repo, "2026-04-02", "Wording")
    assert verdict(repo, reviewed=day("2026-03-20")) == Verdict(True, day("2026-04-02"))


def test_a_review_dated_before_a_change_does_not_cover_it(repo: Path) -> None:
    edit(repo, VPN, STEP, "2. Move to the backup gateway")
    commit_on(repo, "2026-03-20", "Backup gateway")
    edit(repo, VPN, "reviewed: 2026-02-01", "reviewed: 2026-03-10")
    commit_on(repo, "2026-03-25", "Review KB-0002 (read on 10 March)")
    assert verdict(repo, reviewed=day("2026-03-10")) == Verdict(True, day("2026-03-20"))


def test_bookkeeping_changes_are_passed_over_to_the_change_before_them(repo: Path) -> None:
    edit(repo, VPN, "owner: ann.agent", "owner: ivan.identity")
    commit_on(repo, "2026-03-10", "New owner")
    assert verdict(repo) == Verdict(False)
    edit(repo, VPN, STEP, "2. Move to the backup gateway")
    commit_on(repo, "2026-04-01", "Backup gateway")
    edit(repo, VPN, "review_every: 3m", "review_every: 1m")
    commit_on(repo, "2026-05-01", "Review monthly")
    assert verdict(repo) == Verdict(True, day("2026-04-01"))


def test_renames_are_followed(repo: Path) -> None:
    edit(repo, VPN, STEP, "2. Move to the backup gateway")
    commit_on(repo, "2026-03-01", "Backup gateway")
    git(repo, "mv", VPN, "kb/kb-0002-vpn-drops.md")
    commit_on(repo, "2026-03-10", "Shorter file name")
    assert verdict(repo, "kb/kb-0002-vpn-drops.md") == Verdict(True, day("2026-03-01"))


def test_a_document_added_after_its_review_date_counts_as_reviewed_when_added(repo: Path) -> None:
    write(repo, "kb/kb-0009-imported.md", (repo / VPN).read_text().replace("KB-0002", "KB-0009"))
    commit_on(repo, "2026-06-01", "Import from the old wiki")
    assert verdict(repo, "kb/kb-0009-imported.md") == Verdict(False)


def test_the_working_copy_counts_as_today(repo: Path) -> None:
    edit(repo, VPN, STEP, "2. Move to the backup gateway")
    assert verdict(repo) == Verdict(True, TODAY, uncommitted=True)
    edit(repo, VPN, "reviewed: 2026-02-01", "reviewed: 2026-11-28")
    assert verdict(repo, reviewed=day("2026-11-28")) == Verdict(False)


def test_a_file_not_yet_committed_cannot_be_judged(repo: Path) -> None:
    write(repo, "kb/kb-0009-new.md", (repo / VPN).read_text().replace("KB-0002", "KB-0009"))
    assert verdict(repo, "kb/kb-0009-new.md") == Verdict(None, reason="not committed yet")


@pytest.mark.parametrize("setup, reason", [("none", "not a git repository"), ("init", "the repository has no commits yet")])
def test_without_history_nothing_is_judged_and_the_reason_is_given(kb: Path, setup: str, reason: str) -> None:
    if setup == "init":
        git(kb, "init", "-q", "-b", "main")
    history = load_history(kb, ["kb", "sops"])
    assert history.info.problem == reason
    assert verdicts(kb, history, {VPN: REVIEWED}, TODAY) == {VPN: Verdict(None, reason=reason)}


def test_a_detached_head_reads_the_same_history(repo: Path) -> None:
    edit(repo, VPN, STEP, "2. Move to the backup gateway")
    commit_on(repo, "2026-03-10", "Backup gateway")
    git(repo, "checkout", "-q", "--detach", "HEAD")
    assert load_history(repo, ["kb"]).info.branch is None
    assert verdict(repo) == Verdict(True, day("2026-03-10"))


def test_a_merged_branch_lands_on_the_day_it_is_merged(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "fix")
    edit(repo, VPN, STEP, "2. Move to the backup gateway")
    commit_on(repo, "2026-01-20", "Backup gateway, written before the review")
    git(repo, "checkout", "-q", "main")
    stamp = "2026-03-05T12:00:00+00:00"
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    subprocess.run(["git", "merge", "-q", "--no-ff", "-m", "Merge fix", "fix"], cwd=repo, env=env, check=True, capture_output=True)
    assert verdict(repo) == Verdict(True, day("2026-03-05"))


def test_a_knowledge_base_in_a_sub_folder_of_the_repository(tmp_path: Path) -> None:
    make_kb(tmp_path / "repo" / "desk")
    git(tmp_path / "repo", "init", "-q", "-b", "main")
    commit_on(tmp_path / "repo", "2026-01-15", "Initial")
    root = tmp_path / "repo" / "desk"
    edit(root, VPN, STEP, "2. Move to the backup gateway")
    commit_on(tmp_path / "repo", "2026-03-10", "Backup gateway")
    assert load_history(root, ["kb"]).info.prefix == "desk/"
    assert verdict(root) == Verdict(True, day("2026-03-10"))


def test_a_shallow_clone_says_what_it_cannot_know(repo: Path, tmp_path: Path) -> None:
    edit(repo, VPN, STEP, "2. Move to the backup gateway")
    commit_on(repo, "2026-03-10", "Backup gateway")
    commit_on(repo, "2026-06-01", "Something else")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    history = load_history(clone, ["kb", "sops"])
    assert history.info.shallow and history.shallow_since == day("2026-06-01")
    found = verdicts(clone, history, {VPN: REVIEWED, "kb/kb-0004-printer-queue-draft.md": day("2026-06-01")}, TODAY)
    assert found[VPN] == Verdict(None, reason="shallow clone: the history before 2026-06-01 was not fetched")
    assert found["kb/kb-0004-printer-queue-draft.md"] == Verdict(False)
    # At depth 2 the change is in the oldest fetched commit, whose parent is unknown: still undetermined.
    for depth, expected in [(2, Verdict(None, reason="shallow clone: the history before 2026-03-10 was not fetched")), (3, Verdict(True, day("2026-03-10")))]:
        deeper = tmp_path / f"depth-{depth}"
        git(tmp_path, "clone", "-q", "--depth", str(depth), f"file://{repo}", str(deeper))
        assert verdict(deeper) == expected
