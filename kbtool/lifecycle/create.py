"""Creating a document: a new article or SOP with the next free id, valid from the start."""
from __future__ import annotations

import datetime
import fcntl
import os
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterator

from kbtool.core.config import Config
from kbtool.core.discovery import scan_headings
from kbtool.core.errors import KbError, UsageError
from kbtool.core.files import write_new_file
from kbtool.core.model import ARTICLE_KINDS, ID_IN_FILE_NAME, ID_PREFIX, STATUSES, TITLE_MAX, format_id
from kbtool.core.registries import load_registries
from kbtool.core.safety import CONTROL
from kbtool.core.yamlio import dump_roundtrip


@dataclass(frozen=True)
class NewDocument:
    id: str
    path: Path
    relative: str  # the path from the knowledge base's root

    exit_code = 0

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "path": self.relative}


def slugify(title: str, limit: int = 60) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:limit].rstrip("-") or "untitled"


def used_numbers(config: Config, doc_type: str) -> set[int]:
    """Every id number in use now, or known to git (deleted in history, staged): ids are never reused."""
    from kbtool.core.gitrepo import files_git_knows

    prefix = ID_PREFIX[doc_type]
    numbers = {int(doc_id.split("-")[1]) for doc_id in scan_headings(config) if doc_id.split("-")[0] == prefix}
    for name in files_git_knows(config.root, config.content_dirs()[doc_type]):
        match = ID_IN_FILE_NAME.match(Path(name).name)
        if match and match.group(1).upper() == prefix:
            numbers.add(int(match.group(2)))
    return numbers


def next_id(config: Config, doc_type: str) -> str:
    return allocate_ids(config, doc_type, 1)[0]


def allocate_ids(config: Config, doc_type: str, count: int) -> list[str]:
    """`count` fresh ids in a row after the highest ever used (now or in git history)."""
    numbers = used_numbers(config, doc_type)
    start = max(numbers) + 1 if numbers else 1
    return [format_id(ID_PREFIX[doc_type], start + offset) for offset in range(count)]


def create(
    config: Config,
    doc_type: str,
    title: str,
    owner: str,
    tags: list[str],
    kind: str = "troubleshooting",
    summary: str | None = None,
    status: str = "draft",
    audience: str = "agent",
    today: datetime.date | None = None,
) -> NewDocument:
    """Write a new document from its template and return its id and path."""
    if CONTROL.search(title):
        raise UsageError("the title holds a control character", hint="type the title again as plain text")
    title = " ".join(title.split())
    if not title:
        raise UsageError("the title is empty", hint='give one with --title "VPN keeps disconnecting"')
    if len(title) > TITLE_MAX:
        raise UsageError(f"the title is {len(title):,} characters; the limit is {TITLE_MAX}", hint="say what the caller would recognise; put detail in the summary and body")
    registries = load_registries(config)
    if owner not in registries.owners:
        raise UsageError(f"owner `{owner}` is not in {config.owners_file}", hint=f"choose one of: {', '.join(sorted(registries.owners))}")
    unknown = [tag for tag in tags if tag not in registries.tags]
    if not tags or unknown:
        raise UsageError(
            f"unknown tag(s): {', '.join(unknown)}" if unknown else "give at least one --tag",
            hint=f"tags come from {config.tags_file}: {', '.join(sorted(registries.tags))}",
        )
    if doc_type == "article" and kind not in ARTICLE_KINDS:
        raise UsageError(f"kind `{kind}` is not one of {', '.join(ARTICLE_KINDS)}")
    if status not in STATUSES:
        raise UsageError(f"status `{status}` is not one of {', '.join(STATUSES)}")
    today = today or datetime.date.today()
    with allocating_ids(config):
        return _write_new(config, doc_type, title, owner, tags, kind, summary, status, audience, today)


@contextmanager
def allocating_ids(config: Config) -> Iterator[None]:
    """One `kbtool new` or `kbtool import` at a time per knowledge base: choosing ids and writing their files is one step."""
    folder = config.state_path
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(folder / "new.lock", os.O_WRONLY | os.O_CREAT, 0o600)
    except OSError as error:
        raise KbError(f"cannot take the id lock in {folder}: {error.strerror or error}") from None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def _write_new(
    config: Config, doc_type: str, title: str, owner: str, tags: list[str], kind: str, summary: str | None, status: str, audience: str, today: datetime.date,
) -> NewDocument:
    doc_id = next_id(config, doc_type)
    meta: dict[str, object] = {
        "id": doc_id,
        "title": title,
        "summary": summary or f"Who this helps and what it fixes: {title}.",
        "status": status,
        "owner": owner,
        "audience": audience,
    }
    if doc_type == "article":
        meta["kind"] = kind
    meta.update({"tags": list(tags), "created": today, "reviewed": today})
    if doc_type == "sop":
        meta["version"] = "0.1.0"
        meta["changelog"] = [{"version": "0.1.0", "date": today, "summary": "First draft."}]
    template = "sop" if doc_type == "sop" else kind
    body = resources.files("kbtool.lifecycle").joinpath(f"templates/{template}.md").read_text(encoding="utf-8")
    text = f"---\n{_front_matter(meta)}---\n\n{body}"
    folder = config.content_dirs()[doc_type]
    path = folder / f"{doc_id.lower()}-{slugify(title)}.md"
    write_new_file(path, text)
    return NewDocument(id=doc_id, path=path, relative=config.relative(path))


def _front_matter(meta: dict[str, object]) -> str:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    mapping = CommentedMap(meta)
    tags = CommentedSeq(meta["tags"])  # type: ignore[arg-type]
    tags.fa.set_flow_style()
    mapping["tags"] = tags
    return dump_roundtrip(mapping)


def default_owner(config: Config) -> str:
    """The owner whose email matches git's user.email; a usage error when none does."""
    from kbtool.core.gitrepo import user_email

    registries = load_registries(config)
    email = user_email(config.root)
    for owner in registries.owners.values():
        if email and owner.email.lower() == email.lower():
            return owner.id
    raise UsageError("no --owner given and git's user.email matches no owner", hint=f"pass --owner, one of: {', '.join(sorted(registries.owners))}")
