"""Request options: `client.with_options(...)`, per-call options, and `with_raw_response`.

`with_options` returns a copy of a client that shares its session, auth flow and connection
pool and differs only in these options, as openai-python's does. Every API method also takes
`timeout=`, `extra_headers=` and `extra_query=` for its own requests only (`CallOptions`);
`_call` lays them over the client's. `with_raw_response` runs one call on a copy, which keeps
the responses it received, and hands back the last one with the parsed model.

Credential headers (Authorization, Cookie, x-api-key) come from the client's session or key
alone: naming one in `extra_headers` is refused, so no option can replace or forge them. The
headers that route or frame a request (Host, Content-Length, Transfer-Encoding and the
hop-by-hop ones) are the HTTP client's: an option naming one is refused too, and `extra_query`
may not name a parameter the method itself sends (a pager's `page`, a search's `n`).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from typing import Any, Generic, TypedDict, TypeVar

import attrs
from rememberizer_api.operations import CREDENTIAL_HEADERS

from ._config import resolve_timeout
from ._errors import InvalidRequestError, request_id_of
from ._httpx import httpx2
from ._retry import RetryPolicy

T = TypeVar("T")
C = TypeVar("C")


_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
# What httpx2 sets to route and frame a request: a Host of another site would carry the session
# to whatever a shared front end routes it to, and a second framing header (Transfer-Encoding
# beside httpx2's Content-Length) makes a request that proxies split differently.
TRANSPORT_HEADERS = frozenset(
    {"host", "content-length", "transfer-encoding", "connection", "keep-alive"}
    | {"proxy-connection", "te", "trailer", "upgrade"}
)
# RFC 9110 field-value: visible ASCII, with spaces or tabs only between visible characters;
# h11 refuses anything else at send time, quoting the value in its error.
_VALUE = re.compile(r"(?:[\x21-\x7e](?:[\t\x20-\x7e]*[\x21-\x7e])?)?")


class CallOptions(TypedDict, total=False):
    """The options every API method takes as keywords, for that call's requests only.

    Each one is laid over the client's (`with_options`); a value given here wins, and None
    means the client's.

    Attributes:
        timeout: seconds, or an httpx2.Timeout, for each attempt of the call.
        extra_headers: headers added to each request (not a credential header of the spec's
            security schemes: Authorization, Cookie, x-api-key, public-ck-id).
        extra_query: query parameters added to each request.
    """

    timeout: float | httpx2.Timeout | None
    extra_headers: Mapping[str, str] | None
    extra_query: Mapping[str, str] | None


@attrs.frozen
class RequestOptions:
    """Options sent with every request of the client that holds them (`with_options`), or of
    one call (`CallOptions`, `timeout` None meaning the client's)."""

    extra_headers: Mapping[str, str] = attrs.field(factory=dict)
    extra_query: Mapping[str, str] = attrs.field(factory=dict)
    timeout: httpx2.Timeout | None = None


NO_OPTIONS = RequestOptions()
_NAMES = ("extra_headers", "extra_query", "timeout")


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


def _headers(values: object) -> dict[str, str]:
    checked = _strings("extra_headers", values)
    for key, value in checked.items():
        # What HTTP allows (a token name, an ASCII value): else httpx2 or h11 would fail at
        # send time with an untyped error, or the attempt would be retried as a network fault.
        if not _TOKEN.fullmatch(key) or not _VALUE.fullmatch(value):
            raise InvalidRequestError(
                f"extra_headers: {key!r} is not an HTTP header name with a visible ASCII value "
                "(no control character, no space at either end)"
            )
        if key.lower() in CREDENTIAL_HEADERS:
            raise InvalidRequestError(
                f"extra_headers: {key!r} is a credential header; the client's session or key "
                "sets it"
            )
        if key.lower() in TRANSPORT_HEADERS:
            raise InvalidRequestError(
                f"extra_headers: {key!r} routes or frames the request; the HTTP client sets it"
            )
    return checked


def _layered(under: Mapping[str, str], over: Mapping[str, str]) -> httpx2.Headers:
    """`over` laid on `under`, one value per name whatever its case, as httpx2 merges them."""
    headers = httpx2.Headers(under)
    headers.update(over)
    return headers


def checked(options: Mapping[str, object]) -> RequestOptions:
    """One call's options, validated: InvalidRequestError for a bad value, TypeError for an
    unknown name, before anything is sent."""
    if not options:
        return NO_OPTIONS
    unknown = options.keys() - CallOptions.__optional_keys__
    if unknown:
        raise TypeError(f"unexpected keyword argument {sorted(unknown)[0]!r}")
    headers, query, timeout = (options.get(name) for name in _NAMES)
    return RequestOptions(
        _headers({} if headers is None else headers),
        _strings("extra_query", {} if query is None else query),
        None if timeout is None else resolve_timeout(timeout),
    )


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
    given = RequestOptions(
        _headers(extra_headers or {}), _strings("extra_query", extra_query or {})
    )
    state["_options"] = merged(state["_options"], given)
    # The namespaces (client.auth, client.documents, ...) call through the copy.
    for name, value in list(state.items()):
        if getattr(value, "_client", None) is client:
            state[name] = type(value)(clone)
    return clone


def merged(client: RequestOptions, call: RequestOptions) -> RequestOptions:
    """One call's options laid over its client's: the call's value wins."""
    if call is NO_OPTIONS:
        return client
    return RequestOptions(
        _layered(client.extra_headers, call.extra_headers),
        {**client.extra_query, **call.extra_query},
        call.timeout or client.timeout,
    )


def apply(options: RequestOptions, timeout: httpx2.Timeout, kwargs: dict[str, Any]) -> None:
    """Add a call's options (already `merged`) to the generated `_get_kwargs` of one request;
    `timeout` is the client's, for a call that names none."""
    if options.extra_headers:
        kwargs["headers"] = _layered(kwargs.get("headers", {}), options.extra_headers)
    if options.extra_query:
        params = kwargs.get("params", {})
        taken = sorted(params.keys() & options.extra_query.keys())
        if taken:
            # Replacing one would skip the method's checks, or pin a pager to one page forever.
            raise InvalidRequestError(
                f"extra_query: {taken[0]!r} is a parameter of this method; pass it as one"
            )
        kwargs["params"] = {**params, **options.extra_query}
    kwargs["timeout"] = options.timeout or timeout


@attrs.frozen
class RawResponse(Generic[T]):
    """A call's HTTP response and its parsed result (`client.x.with_raw_response.y(...)`).

    Attributes:
        status_code: the HTTP status.
        headers: the response headers.
        parsed: what the method returns without `with_raw_response`.
        http_response: the response itself.
        request_id: the id the server gave the request (`x-request-id`), or None.
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

    @property
    def request_id(self) -> str | None:
        """The id the server gave the request (its `x-request-id` header), or None."""
        return request_id_of(self.http_response)
