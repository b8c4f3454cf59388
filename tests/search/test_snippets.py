"""Snippets: the window with the most distinct matched words, highlighted."""
from __future__ import annotations

from kbtool.search.snippets import make_snippet, term_pattern


def test_the_window_with_most_distinct_matches_is_chosen() -> None:
    text = "Intro words. " * 40 + "Restart the printer spooler, then clear the print queue. " + "Filler. " * 40
    snippet = make_snippet(text, term_pattern({"spooler", "queue", "printer"}))
    assert "spooler" in snippet.text and "queue" in snippet.text
    assert snippet.text.startswith("…") and snippet.text.endswith("…")
    assert {snippet.text[start:end].lower() for start, end in snippet.highlights} >= {"spooler", "queue", "printer"}


def test_no_match_gives_the_start_of_the_text() -> None:
    snippet = make_snippet("First sentence here. Second one.", term_pattern({"zebra"}))
    assert snippet.text == "First sentence here. Second one." and snippet.highlights == []


def test_a_stem_highlights_its_inflections() -> None:
    snippet = make_snippet("The VPN disconnects and disconnected again.", term_pattern({"disconnect"}))
    assert [snippet.text[s:e] for s, e in snippet.highlights] == ["disconnects", "disconnected"]
