"""Owners for imported articles: authors mapped through the map file, found in the registry, added to it, or given the default."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from kbtool.core.registries import Owner

_NOT_ID = re.compile(r"[^a-z0-9.\-]+")


def owner_id_for(author: str) -> str:
    """An owner id in the registry's style for an author: `Steven Spencer` -> `steven.spencer`."""
    ascii_name = unicodedata.normalize("NFKD", author).encode("ascii", "ignore").decode().casefold()
    return _NOT_ID.sub(".", ascii_name.strip().lstrip("@")).strip(".-") or "unknown.author"


@dataclass
class OwnerResolver:
    registry: dict[str, Owner]
    mapped: dict[str, str]  # casefolded author -> owner id
    default: str | None  # for authorless files, and for unknown authors when `add_unknown` is off
    add_unknown: bool
    collection: str  # named in the team of owners added
    added: dict[str, Owner] = field(default_factory=dict)
    defaulted: Counter[str] = field(default_factory=Counter)  # unknown author -> files given the default
    without_author: int = 0  # files with no author and no default

    def __post_init__(self) -> None:
        self._known = {}
        for owner in self.registry.values():
            for name in (owner.id, owner.name, owner.email):
                if name:
                    self._known.setdefault(name.casefold(), owner.id)

    def resolve(self, authors: list[str]) -> str | None:
        """The owner id for a file whose author fields say `authors` (in order); None when nobody can own it."""
        for author in authors:
            key = author.casefold()
            if key in self.mapped:
                return self._ensure(self.mapped[key], author)
            if key in self._known:
                return self._known[key]
        if authors and self.add_unknown:
            return self._ensure(owner_id_for(authors[0]), authors[0])
        if authors:
            self.defaulted[authors[0]] += 1
        if self.default is None:
            self.without_author += 1
        return self.default

    def _ensure(self, owner_id: str, author: str) -> str:
        """`owner_id`, added to the registry (named after the author) when it is not there yet."""
        if owner_id not in self.registry and owner_id not in self.added:
            self.added[owner_id] = Owner(id=owner_id, name=author.lstrip("@"), email="", team=f"Imported from {self.collection}")
            self._known.setdefault(author.casefold(), owner_id)
        return owner_id
