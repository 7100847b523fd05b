"""The refresh-and-replay machinery, in one place: an httpx.Auth flow.

Every request of a client goes through `SessionAuth`, the generated client's included (that is
what `client.raw` shares). For each request to the API's own origin it:

- attaches the credentials it needs, and nothing to any other host;
- refreshes first when the access token expires within 30 s (proactive);
- on a 401, refreshes once and replays the request once with the new token (reactive).

Refreshing is single-flight: one lock per client (a thread lock for the sync client, an
asyncio lock for the async one) and the store's cross-process lock. Whoever holds them first
refreshes; everyone else finds the token already replaced and uses the new one. Only the token
that got the 401 is replaced: a late 401 for a token that is already gone refreshes nothing.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import AsyncGenerator, Awaitable, Callable, Generator, Iterator
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, NamedTuple

from ._errors import APITimeoutError, RememberizerError, SessionExpiredError
from ._hooks import LAST_RESPONSE, observe
from ._httpx import httpx
from ._session import Session, SessionManager

PROACTIVE_WINDOW = 30.0
REFRESH_PATH = "/auth/custom-refresh/"
LOGOUT_PATH = "/auth/custom-logout/"
# Credentials are what these create: they never carry any, and their 401 is not a stale token.
PUBLIC_PATHS = frozenset({"/auth/signup/", "/auth/signin/"})
ACCESS_COOKIE, REFRESH_COOKIE = "access_token", "refresh_token"
SESSION_COOKIES = frozenset({ACCESS_COOKIE, REFRESH_COOKIE})

# logout clears the local session before it calls the server, so the refresh token it revokes
# travels here rather than through the session.
if TYPE_CHECKING:
    import asyncio

LOGOUT_TOKEN: ContextVar[str | None] = ContextVar("rememberizer_logout_token", default=None)


class _Refresh(NamedTuple):
    """A step of the flow: get a token newer than `stale` (None: no longer signed in as them)."""

    stale: Session
    # Proactive refreshes are advisory: the old token still works, so if refreshing fails
    # for any reason but an ended session, the request goes on with it.
    advisory: bool = False


_Step = httpx.Request | _Refresh


def _with_cookie(request: httpx.Request, name: str, value: str | None) -> None:
    kept = [
        part.strip()
        for part in request.headers.get("cookie", "").split(";")
        if part.strip() and part.split("=", 1)[0].strip() not in SESSION_COOKIES
    ]
    if value:
        kept.append(f"{name}={value}")
    if kept:
        request.headers["cookie"] = "; ".join(kept)
    else:
        request.headers.pop("cookie", None)


def _bear(request: httpx.Request, session: Session) -> None:
    # The client's default headers usually carry the right token already (see
    # SessionAuth.default_header): setting a header costs more than comparing one.
    if request.headers.get("authorization") != session.bearer:
        request.headers["authorization"] = session.bearer
    if "cookie" in request.headers:
        _with_cookie(request, ACCESS_COOKIE, None)


class SessionAuth(httpx.Auth):
    """Attaches credentials for one API base URL and refreshes them when needed."""

    def __init__(self, sessions: SessionManager, base_url: httpx.URL) -> None:
        self.sessions = sessions
        self.base_url = base_url
        self._prefix = base_url.path.rstrip("/")
        self._origin = (base_url.scheme, base_url.host, base_url.port)
        self._thread_lock = threading.Lock()
        self._async_lock: asyncio.Lock | None = None
        self.sync_refresher: Callable[[], Session] | None = None
        self.async_refresher: Callable[[], Awaitable[Session]] | None = None

    def __repr__(self) -> str:
        return f"<SessionAuth {self.base_url}>"

    # -- what each request needs --------------------------------------------------------------

    def _api_path(self, request: httpx.Request) -> str | None:
        """The path below the base URL, or None for a request to anywhere else."""
        url = request.url
        if (url.scheme, url.host, url.port) != self._origin:
            return None
        # raw_path skips unquoting: every path the API has is plain ASCII.
        path = url.raw_path.split(b"?", 1)[0].decode("ascii", "replace")
        if not path.startswith(self._prefix + "/"):
            return None
        return path[len(self._prefix) :]

    def _flow(self, request: httpx.Request) -> Generator[_Step, Any, None]:
        path = self._api_path(request)
        if path is None or path in PUBLIC_PATHS:
            # Another host (an absolute URL handed to client.raw, say), or signup and signin:
            # no credentials at all.
            request.headers.pop("authorization", None)
            _with_cookie(request, "", None)
            yield request
            return
        if path in (REFRESH_PATH, LOGOUT_PATH):
            # Never through the refresh logic itself: they carry the refresh cookie and that is
            # all. Logout clears the session first, so its token may come from LOGOUT_TOKEN.
            request.headers.pop("authorization", None)
            session = self.sessions.current
            token = session.refresh_token if session else None
            if path == LOGOUT_PATH:
                token = LOGOUT_TOKEN.get() or token
            _with_cookie(request, REFRESH_COOKIE, token)
            yield request
            return

        session = self.sessions.current
        if session is None:
            # Not signed in: send it bare and let the server decide.
            request.headers.pop("authorization", None)
            yield request
            return
        if session.expires_within(PROACTIVE_WINDOW):
            session = yield _Refresh(session, advisory=True)
            if session is None:
                yield request
                return
        _bear(request, session)
        response = yield request
        if response.status_code != 401:
            return
        fresh = yield _Refresh(session)
        if fresh is None or fresh.access_token == session.access_token:
            return
        _bear(request, fresh)
        yield request  # replayed once; whatever it answers is final

    @staticmethod
    def default_header(http: httpx.Client | httpx.AsyncClient) -> Callable[[Session | None], None]:
        """A session watcher that keeps `http`'s default Authorization header current.

        Only an optimisation: the flow still checks every request and strips the header from
        every request that must not carry it.
        """

        def update(session: Session | None) -> None:
            if session is None:
                http.headers.pop("authorization", None)
            else:
                http.headers["authorization"] = session.bearer

        return update

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
        except TimeoutError as exc:  # filelock.Timeout is one
            raise APITimeoutError("timed out waiting for the session store's lock") from exc
        try:
            yield
        finally:
            lock.__exit__(None, None, None)

    def _reloaded(self, stale: Session) -> tuple[bool, Session | None]:
        """Under the store's lock: re-read it (another process may have refreshed) and re-check."""
        self.sessions.reload()
        return self._settled(stale)

    def _single_flight(self, step: _Refresh) -> Generator[None, Session, Session | None]:
        """What a refresh does under the client's own lock, for both clients.

        It yields once, when the refresh request must be sent, and is sent the new session (or
        has the refresh's error thrown in). Its value is the session to use, or None.
        """
        try:
            settled, current = self._settled(step.stale)
            if settled:
                return current
            with self._store_lock():
                settled, current = self._reloaded(step.stale)
                if settled or current is None:
                    return current
                try:
                    new = yield
                except SessionExpiredError:
                    self.sessions.replace(current, None, "expired")
                    raise
                # A logout or a signin that happened meanwhile wins: the new tokens are dropped.
                return new if self.sessions.replace(current, new, "refreshed") else None
        except SessionExpiredError:
            raise
        except RememberizerError:
            if step.advisory:
                return step.stale  # proactive: the old token still works for a while
            raise

    def refresh_sync(self, step: _Refresh) -> Session | None:
        """Refresh `step.stale` once for all threads; the newer session, or None."""
        assert self.sync_refresher is not None
        with self._thread_lock:
            flow = self._single_flight(step)
            try:
                next(flow)
                try:
                    new = self.sync_refresher()
                except RememberizerError as exc:
                    flow.throw(exc)
                else:
                    flow.send(new)
            except StopIteration as done:
                return done.value  # type: ignore[no-any-return]
        raise RuntimeError("the refresh flow yielded twice")

    async def refresh_async(self, step: _Refresh) -> Session | None:
        """Refresh `step.stale` once for all tasks; the newer session, or None."""
        assert self.async_refresher is not None
        if self._async_lock is None:
            import asyncio  # here, so that the sync client never pays for importing asyncio

            self._async_lock = asyncio.Lock()
        async with self._async_lock:
            flow = self._single_flight(step)
            try:
                next(flow)
                try:
                    new = await self.async_refresher()
                except RememberizerError as exc:
                    flow.throw(exc)
                else:
                    flow.send(new)
            except StopIteration as done:
                return done.value  # type: ignore[no-any-return]
        raise RuntimeError("the refresh flow yielded twice")

    # -- httpx's entry points -------------------------------------------------------------------

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        flow = self._flow(request)
        step = next(flow)
        response: httpx.Response | None = None
        while True:
            if isinstance(step, _Refresh):
                value: Any = self.refresh_sync(step)
                # The refresh's own response was the last one seen; this flow's is what
                # counts for whoever reads LAST_RESPONSE after it.
                LAST_RESPONSE.set(response)
            else:
                started = time.perf_counter()
                value = response = yield step
                observe(value, started)
                if value.status_code == 401:
                    value.read()  # frees the connection before the refresh needs one
            try:
                step = flow.send(value)
            except StopIteration:
                return

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        flow = self._flow(request)
        step = next(flow)
        response: httpx.Response | None = None
        while True:
            if isinstance(step, _Refresh):
                value: Any = await self.refresh_async(step)
                LAST_RESPONSE.set(response)
            else:
                started = time.perf_counter()
                value = response = yield step
                observe(value, started)
                if value.status_code == 401:
                    await value.aread()
            try:
                step = flow.send(value)
            except StopIteration:
                return
