"""Token buckets (kbtool/server/ratelimit.py)."""
from __future__ import annotations

from kbtool.server.ratelimit import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_then_one_per_interval() -> None:
    clock = Clock()
    limiter = RateLimiter(burst=3, interval=10.0, clock=clock)
    assert [limiter.wait_time("a") for _ in range(3)] == [0, 0, 0]
    assert limiter.wait_time("a") == 10.0
    clock.now += 5
    assert limiter.wait_time("a") == 5.0  # refused requests take no token
    clock.now += 5
    assert limiter.wait_time("a") == 0 and limiter.wait_time("a") > 0
    assert limiter.wait_time("b") == 0  # each client has its own bucket


def test_a_long_pause_refills_only_to_the_burst() -> None:
    clock = Clock()
    limiter = RateLimiter(burst=2, interval=1.0, clock=clock)
    limiter.wait_time("a")
    clock.now += 3600
    assert [limiter.wait_time("a") == 0 for _ in range(3)] == [True, True, False]


def test_the_table_of_clients_is_bounded() -> None:
    limiter = RateLimiter(burst=1, interval=60.0, max_keys=100, clock=Clock())
    for number in range(1000):
        limiter.wait_time(f"10.0.{number // 256}.{number % 256}")
    assert len(limiter._buckets) == 100


def test_a_refund_gives_back_one_token_up_to_the_burst() -> None:
    clock = Clock()
    limiter = RateLimiter(burst=1, interval=10.0, clock=clock)
    assert limiter.wait_time("a") == 0 and limiter.wait_time("a") == 10.0
    limiter.refund("a")
    assert limiter.wait_time("a") == 0
    limiter.refund("a")
    limiter.refund("a")
    assert limiter.wait_time("a") == 0 and limiter.wait_time("a") > 0
