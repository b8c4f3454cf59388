"""What an import did with every source file: the report behind `kbtool import`'s text and JSON output."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from kbtool.core.findings import ERROR, Finding


# Notes that leave something for a person to finish or check; the rest record a conversion done.
ATTENTION = frozenset({
    "encoding", "control-characters", "yaml-invalid", "front-matter-not-mapping", "key-spelling", "list-as-text", "title-shortened",
    "title-from-file-name", "summary-shortened", "date-missing", "date-future", "date-order", "image-missing",
    "broken-link", "link-not-imported", "link-outside", "site-root-link", "xref-link", "empty-link",
    "include-missing", "include-too-deep", "template", "section-added", "section-filled", "wiki-link", "empty-after-conversion",
})


@dataclass(frozen=True)
class Note:
    """One thing done to a file while converting it, or left for a person to finish."""

    code: str  # e.g. "site-root-link", "image-missing", "callout", "include-inlined"
    message: str
    line: int | None = None  # line in the source file, when known

    @property
    def needs_attention(self) -> bool:
        return self.code in ATTENTION


@dataclass
class ImportedFile:
    source: str  # path relative to the source folder, forward slashes
    id: str
    path: str  # the new file, relative to the knowledge base's root
    action: str  # "created", "updated" or "unchanged" ("create", "update" or "unchanged" in a dry run)
    kind: str
    title: str
    notes: list[Note] = field(default_factory=list)


@dataclass(frozen=True)
class SkippedFile:
    source: str
    reason: str


@dataclass
class ImportReport:
    source_dir: str
    folder: str  # where the articles went, relative to the root
    profile: str
    dry_run: bool
    imported: list[ImportedFile] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    left_in_place: list[ImportedFile] = field(default_factory=list)  # imported earlier; source gone now
    owners_added: list[str] = field(default_factory=list)
    tags_added: list[str] = field(default_factory=list)
    authors_defaulted: dict[str, int] = field(default_factory=dict)  # author -> files given the default owner
    tags_as_keywords: dict[str, int] = field(default_factory=dict)  # source tag no map entry names -> files where it became a keyword
    problems: list[Finding] = field(default_factory=list)  # validation findings in the imported files
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        """0 when every imported file passes validation; 1 when some do not."""
        return 1 if any(problem.severity == ERROR for problem in self.problems) else 0

    def note_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for imported in self.imported:
            for note in imported.notes:
                counts[note.code] = counts.get(note.code, 0) + 1
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

    def to_dict(self) -> dict[str, Any]:
        return {
            "source_dir": self.source_dir,
            "folder": self.folder,
            "profile": self.profile,
            "dry_run": self.dry_run,
            "counts": {
                "imported": len(self.imported),
                "skipped": len(self.skipped),
                "left_in_place": len(self.left_in_place),
                "problems": len(self.problems),
                "notes": self.note_counts(),
            },
            "imported": [asdict(item) for item in self.imported],
            "skipped": [asdict(item) for item in self.skipped],
            "left_in_place": [asdict(item) for item in self.left_in_place],
            "owners_added": self.owners_added,
            "tags_added": self.tags_added,
            "authors_defaulted": self.authors_defaulted,
            "tags_as_keywords": self.tags_as_keywords,
            "problems": [problem.to_dict() for problem in self.problems],
            "seconds": round(self.seconds, 2),
        }
