"""The one Markdown reading: blocks, sections, steps, links and plain text mean the same everywhere."""
from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kbtool.core import inline
from kbtool.core import markdown as md

BODY = """## Issue

The caller sees **Access denied** and `0x80070005`.

## Resolution

1. Open *Settings*.
2. Select [Accounts](https://example.com/accounts).
   Then wait.
   - a nested bullet
3. See [[KB-0002]] and [[SOP-0001|the MFA reset]].

```powershell
## not a heading
[[KB-9999]] is not a link in code
```

| Setting | Value |
|---|---|
| Proxy | off |
| DNS | 10.0.0.1 |

> [!NOTE]
> Restart first.

<!-- a comment
over two lines -->

:::image type="content" source="media/x.png" alt-text="Screenshot":::

Setext heading
--------------

Final &nbsp;words with snake_case_name and ERR_CONNECTION_RESET.
"""


@pytest.fixture
def blocks() -> list[md.Block]:
    return md.parse(BODY, first_line=10)


def test_blocks_have_kinds_and_file_lines(blocks: list[md.Block]) -> None:
    kinds = [(block.kind, block.line) for block in blocks]
    assert kinds[:4] == [(md.HEADING, 10), (md.PARAGRAPH, 12), (md.HEADING, 14), (md.ITEM, 16)]
    assert (md.CODE, 22) in kinds and (md.TABLE, 27) in kinds and (md.QUOTE, 32) in kinds
    assert (md.HTML, 35) in kinds and (md.DIRECTIVE, 38) in kinds
    setext = next(block for block in blocks if block.kind == md.HEADING and block.text == "Setext heading")
    assert (setext.level, setext.line) == (2, 40)


def test_numbered_items_are_steps_and_nested_bullets_are_not(blocks: list[md.Block]) -> None:
    resolution = md.find_section(blocks, "Resolution")
    assert resolution is not None
    steps = resolution.steps()
    assert [step.number for step in steps] == [1, 2, 3]
    assert steps[1].text == "Select [Accounts](https://example.com/accounts).\nThen wait."
    nested = [block for block in resolution.blocks if block.kind == md.ITEM and block.number is None]
    assert nested and nested[0].level == 3


def test_a_heading_inside_code_is_not_a_section(blocks: list[md.Block]) -> None:
    titles = [section.title for section in md.sections(blocks)]
    assert titles == ["Issue", "Resolution", "Setext heading"]


def test_table_rows_and_cells(blocks: list[md.Block]) -> None:
    table = next(block for block in blocks if block.kind == md.TABLE)
    assert table.rows == (("Setting", "Value"), ("Proxy", "off"), ("DNS", "10.0.0.1"))


def test_a_table_without_outer_pipes_is_a_table() -> None:
    (table,) = md.parse("Name | Role\n--- | ---\nAnn | Agent\n")
    assert table.kind == md.TABLE and table.rows == (("Name", "Role"), ("Ann", "Agent"))


def test_links_outside_code_with_their_lines(blocks: list[md.Block]) -> None:
    found = [(link.kind, link.target, link.line) for link in md.links(blocks)]
    assert ("id", "KB-0002", 20) in found and ("id", "SOP-0001", 20) in found
    assert all(target != "KB-9999" for _, target, _ in found)
    assert not any(kind == "path" for kind, _, _ in found)  # absolute URLs are not checked as files


def test_relative_links_and_images_are_paths_but_inline_code_is_not() -> None:
    body = "Read [this](../kb/x.md) and ![pic](img/a.png) but not `[no](y.md)`."
    assert [(link.kind, link.target) for link in md.links(md.parse(body))] == [("path", "../kb/x.md"), ("path", "img/a.png")]


def test_plain_text_reads_as_sentences(blocks: list[md.Block]) -> None:
    text = md.plain_text(blocks)
    assert "Issue —\nThe caller sees Access denied and 0x80070005." in text
    assert "Open Settings." in text and "Setting · Value" in text and "Proxy · off" in text
    assert ":::" not in text and "alt-text" not in text and "&nbsp;" not in text and "<!--" not in text
    assert "[!NOTE]" not in text and "Restart first." in text
    assert "## not a heading" in text  # code stays searchable, verbatim


def test_an_unclosed_fence_runs_to_the_end() -> None:
    blocks = md.parse("```\n## inside\nstill code")
    assert [block.kind for block in blocks] == [md.CODE]
    assert md.sections(blocks) == []


@pytest.mark.parametrize("body", ["", "\n\n", "# only", "|", "| a |\n|---|", "1.", "-", ">", "<", ":::", "~~~", "!!! note"])
def test_edge_bodies_parse(body: str) -> None:
    assert isinstance(md.parse(body), list)


def test_normalise_heading() -> None:
    assert md.normalise_heading("**Procedure:** ") == "procedure"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("#|-*_>`~:<![]()0123456789. \nabc")), max_size=400))
