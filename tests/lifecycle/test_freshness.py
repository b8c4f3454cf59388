"""The freshness report: states and their order, owners, drafts, archived documents, --fail-on, bad input."""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from kbtool import api
from kbtool.core.config import load_config
from kbtool.core.dates import Interval, as_date, parse_interval
from kbtool.core.discovery import discover
from kbtool.core.documents import read_document
from kbtool.core.errors import ConfigError, UsageError
from kbtool.core.githistory import DailyHistory
from kbtool.lifecycle import freshness as freshness_module
from kbtool.lifecycle.freshness import NOT_LOOKED_FOR, STATES
from kbtool.lifecycle.since_review import Verdict

from conftest import ARTICLES, TODAY, commit_on, copy_starter_kb, edit, git, make_kb, write

VPN = "kb/kb-0002-vpn-keeps-disconnecting.md"


def states(report) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {doc.id: doc.state for doc in report.documents}


def test_states_from_front_matter(kb: Path) -> None:
    report = api.freshness(kb, today=TODAY)
    assert states(report) == {"KB-0001": "fresh", "KB-0002": "overdue", "KB-0003": "fresh", "SOP-0001": "fresh"}
    vpn = next(doc for doc in report.documents if doc.id == "KB-0002")
    assert (vpn.review.due, vpn.review.days, vpn.line) == (datetime.date(2026, 5, 1), 206, 12)
    full, _ = read_document(load_config(kb), kb / VPN, "article")
    assert full is not None and full.line_of("reviewed") == 12
    assert [doc.id for doc in report.drafts] == ["KB-0004"] and report.archived == 1
    assert report.git_problem == "not a git repository" and report.exit_code == 0


def test_due_soon_follows_the_window(kb: Path) -> None:
    day = datetime.date(2026, 3, 10)  # KB-0001's review is due 2027-04-01, SOP-0001's 2027-04-14, KB-0003's 2027-03-15
    late = datetime.date(2027, 3, 1)
    assert states(api.freshness(kb, today=late))["KB-0003"] == "due-soon"
    assert states(api.freshness(kb, today=late, due_within="1w"))["KB-0003"] == "fresh"
    assert states(api.freshness(kb, today=late, due_within=Interval(2, "m")))["SOP-0001"] == "due-soon"
    assert states(api.freshness(kb, today=day))["KB-0002"] == "fresh"
    write(kb, "kbtool.yml", "review_due_within: 60d\n")
    assert states(api.freshness(kb, today=datetime.date(2026, 3, 10)))["KB-0002"] == "due-soon"


def test_the_order_of_states_is_the_documented_one() -> None:
    assert STATES == ("fresh", "due-soon", "changed", "overdue", "unknown")


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """A repository with one document in each state on 2026-11-23."""
    root = make_kb(tmp_path / "mixed")
    edit(root, "kb/kb-0003-answering-a-call.md", "reviewed: 2026-09-15", "reviewed: 2026-05-30")  # due 2026-11-30: due soon
    edit(root, "kb/kb-0001-reset-a-password.md", "reviewed: 2026-10-01", "reviewed: 2026-10-0x")  # unknown
    git(root, "init", "-q", "-b", "main")
    commit_on(root, "2026-10-01", "Initial")
    edit(root, "sops/sop-0001-mfa-reset.md", "1. Verify the caller's identity", "1. Check the caller's identity")
    commit_on(root, "2026-10-20", "Edit SOP-0001 after its review")  # reviewed 2026-04-14: changed
    return root


@pytest.mark.parametrize(
    "fail_on, failing",
    [
        (None, set()),
        ("overdue", {"KB-0002", "KB-0001"}),
        ("changed", {"KB-0002", "KB-0001", "SOP-0001"}),
        ("due", {"KB-0002", "KB-0001", "SOP-0001", "KB-0003"}),
    ],
)
def test_fail_on_counts_that_state_and_every_worse_one(mixed: Path, fail_on: str | None, failing: set[str]) -> None:
    report = api.freshness(mixed, today=TODAY, fail_on=fail_on)
    assert states(report) == {"KB-0001": "unknown", "KB-0002": "overdue", "KB-0003": "due-soon", "SOP-0001": "changed"}
    assert {doc.id for doc in report.failing} == failing
    assert report.exit_code == (1 if failing else 0)


@pytest.mark.parametrize("sample_every, guess", [(2, datetime.date(2026, 5, 30)), (16, TODAY)])
def test_an_overdue_documents_history_is_not_read(mixed: Path, monkeypatch: pytest.MonkeyPatch, sample_every: int, guess: datetime.date) -> None:
    edit(mixed, VPN, "2. Switch to the other gateway", "2. Use the backup gateway")
    commit_on(mixed, "2026-11-01", "KB-0002 edited")
    ahead: list[datetime.date] = []
    asked: list[datetime.date | None] = []
    read_ahead, periods = freshness_module.read_ahead, DailyHistory.periods
    monkeypatch.setattr(freshness_module, "SAMPLE_EVERY", sample_every)
    monkeypatch.setattr(freshness_module, "read_ahead", lambda root, folders, since, enough: ahead.append(since) or read_ahead(root, folders, since, enough))
    monkeypatch.setattr(DailyHistory, "periods", lambda self, since=None: asked.append(since) or periods(self, since))
    report = api.freshness(mixed, today=TODAY)
    vpn = next(doc for doc in report.documents if doc.id == "KB-0002")  # reviewed 2026-02-01, overdue
    assert vpn.state == "overdue" and vpn.since_review == Verdict(None, reason=NOT_LOOKED_FOR)
    # Read early: back to the oldest review among the sampled documents that are not overdue (every
    # second file: KB-0001 unknown, KB-0003 due soon since 2026-05-30, KB-0005 archived; every 16th:
    # KB-0001 alone). Then back to the oldest review of all that are not overdue: SOP-0001's.
    assert ahead == [guess] and asked == [datetime.date(2026, 4, 14)]
    assert vpn not in report.undetermined and "content changed" not in vpn.describe()


