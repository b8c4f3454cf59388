"""`kbtool changes`."""
from __future__ import annotations

import datetime

import click

from kbtool import api
from kbtool.cli.app import cli, emit, format_option, root_of


@cli.command()
@click.option("--base", required=True, metavar="REF", help="The branch the change goes into, e.g. origin/main; compared from where the change left it.")
@click.option("--head", metavar="REF", help="Compare this commit instead of the working tree (which includes uncommitted and untracked files).")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help="Check as on this date (YYYY-MM-DD), for reproducible runs.")
@format_option("text", "json", "github", "markdown")
@click.pass_context
def changes(ctx: click.Context, base: str, head: str | None, today: datetime.datetime | None, output_format: str) -> None:
    """Check a change against its base branch and summarise it for review.

    Lists the documents added, modified, renamed and deleted since the change
    left REF, validates them and every document linking to them, and
    enforces change control: an SOP whose body changed raises `version`
    (steps added, removed or reordered are MAJOR) and gets a change-log
    entry; ids never change or come back; deleted or archived documents
    leave no links. Exit codes: 0 passed, 1 problems, 2 usage error (a REF
    git cannot find). See docs/change-control.md.

    \b
    Examples:
      kbtool changes --base origin/main
      kbtool changes --base origin/main --format markdown >> "$GITHUB_STEP_SUMMARY"
      kbtool changes --base main --head my-branch --format json
    """
    emit(ctx, api.changes(root_of(ctx), base, head=head, today=today.date() if today else None), output_format)
