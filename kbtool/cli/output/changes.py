"""`kbtool changes` for people: the text report and the pull-request summary in Markdown."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from kbtool.cli.output.style import Style
from kbtool.core.findings import ERROR, Finding

if TYPE_CHECKING:  # pragma: no cover
    from kbtool.lifecycle.changes import ChangeReport, DocumentChange
    from kbtool.lifecycle.step_diff import StepChange

_SIGN = {"added": "+", "removed": "-", "moved": ">", "reworded": "~", "detail": "*"}
_ICON = {"added": "➕", "removed": "➖", "moved": "↕️", "reworded": "✏️", "detail": "🔎"}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def counts(report: ChangeReport) -> str:
    """"2 documents changed: 1 modified, 1 added"."""
    by_status: dict[str, int] = {}
    for document in report.documents:
        by_status[document.status] = by_status.get(document.status, 0) + 1
    total = len(report.documents)
    listed = ", ".join(f"{count} {status}" for status, count in by_status.items())
    return f"{total} document{'' if total == 1 else 's'} changed" + (f": {listed}" if listed else "")


def verdict(report: ChangeReport) -> str:
    if report.errors:
        return f"{report.errors} error(s), {report.warnings} warning(s)"
    return "change control passed" + (f" with {report.warnings} warning(s)" if report.warnings else "")


def _version(document: DocumentChange) -> str:
    if document.doc_type != "sop" or (document.old_version is None and document.version is None):
        return ""
    if document.status == "added":
        return f"version {document.version}"
    if document.status == "deleted":
        return f"version {document.old_version}"
    if document.old_version == document.version:
        return f"version {document.version} (unchanged)"
    return f"version {document.old_version or 'none'} → {document.version or 'none'}"


def _step_line(change: StepChange) -> str:
    if change.kind == "moved":
        return f"step {change.old_number} moved to {change.number}: {change.text}"
    if change.kind == "removed":
        return f"step {change.old_number} removed: {change.text}"
    if change.kind == "detail":
        return f"step {change.number}, detail changed: {change.text}"
    return f"step {change.number} {change.kind}: {change.text}"


# --- text ----------------------------------------------------------------------------
def text_report(report: ChangeReport, style: Style) -> str:
    head = "the working tree" if report.head_commit is None else f"{report.head} ({report.head_commit[:10]})"
    lines = [style(f"Changes from {report.base} (left at {report.fork[:10]}, {report.since}) to {head}", bold=True)]
    for document in report.documents:
        name = f"{document.id}  {document.title}" if document.id else document.path
        facts = " · ".join(part for part in (document.owner_name, _version(document)) if part)
        lines.append(f"  {document.status:<9} {style(name, bold=True)}" + (f"  · {facts}" if facts else ""))
        if document.status == "renamed":
            lines.append(style(f"            renamed from {document.old_path}", dim=True))
        for change in document.steps if document.status != "added" else []:
            lines.append(f"            {_SIGN[change.kind]} {_step_line(change)}")
            if change.old_text and change.kind in ("reworded", "moved"):
                lines.append(style(f"                was: {change.old_text}", dim=True))
        others = [name for name in document.sections if name != document.section or not document.steps]
        if others and document.status not in ("added", "deleted"):
            lines.append(f"            sections changed: {', '.join(others)}")
        if document.whitespace_only:
            lines.append("            whitespace only (no version bump needed)")
        if document.archived:
            lines.append("            archived by this change")
        if document.changelog and document.old_version != document.version:
            entry = document.changelog
            lines.append(f"            change log {entry.version} ({entry.date}): {entry.summary}")
        if document.note:
            lines.append(f"            {document.note}")
    for status, path in report.other_files:
        lines.append(f"  {status:<9} {path}")
    if not report.documents and not report.other_files:
        lines.append("  nothing changed in the knowledge base")
    if report.findings:
        lines.append("")
    for finding in report.findings:
        label = style(finding.severity, fg="red" if finding.severity == ERROR else "yellow")
        lines.append(f"{finding.path}:{finding.line}: {label} [{finding.rule}] {finding.message}")
        lines.append(f"    fix: {finding.hint}")
    lines.append(f"{counts(report)}: {verdict(report)}")
    return "\n".join(lines)


# --- markdown (the pull-request summary) ----------------------------------------------------
def md(text: str) -> str:
    """Text shown as it is in Markdown: no emphasis, links, HTML or table breaks from a document's words."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))


def code(text: str) -> str:
    """Text as an inline code span (backslash escapes do not work inside one)."""
    return "`" + " ".join(text.replace("`", "'").split()) + "`"


