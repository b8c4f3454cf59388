"""`kbtool freshness` for people: a table per owner in a terminal, a digest per owner in Markdown.

The renderers registered in text.py, markdown.py and github.py call these.
"""
from __future__ import annotations

from kbtool.cli.output.markdown_table import table
from kbtool.cli.output.style import Style
from kbtool.lifecycle.freshness import CHANGED, STATES, FreshnessReport, DocumentFreshness
from kbtool.lifecycle.review import DUE_SOON, FRESH, OVERDUE, UNKNOWN

_COLOURS = {OVERDUE: "red", UNKNOWN: "red", CHANGED: "magenta", DUE_SOON: "yellow"}
_NAMES = {FRESH: "fresh", DUE_SOON: "due soon", CHANGED: "changed since review", OVERDUE: "overdue", UNKNOWN: "unknown"}


def summary(report: FreshnessReport) -> str:
    counts = report.counts()
    parts = [f"{counts[state]} {_NAMES[state]}" for state in reversed(STATES) if counts[state] or state != UNKNOWN]
    extra = [f"{len(report.drafts)} draft(s) apart"] if report.drafts else []
    extra += [f"{report.archived} archived skipped"] if report.archived else []
    owners = f" of {', '.join(report.owner_filter)}" if report.owner_filter else ""
    line = f"{len(report.documents)} published document(s){owners} on {report.today}: {', '.join(parts)}"
    return line + (f" ({'; '.join(extra)})" if extra else "")


def label(doc: DocumentFreshness) -> str:
    if doc.state == OVERDUE:
        return f"OVERDUE {doc.review.days}d"
    if doc.state == DUE_SOON:
        return f"due in {-doc.review.days}d"
    return {CHANGED: "changed", UNKNOWN: "UNKNOWN"}.get(doc.state, doc.state)


def _row(doc: DocumentFreshness, style: Style, id_width: int) -> str:
    state = label(doc)
    coloured = style(f"{state:<12}", fg=_COLOURS.get(doc.state), bold=doc.state in (OVERDUE, UNKNOWN))
    due = f"due {doc.review.due}" if doc.review.due else " " * 14
    line = f"  {coloured}  {doc.id:<{id_width}}  {due}  {doc.title or doc.path}"
    notes = []
    if doc.since_review.changed:
        notes.append("content changed " + ("in the working copy" if doc.since_review.uncommitted else f"on {doc.since_review.on}") + f", after the review of {doc.review.reviewed}")
    if doc.state == UNKNOWN:
        notes.append(doc.review.problem)
    return line + "".join(f"\n      {style(note, dim=True)}" for note in notes)


def text_table(report: FreshnessReport, style: Style) -> str:
    """Owners with something to do, their documents worst first; then drafts; then the counts."""
    groups = [(owner, [doc for doc in docs if doc.state != FRESH], len(docs)) for owner, docs in report.by_owner()]
    drafts = [doc for doc in report.drafts if doc.state != FRESH]
    if not any(todo for _, todo, _ in groups) and not drafts and not style.interactive:
        return ""  # quiet when every document is fresh and nobody is watching
    id_width = max((len(doc.id) for doc in [doc for _, todo, _ in groups for doc in todo] + drafts), default=8)
    lines = []
    for owner, todo, total in groups:
        if todo:
            lines.append(style(report.owner_name(owner), bold=True) + style(f"  {len(todo)} to look at, {total - len(todo)} fresh", dim=True))
            lines += [_row(doc, style, id_width) for doc in todo]
            lines.append("")
    if drafts:
        lines.append(style("Drafts (not published; they never fail a run)", bold=True))
        lines += [_row(doc, style, id_width) for doc in drafts]
        lines.append("")
    lines.append(summary(report))
    return "\n".join(lines)


def markdown_digest(report: FreshnessReport) -> str:
    """A digest per owner, ready for a scheduled issue or a pull-request comment."""
    lines = [f"## Review digest, {report.today}", "", summary(report) + ".", ""]
    fresh_owners = []
    for owner, docs in report.by_owner():
        todo = [doc for doc in docs if doc.state != FRESH]
        if not todo:
            fresh_owners.append(report.owner_name(owner))
            continue
        lines += [f"### {report.owner_name(owner)}", ""]
        lines.append(table(["document", "state", "last reviewed", "due"], [_cells(doc) for doc in todo]))
        lines.append("")
    drafts = [doc for doc in report.drafts if doc.state != FRESH]
    if drafts:
        lines += ["### Drafts (not published)", "", table(["document", "state", "last reviewed", "due"], [_cells(doc) for doc in drafts]), ""]
    if fresh_owners:
        lines += [f"Every document is fresh for: {', '.join(fresh_owners)}.", ""]
    if report.git_problem:
        lines += [f"Changes since review were not checked: {report.git_problem}.", ""]
    elif report.shallow_since:
        lines += [f"Changes since review before {report.shallow_since} were not checked: the history is shallow (fetch it whole).", ""]
    lines.append("After re-reading a document and finding it right, record the review: `kbtool review ID --commit`.")
    return "\n".join(lines)


def _cells(doc: DocumentFreshness) -> list[str]:
    state = {OVERDUE: f"**overdue by {doc.review.days} days**", DUE_SOON: f"due in {-doc.review.days} days"}.get(doc.state, _NAMES[doc.state])
    if doc.since_review.changed and doc.state != CHANGED:
        state += ", changed since review"
    if doc.since_review.changed:
        state += " (" + ("uncommitted" if doc.since_review.uncommitted else f"on {doc.since_review.on}") + ")"
    if doc.state == UNKNOWN:
        state += f": {doc.review.problem}"
    reviewed = doc.review.reviewed.isoformat() if doc.review.reviewed else "—"
    due = doc.review.due.isoformat() if doc.review.due else "—"
    return [f"{doc.id} {doc.title} (`{doc.path}`)", state, reviewed, due]
