"""Ids and titles are unique across the knowledge base."""
from __future__ import annotations

import re

from kbtool.core.documents import Document
from kbtool.core.findings import Finding, make_finding
from kbtool.core.model import type_of_id


def check_unique(documents: list[Document]) -> list[Finding]:
    """Duplicate ids (errors) and duplicate titles, each reported on the later file.

    For ids, the folder decides which copy is wrong: a copy of SOP-0003 under
    kb/ is reported, never the genuine file under sops/.
    """
    findings: list[Finding] = []
    for attribute, rule in (("id", "duplicate-id"), ("title", "duplicate-title")):
        seen: dict[str, Document] = {}
        ordered = sorted(documents, key=lambda d: (type_of_id(d.id) != d.doc_type, d.path)) if attribute == "id" else documents
        for document in ordered:
            value = getattr(document, attribute)
            key = re.sub(r"\s+", " ", value).casefold()
            if not key:
                continue
            first = seen.setdefault(key, document)
            if first is not document:
                findings.append(
                    make_finding(rule, document.path, document.line_of(attribute), f"{attribute} `{value}` is also used by {first.path}:{first.line_of(attribute)}")
                )
    return findings
