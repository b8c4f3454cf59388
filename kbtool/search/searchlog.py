"""The opt-in search log and the content-gap report built from it.

Each search appends one JSON line to `.kbtool/search-log.jsonl`: the time,
the query (e-mail addresses and long digit runs masked unless `search.mask`
is false), the number of results, the confidence of the first hit and the
milliseconds taken. A line is written with a single `write` on a file
opened for appending, so concurrent searches never interleave within a line.
The file is private to its owner (mode 0600) and entries older than
`search.retention_days` are dropped: by `gaps` at once, from the file when
it is compacted (at most once a day, by the search that finds it due).
"""
from __future__ import annotations

import datetime
import json
import os
import re
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from kbtool.core.config import Config
from kbtool.core.files import append_private_line
from kbtool.core.errors import ConfigError

LOG_NAME = "search-log.jsonl"
COMPACTED_MARKER = "search-log.compacted"
COMPACT_EVERY = 24 * 3600
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Phone, employee, card and ticket numbers: four or more digits (in groups
# joined by spaces or dashes) not attached to letters, dots or dashes, so
# codes such as 0x80070005, AADSTS50076, 550 5.7.1 or KB-0007 are kept.
_DIGITS = re.compile(r"(?<![\w.-])\+?\d(?:[\d -]*\d){3,}(?![\w.-])")
_PRECISE = {"exact"}


@dataclass(frozen=True)
class Gap:
    query: str  # normalised: lower case, single spaces
    searches: int
    average_results: float
    weak: int  # searches whose best hit was only a weak match
    last_searched: str


@dataclass(frozen=True)
class GapsReport:
    gaps: list[Gap]
    searches: int  # logged searches considered

    exit_code = 0

    def to_dict(self) -> dict[str, object]:
        return {"searches": self.searches, "gaps": [asdict(gap) for gap in self.gaps]}


def log_path(config: Config) -> Path:
    return config.state_path / LOG_NAME


def mask(query: str) -> str:
    """The query with e-mail addresses and personal-looking numbers replaced."""
    query = _EMAIL.sub("[email]", query)
    return _DIGITS.sub("[number]", query)


def record(
    config: Config, query: str, results: int, milliseconds: float, confidence: str = "", now: datetime.datetime | None = None, filtered: bool = False,
) -> None:
    """Append one search to the log (no-op unless `search.log: true` in kbtool.yml).

    `filtered`: the search was narrowed by a tag, owner, type or status, so
    few results say more about the filter than about the knowledge base.
    """
    if not config.search_log:
        return
    now = now or datetime.datetime.now(datetime.timezone.utc)
    text = mask(query) if config.log_mask else query
    entry = {"time": now.isoformat(timespec="seconds"), "query": text, "results": results, "confidence": confidence, "ms": milliseconds}
    if filtered:
        entry["filtered"] = True
    append_private_line(log_path(config), json.dumps(entry, ensure_ascii=False))
    _compact_when_due(config, now)


def _cutoff(config: Config, now: datetime.datetime) -> str:
    return (now - datetime.timedelta(days=config.log_retention_days)).isoformat(timespec="seconds")


def _compact_when_due(config: Config, now: datetime.datetime) -> None:
    """Drop entries past the retention period, at most once a day; a concurrent compaction just skips."""
    marker = config.state_path / COMPACTED_MARKER
    try:
        if time.time() - marker.stat().st_mtime < COMPACT_EVERY:
            return
    except OSError:
        pass
    lock = config.state_path / (COMPACTED_MARKER + ".lock")
    try:
        descriptor = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError:
        return
    try:
        os.close(descriptor)
        _rewrite_within(log_path(config), _cutoff(config, now))
        marker.write_text(now.isoformat(), encoding="utf-8")
    finally:
        lock.unlink(missing_ok=True)


def _rewrite_within(path: Path, cutoff: str) -> None:
    with path.open("rb") as stream:
        data = stream.read()
    kept = [line for line in data.splitlines(keepends=True) if _time_of(line) >= cutoff]
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as stream:
        stream.writelines(kept)
        with path.open("rb") as current:  # searches logged while this ran
            current.seek(len(data))
            stream.write(current.read())
    os.replace(temporary, path)


def _time_of(line: bytes) -> str:
    try:
        return str(json.loads(line)["time"])
    except (ValueError, KeyError, TypeError):
        return ""  # a torn line is dropped at compaction


def normalise(query: str) -> str:
    return re.sub(r"\s+", " ", query.strip().casefold())


def gaps(config: Config, max_results: int = 2, since: datetime.date | None = None, limit: int = 20, now: datetime.datetime | None = None) -> GapsReport:
    """The most frequent searches that found little or only weak matches, most searched first.

    A query is a gap when it found `max_results` documents or fewer on
    average, or when most of its searches found only weak matches. Queries
    that named an id or an error code their first hit holds, and searches
    narrowed by a filter, are never gaps.
    """
    if not config.search_log:
        raise ConfigError(
            "the search log is off, so there are no searches to look at",
            hint="set `search: {log: true}` in kbtool.yml; searches from then on are recorded (see docs/configuration.md)",
        )
    path = log_path(config)
    cutoff = _cutoff(config, now or datetime.datetime.now(datetime.timezone.utc))
    if since:
        cutoff = max(cutoff, since.isoformat())
    counts: Counter[str] = Counter()
    results: Counter[str] = Counter()
    weak: Counter[str] = Counter()
    precise: set[str] = set()
    last: dict[str, str] = {}
    considered = 0
    if path.exists():
        with path.open(encoding="utf-8", errors="replace") as stream:
            for line in stream:
                try:
                    entry = json.loads(line)
                    query, found, when = normalise(str(entry["query"])), int(entry["results"]), str(entry["time"])
                except (ValueError, KeyError, TypeError):
                    continue  # a torn or hand-edited line must not hide the rest
                if not query or when < cutoff or entry.get("filtered"):
                    continue  # a filtered search that found little is about its filter, not a gap
                considered += 1
                confidence = str(entry.get("confidence", ""))
                counts[query] += 1
                results[query] += found
                weak[query] += confidence in ("weak", "none") or not found
                if confidence in _PRECISE:
                    precise.add(query)
                last[query] = max(last.get(query, ""), when)
    found_gaps = [
        Gap(query, count, round(results[query] / count, 1), weak[query], last[query])
        for query, count in counts.items()
        if query not in precise and (results[query] / count <= max_results or weak[query] * 2 > count)
    ]
    found_gaps.sort(key=lambda gap: (-gap.searches, gap.average_results, gap.query))
    return GapsReport(found_gaps[:limit], considered)
