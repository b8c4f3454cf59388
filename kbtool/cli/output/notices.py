"""What a command says on standard error beside its result: index updates, warnings, files written."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kbtool.cli.output.registry import Renderers
from kbtool.cli.output.style import Style
from kbtool.cli.output.text import index_summary, left_out_lines

if TYPE_CHECKING:  # pragma: no cover
    from kbtool.checks.json_schema import SchemaResult
    from kbtool.lifecycle.freshness import FreshnessReport
    from kbtool.lifecycle.history import DocumentHistory
    from kbtool.lifecycle.reviewing import ReviewResult
    from kbtool.search.indexer import IndexResult
    from kbtool.search.results import SearchResults

notices = Renderers("notices", lambda result, style: [])


@notices.register("kbtool.search.indexer.IndexResult")
def _(result: IndexResult, style: Style) -> list[str]:
    return [index_summary(result), *left_out_lines(result.left_out)]


@notices.register("kbtool.search.results.SearchResults")
def _(results: SearchResults, style: Style) -> list[str]:
    update = results.index_update
    return ([index_summary(update)] if update is not None and update.did_work else []) + left_out_lines(results.warnings)


@notices.register("kbtool.checks.json_schema.SchemaResult")
def _(result: SchemaResult, style: Style) -> list[str]:
    return [f"wrote {result.written}"] if result.written else []


@notices.register("kbtool.lifecycle.freshness.FreshnessReport")
def _(report: FreshnessReport, style: Style) -> list[str]:
    """Which documents' changes since review could not be determined, and why; the other states still stand."""
    if report.git_problem:
        return [f"kbtool: changes since review were not checked: {report.git_problem}; the other states come from front matter"]
    reasons: dict[str, list[str]] = {}
    for doc in report.undetermined:
        reasons.setdefault(doc.since_review.reason, []).append(doc.id)
    lines = []
    for reason, ids in sorted(reasons.items()):
        ids.sort()
        shown = ", ".join(ids[:5]) + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")
        lines.append(f"kbtool: could not tell whether {len(ids)} document(s) changed since review ({reason}): {shown}")
    if report.shallow_since:
        lines.append("kbtool: fetch the whole history to check them (in GitHub Actions: actions/checkout with `fetch-depth: 0`)")
    return lines


@notices.register("kbtool.lifecycle.reviewing.ReviewResult")
def _(result: ReviewResult, style: Style) -> list[str]:
    return [f"kbtool: {note}" for note in result.notes]


@notices.register("kbtool.lifecycle.history.DocumentHistory")
def _(history: DocumentHistory, style: Style) -> list[str]:
    return [f"kbtool: {note}" for note in history.notes]


@notices.register("kbtool.lifecycle.changes.ChangeReport")
def _(report: Any, style: Style) -> list[str]:
    """What was compared that a reader might not expect: uncommitted files, every document re-checked."""
    lines = []
    if report.uncommitted:
        shown = ", ".join(report.uncommitted[:5]) + (f" and {len(report.uncommitted) - 5} more" if len(report.uncommitted) > 5 else "")
        lines.append(
            f"kbtool: compared with the working tree, including {len(report.uncommitted)} file(s) not committed yet: {shown} "
            "(commit them before you push; --head HEAD checks only what is committed)"
        )
    if report.everything_checked:
        lines.append("kbtool: a registry or kbtool.yml changed: every document was checked again")
    return lines


@notices.register("kbtool.lifecycle.review_owners.CodeownersResult")
def _(result: Any, style: Style) -> list[str]:
    return [f"wrote {result.written}"] if result.written else []
