"""How a site is built: the settings the MkDocs plugin passes to kbtool's site library.

They live in `mkdocs.yml` under the `kbtool` plugin, because they describe one
build of the site (a preview with drafts, a customer-facing site) rather than
the knowledge base. What the server shares with the site (the edit address)
stays in `kbtool.yml` (`site: {edit_url_template: ...}`).
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from kbtool.core.errors import UsageError

SEARCH_ENGINES = ("lunr", "pagefind")
NAVIGATION_STYLES = ("curated", "full")
AUDIENCE_SCOPES = ("all", "customer")


@dataclass(frozen=True)
class SiteOptions:
    search: str = "pagefind"  # lunr: Material's built-in search; pagefind: a chunked static index
    navigation: str = "curated"  # curated: sections and tags; full: every document in the navigation (slow past ~500)
    drafts: bool = False  # show drafts with a banner (a preview; never publish such a build)
    audience: str = "all"  # customer: only `audience: customer` documents, without internal pages or links
    flag_url_template: str | None = None  # "flag a problem": {id}, {title} and {path} are filled in
    today: datetime.date | None = None  # review states as on this day (reproducible builds); None: today
    use_directory_urls: bool = True  # as MkDocs' setting of the same name

    def __post_init__(self) -> None:
        for name, value, choices in (
            ("search", self.search, SEARCH_ENGINES),
            ("navigation", self.navigation, NAVIGATION_STYLES),
            ("audience", self.audience, AUDIENCE_SCOPES),
        ):
            if value not in choices:
                raise UsageError(f"site option `{name}: {value}` is not one of {', '.join(choices)}", hint="see docs/site.md")
        template = self.flag_url_template
        if template is not None and not template.startswith(("https://", "http://", "mailto:")):
            raise UsageError(
                f"site option `flag_url_template: {template}` must be an http(s) or mailto: address",
                hint="for example https://git.example/kb/-/issues/new?issue[title]=Problem%20with%20{id}",
            )

    @property
    def customer(self) -> bool:
        return self.audience == "customer"

    @property
    def day(self) -> datetime.date:
        return self.today or datetime.date.today()
