"""An SOP's version and change log after a change, as docs/content-model.md defines them.

MAJOR when agents must act differently (steps added, removed or reordered),
MINOR for added detail, PATCH for wording; a change of whitespace only needs
no bump. What is enforced: a body that changed beyond whitespace raises
`version`; steps added, removed or moved are not a PATCH; the new version has
a change-log entry dated no earlier than the day the change began (the day
of the commit where the branch left its base). Every finding says exactly
what to write, with a change-log entry ready to paste.
"""
from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from typing import Any

from kbtool.core.dates import as_date
from kbtool.core.documents import Document
from kbtool.core.findings import Finding, make_finding
from kbtool.core.model import SEMVER
from kbtool.core.yamlio import YamlProblem, load_fast
from kbtool.lifecycle.step_diff import STRUCTURAL, StepChange, describe

MAJOR, MINOR, PATCH = "major", "minor", "patch"
_WHY = {
    MAJOR: "MAJOR: steps were added, removed or reordered, so agents must act differently",
    MINOR: "MINOR: detail was added",
    PATCH: "PATCH: wording",
}
_SUMMARY_LIMIT = 150


@dataclass(frozen=True)
class Since:
    """Where the change began, for messages and the change-log date rule."""

    base: str  # the base as the user named it (`origin/main`)
    day: datetime.date  # the day of the commit where the change left the base
    today: datetime.date


@dataclass(frozen=True)
class BodyChange:
    """How an SOP's body changed, as the version rules need it."""

    changed: bool  # beyond whitespace
    steps: list[StepChange]
    sections: list[str]  # sections whose text changed
    only_added: bool  # words added, none removed or changed: added detail

    @property
    def structural(self) -> bool:
        return any(change.kind in STRUCTURAL for change in self.steps)

    @property
    def needed(self) -> str:
        """The bump the content model calls for."""
        return MAJOR if self.structural else MINOR if self.only_added else PATCH

    def summary(self) -> str:
        """A first draft of the change-log summary, from what changed."""
        if self.steps:
            text = describe(self.steps)
            firsts = [change for change in self.steps if change.kind in (*STRUCTURAL, "reworded")]
            if firsts:
                text += f": {firsts[0].text}"
            text = text[0].upper() + text[1:]
        else:
            shown = [name for name in self.sections if not name.startswith("(")] or ["the introduction"]
            text = ("Detail added to " if self.only_added else "Wording of ") + " and ".join(shown[:3]) + "."
        return text if len(text) <= _SUMMARY_LIMIT else text[: _SUMMARY_LIMIT - 1].rstrip() + "…"


def parse_version(value: Any) -> tuple[int, int, int] | None:
    if not isinstance(value, str) or not SEMVER.match(value.strip()):
        return None
    major, minor, patch = (int(part) for part in value.strip().split("."))
    return major, minor, patch


def bump_of(old: tuple[int, int, int], new: tuple[int, int, int]) -> str | None:
    """Which part went up from `old` to `new`; None when the version did not go up."""
    if new <= old:
        return None
    if new[0] > old[0]:
        return MAJOR
    return MINOR if new[1] > old[1] else PATCH


def next_version(old: tuple[int, int, int], bump: str) -> str:
    major, minor, patch = old
    if bump == MAJOR:
        return f"{major + 1}.0.0"
    if bump == MINOR:
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def changelog_entry_yaml(version: str, day: datetime.date, summary: str) -> str:
    """A change-log entry as the lines to paste under `changelog:` (indented as `kbtool new` writes them)."""
    return f"  - version: {version}\n    date: {day.isoformat()}\n    summary: {_scalar(summary)}"


def _scalar(text: str) -> str:
    """`text` as a YAML value: plain when YAML reads it back unchanged, else double-quoted (JSON's quoting is YAML's)."""
    try:
        if load_fast(f"value: {text}") == {"value": text}:
            return text
    except YamlProblem:
        pass
    return json.dumps(text, ensure_ascii=False)


