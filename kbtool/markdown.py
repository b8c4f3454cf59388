"""The few Markdown facts kbtool needs: sections, numbered lists and links.

Deliberately line-based rather than a full parser: validation reads every
document on every run, and these answers need only to know where headings,
fenced code, list items and links are.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_ORDERED_ITEM = re.compile(r"^\s{0,3}\d{1,9}[.)]\s+\S")
_INLINE_CODE = re.compile(r"`+[^`]*`+")
_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)")
_REFERENCE = re.compile(r"\[\[\s*([^\[\]\s|]+)\s*(?:\|[^\]]*)?\]\]")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass(frozen=True)
class Section:
    title: str
    level: int
    line: int  # line of the heading in the file
    content: tuple[str, ...]  # lines up to the next heading of the same or higher level

    def is_blank(self) -> bool:
        return not any(line.strip() for line in self.content)

    def has_numbered_list(self) -> bool:
        return any(_ORDERED_ITEM.match(line) for line in self.content)


@dataclass(frozen=True)
class Link:
    kind: str  # "path" for a relative Markdown link, "id" for an [[ID]] reference
    target: str
    line: int


def prose_lines(body: str, first_line: int) -> list[tuple[int, str, bool]]:
    """(file line number, text, inside fenced code) for each body line."""
    lines = body.split("\n")
    if "```" not in body and "~~~" not in body:
        return [(first_line + offset, line, False) for offset, line in enumerate(lines)]
    result = []
    fence: str | None = None
    for offset, line in enumerate(lines):
        match = _FENCE.match(line)
        if match:
            marker = match.group(1)
            if fence is None:
                fence = marker[0] * len(marker)
                result.append((first_line + offset, line, True))
                continue
            if marker.startswith(fence):
                fence = None
                result.append((first_line + offset, line, True))
                continue
        result.append((first_line + offset, line, fence is not None))
    return result


def sections(body: str, first_line: int, level: int = 2) -> list[Section]:
    """Headings of `level` with their content, in order."""
    lines = prose_lines(body, first_line)
    found: list[Section] = []
    current: tuple[str, int] | None = None
    content: list[str] = []
    for number, text, in_code in lines:
        match = None if in_code or "#" not in text[:4] else _HEADING.match(text)
        if match and len(match.group(1)) <= level:
            if current:
                found.append(Section(current[0], level, current[1], tuple(content)))
            current = (match.group(2).strip(), number) if len(match.group(1)) == level else None
            content = []
        elif current:
            content.append(text)
    if current:
        found.append(Section(current[0], level, current[1], tuple(content)))
    return found


def links(body: str, first_line: int) -> list[Link]:
    """Relative links and [[ID]] references outside code, with their lines."""
    found: list[Link] = []
    for number, text, in_code in prose_lines(body, first_line):
        if in_code or ("](" not in text and "[[" not in text):
            continue
        text = _INLINE_CODE.sub("", text)
        for match in _REFERENCE.finditer(text):
            found.append(Link("id", match.group(1), number))
        for match in _LINK.finditer(text):
            target = match.group(1)
            if target.startswith("#") or _SCHEME.match(target) or target.startswith("//"):
                continue
            found.append(Link("path", target, number))
    return found


def normalise_heading(title: str) -> str:
    return re.sub(r"[\s:.]+$", "", title).casefold()
