"""The command line: exit codes, formats, help text and error handling."""
from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import kbtool.cli
from kbtool.cli import cli

from conftest import EXAMPLES, REPO_ROOT, write


def run(kb: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--root", str(kb), *args], catch_exceptions=False)


def test_validate_clean_is_quiet_and_exits_0(kb: Path) -> None:
    result = run(kb, "validate")
    assert result.exit_code == 0
    assert result.output == ""


def test_validate_findings_exit_1_with_file_line_rule_and_fix(kb: Path) -> None:
    write(kb, "kb/kb-0900-example.md", (EXAMPLES / "invalid/kb/unknown-tag.md").read_text())
    result = run(kb, "validate")
    assert result.exit_code == 1
    assert "kb/kb-0900-example.md:9: error [unknown-tag] tag `wifi` is not in the controlled vocabulary" in result.output
    assert "fix: Use a tag from meta/tags.yml" in result.output
    assert "1 error(s), 0 warning(s)" in result.output


def test_validate_json(kb: Path) -> None:
    write(kb, "kb/kb-0900-example.md", (EXAMPLES / "invalid/kb/unknown-owner.md").read_text())
    result = run(kb, "validate", "--format", "json")
    data = json.loads(result.output)
    assert result.exit_code == 1
    assert data["errors"] == 1 and data["files_checked"] == 7
    assert data["findings"][0] | {"hint": ""} == {
        "path": "kb/kb-0900-example.md", "line": 6, "rule": "unknown-owner", "severity": "error",
        "message": "owner `ann.agnet` is not in the owners registry", "hint": "",
    }


def test_validate_github_annotations(kb: Path) -> None:
    write(kb, "kb/kb-0900-example.md", (EXAMPLES / "invalid/kb/yaml-syntax.md").read_text())
    result = run(kb, "validate", "--format", "github")
    first = result.output.splitlines()[0]
    assert first.startswith("::error file=kb/kb-0900-example.md,line=4,title=kbtool yaml-syntax::invalid YAML")


@pytest.mark.parametrize("workspace, expected", [("..", "kb-root/kb/"), (".", "kb/")], ids=["sub-folder", "root"])
def test_github_annotations_name_files_from_the_repository_root(kb: Path, monkeypatch: pytest.MonkeyPatch, workspace: str, expected: str) -> None:
    write(kb, "kb/kb-0900-example.md", (EXAMPLES / "invalid/kb/yaml-syntax.md").read_text())
    monkeypatch.setenv("GITHUB_WORKSPACE", str((kb / workspace).resolve()))
    assert run(kb, "validate", "--format", "github").output.startswith(f"::error file={expected}kb-0900-example.md,line=4,")


def test_warnings_fail_only_with_strict(kb: Path) -> None:
    write(kb, "kb/vpn-article.md", (EXAMPLES / "valid/kb/kb-0900-troubleshooting.md").read_text())
    assert run(kb, "validate").exit_code == 0
    assert run(kb, "validate", "--strict").exit_code == 1


@pytest.mark.parametrize(
    "config_text, message",
    [
        ("colour: blue\n", "`colour` is not a known setting"),
        ("rules:\n  no-such-rule: off\n", "unknown rule `no-such-rule`"),
        ("rules:\n  unknown-tag: loud\n", "must be one of error, warning, off"),
        ("review_every:\n  article: soon\n", "`article: soon` is not valid"),
        ("search: [log]\n", "must be a mapping such as `log: true`"),
        ("articles_dir: [kb\n", "invalid YAML in configuration"),
    ],
)
def test_configuration_errors_exit_2_without_traceback(kb: Path, config_text: str, message: str) -> None:
    write(kb, "kbtool.yml", config_text)
    result = run(kb, "validate")
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_missing_registry_is_a_configuration_error(kb: Path) -> None:
    (kb / "meta/owners.yml").unlink()
    result = run(kb, "validate")
    assert result.exit_code == 2 and "owners registry not found" in result.output


@pytest.mark.parametrize("path, message", [("nowhere.md", "no such file"), ("meta/tags.yml", "is not under kb/ or sops/")])
def test_bad_paths_are_usage_errors(kb: Path, path: str, message: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(kb)
    result = run(kb, "validate", path)
    assert result.exit_code == 2 and message in result.output


def test_no_knowledge_base_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 2 and "no kbtool.yml found" in result.output


def test_unexpected_errors_are_reported_without_traceback(kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("kbtool.checks.validate.validate", explode)
    result = CliRunner().invoke(cli, ["--root", str(kb), "validate"])
    assert result.exit_code == 3
    assert "internal error: RuntimeError: disk on fire" in result.output and "Traceback" not in result.output


COMMANDS = cli.list_commands(click.Context(cli))


def test_every_command_module_is_listed_and_defines_the_command_it_is_listed_for() -> None:
    from kbtool.cli.app import COMMAND_MODULES

    modules = {path.stem for path in (Path(kbtool.cli.__file__).parent / "commands").glob("*.py") if path.stem != "__init__"}
    assert set(COMMAND_MODULES.values()) == modules
    for name in COMMANDS:
        command = cli.get_command(click.Context(cli), name)
        assert command is not None and command.name == name


def test_a_command_loads_only_its_own_module() -> None:
    import subprocess
    import sys

    code = "import sys\nfrom kbtool.cli import cli\ntry:\n    cli(['rules'])\nexcept SystemExit:\n    pass\nprint(sorted(m for m in sys.modules if m.startswith('kbtool.cli.commands.')))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    assert loaded == "['kbtool.cli.commands.rules']"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.output and f"kbtool {command}" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented_in_the_readme(command: str) -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert f"kbtool {command}" in readme


def test_rules_lists_every_rule_and_docs_describe_them() -> None:
    from kbtool.core.findings import RULES

    result = CliRunner().invoke(cli, ["rules", "--format", "json"])
    assert [rule["id"] for rule in json.loads(result.output)] == list(RULES)
    docs = (REPO_ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    generated = CliRunner().invoke(cli, ["rules", "--format", "markdown"]).output
    assert docs.split("<!-- generated: kbtool rules --format markdown -->\n", 1)[1] == generated, "run `kbtool rules --format markdown` into docs/rules.md"
    for rule_id in RULES:
        assert f"`{rule_id}`" in docs


def test_a_closed_pipe_ends_quietly(kb: Path) -> None:
    """`kbtool search ... | head` must not print a traceback when head exits."""
    import subprocess
    import sys

    process = subprocess.Popen([sys.executable, "-m", "kbtool", "--root", str(kb), "search", "vpn"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    process.stdout.close()  # the reader is gone before kbtool writes
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 141, stderr
    assert b"Traceback" not in stderr and b"internal error" not in stderr and b"Exception ignored" not in stderr


def test_coloured_output_keeps_its_own_colours_but_never_a_documents_escapes(kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kbtool.cli import app
    from kbtool.cli.output.style import Style

    article = kb / "kb/kb-0003-answering-a-call.md"
    article.write_text(article.read_text().replace("Listen before you type.", "Listen \x1b]52;c;cm0g\x07 now. password: Winter2025!x"))
    monkeypatch.setattr(app, "style_for", lambda stream=None: Style(colour=True, interactive=True, width=100))
    output = CliRunner().invoke(cli, ["--root", str(kb), "show", "KB-0003"], color=True).output
    assert "\x1b[1m" in output  # kbtool's own bold
    assert "\x1b]52" not in output and "\x07" not in output and "Winter2025!x" not in output


def test_the_version_is_the_installed_packages_and_printed_without_reading_package_metadata() -> None:
    import importlib.metadata
    import subprocess
    import sys

    code = "import sys\nfrom kbtool.cli import cli\ntry:\n    cli(['--version'])\nexcept SystemExit:\n    pass\nprint('importlib.metadata' in sys.modules)"
    lines = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()
    assert lines == [f"kbtool, version {importlib.metadata.version('kbtool')}", "False"]
