"""Is the index up to date? A manifest of every indexed file, and a fingerprint to compare cheaply.

Each generation folder holds `manifest.json` (path -> mtime, size, digest)
and `fingerprint` (one hash over every path, mtime and size). The manifest
is a cache that makes "is the index up to date?" a matter of `stat` calls;
the index's own stored digests stay the truth, so a stale manifest costs a
little re-hashing, never a wrong answer.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Iterable

from kbtool.core.config import Config
from kbtool.core.discovery import FILE, UNREADABLE, walk
from kbtool.core.files import write_atomic
from kbtool.core.findings import Finding
from kbtool.search.generations import COMPLETE_MARKER, INDEX_FORMAT, current_generation

MANIFEST = COMPLETE_MARKER
FINGERPRINT = "fingerprint"
LEFT_OUT = "left-out.json"  # the findings of files the index could not read

# name -> [mtime_ns, size, sha1 of the content ("" when the file could not be indexed)]
Manifest = dict[str, list]


def stat_files(config: Config) -> dict[str, tuple[int, int, str]]:
    """Relative path -> (mtime_ns, size, path) of every Markdown file under the content folders, and of every folder there that cannot be listed.

    String paths: this runs before every search, and pathlib objects cost
    more than the `stat` calls themselves.
    """
    prefix = len(str(config.root)) + 1
    files: dict[str, tuple[int, int, str]] = {}
    for entry, _, kind in walk(config):
        if kind not in (FILE, UNREADABLE):
            continue  # a folder that cannot be listed is kept: the index names it as left out
        try:
            stat = entry.stat()
        except OSError:
            continue
        files[entry.path[prefix:].replace(os.sep, "/")] = (stat.st_mtime_ns, stat.st_size, entry.path)
    return files


def read_manifest(folder: Path) -> Manifest:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != INDEX_FORMAT:
        return {}
    files = data.get("files", {})
    return files if isinstance(files, dict) else {}


def fingerprint(stats: Iterable[tuple[str, int, int]]) -> str:
    """One hash of every (path, mtime, size): comparing it is cheaper than reading the manifest."""
    digest = hashlib.sha1(str(INDEX_FORMAT).encode())
    for name, mtime, size in sorted(stats):
        digest.update(f"{name}\0{mtime}\0{size}\n".encode())
    return digest.hexdigest()


def write_manifest(folder: Path, files: Manifest) -> None:
    write_atomic(folder / FINGERPRINT, fingerprint((name, entry[0], entry[1]) for name, entry in files.items()))
    # The manifest goes last: in a new generation it marks the build complete.
    write_atomic(folder / MANIFEST, json.dumps({"format": INDEX_FORMAT, "files": files}))


def is_current(config: Config) -> bool:
    """True when an index exists and no content file changed since it was written."""
    folder = current_generation(config)
    if folder is None:
        return False
    try:
        recorded = (folder / FINGERPRINT).read_text(encoding="utf-8")
    except OSError:
        return False
    files = stat_files(config)
    return recorded == fingerprint((name, mtime, size) for name, (mtime, size, _) in files.items())


def write_left_out(folder: Path, findings: Iterable[Finding]) -> None:
    write_atomic(folder / LEFT_OUT, json.dumps([finding.to_dict() for finding in sorted(findings, key=lambda f: f.path)]))


def read_left_out(folder: Path) -> list[Finding]:
    """Why each file the index holds no document for was left out (one finding per file)."""
    try:
        data = json.loads((folder / LEFT_OUT).read_text(encoding="utf-8"))
        return [Finding(**entry) for entry in data]
    except (OSError, ValueError, TypeError):
        return []
