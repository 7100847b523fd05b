"""Sessions: the tokens a signin yields, what the client reads of them, and the session a
response's cookies start. Where they are kept is rememberizer/_stores.py."""

from __future__ import annotations

import base64
import json
import logging
import math
import re
import time
from collections.abc import Callable
from datetime import UTC, datetime
from http.cookies import CookieError, SimpleCookie
from typing import Any, ClassVar, Literal

import attrs
from rememberizer_api.operations import ACCESS_COOKIE_SCHEME, REFRESH_COOKIE_SCHEME, SESSION_COOKIES

from ._config import DEFAULT_BASE_URL, origin_of
from ._errors import APIResponseValidationError

__all__ = ["OAuthSession", "Session", "SessionEvent", "SessionInfo", "SessionListener"]

logger = logging.getLogger("rememberizer")

SessionEvent = Literal["signed_in", "refreshed", "signed_out", "expired"]
"""What happened to the session, as `on_session_change(event, session)` is told."""

PRODUCTION_ORIGIN = origin_of(DEFAULT_BASE_URL)
# Times outside these bounds (Unix seconds; a lifetime in seconds) are not a real session's:
# NaN, Infinity or 1e300 in a file would break every datetime made from them.
_LATEST = 253_402_300_799.0  # 9999-12-31T23:59:59Z, datetime's own limit
_LONGEST_LIFETIME = 100 * 365 * 86_400.0


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _json(text: str | bytes) -> Any:
    """Strict JSON: NaN and Infinity are refused (Python's json accepts them)."""
    return json.loads(text, parse_constant=_no_constant)


def _jwt_claims(token: str) -> dict[str, Any]:
    """The JWT payload, unverified: the client has no key and only reads times from it."""
    try:
        payload = token.split(".")[1]
        claims = _json(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError, UnicodeDecodeError, RecursionError):
        return {}
    return claims if isinstance(claims, dict) else {}


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:  # an int too large for a float
        return None
    return number if math.isfinite(number) else None


def _now() -> float:
    """The clock, read through this module's `time` at each call (as every other reading here
    is), so that a test that swaps the module's clock moves every session's `received_at`."""
    return time.time()


def _sane_time(value: float | None) -> bool:
    return value is not None and 0 <= value <= _LATEST


@attrs.frozen(repr=False)
class Session:
    """A signed-in session: the access token (a JWT) and the refresh token.

    `received_at` is when this client got the tokens, by its own clock. `access_expires_at`
    (a Unix time by this client's clock) is judged from it and the token's own lifetime
    (`exp - iat`), so a client whose clock is off by hours neither refreshes on every call nor
    trusts a dead token. `user_id` is the token's `sub`. `origin` is the API base URL that issued
    the session (`scheme://host[:port]/base/path`): a client on another base URL never uses it.

    The repr never shows the tokens.
    """

    access_token: str
    refresh_token: str
    received_at: float = attrs.field(factory=_now)
    origin: str | None = None
    # Read from the token once: every request asks for the expiry.
    user_id: str | None = attrs.field(init=False, eq=False)
    access_expires_at: float | None = attrs.field(init=False, eq=False)
    # The Authorization header value, made once: it is compared on every request.
    bearer: str = attrs.field(init=False, eq=False)

    def __attrs_post_init__(self) -> None:
        claims = _jwt_claims(self.access_token)
        sub = claims.get("sub")
        exp, iat = _number(claims.get("exp")), _number(claims.get("iat"))
        if exp is not None and iat is not None and 0 <= exp - iat <= _LONGEST_LIFETIME:
            expires: float | None = self.received_at + (exp - iat)
        else:
            expires = exp
        if not _sane_time(expires):
            # A time no datetime can hold: treat the expiry as unknown (a 401 still refreshes).
            expires = None
        object.__setattr__(self, "user_id", str(sub) if sub is not None else None)
        object.__setattr__(self, "access_expires_at", expires)
        object.__setattr__(self, "bearer", f"Bearer {self.access_token}")

    def expires_within(self, seconds: float, now: float | None = None) -> bool:
        """True when the access token expires within `seconds` from now."""
        expires = self.access_expires_at
        if expires is None:
            return False
        return expires - (time.time() if now is None else now) <= seconds

    def to_dict(self) -> dict[str, Any]:
        """The JSON form that FileSessionStore writes."""
        return {
            "access_token": self.access_token,
            "refresh_token": self.refresh_token,
            "received_at": self.received_at,
            "origin": self.origin,
        }

    @classmethod
    def from_dict(cls, data: Any) -> Session | None:
        """A Session from its JSON form, or None when the data is not one (or is not sane)."""
        if not isinstance(data, dict):
            return None
        if data.get("kind") == OAuthSession.kind:
            return OAuthSession.from_json(data)
        access, refresh = data.get("access_token"), data.get("refresh_token")
        origin = data.get("origin")
        if not isinstance(access, str) or not isinstance(refresh, str) or not access or not refresh:
            return None
        if origin is not None and not isinstance(origin, str):
            return None
        raw_received = data.get("received_at")
        received = _number(raw_received)
        if raw_received is not None and not _sane_time(received):
            logger.warning("a stored session has an impossible received_at; ignoring it")
            return None
        claims = _jwt_claims(access)
        exp, iat = claims.get("exp"), claims.get("iat")
        for value in (exp, iat):
            if value is not None and not _sane_time(_number(value)):
                logger.warning("a stored session's token has impossible times; ignoring it")
                return None
        session = cls(access, refresh, received if received is not None else time.time(), origin)
        return session

    def __repr__(self) -> str:
        return (
            f"Session(user_id={self.user_id!r}, access_expires_at={self.access_expires_at!r}, "
            f"origin={self.origin!r}, access_token=<redacted>, refresh_token=<redacted>)"
        )


