"""Search behaviour on a small real index: ranking aids, filters and forgiving input."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kbtool.cli import cli
from kbtool.search.indexer import update
from kbtool.search.searcher import Searcher

from conftest import write


@pytest.fixture
def searcher(config):  # type: ignore[no-untyped-def]
    update(config)
    with Searcher(config) as opened:
        yield opened


def ids(results) -> list[str]:  # type: ignore[no-untyped-def]
    return [hit.id for hit in results.hits]


def test_synonym_expands_an_abbreviation(searcher) -> None:  # type: ignore[no-untyped-def]
    assert ids(searcher.search("pw reset"))[0] == "KB-0001"


def test_multi_word_synonym(searcher) -> None:  # type: ignore[no-untyped-def]
    # "mfa" is in one group with the phrase "multi-factor authentication".
    assert "SOP-0001" in ids(searcher.search("mfa"))
    assert ids(searcher.search("multi-factor authentication lost phone"))[0] == "SOP-0001"


def test_synonyms_are_read_at_query_time(config, kb: Path) -> None:  # type: ignore[no-untyped-def]
    update(config)
    with Searcher(config) as before:
        assert ids(before.search("gp client")) == []
    write(kb, "meta/synonyms.yml", "groups:\n  - [gp client, globalprotect]\n")
    with Searcher(config) as after:
        assert ids(after.search("gp client")) == ["KB-0002"]


def test_typo_is_corrected_and_reported(searcher) -> None:  # type: ignore[no-untyped-def]
    results = searcher.search("passphrse")
    assert ids(results)[0] == "KB-0001"
    assert results.corrections == {"passphrse": "passphrase"}
    assert results.did_you_mean == "passphrase"


def test_typo_correction_does_not_swamp_exact_matches(searcher) -> None:  # type: ignore[no-untyped-def]
    # "gateway" is a real word in KB-0002: it must not be "corrected".
    results = searcher.search("gateway")
    assert results.corrections == {} and ids(results) == ["KB-0002"]


def test_error_code_matches_exactly(searcher) -> None:  # type: ignore[no-untyped-def]
    assert ids(searcher.search("0x80070005")) == ["KB-0002"]
    assert ids(searcher.search("0x80070006")) == []


def test_document_id_finds_the_document(searcher) -> None:  # type: ignore[no-untyped-def]
    assert ids(searcher.search("sop-0001"))[0] == "SOP-0001"


def test_quoted_phrase_must_appear_together(searcher) -> None:  # type: ignore[no-untyped-def]
    assert ids(searcher.search('"home or hotel"')) == ["KB-0002"]
    assert ids(searcher.search('"hotel home"')) == []


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({}, {"KB-0002"}),
        ({"statuses": ("archived",)}, {"KB-0005"}),
        ({"statuses": ("published", "archived")}, {"KB-0002", "KB-0005"}),
        ({"statuses": ()}, {"KB-0002", "KB-0005"}),
        ({"doc_types": ("sop",)}, set()),
        ({"owners": ("ivan.identity",)}, set()),
        ({"tags": ("vpn",), "statuses": ("published", "archived", "draft")}, {"KB-0002", "KB-0005"}),
    ],
)
def test_filters(searcher, filters: dict, expected: set[str]) -> None:  # type: ignore[no-untyped-def]
    assert set(ids(searcher.search("vpn", **filters))) == expected


def test_drafts_are_hidden_unless_asked_for(searcher) -> None:  # type: ignore[no-untyped-def]
    assert ids(searcher.search("spooler")) == []
    assert ids(searcher.search("spooler", statuses=("draft",))) == ["KB-0004"]


@pytest.mark.parametrize("text", ['"', '"vpn', "AND", "vpn AND", "OR NOT", "*", "vpn*", ":", "title:", "(vpn", "vpn)", "~2", "^", "[[", "\\", "' OR 1=1 --", "\x00", "🙂", " "])
def test_query_syntax_never_raises(searcher, text: str) -> None:  # type: ignore[no-untyped-def]
    results = searcher.search(text)
    assert results.query == text and len(results.hits) <= results.total
    # Beside a real word, stray syntax neither breaks the query nor hides the answer.
    assert ids(searcher.search(f"{text} globalprotect"))[0] == "KB-0002"


def test_stray_syntax_is_searched_as_words(searcher) -> None:  # type: ignore[no-untyped-def]
    assert ids(searcher.search('vpn AND "keeps'))[0] == "KB-0002"
    assert ids(searcher.search("title:passphrase*"))[0] == "KB-0001"


def test_did_you_mean_when_nothing_matches(searcher) -> None:  # type: ignore[no-untyped-def]
    results = searcher.search("glbalprotect")
    assert results.did_you_mean == "globalprotect"


def test_snippet_highlights_the_matched_words(searcher) -> None:  # type: ignore[no-untyped-def]
    hit = searcher.search("hotel captive portals").hits[0]
    highlighted = [hit.snippet[start:end].lower() for start, end in hit.highlights]
    assert "hotel" in highlighted and any(word.startswith("captive") for word in highlighted)
    assert "**" not in hit.snippet and "##" not in hit.snippet


def test_question_words_are_ignored(searcher) -> None:  # type: ignore[no-untyped-def]
    assert ids(searcher.search("how do I reset my forgotten password"))[0] == "KB-0001"


def test_cli_json_and_limit(kb: Path) -> None:
    result = CliRunner().invoke(cli, ["--root", str(kb), "search", "vpn", "password", "--json", "--limit", "1"])
    data = json.loads(result.stdout)
    assert result.exit_code == 0 and len(data["hits"]) == 1 and data["total"] >= 2
    assert set(data["hits"][0]) >= {"id", "title", "path", "score", "snippet", "highlights", "owner", "tags"}


def test_cli_no_results_exits_1(kb: Path) -> None:
    result = CliRunner().invoke(cli, ["--root", str(kb), "search", "xylophone"])
    assert result.exit_code == 1 and "No published documents match 'xylophone'" in result.stdout


def test_cli_text_output_has_no_colour_when_not_a_terminal(kb: Path) -> None:
    result = CliRunner().invoke(cli, ["--root", str(kb), "search", "passphrase"])
    assert "1. KB-0001  Reset a forgotten password" in result.stdout and "\x1b[" not in result.stdout


def test_a_quoted_phrase_of_one_real_word_is_stemmed_once() -> None:
    from kbtool.search.analysis import stem
    from kbtool.search.query import phrase_query

    # "universal" stems to "univers", and stemming that again gives "univ".
    query = phrase_query(("the", "universal"))
    assert {term.text for term in query.leaves()} == {stem("universal")}


def test_a_long_lived_searcher_follows_a_full_rebuild_and_an_incremental_update(config, kb: Path) -> None:  # type: ignore[no-untyped-def]
    update(config)
    with Searcher(config) as searcher:
        assert searcher.refresh() is False, "nothing changed: no reopening"
        write(kb, "kb/kb-0003-answering-a-call.md", (kb / "kb/kb-0003-answering-a-call.md").read_text().replace("Listen before you type.", "Mention the zebra."))
        update(config)
        assert ids(searcher.search("zebra")) == [] and searcher.refresh() is True
        assert ids(searcher.search("zebra")) == ["KB-0003"]
        update(config, full=True)
        assert searcher.refresh() is True and ids(searcher.search("zebra")) == ["KB-0003"]


def test_filter_sets_are_remembered_within_a_bound(searcher, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from kbtool.search import searcher as module

    monkeypatch.setattr(module, "RESTRICTION_CACHE", 3)
    for owner in ("a", "b", "c", "d", "e"):
        searcher.search("vpn", owners=(owner,))
    assert len(searcher._restrictions) == 3


def test_a_one_off_searcher_reads_plain_files_and_a_long_lived_one_maps_them(config) -> None:  # type: ignore[no-untyped-def]
    """Whoosh copies each mapped file as it opens it: worth it for many queries, not for one."""
    update(config, full=True)
    with Searcher(config, one_off=True) as one_off, Searcher(config) as long_lived:
        assert one_off.index.storage.supports_mmap is False and long_lived.index.storage.supports_mmap is True
        assert [hit.id for hit in one_off.search("vpn").hits] == [hit.id for hit in long_lived.search("vpn").hits] != []
