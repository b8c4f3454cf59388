"""Index generations: one folder per full build, and a `CURRENT` file naming the one in use.

A full build writes a new `gen-...` folder and then replaces `CURRENT`
atomically, so a search running meanwhile, or a build killed half-way,
always finds a complete index. Superseded folders are kept for a grace
period, counted from when they were superseded, in case a search still
reads them.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from kbtool.core.config import Config
from kbtool.core.errors import KbError
from kbtool.core.files import write_atomic

# What a generation holds: bump when the index schema or the text analysis changes (fields.py,
# analysis.py, the Markdown reading); an index of another format is rebuilt, never misread.
INDEX_FORMAT = 15
CURRENT = "CURRENT"
# Written last into a finished generation: its presence means "complete".
COMPLETE_MARKER = "manifest.json"
# Written into a generation when another one replaces it.
SUPERSEDED_MARKER = "superseded"
# A superseded build is kept this long after it was replaced, in case a
# search still reads it; an unfinished one this long, in case a build is
# still writing it.
SUPERSEDED_GRACE = 60
UNFINISHED_GRACE = 3600


def index_root(config: Config) -> Path:
    return config.state_path / "index"


def current_generation(config: Config) -> Path | None:
    """The folder of the index in use, or None when there is no complete index."""
    root = index_root(config)
    try:
        name = (root / CURRENT).read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    folder = root / name
    if not name or "/" in name or not (folder / COMPLETE_MARKER).is_file():
        return None
    return folder


def new_generation(config: Config) -> Path:
    """A fresh, empty folder for a full build, readable by whoever may read the repository."""
    root = index_root(config)
    try:
        root.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=f"gen-{time.strftime('%Y%m%d%H%M%S')}-", dir=root))
    except OSError as error:
        raise KbError(f"cannot write the search index in {root}: {error.strerror or error}") from None
    # mkdtemp makes a private folder; an index shared by a team must be searchable by all of it.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(folder, 0o777 & ~umask)
    return folder


def switch_to(config: Config, folder: Path) -> None:
    """Make `folder` the generation in use, mark the one it replaces, and clean up old ones."""
    previous = current_generation(config)
    write_atomic(index_root(config) / CURRENT, folder.name + "\n")
    if previous is not None and previous != folder:
        try:
            (previous / SUPERSEDED_MARKER).write_text(f"{time.time()}\n", encoding="utf-8")
        except OSError:
            pass
    remove_old_generations(config, keep={folder.name})


def _superseded_at(folder: Path) -> float | None:
    try:
        return float((folder / SUPERSEDED_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def remove_old_generations(config: Config, keep: set[str]) -> None:
    """Delete generations superseded over a minute ago and the leftovers of builds killed an hour ago."""
    now = time.time()
    root = index_root(config)
    for child in root.iterdir():
        if not child.name.startswith("gen-") or child.name in keep:
            continue
        try:
            if (child / COMPLETE_MARKER).exists():
                # A complete generation that was never marked (an older kbtool replaced it) counts from now.
                since = _superseded_at(child)
                if since is None:
                    (child / SUPERSEDED_MARKER).write_text(f"{now}\n", encoding="utf-8")
                    continue
                expired = since < now - SUPERSEDED_GRACE
            else:
                expired = child.stat().st_mtime < now - UNFINISHED_GRACE
            if expired:
                shutil.rmtree(child, ignore_errors=True)
        except OSError:
            continue
