"""`kbtool new`: next free id, never reused, valid from the start."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kbtool.cli import cli
from kbtool.core.config import load_config
from kbtool.lifecycle.create import next_id, slugify
from kbtool.checks.validate import validate

from conftest import git


def new(kb: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--root", str(kb), "new", *args, "--format", "json"], catch_exceptions=False)


@pytest.mark.parametrize(
    "args",
    [
        ("article", "--title", "Printer shows offline: jobs stuck", "--owner", "ann.agent", "--tag", "printing"),
        ("article", "--kind", "howto", "--title", "Map a network drive", "--owner", "ann.agent", "--tag", "accounts"),
        ("article", "--kind", "guide", "--title", "Closing a call well", "--owner", "ann.agent", "--tag", "call-handling"),
        ("sop", "--title", "Laptop refresh", "--owner", "ivan.identity", "--tag", "accounts", "--tag", "mfa"),
    ],
)
def test_new_document_passes_validation(kb: Path, args: tuple[str, ...]) -> None:
    result = new(kb, *args)
    assert result.exit_code == 0, result.output
    created = json.loads(result.output)
    assert created["id"] == ("SOP-0002" if args[0] == "sop" else "KB-0006")
    assert (kb / created["path"]).is_file()
    report = validate(load_config(kb))
    assert report.findings == []


def test_title_with_colon_is_quoted_and_round_trips(kb: Path) -> None:
    created = json.loads(new(kb, "article", "--title", "Outlook: password prompt", "--owner", "ann.agent", "--tag", "password").output)
    text = (kb / created["path"]).read_text()
    assert created["path"] == "kb/kb-0006-outlook-password-prompt.md"
    assert "title: 'Outlook: password prompt'" in text or 'title: "Outlook: password prompt"' in text


def test_ids_of_deleted_documents_are_never_reused(git_kb: Path) -> None:
    git(git_kb, "rm", "-q", "kb/kb-0005-old-vpn-client.md", "kb/kb-0004-printer-queue-draft.md")
    git(git_kb, "commit", "-q", "-m", "Remove two articles")
    assert next_id(load_config(git_kb), "article") == "KB-0006"


def test_owner_defaults_to_git_email(git_kb: Path) -> None:
    result = CliRunner().invoke(cli, ["--root", str(git_kb), "new", "article", "--title", "A", "--tag", "vpn"])
    assert result.exit_code == 0
    assert "owner: ann.agent" in next(git_kb.glob("kb/kb-0006-*.md")).read_text()


@pytest.mark.parametrize(
    "args, message",
    [
        (("--title", "X", "--owner", "nobody", "--tag", "vpn"), "owner `nobody` is not in meta/owners.yml"),
        (("--title", "X", "--owner", "ann.agent", "--tag", "wifi"), "unknown tag(s): wifi"),
        (("--title", "X", "--owner", "ann.agent"), "give at least one --tag"),
        (("--title", "   ", "--owner", "ann.agent", "--tag", "vpn"), "the title is empty"),
    ],
)
def test_bad_arguments_are_usage_errors(kb: Path, args: tuple[str, ...], message: str) -> None:
    result = CliRunner().invoke(cli, ["--root", str(kb), "new", "article", *args])
    assert result.exit_code == 2 and message in result.output
    assert sorted(p.name for p in (kb / "kb").iterdir()) == sorted(p.name for p in (kb / "kb").iterdir() if not p.name.startswith(".kbtool-new"))
    assert len(list((kb / "kb").iterdir())) == 5


@pytest.mark.parametrize("title, slug", [("VPN keeps disconnecting!", "vpn-keeps-disconnecting"), ("Café Wi-Fi: guests", "cafe-wi-fi-guests"), ("???", "untitled")])
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_a_new_document_has_no_yaml_anchors(kb: Path) -> None:
    created = json.loads(new(kb, "sop", "--title", "Same day dates", "--owner", "ann.agent", "--tag", "vpn").output)
    text = (kb / created["path"]).read_text()
    assert "&id" not in text and "*id" not in text
