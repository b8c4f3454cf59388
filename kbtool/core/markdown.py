"""The one reading of a document body: blocks, sections, links and plain text.

Validation (required sections, numbered steps, links), search (the indexed
and snippet text), `show` and the site all read a body through `parse`, so a
heading, a fenced block, a table, a list item or an `[[ID]]` link means the
same thing everywhere.

It is a small line-based block parser, not a full CommonMark implementation:
validation reads every document on every run (10,000 documents must check in
a few seconds), and kbtool needs to know where blocks start and end, not how
every inline construct nests. What it knows: ATX and setext headings, fenced
code (an unclosed fence runs to the end), GitHub tables, ordered and bullet
list items with their continuation lines, block quotes (with DocFX `[!NOTE]`
callouts), Material admonitions, HTML blocks and comments, DocFX `:::`
directives and thematic breaks. Everything else is a paragraph. What is
inside a block (emphasis, code spans, links, tags) is read by
`kbtool/core/inline.py`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kbtool.core.inline import CODE_SPAN, LINK, SCHEME, to_plain
from kbtool.core.model import REFERENCE

HEADING, PARAGRAPH, ITEM, CODE, TABLE, QUOTE, HTML, DIRECTIVE, ADMONITION, RULE = (
    "heading", "paragraph", "item", "code", "table", "quote", "html", "directive", "admonition", "rule",
)

# A backtick fence's info string holds no backtick: "```x = 1```" on one line is inline code, not a fence.
_FENCE = re.compile(r"^([ \t]*)(`{3,}(?=[^`]*$)|~{3,})(.*)$")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_ITEM = re.compile(r"^([ \t]*)(?:([-*+])|(\d{1,9})[.)])(?:[ \t]+(.*)|$)")
_QUOTE = re.compile(r"^ {0,3}>[ ]?(.*)$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_HTML_START = re.compile(r"^ {0,3}<(?:!--|/?[a-zA-Z][\w-]*(?:[\s/>]|$))")
_DIRECTIVE = re.compile(r"^ {0,3}:::")
_ADMONITION = re.compile(r"^(?:!!!|\?\?\?\+?)[ \t]+([\w-]+)(?:[ \t]+\"(.*)\")?[ \t]*$")
_TABLE_DELIMITER = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_CALLOUT = re.compile(r"^\[!(\w+)\]\s*")


@dataclass(frozen=True)
class Block:
    """One block of a body. `text` keeps its inline Markdown; `plain()` gives readable text."""

    kind: str
    line: int  # file line of the block's first line
    text: str = ""  # heading text; paragraph, item or quote lines joined by "\n"; code content
    level: int = 0  # heading level; indentation (columns) of an item, paragraph, quote, directive or admonition
    number: int | None = None  # an ordered item's number (None for bullets and other blocks)
    rows: tuple[tuple[str, ...], ...] = ()  # table cells, header row first
    info: str = ""  # fence info string, directive or admonition name
    end: int = 0  # file line of a code or HTML block's last line (its closing fence included)

    def plain(self) -> str:
        """The block as text a person reads: inline markup removed, whitespace collapsed."""
        if self.kind == CODE:
            return self.text
        if self.kind == TABLE:
            return "\n".join(" · ".join(to_plain(cell) for cell in row) for row in self.rows)
        if self.kind in (DIRECTIVE, RULE):
            return ""
        return to_plain(self.text)


@dataclass(frozen=True)
class Section:
    title: str
    level: int
    line: int  # line of the heading in the file
    blocks: tuple[Block, ...]  # blocks up to the next heading of the same or higher level

    def is_blank(self) -> bool:
        return not any(block.kind not in (RULE,) and (block.text.strip() or block.rows) for block in self.blocks)

    def steps(self) -> list[Block]:
        """The top-level numbered items: the steps an agent follows."""
        return [block for block in self.blocks if block.kind == ITEM and block.number is not None and block.level <= 3]

    def has_numbered_list(self) -> bool:
        return bool(self.steps())


@dataclass(frozen=True)
class Link:
    kind: str  # "path" for a relative Markdown link, "id" for an [[ID]] reference
    target: str
    line: int


class _Reader:
    """Turns lines into blocks, one pass, no backtracking."""

    def __init__(self, first_line: int) -> None:
        self.first = first_line
        self.blocks: list[Block] = []
        # The indentation of the list item or admonition each block leaves us inside, kept as
        # blocks are added: looking back over them on every line would cost the square of their number.
        self.containers: list[int] = []
        self.open: str | None = None  # kind of the block being collected
        self.open_line = 0
        self.open_level = 0
        self.open_number: int | None = None
        self.lines: list[str] = []

    def close(self) -> None:
        if self.open is None:
            return
        if self.open == TABLE:
            rows = tuple(_cells(line) for index, line in enumerate(self.lines) if index != 1)
            self._add(Block(TABLE, self.open_line, "\n".join(self.lines), rows=rows))
        else:
            self._add(Block(self.open, self.open_line, "\n".join(self.lines), self.open_level, self.open_number))
        self.open, self.lines = None, []

    def _item_indent(self) -> int:
        """How far the text of the list item or admonition we are inside is indented (0 outside them).

        A fence may be indented up to three spaces more than its container:
        at the top level four spaces make indented code, inside a list item
        they are the item's own indentation.
        """
        last = self.containers[-1] if self.containers else 0
        return last if self.open is None else _container_after(Block(self.open, 0, "", self.open_level), last)

    def _add(self, block: Block) -> None:
        self.containers.append(_container_after(block, self.containers[-1] if self.containers else 0))
        self.blocks.append(block)

    def start(self, kind: str, number: int, text: str, level: int = 0, ordinal: int | None = None) -> None:
        self.close()
        self.open, self.open_line, self.open_level, self.open_number, self.lines = kind, number, level, ordinal, [text]

    def read(self, lines: list[str]) -> list[Block]:
        index, count = 0, len(lines)
        while index < count:
            line = lines[index]
            number = self.first + index
            stripped = line.strip()
            if not stripped:
                self.close()
                index += 1
                continue
            first = stripped[0]
            if first in "`~" and (fence := _FENCE.match(line)) and len(fence.group(1).expandtabs(4)) <= 3 + self._item_indent():
                index = self._code(lines, index, fence)
                continue
            if first == "#" and (heading := _ATX.match(line)):
                self.close()
                self._add(Block(HEADING, number, (heading.group(2) or "").strip(), len(heading.group(1))))
            elif self.open == PARAGRAPH and first in "=-" and (setext := _SETEXT.match(line)) and len(self.lines) >= 1:
                text = "\n".join(self.lines).strip()
                self.open = None
                self._add(Block(HEADING, self.open_line, text, 1 if setext.group(1)[0] == "=" else 2))
                self.lines = []
            elif first in "-*_" and _RULE.match(line):
                self.close()
                self._add(Block(RULE, number))
            elif first == ">" and _indent(line) <= 3 + self._item_indent() and (quote := _QUOTE.match(stripped)):
                if self.open != QUOTE:
                    self.start(QUOTE, number, quote.group(1), _indent(line))
                else:
                    self.lines.append(quote.group(1))
            elif "|" in line and (self.open == TABLE or _delimiter_follows(lines, index)):
                if self.open == TABLE:
                    self.lines.append(line)
                else:
                    self.start(TABLE, number, line)
            elif (first in "-*+" or first.isdigit()) and (item := _ITEM.match(line)):
                indent = len(item.group(1).expandtabs(4))
                ordinal = int(item.group(3)) if item.group(3) else None
                self.start(ITEM, number, item.group(4) or "", indent, ordinal)
            elif first == ":" and _DIRECTIVE.match(line):
                self.close()
                self._add(Block(DIRECTIVE, number, stripped, _indent(line), info=stripped.strip(":").split(" ", 1)[0]))
            elif first in "!?" and (admonition := _ADMONITION.match(stripped)) and _indent(line) <= 3 + self._item_indent():
                self.close()
                self._add(Block(ADMONITION, number, admonition.group(2) or admonition.group(1).capitalize(), _indent(line), info=admonition.group(1)))
            elif first == "<" and self.open != PARAGRAPH and _HTML_START.match(line):
                index = self._html(lines, index)
                continue
            else:
                indent = _indent(line)
                if self.open in (PARAGRAPH, ITEM, QUOTE):
                    self.lines.append(stripped)  # a continuation (lazy) line
                elif indent >= 4 + self._item_indent():
                    index = self._indented_code(lines, index, indent)
                    continue
                else:
                    self.start(PARAGRAPH, number, stripped, indent)
            index += 1
        self.close()
        return self.blocks

    def _code(self, lines: list[str], index: int, fence: re.Match[str]) -> int:
        self.close()
        marker, info = fence.group(2), fence.group(3).strip()
        start = index
        content: list[str] = []
        index += 1
        while index < len(lines):
            closing = _FENCE.match(lines[index])
            if closing and closing.group(2)[0] == marker[0] and len(closing.group(2)) >= len(marker) and not closing.group(3).strip():
                index += 1
                break
            content.append(lines[index])
            index += 1
        self._add(Block(CODE, self.first + start, "\n".join(content), len(fence.group(1).expandtabs(4)), info=info, end=self.first + index - 1))
        return index

    def _indented_code(self, lines: list[str], index: int, indent: int) -> int:
        """Code indented four spaces past its container: it runs until a line indented less."""
        self.close()
        start, content = index, []
        while index < len(lines) and (not lines[index].strip() or _indent(lines[index]) >= indent):
            content.append(lines[index][indent:])
            index += 1
        while content and not content[-1].strip():
            content.pop()
            index -= 1
        self._add(Block(CODE, self.first + start, "\n".join(content), indent, info="indented", end=self.first + start + len(content) - 1))
        return index

    def _html(self, lines: list[str], index: int) -> int:
        self.close()
        start = index
        comment = lines[index].lstrip().startswith("<!--")
        content: list[str] = []
        while index < len(lines):
            line = lines[index]
            if not comment and not line.strip():
                break
            content.append(line)
            index += 1
            if comment and "-->" in line:
                break
        self._add(Block(HTML, self.first + start, "\n".join(content), info="comment" if comment else "", end=self.first + index - 1))
        return index


def _container_after(block: Block, before: int) -> int:
    """The container indentation after `block`, given the one before it."""
    if block.kind == ITEM:
        return block.level + 3
    if block.kind == ADMONITION:
        return block.level + 4  # its body is indented four spaces (Material)
    if block.kind in (PARAGRAPH, CODE, DIRECTIVE, QUOTE) and block.level > 0:
        return before  # an item's indented continuation: still inside it
    return 0


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _delimiter_follows(lines: list[str], index: int) -> bool:
    """A GitHub table starts at a row followed by a `---|---` delimiter row."""
    following = lines[index + 1] if index + 1 < len(lines) else ""
    return "-" in following and bool(_TABLE_DELIMITER.match(following))


def _cells(line: str) -> tuple[str, ...]:
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    return tuple(cell.strip() for cell in re.split(r"(?<!\\)\|", text))


def parse(body: str, first_line: int = 1) -> list[Block]:
    """The blocks of a body whose first line is file line `first_line`."""
    if "\t" in body:
        body = body.replace("\t", "    ")
    return _Reader(first_line).read(body.split("\n"))


def verbatim_lines(blocks: list[Block], kinds: tuple[str, ...] = (CODE, HTML)) -> set[int]:
    """File lines inside fenced code (fences included) and HTML blocks: text shown as written, never rewritten or linked."""
    lines: set[int] = set()
    for block in blocks:
        if block.kind in kinds:
            lines.update(range(block.line, max(block.line, block.end) + 1))
    return lines


def sections(blocks: list[Block], level: int = 2) -> list[Section]:
    """Headings of `level` with the blocks under them, in order."""
    found: list[Section] = []
    current: Block | None = None
    content: list[Block] = []
    for block in blocks:
        if block.kind == HEADING and block.level <= level:
            if current is not None:
                found.append(Section(current.text, level, current.line, tuple(content)))
            current = block if block.level == level else None
            content = []
        elif current is not None:
            content.append(block)
    if current is not None:
        found.append(Section(current.text, level, current.line, tuple(content)))
    return found


def find_section(blocks: list[Block], name: str, level: int = 2) -> Section | None:
    wanted = normalise_heading(name)
    return next((section for section in sections(blocks, level) if normalise_heading(section.title) == wanted), None)


def normalise_heading(title: str) -> str:
    return re.sub(r"[\s:.]+$", "", to_plain(title)).casefold()


def links(blocks: list[Block]) -> list[Link]:
    """Relative links and [[ID]] references outside code, with their file lines."""
    found: list[Link] = []
    for block in blocks:
        if block.kind in (CODE, HTML, DIRECTIVE, RULE):
            continue
        text = block.text
        if "](" not in text and "[[" not in text:
            continue
        if "`" in text:
            text = CODE_SPAN.sub(lambda m: " " * len(m.group(0)), text)  # keep offsets for line numbers
        for match in REFERENCE.finditer(text):
            found.append(Link("id", match.group(1), block.line + text.count("\n", 0, match.start())))
        for match in LINK.finditer(text):
            target = match.group(3)
            if not target or target.startswith("#") or SCHEME.match(target) or target.startswith("//"):
                continue
            found.append(Link("path", target, block.line + text.count("\n", 0, match.start())))
    return found


def references(blocks: list[Block]) -> list[str]:
    """The targets of the body's [[ID]] references, in order, without repeats."""
    return list(dict.fromkeys(link.target for link in links(blocks) if link.kind == "id"))


def plain_text(blocks: list[Block]) -> str:
    """The body as readable text, one line per block (a table row per line).

    Each line ends as a sentence would, so a snippet cut across lines reads
    as prose: a heading is followed by a dash, other lines by a full stop
    when they end in a word.
    """
    lines: list[str] = []
    for block in blocks:
        text = block.plain()
        if not text:
            continue
        if block.kind == HEADING:
            lines.append(text if text[-1] in ".?!:" else text + " —")
        elif block.kind == CODE:
            lines.extend(line for line in text.split("\n") if line.strip())
        else:
            for line in text.split("\n"):
                lines.append(line + "." if line and (line[-1].isalnum() or line[-1] in ")\"'") else line)
    return "\n".join(lines)
