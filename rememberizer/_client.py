"""What every client shares: configuration, the session, the auth flow, the HTTP client.

`_BaseClient` is the base of Rememberizer and AsyncRememberizer (rememberizer/_async/_client.py,
the single source of both) and of the vector-store clients.
"""

from __future__ import annotations

import functools
import os
import ssl
import weakref
from collections.abc import Mapping
from http.cookiejar import Cookie, CookieJar, DefaultCookiePolicy
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar
from urllib.request import Request as _UrllibRequest

from rememberizer_api.client import AuthenticatedClient

from ._auth import SESSION_COOKIES, SessionAuthBase
from ._config import (
    DEFAULT_BASE_URL,
    DEFAULT_TIMEOUT,
    check_captcha,
    display_url,
    resolve_api_key,
    resolve_base_url,
    resolve_timeout,
)
from ._errors import AuthenticationError, InvalidRequestError
from ._hooks import RedirectGuard
from ._httpx import check_http_client, httpx2
from ._logging import redact_http_trace, setup_from_env
from ._options import RequestOptions, with_options
from ._pipeline import OWN_COOKIES
from ._retry import DEFAULT_MAX_RETRIES, RetryPolicy
from ._session import OAuthSession, SessionInfo, SessionListener
from ._stores import AsyncSessionStore, MemorySessionStore, SessionStore

if TYPE_CHECKING:
    from ._async._oauth import AsyncOAuthApp
    from ._async._sessions import AsyncSessionAuth, AsyncSessionManager
    from ._sync._oauth import OAuthApp
    from ._sync._sessions import SessionAuth, SessionManager

__all__ = ["DEFAULT_BASE_URL", "DEFAULT_TIMEOUT"]

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


class _ResponseCookies(httpx2.Cookies):
    """The client's cookies, skipping extraction from responses that set none.

    httpx2 builds two urllib adapters for every response before asking the jar, about 60 µs a
    call; almost no API response sets a cookie. The jar and its policy are unchanged.
    """

    def extract_cookies(self, response: httpx2.Response) -> None:
        # A copy acting for one user keeps its answers' cookies out of the shared jar.
        if "set-cookie" in response.headers and OWN_COOKIES not in response.request.extensions:
            super().extract_cookies(response)


class _OpenersOnly(AuthenticatedClient):
    """`raw` of a copy acting for another user: refused, since the generated client sends
    through the pool's auth flow, which carries the session of the client that opened it."""

    def get_httpx_client(self) -> httpx2.Client:
        raise InvalidRequestError(_NO_RAW)

    def get_async_httpx_client(self) -> httpx2.AsyncClient:
        raise InvalidRequestError(_NO_RAW)


_NO_RAW = (
    "client.raw is not available on a copy made with with_options(session=...): it would send "
    "the session of the client that opened the pool; use the facade's methods"
)

_URL_CACHE_SIZE = 512
"""Distinct request paths kept per client: every path of an operation without path parameters,
and the most recent ones of operations with them, without growing without bound."""


@functools.cache
def _shared_ssl_context() -> ssl.SSLContext:
    """One TLS context for every HTTP client the SDK creates: loading the CA bundle costs
    milliseconds per client, and the context holds no per-connection state."""
    return httpx2.create_ssl_context()


_LIVE_CLIENTS: weakref.WeakSet[_BaseClient[Any, Any]] = weakref.WeakSet()


def _fork_child() -> None:
    for client in list(_LIVE_CLIENTS):
        client._after_fork()


def _after_fork_in_child(client: _BaseClient[Any, Any]) -> None:
    """Make `client` fork-safe: in a child process it gets a fresh pool, locks and session."""
    _LIVE_CLIENTS.add(client)


if hasattr(os, "register_at_fork"):  # not on Windows, which has no fork
    os.register_at_fork(after_in_child=_fork_child)

HttpT = TypeVar("HttpT", httpx2.Client, httpx2.AsyncClient)
CaptchaT = TypeVar("CaptchaT")