def entry_for(document: Document, version: str) -> tuple[int, dict[str, Any]] | None:
    """The change-log entry for `version` and its index, when the change log has one."""
    entries = document.meta.get("changelog")
    if not isinstance(entries, list):
        return None
    for index, entry in enumerate(entries):
        if isinstance(entry, dict) and str(entry.get("version", "")).strip() == version:
            return index, entry
    return None


def _entry_line(document: Document, index: int) -> int:
    """The file line of the `index`th `- ` item of the change log."""
    start = document.line_of("changelog")
    ends = [line for line in document.field_lines.values() if line > start]
    end = min(ends) if ends else document.body_line - 1
    items = [line for line in range(start + 1, end) if document.front_line(line).lstrip().startswith("- ")]
    return items[index] if index < len(items) else start


def check_version(old: Document, new: Document, body: BodyChange, since: Since) -> list[Finding]:
    """The version and change-log findings for one SOP changed between `old` and `new`."""
    before = parse_version(old.meta.get("version"))
    if before is None:
        return []  # nothing to compare with: validate reported the base's own problem back then
    value = new.meta.get("version")
    after = parse_version(value)
    wanted = next_version(before, body.needed) if body.changed else ".".join(map(str, before))
    entry = changelog_entry_yaml(wanted, since.today, body.summary())
    if value is None or (isinstance(value, str) and not value.strip()):
        fix = f"add `version: {wanted}`" + (f" ({_WHY[body.needed]}) and this entry at the top of `changelog`:\n{entry}" if body.changed else "")
        return [make_finding("sop-version-bump", new.path, new.line_of("version"), f"{new.id}: `version` was removed (it is {old.meta['version']} on {since.base})", fix)]
    if after is None:
        return []  # not MAJOR.MINOR.PATCH: validate's invalid-version says so
    bump = bump_of(before, after)
    what = describe(body.steps) or "wording in " + ", ".join(body.sections or ["the body"])
    if (body.changed and bump is None) or after < before:
        state = "is still" if after == before else "went down to"
        message = f"{new.id}'s body changed ({what}) but `version` {state} {value}" if body.changed else f"{new.id}: `version` went down from {old.meta['version']} to {value}"
        fix = f"set `version: {wanted}` ({_WHY[body.needed]}) and add this entry at the top of `changelog`:\n{entry}"
        return [make_finding("sop-version-bump", new.path, new.line_of("version"), message, fix)]
    findings = []
    if body.structural and bump == PATCH:
        major = next_version(before, MAJOR)
        message = f"{new.id}'s steps changed ({describe(body.steps)}) but `version` went up by a PATCH only ({old.meta['version']} → {value}); a PATCH is for wording"
        fix = f"set `version: {major}` ({_WHY[MAJOR]}) and give the change-log entry that version"
        findings.append(make_finding("sop-version-too-small", new.path, new.line_of("version"), message, fix))
    if bump is not None:
        findings += _check_entry(new, value.strip(), body, since)
    return findings


def _check_entry(new: Document, version: str, body: BodyChange, since: Since) -> list[Finding]:
    """The new version has a change-log entry, dated on or after the day the change began."""
    found = entry_for(new, version)
    if found is None:
        if not isinstance(new.meta.get("changelog"), list):
            return []  # validate's changelog rule reports a missing or malformed change log
        entry = changelog_entry_yaml(version, since.today, body.summary() if body.changed else "What changed, for agents.")
        return [make_finding("sop-changelog-entry", new.path, new.line_of("changelog"), f"{new.id}: `changelog` has no entry for version {version}", f"add this entry at the top of `changelog`:\n{entry}")]
    index, entry_data = found
    day = as_date(entry_data.get("date"))
    if day is not None and day < since.day:
        message = f"{new.id}: change-log entry {version} is dated {day}, before this change began ({since.base} on {since.day})"
        fix = f"date the entry the day the change was made: `date: {since.today}`"
        return [make_finding("sop-changelog-entry", new.path, _entry_line(new, index), message, fix)]
    return []
