"""Changing the `reviewed` (and `reviewer`) line of a document, and no other byte.

A YAML round trip would re-quote values, re-flow lists and lose the author's
layout, so the edit is a line edit: the value on the `reviewed:` line is
replaced in place (keeping its quotes and any comment after it), and a
`reviewer:` line is replaced or added right after it, with the same line
ending. Everything else - comments, key order, the body, CRLF or LF line
endings, a byte-order mark - is copied unchanged. The result is parsed again
and compared with the original, so an edit that would change anything else
is refused instead of written.
"""
from __future__ import annotations

import datetime
import re

from kbtool.core.dates import as_date
from kbtool.core.documents import TOP_LEVEL_KEY, parse_text
from kbtool.core.errors import KbError

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
_VALUE = re.compile(r"^(?P<head>[^:]*:)(?P<space>[ \t]*)(?P<value>\"[^\"]*\"|'[^']*'|[^#]*?)(?P<tail>[ \t]+#.*|[ \t]*)$")


def split_lines(text: str) -> list[str]:
    """Lines with their own line endings ("\\r\\n", "\\n" or "\\r"); joined they give `text` back."""
    return [line for line in _LINE.findall(text) if line]


def _content(line: str) -> str:
    return line.rstrip("\r\n")


def _ending(line: str) -> str:
    return line[len(_content(line)) :] or "\n"


def _set_value(line: str, value: str, name: str) -> str:
    match = _VALUE.match(_content(line))
    if not match:
        raise KbError(f"the `{name}` line `{_content(line)}` is not a simple `{name}: value` line", hint="edit it by hand")
    old = match.group("value")
    quote = old[0] if old[:1] in ("'", '"') else ""
    space = match.group("space") or " "
    return f"{match.group('head')}{space}{quote}{value}{quote}{match.group('tail')}" + line[len(_content(line)) :]


def edit_review(text: str, name: str, doc_type: str, date: datetime.date, reviewer: str | None) -> str:
    """`text` with `reviewed: date` (and `reviewer`), every other byte unchanged; KbError when that is not possible."""
    lines = split_lines(text)
    if not lines or _content(lines[0]).lstrip("\ufeff").strip() != "---":
        raise KbError(f"{name}: does not start with front matter")
    close = next((index for index in range(1, len(lines)) if _content(lines[index]).rstrip() in ("---", "...")), None)
    if close is None:
        raise KbError(f"{name}: its front matter is never closed")
    keys: dict[str, list[int]] = {}
    for index in range(1, close):
        match = TOP_LEVEL_KEY.match(_content(lines[index]))
        if match:
            keys.setdefault(match.group(1).strip().strip("'\""), []).append(index)
    for key in ("reviewed", "reviewer"):
        if len(keys.get(key, [])) > 1:
            raise KbError(f"{name}: `{key}` is set more than once", hint="remove the extra line (kbtool validate shows it)")
    edited = list(lines)
    if "reviewed" in keys:
        at = keys["reviewed"][0]
        edited[at] = _set_value(lines[at], date.isoformat(), "reviewed")
    else:
        at = close
        edited.insert(at, f"reviewed: {date.isoformat()}{_ending(lines[close - 1])}")
    if reviewer is not None:
        if "reviewer" in keys:
            spot = keys["reviewer"][0]  # before `close`, so an inserted `reviewed` line never moved it
            edited[spot] = _set_value(edited[spot], reviewer, "reviewer")
        else:
            edited.insert(at + 1, f"reviewer: {reviewer}{_ending(edited[at])}")
    result = "".join(edited)
    _check(text, result, name, doc_type, date, reviewer)
    return result


def _check(before: str, after: str, name: str, doc_type: str, date: datetime.date, reviewer: str | None) -> None:
    """Refuse an edit that changed anything but the review fields, or did not set them."""
    old, _ = parse_text(name, doc_type, _plain_lines(before))
    new, _ = parse_text(name, doc_type, _plain_lines(after))
    changed = new is None or old is None or new.body != old.body
    if not changed:
        assert old is not None and new is not None
        others = {key: value for key, value in old.meta.items() if key not in ("reviewed", "reviewer")}
        changed = {key: value for key, value in new.meta.items() if key not in ("reviewed", "reviewer")} != others
        changed = changed or as_date(new.meta.get("reviewed")) != date or (reviewer is not None and new.meta.get("reviewer") != reviewer)
    if changed:
        raise KbError(f"{name}: the review date cannot be set by changing its `reviewed` line alone", hint="set `reviewed:` by hand, then run kbtool validate")


def _plain_lines(text: str) -> list[str]:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
