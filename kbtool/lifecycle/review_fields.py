"""Reading only the front-matter fields a review report needs, for thousands of files at a time.

Parsing whole front matter (keywords, related ids, change logs) is most of
the cost of reading a document. A review report needs a few scalar fields,
so the other fields' lines are blanked before parsing: line numbers stay
true and the fields read are parsed by the same YAML reader as always. Any
file that is not plainly readable (too large, not UTF-8, a link outside the
repository, broken front matter) goes through `read_document`, which
explains the problem as validation does.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from kbtool.core.config import Config
from kbtool.core.discovery import FILE, walk
from kbtool.core.documents import TOP_LEVEL_KEY, Document, read_document
from kbtool.core.findings import Finding
from kbtool.core.yamlio import YamlProblem, load_fast

REVIEW_FIELDS = frozenset({"id", "title", "status", "owner", "created", "reviewed", "review_every", "version"})
_NOT_A_KEY = frozenset(" \t#-")


def document_files(config: Config) -> Iterator[tuple[Path, str, str]]:
    """(path, document type, root-relative name) of every Markdown file under the content folders, sorted by name."""
    prefix = str(config.root) + os.sep
    found = []
    for entry, doc_type, kind in walk(config):
        if kind != FILE:  # links to folders or nowhere, unreadable folders: validation reports them
            continue
        text = entry.path
        name = text[len(prefix) :].replace(os.sep, "/") if text.startswith(prefix) else config.relative(text)
        found.append((name, text, doc_type))
    for name, text, doc_type in sorted(found):
        yield Path(text), doc_type, name


def read_review_fields(config: Config, path: Path, doc_type: str, name: str) -> tuple[Document | None, list[Finding]]:
    """A document whose `meta` holds only REVIEW_FIELDS (and an empty body); `name` is its root-relative path."""
    try:
        if path.is_symlink():
            raise ValueError
        data = path.read_bytes()
        if len(data) > config.max_file_size or b"\0" in data:
            raise ValueError
        lines = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    except (OSError, ValueError):  # UnicodeDecodeError is a ValueError
        return read_document(config, path, doc_type)
    close = next((index for index in range(1, len(lines)) if lines[index].rstrip() in ("---", "...")), None)
    if lines[0].strip() != "---" or close is None:
        return read_document(config, path, doc_type)
    kept: list[str] = []
    field_lines: dict[str, int] = {}
    keep = False
    for number, line in enumerate(lines[1:close], start=2):
        if line and line[0] not in _NOT_A_KEY and (match := TOP_LEVEL_KEY.match(line)):
            key = match.group(1).strip().strip("'\"")
            keep = key in REVIEW_FIELDS
            field_lines.setdefault(key, number)
        kept.append(line if keep else "")
    try:
        meta = load_fast("\n".join(kept))
    except YamlProblem:
        meta = None
    if not isinstance(meta, dict):
        return read_document(config, path, doc_type)
    document = Document(name, doc_type, {str(key): value for key, value in meta.items()}, "", close + 2, field_lines)
    return document, []
