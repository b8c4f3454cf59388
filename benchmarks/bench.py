"""kbtool benchmarks: print the figures recorded in docs/benchmarks.md.

    python benchmarks/bench.py validate            # 1,000 and 10,000 documents
    python benchmarks/bench.py search              # about 10,000 real articles, by query class
    python benchmarks/bench.py search --previous ../kbtool-before   # beside an earlier checkout
    python benchmarks/bench.py freshness           # 10,000 documents, 20,000 commits
    python benchmarks/bench.py changes             # a pull request's check at 10,000 documents
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


def percentiles(values: list[float]) -> str:
    return f"p50 {statistics.median(values):6.1f} ms  p95 {percentile(values, 0.95):6.1f} ms  max {max(values):6.1f} ms"


PREVIOUS_RUNNER = """
import json, shutil, sys, tempfile, time
sys.path.insert(0, sys.argv[1])
queries = json.loads(sys.stdin.read())
try:
    from kbtool.core.config import load_config
    from kbtool.search.indexer import update
    from kbtool.search.searcher import Searcher
except ImportError:
    from kbtool.config import load_config
    from kbtool.index import update
    from kbtool.search import Searcher
# The earlier version builds its own index (index formats differ) in a copy of the knowledge base.
copy = tempfile.mkdtemp()
for name in ("kb", "sops", "meta"):
    shutil.copytree(f"{sys.argv[2]}/{name}", f"{copy}/{name}")
shutil.copyfile(f"{sys.argv[2]}/kbtool.yml", f"{copy}/kbtool.yml")
config = load_config(copy)
update(config)
with Searcher(config) as searcher:
    for kind in queries.values():
        for query in kind:
            searcher.search(query)
    out = {}
    for name, kind in queries.items():
        out[name] = []
        for query in kind:
            started = time.perf_counter()
            searcher.search(query)
            out[name].append((time.perf_counter() - started) * 1000)
