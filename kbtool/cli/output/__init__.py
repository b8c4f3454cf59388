"""Renderers: one module per output format, each a function `render(result, style) -> str`.

Every format takes every result type through the same signature, so adding
`--format markdown` to a command is one registered function in `markdown.py`.
"""
from __future__ import annotations

from typing import Any

from kbtool.cli.output import github, json_format, markdown, text
from kbtool.cli.output.style import Style

REPORTERS = {"text": text.render, "json": json_format.render, "github": github.render, "markdown": markdown.render}


def render(result: Any, output_format: str, style: Style) -> str:
    return REPORTERS[output_format](result, style)
