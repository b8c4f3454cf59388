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


def test_kept_data_is_read_back_only_under_its_key_and_never_where_json_would_change_it(tmp_path: Path) -> None:
    import datetime

    from kbtool.core.files import keep, read_kept

    kept = tmp_path / "state" / "kept.json"
    keep(kept, "k1", {"a": [1, "b"]})
    assert not kept.exists(), "no folder is created to keep data in"
    kept.parent.mkdir()
    keep(kept, "k1", {"a": [1, "b"]})
    assert read_kept(kept, "k1") == {"a": [1, "b"]} and read_kept(kept, "k2") is None
    kept.write_text("{damaged", encoding="utf-8")
    assert read_kept(kept, "k1") is None
    keep(kept, "k3", {"day": datetime.date(2026, 11, 29)})
    keep(kept, "k4", {1: "a number key comes back as a string"})
    assert read_kept(kept, "k3") is None and read_kept(kept, "k4") is None
