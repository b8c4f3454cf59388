from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import write
from kbtool.core.config import load_config
from kbtool.site.moves import moved_paths
from sitebuild import commit_on


def git_mv(root: Path, old: str, new: str) -> None:
    (root / new).parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "mv", old, new], cwd=root, check=True)


def test_renames_are_followed_to_where_the_document_is_now(kb: Path) -> None:
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=kb, check=True)
    commit_on(kb, "2026-11-01", "Knowledge base")
    git_mv(kb, "kb/kb-0002-vpn-keeps-disconnecting.md", "kb/kb-0002-vpn-drops.md")
    commit_on(kb, "2026-11-02", "Shorter name")
    git_mv(kb, "kb/kb-0002-vpn-drops.md", "kb/network/kb-0002-vpn-drops.md")
    commit_on(kb, "2026-11-02", "Into a folder, the same day")
    # Rewritten and renamed at once: git sees a deletion and an addition; the id in the name pairs them.
    (kb / "kb/kb-0003-answering-a-call.md").unlink()
    write(kb, "kb/kb-0003-calls.md", (kb / "kb/kb-0001-reset-a-password.md").read_text().replace("KB-0001", "KB-0003"))
    commit_on(kb, "2026-11-04", "Rewritten")
    (kb / "kb/kb-0001-reset-a-password.md").unlink()  # gone for good: nowhere to send it
    commit_on(kb, "2026-11-05", "Removed")
    current = {"kb/network/kb-0002-vpn-drops.md": "KB-0002", "kb/kb-0003-calls.md": "KB-0003", "sops/sop-0001-mfa-reset.md": "SOP-0001"}
    assert moved_paths(load_config(kb), current) == {
        "kb/kb-0002-vpn-keeps-disconnecting.md": "KB-0002",
        "kb/kb-0002-vpn-drops.md": "KB-0002",
        "kb/kb-0003-answering-a-call.md": "KB-0003",
    }


def test_no_git_no_earlier_paths(kb: Path) -> None:
    assert moved_paths(load_config(kb), {"kb/kb-0002-vpn-keeps-disconnecting.md": "KB-0002"}) == {}
