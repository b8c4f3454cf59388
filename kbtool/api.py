"""kbtool's public API: one function per command, each returning plain data (dataclasses).

The command line, the MkDocs plugin and the server call only these, so they
behave alike. Every function takes the knowledge base as `root`: a loaded
`Config`, a folder, or None for the nearest folder holding `kbtool.yml`.

    from kbtool import api

    report = api.validate("/path/to/kb")
    results = api.search("/path/to/kb", "outlook keeps asking for password", limit=3)

Heavy modules (Whoosh, ruamel.yaml, GitPython) are imported inside the
functions that need them, so importing this module stays cheap.
"""
from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Mapping, Union

if TYPE_CHECKING:  # pragma: no cover - names for annotations only
    from kbtool.core.config import Config
    from kbtool.checks.validate import ValidationReport
    from kbtool.checks.json_schema import SchemaResult
    from kbtool.core.dates import Interval
    from kbtool.core.discovery import Heading
    from kbtool.core.findings import RuleCatalogue
    from kbtool.core.registries import Registries
    from kbtool.importers.report import ImportReport
    from kbtool.lifecycle.changes import ChangeReport
    from kbtool.lifecycle.review_owners import CodeownersResult
    from kbtool.lifecycle.create import NewDocument
    from kbtool.lifecycle.feedback import FeedbackReport, Flag
    from kbtool.lifecycle.freshness import FreshnessReport
    from kbtool.lifecycle.history import DocumentHistory
    from kbtool.lifecycle.reviewing import ReviewResult
    from kbtool.search.indexer import IndexResult
    from kbtool.search.relevance import Evaluation
    from kbtool.search.results import SearchResults
    from kbtool.search.searcher import Searcher
    from kbtool.search.searchlog import GapsReport
    from kbtool.server.app import KbServer
    from kbtool.server.run import ServeSummary


    from kbtool.site.build import SitePlan
    from kbtool.view import DocumentView

Root = Union["Config", str, Path, None]
# Longer queries are refused: scoring grows with the words, and no agent types a page.
MAX_QUERY = 1000
Progress = Callable[[int], None]


def config_of(root: Root) -> Config:
    """The configuration for `root` (a Config is returned as it is)."""
    from kbtool.core.config import Config, load_config

    if isinstance(root, Config):
        return root
    return load_config(Path(root) if root is not None else None)


def count_documents(root: Root = None) -> int:
    """How many document files the knowledge base holds (for progress bars)."""
    from kbtool.core.discovery import discover

    return len(discover(config_of(root)))


