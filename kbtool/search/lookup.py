"""Documents looked up by id in the open index, instead of reading the top of every file.

`kbtool show` scans the first few kilobytes of each file to find an id: half
a second at 10,000 documents. A long-lived caller already holds the index,
which stores each document's id, title, path and type; `find_document` reads
the file it names and falls back to the scan when the index is behind.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Mapping

from kbtool.core.discovery import Heading

if TYPE_CHECKING:  # pragma: no cover
    from kbtool.search.searcher import Searcher


class IndexHeadings(Mapping[str, Heading]):
    """Id -> heading, read from the index's stored fields on demand; an id two documents claim is not known here."""

    def __init__(self, searcher: Searcher) -> None:
        self._index = searcher.searcher
        self._root = searcher.config.root

    def __getitem__(self, doc_id: str) -> Heading:
        docnums = list(self._index.document_numbers(id=doc_id))
        if len(docnums) != 1:  # unknown, or claimed twice: the file scan decides (and names the files)
            raise KeyError(doc_id)
        stored = self._index.stored_fields(docnums[0])
        return Heading(stored.get("id", doc_id), stored.get("title", ""), self._root / stored.get("path", ""), stored.get("doc_type", "article"))

    def __iter__(self) -> Iterator[str]:
        return (term.decode("utf-8") if isinstance(term, bytes) else term for term in self._index.lexicon("id"))

    def __len__(self) -> int:
        return int(self._index.doc_count())
