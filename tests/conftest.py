"""Fixtures that build small, real knowledge bases (and git repositories) in tmp_path."""
from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kbtool.core.config import Config, load_config

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))  # benchmarks.synthetic generates large knowledge bases
EXAMPLES = Path(__file__).resolve().parent / "examples"
TODAY = datetime.date(2026, 11, 23)

OWNERS = """owners:
  - id: ann.agent
    name: Ann Agent
    email: ann@example.com
    team: Service Desk
  - id: ivan.identity
    name: Ivan Identity
    email: ivan@example.com
    team: Identity and Access
"""
TAGS = """tags:
  accounts: Accounts
  password: Passwords
  vpn: VPN
  printing: Printing
  call-handling: Calls
  mfa: MFA
"""
SYNONYMS = """groups:
  - [pw, password]
  - [mfa, multi-factor authentication]
  - [vpn, globalprotect]
"""

ARTICLES = {
    "kb/kb-0001-reset-a-password.md": """---
id: KB-0001
title: Reset a forgotten password
summary: How a caller resets a forgotten password with self-service.
status: published
owner: ivan.identity
audience: customer
kind: howto
tags: [accounts, password]
created: 2025-01-10
reviewed: 2026-10-01
related: [KB-0002]
---

## Steps

1. Open the password reset page and enter your work email.
2. Approve the multi-factor authentication prompt on your phone.
3. Choose a new passphrase of at least 14 characters.

If the reset page says your account is locked, see [[KB-0002]].
""",
    "kb/kb-0002-vpn-keeps-disconnecting.md": """---
id: KB-0002
title: VPN keeps disconnecting
summary: GlobalProtect drops every few minutes on home or hotel Wi-Fi.
status: published
owner: ann.agent
audience: agent
kind: troubleshooting
tags: [vpn]
keywords: [kicked off vpn, '0x80070005']
created: 2024-02-12
reviewed: 2026-02-01
review_every: 3m
---

## Issue

The caller says the VPN keeps dropping and shows error 0x80070005 when it reconnects.

## Environment

GlobalProtect 6.2 on Windows 11 laptops.

## Resolution

1. Ask how often it drops and what network the caller is on.
2. Switch to the other gateway and turn off Wi-Fi power saving.

## Cause

Unstable home Wi-Fi and hotel captive portals break the tunnel.
""",
    "kb/kb-0003-answering-a-call.md": """---
id: KB-0003
title: Answering a support call
summary: The greeting, listening and closing every agent uses on the phone.
status: published
owner: ann.agent
audience: agent
kind: guide
tags: [call-handling]
created: 2023-05-01
reviewed: 2026-09-15
---

## Greeting

Say your name and ask how you can help. Listen before you type.

## Closing

Confirm the fix worked and tell the caller the ticket number.
""",
    "kb/kb-0004-printer-queue-draft.md": """---
id: KB-0004
title: Printer queue stuck (draft notes)
summary: Early notes about print jobs stuck in the follow-me queue.
status: draft
owner: ann.agent
audience: agent
kind: guide
tags: [printing]
created: 2026-11-01
reviewed: 2026-11-01
---

Print jobs stuck in the follow-me queue: restart the spooler.
""",
    "kb/kb-0005-old-vpn-client.md": """---
id: KB-0005
title: Old AnyConnect VPN client
summary: The retired VPN client, kept for reference.
status: archived
owner: ann.agent
audience: agent
kind: guide
tags: [vpn]
created: 2020-01-01
reviewed: 2024-01-01
---

AnyConnect was retired in 2024; use GlobalProtect instead.
""",
    "sops/sop-0001-mfa-reset.md": """---
id: SOP-0001
title: MFA reset for a lost phone
summary: Verify the caller and re-register multi-factor authentication.
status: published
owner: ivan.identity
audience: agent
tags: [mfa, accounts]
created: 2024-05-01
reviewed: 2026-04-14
version: 2.1.0
changelog:
  - version: 2.1.0
    date: 2026-04-14
    summary: Temporary Access Pass replaces SMS codes.
  - version: 1.0.0
    date: 2024-05-01
    summary: First version.
---

## Purpose

Restore sign-in safely when a caller's phone is lost.

## Scope

All staff accounts.

## Procedure

1. Verify the caller's identity with a video call.
2. Delete the old MFA methods and issue a Temporary Access Pass.

## Escalation

Suspected impersonation goes to Information Security as P2.
""",
}


