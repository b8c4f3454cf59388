"""The published site at scale: build time, site size, search index, and search in Chromium, for lunr and Pagefind.

    python benchmarks/site.py                          # starter, 1,000 and 10,000 documents
    python benchmarks/site.py --sizes starter 1000     # a quicker run
    python benchmarks/site.py relevance                # the starter relevance queries through Pagefind

Each configuration is a whole `mkdocs build` process over a knowledge base
(the starter one, or a seeded synthetic one under benchmarks/out/, with
sentences from ../shared/corpora/officedocs-support when present). The
built site is then served from localhost and opened in headless Chromium
(Debian's /usr/bin/chromium through Playwright), cold: the first query's
bytes and time to its first result, then later queries. Material's
automatic navigation (`navigation: full`) is measured up to 1,000 documents:
past that it grows with the square of the size.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "officedocs-support"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
TODAY = "2026-11-29"
QUERIES = ["password reset", "printer offline", "outlook keeps asking", "vpn disconnect", "teams microphone", "recovery key", "mailbox full"]
sys.path.insert(0, str(ROOT))

MKDOCS_YML = """site_name: Benchmark knowledge base
docs_dir: site-pages
site_dir: site
theme:
  name: material
  font: false
plugins:
  - search
  - kbtool:
      search: {search}
      navigation: {navigation}
      today: {today}
"""


def knowledge_base(size: str, corpus: Path | None) -> Path:
    """The starter knowledge base, or a synthetic one of `size` documents (generated once, reused)."""
    if size == "starter":
        target = OUT / "site-starter"
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        for name in ("kb", "sops", "meta"):
            shutil.copytree(ROOT / name, target / name)
        shutil.copyfile(ROOT / "kbtool.yml", target / "kbtool.yml")
        return target
    from benchmarks.synthetic import generate
    from kbtool.core.config import load_config

    target = OUT / f"site-kb-{size}"
    if not (target / "kbtool.yml").exists():
        generate(load_config(ROOT), target, int(size), seed=1, corpus=corpus)
    return target


PLAIN_YML = """site_name: Material alone
theme:
  name: material
  font: false
plugins: []
nav: [index.md]
validation: {nav: {omitted_files: ignore}, links: {unrecognized_links: ignore, not_found: ignore}}
markdown_extensions: [admonition, tables, toc, attr_list]
"""


def baseline(root: Path) -> dict[str, Any]:
    """Material alone over the same Markdown files (no kbtool, no search, documents out of the navigation): the floor."""
    plain = root.parent / f"{root.name}-material-alone"
    shutil.rmtree(plain, ignore_errors=True)
    for folder in ("kb", "sops"):
        shutil.copytree(root / folder, plain / "docs" / folder)
    (plain / "docs" / "index.md").write_text("# Home\n")
    (plain / "mkdocs.yml").write_text(PLAIN_YML)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=plain, capture_output=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    size = sum(path.stat().st_size for path in (plain / "site").rglob("*") if path.is_file())
    return {"seconds": seconds, "cpu": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), "site_bytes": size}


def build(root: Path, search: str, navigation: str) -> dict[str, Any]:
    (root / "site-pages").mkdir(exist_ok=True)
    (root / "site-pages" / "about.md").write_text("# About\n\nA benchmark site.\n")
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(search=search, navigation=navigation, today=TODAY))
    shutil.rmtree(root / "site", ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=root, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        sys.exit(f"mkdocs build failed in {root}:\n{done.stderr[-3000:]}")
    site = root / "site"
    files = [path for path in site.rglob("*") if path.is_file()]
    index_files = list((site / "pagefind").rglob("*")) if search == "pagefind" else [site / "search" / "search_index.json"]
    index_bytes = sum(path.stat().st_size for path in index_files if path.is_file())
    extra = ""
    if search == "lunr":
        extra = f", {len(gzip.compress((site / 'search' / 'search_index.json').read_bytes())) / 1e6:.1f} MB gzipped"
    return {"seconds": seconds, "cpu": cpu, "site_bytes": sum(path.stat().st_size for path in files), "files": len(files), "index_bytes": index_bytes, "index_note": extra}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a browser closing a connection early


def served(site: Path) -> Iterator[str]:
    server = _QuietServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def browse(site: Path, search: str) -> dict[str, Any]:
    """Cold page, then the first query and later ones: bytes fetched and milliseconds to the first result."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for address in served(site):
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                fetched: list[tuple[str, int]] = []
                page.on("requestfinished", lambda request: fetched.append((request.url, request.sizes()["responseBodySize"])))
                page.goto(address + ("search/" if search == "pagefind" else ""))
                page.wait_for_load_state("networkidle")
                box, hit = (".kb-search-input", ".kb-search-results li a") if search == "pagefind" else ("input.md-search__input", "li.md-search-result__item")
                if search == "lunr":
                    page.click(box)  # Material fetches its index when the search box is first used
                figures = []
                # The first query counts the search's files fetched since the page opened (Material loads its index at once).
                searching = [(url, size) for url, size in fetched if "/search/search_index" in url or "/pagefind/" in url or "search.js" in url or "worker" in url]
                fetched[:] = searching
                for query in QUERIES:
                    if query != QUERIES[0]:
                        fetched.clear()
                    page.fill(box, "")
                    if search == "pagefind":
                        page.wait_for_function("document.querySelectorAll('.kb-search-results li').length === 0")
                    else:
                        page.wait_for_selector(hit, state="detached")
                    started = time.perf_counter()
                    page.type(box, query)  # Material's box answers key presses; kbtool's waits 120 ms after the last one
                    page.wait_for_selector(hit, timeout=180_000)
                    milliseconds = (time.perf_counter() - started) * 1000
                    page.wait_for_load_state("networkidle")
                    figures.append((milliseconds, sum(size for _, size in fetched)))
                page.close()
        finally:
            browser.close()
    first, later = figures[0], figures[1:]
    return {
        "first_ms": first[0], "first_bytes": first[1],
        "later_ms": statistics.median(ms for ms, _ in later), "later_bytes": statistics.median(b for _, b in later),
    }


