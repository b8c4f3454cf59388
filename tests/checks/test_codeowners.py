"""kbtool's section of .github/CODEOWNERS: lines per document, other lines kept, staleness reported by validate."""
from __future__ import annotations

from pathlib import Path

import pytest

from kbtool.checks.codeowners import BEGIN, END, escaped, owner_lines, section_of, with_section
from kbtool.core.registries import Owner

from rule_examples import assert_situation_triggers_only_its_rule, situations_for

MODULE = "kbtool/checks/codeowners.py"


@pytest.mark.parametrize("rule", situations_for(MODULE))
def test_each_situation_triggers_only_its_rule(kb: Path, rule: str) -> None:
    assert_situation_triggers_only_its_rule(kb, rule)


OWNERS = {"ann": Owner("ann", "Ann", "", "", "ann-agent"), "ivan": Owner("ivan", "Ivan", "", "", "acme/identity"), "nobody": Owner("nobody", "No Handle", "", "")}


def test_lines_by_path_with_each_owners_handle() -> None:
    lines, without = owner_lines([("sops/sop-0001-x.md", "ivan"), ("kb/kb-0002-y.md", "ann"), ("kb/kb-0003-z.md", "nobody"), ("kb/kb-0004-w.md", "unknown")], OWNERS)
    assert lines == ["/kb/kb-0002-y.md @ann-agent", "/sops/sop-0001-x.md @acme/identity"]
    assert without == [("kb/kb-0003-z.md", "nobody")]


def test_paths_are_escaped() -> None:
    assert escaped("kb/a b#[1]*.md") == "kb/a\\ b\\#\\[1\\]\\*.md"


def test_the_section_replaces_only_itself() -> None:
    existing = "# Team rules\n*.py @acme/devs\n"
    first = with_section(existing, ["/kb/a.md @ann"])
    assert first == f"# Team rules\n*.py @acme/devs\n\n{BEGIN}\n/kb/a.md @ann\n{END}\n"
    second = with_section(first + "/docs/ @acme/writers\n", ["/kb/b.md @ivan"])
    assert second == f"# Team rules\n*.py @acme/devs\n\n{BEGIN}\n/kb/b.md @ivan\n{END}\n/docs/ @acme/writers\n"
    assert section_of(second) == (4, ["/kb/b.md @ivan"]) and section_of(existing) is None
    assert with_section("", []) == f"{BEGIN}\n{END}\n"


def test_a_file_without_kbtools_section_is_not_judged(kb: Path) -> None:
    from kbtool import api

    (kb / ".github").mkdir()
    (kb / ".github/CODEOWNERS").write_text("* @acme/everyone\n", encoding="utf-8")
    assert api.validate(kb).findings == []
