"""The pure steps of a facade call, shared by the sync and async clients.

Nothing here sends anything: checking arguments, the request's extensions, when to retry,
which error to raise, and parsing a body into the generated model.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, Protocol, Self, TypeVar

from rememberizer_api.operations import CREDENTIAL_HEADERS, REFRESH_COOKIE_SCHEME, OperationInfo

from ._errors import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    InvalidRequestError,
    SessionExpiredError,
    status_error,
)
from ._httpx import httpx2
from ._retry import RetryPolicy, retry_after_seconds
from ._validate import problem_with

logger = logging.getLogger("rememberizer")

# The keys of request.extensions that tell the auth flow and the log line about a request.
OPERATION = "rememberizer.operation"
ATTEMPT = "rememberizer.attempt"
REFRESH_TOKEN = "rememberizer.refresh_token"  # noqa: S105 (a key name, not a token)
# Set by the auth flow on a request it gave credentials; httpx2 copies it to redirects.
CREDENTIALED = "rememberizer.credentialed"
# Set by the auth flow of a copy acting for one user: the request carries no cookie of the
# pool's jar, and its answer's cookies stay out of it (the jar is shared by every user).
OWN_COOKIES = "rememberizer.own_cookies"
NOT_SIGNED_IN = (
    "not signed in: sign in first (client.auth.signin), or pass api_key= where a key works"
)


class Body(Protocol):
    """A generated request model."""

    def to_dict(self) -> dict[str, Any]: ...


class Model(Protocol):
    """A generated response model."""

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self: ...


M = TypeVar("M", bound=Model)


def check_text(min_length: int = 0, **values: object) -> None:
    """Refuse, before anything is sent (and before a captcha token is spent), an argument the
    spec would not accept. The message names the argument, never its value, and no exception
    that holds the value is chained to it."""
    for name, value in values.items():
        if not isinstance(value, str):
            raise InvalidRequestError(f"{name} must be a str, not {type(value).__name__}")
        if not _encodable(value):
            raise InvalidRequestError(f"{name} is not valid Unicode text")
        if len(value) < min_length:
            if min_length == 1:
                raise InvalidRequestError(f"{name} must not be empty")
            raise InvalidRequestError(f"{name} must be at least {min_length} characters")


def _encodable(value: str) -> bool:
    # The UnicodeEncodeError holds the whole value (a password): it must not become the
    # __context__ of the error raised, so the answer leaves the except block as a bool.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_email(email: object) -> None:
    """Refuse an email that is not text or has no local part and domain."""
    check_text(min_length=3, email=email)
    assert isinstance(email, str)
    local, at, domain = email.rpartition("@")
    if not at or not local or not domain or any(c.isspace() for c in email):
        raise InvalidRequestError("email is not an email address")


def extensions(op: OperationInfo, attempt: int, refresh_token: str | None) -> dict[str, Any]:
    """What the auth flow and the log line learn about a request."""
    found: dict[str, Any] = {OPERATION: op, ATTEMPT: attempt}
    if refresh_token is not None:
        # logout clears the local session before it calls the server, so the refresh token
        # it revokes travels with its request.
        found[REFRESH_TOKEN] = refresh_token
    return found


Outcome = httpx2.Response | httpx2.RequestError
"""What one attempt gave: the answer, or the error of a request that got none."""


def retry_wait(
    policy: RetryPolicy, op: OperationInfo, attempt: int, outcome: Outcome
) -> float | None:
    """Seconds to wait before the next attempt, or None to stop."""
    if isinstance(outcome, httpx2.Response):
        return policy.after_status(
            outcome.status_code, retry_after_seconds(outcome.headers), attempt, op.idempotent
        )
    return policy.after_exception(outcome, attempt, op.idempotent)


def _what(failure: Outcome) -> str:
    if isinstance(failure, httpx2.Response):
        return f"HTTP {failure.status_code}"
    kind = "timed out" if isinstance(failure, httpx2.TimeoutException) else "connection failed"
    return f"{kind} ({type(failure).__name__})"


def log_retry(op: OperationInfo, attempt: int, wait: float, failure: Outcome) -> None:
    """One INFO line per retry: what failed and how long the client waits (never a secret)."""
    logger.info("%s: %s; retry %d in %.2f s", op.operation_id, _what(failure), attempt + 1, wait)


def give_up(op: OperationInfo, failure: Outcome) -> APIConnectionError | APIStatusError:
    """The typed error for the last attempt's failure.

    The caller raises it outside any except block and unchained: an httpx2 error's request
    holds the body and headers sent (a password, a token), which a chain would keep reachable.
    An error keeps only a detached copy of its response (APIStatusError), for the same reason.
    """
    if isinstance(failure, httpx2.TransportError):
        logger.info("%s: %s; not retried", op.operation_id, _what(failure))
    if isinstance(failure, httpx2.TimeoutException):
        return APITimeoutError(f"{op.operation_id} timed out ({type(failure).__name__})")
    if isinstance(failure, httpx2.LocalProtocolError):
        # Its text quotes the header it refused, which may be the Authorization header.
        return APIConnectionError(
            f"{op.operation_id}: the request could not be sent ({type(failure).__name__})"
        )
    if isinstance(failure, httpx2.TransportError):
        return APIConnectionError(
            f"{op.operation_id}: cannot reach the API ({type(failure).__name__}: {failure})"
        )
    if isinstance(failure, httpx2.RequestError):
        # Not a network fault (an answer whose Content-Encoding does not decode, too many
        # redirects of a caller's http_client): typed, and not retried.
        return APIConnectionError(
            f"{op.operation_id}: the API's answer could not be read ({type(failure).__name__})"
        )
    sent = set(failure.request.headers.keys())
    refresh_only = op.security and all(REFRESH_COOKIE_SCHEME.name in names for names in op.security)
    cls = SessionExpiredError if refresh_only and failure.status_code == 401 else None
    error = status_error(failure, retry_after_seconds(failure.headers), cls=cls)
    if failure.status_code == 401 and cls is None and op.security and not CREDENTIAL_HEADERS & sent:
        # The client had no session or key to send: the server's "credentials were not
        # provided" does not say that the fix is on this side. An operation that takes none
        # (signin) was refused for what it sent: "sign in first" would mislead there.
        error.message += f" ({NOT_SIGNED_IN})"
        error.args = (error.message,)
    return error


def parse(op: OperationInfo, model: type[M], response: httpx2.Response) -> M:
    """The body as `model`, checked against the spec's types first.

    A success with no body reads as `{}`: it is a success when `model` requires nothing (as
    memorize's 201 does not), and an APIResponseValidationError naming the missing field
    otherwise.
    """
    # Each failure leaves its except block as a string, so that no exception holding the body
    # (which may hold tokens) is chained to the error raised.
    problem: str | None
    try:
        data = response.json() if response.content.strip() else {}
    except ValueError:
        problem = "not JSON"
    else:
        try:
            parsed = model.from_dict(data) if isinstance(data, Mapping) else None
        except KeyError as exc:
            problem = f"{model.__name__} lacks {exc.args[0]!r}" if exc.args else "KeyError"
        except (TypeError, ValueError, AttributeError) as exc:
            problem = f"{type(exc).__name__} building {model.__name__}"
        else:
            problem = "not an object" if parsed is None else problem_with(parsed)
            if problem is None and parsed is not None:
                return parsed
    raise APIResponseValidationError.of(
        response, f"{op.operation_id} answered a body the spec does not allow ({problem})"
    )
