from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from kbtool.site.chart import Series, stacked_bars

SVG = "{http://www.w3.org/2000/svg}"


def test_a_stacked_bar_per_row_with_counts_and_escaped_labels() -> None:
    svg = stacked_bars("Reviews <by> owner", [("Ann & <Co>", [3, 1, 0]), ("Ivan", [0, 0, 2])], [Series("Fresh", "#080"), Series("Due", "#a60"), Series("Overdue", "#c00")])
    tree = ElementTree.fromstring(svg)  # well-formed: no label can break out of its element
    assert tree.find(f"{SVG}title").text == "Reviews <by> owner"
    bars = [rect for rect in tree.iter(f"{SVG}rect") if rect.find(f"{SVG}title") is not None]
    assert [bar.find(f"{SVG}title").text for bar in bars] == ["Ann & <Co>: 3 Fresh", "Ann & <Co>: 1 Due", "Ivan: 2 Overdue"]
    widths = [float(bar.get("width")) for bar in bars]
    assert widths[0] == 3 * widths[1] and widths[2] == 2 * widths[1]  # lengths proportional to counts
    assert "<script" not in svg


def test_an_empty_chart_is_still_valid() -> None:
    ElementTree.fromstring(stacked_bars("Nothing", [], [Series("Fresh", "#080")]))
