"""Checking what an import wrote (or, in a dry run, would write) the way `kbtool validate` does."""
from __future__ import annotations

import datetime
from pathlib import Path

from kbtool.core.config import Config
from kbtool.core.findings import Finding
from kbtool.core.registries import Owner, Registries


def problems_in(
    config: Config,
    folder: Path,
    texts: dict[str, str] | None,
    registries: Registries,
    owners_added: dict[str, Owner],
    tags_added: dict[str, str],
    today: datetime.date,
) -> list[Finding]:
    """Validation findings for the import folder: from the files written, or from `texts` (file name -> text) in memory.

    In memory, the registries count the entries the import would add, and
    links are not followed (the files are not there); a written import is
    checked by the validator itself, across the whole knowledge base.
    """
    if texts is None:
        from kbtool.checks.validate import validate

        return validate(config, [folder], today=today).findings
    from kbtool.checks.front_matter import check_front_matter
    from kbtool.checks.structure import check_structure
    from kbtool.core.documents import parse_text

    extended = Registries(owners={**registries.owners, **owners_added}, tags={**registries.tags, **tags_added})
    findings: list[Finding] = []
    for name, text in texts.items():
        document, read = parse_text(config.relative(folder / name), "article", text.split("\n"))
        findings += read
        if document is not None:
            findings += check_front_matter(document, extended, today) + check_structure(document)
    return findings
