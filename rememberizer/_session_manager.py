"""The client's live session, as both flavours of the session manager share it: what a read
or a write changes in memory, and who is told. The store's reads, writes and lock are
AsyncSessionManager's (rememberizer/_async/_sessions.py) and its generated twin's."""

from __future__ import annotations

import threading
from collections.abc import Callable

import attrs

from ._errors import SessionStoreError
from ._session import PRODUCTION_ORIGIN, Session, SessionEvent, SessionInfo, SessionListener, logger
from ._stores import AsyncSessionStore, SessionStore


class SessionManagerBase:
    """The client's live session: a cache of the store.

    A signin or a logout sets the session whatever was there (`set`); a refresh changes it by
    compare-and-set (`replace(expected, new, event)`), which succeeds only when the session is
    still `expected`. That rule is what keeps a refresh that finishes after a logout, or after
    a signin as someone else, from bringing back the old session.

    With an `origin` (the client's API base URL), a stored session from any other origin is
    treated as absent, with a warning; a session without an origin (an older file) is adopted
    only on the production API. A session given without an origin is saved bound to this one.

    The listener runs after every lock is released: changes made while `lock()` or `alock()`
    is held are delivered when the outermost hold ends, so a listener may call back into the
    client (refresh, sign out) without deadlocking.

    This base holds what involves no I/O; the store's reads, writes and lock are
    AsyncSessionManager's (rememberizer/_async/_sessions.py) and SessionManager's.
    """

    def __init__(
        self,
        store: SessionStore | AsyncSessionStore,
        listener: SessionListener | None,
        origin: str | None = None,
    ) -> None:
        self.store = store
        self.origin = origin
        self._listener = listener
        self._forget_holds()
        self._watchers: list[Callable[[Session | None], None]] = []
        self.current: Session | None = None
        """The session as this client knows it (never one of another origin); changed only
        under `_lock`, read without it (every request reads it)."""
        self.loaded = False
        if isinstance(store, SessionStore):  # an async-only store is read on first use
            self._adopted(store.load())

    def _bind(self, new: Session | None) -> Session | None:
        if new is None or new.origin is not None or self.origin is None:
            return new
        return attrs.evolve(new, origin=self.origin)

    def watch(self, watcher: Callable[[Session | None], None]) -> None:
        """Call `watcher` with the session now and after every change (internal use)."""
        self._watchers.append(watcher)
        watcher(self.current)

    # -- the cross-process lock's holders; listeners wait for its release ---------------------

    def _forget_holds(self) -> None:
        """No holder, no event waiting: a new manager's state, or a forked child's (where the
        threads that held the lock are gone)."""
        self._lock = threading.Lock()
        self._holds = 0
        self._pending: list[tuple[SessionEvent, Session | None]] = []

    def _unhold(self) -> None:
        with self._lock:
            self._holds -= 1
            pending, self._pending = (self._pending, []) if self._holds == 0 else ([], [])
        for event, session in pending:
            self._notify(event, session)

    # -- what a read or a write changes in memory ---------------------------------------------

    def _adopted(self, stored: Session | None) -> Session | None:
        """Take what the store holds as the session: none when it belongs to another origin,
        and the object already held when it is the same session."""
        session = stored
        if stored is not None and self.origin is not None and stored.origin != self.origin:
            if stored.origin is None and self.origin == PRODUCTION_ORIGIN:
                session = attrs.evolve(stored, origin=self.origin)
            else:
                logger.warning(
                    "the stored session belongs to %s, not to this client's %s: treated as "
                    "signed out",
                    stored.origin or "an unknown API (a file from an older version)",
                    self.origin,
                )
                session = None
        with self._lock:
            current = self.current
            if (
                session is not None
                and current is not None
                # Equal first: most reads find the same session, and evolve makes a new one.
                and (current == session or attrs.evolve(current, origin=session.origin) == session)
            ):
                session = current  # the same session: keep the object compare-and-set knows
            self.current = session
            self.loaded = True
        for watcher in self._watchers:
            watcher(session)
        return session

    def _done(self, event: SessionEvent, new: Session | None) -> None:
        for watcher in self._watchers:
            watcher(new)
        with self._lock:
            if self._holds:
                self._pending.append((event, new))
                return
        self._notify(event, new)

    @staticmethod
    def _kept_in_memory(error: SessionStoreError) -> None:
        logger.warning(
            "%s: %s; the new session is kept in memory only", type(error).__name__, error
        )

    def _notify(self, event: SessionEvent, session: Session | None) -> None:
        if self._listener is None:
            return
        try:
            self._listener(event, SessionInfo.of(session))
        except Exception:  # a listener's bug must not break the session
            logger.exception("on_session_change raised on %s", event)
