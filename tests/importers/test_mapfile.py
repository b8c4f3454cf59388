"""The import map file (`kbtool.importers.mapfile`)."""
from __future__ import annotations

from pathlib import Path

import pytest

from kbtool.core.errors import KbError
from kbtool.importers.mapfile import ImportMap, read_map

from conftest import write


def test_a_full_map(tmp_path: Path) -> None:
    path = write(tmp_path, "map.yml", "owners:\n  Cloud-Writer: ann.agent\ntags:\n  Outlook: mail\n  Outlook/Mobile: [mail, mobile]\n  qa:\ndefault_tags: [imported]\nunknown_authors: default\nfolder_tags: false\nstatus: draft\naudience: customer\n")
    assert read_map(path) == ImportMap(
        owners={"cloud-writer": "ann.agent"}, tags={"outlook": ["mail"], "outlook/mobile": ["mail", "mobile"], "qa": []},
        default_tags=["imported"], unknown_authors="default", folder_tags=False, status="draft", audience="customer",
    )


def test_no_map_is_the_defaults() -> None:
    assert read_map(None) == ImportMap()


@pytest.mark.parametrize(
    "text, message",
    [
        ("owner:\n  a: b\n", "`owner` is not a setting"),
        ("owners: [a]\n", "`owners` must map"),
        ("owners:\n  a: [b]\n", "must name an owner id"),
        ("tags:\n  a: {b: c}\n", "must be a tag, a list of tags or null"),
        ("unknown_authors: ignore\n", "must be one of add, default"),
        ("folder_tags: maybe\n", "must be true or false"),
        ("status: live\n", "must be one of draft, published, archived"),
        ("- a\n", "must be a mapping"),
        ("owners: [\n", "invalid YAML"),
    ],
)
def test_bad_maps_are_usage_errors(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(KbError, match=message) as raised:
        read_map(write(tmp_path, "map.yml", text))
    assert raised.value.exit_code == 2
