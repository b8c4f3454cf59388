"""`kbtool freshness`: every document's review state, with what changed in git since its review, by owner.

States, from best to worst (the order `--fail-on` uses):

    fresh < due-soon < changed < overdue < unknown

A document's state is the worst that applies: "changed" (its content changed
after its review, see `kbtool.lifecycle.since_review`) outranks "due soon",
and "overdue" outranks "changed" (an overdue document needs a full review
whatever changed, so its history is not read at all). "unknown" means its
review date or interval cannot be read, so nobody can tell when it was last
checked. Archived documents are skipped; drafts are reported apart and
never fail a run.
"""
from __future__ import annotations

import dataclasses
import datetime
import difflib
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable


from kbtool.core.config import Config
from kbtool.core.dates import Interval, parse_interval
from kbtool.core.documents import Document
from kbtool.core.errors import UsageError
from kbtool.core.registries import Owner, load_owners
from kbtool.lifecycle.review import DUE_SOON, FRESH, OVERDUE, UNKNOWN, ReviewState, review_state
from kbtool.lifecycle.review_fields import document_files, read_review_fields
from kbtool.lifecycle.since_review import GitHistory, Verdict, read_ahead, verdicts

CHANGED = "changed"
STATES = (FRESH, DUE_SOON, CHANGED, OVERDUE, UNKNOWN)  # best to worst
RANK = {state: rank for rank, state in enumerate(STATES)}
FAIL_ON = {"due": DUE_SOON, "changed": CHANGED, "overdue": OVERDUE}
NO_OWNER = "(no owner)"
SAMPLE_EVERY = 16  # documents read first to guess how far back git's history is needed


@dataclass(frozen=True)
class DocumentFreshness:
    id: str
    title: str
    path: str
    doc_type: str
    status: str
    owner: str
    state: str  # one of STATES
    review: ReviewState
    since_review: Verdict
    line: int = 1  # the file line of `reviewed`, for annotations

    def describe(self) -> str:
        """One sentence on the state, for annotations and digests."""
        review = self.review
        if self.state == UNKNOWN:
            return f"review state unknown: {review.problem}"
        parts = []
        if review.state == OVERDUE:
            parts.append(f"overdue for review by {review.days} day(s) (due {review.due})")
        elif review.state == DUE_SOON:
            parts.append(f"review due in {-review.days} day(s) ({review.due})")
        else:
            parts.append(f"next review due {review.due}")
        if self.since_review.changed:
            when = "in the working copy" if self.since_review.uncommitted else f"on {self.since_review.on}"
            parts.append(f"content changed {when}, after the review of {review.reviewed}")
        return "; ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        verdict = self.since_review
        return {
            "id": self.id, "title": self.title, "path": self.path, "type": self.doc_type, "status": self.status,
            "owner": self.owner, "state": self.state,
            "reviewed": self.review.reviewed.isoformat() if self.review.reviewed else None,
            "review_every": str(self.review.interval) if self.review.interval else None,
            "due": self.review.due.isoformat() if self.review.due else None,
            "days_overdue": max(self.review.days, 0) if self.review.due else None,
            "problem": self.review.problem or None,
            "changed_since_review": verdict.changed,
            "changed_on": verdict.on.isoformat() if verdict.on else None,
            "change_uncommitted": verdict.uncommitted,
            "undetermined_because": verdict.reason or None,
        }


