"""What the facade observes of each response: the log line, the last response, and the
cross-host redirect guard."""

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


def same_origin(url: httpx.URL, origin: httpx.URL) -> bool:
    """True when url has the scheme, host and port of origin."""
    return (url.scheme, url.host, url.port) == (origin.scheme, origin.host, origin.port)


def observe(response: httpx.Response, started: float) -> None:
    """Remember the response for this thread or task, and write its log line."""
    LAST_RESPONSE.set(response)
    if logger.isEnabledFor(10):
        request = response.request
        logger.debug(
            "%s %s -> %s in %.1f ms (retry %d)",
            request.method,
            request.url.path,
            response.status_code,
            (time.perf_counter() - started) * 1000,
            ATTEMPT.get(),
        )


class RedirectGuard:
    """A response hook that refuses to follow a redirect to another origin.

    A hook rather than part of the auth flow because httpx follows redirects below the auth
    flow: only a hook sees the 3xx before a client with follow_redirects=True acts on it.
    """

    def __init__(self, origin: httpx.URL) -> None:
        self.origin = origin

    def check(self, response: httpx.Response) -> None:
        """Raise on a redirect to another origin."""
        if not response.is_redirect:
            return
        request = response.request
        target = request.url.join(response.headers.get("location", ""))
        if not same_origin(target, self.origin):
            raise APIStatusError(
                f"HTTP {response.status_code}: refused a redirect to another host "
                f"({target.host}); credentials stay with {self.origin.host}",
                status_code=response.status_code,
                response=response,
            )

    async def acheck(self, response: httpx.Response) -> None:
        """Async twin of check."""
        self.check(response)
