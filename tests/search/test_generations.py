"""Index generations: atomic switching, and old generations removed only after their grace period."""
from __future__ import annotations

import os
import time

from kbtool.search import generations
from kbtool.search.generations import SUPERSEDED_MARKER, current_generation, index_root
from kbtool.search.indexer import update


def test_a_full_build_switches_and_marks_the_replaced_generation(config) -> None:  # type: ignore[no-untyped-def]
    update(config)
    first = current_generation(config)
    update(config, full=True)
    second = current_generation(config)
    assert second != first and first is not None and (first / SUPERSEDED_MARKER).exists()
    assert first.exists(), "a superseded generation is kept for its grace period"


def test_grace_counts_from_replacement_not_from_the_folders_age(config, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    update(config)
    first = current_generation(config)
    assert first is not None
    ancient = time.time() - 10 * generations.SUPERSEDED_GRACE
    os.utime(first, (ancient, ancient))  # built long ago...
    update(config, full=True)  # ...but replaced just now: it must survive for searches still reading it
    assert first.exists()
    (first / SUPERSEDED_MARKER).write_text(f"{ancient}\n")  # replaced long ago
    update(config, full=True)
    assert not first.exists()


def test_no_current_generation_without_a_complete_build(config) -> None:  # type: ignore[no-untyped-def]
    assert current_generation(config) is None
    root = index_root(config)
    (root / "gen-half").mkdir(parents=True)
    (root / "CURRENT").write_text("gen-half\n")
    assert current_generation(config) is None
    (root / "CURRENT").write_text("../escape\n")
    assert current_generation(config) is None
