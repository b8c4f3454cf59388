"""Index staleness: a cheap fingerprint of every file's path, time and size."""
from __future__ import annotations

import os
from pathlib import Path

from kbtool.search.generations import current_generation
from kbtool.search.indexer import update
from kbtool.search.staleness import fingerprint, is_current, read_left_out, read_manifest

from conftest import write


def test_any_change_to_the_files_makes_the_index_stale(config, kb: Path) -> None:  # type: ignore[no-untyped-def]
    assert not is_current(config)
    update(config)
    assert is_current(config)
    article = kb / "kb/kb-0003-answering-a-call.md"
    os.utime(article, ns=(1, 1))
    assert not is_current(config)
    update(config)
    write(kb, "kb/kb-0009-new.md", "---\nid: KB-0009\n---\n")
    assert not is_current(config)
    update(config)
    (kb / "kb/kb-0009-new.md").unlink()
    assert not is_current(config)


def test_the_manifest_records_unreadable_files(config, kb: Path) -> None:  # type: ignore[no-untyped-def]
    write(kb, "kb/kb-0009-broken.md", "no front matter")
    update(config)
    folder = current_generation(config)
    assert folder is not None
    assert [(f.path, f.rule) for f in read_left_out(folder)] == [("kb/kb-0009-broken.md", "front-matter-missing")]
    assert read_manifest(folder)["kb/kb-0001-reset-a-password.md"][2]


def test_fingerprint_ignores_order() -> None:
    assert fingerprint([("a", 1, 2), ("b", 3, 4)]) == fingerprint([("b", 3, 4), ("a", 1, 2)]) != fingerprint([("a", 1, 2)])
