"""The public API: the command line and the library give the same answers."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kbtool import api
from kbtool.cli import cli
from kbtool.core.config import load_config
from kbtool.search.relevance import load_queries
from kbtool.search.searchlog import log_path

from conftest import REPO_ROOT, write

QUERIES = [query for query, _ in load_queries([REPO_ROOT / "tests/relevance/holdout.yml"])][:20]


@pytest.fixture(scope="module")
def starter(starter_kb: Path) -> Path:
    api.index(starter_kb)
    return starter_kb


@pytest.mark.parametrize("query", QUERIES)
def test_command_line_and_library_give_the_same_hits(starter: Path, query: str) -> None:
    result = CliRunner().invoke(cli, ["--root", str(starter), "search", *query.split(), "--json", "--limit", "5"])
    from_cli = [hit["id"] for hit in json.loads(result.stdout)["hits"]]
    from_library = [hit.id for hit in api.search(starter, query, limit=5, log=False).hits]
    assert from_cli == from_library and from_library


def test_refreshing_the_index_and_logging_are_explicit(kb: Path) -> None:
    write(kb, "kbtool.yml", "search:\n  log: true\n")
    with pytest.raises(Exception, match="no search index"):
        api.search(kb, "vpn", refresh_index=False)
    results = api.search(kb, "vpn", log=False)
    assert results.index_update is not None and results.index_update.full
    config = load_config(kb)
    assert not log_path(config).exists()
    api.search(kb, "vpn")  # follows `search.log` in kbtool.yml
    assert len(log_path(config).read_text().splitlines()) == 1
    assert api.search(kb, "vpn", log=False).index_update is None


def test_one_searcher_serves_many_searches(kb: Path) -> None:
    with api.open_searcher(kb) as searcher:
        first = api.search(kb, "passphrase", searcher=searcher, refresh_index=False)
        second = api.search(kb, "globalprotect", searcher=searcher, refresh_index=False)
    assert [hit.id for hit in first.hits] == ["KB-0001"] and [hit.id for hit in second.hits] == ["KB-0002"]


# `import` is a Python keyword, so its function is named for what it imports.
API_NAMES = {"import": "import_collection"}


def test_every_command_has_an_api_function() -> None:
    import click

    for command in cli.list_commands(click.Context(cli)):
        name = API_NAMES.get(command, command)
        assert callable(getattr(api, name, None)), f"`kbtool {command}` has no function in kbtool.api"


def test_renamed_paths_for_the_sites_redirects(kb: Path) -> None:
    from conftest import commit_on, git

    assert api.renamed_paths(kb) == []  # not a repository yet
    git(kb, "init", "-q", "-b", "main")
    commit_on(kb, "2026-11-01", "Knowledge base")
    git(kb, "mv", "kb/kb-0003-answering-a-call.md", "kb/kb-0003-taking-a-call.md")
    commit_on(kb, "2026-11-02", "Rename")
    assert api.renamed_paths(kb) == [("kb/kb-0003-answering-a-call.md", "kb/kb-0003-taking-a-call.md")]
