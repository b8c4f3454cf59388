"""The document view shared by show, the site and the server."""
from __future__ import annotations

import datetime

from kbtool.core.discovery import find_document
from kbtool.view import view


def test_owner_review_and_related_titles(config) -> None:  # type: ignore[no-untyped-def]
    shown = view(config, find_document(config, "KB-0001"), today=datetime.date(2026, 11, 23))
    assert (shown.owner_name, shown.owner_team) == ("Ivan Identity", "Identity and Access")
    assert shown.related == ["KB-0002"] and shown.titles == {"KB-0002": "VPN keeps disconnecting"}
    assert shown.review.state in {"fresh", "due-soon"}
    data = shown.to_dict()
    assert data["related"] == [{"id": "KB-0002", "title": "VPN keeps disconnecting"}] and data["meta"]["created"] == "2025-01-10"


def test_an_unknown_owner_is_shown_as_written(config, kb) -> None:  # type: ignore[no-untyped-def]
    path = kb / "kb/kb-0003-answering-a-call.md"
    path.write_text(path.read_text().replace("owner: ann.agent", "owner: someone.else"))
    assert view(config, find_document(config, "KB-0003")).owner_name == "someone.else"


def test_the_edit_address_is_filled_in_without_format_strings(kb, config) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    assert view(config, find_document(config, "KB-0001")).edit_url is None
    templated = dataclasses.replace(config, edit_url_template="https://git.example/{path}?id={id}&x={0.__class__}")
    shown = view(templated, find_document(config, "KB-0001"))
    assert shown.edit_url == "https://git.example/kb/kb-0001-reset-a-password.md?id=KB-0001&x={0.__class__}"
    assert shown.to_dict()["edit_url"] == shown.edit_url