def write(root: Path, relative: str, text: str | bytes) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def make_kb(root: Path, documents: dict[str, str] | None = None, config_text: str = "") -> Path:
    """A complete small knowledge base at `root`: config, registries and documents."""
    root.mkdir(parents=True, exist_ok=True)
    write(root, "kbtool.yml", config_text or "review_every:\n  article: 6m\n  sop: 12m\n")
    write(root, "meta/owners.yml", OWNERS)
    write(root, "meta/tags.yml", TAGS)
    write(root, "meta/synonyms.yml", SYNONYMS)
    for relative, text in (ARTICLES if documents is None else documents).items():
        write(root, relative, text)
    return root


@pytest.fixture(autouse=True)
def terminal_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """Text output wraps to the terminal; tests must not depend on the one that runs them (or on none, under xdist)."""
    monkeypatch.setenv("COLUMNS", "100")


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    return make_kb(tmp_path / "kb-root")


@pytest.fixture
def config(kb: Path) -> Config:
    return load_config(kb)


GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Author",
    "GIT_AUTHOR_EMAIL": "ann@example.com",
    "GIT_COMMITTER_NAME": "Test Author",
    "GIT_COMMITTER_EMAIL": "ann@example.com",
}


def git(root: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    return subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True).stdout


def commit_on(root: Path, day: str, message: str) -> str:
    """Commit everything in `root` as if on `day` (YYYY-MM-DD, noon UTC); the new commit's id."""
    stamp = f"{day}T12:00:00+00:00"
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    subprocess.run(["git", "add", "-A"], cwd=root, env=env, check=True, capture_output=True)
    subprocess.run(["git", "commit", "-q", "--allow-empty", "-m", message], cwd=root, env=env, check=True, capture_output=True)
    return git(root, "rev-parse", "HEAD").strip()


def edit(root: Path, relative: str, old: str, new: str) -> None:
    """Replace the first `old` in a file by `new` (the test fails if `old` is not there)."""
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def git_kb(kb: Path) -> Path:
    """The small knowledge base as a real git repository with one commit."""
    git(kb, "init", "-q", "-b", "main")
    git(kb, "config", "user.email", "ann@example.com")
    git(kb, "config", "user.name", "Test Author")
    git(kb, "add", "-A")
    git(kb, "commit", "-q", "-m", "Initial knowledge base")
    return kb


def copy_starter_kb(destination: Path) -> Path:
    """The bundled starter knowledge base, copied so tests never write into the repository."""
    for name in ("kb", "sops", "meta"):
        shutil.copytree(REPO_ROOT / name, destination / name)
    shutil.copyfile(REPO_ROOT / "kbtool.yml", destination / "kbtool.yml")
    return destination


@pytest.fixture(scope="session")
def starter_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_starter_kb(tmp_path_factory.mktemp("starter"))


def search(text: str, config: Config, **filters: object):  # type: ignore[no-untyped-def]
    """One search on the index as it is (no refresh, no log)."""
    from kbtool.search.searcher import Searcher

    with Searcher(config) as searcher:
        return searcher.search(text, **filters)  # type: ignore[arg-type]


def wait_until(condition, timeout: float = 120.0, interval: float = 0.001) -> bool:  # type: ignore[no-untyped-def]
    """Poll `condition` until it holds (True) or `timeout` seconds pass (False): waiting on a state, not a clock."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return bool(condition())


VPN = "kb/kb-0002-vpn-keeps-disconnecting.md"
ODD = "kb/kb-0010-café notes\tand tabs.md"  # non-ASCII, a space and a tab: git quotes these unless -z


@pytest.fixture
def repo(kb: Path) -> Path:
    """The small knowledge base with a short history: edits on two days, an odd file name, a rename."""
    git(kb, "init", "-q", "-b", "main")
    commit_on(kb, "2026-01-15", "Initial")
    edit(kb, VPN, "2. Switch", "2. Move")
    write(kb, ODD, "---\nid: KB-0010\n---\nNotes.\n")
    commit_on(kb, "2026-02-03", "Morning")
    edit(kb, VPN, "1. Ask", "1. First ask")
    commit_on(kb, "2026-02-03", "Afternoon")
    git(kb, "mv", "sops/sop-0001-mfa-reset.md", "sops/sop-0001-mfa-reset-lost-phone.md")
    commit_on(kb, "2026-03-01", "Rename")
    return kb
