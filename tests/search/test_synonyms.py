"""The synonym file: groups of words or phrases that mean the same."""
from __future__ import annotations

from pathlib import Path

import pytest

from kbtool.core.config import load_config
from kbtool.core.errors import ConfigError
from kbtool.search.synonyms import load_synonyms, parse_groups

from conftest import write
from rule_examples import assert_situation_triggers_only_its_rule, situations_for


def test_longest_phrase_matches_first() -> None:
    synonyms = parse_groups([["mfa", "multi factor authentication"], ["multi", "many"]], "test")
    assert synonyms.match(["multi", "factor", "authentication", "reset"], 0) == (3, (("mfa",),))
    assert synonyms.match(["reset"], 0) == (1, ())


@pytest.mark.parametrize("groups", [{"pw": "password"}, [["alone"]], [["a", 3]]])
def test_bad_groups_are_configuration_errors(groups: object) -> None:
    with pytest.raises(ConfigError):
        parse_groups(groups, "test")


def test_a_missing_file_means_only_the_shipped_synonyms(kb: Path) -> None:
    (kb / "meta/synonyms.yml").unlink()
    write(kb, "kbtool.yml", "search:\n  default_synonyms: false\n")
    assert load_synonyms(load_config(kb)).alternatives == {}
    write(kb, "kbtool.yml", "")
    assert load_synonyms(load_config(kb)).match(["o365"], 0)[1]


def test_the_file_is_read(kb: Path) -> None:
    write(kb, "meta/synonyms.yml", "groups:\n  - [gp, globalprotect]\n")
    assert load_synonyms(load_config(kb)).match(["gp"], 0) == (1, (("globalprotect",),))


def test_the_shipped_service_desk_list_is_well_formed() -> None:
    from kbtool.search.analysis import words
    from kbtool.search.synonyms import default_groups

    groups = default_groups()
    assert len(groups) >= 150
    seen: dict[tuple[str, ...], int] = {}
    for number, group in enumerate(groups):
        assert len(group) >= 2 and len(set(group)) == len(group), group
        for entry in group:
            assert entry == entry.lower() and 1 <= len(words(entry)) <= 4, entry
            key = tuple(words(entry))
            assert key not in seen, f"{entry!r} is in two groups ({seen.get(key)} and {number})"
            seen[key] = number


def test_a_knowledge_base_extends_the_shipped_list(kb: Path) -> None:
    write(kb, "meta/synonyms.yml", "groups:\n  - [bw-corp, office wifi]\n  - [o365, brightwater cloud]\n")
    synonyms = load_synonyms(load_config(kb))
    assert synonyms.match(["bw", "corp"], 0)[1] == (("office", "wifi"),)
    o365 = dict.fromkeys(synonyms.match(["o365"], 0)[1])
    assert ("brightwater", "cloud") in o365 and ("microsoft", "365") in o365, "the shipped group keeps its entries"


def test_extending_the_parsed_shipped_list_equals_parsing_both_lists_together(kb: Path) -> None:
    from kbtool.search.synonyms import default_groups

    own = [["o365", "brightwater cloud"], ["pw", "passphrase"], ["bw-corp", "office wifi"], ["password", "secret word"]]
    write(kb, "meta/synonyms.yml", "groups:\n" + "".join(f"  - [{', '.join(group)}]\n" for group in own))
    assert load_synonyms(load_config(kb)) == parse_groups(default_groups() + own, "test")


def test_the_shipped_list_can_be_left_out(kb: Path) -> None:
    write(kb, "kbtool.yml", "search:\n  default_synonyms: false\n")
    assert load_synonyms(load_config(kb)).match(["o365"], 0) == (1, ())


@pytest.mark.parametrize("rule", situations_for("kbtool/search/synonyms.py"))
def test_a_broken_synonym_file_is_a_finding(kb: Path, rule: str) -> None:
    assert_situation_triggers_only_its_rule(kb, rule)


@pytest.mark.parametrize("text", ["groups:\n  - [pw, password\n", "", "groups: 3\n", "- [a, b]\n"])
def test_search_degrades_to_the_shipped_list_and_says_so(kb: Path, text: str) -> None:
    from click.testing import CliRunner

    from kbtool.cli import cli

    write(kb, "meta/synonyms.yml", text)
    result = CliRunner().invoke(cli, ["--root", str(kb), "search", "globalprotect"])
    assert result.exit_code == 0 and "KB-0002" in result.stdout
    assert "[synonyms-file]" in result.stderr and "kbtool's own synonyms only" in result.stderr


def test_parsed_synonyms_are_kept_beside_the_index_and_follow_the_files(kb: Path) -> None:
    from kbtool import api
    from kbtool.search.generations import index_root
    from kbtool.search.synonyms import usable_synonyms

    api.index(kb)
    config = load_config(kb)
    kept = index_root(config) / "synonyms.json"
    kept.unlink(missing_ok=True)
    first, _ = usable_synonyms(config)
    assert kept.is_file() and usable_synonyms(config) == (first, None) == (load_synonyms(config), None)
    write(kb, "meta/synonyms.yml", "groups:\n  - [gp, globalprotect]\n")
    changed, _ = usable_synonyms(config)
    assert changed.match(["gp"], 0) == (1, (("globalprotect",),)), "an edited file is read again, not the kept copy"
    kept.write_text("{not json", encoding="utf-8")
    assert usable_synonyms(config) == (changed, None), "a damaged copy is parsed again from the files"
    write(kb, "meta/synonyms.yml", "groups: 3\n")
    assert usable_synonyms(config)[1] is not None and usable_synonyms(config)[1] is not None, "a broken file is reported every time"
