"""History as plain data: each day's changes for all documents, one file's commits following renames."""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from kbtool.core import githistory, gitrepo
from kbtool.core.gitrepo import NO_BLOB

from conftest import ODD, VPN, commit_on, edit, git

def test_daily_history_has_one_period_per_day_newest_first(repo: Path) -> None:
    info = gitrepo.repo_info(repo)
    periods = githistory.daily_history(info, ["kb", "sops"])
    assert [period.day.isoformat() for period in periods] == ["2026-03-01", "2026-02-03", "2026-01-15"]
    renamed = periods[0].changes["sops/sop-0001-mfa-reset-lost-phone.md"]
    assert (renamed.status, renamed.old_path) == ("R", "sops/sop-0001-mfa-reset.md")
    both = periods[1]  # two commits on one day: one change from the morning's start to the evening's end
    assert set(both.changes) == {VPN, ODD} and both.last == git(repo, "rev-parse", "HEAD~1").strip()  # the afternoon's commit
    assert both.changes[ODD].status == "A" and both.changes[ODD].old_blob == NO_BLOB
    first = periods[2]
    assert all(change.status == "A" for change in first.changes.values()) and first.complete
    assert len(first.changes) == 6


def test_daily_history_stops_at_the_day_it_is_asked_to(repo: Path) -> None:
    info = gitrepo.repo_info(repo)
    periods = githistory.daily_history(info, ["kb"], since=datetime.date(2026, 2, 3))
    assert [period.day.isoformat() for period in periods] == ["2026-03-01"] and periods[0].changes == {}


def test_file_history_follows_renames(repo: Path) -> None:
    info = gitrepo.repo_info(repo)
    history = githistory.file_history(info, "sops/sop-0001-mfa-reset-lost-phone.md")
    assert [(commit.subject, change.status, change.path) for commit, change in history] == [
        ("Rename", "R", "sops/sop-0001-mfa-reset-lost-phone.md"),
        ("Initial", "A", "sops/sop-0001-mfa-reset.md"),
    ]
    odd = githistory.file_history(info, ODD)
    assert [change.path for _, change in odd] == [ODD]


def test_days_are_read_a_few_at_a_time_and_never_twice(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    info = gitrepo.repo_info(repo)
    whole = githistory.daily_history(info, ["kb", "sops"])
    sent: list[int] = []
    batched = gitrepo.batched
    monkeypatch.setattr(githistory, "batched", lambda info, command, lines, parse, smallest=500: sent.append(len(lines)) or batched(info, command, lines, parse, smallest))
    days = githistory.DailyHistory(info, ["kb", "sops"])
    assert days.read_next(1) and days.read_next(1, since=datetime.date(2026, 1, 15))
    assert not days.read_next(5, since=datetime.date(2026, 1, 15))  # only the two days after it exist
    assert days.periods() == whole and days.periods() == whole
    assert sent == [1, 1, 0, 1, 0]


def test_changes_between_a_commit_and_the_working_tree_or_a_commit(repo: Path) -> None:
    info = gitrepo.repo_info(repo)
    first = git(repo, "rev-list", "--max-parents=0", "HEAD").strip()
    committed = githistory.changes_between(info, first, "HEAD", ["kb", "sops"])
    assert [(c.status, c.path, c.old_path) for c in committed] == [
        ("M", VPN, VPN), ("A", ODD, ODD), ("R", "sops/sop-0001-mfa-reset-lost-phone.md", "sops/sop-0001-mfa-reset.md"),
    ]
    edit(repo, VPN, "## Cause", "## Why")
    (working,) = githistory.changes_between(info, "HEAD", None, ["kb"])
    assert (working.status, working.path, working.blob) == ("M", VPN, NO_BLOB)  # read it from disk


def test_renamed_paths_follow_chains_to_the_path_now(repo: Path) -> None:
    info = gitrepo.repo_info(repo)
    git(repo, "mv", "sops/sop-0001-mfa-reset-lost-phone.md", "sops/sop-0001-lost-phone.md")
    (repo / "kb/calls").mkdir()
    git(repo, "mv", "kb/kb-0003-answering-a-call.md", "kb/calls/kb-0003-answering-a-call.md")
    commit_on(repo, "2026-03-02", "Shorter names")
    git(repo, "mv", "kb/calls/kb-0003-answering-a-call.md", "kb/kb-0003-answering-a-call.md")  # and back
    git(repo, "rm", "-q", VPN)
    commit_on(repo, "2026-03-03", "Back, and one deleted")
    assert githistory.renamed_paths(info, ["kb", "sops"]) == [
        ("sops/sop-0001-mfa-reset.md", "sops/sop-0001-lost-phone.md"),
        ("sops/sop-0001-mfa-reset-lost-phone.md", "sops/sop-0001-lost-phone.md"),
        ("kb/calls/kb-0003-answering-a-call.md", "kb/kb-0003-answering-a-call.md"),
    ]


def test_deleted_in_history_gives_the_deleted_blobs(repo: Path) -> None:
    info = gitrepo.repo_info(repo)
    git(repo, "rm", "-q", VPN)
    commit_on(repo, "2026-03-02", "Gone")
    (deleted,) = githistory.deleted_in_history(info, "HEAD", ["kb", "sops"])  # the rename is not a deletion
    assert deleted.path == VPN and b"id: KB-0002" in gitrepo.read_blobs(info, {deleted.old_blob})[deleted.old_blob]
