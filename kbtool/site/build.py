"""A site plan: every page, redirect and file kbtool adds to a MkDocs build, made from the knowledge base in one pass.

The MkDocs plugin only hands this plan to MkDocs (`kbtool/site/plugin.py`);
everything a page says is decided here, so another static-site generator
could publish the same plan.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kbtool.core.config import Config
from kbtool.core.discovery import Heading
from kbtool.site import assets
from kbtool.site.banners import banners_for
from kbtool.site.catalogue import Catalogue, load_catalogue
from kbtool.site.gate import checked_page
from kbtool.site.health import Flagged, HEALTH, Reviewed, SearchGap, health_page
from kbtool.site.indexes import HOME, SEARCH, fill, home_page, navigation, search_page, section_page, section_path, tag_pages
from kbtool.site.options import SiteOptions
from kbtool.site.page import document_page
from kbtool.site.moves import moved_paths
from kbtool.site.redirects import id_redirects, moved_redirects
from kbtool.site.urls import page_file
from kbtool.site.searchindex import IndexRun, SearchIndex, start_index
from kbtool.site.terms import TermFinder

ZERO_RESULT_SEARCHES = 10


@dataclass
class SitePlan:
    options: SiteOptions
    pages: dict[str, str]  # site path (.md) -> Markdown
    files: dict[str, str]  # site path -> text written as it is (redirect pages, stylesheet, script)
    assets: list[tuple[str, str]]  # (site path, absolute path) of images and attachments, published from where they are
    nav: list[dict[str, object] | str]
    problems: list[str]  # warnings: `mkdocs build --strict` fails on any
    headers: dict[str, str] = field(default_factory=dict)  # document page -> HTML put before its rendered body
    fills: dict[str, list[str]] = field(default_factory=dict)  # index page -> HTML put in place of its markers
    search_sources: dict[str, str] = field(default_factory=dict)  # site file -> the HTML Pagefind indexes for it
    extra_css: list[str] = field(default_factory=list)
    extra_javascript: list[str] = field(default_factory=list)

    exit_code = 0

    def finish_page(self, site_path: str, html: str) -> tuple[str, list[str]]:
        """A rendered page's content, with kbtool's header or lists put in, checked (raises KbError on anything that would run)."""
        header = self.headers.get(site_path)
        if header is None:
            parts = self.fills.get(site_path)
            return (fill(html, parts) if parts else html), []
        html, problems = checked_page(html, site_path)  # the header is kbtool's own, escaped
        return header + html, problems

    def start_search_index(self) -> IndexRun | None:
        """Start Pagefind on the documents, to run while the pages are rendered (None with lunr, which Material builds itself)."""
        if self.options.search != "pagefind":
            return None
        return start_index(self.search_sources)

    def finish_search_index(self, run: IndexRun, site_dir: str | Path) -> SearchIndex:
        """Wait for the index and put it into the built site."""
        return run.finish(Path(site_dir))


def plan_site(config: Config, options: SiteOptions, *, site_name: str = "Knowledge base", user_pages: list[str] = ()) -> SitePlan:
    """Every page of the site.

    `user_pages`: hand-written pages already in MkDocs' docs folder (kept, and
    listed in the navigation after kbtool's). Review states, and whether a
    document changed since its review, come from `kbtool freshness`'s
    reading; earlier paths of renamed documents from git history.
    """
    from kbtool.core.registries import load_tags
    from kbtool.view import view

    problems: list[str] = []
    catalogue = load_catalogue(config, options, _term_finder(config, problems))
    problems.extend(catalogue.problems)
    headings = {doc_id: Heading(doc_id, source.document.title, config.root / source.site_path, source.document.doc_type) for doc_id, source in catalogue.documents.items()}
    pages: dict[str, str] = {}
    headers: dict[str, str] = {}
    incoming: Counter[str] = Counter()
    reviews: list[Reviewed] = []
    states, changed_on = _freshness(config, options)
    for doc_id, source in catalogue.documents.items():
        seen = view(config, source.document, options.day, headings)
        changed = changed_on.get(doc_id)
        page = document_page(source, seen, catalogue, banners_for(source, seen, changed, options.customer), catalogue.terms[doc_id])
        pages[page.site_path] = page.content
        headers[page.site_path] = page.header
        problems.extend(page.problems)
        incoming.update(set(page.links_to) - {doc_id})
        if not source.draft:
            state = states.get(doc_id, seen.review.state)
            reviews.append(Reviewed(source, str(source.document.meta.get("owner") or ""), seen.owner_name + (f" ({seen.owner_team})" if seen.owner_team else ""), seen.owner_name, state, seen.review.due.isoformat() if seen.review.due else "", seen.review.days))
    fills: dict[str, list[str]] = {}
    for path, (markdown, parts) in [
        *((section_path(catalogue, doc_type), section_page(catalogue, doc_type)) for doc_type in ("article", "sop")),
        *tag_pages(catalogue, load_tags(config)).items(),
    ]:
        pages[path], fills[path] = markdown, parts
    if HOME not in user_pages:
        pages[HOME] = home_page(catalogue, site_name)
    if options.search == "pagefind":
        pages[SEARCH] = search_page()
    if not options.customer:
        pages[HEALTH] = health_page(catalogue, catalogue.status_counts, reviews, incoming, _zero_result_searches(config), _open_flags(config))
    clashes = sorted(set(pages) & set(user_pages) - set(headers))
    problems.extend(f"{path}: a page kbtool makes has the same name as a file in the docs folder; kbtool's is used" for path in clashes)
    files = id_redirects(catalogue)
    moved, skipped = moved_redirects(catalogue, moved_paths(config, {source.site_path: doc_id for doc_id, source in catalogue.documents.items()}))
    files.update(moved)
    problems.extend(f"{path}: the old address of a renamed document is taken by another page, so it is not redirected" for path in skipped)
    stylesheet, script = assets.files(options)
    files.update(stylesheet | script)
    extra = sorted(path for path in user_pages if path.endswith(".md") and path not in pages)
    nav = navigation(catalogue, extra, options.navigation == "full")
    sources = {page_file(catalogue.documents[doc_id].site_path, options.use_directory_urls): html for doc_id, html in catalogue.search_sources.items()}
    return SitePlan(options, pages, files, catalogue.assets, nav, problems, headers, fills, sources, sorted(stylesheet), sorted(script))


def _freshness(config: Config, options: SiteOptions) -> tuple[dict[str, str], dict[str, str]]:
    """(id -> state: fresh, due-soon, changed, overdue or unknown; id -> when its content changed after its review)."""
    from kbtool.lifecycle.freshness import freshness

    report = freshness(config, today=options.day)
    states: dict[str, str] = {}
    changed: dict[str, str] = {}
    for entry in report.documents + report.drafts:
        doc_id = entry.id.upper()
        states[doc_id] = entry.state
        verdict = entry.since_review
        if verdict.changed:
            changed[doc_id] = "in a change not yet committed" if verdict.uncommitted else (verdict.on.isoformat() if verdict.on else "recently")
    return states, changed


def _term_finder(config: Config, problems: list[str]) -> TermFinder:
    from kbtool.search.synonyms import usable_synonyms

    synonyms, problem = usable_synonyms(config)
    if problem is not None:
        problems.append(f"{problem.path}:{problem.line}: {problem.rule}: {problem.message} (the site uses the shipped synonyms alone)")
    return TermFinder(synonyms)


def _open_flags(config: Config) -> list[Flagged]:
    """Documents with open flags, most flagged first (the feedback file stays out of the site; only this summary is shown)."""
    from kbtool.lifecycle.feedback import report

    flagged = [
        Flagged(document.id, document.owner_name or document.owner, len(document.flags), document.flags[-1].message, document.flags[-1].time[:10])
        for document in report(config).documents
        if document.flags
    ]
    return sorted(flagged, key=lambda item: (-item.flags, item.id))


def _zero_result_searches(config: Config) -> list[SearchGap] | None:
    if not config.search_log:
        return None
    from kbtool.search.searchlog import gaps

    report = gaps(config, max_results=0, limit=100)
    return [SearchGap(gap.query, gap.searches) for gap in report.gaps if gap.average_results == 0][:ZERO_RESULT_SEARCHES]
