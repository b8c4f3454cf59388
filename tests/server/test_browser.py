"""The agent's page in a real browser (Debian's chromium driven by Playwright), keyboard only.

Skipped with a reason when Playwright or /usr/bin/chromium is missing; CI installs both (.ci/run).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

import pytest
from click.testing import CliRunner

from kbtool.cli import cli

from conftest import make_kb
from running import running

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]

HOSTILE = """---
id: KB-0006
title: "Outlook add-in <script>window.pwned = 'title'</script> crashes"
summary: Hostile markup in every place a document can hold it.
status: published
owner: ann.agent
audience: agent
kind: troubleshooting
tags: [accounts]
created: 2026-01-05
reviewed: 2026-11-01
---

## Issue

The add-in crashes. <script>window.pwned = 'inline'</script> <img src=x onerror="window.pwned = 'image'">

<script>
window.pwned = 'block';
</script>

<iframe src="https://evil.example/"></iframe>

## Environment

Outlook on Windows 11.

## Resolution

1. Click [here](javascript:window.pwned='link') and remove the add-in.
2. Restart Outlook.

## Cause

A broken add-in update.
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install -e '.[test]')")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = make_kb(tmp_path / "kb-root")
    (root / "kb/kb-0006-hostile.md").write_text(HOSTILE, encoding="utf-8")
    return root


def test_an_agent_finds_reads_copies_and_flags_with_the_keyboard_only(browser: Any, site: Path) -> None:
    from playwright.sync_api import expect

    with running(site) as client:
        base = f"http://127.0.0.1:{client.port}"
        context = browser.new_context(viewport={"width": 1280, "height": 720}, permissions=["clipboard-read", "clipboard-write"])
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))

        # An answer held back: the one for "vpn", sent while typing, arrives after the final one.
        held: list[Any] = []

        def hold_early_answer(route: Any) -> None:
            if "q=vpn&" in route.request.url and not held:
                held.append(route)
            else:
                route.continue_()

        page.route("**/api/search?*", hold_early_answer)
        page.goto(base + "/")
        expect(page.locator("#q")).to_be_focused()  # the box has focus on load

        # A typo, letter by letter. The query the agent stops at is sent once more, to be logged.
        with page.expect_response(lambda response: "log=1" in response.url, timeout=60_000):
            page.keyboard.type("vpn keeps droping", delay=150)
        first = page.locator("#results li").first
        expect(first).to_contain_text("KB-0002")
        expect(first).to_contain_text("VPN keeps disconnecting")
        expect(page.locator("#did-you-mean")).to_contain_text("dropping")
        assert held, "the early answer was not held back"
        answers = int(page.get_attribute("#results", "data-answers") or 0)
        held[0].continue_()  # the stale answer to "vpn", the only one still out, arrives last ...
        page.wait_for_function(f"Number(document.getElementById('results').dataset.answers) > {answers}")
        assert page.is_visible("#did-you-mean")  # ... and is not shown over the newer one
        expect(first).to_contain_text("KB-0002")
        expect(page.locator("#status")).to_contain_text("result(s)")

        # Open it with the keyboard: arrows move, Enter opens.
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowUp")
        page.keyboard.press("Enter")
        expect(page.locator("#doc-title")).to_have_text("VPN keeps disconnecting")
        expect(page.locator("#doc-review")).to_contain_text("OVERDUE")
        assert page.eval_on_selector("#doc-review", "node => getComputedStyle(node).color") == "rgb(180, 35, 24)"  # red
        expect(page.locator("ol.steps > li")).to_have_count(2)

        # Copy for ticket: focus is on the button; Enter presses it.
        expect(page.locator("#copy")).to_be_focused()
        page.keyboard.press("Enter")
        expect(page.locator("#copy-status")).to_contain_text("Copied KB-0002")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith("KB-0002 VPN keeps disconnecting\nResolution:\n1. Ask how often it drops")
        assert copied == page.input_value("#ticket-text")

        # Flag a problem: f opens the form, Tab moves to the name, Enter sends.
        page.keyboard.press("f")
        expect(page.locator("#flag-message")).to_be_focused()
        page.keyboard.type("Step 2 names the old gateway.")
        page.keyboard.press("Tab")
        page.keyboard.type("Sam")
        page.keyboard.press("Enter")
        expect(page.locator("#flag-status")).to_contain_text("Flag recorded")

        # Esc goes back to the box, / focuses it from anywhere.
        page.keyboard.press("Escape")
        expect(page.locator("#q")).to_be_focused()
        expect(page.locator("#document")).to_be_hidden()
        page.keyboard.press("Tab")  # to the type picker
        expect(page.locator("#q")).not_to_be_focused()
        page.keyboard.press("/")
        expect(page.locator("#q")).to_be_focused()

        # A document full of hostile markup: shown as text, nothing runs.
        page.keyboard.type("outlook add-in crashes", delay=20)
        expect(page.locator("#results li").first).to_contain_text("KB-0006")
        page.keyboard.press("Enter")
        expect(page.locator("#doc-title")).to_contain_text("<script>window.pwned = 'title'</script>")
        expect(page.locator("#doc-body")).to_contain_text("The add-in crashes.")
        assert page.evaluate("typeof window.pwned") == "undefined"
        assert page.locator("#document script, #document img, #document iframe").count() == 0
        assert page.locator("#doc-body a", has_text="here").count() == 0  # the javascript: link is plain text
        assert dialogs == [] and errors == []
        context.close()

    flags = json.loads(CliRunner().invoke(cli, ["--root", str(site), "feedback", "--format", "json"]).stdout)
    assert flags["documents"][0]["id"] == "KB-0002"
    assert flags["documents"][0]["flags"][0] | {"time": "", "digest": ""} == {"time": "", "id": "KB-0002", "message": "Step 2 names the old gateway.", "agent": "Sam", "digest": ""}
    assert requests and all(url.startswith(base + "/") for url in requests), [url for url in requests if not url.startswith(base)]


def test_the_page_reads_well_on_a_narrow_screen(browser: Any, site: Path, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    with running(site) as client:
        page = browser.new_page(viewport={"width": 390, "height": 800})
        page.goto(f"http://127.0.0.1:{client.port}/")
        page.keyboard.type("mfa lost phone", delay=20)
        expect(page.locator("#results li").first).to_contain_text("SOP-0001")
        page.keyboard.press("Enter")
        expect(page.locator("#doc-version")).to_have_text("version 2.1.0")
        expect(page.locator("#results-pane")).to_be_hidden()  # one column: the document replaces the list
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the screen
        page.screenshot(path=str(tmp_path / "narrow.png"))
        page.close()
