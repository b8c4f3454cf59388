"""Front-matter checks: every field of the content model (`kbtool.core.model.FIELDS`) validated.

The same field definitions are published as a JSON Schema for editors
(`kbtool.checks.json_schema`), so the two cannot drift apart.
"""
from __future__ import annotations

import datetime
import difflib
from typing import Any, Callable

from kbtool.core.dates import as_date, parse_interval
from kbtool.core.documents import Document
from kbtool.core.findings import Finding, make_finding
from kbtool.core.model import FIELDS, FIELDS_BY_NAME, ID_PATTERN, ID_PREFIX, SEMVER, SOURCE_KEYS, Field
from kbtool.core.registries import Registries

_A_TYPE = {"article": "an article", "sop": "an SOP"}


class _Checker:
    """Checks one document's front matter, collecting findings."""

    def __init__(self, document: Document, registries: Registries, today: datetime.date) -> None:
        self.doc = document
        self.registries = registries
        self.today = today
        self.findings: list[Finding] = []

    def add(self, rule: str, name: str, message: str, hint: str | None = None, line: int | None = None) -> None:
        self.findings.append(make_finding(rule, self.doc.path, line or self.doc.line_of(name), message, hint))

    def run(self) -> list[Finding]:
        meta, doc_type = self.doc.meta, self.doc.doc_type
        for name in meta:
            spec = FIELDS_BY_NAME.get(name)
            if spec is None or doc_type not in spec.applies_to:
                self._unknown(name)
        for spec in FIELDS:
            if doc_type not in spec.applies_to:
                continue
            if name_missing(meta, spec.name):
                if doc_type in spec.required_for:
                    self.add("missing-field", spec.name, f"required field `{spec.name}` is missing", f"add `{spec.name}:` — {spec.description}")
                continue
            _CHECKS[spec.kind](self, spec, meta[spec.name])
        self._check_dates_agree()
        return self.findings

    def _unknown(self, name: str) -> None:
        allowed = [f.name for f in FIELDS if self.doc.doc_type in f.applies_to]
        close = difflib.get_close_matches(name, allowed, n=1)
        hint = f"did you mean `{close[0]}`?" if close else f"allowed fields: {', '.join(allowed)}"
        self.add("unknown-field", name, f"`{name}` is not a field of {_A_TYPE[self.doc.doc_type]}", hint)

    def text(self, spec: Field, value: Any) -> None:
        if not isinstance(value, str) or not value.strip():
            self.add("invalid-field", spec.name, f"`{spec.name}` must be non-empty text", "quote the value if it is a number, date or yes/no")
        elif spec.max_length and len(value) > spec.max_length:
            self.add("invalid-field", spec.name, f"`{spec.name}` is {len(value)} characters; the limit is {spec.max_length}", "shorten it; put detail in the body")

    def identifier(self, spec: Field, value: Any) -> None:
        match = ID_PATTERN.match(value.strip()) if isinstance(value, str) else None
        prefix = ID_PREFIX[self.doc.doc_type]
        if not match or match.group(1) != prefix:
            self.add("id-format", "id", f"id `{value}` is not of the form {prefix}-0001 (this file is under the {self.doc.doc_type} folder)")
            return
        filename = self.doc.path.rsplit("/", 1)[-1].lower()
        expected = value.strip().lower()
        if not (filename.startswith(expected) and filename[len(expected) : len(expected) + 1] in ("-", "_", ".", "")):
            self.add("filename-id", "id", f"file name `{filename}` does not start with `{value.strip().lower()}`")

    def choice(self, spec: Field, value: Any) -> None:
        if value not in spec.choices:
            self.add("invalid-field", spec.name, f"`{spec.name}: {value}` must be one of: {', '.join(spec.choices)}")

    def owner(self, spec: Field, value: Any) -> None:
        if not isinstance(value, str) or value not in self.registries.owners:
            close = difflib.get_close_matches(str(value), list(self.registries.owners), n=1)
            hint = f"did you mean `{close[0]}`? Owners are listed in meta/owners.yml" if close else None
            self.add("unknown-owner", spec.name, f"{spec.name} `{value}` is not in the owners registry", hint)

    def tags(self, spec: Field, value: Any) -> None:
        if not self._string_list(spec, value, allow_empty=False):
            return
        for tag in value:
            if tag not in self.registries.tags:
                close = difflib.get_close_matches(tag, list(self.registries.tags), n=1)
                hint = f"did you mean `{close[0]}`? The vocabulary is meta/tags.yml" if close else None
                self.add("unknown-tag", "tags", f"tag `{tag}` is not in the controlled vocabulary", hint)

    def text_list(self, spec: Field, value: Any) -> None:
        self._string_list(spec, value, allow_empty=True)

    def id_list(self, spec: Field, value: Any) -> None:
        if self._string_list(spec, value, allow_empty=True):
            for item in value:
                if not ID_PATTERN.match(item.strip()):
                    self.add("invalid-field", spec.name, f"`{item}` in `{spec.name}` is not a document id such as KB-0001")

    def _string_list(self, spec: Field, value: Any, allow_empty: bool) -> bool:
        if isinstance(value, list):
            for item in value:
                if not isinstance(item, str) and item is not None:
                    self.add("invalid-field", spec.name, f"`{spec.name}` entry `{item}` is not text", "quote it: YAML reads values such as 0x80070005, 404 or 2024-01-01 as numbers or dates — write '0x80070005'")
                    return False
        if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
            example = f"[{value}]" if isinstance(value, str) else "[first, second]"
            self.add("invalid-field", spec.name, f"`{spec.name}` must be a list of text", f"write it as a list: `{spec.name}: {example}`")
            return False
        if not value and not allow_empty:
            self.add("invalid-field", spec.name, f"`{spec.name}` must list at least one entry")
            return False
        return True

    def date(self, spec: Field, value: Any, line: int | None = None, label: str | None = None) -> datetime.date | None:
        label = label or f"`{spec.name}`"
        parsed = as_date(value)
        if parsed is None:
            self.add("invalid-date", spec.name, f"{label} `{value}` is not a real date in YYYY-MM-DD form", line=line)
        elif parsed > self.today:
            self.add("future-date", spec.name, f"{label} {parsed} is in the future (today is {self.today})", line=line)
            return None
        return parsed

    def interval(self, spec: Field, value: Any) -> None:
        if parse_interval(value) is None:
            self.add("invalid-interval", spec.name, f"`review_every: {value}` is not an interval")

    def version(self, spec: Field, value: Any) -> None:
        if not isinstance(value, str) or not SEMVER.match(value):
            hint = "quote it and give all three parts, e.g. \"1.0.0\"" if not isinstance(value, str) else None
            self.add("invalid-version", "version", f"version `{value}` is not MAJOR.MINOR.PATCH", hint)

    def changelog(self, spec: Field, value: Any) -> None:
        if not isinstance(value, list) or not value:
            self.add("changelog", "changelog", "`changelog` must be a list of entries (version, date, summary), newest first")
            return
        entry_lines = _list_item_lines(self.doc, "changelog")
        previous: tuple[int, ...] | None = None
        for index, entry in enumerate(value):
            line = entry_lines[index] if index < len(entry_lines) else self.doc.line_of("changelog")
            if not isinstance(entry, dict) or not {"version", "date", "summary"} <= set(entry):
                self.add("changelog", "changelog", f"change-log entry {index + 1} needs version, date and summary", line=line)
                continue
            version = entry["version"]
            if not isinstance(version, str) or not SEMVER.match(version):
                self.add("changelog", "changelog", f"change-log entry {index + 1}: version `{version}` is not MAJOR.MINOR.PATCH", line=line)
                continue
            self.date(spec, entry["date"], line=line, label=f"change-log entry {version} date")
            parts = tuple(int(part) for part in version.split("."))
            if previous is not None and parts >= previous:
                self.add("changelog", "changelog", f"change-log entry {version} is not older than the entry above it", "list entries newest first, each version once", line=line)
            previous = parts
        first = value[0].get("version") if isinstance(value[0], dict) else None
        current = self.doc.meta.get("version")
        if isinstance(current, str) and first is not None and first != current:
            self.add("changelog", "changelog", f"newest change-log entry is {first} but `version` is {current}", "add an entry for the new version at the top of `changelog`")

    def source(self, spec: Field, value: Any) -> None:
        if not isinstance(value, dict):
            self.add("invalid-field", "source", "`source` must be a mapping with `path` (written by `kbtool import`)")
            return
        for key in value:
            if key not in SOURCE_KEYS:
                self.add("invalid-field", "source", f"`source.{key}` is not a key of `source`", f"allowed keys: {', '.join(SOURCE_KEYS)}")
        path = value.get("path")
        if not isinstance(path, str) or not path.strip():
            self.add("invalid-field", "source", "`source.path` must be the path of the imported file", "e.g. `path: Outlook/Connectivity/cannot-connect.md`")
        if "front_matter" in value and not isinstance(value["front_matter"], dict):
            self.add("invalid-field", "source", "`source.front_matter` must be a mapping (the original front matter)")
        if "front_matter_text" in value and not isinstance(value["front_matter_text"], str):
            self.add("invalid-field", "source", "`source.front_matter_text` must be text (front matter that was not valid YAML)")

    def _check_dates_agree(self) -> None:
        created, reviewed = as_date(self.doc.meta.get("created")), as_date(self.doc.meta.get("reviewed"))
        if created and reviewed and reviewed < created:
            self.add("reviewed-before-created", "reviewed", f"reviewed {reviewed} is before created {created}")


def name_missing(meta: dict[str, Any], name: str) -> bool:
    return name not in meta or meta[name] is None


def _list_item_lines(document: Document, name: str) -> list[int]:
    """File lines of the `- ` items of a block list field (for change-log entries)."""
    start = document.line_of(name)
    ends = [line for line in document.field_lines.values() if line > start]
    end = min(ends) if ends else document.body_line - 1
    return [line for line in range(start + 1, end) if document.front_line(line).lstrip().startswith("- ")]


_CHECKS: dict[str, Callable[[_Checker, Field, Any], Any]] = {
    "id": _Checker.identifier,
    "text": _Checker.text,
    "choice": _Checker.choice,
    "owner": _Checker.owner,
    "tags": _Checker.tags,
    "text-list": _Checker.text_list,
    "id-list": _Checker.id_list,
    "date": _Checker.date,
    "interval": _Checker.interval,
    "version": _Checker.version,
    "changelog": _Checker.changelog,
    "source": _Checker.source,
}


def check_front_matter(document: Document, registries: Registries, today: datetime.date) -> list[Finding]:
    return _Checker(document, registries, today).run()
