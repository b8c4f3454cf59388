"""Writing an import all at once: the folder is built beside the old one and swapped in, registries first.

Readers (validate, index, a site build) see the old folder or the new one,
never half of it; an import that fails or is interrupted leaves the
knowledge base as it was (at most with registry entries nobody uses yet).
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from kbtool.core.config import Config
from kbtool.core.files import write_atomic
from kbtool.core.registries import Owner
from kbtool.core.yamlio import dump_roundtrip, load_roundtrip


def write_folder(folder: Path, articles: dict[str, str], assets: dict[str, Path]) -> dict[str, str]:
    """Write `articles` (file name -> text) and copy `assets` (path in the folder -> source file) into `folder`.

    Returns file name -> "created", "updated" or "unchanged". Files already in
    the folder that the import does not write are kept.
    """
    staging = folder.parent / f".{folder.name}.importing-{os.getpid()}"
    backup = folder.parent / f".{folder.name}.replaced-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    actions: dict[str, str] = {}
    try:
        if folder.is_dir():
            shutil.copytree(folder, staging, symlinks=True)
        else:
            staging.mkdir(parents=True)
        for name, text in articles.items():
            target = staging / name
            old = target.read_text(encoding="utf-8") if target.is_file() else None
            actions[name] = "created" if old is None else "unchanged" if old == text else "updated"
            if old != text:
                target.write_text(text, encoding="utf-8", newline="\n")
        for relative, source in assets.items():
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        if folder.is_dir():
            os.rename(folder, backup)
        os.rename(staging, folder)
    except BaseException:
        if backup.is_dir() and not folder.exists():
            os.rename(backup, folder)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(backup, ignore_errors=True)
    return actions


def extend_registries(config: Config, owners: list[Owner], tags: dict[str, str]) -> None:
    """Add owners and tags to the registries, keeping their comments and order."""
    if owners:
        path = config.path(config.owners_file)
        data = load_roundtrip(path.read_text(encoding="utf-8"))
        for owner in owners:
            data["owners"].append({"id": owner.id, "name": owner.name, "email": owner.email, "team": owner.team})
        write_atomic(path, dump_roundtrip(data))
    if tags:
        path = config.path(config.tags_file)
        data = load_roundtrip(path.read_text(encoding="utf-8"))
        for tag, description in tags.items():
            data["tags"][tag] = description
        write_atomic(path, dump_roundtrip(data))
