"""Finding documents: the content folders walked, ids looked up from the top of each file."""
from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping

from kbtool.core.config import Config, is_inside
from kbtool.core.documents import Document, read_document
from kbtool.core.errors import KbError, NotFoundError
from kbtool.core.model import normalise_id

_HEAD_ID = re.compile(r"^id:[ \t]*['\"]?([A-Za-z]+-\d+)", re.MULTILINE)
_HEAD_TITLE = re.compile(r"^title:[ \t]*(.+?)[ \t]*$", re.MULTILINE)


def walk(config: Config) -> Iterator[tuple[os.DirEntry[str], str]]:
    """Every Markdown file, and every symlinked folder, under the content folders (unsorted).

    Names starting with a dot are skipped. Symlinked folders are not entered;
    they are yielded so that callers can report those leading outside.
    """
    for doc_type, folder in config.content_dirs().items():
        pending = [str(folder)]
        while pending:
            try:
                entries = list(os.scandir(pending.pop()))
            except OSError:
                continue
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                elif entry.name.endswith(".md") or (entry.is_symlink() and entry.is_dir()):
                    yield entry, doc_type


def discover(config: Config) -> list[tuple[Path, str]]:
    """Every Markdown file to validate, with its document type, sorted.

    Includes symlinked folders that point outside the repository, so they are reported.
    """
    found = []
    for entry, doc_type in walk(config):
        path = Path(entry.path)
        if entry.is_dir() and is_inside(path.resolve(), config.root):
            continue
        found.append((path, doc_type))
    return sorted(found)


def doc_type_of(config: Config, path: Path) -> str | None:
    """"article" or "sop" for a path under a content folder; None elsewhere."""
    absolute = Path(os.path.abspath(path))
    for doc_type, folder in config.content_dirs().items():
        if is_inside(absolute, Path(os.path.abspath(folder))):
            return doc_type
    return None


@dataclass(frozen=True)
class Heading:
    """A document's id, title and file, read from the top of the file only."""

    id: str
    title: str
    path: Path
    doc_type: str


def scan_headings(config: Config) -> dict[str, Heading]:
    """Id -> heading for every document, reading only the first 4 KiB of each file.

    Fast enough for looking up one id or listing titles; it is not validation
    (a malformed file is simply left out, and the first of two equal ids wins).
    """
    found: dict[str, Heading] = {}
    for path, doc_type in discover(config):
        try:
            with path.open("rb") as stream:
                head = stream.read(4096).decode("utf-8", errors="replace")
        except OSError:
            continue
        if not head.startswith("---"):
            continue
        id_match = _HEAD_ID.search(head)
        if id_match and id_match.group(1).upper() not in found:
            title_match = _HEAD_TITLE.search(head)
            title = title_match.group(1).strip("'\"") if title_match else ""
            found[id_match.group(1).upper()] = Heading(id_match.group(1).upper(), title, path, doc_type)
    return found


def find_document(config: Config, doc_id: str, known: Mapping[str, Heading] | None = None) -> Document:
    """The document with id `doc_id` in any common spelling; raises NotFoundError or KbError.

    `known`: an id lookup tried first (a long-lived caller's index); the
    files are scanned when it does not know the id or its file changed.
    """
    wanted = normalise_id(doc_id) or doc_id.strip().upper()
    if known is not None and (heading := known.get(wanted)) is not None:
        document, _ = read_document(config, heading.path, heading.doc_type)
        if document is not None and document.id.upper() == wanted:
            return document
    headings = scan_headings(config)
    heading = headings.get(wanted)
    if heading is None:
        close = difflib.get_close_matches(wanted, list(headings), n=3)
        hint = f"did you mean {', '.join(close)}?" if close else "`kbtool search` finds documents by words"
        raise NotFoundError(f"no document has id {doc_id}", hint=hint)
    document, findings = read_document(config, heading.path, heading.doc_type)
    if document is None:
        problem = findings[0]
        raise KbError(f"{problem.path}:{problem.line}: {problem.message}", hint="run `kbtool validate` for details")
    return document
