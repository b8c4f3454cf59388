"""`[[ID]]` references in a body turned into links to the target's page, with the same pattern validate reads.

A reference to a document without a page (missing, a draft, archived, or
agent-only on a customer site) becomes plain text; each one except the
expected agent-only case is reported, so `mkdocs build --strict` fails.
References inside code (blocks and spans) and raw HTML blocks are left as written, as validate reads them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kbtool.core.markdown import verbatim_lines
from kbtool.core.model import REFERENCE
from kbtool.site.catalogue import Catalogue, SiteDocument
from kbtool.site.markup import markdown_text
from kbtool.site.urls import markdown_link

_CODE_SPAN = re.compile(r"(`+).+?\1")


@dataclass(frozen=True)
class Rewritten:
    body: str
    problems: list[str]
    targets: list[str]  # ids linked, in order (for most-linked counts)


def rewrite_references(source: SiteDocument, catalogue: Catalogue) -> Rewritten:
    document = source.document
    if "[[" not in document.body:
        return Rewritten(document.body, [], [])
    in_code = verbatim_lines(source.document.blocks)  # code and HTML blocks are shown as written, as validate reads them
    problems: list[str] = []
    targets: list[str] = []
    lines = document.body.split("\n")
    for index, line in enumerate(lines):
        number = document.body_line + index
        if "[[" not in line or number in in_code:
            continue
        spans = [match.span() for match in _CODE_SPAN.finditer(line)] if "`" in line else []

        def replace(match: re.Match[str], number: int = number, spans: list[tuple[int, int]] = spans) -> str:
            if any(start <= match.start() < end for start, end in spans):
                return match.group(0)
            target_id, label = match.group(1), (match.group(2) or "").strip()
            target = catalogue.get(target_id)
            if target is None:
                why = catalogue.missing_page(target_id)
                if why is not None:
                    problems.append(f"{document.path}:{number}: reference [[{target_id}]] has no page: {why}")
                return label or markdown_text(target_id)
            targets.append(target.id)
            text = label or markdown_text(target.document.title)
            return f"[{text}]({markdown_link(source.site_path, target.site_path)})"

        lines[index] = REFERENCE.sub(replace, line)
    return Rewritten("\n".join(lines), problems, targets)
