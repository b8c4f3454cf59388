"""Atomic replacement and no-overwrite creation."""
from __future__ import annotations

import stat
from pathlib import Path

import pytest

from kbtool.core.errors import UsageError
from kbtool.core.files import append_private_line, write_atomic, write_new_file


def test_write_atomic_replaces_whole_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "state.json"
    target.write_text("old")
    write_atomic(target, "new\r\nkept as written")
    assert target.read_bytes() == b"new\r\nkept as written"
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]


def test_existing_file_is_never_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "kb-0001-reset-a-password.md"
    target.write_text("original")
    with pytest.raises(UsageError):
        write_new_file(target, "replacement")
    assert target.read_text() == "original"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_write_new_file_creates_folders(tmp_path: Path) -> None:
    target = tmp_path / "kb" / "deep" / "kb-0002.md"
    write_new_file(target, "text\n")
    assert target.read_text() == "text\n"


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    path.write_text("old\r\n", encoding="utf-8")
    path.chmod(0o644)
    write_atomic(path, "new\r\n")
    assert path.read_bytes() == b"new\r\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert [entry.name for entry in tmp_path.iterdir()] == ["doc.md"]


def test_private_lines_are_appended_whole_with_mode_0600_up_to_a_limit(tmp_path: Path) -> None:
    import stat

    target = tmp_path / "state" / "flags.jsonl"
    assert append_private_line(target, '{"a": 1}') and append_private_line(target, '{"b": 2}\n', limit=100)
    assert target.read_text() == '{"a": 1}\n{"b": 2}\n' and stat.S_IMODE(target.stat().st_mode) == 0o600
    assert not append_private_line(target, "x" * 100, limit=100)
    assert target.read_text() == '{"a": 1}\n{"b": 2}\n'
