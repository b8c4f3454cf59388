"""A document body as HTML, built from the shared Markdown reading, with every piece of text escaped.

No markup from a document reaches the page: text is escaped, HTML blocks and
inline tags are reduced to their text, links keep only http(s) and mailto
addresses (or become links to other documents by id), images become their
alternative text. Numbered steps are an ordered list whose numbering
survives a code block or note between two steps.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from pathlib import PurePosixPath

from kbtool.core import inline
from kbtool.core import markdown as md
from kbtool.core.model import ID_IN_FILE_NAME, ID_PATTERN, normalise_id

SAFE_SCHEMES = ("https://", "http://", "mailto:")
_CALLOUT = re.compile(r"^\[!(\w+)\]\s*")  # DocFX `> [!NOTE]`


@dataclass(frozen=True)
class HtmlSection:
    title: str  # "" for the text before the first heading
    html: str


def sections_html(blocks: list[md.Block], titles: dict[str, str]) -> list[HtmlSection]:
    """The body cut at its top headings (levels 1 and 2), each part rendered."""
    found: list[HtmlSection] = []
    title, content = "", []
    for block in blocks:
        if block.kind == md.HEADING and block.level <= 2:
            if content or title:
                found.append(HtmlSection(title, blocks_html(content, titles)))
            title, content = inline.to_plain(block.text), []
        else:
            content.append(block)
    if content or title:
        found.append(HtmlSection(title, blocks_html(content, titles)))
    return found


def blocks_html(blocks: list[md.Block], titles: dict[str, str]) -> str:
    """Blocks as HTML; consecutive items become lists, nested by indentation.

    Top-level numbered lists are steps: each item carries its number as
    CommonMark counts it (the list's first number, then one more per item),
    so a code block between steps 2 and 3 does not restart the count.
    """
    parts: list[str] = []
    lists: list[list] = []  # open lists: [tag, indentation, number of the next item]

    def close_lists(level: int = -1) -> None:
        while lists and lists[-1][1] > level:
            parts.append(f"</li></{lists.pop()[0]}>")

    for block in blocks:
        if block.kind == md.ITEM:
            tag = "ol" if block.number is not None else "ul"
            close_lists(block.level)
            if lists and lists[-1][1] == block.level and lists[-1][0] != tag:
                close_lists(block.level - 1)
            if lists and lists[-1][1] == block.level:
                parts.append("</li>")
            else:
                steps = ' class="steps"' if tag == "ol" and not lists else ""
                start = f' start="{block.number}"' if tag == "ol" and block.number != 1 else ""
                parts.append(f"<{tag}{steps}{start}>")
                lists.append([tag, block.level, block.number or 1])
            number = lists[-1][2]
            lists[-1][2] += 1
            step = f' data-step="{number}"' if tag == "ol" and len(lists) == 1 else ""
            parts.append(f"<li{step}>" + inline_html(block.text, titles))
            continue
        if lists and block.kind == md.PARAGRAPH and block.level > lists[-1][1]:
            parts.append(block_html(block, titles))  # an indented paragraph continues the item
            continue
        close_lists()
        parts.append(block_html(block, titles))
    close_lists()
    return "".join(parts)


def block_html(block: md.Block, titles: dict[str, str]) -> str:
    kind = block.kind
    if kind == md.HEADING:
        level = min(max(block.level, 3), 6)
        return f"<h{level}>{inline_html(block.text, titles)}</h{level}>"
    if kind == md.CODE:
        return f"<pre><code>{escape(block.text)}</code></pre>"
    if kind == md.TABLE:
        rows = [row for row in block.rows if row]
        head = "".join(f"<th>{inline_html(cell, titles)}</th>" for cell in rows[0]) if rows else ""
        body = "".join("<tr>" + "".join(f"<td>{inline_html(cell, titles)}</td>" for cell in row) + "</tr>" for row in rows[1:])
        return f'<div class="table"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'
    if kind == md.QUOTE:
        text = block.text
        callout = _CALLOUT.match(text)
        label = ""
        if callout:
            label = f"<strong>{escape(callout.group(1).capitalize())}:</strong> "
            text = text[callout.end() :]
        return f'<blockquote class="note"><p>{label}{inline_html(text, titles)}</p></blockquote>'
    if kind == md.ADMONITION:
        return f'<p class="admonition"><strong>{escape(inline.to_plain(block.text))}</strong></p>'
    if kind == md.HTML:
        text = "" if block.info == "comment" else inline.to_plain(block.text)
        return f"<p>{escape(text)}</p>" if text else ""
    if kind == md.RULE:
        return "<hr>"
    if kind == md.DIRECTIVE:
        return ""
    return f"<p>{inline_html(block.text, titles)}</p>"


def inline_html(text: str, titles: dict[str, str]) -> str:
    parts = []
    for span in inline.spans(text):
        if span.kind == "ref":
            parts.append(_reference(span.target, span.text, titles))
        elif span.kind == "link":
            parts.append(_link(span.text, span.target))
        elif span.kind == "code":
            parts.append(f"<code>{escape(span.text)}</code>")
        elif span.kind == "strong":
            parts.append(f"<strong>{escape(span.text)}</strong>")
        elif span.kind == "image":
            parts.append(f'<span class="image">[{escape(span.text)}]</span>')
        else:
            parts.append(escape(span.text))
    return "".join(parts)


def document_link(doc_id: str, label: str, title: str = "") -> str:
    """A link to another document's view in the page (ids only: they are checked against the id pattern)."""
    hint = f' title="{escape(title)}"' if title else ""
    return f'<a class="ref" href="#/doc/{escape(doc_id)}"{hint}>{escape(label)}</a>'


def canonical_id(text: str) -> str | None:
    """`text` as a document id matching the id pattern (KB-0007 from kb7), or None."""
    upper = text.strip().upper()
    doc_id = upper if ID_PATTERN.match(upper) else normalise_id(text)
    return doc_id if doc_id and ID_PATTERN.match(doc_id) else None


def _reference(target: str, label: str, titles: dict[str, str]) -> str:
    doc_id = canonical_id(target)
    if doc_id is None:
        return escape(label or target)
    title = titles.get(target) or titles.get(target.upper()) or ""
    if label:
        return document_link(doc_id, label, title)
    return document_link(doc_id, doc_id, title) + (f" ({escape(title)})" if title else "")


def _link(text: str, url: str) -> str:
    if url.lower().startswith(SAFE_SCHEMES):
        return f'<a href="{escape(url)}" rel="noopener noreferrer" target="_blank">{escape(text)}</a>'
    name = PurePosixPath(url.split("#", 1)[0]).name
    found = ID_IN_FILE_NAME.match(name) if name.endswith(".md") else None
    if found:
        return document_link(f"{found.group(1).upper()}-{found.group(2)}", text)
    return escape(text)
