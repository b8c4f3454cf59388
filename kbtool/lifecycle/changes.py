"""`kbtool changes`: what a change does to the knowledge base, checked as change control, summarised for reviewers.

1. The change set (`change_set.py`): every file added, modified, renamed or
   deleted from where the head left the base to the working tree or a commit.
2. Validation of the knowledge base after the change (`checks.validate`),
   whose findings are kept for the documents changed, the documents that
   link to them, and every document when a registry or kbtool.yml changed.
3. Change control: SOP versions and change logs (`version_rules.py`), ids,
   removed documents' links, stray files and conflicts (`change_rules.py`).
4. Per changed document: id, title, owner, version before and after, the
   change-log entry, and how its steps changed (`step_diff.py`).
"""
from __future__ import annotations

import datetime
import tempfile
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from kbtool.core import gitrepo
from kbtool.core.config import Config, load_config
from kbtool.core.documents import Document
from kbtool.core.errors import ConfigError
from kbtool.core.findings import OFF, Finding, FindingCounts
from kbtool.core.model import ACTION_SECTIONS, structure_of
from kbtool.core.registries import load_owners
from kbtool.lifecycle import change_rules, step_diff
from kbtool.lifecycle.change_set import ADDED, DELETED, ChangedFile, ChangeSet, read_change_set
from kbtool.lifecycle.version_rules import BodyChange, Since, check_version, entry_for

# Validation findings a change-control finding at the same place says better.
_SUPERSEDED = {"removed-still-linked": {"broken-reference", "broken-link", "link-to-archived"}}


@dataclass(frozen=True)
class ChangelogEntry:
    version: str
    date: str
    summary: str


@dataclass
class DocumentChange:
    status: str  # added, modified, renamed, deleted
    path: str
    old_path: str
    doc_type: str  # "article" or "sop"
    id: str
    title: str
    owner: str
    owner_name: str
    doc_status: str  # draft, published, archived (after the change; before it, when deleted)
    old_version: str | None = None
    version: str | None = None
    changelog: ChangelogEntry | None = None  # the entry for the version after the change
    section: str = ""  # the section whose steps are compared (Procedure, Steps, Resolution)
    steps: list[step_diff.StepChange] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)  # sections whose text changed
    whitespace_only: bool = False
    archived: bool = False  # archived by this change
    note: str = ""  # why it could not be compared, when it could not

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["steps"] = [asdict(change) for change in self.steps]
        return data


@dataclass
class ChangeReport(FindingCounts):
    base: str
    base_commit: str
    fork: str  # the commit where the change left the base
    since: str  # its day, YYYY-MM-DD
    head: str  # the ref compared, or "the working tree"
    head_commit: str | None
    documents: list[DocumentChange]
    other_files: list[tuple[str, str]]  # (status, path) of registries, settings and other files
    findings: list[Finding]
    uncommitted: list[str] = field(default_factory=list)
    everything_checked: bool = False  # a registry or kbtool.yml changed: every document was re-checked
    files_checked: int = 0

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "base": self.base, "base_commit": self.base_commit, "fork": self.fork, "since": self.since,
            "head": self.head, "head_commit": self.head_commit, "uncommitted": self.uncommitted,
            "everything_checked": self.everything_checked, "errors": self.errors, "warnings": self.warnings,
            "documents": [document.to_dict() for document in self.documents],
            "other_files": [{"status": status, "path": path} for status, path in self.other_files],
            "findings": [finding.to_dict() for finding in self.findings],
        }


def changes(config: Config, base: str, head: str | None = None, today: datetime.date | None = None) -> ChangeReport:
    """Compare the knowledge base at `head` (the working tree when None) with `base`, and check the change."""
    from kbtool.checks.validate import validate

    today = today or datetime.date.today()
    change_set = read_change_set(config, base, head)
    since = Since(base, change_set.since, today)
    settings = [changed for changed in change_set.files if changed.doc_type is None]
    conflicts = [finding for changed in settings for finding in change_rules.conflict_findings(changed)]
    if conflicts:  # kbtool.yml or a registry that cannot be read: nothing else can be checked until it is resolved
        return _report(base, head, change_set, [], conflicts, everything_checked=True, files_checked=0)
    with tempfile.TemporaryDirectory(prefix="kbtool-changes-") as folder:
        after = config if head is None else _exported(config, change_set, Path(folder))
        report = validate(after, today=today)
        owners = {owner.id: owner.name for owner in load_owners(after).values()}
    bodies: dict[str, BodyChange] = {}
    documents = [_summary(changed, owners, bodies) for changed in change_set.documents]
    findings = _kept(report.findings, report.documents, report.links, change_set, everything=bool(settings))
    findings += _change_control(config, change_set, report.documents, report.links, since, bodies)
    findings = _severities(config, _without_superseded(findings, change_rules.removed_documents(change_set)))
    return _report(base, head, change_set, documents, findings, everything_checked=bool(settings), files_checked=report.files_checked)


