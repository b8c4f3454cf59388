"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request's diff."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kbtool.cli.output.registry import Renderers
from kbtool.cli.output.style import Style
from kbtool.cli.output.text import summary_line
from kbtool.core.errors import UsageError
from kbtool.core.findings import ERROR, Finding

if TYPE_CHECKING:  # pragma: no cover
    from kbtool.checks.validate import ValidationReport
    from kbtool.lifecycle.freshness import FreshnessReport


def _escape_property(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(":", "%3A").replace(",", "%2C")


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def annotation(level: str, path: str, line: int, title: str, message: str) -> str:
    properties = f"file={_escape_property(path)},line={line},title={_escape_property(title)}"
    return f"::{level} {properties}::{_escape_data(message)}"


def _not_available(result: Any, style: Style) -> str:
    raise UsageError(f"--format github is not available for {type(result).__name__}")


render = Renderers("github", _not_available)


@render.register("kbtool.checks.validate.ValidationReport")
def _(report: ValidationReport, style: Style) -> str:
    lines = [_finding(finding, style) for finding in report.findings]
    lines.append(summary_line(report))
    return "\n".join(lines)


def _finding(finding: Finding, style: Style) -> str:
    level = "error" if finding.severity == ERROR else "warning"
    return annotation(level, style.paths_from + finding.path, finding.line, "kbtool " + finding.rule, finding.message + " — fix: " + finding.hint)


@render.register("kbtool.lifecycle.freshness.FreshnessReport")
def _(report: FreshnessReport, style: Style) -> str:
    """One annotation per published document that is not fresh: an error when it fails the run, else a warning."""
    from kbtool.cli.output.freshness import summary
    from kbtool.lifecycle.freshness import FAIL_ON, RANK
    from kbtool.lifecycle.review import FRESH

    threshold = RANK[FAIL_ON[report.fail_on]] if report.fail_on else len(RANK)
    lines = []
    for doc in report.documents:
        if doc.state == FRESH:
            continue
        level = "error" if RANK[doc.state] >= threshold else "warning"
        owner = report.owner_name(doc.owner) if doc.owner else "no owner"
        message = f"{doc.id} {doc.title}: {doc.describe()}. Owner: {owner}. After re-reading it: kbtool review {doc.id}"
        lines.append(annotation(level, style.paths_from + doc.path, doc.line, f"kbtool freshness: {doc.state}", message))
    if report.git_problem:
        lines.append(f"::notice title=kbtool freshness::{_escape_data('changes since review were not checked: ' + report.git_problem)}")
    elif report.shallow_since:
        lines.append(f"::notice title=kbtool freshness::{_escape_data(f'shallow clone: changes since review before {report.shallow_since} could not be checked; check out with fetch-depth: 0')}")
    lines.append(summary(report))
    return "\n".join(lines)


@render.register("kbtool.lifecycle.changes.ChangeReport")
def _(report: Any, style: Style) -> str:
    """One annotation per finding on the pull request's diff, then the counts."""
    from kbtool.cli.output.changes import counts, verdict

    lines = [_finding(finding, style) for finding in report.findings]
    lines.append(f"{counts(report)}: {verdict(report)}")
    return "\n".join(lines)
