"""The searcher: an open index, reused across queries, that follows the index as it changes.

A long-lived caller (the server, a site build, an integration) holds one
`Searcher`: `refresh()` reopens it when a newer generation or a newer commit
of the index exists, and every cache it keeps is bounded.
"""
from __future__ import annotations

import heapq
import math
import time
from collections import OrderedDict
from pathlib import Path
from typing import Any

from kbtool.core.config import Config
from kbtool.core.model import STATUSES
from kbtool.search import query as queries
from kbtool.search.analysis import stem, words
from kbtool.search.confidence import ScoreTable, confidence_of
from kbtool.search.filters import Filters, Restriction
from kbtool.search.generations import current_generation
from kbtool.search.results import Hit, SearchResults
from kbtool.search.snippets import make_snippet, term_pattern
from kbtool.search.spelling import Speller
from kbtool.search.staleness import read_left_out
from kbtool.search.synonyms import Synonyms, usable_synonyms

TEXT_FIELDS = ("about", "body")
# Fewer hits than this and the agent is shown a "did you mean".
FEW_RESULTS = 3
# Filter combinations remembered per searcher.
RESTRICTION_CACHE = 64


class Searcher:
    """An open index and synonym list; each query costs milliseconds, not the set-up."""

    def __init__(self, config: Config, synonyms: Synonyms | None = None, *, one_off: bool = False) -> None:
        """`one_off`: the searcher answers one query and closes (a command-line search): open the index cheaply."""
        self.config = config
        self._mapped = not one_off
        self._fixed_synonyms = synonyms
        self.synonyms, self._synonym_problem = (synonyms, None) if synonyms is not None else usable_synonyms(config)
        self.searcher: Any = None
        self._open()

    def _open(self) -> None:
        from whoosh import scoring
        from whoosh.index import EmptyIndexError

        from kbtool.search.indexer import open_index
        from kbtool.search.scoring import TermAtATimeScorer

        # A full rebuild can replace the generation between reading CURRENT and
        # opening it; the grace period makes that rare, and reading again fixes it.
        for attempt in range(3):
            self.generation: Path | None = current_generation(self.config)
            try:
                self.index = open_index(self.config, mapped=self._mapped)
                break
            except (EmptyIndexError, OSError):
                if attempt == 2:
                    raise
        self.searcher = self.index.searcher(weighting=scoring.BM25F())
        self._scorer = TermAtATimeScorer(self.searcher)
        self._speller = Speller(self.generation, self._known)
        self._restrictions: OrderedDict[Filters, Restriction] = OrderedDict()
        # Files the index could not read, as findings: every search reports them.
        self.left_out = read_left_out(self.generation) if self.generation else []

    def refresh(self) -> bool:
        """Reopen when the index changed (a new generation or a new commit); True when it did."""
        if current_generation(self.config) == self.generation and self.searcher.up_to_date():
            return False
        self.searcher.close()
        self._open()
        if self._fixed_synonyms is None:
            self.synonyms, self._synonym_problem = usable_synonyms(self.config)
        return True

    def close(self) -> None:
        self.searcher.close()

    def __enter__(self) -> "Searcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def search(
        self,
        text: str,
        limit: int = 10,
        doc_types: tuple[str, ...] = (),
        tags: tuple[str, ...] = (),
        owners: tuple[str, ...] = (),
        statuses: tuple[str, ...] = ("published",),
    ) -> SearchResults:
        """One search; a searcher whose generation was removed under it reopens the current one and tries again."""
        filters = Filters(tuple(doc_types), tuple(tags), tuple(owners), tuple(statuses))
        try:
            return self._search(text, limit, filters)
        except OSError:
            self.searcher.close()
            self._open()
            return self._search(text, limit, filters)

    def _search(self, text: str, limit: int, filters: Filters) -> SearchResults:
        started = time.perf_counter()
        plan = queries.plan(text, self.synonyms, self._is_id)
        plan = queries.corrected(plan, self._known, self._speller.suggest, self.synonyms)
        hits: list[Hit] = []
        total = unfiltered = 0
        confidence = "none"
        if self.searcher.doc_count_all():  # BM25's idf is undefined on no documents
            table = self._score(queries.parts(plan))
            restriction = self._restriction(filters)
            matching = restriction.admits(table.totals)
            total = len(matching)
            # What the type, tag and owner filters hid, counted among the statuses asked for.
            broad = Filters(statuses=filters.statuses)
            unfiltered = total if broad == filters else len(self._restriction(broad).admits(table.totals))
            pinned = [docnum for docnum in map(self._docnum_of, plan.ids) if docnum is not None and restriction.allows(docnum)]
            # Highest score first; equal scores in index order, as Whoosh sorts them.
            best = heapq.nlargest(max(1, limit), (item for item in matching if item[0] not in pinned), key=lambda item: (item[1], -item[0]))
            ordered = ([(docnum, table.totals.get(docnum, 0.0)) for docnum in pinned] + best)[:limit]
            pattern = term_pattern(plan.highlight_forms())
            hits = [self._hit(docnum, score, pattern) for docnum, score in ordered]
            if hits:
                confidence = confidence_of(plan, table, ordered[0][0], self._about(ordered[0][0]), self._rarity, pinned=bool(pinned))
        corrections = {c.surface[0]: c.correction for c in plan.concepts if c.correction}
        did_you_mean = plan.corrected_text() if total < FEW_RESULTS or corrections else None
        if did_you_mean is None and total < FEW_RESULTS:
            did_you_mean = self._suggest_rarer_words(plan)
        return SearchResults(
            query=text,
            hits=hits,
            total=total,
            did_you_mean=did_you_mean,
            corrections=corrections,
            milliseconds=round((time.perf_counter() - started) * 1000, 2),
            documents=self.searcher.doc_count(),
            confidence=confidence,
            unfiltered_total=unfiltered,
            filters=filters.describe(),
            warnings=list(self.left_out) + ([self._synonym_problem] if self._synonym_problem else []),
        )

    def _score(self, clauses: queries.QueryParts) -> ScoreTable:
        """Scores clause by clause into one table, remembering which documents matched each concept and code."""
        totals: dict[int, float] = {}
        concept_sets: list[set[int]] = []
        for clause in clauses.concepts:
            matched: set[int] = set()
            if clause is not None:
                self._scorer.add(clause, totals, matched)
            concept_sets.append(matched)
        coded: set[int] = set()
        for clause in clauses.codes:
            self._scorer.add(clause, totals, coded)
        if clauses.required:
            required = [self._scorer.scores(clause) for clause in clauses.required]
            both = set(required[0]).intersection(*required[1:])
            totals = {docnum: sum(scores[docnum] for scores in required) + totals.get(docnum, 0.0) for docnum in both}
        return ScoreTable(totals, concept_sets, coded)

    def _rarity(self, stems: set[str]) -> float:
        """Inverse document frequency of the rarest of `stems` in bodies; a word no document holds is rarest."""
        searcher = self.searcher
        unseen = math.log(max(2, searcher.doc_count_all())) + 1
        return max(searcher.idf("body", s) if searcher.doc_frequency("body", s) else unseen for s in stems)

    def _about(self, docnum: int) -> str:
        """What a document is about, as indexed: title, summary, keywords and tags."""
        stored = self.searcher.stored_fields(docnum)
        return "\n".join(str(stored.get(name, "")) for name in ("title", "summary", "keywords", "tags"))

    def _is_id(self, doc_id: str) -> bool:
        return self._docnum_of(doc_id) is not None

    def _docnum_of(self, doc_id: str) -> int | None:
        return self.searcher.document_number(id=doc_id)

    def _restriction(self, filters: Filters) -> Restriction:
        """The documents a filter admits, computed once per combination (and remembered, within a bound).

        The usual case, published documents only, becomes the few drafts and
        archived documents to hide rather than a set of nearly all.
        """
        if filters in self._restrictions:
            self._restrictions.move_to_end(filters)
            return self._restrictions[filters]
        if not (filters.doc_types or filters.tags or filters.owners):
            shown = filters.statuses or STATUSES
            hidden = queries.filters(statuses=tuple(status for status in STATUSES if status not in shown))
            restriction = Restriction(hidden=frozenset(hidden.docs(self.searcher))) if hidden else Restriction()
        else:
            query = queries.filters(filters.doc_types, filters.tags, filters.owners, filters.statuses)
            restriction = Restriction(allowed=frozenset(query.docs(self.searcher))) if query else Restriction()
        self._restrictions[filters] = restriction
        if len(self._restrictions) > RESTRICTION_CACHE:
            self._restrictions.popitem(last=False)
        return restriction

    def _hit(self, docnum: int, score: float, pattern: Any) -> Hit:
        stored = self.searcher.stored_fields(docnum)
        snippet = make_snippet(stored.get("body", ""), pattern)
        if not snippet.highlights:
            summary_snippet = make_snippet(stored.get("summary", ""), pattern)
            snippet = summary_snippet if summary_snippet.highlights else snippet
        return Hit(
            id=stored.get("id", ""),
            title=stored.get("title", ""),
            path=stored.get("path", ""),
            doc_type=stored.get("doc_type", ""),
            status=stored.get("status", ""),
            owner=stored.get("owner", ""),
            tags=[tag for tag in stored.get("tags", "").split(",") if tag],
            score=round(score, 4),
            summary=stored.get("summary", ""),
            snippet=snippet.text,
            highlights=snippet.highlights,
        )

    def _known(self, word: str) -> bool:
        stemmed = stem(word)
        if stemmed is None:
            return True
        return any(self.searcher.doc_frequency(name, stemmed) for name in TEXT_FIELDS)

    def _suggest_rarer_words(self, plan: queries.QueryPlan) -> str | None:
        """When little matched, offer corrections for every unknown word typed.

        This also covers words the correction step leaves alone: question
        words and words inside synonym phrases.
        """
        changed = False
        output = []
        for word in words(plan.text):
            suggestion = self._speller.suggest(word) if not self._known(word) else None
            output.append(suggestion or word)
            changed = changed or bool(suggestion)
        return " ".join(output) if changed else None
