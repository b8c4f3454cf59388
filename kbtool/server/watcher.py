"""Keeping the server's searcher current: poll the content folders, update the index, reopen the searcher.

Polling rather than file events: it needs no extra package, works the same
on every platform and on network file systems, and sees changes made by
`git pull` as well as by editors. Each poll costs one `stat` per document
(tens of milliseconds at 10,000 documents). A change is searchable within
one interval (2 seconds by default) plus the time to index it.
"""
from __future__ import annotations

import threading
import time
from typing import Callable

from kbtool import api
from kbtool.core.errors import KbError
from kbtool.server.state import ServerState

DEFAULT_INTERVAL = 2.0


class IndexWatcher:
    def __init__(self, state: ServerState, interval: float = DEFAULT_INTERVAL, announce: Callable[[str], None] = lambda line: None) -> None:
        self.state = state
        self.interval = interval
        self.announce = announce
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="kbtool-index-watcher", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=60)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.check()

    def check(self) -> None:
        """One poll: index changed documents (this process), then follow any newer index (ours or another process's)."""
        try:
            update = api.refresh_index(self.state.config)
            if update is not None and update.did_work:
                changes = update.changes
                self.announce(
                    f"kbtool: index updated in {update.seconds:.2f} s: {len(changes.added)} added, "
                    f"{len(changes.changed)} changed, {len(changes.deleted)} deleted"
                )
            if self.state.reopen_if_changed():
                self.announce("kbtool: now searching the newer index")
            self.state.index_error = None
        except KbError as error:  # for example another process is writing the index: try again next time
            self._report(str(error).splitlines()[0])
        except Exception as error:  # noqa: BLE001 - the watcher must outlive one bad poll
            self._report(f"index update failed: {type(error).__name__}: {error}")
        self.state.last_check = time.time()

    def _report(self, message: str) -> None:
        if message != self.state.index_error:
            self.announce(f"kbtool: {message}")
        self.state.index_error = message
