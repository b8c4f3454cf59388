"""Front matter read leniently (`kbtool.importers.frontmatter`)."""
from __future__ import annotations

import datetime

import pytest

from kbtool.importers.frontmatter import first_text, loose_parse, normalise_key, split, text_list


@pytest.mark.parametrize("key, expected", [("Title", "title"), ("tested with", "tested_with"), ("tested*with", "tested_with"), ("ms.date", "ms.date"), ("  AUTHOR ", "author")])
def test_keys_are_normalised(key: str, expected: str) -> None:
    assert normalise_key(key) == expected


def test_valid_yaml_is_kept_as_parsed() -> None:
    front = split("---\nTitle: A\nms.date: 01/30/2024\ncreated: 2024-01-02\n---\nBody\n", {"title", "ms.date"})
    assert front.meta == {"title": "A", "ms.date": "01/30/2024", "created": datetime.date(2024, 1, 2)}
    assert front.original == {"Title": "A", "ms.date": "01/30/2024", "created": datetime.date(2024, 1, 2)}
    assert (front.body, front.body_line, front.raw) == ("Body\n", 6, None)


def test_invalid_yaml_is_read_line_by_line_and_kept_as_text() -> None:
    front = split("---\ntitle: Books\ncontributors: @fromoz, Ganna\ntags:\n  - a\n  - 'b'\n---\nBody", {"title"})
    assert front.meta == {"title": "Books", "contributors": "@fromoz, Ganna", "tags": ["a", "b"]}
    assert front.original is None and front.raw.startswith("title: Books")
    assert [(note.code, note.line) for note in front.notes] == [("yaml-invalid", 3)]


def test_a_misspelt_key_is_read_as_the_known_one_unless_both_exist() -> None:
    assert split("---\nappleisto: [x]\n---\n", {"appliesto"}).meta == {"appliesto": ["x"]}
    assert split("---\nappliesto: [x]\nappiesto: [y]\n---\n", {"appliesto"}).meta == {"appliesto": ["x"], "appiesto": ["y"]}


def test_the_first_non_empty_of_two_spellings_wins() -> None:
    assert split("---\ntitle:\nTitle: Real\n---\n", {"title"}).meta["title"] == "Real"


def test_loose_parse_keeps_the_first_value_of_a_repeated_key() -> None:
    assert loose_parse("a: 1\na: 2\nb:\n- x\nc: 'q'") == {"a": "1", "b": ["x"], "c": "q"}


def test_text_from_lists_numbers_and_nothing() -> None:
    assert first_text({"title": ["A", 2, None]}, ["title"]) == "A, 2"
    assert first_text({"title": None, "name": 8.1}, ["title", "name"]) == "8.1"
    assert text_list("a, b; c") == ["a", "b", "c"] and text_list(None) == [] and text_list(9) == ["9"]
