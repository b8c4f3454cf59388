"""`kbtool validate`."""
from __future__ import annotations

import click

from kbtool import api
from kbtool.cli.app import cli, emit, format_option, progress, root_of


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@format_option("text", "json", "github")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too, not only errors.")
@click.option("--jobs", type=click.IntRange(1, 64), help="Worker processes (default: one per CPU).")
@click.pass_context
def validate(ctx: click.Context, paths: tuple[str, ...], output_format: str, strict: bool, jobs: int | None) -> None:
    """Check documents against the content model.

    With PATHS, reports only on those files or folders (the whole knowledge
    base is still read, so duplicate ids and broken links are still found).
    Exit codes: 0 clean, 1 findings (errors, or warnings with --strict),
    2 usage or configuration error.

    \b
    Examples:
      kbtool validate
      kbtool validate kb/kb-0007-vpn-keeps-disconnecting.md
      kbtool validate --format github
    """
    config = api.config_of(root_of(ctx))
    with progress("Validating", lambda: api.count_documents(config)) as update:
        report = api.validate(config, paths, strict=strict, jobs=jobs, progress=update)
    emit(ctx, report, output_format)
