"""When to try a request again, and how long to wait first. Pure logic, shared by both clients."""

from __future__ import annotations

import random
import time
from email.utils import parsedate_to_datetime

import attrs

from ._httpx import httpx2

__all__ = ["DEFAULT_MAX_RETRIES", "RetryPolicy"]

DEFAULT_MAX_RETRIES = 2
RETRY_AFTER_CAP = 60.0
# 429 says the request was refused unprocessed. A 503 may come from a proxy after the server
# did the work, so it is retried only where replaying is safe (issue 11, item 11).
_ANY_OPERATION = frozenset({429})
_IDEMPOTENT_ONLY = frozenset({408, 502, 503, 504})


def retry_after_seconds(headers: httpx2.Headers) -> float | None:
    """The wait a response asks for: `retry-after-ms`, then Retry-After as seconds or a date."""
    millis = headers.get("retry-after-ms")
    if millis is not None:
        try:
            return max(0.0, float(millis) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def request_was_not_sent(exc: Exception) -> bool:
    """True when the failure happened before the request reached the server."""
    return isinstance(exc, httpx2.ConnectError | httpx2.ConnectTimeout | httpx2.PoolTimeout)


@attrs.frozen
class RetryPolicy:
    """max_retries, with backoff 0.5 s x 2^n capped at 8 s and up to 25% jitter.

    Retried on every operation: failures before the request was sent, and 429.
    Retried only on idempotent operations: 408, 502, 503, 504, and failures after sending
    (read timeouts, dropped connections). A Retry-After above 60 s is not waited for.
    """

    max_retries: int = DEFAULT_MAX_RETRIES

    def backoff(self, attempt: int) -> float:
        """The wait before retry number `attempt + 1` when the server did not say."""
        base: float = min(0.5 * 2.0**attempt, 8.0)
        return base * (1 - 0.25 * random.random())  # noqa: S311

    def after_status(
        self, status: int, retry_after: float | None, attempt: int, idempotent: bool
    ) -> float | None:
        """Seconds to wait before retrying this status, or None to stop."""
        if attempt >= self.max_retries:
            return None
        if status not in _ANY_OPERATION and not (idempotent and status in _IDEMPOTENT_ONLY):
            return None
        if retry_after is not None:
            return retry_after if retry_after <= RETRY_AFTER_CAP else None
        return self.backoff(attempt)

    def after_exception(self, exc: Exception, attempt: int, idempotent: bool) -> float | None:
        """Seconds to wait before retrying after a transport failure, or None to stop."""
        if attempt >= self.max_retries or not isinstance(exc, httpx2.TransportError):
            return None
        if request_was_not_sent(exc) or idempotent:
            return self.backoff(attempt)
        return None
