"""How text is cut into search terms: words, stems, codes. Shared by the indexer and the query planner.

The tokenizer expression is pinned (whoosh-reloaded changed its default to
one that keeps `*`, so Markdown `**Note**` would index as `**note**`).
"""
from __future__ import annotations

import re
from functools import lru_cache

from whoosh import analysis

TOKEN_PATTERN = r"\w+(?:\.?\w+)*"
_TOKEN = re.compile(TOKEN_PATTERN)
# Ids and error codes are searched as exact, whole tokens in their own field:
# KB-0007, SOP-0012, 0x80070005, AADSTS50076, 0xA00F4244, ERR_CONNECTION_RESET.
_CODE = re.compile(
    r"\b(?:(?:kb|sop)-\d{3,}|0x[0-9a-f]{4,}|[a-z]{2,}[_-]?\d{3,}[a-z0-9_]*|\d{3,}[a-z]+\d*|[a-z]+(?:_[a-z0-9]+){2,})\b",
    re.IGNORECASE,
)
_SPELLABLE = re.compile(r"[^\W\d_]{4,}")


@lru_cache(maxsize=None)
def text_analyzer() -> analysis.Analyzer:
    return analysis.StemmingAnalyzer(expression=TOKEN_PATTERN, cachesize=50_000)


def spelling_words(*texts: str) -> set[str]:
    """The distinct alphabetic words of four letters or more in `texts`, lower-cased.

    Spelling suggestions come from these words, kept in a plain word list
    beside the index rather than in Whoosh: `spelling=True` fields doubled
    the postings written and made Whoosh stat a file for every posting.
    """
    return {token for text in texts for token in _SPELLABLE.findall(text.lower())}


def words(text: str) -> list[str]:
    """Lower-case tokens as the tokenizer sees them (before stemming)."""
    return [token.lower() for token in _TOKEN.findall(text)]


@lru_cache(maxsize=20_000)
def stem(word: str) -> str | None:
    """The indexed form of one word; None for a stop word."""
    tokens = [token.text for token in text_analyzer()(word)]
    return tokens[0] if tokens else None


_WORDISH = re.compile(r"[\w-]+")


def codes_in(text: str) -> list[str]:
    """Ids and error codes in `text`, lower-cased, in order, without repeats."""
    seen: dict[str, None] = {}
    # Cheap pass first: only tokens holding a digit or an underscore can be codes.
    for candidate in _WORDISH.findall(text):
        if candidate.isalpha():
            continue
        for match in _CODE.finditer(candidate):
            token = match.group(0).lower()
            if any(ch.isdigit() for ch in token) or "_" in token:
                seen.setdefault(token, None)
    return list(seen)
