"""The synonym file: groups of words or phrases that mean the same."""
from __future__ import annotations

from pathlib import Path

import pytest

from kbtool.core.config import load_config
from kbtool.core.errors import ConfigError
from kbtool.search.synonyms import load_synonyms, parse_groups

from conftest import write


def test_longest_phrase_matches_first() -> None:
    synonyms = parse_groups([["mfa", "multi factor authentication"], ["multi", "many"]], "test")
    assert synonyms.match(["multi", "factor", "authentication", "reset"], 0) == (3, (("mfa",),))
    assert synonyms.match(["reset"], 0) == (1, ())


@pytest.mark.parametrize("groups", [{"pw": "password"}, [["alone"]], [["a", 3]]])
def test_bad_groups_are_configuration_errors(groups: object) -> None:
    with pytest.raises(ConfigError):
        parse_groups(groups, "test")


def test_a_missing_file_means_no_synonyms(kb: Path) -> None:
    (kb / "meta/synonyms.yml").unlink()
    assert load_synonyms(load_config(kb)).alternatives == {}


def test_the_file_is_read(kb: Path) -> None:
    write(kb, "meta/synonyms.yml", "groups:\n  - [gp, globalprotect]\n")
    assert load_synonyms(load_config(kb)).match(["gp"], 0) == (1, (("globalprotect",),))
