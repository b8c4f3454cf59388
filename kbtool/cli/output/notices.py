"""What a command says on standard error beside its result: index updates, warnings, files written."""
from __future__ import annotations

from functools import singledispatch
from typing import Any

from kbtool.checks.json_schema import SchemaResult
from kbtool.cli.output.style import Style
from kbtool.cli.output.text import index_summary, left_out_lines
from kbtool.search.indexer import IndexResult
from kbtool.search.results import SearchResults


@singledispatch
def notices(result: Any, style: Style) -> list[str]:
    return []


@notices.register
def _(result: IndexResult, style: Style) -> list[str]:
    return [index_summary(result), *left_out_lines(result.left_out)]


@notices.register
def _(results: SearchResults, style: Style) -> list[str]:
    update = results.index_update
    return ([index_summary(update)] if update is not None and update.did_work else []) + left_out_lines(results.warnings)


@notices.register
def _(result: SchemaResult, style: Style) -> list[str]:
    return [f"wrote {result.written}"] if result.written else []
