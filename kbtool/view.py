"""A document as a reader sees it: owner from the registry, review state, related documents' titles.

`kbtool show`, the site and the server all present documents through this
one view, so they agree on what a page says.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, Mapping
from urllib.parse import quote

from kbtool.core.config import Config
from kbtool.core.discovery import Heading, scan_headings
from kbtool.core.documents import Document
from kbtool.core.markdown import references
from kbtool.core.registries import load_owners
from kbtool.lifecycle.review import ReviewState, review_state


@dataclass
class DocumentView:
    document: Document
    owner_name: str
    owner_team: str
    review: ReviewState
    titles: dict[str, str]  # referenced or related id -> title
    related: list[str]  # the `related` ids, in order
    edit_url: str | None = None  # where to fix it (kbtool.yml `site: {edit_url_template}`)

    exit_code = 0

    def to_dict(self) -> dict[str, Any]:
        meta = {key: (value.isoformat() if isinstance(value, datetime.date) else value) for key, value in self.document.meta.items()}
        return {
            "id": self.document.id,
            "path": self.document.path,
            "type": self.document.doc_type,
            "meta": meta,
            "owner": {"id": meta.get("owner"), "name": self.owner_name, "team": self.owner_team},
            "review": {"state": self.review.state, "due": self.review.due.isoformat() if self.review.due else None, "days": self.review.days},
            "related": [{"id": ref, "title": self.titles.get(ref, "")} for ref in self.related],
            "body": self.document.body.strip("\n"),
            "edit_url": self.edit_url,
        }


def edit_url(config: Config, document: Document) -> str | None:
    """The configured edit address with the document's {path} and {id} filled in (never str.format: a template is untrusted)."""
    template = config.edit_url_template
    if not template:
        return None
    return template.replace("{path}", quote(document.path, safe="/")).replace("{id}", quote(document.id, safe=""))


def view(config: Config, document: Document, today: datetime.date | None = None, headings: Mapping[str, Heading] | None = None) -> DocumentView:
    """`headings`: an id lookup to use instead of scanning every file (a long-lived caller's index)."""
    owners = load_owners(config)
    owner = owners.get(str(document.meta.get("owner")))
    related_value = document.meta.get("related")
    related = [str(item).strip() for item in related_value if isinstance(item, str)] if isinstance(related_value, list) else []
    referenced = set(references(document.blocks)) | set(related)
    titles: dict[str, str] = {}
    if referenced:
        lookup = headings if headings is not None else scan_headings(config)
        titles = {ref: heading.title for ref in referenced if (heading := lookup.get(ref.upper()))}
    return DocumentView(
        document,
        owner.name if owner else str(document.meta.get("owner") or "?"),
        owner.team if owner else "",
        review_state(document, config, today),
        titles,
        related,
        edit_url(config, document),
    )
