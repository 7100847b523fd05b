"""Rememberizer and AsyncRememberizer: configuration, the HTTP client, and the namespaces."""

from __future__ import annotations

from http.cookiejar import Cookie, CookieJar, DefaultCookiePolicy
from types import TracebackType
from typing import Any, Generic, Self, TypeVar
from urllib.request import Request as _UrllibRequest

from rememberizer_api.client import AuthenticatedClient

from ._auth import SESSION_COOKIES, SessionAuth
from ._calls import Invoke, Plan, invoke_async, invoke_sync, refreshed_session, run_async, run_sync
from ._captcha import AsyncCaptchaProvider, CaptchaProvider
from ._config import (
    DEFAULT_BASE_URL,
    DEFAULT_TIMEOUT,
    check_captcha,
    display_url,
    origin_of,
    resolve_base_url,
    resolve_timeout,
)
from ._errors import InvalidRequestError
from ._hooks import RedirectGuard
from ._httpx import httpx
from ._logging import redact_http_trace, setup_from_env
from ._operations import REFRESH
from ._resources import AccountResource, AsyncAccountResource, AsyncAuthResource, AuthResource
from ._retry import DEFAULT_MAX_RETRIES, RetryPolicy
from ._session import (
    AsyncSessionStore,
    MemorySessionStore,
    Session,
    SessionInfo,
    SessionListener,
    SessionManager,
    SessionStore,
)

__all__ = ["DEFAULT_BASE_URL", "DEFAULT_TIMEOUT", "AsyncRememberizer", "Rememberizer"]

T = TypeVar("T")


class _ApiHostOnly(DefaultCookiePolicy):
    """A jar that keeps cookies of the API host only, and never the session cookies.

    The session lives in the SessionStore and SessionAuth attaches it, to the API host only;
    a second copy in the jar could be replayed stale, or to another host.
    """

    def __init__(self, host: str) -> None:
        # cookiejar files dotless hosts (localhost, testserver) under HOST.local.
        super().__init__(allowed_domains=[host, host + ".local"])

    def set_ok(self, cookie: Cookie, request: _UrllibRequest) -> bool:
        return cookie.name not in SESSION_COOKIES and super().set_ok(cookie, request)


HttpT = TypeVar("HttpT", httpx.Client, httpx.AsyncClient)
CaptchaT = TypeVar("CaptchaT")


class _BaseClient(Generic[HttpT, CaptchaT]):
    """What both clients share: configuration, the session, the auth flow, the HTTP client."""

    _http_class: type[HttpT]

    def __init__(
        self,
        *,
        base_url: str | None = None,
        captcha: CaptchaT | None = None,
        session: SessionStore | AsyncSessionStore | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: HttpT | None = None,
        on_session_change: SessionListener | None = None,
        allow_insecure_http: bool = False,
    ) -> None:
        setup_from_env()
        redact_http_trace()
        if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
            raise InvalidRequestError("max_retries must be a whole number, 0 or more")
        if session is not None and not isinstance(session, SessionStore | AsyncSessionStore):
            raise InvalidRequestError("session must be a SessionStore (load, save and lock)")
        self.base_url = resolve_base_url(base_url, allow_insecure_http)
        self.timeout = resolve_timeout(timeout)
        check_captcha(captcha)
        self._captcha = captcha
        self._policy = RetryPolicy(max_retries)
        self._sessions = SessionManager(
            session or MemorySessionStore(), on_session_change, origin=origin_of(self.base_url)
        )
        self._auth = SessionAuth(self._sessions, self.base_url)
        self._redirects = RedirectGuard(self.base_url)
        self.raw = AuthenticatedClient(base_url=str(self.base_url), token="")
        """The generated client (rememberizer_api), sharing this client's HTTP client, session
        and auth flow: for operations the facade does not wrap yet."""
        self._owns_http = http_client is None
        self._http: HttpT = http_client or self._http_class(
            timeout=self.timeout, follow_redirects=False, cookies=CookieJar()
        )
        self._bind()

    def _bind(self) -> None:
        """Wire the HTTP client, the refresher and the namespaces (sync or async)."""
        raise NotImplementedError

    def _configure(self, http: httpx.Client | httpx.AsyncClient, response_hook: Any) -> None:
        """Point an HTTP client at the API, with our auth, cookie scope and redirect guard."""
        if isinstance(http.auth, SessionAuth):
            # Its auth flow is the other client's session: sharing it would mix two sessions.
            raise InvalidRequestError(
                "this http_client already serves another Rememberizer client; give each its own"
            )
        http.base_url = self.base_url
        http.auth = self._auth
        self._sessions.watch(SessionAuth.default_header(http))
        http.cookies.jar.set_policy(_ApiHostOnly(self.base_url.host))
        http.event_hooks = {
            "request": http.event_hooks["request"],
            "response": [*http.event_hooks["response"], response_hook],
        }

    @property
    def session(self) -> SessionInfo:
        """A read-only view of the session: signed in?, user id, access expiry. No secrets."""
        return SessionInfo.of(self._sessions.current)

    def __repr__(self) -> str:
        url = display_url(self.base_url)
        return f"<{type(self).__name__} {url} signed_in={self.session.signed_in}>"


