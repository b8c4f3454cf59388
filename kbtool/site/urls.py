"""Where a generated file ends up in the built site, and relative addresses between pages.

MkDocs computes the same addresses from the same rule (`use_directory_urls`);
kbtool needs them before MkDocs has made its pages, for the raw HTML it
writes (fact headers, tag links, redirect pages).
"""
from __future__ import annotations

import posixpath
from urllib.parse import quote


def page_url(site_path: str, directory_urls: bool = True) -> str:
    """The address of the page made from `site_path`, relative to the site root: `kb/kb-0007-x/` or `kb/kb-0007-x.html`."""
    stem, _ = posixpath.splitext(site_path)
    folder, name = posixpath.split(stem)
    if name == "index":
        address = f"{folder}/" if folder else ""
    elif directory_urls:
        address = f"{stem}/"
    else:
        address = f"{stem}.html"
    return quote(address)


def relative_url(from_site_path: str, to_site_path: str, directory_urls: bool = True) -> str:
    """An href from the page of `from_site_path` to the page of `to_site_path`."""
    return between(page_url(from_site_path, directory_urls), page_url(to_site_path, directory_urls))


def between(from_url: str, to_url: str) -> str:
    """An href from the page at `from_url` to the address `to_url` (both relative to the site root)."""
    start = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    target_dir, target_name = (to_url, "") if to_url.endswith("/") or not to_url else posixpath.split(to_url)
    relative = posixpath.relpath(target_dir or ".", start.rstrip("/") or ".")
    if target_name:
        return target_name if relative == "." else f"{relative}/{target_name}"
    return "./" if relative == "." else f"{relative}/"


def markdown_link(from_site_path: str, to_site_path: str) -> str:
    """A Markdown link target from one source file to another (MkDocs resolves and checks it)."""
    start = from_site_path.split("/")[:-1]
    target = to_site_path.split("/")
    common = 0
    while common < len(start) and common < len(target) - 1 and start[common] == target[common]:
        common += 1
    return quote("/".join([".."] * (len(start) - common) + target[common:]))
