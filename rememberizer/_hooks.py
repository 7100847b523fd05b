"""httpx event hooks: the request log line, the last response, and the cross-host guard."""

from __future__ import annotations

import time
from contextvars import ContextVar

from ._errors import APIStatusError
from ._httpx import httpx
from ._logging import logger

# Which attempt of a retried call is in flight, for the log line.
ATTEMPT: ContextVar[int] = ContextVar("rememberizer_attempt", default=0)
# The newest response seen in this thread or task. The generated code parses bodies inside
# its own call, so when a body is not the JSON the spec promises (an HTML 502 page), this is
# how the facade still gets the status and text for a typed error.
LAST_RESPONSE: ContextVar[httpx.Response | None] = ContextVar(
    "rememberizer_last_response", default=None
)
_STARTED = "rememberizer_started"


def same_origin(url: httpx.URL, origin: httpx.URL) -> bool:
    """True when url has the scheme, host and port of origin."""
    return (url.scheme, url.host, url.port) == (origin.scheme, origin.host, origin.port)


class Hooks:
    """Event hooks bound to one API origin."""

    def __init__(self, origin: httpx.URL) -> None:
        self.origin = origin

    def on_request(self, request: httpx.Request) -> None:
        """Note the start time."""
        request.extensions[_STARTED] = time.perf_counter()

    def on_response(self, response: httpx.Response) -> None:
        """Log the request, remember the response, and refuse redirects to another host."""
        LAST_RESPONSE.set(response)
        request = response.request
        if logger.isEnabledFor(10):
            started = request.extensions.get(_STARTED)
            elapsed = (time.perf_counter() - started) * 1000 if started is not None else 0.0
            logger.debug(
                "%s %s -> %s in %.1f ms (retry %d)",
                request.method,
                request.url.path,
                response.status_code,
                elapsed,
                ATTEMPT.get(),
            )
        if response.is_redirect:
            target = request.url.join(response.headers.get("location", ""))
            if not same_origin(target, self.origin):
                raise APIStatusError(
                    f"HTTP {response.status_code}: refused a redirect to another host "
                    f"({target.host}); credentials stay with {self.origin.host}",
                    status_code=response.status_code,
                    response=response,
                )

    async def aon_request(self, request: httpx.Request) -> None:
        """Async twin of on_request."""
        self.on_request(request)

    async def aon_response(self, response: httpx.Response) -> None:
        """Async twin of on_response."""
        self.on_response(response)