@attrs.frozen(repr=False)
class OAuthSession(Session):
    """A Rememberizer app's session (OAuth2): the app token a user granted, and its refresh
    token ("" when the app did not ask for the `offline_access` scope).

    `client_id` is the app it belongs to, `scope` what was granted, and `origin` the API base
    URL that issued it. It is stored as JSON with `"kind": "oauth"`; a store holding one is
    refreshed through the app's token endpoint instead of the cookie refresh.
    """

    kind: ClassVar[str] = "oauth"
    client_id: str = attrs.field(default="", kw_only=True)
    scope: str = attrs.field(default="", kw_only=True)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: the cookie session's, with its kind, app, scope and origin."""
        return {
            **super().to_dict(),
            "kind": self.kind,
            "client_id": self.client_id,
            "scope": self.scope,
            "origin": self.origin,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> OAuthSession | None:
        """An OAuthSession from its JSON form, or None when the data is not one."""
        access, refresh = data.get("access_token"), data.get("refresh_token")
        client_id, scope, origin = data.get("client_id"), data.get("scope"), data.get("origin")
        received = _number(data.get("received_at"))
        if not isinstance(access, str) or not access or not isinstance(refresh, str):
            return None
        if not isinstance(client_id, str) or not isinstance(scope, str):
            return None
        return cls(
            access,
            refresh,
            received if received is not None else time.time(),
            client_id=client_id,
            scope=scope,
            origin=origin if isinstance(origin, str) else None,
        )

    def __repr__(self) -> str:
        return (
            f"OAuthSession(client_id={self.client_id!r}, user_id={self.user_id!r}, "
            f"scope={self.scope!r}, access_expires_at={self.access_expires_at!r}, "
            "access_token=<redacted>, refresh_token=<redacted>)"
        )


@attrs.frozen
class SessionInfo:
    """A read-only view of the client's session, with no secrets in it.

    Attributes:
        signed_in: whether the client holds a session.
        user_id: the signed-in user's id, from the access token.
        access_expires_at: when the access token expires, as an aware UTC datetime.
    """

    signed_in: bool
    user_id: str | None = None
    access_expires_at: datetime | None = None

    @classmethod
    def of(cls, session: Session | None) -> SessionInfo:
        """The view of `session`."""
        if session is None:
            return cls(signed_in=False)
        expires = session.access_expires_at
        return cls(
            signed_in=True,
            user_id=session.user_id,
            access_expires_at=None if expires is None else datetime.fromtimestamp(expires, UTC),
        )


def stored_session(text: str, where: str) -> Session | None:
    """The session a store holds as JSON `text`, or None, with a warning naming `where` (the
    file, the Redis key), when it is not one: an unusable stored value is no session."""
    try:
        return Session.from_dict(_json(text))
    except ValueError:
        problem = "is not valid JSON"
    except RecursionError:
        problem = "is nested too deeply"
    logger.warning("%s %s; ignoring it", where, problem)
    return None


_FOLDED = re.compile(r",\s*(?=[^;,=\s]+=)")
# A cookie value that fits in a header: printable ASCII, no control character.
_USABLE = re.compile(r"[\x21-\x7e]+")


def session_from_response(response: Any, origin: str | None = None) -> Session | None:
    """The session that a response's Set-Cookie headers start, or None when they set none.

    The session is bound to `origin` (the client's API base URL). A token with a control
    character or a non-ASCII character could never be sent back: that raises
    APIResponseValidationError, without the value.
    """
    values: dict[str, str] = {}
    headers = [
        # Some proxies fold several Set-Cookie headers into one, comma-joined (Prism does);
        # split before each `name=`, which leaves the commas inside Expires dates alone.
        part
        for header in response.headers.get_list("set-cookie")
        for part in _FOLDED.split(header)
    ]
    for header in headers:
        parsed: SimpleCookie = SimpleCookie()
        try:
            parsed.load(header)
        except CookieError:
            continue
        for name, morsel in parsed.items():
            if name in SESSION_COOKIES and morsel.value and morsel["max-age"] != "0":
                values[name] = morsel.value
    access, refresh = ACCESS_COOKIE_SCHEME.cookie, REFRESH_COOKIE_SCHEME.cookie
    if access in values and refresh in values:
        if not all(_USABLE.fullmatch(value) for value in values.values()):
            raise APIResponseValidationError(
                "the server sent an unusable session cookie",
                status_code=response.status_code,
                response=response,
            )
        return Session(values[access], values[refresh], origin=origin)
    return None


SessionListener = Callable[[SessionEvent, SessionInfo], None]
