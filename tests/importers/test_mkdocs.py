"""MkDocs sites (`kbtool.importers.mkdocs`): the docs folder, macros includes and variables, translations."""
from __future__ import annotations

from pathlib import Path

from kbtool import api
from kbtool.importers.convert import Collection, Conversion
from kbtool.importers.frontmatter import split
from kbtool.importers.generic import INCLUDE, PAGE
from kbtool.importers.mkdocs import MkDocsProfile

from conftest import TODAY, make_kb, write


def site(root: Path) -> Path:
    write(root, "mkdocs.yml", "site_name: Docs\ndocs_dir: content\nplugins:\n  - macros:\n      include_dir: snippets\nx: !!python/name:os.getcwd\n")
    write(root, "content/guides/nginx.md", '---\ntitle: Nginx\nrc:\n  prod: Rocky Linux\n---\nOn {{ rc.prod }}, `{{ rc.prod }}` stays.\n\n{% include "bottom.md" %}\n')
    write(root, "content/guides/apache.md", "---\ntitle: Apache\n---\nSee [nginx](nginx.md).\n")
    write(root, "content/guides/apache.fr.md", "---\ntitle: Apache (fr)\n---\nVoir.\n")
    write(root, "snippets/bottom.md", "Questions? See [Apache](apache.md) and {{ unknown }}.\n")
    write(root, "README.md", "# Repository\n")
    return root


def test_only_pages_under_the_docs_folder_are_imported(tmp_path: Path) -> None:
    kb = make_kb(tmp_path / "kb-root")
    report = api.import_collection(kb, site(tmp_path / "site"), owner="ann.agent", today=TODAY)
    assert report.profile == "mkdocs"
    assert sorted(item.source for item in report.imported) == ["content/guides/apache.md", "content/guides/nginx.md"]
    reasons = {item.source: item.reason for item in report.skipped}
    assert reasons["README.md"].startswith("outside the MkDocs docs folder")
    assert reasons["content/guides/apache.fr.md"] == "translation of apache.md"
    assert reasons["snippets/bottom.md"] == "include file: inlined into 1 page(s)"
    assert report.problems == []


def test_includes_and_variables(tmp_path: Path) -> None:
    kb = make_kb(tmp_path / "kb-root")
    report = api.import_collection(kb, site(tmp_path / "site"), owner="ann.agent", today=TODAY)
    nginx = next(item for item in report.imported if item.source.endswith("nginx.md"))
    text = (kb / nginx.path).read_text()
    apache = next(item for item in report.imported if item.source.endswith("apache.md"))
    assert "On Rocky Linux, `{{ rc.prod }}` stays." in text
    # The macros plugin pastes the include into the page, so its links are the page's.
    assert f"Questions? See [Apache]({apache.path.rsplit('/', 1)[1]}) and {{{{ unknown }}}}." in text
    assert sorted(note.code for note in nginx.notes if note.code in ("include-inlined", "template")) == ["include-inlined", "template"]
    assert nginx.kind == "guide" and "tags: [guides]" in text  # folders under the docs folder


def test_without_mkdocs_yml_a_docs_folder_is_the_content(tmp_path: Path) -> None:
    profile = MkDocsProfile()
    write(tmp_path, "docs/index.md", "x")
    assert profile.content_root(tmp_path) == "docs/"
    assert profile.classify(tmp_path, "include/x.md", split("x")) == INCLUDE
    assert profile.classify(tmp_path, "docs/guides/x.md", split("x")) == PAGE
    assert profile.classify(tmp_path, "tools/CHANGELOG.md", split("x")).startswith("outside")


def test_variables_from_front_matter(tmp_path: Path) -> None:
    write(tmp_path, "page.md", "---\nrc:\n  ver: 9\n---\nx")
    conversion = Conversion(Collection(tmp_path, MkDocsProfile(), {"page.md": "kb-0001-page.md"}, {}), "page.md")
    assert conversion.body("Rocky {{ rc.ver }} and {{ rc.missing }}", "page.md", 5) == "Rocky 9 and {{ rc.missing }}"
    assert [(note.code, note.line) for note in conversion.notes] == [("template", 5)]
