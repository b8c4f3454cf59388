"""The site's Pagefind index, built from kbtool's own reading of the documents while MkDocs renders the pages.

Pagefind's Python API answers each call after a 0.1 s sleep, far too slow
for thousands of pages, so the binary shipped in the `pagefind_bin` wheel
runs once. It does not read the pages MkDocs writes: it reads one small
HTML file per document made from the same blocks validate and search read
(`core/markdown.parse`): title, headings, text and the hidden search words,
at the document's address. So it can start as soon as the plan exists and
index on the second core while MkDocs renders on the first (at 10,000
documents each takes about half a minute), and it indexes the same text
whatever theme renders the pages.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from kbtool.core.documents import Document
from kbtool.core.errors import KbError
from kbtool.core.markdown import CODE, DIRECTIVE, HEADING, HTML, ITEM, RULE, TABLE
from kbtool.site.markup import text

# Well beyond the ~25 s measured for 10,000 pages: a hung indexer must not hang the build.
TIMEOUT_SECONDS = 900
OUTPUT = "pagefind"


@dataclass(frozen=True)
class SearchIndex:
    seconds: float
    files: int
    bytes: int
    output: str  # what Pagefind printed (pages and words indexed)


def search_source(document: Document, terms: tuple[str, str]) -> str:
    """The HTML Pagefind indexes for `document`: everything escaped, headings kept as headings (Pagefind weighs them)."""
    title = text(document.title or document.id)
    parts = [f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>\n<body><main data-pagefind-body>\n<h1>{title}</h1>']
    summary = document.meta.get("summary")
    if summary:
        parts.append(f"<p>{text(summary)}</p>")
    for words, weight in zip(terms, ("5", "0.5")):
        if words:
            parts.append(f'<div data-pagefind-weight="{weight}">{text(words)}</div>')
    for block in document.blocks:
        if block.kind in (HTML, DIRECTIVE, RULE):
            continue
        plain = block.plain()
        if not plain:
            continue
        if block.kind == HEADING:
            level = min(max(block.level, 2), 6)
            parts.append(f"<h{level}>{text(plain)}</h{level}>")
        elif block.kind == CODE:
            parts.append(f"<pre>{text(plain)}</pre>")
        elif block.kind == ITEM:
            parts.append(f"<li>{text(plain)}</li>")
        elif block.kind == TABLE:
            parts.extend(f"<p>{text(row)}</p>" for row in plain.split("\n"))
        else:
            parts.append(f"<p>{text(plain)}</p>")
    parts.append("</main></body></html>\n")
    return "\n".join(parts)


def pagefind_executable() -> str:
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise KbError(
            "Pagefind is not installed, so the site's search index cannot be built",
            hint="install kbtool's site extra (pip install 'kbtool[site]'), or set `search: lunr` for the kbtool plugin in mkdocs.yml",
        ) from None
    return str(get_executable())


@dataclass
class IndexRun:
    """Pagefind indexing the search sources in the background; `finish` waits and puts the index into the site."""

    folder: Path  # temporary: the sources and, after the run, the index
    process: subprocess.Popen[bytes] | None = None
    started: float = field(default_factory=time.perf_counter)
    ended: float | None = None  # when Pagefind exited (its own duration, not the wait for the pages)
    output: bytes = b""
    waiter: threading.Thread | None = None

    def watch(self) -> None:
        """Collect Pagefind's output and note when it ends, in a thread (its pipe must not fill up)."""
        assert self.process is not None
        process = self.process

        def wait() -> None:
            self.output = process.communicate()[0]
            self.ended = time.perf_counter()

        self.waiter = threading.Thread(target=wait, daemon=True)
        self.waiter.start()

    def finish(self, site_dir: Path) -> SearchIndex:
        assert self.process is not None and self.waiter is not None
        self.waiter.join(timeout=max(1.0, TIMEOUT_SECONDS - (time.perf_counter() - self.started)))
        if self.waiter.is_alive():
            self.cancel()
            raise KbError(f"Pagefind did not finish indexing within {TIMEOUT_SECONDS} s")
        try:
            message = self.output.decode("utf-8", "replace")
            if self.process.returncode != 0:
                raise KbError(f"Pagefind failed to index the site (exit {self.process.returncode}): {message.strip()[-2000:]}")
            target = site_dir / OUTPUT
            shutil.rmtree(target, ignore_errors=True)
            shutil.move(str(self.folder / OUTPUT), target)
            files = size = 0
            for directory, _, names in os.walk(target):
                for name in names:
                    files += 1
                    size += os.path.getsize(os.path.join(directory, name))
            return SearchIndex((self.ended or time.perf_counter()) - self.started, files, size, message)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def cancel(self) -> None:
        """Stop the run (a failed build) and remove its files."""
        if self.process is not None:
            if self.process.poll() is None:
                self.process.kill()
            if self.waiter is not None:
                self.waiter.join()  # it reaps the process and closes its pipe
            else:
                self.process.communicate()
        shutil.rmtree(self.folder, ignore_errors=True)


def start_index(sources: dict[str, str]) -> IndexRun:
    """Write the search sources (site file -> HTML) to a temporary folder and start Pagefind over them."""
    executable = pagefind_executable()
    run = IndexRun(Path(tempfile.mkdtemp(prefix="kbtool-search-")))
    site = run.folder / "pages"
    try:
        for relative, html in sources.items():
            path = site / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(html, encoding="utf-8")
        command = [executable, "--site", str(site), "--output-path", str(run.folder / OUTPUT)]
        run.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        run.watch()
    except OSError as error:
        run.cancel()
        raise KbError(f"the search index could not be started: {error}") from None
    return run
