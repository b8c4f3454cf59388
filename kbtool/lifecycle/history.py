"""`kbtool history`: a document's versions from git, following renames, and what changed in one of them."""
from __future__ import annotations

import datetime
import difflib
from dataclasses import dataclass, field
from typing import Any

from kbtool.core import githistory, gitrepo
from kbtool.core.config import Config
from kbtool.core.documents import Document, parse_text
from kbtool.core.errors import KbError, UsageError
from kbtool.lifecycle.review_lines import split_lines

_STATUS = {"A": "added", "M": "changed", "R": "renamed", "T": "changed", "C": "copied", "D": "deleted"}


@dataclass(frozen=True)
class Version:
    number: int  # 1 is the first version
    commit: str
    date: datetime.datetime  # when the change was written (author date)
    author: str
    email: str
    subject: str
    path: str  # the file's path in this version
    old_path: str  # its path before (differs when renamed)
    change: str  # added, changed, renamed, ...
    version: str | None  # an SOP's `version` in this version of the file
    reviewed: str | None  # the `reviewed` date in this version

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number, "commit": self.commit, "date": self.date.isoformat(), "author": self.author,
            "email": self.email, "subject": self.subject, "path": self.path, "old_path": self.old_path,
            "change": self.change, "version": self.version, "reviewed": self.reviewed,
        }


@dataclass
class DocumentHistory:
    id: str
    title: str
    path: str
    versions: list[Version]  # newest first
    diff_of: int | None = None
    diff: str = ""  # unified diff of version `diff_of` against the version before it
    uncommitted: bool = False  # the working copy differs from the newest version
    shallow: bool = False  # the history was cut short by a shallow clone: the oldest version shown is not the first
    notes: list[str] = field(default_factory=list)

    exit_code = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title, "path": self.path, "uncommitted_changes": self.uncommitted,
            "shallow": self.shallow, "versions": [version.to_dict() for version in self.versions],
            "diff": {"version": self.diff_of, "text": self.diff} if self.diff_of else None,
        }


def document_history(config: Config, document: Document, diff: int | None = None) -> DocumentHistory:
    info = gitrepo.repo_info(config.root)
    if not info.usable:
        raise KbError(f"{document.id} has no history here: {info.problem}", hint="kbtool history reads a document's versions from git")
    result = DocumentHistory(document.id, document.title, document.path, [])
    changes = githistory.file_history(info, document.path)
    if not changes:
        result.notes.append(f"{document.id} is not committed yet: it has no history")
    contents = gitrepo.read_blobs(info, {change.blob for _, change in changes} | {change.old_blob for _, change in changes})
    count = len(changes)
    for offset, (commit, change) in enumerate(changes):
        meta = _meta(contents.get(change.blob), document)
        result.versions.append(Version(
            count - offset, commit.sha, commit.authored, commit.author, commit.email, commit.subject,
            change.path, change.old_path, _STATUS.get(change.status, change.status),
            _text(meta.get("version")), _text(meta.get("reviewed")),
        ))
    result.shallow = bool(changes) and changes[-1][0].sha in info.shallow
    if result.shallow:
        result.notes.append("the clone is shallow: older versions were not fetched (git fetch --unshallow)")
    result.uncommitted = bool(changes) and document.path in gitrepo.changed_files(info, [document.path])
    if result.uncommitted:
        result.notes.append(f"{document.path} has uncommitted changes (git diff shows them)")
    if diff is not None:
        result.diff_of, result.diff = diff, _diff(result, changes, contents, diff)
    return result


def _meta(data: bytes | None, document: Document) -> dict[str, Any]:
    if data is None:
        return {}
    lines = data.decode("utf-8", errors="replace").lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    parsed, _ = parse_text(document.path, document.doc_type, lines)
    return parsed.meta if parsed is not None else {}


def _text(value: object) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, datetime.date) else str(value)


def _diff(result: DocumentHistory, changes: list[tuple[githistory.Commit, githistory.Change]], contents: dict[str, bytes], number: int) -> str:
    if not 1 <= number <= len(changes):
        raise UsageError(f"{result.id} has {len(changes)} version(s): --diff takes a number from 1 to {len(changes)}" if changes else f"{result.id} has no committed versions")
    commit, change = changes[len(changes) - number]
    before = _lines(contents.get(change.old_blob, b"")) if change.old_blob != gitrepo.NO_BLOB else []
    after = _lines(contents.get(change.blob, b""))
    old_name = f"a/{change.old_path}" if before else "/dev/null"
    header = f"version {number}: {commit.sha[:12]} {commit.authored.date()} {commit.author}: {commit.subject}\n"
    if number == 1 and result.shallow:
        header += "(the clone is shallow: the version before this one was not fetched, so all of it shows as added)\n"
    return header + "".join(difflib.unified_diff(before, after, old_name, f"b/{change.path}"))


def _lines(data: bytes) -> list[str]:
    lines = split_lines(data.decode("utf-8", errors="replace"))
    return [line if line.endswith(("\n", "\r")) else line + "\n" for line in lines]
