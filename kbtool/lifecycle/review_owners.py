"""`kbtool codeowners`: who reviews each document — kbtool's section of .github/CODEOWNERS, written from every document's owner.

Only the owner field of each document is read (`review_fields`), so this
stays quick at thousands of documents. The file is replaced atomically; the
lines outside kbtool's section are kept as they were.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from kbtool.checks.codeowners import CODEOWNERS_FILE, owner_lines, with_section
from kbtool.core.config import Config
from kbtool.core.errors import KbError
from kbtool.core.files import write_atomic
from kbtool.core.registries import load_owners
from kbtool.lifecycle.review_fields import document_files, read_review_fields


@dataclass(frozen=True)
class WithoutHandle:
    """A document nobody is asked to review: its owner has no `github` handle."""

    path: str
    owner: str


@dataclass
class CodeownersResult:
    text: str  # the whole file as written
    written: str | None  # the file written, relative to the root; None when only generated
    documents: int  # documents with an owner to ask
    handles: int  # distinct handles named
    without_handle: list[WithoutHandle] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.without_handle else 0


def write_codeowners(config: Config, write: bool = True) -> CodeownersResult:
    """The file with kbtool's section up to date; with `write`, saved (atomically) to .github/CODEOWNERS."""
    owners = load_owners(config)
    pairs = []
    for path, doc_type, name in document_files(config):
        document, _ = read_review_fields(config, path, doc_type, name)
        if document is not None:
            pairs.append((name, document.meta.get("owner")))
    lines, without = owner_lines(pairs, owners)
    target = config.path(CODEOWNERS_FILE)
    try:
        existing = target.read_text(encoding="utf-8") if target.exists() else ""
    except (OSError, UnicodeDecodeError) as error:
        raise KbError(f"cannot read {CODEOWNERS_FILE}: {error}", hint="fix or remove the file, then run `kbtool codeowners` again") from None
    text = with_section(existing, lines)
    handles = len({line.rsplit(" ", 1)[1] for line in lines})
    result = CodeownersResult(text, None, len(lines), handles, [WithoutHandle(path, owner) for path, owner in without])
    if write:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise KbError(f"cannot write {target}: {error.strerror or error}") from None
        if existing != text:
            write_atomic(target, text)
        result.written = CODEOWNERS_FILE
    return result
