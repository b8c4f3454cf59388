"""`kbtool search`."""
from __future__ import annotations

import click

from kbtool import api
from kbtool.cli.app import cli, emit, format_option, root_of
from kbtool.core.model import DOC_TYPES, STATUSES


@cli.command()
@click.argument("words", nargs=-1, required=True)
@click.option("--limit", type=click.IntRange(1, 100), default=5, show_default=True, help="How many results to show.")
@click.option("--type", "doc_types", multiple=True, type=click.Choice(DOC_TYPES), help="Only this document type.")
@click.option("--tag", "tags", multiple=True, help="Only documents with this tag (repeat: any of them).")
@click.option("--owner", "owners", multiple=True, help="Only documents owned by this owner id.")
@click.option("--status", "statuses", multiple=True, type=click.Choice(STATUSES), help="Statuses to include (default: published only).")
@format_option("text", "json")
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.pass_context
def search(ctx: click.Context, words: tuple[str, ...], limit: int, doc_types: tuple[str, ...], tags: tuple[str, ...], owners: tuple[str, ...], statuses: tuple[str, ...], output_format: str, as_json: bool) -> None:
    """Search the knowledge base, forgiving typos, jargon and fragments.

    Ids and error codes match exactly; "quoted words" must appear together;
    synonyms from meta/synonyms.yml apply. Only published documents are
    searched unless --status says otherwise. Exit 0 with results, 1 with none.

    \b
    Examples:
      kbtool search vpn keeps droping
      kbtool search 0x80070005
      kbtool search "recovery key" --type sop
      kbtool search printer --tag printing --json
    """
    results = api.search(
        root_of(ctx), " ".join(words), limit=limit, doc_types=doc_types, tags=tags, owners=owners, statuses=statuses or ("published",),
    )
    emit(ctx, results, "json" if as_json else output_format)
