"""Tags for imported articles (`kbtool.importers.tags`)."""
from __future__ import annotations

from kbtool.importers.mapfile import ImportMap
from kbtool.importers.tags import TagResolver, tag_for, tag_for_folder


def test_folder_tags() -> None:
    assert tag_for_folder("Outlook/Mobile") == "outlook-mobile"
    assert tag_for_folder("Teams/teams-meetings") == "teams-meetings"
    assert tag_for_folder("Exchange/ExchangeHybrid") == "exchangehybrid"
    assert tag_for("Web Servers & Proxies") == "web-servers-proxies"


def test_mapped_folders_and_tags_win_and_free_tags_become_keywords() -> None:
    tags = TagResolver({"vpn": "VPN"}, ImportMap(tags={"guides/vpn": ["vpn", "remote"], "k8s": ["kubernetes"]}), "docs")
    assert tags.resolve(["guides", "guides/vpn"], ["k8s", "VPN", "lab exercise"]) == (["vpn", "remote", "kubernetes"], ["lab exercise"])
    assert tags.added == {"remote": "Imported: remote", "kubernetes": "Imported: kubernetes"}


def test_a_file_with_no_tag_gets_the_default_or_the_collection_tag() -> None:
    assert TagResolver({}, ImportMap(folder_tags=False, default_tags=["misc"]), "docs").resolve([], [])[0] == ["misc"]
    fallback = TagResolver({}, ImportMap(folder_tags=False), "Rocky Docs")
    assert fallback.resolve(["a"], [])[0] == ["rocky-docs"] and fallback.added == {"rocky-docs": "Imported from Rocky Docs"}
