"""Figures for a real collection imported into the starter knowledge base (docs/benchmarks.md).

    python benchmarks/import_corpus.py                      # ../shared/corpora/officedocs-support
    python benchmarks/import_corpus.py --corpus DIR --profile mkdocs --runs 3

Imports the collection into a fresh copy of the starter knowledge base under
benchmarks/out/, then measures, each as a whole `kbtool` process unless said
otherwise and beside a baseline doing the nearest plain job on the same files
in the same run: import (baseline: `cp -r` of the collection), validate
(baseline: `rg -c '^id:'`), a full index build (and the index's size on
disk), search inside one process with snippets (p50/p95 over titles, title
fragments and quoted error messages of the imported articles), and search
as a whole process (baseline: `rg -i -l` for any of the query's words),
and the published site's build (`mkdocs build`: time, pages, size, and
Pagefind's index).
"""
from __future__ import annotations

import argparse
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench import OUT, kbtool, median_time, percentile, require_ripgrep, timed  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "officedocs-support"


def fresh_root(name: str) -> Path:
    root = OUT / f"import-{name}"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    for folder in ("kb", "sops", "meta"):
        shutil.copytree(ROOT / folder, root / folder)
    shutil.copyfile(ROOT / "kbtool.yml", root / "kbtool.yml")
    return root


def queries(root: Path, folder: str, rng: random.Random) -> dict[str, list[str]]:
    from kbtool.core import markdown as md
    from kbtool.core.config import load_config
    from kbtool.core.documents import read_document

    config = load_config(root)
    documents = [read_document(config, path, "article")[0] for path in sorted((root / "kb" / folder).glob("*.md"))]
    documents = [document for document in documents if document is not None]
    titles = [document.title for document in rng.sample(documents, 100)]
    fragments = []
    for title in rng.sample(titles, 100):
        words = re.findall(r"[A-Za-z0-9]+", title)
        start = rng.randrange(0, max(1, len(words) - 3))
        fragments.append(" ".join(words[start : start + 3]).lower())
    messages = []
    for document in rng.sample(documents, len(documents)):
        issue = md.find_section(document.blocks, "Issue")
        quoted = [block.plain() for block in issue.blocks if block.kind in (md.QUOTE, md.CODE)] if issue else []
        message = next((text for text in quoted if len(text.split()) >= 5 and not text.startswith("[!")), "")
        if message:
            messages.append(" ".join(message.split()[:14]))
        if len(messages) == 60:
            break
    return {"titles": titles, "title fragments": fragments, "error messages": messages}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--profile", default="auto")
    parser.add_argument("--owner", default="marcus.reid")
    parser.add_argument("--base-url", default="https://learn.microsoft.com/en-us")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"no collection at {args.corpus}")
    rg = require_ripgrep()
    name = args.corpus.name
    files = sum(1 for path in args.corpus.rglob("*.md"))
    print(f"collection: {args.corpus} ({files:,} Markdown files)")
    command = ["import", str(args.corpus), "--profile", args.profile, "--owner", args.owner, "--base-url", args.base_url]

    imports, copies = [], []
    for _ in range(args.runs):
        root = fresh_root(name)
        imports.append(timed(kbtool(root, *command)))
        copies.append(timed(["cp", "-r", str(args.corpus), str(OUT / "copy-baseline")]))
        shutil.rmtree(OUT / "copy-baseline")
    report = subprocess.run(kbtool(root, *command, "--dry-run", "--format", "json"), capture_output=True, text=True)
    imported = report.stdout.count('"action": "update"')
    print(f"import: {statistics.median(imports):.1f} s median of {args.runs} ({imported:,} articles) | cp -r of the collection {statistics.median(copies):.2f} s | ratio {statistics.median(imports) / statistics.median(copies):.0f}x")

    documents = sum(1 for _ in (root / "kb").rglob("*.md")) + sum(1 for _ in (root / "sops").rglob("*.md"))
    validate = median_time(kbtool(root, "validate"), args.runs)
    baseline = median_time([rg, "-c", "--no-messages", "^id:", "kb", "sops"], args.runs, cwd=root)
    print(f"validate {documents:,} documents: {validate:.2f} s median of {args.runs} | rg -c over the same files {baseline:.3f} s | ratio {validate / baseline:.0f}x")

    builds = []
    for _ in range(args.runs):
        shutil.rmtree(root / ".kbtool", ignore_errors=True)
        builds.append(timed(kbtool(root, "index", "--full")))
    size = sum(path.stat().st_size for path in (root / ".kbtool").rglob("*") if path.is_file()) / 1e6
    print(f"index --full, {documents:,} documents: {statistics.median(builds):.1f} s median of {args.runs} ({size:.0f} MB on disk)")

    from kbtool.core.config import load_config
    from kbtool.search.searcher import Searcher

    kinds = queries(root, name, random.Random(19))
    latencies: dict[str, list[float]] = {}
    with Searcher(load_config(root)) as searcher:
        for kind_queries in kinds.values():
            for query in kind_queries:
                searcher.search(query)
        for kind, kind_queries in kinds.items():
            for query in kind_queries:
                started = time.perf_counter()
                searcher.search(query)
                latencies.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
    everything = [value for values in latencies.values() for value in values]
    print(f"search in one process, top 10 with snippets ({len(everything)} queries):")
    for label, values in [("all", everything), *latencies.items()]:
        print(f"  {label:<16} n={len(values):<4} p50 {statistics.median(values):6.1f} ms  p95 {percentile(values, 0.95):6.1f} ms  max {max(values):6.1f} ms")

    sample = [query for kind_queries in kinds.values() for query in kind_queries[:8]]
    whole = [timed(kbtool(root, "search", *query.split())) for query in sample]
    patterns = [[word for word in re.findall(r"\w+", query) if len(word) > 2] or [query] for query in sample]
    ripgrep = [timed([rg, "-i", "-l", "--no-messages", *sum((["-e", word] for word in words), []), "kb", "sops"], cwd=root) for words in patterns]
    whole_ms, rg_ms = statistics.median(whole) * 1000, statistics.median(ripgrep) * 1000
    print(f"kbtool search, whole process: p50 {whole_ms:.0f} ms, p95 {percentile(whole, 0.95) * 1000:.0f} ms over {len(whole)} queries | rg -i -l (any word) p50 {rg_ms:.0f} ms | ratio {whole_ms / rg_ms:.1f}x")
    site(root)


def site(root: Path) -> None:
    """The published site of the imported collection: build time, pages, size, and Pagefind's index."""
    shutil.copyfile(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "site-pages", root / "site-pages", dirs_exist_ok=True)
    shutil.rmtree(root / "site", ignore_errors=True)
    seconds = timed([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root)
    copy = timed(["cp", "-r", str(root / "kb"), str(root / "kb-copy")])
    shutil.rmtree(root / "kb-copy", ignore_errors=True)

    def megabytes(folder: Path) -> float:
        return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file()) / 1e6

    pages = sum(1 for _ in (root / "site").rglob("index.html"))
    print(
        f"mkdocs build (Material, Pagefind): {seconds:.1f} s, {pages:,} pages, {megabytes(root / 'site'):.0f} MB "
        f"(Pagefind index {megabytes(root / 'site' / 'pagefind'):.1f} MB) | cp -r of kb/ {copy:.2f} s"
    )


if __name__ == "__main__":
    main()
