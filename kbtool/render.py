"""Showing one document readably in a terminal (`kbtool show`)."""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any, Callable

from kbtool.config import Config
from kbtool.documents import Document, scan_headings
from kbtool.freshness import ReviewState, review_state
from kbtool.registries import load_owners

Style = Callable[..., str]


@dataclass
class ShownDocument:
    document: Document
    owner_name: str
    owner_team: str
    review: ReviewState
    titles: dict[str, str]  # referenced id -> title

    def to_dict(self) -> dict[str, Any]:
        meta = {key: (value.isoformat() if isinstance(value, datetime.date) else value) for key, value in self.document.meta.items()}
        return {
            "id": self.document.id,
            "path": self.document.path,
            "type": self.document.doc_type,
            "meta": meta,
            "owner": {"id": meta.get("owner"), "name": self.owner_name, "team": self.owner_team},
            "review": {"state": self.review.state, "due": self.review.due.isoformat() if self.review.due else None, "days": self.review.days},
            "body": self.document.body.strip("\n"),
        }


def prepare(config: Config, document: Document, today: datetime.date | None = None) -> ShownDocument:
    owners = load_owners(config)
    owner = owners.get(str(document.meta.get("owner")))
    referenced = set(re.findall(r"\[\[\s*([A-Za-z]+-\d+)", document.body))
    related = document.meta.get("related")
    if isinstance(related, list):
        referenced.update(str(item) for item in related)
    headings = scan_headings(config) if referenced else {}
    titles = {ref: headings[ref.upper()].title for ref in referenced if ref.upper() in headings}
    return ShownDocument(document, owner.name if owner else str(document.meta.get("owner") or "?"), owner.team if owner else "", review_state(document, config, today), titles)


def render_terminal(shown: ShownDocument, style: Style) -> str:
    document, meta = shown.document, shown.document.meta
    lines = [style(f"{document.id}  {document.title}", bold=True)]
    facts = [f"{document.doc_type}", f"status {document.status}"]
    if document.doc_type == "sop" and meta.get("version"):
        facts.append(f"version {meta['version']}")
    facts.append(f"owner {shown.owner_name}" + (f" ({shown.owner_team})" if shown.owner_team else ""))
    lines.append(" · ".join(facts))
    reviewed = shown.review.reviewed.isoformat() if shown.review.reviewed else "never"
    review_line = f"last reviewed {reviewed} · {shown.review.describe()}"
    colour = {"overdue": "red", "due-soon": "yellow"}.get(shown.review.state)
    lines.append(style(review_line, fg=colour, bold=bool(colour)) if colour else review_line)
    if document.status != "published":
        lines.append(style(f"This document is {document.status.upper()}: do not rely on it on a call.", fg="red", bold=True))
    if isinstance(meta.get("tags"), list):
        lines.append("tags: " + ", ".join(str(tag) for tag in meta["tags"]))
    lines.append(document.path)
    lines.append("")
    lines.extend(_render_body(document.body, shown.titles, style))
    return "\n".join(lines).rstrip() + "\n"


def _render_body(body: str, titles: dict[str, str], style: Style) -> list[str]:
    output: list[str] = []
    in_code = False
    for line in body.strip("\n").split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
            continue
        if in_code:
            output.append(style("    " + line, fg="cyan"))
            continue
        heading = re.match(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*$", line)
        if heading:
            if output and output[-1]:
                output.append("")
            text = heading.group(2)
            output.append(style(text.upper() if len(heading.group(1)) <= 2 else text, bold=True, underline=True))
            continue
        output.append(_inline(line, titles, style))
    return output


def _inline(line: str, titles: dict[str, str], style: Style) -> str:
    def reference(match: re.Match[str]) -> str:
        ref = match.group(1)
        title = titles.get(ref)
        return style(f"{ref}" + (f" ({title})" if title else ""), fg="blue", bold=True)

    line = re.sub(r"\[\[\s*([A-Za-z]+-\d+)\s*\]\]", reference, line)
    line = re.sub(r"\*\*([^*]+)\*\*", lambda m: style(m.group(1), bold=True), line)
    line = re.sub(r"`([^`]+)`", lambda m: style(m.group(1), fg="cyan"), line)
    line = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", lambda m: f"{m.group(1)} <{m.group(2)}>", line)
    return line
