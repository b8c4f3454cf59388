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
    lines = [_finding(finding) for finding in report.findings]
    lines.append(summary_line(report))
    return "\n".join(lines)


def _finding(finding: Finding) -> str:
    level = "error" if finding.severity == ERROR else "warning"
    return annotation(level, finding.path, finding.line, "kbtool " + finding.rule, finding.message + " — fix: " + finding.hint)
