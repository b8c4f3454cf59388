"""The last check on a rendered document page: nothing runs, nothing is fetched from another host.

The catalogue already leaves out documents the safety checks report; this
looks at the HTML MkDocs made, so a rule switched off in kbtool.yml, a
Markdown extension or a gap in the checks still cannot put a script on a
page. Images and media from other hosts are disabled (the site promises no
request leaves the server it is served from) and reported.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from kbtool.core.errors import KbError
from kbtool.core.safety import ADDRESS_ATTRIBUTES, FETCHING_STYLE, SCRIPT_SCHEME, UNSAFE_ELEMENTS

# An attribute that makes the browser fetch something: src, srcset, poster, data (object), or a stylesheet link.
_REMOTE = re.compile(r"""\b(src|srcset|poster|data)(\s*=\s*["']?\s*)((?:https?:)?//[^"'\s>]+)""", re.IGNORECASE)
_REMOTE_STYLESHEET = re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?\s*(?:https?:)?//", re.IGNORECASE)


# `data`: an <object>'s address (the element itself is refused too).
_ADDRESS_ATTRIBUTES = (*ADDRESS_ATTRIBUTES, "data")
_SCRIPT_ADDRESS = re.compile(r"^\s*" + SCRIPT_SCHEME, re.IGNORECASE)
_FETCHING_STYLE = re.compile(FETCHING_STYLE, re.IGNORECASE)


class _Scanner(HTMLParser):
    """What in real markup would run: elements, event handlers, script addresses. Text (code shown as text) is never looked at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in UNSAFE_ELEMENTS:
            self.found.add(UNSAFE_ELEMENTS[tag])
        for name, value in attrs:
            if name.startswith("on"):
                self.found.add("an inline event handler")
            elif name == "style" and value and _FETCHING_STYLE.search(value):
                self.found.add("a style that fetches or runs something")
            elif name in _ADDRESS_ATTRIBUTES and value and _SCRIPT_ADDRESS.match("".join(ch for ch in value if ch >= " ")):
                self.found.add("a javascript: link")

    handle_startendtag = handle_starttag


def running_parts(html: str) -> set[str]:
    """The kinds of markup in `html` that a browser would run."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.found


def checked_page(html: str, where: str) -> tuple[str, list[str]]:
    """`html` with remote resources disabled, and the problems found; raises KbError on anything that would run."""
    unsafe = running_parts(html)
    if unsafe:
        what = ", ".join(sorted(unsafe))
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
