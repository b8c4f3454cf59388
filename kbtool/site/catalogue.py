"""Which documents the site publishes, read once: published ones (drafts too in a preview), minus the unsafe.

Every other site module works from this catalogue, so a page, an index, the
health page and a redirect agree on what exists. A document that cannot be
read, or holds anything the safety checks report (unsafe HTML, control
characters, secrets, conflict markers), is left out with a problem that the
build reports as a warning: `mkdocs build --strict` then fails.
"""
from __future__ import annotations

import os
import posixpath
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from kbtool.checks.safety import check_safety
from kbtool.core.config import Config
from kbtool.core.discovery import discover
from kbtool.core.documents import Document, read_document
from kbtool.site.options import SiteOptions
from kbtool.site.searchindex import search_source
from kbtool.site.terms import TermFinder

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
    terms: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (keywords, synonyms) for the search index
    search_sources: dict[str, str] = field(default_factory=dict)  # id -> the HTML Pagefind indexes

    def get(self, doc_id: str) -> SiteDocument | None:
        return self.documents.get(doc_id.strip().upper())

    def why_not(self, doc_id: str) -> str:
        """Why `doc_id` has no page: its state, or that no document has it."""
        return self.left_out.get(doc_id.strip().upper(), "no document has this id")

    def missing_page(self, doc_id: str) -> str | None:
        """Why a link to `doc_id` leads nowhere, to report; None when it has a page, or is an agent page a customer site leaves out on purpose."""
        if self.get(doc_id) is not None:
            return None
        why = self.why_not(doc_id)
        return None if self.options.customer and why.startswith("for agents only") else why


# Below this many files, starting worker processes costs more than it saves (as for validate).
PARALLEL_THRESHOLD = 400


@dataclass
class _Loaded:
    """One file read and checked in a worker: what the catalogue needs, with the problems as text."""

    document: Document | None
    problems: list[str]
    left_out: str  # why it has no page ("" when it has one)
    terms: tuple[str, str]
    search_source: str = ""  # the HTML Pagefind indexes (with `search: pagefind`)


_worker: tuple[SiteOptions, TermFinder | None] | None = None
_worker_config: Config | None = None


def _start_worker(config: Config, options: SiteOptions, finder: TermFinder | None) -> None:
    global _worker, _worker_config
    _worker, _worker_config = (options, finder), config


def _load_one(item: tuple[Path, str]) -> _Loaded:
    assert _worker is not None and _worker_config is not None
    options, finder = _worker
    path, doc_type = item
    document, findings = read_document(_worker_config, path, doc_type)
    if document is None:
        return _Loaded(None, [f"{f.path}:{f.line}: {f.rule}: {f.message} (left out of the site)" for f in findings], "", ("", ""))
    reason = _left_out_because(document, options)
    if reason or not document.id:
        return _Loaded(document, [], reason, ("", ""))
    unsafe = check_safety(document)
    if unsafe:
        problems = [f"{f.path}:{f.line}: {f.rule}: {f.message} (left out of the site)" for f in unsafe]
        return _Loaded(document, problems, "left out: it holds content that is unsafe to publish", ("", ""))
    terms = finder.terms(document) if finder else ("", "")
    source = search_source(document, terms) if options.search == "pagefind" else ""
    document.__dict__.pop("blocks", None)  # parsed again where needed: cheaper than sending it back
    return _Loaded(document, [], "", terms, source)


def _load_all(config: Config, options: SiteOptions, finder: TermFinder | None, jobs: int | None) -> list[_Loaded]:
    files = discover(config)
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(files) < PARALLEL_THRESHOLD:
        _start_worker(config, options, finder)
        return [_load_one(item) for item in files]
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(config, options, finder)) as pool:
        return list(pool.map(_load_one, files, chunksize=max(16, len(files) // (jobs * 8))))


def load_catalogue(config: Config, options: SiteOptions, finder: TermFinder | None = None, jobs: int | None = None) -> Catalogue:
    """Every document that gets a page; with `finder`, the words each page is also found by (`Catalogue.terms`).

    Files are read and checked in worker processes when there are many.
    """
    catalogue = Catalogue(config, options, {})
    for loaded in _load_all(config, options, finder, jobs):
        catalogue.problems.extend(loaded.problems)
        document = loaded.document
        if document is None:
            continue
        catalogue.status_counts[(document.doc_type, document.status or "unknown")] += 1
        doc_id = document.id.upper()
        if not doc_id:
            catalogue.problems.append(f"{document.path}:1: missing-field: no `id`, so it has no page (left out of the site)")
            continue
        if loaded.left_out:
            catalogue.left_out.setdefault(doc_id, loaded.left_out)
            continue
        if doc_id in catalogue.documents:
            first = catalogue.documents[doc_id].document.path
            catalogue.problems.append(f"{document.path}:{document.line_of('id')}: duplicate-id: {doc_id} is also {first}, which has the page")
            continue
        catalogue.documents[doc_id] = SiteDocument(document, document.status == DRAFT)
        catalogue.terms[doc_id] = loaded.terms
        if loaded.search_source:
            catalogue.search_sources[doc_id] = loaded.search_source
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
