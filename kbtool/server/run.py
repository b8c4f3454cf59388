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
        threading.Thread(target=webbrowser.open, args=(server.url,), daemon=True).start()
    started = time.monotonic()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        say("kbtool: stopped")
    finally:
        server.close()
    return ServeSummary(server.url, round(time.monotonic() - started, 1), server.requests)
