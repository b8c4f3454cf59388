"""Writing files so that no reader ever sees half of one and nothing is overwritten by accident."""
from __future__ import annotations

import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

from kbtool.core.errors import KbError, UsageError


def _umask() -> int:
    """The process's umask, read without changing it (other threads may be creating files)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


# The mode a new file gets from open(): mkstemp's 0600 would hide an index or
# a new article from the other people who read the repository.
NEW_FILE_MODE = 0o666 & ~_umask()


def _cannot_write(path: Path, error: OSError) -> KbError:
    return KbError(f"cannot write {path}: {error.strerror or error}", hint="check that the folder is writable (a read-only checkout can be searched, not changed)")


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` atomically: readers see the old file or the new one, never half."""
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise _cannot_write(path, error) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        # A rewritten file keeps its permissions; a new one gets what open() would give it.
        os.chmod(temporary, stat.S_IMODE(path.stat().st_mode) if path.exists() else NEW_FILE_MODE)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def write_new_file(path: Path, text: str) -> None:
    """Create `path` with `text` all at once; never overwrite an existing file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".kbtool-new-", suffix=".tmp")
    except OSError as error:
        raise _cannot_write(path, error) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.chmod(temporary, NEW_FILE_MODE)
        os.link(temporary, path)  # fails if the file appeared meanwhile: no overwrite
    except FileExistsError:
        raise UsageError(f"{path} already exists") from None
    finally:
        os.unlink(temporary)


def append_private_line(path: Path, line: str, limit: int | None = None) -> bool:
    """Append one line to `path` in a single write, creating it with mode 0600; never through a symbolic link.

    A single `write` on a file opened for appending keeps concurrent writers'
    lines whole. With `limit`, nothing is written (False) when the file
    would grow past `limit` bytes.
    """
    data = (line.rstrip("\n") + "\n").encode("utf-8", errors="replace")  # a query may hold bytes that are not UTF-8
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        os.fchmod(descriptor, 0o600)  # a file made earlier with a looser mode
        if limit is not None and os.fstat(descriptor).st_size + len(data) > limit:
            return False
        os.write(descriptor, data)
        return True
    finally:
        os.close(descriptor)


def read_kept(path: Path, key: str) -> Any:
    """What `keep` stored at `path` under `key`; None when absent, unreadable, damaged or kept under another key."""
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stored.get("data") if isinstance(stored, dict) and stored.get("key") == key else None


def keep(path: Path, key: str, data: Any) -> None:
    """Keep parsed `data` at `path` under `key` (a hash of what it was parsed from), to skip parsing next time.

    Only when `path`'s folder exists (none is created for it) and JSON reads
    `data` back unchanged (a date or a number key would not be); a failure
    to write only means parsing again.
    """
    try:
        text = json.dumps({"key": key, "data": data}, separators=(",", ":"))
        if json.loads(text)["data"] != data or not path.parent.is_dir():
            return
        write_atomic(path, text)
    except (TypeError, ValueError, OSError, KbError):
        pass
