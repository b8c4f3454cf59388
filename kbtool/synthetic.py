"""Seeded synthetic knowledge bases for benchmarks: 1,000 or 10,000 realistic documents.

Sentences are drawn from a real knowledge base (the starter KB by default),
so term statistics, document length and Markdown structure resemble real
content; every generated document passes `kbtool validate`.
"""
from __future__ import annotations

import datetime
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from kbtool.analysis import plain_text
from kbtool.config import Config
from kbtool.documents import Document, discover, read_document

SITES = ["Avonmouth", "Daventry", "Leeds", "Bristol HQ", "remote", "Dublin", "Glasgow", "night shift", "warehouse", "finance"]
VARIANTS = ["Windows 11", "macOS", "iPhone", "Android", "kiosk", "shared PC", "Citrix", "thin client", "contractor", "VIP"]


@dataclass(frozen=True)
class SyntheticKb:
    root: Path
    documents: int
    queries: list[str]


def _source_documents(config: Config) -> list[Document]:
    documents = []
    for path, doc_type in discover(config):
        document, _ = read_document(config, path, doc_type)
        if document is not None and document.id:
            documents.append(document)
    if not documents:
        raise ValueError(f"no documents to learn from under {config.root}")
    return documents


def _sentences(document: Document) -> list[str]:
    text = plain_text(document.body).replace("\n", " ")
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if 25 <= len(s.strip()) <= 400]


def generate(source: Config, out: Path, count: int, seed: int = 1, today: datetime.date | None = None) -> SyntheticKb:
    """Write a complete knowledge base of `count` documents under `out` (replaced if present)."""
    rng = random.Random(seed)
    today = today or datetime.date(2026, 11, 1)
    documents = _source_documents(source)
    pool = {document.id: _sentences(document) for document in documents}
    every_sentence = [sentence for sentences in pool.values() for sentence in sentences]
    if out.exists():
        shutil.rmtree(out)
    for relative in ("kb", "sops", "meta"):
        (out / relative).mkdir(parents=True)
    for name in ("kbtool.yml",):
        (out / name).write_text("articles_dir: kb\nsops_dir: sops\nrules:\n  duplicate-title: warning\n", encoding="utf-8")
    for name in (source.owners_file, source.tags_file, source.synonyms_file):
        shutil.copyfile(source.path(name), out / "meta" / Path(name).name)
    sop_count = max(1, count // 5)
    ids = [f"KB-{n:05d}" for n in range(1, count - sop_count + 1)] + [f"SOP-{n:05d}" for n in range(1, sop_count + 1)]
    queries: list[str] = []
    for number, doc_id in enumerate(ids):
        topic = documents[number % len(documents)]
        code = f"0x{rng.randrange(0x80000000, 0x8FFFFFFF):08x}"
        title = f"{topic.title} ({rng.choice(SITES)}, {rng.choice(VARIANTS)}) #{number + 1}"
        related = [rng.choice(ids) for _ in range(2)]
        text = _document_text(rng, doc_id, title, topic, code, related, pool[topic.id] or every_sentence, every_sentence, today)
        folder = "sops" if doc_id.startswith("SOP") else "kb"
        (out / folder / f"{doc_id.lower()}-synthetic.md").write_text(text, encoding="utf-8")
        if number % 50 == 0:
            queries.append(code)
    return SyntheticKb(out, len(ids), queries)


def _document_text(
    rng: random.Random,
    doc_id: str,
    title: str,
    topic: Document,
    code: str,
    related: list[str],
    own: list[str],
    everything: list[str],
    today: datetime.date,
) -> str:
    def paragraph(size: int) -> str:
        return " ".join(rng.choice(own) if rng.random() < 0.7 else rng.choice(everything) for _ in range(size))

    def steps(size: int) -> str:
        return "\n".join(f"{n}. {rng.choice(own)}" for n in range(1, size + 1))

    created = today - datetime.timedelta(days=rng.randrange(200, 1500))
    reviewed = min(today, created + datetime.timedelta(days=rng.randrange(0, 700)))
    is_sop = doc_id.startswith("SOP")
    tags = topic.meta.get("tags") or ["knowledge"]
    summary = (topic.meta.get("summary") or title).replace('"', "'")
    lines = [
        "---",
        f"id: {doc_id}",
        f'title: "{title}"',
        f'summary: "{summary[:280]}"',
        "status: published",
        f"owner: {topic.meta.get('owner')}",
        "audience: agent",
    ]
    if not is_sop:
        lines.append("kind: troubleshooting")
    lines += [f"tags: [{', '.join(tags)}]", f"keywords: ['{code}']", f"created: {created}", f"reviewed: {reviewed}", f"related: [{', '.join(related)}]"]
    if is_sop:
        lines += ["version: 1.0.0", "changelog:", "  - version: 1.0.0", f"    date: {created}", "    summary: First version."]
    lines.append("---")
    if is_sop:
        sections = [
            ("Purpose", paragraph(5)),
            ("Scope", paragraph(4)),
            ("Procedure", steps(rng.randrange(6, 12))),
            ("Escalation", paragraph(4) + f" See [[{related[0]}]]."),
        ]
    else:
        sections = [
            ("Issue", paragraph(5) + f" The error shown is {code}."),
            ("Environment", paragraph(4)),
            ("Resolution", steps(rng.randrange(5, 10))),
            ("Cause", paragraph(5) + f" Related: [[{related[0]}]]."),
        ]
    body = "\n\n".join(f"## {name}\n\n{content}" for name, content in sections)
    return "\n".join(lines) + "\n\n" + body + "\n"
