"""What kbtool promises under hostile input, concurrency and read-only installs (docs/guarantees.md).

Each test is named after the promise it holds; docs/guarantees.md names the
test beside each promise.
"""
from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

from kbtool import api
from kbtool.cli import cli
from kbtool.core.config import load_config

from conftest import REPO_ROOT, TODAY, git, write

ESCAPES = "\x1b]52;c;cm0gLXJmIH4=\x07\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\\x1b[2J\x9b31m"


def run(root: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--root", str(root), *args])


def kbtool(root: Path, *args: str, env: dict[str, str] | None = None, prefix: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    command = [*(prefix or []), sys.executable, "-m", "kbtool", "--root", str(root), *args]
    return subprocess.run(command, capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=120)


# --- no raw control characters on a terminal ---------------------------------------
def test_escape_sequences_in_documents_never_reach_the_terminal(kb: Path) -> None:
    article = kb / "kb/kb-0002-vpn-keeps-disconnecting.md"
    # In the title through a YAML escape (\e is ESC), and raw in the body.
    article.write_text(article.read_text().replace("title: VPN keeps disconnecting", 'title: "VPN keeps \\e]52;c;cm0g\\a disconnecting"').replace(
        "Unstable home Wi-Fi", f"Unstable home Wi-Fi {ESCAPES}"))
    findings = api.validate(kb, today=TODAY).findings
    assert [(f.rule, f.line) for f in findings] == [("control-character", 3), ("control-character", 31)]
    for args in (["show", "KB-0002"], ["search", "unstable", "wi-fi"], ["validate"], ["search", "unstable", "--json"]):
        result = run(kb, *args)
        for control in ("\x1b", "\x07", "\x9b"):
            assert control not in result.output, (args, repr(result.output[:200]))


def test_a_title_with_control_characters_or_five_thousand_characters_is_refused(kb: Path) -> None:
    escaped = run(kb, "new", "article", "--title", f"Printer {ESCAPES}", "--owner", "ann.agent", "--tag", "printing")
    long = run(kb, "new", "article", "--title", "x" * 5000, "--owner", "ann.agent", "--tag", "printing")
    assert escaped.exit_code == long.exit_code == 2
    assert "control character" in escaped.output and "limit is 120" in long.output
    assert len(list((kb / "kb").glob("*.md"))) == 5


def test_search_log_and_gaps_show_queries_without_their_escapes(kb: Path) -> None:
    write(kb, "kbtool.yml", "search:\n  log: true\n")
    run(kb, "search", f"zebra{ESCAPES}")
    output = run(kb, "gaps").output
    assert "zebra" in output and "\x1b" not in output and "\x07" not in output


# --- secrets are never printed whole ------------------------------------------------------
def test_a_secret_in_a_document_is_a_finding_and_is_masked_in_every_output(kb: Path) -> None:
    article = kb / "kb/kb-0003-answering-a-call.md"
    article.write_text(article.read_text().replace("Listen before you type.", "Listen before you type. The kiosk password: Winter2025!x and key AKIAIOSFODNN7EXAMPLE."))
    findings = [f for f in api.validate(kb, today=TODAY).findings if f.rule == "secret"]
    assert len(findings) == 2 and all("Winter2025" not in f.message and "AKIAIOSFODNN7EXAMPLE" not in f.message for f in findings)
    for args in (["show", "KB-0003"], ["show", "KB-0003", "--format", "json"], ["search", "kiosk", "password"], ["search", "kiosk", "--json"], ["validate"]):
        output = run(kb, *args).output
        assert "Winter2025!x" not in output and "AKIAIOSFODNN7EXAMPLE" not in output, args


# --- bounded time and memory ---------------------------------------------------------------
def test_an_alias_bomb_in_front_matter_is_one_finding_and_search_still_works(kb: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join('*' + chr(97 + n) for _ in range(9))}]\n" for n in range(8)
    )
    write(kb, "kb/kb-0009-bomb.md", f"---\n{bomb}---\nbody\n")
    started = time.perf_counter()
    findings = api.validate(kb, today=TODAY).findings
    assert [(f.path, f.rule, f.line) for f in findings] == [("kb/kb-0009-bomb.md", "yaml-alias", 2)]
    results = api.search(kb, "globalprotect", log=False)
    assert results.hits[0].id == "KB-0002" and [w.rule for w in results.warnings] == ["yaml-alias"]
    assert time.perf_counter() - started < 30


