"""An import from start to end (`kbtool.importers.run`): files written, ids, re-runs, dry runs, owners, tags, kinds."""
from __future__ import annotations

import datetime
import hashlib
import json
import os
from pathlib import Path

import pytest

from kbtool import api
from kbtool.core.config import load_config
from kbtool.core.documents import read_document
from kbtool.core.registries import load_registries

from conftest import TODAY, git, write

ARTICLE = """---
title: Outlook keeps asking for a password
description: Outlook prompts for credentials again and again after a password change.
author: cloud-writer
ms.author: meerak
ms.date: 01/30/2024
appliesto:
  - Outlook for Microsoft 365
  - Exchange Online
---
# Outlook keeps asking for a password

## Symptoms

Outlook shows the credentials prompt every few minutes.

## Cause

A cached password in Credential Manager is stale. See [the sync article](../Sync/sync-fails.md#cause).

## Resolution

1. Open Credential Manager.
2. Remove the entries for Outlook.

> [!NOTE]
> Restart Outlook afterwards.
"""
SYNC = """---
title: Sync fails with error 0x8004010F
description: Send/receive fails with 0x8004010F.
author: helenclu
ms.date: 3/7/2023
---
## Symptoms

Send/receive reports 0x8004010F. Read [the password article](../Client/password-prompts.md) and [Get-Mailbox](/powershell/module/exchange/get-mailbox).

## Resolution

Recreate the profile.

:::image type="content" source="media/sync/error.png" alt-text="Screenshot of the error.":::
"""


def make_source(root: Path, files: dict[str, str | bytes] | None = None) -> Path:
    for relative, text in (files or {"Outlook/Client/password-prompts.md": ARTICLE, "Outlook/Sync/sync-fails.md": SYNC}).items():
        write(root, relative, text)
    return root


def run(kb: Path, source: Path, **options: object):  # type: ignore[no-untyped-def]
    options.setdefault("owner", "ann.agent")
    options.setdefault("today", TODAY)
    return api.import_collection(kb, source, **options)  # type: ignore[arg-type]


