"""The opt-in search log and `kbtool gaps`: weak matches count, precise queries do not, privacy kept."""
from __future__ import annotations

import datetime
import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from kbtool.cli import cli
from kbtool.core.config import load_config
from kbtool.core.errors import ConfigError
from kbtool.search import searchlog
from kbtool.search.searchlog import gaps, log_path, mask, record

from conftest import REPO_ROOT, write

NOW = datetime.datetime(2026, 11, 29, 12, tzinfo=datetime.timezone.utc)


def search(kb: Path, *words: str) -> None:
    CliRunner().invoke(cli, ["--root", str(kb), "search", *words])


@pytest.fixture
def logging_kb(kb: Path) -> Path:
    write(kb, "kbtool.yml", "search:\n  log: true\n")
    return kb


def test_searches_are_not_logged_by_default(kb: Path) -> None:
    search(kb, "vpn")
    assert not log_path(load_config(kb)).exists()


def test_the_bundled_configuration_keeps_the_log_off() -> None:
    assert load_config(REPO_ROOT).search_log is False


def test_gaps_lists_empty_and_weak_searches_but_not_precise_ones(logging_kb: Path) -> None:
    searches = [
        ["xylophone", "driver"], ["Xylophone  driver"], ["xylophone", "driver"],  # nothing found
        ["zebra"],  # nothing found
        ["sap", "gui", "logon", "vpn"],  # only weak matches
        ["vpn"], ["vpn"],  # strong matches: not a gap
        ["KB-0002"], ["0x80070005"],  # an id and an error code that found their document
    ]
    for words in searches:
        search(logging_kb, *words)
    config = load_config(logging_kb)
    entries = [json.loads(line) for line in log_path(config).read_text().splitlines()]
    assert len(entries) == 9 and {"time", "query", "results", "confidence", "ms"} <= set(entries[0])
    found = gaps(config, max_results=0).gaps
    assert [(gap.query, gap.searches) for gap in found] == [("xylophone driver", 3), ("zebra", 1), ("sap gui logon vpn", 1)]
    assert found[2].weak == 1 and found[2].average_results > 0
    result = CliRunner().invoke(cli, ["--root", str(logging_kb), "gaps", "--max-results", "0", "--format", "json"])
    assert [gap["query"] for gap in json.loads(result.output)["gaps"]] == ["xylophone driver", "zebra", "sap gui logon vpn"]


def test_a_search_narrowed_by_a_filter_is_not_a_gap(logging_kb: Path) -> None:
    for _ in range(3):
        search(logging_kb, "vpn", "--tag", "accounts")  # finds little: because of the tag, not a gap in the knowledge base
    config = load_config(logging_kb)
    assert all(json.loads(line)["filtered"] for line in log_path(config).read_text().splitlines())
    assert gaps(config, max_results=5).gaps == []


def test_gaps_survives_torn_lines_and_filters_by_date(logging_kb: Path) -> None:
    config = load_config(logging_kb)
    record(config, "old query", 0, 1.0, now=datetime.datetime(2026, 9, 1, tzinfo=datetime.timezone.utc))
    with log_path(config).open("a") as stream:
        stream.write('{"time": "2026-01-0\n')  # a write cut short by a crash
    record(config, "new query", 1, 1.0, now=datetime.datetime(2026, 11, 1, tzinfo=datetime.timezone.utc))
    assert [gap.query for gap in gaps(config, now=NOW).gaps] == ["old query", "new query"]  # fewer results first
    assert [gap.query for gap in gaps(config, since=datetime.date(2026, 10, 1), now=NOW).gaps] == ["new query"]


def test_with_the_log_off_gaps_is_a_configuration_error_that_says_how_to_turn_it_on(kb: Path) -> None:
    with pytest.raises(ConfigError):
        gaps(load_config(kb))
    result = CliRunner().invoke(cli, ["--root", str(kb), "gaps"])
    assert result.exit_code == 2 and "search: {log: true}" in result.stderr and "No content gaps" not in result.output


def test_the_log_is_private_to_its_owner(logging_kb: Path) -> None:
    config = load_config(logging_kb)
    path = log_path(config)
    path.parent.mkdir(parents=True)
    path.write_text("")
    os.chmod(path, 0o644)  # written by an older version
    record(config, "vpn", 3, 1.0)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    "query, logged",
    [
        ("reset pw for jane.doe@brightwater.example", "reset pw for [email]"),
        ("caller on 07700 900123 locked out", "caller on [number] locked out"),
        ("employee 48213 laptop", "employee [number] laptop"),
        ("error 0x80070005 and AADSTS50076 and 550 5.7.1", "error 0x80070005 and AADSTS50076 and 550 5.7.1"),
        ("KB-0007 and win 11 24H2", "KB-0007 and win 11 24H2"),
    ],
)
def test_masking_keeps_codes_but_not_people(query: str, logged: str) -> None:
    assert mask(query) == logged


def test_queries_are_masked_unless_switched_off(logging_kb: Path) -> None:
    record(load_config(logging_kb), "jane@example.com 07700900123", 0, 1.0)
    write(logging_kb, "kbtool.yml", "search:\n  log: true\n  mask: false\n")
    record(load_config(logging_kb), "jane@example.com", 0, 1.0)
    queries = [json.loads(line)["query"] for line in log_path(load_config(logging_kb)).read_text().splitlines()]
    assert queries == ["[email] [number]", "jane@example.com"]


def test_entries_past_retention_are_ignored_and_compacted_away(logging_kb: Path) -> None:
    write(logging_kb, "kbtool.yml", "search:\n  log: true\n  retention_days: 30\n")
    config = load_config(logging_kb)
    record(config, "ancient", 0, 1.0, now=NOW - datetime.timedelta(days=45))
    (config.state_path / searchlog.COMPACTED_MARKER).unlink()  # let the next search compact
    assert [gap.query for gap in gaps(config, now=NOW).gaps] == []
    record(config, "recent", 0, 1.0, now=NOW)
    assert [json.loads(line)["query"] for line in log_path(config).read_text().splitlines()] == ["recent"]
    assert stat.S_IMODE(log_path(config).stat().st_mode) == 0o600


def test_a_non_utf8_query_is_logged_without_crashing(logging_kb: Path) -> None:
    record(load_config(logging_kb), "caf\udce9 printer", 0, 1.0)
    assert "printer" in log_path(load_config(logging_kb)).read_text(encoding="utf-8", errors="replace")
