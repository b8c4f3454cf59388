"""`kbtool rules`."""
from __future__ import annotations

import click

from kbtool import api
from kbtool.cli.app import cli, emit, format_option


@cli.command()
@format_option("text", "json", "markdown")
@click.pass_context
def rules(ctx: click.Context, output_format: str) -> None:
    """List the validation rules with their default severity and fix.

    \b
    Examples:
      kbtool rules
      kbtool rules --format json
      kbtool rules --format markdown   # the tables in docs/rules.md
    """
    emit(ctx, api.rules(), output_format)
