"""Text for people: one renderer per result type, all with the signature `(result, style) -> str`."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kbtool.cli.output.registry import Renderers
from kbtool.cli.output.style import Style
from kbtool.core.findings import ERROR, Finding

if TYPE_CHECKING:  # pragma: no cover - names for annotations only
    from kbtool.checks.json_schema import SchemaResult
    from kbtool.checks.validate import ValidationReport
    from kbtool.core.findings import RuleCatalogue
    from kbtool.importers.report import ImportReport
    from kbtool.lifecycle.create import NewDocument
    from kbtool.lifecycle.feedback import FeedbackReport
    from kbtool.lifecycle.freshness import FreshnessReport
    from kbtool.lifecycle.history import DocumentHistory
    from kbtool.lifecycle.reviewing import ReviewResult
    from kbtool.search.indexer import IndexResult
    from kbtool.search.relevance import Evaluation
    from kbtool.search.results import SearchResults
    from kbtool.search.searchlog import GapsReport
    from kbtool.server.run import ServeSummary
    from kbtool.view import DocumentView


def _no_renderer(result: Any, style: Style) -> str:
    raise TypeError(f"no text renderer for {type(result).__name__}")


render = Renderers("text", _no_renderer)


# --- validate ----------------------------------------------------------------
def summary_line(report: ValidationReport) -> str:
    plural = "" if report.files_checked == 1 else "s"
    if not report.findings:
        return f"{report.files_checked} file{plural} checked: no problems"
    return f"{report.files_checked} file{plural} checked: {report.errors} error(s), {report.warnings} warning(s)"


@render.register("kbtool.checks.validate.ValidationReport")
def _(report: ValidationReport, style: Style) -> str:
    """`path:line: severity [rule] message`, an indented fix, and a summary; nothing when clean and piped."""
    if not report.findings and not style.interactive:
        return ""
    lines = []
    for finding in report.findings:
        label = style(finding.severity, fg="red" if finding.severity == ERROR else "yellow")
        lines.append(f"{finding.path}:{finding.line}: {label} [{finding.rule}] {finding.message}")
        lines.append(f"    fix: {finding.hint}")
    lines.append(summary_line(report))
    return "\n".join(lines)


# --- index and search --------------------------------------------------------
def index_summary(result: IndexResult) -> str:
    changes = result.changes
    if result.full:
        what = f"built a new index of {result.documents} document(s)"
    elif changes.count:
        what = f"updated the index: {len(changes.added)} added, {len(changes.changed)} changed, {len(changes.deleted)} deleted"
    else:
        what = "the index is up to date"
    where = f" (the repository is read-only: the index is kept in {result.location})" if result.read_only_root else ""
    return f"kbtool: {what} in {result.seconds:.2f} s{where}"


def left_out_lines(findings: list[Finding]) -> list[str]:
    """What search is doing without: documents it cannot read, a synonym file it cannot use."""
    documents = [finding for finding in findings if finding.rule != "synonyms-file"]
    lines = []
    if documents:
        count = len(documents)
        lines.append(f"kbtool: warning: {count} document{'s are' if count > 1 else ' is'} left out of search until fixed (`kbtool validate` shows how):")
        lines += [f"  {finding.path}:{finding.line}: [{finding.rule}] {finding.message}" for finding in documents]
    for finding in findings:
        if finding.rule == "synonyms-file":
            lines.append(f"kbtool: warning: {finding.path}:{finding.line}: [{finding.rule}] {finding.message}; searching with kbtool's own synonyms only")
    return lines


@render.register("kbtool.search.indexer.IndexResult")
def _(result: IndexResult, style: Style) -> str:
    return ""  # the summary is a notice, on standard error


def _highlighted(snippet: str, highlights: list[tuple[int, int]], style: Style) -> str:
    parts, position = [], 0
    for start, end in highlights:
        parts.append(snippet[position:start])
        parts.append(style(snippet[start:end], bold=True, fg="yellow"))
        position = end
    parts.append(snippet[position:])
    return "".join(parts)


@render.register("kbtool.search.results.SearchResults")
def _(results: SearchResults, style: Style) -> str:
    lines = []
    if results.did_you_mean and results.did_you_mean != results.query:
        lines.append(style("Did you mean: ", fg="cyan") + style(results.did_you_mean, bold=True) + "?")
    if not results.documents:
        return "No documents to search: the knowledge base is empty (add Markdown files under the articles and SOP folders)."
    if not results.hits:
        what = "documents" if results.filters else "published documents"
        lines.append(f"No {what} match {results.query!r}" + (f" with {results.filters}" if results.filters else "") + ".")
        if results.filters and results.unfiltered_total:
            lines.append(f"{results.unfiltered_total} document(s) match without those filters.")
        return "\n".join(lines)
    if results.confidence == "weak":
        lines.append(style(f"No strong match for {results.query!r}: these are only the closest documents.", fg="yellow", bold=True))
    for number, hit in enumerate(results.hits, start=1):
        status = "" if hit.status == "published" else style(f" [{hit.status}]", fg="red")
        lines.append(f"{number}. {style(hit.id, bold=True)}  {style(hit.title, bold=True)}{status}  ({hit.doc_type}, {hit.owner})")
        lines.append("   " + _highlighted(hit.snippet, hit.highlights, style))
    lines.append(style(f"{len(results.hits)} of {results.total} result(s) in {results.milliseconds:.0f} ms · kbtool show ID to read one", dim=True))
    return "\n".join(lines)


@render.register("kbtool.search.searchlog.GapsReport")
def _(report: GapsReport, style: Style) -> str:
    if not report.searches:
        return "No searches logged yet (or none within the retention period)."
    if not report.gaps:
        return f"No content gaps: each of {report.searches} logged search(es) found a strong match."
    lines = [f"{'searches':>8}  {'weak':>4}  {'avg results':>11}  query"]
    lines += [f"{gap.searches:>8}  {gap.weak:>4}  {gap.average_results:>11}  {gap.query}" for gap in report.gaps]
    return "\n".join(lines)


@render.register("kbtool.search.relevance.Evaluation")
def _(report: Evaluation, style: Style) -> str:
    lines = []
    for miss in report.misses:
        rank = f"rank {miss.rank}" if miss.rank else "not in top 10"
        lines.append(f"miss: {miss.query!r} expected {miss.expect} ({rank}); top 3: {', '.join(miss.top) or 'nothing'}")
    lines.append(f"queries: {report.queries}  MRR@10: {report.mrr_at_10:.3f}  recall@3: {report.recall_at_3:.3f}")
    return "\n".join(lines)


# --- documents and the rest ----------------------------------------------------
@render.register("kbtool.view.DocumentView")
def _(shown: DocumentView, style: Style) -> str:
    from kbtool.cli.output.document import render_document  # the Markdown reading, only when a document is shown

    return render_document(shown, style)


@render.register("kbtool.lifecycle.create.NewDocument")
def _(created: NewDocument, style: Style) -> str:
    return f"created {created.id}: {created.relative}"


@render.register("kbtool.checks.json_schema.SchemaResult")
def _(result: SchemaResult, style: Style) -> str:
    return "" if result.written else result.text.rstrip("\n")


@render.register("kbtool.core.findings.RuleCatalogue")
def _(catalogue: RuleCatalogue, style: Style) -> str:
    return "\n".join(f"{rule.id:<26} {rule.severity:<8} {rule.summary}" for rule in catalogue.rules)


# --- lifecycle: freshness, review, history -------------------------------------
@render.register("kbtool.lifecycle.freshness.FreshnessReport")
def _(report: FreshnessReport, style: Style) -> str:
    from kbtool.cli.output.freshness import text_table

    return text_table(report, style)


@render.register("kbtool.lifecycle.reviewing.ReviewResult")
def _(result: ReviewResult, style: Style) -> str:
    lines = []
    for review in result.reviews:
        by = f" by {review.reviewer}" if review.reviewer else ""
        if review.written:
            was = f" (was {review.previous})" if review.previous else ""
            lines.append(f"{style(review.id, bold=True)} reviewed {review.reviewed}{by}{was}: {review.path}")
        else:
            lines.append(f"{style(review.id, bold=True)} already says reviewed {review.reviewed}{by}: unchanged")
    if result.commit:
        where = f"on {result.branch}" if result.branch else "on a detached HEAD (no branch)"
        lines.append(f"committed {result.commit[:12]} {where}")
    return "\n".join(lines)


@render.register("kbtool.lifecycle.history.DocumentHistory")
def _(history: DocumentHistory, style: Style) -> str:
    lines = [style(f"{history.id}  {history.title}", bold=True) + style(f"  {history.path}", dim=True)]
    if history.versions:
        width = len(str(history.versions[0].number))
        for version in history.versions:
            sop = f"  v{version.version}" if version.version else ""
            renamed = style(f"  (renamed from {version.old_path})", dim=True) if version.old_path != version.path else ""
            lines.append(
                f"{version.number:>{width}}  {version.date.date()}  {style(version.commit[:10], fg='yellow')}  "
                f"{version.author}{sop}  {version.subject}{renamed}"
            )
    if history.diff:
        lines.append("")
        for line in history.diff.rstrip("\n").split("\n"):
            added, removed = line.startswith("+") and not line.startswith("+++"), line.startswith("-") and not line.startswith("---")
            lines.append(style(line, fg="green" if added else "red") if added or removed else line)
    return "\n".join(lines)


@render.register("kbtool.importers.report.ImportReport")
def _(report: ImportReport, style: Style) -> str:
    from kbtool.cli.output.import_report import render_import

    return render_import(report, style)


@render.register("kbtool.lifecycle.feedback.FeedbackReport")
def _(report: FeedbackReport, style: Style) -> str:
    """Flags by owner, then document; each flag's date, agent and message, indented."""
    if not report.documents:
        return "No open flags." if not report.closed_flags else f"No open flags ({report.closed_flags} closed by later edits; --all lists them)."
    lines: list[str] = []
    owner = None
    for document in report.documents:
        if document.owner_name != owner:
            owner = document.owner_name
            lines.append(style(f"{owner or 'no owner'}" + (f" ({document.owner})" if document.owner and document.owner != owner else ""), bold=True))
        state = {"changed": style(" [edited since]", dim=True), "gone": style(" [no longer readable]", fg="red")}.get(document.state, "")
        lines.append(f"  {style(document.id, bold=True)}  {document.title}{state}  {style(document.path, dim=True)}")
        for flag, closed in [(flag, False) for flag in document.flags] + [(flag, True) for flag in document.closed]:
            who = f" {flag.agent}:" if flag.agent else ""
            text = f"    {flag.time[:16].replace('T', ' ')} UTC{who} " + flag.message.replace("\n", "\n      ")
            lines.append(style(text + " (closed)", dim=True) if closed else text)
    lines.append(style(f"{report.open_flags} open flag(s), {report.closed_flags} closed", dim=True))
    return "\n".join(lines)


@render.register("kbtool.server.run.ServeSummary")
def _(summary: ServeSummary, style: Style) -> str:
    return style(f"served {summary.requests} request(s) at {summary.url} in {summary.seconds:.0f} s", dim=True) if style.interactive else ""


@render.register("kbtool.lifecycle.changes.ChangeReport")
def _(report: Any, style: Style) -> str:
    from kbtool.cli.output.changes import text_report

    return text_report(report, style)


@render.register("kbtool.lifecycle.review_owners.CodeownersResult")
def _(result: Any, style: Style) -> str:
    from kbtool.cli.output.changes import codeowners_text

    return codeowners_text(result, style)
