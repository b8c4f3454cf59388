"""Tags for imported articles: source tags and folders mapped through the map file, or made from folder names.

A controlled vocabulary should stay small, so free-form source tags that no
map entry names become `keywords` (still searched) rather than new tags; only
folder tags (a collection's own structure) are added to the registry.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from kbtool.importers.mapfile import ImportMap


def tag_for(name: str) -> str:
    """A tag in the vocabulary's style: `Outlook/Mobile` -> `outlook-mobile`."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")


def tag_for_folder(folder: str) -> str:
    """A folder's tag: `Outlook/Mobile` -> `outlook-mobile`, but `Teams/teams-meetings` -> `teams-meetings`."""
    parts = [tag_for(part) for part in folder.split("/") if tag_for(part)]
    if len(parts) >= 2 and parts[-1].startswith(parts[-2]):
        parts = parts[:-2] + [parts[-1]]
    return "-".join(parts)


@dataclass
class TagResolver:
    registry: dict[str, str]
    mapping: ImportMap
    fallback: str  # the collection's own tag, when nothing else gives one
    added: dict[str, str] = field(default_factory=dict)  # new tag -> description
    as_keywords: Counter[str] = field(default_factory=Counter)  # source tag no map entry names -> files

    def resolve(self, folders: list[str], source_tags: list[str]) -> tuple[list[str], list[str]]:
        """(tags, keywords) for a file in `folders` (outermost first) whose front matter lists `source_tags`."""
        tags: list[str] = []
        keywords: list[str] = []
        mapped = self.mapping.tags
        deepest = next((folder for folder in reversed(folders) if folder.casefold() in mapped), None)
        if deepest is not None:
            tags += mapped[deepest.casefold()]
        elif self.mapping.folder_tags:
            tags += [self._ensure(tag_for_folder(folder), f"Imported: {folder}") for folder in folders if tag_for_folder(folder)]
        for value in source_tags:
            if value.casefold() in mapped:
                tags += mapped[value.casefold()]
            elif tag_for(value) in self.registry:
                tags.append(tag_for(value))
            else:
                keywords.append(value)
                self.as_keywords[value] += 1
        if not tags:
            tags = list(self.mapping.default_tags) or [self._ensure(tag_for(self.fallback) or "imported", f"Imported from {self.fallback}")]
        for tag in tags:
            if tag not in self.registry:
                self._ensure(tag, f"Imported: {tag}")
        return list(dict.fromkeys(tags)), list(dict.fromkeys(keywords))

    def _ensure(self, tag: str, description: str) -> str:
        if tag not in self.registry and tag not in self.added:
            self.added[tag] = description
        return tag