@dataclass
class FreshnessReport:
    today: datetime.date
    due_within: Interval
    fail_on: str | None  # "due", "changed" or "overdue"
    documents: list[DocumentFreshness]  # published documents (and unreadable files), worst first per owner
    drafts: list[DocumentFreshness]
    owners: dict[str, Owner]
    archived: int = 0
    git_problem: str = ""  # why changes since review were not checked at all
    shallow_since: datetime.date | None = None
    owner_filter: tuple[str, ...] = field(default_factory=tuple)

    @property
    def failing(self) -> list[DocumentFreshness]:
        if self.fail_on is None:
            return []
        threshold = RANK[FAIL_ON[self.fail_on]]
        return [doc for doc in self.documents if RANK[doc.state] >= threshold]

    @property
    def exit_code(self) -> int:
        return 1 if self.failing else 0

    @property
    def undetermined(self) -> list[DocumentFreshness]:
        """Fresh and due-soon documents whose change since review could not be determined (apart from a git problem)."""
        if self.git_problem:
            return []
        return [doc for doc in self.documents + self.drafts if doc.since_review.changed is None and doc.state in (FRESH, DUE_SOON)]

    def counts(self) -> dict[str, int]:
        return {state: sum(1 for doc in self.documents if doc.state == state) for state in STATES}

    def by_owner(self) -> list[tuple[str, list[DocumentFreshness]]]:
        """(owner id, documents) for every owner with documents, in owner order."""
        groups: dict[str, list[DocumentFreshness]] = {}
        for doc in self.documents:
            groups.setdefault(doc.owner or NO_OWNER, []).append(doc)
        return sorted(groups.items(), key=lambda item: (item[0] == NO_OWNER, item[0]))

    def owner_name(self, owner_id: str) -> str:
        owner = self.owners.get(owner_id)
        return f"{owner.name} ({owner_id})" if owner else owner_id

    def to_dict(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "due_within": str(self.due_within),
            "fail_on": self.fail_on,
            "failing": len(self.failing),
            "counts": self.counts(),
            "archived_skipped": self.archived,
            "changes_since_review": {
                "checked": not self.git_problem,
                "problem": self.git_problem or None,
                "shallow_since": self.shallow_since.isoformat() if self.shallow_since else None,
                "undetermined": len(self.undetermined),
            },
            "documents": [doc.to_dict() for doc in self.documents],
            "drafts": [doc.to_dict() for doc in self.drafts],
        }


def freshness(
    config: Config,
    *,
    today: datetime.date | None = None,
    due_within: str | Interval | None = None,
    owners: Iterable[str] = (),
    fail_on: str | None = None,
) -> FreshnessReport:
    """Every non-archived document's state on `today`, optionally for some owners only."""
    today = today or datetime.date.today()
    window = _window(due_within, config)
    if fail_on is not None and fail_on not in FAIL_ON:
        raise UsageError(f"--fail-on {fail_on} is not one of {', '.join(FAIL_ON)}")
    registry = load_owners(config)
    wanted = tuple(dict.fromkeys(owners))
    for owner in wanted:
        if owner not in registry:
            close = difflib.get_close_matches(owner, list(registry), n=1)
            raise UsageError(f"owner `{owner}` is not in {config.owners_file}", hint=f"did you mean {close[0]}?" if close else None)
    items, archived, history = _read_with_history(config, today, window, wanted)
    reviewed = {entry.path: entry.review.reviewed for entry in items if entry.review.state in (FRESH, DUE_SOON) and entry.review.reviewed}
    found = verdicts(config.root, history, reviewed, today)  # type: ignore[arg-type]
    entries = [_with_verdict(entry, found.get(entry.path)) for entry in items]
    entries.sort(key=lambda doc: (doc.owner or "~", -RANK[doc.state], doc.review.due or today, doc.id))
    return FreshnessReport(
        today=today, due_within=window, fail_on=fail_on,
        documents=[doc for doc in entries if doc.status != "draft"],
        drafts=[doc for doc in entries if doc.status == "draft"],
        owners=registry, archived=archived, git_problem=history.info.problem, shallow_since=history.shallow_since, owner_filter=wanted,
    )


