"""Change control beyond versions: ids stay and are never reused, removed documents leave no links, no stray files, no conflicts.

Each rule reads the change set (`kbtool.lifecycle.change_set`) and the
documents as they are after the change (from validation: metadata and
links), and returns findings with the exact fix.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from kbtool.core import gitrepo
from kbtool.core.documents import Document
from kbtool.core.findings import Finding, make_finding
from kbtool.core.githistory import changes_between, deleted_in_history
from kbtool.core.gitrepo import RepoInfo
from kbtool.core.markdown import Link
from kbtool.core.model import ID_IN_FILE_NAME, ID_PATTERN, format_id
from kbtool.checks.links import link_path
from kbtool.lifecycle.change_set import ADDED, DELETED, MODIFIED, RENAMED, ChangedFile, ChangeSet

_CONFLICT_START = re.compile(r"^<{7}(?: |$)")
_CONFLICT_END = re.compile(r"^>{7}(?: |$)")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_HEAD_ID = re.compile(rb"^id:[ \t]*['\"]?([A-Za-z]+-\d+)", re.MULTILINE)


# --- conflicts ------------------------------------------------------------------
def conflict_findings(changed: ChangedFile) -> list[Finding]:
    """`<<<<<<<` lines of an unresolved merge conflict anywhere in a changed file (front matter too), outside fenced code."""
    if changed.new is None or b"<<<<<<<" not in changed.new:
        return []
    lines = changed.new.decode("utf-8", errors="replace").replace("\r\n", "\n").split("\n")
    starts, fence = [], ""
    for number, line in enumerate(lines, start=1):
        opening = _FENCE.match(line)
        if opening and (not fence or opening.group(1)[0] == fence[0]):
            fence = "" if fence else opening.group(1)
        elif not fence and _CONFLICT_START.match(line):
            starts.append(number)
    if not starts or not any(_CONFLICT_END.match(line) for line in lines):
        return []
    return [
        make_finding("conflict-marker", changed.path, number, "a merge conflict was left unresolved (`<<<<<<<` ... `>>>>>>>`)")
        for number in starts
    ]


# --- ids ------------------------------------------------------------------------
def id_changed_findings(changed: ChangedFile) -> list[Finding]:
    """A document keeps its id through every change, renames included."""
    old, new = changed.old_document, changed.new_document
    if changed.status not in (MODIFIED, RENAMED) or old is None or new is None:
        return []
    if not ID_PATTERN.match(old.id) or new.id == old.id:
        return []
    moved = f" (the file moved from {changed.old_path})" if changed.status == RENAMED else ""
    message = f"the id changed from {old.id} to {new.id or 'nothing'}{moved}: an id never changes, because links, tickets and bookmarks use it"
    fix = f"put back `id: {old.id}`; to replace the document, archive it and create a new one with `kbtool new`"
    return [make_finding("id-changed", changed.path, new.line_of("id"), message, fix)]


@dataclass(frozen=True)
class IdHistory:
    """Ids that were used before, and where: deleted in the base's history, or added to the base since the change began."""

    used: dict[str, str]  # id -> where it was used, for the message

    def numbers(self, prefix: str) -> set[int]:
        return {int(doc_id.split("-")[1]) for doc_id in self.used if doc_id.startswith(prefix + "-")}


def id_history(info: RepoInfo, change_set: ChangeSet, folders: list[str]) -> IdHistory:
    """Read, in one batch, every document ever deleted in the base's history and every one the base gained since the fork."""
    deleted = deleted_in_history(info, change_set.base_commit, folders)
    gained = [change for change in changes_between(info, change_set.fork, change_set.base_commit, folders) if change.status in "AR"]
    blobs = gitrepo.read_blobs(info, {change.old_blob for change in deleted} | {change.blob for change in gained})
    used: dict[str, str] = {}
    for change in gained:
        for doc_id in _ids(change.path, blobs.get(change.blob)):
            used.setdefault(doc_id, f"{change_set.base} gained {change.path} since this change began")
    for change in deleted:  # newest first: the latest deletion is named
        for doc_id in _ids(change.path, blobs.get(change.old_blob)):
            used.setdefault(doc_id, f"{change.path} had it and was deleted")
    return IdHistory(used)


def _ids(path: str, data: bytes | None) -> set[str]:
    """The id a file's front matter gives and the one its name starts with."""
    found = set()
    match = _HEAD_ID.search(data[:4096]) if data else None
    if match:
        found.add(match.group(1).decode().upper())
    name = ID_IN_FILE_NAME.match(PurePosixPath(path).name)
    if name:
        found.add(format_id(name.group(1), int(name.group(2))))
    return {doc_id for doc_id in found if ID_PATTERN.match(doc_id)}


