"""The MkDocs profile (MkDocs and Material sites, with the macros plugin's includes).

Pages are the Markdown files under the docs folder (`docs_dir` in mkdocs.yml,
else `docs/` when it exists, else the source folder itself); everything else
in the repository is reported, not imported. Admonitions are already
Material's. `{% include "file.md" %}` is replaced by the file (looked up in
the macros plugin's include folder, then beside the docs); `{{ var.name }}`
is replaced from the page's own front matter when it defines it (the macros
plugin's `render_macros`), and any other template code is noted.
"""
from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from kbtool.importers.convert import code_lines, outside_code_spans
from kbtool.importers.frontmatter import FrontMatter
from kbtool.importers.generic import INCLUDE, PAGE, Profile

if TYPE_CHECKING:  # pragma: no cover
    from kbtool.importers.convert import Conversion

_SETTING = r"^{indent}{name}:\s*['\"]?([^'\"#\s]+)"  # docs_dir at the top; include_dir inside the macros plugin's settings
_INCLUDE = re.compile(r"^(\s*){%-?\s*include\s+['\"]([^'\"]+)['\"]\s*-?%}\s*$")
_VARIABLE = re.compile(r"{{\s*([A-Za-z_][\w.]*)\s*}}")
_TEMPLATE = re.compile(r"{%.*?%}|{{.*?}}")
_TRANSLATION = re.compile(r"^(.+)\.[a-z]{2}(?:-[A-Za-z]{2})?\.md$")


class MkDocsProfile(Profile):
    name = "mkdocs"
    author_keys = ("author", "authors", "contributors", "contributor")
    reviewed_keys = ("revision_date", "update", "last_updated", "updated", "date")
    created_keys = ("date", "created")
    environment_keys = ("tested_with", "tested_on", "tested_version", "tested")
    include_links_from_page = True  # the macros plugin pastes the text in before Markdown is read
    other_keys = ("render_macros", "rc", "ai_contributors", "translators", "version", "hide", "icon", "status", "search", "template")

    def __init__(self) -> None:
        self._settings: dict[Path, dict[str, str]] = {}

    def settings(self, source_dir: Path) -> dict[str, str]:
        """`docs_dir` and the macros plugin's `include_dir`, read from mkdocs.yml without running its YAML tags."""
        if source_dir not in self._settings:
            text = ""
            for name in ("mkdocs.yml", "mkdocs.yaml"):
                if (source_dir / name).is_file():
                    text = (source_dir / name).read_text(encoding="utf-8", errors="replace")
                    break
            found = {key: match.group(1) for key in ("docs_dir", "include_dir") if (match := re.search(_SETTING.format(indent="" if key == "docs_dir" else "[ \\t]*", name=key), text, re.MULTILINE))}
            if "docs_dir" not in found and (source_dir / "docs").is_dir():
                found["docs_dir"] = "docs"
            self._settings[source_dir] = found
        return self._settings[source_dir]

    def content_root(self, source_dir: Path) -> str:
        docs = self.settings(source_dir).get("docs_dir", "").strip("/")
        return docs + "/" if docs and docs != "." else ""

    def classify(self, source_dir: Path, path: str, front: FrontMatter) -> str:
        root = self.content_root(source_dir)
        include_dir = self.settings(source_dir).get("include_dir", "include").strip("/") + "/"
        if path.startswith(include_dir) or (not root and path.startswith("include/")):
            return INCLUDE
        if root and not path.startswith(root):
            return f"outside the MkDocs docs folder ({root}): not a page"
        verdict = super().classify(source_dir, path, front)
        if verdict != PAGE:
            return verdict
        translation = _TRANSLATION.match(PurePosixPath(path).name)
        if translation and (source_dir / PurePosixPath(path).parent / (translation.group(1) + ".md")).is_file():
            return f"translation of {translation.group(1)}.md"
        return PAGE

    def include_candidates(self, source_dir: Path, base: str, target: str) -> list[str]:
        settings = self.settings(source_dir)
        folders = [settings.get("include_dir", "include"), "includes", settings.get("docs_dir", ""), str(PurePosixPath(base).parent)]
        return [str(PurePosixPath(folder) / target) if folder and folder != "." else target for folder in folders]

    def convert_syntax(self, conversion: Conversion, lines: list[str], base: str, first_line: int) -> list[str]:
        meta: dict[str, Any] | None = None
        output: list[str] = []
        code = code_lines(lines)
        for index, line in enumerate(lines):
            number = first_line + index
            include = _INCLUDE.match(line) if not code[index] else None
            if include:
                output.extend(include.group(1) + part if part.strip() else "" for part in conversion.include(include.group(2), base, number) or [])
                continue
            if not code[index] and ("{{" in line or "{%" in line):
                meta = self._page_meta(conversion, base) if meta is None else meta
                left: list[str] = []
                line = outside_code_spans(line, lambda text: _templates(meta or {}, text, left))
                if left:
                    conversion.note("template", f"template code `{left[0]}` left as text", number)
            output.append(line)
        return output

    def _page_meta(self, conversion: Conversion, base: str) -> dict[str, Any]:
        from kbtool.importers.frontmatter import split

        try:
            text = (conversion.collection.source_dir / base).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return {}
        front = split(text.replace("\r\n", "\n"))
        return front.original or {}


def _templates(meta: dict[str, Any], text: str, left: list[str]) -> str:
    """`text` with `{{ var }}` filled from the page's front matter; template code that is left is added to `left`."""
    text = _VARIABLE.sub(lambda match: _variable(meta, match), text)
    left.extend(match.group(0) for match in _TEMPLATE.finditer(text))
    return text


def _variable(meta: dict[str, Any], match: re.Match[str]) -> str:
    value: Any = meta
    for part in match.group(1).split("."):
        if not isinstance(value, dict) or part not in value:
            return match.group(0)
        value = value[part]
    return match.group(0) if isinstance(value, (dict, list)) or value is None else str(value)


PROFILE = MkDocsProfile()
