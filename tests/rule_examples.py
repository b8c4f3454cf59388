"""Rule examples: each invalid example and situation must trigger exactly its rule and nothing else.

Each check module's tests run the examples of the rules the catalogue says
that module raises (`Rule.checked_in`), so the tests mirror the modules.
"""
from __future__ import annotations

import os
from pathlib import Path

from kbtool.checks.validate import validate
from kbtool.core.config import load_config
from kbtool.core.findings import RULES

from conftest import EXAMPLES, TODAY, write

INVALID = sorted((EXAMPLES / "invalid").rglob("*.md"))
VALID = sorted((EXAMPLES / "valid").rglob("*.md"))


def rule_of(example: Path) -> str:
    return example.stem.split("--")[0]


def place(kb: Path, example: Path) -> str:
    """Copy an example into the knowledge base under the name its id expects."""
    folder = example.parent.name
    target = f"{folder}/{'kb-0900' if folder == 'kb' else 'sop-0900'}-example.md"
    write(kb, target, example.read_bytes())
    return target


# Rules that need a file system situation rather than a file's text.
def _unreadable(kb: Path) -> str:
    os.symlink(kb / "kb" / "vanished.md", kb / "kb" / "kb-0901-dangling.md")
    return "kb/kb-0901-dangling.md"


def _symlink_loop(kb: Path) -> str:
    os.symlink("kb-0901-loop.md", kb / "kb" / "kb-0901-loop.md")
    return "kb/kb-0901-loop.md"


def _symlink_outside(kb: Path) -> str:
    outside = kb.parent / "outside.md"
    outside.write_text("---\nid: KB-0901\n---\n", encoding="utf-8")
    os.symlink(outside, kb / "kb" / "kb-0901-link.md")
    return "kb/kb-0901-link.md"


def _duplicate_id(kb: Path) -> str:
    text = (kb / "kb/kb-0003-answering-a-call.md").read_text().replace("Answering a support call", "Another title")
    write(kb, "kb/kb-0003-copy.md", text)
    return "kb/kb-0003-copy.md"


def _duplicate_title(kb: Path) -> str:
    text = (kb / "kb/kb-0003-answering-a-call.md").read_text().replace("KB-0003", "KB-0901")
    write(kb, "kb/kb-0901-copy.md", text)
    return "kb/kb-0901-copy.md"


def _filename_id(kb: Path) -> str:
    write(kb, "kb/vpn-article.md", (EXAMPLES / "valid/kb/kb-0900-troubleshooting.md").read_bytes())
    return "kb/vpn-article.md"


def _schema_stale(kb: Path) -> str:
    write(kb, "schema/front-matter.schema.json", "{}\n")
    return "schema/front-matter.schema.json"


def _synonyms_file(kb: Path) -> str:
    write(kb, "meta/synonyms.yml", "groups:\n  - [pw, password\n")
    return "meta/synonyms.yml"


def _codeowners_stale(kb: Path) -> str:
    from kbtool.checks.codeowners import BEGIN, END

    write(kb, ".github/CODEOWNERS", f"{BEGIN}\n/kb/kb-0001-reset-a-password.md @someone-who-left\n{END}\n")
    return ".github/CODEOWNERS"


SITUATIONS = {
    "synonyms-file": _synonyms_file,
    "file-unreadable": _unreadable,
    "file-empty": lambda kb: write(kb, "kb/kb-0901-empty.md", b"") and "kb/kb-0901-empty.md",
    "file-too-large": lambda kb: write(kb, "kb/kb-0901-huge.md", b"---\n" + b"x" * 5_000_000) and "kb/kb-0901-huge.md",
    "file-binary": lambda kb: write(kb, "kb/kb-0901-image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR") and "kb/kb-0901-image.md",
    "file-encoding": lambda kb: write(kb, "kb/kb-0901-latin1.md", "---\nid: KB-0901\ntitle: Caf\xe9\n---\n".encode("latin-1")) and "kb/kb-0901-latin1.md",
    "symlink-outside": _symlink_outside,
    "symlink-loop": _symlink_loop,
    "duplicate-id": _duplicate_id,
    "duplicate-title": _duplicate_title,
    "filename-id": _filename_id,
    "schema-stale": _schema_stale,
    "codeowners-stale": _codeowners_stale,
}


def examples_for(module: str) -> list[Path]:
    return [example for example in INVALID if RULES[rule_of(example)].checked_in == module]


def situations_for(module: str) -> list[str]:
    return sorted(rule for rule in SITUATIONS if RULES[rule].checked_in == module)


def assert_example_triggers_only_its_rule(kb: Path, example: Path) -> None:
    target = place(kb, example)
    report = validate(load_config(kb), today=TODAY)
    rules = {finding.rule for finding in report.findings if finding.path == target}
    assert rules == {rule_of(example)}, [f"{f.rule}: {f.message}" for f in report.findings]
    assert [finding for finding in report.findings if finding.path != target] == []


def assert_situation_triggers_only_its_rule(kb: Path, rule: str) -> None:
    target = SITUATIONS[rule](kb)
    report = validate(load_config(kb), today=TODAY)
    assert [(f.path, f.rule) for f in report.findings] == [(target, rule)]


def example_id(example: Path) -> str:
    return f"{example.parent.name}/{example.stem}"
