"""Search-result snippets cut from the stored plain text, with highlight spans.

Built with one regular expression per query rather than Whoosh's highlighter,
which re-analyses the whole stored text and costs about half of a query.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

WIDTH = 220


@dataclass(frozen=True)
class Snippet:
    text: str
    highlights: list[tuple[int, int]] = field(default_factory=list)


def term_pattern(forms: set[str]) -> re.Pattern[str] | None:
    """Matches any word starting with one of `forms` (a stem also matches its inflections)."""
    usable = sorted({form for form in forms if len(form) >= 2}, key=len, reverse=True)
    if not usable:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(form) for form in usable) + r")\w*", re.IGNORECASE)


def make_snippet(text: str, pattern: re.Pattern[str] | None, width: int = WIDTH) -> Snippet:
    """The `width`-character window of `text` holding the most distinct matched words."""
    flat = " ".join(text.split())
    matches = list(pattern.finditer(flat)) if pattern else []
    if not matches:
        return Snippet(_trim(flat, 0, width)[0])
    best_start, best_score = 0, -1
    for index, match in enumerate(matches):
        start = max(0, match.start() - 40)
        distinct = {m.group(0).lower() for m in matches[index:] if m.end() <= start + width}
        if len(distinct) > best_score:
            best_start, best_score = start, len(distinct)
    snippet, offset = _trim(flat, best_start, width)
    highlights = [
        (m.start() - offset, m.end() - offset)
        for m in matches
        if m.start() >= offset and m.end() - offset <= len(snippet)
    ]
    return Snippet(snippet, highlights)


def _trim(text: str, start: int, width: int) -> tuple[str, int]:
    """Cut at word boundaries, adding ellipses; returns the text and where it starts in `text`."""
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + width // 2 else end
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + text[start:end] + suffix, start - len(prefix)
