"""Content-model facts: ids in every common spelling, structures."""
from __future__ import annotations

import pytest

from kbtool.core.model import ID_PATTERN, format_id, ids_in, normalise_id, structure_of, type_of_id


@pytest.mark.parametrize(
    "typed, canonical",
    [
        ("KB-0007", "KB-0007"), ("kb-0007", "KB-0007"), ("kb-7", "KB-0007"), ("KB7", "KB-0007"), ("kb 7", "KB-0007"),
        ("kb_0007", "KB-0007"), ("  sop 3 ", "SOP-0003"), ("SOP-0012", "SOP-0012"), ("kb-12345", "KB-12345"),
    ],
)
def test_an_id_in_any_common_spelling_is_normalised(typed: str, canonical: str) -> None:
    assert normalise_id(typed) == canonical
    assert ID_PATTERN.match(canonical)


@pytest.mark.parametrize("text", ["kb", "kbx7", "KB-", "7", "abc-0007", "kb 7 vpn", "ksop3"])
def test_other_text_is_not_an_id(text: str) -> None:
    assert normalise_id(text) is None


def test_ids_in_text() -> None:
    assert ids_in("see kb7, then SOP 3 and KB-0007 again; not mykb7 or kb-7x") == ["KB-0007", "SOP-0003"]


def test_format_and_type_of_id() -> None:
    assert format_id("sop", 3) == "SOP-0003" and type_of_id("SOP-0003") == "sop" and type_of_id("X-1") is None


@pytest.mark.parametrize("doc_type, kind, structure", [("sop", None, "sop"), ("article", "howto", "howto"), ("article", "essay", None), ("article", 3, None)])
def test_structure_of(doc_type: str, kind: object, structure: str | None) -> None:
    assert structure_of(doc_type, kind) == structure


def test_ids_of_more_than_four_digits_keep_their_digits() -> None:
    from kbtool.core.model import spelled_ids

    assert normalise_id("KB-00042") == "KB-00042" and normalise_id("kb-12345") == "KB-12345"
    assert spelled_ids("kb", "00042") == ["KB-00042", "KB-0042"] and spelled_ids("sop", "3") == ["SOP-0003"]
