"""`kbtool import`."""
from __future__ import annotations

import click

from kbtool import api
from kbtool.cli.app import cli, emit, format_option, progress, root_of
from kbtool.importers.names import CHOICES as NAMES


@cli.command("import")
@click.argument("source_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--profile", type=click.Choice(NAMES), default="auto", show_default=True, help="The source's system (auto: guessed from its files).")
@click.option("--map", "map_file", type=click.Path(exists=True, dir_okay=False), help="YAML mapping authors to owners and source tags or folders to tags.")
@click.option("--owner", help="Owner id for files whose author is unknown or missing.")
@click.option("--base-url", help="The old site's address: its site-root links (/exchange/...) become links under it.")
@click.option("--into", help="Folder under kb/ to write into (default: the source folder's name).")
@click.option("--dry-run", is_flag=True, help="Print the plan and the problems it would have; write nothing.")
@format_option("text", "json")
@click.pass_context
def import_(ctx: click.Context, source_dir: str, profile: str, map_file: str | None, owner: str | None, base_url: str | None, into: str | None, dry_run: bool, output_format: str) -> None:
    """Import a collection of Markdown articles (DocFX, MkDocs, other front matter).

    Every file becomes an article under kb/<folder>/ with a fresh id, its
    source path and original front matter kept in `source`; running the same
    import again updates those articles instead of adding new ones. Files
    that cannot be imported, and everything converted or left to finish, are
    reported. The source folder is only read.

    \b
    Examples:
      kbtool import ../OfficeDocs-Support/support --profile docfx --owner marcus.reid --base-url https://learn.microsoft.com/en-us
      kbtool import ../documentation --profile mkdocs --map import-map.yml --dry-run
      kbtool import ../old-wiki --format json > import-report.json
    """
    config = api.config_of(root_of(ctx))
    with progress("Importing", lambda: api.count_import_files(source_dir)) as update:
        report = api.import_collection(config, source_dir, profile=profile, map_file=map_file, owner=owner, base_url=base_url, into=into, dry_run=dry_run, progress=update)
    emit(ctx, report, output_format)
