"""Relevance on real support articles: MRR@10 and recall@3 per query set and per query class.

    python benchmarks/relevance.py              # builds benchmarks/out/officedocs when missing
    python benchmarks/relevance.py --misses     # also list the queries whose answer is not in the top 3

The query sets in tests/relevance/officedocs/ were written from the articles
alone (`tuning.yml` may be used to tune search; `holdout.yml` never is).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import CORPUS, OUT, build  # noqa: E402
from kbtool import api  # noqa: E402
from kbtool.core.config import read_yaml_file  # noqa: E402

SETS = ROOT / "tests" / "relevance" / "officedocs"


def load(name: str, mapping: dict[str, str]) -> list[tuple[str, str, str]]:
    entries = read_yaml_file(SETS / name, "relevance queries")
    return [(entry["query"], mapping[entry["expect"]], entry.get("class", "")) for entry in entries]


def measure(root: Path, queries: list[tuple[str, str, str]]) -> tuple[dict[str, list[float]], list[tuple[str, str, list[str]]]]:
    """Reciprocal ranks by class (and "all"), and the queries missing from the top 3."""
    ranks: dict[str, list[float]] = defaultdict(list)
    misses = []
    with api.open_searcher(root) as searcher:
        for query, expect, kind in queries:
            top = [hit.id for hit in api.search(root, query, limit=10, searcher=searcher, refresh_index=False, log=False).hits]
            reciprocal = 1 / (top.index(expect) + 1) if expect in top else 0.0
            ranks["all"].append(reciprocal)
            ranks[kind].append(reciprocal)
            if expect not in top[:3]:
                misses.append((query, expect, top[:3]))
    return ranks, misses


def summary(ranks: list[float]) -> str:
    mrr = sum(ranks) / len(ranks)
    recall = sum(1 for rank in ranks if rank >= 1 / 3) / len(ranks)
    return f"n={len(ranks):<4} MRR@10 {mrr:.3f}  recall@3 {recall:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=OUT / "officedocs")
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--sets", nargs="*", default=["tuning.yml", "holdout.yml"])
    args = parser.parse_args()
    if not (args.root / "mapping.json").exists():
        build(args.root, CORPUS)
    mapping = json.loads((args.root / "mapping.json").read_text(encoding="utf-8"))
    api.index(args.root)
    for name in args.sets:
        ranks, misses = measure(args.root, load(name, mapping))
        print(f"{name:<12} {summary(ranks['all'])}")
        for kind in sorted(k for k in ranks if k != "all"):
            print(f"  {kind:<10} {summary(ranks[kind])}")
        if args.misses:
            for query, expect, top in misses:
                print(f"    miss: {query!r} -> {expect}; top 3: {', '.join(top)}")


if __name__ == "__main__":
    main()
