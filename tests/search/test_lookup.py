"""Ids looked up in the open index (kbtool/search/lookup.py), as the server's document views use them."""
from __future__ import annotations

from pathlib import Path

import pytest

from kbtool import api
from kbtool.core import discovery
from kbtool.search.lookup import IndexHeadings

from conftest import ARTICLES, write


@pytest.fixture
def searcher(kb: Path):  # type: ignore[no-untyped-def]
    with api.open_searcher(kb) as opened:
        yield opened


def test_the_index_knows_ids_titles_and_files(kb: Path, searcher) -> None:  # type: ignore[no-untyped-def]
    headings = IndexHeadings(searcher)
    heading = headings["SOP-0001"]
    assert (heading.title, heading.path, heading.doc_type) == ("MFA reset for a lost phone", kb / "sops/sop-0001-mfa-reset.md", "sop")
    assert "KB-0099" not in headings and len(headings) == 6
    assert sorted(headings) == ["KB-0001", "KB-0002", "KB-0003", "KB-0004", "KB-0005", "SOP-0001"]


def test_show_with_a_searcher_reads_no_other_file(kb: Path, searcher, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    expected = api.show(kb, "KB-0001").to_dict()

    def no_scan(config):  # type: ignore[no-untyped-def]
        raise AssertionError("scanned every file")

    monkeypatch.setattr(discovery, "scan_headings", no_scan)
    monkeypatch.setattr("kbtool.view.scan_headings", no_scan)
    assert api.show(kb, "kb1", searcher=searcher).to_dict() == expected


def test_a_document_newer_than_the_index_is_still_found(kb: Path, searcher) -> None:  # type: ignore[no-untyped-def]
    write(kb, "kb/kb-0010-new.md", ARTICLES["kb/kb-0003-answering-a-call.md"].replace("KB-0003", "KB-0010"))
    assert api.show(kb, "KB-0010", searcher=searcher).document.id == "KB-0010"


def test_a_file_moved_since_indexing_is_found_by_the_scan(kb: Path, searcher) -> None:  # type: ignore[no-untyped-def]
    (kb / "kb/kb-0002-vpn-keeps-disconnecting.md").rename(kb / "kb/kb-0002-vpn.md")
    assert api.show(kb, "KB-0002", searcher=searcher).document.path == "kb/kb-0002-vpn.md"


def test_an_id_claimed_twice_is_left_to_the_scan_which_refuses_it(kb: Path) -> None:
    from kbtool.core.errors import KbError

    write(kb, "sops/sop-0002-impostor.md", ARTICLES["sops/sop-0001-mfa-reset.md"].replace("MFA reset for a lost phone", "MFA reset, again"))
    with api.open_searcher(kb) as searcher:
        assert "SOP-0001" not in IndexHeadings(searcher)
        with pytest.raises(KbError, match="is claimed by"):
            api.show(kb, "SOP-0001", searcher=searcher)
