"""Real support articles as a kbtool knowledge base, for relevance and speed measurement.

    python benchmarks/corpus.py                # ../shared/corpora/officedocs-support -> benchmarks/out/officedocs
    python benchmarks/corpus.py --copies 4     # the same, four varied copies (about 10,000 documents)

Each article keeps its title, description (as the summary) and body; its
front matter is mapped onto the content model (owner and tag from the
starter registries, so every document is searchable). Copies after the first
are varied the way near-duplicate articles are in a real knowledge base:
one paragraph dropped and the sentence order of another shuffled, with a
variant tag in the title, so they compete with the original instead of
repeating it. `mapping.json` records source path -> id for the query sets in
tests/relevance/officedocs/, whose `expect` values are source paths.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "officedocs-support"
OUT = ROOT / "benchmarks" / "out"
sys.path.insert(0, str(ROOT))

from kbtool.core.yamlio import YamlProblem, load_fast  # noqa: E402

OWNERS = ["marcus.reid", "lena.kowalski", "tom.okafor"]
FOLDER_TAGS = {"Exchange": "email", "Outlook": "email", "Teams": "teams", "SharePoint": "sharepoint", "Office": "software", "Microsoft365": "accounts"}
_VARIANTS = ["(Windows 11)", "(macOS)", "(shared device)"]


def articles(corpus: Path) -> list[tuple[str, dict, str]]:
    """(source path, front matter, body) of every article with a title, sorted by path."""
    found = []
    for path in sorted(corpus.rglob("*.md")):
        relative = path.relative_to(corpus).as_posix()
        if relative.startswith("includes/") or path.name in ("NOTICE.md", "LICENSE.md", "README.md"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
        if not text.startswith("---"):
            continue
        head, _, body = text[3:].partition("\n---")
        try:
            meta = load_fast(head)
        except YamlProblem:
            continue
        if isinstance(meta, dict) and isinstance(meta.get("title"), str):
            found.append((relative, meta, body.lstrip("\n")))
    return found


def _quote(text: str) -> str:
    return '"' + " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _vary(body: str, rng: random.Random) -> str:
    paragraphs = body.split("\n\n")
    prose = [index for index, paragraph in enumerate(paragraphs) if len(paragraph) > 200 and not paragraph.lstrip().startswith(("#", "|", "```", "-", "1."))]
    if len(prose) >= 2:
        del paragraphs[rng.choice(prose)]
        prose = [index for index, paragraph in enumerate(paragraphs) if len(paragraph) > 200 and not paragraph.lstrip().startswith(("#", "|", "```", "-", "1."))]
        if prose:
            index = rng.choice(prose)
            sentences = re.split(r"(?<=[.!?])\s+", paragraphs[index])
            rng.shuffle(sentences)
            paragraphs[index] = " ".join(sentences)
    return "\n\n".join(paragraphs)


def build(out: Path, corpus: Path = CORPUS, copies: int = 1, seed: int = 4) -> dict[str, str]:
    """Write the knowledge base under `out` (replaced); returns source path -> id of the first copy."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    for folder in ("kb", "sops", "meta"):
        (out / folder).mkdir(parents=True)
    for name in ("owners.yml", "tags.yml", "synonyms.yml"):
        shutil.copyfile(ROOT / "meta" / name, out / "meta" / name)
    (out / "kbtool.yml").write_text("rules:\n  duplicate-title: warning\n", encoding="utf-8")
    mapping: dict[str, str] = {}
    number = 0
    for copy in range(copies):
        for relative, meta, body in articles(corpus):
            number += 1
            doc_id = f"KB-{number:05d}"
            if copy == 0:
                mapping[relative] = doc_id
            title = " ".join(str(meta["title"]).split())[:110]
            if copy:
                title = f"{title} {_VARIANTS[(copy - 1) % len(_VARIANTS)]}"
                body = _vary(body, rng)
            summary = str(meta.get("description") or title)[:290]
            tag = FOLDER_TAGS.get(relative.split("/", 1)[0], "software")
            front = [
                "---", f"id: {doc_id}", f"title: {_quote(title)}", f"summary: {_quote(summary)}", "status: published",
                f"owner: {OWNERS[number % len(OWNERS)]}", "audience: agent", "kind: guide", f"tags: [{tag}]",
                "created: 2024-01-01", "reviewed: 2026-01-01", "---", "",
            ]
            (out / "kb" / f"{doc_id.lower()}.md").write_text("\n".join(front) + body, encoding="utf-8")
    (out / "mapping.json").write_text(json.dumps(mapping, indent=1), encoding="utf-8")
    return mapping


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    out = args.out or OUT / ("officedocs" if args.copies == 1 else f"officedocs-x{args.copies}")
    mapping = build(out, args.corpus, args.copies)
    print(f"{len(mapping) * args.copies:,} documents written to {out}")


if __name__ == "__main__":
    main()
