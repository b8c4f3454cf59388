"""Time against document size: validate and search on one article grown from 10 KB to the 1 MB limit.

    python benchmarks/scaling.py

Each size writes one article full of the searched words (the worst case for
snippets) into a copy of the starter knowledge base and times, whole process,
`kbtool validate` and `kbtool search password reset`, and in process the
search alone. Growth should be linear: ten times the bytes, about ten times
the time above the fixed cost of starting up.
"""
from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out" / "scaling"
sys.path.insert(0, str(ROOT))

from kbtool import api  # noqa: E402

SIZES = [10_000, 100_000, 300_000, 600_000, 990_000]
SENTENCE = "To reset the password, open the password reset page, then reset the password again if the reset fails. "


def article(size: int) -> str:
    head = "---\nid: KB-0999\ntitle: Password reset wall\nsummary: A very long article for timing.\nstatus: published\nowner: tom.okafor\naudience: agent\nkind: guide\ntags: [password]\ncreated: 2025-01-01\nreviewed: 2026-01-01\n---\n\n## Notes\n\n"
    return head + SENTENCE * ((size - len(head)) // len(SENTENCE)) + "\n"


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def main() -> None:
    if OUT.exists():
        shutil.rmtree(OUT)
    for name in ("kb", "sops", "meta"):
        shutil.copytree(ROOT / name, OUT / name)
    shutil.copyfile(ROOT / "kbtool.yml", OUT / "kbtool.yml")
    kbtool = [sys.executable, "-m", "kbtool", "--root", str(OUT)]
    print(f"{'size':>10}  {'validate':>9}  {'search (process)':>16}  {'search (in process)':>19}")
    for size in SIZES:
        (OUT / "kb" / "kb-0999-wall.md").write_text(article(size), encoding="utf-8")
        api.index(OUT)
        validate = statistics.median(timed([*kbtool, "validate"]) for _ in range(3))
        search = statistics.median(timed([*kbtool, "search", "password", "reset"]) for _ in range(3))
        with api.open_searcher(OUT, refresh_index=False) as searcher:
            inner = []
            for _ in range(5):
                started = time.perf_counter()
                api.search(OUT, "password reset", searcher=searcher, refresh_index=False, log=False)
                inner.append(time.perf_counter() - started)
        print(f"{size:>10,}  {validate:>8.2f}s  {search:>15.2f}s  {statistics.median(inner) * 1000:>17.1f}ms")


if __name__ == "__main__":
    main()
