"""Renderers: one module per output format, each a function `render(result, style) -> str`.

Every format takes every result type through the same signature, so adding
`--format markdown` to a command is one registered function in `markdown.py`.
"""
from __future__ import annotations

import importlib
from typing import Any

from kbtool.cli.output.style import Style

# Each format's module, imported when that format is asked for (a search prints text only).
REPORTERS = {"text": "text", "json": "json_format", "github": "github", "markdown": "markdown"}


def render(result: Any, output_format: str, style: Style) -> str:
    module = importlib.import_module(f"kbtool.cli.output.{REPORTERS[output_format]}")
    return module.render(result, style)  # type: ignore[no-any-return]
