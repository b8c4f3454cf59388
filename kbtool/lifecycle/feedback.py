"""Flags on documents: the agent who finds a fault flags it in the moment (KCS), and owners see what is open.

Each flag is one JSON line appended to `feedback.jsonl` in the state folder
(`files.append_private_line`: whole lines, mode 0600 because a flag can name
a caller, never through a symbolic link). The file has a size limit: past
it, a new flag is refused with a message, never dropped in silence and never
written half.

A flag records the document's content digest when it was raised. It stays
open while the document is unchanged; an edit of the file (the fix) closes it.
"""
from __future__ import annotations

import datetime
import json
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path

from kbtool.core.config import Config
from kbtool.core.discovery import Heading, scan_headings
from kbtool.core.documents import Document, read_document
from kbtool.core.errors import KbError, UsageError
from kbtool.core.files import append_private_line
from kbtool.core.registries import Owner, load_owners
from kbtool.core.safety import CONTROL, redact

FEEDBACK_NAME = "feedback.jsonl"
FEEDBACK_LIMIT = 1_000_000  # bytes: about 2,000 flags
MESSAGE_MAX = 2000
AGENT_MAX = 80
OPEN, CHANGED, GONE = "open", "changed", "gone"

_append_lock = threading.Lock()


class FeedbackFull(KbError):
    """The feedback file reached its size limit."""


@dataclass(frozen=True)
class Flag:
    time: str  # ISO 8601, UTC, seconds
    id: str
    message: str
    agent: str
    digest: str  # the document's content digest when flagged

    exit_code = 0


@dataclass
class FlaggedDocument:
    id: str
    title: str
    path: str
    owner: str
    owner_name: str
    state: str  # open (an open flag), changed (edited since every flag) or gone (no longer readable)
    flags: list[Flag] = field(default_factory=list)  # open: raised on the document as it is now
    closed: list[Flag] = field(default_factory=list)  # raised before the last edit (listed on request)


@dataclass
class FeedbackReport:
    documents: list[FlaggedDocument]  # by owner, then id
    open_flags: int
    closed_flags: int

    exit_code = 0

    def to_dict(self) -> dict[str, object]:
        return {
            "open_flags": self.open_flags,
            "closed_flags": self.closed_flags,
            "documents": [asdict(document) for document in self.documents],
        }


def feedback_path(config: Config) -> Path:
    return config.state_path / FEEDBACK_NAME


def clean_text(text: str, limit: int, what: str, single_line: bool = False) -> str:
    """`text` without control characters (terminal escapes never reach the file) or secrets, trimmed; UsageError past `limit`."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ").replace("\u2028", "\n").replace("\u2029", "\n")
    if single_line:
        text = " ".join(text.split())
    text = redact(CONTROL.sub("", text)).strip()
    if len(text) > limit:
        raise UsageError(f"the {what} is {len(text)} characters long; the limit is {limit}")
    return text


def record(config: Config, document: Document, message: str, agent: str = "", now: datetime.datetime | None = None) -> Flag:
    """Append a flag on `document`; UsageError for an empty or too long message, FeedbackFull past the limit."""
    message = clean_text(message, MESSAGE_MAX, "message")
    if not message:
        raise UsageError("say what is wrong: the message is empty")
    now = now or datetime.datetime.now(datetime.timezone.utc)
    flag = Flag(now.isoformat(timespec="seconds"), document.id, message, clean_text(agent, AGENT_MAX, "agent name", single_line=True), document.digest)
    path = feedback_path(config)
    with _append_lock:  # the size check and the write, together
        if not append_private_line(path, json.dumps(asdict(flag), ensure_ascii=False), FEEDBACK_LIMIT):
            raise FeedbackFull(
                f"{config.relative(path)} has reached its limit of {FEEDBACK_LIMIT:,} bytes",
                hint="review the flags with `kbtool feedback`, then move the file away to start a new one",
            )
    return flag


def read_flags(config: Config) -> list[Flag]:
    """Every flag in the file, oldest first; torn or hand-edited lines are skipped."""
    path = feedback_path(config)
    if not path.exists():
        return []
    flags = []
    with path.open(encoding="utf-8", errors="replace") as stream:
        for line in stream:
            try:
                entry = json.loads(line)
                flags.append(Flag(str(entry["time"]), str(entry["id"]), str(entry["message"]), str(entry.get("agent") or ""), str(entry.get("digest") or "")))
            except (ValueError, KeyError, TypeError):
                continue
    return flags


def report(config: Config, include_closed: bool = False) -> FeedbackReport:
    """Open flags grouped by document, ordered by owner then id; closed ones too with `include_closed`."""
    flags = read_flags(config)
    headings = scan_headings(config) if flags else {}
    owners = load_owners(config) if flags else {}
    documents: dict[str, FlaggedDocument] = {}
    current: dict[str, str] = {}  # id -> the document's digest now ("" when it is gone)
    open_count = 0
    for flag in flags:
        if flag.id not in documents:
            documents[flag.id], current[flag.id] = _flagged(config, flag.id, headings, owners)
        entry = documents[flag.id]
        if current[flag.id] and flag.digest == current[flag.id]:
            entry.flags.append(flag)
            entry.state = OPEN
            open_count += 1
        elif include_closed:
            entry.closed.append(flag)
    shown = sorted((entry for entry in documents.values() if entry.flags or entry.closed), key=lambda entry: (entry.owner_name.casefold(), entry.id))
    return FeedbackReport(shown, open_count, len(flags) - open_count)


def _flagged(config: Config, doc_id: str, headings: dict[str, Heading], owners: dict[str, Owner]) -> tuple[FlaggedDocument, str]:
    """The flagged document as it is now (state CHANGED until an open flag is found), and its digest."""
    heading = headings.get(doc_id.upper())
    document = read_document(config, heading.path, heading.doc_type)[0] if heading else None
    if heading is None or document is None:
        return FlaggedDocument(doc_id, heading.title if heading else "", "", "", "", GONE), ""
    owner_id = str(document.meta.get("owner") or "")
    owner = owners.get(owner_id)
    return FlaggedDocument(doc_id, heading.title, document.path, owner_id, owner.name if owner else owner_id, CHANGED), document.digest
