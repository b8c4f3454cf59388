"""`kbtool new`."""
from __future__ import annotations

import click

from kbtool import api
from kbtool.cli.app import cli, emit, format_option, root_of
from kbtool.core.model import ARTICLE_KINDS, AUDIENCES, DOC_TYPES


@cli.command()
@click.argument("doc_type", metavar="article|sop", type=click.Choice(DOC_TYPES))
@click.option("--title", required=True, help="The document's title.")
@click.option("--owner", help="Owner id from the owners registry (default: the owner whose email matches git's user.email).")
@click.option("--tag", "tags", multiple=True, help="A tag from the vocabulary; repeat for more.")
@click.option("--kind", type=click.Choice(ARTICLE_KINDS), default=ARTICLE_KINDS[0], show_default=True, help="Article structure (articles only).")
@click.option("--summary", help="One or two sentences: who it helps and what it fixes.")
@click.option("--audience", type=click.Choice(AUDIENCES), default=AUDIENCES[0], show_default=True)
@format_option("text", "json")
@click.pass_context
def new(ctx: click.Context, doc_type: str, title: str, owner: str | None, tags: tuple[str, ...], kind: str, summary: str | None, audience: str, output_format: str) -> None:
    """Create an article or SOP from a template with the next free id.

    The new document is a draft that passes `kbtool validate`; fill in each
    section, then set `status: published`.

    \b
    Examples:
      kbtool new article --title "Printer shows offline" --owner marcus.reid --tag printing
      kbtool new article --kind howto --title "Map a network drive" --tag access
      kbtool new sop --title "Laptop refresh" --owner marcus.reid --tag laptop --tag hardware
    """
    created = api.new(root_of(ctx), doc_type, title, owner=owner, tags=tags, kind=kind, summary=summary, audience=audience)
    emit(ctx, created, output_format)
