"""Findings and the catalogue of rules they name: id, default severity, fix, and where each is checked.

A `Finding` is plain data so every reporter (text, JSON, GitHub annotations)
and every caller of the validate API sees the same thing. Reading a file
(`kbtool/core/documents.py`) and the checks (`kbtool/checks/`) both produce
findings, so the catalogue lives here, below both.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"
OFF = "off"
SEVERITIES = (ERROR, WARNING, OFF)


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    summary: str
    hint: str
    checked_in: str = ""  # the module that raises it


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    rule: str
    severity: str
    message: str
    hint: str

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


class FindingCounts:
    """For reports that carry `findings` (validate, changes): how many are errors and warnings."""

    findings: list[Finding]

    @property
    def errors(self) -> int:
        return sum(1 for finding in self.findings if finding.severity == ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for finding in self.findings if finding.severity == WARNING)


_READING = "kbtool/core/documents.py"
_FRONT_MATTER = "kbtool/checks/front_matter.py"
_STRUCTURE = "kbtool/checks/structure.py"
_UNIQUENESS = "kbtool/checks/uniqueness.py"
_LINKS = "kbtool/checks/links.py"
_SCHEMA_FILE = "kbtool/checks/json_schema.py"
_SAFETY = "kbtool/checks/safety.py"
_CODEOWNERS = "kbtool/checks/codeowners.py"
_VERSIONS = "kbtool/lifecycle/version_rules.py"
_CHANGES = "kbtool/lifecycle/change_rules.py"

_RULES = [
    # Reading the file
    Rule("file-unreadable", ERROR, "The file cannot be read.", "Check the file's permissions, or remove it.", _READING),
    Rule("file-empty", ERROR, "The file is empty.", "Add front matter and a body (`kbtool new` writes a valid start), or delete the file.", _READING),
    Rule("file-too-large", ERROR, "The file is larger than the configured limit.", "Split it into smaller documents, or raise `max_file_size` in kbtool.yml if it is really one document.", _READING),
    Rule("file-binary", ERROR, "The file contains binary data (NUL bytes).", "Only Markdown text belongs under kb/ and sops/; move attachments elsewhere.", _READING),
    Rule("file-encoding", ERROR, "The file is not valid UTF-8.", "Re-save the file as UTF-8 (in VS Code: 'Save with Encoding' > UTF-8).", _READING),
    Rule("symlink-loop", ERROR, "A symbolic link leads back to itself.", "Remove the link, or point it at the real file.", _READING),
    Rule("symlink-outside", ERROR, "A symbolic link points outside the repository.", "Replace the link with the file itself, or remove it.", _READING),
    # Front matter syntax
    Rule("front-matter-missing", ERROR, "The file does not start with YAML front matter.", "Start the file with a line `---`, the fields, and another `---` (see docs/content-model.md).", _READING),
    Rule("front-matter-unclosed", ERROR, "The front matter has no closing `---` line.", "Add a line containing only `---` after the last field.", _READING),
    Rule("yaml-syntax", ERROR, "The front matter is not valid YAML.", "Fix the YAML at the line shown; quote values that contain `: ` or start with `[`, `{`, `*`, `&`, `!`, `%` or `@`.", _READING),
    Rule("yaml-alias", ERROR, "The front matter uses YAML anchors or aliases (&name, *name).", "Write each value out in full; anchors let a few bytes expand into gigabytes, so kbtool refuses them.", "kbtool/core/yamlio.py"),
    Rule("yaml-tab", ERROR, "The front matter is indented with a tab.", "YAML allows only spaces for indentation: replace the tab with spaces.", _READING),
    Rule("front-matter-not-mapping", ERROR, "The front matter is not a set of `key: value` fields.", "Write one `field: value` per line (see docs/content-model.md).", _READING),
    Rule("duplicate-field", ERROR, "A field appears twice in the front matter.", "Keep one of the two lines; YAML would silently use the last.", _READING),
    # Schema
    Rule("missing-field", ERROR, "A required field is missing.", "Add the field; see docs/content-model.md for its format.", _FRONT_MATTER),
    Rule("unknown-field", ERROR, "A field is not part of the schema (often a typo).", "Correct the spelling, or remove the field.", _FRONT_MATTER),
    Rule("invalid-field", ERROR, "A field has the wrong type or format.", "See docs/content-model.md for the field's format.", _FRONT_MATTER),
    Rule("id-format", ERROR, "The id is not of the form KB-0001 or SOP-0001.", "Use the prefix for the folder (KB- under kb/, SOP- under sops/) and four or more digits.", _FRONT_MATTER),
    Rule("filename-id", WARNING, "The file name does not start with the document's id.", "Rename the file to start with the lower-case id, e.g. `kb-0007-vpn-keeps-disconnecting.md`.", _FRONT_MATTER),
    Rule("unknown-owner", ERROR, "The owner or reviewer is not in the owners registry.", "Use an id from meta/owners.yml, or add the person there in the same change.", _FRONT_MATTER),
    Rule("unknown-tag", ERROR, "A tag is not in the controlled vocabulary.", "Use a tag from meta/tags.yml, or add it there (with a description) in the same change.", _FRONT_MATTER),
    Rule("invalid-date", ERROR, "A date is not a real calendar date in YYYY-MM-DD form.", "Write the date as YYYY-MM-DD, e.g. 2026-03-31.", _FRONT_MATTER),
    Rule("future-date", ERROR, "A date is in the future.", "Use the date the event really happened (today or earlier).", _FRONT_MATTER),
    Rule("reviewed-before-created", ERROR, "The review date is earlier than the creation date.", "Set `reviewed` to the date of the last real review, on or after `created`.", _FRONT_MATTER),
    Rule("invalid-interval", ERROR, "The review interval is not understood.", "Use a number and a unit: `30d`, `12w`, `6m` or `1y`.", _FRONT_MATTER),
    Rule("invalid-version", ERROR, "The SOP version is not a semantic version.", "Use MAJOR.MINOR.PATCH, e.g. 1.4.0.", _FRONT_MATTER),
    Rule("changelog", ERROR, "The SOP change log is missing, malformed or disagrees with `version`.", "Add a change-log entry (version, date, summary), newest first, whose version equals `version`.", _FRONT_MATTER),
    # Body
    Rule("empty-body", ERROR, "The document has front matter but no body.", "Write the body below the closing `---`.", _STRUCTURE),
    Rule("missing-section", ERROR, "A required section is missing.", "Add the section as a level-two heading (`## Name`); see docs/content-model.md.", _STRUCTURE),
    Rule("empty-section", ERROR, "A required section has no content.", "Write the section's content, or explain why it does not apply.", _STRUCTURE),
    Rule("empty-procedure", ERROR, "The procedure or steps have no numbered steps.", "Write the steps as a numbered list: `1. ...`, `2. ...`.", _STRUCTURE),
    # Safety: what must never reach a terminal, a page or a reader
    Rule("control-character", ERROR, "Text holds a control character (escape sequences can rewrite a terminal or the clipboard).", "Delete the character; it is invisible in most editors (search for \\x1b, \\x07 or \\x9b).", _SAFETY),
    Rule("secret", ERROR, "Text holds what looks like a password, key or token.", "Remove the value (never store secrets in the knowledge base) and rotate it if it was real.", _SAFETY),
    Rule("unsafe-html", ERROR, "The body holds HTML that could run in a reader's browser, send the reader elsewhere or fetch from another host.", "Remove <script>, <iframe>, <base>, <meta>, <form>, <style>, on...= handlers, style=url(...) and javascript: links (encoded ones too); show code in a fenced code block instead.", _SAFETY),
    Rule("conflict-marker", ERROR, "A merge conflict was left in the body.", "Resolve the conflict: keep the right text and delete the <<<<<<<, ======= and >>>>>>> lines.", _SAFETY),
    # Across documents
    Rule("duplicate-id", ERROR, "Two documents share an id.", "Ids are never reused: give one of them the next free id (`kbtool new` picks one).", _UNIQUENESS),
    Rule("duplicate-title", WARNING, "Two documents share a title.", "Make the titles say how the documents differ, or merge them.", _UNIQUENESS),
    Rule("broken-link", ERROR, "A relative link points to a file that does not exist.", "Fix the path (it is relative to this file), or use an id reference such as [[KB-0007]].", _LINKS),
    Rule("broken-reference", ERROR, "An id reference or `related` entry names no document.", "Correct the id, or remove the reference.", _LINKS),
    Rule("link-to-archived", WARNING, "A link points to an archived document.", "Link to the document that replaced it, or remove the link.", _LINKS),
    Rule("synonyms-file", ERROR, "meta/synonyms.yml cannot be used: search leaves it out and uses kbtool's own list only.", "Fix the file: `groups:` followed by lists of two or more words or phrases, e.g. `- [pw, password]`.", "kbtool/search/synonyms.py"),
    Rule("schema-stale", WARNING, "schema/front-matter.schema.json does not match the registries.", "Run `kbtool schema --write` and commit the result.", _SCHEMA_FILE),
    Rule("codeowners-stale", WARNING, ".github/CODEOWNERS (written by `kbtool codeowners`) does not match the documents' owners.", "Run `kbtool codeowners` and commit the result, so each document's owner is asked to review changes to it.", _CODEOWNERS),
    # Change control: `kbtool changes` compares the knowledge base with a base branch
    Rule("sop-version-bump", ERROR, "An SOP's body changed but its `version` did not go up (or went down, or was removed).", "Raise `version` as docs/content-model.md says (MAJOR: steps added, removed or reordered; MINOR: detail added; PATCH: wording) and add a change-log entry for it; the message gives both, ready to paste.", _VERSIONS),
    Rule("sop-version-too-small", ERROR, "An SOP's steps were added, removed or reordered, but `version` went up by a PATCH only.", "Raise MAJOR (agents must act differently), e.g. 2.1.0 to 3.0.0, and give the change-log entry that version.", _VERSIONS),
    Rule("sop-changelog-entry", ERROR, "An SOP's new version has no change-log entry, or its entry is dated before the change began.", "Add an entry (version, date, summary) for the new version at the top of `changelog`, dated the day of the change.", _VERSIONS),
    Rule("id-changed", ERROR, "A document's id changed (a renamed file keeps its id).", "Put the old id back; to replace a document, archive it and create a new one with `kbtool new`.", _CHANGES),
    Rule("id-reused", ERROR, "A new document takes an id used before: by a deleted document, or by one the base branch gained meanwhile.", "Give the document the next free id (the message names it) and rename its file to match.", _CHANGES),
    Rule("removed-still-linked", ERROR, "A document the change deletes or archives is still linked to, or named in `related`.", "Remove the link or `related` entry, or point it at the document that replaces the removed one.", _CHANGES),
    Rule("stray-file", ERROR, "A file that is not Markdown was added under kb/ or sops/, and no document links to it.", "Link it from the document that shows it (an image, a PDF), or remove it.", _CHANGES),
]

RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}


@dataclass(frozen=True)
class RuleCatalogue:
    rules: list[Rule]

    exit_code = 0

    def to_dict(self) -> list[dict[str, object]]:  # type: ignore[override]
        return [asdict(rule) for rule in self.rules]


def make_finding(rule_id: str, path: str, line: int, message: str, hint: str | None = None) -> Finding:
    """A finding at the rule's default severity (validate applies config overrides)."""
    rule = RULES[rule_id]
    return Finding(path=path, line=line, rule=rule_id, severity=rule.severity, message=message, hint=hint or rule.hint)
