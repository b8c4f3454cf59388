"""The files a change touches, read on both sides: from where the branch left its base to the working tree or a commit.

The comparison starts at the merge base of the base and the head, as a pull
request's diff does: commits that reached the base after the branch left it
are not the branch's changes. Against the working tree, uncommitted and
untracked files are included (the files as they are on disk are what would
be committed). Renames come from git (`-M`), and a document deleted in one
place and added in another with the same id is one document renamed.
"""
from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from kbtool.core import gitrepo
from kbtool.core.config import CONFIG_FILE, Config
from kbtool.core.documents import Document, parse_text
from kbtool.core.errors import UsageError
from kbtool.core.githistory import Change, changes_between
from kbtool.core.gitrepo import NO_BLOB, RepoInfo

ADDED, MODIFIED, RENAMED, DELETED = "added", "modified", "renamed", "deleted"
_STATUS = {"A": ADDED, "C": ADDED, "M": MODIFIED, "T": MODIFIED, "R": RENAMED, "D": DELETED}
CODEOWNERS = ".github/CODEOWNERS"
# Enough of a file that is not a document to tell text from binary, as git does.
_SNIFF = 8000


@dataclass
class ChangedFile:
    status: str  # added, modified, renamed, deleted
    path: str  # the path now (where it was, when deleted)
    old_path: str  # the path in the base (the same unless renamed)
    doc_type: str | None  # "article" or "sop" under a content folder; None for settings and registries
    old: bytes | None = None  # the base's bytes (None when added)
    new: bytes | None = None  # the bytes now (None when deleted); the first bytes only for a file that is not Markdown
    size: int = 0  # the size now, in bytes

    @property
    def is_document(self) -> bool:
        return self.doc_type is not None and (self.path.endswith(".md") or self.old_path.endswith(".md"))

    @cached_property
    def old_document(self) -> Document | None:
        return read_bytes(self.old_path, self.doc_type, self.old)

    @cached_property
    def new_document(self) -> Document | None:
        return read_bytes(self.path, self.doc_type, self.new)


def read_bytes(path: str, doc_type: str | None, data: bytes | None) -> Document | None:
    """A document from a file's bytes; None when there are none, or they are not a readable document."""
    if data is None or doc_type is None or b"\0" in data:
        return None
    text = data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    return parse_text(path, doc_type, text.split("\n"))[0]


@dataclass
class ChangeSet:
    base: str  # as the user named it
    base_commit: str
    fork: str  # the commit where the change left the base (their merge base)
    since: datetime.date  # the day of `fork`
    head: str | None  # as the user named it; None for the working tree
    head_commit: str | None
    files: list[ChangedFile]
    uncommitted: list[str] = field(default_factory=list)  # files whose uncommitted state was compared

    @property
    def documents(self) -> list[ChangedFile]:
        return [changed for changed in self.files if changed.is_document]


def _fetch_hint(ref: str) -> str:
    remote, _, branch = ref.partition("/")
    target = f" {remote} {branch}:refs/remotes/{remote}/{branch}" if remote == "origin" and branch else ""
    return (
        f"the clone is shallow: fetch more history with `git fetch --deepen=200{target}` (again until it is enough) "
        "or all of it with `git fetch --unshallow`; in GitHub Actions, check out with `fetch-depth: 0`"
    )


def _commit(info: RepoInfo, ref: str, what: str) -> str:
    sha = gitrepo.resolve_commit(info, ref)
    if sha is not None:
        return sha
    if ref.startswith("-"):
        raise UsageError(f"{what} `{ref}` is not a branch, tag or commit", hint="name a branch such as origin/main")
    if info.shallow:
        raise UsageError(f"{what} `{ref}` is not in this shallow clone", hint=_fetch_hint(ref))
    raise UsageError(
        f"{what} `{ref}` names no commit in this repository",
        hint="check the name (`git branch -a` lists the branches); in CI, fetch the target branch first, e.g. `git fetch origin main`",
    )


