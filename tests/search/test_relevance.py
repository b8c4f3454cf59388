"""Search relevance on the starter knowledge base must not drop below what we reached.

Two query sets: `queries.yml` (106 queries written with the articles, used
for tuning) and `holdout.yml` (50 queries written from titles alone, never
used for tuning). Floors sit just under the measured figures (see
docs/search.md); the issue's targets are MRR@10 >= 0.85 and recall@3 >= 0.9.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kbtool.core.config import load_config
from kbtool.search.relevance import evaluate, load_queries
from kbtool.search.indexer import update

from conftest import REPO_ROOT

FLOORS = {
    "queries.yml": (0.96, 0.99),
    "holdout.yml": (0.88, 0.94),
}


@pytest.fixture(scope="module")
def indexed_starter(starter_kb: Path):  # type: ignore[no-untyped-def]
    config = load_config(starter_kb)
    update(config)
    return config


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_relevance_stays_at_the_level_reached(indexed_starter, name: str) -> None:  # type: ignore[no-untyped-def]
    report = evaluate(indexed_starter, load_queries([REPO_ROOT / "tests" / "relevance" / name]))
    min_mrr, min_recall = FLOORS[name]
    misses = [f"{j.query!r} -> {j.top} (want {j.expect})" for j in report.misses]
    assert report.mrr_at_10 >= min_mrr, (report.mrr_at_10, misses)
    assert report.recall_at_3 >= min_recall, (report.recall_at_3, misses)


def test_relevance_sets_are_large_and_name_real_documents(indexed_starter) -> None:  # type: ignore[no-untyped-def]
    from kbtool.core.discovery import scan_headings

    pairs = load_queries(sorted((REPO_ROOT / "tests" / "relevance").glob("*.yml")))
    known = scan_headings(indexed_starter)
    assert len(pairs) >= 60
    assert all(expect in known for _, expect in pairs)


@pytest.mark.parametrize(
    "query, wanted",
    [
        ("vpn keeps droping", {"KB-0007"}),  # the README's example: a typo, corrected, with its synonyms
        ("0x80070005", {"KB-0035"}),
        ("pw reset mfa new phone", {"KB-0004", "SOP-0003"}),
    ],
)
def test_the_examples_in_the_brief_and_readme_find_the_right_article_first(indexed_starter, query: str, wanted: set[str]) -> None:  # type: ignore[no-untyped-def]
    from kbtool import api

    assert api.search(indexed_starter, query, limit=1, refresh_index=False).hits[0].id in wanted
