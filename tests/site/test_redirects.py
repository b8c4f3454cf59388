from __future__ import annotations

from pathlib import Path

from conftest import TODAY
from kbtool.core.config import load_config
from kbtool.site.catalogue import load_catalogue
from kbtool.site.options import SiteOptions
from kbtool.site.redirects import id_redirects, moved_redirects


def test_every_page_has_an_id_address(kb: Path) -> None:
    pages = id_redirects(load_catalogue(load_config(kb), SiteOptions(today=TODAY)))
    assert sorted(pages) == ["KB-0001/index.html", "KB-0002/index.html", "KB-0003/index.html", "SOP-0001/index.html"]
    page = pages["KB-0002/index.html"]
    assert '<meta http-equiv="refresh" content="0; url=../kb/kb-0002-vpn-keeps-disconnecting/">' in page
    assert '<link rel="canonical" href="../kb/kb-0002-vpn-keeps-disconnecting/">' in page


def test_old_paths_of_renamed_documents_redirect_to_the_new_page(kb: Path) -> None:
    catalogue = load_catalogue(load_config(kb), SiteOptions())
    old = {
        "kb/kb-0002-vpn-drops.md": "KB-0002",  # renamed
        "kb/kb-0002-vpn-keeps-disconnecting.md": "KB-0002",  # where it is now: no redirect
        "kb/kb-0004-printer-draft-old.md": "KB-0004",  # a draft has no page to go to
        "kb/network/kb-0003-a-call.md": "KB-0003",  # moved into a folder
        "kb/kb-0001-reset-a-password.md": "KB-0003",  # the address of a current page is never taken over
    }
    pages, skipped = moved_redirects(catalogue, old)
    assert sorted(pages) == ["kb/kb-0002-vpn-drops/index.html", "kb/network/kb-0003-a-call/index.html"]
    assert 'url=../kb-0002-vpn-keeps-disconnecting/"' in pages["kb/kb-0002-vpn-drops/index.html"]
    assert 'url=../../kb-0003-answering-a-call/"' in pages["kb/network/kb-0003-a-call/index.html"]
    assert skipped == ["kb/kb-0001-reset-a-password.md"]
