"""What the request log says about a request's body, beyond its method, path and credentials.

Conformance scenarios check the wire with these, never with the values themselves:
`content_type` (the body's media type), `fields` (the names of an urlencoded form's fields),
`files` (the file names of an upload's `files` parts, set by the upload route) and
`client_secret` (whether a registered app's client secret appears anywhere in the request:
URL, headers, HTTP Basic credentials or body; which lets a test prove the secret goes to the
token endpoint only).

`fields` and a secret in the body are seen as the route reads the body: a request answered by
an injected fault, which reads none, lists no fields.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
from collections.abc import Collection
from typing import Any
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.types import Message, Receive, Scope

# The key of the scope under which a request's log entry lives, for the routes to add to.
LOG_ENTRY = "rememberizer.testing.log_entry"
FORM = "application/x-www-form-urlencoded"
MAX_FORM = 64 * 1024  # the token endpoint's bound; a longer form's fields are not listed


def media_type(headers: dict[str, str]) -> str | None:
    """The media type of the request's body, lower case and without parameters."""
    value = headers.get("content-type", "").split(";")[0].strip().lower()
    return value or None


def secret_in_head(scope: Scope, headers: dict[str, str], secrets: Collection[str]) -> bool:
    """Whether a client secret is in the request's URL or headers (Basic decoded too)."""
    if not secrets:
        return False
    query = scope.get("query_string", b"").decode("latin-1")
    texts = [query, scope.get("path", ""), *headers.values()]
    scheme, _, encoded = headers.get("authorization", "").partition(" ")
    if scheme.lower() == "basic":
        with contextlib.suppress(binascii.Error, ValueError):
            texts.append(base64.b64decode(encoded, validate=True).decode("latin-1"))
    return any(secret in text for secret in secrets for text in texts)


def recording_receive(entry: dict[str, Any], receive: Receive, secrets: Collection[str]) -> Receive:
    """`receive`, noting in `entry` the form's field names and any client secret in the body.

    The secret is looked for across chunk boundaries (the tail of each chunk is kept), and
    only the form bodies (small by bound) are kept whole, so an upload costs no memory here.
    """
    keep = max((len(s) for s in secrets), default=1) - 1
    form = entry["content_type"] == FORM
    state = {"tail": b"", "body": b""}
    needles = [s.encode("latin-1", "replace") for s in secrets]

    async def wrapped() -> Message:
        message = await receive()
        if message["type"] != "http.request":
            return message
        chunk: bytes = message.get("body", b"")
        if needles:
            window = state["tail"] + chunk
            if any(needle in window for needle in needles):
                entry["client_secret"] = True
            state["tail"] = window[-keep:] if keep else b""
        if form and len(state["body"]) + len(chunk) <= MAX_FORM:
            state["body"] += chunk
            if not message.get("more_body", False):
                pairs = parse_qsl(state["body"].decode("latin-1"), keep_blank_values=True)
                entry["fields"] = sorted({name for name, _ in pairs})
        return message

    return wrapped


def note_files(request: Request, names: list[str]) -> None:
    """Log an upload's file names on its request's entry."""
    entry = request.scope.get(LOG_ENTRY)
    if entry is not None:
        entry["files"] = list(names)
