"""The site's search: Pagefind's index built by its command line over the built site, and what goes into it.

Pagefind's Python API answers each call after a 0.1 s sleep, far too slow
for thousands of pages, so the binary shipped in the `pagefind_bin` wheel
runs once over the finished site (`on_post_build`). Only document bodies are
indexed: each document page wraps its content in `data-pagefind-body`, and
Pagefind then skips every page without one (indexes, tags, health,
redirects).
"""
from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from kbtool.core.errors import KbError

# Well beyond the ~21 s measured for 10,000 pages: a hung indexer must not hang the build.
TIMEOUT_SECONDS = 900


@dataclass(frozen=True)
class SearchIndex:
    seconds: float
    files: int
    bytes: int
    output: str  # what Pagefind printed (pages and words indexed)


def wrap_for_search(html: str) -> str:
    """A document page's content marked as the part Pagefind indexes."""
    return f"<div data-pagefind-body>\n{html}\n</div>"


def pagefind_executable() -> str:
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise KbError(
            "Pagefind is not installed, so the site's search index cannot be built",
            hint="install kbtool's site extra (pip install 'kbtool[site]'), or set `search: lunr` for the kbtool plugin in mkdocs.yml",
        ) from None
    return str(get_executable())


def build_search_index(site_dir: Path, folders: list[str] | None = None) -> SearchIndex:
    """Run Pagefind over `site_dir` (only the pages under `folders` when given); its index goes to `site_dir/pagefind/`."""
    command = [pagefind_executable(), "--site", str(site_dir)]
    if folders:
        # Only document folders hold pages to index; reading the rest (tags, redirects) is wasted time.
        command += ["--glob", "{" + ",".join(folder.strip("/") for folder in folders) + "}/**/*.html"]
    started = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        raise KbError(f"Pagefind did not finish indexing {site_dir} within {TIMEOUT_SECONDS} s") from None
    except OSError as error:
        raise KbError(f"Pagefind could not be started: {error}") from None
    if done.returncode != 0:
        raise KbError(f"Pagefind failed to index {site_dir} (exit {done.returncode}): {(done.stderr or done.stdout).strip()[-2000:]}")
    seconds = time.perf_counter() - started
    files = size = 0
    for directory, _, names in os.walk(site_dir / "pagefind"):
        for name in names:
            files += 1
            size += os.path.getsize(os.path.join(directory, name))
    return SearchIndex(seconds, files, size, done.stdout)
