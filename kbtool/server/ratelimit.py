"""Token buckets per client: a burst at once, then one request every so often."""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Callable


class RateLimiter:
    """At most `burst` requests at once per key, refilled at one every `interval` seconds.

    The table of keys is bounded (least recently seen forgotten first), so a
    flood of addresses cannot grow memory.
    """

    def __init__(self, burst: int, interval: float, max_keys: int = 4096, clock: Callable[[], float] = time.monotonic) -> None:
        self.burst = burst
        self.interval = interval
        self.max_keys = max_keys
        self.clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # key -> (tokens, when)
        self._lock = threading.Lock()

    def wait_time(self, key: str) -> float:
        """0 and one token taken when `key` may go ahead; else the seconds until it may."""
        now = self.clock()
        with self._lock:
            tokens, when = self._buckets.pop(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - when) / self.interval)
            wait = 0.0 if tokens >= 1 else (1 - tokens) * self.interval
            self._buckets[key] = (tokens - 1 if wait == 0 else tokens, now)
            if len(self._buckets) > self.max_keys:
                self._buckets.popitem(last=False)
        return wait

    def refund(self, key: str) -> None:
        """Give back the token a request took when it turned out not to count (it was refused)."""
        with self._lock:
            if key in self._buckets:
                tokens, when = self._buckets[key]
                self._buckets[key] = (min(float(self.burst), tokens + 1), when)