class Rememberizer(_BaseClient[httpx.Client, CaptchaProvider]):
    """The Rememberizer API client.

    Args:
        base_url: the API base URL; else env REMEMBERIZER_BASE_URL, else production.
        captcha: a reCAPTCHA token, or a callable `(action) -> token` asked on every signup and
            signin attempt.
        session: where the session is kept: MemorySessionStore (the default) or
            FileSessionStore(path) to keep it across runs and share it between processes.
        timeout: seconds, or an httpx.Timeout; default 30 s overall, 5 s to connect.
        max_retries: retries for connection failures, 429 and 503 (and more for GET); default 2.
        http_client: an httpx.Client you configured (proxies, TLS). Its base URL, auth, cookie
            policy and hooks are set to this client's; `close()` leaves it open.
        on_session_change: called as `(event, SessionInfo)` on "signed_in", "refreshed",
            "signed_out" and "expired".
        allow_insecure_http: allow a plain-http base URL to a host that is not loopback.

    Raises:
        InvalidRequestError: an argument is invalid (a plain-http base URL, say).

    >>> with Rememberizer(captcha=get_token) as client:  # doctest: +SKIP
    ...     client.auth.signin(login="ada@example.com", password="…")
    ...     print(client.account.get().name)
    """

    _http_class = httpx.Client
    auth: AuthResource
    """Sign up, sign in, verify the email, refresh and sign out."""
    account: AccountResource
    """The account and the profile."""

    def _bind(self) -> None:
        self._configure(self._http, self._redirects.check)
        self.raw.set_httpx_client(self._http)
        self._auth.sync_refresher = self._refresh_now
        self.auth = AuthResource(self)
        self.account = AccountResource(self)

    def _refresh_now(self) -> Session:
        return refreshed_session(invoke_sync(self.raw, Invoke(REFRESH, {})))

    def _run(self, plan: Plan[T]) -> T:
        return run_sync(plan, self.raw, self._auth, self._captcha)

    def close(self) -> None:
        """Close the HTTP client, unless it was handed in. The session stays in its store."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncRememberizer(_BaseClient[httpx.AsyncClient, AsyncCaptchaProvider]):
    """The async Rememberizer API client: every method of Rememberizer, awaited.

    Takes the same arguments as Rememberizer, with `http_client` an httpx.AsyncClient and
    `captcha` also allowed to be an async callable.

    >>> async with AsyncRememberizer(captcha=get_token) as client:  # doctest: +SKIP
    ...     await client.auth.signin(login="ada@example.com", password="…")
    ...     print((await client.account.get()).name)
    """

    _http_class = httpx.AsyncClient
    auth: AsyncAuthResource
    """Sign up, sign in, verify the email, refresh and sign out."""
    account: AsyncAccountResource
    """The account and the profile."""

    def _bind(self) -> None:
        self._configure(self._http, self._redirects.acheck)
        self.raw.set_async_httpx_client(self._http)
        self._auth.async_refresher = self._refresh_now
        self.auth = AsyncAuthResource(self)
        self.account = AsyncAccountResource(self)

    async def _refresh_now(self) -> Session:
        return refreshed_session(await invoke_async(self.raw, Invoke(REFRESH, {})))

    async def _run(self, plan: Plan[T]) -> T:
        return await run_async(plan, self.raw, self._auth, self._captcha)

    async def close(self) -> None:
        """Close the HTTP client, unless it was handed in. The session stays in its store."""
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
