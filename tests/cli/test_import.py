"""`kbtool import` on the command line: reports, exit codes, the dry run's plan, and `show` of an imported article."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kbtool.cli import cli

from conftest import write

SOURCE = {
    "Outlook/prompts.md": "---\ntitle: Outlook keeps asking for a password\nauthor: cloud-writer\nms.date: 01/30/2024\n---\n## Symptoms\n\nPrompts.\n\n## Resolution\n\n![gone](media/gone.png)\n",
    "Outlook/other.md": "---\ntitle: Other\nms.date: 01/30/2024\n---\nSee [prompts](prompts.md) and [docs](/outlook/overview).\n",
    "NOTICE.md": "Copied from elsewhere.\n",
}


def run(kb: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--root", str(kb), *args])


def source(tmp_path: Path) -> Path:
    for relative, text in SOURCE.items():
        write(tmp_path / "support", relative, text)
    return tmp_path / "support"


def test_text_report_lists_what_needs_finishing_and_what_was_not_imported(kb: Path, tmp_path: Path) -> None:
    result = run(kb, "import", str(source(tmp_path)), "--owner", "ann.agent")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Imported 2 file(s) from") and "(docfx) into kb/support/: 2 created; 1 not imported" in lines[0]
    assert "Outlook/prompts.md → KB-0007 kb/support/kb-0007-outlook-keeps-asking-for-a-password.md (created, troubleshooting)" in lines
    assert any("image `media/gone.png` does not exist in the source; its text `gone` is kept" in line for line in lines)
    assert "  NOTICE.md: repository file (licence, notice, read-me or change log), not an article" in lines
    assert any(line.startswith("Authors not in the registry or the map, given the default owner: cloud-writer (1)") for line in lines)
    assert "Traceback" not in result.output


def test_dry_run_prints_the_plan_for_every_file_and_writes_nothing(kb: Path, tmp_path: Path) -> None:
    result = run(kb, "import", str(source(tmp_path)), "--owner", "ann.agent", "--dry-run")
    assert result.exit_code == 0
    assert result.output.startswith("Would import 2 file(s)")
    assert "Outlook/other.md → KB-0006 kb/support/kb-0006-other.md (create, guide)" in result.output
    assert "Tags would be added to the vocabulary (1): outlook" in result.output
    assert not (kb / "kb/support").exists()


def test_json_report(kb: Path, tmp_path: Path) -> None:
    result = run(kb, "import", str(source(tmp_path)), "--owner", "ann.agent", "--format", "json", "--base-url", "https://learn.microsoft.com/en-us")
    data = json.loads(result.output)
    assert [(item["source"], item["id"], item["path"], item["action"]) for item in data["imported"]] == [
        ("Outlook/other.md", "KB-0006", "kb/support/kb-0006-other.md", "created"),
        ("Outlook/prompts.md", "KB-0007", "kb/support/kb-0007-outlook-keeps-asking-for-a-password.md", "created"),
    ]
    assert data["skipped"] == [{"source": "NOTICE.md", "reason": "repository file (licence, notice, read-me or change log), not an article"}]
    assert data["counts"]["notes"]["site-root-link-absolute"] == 1
    assert "https://learn.microsoft.com/en-us/outlook/overview" in (kb / "kb/support/kb-0006-other.md").read_text()


def test_show_displays_where_an_imported_article_came_from(kb: Path, tmp_path: Path) -> None:
    run(kb, "import", str(source(tmp_path)), "--owner", "ann.agent")
    result = run(kb, "show", "KB-0007")
    assert result.exit_code == 0
    assert "SOURCE\n  imported from Outlook/prompts.md\n  title: Outlook keeps asking for a password\n  author: cloud-writer" in result.output
    data = json.loads(run(kb, "show", "KB-0007", "--format", "json").output)
    assert data["meta"]["source"]["front_matter"]["ms.date"] == "01/30/2024"


def test_problems_in_imported_files_exit_1(kb: Path, tmp_path: Path) -> None:
    write(tmp_path / "support", "a.md", "---\ntitle: Reset a forgotten password\n---\nSame title as KB-0001 [[KB-0001]].\n")
    write(kb, "kbtool.yml", "rules:\n  duplicate-title: error\n")
    result = run(kb, "import", str(tmp_path / "support"), "--owner", "ann.agent")
    assert result.exit_code == 1
    assert "error [duplicate-title]" in result.output


def test_usage_errors_exit_2_without_a_traceback(kb: Path, tmp_path: Path) -> None:
    folder = source(tmp_path)
    for args, message in [
        (["--owner", "nobody"], "--owner `nobody` is not in meta/owners.yml"),
        (["--base-url", "learn.microsoft.com"], "is not an http(s) address"),
        (["--profile", "jekyll"], "Invalid value for '--profile'"),
    ]:
        result = run(kb, "import", str(folder), *args)
        assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output
    missing = run(kb, "import", str(tmp_path / "nowhere"))
    assert missing.exit_code == 2