def measure(sizes: list[str], searches: list[str], corpus: Path | None, browser: bool) -> None:
    print(f"load average before: {os.getloadavg()[0]:.1f} (2 cores shared: wall time grows with it; CPU time much less)")
    print("| documents | navigation | search | build (whole process) | site | files | search index | first query: fetched, to first result | later queries (median) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for size in sizes:
        root = knowledge_base(size, corpus)
        floor = baseline(root)
        print(f"| {size} | (Material alone, no kbtool, no search) | – | {floor['seconds']:.1f} s ({floor['cpu']:.1f} s CPU) | {floor['site_bytes'] / 1e6:.1f} MB | | | | |", flush=True)
        navigations = ["curated", "full"] if size in ("starter", "1000") else ["curated"]
        for navigation in navigations:
            for search in searches:
                figures = build(root, search, navigation)
                query = browse(root / "site", search) if browser and navigation == "curated" else None
                cells = [
                    size, navigation, search, f"{figures['seconds']:.1f} s ({figures['cpu']:.1f} s CPU)", f"{figures['site_bytes'] / 1e6:.1f} MB", f"{figures['files']:,}",
                    f"{figures['index_bytes'] / 1e6:.2f} MB{figures['index_note']}",
                    f"{query['first_bytes'] / 1024:.0f} KiB, {query['first_ms']:.0f} ms" if query else "–",
                    f"{query['later_bytes'] / 1024:.0f} KiB, {query['later_ms']:.0f} ms" if query else "–",
                ]
                print("| " + " | ".join(cells) + " |", flush=True)


def relevance() -> None:
    """The starter relevance queries through the site's Pagefind search, beside `kbtool search` on the same queries."""
    from playwright.sync_api import sync_playwright

    from kbtool import api
    from kbtool.search.relevance import load_queries

    import re

    from kbtool.site.searchindex import start_index

    root = knowledge_base("starter", None)
    build(root, "pagefind", "curated")
    pairs = load_queries([ROOT / "tests" / "relevance" / "queries.yml"])
    # The same site without the hidden keywords and synonyms, indexed again: what feeding them in is worth.
    bare = root / "site-without-terms"
    shutil.rmtree(bare, ignore_errors=True)
    shutil.copytree(root / "site", bare)
    shutil.rmtree(bare / "pagefind")
    sources = api.site(root, search="pagefind").search_sources
    start_index({path: re.sub(r'<div data-pagefind-weight="[^"]*">[^<]*</div>', "", html) for path, html in sources.items()}).finish(bare)
    results: dict[str, dict[str, list[str]]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for name, site in (("with", root / "site"), ("without", bare)):
                for address in served(site):
                    page = browser.new_page()
                    page.goto(address + "search/")
                    page.wait_for_function("typeof window.kbSearch === 'function'")
                    results[f"box {name}"] = {query: page.evaluate("q => window.kbSearch(q)", query) for query, _ in pairs}
                    results[f"plain {name}"] = {query: page.evaluate(
                        "async q => { const p = await import('/pagefind/pagefind.js'); const r = await p.search(q);"
                        " return Promise.all(r.results.slice(0, 10).map(x => x.data().then(d => d.url))); }", query) for query, _ in pairs}
                    page.close()
        finally:
            browser.close()

    def score(results: dict[str, list[str]]) -> tuple[float, float, int]:
        reciprocal = recall = empty = 0.0
        for query, expect in pairs:
            ids = ["-".join(url.rstrip("/").split("/")[-1].split("-")[:2]).upper() for url in results[query]]
            if not ids:
                empty += 1
            if expect in ids:
                rank = ids.index(expect) + 1
                reciprocal += 1 / rank
                recall += rank <= 3
        return reciprocal / len(pairs), recall / len(pairs), int(empty)

    evaluation = api.evaluate(root, [ROOT / "tests" / "relevance" / "queries.yml"])
    print(f"{len(pairs)} starter relevance queries (tests/relevance/queries.yml), top 10")
    print("| search | MRR@10 | recall@3 | queries with no result |")
    print("|---|---|---|---|")
    for name, key in (
        ("Pagefind alone (every word must match), pages without keywords and synonyms", "plain without"),
        ("Pagefind alone, keywords and synonyms fed in", "plain with"),
        ("the site's search box (words alone when all together find little), without keywords and synonyms", "box without"),
        ("**the site's search box, keywords and synonyms fed in** (as built)", "box with"),
    ):
        mrr, recall, empty = score(results[key])
        print(f"| {name} | {mrr:.3f} | {recall:.3f} | {empty} |")
    print(f"| `kbtool search` (baseline, same queries) | {evaluation.mrr_at_10:.3f} | {evaluation.recall_at_3:.3f} | – |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", nargs="?", default="scale", choices=["scale", "relevance"])
    parser.add_argument("--sizes", nargs="+", default=["starter", "1000", "10000"])
    parser.add_argument("--search", nargs="+", default=["lunr", "pagefind"], choices=["lunr", "pagefind"])
    parser.add_argument("--no-browser", action="store_true", help="build figures only")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS if DEFAULT_CORPUS.is_dir() else None)
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.platform()}")
    if args.what == "relevance":
        relevance()
    else:
        measure(args.sizes, args.search, args.corpus, not args.no_browser)


if __name__ == "__main__":
    main()