def test_an_alias_bomb_in_the_configuration_is_a_configuration_error(kb: Path) -> None:
    write(kb, "kbtool.yml", "a: &a [x, x]\nb: [*a, *a]\n")
    result = run(kb, "validate")
    assert result.exit_code == 2 and "anchors and aliases" in result.output


def test_a_huge_document_full_of_matches_searches_in_linear_time(kb: Path) -> None:
    header = (kb / "kb/kb-0003-answering-a-call.md").read_text().split("## Greeting")[0].replace("KB-0003", "KB-0009").replace("Answering a support call", "Password reset wall")
    sentence = "Reset the password, then reset the password again and check the password reset page. "
    timings = []
    for size in (50_000, 500_000):
        write(kb, "kb/kb-0009-wall.md", header + "## Greeting\n\n" + sentence * (size // len(sentence)) + "\n")
        api.index(kb)
        started = time.perf_counter()
        assert api.search(kb, "password reset", log=False, refresh_index=False).hits
        timings.append(time.perf_counter() - started)
    assert timings[1] < max(timings[0], 0.05) * 40  # ten times the text: never a hundred times the time


# Runs of an opening that is never closed: a pattern that reads to the end of the
# text from each of them costs the square of the text's length.
UNCLOSED = ["[x](", "<!--", "<a ", "![", "[", "[[", "<a href=", "\\<", "<svg/on", "<http:", "[a](b (", "``x", "**a",
            # Indented blocks: whether each is inside a list item must not be worked out by looking back over all of them.
            "   para\n\n   > q\n\n", "   x\n\n   ```\n   y\n   ```\n\n"]


@pytest.mark.parametrize("opening", UNCLOSED)
def test_every_reading_of_a_body_takes_time_in_proportion_to_its_length(opening: str) -> None:
    from kbtool.core import inline, markdown, safety

    def read(text: str) -> float:
        started = time.perf_counter()
        blocks = markdown.parse(text)
        markdown.links(blocks), markdown.plain_text(blocks), [inline.spans(block.text) for block in blocks]
        safety.redact(text), [safety.secrets_in(line) or safety.unsafe_html_in(line) for line in text.split("\n")]
        return time.perf_counter() - started

    # The best of three runs of each: a busy machine slows single runs, never all three.
    times = max(1, 12_000 // len(opening))  # about 12 KB, then 48 KB
    small = min(read(opening * times) for _ in range(3))
    large = min(read(opening * times * 4) for _ in range(3))
    assert large < max(small, 0.01) * 10, f"4x the text took {large / max(small, 1e-9):.0f}x the time"


def test_a_query_of_a_hundred_kilobytes_is_refused_at_once(kb: Path) -> None:
    started = time.perf_counter()
    result = run(kb, "search", "vpn " * 25_000)
    assert result.exit_code == 2 and "the limit is 1,000" in result.output
    assert time.perf_counter() - started < 10


# --- configured paths stay inside the repository -------------------------------------------
@pytest.mark.parametrize("setting", ["articles_dir: /etc", "articles_dir: ../..", "state_dir: /tmp/kbtool-state", "schema_file: ../../x.json"])
def test_no_configured_path_leads_outside_the_repository(kb: Path, setting: str) -> None:
    write(kb, "kbtool.yml", setting + "\n")
    for args in (["validate"], ["search", "vpn"], ["schema", "--write"]):
        result = run(kb, *args)
        assert result.exit_code == 2 and "leads outside the repository" in result.output
    assert not (kb.parent.parent / "x.json").exists() and not Path("/tmp/kbtool-state").exists()


# --- private crash logs -------------------------------------------------------------------------
def test_a_crash_log_is_private_and_never_follows_a_planted_link(kb: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    os.symlink(victim, tmp_path / "kbtool-crash.log")  # the old fixed name

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("kbtool.checks.validate.validate", explode)
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    result = run(kb, "validate")
    assert result.exit_code == 3 and victim.read_text() == "precious"
    logs = [path for path in tmp_path.glob("kbtool-crash-*.log")]
    assert len(logs) == 1 and stat.S_IMODE(logs[0].stat().st_mode) == 0o600 and "disk on fire" in logs[0].read_text()


# --- ids are never handed out twice -------------------------------------------------------------
def test_eight_parallel_new_commands_get_eight_different_ids(kb: Path) -> None:
    def create(number: int) -> str:
        result = kbtool(kb, "new", "article", "--title", f"Parallel {number}", "--owner", "ann.agent", "--tag", "vpn", "--format", "json")
        assert result.returncode == 0, result.stderr
        return str(json.loads(result.stdout)["id"])

    with ThreadPoolExecutor(max_workers=8) as pool:
        ids = list(pool.map(create, range(8)))
    assert len(set(ids)) == 8 and sorted(ids) == [f"KB-{n:04d}" for n in range(6, 14)]


def test_a_staged_deletion_or_a_byte_order_mark_never_hides_a_used_id(git_kb: Path) -> None:
    from kbtool.lifecycle.create import next_id

    git(git_kb, "rm", "-q", "kb/kb-0005-old-vpn-client.md")  # staged, not committed
    bom = git_kb / "kb/kb-0004-printer-queue-draft.md"
    bom.write_bytes(b"\xef\xbb\xbf" + bom.read_bytes())
    assert next_id(load_config(git_kb), "article") == "KB-0006"


# --- a read-only checkout stays searchable --------------------------------------------------------
def _without_root_powers() -> list[str]:
    """Run a command as root without the power to ignore file permissions (tests run as root in CI)."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("setpriv is needed to drop root's permission override")
    return ["setpriv", "--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search", "--"]


@pytest.mark.slow
def test_a_read_only_checkout_is_searchable_and_refuses_writes_clearly(kb: Path, tmp_path: Path) -> None:
    for path in [kb, *kb.rglob("*")]:
        path.chmod(path.stat().st_mode & ~0o222)
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    prefix = _without_root_powers()
    try:
        searched = kbtool(kb, "search", "globalprotect", env=env, prefix=prefix)
        assert searched.returncode == 0 and "KB-0002" in searched.stdout, searched.stderr
        assert "read-only" in searched.stderr and str(tmp_path / "cache") in searched.stderr
        assert "KB-0002" in kbtool(kb, "search", "globalprotect", env=env, prefix=prefix).stdout
        for args in (["new", "article", "--title", "X", "--owner", "ann.agent", "--tag", "vpn"], ["schema", "--write"]):
            result = kbtool(kb, *args, env=env, prefix=prefix)
            assert result.returncode in (1, 2) and "cannot write" in result.stderr and "Traceback" not in result.stderr, result.stderr
        assert not (kb / ".kbtool").exists()
    finally:
        for path in [kb, *kb.rglob("*")]:
            path.chmod(path.stat().st_mode | 0o200)


def test_the_index_is_readable_by_every_user_who_can_read_the_repository(config) -> None:  # type: ignore[no-untyped-def]
    from kbtool.search.generations import current_generation

    from kbtool.core.files import NEW_FILE_MODE

    api.index(config)
    api.search(config, "vpn", log=False)  # also keeps the parsed settings and synonym lists
    folder = current_generation(config)
    assert folder is not None and stat.S_IMODE(folder.stat().st_mode) & 0o055 == 0o055
    # Every file follows the umask as a file made by open() would (mkstemp alone makes them 0600).
    unlike = [path.name for path in (config.state_path / "index").rglob("*") if path.is_file() and stat.S_IMODE(path.stat().st_mode) & 0o044 != NEW_FILE_MODE & 0o044]
    assert unlike == [] and (config.state_path / "index" / "synonyms.json").is_file()



def test_every_test_docs_guarantees_names_exists() -> None:
    """docs/guarantees.md lists each promise with the tests that hold it: a renamed or deleted test must not leave a promise unheld."""
    import re

    doc = (REPO_ROOT / "docs" / "guarantees.md").read_text(encoding="utf-8")
    missing = []
    for row in (line for line in doc.splitlines() if line.startswith("| **")):
        module = ""
        for path, name in re.findall(r"`(tests/[\w/]+\.py)?(?:::(\w+))?", row):
            module = path or module  # `::name` alone belongs to the module named before it
            source = REPO_ROOT / module
            if path and not source.is_file():
                missing.append(path)
            elif name and (not source.is_file() or f"def {name}(" not in source.read_text(encoding="utf-8")):
                missing.append(f"{module}::{name}")
    assert missing == []
