from __future__ import annotations

import posixpath

import pytest
from hypothesis import given, strategies as st

from kbtool.site.urls import between, markdown_link, page_url, relative_url


@pytest.mark.parametrize(
    ("site_path", "directory_urls", "expected"),
    [
        ("index.md", True, ""),
        ("kb/index.md", True, "kb/"),
        ("kb/kb-0007-vpn.md", True, "kb/kb-0007-vpn/"),
        ("kb/kb-0007-vpn.md", False, "kb/kb-0007-vpn.html"),
        ("kb/network/kb-0008 x.md", True, "kb/network/kb-0008%20x/"),
        ("health.md", True, "health/"),
    ],
)
def test_page_url_follows_mkdocs_rule(site_path: str, directory_urls: bool, expected: str) -> None:
    assert page_url(site_path, directory_urls) == expected


@pytest.mark.parametrize(
    ("start", "target", "directory_urls", "expected"),
    [
        ("kb/kb-0007-vpn.md", "tags/vpn.md", True, "../../tags/vpn/"),
        ("kb/kb-0007-vpn.md", "tags/vpn.md", False, "../tags/vpn.html"),
        ("index.md", "kb/index.md", True, "kb/"),
        ("health.md", "sops/sop-0001-a.md", True, "../sops/sop-0001-a/"),
        ("kb/kb-0007-vpn.md", "kb/kb-0007-vpn.md", True, "./"),
    ],
)
def test_relative_url_between_pages(start: str, target: str, directory_urls: bool, expected: str) -> None:
    assert relative_url(start, target, directory_urls) == expected


def test_between_addresses_leads_to_the_site_root() -> None:
    assert between("KB-0007/", "kb/kb-0007-vpn/") == "../kb/kb-0007-vpn/"
    assert between("", "KB-0007/") == "KB-0007/"


def test_markdown_link_is_relative_to_the_source_file() -> None:
    assert markdown_link("kb/kb-0001-a.md", "sops/sop-0001-b.md") == "../sops/sop-0001-b.md"
    assert markdown_link("index.md", "kb/index.md") == "kb/index.md"


@given(st.lists(st.sampled_from(["kb", "sops", "a", "b"]), max_size=3), st.lists(st.sampled_from(["kb", "sops", "a", "c"]), max_size=3))
def test_markdown_link_agrees_with_relpath(start: list[str], target: list[str]) -> None:
    source, destination = "/".join([*start, "x.md"]), "/".join([*target, "y.md"])
    assert markdown_link(source, destination) == posixpath.relpath(destination, posixpath.dirname(source) or ".")


@given(
    st.lists(st.sampled_from(["kb", "sops", "a", "b"]), max_size=3), st.booleans(),
    st.lists(st.sampled_from(["kb", "sops", "a", "c"]), max_size=3), st.booleans(),
)
def test_between_agrees_with_relpath(start: list[str], start_is_folder: bool, target: list[str], target_is_folder: bool) -> None:
    from_url = "/".join(start) + ("/" if start and start_is_folder else ("/x.html" if start else ""))
    to_url = "/".join(target) + ("/" if target and target_is_folder else ("/y.html" if target else "y.html"))
    from_folder = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    expected = posixpath.relpath(to_url.rstrip("/") or ".", from_folder.rstrip("/") or ".") + ("/" if to_url.endswith("/") else "")
    assert posixpath.normpath(posixpath.join(from_folder or ".", between(from_url, to_url))) == posixpath.normpath(posixpath.join(from_folder or ".", expected))
