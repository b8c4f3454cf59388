from __future__ import annotations

from pathlib import Path

from conftest import TODAY, write
from kbtool.core.config import load_config
from kbtool.site.catalogue import load_catalogue
from kbtool.site.options import SiteOptions


def test_only_published_documents_have_pages(kb: Path) -> None:
    catalogue = load_catalogue(load_config(kb), SiteOptions(today=TODAY))
    assert sorted(catalogue.documents) == ["KB-0001", "KB-0002", "KB-0003", "SOP-0001"]
    assert catalogue.why_not("KB-0004") == "a draft (unpublished)"
    assert catalogue.why_not("kb-0005") == "archived"
    assert catalogue.why_not("KB-0099") == "no document has this id"
    assert catalogue.status_counts[("article", "draft")] == 1 and catalogue.status_counts[("article", "archived")] == 1


def test_a_drafts_preview_shows_drafts_but_never_archived(kb: Path) -> None:
    catalogue = load_catalogue(load_config(kb), SiteOptions(drafts=True))
    assert catalogue.documents["KB-0004"].draft
    assert "KB-0005" not in catalogue.documents


def test_a_customer_site_holds_customer_documents_only(kb: Path) -> None:
    catalogue = load_catalogue(load_config(kb), SiteOptions(audience="customer"))
    assert list(catalogue.documents) == ["KB-0001"]
    assert catalogue.why_not("KB-0002").startswith("for agents only")


def test_unsafe_documents_are_left_out_and_reported(kb: Path) -> None:
    page = (kb / "kb/kb-0003-answering-a-call.md").read_text()
    write(kb, "kb/kb-0003-answering-a-call.md", page.replace("Listen before you type.", 'Listen <img src=x onerror="alert(1)"> first.'))
    catalogue = load_catalogue(load_config(kb), SiteOptions())
    assert "KB-0003" not in catalogue.documents
    assert any("kb-0003-answering-a-call.md:" in problem and "unsafe-html" in problem for problem in catalogue.problems)


def test_unreadable_files_and_duplicate_ids_are_reported(kb: Path) -> None:
    write(kb, "kb/kb-0009-broken.md", "no front matter here\n")
    duplicate = (kb / "kb/kb-0003-answering-a-call.md").read_text().replace("title: Answering a support call", "title: Another call")
    write(kb, "kb/kb-0010-copy.md", duplicate)
    catalogue = load_catalogue(load_config(kb), SiteOptions())
    assert any("kb-0009-broken.md:1: front-matter-missing" in problem for problem in catalogue.problems)
    assert any("kb-0010-copy.md" in problem and "duplicate-id" in problem for problem in catalogue.problems)
    assert catalogue.documents["KB-0003"].site_path == "kb/kb-0003-answering-a-call.md"


def test_images_beside_documents_are_published_from_where_they_are(kb: Path) -> None:
    write(kb, "kb/images/vpn.png", b"\x89PNG")
    write(kb, "kb/.hidden/secret.png", b"x")
    catalogue = load_catalogue(load_config(kb), SiteOptions())
    assert catalogue.assets == [("kb/images/vpn.png", str(kb / "kb/images/vpn.png"))]


def test_many_documents_are_read_in_worker_processes_with_the_same_result(kb: Path) -> None:
    template = (kb / "kb/kb-0003-answering-a-call.md").read_text()
    for number in range(10, 420):
        write(kb, f"kb/kb-{number:04d}-call.md", template.replace("KB-0003", f"KB-{number:04d}").replace("Answering a support call", f"Call {number}"))
    write(kb, "kb/kb-0500-unsafe.md", template.replace("KB-0003", "KB-0500").replace("Listen before you type.", "<script>x()</script>"))
    config = load_config(kb)
    alone = load_catalogue(config, SiteOptions(), jobs=1)
    together = load_catalogue(config, SiteOptions(), jobs=2)
    assert len(together.documents) == len(alone.documents) == 414
    assert [(i, s.document.body) for i, s in together.documents.items()] == [(i, s.document.body) for i, s in alone.documents.items()]
    assert together.problems == alone.problems and any("kb-0500-unsafe.md" in problem for problem in together.problems)
    assert together.left_out == alone.left_out and together.status_counts == alone.status_counts
