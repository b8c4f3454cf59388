"""The synonym and abbreviation list (`meta/synonyms.yml`), read at query time."""
from __future__ import annotations

from dataclasses import dataclass

from kbtool.search.analysis import words
from kbtool.core.config import Config, read_yaml_file
from kbtool.core.errors import ConfigError

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


def load_synonyms(config: Config) -> Synonyms:
    path = config.path(config.synonyms_file)
    if not path.exists():
        return Synonyms({})
    data = read_yaml_file(path, "synonym list")
    groups = data.get("groups") if isinstance(data, dict) else None
    return parse_groups(groups, str(path))
