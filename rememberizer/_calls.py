"""How one facade call runs: the generated function, retries, captchas, typed results.

Each facade method is written once, as a plan: a generator that yields commands (ask the
captcha provider, invoke a generated function, sleep, refresh) and returns the result. The sync
and async clients differ only in how they carry out those commands (`run_sync`, `run_async`),
so the logic is shared rather than copied, the way httpx shares its auth flows.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from ._auth import SessionAuth, _Refresh
from ._captcha import AsyncCaptchaProvider, aresolve, resolve
from ._errors import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    InvalidRequestError,
    RememberizerError,
    SessionExpiredError,
    status_error,
)
from ._hooks import ATTEMPT, LAST_RESPONSE
from ._httpx import httpx
from ._operations import REFRESH, Operation
from ._retry import RetryPolicy, retry_after_seconds
from ._session import Session, session_from_response

if TYPE_CHECKING:
    from rememberizer_api.client import AuthenticatedClient

T = TypeVar("T")


# Commands and outcomes are NamedTuples: they are made on every call, and a tuple is the
# cheapest object Python makes.


class NeedCaptcha(NamedTuple):
    """Ask the captcha provider for a token for `action`."""

    action: str


class Invoke(NamedTuple):
    """Call the generated function of `op` with `kwargs`."""

    op: Operation
    kwargs: dict[str, Any]
    attempt: int = 0


class Sleep(NamedTuple):
    """Wait before the next attempt."""

    seconds: float


class ForceRefresh(NamedTuple):
    """Refresh the session now (single-flight); `stale` is the session to replace."""

    stale: Session | None


Command = NeedCaptcha | Invoke | Sleep | ForceRefresh
Plan = Generator[Command, Any, T]


class Outcome(NamedTuple):
    """What one attempt gave: a response (parsed, or not parseable), or a failure to get one."""

    response: httpx.Response | None
    parsed: Any = None
    error: Exception | None = None


def call(
    op: Operation, policy: RetryPolicy, make_kwargs: Callable[[str | None], dict[str, Any]]
) -> Plan[tuple[Any, httpx.Response]]:
    """Run `op` with retries; return its parsed body and response, or raise a typed error.

    A captcha is asked for on every attempt, because a token works only once.
    """
    attempt = 0
    while True:
        captcha = (yield NeedCaptcha(op.captcha_action)) if op.captcha_action else None
        outcome: Outcome = yield Invoke(op, make_kwargs(captcha), attempt)
        wait = _retry_wait(op, policy, outcome, attempt)
        if wait is None:
            return result(op, outcome)
        yield Sleep(wait)
        attempt += 1


def _retry_wait(op: Operation, policy: RetryPolicy, outcome: Outcome, attempt: int) -> float | None:
    response = outcome.response
    if response is None:
        if outcome.error is None:
            return None
        return policy.after_exception(outcome.error, attempt, op.idempotent)
    if response.status_code == op.success:
        return None
    return policy.after_status(
        response.status_code, retry_after_seconds(response.headers), attempt, op.idempotent
    )


def result(op: Operation, outcome: Outcome) -> tuple[Any, httpx.Response]:
    """The parsed body and response of a final outcome, or the typed error for it."""
    response, error = outcome.response, outcome.error
    if response is None:
        if isinstance(error, httpx.TimeoutException):
            raise APITimeoutError(
                f"{op.operation_id} timed out ({type(error).__name__})"
            ) from error
        if isinstance(error, ValueError | TypeError):
            raise InvalidRequestError(
                f"{op.operation_id}: the request could not be encoded ({type(error).__name__})"
            ) from error
        raise APIConnectionError(
            f"{op.operation_id}: cannot reach the API ({type(error).__name__}: {error})"
        ) from error
    if response.status_code != op.success:
        raise status_error(response, retry_after_seconds(response.headers))
    if error is not None:
        raise APIResponseValidationError.of(
            response,
            f"{op.operation_id} answered a body the spec does not allow ({type(error).__name__})",
        ) from error
    return outcome.parsed, response


def refreshed_session(outcome: Outcome) -> Session:
    """The new session from a refresh outcome; SessionExpiredError when it was refused."""
    if outcome.response is not None and outcome.response.status_code == 401:
        error = status_error(outcome.response, cls=SessionExpiredError)
        raise error
    _, response = result(REFRESH, outcome)
    return require_session(response, "refresh")


def require_session(response: httpx.Response, operation: str) -> Session:
    """The session a response's cookies start; APIResponseValidationError when they are missing."""
    session = session_from_response(response)
    if session is None:
        raise APIResponseValidationError.of(
            response, f"{operation} answered without the session cookies; the session is unchanged"
        )
    return session


