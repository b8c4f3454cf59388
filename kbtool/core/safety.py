"""Text that must never reach a terminal, a page or a log as written: control characters, secrets, unsafe HTML.

The checks (`kbtool/checks/safety.py`) report these as findings; the output
layers use `neutralise` and `redact` so that a document that slipped
through, or a query typed by someone, still cannot write to an agent's
clipboard, hide a link, clear a screen or print a password in full.
"""
from __future__ import annotations

import html
import re

# C0 controls except tab and line breaks, DEL, and C1 controls (0x9b is a
# one-byte CSI in some terminals): what an escape or OSC sequence is made of.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

_SECRETS = [
    ("an AWS access key id", re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")),
    # The whole block: the BEGIN line, every line of the key, the END line. Chunks
    # are split at whitespace only, so a block without an END is read once.
    ("a private key", re.compile(r"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----(?:\s+(?!-----)[A-Za-z0-9+/=:,-]+)*(?:\s+-----END (?:[A-Z]+ )*PRIVATE KEY-----)?")),
    # `password: Summer2024!` — a value with no spaces that holds a digit or a
    # symbol; `password: at least 14 characters` or `<password>` is prose.
    (
        "a password or secret value",
        re.compile(
            r"(?i)\b(?:pass(?:word|wd|phrase)?|pwd|secret|api[_ -]?key|access[_ -]?key|token)(?:\s*[:=]|\s+is)\s*"
            # Not a placeholder, nor code that reads one: `$password = Read-Host ...`, `= $env:PW`.
            r"[\"'`]?(?![<{\[*•.$]|x{4}|[A-Z][a-z]+-[A-Z])(?=[^\s\"'`]*[\d!@#$%^&+=?_-])[^\s\"'`]{6,}"
        ),
    ),
]
_VALUE_AFTER_LABEL = re.compile(r"((?:[:=]|\bis)\s*[\"'`]?)(\S+)", re.IGNORECASE)

# Each fact once, for the checks on Markdown here and on rendered pages (kbtool/site/gate.py).
SCRIPT_SCHEME = r"(?:javascript|vbscript|data\s*:\s*text/html)\s*:?"
FETCHING_STYLE = r"url\s*\(|expression\s*\(|@import"
ADDRESS_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href")
# Elements that run something, and elements that send the reader elsewhere, load the
# page's own files from another host or post a form: each with how a finding names it.
UNSAFE_ELEMENTS = {
    "script": "a <script> element",
    "iframe": "an <iframe> element", "frame": "an <iframe> element",
    "object": "an <object> or <embed> element", "embed": "an <object> or <embed> element",
    **dict.fromkeys(("base", "meta", "link", "form", "style"), "a <base>, <meta>, <link>, <form> or <style> element"),
}


def _element_patterns() -> list[tuple[str, re.Pattern[str]]]:
    names: dict[str, list[str]] = {}
    for name, what in UNSAFE_ELEMENTS.items():
        names.setdefault(what, []).append(name)
    return [(what, re.compile(rf"<\s*(?:{'|'.join(group)})\b", re.IGNORECASE)) for what, group in names.items()]


# No escape makes these safe: Python-Markdown (the site) does not treat `\<` as an
# escape, so `\<object name>` is an element there. `[^<>]`: a run of `<a ` is read once.
UNSAFE_HTML = [
    *_element_patterns(),
    ("a style that fetches or runs something", re.compile(rf"\bstyle\s*=\s*[\"'][^\"'<>]*(?:{FETCHING_STYLE})", re.IGNORECASE)),
    # `<svg/onload=...>` too.
    ("an inline event handler", re.compile(r"<[^<>]*[\s/]on[a-z]+\s*=", re.IGNORECASE)),
    ("a javascript: link", re.compile(rf"(?:\]\(\s*<?|(?:{'|'.join(ADDRESS_ATTRIBUTES)})\s*=\s*[\"']?)\s*" + SCRIPT_SCHEME, re.IGNORECASE)),
    # A reference-style link's definition: `[label]: javascript:...`.
    ("a javascript: link", re.compile(r"^\s{0,3}\[[^\[\]]+\]:\s*<?\s*" + SCRIPT_SCHEME, re.IGNORECASE)),
]


def neutralise(text: str) -> str:
    """`text` with every control character shown as a visible symbol instead of acting on the terminal."""
    if not CONTROL.search(text):
        return text
    return CONTROL.sub(lambda match: chr(0x2400 + ord(match.group())) if ord(match.group()) < 0x20 else "\ufffd", text)


# Every secret pattern needs one of these, and every unsafe-HTML pattern one of those: checking
# for them first skips the regular expressions for most lines (a site build checks every line).
_SECRET_MARKERS = ("AKIA", "ASIA", "PRIVATE KEY", ":", "=", " is ")
_HTML_MARKERS = ("<", "](", "=", "]:")


def secrets_in(text: str) -> list[tuple[str, re.Match[str]]]:
    """(what it is, where) for each secret-looking value in `text`."""
    if not any(marker in text for marker in _SECRET_MARKERS):
        return []
    return [(what, match) for what, pattern in _SECRETS for match in pattern.finditer(text)]


def mask(value: str) -> str:
    """A secret shown by its first two characters only."""
    return value[:2] + "•" * 6 if len(value) > 4 else "•" * 6


def redact(text: str) -> str:
    """`text` with every secret-looking value masked."""
    if not any(marker in text for marker in _SECRET_MARKERS):
        return text
    for what, pattern in _SECRETS:
        if what == "a password or secret value":
            text = pattern.sub(lambda m: _VALUE_AFTER_LABEL.sub(lambda v: v.group(1) + mask(v.group(2)), m.group(0), count=1), text)
        else:
            text = pattern.sub(lambda m: mask(m.group(0)), text)
    return text


def unsafe_html_in(text: str) -> list[tuple[str, re.Match[str]]]:
    if not any(marker in text for marker in _HTML_MARKERS):
        return []
    found = [(what, match) for what, pattern in UNSAFE_HTML for match in pattern.finditer(text)]
    if not found and "&" in text:
        # As the browser reads it: `&#106;avascript:` and `jav&#x09;ascript:` are javascript: too.
        decoded = _URL_IGNORED.sub("", html.unescape(text))
        found = [(what, match) for what, pattern in UNSAFE_HTML for match in pattern.finditer(decoded)]
    return found


# Characters a browser drops from inside an address.
_URL_IGNORED = re.compile(r"[\t\n\r]")
