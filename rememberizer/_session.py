"""Sessions: the tokens a signin yields, where they are kept, and who is told when they change."""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import os
import re
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from http.cookies import CookieError, SimpleCookie
from pathlib import Path
from typing import Any, ClassVar, Literal, Protocol, runtime_checkable

import attrs

__all__ = [
    "FileSessionStore",
    "MemorySessionStore",
    "OAuthSession",
    "Session",
    "SessionEvent",
    "SessionInfo",
    "SessionStore",
]

logger = logging.getLogger("rememberizer")

SessionEvent = Literal["signed_in", "refreshed", "signed_out", "expired"]


def _jwt_claims(token: str) -> dict[str, Any]:
    """The JWT payload, unverified: the client has no key and only reads times from it."""
    try:
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError, UnicodeDecodeError):
        return {}
    return claims if isinstance(claims, dict) else {}


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


@attrs.frozen(repr=False)
class Session:
    """A signed-in session: the access token (a JWT) and the refresh token.

    `received_at` is when this client got the tokens, by its own clock. `access_expires_at`
    (a Unix time by this client's clock) is judged from it and the token's own lifetime
    (`exp - iat`), so a client whose clock is off by hours neither refreshes on every call nor
    trusts a dead token. `user_id` is the token's `sub`.

    The repr never shows the tokens.
    """

    access_token: str
    refresh_token: str
    received_at: float = attrs.field(factory=time.time)
    # Read from the token once: every request asks for the expiry.
    user_id: str | None = attrs.field(init=False, eq=False)
    access_expires_at: float | None = attrs.field(init=False, eq=False)
    # The Authorization header value, made once: it is compared on every request.
    bearer: str = attrs.field(init=False, eq=False)

    def __attrs_post_init__(self) -> None:
        claims = _jwt_claims(self.access_token)
        sub = claims.get("sub")
        exp, iat = _number(claims.get("exp")), _number(claims.get("iat"))
        if exp is not None and iat is not None and exp >= iat:
            expires: float | None = self.received_at + (exp - iat)
        else:
            expires = exp
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
        }

    @classmethod
    def from_dict(cls, data: Any) -> Session | None:
        """A Session from its JSON form, or None when the data is not one."""
        if not isinstance(data, dict):
            return None
        if data.get("kind") == OAuthSession.kind:
            return OAuthSession.from_json(data)
        access, refresh = data.get("access_token"), data.get("refresh_token")
        received = _number(data.get("received_at"))
        if not isinstance(access, str) or not isinstance(refresh, str) or not access or not refresh:
            return None
        return cls(access, refresh, received if received is not None else time.time())

    def __repr__(self) -> str:
        return (
            f"Session(user_id={self.user_id!r}, access_expires_at={self.access_expires_at!r}, "
            "access_token=<redacted>, refresh_token=<redacted>)"
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
    origin: str | None = attrs.field(default=None, kw_only=True)

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


@runtime_checkable
class SessionStore(Protocol):
    """Where a client keeps its session.

    Implement `load`, `save` and `lock` to keep sessions elsewhere (a keyring, a database).
    `lock()` must exclude every other process that shares the store: the client holds it while
    it refreshes, and re-reads the store under it, so that no two processes spend one refresh
    token.
    """

    def load(self) -> Session | None:
        """The stored session, or None."""
        ...

    def save(self, session: Session | None) -> None:
        """Store `session`; None removes it."""
        ...

    def lock(self) -> contextlib.AbstractContextManager[None]:
        """A lock that excludes other users of the same store while held."""
        ...


class MemorySessionStore:
    """The default store: the session lives in this process only."""

    def __init__(self, session: Session | None = None) -> None:
        self._session = session

    def load(self) -> Session | None:
        """The session, or None."""
        return self._session

    def save(self, session: Session | None) -> None:
        """Keep `session`."""
        self._session = session

    def lock(self) -> contextlib.AbstractContextManager[None]:
        """Nothing to exclude: the client's own lock covers its threads and tasks."""
        return contextlib.nullcontext()

    def __repr__(self) -> str:
        return f"MemorySessionStore(signed_in={self._session is not None})"


class FileSessionStore:
    """A session kept in a JSON file that several processes may share.

    The file is written with mode 0600 and replaced atomically (a crash mid-write leaves the
    old file whole). `lock()` is a cross-process file lock (`PATH.lock`, through `filelock`).

    >>> store = FileSessionStore("~/.config/rememberizer/session.json")  # doctest: +SKIP
    >>> client = Rememberizer(session=store)                             # doctest: +SKIP
    """

    def __init__(self, path: str | os.PathLike[str], *, lock_timeout: float = 30.0) -> None:
        from filelock import FileLock

        self.path = Path(path).expanduser()
        # thread_local=False: the async client may take the lock in one thread and free it
        # in another.
        self._lock = FileLock(
            str(self.path) + ".lock", timeout=lock_timeout, thread_local=False, mode=0o600
        )

    def load(self) -> Session | None:
        """The session in the file, or None when there is none (or it is unreadable)."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except OSError as exc:
            logger.warning("cannot read the session file %s: %s", self.path, exc.strerror)
            return None
        try:
            return Session.from_dict(json.loads(text))
        except ValueError:
            logger.warning("the session file %s is not valid JSON; ignoring it", self.path)
            return None

    def save(self, session: Session | None) -> None:
        """Write `session` atomically with mode 0600; None deletes the file."""
        if session is None:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            return
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=".session-", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                os.fchmod(handle.fileno(), 0o600)
                json.dump(session.to_dict(), handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the cross-process lock."""
        with self._lock:
            yield

    def __repr__(self) -> str:
        return f"FileSessionStore({str(self.path)!r})"


_FOLDED = re.compile(r",\s*(?=[^;,=\s]+=)")


def session_from_response(response: Any) -> Session | None:
    """The session that a response's Set-Cookie headers start, or None when they set none."""
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
            if (
                name in ("access_token", "refresh_token")
                and morsel.value
                and morsel["max-age"] != "0"
            ):
                values[name] = morsel.value
    if "access_token" in values and "refresh_token" in values:
        return Session(values["access_token"], values["refresh_token"])
    return None


SessionListener = Callable[[SessionEvent, SessionInfo], None]


class SessionManager:
    """The client's live session: a cache of the store, changed only by compare-and-set.

    Every change goes through `replace(expected, new, event)`, which succeeds only when the
    session is still `expected`. That one rule is what keeps a refresh that finishes after a
    logout, or after a signin as someone else, from bringing back the old session.
    """

    def __init__(self, store: SessionStore, listener: SessionListener | None) -> None:
        self.store = store
        self._listener = listener
        self._lock = threading.Lock()
        self._current = store.load()
        self._watchers: list[Callable[[Session | None], None]] = []

    def watch(self, watcher: Callable[[Session | None], None]) -> None:
        """Call `watcher` with the session now and after every change (internal use)."""
        self._watchers.append(watcher)
        watcher(self._current)

    def _changed(self, session: Session | None) -> None:
        for watcher in self._watchers:
            watcher(session)

    @property
    def current(self) -> Session | None:
        """The session as this client knows it."""
        return self._current

    def reload(self) -> Session | None:
        """Read the store again (another process may have changed it) and adopt what is there."""
        stored = self.store.load()
        with self._lock:
            self._current = stored
        self._changed(stored)
        return stored

    def replace(self, expected: Session | None, new: Session | None, event: SessionEvent) -> bool:
        """Set `new` if the session is still `expected`; True when it was set."""
        with self._lock:
            if self._current is not expected:
                return False
            self._current = new
            self.store.save(new)
        self._changed(new)
        self._notify(event, new)
        return True

    def set(self, new: Session | None, event: SessionEvent) -> Session | None:
        """Set `new` whatever was there; returns what was there."""
        with self._lock:
            old, self._current = self._current, new
            self.store.save(new)
        self._changed(new)
        self._notify(event, new)
        return old

    def _notify(self, event: SessionEvent, session: Session | None) -> None:
        if self._listener is None:
            return
        try:
            self._listener(event, SessionInfo.of(session))
        except Exception:  # a listener's bug must not break the session
            logger.exception("on_session_change raised on %s", event)