def read_change_set(config: Config, base: str, head: str | None = None) -> ChangeSet:
    """What changed from `base` (where the head left it) to `head`, or to the working tree when `head` is None."""
    info = gitrepo.repo_info(config.root)
    if not info.usable:
        raise UsageError(f"kbtool changes compares git commits, but here {info.problem}", hint="run it in a clone of the knowledge base's repository")
    base_commit = _commit(info, base, "the base")
    head_commit = _commit(info, head, "the head") if head else None
    fork = gitrepo.merge_base(info, base_commit, head_commit or info.head or "HEAD")
    if fork is None:
        if info.shallow:
            raise UsageError(f"this shallow clone does not reach the commit where {head or 'HEAD'} left {base}", hint=_fetch_hint(base))
        raise UsageError(f"{head or 'HEAD'} shares no history with {base}", hint="compare with the branch this one was made from")
    paths = [config.articles_dir, config.sops_dir, CONFIG_FILE, config.owners_file, config.tags_file, config.synonyms_file, config.schema_file, CODEOWNERS]
    raw = changes_between(info, fork, head_commit, paths)
    uncommitted: list[str] = []
    if head_commit is None:
        untracked = gitrepo.untracked_files(info, paths)
        raw += [Change("A", path, path, NO_BLOB, NO_BLOB) for path in untracked]
        uncommitted = sorted(gitrepo.changed_files(info, paths) | set(untracked))
    files = _read(config, info, raw, from_disk=head_commit is None)
    return ChangeSet(base, base_commit, fork, gitrepo.commit_day(info, fork), head, head_commit, _pair_by_id(files), uncommitted)


def _doc_type(config: Config, path: str) -> str | None:
    for doc_type, folder in (("article", config.articles_dir), ("sop", config.sops_dir)):
        if path.startswith(folder.rstrip("/") + "/"):
            return doc_type
    return None


def _read(config: Config, info: RepoInfo, raw: list[Change], from_disk: bool) -> list[ChangedFile]:
    blobs = gitrepo.read_blobs(info, {change.old_blob for change in raw} | (set() if from_disk else {change.blob for change in raw}))
    files = []
    for change in sorted(raw, key=lambda change: change.path):
        status = _STATUS.get(change.status, MODIFIED)
        changed = ChangedFile(status, change.path, change.old_path, _doc_type(config, change.path) or _doc_type(config, change.old_path))
        changed.old = blobs.get(change.old_blob) if status != ADDED else None
        if status != DELETED:
            changed.new, changed.size = _new_bytes(config, change, blobs, from_disk)
        files.append(changed)
    return files


def _new_bytes(config: Config, change: Change, blobs: dict[str, bytes], from_disk: bool) -> tuple[bytes | None, int]:
    markdown = change.path.endswith(".md") or _doc_type(config, change.path) is None
    if not from_disk:
        data = blobs.get(change.blob)
        return (data if markdown or data is None else data[:_SNIFF]), len(data or b"")
    path = config.root / change.path
    try:
        size = os.stat(path).st_size
        if markdown:
            return (path.read_bytes() if size <= config.max_file_size else None), size
        with open(path, "rb") as stream:
            return stream.read(_SNIFF), size
    except OSError:
        return None, 0


def _pair_by_id(files: list[ChangedFile]) -> list[ChangedFile]:
    """A document deleted in one place and added in another with the same id is one document, renamed."""
    added: dict[str, list[ChangedFile]] = {}
    for changed in files:
        if changed.status == ADDED and changed.is_document and changed.new_document is not None and changed.new_document.id:
            added.setdefault(changed.new_document.id, []).append(changed)
    paired: dict[int, ChangedFile] = {}
    gone: set[int] = set()
    for changed in files:
        document = changed.old_document if changed.status == DELETED and changed.is_document else None
        candidates = added.get(document.id, []) if document is not None and document.id else []
        if len(candidates) == 1 and candidates[0].doc_type == changed.doc_type:
            new = candidates[0]
            paired[id(new)] = ChangedFile(RENAMED, new.path, changed.old_path, new.doc_type, changed.old, new.new, new.size)
            gone.add(id(changed))
            added[document.id] = []  # one deleted document per added one
    return [paired.get(id(changed), changed) for changed in files if id(changed) not in gone]
