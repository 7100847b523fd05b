"""The exception hierarchy: every failure the facade raises is a RememberizerError.

No message, repr or str() here ever holds a password, token, cookie, captcha or verification
code: messages are built from the status and the server's `detail` or field names only.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from rememberizer_api.operations import CREDENTIAL_HEADERS

from ._httpx import httpx2

REQUEST_ID_HEADER = "x-request-id"
"""The response header that names a request, for support and logs. Inferred: the audit
(spec-audit.md) has no source for the API's name for it; `x-request-id` is the common one, and
the fake server sends it."""


def request_id_of(response: httpx2.Response | None) -> str | None:
    """The id the server gave a response (REQUEST_ID_HEADER), or None."""
    return None if response is None else response.headers.get(REQUEST_ID_HEADER)


__all__ = [
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "CaptchaError",
    "CaptchaProviderError",
    "CaptchaRequiredError",
    "InternalServerError",
    "InvalidRequestError",
    "NotFoundError",
    "OAuthAccessDenied",
    "OAuthError",
    "OAuthStateError",
    "OAuthTokenError",
    "PermissionDeniedError",
    "RateLimitError",
    "RememberizerError",
    "SessionConflictError",
    "SessionExpiredError",
    "SessionStoreError",
]


class RememberizerError(Exception):
    """The root of every error this SDK raises."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"


class InvalidRequestError(RememberizerError, ValueError):
    """An argument cannot be sent (wrong type, or not encodable); nothing was sent."""


class CaptchaRequiredError(RememberizerError):
    """signup or signin needs a captcha and the client has no `captcha=` provider.

    Raised before anything is sent.
    """


class APIConnectionError(RememberizerError):
    """The API could not be reached, or the connection broke before a full answer."""


class APITimeoutError(APIConnectionError):
    """The request timed out (connecting, or waiting for the answer)."""


class APIStatusError(RememberizerError):
    """The API answered with an error status.

    Attributes:
        status_code: the HTTP status.
        body: the parsed JSON body, or the text when it is not JSON (an HTML 502 page, say).
        response: the httpx2 response, when there is one.
        retry_after: the server's Retry-After, in seconds, when it sent one.
        request_id: the id the server gave the request (its `x-request-id` header), to quote
            to support or find in logs; None when it sent none.
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        body: Any = None,
        response: httpx2.Response | None = None,
        retry_after: float | None = None,
        request_id: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.body = body
        self.response = None if response is None else detached(response)
        self.retry_after = retry_after
        self.request_id = request_id or request_id_of(response)

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status_code={self.status_code}, message={self.message!r}, "
            f"request_id={self.request_id!r})"
        )


class APIResponseValidationError(APIStatusError):
    """The API answered with a success status but a body or headers the spec does not allow."""

    @classmethod
    def of(cls, response: httpx2.Response, problem: str) -> APIResponseValidationError:
        """The error for `response`, whose `problem` is said in words."""
        return cls(
            f"HTTP {response.status_code}: {problem}",
            status_code=response.status_code,
            body=parse_body(response),
            response=response,
        )


class BadRequestError(APIStatusError):
    """400: the request was invalid. `field_errors` maps each field to its messages."""

    @property
    def field_errors(self) -> dict[str, list[str]]:
        """The DRF-style field errors, `non_field_errors` included; empty when there are none."""
        if not isinstance(self.body, Mapping):
            return {}
        return {
            str(name): [str(m) for m in messages]
            for name, messages in self.body.items()
            if isinstance(messages, list)
        }


class CaptchaProviderError(RememberizerError):
    """The captcha provider failed, or gave no token; nothing was sent."""


class CaptchaError(BadRequestError):
    """400: the server rejected the captcha token (invalid, expired, reused or for another
    action). `field_errors["captcha"]` holds its messages."""


class AuthenticationError(APIStatusError):
    """401: the credentials are missing, wrong or no longer valid."""


class SessionExpiredError(AuthenticationError):
    """The session is over: the refresh token was refused. The local session has been cleared."""


class SessionStoreError(RememberizerError):
    """The session store could not be read or written (or its lock could not be taken).

    The message names the store (a file's path) and the operating system's error, never a
    token. When a refresh's new session cannot be saved, the client keeps it in memory and logs
    this error; signin and signout raise it.
    """


class OAuthError(RememberizerError):
    """A Rememberizer app's sign-in (OAuth2 authorization code) failed."""


class OAuthStateError(OAuthError):
    """The callback's `state` is not the one this sign-in started with (a forged or mixed-up
    callback). Raised before anything is sent."""


class OAuthAccessDenied(OAuthError):
    """The callback carries `error=`: the user said no, or the authorization was refused.

    Attributes:
        error: the RFC 6749 error code (`access_denied`, `invalid_scope`, ...).
        description: the server's `error_description`, when it sent one.
    """

    def __init__(self, error: str, description: str | None = None) -> None:
        super().__init__(
            f"the authorization was refused: {error}" + (f" ({description})" if description else "")
        )
        self.error = error
        self.description = description


class OAuthTokenError(OAuthError, APIStatusError):
    """The token endpoint refused a code exchange (`error` is the RFC 6749 code:
    `invalid_grant` for a used, expired or mismatched code, `invalid_client`, ...).

    `response` is always None: its request carried the client secret."""

    @property
    def error(self) -> str | None:
        """The RFC 6749 error code the server sent."""
        body = self.body
        return str(body["error"]) if isinstance(body, Mapping) and "error" in body else None


class SessionConflictError(SessionStoreError):
    """A compare-and-set save was refused: another process or host stored a newer session
    (or signed out) meanwhile. The client adopts what the store has instead of its own."""


class PermissionDeniedError(APIStatusError):
    """403: the credentials are valid but do not allow this."""


class NotFoundError(APIStatusError):
    """404."""


class RateLimitError(APIStatusError):
    """429: too many requests. `retry_after` says how long to wait, when the server said."""


class InternalServerError(APIStatusError):
    """5xx: the server failed."""


# Headers that carry a credential, sent (a session, a key) or received (a new session).
SECRET_HEADERS = CREDENTIAL_HEADERS | {"proxy-authorization", "set-cookie"}
# Framing of the body as it came off the wire; a detached response holds it decoded.
_WIRE_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})


