"""`kbtool codeowners`."""
from __future__ import annotations

import click

from kbtool import api
from kbtool.cli.app import cli, emit, format_option, root_of


@cli.command()
@format_option("text", "json")
@click.pass_context
def codeowners(ctx: click.Context, output_format: str) -> None:
    """Write .github/CODEOWNERS so each document's owner reviews changes to it.

    One line per document naming its owner's `github` handle from
    meta/owners.yml, in kbtool's own section of the file (other lines are
    kept). Documents whose owner has no handle are listed, and the exit
    code is then 1. `kbtool validate` reports the file when it is out of
    date.

    \b
    Examples:
      kbtool codeowners
      kbtool codeowners --format json
    """
    emit(ctx, api.codeowners(root_of(ctx)), output_format)
