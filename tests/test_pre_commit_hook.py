"""The shipped pre-commit hook, run for real by `pre-commit try-repo` in a knowledge-base repository.

pre-commit builds the hook's Python environment from this repository (pip
installing kbtool with the configured package index), once per test module.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import GIT_ENV, REPO_ROOT, edit, git, make_kb, write

pytestmark = pytest.mark.slow

GOOD = """---
id: KB-0006
title: Printer shows offline
summary: What to check when a printer shows offline for one caller.
status: published
owner: ann.agent
audience: agent
kind: guide
tags: [printing]
created: 2026-11-01
reviewed: 2026-11-01
---

Check the printer's queue first.
"""


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    kb = make_kb(tmp_path / "knowledge-base")
    git(kb, "init", "-q", "-b", "main")
    git(kb, "add", "-A")
    git(kb, "commit", "-q", "-m", "Knowledge base")
    return kb


def hook(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """`pre-commit try-repo` with kbtool's hook on what is staged, as `git commit` would run it."""
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(REPO_ROOT), "kbtool-validate", "--color", "never"]
    return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=600)


def test_the_hook_refuses_a_bad_document_passes_a_good_one_and_rechecks_on_a_registry_change(repo: Path, pre_commit_home: Path) -> None:
    write(repo, "kb/kb-0006-printer-offline.md", GOOD)
    git(repo, "add", "-A")
    good = hook(repo, pre_commit_home)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "kbtool validate" in good.stdout and "Passed" in good.stdout

    write(repo, "kb/kb-0007-printer-jams.md", GOOD.replace("KB-0006", "KB-0007").replace("Printer shows offline", "Printer jams").replace("ann.agent", "ann.agnet"))
    git(repo, "add", "-A")
    bad = hook(repo, pre_commit_home)
    assert bad.returncode == 1 and "Failed" in bad.stdout
    assert "kb/kb-0007-printer-jams.md:6: error [unknown-owner] owner `ann.agnet` is not in the owners registry" in bad.stdout

    git(repo, "rm", "-q", "--cached", "kb/kb-0007-printer-jams.md")
    (repo / "kb/kb-0007-printer-jams.md").unlink()
    git(repo, "commit", "-q", "-m", "Printer offline")
    edit(repo, "meta/owners.yml", "  - id: ann.agent\n    name: Ann Agent\n    email: ann@example.com\n    team: Service Desk\n", "")
    git(repo, "add", "meta/owners.yml")  # only the registry changes: documents that name the owner break
    registry = hook(repo, pre_commit_home)
    assert registry.returncode == 1, registry.stdout
    assert "kb/kb-0002-vpn-keeps-disconnecting.md:6: error [unknown-owner]" in registry.stdout
    assert "kb/kb-0006-printer-offline.md:6: error [unknown-owner]" in registry.stdout


def test_the_hook_is_skipped_for_files_it_does_not_check(repo: Path, pre_commit_home: Path) -> None:
    write(repo, "README.md", "# Our knowledge base\n")
    git(repo, "add", "README.md")
    result = hook(repo, pre_commit_home)
    assert result.returncode == 0 and "(no files to check)Skipped" in result.stdout


def test_the_hook_definition() -> None:
    (definition,) = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert definition["id"] == "kbtool-validate" and definition["language"] == "python" and definition["pass_filenames"] is False
