"""Request and response helpers shared by the fake server's route modules."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ._state import Rejected, State, Tokens

API_PREFIX = "/api/v1"
MAX_BODY = 64 * 1024
ACCESS_COOKIE, REFRESH_COOKIE = "access_token", "refresh_token"

logger = logging.getLogger("rememberizer.testing")

Handler = Callable[[Request], Awaitable[Response]]


class _Dropped(Exception):
    """Raised to cut a connection mid-response (the `drop` fault)."""


def _json(status: int, body: Any, retry_after: int | str | None = None) -> JSONResponse:
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else None
    return JSONResponse(body, status_code=status, headers=headers)


def _bad_request(message: str) -> Rejected:
    return Rejected(400, {"non_field_errors": [message]})


# The scope key under which the API's routes leave (contract, operation) for _json_body.
OPERATION = "rememberizer.operation"
QUERY_CHECKED = "rememberizer.query_checked"


def spec_errors(request: Request, body: Any) -> dict[str, list[str]]:
    """What `body` breaks of the spec's rules for the request's operation, by field."""
    found = request.scope.get(OPERATION)
    return {} if found is None else found[0].body_errors(found[1], body)


def check_query(request: Request) -> None:
    """Rejected(400) when the query breaks the spec's rules for the operation; checked once.

    Handlers ask for it (through query_value) after the credentials, as the API does: a
    request without them is a 401 whatever its query says.
    """
    found = request.scope.get(OPERATION)
    if found is None or request.scope.get(QUERY_CHECKED):
        return
    request.scope[QUERY_CHECKED] = True
    errors = found[0].query_errors(found[1], request.query_params)
    if errors:
        raise Rejected(400, errors)


def path_id(request: Request, name: str) -> int:
    """A numeric id of the path. The spec types it an integer, so its route takes digits only
    there (`{name:int}`): anything else is another path, or none (404)."""
    value: int = request.path_params[name]
    return value


def query_value(request: Request, name: str) -> Any:
    """A query parameter as the spec types it (checked first), or the spec's default."""
    check_query(request)
    spec, operation = request.scope[OPERATION]
    return spec.query_value(operation, request.query_params, name)


async def _json_body(request: Request, *, check: bool = True) -> dict[str, Any]:
    """The request's JSON object, or Rejected(400 or 413) that says what is wrong with it.

    With `check`, a body that breaks the spec's rules for the operation is a 400 too; the
    handler that must add its own errors to those (a captcha's) passes False and asks
    spec_errors itself.
    """
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/json":
        raise _bad_request("Unsupported content type: send application/json.")
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_BODY:
        raise Rejected(413, {"detail": "Request body too large.", "code": "too_large"})
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise Rejected(413, {"detail": "Request body too large.", "code": "too_large"})
        chunks.append(chunk)
    try:
        body = json.loads(b"".join(chunks))
    except (ValueError, UnicodeDecodeError):
        raise _bad_request("Malformed JSON.") from None
    except RecursionError:
        # A few thousand nested brackets fit under MAX_BODY and exhaust the parser's stack.
        raise _bad_request("The JSON is nested too deeply.") from None
    if not isinstance(body, dict):
        raise _bad_request("Expected a JSON object.")
    errors = spec_errors(request, body) if check else {}
    if errors:
        raise Rejected(400, errors)
    return body


def _set_session_cookies(response: Response, state: State, tokens: Tokens) -> None:
    options = state.options
    for name, value, max_age in (
        (ACCESS_COOKIE, tokens.access, options.access_ttl),
        (REFRESH_COOKIE, tokens.refresh, options.refresh_ttl),
    ):
        response.set_cookie(
            name,
            value,
            max_age=int(max_age),
            path="/",
            secure=options.secure_cookies,
            httponly=True,
            samesite="lax",
        )


def _access_token(request: Request) -> str | None:
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    return request.cookies.get(ACCESS_COOKIE)


def _state(request: Request) -> State:
    state: State = request.app.state.fake
    return state


def another_sites(request: Request) -> bool:
    """Whether another site's page made the browser send `request`: its Origin is not this
    server's, or Sec-Fetch-Site says cross-site or same-site. A client that is not a browser
    sends neither header."""
    origin = request.headers.get("origin")
    own = f"{request.url.scheme}://{request.headers.get('host', '')}"
    site = request.headers.get("sec-fetch-site", "same-origin")
    return (origin is not None and origin != own) or site not in ("same-origin", "none")
