"""Flags on documents (kbtool/lifecycle/feedback.py) and `kbtool feedback`."""
from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from kbtool import api
from kbtool.cli import cli
from kbtool.core.errors import NotFoundError, UsageError
from kbtool.lifecycle import feedback
from kbtool.lifecycle.feedback import FeedbackFull, feedback_path

from conftest import write


def listing(kb: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--root", str(kb), "feedback", *args])


def test_flags_are_listed_by_owner_and_document(kb: Path) -> None:
    api.flag(kb, "KB-0002", "Gateway names changed in March.", agent="Sam")
    api.flag(kb, "sop1", "Step 2: the TAP lifetime is 8 hours now.")
    api.flag(kb, "KB-0002", "Also mention the new client.")
    report = api.feedback(kb)
    assert [(entry.owner_name, entry.id, len(entry.flags)) for entry in report.documents] == [("Ann Agent", "KB-0002", 2), ("Ivan Identity", "SOP-0001", 1)]
    assert report.open_flags == 3 and report.closed_flags == 0
    text = listing(kb).output
    assert text.index("Ann Agent") < text.index("KB-0002") < text.index("Ivan Identity") < text.index("SOP-0001")
    assert "Sam: Gateway names changed in March." in text and "3 open flag(s), 0 closed" in text


def test_editing_the_document_closes_its_flags(kb: Path) -> None:
    api.flag(kb, "KB-0002", "Gateway names changed.")
    path = kb / "kb/kb-0002-vpn-keeps-disconnecting.md"
    path.write_text(path.read_text().replace("the other gateway", "the UK-Leeds gateway"))
    assert api.feedback(kb).documents == []
    assert "No open flags (1 closed by later edits; --all lists them)." in listing(kb).output
    everything = json.loads(listing(kb, "--all", "--format", "json").output)
    assert everything["documents"][0]["state"] == "changed" and everything["documents"][0]["closed"][0]["message"] == "Gateway names changed."
    api.flag(kb, "KB-0002", "Still wrong: step 1.")
    assert [flag.message for flag in api.feedback(kb).documents[0].flags] == ["Still wrong: step 1."]


def test_a_deleted_document_s_flags_are_closed(kb: Path) -> None:
    api.flag(kb, "KB-0003", "Greeting is outdated.")
    (kb / "kb/kb-0003-answering-a-call.md").unlink()
    report = api.feedback(kb, include_closed=True)
    assert report.open_flags == 0 and report.documents[0].state == "gone"


def test_the_file_is_private_and_never_written_through_a_link(kb: Path, tmp_path: Path) -> None:
    api.flag(kb, "KB-0001", "first")
    path = feedback_path(api.config_of(kb))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    os.chmod(path, 0o644)
    api.flag(kb, "KB-0001", "second")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # a loosened file is tightened again
    path.unlink()
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep\n")
    path.symlink_to(target)
    with pytest.raises(OSError):
        api.flag(kb, "KB-0001", "third")
    assert target.read_text() == "keep\n"


def test_the_size_limit_refuses_new_flags_without_writing_half(kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(feedback, "FEEDBACK_LIMIT", 400)
    api.flag(kb, "KB-0001", "a" * 100)
    size = feedback_path(api.config_of(kb)).stat().st_size
    with pytest.raises(FeedbackFull, match="has reached its limit of 400 bytes"):
        api.flag(kb, "KB-0001", "b" * 300)
    assert feedback_path(api.config_of(kb)).stat().st_size == size


@pytest.mark.parametrize(
    "message, agent, error",
    [("", "", "the message is empty"), ("\x1b\x07\x00 \r\n", "", "the message is empty"), ("x" * 2001, "", "the limit is 2000"), ("ok", "n" * 81, "the limit is 80")],
)
def test_bad_flags_are_usage_errors(kb: Path, message: str, agent: str, error: str) -> None:
    with pytest.raises(UsageError, match=error):
        api.flag(kb, "KB-0001", message, agent=agent)


def test_control_characters_and_secrets_never_reach_the_file_or_the_terminal(kb: Path) -> None:
    flag = api.flag(kb, "KB-0001", "Step 2\x1b[31m is wrong\r\nand step 3\x00.\tCaller said password: Summer2024!", agent="Sam\nSmith\x07")
    assert (flag.message, flag.agent) == ("Step 2[31m is wrong\nand step 3. Caller said password: Su••••••", "Sam Smith")
    assert "Summer2024" not in feedback_path(api.config_of(kb)).read_text()
    assert "\x1b" not in listing(kb).output


def test_unknown_documents_cannot_be_flagged(kb: Path) -> None:
    with pytest.raises(NotFoundError):
        api.flag(kb, "KB-0099", "?")


def test_torn_lines_are_skipped(kb: Path) -> None:
    api.flag(kb, "KB-0001", "whole")
    path = feedback_path(api.config_of(kb))
    with path.open("a") as stream:
        stream.write('{"time": "2026-11-23T10:00:00+00:00", "id": "KB-00\n')
    write(kb, ".kbtool/unrelated.txt", "x")
    assert [flag.message for flag in api.feedback(kb).documents[0].flags] == ["whole"]
    assert listing(kb).exit_code == 0
