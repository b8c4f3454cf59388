"""The command group: the root option, error handling and exit codes, and printing a result.

Every command is parse -> one `kbtool.api` call -> `emit`, which prints the
result's notices on standard error, renders it in the chosen format on
standard output and exits with the result's exit code. Errors are mapped to
exit codes here, and only here: a `KbError` is one clean message (1, or 2 for
usage and configuration errors), Ctrl-C is 130, a closed pipe ends quietly,
and anything unexpected is 3 with a pointer to a private crash log, never a
traceback.
"""
from __future__ import annotations

import importlib
import os
import shutil
import sys
import tempfile
import traceback
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Iterator

import click

from kbtool import __version__

from kbtool.cli.output import render
from kbtool.cli.output.notices import notices
from kbtool.core.sanitise import sanitised
from kbtool.cli.output.style import Style
from kbtool.core.errors import KbError
from kbtool.core.safety import neutralise, redact


# Every command and the module under `commands/` that defines it. A command's
# module is imported when that command runs (or `--help` lists them all), so
# `kbtool search` never pays for the other sixteen.
COMMAND_MODULES = {
    "changes": "changes", "codeowners": "codeowners", "evaluate": "evaluate", "feedback": "feedback",
    "freshness": "freshness", "gaps": "gaps", "history": "history", "import": "import_", "index": "index",
    "new": "new", "review": "review", "rules": "rules", "schema": "schema", "search": "search",
    "serve": "serve", "show": "show", "validate": "validate",
}


class KbGroup(click.Group):
    """Loads each command when it is asked for; turns library errors into one clean message and an exit code."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMAND_MODULES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMAND_MODULES and cmd_name not in self.commands:
            importlib.import_module(f"kbtool.cli.commands.{COMMAND_MODULES[cmd_name]}")  # its decorator registers it
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KbError as error:
            click.echo(f"kbtool: {click.style('error', fg='red')}: {neutralise(redact(str(error)))}", err=True)
            sys.exit(error.exit_code)
        except KeyboardInterrupt:
            click.echo("kbtool: interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:
            # The reader went away (`kbtool search ... | head`): stop quietly.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(141)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort, SystemExit):
            raise
        except Exception as error:  # noqa: BLE001 - last resort: no traceback for users
            where = _write_crash_log(traceback.format_exc())
            click.echo(f"kbtool: internal error: {type(error).__name__}: {neutralise(str(error))}{where}", err=True)
            sys.exit(3)


def _write_crash_log(text: str) -> str:
    """The traceback in a new private file (never a fixed name another user could plant a link at)."""
    try:
        handle, path = tempfile.mkstemp(prefix="kbtool-crash-", suffix=".log")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        return f"; details in {path}"
    except OSError:
        return ""


def root_of(ctx: click.Context) -> Path | None:
    root = ctx.find_root().params.get("root")
    return Path(root) if root else None


def style_for(stream: Any = None) -> Style:
    """Colours only on a terminal and never with NO_COLOR; wrapping to the terminal's width."""
    stream = stream or sys.stdout
    interactive = stream.isatty()
    colour = interactive and not os.environ.get("NO_COLOR")
    return Style(colour=colour, interactive=interactive, width=shutil.get_terminal_size((100, 24)).columns)


def emit(ctx: click.Context, result: Any, output_format: str = "text") -> None:
    """Print `result`'s notices (stderr) and its rendering (stdout), then exit with its exit code.

    Nothing a document or a query holds can act on a terminal or show a
    secret: secrets are masked everywhere and control characters made
    visible everywhere but in JSON (which escapes them). Output without our
    own colours is cleaned as finished text, in one pass; coloured output
    (a person at a terminal) is cleaned value by value before rendering, so
    that kbtool's own colour sequences survive.
    """
    exit_code = result.exit_code
    style = style_for()
    if output_format == "github":
        style = replace(style, paths_from=_seen_from_repository(root_of(ctx)))
    if style.colour:
        result = sanitised(result)
    for line in notices(result, style_for(sys.stderr)):
        click.echo(neutralise(redact(line)), err=True)
    text = render(result, output_format, style)
    if text and not style.colour:
        text = redact(text) if output_format == "json" else neutralise(redact(text))
    if text:
        click.echo(text)
    ctx.exit(exit_code)


def _seen_from_repository(root: Path | None) -> str:
    """The knowledge base's folder from the workspace GitHub checked out (or the current folder), "" when it is that folder."""
    from kbtool.core.config import find_root

    try:
        folder = (root or find_root()).resolve().relative_to(Path(os.environ.get("GITHUB_WORKSPACE") or os.getcwd()).resolve())
    except (ValueError, KbError):
        return ""
    return "" if folder == Path(".") else folder.as_posix() + "/"


def format_option(*formats: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option(
        "--format", "output_format", type=click.Choice(formats), default=formats[0], show_default=True,
        help=f"Output: {', '.join(formats)}.",
    )


@contextmanager
def progress(label: str, count: Callable[[], int]) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr when it is a terminal and the job is long; else nothing.

    `count` is only called on a terminal, so scripts do not pay for it.
    """
    if not sys.stderr.isatty() or (total := count()) < 200:
        yield None
        return
    with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
        yield bar.update


@click.group(cls=KbGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--root", type=click.Path(file_okay=False, exists=True), help="Knowledge base root (default: the nearest folder with kbtool.yml).")
@click.version_option(version=__version__, prog_name="kbtool")
def cli(root: str | None) -> None:
    """kbtool: a docs-as-code knowledge base and SOPs for IT service desks.

    \b
    Examples:
      kbtool validate
      kbtool search "vpn keeps droping"
      kbtool show KB-0007
      kbtool new article --title "Printer offline" --owner marcus.reid --tag printing
    """
