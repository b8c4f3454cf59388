"""Rules raised by kbtool/checks/structure.py: each example triggers exactly its rule."""
from __future__ import annotations

from pathlib import Path

import pytest

from rule_examples import assert_example_triggers_only_its_rule, example_id, examples_for

MODULE = "kbtool/checks/structure.py"


@pytest.mark.parametrize("example", examples_for(MODULE), ids=example_id)
def test_example_triggers_exactly_its_rule(kb: Path, example: Path) -> None:
    assert_example_triggers_only_its_rule(kb, example)
