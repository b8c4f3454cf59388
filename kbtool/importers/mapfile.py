"""The map file (`--map FILE`): how a collection's authors, tags and folders become kbtool's owners and tags.

    owners:                    # author, as any author field writes it -> owner id
      cloud-writer: lena.kowalski
      Steven Spencer: marcus.reid
    tags:                      # source tag, category or folder -> tag, list of tags, or null to drop it
      Outlook: mail
      Outlook/Mobile: [mail, mobile]
      qa: null
    default_tags: [imported]   # for files that end up with no tag
    unknown_authors: add       # add: new owners in the registry; default: give them --owner
    folder_tags: true          # tags from the first two folder levels (added to the registry)
    status: published
    audience: agent

Every key is optional. Matching of authors, tags and folders ignores case.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kbtool.core.config import read_yaml_file
from kbtool.core.errors import UsageError
from kbtool.core.model import AUDIENCES, STATUSES

UNKNOWN_AUTHORS = ("add", "default")


@dataclass(frozen=True)
class ImportMap:
    owners: dict[str, str] = field(default_factory=dict)  # casefolded author -> owner id
    tags: dict[str, list[str]] = field(default_factory=dict)  # casefolded source tag or folder -> tags (empty: drop)
    default_tags: list[str] = field(default_factory=list)
    unknown_authors: str | None = None  # None: "default" when --owner is given, else "add"
    folder_tags: bool = True
    status: str = "published"
    audience: str = "agent"


def read_map(path: Path | None) -> ImportMap:
    if path is None:
        return ImportMap()
    data = read_yaml_file(path, "import map") or {}
    if not isinstance(data, dict):
        raise UsageError(f"{path}: the import map must be a mapping (owners:, tags:, ...)", hint="see docs/importing.md#the-map-file")
    known = {"owners", "tags", "default_tags", "unknown_authors", "folder_tags", "status", "audience"}
    for key in data:
        if key not in known:
            raise UsageError(f"{path}: `{key}` is not a setting of the import map", hint=f"settings: {', '.join(sorted(known))}")
    return ImportMap(
        owners={str(author).casefold(): _text(path, f"owners: {author}", owner) for author, owner in _mapping(path, data, "owners").items()},
        tags={str(source).casefold(): _tags(path, source, value) for source, value in _mapping(path, data, "tags").items()},
        default_tags=_tags(path, "default_tags", data.get("default_tags")),
        unknown_authors=_choice(path, data, "unknown_authors", UNKNOWN_AUTHORS, None),
        folder_tags=_flag(path, data, "folder_tags", True),
        status=_choice(path, data, "status", STATUSES, "published"),
        audience=_choice(path, data, "audience", AUDIENCES, "agent"),
    )


def _mapping(path: Path, data: dict[str, Any], key: str) -> dict[Any, Any]:
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise UsageError(f"{path}: `{key}` must map source names to kbtool names", hint=f"e.g. `{key}:` then `  source name: kbtool-name`")
    return value


def _text(path: Path, where: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise UsageError(f"{path}: `{where}` must name an owner id")
    return value.strip()


def _tags(path: Path, where: object, value: Any) -> list[str]:
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    if not all(isinstance(item, str) and item.strip() for item in values):
        raise UsageError(f"{path}: `{where}` must be a tag, a list of tags or null")
    return [item.strip() for item in values]


def _choice(path: Path, data: dict[str, Any], key: str, choices: tuple[str, ...], default: str | None) -> Any:
    value = data.get(key, default)
    if value is not default and value not in choices:
        raise UsageError(f"{path}: `{key}: {value}` must be one of {', '.join(choices)}")
    return value


def _flag(path: Path, data: dict[str, Any], key: str, default: bool) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise UsageError(f"{path}: `{key}` must be true or false")
    return value
