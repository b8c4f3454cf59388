"""Spelling suggestions from the index's own words, and the word list file they come from.

The indexer writes `vocabulary.json` (word -> number of documents it came
from) beside each generation; this module owns that format. Suggestions
are kept in a plain word list rather than in Whoosh: `spelling=True` fields
doubled the postings written and made Whoosh stat a file per posting.
"""
from __future__ import annotations

import json
from collections import OrderedDict
from pathlib import Path
from typing import Callable, Mapping

from kbtool.core.files import write_atomic

VOCABULARY = "vocabulary.json"
# Suggestions remembered per speller; a server asks about unbounded new words.
SUGGESTION_CACHE = 4096


def write_vocabulary(folder: Path, counts: Mapping[str, int]) -> None:
    write_atomic(folder / VOCABULARY, json.dumps(dict(counts)))


def read_vocabulary(folder: Path) -> dict[str, int]:
    """Word -> number of documents it was indexed from."""
    try:
        data = json.loads((folder / VOCABULARY).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


class Speller:
    """Suggests the most common indexed word within one edit (short words) or two (longer) of a word.

    `is_known(word)` says whether a word still occurs in the index: words
    only ever join the vocabulary between full builds, so a suggestion is
    checked before it is offered.
    """

    def __init__(self, folder: Path | None, is_known: Callable[[str], bool]) -> None:
        self._folder = folder
        self._is_known = is_known
        self._counts: dict[str, int] | None = None
        self._words: list[str] = []
        self._cache: OrderedDict[str, str | None] = OrderedDict()

    def suggest(self, word: str) -> str | None:
        if word in self._cache:
            self._cache.move_to_end(word)
            return self._cache[word]
        suggestion = self._closest(word)
        self._cache[word] = suggestion
        if len(self._cache) > SUGGESTION_CACHE:
            self._cache.popitem(last=False)
        return suggestion

    def _closest(self, word: str) -> str | None:
        if len(word) < 4 or any(ch.isdigit() for ch in word):
            return None
        if self._counts is None:
            self._counts = read_vocabulary(self._folder) if self._folder else {}
            self._words = sorted(self._counts)
        if not self._words:
            return None
        from whoosh.automata.fsa import find_all_matches
        from whoosh.automata.lev import levenshtein_automaton
        from whoosh.spelling import ListCorrector

        for distance in (1, 2) if len(word) > 5 else (1,):
            automaton = levenshtein_automaton(word, distance, prefix=1).to_dfa()
            candidates = [c for c in find_all_matches(automaton, ListCorrector.Skipper(self._words)) if c != word and self._is_known(c)]
            if candidates:
                counts = self._counts
                return max(candidates, key=lambda candidate: (counts.get(candidate, 0), candidate))
        return None
