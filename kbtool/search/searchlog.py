"""The opt-in search log and the content-gap report built from it.

Each search appends one JSON line to `.kbtool/search-log.jsonl`. A line is
written with a single `write` on a file opened for appending, so concurrent
searches never interleave within a line.
"""
from __future__ import annotations

import datetime
import json
import os
import re
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from kbtool.core.config import Config

LOG_NAME = "search-log.jsonl"


@dataclass(frozen=True)
class Gap:
    query: str  # normalised: lower case, single spaces
    searches: int
    average_results: float
    last_searched: str


@dataclass(frozen=True)
class GapsReport:
    gaps: list[Gap]
    log_enabled: bool

    exit_code = 0

    def to_dict(self) -> list[dict[str, object]]:
        return [asdict(gap) for gap in self.gaps]


def log_path(config: Config) -> Path:
    return config.state_path / LOG_NAME


def record(config: Config, query: str, results: int, milliseconds: float, now: datetime.datetime | None = None) -> None:
    """Append one search to the log (no-op unless `search.log: true` in kbtool.yml)."""
    if not config.search_log:
        return
    now = now or datetime.datetime.now(datetime.timezone.utc)
    line = json.dumps({"time": now.isoformat(timespec="seconds"), "query": query, "results": results, "ms": milliseconds}, ensure_ascii=False)
    path = log_path(config)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(descriptor, (line + "\n").encode("utf-8"))
    finally:
        os.close(descriptor)


def normalise(query: str) -> str:
    return re.sub(r"\s+", " ", query.strip().casefold())


def gaps(config: Config, max_results: int = 2, since: datetime.date | None = None, limit: int = 20) -> GapsReport:
    """The most frequent queries that found `max_results` documents or fewer, most searched first."""
    path = log_path(config)
    if not path.exists():
        return GapsReport([], config.search_log)
    counts: Counter[str] = Counter()
    results: dict[str, int] = {}
    last: dict[str, str] = {}
    with path.open(encoding="utf-8", errors="replace") as stream:
        for line in stream:
            try:
                entry = json.loads(line)
                query, found, when = normalise(str(entry["query"])), int(entry["results"]), str(entry["time"])
            except (ValueError, KeyError, TypeError):
                continue  # a torn or hand-edited line must not hide the rest
            if not query or (since and when[:10] < since.isoformat()):
                continue
            counts[query] += 1
            results[query] = results.get(query, 0) + found
            last[query] = max(last.get(query, ""), when)
    found_gaps = [
        Gap(query, count, round(results[query] / count, 1), last[query])
        for query, count in counts.items()
        if results[query] / count <= max_results
    ]
    found_gaps.sort(key=lambda gap: (-gap.searches, gap.average_results, gap.query))
    return GapsReport(found_gaps[:limit], config.search_log)
