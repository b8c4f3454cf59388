"""`kbtool search`: ranked, typo-tolerant search with snippets, returned as data."""
from __future__ import annotations

import heapq
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from kbtool.config import Config
from kbtool.snippets import make_snippet, term_pattern
from kbtool.synonyms import Synonyms, load_synonyms

TEXT_FIELDS = ("about", "body")
# Fewer hits than this and the agent is shown a "did you mean".
FEW_RESULTS = 3


@dataclass
class Hit:
    id: str
    title: str
    path: str
    doc_type: str
    status: str
    owner: str
    tags: list[str]
    score: float
    summary: str
    snippet: str
    highlights: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class SearchResults:
    query: str
    hits: list[Hit]
    total: int  # matching documents (after filters)
    did_you_mean: str | None
    corrections: dict[str, str]
    milliseconds: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class Searcher:
    """An open index and synonym list, reused across queries (each costs milliseconds, not the setup)."""

    def __init__(self, config: Config, synonyms: Synonyms | None = None) -> None:
        from whoosh import scoring

        from kbtool.index import open_index
        from kbtool.scoring import TermAtATimeScorer

        self.config = config
        self.synonyms = synonyms if synonyms is not None else load_synonyms(config)
        self.index = open_index(config)
        self.searcher = self.index.searcher(weighting=scoring.BM25F())
        self._scorer = TermAtATimeScorer(self.searcher)
        self._vocabulary: dict[str, int] | None = None
        self._suggestions: dict[str, str | None] = {}
        self._filter_cache: dict[tuple[tuple[str, ...], ...], dict[str, Any]] = {}
        self._words: list[str] = []

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
        from kbtool import query as queries

        started = time.perf_counter()
        plan = queries.plan(text, self.synonyms)
        self._correct(plan)
        whoosh_query = queries.build(plan)
        hits: list[Hit] = []
        total = 0
        if whoosh_query is not None:
            scores = self._scorer.scores(whoosh_query)
            restriction = self._restriction(doc_types, tags, owners, statuses)
            if "mask" in restriction:
                hidden = restriction["mask"]
                matching = [(docnum, score) for docnum, score in scores.items() if docnum not in hidden]
            elif "filter" in restriction:
                allowed = restriction["filter"]
                matching = [(docnum, score) for docnum, score in scores.items() if docnum in allowed]
            else:
                matching = list(scores.items())
            total = len(matching)
            # Highest score first; equal scores in index order, as Whoosh sorts them.
            best = heapq.nlargest(max(1, limit), matching, key=lambda item: (item[1], -item[0]))
            pattern = term_pattern(plan.highlight_forms())
            hits = [self._hit(docnum, score, pattern) for docnum, score in best]
        corrections = {c.surface[0]: c.correction for c in plan.concepts if c.correction}
        did_you_mean = plan.corrected_text() if total < FEW_RESULTS or corrections else None
        if did_you_mean is None and total < FEW_RESULTS:
            did_you_mean = self._suggest_rarer_words(plan)
        return SearchResults(
            query=text,
            hits=hits[:limit],
            total=total,
            did_you_mean=did_you_mean,
            corrections=corrections,
            milliseconds=round((time.perf_counter() - started) * 1000, 2),
        )

    def _restriction(self, doc_types: tuple[str, ...], tags: tuple[str, ...], owners: tuple[str, ...], statuses: tuple[str, ...]) -> dict[str, Any]:
        """`filter=` or `mask=` document sets for Whoosh, computed once per combination.

        The usual case, published documents only, becomes a mask of the few
        drafts and archived documents rather than a set of nearly all.
        """
        from kbtool.query import STATUSES, filters

        key = (doc_types, tags, owners, statuses)
        if key not in self._filter_cache:
            if not (doc_types or tags or owners):
                shown = statuses or STATUSES  # no statuses given: no status restriction
                hidden = filters(statuses=tuple(status for status in STATUSES if status not in shown))
                self._filter_cache[key] = {"mask": set(hidden.docs(self.searcher))} if hidden else {}
            else:
                query = filters(doc_types, tags, owners, statuses)
                self._filter_cache[key] = {"filter": set(query.docs(self.searcher))} if query else {}
        return self._filter_cache[key]

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
        from kbtool.analysis import stem

        stemmed = stem(word)
        if stemmed is None:
            return True
        return any(self.searcher.doc_frequency(name, stemmed) for name in TEXT_FIELDS)

    def _suggest(self, word: str) -> str | None:
        """The most common indexed word within one edit (short words) or two (longer) of `word`.

        Remembered per searcher: the correction step and the "did you mean"
        fallback ask about the same words, and building the automata is the
        costly part.
        """
        if word not in self._suggestions:
            self._suggestions[word] = self._closest_word(word)
        return self._suggestions[word]

    def _closest_word(self, word: str) -> str | None:
        if len(word) < 4 or any(ch.isdigit() for ch in word):
            return None
        if self._vocabulary is None:
            from kbtool.index import current_generation, read_vocabulary

            folder = current_generation(self.config)
            self._vocabulary = read_vocabulary(folder) if folder else {}
            self._words = sorted(self._vocabulary)
        if not self._words:
            return None
        from whoosh.automata.fsa import find_all_matches
        from whoosh.automata.lev import levenshtein_automaton
        from whoosh.spelling import ListCorrector

        for distance in (1, 2) if len(word) > 5 else (1,):
            automaton = levenshtein_automaton(word, distance, prefix=1).to_dfa()
            candidates = [c for c in find_all_matches(automaton, ListCorrector.Skipper(self._words)) if c != word and self._known(c)]
            if candidates:
                return max(candidates, key=lambda candidate: (self._vocabulary.get(candidate, 0), candidate))
        return None

    def _correct(self, plan: Any) -> None:
        """Attach a correction (and the correction's synonyms) to each unknown word."""
        for concept in plan.concepts:
            if len(concept.surface) == 1 and not concept.alternatives and not self._known(concept.surface[0]):
                concept.correction = self._suggest(concept.surface[0])
                if concept.correction:
                    concept.alternatives = self.synonyms.match([concept.correction], 0)[1]

    def _suggest_rarer_words(self, plan: Any) -> str | None:
        """When little matched, offer corrections for every unknown word typed.

        This also covers words the correction step leaves alone: question
        words and words inside synonym phrases.
        """
        from kbtool.analysis import words

        changed = False
        output = []
        for word in words(plan.text):
            suggestion = self._suggest(word) if not self._known(word) else None
            output.append(suggestion or word)
            changed = changed or bool(suggestion)
        return " ".join(output) if changed else None


def search(text: str, config: Config, limit: int = 10, **filters: Any) -> SearchResults:
    """One search with a fresh index reader (use `Searcher` for many)."""
    with Searcher(config) as searcher:
        return searcher.search(text, limit=limit, **filters)
