"""Synonyms and abbreviations, read at query time: kbtool's service-desk list, extended by the knowledge base's own.

`service-desk-synonyms.yml` ships with kbtool (Microsoft 365, Windows,
identity, networking, hardware, and the people side of a desk). A knowledge
base's `meta/synonyms.yml` adds groups and adds entries to the shipped ones;
`search: {default_synonyms: false}` in kbtool.yml leaves the shipped list out.
"""
from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from kbtool.search.analysis import words
from kbtool.core.config import Config, read_yaml_file
from kbtool.core.errors import ConfigError
from kbtool.core.findings import Finding, make_finding

MAX_PHRASE = 4


@dataclass(frozen=True)
class Synonyms:
    """Each phrase (a tuple of words) maps to the other phrases of its group."""

    alternatives: dict[tuple[str, ...], tuple[tuple[str, ...], ...]]

    def match(self, tokens: list[str], start: int) -> tuple[int, tuple[tuple[str, ...], ...]]:
        """Longest phrase starting at `start`: (its length, its alternatives); (1, ()) if none."""
        for length in range(min(MAX_PHRASE, len(tokens) - start), 0, -1):
            phrase = tuple(tokens[start : start + length])
            if phrase in self.alternatives:
                return length, self.alternatives[phrase]
        return 1, ()


DEFAULT_FILE = "service-desk-synonyms.yml"


def parse_groups(groups: object, where: str) -> Synonyms:
    if not isinstance(groups, list):
        raise ConfigError(f"{where}: expected `groups:` followed by a list of [word, word, ...] lists")
    alternatives: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    for number, group in enumerate(groups, start=1):
        if not isinstance(group, list) or len(group) < 2 or not all(isinstance(entry, str) for entry in group):
            raise ConfigError(f"{where}: group {number} must list two or more words or phrases")
        phrases = [tuple(words(entry))[:MAX_PHRASE] for entry in group]
        for phrase in phrases:
            if phrase:
                alternatives.setdefault(phrase, set()).update(other for other in phrases if other and other != phrase)
    return Synonyms({phrase: tuple(sorted(others)) for phrase, others in alternatives.items()})


def _read_groups(path: Path, what: str) -> list:  # type: ignore[type-arg]
    data = read_yaml_file(path, what)
    groups = data.get("groups") if isinstance(data, dict) else None
    if not isinstance(groups, list):
        raise ConfigError(f"{path}: expected `groups:` followed by a list of [word, word, ...] lists")
    return groups


def default_groups() -> list:  # type: ignore[type-arg]
    """The service-desk groups shipped with kbtool."""
    return _read_groups(Path(__file__).with_name(DEFAULT_FILE), "shipped synonym list")


@functools.lru_cache(maxsize=1)
def shipped_synonyms() -> Synonyms:
    """The shipped list, parsed once per process (reading and parsing it costs about 20 ms)."""
    return parse_groups(default_groups(), "shipped synonym list")


def _with_own(groups: list, config: Config, where: str) -> Synonyms:  # type: ignore[type-arg]
    """The shipped synonyms (unless switched off) extended by `groups`: a phrase's alternatives are the union over both."""
    base = shipped_synonyms() if config.default_synonyms else Synonyms({})
    if not groups:
        return base
    alternatives = dict(base.alternatives)
    for phrase, others in parse_groups(groups, where).alternatives.items():
        alternatives[phrase] = tuple(sorted(set(alternatives.get(phrase, ())) | set(others)))
    return Synonyms(alternatives)


def load_synonyms(config: Config) -> Synonyms:
    """The shipped groups (unless switched off) merged with the knowledge base's own file."""
    path = config.path(config.synonyms_file)
    if not path.exists():
        return _with_own([], config, "synonyms")
    return _with_own(_read_groups(path, "synonym list"), config, str(path))


def _own_groups(config: Config) -> tuple[list, Finding | None]:  # type: ignore[type-arg]
    """The knowledge base's own groups (none when the file is absent), or the finding that says why they cannot be used."""
    path = config.path(config.synonyms_file)
    try:
        if not path.exists():
            return [], None
        groups = _read_groups(path, "synonym list")
        parse_groups(groups, str(path))
        return groups, None
    except ConfigError as error:
        line = int(match.group(1)) if (match := re.search(r":(\d+):", error.message)) else 1
        return [], make_finding("synonyms-file", config.synonyms_file, line, error.message.split(": ", 1)[-1])


def check_synonyms(config: Config) -> Finding | None:
    """The knowledge base's synonym file as a finding when it cannot be used (None when it can, or is absent)."""
    return _own_groups(config)[1]


def usable_synonyms(config: Config) -> tuple[Synonyms, Finding | None]:
    """The synonyms to search with, and the problem that left the knowledge base's own file out.

    A broken file never stops search: the shipped list is used alone. Usable
    lists are kept, parsed, beside the index (`synonyms.json`, keyed by a hash
    of both files): reading YAML and analysing every entry costs a command-line
    search about 25 ms, reading the kept copy about 2.
    """
    key = _cache_key(config)
    kept = _read_kept(config, key) if key else None
    if kept is not None:
        return kept, None
    own, problem = _own_groups(config)
    synonyms = _with_own(own, config, "synonyms")
    if key and problem is None:
        _keep(config, key, synonyms)
    return synonyms, problem


KEPT_FORMAT = 2


def _cache_key(config: Config) -> str | None:
    digest = hashlib.sha1(f"{KEPT_FORMAT}:{config.default_synonyms}".encode())
    try:
        digest.update(Path(__file__).with_name(DEFAULT_FILE).read_bytes())
        path = config.path(config.synonyms_file)
        digest.update(path.read_bytes() if path.is_file() else b"\0absent")
    except OSError:
        return None
    return digest.hexdigest()


def _kept_path(config: Config) -> Path:
    from kbtool.search.generations import index_root

    return index_root(config) / "synonyms.json"


def _read_kept(config: Config, key: str) -> Synonyms | None:
    from kbtool.core.files import read_kept

    data = read_kept(_kept_path(config), key)
    try:
        phrases = [tuple(phrase) for phrase in data["phrases"]]
        return Synonyms({phrases[number]: tuple(phrases[other] for other in others) for number, others in enumerate(data["alternatives"])})
    except (KeyError, TypeError, IndexError):
        return None  # none kept, or kept by another version: parse the files instead


def _keep(config: Config, key: str, synonyms: Synonyms) -> None:
    from kbtool.core.files import keep

    # Every phrase once, alternatives as positions in that list: a tenth of the size of writing them out.
    numbers: dict[tuple[str, ...], int] = {}
    for phrase, others in synonyms.alternatives.items():
        for each in (phrase, *others):
            numbers.setdefault(each, len(numbers))
    alternatives = [[numbers[other] for other in synonyms.alternatives.get(phrase, ())] for phrase in numbers]
    keep(_kept_path(config), key, {"phrases": [list(phrase) for phrase in numbers], "alternatives": alternatives})
