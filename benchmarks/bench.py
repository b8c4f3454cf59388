"""kbtool benchmarks: print the figures recorded in docs/benchmarks.md.

    python benchmarks/bench.py validate            # 1,000 and 10,000 documents
    python benchmarks/bench.py search              # 10,000 documents
    python benchmarks/bench.py freshness           # 10,000 documents, 20,000 commits
    python benchmarks/bench.py all

Synthetic knowledge bases are generated (seeded) under benchmarks/out/.
Their sentences come from ../shared/corpora/officedocs-support when that
folder exists (real support articles: realistic vocabulary), otherwise
from the bundled starter knowledge base; --corpus chooses another folder.
Every figure is printed beside ripgrep over the same files in the same
run, because these machines are noisy: compare ratios across runs.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "officedocs-support"
sys.path.insert(0, str(ROOT))

from kbtool.core.config import load_config  # noqa: E402
from benchmarks.synthetic import generate  # noqa: E402


def timed(command: list[str], cwd: Path | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def median_time(command: list[str], runs: int, cwd: Path | None = None) -> float:
    return statistics.median(timed(command, cwd) for _ in range(runs))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def make_kb(count: int, corpus: Path | None) -> Path:
    target = OUT / f"kb-{count}"
    started = time.perf_counter()
    generate(load_config(ROOT), target, count, seed=1, corpus=corpus)
    print(f"generated {count:,} documents in {time.perf_counter() - started:.1f} s ({_size(target)})")
    return target


def _size(folder: Path) -> str:
    total = sum(p.stat().st_size for p in folder.rglob("*.md"))
    return f"{total / 1e6:.1f} MB of Markdown"


def kbtool(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "kbtool", "--root", str(root), *args]


def require_ripgrep() -> str:
    rg = shutil.which("rg")
    if not rg:
        sys.exit("ripgrep is needed for the baseline: apt-get install -y ripgrep")
    return rg


def bench_validate(corpus: Path | None, runs: int) -> None:
    rg = require_ripgrep()
    for count in (1_000, 10_000):
        root = make_kb(count, corpus)
        check = subprocess.run(kbtool(root, "validate", "--format", "json"), capture_output=True, text=True)
        findings = check.stdout.count('"rule"')
        validate = median_time(kbtool(root, "validate"), runs)
        baseline = median_time([rg, "-c", "--no-messages", "^id:", "kb", "sops"], runs, cwd=root)
        print(
            f"validate {count:>6,} docs: {validate:.2f} s median of {runs} (whole process, {findings} findings) | "
            f"rg over the same files {baseline:.3f} s | ratio {validate / baseline:.0f}x"
        )


def mixed_queries(root: Path, rng: random.Random) -> dict[str, list[str]]:
    """Agent-style queries drawn from the generated documents, by kind."""
    titles, sentences, codes = [], [], []
    for path in sorted((root / "kb").glob("*.md"))[::20]:
        text = path.read_text(encoding="utf-8")
        title = re.search(r'^title: "(.*?) \(', text, re.MULTILINE)
        if title:
            titles.append(title.group(1))
        code = re.search(r"0x[0-9a-f]{8}", text)
        if code:
            codes.append(code.group(0))
        sentences.extend(re.findall(r"[A-Z][^.]{40,120}\.", text)[:2])
    words = [w for t in titles for w in re.findall(r"[A-Za-z]{4,}", t)]

    def typo(word: str) -> str:
        i = rng.randrange(1, len(word) - 1)
        return word[:i] + word[i + 1 :] if rng.random() < 0.5 else word[:i] + word[i + 1] + word[i] + word[i + 2 :]

    def fragment(text: str, size: int) -> str:
        parts = re.findall(r"[A-Za-z0-9]+", text)
        start = rng.randrange(0, max(1, len(parts) - size))
        return " ".join(parts[start : start + size]).lower()

    return {
        "word": [rng.choice(words).lower() for _ in range(60)],
        "fragment": [fragment(rng.choice(titles), rng.choice((2, 3))) for _ in range(60)],
        "typo": [typo(rng.choice([w for w in words if len(w) > 5])).lower() for _ in range(30)],
        "code": [rng.choice(codes) for _ in range(30)],
        "phrase": ['"' + fragment(rng.choice(sentences), 2) + '"' for _ in range(20)],
        "question": ["how do i " + fragment(rng.choice(titles), 3) for _ in range(30)],
    }


def relevance_queries() -> list[str]:
    from kbtool.search.relevance import load_queries

    return [query for query, _ in load_queries(sorted((ROOT / "tests" / "relevance").glob("*.yml")))]


def bench_search(corpus: Path | None, runs: int) -> None:
    from kbtool.search.searcher import Searcher

    rg = require_ripgrep()
    root = make_kb(10_000, corpus)
    config = load_config(root)
    shutil.rmtree(root / ".kbtool", ignore_errors=True)
    build = timed(kbtool(root, "index", "--full"))
    size = sum(p.stat().st_size for p in (root / ".kbtool").rglob("*") if p.is_file()) / 1e6
    print(f"index build, 10,000 docs: {build:.1f} s whole process ({size:.0f} MB on disk)")
    victims = sorted((root / "kb").glob("*.md"))[:runs]
    incremental = []
    for victim in victims:
        victim.write_text(victim.read_text(encoding="utf-8") + "\nEdited for the benchmark.\n", encoding="utf-8")
        incremental.append(timed(kbtool(root, "index")))
    print(f"incremental update after changing one document: {statistics.median(incremental):.2f} s median of {runs} (whole process)")
    rng = random.Random(3)
    kinds = mixed_queries(root, rng)
    kinds["natural (relevance set)"] = relevance_queries()
    latencies: dict[str, list[float]] = {}
    with Searcher(config) as searcher:
        for queries in kinds.values():
            for query in queries:
                searcher.search(query)
        for kind, queries in kinds.items():
            for query in queries:
                started = time.perf_counter()
                searcher.search(query)
                latencies.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
    everything = [value for values in latencies.values() for value in values]
    mixed = [value for kind, values in latencies.items() if kind != "natural (relevance set)" for value in values]
    print(f"in-process query latency with snippets, top 10 ({len(everything)} queries):")
    for label, values in [("all", everything), ("mixed (no long questions)", mixed), *latencies.items()]:
        print(f"  {label:<28} n={len(values):<4} p50 {statistics.median(values):6.1f} ms  p95 {percentile(values, 0.95):6.1f} ms  max {max(values):6.1f} ms")
    sample = [q for values in kinds.values() for q in values[:4]][:24]
    whole = [timed(kbtool(root, "search", *q.split())) for q in sample]
    patterns = [[w for w in re.findall(r"\w+", q) if len(w) > 2] or [q] for q in sample]
    ripgrep = [timed([rg, "-i", "-l", "--no-messages", *sum((["-e", w] for w in p), []), "kb", "sops"], cwd=root) for p in patterns]
    print(
        f"kbtool search, whole process: {statistics.median(whole) * 1000:.0f} ms median of {len(whole)} "
        f"| rg -i -l (any word) per query: {statistics.median(ripgrep) * 1000:.0f} ms | ratio {statistics.median(whole) / statistics.median(ripgrep):.1f}x"
    )


def bench_freshness(corpus: Path | None, runs: int, sample: int = 20) -> None:
    """Whole-process `kbtool freshness` on a long history, beside reading it one git call per file."""
    from benchmarks.history import generate_history, load_paths

    documents, commits = 10_000, 20_000
    root = OUT / f"history-{documents}-{commits}"
    stamp = root / ".generated"
    if stamp.is_file() and stamp.read_text() == f"{documents} {commits} {corpus}":
        paths = load_paths(root)
        print(f"reusing {documents:,} documents and {commits:,} commits in {root}")
    else:
        started = time.perf_counter()
        paths = generate_history(load_config(ROOT), root, documents, commits, corpus=corpus).paths
        stamp.write_text(f"{documents} {commits} {corpus}")
        print(f"generated {documents:,} documents and {commits:,} commits in {time.perf_counter() - started:.0f} s")
    command = kbtool(root, "freshness", "--today", "2026-11-01", "--format", "json")
    check = subprocess.run(command, capture_output=True, text=True)
    counts = json.loads(check.stdout)["counts"]
    print(f"states: {counts}")
    timed(command)  # warm the page cache
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        walls.append(timed(command))
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"kbtool freshness, whole process: {statistics.median(walls):.2f} s median of {runs} (min {min(walls):.2f}, max {max(walls):.2f}); "
        f"CPU {statistics.median(cpus):.2f} s per run; load average {load} on {os.cpu_count()} CPUs"
    )
    rng = random.Random(5)
    chosen = rng.sample(paths, sample)
    started = time.perf_counter()
    for path in chosen:
        subprocess.run(["git", "log", "--follow", "-M", "--raw", "-z", "--format=%H%x1f%cI%x1f%s", "--", path], cwd=root, stdout=subprocess.DEVNULL, check=True)
    per_file = (time.perf_counter() - started) / sample
    baseline = per_file * len(paths)
    print(
        f"one `git log --follow` per file: {per_file:.2f} s per file ({sample} sampled), "
        f"{baseline / 60:.0f} min for {len(paths):,} files | ratio {baseline / statistics.median(walls):,.0f}x"
    )
    one_pass = timed(["git", "log", "--raw", "-M", "--no-abbrev", "-z", "--format=%H%x1f%cI%x1f%s", "--", "kb", "sops"], cwd=root)
    print(f"one `git log --raw` over the content folders (per-commit diffs, git alone): {one_pass:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["validate", "search", "freshness", "all"])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS if DEFAULT_CORPUS.is_dir() else None, help="folder of Markdown to draw sentences from")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.platform()}")
    print(f"sentences from: {args.corpus or 'the starter knowledge base'}")
    if args.what in ("validate", "all"):
        bench_validate(args.corpus, args.runs)
    if args.what in ("search", "all"):
        bench_search(args.corpus, args.runs)
    if args.what in ("freshness", "all"):
        bench_freshness(args.corpus, args.runs)


if __name__ == "__main__":
    main()
