"""`kbtool show` in a terminal: the document's facts, then its body wrapped to the terminal's width.

Prose is wrapped (code never), tables become aligned columns, steps a
numbered list with hanging indents, and the related documents close the page
as what to read next.
"""
from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Any

from kbtool.cli.output.style import Style
from kbtool.core import inline
from kbtool.core import markdown as md

if TYPE_CHECKING:  # pragma: no cover
    from kbtool.view import DocumentView

MAX_WIDTH = 100  # longer lines are hard to read, however wide the terminal

# (text, styles) runs of one block's inline Markdown.
Run = tuple[str, dict[str, Any]]

def render_document(shown: DocumentView, style: Style) -> str:
    width = max(40, min(style.width, MAX_WIDTH))
    lines = _header(shown, style)
    lines.append("")
    for block in shown.document.blocks:
        lines.extend(_block(block, shown.titles, style, width))
    lines.extend(_related(shown, style))
    lines.extend(_source(shown, style))
    return "\n".join(_collapse_blank(lines)).strip("\n")


def _header(shown: DocumentView, style: Style) -> list[str]:
    document, meta = shown.document, shown.document.meta
    lines = [style(f"{document.id}  {document.title}", bold=True)]
    facts = [f"{document.doc_type}", f"status {document.status}"]
    if document.doc_type == "sop" and meta.get("version"):
        facts.append(f"version {meta['version']}")
    facts.append(f"owner {shown.owner_name}" + (f" ({shown.owner_team})" if shown.owner_team else ""))
    lines.append(" · ".join(facts))
    reviewed = shown.review.reviewed.isoformat() if shown.review.reviewed else "never"
    # An archived document has no review state: it says so instead of a due date.
    review_line = f"last reviewed {reviewed} · {shown.review.describe()}"
    colour = {"overdue": "red", "due-soon": "yellow", "unknown": "yellow"}.get(shown.review.state)
    lines.append(style(review_line, fg=colour, bold=True) if colour else review_line)
    if document.status != "published":
        lines.append(style(f"This document is {document.status.upper()}: do not rely on it on a call.", fg="red", bold=True))
    if isinstance(meta.get("tags"), list):
        lines.append("tags: " + ", ".join(str(tag) for tag in meta["tags"]))
    lines.append(document.path)
    return lines


def _block(block: md.Block, titles: dict[str, str], style: Style, width: int) -> list[str]:
    kind = block.kind
    if kind == md.HEADING:
        text = inline.to_plain(block.text)
        return ["", style(text.upper() if block.level <= 2 else text, bold=True, underline=block.level <= 2)]
    if kind == md.CODE:
        return [""] + [style("    " + line, fg="cyan") for line in block.text.split("\n")] + [""]
    if kind == md.TABLE:
        return [""] + _table(block, style, width) + [""]
    if kind == md.ITEM:
        indent = " " * min(block.level, 12)
        marker = f"{block.number}. " if block.number is not None else "• "
        return _wrap(_runs(block.text, titles), style, width, indent + marker, indent + " " * len(marker))
    if kind == md.QUOTE:
        text = re.sub(r"^\[!(\w+)\]\s*", lambda m: m.group(1).capitalize() + ": ", block.text)
        return [""] + _wrap(_runs(text, titles), style, width, "│ ", "│ ") + [""]
    if kind == md.ADMONITION:
        return ["", style(block.text + ":", bold=True)]
    if kind == md.HTML:
        text = inline.to_plain(block.text)
        return ["", *_wrap([(text, {})], style, width, "", ""), ""] if text else []
    if kind in (md.DIRECTIVE, md.RULE):
        return []
    indent = " " * min(block.level, 12)
    return ["", *_wrap(_runs(block.text, titles), style, width, indent, indent), ""]


