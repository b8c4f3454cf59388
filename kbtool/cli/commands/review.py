"""`kbtool review`."""
from __future__ import annotations

import datetime

import click

from kbtool import api
from kbtool.cli.app import cli, emit, format_option, root_of


@cli.command()
@click.argument("doc_ids", metavar="ID...", nargs=-1, required=True)
@click.option("--date", "review_date", type=click.DateTime(["%Y-%m-%d"]), help="The day of the review (YYYY-MM-DD; default today). Not in the future, not before `created`.")
@click.option("--reviewer", metavar="OWNER", help="Who reviewed, an id from the owners registry (default: the owner whose email is git's user.email).")
@click.option("--commit", is_flag=True, help="Commit the changed files with a message naming the reviews; refuses when unrelated changes are staged.")
@format_option("text", "json")
@click.pass_context
def review(ctx: click.Context, doc_ids: tuple[str, ...], review_date: datetime.datetime | None, reviewer: str | None, commit: bool, output_format: str) -> None:
    """Record that documents were re-read and found right: set their `reviewed` date.

    Only the `reviewed` line changes (and `reviewer`, when known); comments,
    quoting, key order, the body and line endings stay byte for byte.

    \b
    Examples:
      kbtool review KB-0007
      kbtool review KB-0007 SOP-0003 --reviewer lena.kowalski --commit
      kbtool review kb7 --date 2026-11-27
    """
    result = api.review(root_of(ctx), doc_ids, date=review_date.date() if review_date else None, reviewer=reviewer, commit=commit)
    emit(ctx, result, output_format)
