"""`kbtool review`: record that owners re-read documents and found them right, optionally as one git commit.

Everything is checked before anything is written: every id exists, no
document is archived, the date is neither in the future nor before a
document's creation or its last review, the reviewer is in the owners
registry, and - with `commit` - git can commit and nothing unrelated is
staged. Each file is then replaced atomically.
"""
from __future__ import annotations

import datetime
import difflib
from dataclasses import dataclass, field
from typing import Any

from kbtool.core import gitrepo
from kbtool.core.config import Config
from kbtool.core.dates import as_date
from kbtool.core.discovery import find_document
from kbtool.core.errors import UsageError
from kbtool.core.files import write_atomic
from kbtool.core.registries import load_owners
from kbtool.lifecycle.review_lines import edit_review


@dataclass(frozen=True)
class RecordedReview:
    id: str
    title: str
    path: str
    previous: datetime.date | None  # the `reviewed` date before
    reviewed: datetime.date
    reviewer: str | None
    written: bool  # False when the document already said so

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title, "path": self.path,
            "previous": self.previous.isoformat() if self.previous else None,
            "reviewed": self.reviewed.isoformat(), "reviewer": self.reviewer, "written": self.written,
        }


@dataclass
class ReviewResult:
    reviews: list[RecordedReview]
    commit: str | None = None  # the new commit's id
    branch: str | None = None  # None on a detached HEAD
    notes: list[str] = field(default_factory=list)

    exit_code = 0

    def to_dict(self) -> dict[str, Any]:
        return {"reviews": [review.to_dict() for review in self.reviews], "commit": self.commit, "branch": self.branch}


def record_reviews(
    config: Config,
    doc_ids: list[str],
    *,
    date: datetime.date | None = None,
    reviewer: str | None = None,
    commit: bool = False,
    today: datetime.date | None = None,
) -> ReviewResult:
    if not doc_ids:
        raise UsageError("name at least one document id", hint="kbtool review KB-0007")
    today = today or datetime.date.today()
    date = date or today
    if date > today:
        raise UsageError(f"the review date {date} is in the future (today is {today})")
    reviewer = _reviewer(config, reviewer)
    info = _commit_ready(config) if commit else None
    planned: dict[str, tuple[RecordedReview, str | None]] = {}
    for doc_id in doc_ids:
        document = find_document(config, doc_id)
        if document.path in planned:
            continue
        if document.status == "archived":
            raise UsageError(f"{document.id} is archived: archived documents are not reviewed", hint="set `status: published` first if it is in use again")
        created, previous = as_date(document.meta.get("created")), as_date(document.meta.get("reviewed"))
        if created and date < created:
            raise UsageError(f"{document.id} was created on {created}: a review cannot be dated {date}")
        if previous and previous > today:
            raise UsageError(
                f"{document.id} says it was reviewed on {previous}, which is in the future",
                hint=f"correct `reviewed` in {document.path} by hand (line {document.line_of('reviewed')}), then record the review",
            )
        if previous and date < previous:
            raise UsageError(f"{document.id} was last reviewed on {previous}, after {date}", hint="give a later --date, or none for today")
        if reviewer is None and "reviewer" in document.meta:
            raise UsageError(f"{document.id} names its last reviewer: say who reviewed it now with --reviewer")
        unchanged = previous == date and (reviewer is None or document.meta.get("reviewer") == reviewer)
        path = config.root / document.path
        text = None if unchanged else edit_review(_read(path), document.path, document.doc_type, date, reviewer)
        planned[document.path] = (RecordedReview(document.id, document.title, document.path, previous, date, reviewer, not unchanged), text)
    notes = []
    if info is not None:
        written_paths = [path for path, (review, _) in planned.items() if review.written]
        _refuse_unrelated(info, written_paths)
        for path in sorted(gitrepo.changed_files(info, written_paths) if written_paths else []):
            notes.append(f"{planned[path][0].id} had other uncommitted changes: they are in the commit too")
    for path, (_, text) in planned.items():
        if text is not None:
            write_atomic(config.root / path, text)
    result = ReviewResult([review for review, _ in planned.values()], notes=notes)
    written = [review for review in result.reviews if review.written]
    if info is not None and written:
        result.commit = gitrepo.commit_files(info, [review.path for review in written], commit_message(written))
        result.branch = info.branch
    elif info is not None:
        result.notes.append("nothing to commit: every document already had this review")
    return result


def _read(path: Any) -> str:
    with open(path, encoding="utf-8", newline="") as stream:  # newline="": CRLF stays CRLF
        return stream.read()


def _reviewer(config: Config, reviewer: str | None) -> str | None:
    """The given reviewer (checked against the registry), else the owner whose email is git's user.email, else None."""
    owners = load_owners(config)
    if reviewer is not None:
        if reviewer not in owners:
            close = difflib.get_close_matches(reviewer, list(owners), n=1)
            hint = f"did you mean {close[0]}?" if close else f"reviewers are owners in {config.owners_file}"
            raise UsageError(f"reviewer `{reviewer}` is not in {config.owners_file}", hint=hint)
        return reviewer
    email = gitrepo.user_email(config.root).lower()
    return next((owner.id for owner in owners.values() if email and owner.email.lower() == email), None)


def _commit_ready(config: Config) -> gitrepo.RepoInfo:
    info = gitrepo.repo_info(config.root)
    if not info.usable:
        raise UsageError(f"--commit needs a git repository with a first commit: {info.problem}", hint="review without --commit, or commit the knowledge base first")
    problem = gitrepo.identity_problem(info)
    if problem:
        raise UsageError(f"git cannot commit: {problem}", hint="set git config user.name and user.email")
    return info


def _refuse_unrelated(info: gitrepo.RepoInfo, paths: list[str]) -> None:
    ours = {info.to_git(path) for path in paths}
    unrelated = sorted(gitrepo.staged_files(info) - ours)
    if unrelated:
        shown = ", ".join(unrelated[:5]) + (f" and {len(unrelated) - 5} more" if len(unrelated) > 5 else "")
        raise UsageError(f"unrelated changes are staged: {shown}", hint="commit or unstage them first (git restore --staged PATH), or review without --commit")


def commit_message(reviews: list[RecordedReview]) -> str:
    ids = [review.id for review in reviews]
    subject = f"Review {', '.join(ids)}" if len(ids) <= 3 else f"Review {len(ids)} documents"
    body = []
    for review in reviews:
        by = f" by {review.reviewer}" if review.reviewer else ""
        was = f" (previously {review.previous})" if review.previous else ""
        body.append(f"- {review.id} {review.title}: reviewed {review.reviewed}{by}{was}")
    return f"{subject}\n\n" + "\n".join(body) + "\n"
