"""The DocFX profile (Microsoft Learn and OfficeDocs repositories).

Front matter: `title`, `description`, `ms.date` (MM/DD/YYYY), `author` and
`ms.author`, `appliesto`. Syntax converted: `> [!NOTE]` callouts become
Material admonitions (`!!! note`), `:::image` directives become Markdown
images (or their alt text when the file is missing), `[!INCLUDE]` is replaced
by the included file, `[!VIDEO]` by a link, and layout directives (`:::row:::`,
`[!div]`, `::: zone`) are removed, each noted.
"""
from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from kbtool.importers.convert import code_lines, missing_image
from kbtool.importers.frontmatter import FrontMatter, as_text
from kbtool.importers.generic import INCLUDE, PAGE, Profile

if TYPE_CHECKING:  # pragma: no cover
    from kbtool.importers.convert import Conversion

_CALLOUT = re.compile(r"^(\s*)>\s*\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*(.*)$", re.IGNORECASE)
_DIV = re.compile(r"^(\s*)>\s*\[!div\b[^\]]*\]\s*$", re.IGNORECASE)
_VIDEO = re.compile(r"\[!VIDEO\s+([^\]\s]+)\s*\]", re.IGNORECASE)
_INCLUDE = re.compile(r"^(\s*(?:>\s*)*)\[!INCLUDE\s*\[([^\]]*)\]\(\s*<?([^)>]+?)>?\s*\)\s*\]\s*$", re.IGNORECASE)
_IMAGE = re.compile(r":::image\b(.*?):::")
_IMAGE_END = re.compile(r"^\s*:::image-end:::\s*$")
_ATTRIBUTE = re.compile(r"([\w-]+)\s*=\s*\"([^\"]*)\"")
_DIRECTIVE = re.compile(r"^\s*:::")
_TOC = re.compile(r"^toc\.(md|ya?ml)$", re.IGNORECASE)


class DocFxProfile(Profile):
    name = "docfx"
    summary_keys = ("description", "summary")
    reviewed_keys = ("ms.date", "date", "updated")
    created_keys = ("ms.date", "date")
    author_keys = ("author", "ms.author")
    keyword_keys = ("keywords", "f1.keywords", "f1_keywords", "keyword")
    environment_keys = ("appliesto", "applies_to")
    other_keys = (
        "ms.topic", "ms.custom", "ms.reviewer", "ms.service", "ms.subservice", "ms.collection", "ms.assetid",
        "ms.localizationpriority", "search.appverid", "audience", "manager", "editor", "ms.editor", "robots",
    )
    month_first = True  # ms.date is MM/DD/YYYY

    def classify(self, source_dir: Path, path: str, front: FrontMatter) -> str:
        verdict = super().classify(source_dir, path, front)
        if verdict != PAGE:
            return verdict
        if _TOC.match(PurePosixPath(path).name):
            return "table of contents, not an article"
        if as_text(front.meta.get("ms.topic")).lower() == "include":
            return INCLUDE
        return PAGE

    def keeps_links(self, line: str) -> bool:
        return "[!include" in line.lower()  # the include's own link is resolved when it is inlined

    def convert_syntax(self, conversion: Conversion, lines: list[str], base: str, first_line: int) -> list[str]:
        numbered = _quotes(conversion, lines, first_line)
        output: list[str] = []
        code = code_lines([line for line, _ in numbered])
        for (line, number), in_code in zip(numbered, code):
            if in_code:
                output.append(line)
                continue
            include = _INCLUDE.match(line)
            if include:
                included = conversion.include(include.group(3), base, number)
                output.extend(include.group(1) + part if part.strip() else include.group(1).rstrip() for part in included or [])
                continue
            if _IMAGE_END.match(line):
                continue
            if ":::image" in line:
                line = _IMAGE.sub(lambda match: _image(conversion, match, base, number), line)
            if "[!VIDEO" in line.upper():
                line = _VIDEO.sub(lambda match: _video(conversion, match, number), line)
            if _DIRECTIVE.match(line):
                conversion.note("docfx-directive", f"DocFX layout directive `{line.strip()}` removed", number)
                continue
            output.append(line)
        return output


def _quotes(conversion: Conversion, lines: list[str], first_line: int) -> list[tuple[str, int]]:
    """Callouts and `[!div]` quotes unwrapped; each line paired with its line in the source file."""
    output: list[tuple[str, int]] = []
    code = code_lines(lines)
    index = 0
    while index < len(lines):
        line, number = lines[index], first_line + index
        callout = _CALLOUT.match(line) if not code[index] else None
        div = _DIV.match(line) if not code[index] and not callout else None
        if callout:
            indent, kind = callout.group(1), callout.group(2).lower()
            output += [(f"{indent}!!! {kind}", number), ("", number)]
            if callout.group(3).strip():
                output.append((f"{indent}    {callout.group(3).strip()}", number))
            conversion.note("callout", f"DocFX `[!{callout.group(2).upper()}]` became `!!! {kind}`", number)
            index = _unquote_block(lines, index + 1, indent, indent + "    ", first_line, output)
            output.append(("", number))
        elif div:
            conversion.note("docfx-div", "DocFX `[!div]` removed; its content kept", number)
            index = _unquote_block(lines, index + 1, div.group(1), div.group(1), first_line, output)
        else:
            output.append((line, number))
            index += 1
    return output


def _unquote_block(lines: list[str], index: int, indent: str, prefix: str, first_line: int, output: list[tuple[str, int]]) -> int:
    """Copy the quote lines starting at `index` without their `>`, each after `prefix`."""
    marker = re.compile(rf"^{re.escape(indent)}>[ ]?(.*)$")
    while index < len(lines):
        match = marker.match(lines[index])
        if not match:
            break
        text = match.group(1)
        output.append((prefix + text if text.strip() else "", first_line + index))
        index += 1
    return index


def _image(conversion: Conversion, match: re.Match[str], base: str, number: int) -> str:
    attributes = dict(_ATTRIBUTE.findall(match.group(1)))
    alt = " ".join(attributes.get("alt-text", "").split())
    source = attributes.get("source", "")
    new = conversion.retarget(source, base, number, image=True, label=alt) if source else None
    if new is None:
        if not source:
            conversion.note("image-missing", "`:::image` without a source: its alt text is kept", number)
        return missing_image(alt)
    conversion.note("docfx-image", f"`:::image` of {source} became a Markdown image", number)
    return f"![{alt}]({new})"


def _video(conversion: Conversion, match: re.Match[str], number: int) -> str:
    conversion.note("docfx-video", f"DocFX video embed became a link to {match.group(1)}", number)
    return f"[Video]({match.group(1)})"


PROFILE = DocFxProfile()
