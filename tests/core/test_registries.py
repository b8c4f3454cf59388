"""The owners registry: handles for code review are checked as data."""
from __future__ import annotations

from pathlib import Path

import pytest

from kbtool.core.config import load_config
from kbtool.core.errors import ConfigError
from kbtool.core.registries import load_owners

from conftest import edit


@pytest.mark.parametrize("value, handle", [("ann-agent", "ann-agent"), ("'@ann-agent'", "ann-agent"), ("acme/service-desk", "acme/service-desk"), ("A1", "A1")])
def test_github_handles_are_read(kb: Path, value: str, handle: str) -> None:
    edit(kb, "meta/owners.yml", "    team: Service Desk\n", f"    team: Service Desk\n    github: {value}\n")
    owners = load_owners(load_config(kb))
    assert owners["ann.agent"].github == handle and owners["ivan.identity"].github == ""


@pytest.mark.parametrize("value", ["ann agent", "-ann", "ann--agent", "a" * 40, "12", "[ann]", "acme/", "ann@example.com"])
def test_a_bad_handle_is_a_configuration_error(kb: Path, value: str) -> None:
    edit(kb, "meta/owners.yml", "    team: Service Desk\n", f"    team: Service Desk\n    github: {value}\n")
    with pytest.raises(ConfigError, match="owner `ann.agent`: github .* is not a GitHub user name or team"):
        load_owners(load_config(kb))
