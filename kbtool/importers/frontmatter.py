"""Front matter as other systems write it: parsed leniently, keys normalised, nothing lost.

Real collections have front matter that does not parse, keys in another case
or spelling (`Title`, `tested with`, `appleisto`), lists where text is
expected and none at all. Each becomes a value kbtool can use plus a note
saying what was assumed; the original is kept for the `source` field.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from kbtool.core.yamlio import YamlProblem, load_fast
from kbtool.importers.report import Note

_KEY_SEPARATORS = re.compile(r"[\s_*\-]+")
_LOOSE_KEY = re.compile(r"^([^\s#:\-][^:]*?)\s*:(?:\s+(.*?))?\s*$")
_LOOSE_ITEM = re.compile(r"^\s*-\s+(.*?)\s*$")
_LEADING_TABS = re.compile(r"^[ \t]+", re.MULTILINE)  # YAML forbids tabs in indentation; authors use them anyway


@dataclass
class FrontMatter:
    meta: dict[str, Any]  # normalised keys -> values
    original: dict[str, Any] | None  # as parsed, for `source.front_matter`
    raw: str | None  # the text, when it is not valid YAML (for `source.front_matter_text`)
    body: str
    body_line: int  # line of the source file where the body starts
    notes: list[Note] = field(default_factory=list)


def normalise_key(key: object) -> str:
    """`Title`, `tested with`, `tested*with` and `TESTED_WITH` all become `title` / `tested_with`."""
    return _KEY_SEPARATORS.sub("_", str(key).strip().casefold()).strip("_")


def split(text: str, known_keys: Iterable[str] = ()) -> FrontMatter:
    """Front matter and body of a source file's text."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return FrontMatter({}, None, None, text, 1, [Note("no-front-matter", "no front matter: every field comes from the body and the file's place")])
    close = next((index for index in range(1, len(lines)) if lines[index].rstrip() in ("---", "...")), None)
    if close is None:
        return FrontMatter({}, None, None, text, 1, [Note("no-front-matter", "the opening `---` is never closed: read as body", 1)])
    raw = "\n".join(lines[1:close])
    body = "\n".join(lines[close + 1 :])
    notes: list[Note] = []
    try:
        parsed = load_fast(_LEADING_TABS.sub(lambda m: m.group(0).replace("\t", "    "), raw))
        original, kept_raw = (parsed if isinstance(parsed, dict) else None), None
        if parsed is not None and not isinstance(parsed, dict):
            kept_raw = raw
            notes.append(Note("front-matter-not-mapping", f"front matter is a {type(parsed).__name__}, not fields: ignored", 2))
    except YamlProblem as problem:
        original, kept_raw = None, raw
        notes.append(Note("yaml-invalid", f"front matter is not valid YAML ({problem.message}): read line by line", problem.line + 1))
        parsed = loose_parse(raw)
    meta = normalise_keys(parsed if isinstance(parsed, dict) else {}, set(known_keys), notes)
    return FrontMatter(meta, original, kept_raw, body, close + 2, notes)


def loose_parse(raw: str) -> dict[str, Any]:
    """Top-level `key: value` lines and `- item` lists under them, values as text: what YAML would have meant, mostly."""
    meta: dict[str, Any] = {}
    last: str | None = None
    for line in raw.split("\n"):
        item = _LOOSE_ITEM.match(line)
        if item and last is not None and (meta[last] in ("", None) or isinstance(meta[last], list)):
            meta[last] = (meta[last] or []) + [_unquote(item.group(1))]
            continue
        match = _LOOSE_KEY.match(line)
        if match:
            last = match.group(1).strip().strip("'\"")
            meta.setdefault(last, _unquote(match.group(2) or ""))
    return meta


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


def normalise_keys(meta: dict[Any, Any], known: set[str], notes: list[Note]) -> dict[str, Any]:
    """Keys normalised; a misspelt key close to a known one is read as that one (and said so)."""
    result: dict[str, Any] = {}
    for key, value in meta.items():
        name = normalise_key(key)
        if name not in known and known:
            close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.85)
            if close and close[0] not in result and close[0] not in {normalise_key(other) for other in meta}:
                notes.append(Note("key-spelling", f"`{key}` read as `{close[0]}`"))
                name = close[0]
        if name in result:
            if result[name] in (None, "", []):
                result[name] = value
            continue
        result[name] = value
    return result


def first_text(meta: dict[str, Any], keys: Iterable[str], notes: list[Note] | None = None) -> str:
    """The first of `keys` holding text; a list is joined, a number written out."""
    for key in keys:
        value = meta.get(key)
        text = as_text(value)
        if text:
            if isinstance(value, list) and notes is not None:
                notes.append(Note("list-as-text", f"`{key}` is a list where text is expected: joined"))
            return text
    return ""


def as_text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(part for part in (as_text(item) for item in value) if part)
    if value is None or isinstance(value, (dict, bool)):
        return ""
    return " ".join(str(value).split())


def text_list(value: Any) -> list[str]:
    """A list of text from a list, a comma-separated string or a single value."""
    if isinstance(value, list):
        items = [as_text(item) for item in value]
    elif isinstance(value, str):
        items = [part for part in re.split(r"\s*[,;]\s*", value)]
    else:
        items = [as_text(value)]
    return [item.strip() for item in items if item and item.strip()]
