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


DOCFX_LIKE = """---
id: KB-0009
title: Outlook prompts for credentials repeatedly
summary: Outlook keeps asking for a password after a mailbox move.
status: published
owner: ann.agent
audience: agent
kind: troubleshooting
tags: [accounts]
created: 2025-01-10
reviewed: 2026-10-01
related: [KB-0001, KB-0002]
---

## Issue

Outlook&nbsp;keeps prompting for _credentials_ after the **mailbox** move, and the prompt loops. This sentence is long enough to need wrapping on any ordinary terminal width, so the renderer has to wrap it.

:::image type="content" source="media/prompt.png" alt-text="Screenshot of the credential prompt":::

![Credential prompt](media/prompt.png)

## Environment

| Setting | Value | Notes |
|---|---|---|
| Modern authentication | Enabled | Required for Microsoft 365 |
| Autodiscover | `autodiscover.contoso.com` | Checked by the client at start |

## Resolution

1. Close Outlook and open **Credential Manager**, then remove every saved credential that mentions Outlook, MicrosoftOffice16 or the old mailbox server name.
2. Restart Outlook.

```powershell
Get-ItemProperty -Path "HKCU:\\Software\\Microsoft\\Office\\16.0\\Common\\Identity" | Select-Object -ExpandProperty EnableADAL
```

## Cause

The cached credentials point at the old server.
"""


def test_show_wraps_prose_aligns_tables_numbers_steps_and_ends_with_related(kb: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from conftest import write

    write(kb, "kb/kb-0009-outlook-prompts.md", DOCFX_LIKE)
    monkeypatch.setenv("COLUMNS", "80")
    lines = show(kb, "KB-0009").output.splitlines()
    prose = [line for line in lines if not line.startswith("    ")]
    assert max(len(line) for line in prose) <= 80
    code = [line for line in lines if "Get-ItemProperty" in line]
    assert code and len(code[0]) > 80, "code is never wrapped"
    assert ":::" not in "\n".join(lines) and "&nbsp;" not in "\n".join(lines) and "_credentials_" not in "\n".join(lines)
    assert "![" not in "\n".join(lines)
    header = next(line for line in lines if line.startswith("Setting"))
    row = next(line for line in lines if line.startswith("Autodiscover"))
    assert header.index("│") == row.index("│"), "table columns line up"
    first_step = next(index for index, line in enumerate(lines) if line.startswith("1. Close Outlook"))
    assert lines[first_step + 1].startswith("   ") and lines[first_step + 1].strip(), "a wrapped step keeps a hanging indent"
    assert any(line.startswith("2. Restart Outlook") for line in lines)
    tail = lines[lines.index("READ NEXT"):]
    assert any("KB-0001" in line and "Reset a forgotten password" in line for line in tail)
    assert any("KB-0002" in line and "VPN keeps disconnecting" in line for line in tail)


def test_search_snippets_read_as_text(kb: Path) -> None:
    from kbtool import api
    from conftest import write

    write(kb, "kb/kb-0009-outlook-prompts.md", DOCFX_LIKE)
    snippets = [hit.snippet for hit in api.search(kb, "credential prompt autodiscover modern authentication", limit=3, log=False).hits]
    text = " ".join(snippets)
    for markup in (":::", "&nbsp;", "_credentials_", "**", "![", "](", "|---", "##"):
        assert markup not in text, markup
    assert "Setting · Value · Notes" in text or "Modern authentication · Enabled" in text or "Issue —" in text


def test_an_archived_document_shows_no_review_state(kb: Path) -> None:
    result = show(kb, "KB-0005")  # archived, reviewed 2024-01-01
    assert result.exit_code == 0
    assert "OVERDUE" not in result.output and "archived: no longer reviewed" in result.output
    data = json.loads(show(kb, "KB-0005", "--format", "json").output)
    assert data["review"] == {"state": "archived", "due": None, "days": 0}


def test_escaped_angle_brackets_are_shown_as_text(kb: Path) -> None:
    from conftest import write

    article = kb / "kb/kb-0003-answering-a-call.md"
    write(kb, "kb/kb-0003-answering-a-call.md", article.read_text().replace("Listen before you type.", r"Run Get-Mailbox \<mailbox name\> first."))
    assert "Run Get-Mailbox <mailbox name> first." in show(kb, "KB-0003").output
