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
        except BrokenPipeError:
            # The reader went away (`kbtool search ... | head`): stop quietly.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(141)
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
def progress(count: Callable[[], int], label: str) -> Iterator[Callable[[int], None] | None]:
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
    with progress(lambda: len(discover(config)), "Validating") as update:
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


def _report_index(result) -> str:  # type: ignore[no-untyped-def]
    changes = result.changes
    if result.full:
        what = f"built a new index of {result.documents} document(s)"
    elif changes.count:
        what = f"updated the index: {len(changes.added)} added, {len(changes.changed)} changed, {len(changes.deleted)} deleted"
    else:
        what = "the index is up to date"
    skipped = f"; {len(result.skipped)} unreadable file(s) left out (run `kbtool validate`)" if result.skipped else ""
    return f"kbtool: {what} in {result.seconds:.2f} s{skipped}"


@cli.command()
@click.option("--full", is_flag=True, help="Rebuild from scratch (into a new folder, swapped in when complete).")
@click.option("--format", "output_format", type=FORMATS, default="text", show_default=True)
@click.pass_context
def index(ctx: click.Context, full: bool, output_format: str) -> None:
    """Build or update the search index in .kbtool/index.

    Incremental by default: only added, changed and deleted files are
    re-indexed (compared by content hash). Searching brings a stale index up
    to date by itself; run this in CI or after large changes.

    \b
    Examples:
      kbtool index
      kbtool index --full
    """
    import json
    from dataclasses import asdict

    from kbtool.documents import discover
    from kbtool.index import update

    config = load_config(ctx)
    with progress(lambda: len(discover(config)), "Indexing") as bar:
        result = update(config, full=full, progress=bar)
    if output_format == "json":
        click.echo(json.dumps(asdict(result), indent=2))
    else:
        click.echo(_report_index(result), err=True)


def _styled_snippet(snippet: str, highlights: list[tuple[int, int]]) -> str:
    parts, position = [], 0
    for start, end in highlights:
        parts.append(snippet[position:start])
        parts.append(click.style(snippet[start:end], bold=True, fg="yellow"))
        position = end
    parts.append(snippet[position:])
    return "".join(parts)


@cli.command()
@click.argument("words", nargs=-1, required=True)
@click.option("--limit", type=click.IntRange(1, 100), default=5, show_default=True, help="How many results to show.")
@click.option("--type", "doc_types", multiple=True, type=click.Choice(["article", "sop"]), help="Only this document type.")
@click.option("--tag", "tags", multiple=True, help="Only documents with this tag (repeat: any of them).")
@click.option("--owner", "owners", multiple=True, help="Only documents owned by this owner id.")
@click.option("--status", "statuses", multiple=True, type=click.Choice(["published", "draft", "archived"]), help="Statuses to include (default: published only).")
@click.option("--format", "output_format", type=FORMATS, default="text", show_default=True)
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
    import json

    from kbtool.index import ensure_fresh
    from kbtool.search import Searcher
    from kbtool.searchlog import record

    config = load_config(ctx)
    refreshed = ensure_fresh(config)
    if refreshed is not None and (refreshed.full or refreshed.changes.count):
        click.echo(_report_index(refreshed), err=True)
    text = " ".join(words)
    with Searcher(config) as searcher:
        results = searcher.search(text, limit=limit, doc_types=doc_types, tags=tags, owners=owners, statuses=statuses or ("published",))
    record(config, text, results.total, results.milliseconds)
    if as_json or output_format == "json":
        click.echo(json.dumps(results.to_dict(), indent=2, ensure_ascii=False))
    else:
        _print_results(results)
    ctx.exit(0 if results.hits else 1)


def _print_results(results) -> None:  # type: ignore[no-untyped-def]
    if results.did_you_mean and results.did_you_mean != results.query:
        click.echo(click.style("Did you mean: ", fg="cyan") + click.style(results.did_you_mean, bold=True) + "?")
    if not results.hits:
        click.echo(f"No published documents match {results.query!r}.")
        return
    for number, hit in enumerate(results.hits, start=1):
        status = "" if hit.status == "published" else click.style(f" [{hit.status}]", fg="red")
        click.echo(f"{number}. {click.style(hit.id, bold=True)}  {click.style(hit.title, bold=True)}{status}  ({hit.doc_type}, {hit.owner})")
        click.echo("   " + _styled_snippet(hit.snippet, hit.highlights))
    click.echo(click.style(f"{len(results.hits)} of {results.total} result(s) in {results.milliseconds:.0f} ms · kbtool show ID to read one", dim=True))