class _BaseClient(Generic[HttpT, CaptchaT]):
    """What both clients share: configuration, the session, the auth flow, the HTTP client."""

    _http_class: type[HttpT]
    _auth_class: type[SessionAuth] | type[AsyncSessionAuth]
    """The auth flow (and its session manager) of the flavour."""
    _oauth_class: type[OAuthApp] | type[AsyncOAuthApp]
    _auth: SessionAuth | AsyncSessionAuth
    _sessions: SessionManager | AsyncSessionManager

    def __init__(
        self,
        *,
        base_url: str | None = None,
        captcha: CaptchaT | None = None,
        session: SessionStore | AsyncSessionStore | None = None,
        timeout: float | httpx2.Timeout | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: HttpT | None = None,
        on_session_change: SessionListener | None = None,
        allow_insecure_http: bool = False,
        api_key: str | None = None,
        oauth: OAuthApp | AsyncOAuthApp | None = None,
    ) -> None:
        setup_from_env()
        redact_http_trace()
        if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
            raise InvalidRequestError("max_retries must be a whole number, 0 or more")
        if session is not None and not isinstance(session, SessionStore | AsyncSessionStore):
            raise InvalidRequestError("session must be a SessionStore (load, save and lock)")
        if oauth is not None and not isinstance(oauth, self._oauth_class):
            raise InvalidRequestError(f"oauth must be an {self._oauth_class.__name__}")
        if oauth is not None and base_url is None:
            base_url = str(oauth.base_url)
        self.base_url = resolve_base_url(base_url, allow_insecure_http)
        if oauth is not None and oauth.base_url != self.base_url:
            raise InvalidRequestError("oauth's base_url differs from the client's")
        self._oauth = oauth
        self.timeout = resolve_timeout(timeout)
        check_captcha(captcha)
        self._captcha = captcha
        self._policy = RetryPolicy(max_retries)
        self._options = RequestOptions()
        self._responses: list[httpx2.Response] | None = None
        self._auth = self._auth_class.over(
            session or MemorySessionStore(), on_session_change, self.base_url
        )
        self._sessions = self._auth.sessions
        # A client acting for a user (an app's, or one given a session store) uses a key only
        # when handed one: the environment's is the operator's, and would stand in for the
        # user whenever the user has no session (searching and writing the operator's data).
        acts_for_user = oauth is not None or session is not None
        self._auth.api_key = resolve_api_key(api_key, from_env=not acts_for_user)
        self._redirects = RedirectGuard(self.base_url, self._auth.under_base)
        self.raw = AuthenticatedClient(base_url=str(self.base_url), token="")
        """The generated client (rememberizer_api), sharing this client's HTTP client, session
        and auth flow: for operations the facade does not wrap yet."""
        http_client = check_http_client(http_client, self._http_class)
        self._owns_http = http_client is None
        self._http: HttpT = http_client or self._new_http()
        self._bind()
        _after_fork_in_child(self)

    def _new_http(self) -> HttpT:
        return self._http_class(
            timeout=self.timeout,
            follow_redirects=False,
            cookies=CookieJar(),
            verify=_shared_ssl_context(),
        )

    def _live_http(self) -> HttpT:
        """The HTTP client; a clear error once the client is closed."""
        if self._http.is_closed:
            raise RuntimeError(
                f"this {type(self).__name__} is closed; create a new client to make calls"
            )
        return self._http

    def _after_fork(self) -> None:
        """In a forked child: a fresh connection pool (the parent's sockets are shared with
        it), fresh locks, and the session as the store has it."""
        if self._owns_http:
            self._http = self._new_http()
            self._bind()
        self._auth.after_fork()

    def _oauth_of(self, session: OAuthSession) -> Any:
        """The app that refreshes `session`; AuthenticationError when this client has none."""
        if self._oauth is None or self._oauth.client_id != session.client_id:
            raise AuthenticationError(
                "this session belongs to a Rememberizer app: pass oauth=<its app> to refresh it",
                status_code=401,
            )
        return self._oauth

    def _bind(self) -> None:
        """Wire the HTTP client, the refresher and the namespaces (sync or async)."""
        raise NotImplementedError

    def _configure(
        self, http: httpx2.Client | httpx2.AsyncClient, request_hook: Any, response_hook: Any
    ) -> None:
        """Point an HTTP client at the API, with our auth, cookie scope and redirect guard."""
        if isinstance(http.auth, SessionAuthBase) and http.auth is not self._auth:
            # Its auth flow is the other client's session: sharing it would mix two sessions.
            raise InvalidRequestError(
                "this http_client already serves another Rememberizer client; to act for "
                "many users over one pool, use client.with_options(session=...)"
            )
        http.base_url = self.base_url
        http.auth = self._auth
        http.cookies.jar.set_policy(_ApiHostOnly(self.base_url.host))
        # The public setter would wrap the jar in a plain Cookies; this keeps the same jar.
        http._cookies = _ResponseCookies(http.cookies.jar)
        self._base = http.base_url  # with the trailing slash httpx2 adds
        self._urls: dict[str, httpx2.URL] = {}
        http.event_hooks = {
            "request": [*http.event_hooks["request"], request_hook],
            "response": [*http.event_hooks["response"], response_hook],
        }

    def with_options(
        self,
        *,
        timeout: float | httpx2.Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str] | None = None,
        session: SessionStore | AsyncSessionStore | None = None,
        on_session_change: SessionListener | None = None,
    ) -> Self:
        """A client with these options changed, sharing this one's configuration and
        connection pool; for one call, `client.with_options(timeout=5).account.get()`.

        Without `session` the copy shares this client's session and auth flow too. With
        `session`, it acts for the user whose session that store keeps: its own session, its
        own single-flight refresh, no API key (a user without a session is signed out, never
        the operator), and `on_session_change` (else this client's listener) for its events.
        That is how a web back end serves many users over one pool (docs/web-backends.md).
        Closing a copy leaves the pool open: the client that opened it closes it.

        Raises:
            InvalidRequestError: an option is invalid (nothing is changed).
        """
        clone = with_options(
            self,
            timeout=timeout,
            max_retries=max_retries,
            extra_headers=extra_headers,
            extra_query=extra_query,
        )
        if session is not None:
            clone._act_for(session, on_session_change or self._sessions._listener)
        elif on_session_change is not None:
            raise InvalidRequestError("on_session_change is given with session= only")
        return clone

    def _act_for(
        self, session: SessionStore | AsyncSessionStore, listener: SessionListener | None
    ) -> None:
        """Give this copy a session manager and auth flow of its own, over `session`."""
        if not isinstance(session, SessionStore | AsyncSessionStore):
            raise InvalidRequestError("session must be a SessionStore (load, save and lock)")
        auth = self._auth_class.over(session, listener, self.base_url)
        auth.key_scheme = self._auth.key_scheme
        auth.shares_jar = False
        self._auth, self._sessions = auth, auth.sessions
        self._attach_refresher()
        # The generated client sends through the pool's own auth flow, the opener's session.
        self.raw = _OpenersOnly(base_url=str(self.base_url), token="")

    def _attach_refresher(self) -> None:
        """Point the auth flow's refresh at this client (sync or async)."""
        raise InvalidRequestError(f"a {type(self).__name__} acts with its key, not a session")

    def _url(self, path: str) -> httpx2.URL:
        """The absolute URL of a generated operation's relative `path`, built once.

        It is what httpx2's own merge gives (base path + path without its leading slash), so
        the request is byte-identical; httpx2 would parse and merge it on every request.
        """
        url = self._urls.get(path)
        if url is None:
            relative = httpx2.URL(path)
            if not relative.is_relative_url:
                raise InvalidRequestError("an operation path must be relative to the base URL")
            raw_path = self._base.raw_path + relative.raw_path.lstrip(b"/")
            url = self._base.copy_with(raw_path=raw_path)
            if len(self._urls) < _URL_CACHE_SIZE:
                self._urls[path] = url
        return url

    @property
    def session(self) -> SessionInfo:
        """A read-only view of the session: signed in?, user id, access expiry. No secrets."""
        return SessionInfo.of(self._sessions.current)

    def __repr__(self) -> str:
        url = display_url(self.base_url)
        return f"<{type(self).__name__} {url} signed_in={self.session.signed_in}>"
