"""Whole-process `kbtool search` on the starter knowledge base, beside an earlier kbtool, in the same run.

    python benchmarks/startup.py --previous ../kbtool-before [--runs 20]

An agent's terminal search is a new Python process each time, so start-up
(imports, configuration, the staleness check, opening the index) is most of
what the agent waits for. Each version searches its own checkout's starter
knowledge base (index formats differ); the runs alternate between the two
versions so that a noisy machine slows both alike. Printed beside them:
`kbtool --version`, a bare Python, and ripgrep over the same files.
"""
from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["vpn keeps droping", "0x80070005", "pw reset mfa new phone", "kb7", "printer offline"]
# Runs a checkout's command line as its console script would, with that checkout first on the path.
LAUNCH = "import sys; sys.path.insert(0, sys.argv.pop(1)); from kbtool.cli import cli; sys.argv[0] = 'kbtool'; cli()"


def timed(command: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """Wall time and CPU time (user + system, less disturbed by other load) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def seconds(command: list[str], cwd: Path | None = None) -> float:
    return timed(command, cwd)[0]


def kbtool(checkout: Path, *args: str) -> list[str]:
    return [sys.executable, "-c", LAUNCH, str(checkout), *args]


def median_ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--previous", type=Path, help="a checkout of an earlier kbtool")
    parser.add_argument("--runs", type=int, default=20, help="searches per version (the queries repeat)")
    args = parser.parse_args()
    versions = {"this version": ROOT, **({f"previous ({args.previous})": args.previous.resolve()} if args.previous else {})}
    for checkout in versions.values():
        subprocess.run(kbtool(checkout, "--root", str(checkout), "index"), capture_output=True, check=True)
    searches: dict[str, list[float]] = {label: [] for label in versions}
    search_cpu: dict[str, list[float]] = {label: [] for label in versions}
    starts: dict[str, list[float]] = {label: [] for label in versions}
    for run in range(args.runs):
        for label, checkout in versions.items():
            wall, cpu = timed(kbtool(checkout, "--root", str(checkout), "search", *QUERIES[run % len(QUERIES)].split()))
            searches[label].append(wall)
            search_cpu[label].append(cpu)
            starts[label].append(seconds(kbtool(checkout, "--version")))
    bare = [seconds([sys.executable, "-c", "pass"]) for _ in range(10)]
    rg = shutil.which("rg")
    ripgrep = [seconds([rg, "-i", "-l", "--no-messages", "-e", word, "kb", "sops"], cwd=ROOT) for word in ("vpn", "printer", "password")] * 3 if rg else []
    print(f"kbtool search as a whole process, starter knowledge base, median of {args.runs} (alternating versions):")
    for label in versions:
        print(f"  {label:<40} search {median_ms(searches[label])} (CPU {median_ms(search_cpu[label])})  --version {median_ms(starts[label])}")
    print(f"  bare Python {median_ms(bare)}" + (f"  rg -i -l over kb/ and sops/ {median_ms(ripgrep)}" if ripgrep else "  (ripgrep not installed)"))


if __name__ == "__main__":
    main()
