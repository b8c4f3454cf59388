"""Reading knowledge-base files into `Document` values.

A file that cannot be read as a document becomes findings, never an
exception: validation goes on with the rest of the knowledge base.
"""
from __future__ import annotations

import errno
import hashlib
import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kbtool.core.findings import Finding, make_finding
from kbtool.core.config import Config, is_inside

if TYPE_CHECKING:
    from kbtool.core.markdown import Block

_TOP_LEVEL_KEY = re.compile(r"^([^\s#:-][^:]*?)\s*:(?:\s|$)")
TOP_LEVEL_KEY = _TOP_LEVEL_KEY  # a front-matter line that starts a top-level field (group 1: its key)
_TAB_INDENT = re.compile(r"^ *\t")


@dataclass
class Document:
    """One article or SOP: its front matter, its body and where things are in the file."""

    path: str  # relative to the project root, with forward slashes
    doc_type: str  # "article" or "sop"
    meta: dict[str, Any]
    body: str
    body_line: int  # file line number of the body's first line
    field_lines: dict[str, int] = field(default_factory=dict)
    digest: str = ""  # sha1 of the file's bytes
    front: list[str] = field(default_factory=list)  # front-matter lines, file line 2 onwards

    @property
    def id(self) -> str:
        value = self.meta.get("id")
        return value.strip() if isinstance(value, str) else ""

    @property
    def title(self) -> str:
        value = self.meta.get("title")
        return value.strip() if isinstance(value, str) else ""

    @property
    def status(self) -> str:
        value = self.meta.get("status")
        return value if isinstance(value, str) else ""

    def front_line(self, line: int) -> str:
        """The text of front-matter file line `line`."""
        index = line - 2
        return self.front[index] if 0 <= index < len(self.front) else ""

    def line_of(self, name: str) -> int:
        """The file line of front-matter field `name` (the opening `---` when absent)."""
        return self.field_lines.get(name, 1)

    @cached_property
    def blocks(self) -> list[Block]:
        """The body read once, as the one Markdown reading every command shares."""
        from kbtool.core.markdown import parse  # a search that finds the index current reads no Markdown

        return parse(self.body, self.body_line)


def read_document(config: Config, path: Path, doc_type: str) -> tuple[Document | None, list[Finding]]:
    """Parse one file; a problem becomes a finding, and then the document is None."""
    name = config.relative(path)
    data, problem = _read_bytes(config, path, name)
    if problem:
        return None, [problem]
    assert data is not None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [make_finding("file-encoding", name, line, f"byte 0x{data[error.start]:02x} at column {column} is not valid UTF-8")]
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return parse_text(name, doc_type, lines, hashlib.sha1(data).hexdigest())


def _read_bytes(config: Config, path: Path, name: str) -> tuple[bytes | None, Finding | None]:
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except RuntimeError:
            return None, make_finding("symlink-loop", name, 1, f"links to {os.readlink(path)}, which leads back to itself")
        except OSError as error:
            if error.errno == errno.ELOOP:
                return None, make_finding("symlink-loop", name, 1, f"links to {os.readlink(path)}, which leads back to itself")
            return None, make_finding("file-unreadable", name, 1, f"links to {os.readlink(path)}, which does not exist")
        if not is_inside(target, config.root):
            return None, make_finding("symlink-outside", name, 1, f"links to {os.readlink(path)}, outside the repository")
    if path.is_dir():
        try:
            os.listdir(path)
        except OSError as error:
            return None, make_finding("file-unreadable", name, 1, f"is a folder that cannot be read: {error.strerror or error}")
    try:
        size = path.stat().st_size
        if size > config.max_file_size:
            return None, make_finding(
                "file-too-large", name, 1, f"is {size:,} bytes; the limit is {config.max_file_size:,} bytes"
            )
        data = path.read_bytes()
    except OSError as error:
        return None, make_finding("file-unreadable", name, 1, f"cannot be read: {error.strerror or error}")
    if not data.strip():
        return None, make_finding("file-empty", name, 1, "is empty")
    if b"\0" in data:
        return None, make_finding("file-binary", name, 1, "contains NUL bytes: it is a binary file, not Markdown")
    return data, None


def parse_text(name: str, doc_type: str, lines: list[str], digest: str = "") -> tuple[Document | None, list[Finding]]:
    """Split front matter from body and parse it (lines have no line endings)."""
    if not lines or lines[0].strip() != "---":
        return None, [make_finding("front-matter-missing", name, 1, "does not start with a `---` front-matter line")]
    close = next((index for index in range(1, len(lines)) if lines[index].rstrip() in ("---", "...")), None)
    if close is None:
        return None, [make_finding("front-matter-unclosed", name, 1, "front matter opened on line 1 is never closed")]
    front = lines[1:close]
    for offset, line in enumerate(front):
        if _TAB_INDENT.match(line):
            return None, [make_finding("yaml-tab", name, offset + 2, "is indented with a tab character")]
    from kbtool.core.yamlio import YamlProblem, load_fast  # only what reads front matter loads a YAML parser

    try:
        meta = load_fast("\n".join(front))
    except YamlProblem as problem:
        message = f"invalid YAML: {problem.message}" if problem.rule == "yaml-syntax" else problem.message
        return None, [make_finding(problem.rule, name, problem.line + 1, message)]
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return None, [make_finding("front-matter-not-mapping", name, 2, f"front matter is a {type(meta).__name__}, not `field: value` lines")]
    field_lines, findings = _field_lines(name, front)
    document = Document(
        path=name,
        doc_type=doc_type,
        meta={str(key): value for key, value in meta.items()},
        body="\n".join(lines[close + 1 :]),
        body_line=close + 2,
        field_lines=field_lines,
        digest=digest,
        front=front,
    )
    return document, findings


def _field_lines(name: str, front: list[str]) -> tuple[dict[str, int], list[Finding]]:
    """Line of each top-level key; a key seen twice is a finding (YAML keeps the last silently)."""
    lines: dict[str, int] = {}
    findings: list[Finding] = []
    for offset, text in enumerate(front):
        match = _TOP_LEVEL_KEY.match(text)
        if not match:
            continue
        key = match.group(1).strip().strip("'\"")
        number = offset + 2
        if key in lines:
            findings.append(make_finding("duplicate-field", name, number, f"`{key}` is set again (first on line {lines[key]})"))
        else:
            lines[key] = number
    return lines, findings


