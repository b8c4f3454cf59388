"""Rules raised by kbtool/checks/uniqueness.py: each example triggers exactly its rule."""
from __future__ import annotations

from pathlib import Path

import pytest

from rule_examples import assert_situation_triggers_only_its_rule, situations_for

MODULE = "kbtool/checks/uniqueness.py"


@pytest.mark.parametrize("rule", situations_for(MODULE))
def test_situation_triggers_exactly_its_rule(kb: Path, rule: str) -> None:
    assert_situation_triggers_only_its_rule(kb, rule)


def test_titles_clash_regardless_of_case_and_spacing(kb: Path) -> None:
    from kbtool.checks.validate import validate
    from kbtool.core.config import load_config

    from conftest import TODAY, write

    text = (kb / "kb/kb-0003-answering-a-call.md").read_text().replace("KB-0003", "KB-0901").replace("Answering a support call", "answering  a SUPPORT call")
    write(kb, "kb/kb-0901-copy.md", text)
    findings = validate(load_config(kb), today=TODAY).findings
    assert [(f.rule, f.path) for f in findings] == [("duplicate-title", "kb/kb-0901-copy.md")]
    assert "kb/kb-0003-answering-a-call.md" in findings[0].message
