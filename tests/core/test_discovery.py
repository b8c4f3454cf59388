"""Finding documents: walking the content folders and looking up ids in any spelling."""
from __future__ import annotations

from pathlib import Path

import pytest

from kbtool.core.config import load_config
from kbtool.core.discovery import discover, find_document, scan_headings
from kbtool.core.errors import KbError, NotFoundError

from conftest import write


@pytest.mark.parametrize("typed", ["KB-0002", "kb-0002", "kb2", "KB 2", "kb-2"])
def test_find_document_in_any_spelling(kb: Path, typed: str) -> None:
    assert find_document(load_config(kb), typed).id == "KB-0002"


def test_unknown_id_suggests_close_ones(kb: Path) -> None:
    with pytest.raises(NotFoundError) as error:
        find_document(load_config(kb), "KB-0009")
    assert "did you mean" in str(error.value)


def test_an_unreadable_document_is_a_clear_error(kb: Path) -> None:
    write(kb, "kb/kb-0009-broken.md", "---\nid: KB-0009\ntitle: [broken\n---\nbody\n")
    with pytest.raises(KbError) as error:
        find_document(load_config(kb), "KB-0009")
    assert "kb/kb-0009-broken.md:4: invalid YAML" in str(error.value)


def test_discover_skips_dot_files_and_sorts(kb: Path) -> None:
    write(kb, "kb/.draft.md", "hidden")
    write(kb, "kb/sub/kb-0010-nested.md", "---\nid: KB-0010\n---\n")
    names = [path.relative_to(kb).as_posix() for path, _ in discover(load_config(kb))]
    assert names == sorted(names) and "kb/.draft.md" not in names and "kb/sub/kb-0010-nested.md" in names


def test_scan_headings_reads_ids_and_titles(kb: Path) -> None:
    headings = scan_headings(load_config(kb))
    assert headings["SOP-0001"].title == "MFA reset for a lost phone" and headings["SOP-0001"].doc_type == "sop"
