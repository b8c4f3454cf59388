"""`kbtool history`."""
from __future__ import annotations

import click

from kbtool import api
from kbtool.cli.app import cli, emit, format_option, root_of


@cli.command()
@click.argument("doc_id", metavar="ID")
@click.option("--diff", "diff", metavar="N", type=click.IntRange(1), help="Also show what changed in version N (numbers as listed).")
@format_option("text", "json")
@click.pass_context
def history(ctx: click.Context, doc_id: str, diff: int | None, output_format: str) -> None:
    """List a document's versions from git: date, author, commit subject and SOP version.

    Renames are followed, so a document keeps its history when its file is
    renamed.

    \b
    Examples:
      kbtool history SOP-0001
      kbtool history SOP-0001 --diff 3
      kbtool history kb7 --format json
    """
    emit(ctx, api.history(root_of(ctx), doc_id, diff=diff), output_format)
