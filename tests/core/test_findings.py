"""The rule catalogue: every rule names the module that checks it, and that module does."""
from __future__ import annotations

import pytest

from kbtool.core.findings import RULES, SEVERITIES, make_finding

from conftest import REPO_ROOT


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_each_rule_is_raised_where_the_catalogue_says(rule_id: str) -> None:
    rule = RULES[rule_id]
    assert rule.severity in SEVERITIES and rule.summary and rule.hint
    source = (REPO_ROOT / rule.checked_in).read_text(encoding="utf-8")
    assert f'"{rule_id}"' in source, f"{rule_id} is not raised in {rule.checked_in}"


def test_a_finding_takes_the_rule_default_severity_and_hint() -> None:
    finding = make_finding("unknown-tag", "kb/x.md", 9, "tag `wifi` is unknown")
    assert (finding.severity, finding.hint) == (RULES["unknown-tag"].severity, RULES["unknown-tag"].hint)
    assert make_finding("unknown-tag", "kb/x.md", 9, "m", hint="do this").hint == "do this"
