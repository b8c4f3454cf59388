"""What one server process holds: the knowledge base's configuration, one searcher and the lock around it.

Every request thread shares the searcher. Whoosh's searcher and kbtool's
caches are not built for concurrent use, and Python runs one query's scoring
at a time anyway (the GIL): queries taken one after another give the same
throughput as interleaved ones and a lower average wait.
"""
from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING, Any, Iterable

from kbtool import api
from kbtool.core.config import Config
from kbtool.server.ratelimit import RateLimiter

if TYPE_CHECKING:  # pragma: no cover
    from kbtool.lifecycle.feedback import Flag
    from kbtool.search.results import SearchResults
    from kbtool.search.searcher import Searcher
    from kbtool.view import DocumentView

# Flags per client address: 5 at once, then one every 12 seconds (5 a minute).
FEEDBACK_BURST = 5
FEEDBACK_INTERVAL = 12.0


class ServerState:
    def __init__(self, config: Config, searcher: Searcher) -> None:
        self.config = config
        self._searcher = searcher
        self._lock = threading.Lock()
        self.feedback_limiter = RateLimiter(FEEDBACK_BURST, FEEDBACK_INTERVAL)
        self.started = time.time()
        self.last_check: float | None = None  # when the watcher last looked at the content folders
        self.reopened = 0  # times the searcher followed a newer index
        self.index_error: str | None = None  # why the last index update failed, until one succeeds

    def search(self, query: str, *, limit: int, doc_types: Iterable[str], tags: Iterable[str], owners: Iterable[str], statuses: Iterable[str], log: bool | None) -> SearchResults:
        with self._lock:
            return api.search(
                self.config, query, limit=limit, doc_types=doc_types, tags=tags, owners=owners, statuses=statuses,
                refresh_index=False, log=log, searcher=self._searcher,
            )

    def show(self, doc_id: str) -> DocumentView:
        with self._lock:
            return api.show(self.config, doc_id, searcher=self._searcher)

    def flag(self, doc_id: str, message: str, agent: str) -> Flag:
        with self._lock:
            return api.flag(self.config, doc_id, message, agent=agent, searcher=self._searcher)

    def reopen_if_changed(self) -> bool:
        """Follow a newer index (a new generation or commit); True when the searcher was reopened."""
        with self._lock:
            reopened = self._searcher.refresh()
        self.reopened += reopened
        return reopened

    def index_facts(self) -> dict[str, Any]:
        with self._lock:
            documents = int(self._searcher.searcher.doc_count())
            generation = self._searcher.generation.name if self._searcher.generation else None
        return {"documents": documents, "generation": generation, "reopened": self.reopened, "error": self.index_error}

    def close(self) -> None:
        with self._lock:
            self._searcher.close()
