"""`kbtool show`: one document, readable in a terminal, with its review state."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kbtool.cli import cli


def show(kb: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--root", str(kb), "show", *args])


def test_show_prints_metadata_steps_and_resolved_references(kb: Path) -> None:
    result = show(kb, "kb-0001")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "KB-0001  Reset a forgotten password"
    assert "owner Ivan Identity (Identity and Access)" in lines[1]
    assert "last reviewed 2026-10-01" in result.output
    assert "1. Open the password reset page" in result.output
    assert "see KB-0002 (VPN keeps disconnecting)." in result.output
    assert "---" not in result.output and "[[" not in result.output


def test_show_warns_about_stale_and_unpublished_documents(kb: Path) -> None:
    stale = show(kb, "KB-0002").output  # reviewed 2026-02-01, every 3m
    assert "OVERDUE for review" in stale
    draft = show(kb, "KB-0004").output
    assert "This document is DRAFT" in draft


def test_show_sop_has_version(kb: Path) -> None:
    assert "version 2.1.0" in show(kb, "SOP-0001").output


def test_show_json(kb: Path) -> None:
    data = json.loads(show(kb, "SOP-0001", "--format", "json").output)
    assert data["meta"]["version"] == "2.1.0" and data["owner"]["name"] == "Ivan Identity"
    assert data["body"].startswith("## Purpose")


def test_show_unknown_id_suggests_close_ones(kb: Path) -> None:
    result = show(kb, "KB-0009")
    assert result.exit_code == 1 and "no document has id KB-0009" in result.output and "did you mean" in result.output


def test_an_archived_document_shows_no_review_state(kb: Path) -> None:
    result = show(kb, "KB-0005")  # archived, reviewed 2024-01-01
    assert result.exit_code == 0
    assert "OVERDUE" not in result.output and "archived: no longer reviewed" in result.output
    data = json.loads(show(kb, "KB-0005", "--format", "json").output)
    assert data["review"] == {"state": "archived", "due": None, "days": 0}
