"""Renderers: one signature for every result type, in every format."""
from __future__ import annotations

import json

import pytest

from kbtool.checks.validate import ValidationReport
from kbtool.cli.output import REPORTERS, render
from kbtool.cli.output.markdown_table import table
from kbtool.cli.output.style import Style
from kbtool.core.errors import UsageError
from kbtool.core.findings import make_finding

REPORT = ValidationReport([make_finding("unknown-tag", "kb/a,b.md", 3, "tag `x:y` is\nunknown")], files_checked=2)


def test_json_is_generic() -> None:
    data = json.loads(render(REPORT, "json", Style()))
    assert data["errors"] == 1 and data["findings"][0]["path"] == "kb/a,b.md"


def test_github_annotations_escape_properties_and_data() -> None:
    line = render(REPORT, "github", Style()).splitlines()[0]
    assert line.startswith("::error file=kb/a%2Cb.md,line=3,title=kbtool unknown-tag::tag `x:y` is%0Aunknown")


def test_text_is_quiet_when_clean_and_nobody_is_watching() -> None:
    clean = ValidationReport([], files_checked=5)
    assert render(clean, "text", Style(interactive=False)) == ""
    assert render(clean, "text", Style(interactive=True)) == "5 files checked: no problems"


def test_colour_only_when_asked() -> None:
    assert "\x1b[" not in render(REPORT, "text", Style(colour=False))
    assert "\x1b[" in render(REPORT, "text", Style(colour=True))


@pytest.mark.parametrize("output_format", ["github", "markdown"])
def test_a_format_a_result_does_not_have_is_a_usage_error(output_format: str) -> None:
    from pathlib import Path

    from kbtool.lifecycle.create import NewDocument

    with pytest.raises(UsageError):
        render(NewDocument("KB-0001", Path("kb/x.md"), "kb/x.md"), output_format, Style())


def test_every_format_has_a_reporter() -> None:
    assert set(REPORTERS) == {"text", "json", "github", "markdown"}


def test_markdown_table_escapes_cells() -> None:
    assert table(["a", "b"], [["x|y", "line\nbreak"]]) == "| a | b |\n|---|---|\n| x\\|y | line break |"


def test_every_registered_renderer_names_a_real_result_class() -> None:
    import importlib

    from kbtool.cli.output import github, markdown, notices, text

    for renderers in (text.render, github.render, markdown.render, notices.notices):
        for name in renderers.by_name:
            module, _, qualname = name.rpartition(".")
            assert isinstance(getattr(importlib.import_module(module), qualname), type), name


def test_the_command_line_starts_without_whoosh_or_the_validator() -> None:
    import subprocess
    import sys

    code = "import sys, kbtool.cli; print(sorted(m for m in sys.modules if m.startswith(('whoosh', 'kbtool.checks', 'kbtool.search', 'ruamel', 'git'))))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"


def test_the_command_line_starts_without_the_importers_the_server_or_the_site() -> None:
    import subprocess
    import sys

    code = "import sys, kbtool.cli; print(sorted(m for m in sys.modules if m.startswith(('kbtool.importers.', 'kbtool.server', 'kbtool.site', 'kbtool.lifecycle', 'mkdocs', 'yaml', 'http.server')) and m != 'kbtool.importers.names'))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"


def test_a_search_on_a_current_index_reads_no_markdown_and_loads_one_format(kb) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    from kbtool import api

    api.index(kb)
    code = (
        "import sys\nfrom kbtool.cli import cli\n"
        f"sys.argv = ['kbtool', '--root', {str(kb)!r}, 'search', 'vpn']\n"
        "try:\n    cli()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m in ('kbtool.core.markdown', 'kbtool.cli.output.github', 'kbtool.cli.output.markdown', 'kbtool.cli.output.json_format')))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    assert loaded == "[]"
