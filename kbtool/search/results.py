"""What a search returns: plain data for the command line, the server and any other caller.

Kept apart from the searcher so that printing results never imports Whoosh.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


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
    documents: int = 0  # documents in the index, whatever their status
    # How far to trust the first hit: "exact" (an id or error code matched),
    # "strong", "weak" (it covers few of the query's words: closest documents
    # only) or "none" (no hits). See kbtool/search/confidence.py.
    confidence: str = "none"
    unfiltered_total: int = 0  # matching documents without the type, tag and owner filters
    filters: str = ""  # the filters applied, as command-line options ("" for the default)
    warnings: list[Any] = field(default_factory=list)  # findings: documents left out of the index
    index_update: Any = None  # the IndexResult when the search brought the index up to date first

    @property
    def exit_code(self) -> int:
        return 0 if self.hits else 1

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("index_update")
        data["warnings"] = [warning.to_dict() for warning in self.warnings]
        return data