def tree(folder: Path) -> dict[str, tuple[str, float]]:
    """Every file under `folder`: content hash and modification time (a snapshot)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() or path.is_symlink():
            stat = path.lstat()
            data = path.read_bytes() if path.is_file() and not path.is_symlink() else os.readlink(path).encode()
            found[path.relative_to(folder).as_posix()] = (hashlib.sha1(data).hexdigest(), stat.st_mtime)
    return found


def meta_of(kb: Path, relative: str) -> dict:  # type: ignore[type-arg]
    document, findings = read_document(load_config(kb), kb / relative, "article")
    assert document is not None, findings
    return document.meta


def test_docfx_articles_become_valid_articles_with_fresh_ids(kb: Path, tmp_path: Path) -> None:
    source = make_source(tmp_path / "support")
    report = run(kb, source, profile="docfx")
    assert report.problems == [] and report.exit_code == 0
    by_source = {item.source: item for item in report.imported}
    prompts, sync = by_source["Outlook/Client/password-prompts.md"], by_source["Outlook/Sync/sync-fails.md"]
    assert (prompts.id, sync.id) == ("KB-0006", "KB-0007")  # the fixture's highest id is KB-0005
    assert prompts.path == "kb/support/kb-0006-outlook-keeps-asking-for-a-password.md"
    meta = meta_of(kb, prompts.path)
    assert meta["title"] == "Outlook keeps asking for a password"
    assert meta["summary"].startswith("Outlook prompts for credentials")
    assert meta["kind"] == "troubleshooting" and meta["status"] == "published"
    assert meta["reviewed"] == meta["created"] == datetime.date(2024, 1, 30)
    assert meta["source"]["path"] == "Outlook/Client/password-prompts.md"
    assert meta["source"]["front_matter"]["ms.author"] == "meerak"
    assert meta_of(kb, sync.path)["reviewed"] == datetime.date(2023, 3, 7)  # M/D/YYYY
    assert api.validate(kb, today=TODAY).findings == []


def test_bodies_are_converted(kb: Path, tmp_path: Path) -> None:
    report = run(kb, make_source(tmp_path / "support"), profile="docfx")
    prompts = (kb / report.imported[0].path).read_text()
    assert "## Issue\n" in prompts and "## Environment\n\n- Outlook for Microsoft 365\n- Exchange Online" in prompts
    assert "[the sync article](kb-0007-sync-fails-with-error-0x8004010f.md#cause)" in prompts
    assert "!!! note\n\n    Restart Outlook afterwards." in prompts
    assert "# Outlook keeps asking" not in prompts  # the heading repeating the title is dropped
    sync = (kb / report.imported[1].path).read_text()
    assert "[the password article](kb-0006-outlook-keeps-asking-for-a-password.md)" in sync
    assert "*(image not available: Screenshot of the error.)*" in sync
    assert "Read [the password article]" in sync and "and Get-Mailbox." in sync  # site-root link kept as text
    codes = {note.code for item in report.imported for note in item.notes}
    assert {"site-root-link", "image-missing", "callout", "section-renamed", "environment-added"} <= codes


def test_base_url_makes_site_root_links_absolute(kb: Path, tmp_path: Path) -> None:
    report = run(kb, make_source(tmp_path / "support"), profile="docfx", base_url="https://learn.microsoft.com/en-us")
    sync = (kb / report.imported[1].path).read_text()
    assert "[Get-Mailbox](https://learn.microsoft.com/en-us/powershell/module/exchange/get-mailbox)" in sync


def test_json_report_maps_every_source_path_to_id_and_new_path(kb: Path, tmp_path: Path) -> None:
    from kbtool.cli.output.json_format import render
    from kbtool.cli.output.style import PLAIN

    data = json.loads(render(run(kb, make_source(tmp_path / "support")), PLAIN))
    rows = {(item["source"], item["id"], item["path"]) for item in data["imported"]}
    assert ("Outlook/Sync/sync-fails.md", "KB-0007", "kb/support/kb-0007-sync-fails-with-error-0x8004010f.md") in rows
    assert data["profile"] == "docfx" and data["counts"]["imported"] == 2  # guessed from ms.date and [!NOTE]


def test_rerun_updates_instead_of_duplicating(kb: Path, tmp_path: Path) -> None:
    source = make_source(tmp_path / "support")
    first = run(kb, source)
    again = run(kb, source)
    assert [item.action for item in again.imported] == ["unchanged", "unchanged"]
    assert [item.id for item in again.imported] == [item.id for item in first.imported]
    write(source, "Outlook/Sync/sync-fails.md", SYNC.replace("Recreate the profile.", "Recreate the Outlook profile."))
    write(source, "Outlook/Sync/new-one.md", "---\ntitle: A new article\n---\nSome text about mail.\n")
    (source / "Outlook/Client/password-prompts.md").unlink()
    third = run(kb, source)
    actions = {item.source: (item.id, item.action) for item in third.imported}
    assert actions["Outlook/Sync/sync-fails.md"] == ("KB-0007", "updated")
    assert actions["Outlook/Sync/new-one.md"] == ("KB-0008", "created")
    assert [(item.source, item.id) for item in third.left_in_place] == [("Outlook/Client/password-prompts.md", "KB-0006")]
    assert len(list((kb / "kb/support").glob("*.md"))) == 3
    assert "Recreate the Outlook profile." in (kb / "kb/support/kb-0007-sync-fails-with-error-0x8004010f.md").read_text()


def test_rerun_keeps_the_first_import_date_when_the_source_has_none(kb: Path, tmp_path: Path) -> None:
    source = make_source(tmp_path / "notes", {"printing.md": "---\ntitle: Printing tips\n---\nUse the follow-me queue.\n"})
    run(kb, source, today=datetime.date(2026, 1, 5))
    again = run(kb, source, today=datetime.date(2026, 3, 1))
    assert again.imported[0].action == "unchanged"
    assert meta_of(kb, again.imported[0].path)["created"] == datetime.date(2026, 1, 5)


def test_dry_run_changes_nothing_and_prints_the_plan(kb: Path, tmp_path: Path) -> None:
    source = make_source(tmp_path / "support")
    before = tree(kb)
    report = run(kb, source, dry_run=True)
    assert tree(kb) == before
    assert report.dry_run and [item.action for item in report.imported] == ["create", "create"]
    assert [item.id for item in report.imported] == ["KB-0006", "KB-0007"]
    assert report.tags_added  # planned, not written
    assert "outlook" not in load_registries(load_config(kb)).tags


def test_a_dry_run_after_an_import_plans_what_the_real_run_would_do(kb: Path, tmp_path: Path) -> None:
    source = make_source(tmp_path / "support")
    run(kb, source)
    assert [item.action for item in run(kb, source, dry_run=True).imported] == ["unchanged", "unchanged"]
    write(source, "Outlook/Sync/sync-fails.md", (source / "Outlook/Sync/sync-fails.md").read_text() + "\nOne more line.\n")
    assert sorted(item.action for item in run(kb, source, dry_run=True).imported) == ["unchanged", "update"]


def test_the_source_folder_is_never_modified(kb: Path, tmp_path: Path) -> None:
    source = make_source(tmp_path / "support")
    write(source, "Outlook/Sync/media/sync/other.png", b"\x89PNG fake")
    write(source, "Outlook/Sync/with-image.md", "---\ntitle: With an image\n---\nSee ![shot](media/sync/other.png).\n")
    before = tree(source)
    run(kb, source)
    run(kb, source)
    assert tree(source) == before


def test_images_that_exist_are_copied_beside_the_articles(kb: Path, tmp_path: Path) -> None:
    source = make_source(tmp_path / "support", {"a/page.md": "---\ntitle: Page\n---\nSee ![shot](img/my shot.png) and [the PDF](<files/guide (v2).pdf>).\n"})
    write(source, "a/img/my shot.png", b"png")
    write(source, "a/files/guide (v2).pdf", b"pdf")
    report = run(kb, source)
    text = (kb / report.imported[0].path).read_text()
    assert "![shot](assets/a/img/my%20shot.png)" in text and "[the PDF](assets/a/files/guide%20%28v2%29.pdf)" in text
    assert (kb / "kb/support/assets/a/img/my shot.png").read_bytes() == b"png"
    assert api.validate(kb, today=TODAY).findings == []


def test_ids_deleted_in_git_history_are_never_reused(git_kb: Path, tmp_path: Path) -> None:
    (git_kb / "kb/kb-0005-old-vpn-client.md").unlink()
    (git_kb / "kb/kb-0004-printer-queue-draft.md").unlink()
    git(git_kb, "commit", "-qam", "Remove two articles")
    report = run(git_kb, make_source(tmp_path / "support"))
    assert [item.id for item in report.imported] == ["KB-0006", "KB-0007"]


def test_unknown_authors_are_added_to_the_registry_without_a_default(kb: Path, tmp_path: Path) -> None:
    files = {"a.md": "---\ntitle: A\nauthor: Steven Spencer\n---\nText.\n", "b.md": "---\ntitle: B\nauthor: Ann Agent\n---\nText.\n"}
    report = run(kb, make_source(tmp_path / "docs", files), owner=None)
    owners = load_registries(load_config(kb)).owners
    assert report.owners_added == ["steven.spencer"] and owners["steven.spencer"].name == "Steven Spencer"
    assert [meta_of(kb, item.path)["owner"] for item in report.imported] == ["steven.spencer", "ann.agent"]  # matched by name
    assert api.validate(kb, today=TODAY).findings == []


def test_unknown_authors_get_the_default_owner_and_are_reported(kb: Path, tmp_path: Path) -> None:
    report = run(kb, make_source(tmp_path / "support"), owner="ivan.identity")
    assert report.authors_defaulted == {"cloud-writer": 1, "helenclu": 1} and report.owners_added == []
    assert {meta_of(kb, item.path)["owner"] for item in report.imported} == {"ivan.identity"}


def test_the_map_file_maps_authors_tags_and_folders(kb: Path, tmp_path: Path) -> None:
    files = {"guides/vpn/a.md": "---\ntitle: A\nauthor: Lena\ntags: [VPN, Remote Work]\n---\nText.\n"}
    write(tmp_path, "map.yml", "owners:\n  lena: ann.agent\ntags:\n  guides/vpn: [vpn]\n  remote work: null\n")
    report = run(kb, make_source(tmp_path / "docs", files), map_file=tmp_path / "map.yml", owner=None)
    meta = meta_of(kb, report.imported[0].path)
    assert meta["owner"] == "ann.agent" and meta["tags"] == ["vpn"] and "keywords" not in meta
    assert report.tags_added == []


def test_free_source_tags_become_keywords_and_folders_become_tags(kb: Path, tmp_path: Path) -> None:
    files = {"guides/Web Servers/nginx.md": "---\ntitle: Nginx\ntags: [nginx, web, vpn]\n---\nText.\n"}
    report = run(kb, make_source(tmp_path / "docs", files))
    meta = meta_of(kb, report.imported[0].path)
    assert meta["tags"] == ["guides", "guides-web-servers", "vpn"]  # vpn is already a tag
    assert meta["keywords"] == ["nginx", "web"]
    assert report.tags_added == ["guides", "guides-web-servers"] and report.tags_as_keywords == {"nginx": 1, "web": 1}
    assert api.validate(kb, today=TODAY).findings == []


def test_a_file_without_an_author_needs_a_default_owner(kb: Path, tmp_path: Path) -> None:
    from kbtool.core.errors import UsageError

    with pytest.raises(UsageError, match="name no author"):
        run(kb, make_source(tmp_path / "docs", {"a.md": "---\ntitle: A\n---\nText.\n"}), owner=None)


def test_long_titles_are_shortened_at_a_word_boundary_and_kept_in_full(kb: Path, tmp_path: Path) -> None:
    title = "Error when you try to open a shared calendar " * 4 + "in Outlook"
    report = run(kb, make_source(tmp_path / "docs", {"a.md": f"---\ntitle: {title}\n---\nText.\n"}))
    meta = meta_of(kb, report.imported[0].path)
    assert len(meta["title"]) <= 120 and meta["title"].endswith("…") and title.startswith(meta["title"][:-1])
    assert f"# {title.strip()}" in (kb / report.imported[0].path).read_text()
    assert "title-shortened" in {note.code for note in report.imported[0].notes}


@pytest.mark.parametrize(
    "body, kind, heading",
    [
        ("## Symptoms\n\nIt fails.\n\n## Resolution\n\nFix it.\n", "troubleshooting", "## Cause"),
        ("## Problem\n\nIt fails.\n\n## Workaround\n\n1. Restart.\n", "troubleshooting", "## Resolution"),
        ("Intro.\n\n1. Open Settings.\n2. Choose Mail.\n", "howto", "## Steps"),
        ("## Procedure\n\n1. Open Settings.\n2. Choose Mail.\n\n## Notes\n\nMore.\n", "howto", "## Steps"),
        ("## Overview\n\nAbout mail.\n\n## Details\n\nMore.\n", "guide", "## Overview"),
    ],
)
def test_kind_comes_from_the_structure(kb: Path, tmp_path: Path, body: str, kind: str, heading: str) -> None:
    report = run(kb, make_source(tmp_path / "docs", {"a.md": f"---\ntitle: A page\n---\n{body}"}))
    assert report.imported[0].kind == kind
    assert heading in (kb / report.imported[0].path).read_text()
    assert report.problems == []


def test_source_inside_the_target_is_refused(kb: Path) -> None:
    from kbtool.core.errors import UsageError

    write(kb, "kb/legacy/a.md", "---\ntitle: A\n---\nText.\n")
    with pytest.raises(UsageError, match="overlap"):
        run(kb, kb / "kb" / "legacy")


def test_progress_advances_once_per_markdown_file(kb: Path, tmp_path: Path) -> None:
    source = make_source(tmp_path / "support")
    write(source, "NOTICE.md", "Copied.\n")
    steps: list[int] = []
    run(kb, source, progress=steps.append)
    assert sum(steps) == api.count_import_files(source) == 3


def test_ids_are_chosen_and_written_under_the_lock_kbtool_new_takes(kb: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import fcntl

    from kbtool.importers import run as running, writer

    held: list[bool] = []

    def lock_is_held() -> bool:
        descriptor = os.open(kb / ".kbtool" / "new.lock", os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return False
        except BlockingIOError:
            return True
        finally:
            os.close(descriptor)

    def checked(function):  # type: ignore[no-untyped-def]
        def call(*args, **kwargs):  # type: ignore[no-untyped-def]
            held.append(lock_is_held())
            return function(*args, **kwargs)
        return call

    monkeypatch.setattr(running, "place", checked(running.place))
    monkeypatch.setattr(writer, "write_folder", checked(writer.write_folder))
    run(kb, make_source(tmp_path / "support"))
    assert held == [True, True]
