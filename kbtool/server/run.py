"""`kbtool serve` from start to Ctrl-C: warn about exposed addresses, bind, announce, open the browser, serve."""
from __future__ import annotations

import sys
import threading
import time
import webbrowser
from dataclasses import dataclass
from typing import Callable

from kbtool.core.config import Config
from kbtool.server.app import is_loopback, make_server


@dataclass(frozen=True)
class ServeSummary:
    url: str
    seconds: float  # how long it served
    requests: int  # requests answered

    exit_code = 0


def open_page(url: str, say: Callable[[str], None]) -> None:
    """Open the agent's page in a browser, or say that none could be (a server without a desktop)."""
    try:
        opened = webbrowser.open(url)
    except webbrowser.Error:
        opened = False
    if not opened:
        say(f"kbtool: no browser could be opened here: open {url} yourself")


def run(config: Config, host: str, port: int, open_browser: bool, poll_seconds: float, announce: Callable[[str], None] | None = None) -> ServeSummary:
    say = announce or (lambda line: print(line, file=sys.stderr, flush=True))
    if not is_loopback(host):
        say(
            f"kbtool: warning: listening on {host}, which other machines can reach: anyone on the network can read "
            "every document and post flags, and there is no sign-in. Use it only on a network you trust."
        )
    server = make_server(config, host, port, poll_seconds, say)
    say(f"kbtool: serving {config.root} at {server.url} (Ctrl-C to stop)")
    if open_browser:
        threading.Thread(target=open_page, args=(server.url, say), daemon=True).start()
    started = time.monotonic()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        say("kbtool: stopped")
    finally:
        server.close()
    return ServeSummary(server.url, round(time.monotonic() - started, 1), server.requests)
