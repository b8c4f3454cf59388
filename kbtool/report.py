"""Rendering validation findings: one function per output format."""
from __future__ import annotations

import json
from typing import Callable

from kbtool.rules import ERROR, Finding
from kbtool.validate import ValidationReport


def _escape_property(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(":", "%3A").replace(",", "%2C")


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def render_text(report: ValidationReport, colour: Callable[[str, str], str] = lambda text, _: text) -> str:
    """`path:line: severity [rule] message` then an indented hint, and a summary line."""
    lines = []
    for finding in report.findings:
        label = colour(finding.severity, "red" if finding.severity == ERROR else "yellow")
        lines.append(f"{finding.path}:{finding.line}: {label} [{finding.rule}] {finding.message}")
        lines.append(f"    fix: {finding.hint}")
    lines.append(summary_line(report))
    return "\n".join(lines)


def summary_line(report: ValidationReport) -> str:
    plural = "" if report.files_checked == 1 else "s"
    if not report.findings:
        return f"{report.files_checked} file{plural} checked: no problems"
    return f"{report.files_checked} file{plural} checked: {report.errors} error(s), {report.warnings} warning(s)"


def render_json(report: ValidationReport) -> str:
    return json.dumps(
        {
            "files_checked": report.files_checked,
            "errors": report.errors,
            "warnings": report.warnings,
            "findings": [finding.to_dict() for finding in report.findings],
        },
        indent=2,
    )


def render_github(report: ValidationReport) -> str:
    """GitHub Actions workflow commands: each finding becomes an annotation on the PR diff."""
    lines = [_github_line(finding) for finding in report.findings]
    lines.append(summary_line(report))
    return "\n".join(lines)


def _github_line(finding: Finding) -> str:
    level = "error" if finding.severity == ERROR else "warning"
    properties = f"file={_escape_property(finding.path)},line={finding.line},title={_escape_property('kbtool ' + finding.rule)}"
    return f"::{level} {properties}::{_escape_data(finding.message + ' — fix: ' + finding.hint)}"


RENDERERS = {"text": render_text, "json": render_json, "github": render_github}
