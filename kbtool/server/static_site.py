"""The built knowledge site (`mkdocs build`, into `site/`) served under /site/ beside the agent's page.

The site's search (Pagefind or lunr) fetches its index, which browsers refuse
over `file://`: served from here it works offline. Paths are resolved inside
the site folder only (no `..`, no link out of it). The site's pages need
Material's inline configuration script and Pagefind's WebAssembly, so they
get their own Content-Security-Policy; their text was checked by the site
build, which refuses to write a page holding anything that would run.
"""
from __future__ import annotations

import mimetypes
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from kbtool.core.config import Config, is_inside
from kbtool.server.protocol import HttpError, Response

PREFIX = "/site/"
SITE_FOLDER = "site"  # mkdocs.yml's `site_dir`
SITE_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
    "base-uri 'self'; form-action 'none'; frame-ancestors 'none'"
)
_TYPES = {".wasm": "application/wasm", ".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json", ".svg": "image/svg+xml"}
MAX_FILE = 50_000_000


def site_file(config: Config, url_path: str) -> Response:
    """The site's file at `url_path` (below /site/), or a 404 that says how to build the site."""
    folder = config.root / SITE_FOLDER
    if not (folder / "index.html").is_file():
        raise HttpError(404, "the knowledge site has not been built", hint="run `mkdocs build` in the knowledge base, then reload")
    relative = unquote(url_path[len(PREFIX) :])
    parts = PurePosixPath(relative).parts
    if "\x00" in relative or relative.startswith("/") or any(part in ("..", ".") or part.startswith(".") for part in parts):
        raise HttpError(404, "no such page in the site")
    path = folder.joinpath(*parts) if parts else folder
    if path.is_dir():
        if url_path.endswith("/") or not parts:
            path = path / "index.html"
        else:
            return Response(301, b"", "text/plain; charset=utf-8", {"Location": url_path + "/"})
    resolved = path.resolve()
    if not is_inside(resolved, folder.resolve()) or not resolved.is_file() or resolved.stat().st_size > MAX_FILE:
        raise HttpError(404, "no such page in the site")
    content_type = _TYPES.get(resolved.suffix) or mimetypes.guess_type(resolved.name)[0] or "application/octet-stream"
    if content_type.startswith("text/") or content_type in ("application/json", "image/svg+xml"):
        content_type += "; charset=utf-8"
    return Response(200, resolved.read_bytes(), content_type, {"Content-Security-Policy": SITE_CSP, "Cache-Control": "no-cache"})
