"""Markdown for people reading a pull request or an issue: digests ready to paste or post."""
from __future__ import annotations

from functools import singledispatch
from typing import Any

from kbtool.cli.output.style import Style
from kbtool.core.errors import UsageError
from kbtool.lifecycle.freshness import FreshnessReport


@singledispatch
def render(result: Any, style: Style) -> str:
    raise UsageError(f"--format markdown is not available for {type(result).__name__}")


def table(header: list[str], rows: list[list[str]]) -> str:
    """A GitHub-flavoured Markdown table; pipes and line breaks inside cells are escaped."""

    def cell(text: str) -> str:
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(cell(h) for h in header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    return "\n".join(lines)



@render.register
def _(report: FreshnessReport, style: Style) -> str:
    from kbtool.cli.output.freshness import markdown_digest

    return markdown_digest(report)
