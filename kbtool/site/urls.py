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


def page_file(site_path: str, directory_urls: bool = True) -> str:
    """The file MkDocs writes for `site_path`, relative to the site folder: `kb/kb-0007-x/index.html`."""
    from urllib.parse import unquote

    address = unquote(page_url(site_path, directory_urls))
    return address + "index.html" if address.endswith("/") or not address else address


def relative_url(from_site_path: str, to_site_path: str, directory_urls: bool = True) -> str:
    """An href from the page of `from_site_path` to the page of `to_site_path`."""
    return between(page_url(from_site_path, directory_urls), page_url(to_site_path, directory_urls))


def between(from_url: str, to_url: str) -> str:
    """An href from the page at `from_url` to the address `to_url` (both relative to the site root).

    Plain string work (no posixpath.relpath, which asks the file system for
    the current folder): a large site computes hundreds of thousands of these.
    """
    start = [part for part in from_url.split("/")[:-1] if part]  # the folder the page is served from
    target = to_url.split("/")
    folders, name = [part for part in target[:-1] if part], target[-1]
    common = 0
    while common < len(start) and common < len(folders) and start[common] == folders[common]:
        common += 1
    parts = [".."] * (len(start) - common) + folders[common:]
    if not parts:
        return name or "./"
    return "/".join(parts) + "/" + name


def markdown_link(from_site_path: str, to_site_path: str) -> str:
    """A Markdown link target from one source file to another (MkDocs resolves and checks it)."""
    start = from_site_path.split("/")[:-1]
    target = to_site_path.split("/")
    common = 0
    while common < len(start) and common < len(target) - 1 and start[common] == target[common]:
        common += 1
    return quote("/".join([".."] * (len(start) - common) + target[common:]))
