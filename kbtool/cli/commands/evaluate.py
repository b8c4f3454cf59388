"""`kbtool evaluate`."""
from __future__ import annotations

import click

from kbtool import api
from kbtool.cli.app import cli, emit, format_option, root_of


@cli.command()
@click.argument("query_files", nargs=-1, type=click.Path(exists=True, dir_okay=False))
@click.option("--min-mrr", type=float, help="Exit 1 when MRR@10 is below this.")
@click.option("--min-recall", type=float, help="Exit 1 when recall@3 is below this.")
@format_option("text", "json")
@click.pass_context
def evaluate(ctx: click.Context, query_files: tuple[str, ...], min_mrr: float | None, min_recall: float | None, output_format: str) -> None:
    """Measure search relevance: MRR@10 and recall@3 over queries with known answers.

    QUERY_FILES are YAML lists of `- query: ...` / `expect: KB-0007`
    (default: the files in `relevance_dir` from kbtool.yml, tests/relevance/).

    \b
    Examples:
      kbtool evaluate
      kbtool evaluate my-queries.yml --min-mrr 0.85 --min-recall 0.9
    """
    report = api.evaluate(root_of(ctx), query_files, min_mrr=min_mrr, min_recall=min_recall)
    emit(ctx, report, output_format)