def test_a_long_review_interval_reads_older_days_too(mixed: Path) -> None:
    edit(mixed, VPN, "review_every: 3m", "review_every: 2y")  # reviewed 2026-02-01: fresh until 2028
    edit(mixed, VPN, "2. Switch to the other gateway", "2. Use the backup gateway")
    commit_on(mixed, "2026-10-25", "KB-0002: backup gateway")
    edit(mixed, VPN, "review_every: 2y", "review_every: 3y")
    commit_on(mixed, "2026-11-02", "KB-0002 reviewed less often")
    for today in (TODAY, datetime.date(2027, 12, 1)):  # the second is more than 12 months after the change
        vpn = next(doc for doc in api.freshness(mixed, today=today).documents if doc.id == "KB-0002")
        assert vpn.state == "changed" and vpn.since_review.on == datetime.date(2026, 10, 25)


def test_drafts_are_apart_and_never_fail(tmp_path: Path) -> None:
    documents = {path: text for path, text in ARTICLES.items() if "0004" in path or "0003" in path}
    root = make_kb(tmp_path / "drafts", documents)
    report = api.freshness(root, today=datetime.date(2027, 9, 1), fail_on="due")
    assert [(doc.id, doc.state) for doc in report.drafts] == [("KB-0004", "overdue")]
    assert [doc.id for doc in report.failing] == ["KB-0003"]


def test_owners_filter_and_group(kb: Path) -> None:
    report = api.freshness(kb, today=TODAY, owners=["ivan.identity"])
    assert states(report) == {"KB-0001": "fresh", "SOP-0001": "fresh"} and report.drafts == []
    assert report.archived == 0 and api.freshness(kb, today=TODAY, owners=["ann.agent"]).archived == 1, "KB-0005, archived, is Ann's"
    assert [owner for owner, _ in api.freshness(kb, today=TODAY).by_owner()] == ["ann.agent", "ivan.identity"]
    with pytest.raises(UsageError, match="owner `ivan.identiy` is not in meta/owners.yml") as raised:
        api.freshness(kb, today=TODAY, owners=["ivan.identiy"])
    assert "did you mean ivan.identity?" in str(raised.value)


def test_an_undetermined_state_says_why(kb: Path) -> None:
    edit(kb, VPN, "review_every: 3m", "review_every: 90x")
    vpn = next(doc for doc in api.freshness(kb, today=TODAY).documents if doc.id == "KB-0002")
    assert vpn.state == "unknown" and vpn.to_dict()["undetermined_because"] == vpn.review.problem != "no review date"


@pytest.mark.parametrize("bad", ["90x", "soon", "0d"])
def test_a_bad_window_is_a_usage_error(kb: Path, bad: str) -> None:
    with pytest.raises(UsageError, match=f"--due-within {bad} is not an interval"):
        api.freshness(kb, today=TODAY, due_within=bad)
    write(kb, "kbtool.yml", f"review_due_within: {bad}\n")
    with pytest.raises(ConfigError, match=f"`review_due_within`: `{bad}` is not an interval"):
        api.freshness(kb, today=TODAY)


def test_an_unreadable_document_is_unknown_and_fails_every_threshold(kb: Path) -> None:
    write(kb, "kb/kb-0009-broken.md", "---\nid: KB-0009\ntitle: [unclosed\n---\nBody.\n")
    report = api.freshness(kb, today=TODAY, fail_on="due")
    broken = next(doc for doc in report.documents if doc.path == "kb/kb-0009-broken.md")
    assert broken.state == "unknown" and "cannot be read" in broken.review.problem and "invalid YAML" in broken.review.problem
    assert broken in report.failing


@pytest.mark.parametrize(
    "line, problem",
    [("reviewed: 2027-02-01", "is after today"), ("reviewed: last spring", "is not a date"), ("review_every: 90x", "`review_every: 90x` is not an interval")],
)
def test_bad_review_fields_are_unknown_with_the_reason(kb: Path, line: str, problem: str) -> None:
    key = line.split(":")[0]
    text = "\n".join(line if existing.startswith(key + ":") else existing for existing in ARTICLES[VPN].split("\n"))
    write(kb, VPN, text)
    vpn = next(doc for doc in api.freshness(kb, today=TODAY, fail_on="overdue").documents if doc.id == "KB-0002")
    assert vpn.state == "unknown" and problem in vpn.describe()


def test_the_starter_knowledge_base_against_its_own_front_matter(tmp_path: Path) -> None:
    """Overdue documents counted independently of kbtool's report, from each file's dates."""
    root = copy_starter_kb(tmp_path / "starter")
    config = load_config(root)
    today = datetime.date(2026, 11, 29)
    expected = set()
    for path, doc_type in discover(config):
        document, _ = read_document(config, path, doc_type)
        assert document is not None
        if document.status != "published":
            continue
        interval = parse_interval(document.meta.get("review_every")) or config.review_every[doc_type]
        if interval.after(as_date(document.meta["reviewed"])) < today:  # type: ignore[arg-type]
            expected.add(document.id)
    report = api.freshness(root, today=today, fail_on="overdue")
    assert {doc.id for doc in report.failing} == expected and len(expected) >= 5
    assert report.exit_code == 1
