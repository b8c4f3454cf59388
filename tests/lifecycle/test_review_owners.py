"""`kbtool codeowners`: every document's owner named as its reviewer, written atomically; owners without a handle reported."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kbtool import api
from kbtool.checks.codeowners import BEGIN, END
from kbtool.cli import cli

from conftest import TODAY, edit, write


def with_handles(kb: Path) -> Path:
    edit(kb, "meta/owners.yml", "    team: Service Desk\n", "    team: Service Desk\n    github: ann-agent\n")
    return kb


def test_writes_one_line_per_document_and_validate_agrees(kb: Path) -> None:
    with_handles(kb)
    result = CliRunner().invoke(cli, ["--root", str(kb), "codeowners"])
    assert result.exit_code == 1  # ivan.identity has no handle
    text = (kb / ".github/CODEOWNERS").read_text(encoding="utf-8")
    assert text == (
        f"{BEGIN}\n/kb/kb-0002-vpn-keeps-disconnecting.md @ann-agent\n/kb/kb-0003-answering-a-call.md @ann-agent\n"
        f"/kb/kb-0004-printer-queue-draft.md @ann-agent\n/kb/kb-0005-old-vpn-client.md @ann-agent\n{END}\n"
    )
    assert "2 document(s) have nobody to review them" in result.stdout and "ivan.identity (2): kb/kb-0001-reset-a-password.md, sops/sop-0001-mfa-reset.md" in result.stdout
    assert "wrote .github/CODEOWNERS" in result.stderr
    assert api.validate(kb, today=TODAY).findings == []


def test_validate_reports_the_file_once_a_document_is_added(kb: Path) -> None:
    with_handles(kb)
    api.codeowners(kb)
    api.new(kb, "article", "Printer shows offline", owner="ann.agent", tags=["printing"], kind="guide", today=TODAY)
    (finding,) = [f for f in api.validate(kb, today=TODAY).findings if f.rule == "codeowners-stale"]
    assert (finding.path, finding.line) == (".github/CODEOWNERS", 1) and "1 document line(s) missing or changed" in finding.message
    api.codeowners(kb)
    assert [f for f in api.validate(kb, today=TODAY).findings if f.rule == "codeowners-stale"] == []


def test_an_owner_change_makes_the_file_stale(kb: Path) -> None:
    edit(kb, "meta/owners.yml", "    team: Identity and Access\n", "    team: Identity and Access\n    github: acme/identity\n")
    with_handles(kb)
    api.codeowners(kb)
    edit(kb, "kb/kb-0003-answering-a-call.md", "owner: ann.agent", "owner: ivan.identity")
    assert [f.rule for f in api.validate(kb, today=TODAY).findings] == ["codeowners-stale"]


def test_every_owner_with_a_handle_exits_0_and_json_lists_counts(kb: Path) -> None:
    edit(kb, "meta/owners.yml", "    team: Identity and Access\n", "    team: Identity and Access\n    github: '@acme/identity'\n")
    with_handles(kb)
    result = CliRunner().invoke(cli, ["--root", str(kb), "codeowners", "--format", "json"])
    data = json.loads(result.stdout)
    assert result.exit_code == 0 and (data["documents"], data["handles"], data["without_handle"]) == (6, 2, [])
    assert "/sops/sop-0001-mfa-reset.md @acme/identity" in (kb / ".github/CODEOWNERS").read_text(encoding="utf-8")


def test_lines_outside_the_section_are_kept(kb: Path) -> None:
    write(kb, ".github/CODEOWNERS", "# Our own rules\n/meta/ @ann-agent\n")
    with_handles(kb)
    api.codeowners(kb)
    assert (kb / ".github/CODEOWNERS").read_text(encoding="utf-8").startswith("# Our own rules\n/meta/ @ann-agent\n\n" + BEGIN)
