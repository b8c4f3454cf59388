"""The watcher (kbtool/server/watcher.py): changed documents become searchable; a newer index is followed."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from kbtool import api
from kbtool.core.errors import KbError

from conftest import ARTICLES, wait_until, write
from running import running

NEW_ARTICLE = ARTICLES["kb/kb-0003-answering-a-call.md"].replace("KB-0003", "KB-0010").replace(
    "Answering a support call", "Zebra label printer jams"
).replace("Listen before you type.", "Open the zebra printer lid and clear the jammed labels.")


def hit_ids(client, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    status, data = client.get(f"/api/search?q={quote(query)}&log=0")
    assert status == 200
    return [hit["id"] for hit in data["hits"]]


def test_a_poll_indexes_added_changed_and_deleted_documents(kb: Path) -> None:
    with running(kb) as client:
        assert hit_ids(client, "zebra") == []
        write(kb, "kb/kb-0010-zebra-printer.md", NEW_ARTICLE)
        path = kb / "kb/kb-0002-vpn-keeps-disconnecting.md"
        path.write_text(path.read_text().replace("captive portals", "captive portals and flaky Zigbee bridges"))
        (kb / "kb/kb-0003-answering-a-call.md").unlink()
        client.server.watcher.check()
        assert hit_ids(client, "zebra") == ["KB-0010"]
        assert hit_ids(client, "zigbee") == ["KB-0002"]
        assert "KB-0003" not in hit_ids(client, "greeting listen")
        assert client.get("/api/documents/KB-0010")[1]["title"] == "Zebra label printer jams"
    assert any("1 added, 1 changed, 1 deleted" in line for line in client.server.notices)  # type: ignore[attr-defined]


def test_a_rebuild_by_another_process_is_followed(kb: Path) -> None:
    with running(kb) as client:
        before = client.get("/api/health")[1]["index"]["generation"]
        api.index(kb, full=True)  # as `kbtool index --full` in another terminal would
        client.server.watcher.check()
        health = client.get("/api/health")[1]
        assert health["index"]["generation"] != before and health["index"]["reopened"] == 1
        assert hit_ids(client, "vpn")


def test_the_watcher_thread_polls_on_its_own(kb: Path) -> None:
    with running(kb, poll_seconds=0.2) as client:
        write(kb, "kb/kb-0010-zebra-printer.md", NEW_ARTICLE)
        assert wait_until(lambda: hit_ids(client, "zebra") == ["KB-0010"], timeout=120)
        # The poll that reopened the index notes its time just after: wait for that, not a fixed pause.
        assert wait_until(lambda: client.get("/api/health")[1]["last_check_seconds_ago"] is not None, timeout=120)


def test_a_failed_update_is_reported_once_and_searches_go_on(kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def busy(root):  # type: ignore[no-untyped-def]
        raise KbError("the index is being updated by another kbtool process")

    with running(kb) as client:
        monkeypatch.setattr(api, "refresh_index", busy)
        client.server.watcher.check()
        client.server.watcher.check()
        health = client.get("/api/health")[1]
        assert health["status"] == "degraded" and "another kbtool process" in health["index"]["error"]
        assert hit_ids(client, "vpn")
        monkeypatch.undo()
        client.server.watcher.check()
        assert client.get("/api/health")[1]["status"] == "ok"
    notices = [line for line in client.server.notices if "another kbtool process" in line]  # type: ignore[attr-defined]
    assert len(notices) == 1
