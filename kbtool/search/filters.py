"""Search filters: what an agent may restrict by, checked against the content model and the registries."""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable

from kbtool.core.errors import UsageError
from kbtool.core.model import DOC_TYPES, STATUSES


@dataclass(frozen=True)
class Filters:
    """Values of one option are alternatives; different options must all hold. No statuses: any status."""

    doc_types: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    owners: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ("published",)

    def describe(self) -> str:
        """The filters as the command line spells them, for messages (statuses only when not the default)."""
        parts = [f"--type {value}" for value in self.doc_types] + [f"--tag {value}" for value in self.tags]
        parts += [f"--owner {value}" for value in self.owners]
        if self.statuses != ("published",):
            parts += [f"--status {value}" for value in self.statuses]
        return " ".join(parts)

    @property
    def narrows(self) -> bool:
        """True when any filter beyond the default (published documents only) applies."""
        return bool(self.doc_types or self.tags or self.owners) or self.statuses != ("published",)


@dataclass(frozen=True)
class Restriction:
    """Which documents a filter lets through: only `allowed`, or all but `hidden` (None: no limit)."""

    allowed: frozenset[int] | None = None
    hidden: frozenset[int] | None = None

    def admits(self, scores: dict[int, float]) -> list[tuple[int, float]]:
        if self.allowed is not None:
            allowed = self.allowed
            return [(docnum, score) for docnum, score in scores.items() if docnum in allowed]
        if self.hidden:
            hidden = self.hidden
            return [(docnum, score) for docnum, score in scores.items() if docnum not in hidden]
        return list(scores.items())

    def allows(self, docnum: int) -> bool:
        if self.allowed is not None:
            return docnum in self.allowed
        return not self.hidden or docnum not in self.hidden


def _check(option: str, values: Iterable[str], known: Iterable[str], where: str) -> tuple[str, ...]:
    """The values as the registry spells them (`WIFI` is `wifi`); an unknown one is a usage error with a suggestion."""
    choices = sorted(known)
    by_case = {choice.casefold(): choice for choice in choices}
    checked = []
    for value in values:
        if value in choices or value.casefold() in by_case:
            checked.append(value if value in choices else by_case[value.casefold()])
            continue
        folded = value.casefold()
        # `lena` for `lena.kowalski`: a first part typed alone; else the closest spelling.
        starting = [choice for choice in choices if choice.casefold().startswith(folded)]
        close = starting[:1] or [by_case[match] for match in difflib.get_close_matches(folded, list(by_case), n=1)]
        hint = f"did you mean `{close[0]}`?" if close else f"{where}: {', '.join(choices)}"
        raise UsageError(f"unknown {option} `{value}`", hint=hint)
    return tuple(checked)


def checked_filters(
    doc_types: Iterable[str], tags: Iterable[str], owners: Iterable[str], statuses: Iterable[str], known_tags: Iterable[str], known_owners: Iterable[str],
) -> Filters:
    """Filters whose every value exists, spelled as the registries spell them; an unknown one is a usage error with a did-you-mean."""
    return Filters(
        _check("--type", doc_types, DOC_TYPES, "the types are"),
        _check("--tag", tags, known_tags, "tags come from the tag registry"),
        _check("--owner", owners, known_owners, "owners come from the owners registry"),
        _check("--status", statuses, STATUSES, "the statuses are"),
    )
