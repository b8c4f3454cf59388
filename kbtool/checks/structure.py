"""Body checks: the sections each kind of document must have, and numbered steps where they are required."""
from __future__ import annotations

from kbtool.core.documents import Document
from kbtool.core.findings import Finding, make_finding
from kbtool.core.markdown import Section, normalise_heading, sections
from kbtool.core.model import NUMBERED_SECTIONS, REQUIRED_SECTIONS, structure_of


def check_structure(document: Document) -> list[Finding]:
    if not document.body.strip():
        return [make_finding("empty-body", document.path, document.body_line, "has front matter but no body")]
    key = structure_of(document.doc_type, document.meta.get("kind"))
    if key is None:
        return []  # an invalid `kind` is already reported by the front-matter check
    found: dict[str, Section] = {}
    for section in sections(document.blocks):
        found.setdefault(normalise_heading(section.title), section)
    findings = []
    what = "an SOP" if key == "sop" else f"a {key} article"
    for name in REQUIRED_SECTIONS[key]:
        section = found.get(name.casefold())
        if section is None:
            findings.append(make_finding("missing-section", document.path, document.body_line, f"{what} needs a `## {name}` section"))
        elif section.is_blank():
            findings.append(make_finding("empty-section", document.path, section.line, f"`## {name}` is empty"))
        elif name in NUMBERED_SECTIONS and not section.has_numbered_list():
            findings.append(make_finding("empty-procedure", document.path, section.line, f"`## {name}` has no numbered steps"))
    return findings
