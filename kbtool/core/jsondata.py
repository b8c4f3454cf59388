"""Results as JSON: one conversion for `--format json` and the server's API, so they never differ.

A result's own `to_dict()` when it has one, else its dataclass fields; dates
as ISO strings, paths as strings, sets sorted.
"""
from __future__ import annotations

import dataclasses
import datetime
import json
import re
from pathlib import Path
from typing import Any

_C1 = re.compile(r"[\x7f-\x9f]")


def as_data(value: Any) -> Any:
    """Plain JSON-ready data: a result's own `to_dict()` when it has one, else its dataclass fields."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    return value


def _default(value: Any) -> Any:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (Path, set, frozenset)):
        return str(value) if isinstance(value, Path) else sorted(value)
    return str(value)


def to_json(value: Any) -> str:
    """The JSON text of a result, exactly as `kbtool ... --format json` prints it."""
    text = json.dumps(as_data(value), indent=2, ensure_ascii=False, default=_default)
    # json escapes C0 controls but writes C1 ones (0x80-0x9f) as they are; some terminals obey them.
    return _C1.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
