"""Links between documents resolve: [[ID]] references, `related` entries and relative Markdown links."""
from __future__ import annotations

import difflib
import posixpath
from pathlib import Path
from urllib.parse import unquote

from kbtool.core.documents import Document
from kbtool.core.findings import Finding, make_finding
from kbtool.core.markdown import Link, links
from kbtool.core.model import normalise_id


class LinkIndex:
    """What links may point at: document ids and files in the repository."""

    def __init__(self, root: Path, documents: list[Document]) -> None:
        self.root = root
        self.by_id = {document.id: document for document in documents if document.id}
        self.by_path = {document.path: document for document in documents}

    def check(self, document: Document, body_links: list[Link] | None = None) -> list[Finding]:
        """Findings for `document`'s links (pass `body_links` when already extracted)."""
        if body_links is None:
            body_links = links(document.blocks)
        findings = [self._check_one(document, link) for link in body_links]
        related = document.meta.get("related")
        if isinstance(related, list):
            line = document.line_of("related")
            findings.extend(self._check_id(document, Link("id", item, line), "`related` entry") for item in related if isinstance(item, str))
        return [finding for finding in findings if finding is not None]

    def _check_one(self, document: Document, link: Link) -> Finding | None:
        if link.kind == "id":
            return self._check_id(document, link, "reference")
        return self._check_path(document, link)

    def _check_id(self, document: Document, link: Link, what: str) -> Finding | None:
        target = self.by_id.get(link.target.strip())
        if target is None:
            hint = self._suggestion(link.target.strip())
            return make_finding("broken-reference", document.path, link.line, f"{what} `{link.target}` names no document", hint)
        return self._archived(document, link, target)

    def _suggestion(self, written: str) -> str | None:
        """`kb-7` is KB-0007 misspelled: say so. A well-formed id that no document has (one deleted, or
        renumbered) is not a typo: its neighbour KB-0011 would be a wrong guess, so none is offered."""
        spelled = normalise_id(written)
        if spelled is not None:
            return f"write it [[{spelled}]]" if spelled in self.by_id else None
        close = difflib.get_close_matches(written.upper(), list(self.by_id), n=1)
        return f"did you mean [[{close[0]}]]?" if close else None

    def _check_path(self, document: Document, link: Link) -> Finding | None:
        joined = link_path(document.path, link.target)
        if joined is None:
            return None
        if joined.startswith("../") or joined == ".." or link.target.startswith("/") or not (self.root / joined).exists():
            return make_finding("broken-link", document.path, link.line, f"link `{link.target}` points to a file that does not exist ({joined})")
        linked = self.by_path.get(joined)
        return self._archived(document, link, linked) if linked else None

    def _archived(self, document: Document, link: Link, target: Document) -> Finding | None:
        if target.status == "archived" and document.status != "archived":
            return make_finding("link-to-archived", document.path, link.line, f"links to {target.id} `{target.title}`, which is archived")
        return None


def link_path(source: str, target: str) -> str | None:
    """The root-relative path a relative link in the document at `source` points to; None for a link to the page itself."""
    target = unquote(target.split("#", 1)[0].split("?", 1)[0])
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target)) if target else None
