"""Measuring search relevance against a set of queries with known answers.

A query file is a YAML list of `{query: ..., expect: KB-0007}` entries. The
report gives MRR@10 (mean of 1/rank of the expected document, 0 when it is
not in the top ten) and recall@3 (share of queries whose answer is in the
top three), the two figures the desk cares about on a live call.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kbtool.core.config import Config, read_yaml_file
from kbtool.core.errors import ConfigError

TOP = 10


@dataclass(frozen=True)
class Judgement:
    query: str
    expect: str
    rank: int | None  # 1-based rank of the expected document in the top ten
    top: list[str]


@dataclass
class Evaluation:
    queries: int
    mrr_at_10: float
    recall_at_3: float
    judgements: list[Judgement] = field(default_factory=list)
    min_mrr: float | None = None  # pass marks: below either, the evaluation fails
    min_recall: float | None = None

    @property
    def passed(self) -> bool:
        return not ((self.min_mrr is not None and self.mrr_at_10 < self.min_mrr) or (self.min_recall is not None and self.recall_at_3 < self.min_recall))

    @property
    def exit_code(self) -> int:
        return 0 if self.passed else 1

    @property
    def misses(self) -> list[Judgement]:
        """Queries whose answer is not in the top three."""
        return [j for j in self.judgements if j.rank is None or j.rank > 3]

    def to_dict(self) -> dict[str, Any]:
        return {
            "queries": self.queries,
            "mrr_at_10": self.mrr_at_10,
            "recall_at_3": self.recall_at_3,
            "passed": self.passed,
            "misses": [asdict(j) for j in self.misses],
        }


def load_queries(paths: list[Path]) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for path in paths:
        entries = read_yaml_file(path, "relevance queries")
        if not isinstance(entries, list):
            raise ConfigError(f"{path}: expected a list of `- query: ...` / `expect: ID` entries")
        for number, entry in enumerate(entries, start=1):
            if not isinstance(entry, dict) or not isinstance(entry.get("query"), str) or not isinstance(entry.get("expect"), str):
                raise ConfigError(f"{path}: entry {number} needs `query` and `expect` (a document id)")
            pairs.append((entry["query"], entry["expect"].strip().upper()))
    if not pairs:
        raise ConfigError("no relevance queries found", hint="give a YAML file of `- query: ...` / `expect: KB-0001` entries")
    return pairs


def evaluate(config: Config, pairs: list[tuple[str, str]], min_mrr: float | None = None, min_recall: float | None = None) -> Evaluation:
    from kbtool.search.searcher import Searcher

    judgements = []
    with Searcher(config) as searcher:
        for text, expect in pairs:
            top = [hit.id for hit in searcher.search(text, limit=TOP).hits]
            rank = top.index(expect) + 1 if expect in top else None
            judgements.append(Judgement(text, expect, rank, top[:3]))
    count = len(judgements)
    mrr = sum(1 / j.rank for j in judgements if j.rank) / count
    recall = sum(1 for j in judgements if j.rank and j.rank <= 3) / count
    return Evaluation(count, round(mrr, 4), round(recall, 4), judgements, min_mrr, min_recall)
