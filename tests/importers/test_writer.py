"""Writing an import at once (`kbtool.importers.writer`): swapped in whole, or not at all."""
from __future__ import annotations

from pathlib import Path

import pytest

from kbtool.core.config import load_config
from kbtool.core.registries import Owner, load_registries
from kbtool.importers.writer import extend_registries, write_folder

from conftest import make_kb, write


def test_write_reports_created_updated_unchanged_and_keeps_other_files(tmp_path: Path) -> None:
    folder = tmp_path / "kb" / "docs"
    write(folder, "kb-0001-a.md", "old")
    write(folder, "kb-0002-b.md", "same")
    write(folder, "notes-by-hand.md", "mine")
    write(tmp_path, "src/shot.png", b"png")
    actions = write_folder(folder, {"kb-0001-a.md": "new", "kb-0002-b.md": "same", "kb-0003-c.md": "c"}, {"assets/x/shot.png": tmp_path / "src/shot.png"})
    assert actions == {"kb-0001-a.md": "updated", "kb-0002-b.md": "unchanged", "kb-0003-c.md": "created"}
    assert (folder / "kb-0001-a.md").read_text() == "new" and (folder / "notes-by-hand.md").read_text() == "mine"
    assert (folder / "assets/x/shot.png").read_bytes() == b"png"
    assert [path.name for path in (tmp_path / "kb").iterdir()] == ["docs"]  # no staging or backup left behind


def test_a_failed_write_leaves_the_old_folder_as_it_was(tmp_path: Path) -> None:
    folder = tmp_path / "kb" / "docs"
    write(folder, "kb-0001-a.md", "old")
    with pytest.raises(OSError):
        write_folder(folder, {"kb-0001-a.md": "new"}, {"assets/gone.png": tmp_path / "does-not-exist.png"})
    assert (folder / "kb-0001-a.md").read_text() == "old"
    assert [path.name for path in (tmp_path / "kb").iterdir()] == ["docs"]


def test_registries_are_extended_keeping_comments(tmp_path: Path) -> None:
    kb = make_kb(tmp_path / "kb-root")
    write(kb, "meta/tags.yml", "# The vocabulary\ntags:\n  vpn: VPN  # remote access\n")
    config = load_config(kb)
    extend_registries(config, [Owner("steven.spencer", "Steven Spencer", "", "Imported from docs")], {"guides": "Imported: guides"})
    registries = load_registries(config)
    assert registries.owners["steven.spencer"].team == "Imported from docs" and "ann.agent" in registries.owners
    assert registries.tags == {"vpn": "VPN", "guides": "Imported: guides"}
    assert (kb / "meta/tags.yml").read_text().startswith("# The vocabulary\ntags:\n  vpn: VPN  # remote access\n")
