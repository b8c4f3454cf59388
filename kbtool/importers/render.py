"""The text of an imported article: front matter as kbtool writes it, then the converted body."""
from __future__ import annotations

import datetime
from typing import Any

from kbtool.core.yamlio import BlockText, FlowList, dump_fast


def article_text(meta: dict[str, Any], body: str) -> str:
    return f"---\n{front_matter(meta)}---\n\n{body.strip(chr(10))}\n"


def front_matter(meta: dict[str, Any]) -> str:
    data = {key: _yaml_value(value) for key, value in meta.items()}
    for name in ("tags", "keywords"):
        if name in data:
            data[name] = FlowList(data[name])
    return dump_fast(data)


def _yaml_value(value: Any) -> Any:
    """Plain data for the writer: text of several lines as a block, everything else as it is."""
    if isinstance(value, str):
        # A block keeps lines readable; text with blank edges is left to the writer's quoting, which keeps them exactly.
        return BlockText(value) if "\n" in value and value == value.strip() else value
    if isinstance(value, dict):
        return {key if isinstance(key, (str, int, bool)) or key is None else str(key): _yaml_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_yaml_value(item) for item in value]
    if value is None or isinstance(value, (bool, int, float, datetime.date)):
        return value
    return str(value)
