"""A repository's history as plain data: each day's changes for all documents, one file's commits.

All git processes run through `kbtool.core.gitrepo` (`run_git`, `batched`);
this module decides what to ask and reads the answers. Paths are relative
to the knowledge base's root, as everywhere in kbtool.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import NamedTuple

from kbtool.core.gitrepo import NO_BLOB, RepoInfo, batched, git_text, run_git

_EMPTY_TREE = {"sha1": "4b825dc642cb6eb9a060e54bf8d69288fbee4904", "sha256": "6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321"}
# Fields of one commit in `git log --format`; \x1e starts a commit, \x1f separates fields.
_COMMIT_FORMAT = "%x1e%H%x1f%T%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%cI%x1f%s"


@dataclass(frozen=True)
class Commit:
    sha: str
    tree: str
    parents: tuple[str, ...]
    author: str
    email: str
    authored: datetime.datetime
    committed: datetime.datetime  # in the committer's own time zone: its date is the day it landed
    subject: str = ""


class Change(NamedTuple):  # a tuple: tens of thousands are made while reading a history
    """One file's change between two states: A added, M modified, D deleted, R renamed, T type changed."""

    status: str
    path: str  # the path after the change (before it, for a deletion)
    old_path: str  # the path before the change (the same unless renamed)
    old_blob: str  # NO_BLOB when added
    blob: str  # NO_BLOB when deleted


@dataclass(frozen=True)
class Period:
    """What the branch received on one day: the changes from the end of the previous day with commits."""

    day: datetime.date
    last: str  # the commit holding the state at the end of the day
    changes: dict[str, Change]  # by path at the end of the day (old path for deletions)
    complete: bool = True  # False at the start of a shallow clone: the state before it is unknown


def _parse_commit(header: str) -> Commit:
    sha, tree, parents, author, email, authored, committed, subject = header.split("\x1f", 7)
    return Commit(
        sha, tree, tuple(parents.split()), author, email,
        datetime.datetime.fromisoformat(authored), datetime.datetime.fromisoformat(committed), subject,
    )


def _raw_entry(tokens: list[str], index: int, info: RepoInfo) -> tuple[Change | None, int]:
    """The `:mode mode blob blob status` entry of `--raw -z` output at `tokens[index]`, and the index after its paths.

    None for a file outside the knowledge base.
    """
    _, _, old_blob, blob, status = tokens[index][1:].split(" ")
    if status[0] in "RC":
        old_name, name, index = tokens[index + 1], tokens[index + 2], index + 3
    else:
        old_name = name = tokens[index + 1]
        index += 2
    path, old_path = info.from_git(name), info.from_git(old_name)
    if path is None:
        return None, index
    return Change(status[0], path, old_path if old_path is not None else path, old_blob, blob), index


class DailyHistory:
    """The changes to files under `folders`, one period per day with commits, newest first.

    `periods(since)` compares the branch's state at the end of each day with
    the end of the day before, in one pass of `git diff-tree` (split over a
    few processes running at once): per-commit diffs of a folder with
    thousands of files cost git a walk of the whole folder per commit, and
    reviews are dated by the day anyway. Days up to `since` are not read
    (the newest of them is the starting state), and a day already read is
    not read again. A day is the committer's date, in first-parent order, so
    a merged branch counts on the day it was merged.
    """

    def __init__(self, info: RepoInfo, folders: list[str]) -> None:
        self.info = info
        self.command = ["diff-tree", "--stdin", "-r", "-M", "--raw", "--no-abbrev", "-z", "--", *[info.to_git(f) for f in folders]]
        output = git_text(run_git(info, "log", "--first-parent", "--format=%H %T %cs", "HEAD"))
        self.runs: list[tuple[str, str, str, str]] = []  # (day, newest commit, its tree, oldest commit)
        for line in output.splitlines():
            sha, tree, day = line.split(" ")
            if self.runs and self.runs[-1][0] == day:
                self.runs[-1] = (day, self.runs[-1][1], self.runs[-1][2], sha)
            else:
                self.runs.append((day, sha, tree, sha))
        self._read: dict[int, dict[str, Change]] = {}  # run index -> its changes

    def _pair(self, index: int) -> tuple[str, str] | None:
        """The trees to compare for run `index`; None at the start of a shallow clone (the day before is unknown)."""
        if index + 1 < len(self.runs):
            return self.runs[index + 1][2], self.runs[index][2]
        if self.runs[index][3] in self.info.shallow:
            return None
        return _EMPTY_TREE.get(self.info.object_format, _EMPTY_TREE["sha1"]), self.runs[index][2]

    def _cut(self, since: datetime.date | None) -> int:
        """How many runs are after `since` (all of them without one)."""
        limit = since.isoformat() if since is not None else ""
        return next((index for index, run in enumerate(self.runs) if run[0] <= limit), len(self.runs))

    def read_next(self, count: int, since: datetime.date | None = None) -> bool:
        """Read up to `count` more days after `since`, newest first; False when none are left to read."""
        indexes = [index for index in range(self._cut(since)) if index not in self._read][:count]
        self._read_runs(indexes)
        return bool(indexes)

    def _read_runs(self, indexes: list[int]) -> None:
        missing = {index: pair for index in indexes if (pair := self._pair(index))}
        found: dict[tuple[str, str], list[Change]] = {}
        lines = [f"{old} {new}" for old, new in dict.fromkeys(missing.values())]
        for part in batched(self.info, self.command, lines, lambda output: _parse_pair_output(git_text(output), self.info), smallest=100):
            found.update(part)
        for index, pair in missing.items():
            self._read[index] = {change.path: change for change in found.get(pair, [])}

    def periods(self, since: datetime.date | None = None) -> list[Period]:
        """Every day after `since`, newest first, reading those not read yet."""
        cut = self._cut(since)
        self._read_runs([index for index in range(cut) if index not in self._read])
        return [
            Period(datetime.date.fromisoformat(day), last, self._read.get(index, {}), complete=index in self._read)
            for index, (day, last, _, _) in enumerate(self.runs[:cut])
        ]


