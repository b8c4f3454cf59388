"""The pages that lead to documents: home, a section per document type, tags, search; and the navigation.

Documents are reached from these pages, not from the navigation: Material
writes the whole navigation into every page, so a navigation holding every
document makes the site grow with the square of its size (1,000 documents:
438 MB against 26 MB; see docs/benchmarks.md). `navigation: full` is kept for
small sites and for measuring exactly that.
"""
from __future__ import annotations

from collections import defaultdict

from kbtool.site.catalogue import Catalogue, SiteDocument
from kbtool.site.markup import link, markdown_text, text
from kbtool.site.page import KIND_LABELS, tag_path
from kbtool.site.urls import markdown_link, relative_url

HOME, TAGS, HEALTH, SEARCH = "index.md", "tags/index.md", "health.md", "search.md"
KIND_ORDER = ("troubleshooting", "howto", "guide")
KIND_SECTIONS = {"troubleshooting": "Troubleshooting", "howto": "How-to", "guide": "Guides"}


def section_path(catalogue: Catalogue, doc_type: str) -> str:
    folder = catalogue.config.articles_dir if doc_type == "article" else catalogue.config.sops_dir
    return f"{folder}/index.md"


def _front(title: str, exclude_from_search: bool = True) -> str:
    lines = [f'title: "{text(title)}"']
    if exclude_from_search:
        lines.append("search:\n  exclude: true")  # lunr: only documents are results (Pagefind indexes only document bodies)
    return "---\n" + "\n".join(lines) + "\n---\n\n"


# A list of documents is HTML put in place of a marker after Markdown has run: a section of
# 8,000 entries through Python-Markdown's inline patterns cost seconds, and the addresses are
# computed here anyway. The headings stay Markdown, so they are in the page's table of contents.
Page = tuple[str, list[str]]  # (Markdown with markers, the HTML for each marker)


def marker(number: int) -> str:
    return f"<!-- kbtool-list-{number} -->"


def fill(html: str, parts: list[str]) -> str:
    """`html` rendered from a page's Markdown, with each marker replaced by its part."""
    for number, part in enumerate(parts):
        html = html.replace(marker(number), part, 1)
    return html


def _listing(here: str, sources: list[SiteDocument], directory_urls: bool) -> str:
    items = []
    for source in sources:
        document = source.document
        draft = " <em>(draft)</em>" if source.draft else ""
        href = relative_url(here, source.site_path, directory_urls)
        items.append(f'<li>{link(href, document.title or document.id)} <code>{text(document.id)}</code>{draft}<br>\n{text(document.meta.get("summary") or "")}</li>')
    return '<ul class="kb-list">\n' + "\n".join(items) + "\n</ul>"


def by_type(catalogue: Catalogue, doc_type: str) -> list[SiteDocument]:
    return [source for source in catalogue.documents.values() if source.document.doc_type == doc_type]


def section_page(catalogue: Catalogue, doc_type: str) -> Page:
    here = section_path(catalogue, doc_type)
    directory_urls = catalogue.options.use_directory_urls
    documents = sorted(by_type(catalogue, doc_type), key=lambda source: source.id)
    if doc_type == "sop":
        return _front("Standard operating procedures") + f"{len(documents)} procedures, by id.\n\n{marker(0)}\n", [_listing(here, documents, directory_urls)]
    groups: dict[str, list[SiteDocument]] = defaultdict(list)
    for source in documents:
        groups[str(source.document.meta.get("kind") or "other")].append(source)
    parts = [_front("Knowledge articles"), f"{len(documents)} articles, by kind and id.\n"]
    lists: list[str] = []
    for kind in [*KIND_ORDER, *sorted(set(groups) - set(KIND_ORDER))]:
        if groups.get(kind):
            parts.append(f"## {markdown_text(KIND_SECTIONS.get(kind, kind))}\n\n{marker(len(lists))}\n")
            lists.append(_listing(here, groups[kind], directory_urls))
    return "\n".join(parts), lists


def documents_by_tag(catalogue: Catalogue) -> dict[str, list[SiteDocument]]:
    tagged: dict[str, list[SiteDocument]] = defaultdict(list)
    for source in catalogue.documents.values():
        for tag in source.document.meta.get("tags") or ():
            if isinstance(tag, str):
                tagged[tag].append(source)
    return {tag: sorted(tagged[tag], key=lambda source: (source.document.doc_type != "sop", source.id)) for tag in sorted(tagged)}


