"""The import profiles by name, and guessing which one a source folder needs."""
from __future__ import annotations

from pathlib import Path

from kbtool.core.errors import UsageError
from kbtool.importers import docfx, generic, mkdocs
from kbtool.importers.generic import Profile
from kbtool.importers.names import CHOICES as NAMES, PROFILE_NAMES

PROFILES: dict[str, Profile] = {profile.name: profile for profile in (docfx.PROFILE, mkdocs.PROFILE, generic.PROFILE)}
assert tuple(PROFILES) == PROFILE_NAMES, "kbtool/importers/names.py must name every profile"
_SAMPLE = 200  # files read to guess; enough to see a collection's habits


def choose(name: str, source_dir: Path, files: list[Path]) -> Profile:
    """The profile called `name`, or for "auto" the one the folder looks like."""
    if name != "auto":
        if name not in PROFILES:
            raise UsageError(f"unknown profile `{name}`", hint=f"choose one of: {', '.join(NAMES)}")
        return PROFILES[name]
    return PROFILES[detect(source_dir, files)]


def detect(source_dir: Path, files: list[Path]) -> str:
    """docfx when files carry `ms.date` or DocFX syntax (or docfx.json exists), mkdocs when mkdocs.yml or admonitions do, else generic."""
    if (source_dir / "docfx.json").is_file():
        return "docfx"
    if (source_dir / "mkdocs.yml").is_file() or (source_dir / "mkdocs.yaml").is_file():
        return "mkdocs"
    docfx_votes = mkdocs_votes = 0
    step = max(1, len(files) // _SAMPLE)
    for path in files[::step]:
        try:
            head = path.read_text(encoding="utf-8", errors="replace")[:20_000]
        except OSError:
            continue
        docfx_votes += ("\nms.date:" in head) + ("[!NOTE]" in head or ":::image" in head or "[!INCLUDE" in head)
        mkdocs_votes += ("\n!!! " in head or "\n??? " in head) + ("{% include" in head)
    if docfx_votes > mkdocs_votes:
        return "docfx"
    if mkdocs_votes:
        return "mkdocs"
    return "generic"