@cli.command()
@click.argument("doc_id", metavar="ID")
@click.option("--format", "output_format", type=FORMATS, default="text", show_default=True)
@click.pass_context
def show(ctx: click.Context, doc_id: str, output_format: str) -> None:
    """Print one article or SOP with its owner, version and review status.

    \b
    Examples:
      kbtool show KB-0007
      kbtool show sop-0003 --format json
    """
    import json

    from kbtool.documents import find_document
    from kbtool.render import prepare, render_terminal

    config = load_config(ctx)
    shown = prepare(config, find_document(config, doc_id))
    if output_format == "json":
        click.echo(json.dumps(shown.to_dict(), indent=2, ensure_ascii=False, default=str))
    else:
        click.echo(render_terminal(shown, click.style), nl=False)


@cli.command()
@click.option("--max-results", type=click.IntRange(0), default=2, show_default=True, help="A query that found this many documents or fewer (on average) is a gap.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Only searches on or after this date (YYYY-MM-DD).")
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True)
@click.option("--format", "output_format", type=FORMATS, default="text", show_default=True)
@click.pass_context
def gaps(ctx: click.Context, max_results: int, since, limit: int, output_format: str) -> None:  # type: ignore[no-untyped-def]
    """List frequent searches that found nothing or little: articles to write next.

    Needs the search log, switched on with `search: {log: true}` in kbtool.yml.

    \b
    Examples:
      kbtool gaps
      kbtool gaps --since 2026-11-01 --max-results 0
    """
    import json
    from dataclasses import asdict

    from kbtool.searchlog import gaps as find_gaps

    config = load_config(ctx)
    found = find_gaps(config, max_results=max_results, since=since.date() if since else None, limit=limit)
    if output_format == "json":
        click.echo(json.dumps([asdict(gap) for gap in found], indent=2, ensure_ascii=False))
        return
    if not config.search_log:
        click.echo("kbtool: the search log is off; set `search: {log: true}` in kbtool.yml to collect searches", err=True)
    if not found:
        click.echo("No content gaps: every logged search found something.")
        return
    click.echo(f"{'searches':>8}  {'avg results':>11}  query")
    for gap in found:
        click.echo(f"{gap.searches:>8}  {gap.average_results:>11}  {gap.query}")


@cli.command()
@click.argument("query_files", nargs=-1, type=click.Path(exists=True, dir_okay=False))
@click.option("--min-mrr", type=float, help="Exit 1 when MRR@10 is below this.")
@click.option("--min-recall", type=float, help="Exit 1 when recall@3 is below this.")
@click.option("--format", "output_format", type=FORMATS, default="text", show_default=True)
@click.pass_context
def evaluate(ctx: click.Context, query_files: tuple[str, ...], min_mrr: float | None, min_recall: float | None, output_format: str) -> None:
    """Measure search relevance: MRR@10 and recall@3 over queries with known answers.

    QUERY_FILES are YAML lists of `- query: ...` / `expect: KB-0007`
    (default: tests/relevance/*.yml).

    \b
    Examples:
      kbtool evaluate
      kbtool evaluate my-queries.yml --min-mrr 0.85 --min-recall 0.9
    """
    import json

    from kbtool.evaluate import evaluate as run, load_queries
    from kbtool.index import ensure_fresh

    config = load_config(ctx)
    paths = [Path(p) for p in query_files] or sorted((config.root / "tests" / "relevance").glob("*.yml"))
    pairs = load_queries(paths)
    ensure_fresh(config)
    report = run(config, pairs)
    if output_format == "json":
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        for miss in report.misses:
            rank = f"rank {miss.rank}" if miss.rank else "not in top 10"
            click.echo(f"miss: {miss.query!r} expected {miss.expect} ({rank}); top 3: {', '.join(miss.top) or 'nothing'}")
        click.echo(f"queries: {report.queries}  MRR@10: {report.mrr_at_10:.3f}  recall@3: {report.recall_at_3:.3f}")
    failed = (min_mrr is not None and report.mrr_at_10 < min_mrr) or (min_recall is not None and report.recall_at_3 < min_recall)
    ctx.exit(1 if failed else 0)


def main() -> None:
    # Colours only on a terminal (click strips them otherwise), and never with NO_COLOR set.
    cli.main(prog_name="kbtool", color=False if os.environ.get("NO_COLOR") else None)
