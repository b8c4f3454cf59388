"""The `kbtool` command line: one module per command under `commands/`, one renderer per format under `output/`."""
from __future__ import annotations

import os

from kbtool.cli.app import cli

__all__ = ["cli", "main"]


def main() -> None:
    # Colours only on a terminal (click strips them otherwise), and never with NO_COLOR set.
    cli.main(prog_name="kbtool", color=False if os.environ.get("NO_COLOR") else None)
