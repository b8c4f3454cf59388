from __future__ import annotations

from pathlib import Path

from kbtool.core.documents import parse_text
from kbtool.site.searchindex import search_source, start_index

DOCUMENT = """---
id: KB-0001
title: "Reset <b>a</b> password & more"
summary: Self-service reset.
---

## Steps

1. Open the **reset** page: `C:\\Temp` & <b>go</b>.

| Field | Value |
|---|---|
| user | you |

<div>raw html is left out</div>
""".split("\n")


def test_search_source_is_escaped_text_with_headings_and_weighted_words() -> None:
    document, _ = parse_text("kb/kb-0001.md", "article", DOCUMENT)
    html = search_source(document, ("sspr", "pw passcode"))
    assert "<title>Reset &lt;b&gt;a&lt;/b&gt; password &amp; more</title>" in html
    assert "<main data-pagefind-body>\n<h1>Reset &lt;b&gt;a&lt;/b&gt; password &amp; more</h1>" in html
    assert '<div data-pagefind-weight="5">sspr</div>' in html and '<div data-pagefind-weight="0.5">pw passcode</div>' in html
    assert "<h2>Steps</h2>" in html and "<li>Open the reset page: C:\\Temp &amp; go .</li>" in html
    assert "<p>user · you</p>" in html and "raw html" not in html


def test_pagefind_indexes_the_sources_into_the_site(tmp_path: Path) -> None:
    document, _ = parse_text("kb/kb-0001.md", "article", DOCUMENT)
    run = start_index({"kb/kb-0001/index.html": search_source(document, ("sspr", ""))})
    site = tmp_path / "site"
    site.mkdir()
    index = run.finish(site)
    assert (site / "pagefind" / "pagefind.js").exists() and index.files > 5 and index.bytes > 10_000
    assert "Indexed 1 page" in index.output
    assert not run.folder.exists()  # the temporary sources are removed


def test_a_cancelled_run_leaves_nothing_behind() -> None:
    run = start_index({f"kb/kb-{n:04d}/index.html": "<html><body><main data-pagefind-body><p>x</p></main></body></html>" for n in range(50)})
    run.cancel()
    assert run.process is not None and run.process.poll() is not None
    assert not run.folder.exists()
