"""The last check on a rendered document page: nothing runs, nothing is fetched from another host.

The catalogue already leaves out documents the safety checks report; this
looks at the HTML MkDocs made, so a rule switched off in kbtool.yml, a
Markdown extension or a gap in the checks still cannot put a script on a
page. Images and media from other hosts are disabled (the site promises no
request leaves the server it is served from) and reported.
"""
from __future__ import annotations

import re

from kbtool.core.errors import KbError
from kbtool.core.safety import unsafe_html_in

# An attribute that makes the browser fetch something: src, srcset, poster, data (object), or a stylesheet link.
_REMOTE = re.compile(r"""\b(src|srcset|poster|data)(\s*=\s*["']?\s*)((?:https?:)?//[^"'\s>]+)""", re.IGNORECASE)
_REMOTE_STYLESHEET = re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?\s*(?:https?:)?//", re.IGNORECASE)


def checked_page(html: str, where: str) -> tuple[str, list[str]]:
    """`html` with remote resources disabled, and the problems found; raises KbError on anything that would run."""
    unsafe = unsafe_html_in(html)
    if unsafe:
        what = ", ".join(sorted({name for name, _ in unsafe}))
        raise KbError(f"{where}: the rendered page holds {what}, which the site must never publish", hint="run `kbtool validate` on the document and remove it")
    problems: list[str] = []
    if _REMOTE_STYLESHEET.search(html):
        raise KbError(f"{where}: the rendered page links a stylesheet on another host", hint="serve it from the repository instead")
    if _REMOTE.search(html):

        def disable(match: re.Match[str]) -> str:
            problems.append(f"{where}: {match.group(3)} is on another host; the site does not fetch it (put the file beside the document)")
            return f"data-remote-{match.group(1).lower()}{match.group(2)}{match.group(3)}"

        html = _REMOTE.sub(disable, html)
    return html, problems
