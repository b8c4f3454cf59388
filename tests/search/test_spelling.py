"""Spelling suggestions from the index's own words, remembered within a bound."""
from __future__ import annotations

from pathlib import Path

from kbtool.search import spelling
from kbtool.search.spelling import Speller, read_vocabulary, write_vocabulary


def make(tmp_path: Path, counts: dict[str, int], known: set[str] | None = None) -> Speller:
    write_vocabulary(tmp_path, counts)
    return Speller(tmp_path, lambda word: known is None or word in known)


def test_vocabulary_round_trip_and_a_broken_file(tmp_path: Path) -> None:
    write_vocabulary(tmp_path, {"printer": 3})
    assert read_vocabulary(tmp_path) == {"printer": 3}
    (tmp_path / spelling.VOCABULARY).write_text("{broken")
    assert read_vocabulary(tmp_path) == {}


def test_the_most_common_close_word_wins(tmp_path: Path) -> None:
    speller = make(tmp_path, {"printer": 3, "pointer": 9, "printed": 1})
    assert speller.suggest("priter") == "printer"  # one edit beats the more common two-edit word
    assert speller.suggest("pronter") in {"printer", "pointer"}


def test_short_words_numbers_and_vanished_words_get_no_suggestion(tmp_path: Path) -> None:
    speller = make(tmp_path, {"wifi": 5, "printer": 2}, known={"wifi"})
    assert speller.suggest("wfi") is None and speller.suggest("printr2") is None
    assert speller.suggest("priter") is None  # in the word list, but no longer in the index


def test_suggestions_are_remembered_within_a_bound(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(spelling, "SUGGESTION_CACHE", 10)
    speller = make(tmp_path, {"printer": 3})
    for number in range(50):
        speller.suggest(f"unknownword{chr(97 + number % 26)}{number}")
    assert len(speller._cache) == 10
