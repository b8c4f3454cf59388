"""`kbtool serve`."""
from __future__ import annotations

import click

from kbtool import api
from kbtool.cli.app import cli, emit, root_of


@cli.command()
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port to listen on (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; anything but loopback exposes the knowledge base to the network.")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the default browser.")
@click.option("--poll", "poll_seconds", type=click.FloatRange(0.2, 3600), default=2.0, show_default=True, help="Seconds between checks for changed documents.")
@click.pass_context
def serve(ctx: click.Context, port: int, host: str, open_browser: bool, poll_seconds: float) -> None:
    """Serve the agent's search page and a JSON API on this machine.

    Search as you type, read documents, copy a fix into a ticket, flag a
    problem. Changed documents are indexed within a poll interval. The JSON
    API (docs/api.md) answers ticketing tools with what `kbtool search
    --json` prints; after `mkdocs build` the published site is at /site/.
    Ctrl-C stops it.

    \b
    Examples:
      kbtool serve --open
      kbtool serve --port 9000
      curl 'http://127.0.0.1:8765/api/search?q=vpn+keeps+dropping'
    """
    emit(ctx, api.serve(root_of(ctx), host=host, port=port, open_browser=open_browser, poll_seconds=poll_seconds))