def test_any_text_parses_and_plain_text_never_raises(body: str) -> None:
    blocks = md.parse(body)
    md.plain_text(blocks)
    md.links(blocks)
    md.sections(blocks)


def test_parsing_time_grows_linearly() -> None:
    """Ten times the text takes about ten times as long (never the square)."""
    unit = BODY * 20

    def cost(text: str) -> float:
        started = time.perf_counter()
        md.plain_text(md.parse(text))
        return time.perf_counter() - started

    small = min(cost(unit) for _ in range(3))
    large = min(cost(unit * 10) for _ in range(3))
    assert large < small * 40


def test_emphasis_and_links_wrapped_across_lines_are_removed() -> None:
    (item,) = md.parse("8. blue screens with a **Stop\n   code**: see [the\n   guide](x.md).")
    assert inline.to_plain(item.text) == "blue screens with a Stop code: see the guide."


def test_a_fence_inside_a_list_item_is_code() -> None:
    blocks = md.parse("1. Run this:\n\n    ```html\n    <object data=x></object>\n    ```\n\n2. Then this.")
    assert [block.kind for block in blocks] == [md.ITEM, md.CODE, md.ITEM]
    assert "<object" in blocks[1].text


def test_a_fence_indented_four_spaces_at_the_top_level_is_indented_code_not_a_fence() -> None:
    blocks = md.parse("    ```\n## Symptoms\n```\n[`c`](x.md)\n```")
    assert [(block.kind, block.info, block.text) for block in blocks][:2] == [(md.CODE, "indented", "```"), (md.HEADING, "", "Symptoms")]


def test_indented_code_at_the_top_level_but_a_continuation_inside_a_list_item() -> None:
    top = md.parse("Text.\n\n    Get-Mailbox -Identity x\n    Set-Mailbox\n\nAfter.")
    assert [(block.kind, block.text) for block in top] == [(md.PARAGRAPH, "Text."), (md.CODE, "Get-Mailbox -Identity x\nSet-Mailbox"), (md.PARAGRAPH, "After.")]
    assert md.verbatim_lines(top) == {3, 4}
    in_list = md.parse("1. Step one\n\n    More about step one.\n\n2. Step two")
    assert [block.kind for block in in_list] == [md.ITEM, md.PARAGRAPH, md.ITEM]


def test_a_directive_or_admonition_inside_a_list_item_keeps_the_item_going() -> None:
    body = "2. Rest the pointer on the icon.\n\n   :::image source=\"a.png\":::\n\n    The card shows after a pause.\n\n   !!! note\n\n    Slow links take longer."
    blocks = md.parse(body)
    assert [(block.kind, block.level) for block in blocks] == [(md.ITEM, 0), (md.DIRECTIVE, 3), (md.PARAGRAPH, 4), (md.ADMONITION, 3), (md.PARAGRAPH, 4)]
    assert md.verbatim_lines(blocks) == set(), "nothing here is code"


def test_an_admonitions_body_is_text_and_code_inside_it_is_code() -> None:
    blocks = md.parse("!!! note\n\n    Slow links take longer.\n\n        ping -t gateway\n\nBack at the top.")
    assert [(block.kind, block.level) for block in blocks] == [(md.ADMONITION, 0), (md.PARAGRAPH, 4), (md.CODE, 8), (md.PARAGRAPH, 0)]


def test_a_quote_inside_a_list_item_keeps_the_item_going() -> None:
    blocks = md.parse("1. Check the registry.\n\n   > Key: `HKLM`\n\n    > [!NOTE]\n    > Restart the service.")
    assert [(block.kind, block.level) for block in blocks] == [(md.ITEM, 0), (md.QUOTE, 3), (md.QUOTE, 4)] and md.verbatim_lines(blocks) == set()


def test_backticks_on_one_line_are_inline_code_not_a_fence() -> None:
    blocks = md.parse("```=SUM(LEN(range))```\n\n> [!NOTE]\n> Enter it as an array formula.")
    assert [block.kind for block in blocks] == [md.PARAGRAPH, md.QUOTE] and md.verbatim_lines(blocks) == set()


def test_two_fences_in_one_list_item() -> None:
    blocks = md.parse("1. First:\n\n    ```\n    a\n    ```\n\n    Then:\n\n    ```\n    b\n    ```\n")
    assert [block.kind for block in blocks] == [md.ITEM, md.CODE, md.PARAGRAPH, md.CODE]


def test_verbatim_lines_cover_code_with_its_fences_and_html_blocks() -> None:
    blocks = md.parse("text\n```\ncode\n```\n<!-- a\n```\n-->\n[link](x.md)\n", first_line=1)
    assert md.verbatim_lines(blocks) == {2, 3, 4, 5, 6, 7}
    assert md.verbatim_lines(blocks, (md.CODE,)) == {2, 3, 4}
