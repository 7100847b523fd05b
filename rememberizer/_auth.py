"""Credentials and refresh, in one place: an httpx2.Auth flow.

Every request of a client goes through `SessionAuth`, the generated client's included (that is
what `client.raw` shares). Which credentials a request carries comes from its operation's
`security` in the spec (rememberizer_api.operations), named by the facade in
`request.extensions`, or found by method and path for a request made through `client.raw`:

- `security: []` (signup, signin): nothing;
- `refreshCookie` (refresh, logout): the refresh cookie and nothing else;
- `bearerAuth`/`accessCookie`: the access token as a Bearer header, refreshed first when it
  expires within 30 s (proactive), and refreshed once and replayed once after a 401 (reactive);
- `apiKeyAuth`: the API key in `x-api-key`, when the client has one and no session is there
  (or the operation takes only the key).

A request the table does not know, to the API's origin under its base path, gets the session;
a request anywhere else gets nothing.

Refreshing is single-flight: the sync client takes a thread lock, the async client runs the
refresh as one shielded task that every waiter awaits (a cancelled waiter stops waiting, the
refresh still finishes and is saved), and both take the store's cross-process lock. Only the
token that got the 401 is replaced: a late 401 for a token already gone refreshes nothing.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Generator, Iterator
from typing import TYPE_CHECKING

from rememberizer_api import operations as ops
from rememberizer_api.operations import BY_ROUTE, OperationInfo

from ._errors import APITimeoutError, AuthenticationError, RememberizerError, SessionExpiredError
from ._hooks import observe
from ._httpx import httpx2
from ._options import CallOptions
from ._pipeline import CREDENTIALED, OPERATION, OWN_COOKIES, REFRESH_TOKEN
from ._session import Session, SessionManager

if TYPE_CHECKING:
    import asyncio

PROACTIVE_WINDOW = 30.0
# The spec's security schemes (components.securitySchemes), as scripts/regenerate writes them.
ACCESS_COOKIE = str(ops.ACCESS_COOKIE_SCHEME.cookie)
REFRESH_COOKIE = str(ops.REFRESH_COOKIE_SCHEME.cookie)
SESSION_COOKIES = ops.SESSION_COOKIES
JWT_SCHEMES = frozenset({ops.BEARER_AUTH_SCHEME.name, ops.ACCESS_COOKIE_SCHEME.name})
REFRESH_SCHEME, API_KEY_SCHEME = ops.REFRESH_COOKIE_SCHEME.name, ops.API_KEY_AUTH_SCHEME.name
BEARER_HEADER, COOKIE_HEADER = ops.BEARER_AUTH_SCHEME.header, ops.REFRESH_COOKIE_SCHEME.header

# What a request carries.
NOTHING, REFRESH, SESSION, API_KEY = "nothing", "refresh", "session", "api key"


def _with_cookie(request: httpx2.Request, name: str, value: str | None) -> None:
    """Set (or, with no value, drop) one session cookie, keeping the jar's other cookies."""
    header = request.headers.get(COOKIE_HEADER)
    if header is None and not value:
        return
    kept = [
        part.strip()
        for part in (header or "").split(";")
        if part.strip() and part.split("=", 1)[0].strip() not in SESSION_COOKIES
    ]
    if value:
        kept.append(f"{name}={value}")
    if kept:
        request.headers[COOKIE_HEADER] = "; ".join(kept)
    else:
        request.headers.pop(COOKIE_HEADER, None)


