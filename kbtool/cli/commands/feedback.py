"""`kbtool feedback`."""
from __future__ import annotations

import click

from kbtool import api
from kbtool.cli.app import cli, emit, format_option, root_of


@cli.command()
@click.option("--all", "include_closed", is_flag=True, help="Also list flags closed by a later edit of their document.")
@format_option("text", "json")
@click.pass_context
def feedback(ctx: click.Context, include_closed: bool, output_format: str) -> None:
    """List problems agents flagged in documents, by owner and document.

    Agents flag problems from `kbtool serve`'s document view. A flag stays
    open until its document is edited; flags live in the state folder
    (.kbtool/feedback.jsonl), on this machine only.

    \b
    Examples:
      kbtool feedback
      kbtool feedback --all --format json
    """
    emit(ctx, api.feedback(root_of(ctx), include_closed=include_closed), output_format)
