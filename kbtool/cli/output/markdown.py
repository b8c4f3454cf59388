"""Markdown for people reading a pull request or an issue: digests ready to paste or post."""
from __future__ import annotations

from typing import Any

from kbtool.cli.output.markdown_table import table
from kbtool.cli.output.registry import Renderers
from kbtool.cli.output.style import Style
from kbtool.core.errors import UsageError


def _not_available(result: Any, style: Style) -> str:
    raise UsageError(f"--format markdown is not available for {type(result).__name__}")


render = Renderers("markdown", _not_available)


@render.register("kbtool.core.findings.RuleCatalogue")
def _(catalogue: Any, style: Style) -> str:
    """The rules as docs/rules.md lists them: one table per module that checks them."""
    sections: dict[str, list[list[str]]] = {}
    for rule in catalogue.rules:
        sections.setdefault(rule.checked_in, []).append([f"`{rule.id}`", rule.severity, rule.summary, rule.hint])
    parts = []
    for module, rows in sections.items():
        parts.append(f"### Checked in `{module}`\n\n" + table(["rule", "default", "what it means", "how to fix it"], rows))
    return "\n\n".join(parts)


@render.register("kbtool.lifecycle.freshness.FreshnessReport")
def _(report: Any, style: Style) -> str:
    from kbtool.cli.output.freshness import markdown_digest

    return markdown_digest(report)


@render.register("kbtool.lifecycle.changes.ChangeReport")
def _(report: Any, style: Style) -> str:
    from kbtool.cli.output.changes import markdown_summary

    return markdown_summary(report)
