"""What a command says on standard error beside its result: index updates, warnings, files written."""
from __future__ import annotations

from functools import singledispatch
from typing import Any

from kbtool.checks.json_schema import SchemaResult
from kbtool.cli.output.style import Style
from kbtool.cli.output.text import index_summary
from kbtool.search.indexer import IndexResult
from kbtool.search.results import SearchResults
from kbtool.search.searchlog import GapsReport


@singledispatch
def notices(result: Any, style: Style) -> list[str]:
    return []


@notices.register
def _(result: IndexResult, style: Style) -> list[str]:
    return [index_summary(result)]


@notices.register
def _(results: SearchResults, style: Style) -> list[str]:
    update = results.index_update
    return [index_summary(update)] if update is not None and update.did_work else []


@notices.register
def _(result: SchemaResult, style: Style) -> list[str]:
    return [f"wrote {result.written}"] if result.written else []


@notices.register
def _(report: GapsReport, style: Style) -> list[str]:
    if report.log_enabled:
        return []
    return ["kbtool: the search log is off; set `search: {log: true}` in kbtool.yml to collect searches"]
