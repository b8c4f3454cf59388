"""Inline Markdown: a block's text as plain text (`to_plain`) or as styled runs (`spans`).

The block reading (`kbtool/core/markdown.py`) finds where blocks start and
end; this module reads what is inside one: emphasis, code spans, links,
images, `[[ID]]` references, autolinks, HTML tags, escapes and entities.
Code is shown as written; tags are dropped, never kept as markup.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from kbtool.core.model import REFERENCE

CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
# Every part stops at the next bracket or parenthesis it cannot match, so a
# run of `[x](` without a closing one is read once, not once per `[`.
# An address may hold one level of parentheses (`Foo_(bar)`).
LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))*)>?(?:\s+[\"'(][^()]*)?\)")
_REFERENCE_LINK = re.compile(r"(!?)\[([^\[\]]+)\]\[[^\[\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
_TAG = re.compile(r"(?<!\\)</?[a-zA-Z][\w-]*(?:\s[^<>]*)?/?>")  # comments: `without_comments`
_EMPHASIS = [
    re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"),
    re.compile(r"(?<![\w\\])__(?=\S)(.+?)(?<=\S)__(?!\w)"),
    re.compile(r"(?<![\w*\\])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"),
    re.compile(r"(?<![\w\\])_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)"),
    re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"),
]
# DocFX markers: `[!NOTE]`, `[!INCLUDE [title](path)]`, `[!VIDEO url]`.
_DOCFX_INLINE = re.compile(r"\[!(?:INCLUDE|NOTE|TIP|IMPORTANT|WARNING|CAUTION|div|VIDEO)(?:[^\[\]]|\[[^\]]*\](?:\([^)]*\))?)*\]", re.IGNORECASE)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_SPACES = re.compile(r"\s+")


def to_plain(text: str) -> str:
    """Inline Markdown as readable text: no emphasis, code ticks, link targets, images, tags or entities."""
    if not text:
        return ""
    if "\n" in text:
        text = text.replace("\n", " ")  # emphasis and links may wrap across lines
    code: list[str] = []
    if "`" in text:  # code is shown as written: set aside until the rest is plain
        text = CODE_SPAN.sub(lambda m: code.append(m.group(2).strip()) or f"\x00{len(code) - 1}\x00", text)
    if "[" in text:
        text = _DOCFX_INLINE.sub("", text)
        text = REFERENCE.sub(lambda m: (m.group(2) or m.group(1)).strip(), text)
        text = LINK.sub(lambda m: "" if m.group(1) else m.group(2), text)
        text = _REFERENCE_LINK.sub(lambda m: "" if m.group(1) else m.group(2), text)
    if "<" in text:
        text = _AUTOLINK.sub(r"\1", text)
        text = _TAG.sub(" ", _without_comments(text, " "))
    if "*" in text or "_" in text or "~" in text:
        for pattern in _EMPHASIS:
            text = pattern.sub(r"\1", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    if "&" in text:
        text = html.unescape(text).replace("\xa0", " ")
    if code:
        text = _CODE_MARK.sub(lambda m: code[int(m.group(1))], text)
    return _SPACES.sub(" ", text).strip()


_CODE_MARK = re.compile("\x00(\\d+)\x00")


# Spans, for faces that style text (the server's HTML).
@dataclass(frozen=True)
class Span:
    """A run of inline text: `kind` is text, ref, link, code, strong or image; `text` is readable text."""

    kind: str
    text: str
    target: str = ""  # a reference's id, a link's address


_INLINE = re.compile(
    r"(?P<ref>\[\[\s*(?P<ref_id>[^\[\]\s|]+)\s*(?:\|(?P<ref_label>[^\[\]]*))?\]\])"
    r"|(?P<image>!\[(?P<alt>[^\[\]]*)\]\([^()]*\))"
    r"|(?P<link>\[(?P<link_text>(?:[^\[\]]|\[[^\[\]]*\])+)\]\(\s*<?(?P<link_url>(?:[^()\s<>]|\([^()\s]*\))*)>?(?:\s+[\"'(][^()]*)?\))"
    r"|<(?P<auto_url>(?:https?|mailto):[^<>\s]+)>"
    r"|(?P<ticks>`+)(?P<code_text>.+?)(?P=ticks)"
    r"|\*\*(?=\S)(?P<strong>.+?)(?<=\S)\*\*|(?<![\w\\])__(?=\S)(?P<strong2>.+?)(?<=\S)__(?!\w)"
    r"|(?P<tag>(?<!\\)</?[a-zA-Z][\w-]*(?:\s[^<>]*)?/?>)",
    re.DOTALL,
)


def _text_run(text: str) -> str:
    """Plain text between inline constructs: emphasis marks, escapes and entities resolved; edges kept."""
    if "*" in text or "_" in text or "~" in text:
        for pattern in _EMPHASIS[2:]:
            text = pattern.sub(r"\1", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    if "&" in text:
        text = html.unescape(text).replace("\xa0", " ")
    return _SPACES.sub(" ", text)


def _without_comments(text: str, instead: str) -> str:
    """`text` with each closed `<!-- ... -->` outside code spans replaced by `instead`, in one pass.

    A regular expression for comments reads to the end of the text from
    every `<!--` that is never closed: a run of them costs the square of
    its length. Here an unclosed one ends the search.
    """
    if "<!--" not in text:
        return text
    code = [match.span() for match in CODE_SPAN.finditer(text)] if "`" in text else []
    parts, position, code_index = [], 0, 0
    while (start := text.find("<!--", position)) >= 0:
        while code_index < len(code) and code[code_index][1] <= start:
            code_index += 1
        if code_index < len(code) and code[code_index][0] <= start:  # shown as code, not a comment
            parts.append(text[position : code[code_index][1]])
            position = code[code_index][1]
            continue
        end = text.find("-->", start + 4)
        if end < 0:
            break
        parts += [text[position:start], instead]
        position = end + 3
    return "".join(parts) + text[position:]


def spans(text: str) -> list[Span]:
    """A block's inline Markdown as spans; HTML tags and DocFX inline markers are dropped, never kept as markup."""
    text = text.replace("\n", " ")  # a block's lines are one run of text; emphasis may cross them
    text = _without_comments(text, "<kbtool-comment>")  # a tag, dropped below as a word break
    if "[!" in text:
        text = _DOCFX_INLINE.sub("", text)
    found: list[Span] = []
    position = 0
    for match in _INLINE.finditer(text):
        found.append(Span("text", _text_run(text[position : match.start()])))
        position = match.end()
        if match.group("ref"):
            found.append(Span("ref", (match.group("ref_label") or "").strip(), match.group("ref_id")))
        elif match.group("image") is not None:
            found.append(Span("image", to_plain(match.group("alt"))))
        elif match.group("link"):
            found.append(Span("link", to_plain(match.group("link_text")), match.group("link_url")))
        elif match.group("auto_url"):
            found.append(Span("link", match.group("auto_url"), match.group("auto_url")))
        elif match.group("ticks"):
            found.append(Span("code", match.group("code_text").strip()))
        elif match.group("strong") or match.group("strong2"):
            found.append(Span("strong", to_plain(match.group("strong") or match.group("strong2"))))
        else:
            found.append(Span("text", " "))  # an HTML tag or comment: dropped, as a word break
    found.append(Span("text", _text_run(text[position:])))
    return [span for span in found if span.text or span.kind == "ref"]
