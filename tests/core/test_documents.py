"""Rules raised by kbtool/core/documents.py: each example triggers exactly its rule."""
from __future__ import annotations

from pathlib import Path

import pytest

from rule_examples import assert_example_triggers_only_its_rule, assert_situation_triggers_only_its_rule, example_id, examples_for, situations_for

MODULE = "kbtool/core/documents.py"


@pytest.mark.parametrize("example", examples_for(MODULE), ids=example_id)
def test_example_triggers_exactly_its_rule(kb: Path, example: Path) -> None:
    assert_example_triggers_only_its_rule(kb, example)


@pytest.mark.parametrize("rule", situations_for(MODULE))
def test_situation_triggers_exactly_its_rule(kb: Path, rule: str) -> None:
    assert_situation_triggers_only_its_rule(kb, rule)
