"""Results made safe to print: secrets masked, and control characters shown instead of obeyed.

Applied to every result before it is rendered (by the command line's
`emit` and the server's JSON answers alike), so that no renderer can forget: a title carrying an OSC 52 sequence cannot write the agent's
clipboard, and a password pasted into an article or typed into a search is
never printed whole. Dataclass fields marked `metadata={"internal": True}`
are data no renderer prints (the documents a validation read) and are left
as they are.
"""
from __future__ import annotations

import dataclasses
from typing import Any, Callable

from kbtool.core.safety import neutralise, redact


def sanitised(value: Any, for_terminal: bool = True) -> Any:
    clean: Callable[[str], str] = (lambda text: neutralise(redact(text))) if for_terminal else redact
    return _walk(value, clean)


def _walk(value: Any, clean: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return clean(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            field.name: _walk(getattr(value, field.name), clean)
            for field in dataclasses.fields(value)
            if field.init and not field.metadata.get("internal")
        }
        return dataclasses.replace(value, **changes)
    if isinstance(value, list):
        return [_walk(item, clean) for item in value]
    if isinstance(value, tuple):
        return tuple(_walk(item, clean) for item in value)
    if isinstance(value, dict):
        return {_walk(key, clean): _walk(item, clean) for key, item in value.items()}
    return value
