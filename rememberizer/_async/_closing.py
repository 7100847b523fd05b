"""`close()` and `async with`, for AsyncRememberizer and AsyncVectorStore.

Written once, in rememberizer/_async/; scripts/unasync writes rememberizer/_sync/_closing.py
from it.
"""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING, Self

if TYPE_CHECKING:
    from .._httpx import httpx2


class AsyncClosing:
    """`close()` and `async with`, for the clients that own an HTTP client or were handed one."""

    _owns_http: bool
    _http: httpx2.AsyncClient

    async def close(self) -> None:
        """Close the HTTP client, unless it was handed in. A session stays in its store."""
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()
