"""Markdown for people reading a pull request or an issue: digests ready to paste or post."""
from __future__ import annotations

from typing import Any

from kbtool.cli.output.registry import Renderers
from kbtool.cli.output.style import Style
from kbtool.core.errors import UsageError


def _not_available(result: Any, style: Style) -> str:
    raise UsageError(f"--format markdown is not available for {type(result).__name__}")


render = Renderers("markdown", _not_available)


def table(header: list[str], rows: list[list[str]]) -> str:
    """A GitHub-flavoured Markdown table; pipes and line breaks inside cells are escaped."""

    def cell(text: str) -> str:
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(cell(h) for h in header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    return "\n".join(lines)
