"""How text reaches a terminal: colours when wanted, the width to wrap to, and nothing a document can smuggle in."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import click


@dataclass(frozen=True)
class Style:
    colour: bool = False
    interactive: bool = False  # standard output is a terminal: a person is reading
    width: int = 100
    # GitHub annotations name files from the repository's root: the knowledge
    # base's folder from there ("knowledge/"), when it is not the root itself.
    paths_from: str = ""

    def __call__(self, text: str, **styles: Any) -> str:
        """`text` with click styles (fg=..., bold=...) when colouring, else unchanged."""
        return click.style(text, **styles) if self.colour else text


PLAIN = Style()
