"""The HTTP server (kbtool/server/app.py) and its JSON API, against a real server on a free localhost port."""
from __future__ import annotations

import http.client
import json
import re
import socket
import stat
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner

from kbtool.cli import cli
from kbtool.server import app
from kbtool.server.assets import ASSETS, asset

from conftest import write
from running import running


def cli_json(root: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--root", str(root), *args])
    return result.stdout


def without_timing(text: str) -> str:
    return re.sub(r'"milliseconds": [0-9.]+', '"milliseconds": 0', text).strip()


@pytest.mark.parametrize(
    "query, options",
    [
        ("vpn keeps droping", []),  # a typo: corrections and did-you-mean
        ("KB-0002", []),  # an id: exact
        ("printer", ["--status", "draft", "--limit", "3"]),
        ("password", ["--tag", "accounts", "--type", "article"]),
        ("blue screen of death", []),  # nothing strong
    ],
)
def test_search_answers_exactly_what_search_json_prints(kb: Path, query: str, options: list[str]) -> None:
    printed = cli_json(kb, "search", *query.split(), "--json", *options)
    names = {"--status": "status", "--limit": "limit", "--tag": "tag", "--type": "type"}
    params = "&".join(f"{names[options[i]]}={quote(options[i + 1])}" for i in range(0, len(options), 2))
    with running(kb) as client:
        limit = "" if "--limit" in options else "&limit=5"  # the command line shows 5 by default, the page 10
        status, headers, body = client.request("GET", f"/api/search?q={quote(query)}{limit}&{params}&log=0")
    assert status == 200 and headers["content-type"] == "application/json; charset=utf-8"
    assert without_timing(body.decode()) == without_timing(printed)


def test_documents_come_with_review_state_sections_and_ticket_text(kb: Path) -> None:
    with running(kb) as client:
        status, article = client.get("/api/documents/KB-0002")
        _, sop = client.get("/api/documents/sop1")  # any common spelling of an id
    assert status == 200
    assert article["id"] == "KB-0002" and article["title"] == "VPN keeps disconnecting" and article["version"] is None
    assert article["review"]["state"] == "overdue" and article["review"]["text"].startswith("OVERDUE")
    assert article["owner"] == {"id": "ann.agent", "name": "Ann Agent", "team": "Service Desk"}
    assert [section["title"] for section in article["sections"]] == ["Issue", "Environment", "Resolution", "Cause"]
    assert '<ol class="steps"><li data-step="1">Ask how often' in article["sections"][2]["html"]
    assert article["ticket"].startswith("KB-0002 VPN keeps disconnecting\nResolution:\n1. Ask how often")
    assert sop["id"] == "SOP-0001" and sop["version"] == "2.1.0"
    assert sop["ticket"].startswith("SOP-0001 MFA reset for a lost phone (version 2.1.0)\nProcedure:\n1. Verify")
    assert sop["meta"]["changelog"][0]["version"] == "2.1.0"


@pytest.mark.parametrize(
    "path, status, message",
    [
        ("/api/documents/..%2F..%2Fetc%2Fpasswd", 400, "not a document id"),
        ("/api/documents/kbtool.yml", 400, "not a document id"),
        ("/api/documents/KB-0099", 404, "no document has id KB-0099"),
        ("/api/documents/" + "K" * 60, 400, "not a document id"),
        ("/api/nothing-here", 404, "no such page"),
        ("/etc/passwd", 404, "no such page"),
        ("/api/search", 400, "`q` is required"),
        ("/api/search?q=" + "x" * 1001, 400, "the limit is 1,000"),
        ("/api/search?q=vpn&limit=0", 400, "`limit` must be a whole number from 1 to 50"),
        ("/api/search?q=vpn&limit=ten", 400, "`limit`"),
        ("/api/search?q=vpn&tag=vnp", 400, "unknown --tag `vnp`"),
        ("/api/search?q=vpn&type=articles", 400, "unknown --type `articles`"),
        ("/api/search?q=vpn&log=maybe", 400, "`log` must be 1 or 0"),
    ],
)
def test_errors_are_json_with_a_status_code(kb: Path, path: str, status: int, message: str) -> None:
    with running(kb) as client:
        answer_status, headers, body = client.request("GET", path)
    error = json.loads(body)["error"]
    assert answer_status == status == error["status"] and message in error["message"]
    assert headers["content-type"].startswith("application/json")


def test_an_unknown_filter_value_gets_a_did_you_mean(kb: Path) -> None:
    with running(kb) as client:
        status, data = client.get("/api/search?q=vpn&owner=ann.agnet")
    assert status == 400 and "did you mean `ann.agent`" in data["error"]["hint"]


def test_feedback_is_recorded_privately_and_listed_by_the_command_line(kb: Path) -> None:
    with running(kb) as client:
        status, flag = client.post("/api/feedback", {"id": "kb-2", "message": "Step 2 names the old gateway.", "agent": "Sam"})
    assert status == 201 and flag["id"] == "KB-0002" and flag["agent"] == "Sam"
    path = kb / ".kbtool/feedback.jsonl"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    listed = json.loads(cli_json(kb, "feedback", "--format", "json"))
    assert listed["open_flags"] == 1 and listed["documents"][0]["flags"][0]["message"] == "Step 2 names the old gateway."


@pytest.mark.parametrize(
    "body, headers, status, message",
    [
        (b'{"id": "KB-0002"}', {}, 400, "send an object with `id` and `message`"),
        (b"not json", {}, 400, "the body must be JSON"),
        (b'{"id": "../../x", "message": "m"}', {}, 400, "not a document id"),
        (b'{"id": "KB-0099", "message": "m"}', {}, 404, "no document has id"),
        (b'{"id": "KB-0002", "message": "   "}', {}, 400, "the message is empty"),
        (b'{"id": "KB-0002", "message": "m", "agent": 7}', {}, 400, "`agent` must be a string"),
        (json.dumps({"id": "KB-0002", "message": "x" * 2001}).encode(), {}, 400, "the limit is 2000"),
        (b'{"id": "KB-0002", "message": "m"}', {"Content-Type": "text/plain"}, 415, "application/json"),
        (b'{"id": "KB-0002", "message": "m"}', {"Origin": "http://evil.example"}, 403, "other web pages"),
        (b"{" + b" " * app.MAX_BODY + b"}", {}, 413, "larger than"),
    ],
)
def test_bad_feedback_is_refused_and_nothing_is_written(kb: Path, body: bytes, headers: dict[str, str], status: int, message: str) -> None:
    with running(kb) as client:
        answer_status, _, answer = client.request("POST", "/api/feedback", body, {"Content-Type": "application/json", **headers})
        assert (answer_status, client.get("/api/health")[0]) == (status, 200)  # the connection stays usable
    assert message in json.loads(answer)["error"]["message"]
    assert not (kb / ".kbtool/feedback.jsonl").exists()


def test_a_refused_flag_does_not_count_against_the_limit(kb: Path) -> None:
    with running(kb) as client:
        refused = [client.post("/api/feedback", {"id": "KB-0001", "message": "   "})[0] for _ in range(6)]
        accepted = client.post("/api/feedback", {"id": "KB-0001", "message": "Step 2 is out of date"})[0]
    assert refused == [400] * 6 and accepted == 201


def test_feedback_is_rate_limited_per_client(kb: Path) -> None:
    with running(kb) as client:
        answers = [client.post("/api/feedback", {"id": "KB-0001", "message": f"flag {n}"}) for n in range(7)]
        status, headers, _ = client.request("POST", "/api/feedback", json.dumps({"id": "KB-0001", "message": "m"}).encode(), {"Content-Type": "application/json"})
    assert [status for status, _ in answers] == [201] * 5 + [429] * 2
    assert status == 429 and int(headers["retry-after"]) >= 1
    assert "too many flags" in answers[-1][1]["error"]["message"]
    assert len((kb / ".kbtool/feedback.jsonl").read_text().splitlines()) == 5


def test_every_answer_has_the_security_headers_and_none_allows_other_origins(kb: Path) -> None:
    with running(kb) as client:
        answers = [
            client.request("GET", "/", headers={"Origin": "http://evil.example"}),
            client.request("GET", "/api/search?q=vpn", headers={"Origin": "http://evil.example"}),
            client.request("GET", "/api/nothing"),
            client.request("OPTIONS", "/api/feedback", headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "POST"}),
        ]
    for status, headers, _ in answers:
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "default-src 'none'" in policy
        assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"
        assert re.fullmatch(r"app;dur=\d+\.\d\d", headers["server-timing"])
        assert not any(name.startswith("access-control-") for name in headers)
    assert answers[3][0] == 405


