"""Which documents the site publishes, read once: published ones (drafts too in a preview), minus the unsafe.

Every other site module works from this catalogue, so a page, an index, the
health page and a redirect agree on what exists. A document that cannot be
read, or holds anything the safety checks report (unsafe HTML, control
characters, secrets, conflict markers), is left out with a problem that the
build reports as a warning: `mkdocs build --strict` then fails.
"""
from __future__ import annotations

import posixpath
from collections import Counter
from dataclasses import dataclass, field

from kbtool.checks.safety import check_safety
from kbtool.core.config import Config
from kbtool.core.discovery import discover
from kbtool.core.documents import Document, read_document
from kbtool.site.options import SiteOptions

DRAFT, PUBLISHED = "draft", "published"


@dataclass(frozen=True)
class SiteDocument:
    document: Document
    draft: bool  # shown only in a drafts preview, with a banner

    @property
    def id(self) -> str:
        return self.document.id

    @property
    def site_path(self) -> str:
        """Where its page comes from in the site: its path in the repository, so relative links keep working."""
        return self.document.path


@dataclass
class Catalogue:
    config: Config
    options: SiteOptions
    documents: dict[str, SiteDocument]  # id -> document with a page, in path order
    left_out: dict[str, str] = field(default_factory=dict)  # id -> why it has no page (draft, archived, agent-only, unsafe)
    problems: list[str] = field(default_factory=list)  # build warnings: file, line, rule, what
    assets: list[tuple[str, str]] = field(default_factory=list)  # (site path, absolute file) of images and attachments
    status_counts: Counter[tuple[str, str]] = field(default_factory=Counter)  # (type, status) -> readable documents, published or not

    def get(self, doc_id: str) -> SiteDocument | None:
        return self.documents.get(doc_id.strip().upper())

    def why_not(self, doc_id: str) -> str:
        """Why `doc_id` has no page: its state, or that no document has it."""
        return self.left_out.get(doc_id.strip().upper(), "no document has this id")


def load_catalogue(config: Config, options: SiteOptions) -> Catalogue:
    catalogue = Catalogue(config, options, {})
    for path, doc_type in discover(config):
        document, findings = read_document(config, path, doc_type)
        if document is None:
            catalogue.problems.extend(f"{f.path}:{f.line}: {f.rule}: {f.message} (left out of the site)" for f in findings)
            continue
        catalogue.status_counts[(document.doc_type, document.status or "unknown")] += 1
        doc_id = document.id.upper()
        if not doc_id:
            catalogue.problems.append(f"{document.path}:1: missing-field: no `id`, so it has no page (left out of the site)")
            continue
        reason = _left_out_because(document, options)
        if reason:
            catalogue.left_out.setdefault(doc_id, reason)
            continue
        unsafe = check_safety(document)
        if unsafe:
            catalogue.problems.extend(f"{f.path}:{f.line}: {f.rule}: {f.message} (left out of the site)" for f in unsafe)
            catalogue.left_out.setdefault(doc_id, "left out: it holds content that is unsafe to publish")
            continue
        if doc_id in catalogue.documents:
            first = catalogue.documents[doc_id].document.path
            catalogue.problems.append(f"{document.path}:{document.line_of('id')}: duplicate-id: {doc_id} is also {first}, which has the page")
            continue
        catalogue.documents[doc_id] = SiteDocument(document, document.status == DRAFT)
    catalogue.assets = _assets(config)
    return catalogue


def _left_out_because(document: Document, options: SiteOptions) -> str:
    status = document.status
    if status == DRAFT and not options.drafts:
        return "a draft (unpublished)"
    if status not in (DRAFT, PUBLISHED):
        return "archived" if status == "archived" else f"status `{status}` is not published"
    if options.customer and document.meta.get("audience") != "customer":
        return "for agents only (not on the customer site)"
    return ""


def _assets(config: Config) -> list[tuple[str, str]]:
    """Images and attachments beside the documents, published from where they are (never copied into the repository)."""
    import os

    found = []
    for folder in config.content_dirs().values():
        for directory, folders, files in os.walk(folder):
            folders[:] = [name for name in folders if not name.startswith(".")]
            for name in files:
                if name.startswith(".") or name.endswith(".md"):
                    continue
                absolute = os.path.join(directory, name)
                if os.path.islink(absolute) and not os.path.realpath(absolute).startswith(str(config.root.resolve()) + os.sep):
                    continue  # a link out of the repository is never published
                found.append((posixpath.normpath(config.relative(absolute)), absolute))
    return sorted(found)
