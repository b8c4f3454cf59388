from __future__ import annotations

import markdown
from hypothesis import given, strategies as st

from kbtool.site.markup import link, markdown_text, text


def test_text_escapes_markup_and_quotes() -> None:
    assert text('<b onclick="x">&') == "&lt;b onclick=&quot;x&quot;&gt;&amp;"


def test_link_escapes_address_and_label() -> None:
    assert link('https://x.example/?a=1&b="2"', "<i>", "kb-tag") == '<a href="https://x.example/?a=1&amp;b=&quot;2&quot;" class="kb-tag">&lt;i&gt;</a>'


@given(st.text(alphabet=st.sampled_from(list("ab <>&*_`[]()#!-.\\|{}+\"'")), max_size=40))
def test_markdown_text_renders_as_the_same_text(value: str) -> None:
    """Whatever a title holds, it renders as itself: no emphasis, link, code or tag comes out of it."""
    rendered = markdown.markdown("x " + markdown_text(value), extensions=["tables"])
    assert "<em>" not in rendered and "<strong>" not in rendered and "<a " not in rendered and "<code>" not in rendered
    stripped = rendered.removeprefix("<p>").removesuffix("</p>")
    import html as html_module

    assert " ".join(html_module.unescape(stripped).split()) == " ".join(("x " + value).split())
