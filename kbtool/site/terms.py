"""The words a page is found by beyond its own text: its keywords and the synonyms of words it uses.

Pagefind only returns pages holding every word of a query ("reset pw vpn"
finds nothing when the page says "password"), and lunr knows no synonyms, so
these words go into a hidden element of each page that both index. The
synonym groups are the ones `kbtool search` expands queries with.
"""
from __future__ import annotations

from kbtool.core.documents import Document
from kbtool.core.markdown import plain_text
from kbtool.search.analysis import words
from kbtool.search.synonyms import MAX_PHRASE, Synonyms


class TermFinder:
    def __init__(self, synonyms: Synonyms) -> None:
        self.synonyms = synonyms
        self.starts = {phrase[0] for phrase in synonyms.alternatives}

    def terms(self, document: Document) -> tuple[str, str]:
        """(keywords, synonyms of its words not already among them), each space-separated, in a stable order."""
        meta = document.meta
        keywords = [str(item) for item in meta.get("keywords") or () if isinstance(item, (str, int, float))]
        text = " ".join([document.title, str(meta.get("summary") or ""), *keywords, plain_text(document.blocks)])
        tokens = words(text)
        present = set(tokens)
        extra: dict[str, None] = {}
        alternatives = self.synonyms.alternatives
        for index, token in enumerate(tokens):
            if token not in self.starts:
                continue
            for length in range(min(MAX_PHRASE, len(tokens) - index), 0, -1):
                others = alternatives.get(tuple(tokens[index : index + length]))
                if others:
                    for other in others:
                        if len(other) > 1 or other[0] not in present:
                            extra.setdefault(" ".join(other), None)
                    break
        return " ".join(keywords), " ".join(extra)
