from __future__ import annotations

from pathlib import Path

import markdown

from conftest import TODAY, edit, write
from kbtool import api


def test_the_curated_navigation_lists_sections_not_documents(kb: Path) -> None:
    plan = api.site(kb, today=TODAY, user_pages=["about.md"])
    assert plan.nav == [{"Home": "index.md"}, {"Knowledge articles": "kb/index.md"}, {"SOPs": "sops/index.md"}, {"Tags": "tags/index.md"}, {"Knowledge health": "health.md"}, {"Search": "search.md"}, "about.md"]
    section = plan.finish_page("kb/index.md", markdown.markdown(plan.pages["kb/index.md"].split("---\n", 2)[2]))[0]
    assert '<h2 id="troubleshooting">Troubleshooting</h2>' in markdown.markdown(plan.pages["kb/index.md"].split("---\n", 2)[2], extensions=["toc"])
    assert '<li><a href="kb-0002-vpn-keeps-disconnecting/">VPN keeps disconnecting</a> <code>KB-0002</code><br>' in section
    assert "kb-0004" not in section  # a draft


def test_the_full_navigation_lists_every_document(kb: Path) -> None:
    plan = api.site(kb, navigation="full", search="lunr")
    articles = plan.nav[1]["Knowledge articles"]  # type: ignore[index]
    assert articles[0] == "kb/index.md"
    assert {"Troubleshooting": [{"VPN keeps disconnecting": "kb/kb-0002-vpn-keeps-disconnecting.md"}]} in articles
    assert {"Search": "search.md"} not in plan.nav and "search.md" not in plan.pages  # lunr: Material's own search box


def test_tag_pages_list_their_documents(kb: Path) -> None:
    plan = api.site(kb)
    assert plan.pages["tags/vpn.md"].endswith("VPN\n\n<!-- kbtool-list-0 -->\n")
    tag = plan.finish_page("tags/vpn.md", "<p>VPN</p>\n<!-- kbtool-list-0 -->")[0]
    assert '<a href="../../kb/kb-0002-vpn-keeps-disconnecting/">VPN keeps disconnecting</a> <code>KB-0002</code>' in tag
    assert '<tr><td><a href="vpn/">vpn</a></td><td>VPN</td><td>1</td></tr>' in plan.finish_page("tags/index.md", "<!-- kbtool-list-0 -->")[0]
    assert "tags/printing.md" not in plan.pages  # its only document is a draft


def test_broken_references_are_build_problems(kb: Path) -> None:
    original = (kb / "kb/kb-0003-answering-a-call.md").read_text()
    write(kb, "kb/kb-0003-answering-a-call.md", original + "\nSee [[KB-0004]].\n")
    problems = api.site(kb).problems
    assert any("reference [[KB-0004]] has no page: a draft" in problem for problem in problems)
    assert not any("KB-0004" in problem for problem in api.site(kb, drafts=True).problems)  # a preview has its page


def test_a_related_entry_without_a_page_is_a_build_problem(kb: Path) -> None:
    edit(kb, "kb/kb-0003-answering-a-call.md", "tags: [call-handling]", "tags: [call-handling]\nrelated: [KB-0004, KB-0999]")
    problems = api.site(kb).problems
    assert any("kb/kb-0003-answering-a-call.md:" in p and "`related` entry KB-0004 has no page: a draft" in p for p in problems)
    assert any("`related` entry KB-0999 has no page" in p for p in problems)


def test_a_drafts_preview_marks_drafts(kb: Path) -> None:
    assert "Draft: not published" in api.site(kb, drafts=True).headers["kb/kb-0004-printer-queue-draft.md"]


def test_a_page_in_the_docs_folder_wins_over_the_generated_home(kb: Path) -> None:
    assert "index.md" not in api.site(kb, user_pages=["index.md"]).pages
    assert "# Knowledge base" in api.site(kb).pages["index.md"]


def test_finished_document_pages_get_their_header(kb: Path) -> None:
    plan = api.site(kb)
    path = "kb/kb-0002-vpn-keeps-disconnecting.md"
    assert plan.finish_page(path, "<p>x</p>")[0] == plan.headers[path] + "<p>x</p>"
    assert plan.finish_page("tags/vpn.md", "<p>x</p>")[0] == "<p>x</p>"


def test_pagefind_indexes_one_source_per_page_at_its_address(kb: Path) -> None:
    assert sorted(api.site(kb).search_sources) == [
        "kb/kb-0001-reset-a-password/index.html", "kb/kb-0002-vpn-keeps-disconnecting/index.html",
        "kb/kb-0003-answering-a-call/index.html", "sops/sop-0001-mfa-reset/index.html",
    ]
    assert "kb/kb-0001-reset-a-password.html" in api.site(kb, use_directory_urls=False).search_sources
    assert api.site(kb, search="lunr").search_sources == {}


def test_a_page_changed_after_its_review_carries_a_banner_and_counts_as_changed(kb: Path) -> None:
    import subprocess

    from sitebuild import commit_on

    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=kb, check=True)
    commit_on(kb, "2026-09-20", "Knowledge base")  # after KB-0003's review of 2026-09-15
    page = kb / "kb/kb-0003-answering-a-call.md"
    page.write_text(page.read_text().replace("Listen before you type.", "Listen, then type."))
    commit_on(kb, "2026-10-02", "Greeting reworded without a review")
    plan = api.site(kb, today=TODAY)
    assert "This page changed on 2026-10-02, after its review of 2026-09-15" in plan.headers["kb/kb-0003-answering-a-call.md"]
    assert "Changed since review" not in plan.headers["kb/kb-0001-reset-a-password.md"]
    assert "<code>KB-0003</code>" in plan.pages["health.md"].split("## Overdue and due soon")[1].split("## Most linked")[0]
