"""The MkDocs plugin's own decisions, through MkDocs' configuration loading (no build)."""
from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config as load_mkdocs_config
from mkdocs.exceptions import PluginError

CONFIG = """site_name: Test
docs_dir: pages
theme:
  name: material
plugins:
  - search
  - kbtool:
      search: {search}
      enabled: {enabled}
      today: {today}
"""


def mkdocs_config(kb: Path, search: str = "pagefind", enabled: str = "true", today: str = "2026-11-23"):  # type: ignore[no-untyped-def]
    (kb / "pages").mkdir(exist_ok=True)
    (kb / "mkdocs.yml").write_text(CONFIG.format(search=search, enabled=enabled, today=today))
    config = load_mkdocs_config(config_file=str(kb / "mkdocs.yml"))
    return config, config.plugins["kbtool"]


def test_pagefind_turns_off_lunr_and_web_fonts(kb: Path) -> None:
    config, plugin = mkdocs_config(kb)
    plugin.on_config(config)
    assert config.theme["font"] is False
    assert config.plugins["material/search"].config.enabled is False
    assert {"admonition", "tables", "toc", "attr_list"} <= set(config.markdown_extensions)


def test_lunr_keeps_materials_search(kb: Path) -> None:
    config, plugin = mkdocs_config(kb, search="lunr")
    plugin.on_config(config)
    assert config.plugins["material/search"].config.enabled is True
    assert config.theme["font"] is False


def test_a_disabled_plugin_changes_nothing(kb: Path) -> None:
    config, plugin = mkdocs_config(kb, enabled="false")
    font = config.theme.get("font")
    assert plugin.on_config(config) is None and plugin.on_files(None, config=config) is None
    assert config.theme.get("font") == font and config.plugins["material/search"].config.enabled is True


def test_a_bad_date_names_the_option(kb: Path) -> None:
    config, plugin = mkdocs_config(kb, today="'29/11/2026'")
    from mkdocs.structure.files import Files

    with pytest.raises(PluginError, match="`today: 29/11/2026` is not a date"):
        plugin.on_files(Files([]), config=config)
