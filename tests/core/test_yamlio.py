"""YAML reading (fast, YAML 1.2 booleans) and round-trip writing (comments kept)."""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from kbtool.core.yamlio import YamlProblem, dump_roundtrip, load_fast, load_roundtrip
from rule_examples import assert_example_triggers_only_its_rule, example_id, examples_for


def test_fast_loader_types() -> None:
    data = load_fast("a: 2026-01-02\nb: 2026-02-30\nc: no\nd: true\ne: 1.0\nf: [x, 2]\ng: ~\nh: Q&A *starred* & more\n")
    assert data == {"a": datetime.date(2026, 1, 2), "b": "2026-02-30", "c": "no", "d": True, "e": 1.0, "f": ["x", 2], "g": None, "h": "Q&A *starred* & more"}


@pytest.mark.parametrize("text, line", [("a: [1,\nb: 2\n", 3), ("a: b: c\n", 1), ("a: !!binary aGk=\n", 1), ("- a\nb: c\n", 2)])
def test_fast_loader_reports_the_line(text: str, line: int) -> None:
    with pytest.raises(YamlProblem) as problem:
        load_fast(text)
    assert problem.value.line == line


def test_round_trip_keeps_comments_order_and_quotes() -> None:
    text = "# owners\nowner: ann  # the lead\ntitle: 'Outlook: prompts'\ntags: [vpn, wifi]\nreviewed: 2026-01-02\n"
    data = load_roundtrip(text)
    data["owner"] = "ivan"
    assert dump_roundtrip(data) == text.replace("owner: ann ", "owner: ivan")


def test_equal_values_are_never_written_as_anchors_and_aliases() -> None:
    import datetime

    day = datetime.date(2026, 11, 29)
    text = dump_roundtrip({"created": day, "reviewed": day, "tags": ["a"], "again": ["a"]})
    assert "&" not in text and "*" not in text
    assert "created: 2026-11-29\nreviewed: 2026-11-29\n" in text


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + level)}: &{chr(98 + level)} [{', '.join('*' + chr(97 + level) for _ in range(9))}]\n" for level in range(8)
)


def test_an_alias_bomb_is_refused_at_once_with_its_line() -> None:
    import time

    started = time.perf_counter()
    with pytest.raises(YamlProblem) as problem:
        load_fast(BOMB)
    assert problem.value.rule == "yaml-alias" and problem.value.line == 1
    assert time.perf_counter() - started < 1


def test_duplicate_keys_are_refused_where_asked() -> None:
    assert load_fast("a: 1\na: 2\n") == {"a": 2}
    with pytest.raises(YamlProblem) as problem:
        load_fast("a: 1\nb:\n  c: 1\n  c: 2\n", unique_keys=True)
    assert (problem.value.line, problem.value.rule) == (4, "duplicate-key")


@pytest.mark.parametrize("example", examples_for("kbtool/core/yamlio.py"), ids=example_id)
def test_example_triggers_exactly_its_rule(kb: Path, example: Path) -> None:
    assert_example_triggers_only_its_rule(kb, example)
