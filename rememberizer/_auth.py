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

This module holds what the flavours share and what does no I/O: which credentials a request
carries, and attaching them. The auth flow and the one refresh algorithm are AsyncSessionAuth's,
in rememberizer/_async/_sessions.py; scripts/unasync writes SessionAuth from it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rememberizer_api import operations as ops
from rememberizer_api.operations import BY_ROUTE, OperationInfo

from ._errors import AuthenticationError
from ._httpx import httpx2
from ._pipeline import CREDENTIALED, OPERATION, OWN_COOKIES, REFRESH_TOKEN
from ._session import Session

if TYPE_CHECKING:
    from ._async._sessions import AsyncSessionManager
    from ._sync._sessions import SessionManager

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


class SessionAuthBase(httpx2.Auth):
    """Attaches credentials for one API base URL; its flavours refresh them when needed."""

    sessions: SessionManager | AsyncSessionManager

    def __init__(
        self, sessions: SessionManager | AsyncSessionManager, base_url: httpx2.URL
    ) -> None:
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
        self._new_flight()

    def _new_flight(self) -> None:
        """Make the refresh's single flight (of the flavour): at start, and in a forked child."""
        raise NotImplementedError

    def after_fork(self) -> None:
        """In a forked child: fresh locks (another thread's may be held forever), and the
        session read again from the store before the next request."""
        self._new_flight()
        self.sessions.after_fork()

    def __repr__(self) -> str:
        url = self.base_url.copy_with(username=None, password=None)
        return f"<{type(self).__name__} {url}>"

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
        bear(request, session)
        return session


def bear(request: httpx2.Request, session: Session | None) -> None:
    """Set (or, with no session, drop) the Bearer header."""
    if session is None:
        request.headers.pop(BEARER_HEADER, None)
    else:
        request.headers[BEARER_HEADER] = session.bearer
