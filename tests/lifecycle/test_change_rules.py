"""Change control beyond versions: ids stay and never come back, removed documents leave no links, no stray files or conflicts."""
from __future__ import annotations

from pathlib import Path

import pytest

from click.testing import CliRunner

from kbtool import api
from kbtool.cli import cli

from change_examples import CHANGE_DAY, assert_change_triggers_only_its_rule, change_situations_for, make_repo
from conftest import TODAY, commit_on, edit, git, write

MODULE = "kbtool/lifecycle/change_rules.py"



@pytest.mark.parametrize("rule", change_situations_for(MODULE))
def test_each_situation_triggers_only_its_rule(kb: Path, rule: str) -> None:
    assert_change_triggers_only_its_rule(kb, rule)


@pytest.fixture
def repo(kb: Path) -> Path:
    return make_repo(kb)


def found(repo: Path) -> list[tuple[str, int, str]]:
    return [(f.path, f.line, f.rule) for f in api.changes(repo, "main", today=TODAY).findings]


def test_a_renamed_file_that_keeps_its_id_passes(repo: Path) -> None:
    git(repo, "mv", "sops/sop-0001-mfa-reset.md", "sops/sop-0001-mfa-reset-lost-phone.md")
    commit_on(repo, CHANGE_DAY, "Clearer name")
    report = api.changes(repo, "main", today=TODAY)
    assert report.findings == []
    (document,) = report.documents
    assert (document.status, document.old_path, document.path, document.id) == ("renamed", "sops/sop-0001-mfa-reset.md", "sops/sop-0001-mfa-reset-lost-phone.md", "SOP-0001")


def test_a_file_deleted_and_written_again_elsewhere_with_its_id_is_a_rename(repo: Path) -> None:
    text = (repo / "kb/kb-0003-answering-a-call.md").read_text(encoding="utf-8")
    (repo / "kb/kb-0003-answering-a-call.md").unlink()
    write(repo, "kb/guides/kb-0003-taking-a-call.md", text.replace("## Greeting\n\nSay your name", "## Greeting\n\nSmile, then say your name").replace("## Closing", "## Ending"))
    report = api.changes(repo, "main", today=TODAY)
    assert [(d.status, d.id, d.old_path) for d in report.documents] == [("renamed", "KB-0003", "kb/kb-0003-answering-a-call.md")]


def test_id_changed_message_and_fix(repo: Path) -> None:
    edit(repo, "kb/kb-0003-answering-a-call.md", "id: KB-0003", "id: KB-0099")
    finding = next(f for f in api.changes(repo, "main", today=TODAY).findings if f.rule == "id-changed")
    assert finding.line == 2 and "from KB-0003 to KB-0099" in finding.message and finding.hint.startswith("put back `id: KB-0003`")


def test_a_reused_id_gets_the_next_free_one_named(repo: Path) -> None:
    git(repo, "checkout", "-q", "main")
    git(repo, "rm", "-q", "kb/kb-0005-old-vpn-client.md")
    commit_on(repo, "2026-11-02", "Drop the old client")
    git(repo, "checkout", "-q", "-B", "change")
    text = (repo / "kb/kb-0003-answering-a-call.md").read_text(encoding="utf-8")
    write(repo, "kb/kb-0005-new-client.md", text.replace("KB-0003", "KB-0005").replace("Answering a support call", "The new client"))
    (finding,) = api.changes(repo, "main", today=TODAY).findings
    assert finding.rule == "id-reused" and "kb/kb-0005-old-vpn-client.md had it and was deleted" in finding.message
    assert finding.hint == "give this document the next free id: `id: KB-0006`, and rename the file to `kb-0006-new-client.md`"


def test_an_id_the_base_gained_meanwhile_is_reused(repo: Path) -> None:
    """Two authors ran `kbtool new` on two branches and got the same id: the second to merge is told."""
    text = (repo / "kb/kb-0003-answering-a-call.md").read_text(encoding="utf-8")
    git(repo, "checkout", "-q", "main")
    write(repo, "kb/kb-0006-holding-a-call.md", text.replace("KB-0003", "KB-0006").replace("Answering a support call", "Holding a call"))
    commit_on(repo, "2026-11-10", "KB-0006")
    git(repo, "checkout", "-q", "change")
    write(repo, "kb/kb-0006-transferring-a-call.md", text.replace("KB-0003", "KB-0006").replace("Answering a support call", "Transferring a call"))
    (finding,) = api.changes(repo, "main", today=TODAY).findings
    assert finding.rule == "id-reused" and "main gained kb/kb-0006-holding-a-call.md since this change began" in finding.message
    assert "`id: KB-0007`" in finding.hint


def test_a_duplicate_id_is_reported_even_when_it_lands_on_the_unchanged_file(repo: Path) -> None:
    text = (repo / "kb/kb-0005-old-vpn-client.md").read_text(encoding="utf-8")
    write(repo, "kb/kb-0005-a-new-client.md", text.replace("Old AnyConnect VPN client", "A new client"))
    assert ("kb/kb-0005-old-vpn-client.md", 2, "duplicate-id") in found(repo)


def test_a_new_document_with_a_fresh_id_passes(repo: Path) -> None:
    api.new(repo, "article", "Printer shows offline", owner="ann.agent", tags=["printing"], kind="guide", today=TODAY)
    report = api.changes(repo, "main", today=TODAY)
    assert [(d.status, d.id) for d in report.documents] == [("added", "KB-0006")]
    assert report.findings == []


