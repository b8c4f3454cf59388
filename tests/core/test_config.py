"""kbtool.yml: the review window setting, validated as data."""
from __future__ import annotations

from pathlib import Path

import pytest

from kbtool.core.config import load_config
from kbtool.core.dates import Interval
from kbtool.core.errors import ConfigError

from conftest import write


def test_the_review_window_defaults_to_30_days(kb: Path) -> None:
    assert load_config(kb).review_due_within == Interval(30, "d")


def test_the_review_window_can_be_set(kb: Path) -> None:
    write(kb, "kbtool.yml", "review_due_within: 6w\n")
    assert load_config(kb).review_due_within == Interval(6, "w")


@pytest.mark.parametrize("value", ["90x", "0d", "[30d]", "30", "true"])
def test_a_bad_review_window_is_a_configuration_error(kb: Path, value: str) -> None:
    write(kb, "kbtool.yml", f"review_due_within: {value}\n")
    with pytest.raises(ConfigError, match="`review_due_within`: .* is not an interval") as raised:
        load_config(kb)
    assert raised.value.exit_code == 2 and "30d" in str(raised.value)


def test_the_repository_configuration_documents_the_setting() -> None:
    from conftest import REPO_ROOT

    assert "review_due_within" in (REPO_ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert load_config(REPO_ROOT).review_due_within == Interval(30, "d")
