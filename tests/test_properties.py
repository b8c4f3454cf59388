"""Property: whatever a document or a query holds, every command ends cleanly, changes nothing and takes linear time.

Hypothesis writes one hostile article (front matter and body) into a small
real knowledge base and a hostile query, then runs validate, index, search
and show. Each must exit 0, 1 or 2 (never 3, an internal error), print no
traceback, leave every document byte for byte as it was, and finish within
a time allowance that grows linearly with the size of what was written.
"""
from __future__ import annotations

import hashlib
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kbtool.cli import cli

from conftest import make_kb

FIELDS = ["id", "title", "summary", "status", "owner", "audience", "kind", "tags", "created", "reviewed", "review_every", "related", "keywords", "version", "changelog", "Title", "owner "]
HOSTILE = ["\x1b]52;c;x\x07", "\x9b", "\x00", "&a", "*a", "!!python/object", "{", "[", "'", '"', ": ", "#", "---", "...", "\t", "\ufeff", "\u202e", "🙂", "KB-0001", "[[KB-0002]]", "<script>", "javascript:", "password: Hunter2!x", "\r\n", "|", "> [!NOTE]", ":::image", "```", "0x80070005", "9999y", "2026-02-30"]
BLOCKS = ["## Issue", "## Resolution", "## Steps", "1. step", "- item", "| a | b |", "|---|---|", "```", "~~~", "> quote", "<!--", "-->", "***", "text", "**bold**", "_em_", "[link](x.md)", "![img](y.png)", "&nbsp;"]

pieces = st.sampled_from(list("abcdefghij KBSOP-0123456789:[]{}&*!#|>'\"\\\n\t.,") + HOSTILE)
text = st.lists(pieces, max_size=30).map("".join)
value = st.one_of(text, st.lists(text, max_size=4), st.integers(), st.dates().map(str), st.none())
front_matter = st.one_of(
    st.dictionaries(st.sampled_from(FIELDS), value, max_size=12).map(lambda fields: "\n".join(f"{key}: {val}" for key, val in fields.items())),
    st.lists(st.sampled_from(list("ab:-[]{}&*!#'\"\n ") + HOSTILE), max_size=150).map("".join),
)
body = st.lists(st.one_of(st.sampled_from(BLOCKS), st.sampled_from(HOSTILE), text), max_size=80).map("\n".join)
query = st.one_of(text, st.lists(st.sampled_from(HOSTILE + ["vpn", "password", "reset", '"reset password"', "kb7", "sop 1"]), max_size=12).map(" ".join))

SECONDS_PER_KILOBYTE = 0.05  # the allowance grows linearly with what was written


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_kb(tmp_path_factory.mktemp("property") / "kb")


def snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha1(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file() and ".kbtool" not in p.parts}


def every_command_ends_cleanly_changes_nothing_and_takes_linear_time(base: Path, front: str, content: str, typed: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "kb"
        shutil.copytree(base, root)
        document = f"---\n{front}\n---\n{content}\n"
        (root / "kb" / "kb-0009-hostile.md").write_bytes(document.encode("utf-8", errors="surrogateescape"))
        before = snapshot(root)
        allowance = 20 + SECONDS_PER_KILOBYTE * len(document) / 1024
        started = time.perf_counter()
        runner = CliRunner()
        for args in (["validate"], ["index"], ["search", typed or "x"], ["search", typed or "x", "--json"], ["show", "KB-0009"], ["show", "KB-0001"]):
            result = runner.invoke(cli, ["--root", str(root), *args])
            assert result.exit_code in (0, 1, 2), (args, result.output[-500:])
            assert "Traceback" not in result.output and "internal error" not in result.output, (args, result.output[-500:])
        assert time.perf_counter() - started < allowance
        assert snapshot(root) == before


QUICK = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
THOROUGH = settings(QUICK, max_examples=150)


@QUICK
@given(front=front_matter, content=body, typed=query)
def test_every_command_ends_cleanly_changes_nothing_and_takes_linear_time(base: Path, front: str, content: str, typed: str) -> None:
    every_command_ends_cleanly_changes_nothing_and_takes_linear_time(base, front, content, typed)


@pytest.mark.slow
@THOROUGH
@given(front=front_matter, content=body, typed=query)
def test_every_command_ends_cleanly_on_many_more_hostile_documents(base: Path, front: str, content: str, typed: str) -> None:
    every_command_ends_cleanly_changes_nothing_and_takes_linear_time(base, front, content, typed)