def reused_id_findings(changed: ChangedFile, history: IdHistory, present: dict[str, list[str]]) -> list[Finding]:
    """A new document's id was never used: not by a document deleted before, nor by one the base gained meanwhile."""
    document = changed.new_document
    if changed.status != ADDED or document is None or not ID_PATTERN.match(document.id):
        return []
    if any(path != changed.path for path in present.get(document.id, [])):
        return []  # another document has it now: validate's duplicate-id says so
    where = history.used.get(document.id)
    if where is None:
        return []
    prefix = document.id.split("-")[0]
    numbers = history.numbers(prefix) | {int(doc_id.split("-")[1]) for doc_id in present if doc_id.startswith(prefix + "-")}
    free = format_id(prefix, max(numbers) + 1)
    name = PurePosixPath(changed.path).name
    match = ID_IN_FILE_NAME.match(name)
    new_name = free.lower() + name[match.end() :] if match else f"{free.lower()}-{name}"
    message = f"{document.id} was used before ({where}): ids are never reused, because old links, tickets and bookmarks still name it"
    fix = f"give this document the next free id: `id: {free}`, and rename the file to `{new_name}`"
    return [make_finding("id-reused", changed.path, document.line_of("id"), message, fix)]


# --- documents removed ------------------------------------------------------------
@dataclass(frozen=True)
class Removed:
    id: str
    title: str
    path: str  # where links pointed: its path before a deletion, its path now when archived
    how: str  # "deleted" or "archived"


def removed_documents(change_set: ChangeSet) -> list[Removed]:
    """Documents deleted, or archived, by this change."""
    removed = []
    for changed in change_set.documents:
        old, new = changed.old_document, changed.new_document
        if changed.status == DELETED and old is not None and old.id:
            removed.append(Removed(old.id, old.title, changed.old_path, "deleted"))
        elif old is not None and new is not None and new.status == "archived" and old.status != "archived":
            removed.append(Removed(new.id, new.title, changed.path, "archived"))
    return removed


def removed_link_findings(removed: list[Removed], documents: list[Document], links: dict[str, list[Link]]) -> list[Finding]:
    """Every [[ID]] reference, relative link and `related` entry that still points at a document this change removed."""
    by_id = {item.id: item for item in removed}
    by_path = {item.path: item for item in removed}
    findings = []
    for document in documents:
        def pointing(item: Removed | None) -> Removed | None:
            if item is None or item.path == document.path or (item.how == "archived" and document.status == "archived"):
                return None
            return item

        for link in links.get(document.path, []):
            item = pointing(by_id.get(link.target.strip()) if link.kind == "id" else by_path.get(link_path(document.path, link.target) or ""))
            if item is not None:
                findings.append(_still_linked(document.path, link.line, item, f"links to {item.id} `{item.title}`", "remove the link, or point it at the document that replaces it"))
        related = document.meta.get("related")
        for entry in related if isinstance(related, list) else []:
            item = pointing(by_id.get(entry.strip()) if isinstance(entry, str) else None)
            if item is not None:
                fix = f"remove {item.id} from `related`" + (", or name the document that replaces it" if item.how == "archived" else "")
                findings.append(_still_linked(document.path, document.line_of("related"), item, f"`related` names {item.id} `{item.title}`", fix))
    return findings


def _still_linked(path: str, line: int, item: Removed, what: str, fix: str) -> Finding:
    return make_finding("removed-still-linked", path, line, f"{what}, {item.how} in this change", fix)


# --- files that are not documents ----------------------------------------------------
def stray_file_findings(change_set: ChangeSet, linked: set[str]) -> list[Finding]:
    """A file that is not Markdown, added under a content folder, that no document links to (an image or PDF it shows is fine)."""
    findings = []
    for changed in change_set.files:
        if changed.doc_type is None or changed.is_document or changed.status == DELETED or changed.path in linked:
            continue
        if changed.status == MODIFIED:
            continue  # it was there before; only new arrivals are judged
        kind = "a binary file" if changed.new is not None and b"\0" in changed.new else "a file that is not Markdown"
        folder = changed.path.split("/", 1)[0]
        message = f"{kind} ({changed.size:,} bytes) was added under {folder}/ and no document links to it"
        fix = f"link it from the document that shows it (`![what it shows]({PurePosixPath(changed.path).name})`), or remove it: only documents and the files they link to belong under {folder}/"
        findings.append(make_finding("stray-file", changed.path, 1, message, fix))
    return findings


def linked_paths(documents: list[Document], links: dict[str, list[Link]]) -> set[str]:
    """Every file a document's relative links and images point at."""
    return {
        target
        for document in documents
        for link in links.get(document.path, [])
        if link.kind == "path" and (target := link_path(document.path, link.target))
    }
