"""Planning an import: which id and file each source page gets, matching earlier imports by source path."""
from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from pathlib import Path

from kbtool.core.config import Config
from kbtool.core.dates import as_date
from kbtool.core.documents import read_document
from kbtool.lifecycle.create import allocate_ids, slugify


@dataclass(frozen=True)
class Existing:
    """An article an earlier import wrote into the folder."""

    id: str
    file_name: str
    source: str
    title: str
    dates: tuple[datetime.date, datetime.date] | None = None  # (created, reviewed) as written then


@dataclass(frozen=True)
class Placement:
    id: str
    file_name: str  # inside the import folder
    existing: bool  # an earlier import's file, updated in place


def earlier_imports(config: Config, folder: Path) -> dict[str, Existing]:
    """Source path -> the article an earlier import made of it, for every article in `folder` with a `source`."""
    found: dict[str, Existing] = {}
    if not folder.is_dir():
        return found
    for entry in sorted(os.scandir(folder), key=lambda entry: entry.name):
        if not entry.name.endswith(".md") or not entry.is_file(follow_symlinks=False):
            continue
        document, _ = read_document(config, Path(entry.path), "article")
        source = document.meta.get("source") if document else None
        if document and isinstance(source, dict) and isinstance(source.get("path"), str) and document.id:
            created, reviewed = as_date(document.meta.get("created")), as_date(document.meta.get("reviewed"))
            dates = (created, reviewed) if created and reviewed else None
            found.setdefault(source["path"], Existing(document.id, entry.name, source["path"], document.title, dates))
    return found


def place(config: Config, pages: list[tuple[str, str]], earlier: dict[str, Existing]) -> dict[str, Placement]:
    """Source path -> placement, for pages given as (source path, title) in import order.

    A page imported before keeps its id and file; every other page gets the
    next fresh id (never one in use or deleted in git history), in order.
    """
    fresh = [path for path, _ in pages if path not in earlier]
    ids = iter(allocate_ids(config, "article", len(fresh)) if fresh else [])
    placements: dict[str, Placement] = {}
    for path, title in pages:
        if path in earlier:
            placements[path] = Placement(earlier[path].id, earlier[path].file_name, True)
        else:
            doc_id = next(ids)
            placements[path] = Placement(doc_id, f"{doc_id.lower()}-{slugify(title)}.md", False)
    return placements