def scrubbed(request: httpx2.Request) -> httpx2.Request:
    """`request` without its body and credential headers, for an error to keep."""
    headers = [(k, v) for k, v in request.headers.multi_items() if k.lower() not in SECRET_HEADERS]
    return httpx2.Request(request.method, request.url, headers=headers)


def detached(response: httpx2.Response) -> httpx2.Response:
    """A copy of `response` for an error to keep: its status, headers and body (as read so
    far), and nothing that holds a credential or a connection.

    The original holds the request as sent (a Bearer header, a password in the body), the
    responses of followed redirects with theirs (`history`), its stream and the connection
    under it, and Set-Cookie headers with a new session. The copy has a scrubbed request, no
    history, no Set-Cookie, and its body as bytes.
    """
    try:
        content = response.content
    except httpx2.ResponseNotRead:  # a response hook's, refused before its body was read
        content = b""
    drop = SECRET_HEADERS | _WIRE_HEADERS
    headers = [(k, v) for k, v in response.headers.multi_items() if k.lower() not in drop]
    try:
        request: httpx2.Request | None = scrubbed(response.request)
    except RuntimeError:  # a response built without a request
        request = None
    return httpx2.Response(response.status_code, headers=headers, content=content, request=request)


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    429: RateLimitError,
}


def parse_body(response: httpx2.Response) -> Any:
    """The body as JSON when it is JSON, else as text (never raises)."""
    try:
        return json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        return response.text if response.content else None


def _summary(body: Any, status_code: int, reason: str) -> str:
    if isinstance(body, Mapping):
        detail = body.get("detail")
        if isinstance(detail, str) and detail:
            return detail[:200]
        # `email: A user with this email address already exists.`: the server's own words say
        # what to fix. Only messages are shown, never the values that were sent.
        fields = sorted(
            (str(name), "; ".join(str(m)[:200] for m in value))
            for name, value in body.items()
            if isinstance(value, list) and value
        )
        if fields:
            return "; ".join(f"{name}: {messages}" for name, messages in fields[:5])
    if isinstance(body, str) and body.strip():
        return f"{reason} (non-JSON body, {len(body)} characters)"
    return reason


def status_error(
    response: httpx2.Response,
    retry_after: float | None = None,
    cls: type[APIStatusError] | None = None,
) -> APIStatusError:
    """The typed error for an error response."""
    status = response.status_code
    body = parse_body(response)
    message = f"HTTP {status}: {_summary(body, status, response.reason_phrase or 'error')}"
    if status == 429 and retry_after is not None:
        # The wait is what the reader of a 429 needs; `retry_after` holds it for code.
        message += f" (retry after {retry_after:g} seconds)"
    if status == 400 and cls is None and isinstance(body, Mapping) and "captcha" in body:
        return CaptchaError(message, status_code=status, body=body, response=response)
    if cls is None:
        cls = _BY_STATUS.get(status) or (InternalServerError if status >= 500 else APIStatusError)
    return cls(message, status_code=status, body=body, response=response, retry_after=retry_after)