def test_links_left_to_a_deleted_document_name_each_line(repo: Path) -> None:
    git(repo, "rm", "-q", "kb/kb-0002-vpn-keeps-disconnecting.md")
    report = api.changes(repo, "main", today=TODAY)
    assert [(f.path, f.line, f.rule) for f in report.findings] == [
        ("kb/kb-0001-reset-a-password.md", 12, "removed-still-linked"),  # related: [KB-0002]
        ("kb/kb-0001-reset-a-password.md", 21, "removed-still-linked"),  # see [[KB-0002]]
    ]
    assert "deleted in this change" in report.findings[1].message


def test_other_broken_links_on_the_same_line_are_still_reported(repo: Path) -> None:
    edit(repo, "kb/kb-0001-reset-a-password.md", "related: [KB-0002]", "related: [KB-0002, KB-9999]")
    edit(repo, "kb/kb-0001-reset-a-password.md", "see [[KB-0002]]", "see [[KB-0002]] or [printing](kb-0099-gone.md)")
    commit_on(repo, CHANGE_DAY, "More links")
    git(repo, "rm", "-q", "kb/kb-0002-vpn-keeps-disconnecting.md")
    assert found(repo) == [
        ("kb/kb-0001-reset-a-password.md", 12, "broken-reference"),  # KB-9999, never a document
        ("kb/kb-0001-reset-a-password.md", 12, "removed-still-linked"),
        ("kb/kb-0001-reset-a-password.md", 21, "broken-link"),  # kb-0099-gone.md
        ("kb/kb-0001-reset-a-password.md", 21, "removed-still-linked"),
    ]


def test_archiving_a_linked_document_is_refused_until_links_are_gone(repo: Path) -> None:
    edit(repo, "kb/kb-0002-vpn-keeps-disconnecting.md", "status: published", "status: archived")
    rules = found(repo)
    assert rules == [("kb/kb-0001-reset-a-password.md", 12, "removed-still-linked"), ("kb/kb-0001-reset-a-password.md", 21, "removed-still-linked")]
    edit(repo, "kb/kb-0001-reset-a-password.md", "related: [KB-0002]\n", "")
    edit(repo, "kb/kb-0001-reset-a-password.md", "see [[KB-0002]]", "call the desk")
    report = api.changes(repo, "main", today=TODAY)
    assert report.findings == [] and any(d.archived for d in report.documents)


def test_a_relative_link_to_a_deleted_file_is_named(repo: Path) -> None:
    edit(repo, "kb/kb-0003-answering-a-call.md", "Listen before you type.", "Listen before you type; see [printing](kb-0004-printer-queue-draft.md).")
    commit_on(repo, CHANGE_DAY, "link")
    git(repo, "rm", "-q", "kb/kb-0004-printer-queue-draft.md")
    assert found(repo) == [("kb/kb-0003-answering-a-call.md", 16, "removed-still-linked")]


def test_an_image_a_document_shows_is_not_stray(repo: Path) -> None:
    write(repo, "kb/images/queue.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    edit(repo, "kb/kb-0004-printer-queue-draft.md", "restart the spooler.", "restart the spooler.\n\n![The queue](images/queue.png)")
    report = api.changes(repo, "main", today=TODAY)
    assert report.findings == [] and ("added", "kb/images/queue.png") in report.other_files


def test_a_binary_markdown_file_is_file_binary(repo: Path) -> None:
    write(repo, "kb/kb-0009-scan.md", b"---\nid: KB-0009\n\x00\x01binary")
    assert found(repo) == [("kb/kb-0009-scan.md", 1, "file-binary")]


@pytest.mark.parametrize("where", ["front matter", "body"])
def test_conflict_markers_are_named_where_they_are(repo: Path, where: str) -> None:
    conflict = "<<<<<<< HEAD\n{a}\n=======\n{b}\n>>>>>>> other-branch\n"
    if where == "front matter":
        edit(repo, "kb/kb-0003-answering-a-call.md", "status: published\n", conflict.format(a="status: published", b="status: draft"))
        line = 5
    else:
        edit(repo, "kb/kb-0003-answering-a-call.md", "Say your name and ask how you can help.", conflict.format(a="Say your name.", b="Ask how you can help."))
        line = 16
    report = api.changes(repo, "main", today=TODAY)
    assert [(f.path, f.line, f.rule) for f in report.findings] == [("kb/kb-0003-answering-a-call.md", line, "conflict-marker")]
    assert "merge-conflict markers" in report.documents[0].note


def conflicted(repo: Path, settings: str) -> None:
    text = (repo / settings).read_text(encoding="utf-8")
    write(repo, settings, f"<<<<<<< HEAD\n{text}=======\n{text}>>>>>>> other-branch\n")


@pytest.mark.parametrize("settings", ["meta/owners.yml", "meta/tags.yml"])
def test_a_conflict_in_a_registry_is_a_finding_of_the_change(repo: Path, settings: str) -> None:
    conflicted(repo, settings)
    report = api.changes(repo, "main", today=TODAY)
    assert [(f.path, f.line, f.rule) for f in report.findings] == [(settings, 1, "conflict-marker")] and report.exit_code == 1
    result = CliRunner().invoke(cli, ["--root", str(repo), "validate"])
    assert result.exit_code == 2 and f"{settings}:1: a merge conflict was left unresolved" in result.output


def test_a_conflict_in_the_configuration_is_a_configuration_error_that_says_so(repo: Path) -> None:
    conflicted(repo, "kbtool.yml")
    result = CliRunner().invoke(cli, ["--root", str(repo), "changes", "--base", "main"])
    assert result.exit_code == 2 and "kbtool.yml:1: a merge conflict was left unresolved" in result.output


def test_conflict_markers_shown_in_a_code_block_are_an_example(repo: Path) -> None:
    edit(repo, "kb/kb-0003-answering-a-call.md", "## Closing", "```\n<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> branch\n```\n\n## Closing")
    assert found(repo) == []
