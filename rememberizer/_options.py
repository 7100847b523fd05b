"""Per-client request options: `client.with_options(...)` and `with_raw_response`.

`with_options` returns a copy of a client that shares its session, auth flow and connection
pool and differs only in these options, as openai-python's does. `with_raw_response` runs one
call on such a copy, which keeps the responses it received, and hands back the last one with
the parsed model.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any, Generic, TypeVar

import attrs

from ._config import resolve_timeout
from ._errors import InvalidRequestError
from ._httpx import httpx2
from ._retry import RetryPolicy

T = TypeVar("T")
C = TypeVar("C")


@attrs.frozen
class RequestOptions:
    """What `with_options` changes: sent with every request of the client that holds them."""

    extra_headers: Mapping[str, str] = attrs.field(factory=dict)
    extra_query: Mapping[str, str] = attrs.field(factory=dict)


def _strings(name: str, values: object) -> dict[str, str]:
    if not isinstance(values, Mapping):
        raise InvalidRequestError(f"{name} must be a mapping of str to str")
    checked: dict[str, str] = {}
    for key, value in values.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise InvalidRequestError(f"{name} must be a mapping of str to str")
        # A CR or LF would let a value start a header of its own.
        if any(c in key + value for c in "\r\n\0"):
            raise InvalidRequestError(f"{name}: {key!r} holds a line break")
        checked[key] = value
    return checked


def with_options(
    client: C,
    *,
    timeout: float | httpx2.Timeout | None = None,
    max_retries: int | None = None,
    extra_headers: Mapping[str, str] | None = None,
    extra_query: Mapping[str, str] | None = None,
) -> C:
    """A copy of `client` with these options; it shares the session, auth flow and pool."""
    clone = copy.copy(client)
    state: dict[str, Any] = vars(clone)
    # The copy never closes the pool it shares, and keeps no responses of its own yet.
    state["_owns_http"] = False
    state["_responses"] = None
    if timeout is not None:
        state["timeout"] = resolve_timeout(timeout)
    if max_retries is not None:
        if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
            raise InvalidRequestError("max_retries must be a whole number, 0 or more")
        state["_policy"] = RetryPolicy(max_retries)
    old: RequestOptions = state["_options"]
    state["_options"] = RequestOptions(
        {**old.extra_headers, **_strings("extra_headers", extra_headers or {})},
        {**old.extra_query, **_strings("extra_query", extra_query or {})},
    )
    # The namespaces (client.auth, client.documents, ...) call through the copy.
    for name, value in list(state.items()):
        if getattr(value, "_client", None) is client:
            state[name] = type(value)(clone)
    return clone


def apply(options: RequestOptions, timeout: httpx2.Timeout, kwargs: dict[str, Any]) -> None:
    """Add a client's options to the generated `_get_kwargs` of one request."""
    if options.extra_headers:
        kwargs["headers"] = {**kwargs.get("headers", {}), **options.extra_headers}
    if options.extra_query:
        kwargs["params"] = {**kwargs.get("params", {}), **options.extra_query}
    kwargs["timeout"] = timeout


@attrs.frozen
class RawResponse(Generic[T]):
    """A call's HTTP response and its parsed result (`client.x.with_raw_response.y(...)`).

    Attributes:
        status_code: the HTTP status.
        headers: the response headers.
        parsed: what the method returns without `with_raw_response`.
        http_response: the response itself.
    """

    http_response: httpx2.Response
    parsed: T

    @property
    def status_code(self) -> int:
        """The HTTP status."""
        return self.http_response.status_code

    @property
    def headers(self) -> httpx2.Headers:
        """The response headers."""
        return self.http_response.headers
