"""The page's files, shipped in the package (assets/): a fixed table, so no request path reaches the file system."""
from __future__ import annotations

import functools
from importlib import resources

# URL path -> (file under assets/, content type)
ASSETS = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/assets/app.js": ("app.js", "text/javascript; charset=utf-8"),
    "/assets/app.css": ("app.css", "text/css; charset=utf-8"),
    "/assets/icon.svg": ("icon.svg", "image/svg+xml"),
}


@functools.lru_cache(maxsize=None)
def asset(name: str) -> bytes:
    return resources.files("kbtool.server").joinpath("assets", name).read_bytes()
