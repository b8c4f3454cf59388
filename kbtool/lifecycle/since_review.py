"""Whether each document's content changed in git after its review, for every document at once.

For each document, the walk goes back from the working copy through the
branch's days (`githistory.DailyHistory`), newest first, until one of:

* a day on or before its `reviewed` date: nothing changed since -> not changed;
* the day the file was added: the creation covers its content -> not changed;
* a change of content (`kbtool.lifecycle.content`) -> changed, on that day;
* the start of a shallow clone's history -> cannot be determined.

A change of the `reviewed` value covers the content it brings and the walk
goes on: a change made after the `reviewed` date but before the commit
that recorded the review was not reviewed. Changes of review bookkeeping
only are passed over. Renames are followed.
All versions needed in one step of the walk are read in one git process,
so the cost is a few git processes in all, never one per document.
"""
from __future__ import annotations

import bisect
import datetime
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from kbtool.core import gitrepo
from kbtool.core.githistory import Change, DailyHistory, Period
from kbtool.core.gitrepo import NO_BLOB, RepoInfo
from kbtool.lifecycle.content import read_version


@dataclass(frozen=True)
class Verdict:
    changed: bool | None  # None: could not be determined (see `reason`)
    on: datetime.date | None = None  # the day the content changed
    uncommitted: bool = False  # the change is in the working copy, not committed
    reason: str = ""  # why it could not be determined


@dataclass
class GitHistory:
    """Everything read from git for the walk; `read(since)` reads the days after `since` not read yet."""

    info: RepoInfo
    head_blobs: dict[str, str] = field(default_factory=dict)  # path -> blob in HEAD
    edited: set[str] = field(default_factory=set)  # committed files that differ in the working copy
    days: DailyHistory | None = None
    periods: list[Period] = field(default_factory=list)  # newest first
    by_path: dict[str, list[tuple[int, Change]]] = field(default_factory=dict)  # path -> (period index, change), newest first

    @property
    def shallow_since(self) -> datetime.date | None:
        return self.periods[-1].day if self.periods and not self.periods[-1].complete else None

    def read(self, since: datetime.date | None) -> GitHistory:
        if self.days is None:
            return self
        self.periods = self.days.periods(since)
        self.by_path = {}
        for index, period in enumerate(self.periods):
            for path, change in period.changes.items():
                self.by_path.setdefault(path, []).append((index, change))
        return self


def open_history(root: Path, folders: list[str]) -> GitHistory:
    """The repository's state and its list of days, before any day is read; a problem when git cannot say."""
    info = gitrepo.repo_info(root)
    if not info.usable:
        return GitHistory(info)
    history = GitHistory(info, gitrepo.tracked_blobs(info, folders))
    history.edited = gitrepo.changed_files(info, folders) & set(history.head_blobs)
    history.days = DailyHistory(info, folders)
    return history


def read_ahead(root: Path, folders: list[str], since: datetime.date, enough: threading.Event, step: int = 100) -> GitHistory:
    """`open_history`, then its days newest first back to `since`, a few at a time until `enough` is set.

    Run beside other work that will tell how far back the history is really
    needed: reading stops soon after `enough` is set, so little is read that
    turns out not to be needed.
    """
    history = open_history(root, folders)
    while history.days is not None and not enough.is_set() and history.days.read_next(step, since):
        pass
    return history


def load_history(root: Path, folders: list[str], since: datetime.date | None = None) -> GitHistory:
    """The branch's daily history of `folders` back to `since`."""
    return open_history(root, folders).read(since)


@dataclass(frozen=True)
class _Step:
    """One change of a document to judge: the versions before and after it."""

    day: datetime.date
    old_blob: str = ""
    new_blob: str = ""
    new_bytes: bytes | None = None  # the file as it is on disk, instead of `new_blob`
    added: bool = False
    unknown_start: bool = False  # the start of a shallow clone
    uncommitted: bool = False


def verdicts(root: Path, history: GitHistory, reviewed: dict[str, datetime.date], today: datetime.date) -> dict[str, Verdict]:
    """A verdict for every path in `reviewed` (path -> its review date in the working copy)."""
    if not history.info.usable:
        return {path: Verdict(None, reason=history.info.problem) for path in reviewed}
    results: dict[str, Verdict] = {}
    walks: dict[str, Iterator[_Step]] = {}
    for path, date in reviewed.items():
        if path not in history.head_blobs:
            results[path] = Verdict(None, reason="not committed yet")
        else:
            walks[path] = _steps(root, history, path, date, today)
    pending = {path: next(walk, None) for path, walk in walks.items()}
    while pending:
        blobs = {blob for step in pending.values() if step for blob in (step.old_blob, step.new_blob) if blob}
        contents = gitrepo.read_blobs(history.info, blobs)
        following: dict[str, _Step | None] = {}
        for path, step in pending.items():
            verdict = _judge(step, contents)
            if verdict is None:
                following[path] = next(walks[path], None)
            else:
                results[path] = verdict
        pending = following
    return results


def _steps(root: Path, history: GitHistory, path: str, reviewed: datetime.date, today: datetime.date) -> Iterator[_Step]:
    """The document's changes after `reviewed`, newest first."""
    edited = path in history.edited
    if edited and today > reviewed:
        try:
            yield _Step(today, history.head_blobs[path], new_bytes=(root / path).read_bytes(), uncommitted=True)
        except OSError:
            pass
    current, oldest = path, 0
    while True:
        entries = history.by_path.get(current, [])
        position = bisect.bisect_left(entries, oldest, key=lambda entry: entry[0])
        if position == len(entries):
            break
        index, change = entries[position]
        day = history.periods[index].day
        if day <= reviewed:
            return
        if change.status == "A" or change.old_blob == NO_BLOB:
            yield _Step(day, added=True)
            return
        on_disk = None
        if current == path and not edited and change.blob == history.head_blobs[path]:
            on_disk = _read(root / path)  # the same version as HEAD's: cheaper from disk than from git
        yield _Step(day, change.old_blob, "" if on_disk is not None else change.blob, new_bytes=on_disk)
        current, oldest = change.old_path, index + 1
    start = history.shallow_since
    if start is not None and start > reviewed:
        yield _Step(start, unknown_start=True)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _judge(step: _Step | None, contents: dict[str, bytes]) -> Verdict | None:
    """The verdict one step settles, or None to look at the step before it."""
    if step is None:  # no change since the review, or back at the start of the history
        return Verdict(False)
    if step.unknown_start:
        return Verdict(None, reason=f"shallow clone: the history before {step.day} was not fetched")
    if step.added:
        return Verdict(False)
    old = contents.get(step.old_blob)
    new = step.new_bytes if step.new_bytes is not None else contents.get(step.new_blob)
    if old is None or new is None:
        return Verdict(None, reason="a version of the file is missing from the repository")
    before, after = read_version(old), read_version(new)
    if before.reviewed != after.reviewed:
        # A review covers the content it brings (a fix merged days after its
        # `reviewed` date), not changes made before it but after that date.
        return None
    if before.content != after.content:
        return Verdict(True, step.day, step.uncommitted)
    return None
