"""What changed in a document's steps and sections between two versions, as a reviewer reads it.

Steps are the top-level numbered items of the action section (an SOP's
`## Procedure`, a how-to's `## Steps`, a troubleshooting article's
`## Resolution`), read through the one Markdown reading
(`kbtool.core.markdown`). Each step is its own text plus its detail: the
sub-steps, notes and code nested under it. Two versions' steps are aligned
by their text: a step is added, removed, moved (the same text elsewhere),
reworded (similar text in the same place), or keeps its text while its
detail changed.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from kbtool.core.markdown import CODE, HEADING, ITEM, PARAGRAPH, Block, find_section, plain_text, sections

ADDED, REMOVED, MOVED, REWORDED, DETAIL = "added", "removed", "moved", "reworded", "detail"
# Kinds that change what an agent does, not only how it is said: the content model's MAJOR.
STRUCTURAL = frozenset({ADDED, REMOVED, MOVED})
# Two texts this similar (difflib's ratio over words) in one place are the same step reworded.
_SAME_STEP = 0.5
# A removed and an added step this similar are one step moved.
_SAME_TEXT = 0.9
# Words and punctuation apart: "accounts." becoming "accounts, contractors included." only adds.
_TOKEN = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class Step:
    number: int  # its place in the list, from 1
    text: str  # the step's own text, as plain text
    detail: str = ""  # what is nested under it (sub-steps, notes, code), as plain text


@dataclass(frozen=True)
class StepChange:
    kind: str  # added, removed, moved, reworded, detail
    number: int | None  # the step's place now (None when removed)
    old_number: int | None  # its place before (None when added)
    text: str  # the step's text now (before, when removed)
    old_text: str = ""  # its text before, when reworded or moved with new words


def read_steps(blocks: list[Block], section: str) -> list[Step] | None:
    """The steps of `section`; None when the document has no such section."""
    found = find_section(blocks, section)
    if found is None:
        return None
    steps: list[Step] = []
    current: Block | None = None
    detail: list[str] = []
    for block in found.blocks:
        if block.kind == ITEM and block.number is not None and block.level <= 3:
            if current is not None:
                steps.append(Step(len(steps) + 1, current.plain(), " ".join(detail)))
            current, detail = block, []
        elif current is not None and _nested(block, current):
            detail.append(" ".join(block.plain().split()))
        elif current is not None:
            steps.append(Step(len(steps) + 1, current.plain(), " ".join(detail)))
            current, detail = None, []
    if current is not None:
        steps.append(Step(len(steps) + 1, current.plain(), " ".join(detail)))
    return steps


def _nested(block: Block, step: Block) -> bool:
    """Whether `block` belongs to `step`: indented under it, or code (fences carry no indentation here)."""
    if block.kind == CODE:
        return True
    return block.kind in (ITEM, PARAGRAPH) and block.level > step.level


def _words(text: str) -> list[str]:
    return text.split()


def _similarity(first: str, second: str) -> float:
    return difflib.SequenceMatcher(None, _words(first), _words(second), autojunk=False).ratio()


def diff_steps(old: list[Step], new: list[Step]) -> list[StepChange]:
    """The changes from `old` steps to `new` ones, in the order of the new list (removed steps where they were).

    Steps with the same text are paired first; the largest set of pairs
    that keeps its order (moving the steps the least) stays in place, the
    other pairs have moved. Between two steps in place, the remaining steps
    are paired in order by similar text (reworded); the rest were added or
    removed.
    """
    keys_old = [" ".join(_words(step.text)) for step in old]
    keys_new = [" ".join(_words(step.text)) for step in new]
    waiting: dict[str, list[int]] = {}
    for index, key in enumerate(keys_new):
        waiting.setdefault(key, []).append(index)
    pairs = [(index, waiting[key].pop(0)) for index, key in enumerate(keys_old) if waiting.get(key)]
    kept = _in_order(pairs)
    changes: list[StepChange] = []
    for i, j in pairs:
        before, after = old[i], new[j]
        if (i, j) not in kept:
            changes.append(StepChange(MOVED, after.number, before.number, after.text))
        elif _words(before.detail) != _words(after.detail):
            changes.append(StepChange(DETAIL, after.number, before.number, after.text))
    paired_old, paired_new = {i for i, _ in pairs}, {j for _, j in pairs}
    bounds = [(-1, -1), *sorted(kept), (len(old), len(new))]
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:]):
        olds = [old[i] for i in range(i0 + 1, i1) if i not in paired_old]
        news = [new[j] for j in range(j0 + 1, j1) if j not in paired_new]
        changes += _align(olds, news)
    return sorted(_moves(changes), key=_position)


def _in_order(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The largest subset of (old, new) pairs increasing in both, moving steps the least (ties), as a set."""
    if len(pairs) > 500:  # a hostile list: keep the quadratic search bounded, and call the rest moved
        pairs = pairs[:500]
    best: list[tuple[int, int, int]] = []  # per pair: (length, -displacement, previous index)
    for k, (i, j) in enumerate(pairs):
        choice = (1, -abs(i - j), -1)
        for m in range(k):
            if pairs[m][1] < j:
                length, moved, _ = best[m]
                candidate = (length + 1, moved - abs(i - j), m)
                if candidate[:2] > choice[:2]:
                    choice = candidate
        best.append(choice)
    if not best:
        return set()
    k = max(range(len(best)), key=lambda index: best[index][:2])
    kept = set()
    while k >= 0:
        kept.add(pairs[k])
        k = best[k][2]
    return kept