def tag_pages(catalogue: Catalogue, descriptions: dict[str, str]) -> dict[str, Page]:
    """Site path -> page for the tag list and one page per tag in use."""
    tagged = documents_by_tag(catalogue)
    rows = "\n".join(
        f"<tr><td><a href=\"{text(tag)}/\">{text(tag)}</a></td><td>{text(descriptions.get(tag, ''))}</td><td>{len(sources)}</td></tr>"
        if catalogue.options.use_directory_urls else
        f"<tr><td><a href=\"{text(tag)}.html\">{text(tag)}</a></td><td>{text(descriptions.get(tag, ''))}</td><td>{len(sources)}</td></tr>"
        for tag, sources in tagged.items()
    )
    table = f"<table>\n<thead><tr><th>Tag</th><th>About</th><th>Documents</th></tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>"
    pages: dict[str, Page] = {TAGS: (_front("Tags") + marker(0) + "\n", [table])}
    for tag, sources in tagged.items():
        here = tag_path(tag)
        description = descriptions.get(tag, "")
        intro = f"{markdown_text(description)}\n\n" if description else ""
        pages[here] = (_front(f"Tag: {tag}") + intro + marker(0) + "\n", [_listing(here, sources, catalogue.options.use_directory_urls)])
    return pages


def home_page(catalogue: Catalogue, site_name: str) -> str:
    articles, sops = len(by_type(catalogue, "article")), len(by_type(catalogue, "sop"))
    parts = [_front("Home", exclude_from_search=True)]
    parts.append(f"# {markdown_text(site_name)}\n")
    if catalogue.options.search == "pagefind":
        parts.append(search_box("") + "\n")
    else:
        parts.append("Search with the box at the top of every page: words, error codes, ids such as KB-0007.\n")
    parts.append(f"- [Knowledge articles]({markdown_link(HOME, section_path(catalogue, 'article'))}): {articles}")
    parts.append(f"- [Standard operating procedures]({markdown_link(HOME, section_path(catalogue, 'sop'))}): {sops}")
    parts.append(f"- [Tags]({markdown_link(HOME, TAGS)})")
    if not catalogue.options.customer:
        parts.append(f"- [Knowledge health]({markdown_link(HOME, HEALTH)}): what is overdue for review, who owns it, what nothing links to")
    parts.append("\nEvery page has a stable address by its id: `/KB-0007/` or `/SOP-0003/` opens it wherever it moves.\n")
    return "\n".join(parts)


def search_box(root_href: str) -> str:
    """The search form kbtool's search script fills in (Pagefind); `root_href` leads from the page to the site root."""
    return (
        f'<div class="kb-search" data-site-root="{text(root_href or "./")}">\n'
        '<input type="search" class="kb-search-input" placeholder="Search: words, error codes, ids such as KB-0007" aria-label="Search the knowledge base" autocomplete="off">\n'
        '<p class="kb-search-status" aria-live="polite"></p>\n<ol class="kb-search-results"></ol>\n</div>'
    )


def search_page() -> str:
    return _front("Search") + search_box("../") + "\n"


def navigation(catalogue: Catalogue, extra_pages: list[str], full: bool) -> list[dict[str, object] | str]:
    """The `nav` for MkDocs: sections and tags (curated), or every document (full)."""
    options = catalogue.options
    nav: list[dict[str, object] | str] = [{"Home": HOME}]
    if full:
        nav.append({"Knowledge articles": [section_path(catalogue, "article")] + _kinds_nav(catalogue)})
        nav.append({"SOPs": [section_path(catalogue, "sop")] + [{text(source.document.title): source.site_path} for source in sorted(by_type(catalogue, "sop"), key=lambda s: s.id)]})
    else:
        nav.append({"Knowledge articles": section_path(catalogue, "article")})
        nav.append({"SOPs": section_path(catalogue, "sop")})
    nav.append({"Tags": TAGS})
    if not options.customer:
        nav.append({"Knowledge health": HEALTH})
    if options.search == "pagefind":
        nav.append({"Search": SEARCH})
    nav.extend(extra_pages)
    return nav


def _kinds_nav(catalogue: Catalogue) -> list[dict[str, object]]:
    groups: dict[str, list[SiteDocument]] = defaultdict(list)
    for source in sorted(by_type(catalogue, "article"), key=lambda s: s.id):
        groups[str(source.document.meta.get("kind") or "other")].append(source)
    return [{text(KIND_SECTIONS.get(kind, kind)): [{text(s.document.title): s.site_path} for s in groups[kind]]} for kind in sorted(groups, key=lambda k: (k not in KIND_ORDER, KIND_ORDER.index(k) if k in KIND_ORDER else 0, k))]


def count_kinds(catalogue: Catalogue) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for source in catalogue.documents.values():
        kind = "sop" if source.document.doc_type == "sop" else str(source.document.meta.get("kind") or "other")
        counts[KIND_LABELS.get(kind, kind)] += 1
    return dict(counts)
