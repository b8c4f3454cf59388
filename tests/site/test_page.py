from __future__ import annotations

from pathlib import Path

import markdown

from conftest import TODAY, write
from kbtool import api


def _plan(kb: Path, **options: object):  # type: ignore[no-untyped-def]
    return api.site(kb, today=TODAY, **options)  # type: ignore[arg-type]


def whole(plan, path: str) -> str:  # type: ignore[no-untyped-def]
    """A document page as kbtool makes it: its HTML header and its Markdown."""
    return plan.headers[path] + plan.pages[path]


def test_a_page_shows_its_facts(kb: Path) -> None:
    page = whole(_plan(kb), "kb/kb-0002-vpn-keeps-disconnecting.md")
    assert 'title: "VPN keeps disconnecting"' in page
    assert "<dt>Id</dt><dd><code>KB-0002</code> · <a href=\"../../KB-0002/\">permanent link</a></dd>" in page
    assert "<dt>Owner</dt><dd>Ann Agent, Service Desk</dd>" in page
    assert "<dt>Audience</dt><dd>Service desk agents</dd>" in page
    assert "<dt>Last reviewed</dt><dd>2026-02-01</dd>" in page
    assert 'kb-review-overdue">2026-05-01</span>' in page
    assert '<a href="../../tags/vpn/" class="kb-tag">vpn</a>' in page


def test_an_overdue_page_carries_a_banner_above_its_facts(kb: Path) -> None:
    page = whole(_plan(kb), "kb/kb-0002-vpn-keeps-disconnecting.md")
    assert "Overdue for review" in page
    assert "206 day(s) ago" in page
    assert page.index("Overdue for review") < page.index("kb-facts")
    assert "Overdue for review" not in whole(_plan(kb), "kb/kb-0003-answering-a-call.md")


def test_sop_pages_show_version_and_change_log(kb: Path) -> None:
    page = whole(_plan(kb), "sops/sop-0001-mfa-reset.md")
    assert "<dt>Version</dt><dd>2.1.0</dd>" in page
    assert "## Change log" in page
    assert "| 2\\.1\\.0 | 2026\\-04\\-14 | Temporary Access Pass replaces SMS codes\\. |" in page
    table = markdown.markdown(page.split("## Change log")[1], extensions=["tables"])
    assert "<td>2.1.0</td>\n<td>2026-04-14</td>\n<td>Temporary Access Pass replaces SMS codes.</td>" in table
    assert "1. Verify the caller's identity with a video call." in page


def test_titles_and_values_are_text_never_markup(kb: Path) -> None:
    original = (kb / "kb/kb-0003-answering-a-call.md").read_text()
    write(kb, "kb/kb-0003-answering-a-call.md", original.replace("title: Answering a support call", 'title: "Answering <b>calls</b> & *more*"'))
    plan = _plan(kb)
    page = whole(plan, "kb/kb-0003-answering-a-call.md")
    assert 'title: "Answering &lt;b&gt;calls&lt;/b&gt; &amp; *more*"' in page
    assert "<h1 id=\"kb-0003\">Answering &lt;b&gt;calls&lt;/b&gt; &amp; *more*</h1>" in page
    listed = plan.finish_page("tags/call-handling.md", markdown.markdown(plan.pages["tags/call-handling.md"].split("---\n", 2)[2]))[0]
    assert "<b>" not in listed and "<em>" not in listed and "Answering &lt;b&gt;calls&lt;/b&gt; &amp; *more*" in listed


def test_suggest_a_change_and_flag_a_problem_links(kb: Path) -> None:
    write(kb, "kbtool.yml", "site:\n  edit_url_template: https://git.example/kb/-/edit/main/{path}\n")
    plan = _plan(kb, flag_url_template="https://git.example/kb/-/issues/new?title=Problem%20with%20{id}%3A%20{title}")
    page = whole(plan, "kb/kb-0002-vpn-keeps-disconnecting.md")
    assert '<a href="https://git.example/kb/-/edit/main/kb/kb-0002-vpn-keeps-disconnecting.md" class="kb-edit">Suggest a change</a>' in page
    assert '<a href="https://git.example/kb/-/issues/new?title=Problem%20with%20KB-0002%3A%20VPN%20keeps%20disconnecting" class="kb-flag">Flag a problem</a>' in page


def test_a_customer_site_shows_no_names_and_no_internal_links(kb: Path) -> None:
    write(kb, "kbtool.yml", "site:\n  edit_url_template: https://git.example/kb/-/edit/main/{path}\n")
    plan = _plan(kb, audience="customer", flag_url_template="https://git.example/new?{id}")
    page = whole(plan, "kb/kb-0001-reset-a-password.md")
    assert "Ivan Identity" not in page and "<dt>Maintained by</dt><dd>Identity and Access</dd>" in page
    assert "Suggest a change" not in page and "Flag a problem" not in page
    assert "kb-0002" not in page.lower().replace("kb-0001", "")  # the related agent article is neither linked nor named
    assert "health.md" not in plan.pages and all("KB-0002" not in path for path in plan.files)


def test_keywords_and_synonyms_are_indexed_but_hidden(kb: Path) -> None:
    page = whole(_plan(kb, search="lunr"), "kb/kb-0002-vpn-keeps-disconnecting.md")  # lunr indexes the page itself
    assert '<div class="kb-terms" hidden>kicked off vpn 0x80070005</div>' in page
    assert "kb-terms" not in whole(_plan(kb), "kb/kb-0002-vpn-keeps-disconnecting.md")  # Pagefind indexes its own copy
    source = _plan(kb).search_sources["kb/kb-0002-vpn-keeps-disconnecting/index.html"]
    assert '<div data-pagefind-weight="5">kicked off vpn 0x80070005</div>' in source
    synonyms = source.split('<div data-pagefind-weight="0.5">')[1].split("<")[0]
    assert "virtual private network" in synonyms  # the shipped group of "vpn"
    assert "globalprotect" not in synonyms.split()  # already in the text