def test_only_loopback_host_names_are_answered(kb: Path) -> None:
    """A page on another site cannot reach the API by pointing its own host name at 127.0.0.1."""
    with running(kb) as client:
        rebound = client.request("GET", "/api/search?q=vpn", headers={"Host": f"attacker.example:{client.port}"})
        local = client.request("GET", "/api/health", headers={"Host": f"localhost:{client.port}"})
    assert rebound[0] == 421 and local[0] == 200


def test_the_page_ships_in_the_package_with_no_inline_script_and_no_outside_address() -> None:
    page = asset("index.html").decode()
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/assets/app.js" defer>']
    assert not re.search(r"\son\w+\s*=", page)  # no inline event handlers either
    for name, _ in ASSETS.values():
        text = asset(name).replace(b'xmlns="http://www.w3.org/2000/svg"', b"")  # a namespace name, never fetched
        assert not re.search(rb"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", text, re.IGNORECASE), name


def test_assets_are_served_with_their_types_and_nothing_else_from_disk(kb: Path) -> None:
    with running(kb) as client:
        page = client.request("GET", "/")
        script = client.request("GET", "/assets/app.js")
        outside = client.request("GET", "/assets/../../kbtool.yml")
        missing = client.request("GET", "/assets/app.py")
    assert page[0] == 200 and page[1]["content-type"].startswith("text/html") and b'id="q"' in page[2]
    assert script[0] == 200 and script[1]["content-type"].startswith("text/javascript")
    assert outside[0] == missing[0] == 404


