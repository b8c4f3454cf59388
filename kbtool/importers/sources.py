"""Reading the source folder: every Markdown file found, read as text or set aside with a reason.

Only ever reads. Symbolic links are never followed out of the source folder,
and a link to a file inside it is left to that file (so nothing is imported
twice). Bytes that are not UTF-8 are read as Windows-1252 (what most such
files are) and said so; line endings become `\\n`; control characters
(never meaningful in Markdown, and able to act on a terminal) are removed.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from kbtool.core.config import is_inside
from kbtool.core.safety import CONTROL
from kbtool.importers.report import Note, SkippedFile

MARKDOWN_SUFFIXES = (".md", ".markdown")


@dataclass
class SourceFile:
    path: str  # relative to the source folder, forward slashes
    absolute: Path
    text: str  # decoded, with `\n` line endings
    notes: list[Note] = field(default_factory=list)


def is_markdown(name: str) -> bool:
    return name.lower().endswith(MARKDOWN_SUFFIXES)


def find_markdown(source_dir: Path) -> tuple[list[Path], list[SkippedFile]]:
    """Every Markdown file under `source_dir` (sorted), and symlinked folders set aside."""
    found: list[Path] = []
    skipped: list[SkippedFile] = []
    for folder, subfolders, names in os.walk(source_dir):
        base = Path(folder)
        subfolders[:] = sorted(name for name in subfolders if name != ".git")
        for name in list(subfolders):
            if (base / name).is_symlink():
                subfolders.remove(name)
                relative = (base / name).relative_to(source_dir).as_posix()
                skipped.append(SkippedFile(relative + "/", f"symbolic link to a folder ({os.readlink(base / name)}): not followed"))
        found.extend(base / name for name in names if is_markdown(name))
    return sorted(found), skipped


def read_source(source_dir: Path, path: Path, max_size: int) -> SourceFile | SkippedFile:
    """The file as text, or why it cannot be imported."""
    relative = path.relative_to(source_dir).as_posix()
    if path.is_symlink():
        target = path.resolve()
        if not target.exists():
            return SkippedFile(relative, f"broken symbolic link (to {os.readlink(path)})")
        if not is_inside(target, source_dir.resolve()):
            return SkippedFile(relative, f"symbolic link to {os.readlink(path)}, outside the source folder: not followed")
        return SkippedFile(relative, f"symbolic link to {target.relative_to(source_dir.resolve()).as_posix()}, which is imported itself")
    try:
        size = path.stat().st_size
        if size > max_size:
            return SkippedFile(relative, f"{size:,} bytes, more than the knowledge base's max_file_size ({max_size:,}); split it first")
        data = path.read_bytes()
    except OSError as error:
        return SkippedFile(relative, f"cannot be read: {error.strerror or error}")
    if not data.strip():
        return SkippedFile(relative, "empty file")
    if b"\0" in data:
        return SkippedFile(relative, "contains NUL bytes: a binary file, not Markdown")
    notes: list[Note] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        text = data.decode("cp1252", errors="replace")
        notes.append(Note("encoding", f"not UTF-8 (byte 0x{data[error.start]:02x}): read as Windows-1252", line))
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        count = len(CONTROL.findall(text))
        text = CONTROL.sub("", text)
        notes.append(Note("control-characters", f"{count} control character(s) removed (U+{ord(control.group()):04X} first): they are invisible and can act on a terminal", line))
    return SourceFile(relative, path, text, notes)
