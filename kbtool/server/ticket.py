"""The text an agent pastes into a ticket's work notes: the fix, as plain text, with the document's id and version.

Built from the shared Markdown reading: the section an agent acts on
(`ACTION_SECTIONS` in the content model: Resolution, Steps or Procedure),
or the whole body for a guide, which has none.
"""
from __future__ import annotations

from kbtool.core import inline
from kbtool.core import markdown as md
from kbtool.core.model import ACTION_SECTIONS, structure_of
from kbtool.view import DocumentView


def ticket_text(shown: DocumentView) -> str:
    document = shown.document
    version = document.meta.get("version") if document.doc_type == "sop" else None
    lines = [f"{document.id} {document.title}" + (f" (version {version})" if version else "")]
    action = ACTION_SECTIONS.get(structure_of(document.doc_type, document.meta.get("kind")) or "")
    section = md.find_section(document.blocks, action) if action else None
    if section is not None:
        lines.append(f"{inline.to_plain(section.title)}:")
        blocks = list(section.blocks)
    else:
        blocks = document.blocks
    for block in blocks:
        lines.extend(_block_lines(block))
    return "\n".join(line.rstrip() for line in lines).strip() + "\n"


def _block_lines(block: md.Block) -> list[str]:
    if block.kind == md.ITEM:
        indent = "   " * min((block.level + 1) // 3, 4)  # nested under "1. " (3 columns) or "- " (2)
        marker = f"{block.number}." if block.number is not None else "-"
        return [f"{indent}{marker} {inline.to_plain(block.text)}"]
    if block.kind == md.HEADING:
        return ["", inline.to_plain(block.text) + ":"]
    if block.kind == md.CODE:
        return ["    " + line for line in block.text.split("\n")]
    text = block.plain()
    return text.split("\n") if text else []
