"""Choosing an imported article's kind from its structure, and giving it the sections that kind needs.

* Symptoms (or Problem) with a Resolution (or Solution, or Workaround) is a
  troubleshooting article: the sections are renamed Issue, Resolution and
  Cause, and `## Environment` is added after the Issue from what the source
  says the article applies to (`appliesto`, `tested_with`, ...). A missing
  Cause or empty required section gets one sentence saying the original has
  none, and a note, so validation passes and a person can see what to write.
* A page whose steps are its content (a `## Steps`/`## Procedure` section, or
  no sections and a numbered list) is a how-to with `## Steps`.
* Anything else is a guide, which needs no particular sections.
"""
from __future__ import annotations

import re

from kbtool.core import markdown as md
from kbtool.core.model import REQUIRED_SECTIONS
from kbtool.importers.report import Note

ISSUE = {"symptoms", "symptom", "problem", "problems", "issue", "issues", "problem description", "error"}
RESOLUTION = {"resolution", "resolutions", "solution", "solutions", "fix", "how to fix", "resolution/workaround", "solution/workaround", "resolution and workaround"}
WORKAROUND = {"workaround", "workarounds"}
CAUSE = {"cause", "causes", "root cause", "reason"}
STEPS = {"steps", "procedure", "instructions"}

NOT_STATED = "Not stated in the original article."
NO_CAUSE = "The original article does not state a cause."
EMPTY = "The original article leaves this section empty."
_ATX = re.compile(r"^ {0,3}#")


def arrange(body: str, environment: list[str], notes: list[Note]) -> tuple[str, str]:
    """(kind, body with the kind's sections)."""
    lines = body.split("\n")
    blocks = md.parse(body)
    headings = [block for block in blocks if block.kind == md.HEADING and block.level == 2]
    named = [(block, md.normalise_heading(block.text)) for block in headings]
    issue = _first(named, ISSUE)
    resolution = _first(named, RESOLUTION) or _first(named, WORKAROUND)
    if issue is not None and resolution is not None:
        return "troubleshooting", _troubleshooting(lines, named, issue, resolution, environment, notes)
    steps = next((block for block, name in named if name in STEPS and _numbered_under(blocks, block)), None)
    if steps is not None:
        _rename(lines, steps, "Steps", notes)
        return "howto", _fill_blanks("\n".join(lines), "howto", notes)
    items = [block for block in blocks if block.kind == md.ITEM and block.number is not None and block.level <= 3]
    if not headings and len(items) >= 2:
        lines[items[0].line - 1 : items[0].line - 1] = ["## Steps", ""]
        notes.append(Note("section-added", "steps-only page: `## Steps` added above its numbered list"))
        return "howto", "\n".join(lines)
    return "guide", body


def _first(named: list[tuple[md.Block, str]], names: set[str]) -> md.Block | None:
    return next((block for block, name in named if name in names), None)


def _troubleshooting(lines: list[str], named: list[tuple[md.Block, str]], issue: md.Block, resolution: md.Block, environment: list[str], notes: list[Note]) -> str:
    cause = _first(named, CAUSE)
    renames = [(issue, "Issue"), (resolution, "Resolution")] + ([(cause, "Cause")] if cause else [])
    if cause is None:
        lines += ["", "## Cause", "", NO_CAUSE]
        notes.append(Note("section-added", "`## Cause` added: the original article states none"))
    # Edits from the bottom up keep the line numbers above them true; at the
    # same line a heading is renamed before the Environment goes in above it.
    edits: list[tuple[int, int, str]] = [(block.line - 1, 1, name) for block, name in renames]
    if _first(named, {"environment"}) is None:
        following = [block.line for block, _ in named if block.line > issue.line]
        edits.append((following[0] - 1 if following else len(lines), 0, ""))
    for index, _, name in sorted(edits, reverse=True):
        if name:
            _rename_line(lines, index + 1, name, notes)
        else:
            lines[index:index] = ["## Environment", "", *([f"- {item}" for item in environment] or [NOT_STATED]), ""]
            if environment:
                notes.append(Note("environment-added", "`## Environment` added from the article's applies-to list"))
            else:
                notes.append(Note("section-added", "`## Environment` added; the original article does not say where it applies"))
    return _fill_blanks("\n".join(lines), "troubleshooting", notes)


def _rename(lines: list[str], block: md.Block, name: str, notes: list[Note]) -> None:
    _rename_line(lines, block.line, name, notes)


def _rename_line(lines: list[str], line: int, name: str, notes: list[Note]) -> None:
    """Heading at file line `line` becomes `## name` (a setext heading's underline is removed)."""
    index = line - 1
    old = lines[index]
    if not _ATX.match(old) and index + 1 < len(lines):
        lines[index + 1] = ""
    if md.normalise_heading(old.lstrip("# ")) != name.casefold():
        notes.append(Note("section-renamed", f"`{old.strip().lstrip('#').strip()}` renamed `{name}`"))
    lines[index] = f"## {name}"


def _numbered_under(blocks: list[md.Block], heading: md.Block) -> bool:
    section = next((s for s in md.sections(blocks) if s.line == heading.line), None)
    return section is not None and section.has_numbered_list()


def _fill_blanks(body: str, kind: str, notes: list[Note]) -> str:
    """A sentence in each required section that the original left empty."""
    lines = body.split("\n")
    required = {name.casefold() for name in REQUIRED_SECTIONS[kind]}
    blank = [s for s in md.sections(md.parse(body)) if md.normalise_heading(s.title) in required and s.is_blank()]
    for section in reversed(blank):
        lines[section.line : section.line] = ["", EMPTY, ""]
        notes.append(Note("section-filled", f"`## {section.title}` was empty in the original"))
    return "\n".join(lines)