def _align(olds: list[Step], news: list[Step]) -> list[StepChange]:
    """Steps between two steps in place, paired in order by similar text."""
    changes: list[StepChange] = []
    position = 0
    for before in olds:
        match = next((index for index in range(position, len(news)) if _similarity(before.text, news[index].text) >= _SAME_STEP), None)
        if match is None:
            changes.append(StepChange(REMOVED, None, before.number, before.text))
            continue
        changes += [StepChange(ADDED, step.number, None, step.text) for step in news[position:match]]
        changes.append(StepChange(REWORDED, news[match].number, before.number, news[match].text, before.text))
        position = match + 1
    return changes + [StepChange(ADDED, step.number, None, step.text) for step in news[position:]]


def _moves(changes: list[StepChange]) -> list[StepChange]:
    """A step removed in one place and added, with (nearly) the same text, in another has moved."""
    removed = [change for change in changes if change.kind == REMOVED]
    result = [change for change in changes if change.kind != REMOVED]
    for gone in removed:
        match = next((change for change in result if change.kind == ADDED and _similarity(gone.text, change.text) >= _SAME_TEXT), None)
        if match is None:
            result.append(gone)
            continue
        old_text = gone.text if _words(gone.text) != _words(match.text) else ""
        result[result.index(match)] = StepChange(MOVED, match.number, gone.old_number, match.text, old_text)
    return result


def _position(change: StepChange) -> tuple[float, int]:
    if change.number is not None:
        return (change.number, 1)
    return ((change.old_number or 0) - 0.5, 0)  # a removed step before the step now in its place


def whitespace_only(old_blocks: list[Block], new_blocks: list[Block]) -> bool:
    """True when two bodies differ in whitespace only: the same blocks with the same words.

    Re-wrapped lines, trailing spaces and blank lines inside a block are
    whitespace; whitespace that changes what an agent reads is not: a step
    joined onto the line of another, a step indented under the one before
    it, two paragraphs run into one.
    """
    return _shape(old_blocks) == _shape(new_blocks)


def _shape(blocks: list[Block]) -> list[tuple[object, ...]]:
    return [
        (block.kind, block.number, block.level if block.kind in (ITEM, PARAGRAPH) else 0, block.info, block.text.split(), [cell.split() for row in block.rows for cell in row])
        for block in blocks
    ]


def only_added(old_blocks: list[Block], new_blocks: list[Block]) -> bool:
    """True when the new text keeps every word of the old one in order and only adds words: added detail, not rewording."""
    before, after = _TOKEN.findall(plain_text(old_blocks)), _TOKEN.findall(plain_text(new_blocks))
    opcodes = difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    return len(after) > len(before) and all(tag in ("equal", "insert") for tag, *_ in opcodes)


def changed_sections(old_blocks: list[Block], new_blocks: list[Block]) -> list[str]:
    """Titles of the level-two sections added, removed or changed (beyond whitespace), in the new order."""
    def texts(blocks: list[Block]) -> dict[str, list[str]]:
        found = {section.title: _words(plain_text(list(section.blocks))) for section in sections(blocks)}
        first = next((index for index, block in enumerate(blocks) if block.kind == HEADING), len(blocks))
        if first:
            found.setdefault("(introduction)", _words(plain_text(blocks[:first])))
        return found

    before, after = texts(old_blocks), texts(new_blocks)
    names = list(after) + [name for name in before if name not in after]
    return [name for name in names if before.get(name) != after.get(name)]


def describe(changes: list[StepChange]) -> str:
    """A short phrase for messages and change-log entries: "step 2 added, step 3 reworded"."""
    by_kind: dict[str, list[int]] = {}
    for change in changes:
        number = change.number if change.number is not None else change.old_number
        by_kind.setdefault(change.kind, []).append(number or 0)
    parts = []
    for kind in (ADDED, REMOVED, MOVED, REWORDED, DETAIL):
        numbers = by_kind.get(kind)
        if numbers:
            noun = "step" if len(numbers) == 1 else "steps"
            listed = ", ".join(str(number) for number in numbers[:-1]) + (" and " if len(numbers) > 1 else "") + str(numbers[-1])
            parts.append(f"{noun} {listed} {'with new detail' if kind == DETAIL else kind}")
    return ", ".join(parts)
