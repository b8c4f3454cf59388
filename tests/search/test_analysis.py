"""Text analysis: words, stems and codes as the index and the queries see them."""
from __future__ import annotations

import pytest

from kbtool.search.analysis import codes_in, spelling_words, stem, words


@pytest.mark.parametrize(
    "text, codes",
    [
        ("error 0x80070005 and AADSTS50076", ["0x80070005", "aadsts50076"]),
        ("see KB-0007 or sop-0012", ["kb-0007", "sop-0012"]),
        ("ERR_CONNECTION_RESET in Chrome", ["err_connection_reset"]),
        ("plain words only", []),
        ("0x80070005 twice 0x80070005", ["0x80070005"]),
    ],
)
def test_codes_in(text: str, codes: list[str]) -> None:
    assert codes_in(text) == codes


def test_words_and_stems() -> None:
    assert words("Outlook's **Password** prompt") == ["outlook", "s", "password", "prompt"]
    assert stem("disconnecting") == stem("disconnects") and stem("the") is None


def test_spelling_words_are_long_alphabetic_words() -> None:
    assert spelling_words("VPN drops at Café 2024 abc globalprotect") == {"drops", "café", "globalprotect"}
