"""The content model's facts, each written once: document types, ids, enumerations, fields, sections.

Every other module (checks, search, the command line's option choices, the
JSON Schema) reads these names instead of repeating literals.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

DOC_TYPES = ("article", "sop")
STATUSES = ("draft", "published", "archived")
AUDIENCES = ("agent", "customer")
ARTICLE_KINDS = ("troubleshooting", "howto", "guide")
BOTH = DOC_TYPES

# --- Ids -------------------------------------------------------------------
ID_PREFIX = {"article": "KB", "sop": "SOP"}
TYPE_OF_PREFIX = {prefix: doc_type for doc_type, prefix in ID_PREFIX.items()}
ID_DIGITS = 4
ID_PATTERN = re.compile(r"^(KB|SOP)-(\d{4,})$")
# An id as people type it: any case, with a dash, a space or nothing between
# prefix and number, with or without leading zeros: KB-0007, kb7, sop 3.
_ID_SPELLING = r"(kb|sop)[-_ ]?(\d{1,9})"
ID_SPELLING = re.compile(rf"(?<![\w-]){_ID_SPELLING}(?![\w-])", re.IGNORECASE)
ID_EXACT_SPELLING = re.compile(rf"^\s*{_ID_SPELLING}\s*$", re.IGNORECASE)
# `[[KB-0007]]` or `[[KB-0007|label]]` in a body.
REFERENCE = re.compile(r"\[\[\s*([^\[\]\s|]+)\s*(?:\|([^\[\]]*))?\]\]")  # no bracket inside: one scan per `[[`, not one to the end
# A document's file name starts with its lower-case id.
ID_IN_FILE_NAME = re.compile(r"(?i)^(kb|sop)-(\d+)")

SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")


def format_id(prefix: str, number: int) -> str:
    return f"{prefix.upper()}-{number:0{ID_DIGITS}d}"


def spelled_ids(prefix: str, digits: str) -> list[str]:
    """The ids a typed prefix and number may mean, most literal first.

    `kb7` can only be KB-0007; `KB-00042` is KB-00042 as typed (ids may have
    more than four digits), or KB-0042 if that is what exists.
    """
    padded = format_id(prefix, int(digits))
    typed = f"{prefix.upper()}-{digits}"
    return [typed, padded] if len(digits) >= ID_DIGITS and typed != padded else [padded]


def normalise_id(text: str) -> str | None:
    """The canonical id for an id in any common spelling (`kb7`, `SOP 3`, `kb-0007`); None otherwise."""
    match = ID_EXACT_SPELLING.match(text)
    return spelled_ids(match.group(1), match.group(2))[0] if match else None


def ids_in(text: str) -> list[str]:
    """Canonical ids spelled anywhere in `text`, in order, without repeats."""
    seen: dict[str, None] = {}
    for match in ID_SPELLING.finditer(text):
        seen.setdefault(spelled_ids(match.group(1), match.group(2))[0], None)
    return list(seen)


def type_of_id(doc_id: str) -> str | None:
    match = ID_PATTERN.match(doc_id)
    return TYPE_OF_PREFIX.get(match.group(1)) if match else None


# --- Front-matter fields ---------------------------------------------------
@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    description: str
    required_for: tuple[str, ...] = BOTH
    applies_to: tuple[str, ...] = BOTH
    choices: tuple[str, ...] = ()
    max_length: int | None = None


TITLE_MAX = 120
SUMMARY_MAX = 300

FIELDS: tuple[Field, ...] = (
    Field("id", "id", "Stable unique id, never reused: KB-0001 under kb/, SOP-0001 under sops/."),
    Field("title", "text", "What a caller or agent would recognise. Unique.", max_length=TITLE_MAX),
    Field("summary", "text", "One or two sentences: who this helps and what it fixes.", max_length=SUMMARY_MAX),
    Field("status", "choice", "Lifecycle state; only published documents are searched by default.", choices=STATUSES),
    Field("owner", "owner", "Owner id from meta/owners.yml, accountable for accuracy and review."),
    Field("audience", "choice", "agent: desk staff only; customer: safe to send to end users.", choices=AUDIENCES),
    Field("kind", "choice", "Article structure: troubleshooting (KCS), howto or guide.", ("article",), ("article",), ARTICLE_KINDS),
    Field("tags", "tags", "Tags from meta/tags.yml (at least one)."),
    Field("keywords", "text-list", "Words callers use that the text may not: error codes, nicknames, symptoms.", ()),
    Field("created", "date", "Date first written (YYYY-MM-DD)."),
    Field("reviewed", "date", "Date of the last review by the owner (YYYY-MM-DD)."),
    Field("reviewer", "owner", "Owner id from meta/owners.yml of who made the last review; `kbtool review` sets it.", ()),
    Field("review_every", "interval", "Review interval such as 90d, 12w, 6m or 1y; defaults in kbtool.yml.", ()),
    Field("related", "id-list", "Ids of documents worth reading next.", ()),
    Field("version", "version", "Semantic version MAJOR.MINOR.PATCH.", ("sop",), ("sop",)),
    Field("changelog", "changelog", "Changes, newest first: version, date, summary (and optional author).", ("sop",), ("sop",)),
    Field("source", "source", "Where an imported document came from: `path` in the source collection and its original front matter.", ()),
)
# The keys of `source`, written by `kbtool import`: the path relative to the
# imported folder, and the original front matter as parsed (or as text when
# it was not valid YAML), so nothing the source said is lost.
SOURCE_KEYS = ("path", "front_matter", "front_matter_text")
FIELDS_BY_NAME = {f.name: f for f in FIELDS}
# Fields that record the review and ownership of a document rather than what
# agents read: changing only these is not a change of content, so it never
# makes a document "changed since review" (see docs/freshness.md).
REVIEW_BOOKKEEPING = ("reviewed", "reviewer", "review_every", "owner", "status", "changelog")

# --- Body sections ---------------------------------------------------------
# Sections that must exist (in any order), by article kind or "sop".
REQUIRED_SECTIONS: dict[str, tuple[str, ...]] = {
    "troubleshooting": ("Issue", "Environment", "Resolution", "Cause"),
    "howto": ("Steps",),
    "guide": (),
    "sop": ("Purpose", "Scope", "Procedure", "Escalation"),
}
# Required sections that must hold a numbered list: the steps an agent follows.
NUMBERED_SECTIONS = frozenset({"Steps", "Procedure"})
OPTIONAL_SOP_SECTIONS = ("Prerequisites", "Verification", "Rollback")
# The section an agent reads out or pastes into a ticket, by structure.
ACTION_SECTIONS = {"troubleshooting": "Resolution", "howto": "Steps", "sop": "Procedure"}


def structure_of(doc_type: str, kind: object) -> str | None:
    """Which set of required sections applies: "sop" or the article kind; None when `kind` is unusable."""
    if doc_type == "sop":
        return "sop"
    return kind if isinstance(kind, str) and kind in REQUIRED_SECTIONS else None
