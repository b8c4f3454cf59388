"""Building the starter site as a user does, for the slow site tests."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO_ROOT, copy_starter_kb

TODAY = "2026-11-29"  # the starter's review states drift with the real date


def starter_site(destination: Path) -> Path:
    """The starter knowledge base with the repository's mkdocs.yml and hand-written pages, in `destination`."""
    copy_starter_kb(destination)
    shutil.copyfile(REPO_ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    shutil.copytree(REPO_ROOT / "site-pages", destination / "site-pages")
    return destination


def mkdocs_build(root: Path, *args: str, **environment: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KBTOOL_SITE_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1", **environment}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", *args], cwd=root, env=env, capture_output=True, text=True, timeout=600)


def commit_on(root: Path, day: str, message: str) -> None:
    """Commit everything with the date `day` (git history is read by day, so each step needs its own)."""
    from conftest import GIT_ENV

    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": f"{day}T12:00:00+00:00", "GIT_COMMITTER_DATE": f"{day}T12:00:00+00:00"}
    subprocess.run(["git", "add", "-A"], cwd=root, env=env, check=True, capture_output=True)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=root, env=env, check=True, capture_output=True)
