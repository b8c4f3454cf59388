"""`mkdocs build --strict` over a copy of the starter knowledge base, as a user runs it (slow: real builds)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import mkdocs_build, starter_site

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = starter_site(tmp_path_factory.mktemp("starter-site"))
    before = sorted(path.relative_to(root) for path in root.rglob("*") if "site" not in path.parts[len(root.parts):][:1])
    done = mkdocs_build(root)
    assert done.returncode == 0, done.stderr
    after = sorted(path.relative_to(root) for path in root.rglob("*") if "site" not in path.parts[len(root.parts):][:1])
    assert after == before  # nothing is copied into the repository
    return root / "site"


def test_strict_build_publishes_every_published_document(built: Path) -> None:
    pages = sorted(path.parent.name for path in (built / "kb").glob("kb-*/index.html"))
    assert len(pages) == 48 and "kb-0007-vpn-keeps-disconnecting" in pages
    assert "kb-0049-legacy-anyconnect-vpn" not in pages and "kb-0050-windows-11-24h2-known-issues" not in pages  # archived, draft
    assert len(list((built / "sops").glob("sop-*/index.html"))) == 15
    assert (built / "about" / "index.html").exists() and (built / "health" / "index.html").exists()


def test_pages_carry_title_facts_and_the_overdue_banner(built: Path) -> None:
    page = (built / "kb/kb-0014-add-follow-me-printer/index.html").read_text()
    assert "<title>Add the follow-me printer on Windows or Mac - Brightwater Service Desk knowledge base</title>" in page
    assert "Overdue for review" in page and "Marcus Reid, End-User Computing" in page
    assert "Flag a problem" in page


def test_id_addresses_redirect_and_pagefind_indexed_the_documents(built: Path) -> None:
    assert 'url=../kb/kb-0007-vpn-keeps-disconnecting/"' in (built / "KB-0007/index.html").read_text()
    assert (built / "pagefind/pagefind.js").exists() and not (built / "search/search_index.json").exists()


def test_no_page_asks_for_anything_from_another_host(built: Path) -> None:
    for page in built.rglob("*.html"):
        text = page.read_text()
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, page
        assert 'src="http' not in text and 'src="//' not in text, page


def test_a_reference_to_a_draft_fails_the_strict_build_naming_the_page(tmp_path: Path) -> None:
    root = starter_site(tmp_path)
    page = root / "kb/kb-0007-vpn-keeps-disconnecting.md"
    page.write_text(page.read_text() + "\nSee also [[KB-0050]].\n")
    done = mkdocs_build(root)
    assert done.returncode != 0
    assert "kb/kb-0007-vpn-keeps-disconnecting.md" in done.stderr and "[[KB-0050]] has no page: a draft" in done.stderr


def test_a_customer_site_holds_no_agent_pages(tmp_path: Path) -> None:
    root = starter_site(tmp_path)
    done = mkdocs_build(root, KBTOOL_SITE_AUDIENCE="customer")
    assert done.returncode == 0, done.stderr
    site = root / "site"
    published = {path.parent.name.split("-")[0] + "-" + path.parent.name.split("-")[1] for path in site.glob("*/*-*/index.html") if path.parent.parent.name in ("kb", "sops")}
    customer = {line.split(":")[0] for line in subprocess.run(["grep", "-l", "audience: customer", "-r", "kb", "sops"], cwd=root, capture_output=True, text=True).stdout.split()}
    assert published == {Path(path).stem.split("-")[0] + "-" + Path(path).stem.split("-")[1] for path in customer} - {"kb-0049", "kb-0050"}
    assert not (site / "health").exists() and not (site / "KB-0007").exists()
    for page in site.rglob("*.html"):
        text = page.read_text()
        assert "Marcus Reid" not in text and 'class="kb-flag"' not in text and "Knowledge health" not in text, page  # owner of KB-0014, a customer page


def test_lunr_is_one_line_away(tmp_path: Path) -> None:
    root = starter_site(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("      search: pagefind", "      search: lunr"))
    done = mkdocs_build(root)
    assert done.returncode == 0, done.stderr
    assert (root / "site/search/search_index.json").exists() and not (root / "site/pagefind").exists()


def test_a_drafts_preview_shows_drafts_with_a_banner_and_says_so(tmp_path: Path) -> None:
    root = starter_site(tmp_path)
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=root, env={**os.environ, "KBTOOL_SITE_DRAFTS": "true", "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "drafts are shown" in done.stderr
    assert "Draft: not published" in (root / "site/kb/kb-0050-windows-11-24h2-known-issues/index.html").read_text()
    assert not (root / "site/kb/kb-0049-legacy-anyconnect-vpn").exists()
