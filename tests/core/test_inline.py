"""Inline Markdown: plain text and styled spans from a block's text."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kbtool.core import inline


@pytest.mark.parametrize(
    "markup, text",
    [
        ("**bold** and __strong__ and *em* and _em_", "bold and strong and em and em"),
        ("keep snake_case_name and ERR_CONNECTION_RESET", "keep snake_case_name and ERR_CONNECTION_RESET"),
        ("a [link](http://x) and ![image](a.png) here", "a link and here"),
        ("[[KB-0002]] and [[SOP-0001|the MFA reset]]", "KB-0002 and the MFA reset"),
        ("`code` and &nbsp;entities &amp; tags <br> <kbd>Ctrl</kbd>", "code and entities & tags Ctrl"),
        ("[!INCLUDE [x](../includes/y.md)] after", "after"),
        ("escaped \\*stars\\*", "escaped *stars*"),
    ],
)
def test_to_plain_removes_markup_but_keeps_words(markup: str, text: str) -> None:
    assert inline.to_plain(markup) == text


def test_spans_name_references_links_code_and_strong_and_drop_tags() -> None:
    spans = inline.spans("Open **Settings**, run `ipconfig`,\nsee [[kb-2|the VPN article]] or [docs](https://x.example/a_b) <b>now</b> ![pic](a.png) _done_ &amp;")
    assert [(span.kind, span.text, span.target) for span in spans] == [
        ("text", "Open ", ""), ("strong", "Settings", ""), ("text", ", run ", ""), ("code", "ipconfig", ""),
        ("text", ", see ", ""), ("ref", "the VPN article", "kb-2"), ("text", " or ", ""), ("link", "docs", "https://x.example/a_b"),
        ("text", " ", ""), ("text", " ", ""), ("text", "now", ""), ("text", " ", ""), ("text", " ", ""), ("image", "pic", ""),
        ("text", " done &", ""),
    ]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="<>[]()`*_!|&;# \nab:/-=\"'", max_size=120))
def test_spans_never_keep_a_tag(text: str) -> None:
    """Only code keeps `<b>` as written; everywhere else a tag is dropped (the page escapes what is left).

    Backslashes are left out: an escaped `\\<b\\>` is literal text `<b>` (as in CommonMark), checked below.
    """
    for span in inline.spans(text):
        if span.kind != "code":
            assert not re.search(r"</?[a-zA-Z][\w-]*(?:\s[^<>]*)?/?>|<!--.*?-->", span.text, re.DOTALL), span


@pytest.mark.parametrize("written", [r"\<b\>", r"<b\>", r"\<b>"])
def test_an_escaped_tag_is_literal_text(written: str) -> None:
    assert inline.spans(written) == [inline.Span(kind="text", text="<b>", target="")]


def test_code_spans_are_plain_text_as_written() -> None:
    assert inline.to_plain("Run `Get-Mailbox <name> *x* &amp;` then **go**") == "Run Get-Mailbox <name> *x* &amp; then go"


def test_an_address_may_hold_one_level_of_parentheses() -> None:
    text = "See [the docs](https://technet.example/dd351260(v=exchg.141).aspx) now."
    assert [span.target for span in inline.spans(text) if span.kind == "link"] == ["https://technet.example/dd351260(v=exchg.141).aspx"]
    assert inline.to_plain(text) == "See the docs now."


def test_comments_are_dropped_but_a_comment_shown_as_code_is_kept() -> None:
    assert inline.to_plain("a <!-- [l](u) --> b <!-- open") == "a b <!-- open"
    assert [(span.kind, span.text) for span in inline.spans("`<!-- x -->` c")] == [("code", "<!-- x -->"), ("text", " c")]