def test_keep_alive_answers_with_nagle_off(kb: Path) -> None:
    assert app.RequestHandler.disable_nagle_algorithm is True and app.RequestHandler.protocol_version == "HTTP/1.1"
    with running(kb) as client:
        first = client.request("GET", "/api/health")
        socket_before = client.connection.sock
        second = client.request("GET", "/api/search?q=vpn")
        assert client.connection.sock is socket_before  # the same connection served both
    assert first[0] == second[0] == 200


def test_connections_beyond_the_limit_are_refused_not_queued(kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app, "MAX_CONNECTIONS", 2)
    with running(kb) as client:
        idle = [socket.create_connection(("127.0.0.1", client.port)) for _ in range(2)]
        try:
            from conftest import wait_until

            extra = socket.create_connection(("127.0.0.1", client.port))
            extra.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            assert extra.recv(100) == b""  # closed without an answer
            extra.close()
        finally:
            for connection in idle:
                connection.close()
        # Slots come back when connections end (the server notices the closed sockets).
        def answered() -> bool:
            try:
                return client.request("GET", "/api/health")[0] == 200
            except (OSError, http.client.HTTPException):
                client.connection.close()
                return False

        assert wait_until(answered, timeout=60)


def test_health_names_the_index(kb: Path) -> None:
    with running(kb) as client:
        status, health = client.get("/api/health")
    assert status == 200 and health["status"] == "ok"
    assert health["index"]["documents"] == 6 and health["index"]["generation"].startswith("gen-")


def test_fix_it_links_to_the_configured_edit_address(kb: Path) -> None:
    write(kb, "kbtool.yml", "site:\n  edit_url_template: https://git.example/kb/edit/main/{path}?id={id}\n")
    with running(kb) as client:
        _, data = client.get("/api/documents/KB-0001")
    assert data["edit_url"] == "https://git.example/kb/edit/main/kb/kb-0001-reset-a-password.md?id=KB-0001"


def test_ctrl_c_while_a_connection_thread_starts_stops_the_server(kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The interrupt must reach serve_forever, not be lost in the bookkeeping of connection slots."""
    import threading

    from kbtool import api

    server = api.open_server(kb, port=0, poll_seconds=3600, announce=lambda line: None)
    started = threading.Thread.start

    def start_then_interrupt(self):  # type: ignore[no-untyped-def]
        started(self)
        raise KeyboardInterrupt

    ours, theirs = socket.socketpair()
    try:
        monkeypatch.setattr(threading.Thread, "start", start_then_interrupt)
        with pytest.raises(KeyboardInterrupt):
            server.process_request(ours, ("127.0.0.1", 0))
    finally:
        monkeypatch.undo()
        theirs.close()
        server.close()


def test_connection_errors_are_quiet_and_others_are_one_line(kb: Path) -> None:
    with running(kb) as client:
        for error in (BrokenPipeError("gone"), ValueError("odd")):
            try:
                raise error
            except Exception:
                client.server.handle_error(None, ("127.0.0.1", 0))
    notices = client.server.notices  # type: ignore[attr-defined]
    assert notices == ["kbtool: error serving a connection: ValueError: odd"]


def test_many_agents_connecting_at_once_are_all_queued(kb: Path) -> None:
    """A backlog of 5 (socketserver's default) drops the sixth SYN, and that client waits a second to retry."""
    from kbtool import api

    server = api.open_server(kb, port=0, poll_seconds=3600, announce=lambda line: None)
    connections = []
    try:  # not serving yet: every connection waits in the listen queue
        for _ in range(20):
            connections.append(socket.create_connection(("127.0.0.1", server.port), timeout=5))
    finally:
        for connection in connections:
            connection.close()
        server.close()
    assert len(connections) == 20

