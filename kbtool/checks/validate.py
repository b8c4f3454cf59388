"""Validation: every check over the knowledge base, run in parallel where it pays, returned as data."""
from __future__ import annotations

import datetime
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from kbtool.checks.codeowners import check_codeowners
from kbtool.checks.front_matter import check_front_matter
from kbtool.checks.json_schema import check_schema_file
from kbtool.checks.links import LinkIndex
from kbtool.checks.safety import check_safety
from kbtool.checks.structure import check_structure
from kbtool.checks.uniqueness import check_unique
from kbtool.core.config import Config, is_inside
from kbtool.core.discovery import discover, doc_type_of
from kbtool.core.documents import Document, read_document
from kbtool.core.errors import UsageError
from kbtool.core.findings import OFF, Finding, FindingCounts
from kbtool.core.markdown import Link, links
from kbtool.core.registries import Registries, load_registries
from kbtool.search.synonyms import check_synonyms

# Below this many files, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 400


@dataclass
class ValidationReport(FindingCounts):
    findings: list[Finding]
    files_checked: int
    strict: bool = False  # warnings fail too
    # Metadata of every document that could be read (bodies are not kept).
    documents: list[Document] = field(default_factory=list, repr=False, metadata={"internal": True})
    # Each readable document's links (path -> links), for callers that follow them (kbtool changes).
    links: dict[str, list[Link]] = field(default_factory=dict, repr=False, metadata={"internal": True})

    @property
    def exit_code(self) -> int:
        """0 clean, 1 when there are errors (or, when strict, warnings)."""
        return 1 if self.errors or (self.strict and self.warnings) else 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "files_checked": self.files_checked,
            "errors": self.errors,
            "warnings": self.warnings,
            "findings": [finding.to_dict() for finding in self.findings],
        }


@dataclass(frozen=True)
class LoadedFile:
    path: Path
    document: Document | None
    findings: list[Finding]
    links: list[Link]


_worker_state: tuple[Config, Registries, datetime.date] | None = None


def _init_worker(config: Config, registries: Registries, today: datetime.date) -> None:
    global _worker_state
    _worker_state = (config, registries, today)


def _load_one(item: tuple[Path, str]) -> LoadedFile:
    assert _worker_state is not None
    config, registries, today = _worker_state
    path, doc_type = item
    document, findings = read_document(config, path, doc_type)
    body_links: list[Link] = []
    if document is not None:
        findings = findings + check_front_matter(document, registries, today) + check_structure(document) + check_safety(document)
        body_links = links(document.blocks)
        # Cross-document checks need only the metadata; not sending bodies
        # back from worker processes saves a third of a parallel run.
        document.body, document.front = "", []
        document.__dict__.pop("blocks", None)
    return LoadedFile(path, document, findings, body_links)


def load_files(
    config: Config,
    registries: Registries,
    today: datetime.date,
    files: list[tuple[Path, str]],
    jobs: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[LoadedFile]:
    """Read and check each file on its own, in worker processes when there are many."""
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(files) < PARALLEL_THRESHOLD:
        _init_worker(config, registries, today)
        results = []
        for item in files:
            results.append(_load_one(item))
            if progress:
                progress(1)
        return results
    chunk = max(16, len(files) // (jobs * 8))
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(config, registries, today)) as pool:
        results = []
        for loaded in pool.map(_load_one, files, chunksize=chunk):
            results.append(loaded)
            if progress:
                progress(1)
        return results


def validate(
    config: Config,
    paths: Iterable[str | Path] = (),
    strict: bool = False,
    today: datetime.date | None = None,
    jobs: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> ValidationReport:
    """Validate the whole knowledge base, reporting findings for `paths` (all when empty).

    Cross-document rules (unique ids, links) always see every document, so
    validating one changed file still catches a clash with an unchanged one.
    """
    registries = load_registries(config)
    today = today or datetime.date.today()
    selected = [_selection(config, Path(path)) for path in paths]
    files = discover(config)
    files += [(path, doc_type) for path, doc_type in selected if path.is_file() and (path, doc_type) not in files]
    loaded = load_files(config, registries, today, files, jobs, progress)

    documents = [item.document for item in loaded if item.document is not None]
    findings = [finding for item in loaded for finding in item.findings]
    findings += check_unique(documents)
    link_index = LinkIndex(config.root, documents)
    findings += [finding for item in loaded if item.document for finding in link_index.check(item.document, item.links)]
    if not selected:
        findings += check_schema_file(config, registries)
        findings += check_codeowners(config, registries, documents)
        findings += [problem for problem in [check_synonyms(config)] if problem]

    wanted = {config.relative(path) for path, _ in selected}
    if selected:
        findings = [f for f in findings if any(f.path == name or f.path.startswith(name.rstrip("/") + "/") for name in wanted)]
        files_checked = sum(1 for path, _ in files if any(_covers(config, name, path) for name in wanted))
    else:
        files_checked = len(files)
    findings = sorted(_apply_severities(config, findings), key=lambda f: (f.path, f.line, f.rule, f.message))
    body_links = {item.document.path: item.links for item in loaded if item.document is not None}
    return ValidationReport(findings=findings, files_checked=files_checked, strict=strict, documents=documents, links=body_links)


def _covers(config: Config, name: str, path: Path) -> bool:
    relative = config.relative(path)
    return relative == name or relative.startswith(name.rstrip("/") + "/")


def _selection(config: Config, path: Path) -> tuple[Path, str]:
    absolute = Path(os.path.abspath(path))
    if not absolute.exists() and not absolute.is_symlink():
        raise UsageError(f"{path}: no such file or folder")
    if not is_inside(absolute, config.root):
        raise UsageError(f"{path}: is outside the knowledge base at {config.root}")
    doc_type = doc_type_of(config, absolute)
    if doc_type is None and absolute != config.root:
        raise UsageError(
            f"{path}: is not under {config.articles_dir}/ or {config.sops_dir}/",
            hint="kbtool validates knowledge articles and SOPs only",
        )
    return absolute, doc_type or "article"


def _apply_severities(config: Config, findings: list[Finding]) -> list[Finding]:
    result = []
    for finding in findings:
        severity = config.rules.get(finding.rule, finding.severity)
        if severity == OFF:
            continue
        result.append(finding if severity == finding.severity else Finding(**{**finding.to_dict(), "severity": severity}))
    return result
