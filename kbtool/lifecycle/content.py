"""What counts as a document's content when deciding whether it changed since its review.

Content is what agents read and search: the body and every front-matter
field except the review bookkeeping (`kbtool.core.model.REVIEW_BOOKKEEPING`:
reviewed, reviewer, review_every, owner, status, changelog). Recording a
review, reassigning an owner, publishing or archiving is therefore never a
change of content. Comments, blank lines and line endings (CRLF or LF) are
ignored too; any other edit of a field's lines counts, even one that only
re-quotes a value.

The comparison is textual, field by field, so versions of a file read from
git compare quickly (thousands of them in `kbtool freshness`) and a version
with broken YAML still compares.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kbtool.core.documents import TOP_LEVEL_KEY
from kbtool.core.model import REVIEW_BOOKKEEPING

_COMMENT_OR_BLANK = re.compile(r"^\s*(#.*)?$")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)  # the line that closes the front matter


@dataclass(frozen=True)
class Reading:
    """One version of a document, split into its review date and its content."""

    reviewed: str | None  # the text of the `reviewed` field's value; None when absent
    content: str


def read_version(data: bytes) -> Reading:
    """Split one version (the bytes of a file) into its `reviewed` value and its content."""
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    first_end = text.find("\n")
    close = _CLOSE.search(text, first_end + 1) if first_end >= 0 and text[:first_end].strip() == "---" else None
    if close is None:
        return Reading(None, text)
    kept: list[str] = []
    reviewed: str | None = None
    key = ""
    for line in text[first_end + 1 : close.start()].split("\n")[:-1]:  # the front matter's lines (the body is not split)
        match = TOP_LEVEL_KEY.match(line)
        if match:
            key = match.group(1).strip().strip("'\"")
            if key == "reviewed":
                reviewed = _value(line[match.end() :])
        if key in REVIEW_BOOKKEEPING or _COMMENT_OR_BLANK.match(line):
            continue
        kept.append(line.rstrip())
    return Reading(reviewed, "\n".join(kept) + "\n---\n" + text[close.end() + 1 :])


def _value(text: str) -> str:
    """A scalar's value without a trailing comment or quotes."""
    value = re.sub(r"\s+#.*$", "", text).strip()
    return value[1:-1] if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"" else value
