"""Term-at-a-time scores must equal Whoosh's own BM25F scores, clause by clause.

This is the test that keeps the exact `whoosh3` pin honest: `scoring.py`
reads Whoosh's posting blocks and length columns, so an upgrade that changes
them fails here. The index under test has several segments, deleted
documents, and terms whose postings span several blocks.
"""
from __future__ import annotations

import shutil

import pytest
from whoosh import query as q

from kbtool.core.config import load_config
from kbtool.search.relevance import load_queries
from kbtool.search.indexer import open_index, update
from kbtool.search.query import build, plan
from kbtool.search.analysis import stem
from kbtool.search.scoring import TermAtATimeScorer
from kbtool.search.searcher import Searcher

from conftest import REPO_ROOT


def whoosh_scores(searcher, query: q.Query) -> dict[int, float]:  # type: ignore[no-untyped-def]
    """Whoosh's own scores; a body phrase is asked of `phrases`, the body indexed with positions."""
    return {docnum: score for score, docnum in searcher.search(_with_positions(query), limit=None).top_n}


def _with_positions(query: q.Query) -> q.Query:
    from kbtool.search.fields import POSITIONS_OF

    if isinstance(query, q.Phrase):
        return q.Phrase(POSITIONS_OF[query.fieldname], query.words, slop=query.slop, boost=query.boost)
    if isinstance(query, q.AndMaybe):
        converted = q.AndMaybe(_with_positions(query.a), _with_positions(query.b))
        converted.boost = query.boost
        return converted
    if isinstance(query, q.compound.CompoundQuery):
        return type(query)([_with_positions(sub) for sub in query.subqueries], boost=query.boost)
    return query


def assert_same(left: dict[int, float], right: dict[int, float]) -> None:
    assert left.keys() == right.keys()
    for docnum, score in left.items():
        assert score == pytest.approx(right[docnum], rel=1e-9)


@pytest.fixture(scope="module")
def segmented_starter(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The starter knowledge base plus 400 generated documents, indexed, then edited.

    The result has several segments, deleted documents, and common terms with
    more than one posting block (Whoosh writes 128 postings a block).
    """
    from benchmarks.synthetic import generate
    from kbtool.search import indexer as index

    root = tmp_path_factory.mktemp("segmented")
    generate(load_config(REPO_ROOT), root, 400, seed=11)
    for name in ("kb", "sops"):
        shutil.copytree(REPO_ROOT / name, root / name, dirs_exist_ok=True)
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


def test_the_index_under_test_has_segments_deletions_and_multi_block_terms(segmented_starter) -> None:  # type: ignore[no-untyped-def]
    from kbtool.search.scoring import _blocks

    with open_index(segmented_starter).searcher() as searcher:
        readers = [leaf.reader() for leaf, _ in searcher.leaf_searchers()]
        assert len(readers) >= 2 and any(reader.has_deletions() for reader in readers)
        biggest = max(readers, key=lambda reader: reader.doc_count_all())
        field = searcher.schema["body"]
        matcher = biggest._terms.matcher("body", field.to_bytes(stem("password")), field.format, scorer=None)
        assert len(list(_blocks(matcher))) >= 2


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
        q.And([q.Term("about", "vpn"), q.Term("body", stem("disconnect"))]),
        q.AndMaybe(q.Phrase("body", [stem("recovery"), stem("key")]), q.Or([q.Term("body", stem("bitlocker"))])),
        q.Or([q.Term("codes", "0x80070005", boost=4.0), q.Term("body", "updat")]),
    ],
    ids=["boosted-or", "and", "phrase-and-maybe", "codes-field"],
)
def test_compound_queries_score_as_whoosh(segmented_starter, query: q.Query) -> None:  # type: ignore[no-untyped-def]
    with Searcher(segmented_starter) as searcher:
        expected = whoosh_scores(searcher.searcher, query)
        assert len(expected) >= 2, "the query must match documents, or the comparison proves nothing"
        assert_same(TermAtATimeScorer(searcher.searcher).scores(query), expected)


@pytest.mark.parametrize(
    "words",
    [("recovery", "key"), ("multi", "factor", "authentication"), ("windows", "update"), ("password", "reset"), ("keeps", "dropping"), ("zebra", "crossing")],
)
def test_phrases_score_as_whoosh_without_its_span_matchers(segmented_starter, words: tuple[str, ...]) -> None:
    stems = [s for s in map(stem, words) if s]
    for field in ("body", "about"):
        query = q.Phrase(field, stems, boost=0.7)
        with Searcher(segmented_starter) as searcher:
            assert_same(TermAtATimeScorer(searcher.searcher).scores(query), whoosh_scores(searcher.searcher, query))


def test_an_and_of_terms_scores_as_whoosh(segmented_starter) -> None:  # type: ignore[no-untyped-def]
    query = q.And([q.Term("about", stem("password"), boost=0.3), q.Term("about", stem("reset"), boost=0.3)], boost=2.0)
    with Searcher(segmented_starter) as searcher:
        expected = whoosh_scores(searcher.searcher, query)
        assert expected and len(expected) >= 2
        assert_same(TermAtATimeScorer(searcher.searcher).scores(query), expected)
