"""The MkDocs plugin: hands kbtool's site plan to MkDocs, nothing more.

    plugins:
      - search              # Material's lunr search (turned off when `search: pagefind`)
      - kbtool:
          search: pagefind  # or lunr

Every page, banner, index and redirect comes from `kbtool.api.site`; these
events only add the planned files, log the plan's warnings (so
`mkdocs build --strict` fails on them), check each rendered document page
and build Pagefind's index after the site is written. See docs/site.md.
"""
from __future__ import annotations

import datetime
import os
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from kbtool.core.errors import KbError
from kbtool.site.options import AUDIENCE_SCOPES, NAVIGATION_STYLES, SEARCH_ENGINES

log = get_plugin_logger(__name__)
# Markdown extensions kbtool's pages rely on (admonitions for banners, tables in bodies, heading anchors).
EXTENSIONS = ("admonition", "tables", "toc", "attr_list")


class KbtoolPluginConfig(base.Config):
    enabled = c.Type(bool, default=True)
    root = c.Optional(c.Type(str))  # the folder holding kbtool.yml; default: mkdocs.yml's folder
    search = c.Choice(SEARCH_ENGINES, default="pagefind")
    navigation = c.Choice(NAVIGATION_STYLES, default="curated")
    drafts = c.Type(bool, default=False)
    audience = c.Choice(AUDIENCE_SCOPES, default="all")
    flag_url_template = c.Optional(c.Type(str))
    today = c.Optional(c.Type((str, datetime.date)))  # YYYY-MM-DD: review states as on that day (YAML reads a bare date as a date)


class KbtoolPlugin(BasePlugin[KbtoolPluginConfig]):
    def __init__(self) -> None:
        self.plan: Any = None
        self.search_run: Any = None  # Pagefind, indexing while MkDocs renders the pages

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        if config.theme.name == "material" and config.theme.get("font") is not False:
            config.theme["font"] = False  # Material fetches Google Fonts otherwise: no request may leave the site
        search = config.plugins.get("material/search") or config.plugins.get("search")
        if search is not None and self.config.search == "pagefind":
            search.config["enabled"] = False  # one search per site: Pagefind replaces lunr
        for extension in EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        from kbtool import api

        user_pages = [file.src_uri for file in files.documentation_pages()]
        try:
            self.plan = api.site(
                self.config.root or os.path.dirname(config.config_file_path) or ".",
                search=self.config.search,
                navigation=self.config.navigation,
                drafts=self.config.drafts,
                audience=self.config.audience,
                flag_url_template=self.config.flag_url_template,
                today=_day(self.config.today),
                use_directory_urls=config.use_directory_urls,
                site_name=config.site_name,
                user_pages=user_pages,
            )
        except KbError as error:
            raise PluginError(f"kbtool: {error}") from None
        plan = self.plan
        for problem in plan.problems:
            log.warning(problem)
        if self.config.drafts:
            log.warning("drafts are shown (drafts: true): a preview, not a site to publish")
        listed = {path for entry in plan.nav for path in _paths(entry)}
        for path, content in {**plan.pages, **plan.files}.items():
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            # Documents and tag pages are reached from index pages, not the navigation: no "not in nav" notice for each.
            inclusion = InclusionLevel.UNDEFINED if path in listed or not path.endswith(".md") else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, path, content=content, inclusion=inclusion))
        for path, absolute in plan.assets:
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, abs_src_path=absolute))
        for stylesheet in plan.extra_css:
            if stylesheet not in config.extra_css:
                config.extra_css.append(stylesheet)
        for script in plan.extra_javascript:
            if script not in [str(item) for item in config.extra_javascript]:
                config.extra_javascript.append(script)  # type: ignore[arg-type]
        if not config.nav:
            config.nav = plan.nav
        self._cancel_search()  # a rebuild (mkdocs serve) starts over
        try:
            self.search_run = plan.start_search_index()
        except KbError as error:
            raise PluginError(f"kbtool: {error}") from None
        return files

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled or self.plan is None:
            return None
        try:
            html, problems = self.plan.finish_page(page.file.src_uri, html)
        except KbError as error:
            raise PluginError(f"kbtool: {error}") from None
        for problem in problems:
            log.warning(problem)
        return html

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or self.plan is None or self.search_run is None:
            return
        run, self.search_run = self.search_run, None
        try:
            index = self.plan.finish_search_index(run, config.site_dir)
        except KbError as error:
            raise PluginError(f"kbtool: {error}") from None
        log.info(f"search index: {index.files} files, {index.bytes / 1e6:.1f} MB in {index.seconds:.1f} s (Pagefind, while the pages were rendered)")

    def on_build_error(self, *, error: Exception) -> None:
        self._cancel_search()

    def on_shutdown(self) -> None:
        self._cancel_search()

    def _cancel_search(self) -> None:
        if self.search_run is not None:
            self.search_run.cancel()
            self.search_run = None


def _paths(entry: object) -> list[str]:
    """The page paths in one navigation entry."""
    if isinstance(entry, str):
        return [entry]
    if isinstance(entry, dict):
        return [path for value in entry.values() for path in _paths(value)]
    if isinstance(entry, list):
        return [path for value in entry for path in _paths(value)]
    return []


def _day(value: str | datetime.date | None) -> datetime.date | None:
    if not value:
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise PluginError(f"kbtool: `today: {value}` is not a date (YYYY-MM-DD)") from None
