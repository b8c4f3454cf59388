"""The HTTP server: the standard library's threading server, with limits, security headers and routing.

Chosen by measurement (docs/server.md): with Nagle's algorithm off it
answers as fast as Starlette with uvicorn under real searches, starts
faster and adds no dependency. Every response carries a Content-Security-
Policy that allows only this server's own script, styles and requests; no
CORS header is ever sent. When bound to a loopback address, requests must
name a loopback host (a web page elsewhere cannot reach the API through DNS
rebinding), and a POST must come from the page's own origin.
"""
from __future__ import annotations

import ipaddress
import itertools
import re
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable
from urllib.parse import parse_qs, urlsplit

from kbtool.core.config import Config
from kbtool.core.errors import KbError, NotFoundError, UsageError
from kbtool.lifecycle.feedback import FeedbackFull
from kbtool.server import handlers, static_site
from kbtool.server.assets import ASSETS, asset
from kbtool.server.protocol import HttpError, Request, Response, error_response
from kbtool.server.state import ServerState
from kbtool.server.watcher import DEFAULT_INTERVAL, IndexWatcher

MAX_TARGET = 4096  # bytes of path and query
MAX_BODY = 16_384  # bytes of a request body
MAX_CONNECTIONS = 64  # open at once; more are refused rather than queued without end
IDLE_SECONDS = 30  # a connection that sends nothing this long is closed

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
ERROR_STATUS = ((NotFoundError, 404), (UsageError, 400), (FeedbackFull, 507), (KbError, 500))

Route = tuple[str, "re.Pattern[str]", Callable[..., Response]]
ROUTES: list[Route] = [
    ("GET", re.compile(r"/api/search"), handlers.search),
    ("GET", re.compile(r"/api/documents/([^/]{1,64})"), handlers.document),
    ("POST", re.compile(r"/api/feedback"), handlers.feedback),
    ("GET", re.compile(r"/api/filters"), handlers.filters),
    ("GET", re.compile(r"/api/health"), handlers.health),
]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class KbServer(ThreadingHTTPServer):
    """One process, one searcher: request threads share `state`; `watcher` keeps the index current."""

    daemon_threads = True
    allow_reuse_address = True
    # socketserver's default backlog of 5 drops the SYN of a sixth simultaneous
    # connection, and the client retries a second later: 8 agents starting at once saw it.
    request_queue_size = 128

    def __init__(self, state: ServerState, host: str, port: int, poll_seconds: float = DEFAULT_INTERVAL, announce: Callable[[str], None] | None = None) -> None:
        if ":" in host:
            self.address_family = socket.AF_INET6
        try:
            super().__init__((host, port), RequestHandler)
        except OSError as error:
            raise UsageError(f"cannot listen on {host}:{port}: {error.strerror or error}", hint="choose another port with --port, or stop the program using it") from None
        self.state = state
        self.announce = announce or (lambda line: print(line, file=sys.stderr, flush=True))
        self.loopback = is_loopback(host)
        self.port = self.server_address[1]
        name = f"[{host}]" if ":" in host else host
        self.url = f"http://{name}:{self.port}/"
        self.allowed_hosts = {f"{alias}:{self.port}" for alias in ("127.0.0.1", "localhost", "[::1]", name)}
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        self._answered = itertools.count()
        self.requests = 0  # answered so far
        self.watcher = IndexWatcher(state, poll_seconds, self.announce)
        self.watcher.start()

    def process_request(self, request, client_address):  # type: ignore[no-untyped-def]
        """One thread per connection, at most MAX_CONNECTIONS at once; more are closed, never queued without end.

        The slot is released by the thread itself, so a Ctrl-C arriving while
        a thread starts stops the server instead of being lost.
        """
        if not self._slots.acquire(blocking=False):
            self.shutdown_request(request)
            return
        thread = threading.Thread(target=self.process_request_thread, args=(request, client_address), daemon=True)
        try:
            thread.start()
        except RuntimeError:  # no thread could be started (resources exhausted): refuse this connection
            self._slots.release()
            self.shutdown_request(request)

    def process_request_thread(self, request, client_address):  # type: ignore[no-untyped-def]
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request, client_address):  # type: ignore[no-untyped-def]
        """A client that went away is not news; anything else is one line on the console, never a traceback."""
        error = sys.exc_info()[1]
        if not isinstance(error, (ConnectionError, TimeoutError)):
            self.announce(f"kbtool: error serving a connection: {type(error).__name__}: {error}")

    def count_answer(self) -> None:
        self.requests = next(self._answered) + 1

    def close(self) -> None:
        """Stop watching, close the socket and the searcher (after `shutdown()` when serving in a thread)."""
        self.watcher.stop()
        self.server_close()
        self.state.close()


class RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: one connection per page, not one per keystroke
    disable_nagle_algorithm = True  # otherwise a keep-alive answer waits ~40 ms for an ACK
    timeout = IDLE_SECONDS
    server: KbServer

    def do_GET(self) -> None:
        self._answer("GET")

    def do_POST(self) -> None:
        self._answer("POST")

    def do_HEAD(self) -> None:
        self._send(error_response(HttpError(405, "use GET or POST")), head=True)

    def do_PUT(self) -> None:
        self._answer("PUT")

    def do_DELETE(self) -> None:
        self._answer("DELETE")

    def do_OPTIONS(self) -> None:
        self._answer("OPTIONS")  # no CORS: a preflight gets 405 and the browser stops there

    def version_string(self) -> str:
        return "kbtool"

    def log_message(self, format: str, *args: object) -> None:
        """No access log: queries can hold callers' details."""

    def _answer(self, method: str) -> None:
        started = time.perf_counter()
        self._body_read = False
        try:
            response = self._route(method)
        except HttpError as error:
            response = error_response(error)
        except KbError as error:
            status = next(code for kind, code in ERROR_STATUS if isinstance(error, kind))
            response = error_response(HttpError(status, error.message, error.hint))
        except Exception as error:  # noqa: BLE001 - never a traceback to a client
            self.server.announce(f"kbtool: internal error answering {method} {urlsplit(self.path).path[:80]}: {type(error).__name__}: {error}")
            response = error_response(HttpError(500, "internal error", "the server's console says more"))
        if not self._body_read and (self.headers.get("Content-Length", "0") != "0" or self.headers.get("Transfer-Encoding")):
            self.close_connection = True  # an unread body would be taken for the next request
        # Time spent inside the server (waiting for the searcher included), for browsers' developer tools and benchmarks.
        response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.2f}"
        self._send(response)

    def _route(self, method: str) -> Response:
        if len(self.path) > MAX_TARGET:
            self.close_connection = True
            raise HttpError(414, f"the address is longer than {MAX_TARGET} bytes")
        self._check_host()
        target = urlsplit(self.path)
        path = target.path
        if path == "/site" or path.startswith(static_site.PREFIX):
            if method != "GET":
                raise HttpError(405, "use GET")
            return static_site.site_file(self.server.state.config, path) if path != "/site" else Response(301, b"", "text/plain", {"Location": static_site.PREFIX})
        if path in ASSETS:
            if method != "GET":
                raise HttpError(405, "use GET")
            name, content_type = ASSETS[path]
            return Response(200, asset(name), content_type, {"Cache-Control": "no-cache"})
        for route_method, pattern, handler in ROUTES:
            match = pattern.fullmatch(path)
            if match:
                if method != route_method:
                    raise HttpError(405, f"use {route_method} for {path}", headers={"Allow": route_method})
                request = Request(method, path, parse_qs(target.query, max_num_fields=50), self._body(method), self.client_address[0])
                return handler(self.server.state, request, *match.groups())
        raise HttpError(404, f"no such page or API: {path[:80]}")

    def _check_host(self) -> None:
        host = self.headers.get("Host")
        if self.server.loopback and host is not None and host.lower() not in self.server.allowed_hosts:
            raise HttpError(421, "this server answers only to its loopback address", hint=f"open {self.server.url}")

    def _body(self, method: str) -> bytes:
        if method != "POST":
            return b""
        if self.headers.get("Transfer-Encoding"):
            raise HttpError(411, "send a Content-Length, not a chunked body")
        origin = self.headers.get("Origin")
        if origin is not None and origin.lower() != f"http://{str(self.headers.get('Host', '')).lower()}":
            raise HttpError(403, "requests from other web pages are not accepted")
        if not str(self.headers.get("Content-Type", "")).lower().startswith("application/json"):
            raise HttpError(415, "send the body as application/json")
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            raise HttpError(411, "a Content-Length is required") from None
        if length < 0 or length > MAX_BODY:
            raise HttpError(413, f"the body is larger than {MAX_BODY} bytes")
        body = self.rfile.read(length)
        self._body_read = True
        return body

    def _send(self, response: Response, head: bool = False) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        headers = {**SECURITY_HEADERS, "Cache-Control": "no-store", **response.headers}
        for name, value in headers.items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if not head:
            self.wfile.write(response.body)
        self.server.count_answer()


def make_server(config: Config, host: str, port: int, poll_seconds: float = DEFAULT_INTERVAL, announce: Callable[[str], None] | None = None) -> KbServer:
    """A bound server over the knowledge base (the index brought up to date first); call `serve_forever()`."""
    from kbtool import api

    searcher = api.open_searcher(config)
    try:
        return KbServer(ServerState(config, searcher), host, port, poll_seconds, announce)
    except BaseException:
        searcher.close()
        raise
