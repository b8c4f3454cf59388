"""Links and images converted so each works in the knowledge base (`kbtool.importers.convert`)."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kbtool import api
from kbtool.core.findings import ERROR
from kbtool.importers.convert import Collection, Conversion, align_closing_fences, fence_roles
from kbtool.importers.generic import PROFILE as GENERIC

from conftest import TODAY, make_kb, write


@pytest.fixture
def collection(tmp_path: Path) -> Collection:
    write(tmp_path, "guides/a.md", "x")
    write(tmp_path, "guides/b.md", "x")
    write(tmp_path, "guides/index.md", "x")
    write(tmp_path, "guides/media/shot.png", b"png")
    write(tmp_path, "includes/note.md", "x")
    targets = {"guides/a.md": "kb-0010-a.md", "guides/b.md": "kb-0011-b.md", "guides/index.md": "kb-0012-guides.md"}
    return Collection(tmp_path, GENERIC, targets, {"includes/note.md": "an include file"}, None)


def convert(collection: Collection, text: str, page: str = "guides/a.md") -> tuple[str, set[str]]:
    conversion = Conversion(collection, page)
    return conversion.body(text, page, 1), {note.code for note in conversion.notes}


@pytest.mark.parametrize(
    "text, expected, code",
    [
        ("[B](b.md#cause)", "[B](kb-0011-b.md#cause)", None),
        ("[B](./b.md)", "[B](kb-0011-b.md)", None),
        ("[B](..\\guides\\b.md)", "[B](kb-0011-b.md)", None),
        ("[B](b)", "[B](kb-0011-b.md)", None),
        ("[All](../guides/)", "[All](kb-0012-guides.md)", None),
        ("[B](<b.md> \"Title\")", "[B](kb-0011-b.md \"Title\")", None),
        ("[here](#details)", "[here](#details)", None),
        ("[web](https://example.com/x)", "[web](https://example.com/x)", None),
        ("[mail](mailto:desk@example.com)", "[mail](mailto:desk@example.com)", None),
        ("![shot](media/shot.png)", "![shot](assets/guides/media/shot.png)", None),
        ("![gone](media/gone.png)", "*(image not available: gone)*", "image-missing"),
        ("![](media/gone.png)", "", "image-missing"),
        ("[Gone](gone.md)", "Gone", "broken-link"),
        ("[Up](../../outside.md)", "Up", "link-outside"),
        ("[Note](../includes/note.md)", "Note", "link-not-imported"),
        ("[Root](/exchange/overview)", "Root", "site-root-link"),
        ("[X](xref:System.String)", "X", "xref-link"),
        ("[Empty]()", "Empty", "empty-link"),
        ("[![shot](media/gone.png)](b.md)", "[*(image not available: shot)*](kb-0011-b.md)", "image-missing"),
        ("[`Get-Mailbox`](b.md)", "[`Get-Mailbox`](kb-0011-b.md)", None),
        ("`[code](gone.md)` stays", "`[code](gone.md)` stays", None),
        ("[ref]: b.md", "[ref]: kb-0011-b.md", None),
        ("[ref]: gone.md", "", "broken-link"),
        ('<img src="media/shot.png" alt="Shot">', '<img src="assets/guides/media/shot.png" alt="Shot">', None),
        ('<img src="media/gone.png" alt="Gone">', "*(image not available: Gone)*", "image-missing"),
        ("See [[Other Page]].", "See Other Page.", "wiki-link"),
    ],
)
def test_links_and_images(collection: Collection, text: str, expected: str, code: str | None) -> None:
    converted, codes = convert(collection, text)
    assert converted == expected
    assert (code in codes) if code else not codes - {"site-root-link-absolute"}


def test_existing_files_are_listed_as_assets(collection: Collection) -> None:
    convert(collection, "![shot](media/shot.png)")
    assert collection.assets == {"guides/media/shot.png": "assets/guides/media/shot.png"}


def test_site_root_links_become_absolute_under_the_base_url(collection: Collection) -> None:
    collection.base_url = "https://learn.microsoft.com/en-us/"
    converted, codes = convert(collection, "[Root](/exchange/overview#top)")
    assert converted == "[Root](https://learn.microsoft.com/en-us/exchange/overview#top)" and codes == {"site-root-link-absolute"}


def test_fenced_code_is_left_alone(collection: Collection) -> None:
    text = "```\n[a](gone.md)\n```\n\n    ~~~\n    [b](gone.md)\n    ~~~"
    assert convert(collection, text) == (text, set())


def test_a_link_split_across_lines_is_joined(collection: Collection) -> None:
    converted, _ = convert(collection, "[B](\nb.md)")
    assert converted == "[B](kb-0011-b.md)"


def test_a_fence_in_a_list_item_ends_with_the_item() -> None:
    lines = ["1. Run:", "", "    ```powershell", "    Get-Mailbox", "", "## Next", "", "[a](b.md)"]
    assert fence_roles(lines) == ["", "", "open", "code", "code", "", "", ""]


def test_closing_fences_are_aligned_with_their_opening() -> None:
    assert align_closing_fences(["   ```xml", "    <a/>", "    ```", "## Cause"]) == ["   ```xml", "    <a/>", "   ```", "## Cause"]


def test_blocks_left_open_at_the_end_are_closed(collection: Collection) -> None:
    conversion = Conversion(collection, "guides/a.md")
    assert conversion.close_open_blocks("Text\n\n```bash\necho hi\n") == "Text\n\n```bash\necho hi\n```"
    assert conversion.close_open_blocks("Text\n<!-- hidden") == "Text\n<!-- hidden\n-->"
    assert conversion.close_open_blocks("`<!--` in code\n<!-- a -->") == "`<!--` in code\n<!-- a -->"


PIECES = [
    "## Symptoms", "## Cause", "## Resolution", "## Workaround", "# Title", "Text.", "1. Step", "   1. Sub", "- item", "```", "    ```", "~~~",
    "> [!NOTE]", "> note text", ">", '> [!div class="x"]', ':::image type="content" source="m/x.png" alt-text="A":::', ":::row:::",
    "[!INCLUDE [x](inc/a.md)]", "[link](other.md)", "[l](../out.md)", "[r](/root/x)", "![i](m/y.png)", "[[Page]]", '<img src="m/z.png">',
    "!!! note", "    indented", "Symptoms", "--------", "| a | b |", "|---|---|", "[ref]: other.md", "`[code](x)`", "[`c`](x.md)",
    "<!-- comment", "-->", '{% include "a.md" %}', "{{ x.y }}", "", "", "\t tab",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(body=st.lists(st.sampled_from(PIECES), max_size=40), profile=st.sampled_from(["docfx", "mkdocs", "generic"]))
def test_any_mix_of_markdown_imports_validly(tmp_path_factory, body: list[str], profile: str) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("soup")
    kb = make_kb(root / "kb-root")
    write(root, "source/page.md", "---\ntitle: Soup\n---\n" + "\n".join(body))
    write(root, "source/other.md", "---\ntitle: Other\n---\nOther text [back](page.md).\n")
    write(root, "source/inc/a.md", "Included [o](../other.md) text.\n")
    report = api.import_collection(kb, root / "source", owner="ann.agent", today=TODAY, profile=profile)
    assert [problem for problem in report.problems if problem.severity == ERROR] == []


def test_a_page_left_empty_by_conversion_says_so_and_is_reported(tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("empty")
    kb = make_kb(root / "kb-root")
    write(root, "source/page.md", '---\ntitle: Only an include\n---\n{% include "missing.md" %}\n')
    report = api.import_collection(kb, root / "source", owner="ann.agent", today=TODAY, profile="mkdocs")
    assert [problem for problem in report.problems if problem.severity == ERROR] == []
    assert any(note.code == "empty-after-conversion" for imported in report.imported for note in imported.notes)
