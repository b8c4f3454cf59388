"""A synthetic knowledge base with a long git history, written with `git fast-import`.

`kbtool freshness` reads a document's history to tell whether its text
changed after its last review; benchmarking that needs thousands of commits,
and `git commit` in a loop would take longer than the benchmark itself.
`git fast-import` writes 20,000 commits in a few minutes (most of it spent
rewriting a folder of 8,000 files 20,000 times).

The history is seeded and plausible for a looked-after knowledge base:
documents are added over the first tenth of the commits (created and
reviewed on the day they are added), then each commit is a review (two in
five: an owner re-reads their 1-12 documents reviewed longest ago and sets
`reviewed`), an edit of one document's body (almost half) or review
bookkeeping only (`review_every` or a new owner). One document in fifty is
never reviewed again after it is added, as in any real knowledge base.
Dates run evenly over three years up to `today`.
"""
from __future__ import annotations

import datetime
import random
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from benchmarks.synthetic import generate
from kbtool.core.config import Config
from kbtool.core.registries import load_owners

SPAN_DAYS = 3 * 365


@dataclass(frozen=True)
class HistoryKb:
    root: Path
    documents: int
    commits: int
    paths: list[str]  # every document, relative to the root


def generate_history(
    source: Config,
    out: Path,
    documents: int,
    commits: int,
    *,
    seed: int = 1,
    today: datetime.date = datetime.date(2026, 11, 1),
    corpus: Path | None = None,
) -> HistoryKb:
    """Write `documents` documents under `out` and a git history of `commits` commits for them."""
    generate(source, out, documents, seed=seed, today=today, corpus=corpus)
    paths = load_paths(out)
    texts = {path: (out / path).read_text(encoding="utf-8") for path in paths}
    people = [(owner.id, owner.name, owner.email or f"{owner.id}@example.com") for owner in load_owners(source).values()]
    owner_of = {path: re.search(r"(?m)^owner: (\S+)", text).group(1) for path, text in texts.items()}  # type: ignore[union-attr]
    reviewed = {path: datetime.date.min for path in paths}
    rng = random.Random(seed)
    forgotten = set(rng.sample(paths, len(paths) // 50))  # never reviewed again: the long tail every knowledge base has
    adding = max(1, min(commits // 10, len(paths)))
    start = datetime.datetime.combine(today - datetime.timedelta(days=SPAN_DAYS), datetime.time(9), datetime.timezone.utc)
    step = SPAN_DAYS * 86400 / commits
    subprocess.run(["git", "init", "-q", "-b", "main", str(out)], check=True)
    importer = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=out, stdin=subprocess.PIPE)
    assert importer.stdin is not None
    stream = importer.stdin
    batches = [paths[number::adding] for number in range(adding)]
    for number in range(commits):
        moment = start + datetime.timedelta(seconds=int(number * step))
        day = moment.date()
        owner, name, email = rng.choice(people)
        kind = rng.random()
        if number < adding:
            changed = {path: _added(texts[path], day) for path in batches[number]}
            reviewed.update({path: day for path in changed})
            if number == 0:
                changed.update({path: (out / path).read_text(encoding="utf-8") for path in ("kbtool.yml", *_meta_files(out))})
            message = f"Add {len(batches[number])} document(s)"
        elif kind < 0.4:
            mine = sorted((date, path) for path, date in reviewed.items() if owner_of[path] == owner and date < day and path not in forgotten)
            chosen = [path for _, path in mine[: rng.randint(1, 12)]]
            changed = {path: _set_line(texts[path], "reviewed", day.isoformat()) for path in chosen}
            reviewed.update({path: day for path in chosen})
            message = f"Review {len(chosen)} document(s)"
        else:
            path = rng.choice(paths)
            if kind < 0.87:
                changed, message = {path: _edited(texts[path], rng, number)}, f"Update {Path(path).stem[:12]}: clarify a step"
            else:
                field, value = rng.choice([("review_every", rng.choice(["3m", "6m", "12m"])), ("owner", rng.choice(people)[0])])
                owner_of[path] = value if field == "owner" else owner_of[path]
                changed, message = {path: _set_line(texts[path], field, value)}, f"Change {field} of {Path(path).stem[:12]}"
        texts.update({path: text for path, text in changed.items() if path in texts})
        _write_commit(stream, number, name, email, moment, message, changed)
    stream.close()
    if importer.wait() != 0:
        raise RuntimeError("git fast-import failed")
    subprocess.run(["git", "reset", "-q", "--hard"], cwd=out, check=True)
    return HistoryKb(out, len(paths), commits, paths)


def load_paths(out: Path) -> list[str]:
    """The documents of a knowledge base generated earlier."""
    return sorted(path.relative_to(out).as_posix() for folder in ("kb", "sops") for path in (out / folder).glob("*.md"))


def _meta_files(out: Path) -> list[str]:
    return sorted(path.relative_to(out).as_posix() for path in (out / "meta").glob("*.yml"))


def _added(text: str, day: datetime.date) -> str:
    for field in ("created", "reviewed"):
        text = _set_line(text, field, day.isoformat())
    return re.sub(r"(?m)^(    date: ).*$", lambda match: match.group(1) + day.isoformat(), text, count=1)


def _edited(text: str, rng: random.Random, number: int) -> str:
    lines = text.split("\n")
    body_start = lines.index("---", 1) + 1
    candidates = [index for index in range(body_start, len(lines)) if lines[index] and not lines[index].startswith("#")]
    index = rng.choice(candidates)
    lines[index] = lines[index] + f" (Checked in change {number}.)"
    return "\n".join(lines)


def _set_line(text: str, field: str, value: str) -> str:
    pattern = re.compile(rf"(?m)^{field}:.*$")
    if pattern.search(text):
        return pattern.sub(f"{field}: {value}", text, count=1)
    return re.sub(r"(?m)^(reviewed:.*)$", lambda match: f"{match.group(1)}\n{field}: {value}", text, count=1)


def _write_commit(stream, number: int, name: str, email: str, moment: datetime.datetime, message: str, changed: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    stamp = f"{int(moment.timestamp())} +0000"
    encoded = message.encode()
    parts = [
        f"commit refs/heads/main\nmark :{number + 1}\n".encode(),
        f"author {name} <{email}> {stamp}\ncommitter {name} <{email}> {stamp}\n".encode(),
        f"data {len(encoded)}\n".encode() + encoded + b"\n",
    ]
    if number:
        parts.append(f"from :{number}\n".encode())
    for path, text in changed.items():
        data = text.encode("utf-8")
        parts.append(f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n")
    stream.write(b"".join(parts) + b"\n")
