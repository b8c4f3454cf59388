"""JSON for programs: every result type through one function (shared with the server's API)."""
from __future__ import annotations

from typing import Any

from kbtool.cli.output.style import Style
from kbtool.core.jsondata import as_data, to_json

__all__ = ["as_data", "render"]


def render(result: Any, style: Style) -> str:
    return to_json(result)
