"""The ready-made CI workflow for a knowledge-base repository: actionlint passes it, and it runs what the docs promise."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO_ROOT

WORKFLOW = REPO_ROOT / ".github/workflows/knowledge-base.yml"


def tool(name: str) -> str:
    """A command from the test extra, beside this Python or on PATH."""
    found = shutil.which(name, path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    if found is None:
        pytest.fail(f"`{name}` is not installed: pip install -e '.[test]' brings it")
    return found


def actionlint(path: Path) -> subprocess.CompletedProcess[str]:
    # shellcheck (from the test extra) beside Python on PATH: actionlint then checks every `run:` script with it.
    env = {**os.environ, "PATH": os.pathsep.join([str(Path(tool("shellcheck")).parent), os.environ.get("PATH", "")])}
    return subprocess.run([tool("actionlint"), "-no-color", str(path)], cwd=path.parent, env=env, capture_output=True, text=True, timeout=120)


def test_the_workflow_passes_actionlint_and_shellcheck() -> None:
    result = actionlint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_really_checks_it(tmp_path: Path) -> None:
    """A copy with an unquoted variable in a script and an unknown event fails: the test above is not vacuous."""
    broken = tmp_path / "knowledge-base.yml"
    text = WORKFLOW.read_text(encoding="utf-8")
    broken.write_text(text.replace('"$KBTOOL"', "$KBTOOL", 1).replace("  workflow_dispatch:", "  workflow_dispatched:"), encoding="utf-8")
    result = actionlint(broken)
    assert result.returncode == 1 and "SC2086" in result.stdout and "workflow_dispatched" in result.stdout


def steps(job: dict) -> str:
    return "\n".join(str(step.get("run", "")) for step in job["steps"])


def test_the_workflow_runs_what_docs_change_control_promises() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    flow = yaml.safe_load(text)
    events = flow[True]  # YAML 1.1 reads the key `on` as true
    assert set(events) >= {"pull_request", "schedule", "push"} and events["push"]["branches"] == ["main"]
    jobs = flow["jobs"]
    pull = steps(jobs["pull-request"])
    assert "kbtool validate --format github" in pull
    assert 'kbtool changes --base "$BASE" --format github' in pull
    assert 'kbtool changes --base "$BASE" --format markdown >> "$GITHUB_STEP_SUMMARY"' in pull
    assert "origin/${{ github.base_ref }}" in text
    weekly = steps(jobs["freshness"])
    assert "kbtool freshness --fail-on overdue --format github" in weekly and 'kbtool freshness --format markdown >> "$GITHUB_STEP_SUMMARY"' in weekly
    assert "mkdocs build --strict" in steps(jobs["site"])
    for job in jobs.values():
        checkout = next(step for step in job["steps"] if str(step.get("uses", "")).startswith("actions/checkout@"))
        assert checkout["with"]["fetch-depth"] == 0
    assert "secrets." not in text and flow["permissions"] == {"contents": "read"}
