"""A real `kbtool serve` server on a free localhost port, in a thread, and a small HTTP client for it."""
from __future__ import annotations

import http.client
import json
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from kbtool import api
from kbtool.server.app import KbServer


class Client:
    """Plain HTTP/1.1 over one keep-alive connection, so tests see exactly what a browser or curl would."""

    def __init__(self, server: KbServer) -> None:
        self.server = server
        self.port = server.port
        self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        self.connection.request(method, path, body=body, headers=headers or {})
        response = self.connection.getresponse()
        data = response.read()
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()  # as a browser does; the next request opens a new connection
        return response.status, {name.lower(): value for name, value in response.getheaders()}, data

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, Any]:
        status, _, body = self.request("GET", path, headers=headers)
        return status, json.loads(body)

    def post(self, path: str, value: Any, headers: dict[str, str] | None = None) -> tuple[int, Any]:
        body = value if isinstance(value, bytes) else json.dumps(value).encode()
        status, _, answer = self.request("POST", path, body, {"Content-Type": "application/json", **(headers or {})})
        return status, json.loads(answer)

    def close(self) -> None:
        self.connection.close()


@contextmanager
def running(root: Path, poll_seconds: float = 3600.0) -> Iterator[Client]:
    """A server on port 0 (any free port); the watcher only runs when a test calls it or sets `poll_seconds`."""
    notices: list[str] = []
    server = api.open_server(root, port=0, poll_seconds=poll_seconds, announce=notices.append)
    server.notices = notices  # type: ignore[attr-defined]
    # serve_forever notices shutdown() only between polls; its default half second would be most of each test.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    client = Client(server)
    try:
        yield client
    finally:
        client.close()
        server.shutdown()
        server.close()
        thread.join(timeout=60)
