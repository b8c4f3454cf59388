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

from kbtool.core.config import Config
from kbtool.core.discovery import discover
from kbtool.core.documents import read_document
from kbtool.core.markdown import parse, plain_text

SITES = ["Avonmouth", "Daventry", "Leeds", "Bristol HQ", "remote", "Dublin", "Glasgow", "night shift", "warehouse", "finance"]
VARIANTS = ["Windows 11", "macOS", "iPhone", "Android", "kiosk", "shared PC", "Citrix", "thin client", "contractor", "VIP"]


@dataclass(frozen=True)
class SyntheticKb:
    root: Path
    documents: int
    queries: list[str]


@dataclass(frozen=True)
class _Topic:
    title: str
    summary: str
    owner: str
    tags: tuple[str, ...]
    sentences: tuple[str, ...]


def _topics_from_kb(config: Config) -> list[_Topic]:
    topics = []
    for path, doc_type in discover(config):
        document, _ = read_document(config, path, doc_type)
        if document is not None and document.id:
            meta = document.meta
            topics.append(_Topic(document.title, str(meta.get("summary") or document.title), str(meta.get("owner")), tuple(meta.get("tags") or ()), tuple(_sentences(document.body))))
    return topics


def _topics_from_folder(folder: Path, owner: str, tags: tuple[str, ...]) -> list[_Topic]:
    """Topics from any folder of Markdown files (e.g. a public documentation corpus)."""
    from kbtool.core.yamlio import YamlProblem, load_fast

    topics = []
    for path in sorted(folder.rglob("*.md")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        meta: dict = {}
        if text.startswith("---"):
            head, _, text = text[3:].partition("\n---")
            try:
                loaded = load_fast(head)
                meta = loaded if isinstance(loaded, dict) else {}
            except YamlProblem:
                meta = {}
        title = str(meta.get("title") or path.stem.replace("-", " "))
        sentences = tuple(_sentences(text))
        if len(sentences) >= 5:
            summary = str(meta.get("description") or sentences[0])
            topics.append(_Topic(title[:80], summary, owner, tags, sentences))
    return topics


def _sentences(markdown: str) -> list[str]:
    text = plain_text(parse(markdown)).replace("\n", " ")
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if 25 <= len(s.strip()) <= 400 and "](" not in s]


def generate(
    source: Config,
    out: Path,
    count: int,
    seed: int = 1,
    today: datetime.date | None = None,
    corpus: Path | None = None,
) -> SyntheticKb:
    """Write a complete knowledge base of `count` documents under `out` (replaced if present).

    Sentences come from `corpus` (any folder of Markdown) when given, else
    from the knowledge base of `source`, whose registries are copied.
    """
    rng = random.Random(seed)
    today = today or datetime.date(2026, 11, 1)
    kb_topics = _topics_from_kb(source)
    if corpus:
        # A corpus has no owners or tags of ours: give each topic a random, valid pair.
        from kbtool.core.registries import load_registries

        registries = load_registries(source)
        owners, tags = sorted(registries.owners), sorted(registries.tags)
        topics = [
            _Topic(t.title, t.summary, rng.choice(owners), tuple(rng.sample(tags, rng.randint(1, 3))), t.sentences)
            for t in _topics_from_folder(corpus, "", ())
        ]
    else:
        topics = kb_topics
    if not topics:
        raise ValueError(f"no usable documents to learn from in {corpus or source.root}")
    every_sentence = [sentence for topic in topics for sentence in topic.sentences]
    if out.exists():
        shutil.rmtree(out)
    for relative in ("kb", "sops", "meta"):
        (out / relative).mkdir(parents=True)
    (out / "kbtool.yml").write_text("rules:\n  duplicate-title: warning\n", encoding="utf-8")
    for name in (source.owners_file, source.tags_file, source.synonyms_file):
        shutil.copyfile(source.path(name), out / "meta" / Path(name).name)
    sop_count = max(1, count // 5)
    ids = [f"KB-{n:05d}" for n in range(1, count - sop_count + 1)] + [f"SOP-{n:05d}" for n in range(1, sop_count + 1)]
    order = list(range(len(topics)))
    rng.shuffle(order)
    queries: list[str] = []
    for number, doc_id in enumerate(ids):
        topic = topics[order[number % len(order)]]
        code = f"0x{rng.randrange(0x80000000, 0x8FFFFFFF):08x}"
        title = f"{topic.title} ({rng.choice(SITES)}, {rng.choice(VARIANTS)}) #{number + 1}"
        related = [rng.choice(ids) for _ in range(2)]
        text = _document_text(rng, doc_id, title, topic, code, related, list(topic.sentences) or every_sentence, every_sentence, today)
        folder = "sops" if doc_id.startswith("SOP") else "kb"
        (out / folder / f"{doc_id.lower()}-synthetic.md").write_text(text, encoding="utf-8")
        if number % 50 == 0:
            queries.append(code)
    return SyntheticKb(out, len(ids), queries)


def _yaml_text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', "'") + '"'


def _document_text(
    rng: random.Random,
    doc_id: str,
    title: str,
    topic: _Topic,
    code: str,
    related: list[str],
    own: list[str],
    everything: list[str],
    today: datetime.date,
) -> str:
    def paragraph(size: int) -> str:
        # Mostly the topic's own sentences, as a real article stays on its subject.
        return " ".join(rng.choice(own) if rng.random() < 0.9 else rng.choice(everything) for _ in range(size))

    def steps(size: int) -> str:
        return "\n".join(f"{n}. {rng.choice(own)}" for n in range(1, size + 1))

    created = today - datetime.timedelta(days=rng.randrange(200, 1500))
    reviewed = min(today, created + datetime.timedelta(days=rng.randrange(0, 700)))
    is_sop = doc_id.startswith("SOP")
    lines = [
        "---",
        f"id: {doc_id}",
        f"title: {_yaml_text(title)}",
        f"summary: {_yaml_text(topic.summary[:280])}",
        "status: published",
        f"owner: {topic.owner}",
        "audience: agent",
    ]
    if not is_sop:
        lines.append("kind: troubleshooting")
    lines += [f"tags: [{', '.join(topic.tags)}]", f"keywords: ['{code}']", f"created: {created}", f"reviewed: {reviewed}", f"related: [{', '.join(related)}]"]
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
