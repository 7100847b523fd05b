"""The one function every operation of AsyncRememberizer calls, and its small helpers.

This module is a single source: scripts/unasync writes rememberizer/_sync/_call.py from it.
`_call` is straight-line: build the request with the generated `_get_kwargs`, send it, retry
as the operation table and RetryPolicy say, and return the response of the first success.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, TypeVar

from rememberizer_api import operations as ops

from .._captcha import aresolve
from .._errors import APIResponseValidationError
from .._httpx import httpx
from .._operations import endpoint
from .._pipeline import Body, Model, extensions, give_up, parse, retry_wait
from .._session import Session, session_from_response

if TYPE_CHECKING:
    from .._client import AsyncRememberizer

M = TypeVar("M", bound=Model)


async def _call(
    client: AsyncRememberizer,
    op: ops.OperationInfo,
    params: Mapping[str, object] | None = None,
    *,
    body: Callable[[str | None], Body] | None = None,
    refresh_token: str | None = None,
) -> httpx.Response:
    """Send `op` with retries until it succeeds; its response, or the typed error.

    `params` are the generated function's path and query arguments. `body` makes the request
    body from a captcha token, asked for afresh on every attempt because a token works only
    once.
    """
    http = client._live_http()
    attempt = 0
    while True:
        captcha = await aresolve(client._captcha, op.captcha_action) if op.captcha_action else None
        module = endpoint(op)
        arguments = dict(params or {})
        if body is not None:
            arguments["body"] = body(captcha)
        kwargs = module._get_kwargs(**arguments)
        kwargs["url"] = client._url(kwargs["url"])
        try:
            response = await http.request(
                **kwargs, extensions=extensions(op, attempt, refresh_token)
            )
        except httpx.TransportError as exc:
            wait = retry_wait(client._policy, op, attempt, error=exc)
            if wait is None:
                raise give_up(op, exc) from exc
        else:
            if response.status_code in op.success:
                return response
            wait = retry_wait(client._policy, op, attempt, response=response)
            if wait is None:
                raise give_up(op, response)
        await asyncio.sleep(wait)
        attempt += 1


async def _get(
    client: AsyncRememberizer,
    op: ops.OperationInfo,
    model: type[M],
    params: Mapping[str, object] | None = None,
) -> M:
    """Call an operation without a body and parse its answer into `model`."""
    return parse(op, model, await _call(client, op, params))


async def refresh_session(client: AsyncRememberizer) -> Session:
    """Send one refresh and return the session it starts (SessionAuth single-flights it)."""
    response = await _call(client, ops.REFRESH)
    session = session_from_response(response)
    if session is None:
        raise APIResponseValidationError.of(
            response, "refresh answered without the session cookies; the session is unchanged"
        )
    return session