def validate(
    root: Root = None,
    paths: Iterable[str | Path] = (),
    *,
    strict: bool = False,
    today: datetime.date | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> ValidationReport:
    """Check documents against the content model; findings for `paths` only when given."""
    from kbtool.checks.validate import validate as run

    return run(config_of(root), paths, strict=strict, today=today, jobs=jobs, progress=progress)


def index(root: Root = None, *, full: bool = False, progress: Progress | None = None) -> IndexResult:
    """Build the search index, or bring it up to date incrementally."""
    from kbtool.search.indexer import update

    return update(config_of(root), full=full, progress=progress)


def refresh_index(root: Root = None) -> IndexResult | None:
    """Bring the index up to date when a document changed since it was written; None when it was current.

    The cheap check (one `stat` per document) a long-lived caller polls.
    """
    from kbtool.search.indexer import bring_up_to_date

    return bring_up_to_date(config_of(root))


def open_searcher(root: Root = None, *, refresh_index: bool = True) -> Searcher:
    """A searcher to reuse across many queries (a server, an integration); close it when done."""
    from kbtool.search.indexer import bring_up_to_date
    from kbtool.search.searcher import Searcher

    config = config_of(root)
    if refresh_index:
        bring_up_to_date(config)
    return Searcher(config)


def search(
    root: Root,
    query: str,
    *,
    limit: int = 5,
    doc_types: Iterable[str] = (),
    tags: Iterable[str] = (),
    owners: Iterable[str] = (),
    statuses: Iterable[str] = ("published",),
    refresh_index: bool = True,
    log: bool | None = None,
    searcher: Searcher | None = None,
) -> SearchResults:
    """One search, as `kbtool search` runs it.

    `refresh_index`: bring a stale index up to date first (the result's
    `index_update` says what was done). `log`: record the search in the
    search log; None follows `search.log` in kbtool.yml. `searcher`: an open
    searcher to reuse (see `open_searcher`); one is opened and closed
    otherwise.
    """
    from kbtool.core.errors import UsageError
    from kbtool.search.filters import checked_filters
    from kbtool.search.indexer import bring_up_to_date
    from kbtool.search.searcher import Searcher

    if len(query) > MAX_QUERY:
        raise UsageError(f"the query is {len(query):,} characters; the limit is {MAX_QUERY:,}", hint="search for the words that matter: an error code, the symptom, the product")
    config = config_of(root)
    tags, owners = tuple(tags), tuple(owners)
    registries = None
    if tags or owners:  # only a filter needs the owner and tag lists (and their YAML)
        from kbtool.core.registries import load_registries

        registries = load_registries(config)
    filters = checked_filters(doc_types, tags, owners, statuses, registries.tags if registries else (), registries.owners if registries else ())
    update = bring_up_to_date(config) if refresh_index else None
    options = dict(limit=limit, doc_types=filters.doc_types, tags=filters.tags, owners=filters.owners, statuses=filters.statuses)
    if searcher is None:
        with Searcher(config, one_off=True) as opened:
            results = opened.search(query, **options)  # type: ignore[arg-type]
    else:
        results = searcher.search(query, **options)  # type: ignore[arg-type]
    results.index_update = update
    if config.search_log if log is None else log:
        from kbtool.search.searchlog import record

        record(config, query, results.total, results.milliseconds, results.confidence, filtered=filters.narrows)
    return results


def show(root: Root, doc_id: str, *, today: datetime.date | None = None, searcher: Searcher | None = None) -> DocumentView:
    """One document with its owner, review state and related documents.

    `searcher`: an open searcher whose index finds ids without reading every
    file (not thread-safe: hold whatever lock guards its searches).
    """
    from kbtool.core.discovery import find_document
    from kbtool.view import view

    config = config_of(root)
    known = _ids_in_index(searcher)
    return view(config, find_document(config, doc_id, known), today, known)


def _ids_in_index(searcher: Searcher | None) -> Mapping[str, Heading] | None:
    """An id lookup in the searcher's index, for callers that hold one."""
    if searcher is None:
        return None
    from kbtool.search.lookup import IndexHeadings

    return IndexHeadings(searcher)


def flag(root: Root, doc_id: str, message: str, *, agent: str = "", searcher: Searcher | None = None) -> Flag:
    """Record a problem an agent found in a document (appended to the feedback file in the state folder).

    `searcher`: as for `show`, an open searcher whose index finds the id.
    """
    from kbtool.core.discovery import find_document
    from kbtool.lifecycle.feedback import record

    config = config_of(root)
    return record(config, find_document(config, doc_id, _ids_in_index(searcher)), message, agent)


def feedback(root: Root = None, *, include_closed: bool = False) -> FeedbackReport:
    """Flags raised on documents, by owner and document: open ones (the document has not changed since)."""
    from kbtool.lifecycle.feedback import report

    return report(config_of(root), include_closed=include_closed)


def gaps(root: Root = None, *, max_results: int = 2, since: datetime.date | None = None, limit: int = 20) -> GapsReport:
    """Frequent searches that found nothing or little, from the search log."""
    from kbtool.search.searchlog import gaps as find_gaps

    return find_gaps(config_of(root), max_results=max_results, since=since, limit=limit)


def evaluate(
    root: Root = None,
    query_files: Iterable[str | Path] = (),
    *,
    min_mrr: float | None = None,
    min_recall: float | None = None,
) -> Evaluation:
    """Search relevance (MRR@10, recall@3) over queries with known answers.

    Without `query_files`, the YAML files in the configured `relevance_dir`.
    """
    from kbtool.search.indexer import bring_up_to_date
    from kbtool.search.relevance import evaluate as run, load_queries

    config = config_of(root)
    paths = [Path(path) for path in query_files] or sorted(config.path(config.relevance_dir).glob("*.yml"))
    pairs = load_queries(paths)
    bring_up_to_date(config)
    return run(config, pairs, min_mrr=min_mrr, min_recall=min_recall)


def new(
    root: Root,
    doc_type: str,
    title: str,
    *,
    owner: str | None = None,
    tags: Iterable[str] = (),
    kind: str = "troubleshooting",
    summary: str | None = None,
    audience: str = "agent",
    today: datetime.date | None = None,
) -> NewDocument:
    """Create an article or SOP with the next free id; the owner defaults to the one matching git's user.email."""
    from kbtool.lifecycle.create import create, default_owner

    config = config_of(root)
    return create(config, doc_type, title, owner or default_owner(config), list(tags), kind=kind, summary=summary, audience=audience, today=today)


def open_server(
    root: Root = None, *, host: str = "127.0.0.1", port: int = 8765, poll_seconds: float = 2.0, announce: Callable[[str], None] | None = None,
) -> KbServer:
    """The agent's page and JSON API, bound and ready (port 0: any free port, see `.url`).

    Call `serve_forever()`, and `shutdown()` then `close()` to stop. The
    index is brought up to date first; a watcher polls the content folders
    every `poll_seconds`. `announce` receives one-line notices (standard
    error when None).
    """
    from kbtool.server.app import make_server

    return make_server(config_of(root), host, port, poll_seconds, announce)


def serve(
    root: Root = None, *, host: str = "127.0.0.1", port: int = 8765, open_browser: bool = False, poll_seconds: float = 2.0,
    announce: Callable[[str], None] | None = None,
) -> ServeSummary:
    """`kbtool serve`: serve the page and the API until interrupted; warns when `host` is not a loopback address."""
    from kbtool.server.run import run

    return run(config_of(root), host, port, open_browser, poll_seconds, announce)


def schema(root: Root = None, *, write: bool = False) -> SchemaResult:
    """The front-matter JSON Schema for editors; with `write`, saved to the configured schema file."""
    from kbtool.checks.json_schema import generate

    return generate(config_of(root), write=write)


def registries(root: Root = None) -> Registries:
    """The owners registry and the controlled tag vocabulary (what search filters accept)."""
    from kbtool.core.registries import load_registries

    return load_registries(config_of(root))


def rules() -> RuleCatalogue:
    """The validation rules: id, default severity, fix and the module that checks it."""
    from kbtool.core.findings import RULES, RuleCatalogue

    return RuleCatalogue(list(RULES.values()))


def freshness(
    root: Root = None,
    *,
    today: datetime.date | None = None,
    due_within: str | Interval | None = None,
    owners: Iterable[str] = (),
    fail_on: str | None = None,
) -> FreshnessReport:
    """Every document's review state (fresh, due soon, changed since review, overdue) by owner.

    `due_within`: the due-soon window such as "30d" (default `review_due_within`
    in kbtool.yml). `fail_on`: "due", "changed" or "overdue"; the result's
    exit code is 1 when a published document is in that state or a worse one.
    """
    from kbtool.lifecycle.freshness import freshness as report

    return report(config_of(root), today=today, due_within=due_within, owners=owners, fail_on=fail_on)


def review(
    root: Root,
    doc_ids: Iterable[str],
    *,
    date: datetime.date | None = None,
    reviewer: str | None = None,
    commit: bool = False,
    today: datetime.date | None = None,
) -> ReviewResult:
    """Record reviews: only each document's `reviewed` line changes (and its `reviewer`, when known).

    `reviewer` defaults to the owner whose email matches git's user.email.
    With `commit`, the changed files are committed, refusing when unrelated
    changes are staged.
    """
    from kbtool.lifecycle.reviewing import record_reviews

    return record_reviews(config_of(root), list(doc_ids), date=date, reviewer=reviewer, commit=commit, today=today)


def history(root: Root, doc_id: str, *, diff: int | None = None) -> DocumentHistory:
    """A document's versions from git (date, author, subject, SOP version), following renames.

    `diff`: the number of a version, to include what changed in it.
    """
    from kbtool.core.discovery import find_document
    from kbtool.lifecycle.history import document_history

    config = config_of(root)
    return document_history(config, find_document(config, doc_id), diff=diff)


def count_import_files(source_dir: str | Path) -> int:
    """How many Markdown files an import of `source_dir` reads (for progress bars)."""
    from kbtool.importers.sources import find_markdown

    return len(find_markdown(Path(source_dir))[0])


def import_collection(
    root: Root,
    source_dir: str | Path,
    *,
    profile: str = "auto",
    map_file: str | Path | None = None,
    owner: str | None = None,
    base_url: str | None = None,
    into: str | None = None,
    dry_run: bool = False,
    today: datetime.date | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import a collection of Markdown articles (DocFX, MkDocs or plain front matter) into a folder under kb/.

    Each file gets a fresh id (or keeps the one an earlier import gave it,
    matched by its path in the source) and its source path and original front
    matter in `source`; links, callouts, images and includes are converted.
    `profile`: "auto", "docfx", "mkdocs" or "generic". `map_file`: authors
    and tags to owners and tags (docs/importing.md). `owner`: the default
    owner. `base_url`: where the old site lived, for its site-root links.
    `into`: the folder under kb/ (default: the source folder's name).
    `dry_run`: plan and check only, write nothing. The source is never written.
    """
    from kbtool.importers.run import import_collection as run

    return run(
        config_of(root), Path(source_dir), profile=profile, map_file=Path(map_file) if map_file else None, owner=owner,
        base_url=base_url, into=into, dry_run=dry_run, today=today, progress=progress,
    )


def changes(root: Root, base: str, *, head: str | None = None, today: datetime.date | None = None) -> ChangeReport:
    """What a change does to the knowledge base, checked as change control (docs/change-control.md).

    Compares the documents where `head` (the working tree when None, with
    uncommitted and untracked files) left `base` (such as "origin/main")
    with `head`: added, modified, renamed and deleted documents, each with
    its owner, SOP version before and after, change-log entry and steps
    changed. Validates what changed and every document linking to it, and
    enforces SOP versions and change logs, stable and unreused ids, and no
    links left to deleted or archived documents. `UsageError` for a base or
    head git cannot find (saying how to fetch it in a shallow clone).
    """
    from kbtool.lifecycle.changes import changes as run

    return run(config_of(root), base, head=head, today=today)


def renamed_paths(root: Root = None) -> list[tuple[str, str]]:
    """(old path, path now) of every document renamed in git's history, for redirecting old addresses.

    Chains of renames end at the path in HEAD; empty outside a git repository.
    """
    from kbtool.core.githistory import renamed_paths as renames
    from kbtool.core.gitrepo import repo_info

    config = config_of(root)
    info = repo_info(config.root)
    return renames(info, [config.articles_dir, config.sops_dir]) if info.usable else []


def codeowners(root: Root = None, *, write: bool = True) -> CodeownersResult:
    """kbtool's section of .github/CODEOWNERS from every document's owner (`github` handles in meta/owners.yml).

    With `write`, the file is written atomically, keeping lines outside the
    section; the result lists documents whose owner has no handle.
    """
    from kbtool.lifecycle.review_owners import write_codeowners

    return write_codeowners(config_of(root), write=write)


def site(
    root: Root = None,
    *,
    search: str = "pagefind",
    navigation: str = "curated",
    drafts: bool = False,
    audience: str = "all",
    flag_url_template: str | None = None,
    today: datetime.date | None = None,
    use_directory_urls: bool = True,
    site_name: str = "Knowledge base",
    user_pages: Iterable[str] = (),
) -> SitePlan:
    """Every page the published site adds to a MkDocs build: documents, indexes, tags, health, redirects.

    `search`: "pagefind" or "lunr"; `navigation`: "curated" or "full";
    `drafts`: a preview with drafts shown under a banner; `audience`:
    "customer" for a site of customer documents only. `user_pages`: pages
    already in MkDocs' docs folder. See docs/site.md.
    """
    from kbtool.site.build import plan_site
    from kbtool.site.options import SiteOptions

    options = SiteOptions(search, navigation, drafts, audience, flag_url_template, today, use_directory_urls)
    return plan_site(config_of(root), options, site_name=site_name, user_pages=list(user_pages))