print(json.dumps(out))
shutil.rmtree(copy)
"""


def bench_search(corpus: Path | None, runs: int, previous: Path | None = None) -> None:
    """In-process latency by query class and whole-process time, on about 10,000 real articles."""
    import json

    from benchmarks.corpus import CORPUS, build
    from benchmarks.queries import agent_queries, corpus_questions
    from kbtool import api

    rg = require_ripgrep()
    root = OUT / "officedocs-x4"
    if (corpus or CORPUS).is_dir() and corpus in (None, CORPUS):
        build(root, CORPUS, copies=4)
        questions = corpus_questions()
    else:
        root = make_kb(10_000, corpus)
        questions = None
    count = sum(1 for _ in (root / "kb").rglob("*.md")) + sum(1 for _ in (root / "sops").rglob("*.md"))
    shutil.rmtree(root / ".kbtool", ignore_errors=True)
    build_time = timed(kbtool(root, "index", "--full"))
    size = sum(p.stat().st_size for p in (root / ".kbtool").rglob("*") if p.is_file()) / 1e6
    print(f"index build, {count:,} docs: {build_time:.1f} s whole process ({size:.0f} MB on disk)")
    victims = sorted((root / "kb").glob("*.md"))[:runs]
    incremental = []
    for victim in victims:
        victim.write_text(victim.read_text(encoding="utf-8") + "\nEdited for the benchmark.\n", encoding="utf-8")
        incremental.append(timed(kbtool(root, "index")))
    print(f"incremental update after changing one document: {statistics.median(incremental):.2f} s median of {runs} (whole process)")
    kinds = agent_queries(root, questions=questions)
    latencies: dict[str, list[float]] = {}
    with api.open_searcher(root, refresh_index=False) as searcher:
        for queries in kinds.values():
            for query in queries:
                searcher.search(query)
        for kind, queries in kinds.items():
            for query in queries:
                started = time.perf_counter()
                searcher.search(query)
                latencies.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
    everything = [value for values in latencies.values() for value in values]
    print(f"in-process query latency with snippets, top 10 ({len(everything)} queries, this version):")
    for label, values in [("all", everything), *latencies.items()]:
        print(f"  {label:<10} n={len(values):<4} {percentiles(values)}")
    if previous:
        result = subprocess.run([sys.executable, "-c", PREVIOUS_RUNNER, str(previous), str(root)], input=json.dumps(kinds), capture_output=True, text=True)
        if result.returncode:
            print(f"previous version at {previous} could not run: {result.stderr.strip().splitlines()[-1:]}")
        else:
            old = json.loads(result.stdout)
            print(f"  the previous version ({previous}), same queries, same run:")
            for label, values in [("all", [v for vs in old.values() for v in vs]), *old.items()]:
                print(f"  {label:<10} n={len(values):<4} {percentiles(values)}")
    sample = [q for values in kinds.values() for q in values[:4]][:24]
    whole = [timed(kbtool(root, "search", *q.split())) for q in sample]
    patterns = [[w for w in re.findall(r"\w+", q) if len(w) > 2] or [q] for q in sample]
    ripgrep = [timed([rg, "-i", "-l", "--no-messages", *sum((["-e", w] for w in p), []), "kb", "sops"], cwd=root) for p in patterns]
    print(
        f"kbtool search, whole process: {statistics.median(whole) * 1000:.0f} ms median of {len(whole)} "
        f"| rg -i -l (any word) per query: {statistics.median(ripgrep) * 1000:.0f} ms | ratio {statistics.median(whole) / statistics.median(ripgrep):.1f}x"
    )
    starter = [timed(kbtool(ROOT, "search", *q.split())) for q in ["vpn keeps droping", "0x80070005", "pw reset mfa new phone", "kb7", "printer offline"] * 3]
    version = [timed([*kbtool(ROOT, "--version")[:3], "--version"]) for _ in range(5)]
    bare = [timed([sys.executable, "-c", "pass"]) for _ in range(5)]
    print(
        f"kbtool search on the starter knowledge base: {statistics.median(starter) * 1000:.0f} ms median | "
        f"kbtool --version {statistics.median(version) * 1000:.0f} ms | bare Python {statistics.median(bare) * 1000:.0f} ms"
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


def bench_changes(corpus: Path | None, runs: int, count: int = 10_000) -> None:
    """`kbtool changes --base main` on a branch touching a few documents, beside `kbtool validate` over the same files."""
    root = make_kb(count, corpus)
    env = {**os.environ, "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.com", "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.com"}
    shutil.rmtree(root / ".git", ignore_errors=True)
    for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "base"], ["checkout", "-q", "-b", "change"]):
        subprocess.run(["git", *command], cwd=root, env=env, check=True)
    sops = sorted((root / "sops").rglob("*.md"))[:5]
    for path in sops:  # a new first step in five SOPs, without a version bump: five findings
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^1\. ", "1. Confirm the caller's name.\n2. ", text, count=1), encoding="utf-8")
    subprocess.run(["git", "commit", "-q", "-am", "change"], cwd=root, env=env, check=True)
    check = subprocess.run(kbtool(root, "changes", "--base", "main", "--format", "json"), capture_output=True, text=True)
    report = json.loads(check.stdout)
    changes = median_time(kbtool(root, "changes", "--base", "main"), runs)
    validate = median_time(kbtool(root, "validate"), runs)
    git_diff = median_time(["git", "diff", "--stat", "main...HEAD"], runs, cwd=root)
    print(
        f"changes {count:>6,} docs, {len(report['documents'])} changed: {changes:.2f} s median of {runs} (whole process, {report['errors']} findings) | "
        f"kbtool validate {validate:.2f} s (ratio {changes / validate:.2f}x) | git diff --stat {git_diff:.3f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["validate", "search", "freshness", "changes", "all"])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS if DEFAULT_CORPUS.is_dir() else None, help="folder of Markdown to draw sentences from")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--previous", type=Path, help="a checkout of an earlier kbtool, measured on the same queries in the same run")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.platform()}")
    print(f"sentences from: {args.corpus or 'the starter knowledge base'}")
    if args.what in ("validate", "all"):
        bench_validate(args.corpus, args.runs)
    if args.what in ("search", "all"):
        bench_search(args.corpus, args.runs, args.previous)
    if args.what in ("freshness", "all"):
        bench_freshness(args.corpus, args.runs)
    if args.what in ("changes", "all"):
        bench_changes(args.corpus, args.runs)


if __name__ == "__main__":
    main()
