"""What a command says on standard error beside its result: index updates, warnings, files written."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kbtool.cli.output.registry import Renderers
from kbtool.cli.output.style import Style
from kbtool.cli.output.text import index_summary, left_out_lines

if TYPE_CHECKING:  # pragma: no cover
    from kbtool.checks.json_schema import SchemaResult
    from kbtool.search.indexer import IndexResult
    from kbtool.search.results import SearchResults

notices = Renderers("notices", lambda result, style: [])


@notices.register("kbtool.search.indexer.IndexResult")
def _(result: IndexResult, style: Style) -> list[str]:
    return [index_summary(result), *left_out_lines(result.left_out)]


@notices.register("kbtool.search.results.SearchResults")
def _(results: SearchResults, style: Style) -> list[str]:
    update = results.index_update
    return ([index_summary(update)] if update is not None and update.did_work else []) + left_out_lines(results.warnings)


@notices.register("kbtool.checks.json_schema.SchemaResult")
def _(result: SchemaResult, style: Style) -> list[str]:
    return [f"wrote {result.written}"] if result.written else []
