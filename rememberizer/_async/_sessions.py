"""The session manager and the auth flow: `AsyncSessionManager` and `AsyncSessionAuth`.

Written once, in rememberizer/_async/; scripts/unasync writes rememberizer/_sync/_sessions.py
(SessionManager, SessionAuth) from it. What differs between the flavours (the locks, the single
flight, a sync store driven from the event loop) is in rememberizer/_concurrency.py; what does
no I/O is in SessionManagerBase (rememberizer/_session_manager.py) and SessionAuthBase (_auth.py).

The one refresh algorithm: the auth flow meets an expiring token or a 401 and calls `refresh`,
which returns at once when someone already replaced that token, else waits for the single
flight `_refresh_once`: under the store's cross-process lock it reads the store again (another
process may have refreshed), and only then sends the refresh and stores its answer by
compare-and-set. Only the token that got the 401 is replaced: a late 401 for a token already
gone refreshes nothing.
"""

from __future__ import annotations

import contextlib
import functools
import time
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable

from .._auth import PROACTIVE_WINDOW, SessionAuthBase, bear
from .._concurrency import AsyncLock, AsyncSingleFlight, asession_store
from .._config import origin_of
from .._errors import (
    APITimeoutError,
    RememberizerError,
    SessionConflictError,
    SessionExpiredError,
    SessionStoreError,
)
from .._hooks import observe
from .._httpx import httpx2
from .._options import CallOptions
from .._session import Session, SessionEvent, SessionListener, logger
from .._session_manager import SessionManagerBase
from .._stores import AnySessionStore


class AsyncSessionManager(SessionManagerBase):
    """The client's live session (SessionManagerBase), read from and written to its store.

    Writes reach the store in the order they were made in memory, under one lock.
    """

    def __init__(
        self,
        store: AnySessionStore,
        listener: SessionListener | None,
        origin: str | None = None,
    ) -> None:
        super().__init__(store, listener, origin)
        self._store = asession_store(store)
        self._write_lock = AsyncLock()

    def after_fork(self) -> None:
        """In a forked child: fresh locks (another thread's may be held forever), and the
        store read again before the next request."""
        self._forget_holds()
        self._write_lock = AsyncLock()
        self.loaded = False

    @contextlib.asynccontextmanager
    async def alock(self) -> AsyncIterator[None]:
        """Hold the store's cross-process lock (listeners run once it is released).

        Raises:
            APITimeoutError: the store's lock was not free in time.
        """
        with self._lock:
            self._holds += 1
        try:
            lock = self._store.alock()
            try:
                await lock.__aenter__()
            except TimeoutError:  # filelock.Timeout is one
                timed_out = True
            else:
                timed_out = False
            if timed_out:  # raised outside the handler: no store error in its chain
                raise APITimeoutError("timed out waiting for the session store's lock")
            try:
                yield
            finally:
                await lock.__aexit__(None, None, None)
        finally:
            self._unhold()

    async def areload(self) -> Session | None:
        """Read the store again (another process may have changed it) and adopt what is there."""
        return self._adopted(await self._store.aload())

    async def areplace(
        self, expected: Session | None, new: Session | None, event: SessionEvent
    ) -> bool:
        """Set `new` if the session is still `expected`; True when it was set.

        A store that cannot be written does not lose the new session: it is kept in memory and
        the SessionStoreError is logged (a refresh must not fail after the server rotated).
        """
        async with self._write_lock:
            with self._lock:
                if self.current is not expected:
                    return False
                self.current = new
            try:
                await self._store.asave(self._bind(new))
            except SessionConflictError as exc:
                # Another host stored a newer session (or signed out): adopt it, never ours.
                logger.warning("%s: %s", type(exc).__name__, exc)
                await self.areload()
                return False
            except SessionStoreError as exc:
                self._kept_in_memory(exc)
        self._done(event, new)
        return True

    async def aset(self, new: Session | None, event: SessionEvent) -> Session | None:
        """Set `new` whatever was there; returns what was there.

        Raises:
            SessionStoreError: the store cannot be written; the session is still set in memory.
        """
        failure: SessionStoreError | None = None
        async with self._write_lock:
            with self._lock:
                old, self.current = self.current, new
            try:
                await self._store.asave(self._bind(new))
            except SessionStoreError as exc:
                failure = exc
        self._done(event, new)
        if failure is not None:
            raise failure
        return old


