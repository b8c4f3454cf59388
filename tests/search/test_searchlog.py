"""The opt-in search log and `kbtool gaps`."""
from __future__ import annotations

import datetime
import json
from pathlib import Path

from click.testing import CliRunner

from kbtool.cli import cli
from kbtool.core.config import load_config
from kbtool.search.searchlog import gaps, log_path, record

from conftest import write


def search(kb: Path, *words: str) -> None:
    CliRunner().invoke(cli, ["--root", str(kb), "search", *words])


def test_searches_are_not_logged_by_default(kb: Path) -> None:
    search(kb, "vpn")
    assert not log_path(load_config(kb)).exists()


def test_gaps_lists_frequent_empty_searches_first(kb: Path) -> None:
    write(kb, "kbtool.yml", "search:\n  log: true\n")
    for words in (["xylophone", "driver"], ["Xylophone  driver"], ["xylophone", "driver"], ["zebra"], ["vpn"], ["vpn"]):
        search(kb, *words)
    config = load_config(kb)
    entries = [json.loads(line) for line in log_path(config).read_text().splitlines()]
    assert len(entries) == 6 and {"time", "query", "results", "ms"} <= set(entries[0])
    found = gaps(config, max_results=0).gaps
    assert [(gap.query, gap.searches) for gap in found] == [("xylophone driver", 3), ("zebra", 1)]
    result = CliRunner().invoke(cli, ["--root", str(kb), "gaps", "--max-results", "0", "--format", "json"])
    assert [gap["query"] for gap in json.loads(result.output)] == ["xylophone driver", "zebra"]


def test_gaps_survives_torn_lines_and_filters_by_date(kb: Path) -> None:
    write(kb, "kbtool.yml", "search:\n  log: true\n")
    config = load_config(kb)
    record(config, "old query", 0, 1.0, now=datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc))
    with log_path(config).open("a") as stream:
        stream.write('{"time": "2026-01-0\n')  # a write cut short by a crash
    record(config, "new query", 1, 1.0, now=datetime.datetime(2026, 6, 1, tzinfo=datetime.timezone.utc))
    assert [gap.query for gap in gaps(config).gaps] == ["old query", "new query"]  # fewer results first
    assert [gap.query for gap in gaps(config, since=datetime.date(2026, 1, 1)).gaps] == ["new query"]


def test_gaps_text_says_when_the_log_is_off(kb: Path) -> None:
    result = CliRunner().invoke(cli, ["--root", str(kb), "gaps"])
    assert result.exit_code == 0 and "the search log is off" in result.stderr
