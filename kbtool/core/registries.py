"""The owners registry and the controlled tag vocabulary kept in the repository."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kbtool.core.config import Config, read_yaml_file
from kbtool.core.errors import ConfigError

# A GitHub user name (letters, digits, single hyphens, at most 39 characters) or a team as org/team-slug.
_HANDLE = re.compile(r"^@?[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}(?:/[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,98}[A-Za-z0-9_])?)?$")


@dataclass(frozen=True)
class Owner:
    id: str
    name: str
    email: str
    team: str
    github: str = ""  # code-host handle without the @ (a user, or org/team), for .github/CODEOWNERS


@dataclass(frozen=True)
class Registries:
    owners: dict[str, Owner]
    tags: dict[str, str]


def load_registries(config: Config) -> Registries:
    return Registries(owners=load_owners(config), tags=load_tags(config))


# (path, modification time, size) -> owners: a site build views thousands of
# documents, each naming its owner, and re-reading the registry for each cost
# half a millisecond. A changed file has a new time or size and is read again.
_OWNERS_READ: dict[tuple[str, int, int], dict[str, Owner]] = {}


def load_owners(config: Config) -> dict[str, Owner]:
    path = config.path(config.owners_file)
    try:
        status = path.stat()
        key = (str(path), status.st_mtime_ns, status.st_size)
    except OSError:
        key = None  # missing: read_yaml_file reports it
    if key is not None and key in _OWNERS_READ:
        return dict(_OWNERS_READ[key])
    owners = _read_owners(path)
    if key is not None:
        _OWNERS_READ.clear()
        _OWNERS_READ[key] = owners
    return dict(owners)


def _read_owners(path: Path) -> dict[str, Owner]:
    data = read_yaml_file(path, "owners registry")
    entries = data.get("owners") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ConfigError(f"{path}: expected `owners:` followed by a list of owners", hint="see docs/content-model.md#registries")
    owners: dict[str, Owner] = {}
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not entry["id"].strip():
            raise ConfigError(f"{path}: owner #{number} needs an `id`", hint="each owner has id, name, email and team")
        owner_id = entry["id"].strip()
        if owner_id in owners:
            raise ConfigError(f"{path}: owner id `{owner_id}` appears twice")
        owners[owner_id] = Owner(
            id=owner_id,
            name=str(entry.get("name") or owner_id),
            email=str(entry.get("email") or ""),
            team=str(entry.get("team") or ""),
            github=_handle(path, owner_id, entry.get("github")),
        )
    return owners


def load_tags(config: Config) -> dict[str, str]:
    path = config.path(config.tags_file)
    data = read_yaml_file(path, "tag vocabulary")
    tags = data.get("tags") if isinstance(data, dict) else None
    if not isinstance(tags, dict) or not all(isinstance(tag, str) for tag in tags):
        raise ConfigError(f"{path}: expected `tags:` followed by `tag: description` lines", hint="see docs/content-model.md#registries")
    return {tag: str(description or "") for tag, description in tags.items()}


def _handle(path: object, owner_id: str, value: object) -> str:
    """An owner's `github` handle, checked: a user name or org/team, with or without the @."""
    if value is None:
        return ""
    if not isinstance(value, str) or not _HANDLE.match(value.strip()):
        raise ConfigError(
            f"{path}: owner `{owner_id}`: github `{value}` is not a GitHub user name or team",
            hint="write the handle as on GitHub, e.g. `github: asha-patel` or a team `github: brightwater/identity` (letters, digits and single hyphens)",
        )
    return value.strip().lstrip("@")
