"""Reading only the review fields: the same values and lines as a full reading, and the full reading's findings when a file is odd."""
from __future__ import annotations

from pathlib import Path

import pytest

from kbtool.core.config import load_config
from kbtool.core.discovery import discover
from kbtool.core.documents import read_document
from kbtool.lifecycle.review_fields import REVIEW_FIELDS, document_files, read_review_fields

from conftest import write


def test_the_fields_and_their_lines_match_a_full_reading(starter_kb: Path) -> None:
    config = load_config(starter_kb)
    files = list(document_files(config))
    assert [path for path, _, _ in files] == [path for path, _ in discover(config)]
    for path, doc_type, name in files:
        full, _ = read_document(config, path, doc_type)
        light, findings = read_review_fields(config, path, doc_type, name)
        assert full is not None and light is not None and findings == []
        assert light.path == full.path == name
        assert light.meta == {key: value for key, value in full.meta.items() if key in REVIEW_FIELDS}
        assert light.line_of("reviewed") == full.line_of("reviewed") and light.body_line == full.body_line


@pytest.mark.parametrize(
    "content, rule",
    [
        (b"---\nid: KB-0009\ntitle: [broken\n---\n", "yaml-syntax"),
        (b"---\nid: KB-0009\n\xff\xfe\n---\n", "file-encoding"),
        (b"no front matter\n", "front-matter-missing"),
        (b"---\nid: KB-0009\nbinary\0\n---\n", "file-binary"),
    ],
)
def test_odd_files_get_the_full_readings_findings(kb: Path, content: bytes, rule: str) -> None:
    config = load_config(kb)
    path = write(kb, "kb/kb-0009-odd.md", content)
    document, findings = read_review_fields(config, path, "article", "kb/kb-0009-odd.md")
    assert document is None and findings[0].rule == rule


def test_an_alias_to_a_blanked_field_gets_the_full_readings_finding(kb: Path) -> None:
    """Blanking `keywords` leaves `*who` without its anchor; the full reading says what is really wrong."""
    config = load_config(kb)
    path = write(kb, "kb/kb-0009-alias.md", "---\nid: KB-0009\nkeywords: &who [ann.agent]\nowner: *who\nreviewed: 2026-01-01\n---\nBody\n")
    document, findings = read_review_fields(config, path, "article", "kb/kb-0009-alias.md")
    assert document is None and (findings[0].rule, findings[0].line) == ("yaml-alias", 3)
