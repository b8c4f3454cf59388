"""The "copy for ticket" text (kbtool/server/ticket.py)."""
from __future__ import annotations

from kbtool.core.discovery import find_document
from kbtool.server.ticket import ticket_text
from kbtool.view import view

from conftest import write


def ticket(config, doc_id: str) -> str:  # type: ignore[no-untyped-def]
    return ticket_text(view(config, find_document(config, doc_id)))


def test_a_troubleshooting_article_gives_its_resolution(config) -> None:  # type: ignore[no-untyped-def]
    assert ticket(config, "KB-0002") == (
        "KB-0002 VPN keeps disconnecting\n"
        "Resolution:\n"
        "1. Ask how often it drops and what network the caller is on.\n"
        "2. Switch to the other gateway and turn off Wi-Fi power saving.\n"
    )


def test_an_sop_gives_its_procedure_with_its_version(config) -> None:  # type: ignore[no-untyped-def]
    text = ticket(config, "SOP-0001")
    assert text.splitlines()[:3] == [
        "SOP-0001 MFA reset for a lost phone (version 2.1.0)",
        "Procedure:",
        "1. Verify the caller's identity with a video call.",
    ]
    assert "Escalation" not in text


def test_a_howto_gives_its_steps_with_references_readable(config) -> None:  # type: ignore[no-untyped-def]
    text = ticket(config, "KB-0001")
    assert text.startswith("KB-0001 Reset a forgotten password\nSteps:\n1. Open the password reset page")
    assert "see KB-0002." in text and "[[" not in text


def test_a_guide_without_an_action_section_gives_its_whole_body(config) -> None:  # type: ignore[no-untyped-def]
    text = ticket(config, "KB-0003")
    assert "\nGreeting:\nSay your name" in text and "\nClosing:\nConfirm the fix worked" in text


def test_markup_code_and_nested_steps_become_plain_text(kb, config) -> None:  # type: ignore[no-untyped-def]
    path = kb / "kb/kb-0002-vpn-keeps-disconnecting.md"
    text = path.read_text().replace(
        "2. Switch to the other gateway and turn off Wi-Fi power saving.",
        "2. Run **this** in `cmd`:\n\n```\nipconfig /flushdns\n```\n\n3. Check <b>both</b> places:\n   - the *gateway*\n   - the [portal](https://vpn.example)",
    )
    write(kb, "kb/kb-0002-vpn-keeps-disconnecting.md", text)
    assert ticket(config, "KB-0002").splitlines()[2:] == [
        "1. Ask how often it drops and what network the caller is on.",
        "2. Run this in cmd:",
        "    ipconfig /flushdns",
        "3. Check both places:",
        "   - the gateway",
        "   - the portal",
    ]