def daily_history(info: RepoInfo, folders: list[str], since: datetime.date | None = None) -> list[Period]:
    """`DailyHistory(info, folders).periods(since)`: each day's changes, newest first."""
    return DailyHistory(info, folders).periods(since)


def _parse_pair_output(output: str, info: RepoInfo) -> dict[tuple[str, str], list[Change]]:
    """`diff-tree --stdin -z` output: an `old new` line per pair, then its `:meta\0path\0[path\0]` entries."""
    found: dict[tuple[str, str], list[Change]] = {}
    tokens = output.split("\0")
    current: list[Change] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        while token and token[0] != ":":  # pair lines end with a newline, not a NUL; empty pairs come one after another
            line, _, token = token.partition("\n")
            old, new = line.split(" ")
            current = found.setdefault((old, new), [])
        if not token:
            index += 1
            continue
        tokens[index] = token
        change, index = _raw_entry(tokens, index, info)
        if change is not None:
            current.append(change)
    return found


def file_history(info: RepoInfo, path: str) -> list[tuple[Commit, Change]]:
    """Every commit that changed the file at `path`, newest first, following renames."""
    output = git_text(run_git(info, "log", "--follow", "-M", "--raw", "--no-abbrev", "-z", f"--format={_COMMIT_FORMAT}", "--", info.to_git(path)))
    history = []
    for chunk in output.split("\x1e"):
        if not chunk.strip():
            continue
        header, _, rest = chunk.partition("\0")
        tokens = rest.lstrip("\n").split("\0")
        change = _raw_entry(tokens, 0, info)[0] if tokens[0].startswith(":") else None  # a merge shows no change
        if change is not None:
            history.append((_parse_commit(header), change))
    return history




def _raw_entries(output: str, info: RepoInfo) -> list[Change]:
    """Every `:meta\0path\0[path\0]` entry of `--raw -z` output with no commit headers."""
    tokens = output.split("\0")
    found: list[Change] = []
    index = 0
    while index < len(tokens):
        if not tokens[index].startswith(":"):
            index += 1
            continue
        change, index = _raw_entry(tokens, index, info)
        if change is not None:
            found.append(change)
    return found


def changes_between(info: RepoInfo, old: str, new: str | None, folders: list[str]) -> list[Change]:
    """Files under `folders` that differ between commit `old` and commit `new` (the working tree when None), renames detected.

    Against the working tree, tracked files only (see `gitrepo.untracked_files`),
    and a file changed on disk has the blob NO_BLOB on the new side: read it
    from disk.
    """
    command = ["diff", "-M", "--raw", "--no-abbrev", "-z", old, *([new] if new else []), "--", *[info.to_git(f) for f in folders]]
    return _raw_entries(git_text(run_git(info, *command)), info)


def deleted_in_history(info: RepoInfo, tip: str, folders: list[str]) -> list[Change]:
    """Every deletion of a file under `folders` in `tip`'s history, newest first, with the blob deleted (`old_blob`)."""
    output = git_text(run_git(info, "log", "--diff-filter=D", "-M", "--raw", "--no-abbrev", "-z", "--format=", tip, "--", *[info.to_git(f) for f in folders]))
    return _raw_entries(output, info)


def renamed_paths(info: RepoInfo, folders: list[str], tip: str = "HEAD") -> list[tuple[str, str]]:
    """(old path, path now) for every file under `folders` renamed in `tip`'s history, oldest rename first.

    Chains are followed to the path in `tip` (a -> b, then b -> c gives
    (a, c) and (b, c)); a path renamed back to itself is left out, and so is
    a file deleted later. The published site uses these to redirect the old
    addresses of renamed documents.
    """
    output = git_text(run_git(info, "log", "--reverse", "-M", "--diff-filter=RD", "--raw", "--no-abbrev", "-z", "--format=", tip, "--", *[info.to_git(f) for f in folders]))
    now: dict[str, str] = {}  # old path -> where it lives now
    holders: dict[str, set[str]] = {}  # a path now -> the old paths that lead to it

    def forget(old: str) -> None:  # `old` holds a file again: it is no longer an old address
        current = now.pop(old, None)
        if current is not None:
            holders.get(current, set()).discard(old)

    for change in _raw_entries(output, info):
        moved = holders.pop(change.old_path, set())
        if change.status == "D":
            for old in moved:
                del now[old]
            continue
        forget(change.path)
        forget(change.old_path)
        moved.add(change.old_path)
        for old in moved:
            now[old] = change.path
        holders.setdefault(change.path, set()).update(moved)
    return [(old, current) for old, current in now.items() if old != current]
