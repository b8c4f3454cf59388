"""Ids and file names for an import (`kbtool.importers.plan`)."""
from __future__ import annotations

from pathlib import Path

from kbtool.core.config import load_config
from kbtool.importers.plan import earlier_imports, place

from conftest import write


def test_new_pages_get_fresh_ids_in_order_and_earlier_ones_keep_theirs(kb: Path) -> None:
    config = load_config(kb)
    write(kb, "kb/docs/kb-0042-old-name.md", "---\nid: KB-0042\ntitle: Old\nsource:\n  path: a.md\ncreated: 2024-01-01\nreviewed: 2024-02-01\n---\nx\n")
    write(kb, "kb/docs/kb-0043-by-hand.md", "---\nid: KB-0043\ntitle: By hand\n---\nx\n")
    earlier = earlier_imports(config, kb / "kb/docs")
    assert list(earlier) == ["a.md"] and earlier["a.md"].id == "KB-0042" and earlier["a.md"].dates is not None
    placements = place(config, [("a.md", "New title"), ("b.md", "Bee"), ("c.md", "Sea & sky")], earlier)
    assert [(p.id, p.file_name, p.existing) for p in placements.values()] == [
        ("KB-0042", "kb-0042-old-name.md", True), ("KB-0044", "kb-0044-bee.md", False), ("KB-0045", "kb-0045-sea-sky.md", False),
    ]
