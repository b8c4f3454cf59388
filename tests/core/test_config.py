"""Reading kbtool.yml: defaults, validation as data, paths relative to the root."""
from __future__ import annotations

from pathlib import Path

import pytest

from kbtool.core.config import find_root, load_config
from kbtool.core.dates import Interval
from kbtool.core.errors import ConfigError

from conftest import write


def test_defaults(tmp_path: Path) -> None:
    write(tmp_path, "kbtool.yml", "")
    config = load_config(tmp_path)
    assert (config.articles_dir, config.sops_dir, config.search_log) == ("kb", "sops", False)
    assert config.review_every == {"article": Interval(6, "m"), "sop": Interval(12, "m")}
    assert config.relevance_dir == "tests/relevance"


def test_settings_are_read(tmp_path: Path) -> None:
    write(tmp_path, "kbtool.yml", "articles_dir: articles/\nreview_every:\n  sop: 90d\nsearch:\n  log: true\n")
    config = load_config(tmp_path)
    assert config.articles_dir == "articles" and config.review_every["sop"] == Interval(90, "d") and config.search_log


@pytest.mark.parametrize(
    "text, message",
    [
        ("colour: blue\n", "`colour` is not a known setting"),
        ("max_file_size: -1\n", "positive number of bytes"),
        ("- a list\n", "must be a mapping"),
        ("articles_dir: ''\n", "must be a relative path"),
        ("site:\n  edit_url_template: javascript:alert(1)\n", "must be an http(s) address"),
        ("site:\n  edit_url: https://x.example/{path}\n", "must be a mapping such as `edit_url_template:"),
        ("schema_file: kbtool.yml\n", "must be a .json file of its own"),
        ("schema_file: meta/owners.json\nowners_file: meta/owners.json\n", "must be a .json file of its own"),
        ("schema_file: kb/kb-0001-reset.json\n", "must be a .json file of its own"),
        ("state_dir: kb\n", "`state_dir: kb` overlaps `articles_dir: kb`"),
        ("state_dir: meta\n", "`owners_file: meta/owners.yml` is inside `state_dir`"),
        ("articles_dir: .git\n", "is git's own folder"),
        ("state_dir: .git/kbtool\n", "is git's own folder"),
    ],
)
def test_bad_settings_are_configuration_errors(tmp_path: Path, text: str, message: str) -> None:
    write(tmp_path, "kbtool.yml", text)
    with pytest.raises(ConfigError) as error:
        load_config(tmp_path)
    assert message in str(error.value)


def test_root_is_found_from_a_sub_folder(kb: Path) -> None:
    assert find_root(kb / "kb") == kb.resolve()


def test_relative_paths(kb: Path) -> None:
    config = load_config(kb)
    assert config.relative(kb / "kb" / "x.md") == "kb/x.md"


@pytest.mark.parametrize(
    "key, value",
    [("articles_dir", "/etc"), ("articles_dir", "../.."), ("sops_dir", "sops/../../x"), ("state_dir", "/tmp/state"), ("schema_file", "../../x.json"), ("owners_file", "~/../../etc/passwd")],
)
def test_every_configured_path_stays_inside_the_repository(tmp_path: Path, key: str, value: str) -> None:
    write(tmp_path, "kbtool.yml", f"{key}: '{value}'\n")
    with pytest.raises(ConfigError, match="leads outside the repository"):
        load_config(tmp_path)


def test_a_path_through_a_link_out_of_the_repository_is_refused(tmp_path: Path) -> None:
    import os

    root = tmp_path / "repo"
    root.mkdir()
    os.symlink(tmp_path, root / "out")
    write(root, "kbtool.yml", "articles_dir: out/elsewhere\n")
    with pytest.raises(ConfigError, match="leads outside the repository"):
        load_config(root)


def test_duplicate_settings_are_refused(tmp_path: Path) -> None:
    write(tmp_path, "kbtool.yml", "articles_dir: kb\narticles_dir: docs\n")
    with pytest.raises(ConfigError, match="appears twice"):
        load_config(tmp_path)


def test_the_review_window_defaults_to_30_days(kb: Path) -> None:
    assert load_config(kb).review_due_within == Interval(30, "d")


def test_the_review_window_can_be_set(kb: Path) -> None:
    write(kb, "kbtool.yml", "review_due_within: 6w\n")
    assert load_config(kb).review_due_within == Interval(6, "w")


@pytest.mark.parametrize("value", ["90x", "0d", "[30d]", "30", "true"])
def test_a_bad_review_window_is_a_configuration_error(kb: Path, value: str) -> None:
    write(kb, "kbtool.yml", f"review_due_within: {value}\n")
    with pytest.raises(ConfigError, match="`review_due_within`: .* is not an interval") as raised:
        load_config(kb)
    assert raised.value.exit_code == 2 and "30d" in str(raised.value)


def test_the_repository_configuration_documents_the_setting() -> None:
    from conftest import REPO_ROOT

    assert "review_due_within" in (REPO_ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert load_config(REPO_ROOT).review_due_within == Interval(30, "d")


def test_the_edit_address_template_is_read(tmp_path: Path) -> None:
    write(tmp_path, "kbtool.yml", "site:\n  edit_url_template: https://git.example/kb/-/edit/main/{path}\n")
    assert load_config(tmp_path).edit_url_template == "https://git.example/kb/-/edit/main/{path}"


def test_parsed_settings_are_kept_in_the_state_folder_and_follow_the_file(kb: Path) -> None:
    kept = kb / ".kbtool" / "settings.json"
    write(kb, "kbtool.yml", "search:\n  log: true\n")
    assert load_config(kb).search_log is True and not kept.exists(), "no state folder is created to keep them"
    (kb / ".kbtool").mkdir()
    load_config(kb)
    assert kept.is_file() and load_config(kb).search_log is True
    write(kb, "kbtool.yml", "search:\n  log: false\n")
    assert load_config(kb).search_log is False, "an edited file is read again, not the kept copy"
    kept.write_text("{damaged", encoding="utf-8")
    assert load_config(kb).search_log is False
    write(kb, "kbtool.yml", "search:\n  log: maybe\n")
    with pytest.raises(ConfigError, match="true or false"):
        load_config(kb)  # kept or not, the settings are checked every time
    with pytest.raises(ConfigError, match="true or false"):
        load_config(kb)


def test_a_search_on_a_current_index_loads_no_yaml_parser(kb: Path) -> None:
    import subprocess
    import sys

    from kbtool import api

    api.index(kb)
    api.search(kb, "vpn", log=False)  # keeps the parsed settings and synonyms
    code = (
        "import sys\nfrom kbtool import api\n"
        f"api.search({str(kb)!r}, 'vpn', log=False)\n"
        "print(sorted(m for m in sys.modules if m == 'yaml' or m.endswith('yamlio')))"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "[]"
