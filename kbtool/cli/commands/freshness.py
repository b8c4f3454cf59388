"""`kbtool freshness`."""
from __future__ import annotations

import datetime

import click

from kbtool import api
from kbtool.cli.app import cli, emit, format_option, root_of


@cli.command()
@click.option("--due-within", metavar="INTERVAL", help="Call a review due soon this long before it is due: 30d, 4w, 1m (default: review_due_within in kbtool.yml, 30d).")
@click.option("--owner", "owners", multiple=True, help="Only this owner's documents (an id from the owners registry); repeat for more.")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help="Report as on this date (YYYY-MM-DD), for reproducible reports.")
@click.option("--fail-on", type=click.Choice(["due", "changed", "overdue"]), help="Exit 1 when a published document is in this state or a worse one (due < changed < overdue < unknown).")
@format_option("text", "json", "github", "markdown")
@click.pass_context
def freshness(ctx: click.Context, due_within: str | None, owners: tuple[str, ...], today: datetime.datetime | None, fail_on: str | None, output_format: str) -> None:
    """Report every document's review state by owner: fresh, due soon, changed since review, overdue.

    "Changed since review": the content changed in git after the `reviewed`
    date (review bookkeeping such as the review itself does not count).
    Archived documents are skipped; drafts are listed apart and never fail.
    See docs/freshness.md.

    \b
    Examples:
      kbtool freshness
      kbtool freshness --owner lena.kowalski --due-within 60d
      kbtool freshness --fail-on overdue --format github
      kbtool freshness --format markdown > digest.md
    """
    report = api.freshness(root_of(ctx), today=today.date() if today else None, due_within=due_within, owners=owners, fail_on=fail_on)
    emit(ctx, report, output_format)
