"""Rules raised by kbtool/checks/links.py: each example triggers exactly its rule."""
from __future__ import annotations

from pathlib import Path

import pytest

from rule_examples import assert_example_triggers_only_its_rule, example_id, examples_for

MODULE = "kbtool/checks/links.py"


@pytest.mark.parametrize("example", examples_for(MODULE), ids=example_id)
def test_example_triggers_exactly_its_rule(kb: Path, example: Path) -> None:
    assert_example_triggers_only_its_rule(kb, example)


@pytest.mark.parametrize(
    "written, hint",
    [("kb-2", "write it [[KB-0002]]"), ("KB-00O2", "did you mean [[KB-0002]]?"), ("KB-0099", None)],
    ids=["misspelled", "mistyped", "no-such-document"],  # None: the rule's own advice, no guess
)
def test_a_broken_reference_suggests_only_what_was_meant(kb: Path, written: str, hint: str | None) -> None:
    from kbtool.checks.validate import validate
    from kbtool.core.config import load_config

    from conftest import TODAY, edit

    edit(kb, "kb/kb-0003-answering-a-call.md", "## Closing", f"See [[{written}]].\n\n## Closing")
    (finding,) = [f for f in validate(load_config(kb), today=TODAY).findings if f.rule == "broken-reference"]
    assert finding.hint == (hint or "Correct the id, or remove the reference.")
