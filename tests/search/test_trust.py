"""Search an agent can trust: exact ids first, honest confidence, nothing left out silently, checked filters."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kbtool import api
from kbtool.cli import cli
from kbtool.core.config import read_yaml_file
from kbtool.core.errors import UsageError

from conftest import REPO_ROOT, write


def run(root: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--root", str(root), *args])


@pytest.fixture(scope="module")
def starter(starter_kb: Path) -> Path:
    api.index(starter_kb)
    return starter_kb


# --- 1. exact ids --------------------------------------------------------------
@pytest.mark.parametrize(
    "typed, wanted",
    [("KB-0007", "KB-0007"), ("kb-0007", "KB-0007"), ("KB7", "KB-0007"), ("kb-7", "KB-0007"), ("kb 7", "KB-0007"),
     ("SOP-0003", "SOP-0003"), ("sop 3", "SOP-0003"), ("SOP-0001", "SOP-0001"), ("sop1", "SOP-0001"), ("kb7 vpn", "KB-0007")],
)
def test_an_id_in_any_spelling_puts_that_document_first(starter: Path, typed: str, wanted: str) -> None:
    results = api.search(starter, typed, log=False)
    assert results.hits[0].id == wanted and results.confidence == "exact"


def test_documents_that_mention_the_id_follow_it(starter: Path) -> None:
    ids = [hit.id for hit in api.search(starter, "KB-0007", limit=10, log=False).hits]
    assert ids[0] == "KB-0007" and len(ids) > 1


def test_an_id_no_document_has_stays_ordinary_text(starter: Path) -> None:
    results = api.search(starter, "kb 4023057 update", log=False)
    assert all(hit.id != "KB-4023057" for hit in results.hits) and results.confidence != "exact"


# --- 2. honest signals ----------------------------------------------------------
@pytest.mark.slow  # several hundred searches: a calibration, not a unit check
def test_answerable_queries_are_mostly_strong_and_unanswerable_ones_weak(starter: Path) -> None:
    answerable = [entry["query"] for entry in read_yaml_file(REPO_ROOT / "tests/relevance/queries.yml", "queries")]
    unanswerable = read_yaml_file(REPO_ROOT / "tests/relevance/unanswerable/starter.yml", "queries")
    trusted = [api.search(starter, query, log=False).confidence in ("strong", "exact") for query in answerable]
    doubted = [api.search(starter, query, log=False).confidence in ("weak", "none") for query in unanswerable]
    assert sum(trusted) / len(trusted) >= 0.85
    assert sum(doubted) / len(doubted) >= 0.9


def test_a_weak_result_set_says_so_in_text_and_json(starter: Path) -> None:
    query = ["blue", "screen", "of", "death", "stop", "code", "irql"]
    text = run(starter, "search", *query)
    assert text.exit_code == 0 and text.stdout.startswith("No strong match for 'blue screen of death stop code irql'")
    assert json.loads(run(starter, "search", *query, "--json").stdout)["confidence"] == "weak"
    assert json.loads(run(starter, "search", "vpn", "keeps", "droping", "--json").stdout)["confidence"] == "strong"


# --- 3. nothing leaves search silently --------------------------------------------
def test_a_broken_document_is_named_on_every_search_and_index(kb: Path) -> None:
    api.index(kb)
    article = kb / "kb/kb-0002-vpn-keeps-disconnecting.md"
    article.write_text(article.read_text().replace("tags: [vpn]", "tags: [vpn"))
    searched = run(kb, "search", "globalprotect")
    assert "kb/kb-0002-vpn-keeps-disconnecting.md:" in searched.stderr and "[yaml-syntax]" in searched.stderr
    assert "left out of search" in searched.stderr
    again = run(kb, "search", "vpn", "--json")
    assert "left out of search" in again.stderr
    assert [(w["path"], w["rule"]) for w in json.loads(again.stdout)["warnings"]] == [("kb/kb-0002-vpn-keeps-disconnecting.md", "yaml-syntax")]
    indexed = run(kb, "index")
    assert "up to date" in indexed.stderr and "kb/kb-0002-vpn-keeps-disconnecting.md" in indexed.stderr
    article.write_text(article.read_text().replace("tags: [vpn\n", "tags: [vpn]\n"))
    fixed = run(kb, "search", "globalprotect")
    assert "left out" not in fixed.stderr and "KB-0002" in fixed.stdout


def test_a_folder_that_cannot_be_listed_is_named_on_every_search(kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    (kb / "kb" / "locked").mkdir()
    real_scandir = os.scandir

    def refuse(path):  # type: ignore[no-untyped-def]
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    results = api.search(kb, "vpn", log=False)
    assert [(f.path, f.rule) for f in results.warnings] == [("kb/locked", "file-unreadable")] and results.hits


def test_a_copy_of_an_sop_under_kb_never_answers_for_it(kb: Path) -> None:
    sop = (kb / "sops/sop-0001-mfa-reset.md").read_text()
    (kb / "kb/kb-0099-copy.md").write_text(sop)
    results = api.search(kb, "SOP-0001", log=False)
    assert [(hit.id, hit.path) for hit in results.hits][:1] == [("SOP-0001", "sops/sop-0001-mfa-reset.md")]
    assert all(hit.path != "kb/kb-0099-copy.md" for hit in results.hits)
    assert [(f.path, f.rule) for f in results.warnings] == [("kb/kb-0099-copy.md", "id-format")]


# --- 4. filters --------------------------------------------------------------------
@pytest.mark.parametrize(
    "args, message",
    [(["--tag", "vpnn"], "unknown --tag `vpnn`"), (["--owner", "ann.agnt"], "unknown --owner `ann.agnt`"),
     (["--type", "articel"], "articel"), (["--status", "publsihed"], "publsihed")],
)
def test_an_unknown_filter_value_is_a_usage_error_with_a_suggestion(kb: Path, args: list[str], message: str) -> None:
    result = run(kb, "search", "vpn", *args)
    assert result.exit_code == 2 and message in result.output
    assert "did you mean" in result.output.lower() or "one of" in result.output


def test_a_filter_value_in_other_letters_is_the_registrys_and_a_first_name_is_suggested(kb: Path) -> None:
    assert [hit.id for hit in api.search(kb, "vpn", tags=["VPN"], log=False).hits] == [hit.id for hit in api.search(kb, "vpn", tags=["vpn"], log=False).hits] != []
    result = run(kb, "search", "vpn", "--owner", "ann")
    assert result.exit_code == 2 and "did you mean `ann.agent`?" in result.output


def test_the_library_checks_filters_too(kb: Path) -> None:
    with pytest.raises(UsageError, match="did you mean `vpn`"):
        api.search(kb, "vpn", tags=["vnp"])


def test_an_empty_filtered_result_names_the_filter(kb: Path) -> None:
    result = run(kb, "search", "globalprotect", "--owner", "ivan.identity")
    assert result.exit_code == 1
    assert "No documents match 'globalprotect' with --owner ivan.identity." in result.stdout
    assert "1 document(s) match without those filters." in result.stdout


# --- 5. edge states -------------------------------------------------------------------
def test_an_empty_knowledge_base_has_no_documents(kb: Path) -> None:
    for path in list((kb / "kb").glob("*.md")) + list((kb / "sops").glob("*.md")):
        path.unlink()
    result = run(kb, "search", "vpn")
    assert result.exit_code == 1 and "No documents to search" in result.stdout and "internal error" not in result.output


def test_root_without_configuration_is_the_error_validate_gives_and_creates_nothing(tmp_path: Path) -> None:
    searched, validated = run(tmp_path, "search", "vpn"), run(tmp_path, "validate")
    assert searched.exit_code == validated.exit_code == 2
    assert f"no kbtool.yml found in {tmp_path}" in searched.stderr and f"no kbtool.yml found in {tmp_path}" in validated.stderr
    assert list(tmp_path.iterdir()) == []
