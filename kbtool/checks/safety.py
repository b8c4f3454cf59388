"""Content that must not be published: control characters, secrets, unsafe HTML, merge-conflict markers."""
from __future__ import annotations

import re
import unicodedata

from kbtool.core.documents import Document
from kbtool.core.findings import Finding, make_finding
from kbtool.core.markdown import CODE, verbatim_lines
from kbtool.core.safety import CONTROL, mask, secrets_in, unsafe_html_in

_CONFLICT = re.compile(r"^(<{7}|>{7})(?: |$)")
_INLINE_CODE = re.compile(r"(`+).+?\1")


def check_safety(document: Document) -> list[Finding]:
    findings: list[Finding] = []
    front = [(number, line) for number, line in enumerate(document.front, start=2)]
    body = [(number, line) for number, line in enumerate(document.body.split("\n"), start=document.body_line)]
    in_code = verbatim_lines(document.blocks, (CODE,))
    for number, line in front + body:
        control = CONTROL.search(line)
        if control:
            character = control.group()
            name = unicodedata.name(character, "") or {"\x1b": "ESCAPE", "\x07": "BELL"}.get(character, "a control character")
            findings.append(make_finding(
                "control-character", document.path, number,
                f"holds U+{ord(character):04X} ({name}) at column {control.start() + 1}: it can rewrite an agent's terminal or clipboard",
            ))
        for what, match in secrets_in(line):
            findings.append(make_finding("secret", document.path, number, f"holds {what}: {mask(match.group(0))}"))
        if number not in in_code:
            for what, _ in unsafe_html_in(_INLINE_CODE.sub("", line)):
                findings.append(make_finding("unsafe-html", document.path, number, f"holds {what}, which the site must never run"))
    for name, value in document.meta.items():
        hidden = next((text for text in _strings(value) if CONTROL.search(text)), None)
        if hidden is not None and not any(f.rule == "control-character" and f.line == document.line_of(name) for f in findings):
            character = CONTROL.search(hidden).group()  # type: ignore[union-attr]
            findings.append(make_finding(
                "control-character", document.path, document.line_of(name),
                f"`{name}` holds U+{ord(character):04X} (written as a YAML escape): it can rewrite an agent's terminal or clipboard",
            ))
    conflicts = [(number, line) for number, line in body if _CONFLICT.match(line) and number not in in_code]
    starts = [number for number, line in conflicts if line.startswith("<<<<<<<")]
    # A conflict half resolved (its `<<<<<<<` line deleted) still leaves `>>>>>>> branch`.
    ends = [] if starts else [number for number, line in conflicts if line.startswith(">>>>>>> ") and line[8:].strip()]
    for number in starts:
        findings.append(make_finding("conflict-marker", document.path, number, "a merge conflict was left unresolved (`<<<<<<<` ... `>>>>>>>`)"))
    for number in ends:
        findings.append(make_finding("conflict-marker", document.path, number, "a merge conflict was half resolved: its `>>>>>>>` line is still here"))
    return findings


def _strings(value: object) -> list[str]:
    """Every string inside a front-matter value (lists and change-log entries included)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    return []
