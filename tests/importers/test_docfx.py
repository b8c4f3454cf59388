"""DocFX syntax converted (`kbtool.importers.docfx`): callouts, images, includes, videos, layout directives."""
from __future__ import annotations

from pathlib import Path

import pytest

from kbtool.importers.convert import Collection, Conversion
from kbtool.importers.docfx import PROFILE
from kbtool.importers.frontmatter import split
from kbtool.importers.generic import INCLUDE, PAGE

from conftest import write


@pytest.fixture
def collection(tmp_path: Path) -> Collection:
    write(tmp_path, "Outlook/media/x/shot.png", b"png")
    write(tmp_path, "includes/disclaimer.md", "---\nms.topic: include\n---\nThird-party [products](../Outlook/page.md) are not endorsed.\n")
    return Collection(tmp_path, PROFILE, {"Outlook/page.md": "kb-0100-page.md"}, {}, None)


def convert(collection: Collection, text: str) -> tuple[str, list[str]]:
    conversion = Conversion(collection, "Outlook/page.md")
    return conversion.body(text, "Outlook/page.md", 1), [note.code for note in conversion.notes]


def test_callouts_become_admonitions(collection: Collection) -> None:
    text = "> [!NOTE]\n> First line.\n>\n> - a list\n\nAfter."
    converted, codes = convert(collection, text)
    assert converted == "!!! note\n\n    First line.\n\n    - a list\n\n\nAfter."
    assert codes == ["callout"]


@pytest.mark.parametrize("kind", ["IMPORTANT", "Warning", "tip", "CAUTION"])
def test_every_callout_kind_keeps_its_name(collection: Collection, kind: str) -> None:
    assert convert(collection, f">[!{kind}] Text on the same line.")[0].startswith(f"!!! {kind.lower()}\n\n    Text on the same line.")


def test_a_callout_inside_a_list_item_stays_inside_it(collection: Collection) -> None:
    converted, _ = convert(collection, "1. Step.\n\n   > [!TIP]\n   > Press F5.")
    assert "   !!! tip\n\n       Press F5." in converted


def test_images(collection: Collection) -> None:
    converted, codes = convert(collection, ':::image type="content" source="media/x/shot.png" alt-text="The dialog.":::')
    assert converted == "![The dialog.](assets/Outlook/media/x/shot.png)" and codes == ["docfx-image"]
    converted, codes = convert(collection, 'Click :::image type="icon" source="media/gone.png" alt-text="the gear":::, then Save.')
    assert converted == "Click *(image not available: the gear)*, then Save." and codes == ["image-missing"]


def test_a_complex_image_keeps_its_description(collection: Collection) -> None:
    text = ':::image type="complex" source="media/gone.png" alt-text="Chart.":::\nLong description.\n:::image-end:::'
    assert convert(collection, text)[0] == "*(image not available: Chart.)*\nLong description."


def test_includes_are_inlined_with_their_links_resolved_from_the_include(collection: Collection) -> None:
    converted, codes = convert(collection, "Before.\n\n[!INCLUDE [Disclaimer](../includes/disclaimer.md)]\n\nAfter.")
    assert converted == "Before.\n\nThird-party [products](kb-0100-page.md) are not endorsed.\n\nAfter."
    assert codes == ["include-inlined"] and collection.includes_used["includes/disclaimer.md"] == 1


def test_a_missing_include_is_left_out_and_noted(collection: Collection) -> None:
    converted, codes = convert(collection, "[!INCLUDE [Gone](../includes/gone.md)]")
    assert converted == "" and codes == ["include-missing"]


def test_videos_divs_and_layout_directives(collection: Collection) -> None:
    text = "> [!VIDEO https://example.com/embed/1]\n\n> [!div class=\"nextstepaction\"]\n> [Next](https://example.com)\n\n:::row:::\nCell\n:::row-end:::"
    converted, codes = convert(collection, text)
    assert converted == "> [Video](https://example.com/embed/1)\n\n[Next](https://example.com)\n\nCell"
    assert sorted(codes) == ["docfx-directive", "docfx-directive", "docfx-div", "docfx-video"]


def test_code_is_not_converted(collection: Collection) -> None:
    text = "```\n> [!NOTE]\n:::image source=\"x.png\":::\n```"
    assert convert(collection, text) == (text, [])


@pytest.mark.parametrize(
    "path, text, verdict",
    [
        ("Outlook/page.md", "---\ntitle: A\n---\nText", PAGE),
        ("includes/note.md", "Text", INCLUDE),
        ("Outlook/snippet.md", "---\nms.topic: include\n---\nText", INCLUDE),
        ("Outlook/TOC.md", "# Contents", "table of contents, not an article"),
        ("NOTICE.md", "Notice", "repository file (licence, notice, read-me or change log), not an article"),
    ],
)
def test_classify(tmp_path: Path, path: str, text: str, verdict: str) -> None:
    assert PROFILE.classify(tmp_path, path, split(text, PROFILE.known_keys())) == verdict
