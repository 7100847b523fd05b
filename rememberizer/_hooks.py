"""What the facade observes of each request and response: the log line, and the guards that
keep credentials with the API when httpx2 follows a redirect."""

from __future__ import annotations

import time
from collections.abc import Callable

from rememberizer_api.operations import CREDENTIAL_HEADERS

from ._errors import APIStatusError
from ._httpx import httpx2
from ._logging import logger
from ._pipeline import ATTEMPT, CREDENTIALED


def same_origin(url: httpx2.URL, origin: httpx2.URL) -> bool:
    """True when url has the scheme, host and port of origin."""
    return (url.scheme, url.host, url.port) == (origin.scheme, origin.host, origin.port)


def observe(response: httpx2.Response, started: float) -> None:
    """Write the response's log line."""
    if logger.isEnabledFor(10):
        request = response.request
        logger.debug(
            "%s %s -> %s in %.1f ms (retry %d)",
            request.method,
            request.url.path,
            response.status_code,
            (time.perf_counter() - started) * 1000,
            request.extensions.get(ATTEMPT, 0),
        )


class RedirectGuard:
    """Event hooks that keep credentials with the API's origin and base path.

    Hooks rather than part of the auth flow because httpx2 follows redirects below the auth
    flow: it copies the request's headers to a same-origin redirect without asking the flow.
    """

    def __init__(self, origin: httpx2.URL, under_base: Callable[[httpx2.URL], bool]) -> None:
        self.origin = origin
        self.under_base = under_base

    def strip(self, request: httpx2.Request) -> None:
        """Request hook: a request the auth flow gave credentials (a redirect of it, then)
        carries none outside the API's base path."""
        if CREDENTIALED in request.extensions and not self.under_base(request.url):
            # Every header of the spec's security schemes, the refresh cookie's Cookie included.
            for name in CREDENTIAL_HEADERS:
                request.headers.pop(name, None)

    def check(self, response: httpx2.Response) -> None:
        """Response hook: raise on a redirect to another origin."""
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
