"""Redirect pages: a stable address per id (`/KB-0007/`) and the old addresses of renamed documents.

A static site cannot answer a redirect status, so each old address gets a
small HTML page that sends the browser on (`<meta http-equiv="refresh">`)
and names the new page for anything that does not follow it. Targets are
relative, so the site works under any base path.
"""
from __future__ import annotations

from kbtool.site.catalogue import Catalogue, SiteDocument
from kbtool.site.markup import text
from kbtool.site.urls import between, page_url


def redirect_html(from_url: str, source: SiteDocument, directory_urls: bool) -> str:
    target = between(from_url, page_url(source.site_path, directory_urls))
    title = text(source.document.title or source.id)
    return (
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{title}</title>\n<meta name=\"robots\" content=\"noindex\">\n"
        f"<link rel=\"canonical\" href=\"{text(target)}\">\n<meta http-equiv=\"refresh\" content=\"0; url={text(target)}\">\n"
        f"</head>\n<body>\n<p>{text(source.id)} is at <a href=\"{text(target)}\">{title}</a>.</p>\n</body>\n</html>\n"
    )


def id_redirects(catalogue: Catalogue) -> dict[str, str]:
    """Site file -> HTML for `/<ID>/index.html` of every document with a page."""
    directory_urls = catalogue.options.use_directory_urls
    return {f"{source.id}/index.html": redirect_html(f"{source.id}/", source, directory_urls) for source in catalogue.documents.values()}


def moved_redirects(catalogue: Catalogue, old_paths: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """Site file -> HTML for each old document path (repository path -> id) whose id now has a page elsewhere.

    Returns the pages and the old paths skipped because a current page or
    another redirect already holds their address.
    """
    directory_urls = catalogue.options.use_directory_urls
    taken = {page_url(source.site_path, directory_urls) for source in catalogue.documents.values()}
    pages: dict[str, str] = {}
    skipped: list[str] = []
    for old_path, doc_id in sorted(old_paths.items()):
        source = catalogue.get(doc_id)
        if source is None or old_path == source.site_path:
            continue
        address = page_url(old_path, directory_urls)
        if address in taken:
            skipped.append(old_path)
            continue
        taken.add(address)
        file = address + "index.html" if address.endswith("/") else address
        pages[_unquote(file)] = redirect_html(address, source, directory_urls)
    return pages, skipped


def _unquote(address: str) -> str:
    from urllib.parse import unquote

    return unquote(address)