def _runs(text: str, titles: dict[str, str]) -> list[Run]:
    """Inline Markdown as styled runs: references named with their titles, links with their address, images left out."""
    runs: list[Run] = []
    for span in inline.spans(text):
        if span.kind == "ref":
            title = titles.get(span.target.upper()) or titles.get(span.target)
            shown = f"{span.text} ({span.target})" if span.text else span.target + (f" ({title})" if title else "")
            runs.append((shown, {"fg": "blue", "bold": True}))
        elif span.kind == "link":
            address = f" <{span.target}>" if span.target and not span.target.startswith("#") and span.target != span.text else ""
            runs.append((span.text + address, {"underline": True}))
        elif span.kind == "code":
            runs.append((span.text, {"fg": "cyan"}))
        elif span.kind == "strong":
            runs.append((span.text, {"bold": True}))
        elif span.kind == "text":
            runs.append((span.text, {}))
    return [(content, styles) for content, styles in runs if content]


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1 for ch in text)


def _wrap(runs: list[Run], style: Style, width: int, first: str, rest: str) -> list[str]:
    """Greedy word wrap over styled runs, measuring only the visible text."""
    words: list[tuple[str, dict[str, Any], bool]] = []  # (word, styles, preceded by a space)
    space = False
    for content, styles in runs:
        for piece in re.split(r"(\s+)", content):
            if not piece:
                continue
            if piece.isspace():
                space = True
                continue
            words.append((piece, styles, space))
            space = False
    lines: list[str] = []
    current, used = first, display_width(first)
    empty = True
    for word, styles, spaced in words:
        size = display_width(word)
        gap = 1 if spaced and not empty else 0
        if not empty and used + gap + size > width:
            lines.append(current)
            current, used, empty, gap = rest, display_width(rest), True, 0
        current += " " * gap + (style(word, **styles) if styles else word)
        used += gap + size
        empty = False
    if not empty:
        lines.append(current)
    return lines


def _table(block: md.Block, style: Style, width: int) -> list[str]:
    rows = [[inline.to_plain(cell) for cell in row] for row in block.rows]
    columns = max(len(row) for row in rows)
    rows = [row + [""] * (columns - len(row)) for row in rows]
    widths = [max(display_width(row[index]) for row in rows) for index in range(columns)]
    # Too wide for the terminal: shrink the widest columns, then wrap cells inside them.
    budget = width - 3 * (columns - 1)
    while sum(widths) > budget and max(widths) > 8:
        widest = widths.index(max(widths))
        widths[widest] -= 1
    output = []
    for number, row in enumerate(rows):
        cells = [_wrap([(cell, {})], style, widths[index], "", "") or [""] for index, cell in enumerate(row)]
        for line in range(max(len(cell) for cell in cells)):
            parts = []
            for index, cell in enumerate(cells):
                text = cell[line] if line < len(cell) else ""
                parts.append(text + " " * (widths[index] - display_width(text)))
            joined = " │ ".join(parts).rstrip()
            output.append(style(joined, bold=True) if number == 0 else joined)
        if number == 0:
            output.append("─┼─".join("─" * size for size in widths))
    return output


def _related(shown: DocumentView, style: Style) -> list[str]:
    if not shown.related:
        return []
    lines = ["", style("READ NEXT", bold=True, underline=True)]
    for ref in shown.related:
        title = shown.titles.get(ref.upper()) or shown.titles.get(ref)
        lines.append(f"  {style(ref, fg='blue', bold=True)}  {title}" if title else f"  {style(ref, fg='blue', bold=True)}")
    return lines


def _source(shown: DocumentView, style: Style) -> list[str]:
    """An imported document's origin: its path in the source collection and the original front matter."""
    source = shown.document.meta.get("source")
    if not isinstance(source, dict):
        return []
    lines = ["", style("SOURCE", bold=True, underline=True), f"  imported from {source.get('path')}"]
    original = source.get("front_matter")
    if isinstance(original, dict):
        lines += [style(f"  {key}: {_short(value)}", dim=True) for key, value in original.items()]
    elif isinstance(source.get("front_matter_text"), str):
        lines += [style("  " + line, dim=True) for line in source["front_matter_text"].splitlines()]
    return lines


def _short(value: Any, limit: int = 90) -> str:
    text = ", ".join(map(str, value)) if isinstance(value, list) else "" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _collapse_blank(lines: list[str]) -> list[str]:
    output: list[str] = []
    for line in lines:
        if not line.strip() and (not output or not output[-1].strip()):
            continue
        output.append(line.rstrip())
    return output
