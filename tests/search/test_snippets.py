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


def test_the_sliding_window_agrees_with_counting_each_window() -> None:
    import random

    from kbtool.search.snippets import best_window

    rng = random.Random(5)
    for _ in range(200):
        position, matches = 0, []
        for _ in range(rng.randrange(1, 60)):
            position += rng.randrange(1, 90)
            word = rng.choice(["vpn", "printer", "queue", "spooler"])
            matches.append((position, position + len(word), word))
            position += len(word)

        brute_start, brute_score = 0, -1
        for index, (begin, _, _) in enumerate(matches):
            start = max(0, begin - 40)
            score = len({word for _, end, word in matches[index:] if end <= start + 220})
            if score > brute_score:
                brute_start, brute_score = start, score
        assert best_window(matches, 220) == brute_start


def test_snippet_time_is_linear_in_a_huge_document_full_of_matches() -> None:
    import time

    def cost(repeats: int) -> float:
        text = "Reset the password, then reset the password again. " * repeats
        started = time.perf_counter()
        make_snippet(text, term_pattern({"password", "reset"}))
        return time.perf_counter() - started

    small, large = min(cost(1000) for _ in range(3)), min(cost(10000) for _ in range(3))
    assert large < small * 40  # ten times the text: about ten times the time, never a hundred
