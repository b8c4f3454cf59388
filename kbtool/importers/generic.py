"""The generic profile: Markdown with the front matter most static-site generators share (Jekyll, Hugo, Docusaurus).

It is also the base the other profiles refine: which keys hold which facts,
which files are not articles, and the syntax to convert (none here).
"""
from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from kbtool.importers.frontmatter import FrontMatter

if TYPE_CHECKING:  # pragma: no cover
    from kbtool.importers.convert import Conversion

# Files every repository has that are not articles, wherever they are.
_REPOSITORY_FILES = re.compile(r"^(license|licence|notice|changelog|contributing|code_of_conduct|security|authors)(\.[\w-]+)*$", re.IGNORECASE)
INCLUDE_FOLDERS = ("includes", "include", "_includes", "snippets")
PAGE = "page"
INCLUDE = "include"


class Profile:
    """Where a source system keeps each fact, and what of its syntax needs converting."""

    name = "generic"
    title_keys: tuple[str, ...] = ("title", "name", "heading")
    summary_keys: tuple[str, ...] = ("description", "summary", "excerpt", "abstract", "subtitle")
    reviewed_keys: tuple[str, ...] = ("last_modified", "lastmod", "last_updated", "updated", "modified", "update", "revision_date", "reviewed", "date")
    created_keys: tuple[str, ...] = ("created", "date", "publishdate", "published")
    author_keys: tuple[str, ...] = ("author", "authors", "owner", "maintainer")
    tag_keys: tuple[str, ...] = ("tags", "categories", "category", "topics")
    keyword_keys: tuple[str, ...] = ("keywords",)
    environment_keys: tuple[str, ...] = ("applies_to", "appliesto", "platforms", "products")
    other_keys: tuple[str, ...] = ("draft", "slug", "weight", "layout", "sidebar_position", "aliases")
    include_links_from_page = False  # links in an included file are relative to that file
    month_first = False  # dates written 01/02/2024 mean 2 January unless a profile says otherwise

    def known_keys(self) -> set[str]:
        return set(
            self.title_keys + self.summary_keys + self.reviewed_keys + self.created_keys + self.author_keys
            + self.tag_keys + self.keyword_keys + self.environment_keys + self.other_keys
        )

    def content_root(self, source_dir: Path) -> str:
        """The folder, relative to the source, whose sub-folders become tags ("" for the source itself)."""
        return ""

    def classify(self, source_dir: Path, path: str, front: FrontMatter) -> str:
        """PAGE, INCLUDE, or the reason the file is not an article."""
        parts = PurePosixPath(path).parts
        if any(part.startswith(".") for part in parts):
            return "hidden file or folder"
        name = parts[-1]
        if _REPOSITORY_FILES.match(name) or (len(parts) == 1 and name.lower().startswith("readme.")):
            return "repository file (licence, notice, read-me or change log), not an article"
        if any(part.lower() in INCLUDE_FOLDERS for part in parts[:-1]):
            return INCLUDE
        return PAGE

    def include_candidates(self, source_dir: Path, base: str, target: str) -> list[str]:
        """Source paths an include directive may mean (the first that exists is used)."""
        return []

    def keeps_links(self, line: str) -> bool:
        """Lines whose links the profile's own syntax handles (an include directive's path)."""
        return False

    def convert_syntax(self, conversion: Conversion, lines: list[str], base: str, first_line: int) -> list[str]:
        """The body's lines with this system's own syntax converted (links are already done)."""
        return lines

    def folder_tags(self, path: str, root: str) -> list[str]:
        """The first two folder levels under the content root: `Outlook/Mobile/x.md` gives Outlook and Outlook/Mobile."""
        relative = path[len(root) :] if root and path.startswith(root) else path
        folders = list(PurePosixPath(relative).parts[:-1])
        return ["/".join(folders[: depth + 1]) for depth in range(min(2, len(folders)))]

    def environment(self, meta: dict[str, Any]) -> list[str]:
        """What the article applies to (products, versions), for `## Environment`."""
        from kbtool.importers.frontmatter import text_list

        for key in self.environment_keys:
            items = text_list(meta.get(key))
            if items:
                return items
        return []


PROFILE = Profile()
