"""The built knowledge site served under /site/: its files, inside its folder only, with its own policy."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import write
from running import running


@pytest.fixture
def built(kb: Path) -> Path:
    """A stand-in for `mkdocs build` output: the server serves whatever the site folder holds."""
    write(kb, "site/index.html", "<html><body>Knowledge base</body></html>")
    write(kb, "site/KB-0001/index.html", "<html><body>Reset a forgotten password</body></html>")
    write(kb, "site/pagefind/pagefind.wasm", "\0asm")
    write(kb, "secret.txt", "outside the site")
    return kb


def test_the_site_is_served_with_its_own_policy(built: Path) -> None:
    with running(built) as client:
        status, headers, body = client.request("GET", "/site/")
        assert status == 200 and b"Knowledge base" in body and headers["content-type"].startswith("text/html")
        assert "wasm-unsafe-eval" in headers["content-security-policy"] and "frame-ancestors 'none'" in headers["content-security-policy"]
        status, headers, body = client.request("GET", "/site/KB-0001/")
        assert status == 200 and b"Reset a forgotten password" in body
        status, headers, _ = client.request("GET", "/site/KB-0001")
        assert status == 301 and headers["location"] == "/site/KB-0001/"
        status, headers, _ = client.request("GET", "/site/pagefind/pagefind.wasm")
        assert status == 200 and headers["content-type"] == "application/wasm"
        status, headers, _ = client.request("GET", "/site")
        assert status == 301 and headers["location"] == "/site/"


@pytest.mark.parametrize("path", ["/site/../secret.txt", "/site/%2e%2e/secret.txt", "/site/..%2fsecret.txt", "/site/%00", "/site/.hidden", "/site/nowhere.html"])
def test_nothing_outside_the_site_folder_is_served(built: Path, path: str) -> None:
    write(built, "site/.hidden", "dot files are never served")
    with running(built) as client:
        status, _, body = client.request("GET", path)
        assert status == 404 and b"outside the site" not in body and b"never served" not in body


def test_a_link_out_of_the_site_folder_is_not_followed(built: Path) -> None:
    os.symlink(built / "secret.txt", built / "site" / "leak.txt")
    with running(built) as client:
        status, _, body = client.request("GET", "/site/leak.txt")
        assert status == 404 and b"outside the site" not in body


def test_an_unbuilt_site_says_how_to_build_it(kb: Path) -> None:
    with running(kb) as client:
        status, answer = client.get("/site/")
        assert status == 404 and "mkdocs build" in answer["error"]["hint"]
