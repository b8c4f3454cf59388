"""An agent's query mix, by class, drawn from a knowledge base's own documents (seeded).

Classes: single words, fragments (2-3 words of a title), typos, error codes,
quoted phrases and natural questions (the held-out questions and symptoms of
tests/relevance/officedocs/ when the Microsoft corpus is used, otherwise
"how do i ..." fragments).
"""
from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_CODE = re.compile(r"\b(?:0x[0-9A-Fa-f]{8}|AADSTS\d{5,6}|[45]\d\d [45]\.\d\.\d{1,3})\b")


def _titles_and_texts(root: Path, step: int) -> tuple[list[str], list[str]]:
    titles, texts = [], []
    for path in sorted((root / "kb").rglob("*.md"))[::step]:
        text = path.read_text(encoding="utf-8", errors="replace")
        title = re.search(r'^title: "?(.*?)"?$', text, re.MULTILINE)
        if title:
            titles.append(re.sub(r"\s*\((?:Windows 11|macOS|shared device)\)$", "", title.group(1)))
        texts.append(text.split("\n---", 1)[-1])
    return titles, texts


def agent_queries(root: Path, seed: int = 3, questions: list[str] | None = None) -> dict[str, list[str]]:
    rng = random.Random(seed)
    titles, texts = _titles_and_texts(root, max(1, len(list((root / "kb").rglob("*.md"))) // 400))
    words = [w.lower() for t in titles for w in re.findall(r"[A-Za-z]{4,}", t)]
    long_words = [w for w in words if len(w) > 6]

    def fragment(text: str, size: int) -> str:
        parts = re.findall(r"[A-Za-z0-9]+", text)
        start = rng.randrange(0, max(1, len(parts) - size))
        return " ".join(parts[start : start + size]).lower()

    def typo(word: str) -> str:
        i = rng.randrange(1, len(word) - 2)
        return word[:i] + word[i + 1 :] if rng.random() < 0.5 else word[:i] + word[i + 1] + word[i] + word[i + 2 :]

    codes = sorted({code for text in texts for code in _CODE.findall(text)})
    sentences = [s for text in texts for s in re.findall(r"[A-Z][a-z][^.\n|`*#]{30,120}\.", text)]
    return {
        "word": [rng.choice(words) for _ in range(60)],
        "fragment": [fragment(rng.choice(titles), rng.choice((2, 3))) for _ in range(60)],
        "typo": [typo(rng.choice(long_words)) for _ in range(30)],
        "code": [rng.choice(codes) for _ in range(30)] if codes else [],
        "phrase": ['"' + fragment(rng.choice(sentences), rng.choice((2, 3))) + '"' for _ in range(30)],
        "question": questions or ["how do i " + fragment(rng.choice(titles), 4) for _ in range(60)],
    }


def corpus_questions() -> list[str]:
    """The questions and symptoms of the Microsoft relevance sets, as agents typed them."""
    import yaml

    found = []
    for name in ("tuning.yml", "holdout.yml"):
        for entry in yaml.safe_load((ROOT / "tests" / "relevance" / "officedocs" / name).read_text(encoding="utf-8")):
            if entry.get("class") in ("question", "symptom"):
                found.append(entry["query"])
    return found
