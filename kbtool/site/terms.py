"""The words a page is found by beyond its own text: its keywords and the synonyms of words it uses.

Pagefind only returns pages holding every word of a query ("reset pw vpn"
finds nothing when the page says "password"), and lunr knows no synonyms, so
these words go into a hidden element of each page that both index. The
synonym groups are the ones `kbtool search` expands queries with.
"""
from __future__ import annotations

import re

from kbtool.core.documents import Document
from kbtool.search.analysis import TOKEN_PATTERN
from kbtool.search.synonyms import Synonyms

_TOKEN = re.compile(TOKEN_PATTERN)


class TermFinder:
    def __init__(self, synonyms: Synonyms) -> None:
        alternatives = synonyms.alternatives
        self.single = {phrase[0]: others for phrase, others in alternatives.items() if len(phrase) == 1}
        self.phrases: dict[str, list[tuple[tuple[str, ...], str, tuple[tuple[str, ...], ...]]]] = {}  # first word -> phrases
        for phrase, others in alternatives.items():
            if len(phrase) > 1:
                self.phrases.setdefault(phrase[0], []).append((phrase, " ".join(phrase), others))

    def terms(self, document: Document) -> tuple[str, str]:
        """(keywords, synonyms of its words not already among them), each space-separated, in a stable order.

        Set operations, not a walk over every word: this runs for every page of a 10,000-document site.
        """
        meta = document.meta
        keywords = [str(item) for item in meta.get("keywords") or () if isinstance(item, (str, int, float))]
        # The raw body, not its plain text: Markdown marks are not word characters, and
        # parsing every body again cost more than the matching.
        text = " ".join([document.title, str(meta.get("summary") or ""), *keywords, document.body])
        tokens = _TOKEN.findall(text.lower())  # as `analysis.words`, lower-casing the text once
        present = set(tokens)
        found: list[tuple[tuple[str, ...], ...]] = [self.single[word] for word in sorted(present & self.single.keys())]
        starts = present & self.phrases.keys()
        if starts:
            joined = f" {' '.join(tokens)} "
            for word in sorted(starts):
                found.extend(others for phrase, spaced, others in self.phrases[word] if present.issuperset(phrase) and f" {spaced} " in joined)
        extra: dict[str, None] = {}
        for others in found:
            for other in others:
                if len(other) > 1 or other[0] not in present:
                    extra.setdefault(" ".join(other), None)
        return " ".join(keywords), " ".join(extra)
