"""Body checks: the sections each kind of document must have."""
from __future__ import annotations

from kbtool.documents import Document
from kbtool.markdown import normalise_heading, sections
from kbtool.rules import Finding, make_finding

# Sections that must exist (in any order), and which of them must hold a numbered list.
REQUIRED_SECTIONS: dict[str, tuple[str, ...]] = {
    "troubleshooting": ("Issue", "Environment", "Resolution", "Cause"),
    "howto": ("Steps",),
    "guide": (),
    "sop": ("Purpose", "Scope", "Procedure", "Escalation"),
}
NUMBERED_SECTIONS = {"Steps", "Procedure"}
OPTIONAL_SOP_SECTIONS = ("Prerequisites", "Verification", "Rollback")


def structure_key(document: Document) -> str | None:
    """Which set of required sections applies, or None when `kind` is unusable."""
    if document.doc_type == "sop":
        return "sop"
    kind = document.meta.get("kind")
    return kind if isinstance(kind, str) and kind in REQUIRED_SECTIONS else None


def check_structure(document: Document) -> list[Finding]:
    if not document.body.strip():
        return [make_finding("empty-body", document.path, document.body_line, "has front matter but no body")]
    key = structure_key(document)
    if key is None:
        return []  # an invalid `kind` is already reported by the schema check
    found = {normalise_heading(section.title): section for section in sections(document.body, document.body_line)}
    findings = []
    for name in REQUIRED_SECTIONS[key]:
        section = found.get(name.casefold())
        what = "an SOP" if key == "sop" else f"a {key} article"
        if section is None:
            findings.append(make_finding("missing-section", document.path, document.body_line, f"{what} needs a `## {name}` section"))
        elif section.is_blank():
            findings.append(make_finding("empty-section", document.path, section.line, f"`## {name}` is empty"))
        elif name in NUMBERED_SECTIONS and not section.has_numbered_list():
            findings.append(make_finding("empty-procedure", document.path, section.line, f"`## {name}` has no numbered steps"))
    return findings
