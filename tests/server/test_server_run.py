"""`kbtool serve` started from the command line: announcing, opening a browser."""
from __future__ import annotations

import pytest


def test_open_says_so_when_no_browser_can_be_opened(monkeypatch: pytest.MonkeyPatch) -> None:
    import webbrowser

    from kbtool.server.run import open_page

    said: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url: False)  # a machine without a desktop
    open_page("http://127.0.0.1:8080/", said.append)
    assert said == ["kbtool: no browser could be opened here: open http://127.0.0.1:8080/ yourself"]
