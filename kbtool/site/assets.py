"""kbtool's own stylesheet and search script, shipped in the package and published with every site."""
from __future__ import annotations

from pathlib import Path

from kbtool.site.options import SiteOptions

FOLDER = Path(__file__).with_name("assets")
PREFIX = "assets/kbtool/"


def files(options: SiteOptions) -> tuple[dict[str, str], dict[str, str]]:
    """(stylesheets, scripts): site path -> content. The search script only with Pagefind (lunr is Material's own)."""
    stylesheets = {PREFIX + "kbtool.css": (FOLDER / "kbtool.css").read_text(encoding="utf-8")}
    scripts = {PREFIX + "search.js": (FOLDER / "search.js").read_text(encoding="utf-8")} if options.search == "pagefind" else {}
    return stylesheets, scripts
