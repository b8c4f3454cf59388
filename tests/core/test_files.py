"""Atomic writes keep a replaced file's permissions."""
from __future__ import annotations

import stat
from pathlib import Path

from kbtool.core.files import write_atomic


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    path.write_text("old\r\n", encoding="utf-8")
    path.chmod(0o644)
    write_atomic(path, "new\r\n")
    assert path.read_bytes() == b"new\r\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert [entry.name for entry in tmp_path.iterdir()] == ["doc.md"]
