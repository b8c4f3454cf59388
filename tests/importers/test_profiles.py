"""Choosing and guessing the import profile (`kbtool.importers.profiles`)."""
from __future__ import annotations

from pathlib import Path

import pytest

from kbtool.core.errors import UsageError
from kbtool.importers.profiles import choose, detect
from kbtool.importers.sources import find_markdown

from conftest import write


@pytest.mark.parametrize(
    "files, expected",
    [
        ({"a.md": "---\nms.date: 01/01/2024\n---\n> [!NOTE]\n> x"}, "docfx"),
        ({"docfx.json": "{}", "a.md": "x"}, "docfx"),
        ({"mkdocs.yml": "site_name: x", "docs/a.md": "x"}, "mkdocs"),
        ({"docs/a.md": "---\ntitle: A\n---\n\n!!! note\n    x"}, "mkdocs"),
        ({"a.md": "---\ntitle: A\ndate: 2024-01-01\n---\nx"}, "generic"),
    ],
)
def test_detect(tmp_path: Path, files: dict[str, str], expected: str) -> None:
    for relative, text in files.items():
        write(tmp_path, relative, text)
    assert detect(tmp_path, find_markdown(tmp_path)[0]) == expected


def test_choose_by_name(tmp_path: Path) -> None:
    assert choose("mkdocs", tmp_path, []).name == "mkdocs"
    with pytest.raises(UsageError, match="unknown profile"):
        choose("jekyll", tmp_path, [])
