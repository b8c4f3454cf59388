"""The search index: incremental by content hash, atomic full rebuilds, crash safety."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kbtool.cli import cli
from kbtool.core.config import load_config
from kbtool.search.generations import current_generation
from kbtool.search.indexer import update
from kbtool.search.staleness import is_current

from conftest import REPO_ROOT, search, wait_until, write



def test_first_update_builds_everything(config) -> None:  # type: ignore[no-untyped-def]
    result = update(config)
    assert result.full and result.documents == 6 and not result.left_out
    assert is_current(config)


def test_incremental_touches_only_what_changed(config, kb: Path) -> None:  # type: ignore[no-untyped-def]
    update(config)
    generation = current_generation(config)
    article = kb / "kb/kb-0003-answering-a-call.md"
    article.write_text(article.read_text().replace("Listen before you type.", "Listen before you type, then paraphrase."))
    (kb / "kb/kb-0005-old-vpn-client.md").unlink()
    write(kb, "kb/kb-0006-new.md", (kb / "kb/kb-0004-printer-queue-draft.md").read_text().replace("KB-0004", "KB-0006").replace("Printer queue stuck", "Toner low"))
    os.utime(kb / "kb/kb-0001-reset-a-password.md", ns=(1, 1))  # new mtime, same content
    result = update(config)
    assert not result.full and current_generation(config) == generation
    assert result.changes.changed == ["kb/kb-0003-answering-a-call.md"]
    assert result.changes.deleted == ["kb/kb-0005-old-vpn-client.md"]
    assert result.changes.added == ["kb/kb-0006-new.md"]
    assert result.changes.touched == ["kb/kb-0001-reset-a-password.md"]
    assert is_current(config)
    assert [hit.id for hit in search("paraphrase", config).hits] == ["KB-0003"]
    assert search("anyconnect", config, statuses=("archived",)).hits == []


def test_nothing_changed_is_a_no_op(config) -> None:  # type: ignore[no-untyped-def]
    update(config)
    result = update(config)
    assert result.changes.count == 0 and not result.changes.touched


def test_full_rebuild_switches_to_a_new_generation(config) -> None:  # type: ignore[no-untyped-def]
    update(config)
    first = current_generation(config)
    second_result = update(config, full=True)
    assert second_result.full and current_generation(config) != first
    assert [hit.id for hit in search("passphrase", config).hits] == ["KB-0001"]


def test_unparseable_file_is_left_out_and_removed(config, kb: Path) -> None:  # type: ignore[no-untyped-def]
    update(config)
    assert "KB-0003" in {hit.id for hit in search("greeting closing", config).hits}
    (kb / "kb/kb-0003-answering-a-call.md").write_text("no front matter any more")
    result = update(config)
    assert [(f.path, f.rule) for f in result.left_out] == [("kb/kb-0003-answering-a-call.md", "front-matter-missing")]
    assert "KB-0003" not in {hit.id for hit in search("greeting closing", config).hits}


def test_search_brings_a_stale_index_up_to_date_and_says_so(kb: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(cli, ["--root", str(kb), "search", "passphrase"])
    assert first.exit_code == 0 and "built a new index of 6 document(s)" in first.stderr
    article = kb / "kb/kb-0003-answering-a-call.md"
    article.write_text(article.read_text().replace("Listen before you type.", "Mention the zebra."))
    second = runner.invoke(cli, ["--root", str(kb), "search", "zebra"])
    assert "updated the index: 0 added, 1 changed, 0 deleted" in second.stderr
    assert "KB-0003" in second.stdout
    third = runner.invoke(cli, ["--root", str(kb), "search", "zebra"])
    assert third.stderr == ""


def test_index_command_reports_on_stderr(kb: Path) -> None:
    result = CliRunner().invoke(cli, ["--root", str(kb), "index", "--full"])
    assert result.exit_code == 0 and result.stdout == ""
    assert "built a new index of 6 document(s)" in result.stderr


def _big_kb(tmp_path: Path, count: int) -> Path:
    from benchmarks.synthetic import generate

    return generate(load_config(REPO_ROOT), tmp_path / "big", count, seed=7).root


def _generation_folders(config) -> list[Path]:  # type: ignore[no-untyped-def]
    from kbtool.search.generations import index_root

    return sorted(index_root(config).glob("gen-*"))


def _newest_files(folder: Path, pattern: str) -> set[str]:
    return {path.name for path in folder.glob(pattern)} if folder.is_dir() else set()


def _full_build_stages(config, before: set[Path]):  # type: ignore[no-untyped-def]
    """Conditions that mark how far a full build has got, in the order it reaches them."""

    def new_folder() -> Path | None:
        fresh = [folder for folder in _generation_folders(config) if folder not in before]
        return fresh[0] if fresh else None

    def has(pattern: str):  # type: ignore[no-untyped-def]
        return lambda: (folder := new_folder()) is not None and bool(_newest_files(folder, pattern))

    return [
        ("writer open, documents being added", has("MAIN_WRITELOCK")),
        ("segments written", has("*.seg")),
        ("spelling vocabulary written", has("vocabulary.json")),
    ]


def _incremental_stages(config):  # type: ignore[no-untyped-def]
    folder = current_generation(config)
    segments = _newest_files(folder, "*.seg")
    tables = _newest_files(folder, "*.toc")
    return [
        ("writer open, documents being added", lambda: (folder / "MAIN_WRITELOCK").exists()),
        ("new segment written", lambda: bool(_newest_files(folder, "*.seg") - segments)),
        ("new table of contents written", lambda: bool(_newest_files(folder, "*.toc") - tables)),
    ]


@pytest.mark.slow
@pytest.mark.parametrize("full", [True, False], ids=["full", "incremental"])
def test_killing_the_indexer_midway_leaves_a_working_index(tmp_path: Path, full: bool) -> None:
    """SIGKILL `kbtool index` as it reaches each stage of its work; search must still work every time."""
    root = _big_kb(tmp_path, 600)
    config = load_config(root)
    update(config)
    expected = {hit.id for hit in search("bitlocker recovery key", config).hits}
    assert expected
    killed_midway = []
    for round_number in range(3):
        if not full:  # give the incremental run real work: change many files
            for path in sorted((root / "kb").glob("*.md"))[:300]:
                path.write_text(path.read_text() + f"\nEdited in round {round_number}.\n")
        stages = _full_build_stages(config, set(_generation_folders(config))) if full else _incremental_stages(config)
        label, reached = stages[round_number]
        args = [sys.executable, "-m", "kbtool", "--root", str(root), "index"] + (["--full"] if full else [])
        process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if wait_until(lambda: reached() or process.poll() is not None) and process.poll() is None:
            killed_midway.append(label)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert current_generation(config) is not None
        hits = search("bitlocker recovery key", config).hits
        assert {hit.id for hit in hits} == expected, label
    assert len(killed_midway) >= 2, f"the indexer finished before it could be killed (killed at: {killed_midway})"
    result = update(config)
    assert is_current(config) and result.documents == 600


@pytest.mark.slow
def test_search_during_a_full_rebuild_keeps_working(tmp_path: Path) -> None:
    root = _big_kb(tmp_path, 600)
    config = load_config(root)
    update(config)
    process = subprocess.Popen([sys.executable, "-m", "kbtool", "--root", str(root), "index", "--full"], stderr=subprocess.DEVNULL)
    searches = 0
    while process.poll() is None:
        assert search("vpn disconnecting", config).hits
        searches += 1
    assert process.returncode == 0 and searches > 0
    assert search("vpn disconnecting", config).hits


def test_leftovers_of_killed_builds_are_cleaned_up_only_when_old(config) -> None:  # type: ignore[no-untyped-def]
    from kbtool.search.generations import UNFINISHED_GRACE, index_root

    update(config)
    root = index_root(config)
    fresh, stale = root / "gen-19990101000000-fresh", root / "gen-19990101000000-stale"
    for leftover in (fresh, stale):
        leftover.mkdir()
        (leftover / "segment.seg").write_text("half written")
    old = time.time() - UNFINISHED_GRACE - 10
    os.utime(stale, (old, old))
    update(config, full=True)
    assert fresh.exists() and not stale.exists()
