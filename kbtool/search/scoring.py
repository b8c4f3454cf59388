"""BM25F scores for kbtool's queries, computed term at a time.

Whoosh evaluates a query through a tree of matcher objects, one Python call
chain per matching document per clause: about ten microseconds a document,
which made long questions over 10,000 documents take 100 ms and more. The
queries kbtool builds are sums (`Or`) of boosted `Term`s, so they can be
scored by walking each term's posting blocks once and adding into a dict,
with the same BM25F formula and statistics Whoosh uses. Clauses of any other
kind (phrases, `And`) are still scored by Whoosh and added in.

This reads Whoosh's posting blocks and length columns directly: internals of
whoosh3 3.54.0, which is pinned exactly. `tests/test_scoring.py` checks the
scores agree with Whoosh's own on every relevance query, so an upgrade that
changes them fails loudly.
"""
from __future__ import annotations

from itertools import accumulate
from typing import Any

from whoosh import query as q
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

from kbtool.search.fields import POSITIONS_OF

_LENGTH_OF_BYTE = [byte_to_length(value) for value in range(256)]


class TermAtATimeScorer:
    """Scores queries against one open Whoosh searcher (reuse it across queries)."""

    def __init__(self, searcher: Any) -> None:
        self.searcher = searcher
        weighting = searcher.weighting
        self.B, self.K1 = weighting.B, weighting.K1
        self.leaves = [(leaf.reader(), offset) for leaf, offset in searcher.leaf_searchers()]
        self._lengths: dict[tuple[int, str], Any] = {}
        self._normalisers: dict[tuple[int, str, float, float], list[float]] = {}
        # An empty index has an EmptyReader, which keeps no deletion set.
        self._deleted = [getattr(reader, "deleted_docs_set", frozenset()) for reader, _ in self.leaves]

    def scores(self, query: q.Query) -> dict[int, float]:
        """Global document number -> score, for every document matching `query`."""
        totals: dict[int, float] = {}
        self.add(query, totals)
        return totals

    def add(self, query: q.Query, totals: dict[int, float], touched: set[int] | None = None) -> None:
        """Add `query`'s scores into `totals`; the documents it matched also go into `touched` when given."""
        self._add(query, totals, 1.0, touched)

    def _add(self, query: q.Query, totals: dict[int, float], boost: float, touched: set[int] | None) -> None:
        kind = type(query)
        if kind is q.Term:
            self._add_term(query.fieldname, query.text, boost * query.boost, totals, touched)
        elif kind is q.Or and not query.scale and not query.minmatch:
            for sub in query.subqueries:
                self._add(sub, totals, boost * query.boost, touched)
        elif kind is q.And and query.subqueries and all(type(sub) is q.Term for sub in query.subqueries):
            self._merge(self._all(query.subqueries, boost * query.boost), totals, touched)
        elif kind is q.Phrase and query.slop == 1 and len(query.words) > 1:
            self._merge(self._phrase(query, boost * query.boost), totals, touched)
        elif kind is q.AndMaybe:
            required = self.scores(query.a)
            optional = self.scores(query.b)
            self._merge({docnum: boost * (score + optional.get(docnum, 0.0)) for docnum, score in required.items()}, totals, touched)
        else:
            self._merge({docnum: boost * score for docnum, score in self._whoosh_scores(query).items()}, totals, touched)

    @staticmethod
    def _merge(scores: dict[int, float], totals: dict[int, float], touched: set[int] | None) -> None:
        get = totals.get
        for docnum, score in scores.items():
            totals[docnum] = get(docnum, 0.0) + score
        if touched is not None:
            touched.update(scores)

    def _all(self, terms: list[q.Term], boost: float) -> dict[int, float]:
        """An `And` of terms: documents holding every term score the sum of the terms' scores."""
        each = []
        for term in terms:
            scores: dict[int, float] = {}
            self._add_term(term.fieldname, term.text, boost * term.boost, scores, None)
            if not scores:
                return {}
            each.append(scores)
        each.sort(key=len)
        return {docnum: sum(scores[docnum] for scores in each) for docnum in set(each[0]).intersection(*each[1:])}

    def _phrase(self, query: q.Phrase, boost: float) -> dict[int, float]:
        """A phrase scores as Whoosh scores it: the sum of its terms' scores, where the terms stand side by side.

        Scores come from the phrase's field; positions from the field that
        holds them for it (`POSITIONS_OF`: the body's are in `phrases`), and
        are decoded only for documents that hold every term, which is what
        makes this several times cheaper than Whoosh's span matchers.
        """
        field = query.fieldname
        each = []
        for word in query.words:
            scores: dict[int, float] = {}
            self._add_term(field, word, boost, scores, None)
            if not scores:
                return {}
            each.append(scores)
        candidates = set(min(each, key=len)).intersection(*each)
        if not candidates:
            return {}
        where = POSITIONS_OF.get(field, field)
        if where not in self.searcher.schema:  # an index from before positions had a field of their own
            where = field
        positions = [self._positions(where, word, candidates) for word in query.words]
        found: dict[int, float] = {}
        for docnum in candidates:
            starts = set(positions[0].get(docnum, ()))
            for offset, places in enumerate(positions[1:], start=1):
                starts &= {position - offset for position in places.get(docnum, ())}
                if not starts:
                    break
            if starts:
                found[docnum] = sum(scores[docnum] for scores in each)
        return found

    def _positions(self, field: str, word: str, wanted: set[int]) -> dict[int, list[int]]:
        """Global document number -> positions of `word` in `field`, for the documents in `wanted` only."""
        schema_field = self.searcher.schema[field]
        term = schema_field.to_bytes(word)
        decode = schema_field.format.decode_positions
        found: dict[int, list[int]] = {}
        for index, (reader, offset) in enumerate(self.leaves):
            try:
                matcher = reader._terms.matcher(field, term, schema_field.format, scorer=None)
            except TermNotFound:
                continue
            deleted = self._deleted[index]
            for ids, values in _value_blocks(matcher):
                for docnum, value in zip(ids, values):
                    key = docnum + offset
                    if key in wanted and not (deleted and docnum in deleted):
                        found[key] = decode(value)
        return found

    def _whoosh_scores(self, query: q.Query) -> dict[int, float]:
        # Whoosh's collector was faster here than walking the matchers by hand.
        results = self.searcher.search(query, limit=None)
        return {docnum: score for score, docnum in results.top_n}

    def _add_term(self, field: str, text: str, boost: float, totals: dict[int, float], touched: set[int] | None) -> None:
        searcher = self.searcher
        schema_field = searcher.schema[field] if field in searcher.schema else None
        if schema_field is None:
            return
        try:
            term = schema_field.to_bytes(text)
        except ValueError:
            return
        if not schema_field.scorable:
            self._merge(self._whoosh_scores(q.Term(field, term.decode("utf-8"), boost=boost)), totals, touched)
            return
        idf = searcher.idf(field, term)
        average = searcher.avg_field_length(field) or 1
        k1, b = self.K1, self.B
        # bm25 = idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / average))
        numerator = idf * (k1 + 1) * boost
        get = totals.get
        for index, (reader, offset) in enumerate(self.leaves):
            try:
                matcher = reader._terms.matcher(field, term, schema_field.format, scorer=None)
            except TermNotFound:
                continue
            # k1 * (1 - b + b * length / average) for each document, worked out once per searcher
            norms = self._norms(index, reader, field, k1 * (1 - b), k1 * b / average)
            deleted = self._deleted[index]
            for ids, weights in _blocks(matcher):
                if deleted:
                    kept = [(docnum, tf) for docnum, tf in zip(ids, weights) if docnum not in deleted]
                    ids, weights = [docnum for docnum, _ in kept], [tf for _, tf in kept]
                if offset:
                    for docnum, tf in zip(ids, weights):
                        key = docnum + offset
                        totals[key] = get(key, 0.0) + numerator * tf / (tf + norms[docnum])
                    if touched is not None:
                        touched.update(docnum + offset for docnum in ids)
                else:
                    for docnum, tf in zip(ids, weights):
                        totals[docnum] = get(docnum, 0.0) + numerator * tf / (tf + norms[docnum])
                    if touched is not None:
                        touched.update(ids)

    def _norms(self, index: int, reader: Any, field: str, base: float, per_unit: float) -> list[float]:
        key = (index, field, base, per_unit)
        if key not in self._normalisers:
            self._normalisers[key] = [base + per_unit * length for length in self._field_lengths(index, reader, field)]
        return self._normalisers[key]

    def _field_lengths(self, index: int, reader: Any, field: str) -> list[int]:
        """Every document's length in `field` for one segment, decoded from its one-byte column at once."""
        key = (index, field)
        if key not in self._lengths:
            count = reader.doc_count_all()
            column = reader._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
            if column is None:
                lengths = [0] * count
            else:
                stored = column._count
                raw = column._dbfile.get(column._basepos, stored) if stored else b""
                lengths = [_LENGTH_OF_BYTE[byte] for byte in raw] + [_LENGTH_OF_BYTE[column._default]] * (count - stored)
            self._lengths[key] = lengths
        return self._lengths[key]


def _value_blocks(matcher: Any) -> Any:
    """(ids, encoded values) of each posting block of a whoosh3 leaf matcher."""
    for ids, _ in _blocks(matcher):
        matcher._read_values()
        yield ids, matcher._values


def _blocks(matcher: Any) -> Any:
    """(ids, weights) of each posting block of a whoosh3 leaf matcher.

    Decoded here rather than by the matcher's `_read_ids`, whose Python
    generator undoes the id deltas one posting at a time:
    `itertools.accumulate` does it in C, a third of the cost of a block.
    """
    while True:
        if matcher._data is None:
            matcher._read_data()
        ids, weights = matcher._data[0], matcher._data[1]
        if not matcher._byteids:
            ids = list(accumulate(ids))
        if weights is None or isinstance(weights, float):
            weights = [1.0 if weights is None else weights] * len(ids)
        yield ids, weights
        if matcher._lastblock:
            return
        matcher._goto(matcher._nextoffset)