def _report(
    base: str, head: str | None, change_set: ChangeSet, documents: list[DocumentChange], findings: list[Finding], *, everything_checked: bool, files_checked: int,
) -> ChangeReport:
    return ChangeReport(
        base, change_set.base_commit, change_set.fork, change_set.since.isoformat(), head or "the working tree", change_set.head_commit,
        documents, [(changed.status, changed.path) for changed in change_set.files if not changed.is_document],
        findings, change_set.uncommitted, everything_checked, files_checked,
    )


def _exported(config: Config, change_set: ChangeSet, folder: Path) -> Config:
    """The knowledge base as it is in the head commit, written to `folder` for validation."""
    info = gitrepo.repo_info(config.root)
    root = gitrepo.export_tree(info, change_set.head_commit or "HEAD", folder)
    try:
        return load_config(root)
    except ConfigError as error:
        raise ConfigError(f"in {change_set.head}: " + error.message.replace(str(root) + "/", "").replace(str(root), "."), hint=error.hint) from None


def _kept(findings: list[Finding], documents: list[Document], links: dict[str, Any], change_set: ChangeSet, everything: bool) -> list[Finding]:
    """Validation findings for the changed documents and those linking to them (all of them when settings changed)."""
    if everything:
        return list(findings)
    changed_paths = {changed.path for changed in change_set.files} | {changed.old_path for changed in change_set.files}
    ids = {doc.id for changed in change_set.documents for doc in (changed.old_document, changed.new_document) if doc is not None and doc.id}
    wanted = set(changed_paths)
    titles = {" ".join(doc.title.split()).casefold() for changed in change_set.documents if (doc := changed.new_document) is not None and doc.title}
    for document in documents:
        if document.id in ids or " ".join(document.title.split()).casefold() in titles:
            wanted.add(document.path)  # a clash with a changed document is reported on one of the two
            continue
        related = document.meta.get("related")
        targets = {entry.strip() for entry in related if isinstance(entry, str)} if isinstance(related, list) else set()
        for link in links.get(document.path, []):
            targets.add(link.target.strip() if link.kind == "id" else change_rules.link_path(document.path, link.target) or "")
        if targets & (ids | changed_paths):
            wanted.add(document.path)
    document_paths = {document.path for document in documents}
    return [finding for finding in findings if finding.path in wanted or finding.path not in document_paths and not finding.path.endswith(".md")]


def _change_control(
    config: Config, change_set: ChangeSet, documents: list[Document], links: dict[str, Any], since: Since, bodies: dict[str, BodyChange],
) -> list[Finding]:
    findings: list[Finding] = []
    present: dict[str, list[str]] = {}
    for document in documents:
        present.setdefault(document.id, []).append(document.path)
    added = [changed for changed in change_set.documents if changed.status == ADDED]
    history = change_rules.id_history(gitrepo.repo_info(config.root), change_set, [config.articles_dir, config.sops_dir]) if added else None
    for changed in change_set.files:
        conflicts = change_rules.conflict_findings(changed)
        findings += conflicts
        if not changed.is_document or conflicts:
            continue
        findings += change_rules.id_changed_findings(changed)
        if history is not None:
            findings += change_rules.reused_id_findings(changed, history, present)
        old, new = changed.old_document, changed.new_document
        if changed.doc_type == "sop" and old is not None and new is not None and changed.path in bodies:
            findings += check_version(old, new, bodies[changed.path], since)
    findings += change_rules.removed_link_findings(change_rules.removed_documents(change_set), documents, links)
    findings += change_rules.stray_file_findings(change_set, change_rules.linked_paths(documents, links))
    return findings


