"""`kbtool gaps`."""
from __future__ import annotations

import datetime

import click

from kbtool import api
from kbtool.cli.app import cli, emit, format_option, root_of


@cli.command()
@click.option("--max-results", type=click.IntRange(0), default=2, show_default=True, help="A query that found this many documents or fewer (on average) is a gap.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Only searches on or after this date (YYYY-MM-DD).")
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True)
@format_option("text", "json")
@click.pass_context
def gaps(ctx: click.Context, max_results: int, since: datetime.datetime | None, limit: int, output_format: str) -> None:
    """List frequent searches that found nothing or little: articles to write next.

    Needs the search log, switched on with `search: {log: true}` in kbtool.yml.

    \b
    Examples:
      kbtool gaps
      kbtool gaps --since 2026-11-01 --max-results 0
    """
    report = api.gaps(root_of(ctx), max_results=max_results, since=since.date() if since else None, limit=limit)
    emit(ctx, report, output_format)
