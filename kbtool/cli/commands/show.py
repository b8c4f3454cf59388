"""`kbtool show`."""
from __future__ import annotations

import click

from kbtool import api
from kbtool.cli.app import cli, emit, format_option, root_of


@cli.command()
@click.argument("doc_id", metavar="ID")
@format_option("text", "json")
@click.pass_context
def show(ctx: click.Context, doc_id: str, output_format: str) -> None:
    """Print one article or SOP with its owner, version and review status.

    \b
    Examples:
      kbtool show KB-0007
      kbtool show sop-0003 --format json
    """
    emit(ctx, api.show(root_of(ctx), doc_id), output_format)