def _without_superseded(findings: list[Finding], removed: list[change_rules.Removed]) -> list[Finding]:
    """Findings in file and line order, without those a change-control finding says better (a conflict explains its YAML error).

    A broken link on a line that links a removed document is dropped only
    when it is about that document: the line's other links are still checked.
    """
    places = {(finding.path, finding.line): finding.rule for finding in findings if finding.rule in _SUPERSEDED}
    conflicted = {finding.path for finding in findings if finding.rule == "conflict-marker"}
    names = [(f"`{item.id}`", f"links to {item.id} ", f"({item.path})") for item in removed]

    def about_removed(finding: Finding) -> bool:
        return any(name in finding.message for forms in names for name in forms)

    kept = [
        finding for finding in findings
        if not (finding.rule in _SUPERSEDED.get(places.get((finding.path, finding.line), ""), set()) and about_removed(finding))
        and not (finding.rule == "yaml-syntax" and finding.path in conflicted)
    ]
    return sorted(dict.fromkeys(kept), key=lambda finding: (finding.path, finding.line, finding.rule, finding.message))


def _severities(config: Config, findings: list[Finding]) -> list[Finding]:
    """Rule severities as kbtool.yml sets them (validation's findings have them already)."""
    result = []
    for finding in findings:
        severity = config.rules.get(finding.rule, finding.severity)
        if severity != OFF:
            result.append(finding if severity == finding.severity else replace(finding, severity=severity))
    return result


def _body_change(old: Document, new: Document, section: str) -> tuple[BodyChange, str]:
    """How the body changed, with the steps of `section` compared (empty when either side lacks it)."""
    if step_diff.whitespace_only(old.blocks, new.blocks):
        return BodyChange(False, [], [], False), "whitespace" if old.body != new.body else ""
    before, after = step_diff.read_steps(old.blocks, section), step_diff.read_steps(new.blocks, section)
    steps = step_diff.diff_steps(before, after) if before is not None and after is not None else []
    sections = step_diff.changed_sections(old.blocks, new.blocks)
    return BodyChange(True, steps, sections, step_diff.only_added(old.blocks, new.blocks)), ""


def _summary(changed: ChangedFile, owners: dict[str, str], bodies: dict[str, BodyChange]) -> DocumentChange:
    """What a reviewer needs to know about one changed document, without opening it."""
    old, new = changed.old_document, changed.new_document
    shown = new or old
    doc_type = changed.doc_type or "article"
    if shown is None:
        return DocumentChange(changed.status, changed.path, changed.old_path, doc_type, "", "", "", "", "", note="not a readable document (validation says why)")
    owner = shown.meta.get("owner") if isinstance(shown.meta.get("owner"), str) else ""
    result = DocumentChange(
        changed.status, changed.path, changed.old_path, doc_type, shown.id, shown.title, owner, owners.get(owner, owner), shown.status,
        old_version=_text(old.meta.get("version")) if old is not None else None,
        version=_text(new.meta.get("version")) if new is not None else None,
        archived=old is not None and new is not None and new.status == "archived" and old.status != "archived",
    )
    if new is not None and doc_type == "sop" and result.version:
        found = entry_for(new, result.version)
        if found is not None:
            entry = found[1]
            result.changelog = ChangelogEntry(result.version, _text(entry.get("date")) or "", _text(entry.get("summary")) or "")
    section = ACTION_SECTIONS.get(structure_of(doc_type, shown.meta.get("kind")) or "", "")
    result.section = section
    if changed.new is not None and change_rules.conflict_findings(changed):
        result.note = "has unresolved merge-conflict markers: resolve them to compare it"
    elif old is not None and new is not None:
        body, kind = _body_change(old, new, section)
        bodies[changed.path] = body
        result.steps, result.sections, result.whitespace_only = body.steps, body.sections, kind == "whitespace"
    elif new is not None and changed.status == ADDED:
        steps = step_diff.read_steps(new.blocks, section) if section else None
        result.steps = [step_diff.StepChange(step_diff.ADDED, step.number, None, step.text) for step in steps or []]
    elif changed.status != DELETED or old is None:
        result.note = "not a readable document (validation says why)"
    return result


def _text(value: object) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, datetime.date) else str(value)
