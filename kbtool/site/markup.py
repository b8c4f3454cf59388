"""Escaping for the text kbtool puts into pages: every value from a document is text, never markup."""
from __future__ import annotations

import html
import re

# Python-Markdown's escapable characters (backslash escapes turn them into literals).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def text(value: object) -> str:
    """`value` as HTML text or attribute content: `<`, `>`, `&` and quotes escaped."""
    return html.escape(str(value), quote=True)


def markdown_text(value: object) -> str:
    """`value` as literal text inside Markdown: no emphasis, link, code or HTML can come out of it."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(str(value), quote=False))


def link(href: str, label: str, css: str = "") -> str:
    """An HTML link with an escaped address and label."""
    attribute = f' class="{text(css)}"' if css else ""
    return f'<a href="{text(href)}"{attribute}>{text(label)}</a>'