def prose(text: str) -> str:
    """A message that may hold `code spans`: escaped outside them, kept inside them."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an unmatched backtick: no code spans at all
        return md(text)
    return "".join(md(part) if index % 2 == 0 else code(part) for index, part in enumerate(parts))


def markdown_summary(report: ChangeReport) -> str:
    head = "the working tree" if report.head_commit is None else f"{code(report.head)} at `{report.head_commit[:10]}`"
    mark = "❌" if report.errors else "✅"
    lines = [
        "## Knowledge base changes",
        "",
        f"Compared with {code(report.base)} from where this change left it (`{report.fork[:10]}`, {report.since}) to {head}. "
        f"**{counts(report)}.** {mark} {verdict(report).capitalize()}.",
    ]
    if report.everything_checked:
        lines += ["", "A registry or `kbtool.yml` changed, so every document was checked again."]
    for document in report.documents:
        lines += ["", *_markdown_document(document)]
    if report.other_files:
        lines += ["", "**Other files:** " + ", ".join(f"{status} {code(path)}" for status, path in report.other_files)]
    if report.findings:
        lines += ["", "### Problems to fix" if report.errors else "### Warnings", ""]
        for finding in report.findings:
            lines += _markdown_finding(finding)
    return "\n".join(lines)


def _markdown_document(document: DocumentChange) -> list[str]:
    title = f"{document.id} · {md(document.title)}" if document.id else code(document.path)
    where = code(document.path) + (f" (was {code(document.old_path)})" if document.status == "renamed" else "")
    facts = [f"**{document.status}** {where}"]
    if document.owner:
        facts.append(f"owner {md(document.owner_name)} ({code(document.owner)})")
    version = _version(document)
    if "→" in version and "unchanged" not in version:
        facts.append(f"version {md(document.old_version or 'none')} → **{md(document.version or 'none')}**")
    elif version:
        facts.append(md(version))
    lines = [f"### {title}", "", " · ".join(facts)]
    if document.changelog and (document.old_version != document.version or document.status == "added"):
        entry = document.changelog
        lines += ["", f"> Change log **{md(entry.version)}** ({md(entry.date)}): {md(entry.summary)}"]
    if document.archived:
        lines += ["", "Archived by this change."]
    if document.note:
        lines += ["", f"*{md(document.note)}*"]
    if document.whitespace_only:
        lines += ["", "Whitespace only: nothing an agent reads changed."]
    shown = document.steps
    if shown:
        what = "steps" if document.status != "added" else "steps (new document)"
        lines += ["", f"**{md(document.section)}**, {what}:", ""]
        for change in shown:
            lines.append(f"- {_ICON[change.kind]} **{md(_step_label(change))}:** {md(change.text)}")
            if change.old_text and change.kind in ("reworded", "moved"):
                lines.append(f"  <br>was: ~~{md(change.old_text)}~~")
    others = [name for name in document.sections if name != document.section or not document.steps]
    if others and document.status not in ("added", "deleted"):
        lines += ["", "Sections changed: " + ", ".join(md(name) for name in others) + "."]
    return lines


def _step_label(change: StepChange) -> str:
    if change.kind == "moved":
        return f"Step {change.old_number} moved to {change.number}"
    if change.kind == "removed":
        return f"Step {change.old_number} removed"
    if change.kind == "detail":
        return f"Step {change.number}: detail changed"
    return f"Step {change.number} {change.kind}"


def _markdown_finding(finding: Finding) -> list[str]:
    advice, _, paste = finding.hint.partition("\n")
    lines = [f"- {code(finding.path)} line {finding.line} · `{finding.rule}` · {prose(finding.message)}", f"  **Fix:** {prose(advice)}"]
    if paste:
        lines += ["", "  ```yaml", *[f"  {line}" for line in paste.split("\n")], "  ```"]
    return lines


# --- kbtool codeowners ----------------------------------------------------------------
def codeowners_text(result: Any, style: Style) -> str:
    lines = [f"{result.documents} document(s) assigned for review to {result.handles} owner handle(s)"]
    if result.without_handle:
        by_owner: dict[str, list[str]] = {}
        for item in result.without_handle:
            by_owner.setdefault(item.owner, []).append(item.path)
        lines.append(style(f"{len(result.without_handle)} document(s) have nobody to review them: their owner has no `github` handle in the owners registry", fg="yellow"))
        for owner, paths in sorted(by_owner.items()):
            shown = ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
            lines.append(f"  {owner} ({len(paths)}): {shown}")
        lines.append("    fix: add `github: <handle>` to each of these owners in meta/owners.yml, then run `kbtool codeowners` again")
    return "\n".join(lines)
