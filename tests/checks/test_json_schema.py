"""The published JSON Schema agrees with the validator."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from kbtool.core.config import load_config
from kbtool.core.documents import parse_text
from kbtool.core.registries import load_registries
from kbtool.checks.json_schema import json_schema

from conftest import EXAMPLES, REPO_ROOT

# Invalid examples whose problem is expressible in JSON Schema (the rest need
# registries of files, dates relative to today, or the Markdown body).
SCHEMA_EXPRESSIBLE = [
    "missing-field", "unknown-field", "invalid-field--status", "invalid-field--tags-not-a-list",
    "invalid-field--summary-too-long", "invalid-field--unquoted-error-code", "invalid-field--kind", "id-format",
    "unknown-owner", "unknown-tag", "invalid-date--words", "invalid-interval",
    "missing-field--sop-version", "unknown-field--kind-on-sop", "invalid-version", "changelog--entry-without-summary",
    "invalid-field--source-without-path", "invalid-field--source-unknown-key",
]


def front_matter(path: Path) -> dict:
    """Front matter as an editor's YAML language server sees it (dates as text)."""
    document, _ = parse_text(path.name, "sop" if path.parent.name == "sops" else "article", path.read_text().split("\n"))
    assert document is not None
    return json.loads(json.dumps(document.meta, default=str))


@pytest.fixture
def schema(config) -> dict:  # type: ignore[no-untyped-def]
    return json_schema(load_registries(config))


@pytest.mark.parametrize("example", sorted((EXAMPLES / "valid").rglob("*.md")), ids=lambda p: p.stem)
def test_schema_accepts_valid_examples(schema: dict, example: Path) -> None:
    jsonschema.validate(front_matter(example), schema)


@pytest.mark.parametrize("name", SCHEMA_EXPRESSIBLE)
def test_schema_rejects_invalid_examples(schema: dict, name: str) -> None:
    (example,) = list((EXAMPLES / "invalid").rglob(f"{name}.md"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(front_matter(example), schema)


def test_committed_schema_is_current() -> None:
    committed = json.loads((REPO_ROOT / "schema/front-matter.schema.json").read_text())
    assert committed == json_schema(load_registries(load_config(REPO_ROOT)))


def test_a_stale_schema_file_is_reported(kb: Path) -> None:
    from rule_examples import assert_situation_triggers_only_its_rule, situations_for

    assert situations_for("kbtool/checks/json_schema.py") == ["schema-stale"]
    assert_situation_triggers_only_its_rule(kb, "schema-stale")
