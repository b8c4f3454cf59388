"""`kbtool schema`."""
from __future__ import annotations

import click

from kbtool import api
from kbtool.cli.app import cli, emit, root_of


@cli.command()
@click.option("--write", is_flag=True, help="Write the schema file instead of printing it.")
@click.pass_context
def schema(ctx: click.Context, write: bool) -> None:
    """Print (or --write) the front-matter JSON Schema for editors.

    The schema lists the owners and tags from the registries, so editors
    autocomplete them; regenerate it whenever a registry changes.

    \b
    Examples:
      kbtool schema > /tmp/front-matter.schema.json
      kbtool schema --write
    """
    emit(ctx, api.schema(root_of(ctx), write=write))