class AsyncSessionAuth(SessionAuthBase):
    """Attaches credentials for one API base URL and refreshes them when needed."""

    sessions: AsyncSessionManager
    refresher: Callable[[CallOptions | None], Awaitable[Session]] | None = None
    """Sends one refresh, given the per-call options of `client.auth.refresh(...)` or None: the
    client's `refresh_session` (rememberizer/_async/_call.py), set by its `_attach_refresher`."""

    @classmethod
    def over(
        cls,
        store: AnySessionStore,
        listener: SessionListener | None,
        base_url: httpx2.URL,
    ) -> AsyncSessionAuth:
        """The auth flow of a client at `base_url` whose session `store` keeps."""
        return cls(AsyncSessionManager(store, listener, origin_of(base_url)), base_url)

    def _new_flight(self) -> None:
        self._flight: AsyncSingleFlight[Session | None] = AsyncSingleFlight()

    async def async_auth_flow(
        self, request: httpx2.Request
    ) -> AsyncGenerator[httpx2.Request, httpx2.Response]:
        if not self.sessions.loaded:  # an async store, or one after a fork: read on first use
            await self.sessions.areload()
        session = self._attach(request, self.credentials(request))
        if session is not None and session.expires_within(PROACTIVE_WINDOW):
            session = await self.refresh(session, advisory=True)
            bear(request, session)
        started = time.perf_counter()
        response = yield request
        observe(response, started)
        if session is None or response.status_code != 401:
            return
        await response.aread()  # frees the connection before the refresh needs one
        fresh = await self.refresh(session)
        if fresh is None or fresh.access_token == session.access_token:
            return
        bear(request, fresh)
        started = time.perf_counter()
        observe((yield request), started)  # replayed once; whatever it answers is final

    def _settled(self, stale: Session) -> tuple[bool, Session | None]:
        """Whether someone already dealt with `stale`, and the session to use if so."""
        current = self.sessions.current
        if current is None or current.user_id != stale.user_id:
            return True, None  # signed out, or signed in as someone else: never replay as them
        if current.access_token != stale.access_token:
            return True, current
        return False, current

    async def refresh(
        self, stale: Session, advisory: bool = False, options: CallOptions | None = None
    ) -> Session | None:
        """Refresh `stale` once for every caller; the newer session, or None when signed out.

        `advisory` (proactive) refreshes give the old token back on any failure but an ended
        session: it still works for a while. `options` go to the refresh request when this
        call is the one that sends it. Callers share the refresh under way (AsyncSingleFlight
        says how).
        """
        settled, current = self._settled(stale)
        if settled:
            return current
        try:
            await self._flight.run(functools.partial(self._refresh_once, stale, options))
        except SessionExpiredError:
            raise
        except RememberizerError:
            if advisory:
                return stale
            raise
        return self._settled(stale)[1]

    async def _refresh_once(self, stale: Session, options: CallOptions | None) -> Session | None:
        assert self.refresher is not None
        settled, current = self._settled(stale)
        if settled:  # a caller that waited for another's refresh: done
            return current
        async with self.sessions.alock():
            await self.sessions.areload()
            settled, current = self._settled(stale)
            if settled or current is None:
                return current
            try:
                new = await self.refresher(options)
            except SessionExpiredError:
                await self.sessions.areplace(current, None, "expired")
                raise
            # A logout or a signin that happened meanwhile wins: the new tokens drop.
            return new if await self.sessions.areplace(current, new, "refreshed") else None
