"""`kbtool index`."""
from __future__ import annotations

import click

from kbtool import api
from kbtool.cli.app import cli, emit, format_option, progress, root_of


@cli.command()
@click.option("--full", is_flag=True, help="Rebuild from scratch (into a new folder, swapped in when complete).")
@format_option("text", "json")
@click.pass_context
def index(ctx: click.Context, full: bool, output_format: str) -> None:
    """Build or update the search index in .kbtool/index.

    Incremental by default: only added, changed and deleted files are
    re-indexed (compared by content hash). Searching brings a stale index up
    to date by itself; run this in CI or after large changes.

    \b
    Examples:
      kbtool index
      kbtool index --full
    """
    config = api.config_of(root_of(ctx))
    with progress("Indexing", lambda: api.count_documents(config)) as update:
        result = api.index(config, full=full, progress=update)
    emit(ctx, result, output_format)