def _read_with_history(
    config: Config, today: datetime.date, window: Interval, wanted: tuple[str, ...]
) -> tuple[list[DocumentFreshness], int, GitHistory]:
    """Every document's entry, and git's history back to the oldest review of those not overdue.

    Only a document that is not overdue can become "changed": an overdue one
    stays overdue whatever changed. Leaving those out keeps the history read
    short, as they were reviewed longest ago. A sample of the documents gives
    a first guess of how far back, so git reads those days while this
    process reads the rest; any older day still needed is read after. The
    guess decides only what is read early, never the answer.
    """
    files = list(document_files(config))
    sample, sampled_out = _read_all(config, files[::SAMPLE_EVERY], today, window, wanted)
    enough = threading.Event()
    with ThreadPoolExecutor(max_workers=1) as pool:
        loading = pool.submit(read_ahead, config.root, [config.articles_dir, config.sops_dir], _oldest_review(sample, today), enough)
        try:
            rest, rest_out = _read_all(config, [item for index, item in enumerate(files) if index % SAMPLE_EVERY], today, window, wanted)
        finally:
            enough.set()  # also on an error: the reader stops after its current step
        history = loading.result()
    items = sample + rest
    return items, sampled_out + rest_out, history.read(_oldest_review(items, today))


def _read_all(
    config: Config, files: list[tuple[Path, str, str]], today: datetime.date, window: Interval, wanted: tuple[str, ...]
) -> tuple[list[DocumentFreshness], int]:
    """Each non-archived document's entry (of the `wanted` owners, when given), and how many were archived."""
    items: list[DocumentFreshness] = []
    archived = 0
    for path, doc_type, name in files:
        document, findings = read_review_fields(config, path, doc_type, name)
        if document is not None and document.status == "archived":
            archived += not wanted or document.meta.get("owner") in wanted  # counted for the owners asked about
            continue
        entry = _entry(config, document, findings[0].message if document is None else "", name, doc_type, today, window)
        if not wanted or entry.owner in wanted:
            items.append(entry)
    return items, archived


def _oldest_review(entries: list[DocumentFreshness], today: datetime.date) -> datetime.date:
    """The oldest review date of the documents that are fresh or due soon: how far back their history matters."""
    return min((entry.review.reviewed for entry in entries if entry.review.state in (FRESH, DUE_SOON) and entry.review.reviewed), default=today)


def _window(due_within: str | Interval | None, config: Config) -> Interval:
    if due_within is None:
        return config.review_due_within
    if isinstance(due_within, Interval):
        return due_within
    interval = parse_interval(due_within)
    if interval is None:
        raise UsageError(f"--due-within {due_within} is not an interval", hint="write a number and a unit: 30d, 4w, 1m or 1y")
    return interval


def _entry(config: Config, document: Document | None, problem: str, path: str, doc_type: str, today: datetime.date, window: Interval) -> DocumentFreshness:
    if document is None:
        state = ReviewState(None, None, None, UNKNOWN, 0, f"the file cannot be read ({problem}); run `kbtool validate`")
        return DocumentFreshness(path.rsplit("/", 1)[-1], "", path, doc_type, "", "", UNKNOWN, state, Verdict(None, reason="unreadable"))
    review = review_state(document, config, today, window)
    owner = document.meta.get("owner")
    return DocumentFreshness(
        document.id or path.rsplit("/", 1)[-1], document.title, path, doc_type, document.status,
        owner if isinstance(owner, str) else "", review.state, review, Verdict(None, reason=review.problem or "no review date"),
        document.line_of("reviewed"),
    )


NOT_LOOKED_FOR = "overdue: the whole document is due for review, so changes since the last one are not looked for"


def _with_verdict(entry: DocumentFreshness, verdict: Verdict | None) -> DocumentFreshness:
    if entry.state == OVERDUE:
        return dataclasses.replace(entry, since_review=Verdict(None, reason=NOT_LOOKED_FOR))
    if verdict is None or entry.state == UNKNOWN:
        return entry
    state = entry.state
    if verdict.changed and RANK[state] < RANK[CHANGED]:
        state = CHANGED
    return dataclasses.replace(entry, state=state, since_review=verdict)
