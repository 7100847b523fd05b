"""The one function every operation of AsyncRememberizer calls, and its small helpers.

Written once, in rememberizer/_async/; scripts/unasync writes rememberizer/_sync/_call.py from it.
`_call` is straight-line: build the request with the generated `_get_kwargs`, send it, retry
as the operation table and RetryPolicy say, and return the response of the first success.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Generic, ParamSpec, TypeVar

from rememberizer_api import operations as ops

from .._concurrency import asleep
from .._errors import APIResponseValidationError, InvalidRequestError
from .._httpx import httpx2
from .._operations import endpoint
from .._options import CallOptions, RawResponse, apply, checked, merged
from .._pipeline import (
    Body,
    Model,
    Outcome,
    extensions,
    give_up,
    log_retry,
    parse,
    retry_wait,
)
from .._session import OAuthSession, Session, session_from_response
from ._captcha import aresolve

if TYPE_CHECKING:
    from collections.abc import Awaitable

    from .._captcha import AsyncCaptchaProvider
    from .._client import _BaseClient
    from ._client import AsyncRememberizer
    from ._oauth import AsyncOAuthApp

    AsyncClientBase = _BaseClient[httpx2.AsyncClient, AsyncCaptchaProvider]

M = TypeVar("M", bound=Model)


async def _call(
    client: AsyncClientBase,
    op: ops.OperationInfo,
    params: Mapping[str, object] | None = None,
    *,
    body: Callable[[str | None], Body] | None = None,
    refresh_token: str | None = None,
    options: CallOptions | None = None,
) -> httpx2.Response:
    """Send `op` with retries until it succeeds; its response, or the typed error.

    `params` are the generated function's path and query arguments. `body` makes the request
    body from a captcha token, asked for afresh on every attempt because a token works only
    once. `options` are the method's per-call options, checked before anything is sent and
    laid over the client's on every attempt.
    """
    http = client._live_http()
    call = merged(client._options, checked(options or {}))
    attempt = 0
    while True:
        captcha = await aresolve(client._captcha, op.captcha_action) if op.captcha_action else None
        module = endpoint(op)
        arguments = dict(params or {})
        if body is not None:
            arguments["body"] = body(captcha)
        kwargs = module._get_kwargs(**arguments)
        if "files" in kwargs:
            # The generated code fixes the boundary at "+++", which a file's bytes may hold;
            # without the header httpx2 picks a random one (and still streams each file).
            kwargs["headers"].pop("Content-Type", None)
        apply(call, client.timeout, kwargs)
        kwargs["url"] = client._url(kwargs["url"])
        outcome: Outcome
        try:
            # The client's own auth flow, not the pool's: copies acting for other users
            # (`with_options(session=...)`) share the pool, never each other's session.
            outcome = await http.request(
                **kwargs, auth=client._auth, extensions=extensions(op, attempt, refresh_token)
            )
        except httpx2.RequestError as exc:
            outcome = exc
        # Decided here, outside the handler, so that no error raised chains the httpx2 one.
        if isinstance(outcome, httpx2.Response):
            if client._responses is not None:
                client._responses.append(outcome)  # a with_raw_response copy keeps them
            if outcome.is_success:
                # Any 2xx, not only the statuses the spec lists: the record shows memorize
                # answering 201 and 200, and a server may move between them.
                return outcome
        wait = retry_wait(client._policy, op, attempt, outcome)
        if wait is None:
            raise give_up(op, outcome)
        log_retry(op, attempt, wait, outcome)
        await asleep(wait)
        attempt += 1


async def _get(
    client: AsyncClientBase,
    op: ops.OperationInfo,
    model: type[M],
    params: Mapping[str, object] | None = None,
    options: CallOptions | None = None,
) -> M:
    """Call an operation without a body and parse its answer into `model`."""
    return parse(op, model, await _call(client, op, params, options=options))


async def refresh_session(client: AsyncRememberizer, options: CallOptions | None = None) -> Session:
    """Send one refresh and return the session it starts: the client's refresher, which
    AsyncSessionAuth single-flights.

    The one place the session's kind picks the refresh: a Rememberizer app's session goes to
    its token endpoint (the app's request, without per-call options), a cookie session to the
    refresh operation.
    """
    current = client._sessions.current
    if isinstance(current, OAuthSession):
        app: AsyncOAuthApp = client._oauth_of(current)
        return await app.refresh(current, client._live_http())
    response = await _call(client, ops.REFRESH, options=options)
    session = session_from_response(response, client._sessions.origin)
    if session is None:
        raise APIResponseValidationError.of(
            response, "refresh answered without the session cookies; the session is unchanged"
        )
    return session


ClientT = TypeVar("ClientT", bound="AsyncClientBase")
P = ParamSpec("P")
T = TypeVar("T")
RawT = TypeVar("RawT")


class AsyncResource(Generic[ClientT]):
    """What every namespace has: its client, and `with_raw_response` (declared by each
    namespace as a `WithRawResponse` of its own `...WithRawResponse` class)."""

    def __init__(self, client: ClientT) -> None:
        self._client = client


class WithRawResponse(Generic[RawT]):
    """`namespace.with_raw_response`: the namespace's methods, each returning a RawResponse
    with the status, the headers and the parsed model.

    ```python
    raw = await client.account.with_raw_response.get()
    raw.status_code, raw.parsed.email
    ```
    """

    def __init__(self, wrap: Callable[[Any], RawT]) -> None:
        self._wrap = wrap

    def __get__(self, resource: object, owner: type | None = None) -> RawT:
        return self._wrap(resource)


def to_raw_response(method: Callable[P, Awaitable[T]]) -> Callable[P, Awaitable[RawResponse[T]]]:
    """A namespace's bound `method`, returning a RawResponse of what it returns: the same
    parameters and the same model, as mypy sees them."""
    bound: Any = method
    resource: AsyncResource[Any] = bound.__self__
    name: str = bound.__name__

    async def call(*args: P.args, **kwargs: P.kwargs) -> RawResponse[T]:
        # One copy of the client per call keeps this call's responses apart from any other
        # call running at the same time.
        clone = resource._client.with_options()
        clone._responses = []
        parsed: T = await getattr(type(resource)(clone), name)(*args, **kwargs)
        if not clone._responses:
            # Done without a request (signing out an app's session is local only).
            raise InvalidRequestError(f"{name} sent no request this time: no raw response")
        return RawResponse(clone._responses[-1], parsed)

    return call


def no_raw_response(name: str, why: str) -> AttributeError:
    """The error for a method that has no raw response, saying `why`."""
    return AttributeError(f"{name} has no raw response: {why}")
