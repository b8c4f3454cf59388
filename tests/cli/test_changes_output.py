"""`kbtool changes` output: the text report, JSON, GitHub annotations and the pull-request summary in Markdown."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kbtool.cli import cli

from change_examples import CHANGE_DAY, SOP, add_step, make_repo, set_version
from conftest import TODAY, commit_on, edit, git


@pytest.fixture
def repo(kb: Path) -> Path:
    return make_repo(kb)


def run(repo: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--root", str(repo), "changes", "--base", "main", "--today", TODAY.isoformat(), *args])


def reword_and_add(repo: Path) -> None:
    edit(repo, SOP, "1. Verify the caller's identity with a video call.", "1. Confirm the caller's identity over a video call.")
    add_step(repo)


def test_a_step_change_without_a_bump_fails_with_the_entry_to_paste(repo: Path) -> None:
    reword_and_add(repo)
    result = run(repo)
    assert result.exit_code == 1
    assert f"{SOP}:11: error [sop-version-bump] SOP-0001's body changed (step 2 added, step 1 reworded) but `version` is still 2.1.0" in result.stdout
    assert "    fix: set `version: 3.0.0` (MAJOR: steps were added, removed or reordered, so agents must act differently) and add this entry at the top of `changelog`:\n  - version: 3.0.0\n    date: 2026-11-23\n" in result.stdout
    assert "compared with the working tree, including 1 file(s) not committed yet: sops/sop-0001-mfa-reset.md" in result.stderr


def test_done_right_it_passes_with_a_readable_summary(repo: Path) -> None:
    reword_and_add(repo)
    set_version(repo, "3.0.0")
    commit_on(repo, CHANGE_DAY, "SOP-0001: manager confirms")
    result = run(repo)
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.splitlines()[1:] == [
        "  modified  SOP-0001  MFA reset for a lost phone  · Ivan Identity · version 2.1.0 → 3.0.0",
        "            ~ step 1 reworded: Confirm the caller's identity over a video call.",
        "                was: Verify the caller's identity with a video call.",
        "            + step 2 added: Ask the caller's manager to confirm the request by email.",
        "            change log 3.0.0 (2026-11-20): Manager confirms by email before any reset.",
        "1 document changed: 1 modified: change control passed",
    ]


def test_the_markdown_summary_reads_without_opening_the_file(repo: Path) -> None:
    reword_and_add(repo)
    set_version(repo, "3.0.0")
    git(repo, "rm", "-q", "kb/kb-0005-old-vpn-client.md")
    result = run(repo, "--format", "markdown")
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("## Knowledge base changes\n\nCompared with `main` from where this change left it (")
    assert "**2 documents changed: 1 deleted, 1 modified.** ✅ Change control passed." in text
    assert "### SOP-0001 · MFA reset for a lost phone\n\n**modified** `sops/sop-0001-mfa-reset.md` · owner Ivan Identity (`ivan.identity`) · version 2.1.0 → **3.0.0**" in text
    assert "> Change log **3.0.0** (2026-11-20): Manager confirms by email before any reset." in text
    assert "- ✏️ **Step 1 reworded:** Confirm the caller's identity over a video call.\n  <br>was: ~~Verify the caller's identity with a video call.~~" in text
    assert "- ➕ **Step 2 added:** Ask the caller's manager to confirm the request by email." in text
    assert "### KB-0005 · Old AnyConnect VPN client\n\n**deleted** `kb/kb-0005-old-vpn-client.md` · owner Ann Agent (`ann.agent`)" in text


def test_the_markdown_summary_lists_problems_with_the_entry_as_yaml(repo: Path) -> None:
    add_step(repo)
    text = run(repo, "--format", "markdown").stdout
    assert "❌ 1 error(s), 0 warning(s)." in text and "### Problems to fix" in text
    assert "- `sops/sop-0001-mfa-reset.md` line 11 · `sop-version-bump` · SOP-0001's body changed (step 2 added) but `version` is still 2.1.0" in text
    assert "  ```yaml\n    - version: 3.0.0\n      date: 2026-11-23\n" in text


def test_document_text_cannot_inject_markdown(repo: Path) -> None:
    edit(repo, SOP, "title: MFA reset for a lost phone", "title: MFA reset <img src=x onerror=alert(1)> | *now*")
    edit(repo, SOP, "2. Delete the old MFA methods", "2. Run `reset` and [click](javascript:alert(1))\n3. Delete the old MFA methods")
    text = run(repo, "--format", "markdown").stdout
    assert "MFA reset \\<img src=x onerror=alert(1)\\> \\| \\*now\\*" in text
    assert not re.search(r"(?<!\\)<img", text) and "](javascript" not in text


def test_github_annotations_and_json(repo: Path) -> None:
    add_step(repo)
    result = run(repo, "--format", "github")
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"::error file={SOP},line=11,title=kbtool sop-version-bump::SOP-0001's body changed")
    assert "%0A  - version: 3.0.0%0A" in first
    data = json.loads(run(repo, "--format", "json").stdout)
    assert data["errors"] == 1 and data["documents"][0]["steps"][0]["kind"] == "added" and data["base"] == "main"
    assert data["findings"][0]["rule"] == "sop-version-bump"


def test_nothing_changed(repo: Path) -> None:
    result = run(repo)
    assert result.exit_code == 0 and "nothing changed in the knowledge base" in result.stdout


def test_the_base_is_required(repo: Path) -> None:
    result = CliRunner().invoke(cli, ["--root", str(repo), "changes"])
    assert result.exit_code == 2 and "--base" in result.output
