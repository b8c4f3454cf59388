"""The `kbtool` command line: parse options, call the library, format the result.

Heavy modules (Whoosh, ruamel.yaml, GitPython) are imported inside the
commands that need them so that `kbtool search` starts quickly.
"""
from __future__ import annotations

import os
import sys
import traceback
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

import click

from kbtool.errors import KbError

FORMATS = click.Choice(["text", "json"])


class KbGroup(click.Group):
    """Turns library errors into one clean message and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KbError as error:
            click.echo(f"kbtool: {click.style('error', fg='red')}: {error}", err=True)
            sys.exit(error.exit_code)
        except KeyboardInterrupt:
            click.echo("kbtool: interrupted", err=True)
            sys.exit(130)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort, SystemExit):
            raise
        except Exception as error:  # noqa: BLE001 - last resort: no traceback for users
            log = Path(os.environ.get("TMPDIR", "/tmp")) / "kbtool-crash.log"
            try:
                log.write_text(traceback.format_exc(), encoding="utf-8")
                where = f"; details in {log}"
            except OSError:
                where = ""
            click.echo(f"kbtool: internal error: {type(error).__name__}: {error}{where}", err=True)
            sys.exit(3)


def load_config(ctx: click.Context):  # type: ignore[no-untyped-def]
    from kbtool.config import load_config as load

    root = ctx.find_root().params.get("root")
    return load(Path(root) if root else None)


@contextmanager
def progress(total: int, label: str) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr when it is a terminal and the job is long; else nothing."""
    if total < 200 or not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
        yield bar.update


@click.group(cls=KbGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--root", type=click.Path(file_okay=False, exists=True), help="Knowledge base root (default: the nearest folder with kbtool.yml).")
@click.version_option(package_name="kbtool")
def cli(root: str | None) -> None:
    """kbtool: a docs-as-code knowledge base and SOPs for IT service desks.

    \b
    Examples:
      kbtool validate
      kbtool search "vpn keeps droping"
      kbtool show KB-0007
      kbtool new article --title "Printer offline" --owner marcus.reid --tag printing
    """


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(["text", "json", "github"]), default="text", show_default=True, help="text for people, json for programs, github for workflow annotations.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too, not only errors.")
@click.option("--jobs", type=click.IntRange(1, 64), help="Worker processes (default: one per CPU).")
@click.pass_context
def validate(ctx: click.Context, paths: tuple[str, ...], output_format: str, strict: bool, jobs: int | None) -> None:
    """Check documents against the content model.

    With PATHS, reports only on those files or folders (the whole knowledge
    base is still read, so duplicate ids and broken links are still found).
    Exit codes: 0 clean, 1 findings (errors, or warnings with --strict),
    2 usage or configuration error.

    \b
    Examples:
      kbtool validate
      kbtool validate kb/kb-0007-vpn-keeps-disconnecting.md
      kbtool validate --format github
    """
    from kbtool.documents import discover
    from kbtool.report import RENDERERS
    from kbtool.validate import validate as run

    config = load_config(ctx)
    with progress(len(discover(config)), "Validating") as update:
        report = run(paths, config=config, jobs=jobs, progress=update)
    if output_format == "text":
        output = RENDERERS["text"](report, lambda text, colour: click.style(text, fg=colour))
        if report.findings or sys.stdout.isatty():
            click.echo(output)
    else:
        click.echo(RENDERERS[output_format](report))
    ctx.exit(report.exit_code(strict))


@cli.command()
@click.argument("doc_type", metavar="article|sop", type=click.Choice(["article", "sop"]))
@click.option("--title", required=True, help="The document's title.")
@click.option("--owner", help="Owner id from the owners registry (default: the owner whose email matches git's user.email).")
@click.option("--tag", "tags", multiple=True, help="A tag from the vocabulary; repeat for more.")
@click.option("--kind", type=click.Choice(["troubleshooting", "howto", "guide"]), default="troubleshooting", show_default=True, help="Article structure (articles only).")
@click.option("--summary", help="One or two sentences: who it helps and what it fixes.")
@click.option("--audience", type=click.Choice(["agent", "customer"]), default="agent", show_default=True)
@click.option("--format", "output_format", type=FORMATS, default="text", show_default=True)
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
    import json

    from kbtool.scaffold import create, default_owner

    config = load_config(ctx)
    created = create(config, doc_type, title, owner or default_owner(config), list(tags), kind=kind, summary=summary, audience=audience)
    relative = created.path.relative_to(config.root).as_posix()
    if output_format == "json":
        click.echo(json.dumps({"id": created.id, "path": relative}))
    else:
        click.echo(f"created {created.id}: {relative}")


@cli.command()
@click.option("--write", is_flag=True, help="Write the schema file instead of printing it.")
@click.pass_context
def schema(ctx: click.Context, write: bool) -> None:
    """Print (or --write) the front-matter JSON Schema for editors.

    The schema lists the owners and tags from the registries, so editors
    autocomplete them; regenerate it whenever a registry changes.

    \b
    Examples:
      kbtool schema > /tmp/front-matter.schema.json
      kbtool schema --write
    """
    import json

    from kbtool.registries import load_registries
    from kbtool.schema import json_schema

    config = load_config(ctx)
    text = json.dumps(json_schema(load_registries(config)), indent=2) + "\n"
    if not write:
        click.echo(text, nl=False)
        return
    path = config.path(config.schema_file)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
    click.echo(f"wrote {config.schema_file}", err=True)


@cli.command()
@click.option("--format", "output_format", type=FORMATS, default="text", show_default=True)
def rules(output_format: str) -> None:
    """List the validation rules with their default severity and fix.

    \b
    Examples:
      kbtool rules
      kbtool rules --format json
    """
    import json

    from kbtool.rules import RULES

    if output_format == "json":
        click.echo(json.dumps([vars(rule) for rule in RULES.values()], indent=2))
        return
    for rule in RULES.values():
        click.echo(f"{rule.id:<26} {rule.severity:<8} {rule.summary}")


def main() -> None:
    cli(prog_name="kbtool")