class SessionAuth(httpx2.Auth):
    """Attaches credentials for one API base URL and refreshes them when needed."""

    def __init__(self, sessions: SessionManager, base_url: httpx2.URL) -> None:
        self.sessions = sessions
        self.base_url = base_url
        self.api_key: str | None = None
        """The knowledge-API key (`apiKeyAuth`), sent only to operations whose security
        allows it."""
        self.key_scheme = API_KEY_SCHEME
        """The security scheme `api_key` answers to: `vectorStoreKey` for a VectorStore."""
        self.shares_jar = True
        """False for a copy acting for one user (with_options(session=...)): the pool's cookie
        jar holds what other users' answers set, so its requests neither read nor fill it."""
        self._prefix = base_url.raw_path.split(b"?", 1)[0].rstrip(b"/")
        self._origin = (base_url.scheme, base_url.host, base_url.port)
        self._reset_locks()
        # Given the per-call options of an explicit `client.auth.refresh(...)`, else None.
        self.sync_refresher: Callable[[CallOptions | None], Session] | None = None
        self.async_refresher: Callable[[CallOptions | None], Awaitable[Session]] | None = None

    def _reset_locks(self) -> None:
        # Re-entrant: an on_session_change listener that calls client.auth.refresh() runs
        # inside the refresh that notifies it, on the same thread.
        self._thread_lock = threading.RLock()
        self._refresh_task: asyncio.Task[Session | None] | None = None

    def after_fork(self) -> None:
        """In a forked child: fresh locks (another thread's may be held forever) and the
        session as the store has it."""
        self._reset_locks()
        with contextlib.suppress(Exception):
            self.sessions.reload()

    def __repr__(self) -> str:
        return f"<SessionAuth {self.base_url.copy_with(username=None, password=None)}>"

    # -- what each request needs --------------------------------------------------------------

    def under_base(self, url: httpx2.URL) -> bool:
        """True for the API's origin under its base path."""
        if (url.scheme, url.host, url.port) != self._origin:
            return False
        path = url.raw_path.split(b"?", 1)[0]
        return path.startswith(self._prefix + b"/")

    def operation(self, request: httpx2.Request) -> OperationInfo | None:
        """The operation a request is: named by the facade, or found by method and path."""
        op = request.extensions.get(OPERATION)
        if op is not None:
            return op  # type: ignore[no-any-return]
        path = request.url.raw_path.split(b"?", 1)[0][len(self._prefix) :]
        return BY_ROUTE.get((request.method, path.decode("ascii", "replace")))

    def credentials(self, request: httpx2.Request) -> str:
        """What `request` carries: NOTHING, REFRESH, SESSION or API_KEY.

        Raises AuthenticationError, before anything is sent, for an operation that takes only
        a session when the client has only an API key.
        """
        if not self.under_base(request.url):
            return NOTHING
        op = self.operation(request)
        if op is None:
            return SESSION  # client.raw to an API path the table does not know
        schemes: frozenset[str] = frozenset().union(*op.security)
        if not schemes:
            return NOTHING
        if REFRESH_SCHEME in schemes:
            return REFRESH
        jwt, key = bool(schemes & JWT_SCHEMES), self.key_scheme in schemes
        if jwt and self.sessions.current is not None:
            return SESSION
        if key and self.api_key is not None:
            return API_KEY
        if jwt and not key and self.api_key is not None:
            raise AuthenticationError(
                f"{op.operation_id} needs a signed-in session; an API key cannot call it",
                status_code=401,  # what the server would answer; nothing was sent
            )
        return SESSION if jwt else NOTHING

    def _attach(self, request: httpx2.Request, what: str) -> Session | None:
        """Set the credentials of `what` on `request`; the session it carries, if any."""
        if not self.shares_jar:
            request.headers.pop(COOKIE_HEADER, None)
            request.extensions[OWN_COOKIES] = True
        if what != NOTHING:
            request.extensions[CREDENTIALED] = True
        if what == REFRESH:
            token = request.extensions.get(REFRESH_TOKEN)
            if token is None:
                session = self.sessions.current
                token = session.refresh_token if session else None
            request.headers.pop(BEARER_HEADER, None)
            _with_cookie(request, REFRESH_COOKIE, token)
            return None
        if what == API_KEY:
            assert self.api_key is not None
            request.headers[ops.SECURITY_SCHEMES[self.key_scheme].header] = self.api_key
            return None
        _with_cookie(request, ACCESS_COOKIE, None)
        session = self.sessions.current if what == SESSION else None
        _bear(request, session)
        return session

    # -- httpx2's entry points ------------------------------------------------------------------

    def sync_auth_flow(
        self, request: httpx2.Request
    ) -> Generator[httpx2.Request, httpx2.Response, None]:
        session = self._attach(request, self.credentials(request))
        if session is not None and session.expires_within(PROACTIVE_WINDOW):
            session = self.refresh_sync(session, advisory=True)
            _bear(request, session)
        started = time.perf_counter()
        response = yield request
        observe(response, started)
        if session is None or response.status_code != 401:
            return
        response.read()  # frees the connection before the refresh needs one
        fresh = self.refresh_sync(session)
        if fresh is None or fresh.access_token == session.access_token:
            return
        _bear(request, fresh)
        started = time.perf_counter()
        observe((yield request), started)  # replayed once; whatever it answers is final

    async def async_auth_flow(
        self, request: httpx2.Request
    ) -> AsyncGenerator[httpx2.Request, httpx2.Response]:
        if not self.sessions.loaded:  # an async store is read on first use, never in __init__
            await self.sessions.areload()
        session = self._attach(request, self.credentials(request))
        if session is not None and session.expires_within(PROACTIVE_WINDOW):
            session = await self.refresh_async(session, advisory=True)
            _bear(request, session)
        started = time.perf_counter()
        response = yield request
        observe(response, started)
        if session is None or response.status_code != 401:
            return
        await response.aread()
        fresh = await self.refresh_async(session)
        if fresh is None or fresh.access_token == session.access_token:
            return
        _bear(request, fresh)
        started = time.perf_counter()
        observe((yield request), started)

    # -- single flight ------------------------------------------------------------------------

    def _settled(self, stale: Session) -> tuple[bool, Session | None]:
        """Whether someone already dealt with `stale`, and the session to use if so."""
        current = self.sessions.current
        if current is None or current.user_id != stale.user_id:
            return True, None  # signed out, or signed in as someone else: never replay as them
        if current.access_token != stale.access_token:
            return True, current
        return False, current

    @contextlib.contextmanager
    def _store_lock(self) -> Iterator[None]:
        try:
            lock = self.sessions.lock()
            lock.__enter__()
        except TimeoutError:  # filelock.Timeout is one
            timed_out = True
        else:
            timed_out = False
        if timed_out:
            raise APITimeoutError("timed out waiting for the session store's lock")
        try:
            yield
        finally:
            lock.__exit__(None, None, None)

    def refresh_sync(
        self, stale: Session, advisory: bool = False, options: CallOptions | None = None
    ) -> Session | None:
        """Refresh `stale` once for all threads; the newer session, or None when signed out.

        `advisory` (proactive) refreshes give the old token back on any failure but an ended
        session: it still works for a while. `options` go to the refresh request when this
        call is the one that sends it.
        """
        assert self.sync_refresher is not None
        try:
            with self._thread_lock:
                settled, current = self._settled(stale)
                if settled:
                    return current
                with self._store_lock():
                    self.sessions.reload()
                    settled, current = self._settled(stale)
                    if settled or current is None:
                        return current
                    try:
                        new = self.sync_refresher(options)
                    except SessionExpiredError:
                        self.sessions.replace(current, None, "expired")
                        raise
                    # A logout or a signin that happened meanwhile wins: the new tokens drop.
                    return new if self.sessions.replace(current, new, "refreshed") else None
        except SessionExpiredError:
            raise
        except RememberizerError:
            if advisory:
                return stale
            raise

    async def refresh_async(
        self, stale: Session, advisory: bool = False, options: CallOptions | None = None
    ) -> Session | None:
        """Refresh `stale` once for all tasks; the newer session, or None when signed out.

        The refresh runs as one task that every waiter awaits through `asyncio.shield`: a
        waiter that is cancelled stops waiting, and the refresh still completes and is saved.
        """
        import asyncio  # here, so that the sync client never pays for importing asyncio

        settled, current = self._settled(stale)
        if settled:
            return current
        task = self._refresh_task
        if task is None or task.done() or task.get_loop() is not asyncio.get_running_loop():
            task = asyncio.get_running_loop().create_task(self._refresh_once(stale, options))
            task.add_done_callback(self._refresh_done)
            self._refresh_task = task
        try:
            await asyncio.shield(task)
        except SessionExpiredError:
            raise
        except RememberizerError:
            if advisory:
                return stale
            raise
        return self._settled(stale)[1]

    def _refresh_done(self, task: asyncio.Task[Session | None]) -> None:
        if self._refresh_task is task:
            self._refresh_task = None
        if not task.cancelled():
            task.exception()  # retrieved: nobody may be left waiting to see it

    @contextlib.asynccontextmanager
    async def _astore_lock(self) -> AsyncIterator[None]:
        # `_store_lock` for the event loop: the wait never blocks it (SessionManager.alock).
        lock = self.sessions.alock()
        try:
            await lock.__aenter__()
        except TimeoutError:  # filelock.Timeout is one
            timed_out = True
        else:
            timed_out = False
        if timed_out:
            raise APITimeoutError("timed out waiting for the session store's lock")
        try:
            yield
        finally:
            await lock.__aexit__(None, None, None)

    async def _refresh_once(self, stale: Session, options: CallOptions | None) -> Session | None:
        assert self.async_refresher is not None
        async with self._astore_lock():
            await self.sessions.areload()
            settled, current = self._settled(stale)
            if settled or current is None:
                return current
            try:
                new = await self.async_refresher(options)
            except SessionExpiredError:
                await self.sessions.areplace(current, None, "expired")
                raise
            return new if await self.sessions.areplace(current, new, "refreshed") else None


def _bear(request: httpx2.Request, session: Session | None) -> None:
    if session is None:
        request.headers.pop(BEARER_HEADER, None)
    else:
        request.headers[BEARER_HEADER] = session.bearer
