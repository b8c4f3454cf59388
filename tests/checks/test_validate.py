"""The validation runner: valid documents are clean, every file is checked, paths, severities, parallel runs."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from kbtool.core.config import load_config
from kbtool.core.findings import RULES
from kbtool.checks.validate import validate

from conftest import EXAMPLES, REPO_ROOT, TODAY, write
from change_examples import CHANGE_SITUATIONS
from rule_examples import INVALID, SITUATIONS, VALID, place, rule_of


@pytest.mark.parametrize("example", VALID, ids=lambda p: p.stem)
def test_valid_example_is_clean(kb: Path, example: Path) -> None:
    write(kb, f"{example.parent.name}/{example.name}", example.read_bytes())
    report = validate(load_config(kb), today=TODAY)
    assert report.findings == []


def test_fixture_kb_is_clean(kb: Path) -> None:
    report = validate(load_config(kb), today=TODAY)
    assert report.findings == [] and report.files_checked == 6


def test_findings_carry_line_and_fix(kb: Path) -> None:
    place(kb, EXAMPLES / "invalid/kb/unknown-owner.md")
    (finding,) = validate(load_config(kb), today=TODAY).findings
    assert finding.line == 6  # the `owner:` line
    assert "ann.agnet" in finding.message and "did you mean `ann.agent`" in finding.hint


def test_yaml_error_line_is_the_file_line(kb: Path) -> None:
    place(kb, EXAMPLES / "invalid/kb/yaml-syntax.md")
    (finding,) = validate(load_config(kb), today=TODAY).findings
    assert finding.line == 4


def test_every_rule_has_an_example_or_situation_run_by_its_module_tests() -> None:
    covered = {rule_of(example) for example in INVALID} | set(SITUATIONS) | set(CHANGE_SITUATIONS)
    assert covered == set(RULES)
    for rule in RULES.values():
        name = "test_" + Path(rule.checked_in).stem + ".py"
        tests = list((REPO_ROOT / "tests").rglob(name))
        assert tests and any("examples_for(" in test.read_text() or "situations_for(" in test.read_text() for test in tests), rule.id


def test_encoding_finding_names_line_and_byte(kb: Path) -> None:
    target = SITUATIONS["file-encoding"](kb)
    (finding,) = validate(load_config(kb), today=TODAY).findings
    assert (finding.path, finding.line) == (target, 3) and "0xe9" in finding.message


def _snapshot(root: Path) -> dict[str, tuple[str, int]]:
    result = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            result[str(path.relative_to(root))] = (hashlib.sha1(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    return result


def test_bad_input_gets_one_finding_each_and_the_rest_is_still_checked(kb: Path) -> None:
    """The issue's list of hostile files, all at once, beside a broken valid-looking article."""
    bad = {
        "kb/kb-0901-no-front-matter.md": b"# Just a heading\n",
        "kb/kb-0902-broken-yaml.md": b"---\ntitle: [unclosed\n---\nbody\n",
        "kb/kb-0903-tabs.md": b"---\ntags:\n\t- vpn\n---\nbody\n",
        "kb/kb-0904-latin1.md": "---\ntitle: Caf\xe9\n---\n".encode("latin-1"),
        "kb/kb-0905-binary.md": bytes(range(256)) * 4,
        "kb/kb-0906-empty.md": b"",
        "kb/kb-0907-huge.md": b"---\n" + b"a" * 5_000_000,
    }
    for relative, data in bad.items():
        write(kb, relative, data)
    SITUATIONS["symlink-outside"](kb)
    SITUATIONS["duplicate-id"](kb)
    place(kb, EXAMPLES / "invalid/kb/unknown-tag.md")  # a parseable document is still fully checked
    before = _snapshot(kb)
    report = validate(load_config(kb), today=TODAY)
    assert _snapshot(kb) == before
    by_path: dict[str, list[str]] = {}
    for finding in report.findings:
        by_path.setdefault(finding.path, []).append(finding.rule)
    assert by_path == {
        "kb/kb-0901-no-front-matter.md": ["front-matter-missing"],
        "kb/kb-0902-broken-yaml.md": ["yaml-syntax"],
        "kb/kb-0903-tabs.md": ["yaml-tab"],
        "kb/kb-0904-latin1.md": ["file-encoding"],
        "kb/kb-0905-binary.md": ["file-binary"],
        "kb/kb-0906-empty.md": ["file-empty"],
        "kb/kb-0907-huge.md": ["file-too-large"],
        "kb/kb-0901-link.md": ["symlink-outside"],
        "kb/kb-0003-copy.md": ["duplicate-id"],
        "kb/kb-0900-example.md": ["unknown-tag"],
    }
    assert all(finding.line >= 1 for finding in report.findings)
    assert not (kb / ".kbtool").exists()


def test_paths_limit_the_report_but_not_the_checks(kb: Path) -> None:
    target = SITUATIONS["duplicate-id"](kb)
    config = load_config(kb)
    only_original = validate(config, [kb / "kb/kb-0003-answering-a-call.md"], today=TODAY)
    assert only_original.findings == [] and only_original.files_checked == 1
    only_copy = validate(config, [kb / target], today=TODAY)
    assert [f.rule for f in only_copy.findings] == ["duplicate-id"]


@pytest.mark.parametrize("severity, expected", [("off", []), ("error", ["error"]), ("warning", ["warning"])])
def test_rule_severity_is_configurable(kb: Path, severity: str, expected: list[str]) -> None:
    write(kb, "kbtool.yml", f"rules:\n  unknown-tag: {severity}\n")
    place(kb, EXAMPLES / "invalid/kb/unknown-tag.md")
    report = validate(load_config(kb), today=TODAY)
    assert [f.severity for f in report.findings] == expected
    assert report.exit_code == (1 if expected == ["error"] else 0)
    report.strict = True
    assert report.exit_code == (0 if not expected else 1)


def test_parallel_and_serial_runs_agree(kb: Path) -> None:
    for number in range(10, 30):
        text = (EXAMPLES / "invalid/kb/unknown-tag.md").read_text().replace("KB-0900", f"KB-{number:04d}").replace("Example article", f"Example {number}")
        write(kb, f"kb/kb-{number:04d}-example.md", text)
    config = load_config(kb)
    from kbtool.checks import validate as module

    serial = module.validate(config, today=TODAY, jobs=1)
    original = module.PARALLEL_THRESHOLD
    module.PARALLEL_THRESHOLD = 1
    try:
        parallel = module.validate(config, today=TODAY, jobs=2)
    finally:
        module.PARALLEL_THRESHOLD = original
    assert parallel.findings == serial.findings and len(serial.findings) == 20


def test_symlinked_folders_inside_are_ignored_and_outside_reported(kb: Path) -> None:
    os.symlink(kb / "sops", kb / "kb" / "procedures")
    outside = kb.parent / "elsewhere"
    outside.mkdir()
    os.symlink(outside, kb / "kb" / "external")
    report = validate(load_config(kb), today=TODAY)
    assert [(f.path, f.rule) for f in report.findings] == [("kb/external", "symlink-outside")]
