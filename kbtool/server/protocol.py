"""Requests and responses as plain values, and errors that become JSON with a status code."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kbtool.core.jsondata import to_json
from kbtool.core.sanitise import sanitised


@dataclass(frozen=True)
class Request:
    method: str
    path: str  # without the query string, not decoded
    query: dict[str, list[str]]
    body: bytes
    client: str  # the peer's address

    def param(self, name: str, default: str = "") -> str:
        values = self.query.get(name)
        return values[0] if values else default

    def params(self, name: str) -> list[str]:
        return [value for value in self.query.get(name, []) if value]


@dataclass
class Response:
    status: int
    body: bytes
    content_type: str = "application/json; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


class HttpError(Exception):
    """An answer other than success: becomes `{"error": {...}}` with this status."""

    def __init__(self, status: int, message: str, hint: str | None = None, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.hint = hint
        self.headers = headers or {}


def json_response(value: Any, status: int = 200) -> Response:
    """A result as JSON, exactly as `--format json` prints it: secrets masked, then the same conversion."""
    return Response(status, (to_json(sanitised(value, for_terminal=False)) + "\n").encode("utf-8"))


def error_response(error: HttpError) -> Response:
    body = {"error": {"status": error.status, "message": error.message, "hint": error.hint}}
    return Response(error.status, (to_json(body) + "\n").encode("utf-8"), headers=error.headers)
