"""`.github/CODEOWNERS` lines from the documents' owners, and the check that the file is up to date.

GitHub asks the code owners of the files a pull request changes to review
it, so a line per document naming its owner's handle (`github` in
meta/owners.yml) makes every change to a document reach its owner. kbtool
owns one section of the file, between its BEGIN and END lines; anything
else in the file is kept. GitHub reads the file at the repository's top
level, so this works when the knowledge base is the whole repository.
"""
from __future__ import annotations

import re
from typing import Iterable

from kbtool.core.config import Config
from kbtool.core.documents import Document
from kbtool.core.findings import Finding, make_finding
from kbtool.core.registries import Owner, Registries

CODEOWNERS_FILE = ".github/CODEOWNERS"
BEGIN = "# BEGIN kbtool codeowners: each document's owner reviews changes to it. Written by `kbtool codeowners`; do not edit by hand."
END = "# END kbtool codeowners"
_SPECIAL = re.compile(r"([\\\s#*?\[\]!])")


def owner_lines(documents: Iterable[tuple[str, object]], owners: dict[str, Owner]) -> tuple[list[str], list[tuple[str, str]]]:
    """CODEOWNERS lines for (path, owner) pairs, by path; and the pairs whose owner has no handle."""
    lines, without = [], []
    for path, owner in sorted(documents, key=lambda pair: pair[0]):
        known = owners.get(owner) if isinstance(owner, str) else None
        if known is None:
            continue  # validate reports the unknown owner itself
        if not known.github:
            without.append((path, known.id))
            continue
        lines.append(f"/{escaped(path)} @{known.github}")
    return lines, without


def escaped(path: str) -> str:
    """A path as CODEOWNERS reads it: spaces, `#` and pattern characters escaped with a backslash."""
    return _SPECIAL.sub(r"\\\1", path)


def section_of(text: str) -> tuple[int, list[str]] | None:
    """The line number of kbtool's BEGIN line and the lines between it and END; None when the file has no such section."""
    lines = text.split("\n")
    start = next((index for index, line in enumerate(lines) if line.startswith("# BEGIN kbtool codeowners")), None)
    if start is None:
        return None
    end = next((index for index in range(start + 1, len(lines)) if lines[index].strip() == END), len(lines))
    return start + 1, [line for line in lines[start + 1 : end] if line.strip()]


def with_section(existing: str, lines: list[str]) -> str:
    """The file's text with kbtool's section holding `lines` (added at the end when absent); every other line kept."""
    block = [BEGIN, *lines, END]
    current = existing.split("\n") if existing else []
    if current and current[-1] == "":
        current.pop()
    start = next((index for index, line in enumerate(current) if line.startswith("# BEGIN kbtool codeowners")), None)
    if start is None:
        return "\n".join(current + ([""] if current else []) + block) + "\n"
    end = next((index for index in range(start + 1, len(current)) if current[index].strip() == END), len(current) - 1)
    return "\n".join(current[:start] + block + current[end + 1 :]) + "\n"


def check_codeowners(config: Config, registries: Registries, documents: list[Document]) -> list[Finding]:
    """kbtool's section of .github/CODEOWNERS must name each document's owner as the registry says now."""
    path = config.path(CODEOWNERS_FILE)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []  # no file (or not kbtool's to judge): nothing to keep up to date
    found = section_of(text)
    if found is None:
        return []
    line, current = found
    expected, _ = owner_lines(((document.path, document.meta.get("owner")) for document in documents), registries.owners)
    if current == expected:
        return []
    missing = len(set(expected) - set(current))
    extra = len(set(current) - set(expected))
    detail = ", ".join(part for part in (f"{missing} document line(s) missing or changed" if missing else "", f"{extra} out of date" if extra else "") if part) or "the lines are out of order"
    return [make_finding("codeowners-stale", CODEOWNERS_FILE, line, f"does not match the documents' owners: {detail}")]
