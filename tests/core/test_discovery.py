"""Finding documents: walking the content folders and looking up ids in any spelling."""
from __future__ import annotations

from pathlib import Path

import pytest

from kbtool.core.config import load_config
from kbtool.core.discovery import discover, find_document, scan_headings
from kbtool.core.errors import KbError, NotFoundError

from conftest import write


@pytest.mark.parametrize("typed", ["KB-0002", "kb-0002", "kb2", "KB 2", "kb-2"])
def test_find_document_in_any_spelling(kb: Path, typed: str) -> None:
    assert find_document(load_config(kb), typed).id == "KB-0002"


def test_unknown_id_suggests_close_ones(kb: Path) -> None:
    with pytest.raises(NotFoundError) as error:
        find_document(load_config(kb), "KB-0009")
    assert "did you mean" in str(error.value)


def test_an_unreadable_document_is_a_clear_error(kb: Path) -> None:
    write(kb, "kb/kb-0009-broken.md", "---\nid: KB-0009\ntitle: [broken\n---\nbody\n")
    with pytest.raises(KbError) as error:
        find_document(load_config(kb), "KB-0009")
    assert "kb/kb-0009-broken.md:4: invalid YAML" in str(error.value)


def test_discover_skips_dot_files_and_sorts(kb: Path) -> None:
    write(kb, "kb/.draft.md", "hidden")
    write(kb, "kb/sub/kb-0010-nested.md", "---\nid: KB-0010\n---\n")
    names = [path.relative_to(kb).as_posix() for path, _ in discover(load_config(kb))]
    assert names == sorted(names) and "kb/.draft.md" not in names and "kb/sub/kb-0010-nested.md" in names


def test_scan_headings_reads_ids_and_titles(kb: Path) -> None:
    headings = scan_headings(load_config(kb))
    assert headings["SOP-0001"].title == "MFA reset for a lost phone" and headings["SOP-0001"].doc_type == "sop"


def test_link_loops_are_reported_and_the_rest_is_still_checked(kb: Path) -> None:
    import os

    from kbtool.checks.validate import validate

    from conftest import TODAY

    os.symlink("loop", kb / "kb" / "loop")  # a folder linking to itself
    os.symlink("self.md", kb / "kb" / "self.md")  # a file linking to itself
    os.symlink("../kb", kb / "kb" / "up")  # a folder inside the repository: skipped, not a loop
    report = validate(load_config(kb), today=TODAY)
    assert sorted((f.path, f.rule) for f in report.findings) == [("kb/loop", "symlink-loop"), ("kb/self.md", "symlink-loop")]
    assert report.files_checked == 8
    assert find_document(load_config(kb), "KB-0001").id == "KB-0001"


def test_an_unreadable_folder_is_reported(kb: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import os

    from kbtool.checks.validate import validate

    from conftest import TODAY

    (kb / "kb" / "locked").mkdir()
    real_scandir, real_listdir = os.scandir, os.listdir

    def refuse(path):  # type: ignore[no-untyped-def]
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    monkeypatch.setattr(os, "listdir", lambda path: refuse(path) if str(path).endswith("locked") else real_listdir(path))
    findings = validate(load_config(kb), today=TODAY, jobs=1).findings
    assert [(f.path, f.rule) for f in findings] == [("kb/locked", "file-unreadable")]
    assert "cannot be read" in findings[0].message


def test_a_document_saved_with_a_byte_order_mark_and_crlf_is_found_by_id(kb: Path) -> None:
    text = (kb / "kb/kb-0003-answering-a-call.md").read_text()
    (kb / "kb/kb-0003-answering-a-call.md").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    headings = scan_headings(load_config(kb))
    assert headings["KB-0003"].title == "Answering a support call"
    assert find_document(load_config(kb), "KB-0003").title == "Answering a support call"


def test_an_impostor_copy_is_blamed_and_never_shown(kb: Path) -> None:
    from kbtool.checks.validate import validate

    from conftest import TODAY

    genuine = (kb / "sops/sop-0001-mfa-reset.md").read_text()
    write(kb, "kb/aaa-sop-0001-copy.md", genuine.replace("Restore sign-in safely", "Send the code to any number"))
    duplicates = [(f.path, f.rule) for f in validate(load_config(kb), today=TODAY).findings if f.rule == "duplicate-id"]
    assert duplicates == [("kb/aaa-sop-0001-copy.md", "duplicate-id")]
    assert scan_headings(load_config(kb))["SOP-0001"].path.name == "sop-0001-mfa-reset.md"
    assert "Restore sign-in safely" in find_document(load_config(kb), "SOP-0001").body
    write(kb, "sops/sop-0001-second.md", genuine)
    with pytest.raises(KbError, match="claimed by"):
        find_document(load_config(kb), "SOP-0001")
    (kb / "sops/sop-0001-second.md").unlink()
    (kb / "sops/sop-0001-mfa-reset.md").unlink()
    with pytest.raises(KbError, match="belongs in the other folder"):
        find_document(load_config(kb), "SOP-0001")


def test_a_five_digit_id_is_found_as_typed(kb: Path) -> None:
    text = (kb / "kb/kb-0003-answering-a-call.md").read_text().replace("KB-0003", "KB-00042").replace("Answering a support call", "Five digits")
    write(kb, "kb/kb-00042-five.md", text)
    assert find_document(load_config(kb), "KB-00042").title == "Five digits"
    assert find_document(load_config(kb), "kb 00042").title == "Five digits"
