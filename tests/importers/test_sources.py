"""Reading the source folder (`kbtool.importers.sources`), and hostile input through a whole import: never a traceback."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kbtool import api
from kbtool.core.findings import ERROR
from kbtool.importers.report import SkippedFile
from kbtool.importers.sources import find_markdown, read_source

from conftest import TODAY, make_kb, write

LARGE_BODY = "## Overview\n\n" + ("Mailbox quotas and archive policies explained in detail. " * 12 + "\n\n") * 240  # about 160 KB

# name -> (file name, bytes, expectation): "imported" (with a note code, or None) or "skipped" (with words of the reason)
HOSTILE: dict[str, tuple[str, bytes, str, str | None]] = {
    "yaml-does-not-parse": ("broken.md", b"---\ntitle: Books Home\ncontributors: @fromoz, Ganna\nrevision_date: 2026-05-08rc:\n  prod: Rocky\n---\nText.\n", "imported", "yaml-invalid"),
    "no-front-matter": ("plain.md", b"# A plain page\n\nSome text.\n", "imported", "no-front-matter"),
    "front-matter-never-closed": ("unclosed.md", b"---\ntitle: Open\n\nSome text.\n", "imported", "no-front-matter"),
    "keys-in-another-case": ("case.md", b"---\nTitle: Upper case keys\nDESCRIPTION: Shouting.\n---\nText.\n", "imported", None),
    "keys-misspelt": ("spelling.md", b"---\ntitle: Misspelt\nappleisto:\n  - Exchange Online\n---\n## Symptoms\n\nBad.\n\n## Resolution\n\nGood.\n", "imported", "key-spelling"),
    "list-where-text-is-expected": ("list.md", b"---\ntitle: [First, Second]\ndescription: [One, Two]\n---\nText.\n", "imported", "list-as-text"),
    "front-matter-is-a-list": ("listfm.md", b"---\n- a\n- b\n---\nText.\n", "imported", "front-matter-not-mapping"),
    "name-with-spaces-and-apostrophes": ("can't open my file.md", b"---\ntitle: Can't open\n---\nText.\n", "imported", None),
    "non-ascii-name": ("réseau-日本.md", "---\ntitle: Réseau 日本\n---\nText.\n".encode(), "imported", None),
    "control-characters": ("escape.md", b"---\ntitle: Bell\x07 and escape\n---\nText \x1b[31mred\x1b[0m and \xc2\x9b.\n", "imported", "control-characters"),
    "crlf-line-endings": ("crlf.md", b"---\r\ntitle: Windows file\r\nms.date: 01/30/2024\r\n---\r\n## Symptoms\r\n\r\nBad.\r\n\r\n## Resolution\r\n\r\nGood.\r\n", "imported", None),
    "160-kb-article": ("large.md", ("---\ntitle: A very long article\n---\n" + LARGE_BODY).encode(), "imported", None),
    "not-utf-8": ("latin.md", b"---\ntitle: Caf\xe9\n---\nCaf\xe9 au lait.\n", "imported", "encoding"),
    "tab-indented-yaml": ("tabs.md", b"---\ntitle: Tabs\ntags:\n\t- a\n---\nText.\n", "imported", None),
    "yaml-tags-and-anchors": ("tags.md", b"---\ntitle: !!python/name:os.system x\n---\nText.\n", "imported", "yaml-invalid"),
    "wiki-links": ("wiki.md", b"---\ntitle: Wiki\n---\nSee [[Other Page]] and [[KB-9999]].\n", "imported", "wiki-link"),
    "empty": ("empty.md", b"  \n", "skipped", "empty"),
    "binary": ("binary.md", b"\x89PNG\r\n\x00\x00", "skipped", "NUL bytes"),
    "only-a-title": ("title-only.md", b"---\ntitle: Nothing here\n---\n# Nothing here\n", "skipped", "no content"),
}


def import_one(tmp_path: Path, name: str, data: bytes):  # type: ignore[no-untyped-def]
    kb = make_kb(tmp_path / "kb-root")
    source = tmp_path / "source"
    (source / "sub").mkdir(parents=True)
    (source / "sub" / name).write_bytes(data)
    return kb, api.import_collection(kb, source, owner="ann.agent", today=TODAY)


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_file_is_imported_or_reported_with_a_reason(tmp_path: Path, case: str) -> None:
    name, data, outcome, detail = HOSTILE[case]
    kb, report = import_one(tmp_path, name, data)
    if outcome == "imported":
        assert [item.source for item in report.imported] == [f"sub/{name}"]
        assert report.problems == [], report.problems
        assert api.validate(kb, today=TODAY).findings == []
        if detail:
            assert detail in {note.code for note in report.imported[0].notes}
    else:
        assert report.imported == []
        assert [item.source for item in report.skipped] == [f"sub/{name}"] and detail in report.skipped[0].reason


def test_misspelt_key_is_read_as_the_known_one(tmp_path: Path) -> None:
    name, data, _, _ = HOSTILE["keys-misspelt"]
    kb, report = import_one(tmp_path, name, data)
    assert "- Exchange Online" in (kb / report.imported[0].path).read_text()


def test_case_of_keys_does_not_matter(tmp_path: Path) -> None:
    name, data, _, _ = HOSTILE["keys-in-another-case"]
    kb, report = import_one(tmp_path, name, data)
    text = (kb / report.imported[0].path).read_text()
    assert "title: Upper case keys" in text and "summary: Shouting." in text


def test_unparsable_front_matter_is_kept_as_text(tmp_path: Path) -> None:
    name, data, _, _ = HOSTILE["yaml-does-not-parse"]
    kb, report = import_one(tmp_path, name, data)
    meta = api.show(kb, report.imported[0].id).document.meta
    assert meta["title"] == "Books Home" and meta["reviewed"].isoformat() == "2026-05-08"
    assert "contributors: @fromoz, Ganna" in meta["source"]["front_matter_text"]


def test_symlinks_out_of_the_source_are_not_followed(tmp_path: Path) -> None:
    kb = make_kb(tmp_path / "kb-root")
    outside = write(tmp_path, "secret/passwords.md", "---\ntitle: Secret\n---\nDo not import.\n")
    source = tmp_path / "source"
    write(source, "real.md", "---\ntitle: Real\n---\nText.\n")
    os.symlink(outside, source / "leak.md")
    os.symlink(source / "real.md", source / "alias.md")
    os.symlink(outside.parent, source / "linked-folder")
    os.symlink(tmp_path / "missing.md", source / "dangling.md")
    report = api.import_collection(kb, source, owner="ann.agent", today=TODAY)
    assert [item.source for item in report.imported] == ["real.md"]
    reasons = {item.source: item.reason for item in report.skipped}
    assert "outside the source folder" in reasons["leak.md"]
    assert "imported itself" in reasons["alias.md"]
    assert "not followed" in reasons["linked-folder/"]
    assert "broken symbolic link" in reasons["dangling.md"]
    assert "Do not import" not in "".join(path.read_text() for path in (kb / "kb").rglob("*.md"))


def test_a_file_larger_than_the_limit_is_reported(tmp_path: Path) -> None:
    kb = make_kb(tmp_path / "kb-root", config_text="max_file_size: 1000\n")
    write(tmp_path, "source/big.md", "---\ntitle: Big\n---\n" + "word " * 400)
    report = api.import_collection(kb, tmp_path / "source", owner="ann.agent", today=TODAY)
    assert report.imported == [] and "max_file_size" in report.skipped[0].reason


def test_find_markdown_lists_markdown_only_and_skips_git(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "x")
    write(tmp_path, "b/c.markdown", "x")
    write(tmp_path, "b/d.png", b"x")
    write(tmp_path, ".git/HEAD.md", "x")
    found, skipped = find_markdown(tmp_path)
    assert [path.relative_to(tmp_path).as_posix() for path in found] == ["a.md", "b/c.markdown"] and skipped == []


def test_read_source_normalises_line_endings_and_strips_a_byte_order_mark(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", b"\xef\xbb\xbf---\r\ntitle: A\r\n---\rText\r\n")
    item = read_source(tmp_path, path, 10_000)
    assert not isinstance(item, SkippedFile) and item.text == "---\ntitle: A\n---\nText\n"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    title=st.text(max_size=200),
    front=st.text(max_size=300),
    body=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=600),
)
def test_any_text_is_imported_validly_or_reported(tmp_path_factory, title: str, front: str, body: str) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("any")
    kb = make_kb(root / "kb-root")
    write(root, "source/page.md", f"---\ntitle: {title}\n{front}\n---\n{body}")
    report = api.import_collection(kb, root / "source", owner="ann.agent", today=TODAY)
    assert len(report.imported) + len(report.skipped) == 1
    assert [problem for problem in report.problems if problem.severity == ERROR] == []
