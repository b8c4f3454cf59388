"""Document bodies as HTML (kbtool/server/document_html.py): structure kept, every character of content escaped."""
from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings, strategies as st

from kbtool.core.markdown import parse
from kbtool.server.document_html import blocks_html, sections_html

ALLOWED_TAGS = {
    "p", "ol", "ul", "li", "strong", "code", "pre", "a", "h3", "h4", "h5", "h6", "blockquote", "hr",
    "div", "table", "thead", "tbody", "tr", "th", "td", "span",
}
ALLOWED_ATTRIBUTES = {"class", "href", "title", "rel", "target", "start", "data-step"}


class Structure(HTMLParser):
    """The tags and attributes a browser would build from the HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(name, value or "") for name, value in attrs]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def structure(markdown: str) -> Structure:
    parser = Structure()
    parser.feed(blocks_html(parse(markdown), {"KB-0002": "VPN keeps disconnecting"}))
    parser.close()
    return parser


def assert_safe(parser: Structure) -> None:
    assert set(parser.tags) <= ALLOWED_TAGS
    for name, value in parser.attributes:
        assert name in ALLOWED_ATTRIBUTES, name
        if name == "href":
            assert value.startswith(("#/doc/", "https://", "http://", "mailto:")), value


def test_scripts_handlers_and_dangerous_links_never_become_markup() -> None:
    parser = structure(
        "Before <script>window.pwned = 1</script> after <img src=x onerror=\"window.pwned=2\">.\n\n"
        "<script>\nwindow.pwned = 3\n</script>\n\n"
        "[click](javascript:alert(1)) [data](data:text/html,<b>x</b>) [ok](https://example.org/a?b=1&c=2)\n\n"
        "`<script>` in code stays text; so does &lt;b&gt;.\n\n"
        "```html\n<script>alert(1)</script>\n```\n"
    )
    assert_safe(parser)
    assert "script" not in parser.tags and "img" not in parser.tags
    text = "".join(parser.text)
    assert "<script>alert(1)</script>" in text  # the code block, shown as text
    assert "<script>" in text and "<b>" in text  # code span and entity, as text
    assert [value for name, value in parser.attributes if name == "href"] == ["https://example.org/a?b=1&c=2"]


def test_steps_keep_their_numbers_across_code_and_notes() -> None:
    html = blocks_html(parse("1. Open it.\n2. Run:\n\n```\nipconfig\n```\n\n3. Check.\n   - nested\n4. Done."), {})
    assert html.startswith('<ol class="steps"><li data-step="1">Open it.</li><li data-step="2">Run:</li></ol><pre><code>ipconfig</code></pre>')
    assert '<ol class="steps" start="3"><li data-step="3">Check.<ul><li>nested</li></ul></li><li data-step="4">Done.</li></ol>' in html


def test_references_link_to_documents_with_their_titles() -> None:
    html = blocks_html(parse("See [[KB-0002]], [[kb-2|the VPN article]], [old](../kb/kb-0003-answering.md) and [[not an id]]."), {"KB-0002": "VPN keeps disconnecting"})
    assert '<a class="ref" href="#/doc/KB-0002" title="VPN keeps disconnecting">KB-0002</a> (VPN keeps disconnecting)' in html
    assert '<a class="ref" href="#/doc/KB-0002">the VPN article</a>' in html
    assert '<a class="ref" href="#/doc/KB-0003">old</a>' in html
    assert "[[" in html and "href=\"#/doc/not" not in html


def test_tables_quotes_and_headings() -> None:
    parser = structure("### Check\n\n| Code | Meaning |\n|---|---|\n| 0x1 | <i>bad</i> |\n\n> [!WARNING]\n> Do **not** reset.\n")
    assert_safe(parser)
    assert parser.tags[:2] == ["h3", "div"] and "th" in parser.tags and "blockquote" in parser.tags
    assert "Warning:" in parser.text


def test_sections_are_cut_at_top_headings() -> None:
    sections = sections_html(parse("Intro line.\n\n# Title\n\n## Issue\n\nIt breaks.\n\n### Detail\n\nMore.\n\n## Cause\n\nWhy."), {})
    assert [section.title for section in sections] == ["", "Title", "Issue", "Cause"]
    assert sections[2].html == "<p>It breaks.</p><h3>Detail</h3><p>More.</p>"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("<>&\"'`*_[]()!#|:-=~\\/ \n1.abcjsript") + ["javascript:", "<script>", " onerror=", "[[KB-1]]", "](", "http://", "\n\n", "1. "]), max_size=80).map("".join))
def test_any_text_gives_only_allowed_markup(text: str) -> None:
    assert_safe(structure(text))
