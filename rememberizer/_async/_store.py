"""The session store protocol: what a client asks of the place it keeps its session.

Written once, in rememberizer/_async/; scripts/unasync writes rememberizer/_sync/_store.py
(SessionStore, for the sync client) from it. A store may implement both flavours' methods, as
the memory, file and Redis stores do; each client uses its own flavour's.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from .._session import Session


@runtime_checkable
class AsyncSessionStore(Protocol):
    """Where a client keeps its session.

    Implement `aload`, `asave` and `alock` to keep sessions elsewhere (a keyring, a database).
    `alock()` must exclude every other process that shares the store: the client holds it while
    it refreshes, and re-reads the store under it, so that no two processes spend one refresh
    token. Failures to read or write the backing store raise SessionStoreError.
    """

    async def aload(self) -> Session | None:
        """The stored session, or None."""
        ...

    async def asave(self, session: Session | None) -> None:
        """Store `session`; None removes it."""
        ...

    def alock(self) -> contextlib.AbstractAsyncContextManager[None]:
        """A lock that excludes other users of the same store while held."""
        ...
