from __future__ import annotations

import pytest

from kbtool.core.errors import KbError
from kbtool.site.gate import checked_page


@pytest.mark.parametrize("html", ['<p><script>alert(1)</script></p>', '<img src="x.png" onerror="alert(1)">', '<a href="javascript:alert(1)">x</a>', "<iframe src=x></iframe>"])
def test_anything_that_would_run_stops_the_build_naming_the_page(html: str) -> None:
    with pytest.raises(KbError, match="kb/kb-0001-a.md: the rendered page holds"):
        checked_page(html, "kb/kb-0001-a.md")


def test_images_from_other_hosts_are_not_fetched_and_reported() -> None:
    html, problems = checked_page('<p><img alt="x" src="https://cdn.example/x.png"> <img src="images/local.png"></p>', "kb/a.md")
    assert 'data-remote-src="https://cdn.example/x.png"' in html and 'src="images/local.png"' in html
    assert problems == ["kb/a.md: https://cdn.example/x.png is on another host; the site does not fetch it (put the file beside the document)"]


def test_plain_pages_pass_unchanged() -> None:
    html = '<p>Code: <code>&lt;script&gt;</code> and <a href="https://example.com/">a link</a></p>'
    assert checked_page(html, "kb/a.md") == (html, [])


@pytest.mark.parametrize(
    "html",
    [
        "<pre><code>&lt;a href='javascript:go()'&gt;x&lt;/a&gt; &lt;script&gt;x&lt;/script&gt;</code></pre>",
        '<p>The onclick attribute and javascript: links are explained here.</p>',
        "<pre><span class=\"s2\">&quot;&lt;iframe src=x&gt;&quot;</span></pre>",
    ],
)
def test_code_and_prose_about_scripts_are_text_not_markup(html: str) -> None:
    assert checked_page(html, "kb/kb-0001-a.md") == (html, [])


@pytest.mark.parametrize("html", ['<a href=" JaVaScRiPt:alert(1)">x</a>', '<a href="jav&#x09;ascript:alert(1)">x</a>', "<embed src=x.swf>", '<svg><a xlink:href="javascript:x">y</a></svg>', '<form><button formaction="javascript:x">',
                                  '<base href="https://evil.example/">', '<meta http-equiv="refresh" content="5;url=https://evil.example/">', "<style>body{}</style>",
                                  '<p style="background:url(https://evil.example/y.png)">x</p>', '<form action="https://evil.example/"><input></form>'])
def test_disguised_scripts_are_still_caught(html: str) -> None:
    with pytest.raises(KbError):
        checked_page(html, "kb/kb-0001-a.md")