# -- carrying out commands ----------------------------------------------------------------------


def _failed(exc: Exception) -> Outcome:
    if isinstance(exc, httpx.HTTPError):
        return Outcome(None, error=exc)
    # The generated parser met a body the spec does not allow (or the body would not encode).
    return Outcome(LAST_RESPONSE.get(), error=exc)


def invoke_sync(raw: AuthenticatedClient, command: Invoke) -> Outcome:
    """One attempt of a generated sync call."""
    token = ATTEMPT.set(command.attempt) if command.attempt else None
    LAST_RESPONSE.set(None)
    try:
        detailed = command.op.module.sync_detailed(client=raw, **command.kwargs)
    except RememberizerError:
        raise
    except Exception as exc:
        return _failed(exc)
    finally:
        if token is not None:
            ATTEMPT.reset(token)
    return Outcome(LAST_RESPONSE.get(), parsed=detailed.parsed)


async def invoke_async(raw: AuthenticatedClient, command: Invoke) -> Outcome:
    """One attempt of a generated async call."""
    token = ATTEMPT.set(command.attempt) if command.attempt else None
    LAST_RESPONSE.set(None)
    try:
        detailed = await command.op.module.asyncio_detailed(client=raw, **command.kwargs)
    except RememberizerError:
        raise
    except Exception as exc:
        return _failed(exc)
    finally:
        if token is not None:
            ATTEMPT.reset(token)
    return Outcome(LAST_RESPONSE.get(), parsed=detailed.parsed)


def run_sync(
    plan: Plan[T], raw: AuthenticatedClient, auth: SessionAuth, captcha: AsyncCaptchaProvider | None
) -> T:
    """Carry out a plan with blocking calls."""
    value: Any = None
    error: BaseException | None = None
    while True:
        try:
            command = plan.throw(error) if error is not None else plan.send(value)
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]
        value, error = None, None
        try:
            if isinstance(command, Invoke):
                value = invoke_sync(raw, command)
            elif isinstance(command, NeedCaptcha):
                value = resolve(captcha, command.action)
            elif isinstance(command, Sleep):
                time.sleep(command.seconds)
            elif command.stale is None:
                assert auth.sync_refresher is not None
                value = auth.sync_refresher()
            else:
                value = auth.refresh_sync(_Refresh(command.stale))
        except BaseException as exc:  # handed to the plan, so that its cleanup runs
            error = exc


async def run_async(
    plan: Plan[T], raw: AuthenticatedClient, auth: SessionAuth, captcha: AsyncCaptchaProvider | None
) -> T:
    """Carry out a plan with awaited calls."""
    value: Any = None
    error: BaseException | None = None
    while True:
        try:
            command = plan.throw(error) if error is not None else plan.send(value)
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]
        value, error = None, None
        try:
            if isinstance(command, Invoke):
                value = await invoke_async(raw, command)
            elif isinstance(command, NeedCaptcha):
                value = await aresolve(captcha, command.action)
            elif isinstance(command, Sleep):
                import asyncio  # only the async client needs it

                await asyncio.sleep(command.seconds)
            elif command.stale is None:
                assert auth.async_refresher is not None
                value = await auth.async_refresher()
            else:
                value = await auth.refresh_async(_Refresh(command.stale))
        except BaseException as exc:  # handed to the plan, so that its cleanup runs
            error = exc
