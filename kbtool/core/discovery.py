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
from kbtool.core.model import ID_EXACT_SPELLING, spelled_ids, type_of_id

_HEAD_ID = re.compile(r"^id:[ \t]*['\"]?([A-Za-z]+-\d+)", re.MULTILINE)
_HEAD_TITLE = re.compile(r"^title:[ \t]*(.+?)[ \t]*$", re.MULTILINE)


FILE, LINK, UNREADABLE = "file", "link", "unreadable"


def walk(config: Config) -> Iterator[tuple[os.DirEntry[str], str, str]]:
    """(entry, document type, what it is) under the content folders, unsorted.

    What it is: FILE, a Markdown file; LINK, a symbolic link that is not a
    plain Markdown file (to a folder, to nowhere, or to itself); UNREADABLE, a
    folder that cannot be listed. Names starting with a dot are skipped, and
    linked folders are never entered, so a link loop cannot trap the walk.
    """
    for doc_type, folder in config.content_dirs().items():
        try:
            top = os.scandir(folder)
        except OSError:
            continue  # a missing content folder simply holds no documents
        pending: list[Iterator[os.DirEntry[str]]] = [top]
        while pending:
            listing = pending.pop()
            with listing:
                entries = list(listing)
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                try:
                    if entry.is_symlink():
                        if entry.name.endswith(".md") and entry.is_file():
                            yield entry, doc_type, FILE
                        else:
                            yield entry, doc_type, LINK
                    elif entry.is_dir():
                        try:
                            pending.append(os.scandir(entry.path))
                        except OSError:
                            yield entry, doc_type, UNREADABLE
                    elif entry.name.endswith(".md"):
                        yield entry, doc_type, FILE
                except OSError:  # a link loop: is_file() and is_dir() cannot follow it
                    yield entry, doc_type, LINK


def discover(config: Config) -> list[tuple[Path, str]]:
    """Every path validation must report on, with its document type, sorted.

    Markdown files, plus what cannot be read as one: folders that cannot be
    listed, links to folders outside the repository, links that loop or
    lead nowhere. Links to folders inside the repository are skipped (their
    files are found where they are).
    """
    found = []
    for entry, doc_type, kind in walk(config):
        path = Path(entry.path)
        if kind == LINK and entry.name.endswith(".md") is False:
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):
                target = None  # loops and dangling links are reported by read_document
            if target is not None and (not target.is_dir() or is_inside(target, config.root)):
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
    (a malformed file is simply left out). Of two files with one id, the one
    in the folder the id belongs to wins (an SOP id under sops/).
    """
    found: dict[str, Heading] = {}
    for heading in sorted(all_headings(config), key=lambda h: (h.id, not _in_its_folder(h), str(h.path))):
        found.setdefault(heading.id, heading)
    return found


def _in_its_folder(heading: Heading) -> bool:
    return type_of_id(heading.id) == heading.doc_type


def all_headings(config: Config) -> list[Heading]:
    """Every document's heading, duplicates included, in path order."""
    found: list[Heading] = []
    for path, doc_type in discover(config):
        try:
            with path.open("rb") as stream:
                head = stream.read(4096).decode("utf-8", errors="replace").lstrip("\ufeff").replace("\r\n", "\n")
        except OSError:
            continue
        if not head.startswith("---"):
            continue
        id_match = _HEAD_ID.search(head)
        if id_match:
            title_match = _HEAD_TITLE.search(head)
            title = title_match.group(1).strip().strip("'\"") if title_match else ""
            found.append(Heading(id_match.group(1).upper(), title, path, doc_type))
    return found


def find_document(config: Config, doc_id: str, known: Mapping[str, Heading] | None = None) -> Document:
    """The document with id `doc_id` in any common spelling; raises NotFoundError or KbError.

    `known`: an id lookup tried first (a long-lived caller's index, which
    knows an id only when exactly one document holds it); the files are
    scanned when it does not know the id, or the file no longer holds it.
    """
    match = ID_EXACT_SPELLING.match(doc_id)
    spellings = spelled_ids(match.group(1), match.group(2)) if match else [doc_id.strip().upper()]
    if known is not None:
        for wanted in spellings:
            if (heading := known.get(wanted)) is not None and _in_its_folder(heading):
                document, _ = read_document(config, heading.path, heading.doc_type)
                if document is not None and document.id.upper() == wanted:
                    return document
    everything = all_headings(config)
    held = {heading.id for heading in everything}
    wanted = next((spelling for spelling in spellings if spelling in held), spellings[0])
    claims = [heading for heading in everything if heading.id == wanted]
    if not claims:
        close = difflib.get_close_matches(wanted, sorted({heading.id for heading in everything}), n=3)
        hint = f"did you mean {', '.join(close)}?" if close else "`kbtool search` finds documents by words"
        raise NotFoundError(f"no document has id {doc_id}", hint=hint)
    # Never serve a document whose id is in error: the folder decides (an SOP id
    # belongs under sops/), and two files in the right folder leave it undecided.
    genuine = [heading for heading in claims if _in_its_folder(heading)]
    if len(genuine) != 1:
        files = ", ".join(config.relative(heading.path) for heading in genuine or claims)
        problem = f"id {wanted} is claimed by {files}" if len(genuine) > 1 else f"{files} holds id {wanted}, which belongs in the other folder"
        raise KbError(problem, hint="run `kbtool validate` and fix the id first")
    heading = genuine[0]
    document, findings = read_document(config, heading.path, heading.doc_type)
    if document is None:
        problem = findings[0]
        raise KbError(f"{problem.path}:{problem.line}: {problem.message}", hint="run `kbtool validate` for details")
    return document
