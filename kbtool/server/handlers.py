"""The JSON API: one function per route, each `(state, request, ...) -> Response`.

Every input is checked before it is used: the limit's range here; the
query's length and the filter values by `api.search` (usage errors, with a
did-you-mean, answered as 400); ids against the id pattern before any
lookup; the feedback body's shape here and its size by the server.
"""
from __future__ import annotations

import json
import math
import time
from urllib.parse import unquote

from kbtool import __version__, api
from kbtool.core.model import DOC_TYPES, STATUSES
from kbtool.server.document_html import canonical_id, sections_html
from kbtool.server.protocol import HttpError, Request, Response, json_response
from kbtool.server.state import ServerState
from kbtool.server.ticket import ticket_text

MAX_LIMIT = 50
DEFAULT_LIMIT = 10
MAX_ID = 32


def search(state: ServerState, request: Request) -> Response:
    """GET /api/search?q=&limit=&type=&tag=&owner=&status=&log= : the JSON of `kbtool search --json`."""
    query = request.param("q").strip()
    if not query:
        raise HttpError(400, "`q` is required: the words to search for")
    results = state.search(
        query,
        limit=_integer(request.param("limit"), DEFAULT_LIMIT, 1, MAX_LIMIT, "limit"),
        doc_types=request.params("type"),
        tags=request.params("tag"),
        owners=request.params("owner"),
        statuses=request.params("status") or ("published",),
        log=_boolean(request.param("log"), "log"),
    )
    return json_response(results)


def document(state: ServerState, request: Request, raw_id: str) -> Response:
    """GET /api/documents/{id}: front matter, owner, review state, rendered sections and the ticket text."""
    shown = state.show(checked_id(unquote(raw_id)))
    data = shown.to_dict()
    data["title"] = shown.document.title
    data["status"] = shown.document.status
    data["version"] = str(shown.document.meta.get("version")) if shown.document.doc_type == "sop" and shown.document.meta.get("version") else None
    data["review"].update(reviewed=shown.review.reviewed.isoformat() if shown.review.reviewed else None, text=shown.review.describe())
    data["sections"] = [{"title": section.title, "html": section.html} for section in sections_html(shown.document.blocks, shown.titles)]
    data["ticket"] = ticket_text(shown)
    return json_response(data)


def feedback(state: ServerState, request: Request) -> Response:
    """POST /api/feedback {"id", "message", "agent"}: a flag appended to the feedback file (201)."""
    wait = state.feedback_limiter.wait_time(request.client)
    if wait:
        seconds = math.ceil(wait)
        raise HttpError(429, f"too many flags from this address: try again in {seconds} s", headers={"Retry-After": str(seconds)})
    try:
        return json_response(_flag(state, request), 201)
    except Exception:
        state.feedback_limiter.refund(request.client)  # only flags written count against the limit: a refused one can be resent at once
        raise


def _flag(state: ServerState, request: Request) -> object:
    try:
        data = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise HttpError(400, "the body must be JSON: {\"id\": \"KB-0007\", \"message\": \"...\", \"agent\": \"optional\"}") from None
    if not isinstance(data, dict) or not isinstance(data.get("id"), str) or not isinstance(data.get("message"), str):
        raise HttpError(400, "send an object with `id` and `message` strings (and optionally `agent`)")
    agent = data.get("agent") or ""
    if not isinstance(agent, str):
        raise HttpError(400, "`agent` must be a string")
    return state.flag(checked_id(data["id"]), data["message"], agent)


def filters(state: ServerState, request: Request) -> Response:
    """GET /api/filters: the values the search filters accept, for pickers."""
    known = api.registries(state.config)
    return json_response({
        "types": list(DOC_TYPES),
        "statuses": list(STATUSES),
        "tags": [{"id": tag, "description": description} for tag, description in sorted(known.tags.items())],
        "owners": [{"id": owner.id, "name": owner.name, "team": owner.team} for owner in sorted(known.owners.values(), key=lambda owner: owner.name.casefold())],
    })


def health(state: ServerState, request: Request) -> Response:
    """GET /api/health: up, which index, when the content folders were last checked."""
    checked = state.last_check
    return json_response({
        "status": "ok" if state.index_error is None else "degraded",
        "version": __version__,
        "uptime_seconds": round(time.time() - state.started, 1),
        "index": state.index_facts(),
        "last_check_seconds_ago": round(time.time() - checked, 1) if checked else None,
    })


def checked_id(text: str) -> str:
    """A document id matching the content model's id pattern, or a 400: nothing else reaches a lookup."""
    doc_id = canonical_id(text) if len(text) <= MAX_ID else None
    if doc_id is None:
        raise HttpError(400, f"not a document id: {text[:MAX_ID]!r}", hint="ids look like KB-0007 or SOP-0001")
    return doc_id


def _integer(text: str, default: int, low: int, high: int, name: str) -> int:
    if not text:
        return default
    if not text.isdigit() or not low <= int(text) <= high:
        raise HttpError(400, f"`{name}` must be a whole number from {low} to {high}")
    return int(text)


def _boolean(text: str, name: str) -> bool | None:
    if not text:
        return None
    if text not in ("0", "1", "true", "false"):
        raise HttpError(400, f"`{name}` must be 1 or 0")
    return text in ("1", "true")



