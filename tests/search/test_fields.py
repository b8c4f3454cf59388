"""A document's index fields."""
from __future__ import annotations

from kbtool.core.discovery import find_document
from kbtool.search.fields import document_fields, spellable_words


def test_fields_of_a_document(config) -> None:  # type: ignore[no-untyped-def]
    fields = document_fields(find_document(config, "KB-0002"))
    assert fields["id"] == "KB-0002" and fields["status"] == "published" and fields["tags"] == "vpn"
    assert "0x80070005" in str(fields["codes"]).split() and "kb-0002" in str(fields["codes"]).split()
    assert "kicked off vpn" in str(fields["about"])
    assert "Issue —" in str(fields["body"]) and "##" not in str(fields["body"])
    assert fields["meta"] == {"kind": "troubleshooting", "audience": "agent", "reviewed": "2026-02-01", "review_every": "3m", "created": "2024-02-12"}


def test_spellable_words_are_letters_only(config) -> None:  # type: ignore[no-untyped-def]
    words = spellable_words(document_fields(find_document(config, "KB-0002")))
    assert "globalprotect" in words and not any(ch.isdigit() for word in words for ch in word)
