"""The built starter site in headless Chromium, as an agent uses it: served from localhost, nothing fetched from elsewhere.

Debian's chromium is driven through Playwright (never `playwright install`);
.ci/run installs it. Screenshots go to the test's temporary folder.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Iterator

import pytest

from conftest import git
from sitebuild import commit_on, mkdocs_build, starter_site

pytestmark = pytest.mark.slow
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
RENAMED_FROM, RENAMED_TO = "kb/kb-0012-slow-internet-working-from-home.md", "kb/kb-0012-slow-home-internet.md"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The starter site, with one document renamed in git, built and served on a free localhost port."""
    root = starter_site(tmp_path_factory.mktemp("browser-site"))
    git(root, "init", "-q", "-b", "main")
    commit_on(root, "2026-11-27", "Starter knowledge base")
    git(root, "mv", RENAMED_FROM, RENAMED_TO)
    commit_on(root, "2026-11-28", "Shorter name for the home internet article")
    done = mkdocs_build(root)
    assert done.returncode == 0, done.stderr
    # Served by `kbtool serve`, under /site/ with its own Content-Security-Policy:
    # the test also proves Pagefind and Material run under that policy.
    from kbtool import api

    server = api.open_server(root, port=0, poll_seconds=3600, announce=lambda line: None)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"{server.url.rstrip('/')}/site/"
    finally:
        server.shutdown()
        server.close()
        thread.join()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield launched
        finally:
            launched.close()


def test_an_agent_uses_the_site_and_nothing_leaves_localhost(served: str, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))

    # Home page, a plain query, the right result clicked.
    page.goto(served)
    page.fill(".kb-search-input", "vpn keeps disconnecting")
    first = page.locator(".kb-search-results li a").first
    first.wait_for()
    page.screenshot(path=str(tmp_path / "1-search.png"))
    assert first.inner_text() == "VPN keeps disconnecting"
    first.click()
    page.wait_for_url("**/kb/kb-0007-vpn-keeps-disconnecting/")
    assert page.locator("h1").first.inner_text() == "VPN keeps disconnecting"

    # A query in words the page does not use: "passcode" only reaches it through the synonym list.
    page.goto(served)
    page.fill(".kb-search-input", "passcode expired working remotely")
    first = page.locator(".kb-search-results li a").first
    first.wait_for()
    assert first.inner_text() == "Password expired while working remotely"
    first.click()
    page.wait_for_url("**/kb/kb-0006-password-expired-remote/")
    assert "passcode" not in page.locator("article").inner_text().lower()

    # An overdue page shows its banner.
    page.goto(served + "kb/kb-0014-add-follow-me-printer/")
    banner = page.locator(".kb-banner")
    assert banner.is_visible() and "Overdue for review" in banner.inner_text()
    page.screenshot(path=str(tmp_path / "2-overdue.png"))

    # The health page and its chart.
    page.goto(served)
    page.get_by_role("link", name="Knowledge health").first.click()
    page.wait_for_url("**/health/")
    chart = page.locator("figure.kb-figure svg")
    assert chart.is_visible() and chart.bounding_box()["width"] > 300
    assert "KB-0014" in page.locator(".kb-attention").inner_text()
    page.screenshot(path=str(tmp_path / "3-health.png"), full_page=True)

    # A stable id address, and the old address of a renamed document.
    page.goto(served + "KB-0007/")
    page.wait_for_url("**/kb/kb-0007-vpn-keeps-disconnecting/")
    page.goto(served + RENAMED_FROM.removesuffix(".md") + "/")
    page.wait_for_url("**/" + RENAMED_TO.removesuffix(".md") + "/")
    assert page.locator("h1").first.inner_text() == "Slow or unreliable internet when working from home"
    page.screenshot(path=str(tmp_path / "4-renamed.png"))

    # An SOP prints as its numbered steps, without the site around it.
    page.goto(served + "sops/sop-0001-password-reset/")
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible() and not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator(".kb-actions").is_visible()
    steps = page.locator("h2#procedure + ol > li")
    assert steps.count() >= 5 and steps.first.is_visible()
    page.pdf(path=str(tmp_path / "5-sop.pdf"))
    page.emulate_media(media="screen")

    assert requests and all(url.startswith(served) for url in requests), [url for url in requests if not url.startswith(served)]
    page.close()
