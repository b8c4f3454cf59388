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


# A document can be long (up to the 1 MB file limit) and full of matches: only
# the first this many are considered, so a snippet costs the same on any size.
MAX_MATCHES = 500


def make_snippet(text: str, pattern: re.Pattern[str] | None, width: int = WIDTH) -> Snippet:
    """The `width`-character window of `text` holding the most distinct matched words.

    One pass with a sliding window over the matches: linear in the text,
    never in the square of the matches.
    """
    flat = " ".join(text.split())
    matches: list[re.Match[str]] = []
    if pattern:
        for match in pattern.finditer(flat):
            matches.append(match)
            if len(matches) >= MAX_MATCHES:
                break
    if not matches:
        return Snippet(_trim(flat, 0, width)[0])
    best_start = best_window([(m.start(), m.end(), m.group(0).lower()) for m in matches], width)
    snippet, offset = _trim(flat, best_start, width)
    highlights = [
        (m.start() - offset, m.end() - offset)
        for m in matches
        if m.start() >= offset and m.end() - offset <= len(snippet)
    ]
    return Snippet(snippet, highlights)


def best_window(matches: list[tuple[int, int, str]], width: int) -> int:
    """Where the window starting 40 characters before a match holds the most distinct matched words.

    `matches` are (start, end, word) in text order; the first best window wins.
    """
    in_window: dict[str, int] = {}
    best_start, best_score, right = 0, -1, 0
    for index, (begin, _, word) in enumerate(matches):
        start = max(0, begin - 40)
        while right < len(matches) and matches[right][1] <= start + width:
            in_window[matches[right][2]] = in_window.get(matches[right][2], 0) + 1
            right += 1
        if len(in_window) > best_score:
            best_start, best_score = start, len(in_window)
        if right > index:  # this match leaves the window as the next one opens it
            count = in_window[word] - 1
            if count:
                in_window[word] = count
            else:
                del in_window[word]
    return best_start


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
