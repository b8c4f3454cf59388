"""Term-at-a-time scores must equal Whoosh's own BM25F scores, clause by clause."""
from __future__ import annotations


import pytest
from whoosh import query as q

from kbtool.core.config import load_config
from kbtool.search.relevance import load_queries
from kbtool.search.indexer import open_index, update
from kbtool.search.query import build, plan
from kbtool.search.scoring import TermAtATimeScorer
from kbtool.search.searcher import Searcher

from conftest import REPO_ROOT, copy_starter_kb


def whoosh_scores(searcher, query: q.Query) -> dict[int, float]:  # type: ignore[no-untyped-def]
    return {docnum: score for score, docnum in searcher.search(query, limit=None).top_n}


def assert_same(left: dict[int, float], right: dict[int, float]) -> None:
    assert left.keys() == right.keys()
    for docnum, score in left.items():
        assert score == pytest.approx(right[docnum], rel=1e-9)


@pytest.fixture(scope="module")
def segmented_starter(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The starter knowledge base indexed, then edited: several segments and deleted documents."""
    from kbtool.search import indexer as index

    root = copy_starter_kb(tmp_path_factory.mktemp("segmented"))
    config = load_config(root)
    update(config, full=True)
    folding, index.SMALL_SEGMENT = index.SMALL_SEGMENT, 0  # keep every one-document segment
    try:
        for path in sorted((root / "kb").glob("*.md"))[:5]:
            path.write_text(path.read_text(encoding="utf-8") + "\nEdited again.\n", encoding="utf-8")
            update(config)
    finally:
        index.SMALL_SEGMENT = folding
    return config


def test_the_index_under_test_has_segments_with_deletions(segmented_starter) -> None:  # type: ignore[no-untyped-def]
    with open_index(segmented_starter).searcher() as searcher:
        readers = [leaf.reader() for leaf, _ in searcher.leaf_searchers()]
        assert len(readers) >= 2 and any(reader.has_deletions() for reader in readers)


def test_every_term_of_every_relevance_query_scores_as_whoosh(segmented_starter) -> None:  # type: ignore[no-untyped-def]
    pairs = load_queries(sorted((REPO_ROOT / "tests" / "relevance").glob("*.yml")))
    with Searcher(segmented_starter) as searcher:
        scorer = TermAtATimeScorer(searcher.searcher)
        terms = set()
        for text, _ in pairs:
            query = build(plan(text, searcher.synonyms))
            if query is not None:
                terms.update(leaf for leaf in query.leaves() if isinstance(leaf, q.Term))
        assert len(terms) > 300
        for term in terms:
            assert_same(scorer.scores(term), whoosh_scores(searcher.searcher, term))


@pytest.mark.parametrize(
    "query",
    [
        q.Or([q.Term("body", "vpn", boost=2.0), q.Term("about", "vpn", boost=0.5)]),
        q.And([q.Term("about", "vpn"), q.Term("body", "disconnect")]),
        q.AndMaybe(q.Phrase("body", ["recoveri", "key"]), q.Or([q.Term("body", "bitlock")])),
        q.Or([q.Term("codes", "0x80070005", boost=4.0), q.Term("body", "updat")]),
    ],
    ids=["boosted-or", "and", "phrase-and-maybe", "codes-field"],
)
def test_compound_queries_score_as_whoosh(segmented_starter, query: q.Query) -> None:  # type: ignore[no-untyped-def]
    with Searcher(segmented_starter) as searcher:
        assert_same(TermAtATimeScorer(searcher.searcher).scores(query), whoosh_scores(searcher.searcher, query))
