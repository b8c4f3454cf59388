"""`kbtool review`: one line changes per document, everything is checked before anything is written."""
from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kbtool import api
from kbtool.cli import cli
from kbtool.core.config import load_config
from kbtool.core.discovery import discover, scan_headings
from kbtool.core.errors import NotFoundError, UsageError
from kbtool.lifecycle.review_lines import split_lines

from conftest import commit_on, copy_starter_kb, edit, git, write

TODAY = datetime.date(2026, 11, 29)


def files(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*.md")) if ".git" not in path.parts}


def assert_only_review_lines_changed(before: bytes, after: bytes, day: datetime.date, reviewer: str | None) -> None:
    old, new = split_lines(before.decode("utf-8")), split_lines(after.decode("utf-8"))
    reviewed = [index for index, line in enumerate(new) if line.startswith("reviewed:")]
    assert len(reviewed) == 1 and new[reviewed[0]].rstrip("\r\n") == f"reviewed: {day}"
    removed = [index for index, line in enumerate(old) if line.startswith("reviewed:")]
    rest_new = [line for index, line in enumerate(new) if index != reviewed[0] and not (reviewer and line.startswith("reviewer:"))]
    rest_old = [line for index, line in enumerate(old) if index not in removed]
    assert rest_new == rest_old
    if reviewer:
        assert new[reviewed[0] + 1].rstrip("\r\n") == f"reviewer: {reviewer}"


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
def test_reviewing_every_starter_document_changes_only_its_review_lines(tmp_path: Path, crlf: bool) -> None:
    root = copy_starter_kb(tmp_path / "starter")
    if crlf:
        for path in root.rglob("*.md"):
            path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    config = load_config(root)
    before = files(root)
    headings = scan_headings(config)
    archived = {doc_id for doc_id, heading in headings.items() if "status: archived" in heading.path.read_text(encoding="utf-8")}
    ids = sorted(set(headings) - archived)
    assert len(ids) == len(discover(config)) - len(archived) >= 60
    result = api.review(config, ids, date=TODAY, reviewer="lena.kowalski", today=TODAY)
    assert len(result.reviews) == len(ids) and all(review.written for review in result.reviews)
    after = files(root)
    assert set(after) == set(before)
    for name in before:
        if any(review.path == name for review in result.reviews):
            assert_only_review_lines_changed(before[name], after[name], TODAY, "lena.kowalski")
            assert after[name].count(b"\r\n") == (after[name].count(b"\n") if crlf else 0)
        else:
            assert after[name] == before[name]
    assert api.validate(config, today=TODAY).errors == 0


def test_reviewing_without_a_known_reviewer_changes_one_line(kb: Path) -> None:
    before = (kb / "kb/kb-0002-vpn-keeps-disconnecting.md").read_bytes()
    result = api.review(kb, ["kb2"], date=datetime.date(2026, 11, 20), today=TODAY)
    assert result.reviews[0].reviewer is None and result.reviews[0].previous == datetime.date(2026, 2, 1)
    assert_only_review_lines_changed(before, (kb / "kb/kb-0002-vpn-keeps-disconnecting.md").read_bytes(), datetime.date(2026, 11, 20), None)


def test_the_reviewer_defaults_to_the_owner_with_gits_email(git_kb: Path) -> None:
    result = api.review(git_kb, ["KB-0002"], today=TODAY)  # git's user.email is ann@example.com: ann.agent
    assert result.reviews[0].reviewer == "ann.agent" and result.reviews[0].reviewed == TODAY


@pytest.mark.parametrize(
    "ids, options, error, message",
    [
        (["KB-0002"], {"date": datetime.date(2026, 12, 1)}, UsageError, "the review date 2026-12-01 is in the future"),
        (["KB-0002"], {"date": datetime.date(2024, 1, 1)}, UsageError, "KB-0002 was created on 2024-02-12: a review cannot be dated 2024-01-01"),
        (["KB-0002"], {"date": datetime.date(2026, 1, 15)}, UsageError, "KB-0002 was last reviewed on 2026-02-01, after 2026-01-15"),
        (["KB-0005"], {}, UsageError, "KB-0005 is archived"),
        (["KB-0002"], {"reviewer": "ann.agnet"}, UsageError, "reviewer `ann.agnet` is not in meta/owners.yml"),
        (["KB-0002", "KB-0099"], {}, NotFoundError, "no document has id KB-0099"),
        (["KB-0002"], {"commit": True}, UsageError, "--commit needs a git repository with a first commit: not a git repository"),
        ([], {}, UsageError, "name at least one document id"),
    ],
)
def test_refusals_write_nothing(kb: Path, ids: list[str], options: dict, error: type, message: str) -> None:
    before = files(kb)
    with pytest.raises(error) as raised:
        api.review(kb, ids, today=TODAY, **options)
    assert message in str(raised.value)
    assert files(kb) == before


def test_a_review_date_recorded_in_the_future_is_to_be_corrected_by_hand(kb: Path) -> None:
    edit(kb, "kb/kb-0002-vpn-keeps-disconnecting.md", "reviewed: 2026-02-01", "reviewed: 2027-05-01")
    with pytest.raises(UsageError) as raised:
        api.review(kb, ["KB-0002"], today=TODAY)
    assert "says it was reviewed on 2027-05-01, which is in the future" in str(raised.value)
    assert "correct `reviewed` in kb/kb-0002-vpn-keeps-disconnecting.md by hand (line 12)" in str(raised.value)


def test_a_document_that_names_its_reviewer_needs_one_now(kb: Path) -> None:
    path = kb / "kb/kb-0002-vpn-keeps-disconnecting.md"
    path.write_text(path.read_text().replace("reviewed: 2026-02-01", "reviewed: 2026-02-01\nreviewer: ivan.identity"))
    with pytest.raises(UsageError, match="names its last reviewer"):
        api.review(kb, ["KB-0002"], today=TODAY)


def test_reviewing_again_on_the_same_day_changes_nothing(kb: Path) -> None:
    api.review(kb, ["KB-0002"], reviewer="ann.agent", today=TODAY)
    before = files(kb)
    result = api.review(kb, ["KB-0002", "kb-0002"], reviewer="ann.agent", today=TODAY)
    assert [review.written for review in result.reviews] == [False]
    assert files(kb) == before


def test_commit_records_the_reviews_in_one_commit(git_kb: Path) -> None:
    result = api.review(git_kb, ["KB-0002", "SOP-0001"], reviewer="ivan.identity", commit=True, today=TODAY)
    assert result.commit == git(git_kb, "rev-parse", "HEAD").strip() and result.branch == "main"
    message = git(git_kb, "log", "-1", "--format=%B")
    assert message.startswith("Review KB-0002, SOP-0001\n")
    assert "- KB-0002 VPN keeps disconnecting: reviewed 2026-11-29 by ivan.identity (previously 2026-02-01)" in message
    changed = git(git_kb, "show", "--name-only", "--format=", "HEAD").split()
    assert changed == ["kb/kb-0002-vpn-keeps-disconnecting.md", "sops/sop-0001-mfa-reset.md"]
    assert git(git_kb, "status", "--porcelain") == ""


def test_commit_refuses_when_unrelated_changes_are_staged(git_kb: Path) -> None:
    write(git_kb, "kb/kb-0003-answering-a-call.md", (git_kb / "kb/kb-0003-answering-a-call.md").read_text() + "\nMore.\n")
    git(git_kb, "add", "kb/kb-0003-answering-a-call.md")
    before = files(git_kb)
    with pytest.raises(UsageError, match="unrelated changes are staged: kb/kb-0003-answering-a-call.md"):
        api.review(git_kb, ["KB-0002"], commit=True, today=TODAY)
    assert files(git_kb) == before and git(git_kb, "rev-list", "--count", "HEAD").strip() == "1"


def test_commit_works_on_a_detached_head_and_says_so(git_kb: Path) -> None:
    git(git_kb, "checkout", "-q", "--detach")
    result = CliRunner().invoke(cli, ["--root", str(git_kb), "review", "KB-0002", "--commit"])
    assert result.exit_code == 0, result.output
    assert "on a detached HEAD" in result.output


def test_commit_refuses_without_a_git_identity(git_kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    git(git_kb, "config", "--unset", "user.email")
    git(git_kb, "config", "--unset", "user.name")
    git(git_kb, "config", "user.useConfigOnly", "true")  # never guess an identity from the host name
    monkeypatch.setenv("HOME", str(git_kb))  # no global identity either
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL"):
        monkeypatch.delenv(name, raising=False)
    before = files(git_kb)
    with pytest.raises(UsageError, match="git cannot commit"):
        api.review(git_kb, ["KB-0002"], commit=True, reviewer="ann.agent", today=TODAY)
    assert files(git_kb) == before


def test_commit_in_a_repository_without_commits_is_refused(kb: Path) -> None:
    git(kb, "init", "-q", "-b", "main")
    with pytest.raises(UsageError, match="the repository has no commits yet"):
        api.review(kb, ["KB-0002"], commit=True, today=TODAY)


def test_the_review_command_prints_and_exits_cleanly(git_kb: Path) -> None:
    commit_on(git_kb, "2026-11-01", "another commit")
    runner = CliRunner()
    result = runner.invoke(cli, ["--root", str(git_kb), "review", "KB-0002", "--date", "2026-11-20", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["reviews"][0] | {"title": ""} == {
        "id": "KB-0002", "title": "", "path": "kb/kb-0002-vpn-keeps-disconnecting.md", "previous": "2026-02-01",
        "reviewed": "2026-11-20", "reviewer": "ann.agent", "written": True,
    }
    future = runner.invoke(cli, ["--root", str(git_kb), "review", "KB-0002", "--date", "2999-01-01"])
    assert future.exit_code == 2 and "in the future" in future.output and "Traceback" not in future.output
    bad_date = runner.invoke(cli, ["--root", str(git_kb), "review", "KB-0002", "--date", "soon"])
    assert bad_date.exit_code == 2
