"""What a long-running command returns when it stops (`kbtool serve`).

Kept apart from the server so that the command line can render it without
importing any of the server's modules at start-up.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ServeSummary:
    url: str
    seconds: float  # how long it served
    requests: int  # requests answered

    exit_code = 0
