"""Sessions: the tokens a signin yields, where they are kept, and who is told when they change."""

from __future__ import annotations

import base64
import contextlib
import errno
import json
import logging
import math
import os
import re
import stat
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from http.cookies import CookieError, SimpleCookie
from pathlib import Path
from typing import Any, ClassVar, Literal

import attrs
from rememberizer_api.operations import ACCESS_COOKIE_SCHEME, REFRESH_COOKIE_SCHEME, SESSION_COOKIES

from ._async._store import AsyncSessionStore
from ._concurrency import AsyncLock, AsyncSide, aheld
from ._config import DEFAULT_BASE_URL, origin_of
from ._errors import APIResponseValidationError, SessionStoreError
from ._sync._store import SessionStore

__all__ = [
    "AsyncSessionStore",
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


AnySessionStore = SessionStore | AsyncSessionStore
"""A store of either side: a client's own flavour of it is taken (rememberizer/_concurrency.py)."""


class MemorySessionStore(AsyncSide):
    """The default store: the session lives in this process only."""

    blocks = False  # the async client reads and writes it on the event loop

    def __init__(self, session: Session | None = None) -> None:
        self._session = session
        self._pid = os.getpid()
        self._thread_lock = threading.Lock()
        self._task_lock = AsyncLock()

    def load(self) -> Session | None:
        """The session, or None."""
        return self._session

    def save(self, session: Session | None) -> None:
        """Keep `session`."""
        self._session = session

    def lock(self) -> contextlib.AbstractContextManager[Any]:
        """Exclude the other threads that refresh this session: the copies of a client that
        share this store (one per request, say) each refresh once otherwise, and all but the
        first spend a refresh token already used."""
        if self._pid != os.getpid():  # a forked child: the parent's holder is not here
            self._pid, self._thread_lock = os.getpid(), threading.Lock()
        return self._thread_lock

    def alock(self) -> contextlib.AbstractAsyncContextManager[None]:
        """`lock()` for the tasks of an event loop."""
        return self._task_lock

    def __repr__(self) -> str:
        return f"MemorySessionStore(signed_in={self._session is not None})"


class FileSessionStore(AsyncSide):
    """A session kept in a JSON file that several processes may share.

    The file is written with mode 0600 and replaced atomically (a crash mid-write leaves the
    old file whole); a file that others can read is warned about and set back to 0600 on load.
    `lock()` is a cross-process file lock (`PATH.lock`, through `filelock`); `alock()` is the
    same lock, waited for in a worker thread without blocking the event loop, and
    `aload`/`asave` run in a worker thread. A file that cannot be written raises
    SessionStoreError naming the path.

    In a folder that refuses the atomic replace (read-only), the file is written in place, or
    else removed, so that no later run replays a refresh token the server has rotated; until
    the file changes, `load` answers the session it could not write.

    ```python
    store = FileSessionStore("~/.config/rememberizer/session.json")
    client = Rememberizer(session=store)
    ```
    """

    def __init__(self, path: str | os.PathLike[str], *, lock_timeout: float = 30.0) -> None:
        self.path = Path(path).expanduser()
        self._lock_path = str(self.path) + ".lock"
        self._lock_timeout = lock_timeout
        # A session this store could not write, and the file's bytes then (None: no file).
        # While the file still holds those bytes, they are older than the session: a refresh
        # already spent their refresh token, and reading them back would replay it.
        self._unsaved: tuple[bytes | None, Session | None] | None = None

    def _newer_than(self, data: bytes | None) -> tuple[bool, Session | None]:
        unsaved = self._unsaved
        if unsaved is None:
            return False, None
        if unsaved[0] != data:  # written since (another process): the file is newer
            self._unsaved = None
            return False, None
        return True, unsaved[1]

    def load(self) -> Session | None:
        """The session in the file, or None when there is none (or it is unusable: warned).

        After a save that failed, the session that could not be written, as long as the file
        is unchanged.
        """
        try:
            data = self.path.read_bytes()
            mode = os.stat(self.path).st_mode
        except FileNotFoundError:
            data = None
        except OSError as exc:
            logger.warning("cannot read the session file %s: %s", self.path, exc.strerror)
            return None
        newer, unsaved = self._newer_than(data)
        if newer:
            return unsaved
        if data is None:
            return None
        if stat.S_IMODE(mode) & 0o077:
            # As OpenSSH does with key files: a session others can read is a leaked session.
            logger.warning(
                "the session file %s was readable by other users (mode %o); set it to 0600",
                self.path,
                stat.S_IMODE(mode),
            )
            with contextlib.suppress(OSError):
                os.chmod(self.path, 0o600)
        try:
            return Session.from_dict(_json(data.decode("utf-8")))
        except UnicodeDecodeError:
            problem = "is not UTF-8"
        except ValueError:
            problem = "is not valid JSON"
        except RecursionError:
            problem = "is nested too deeply"
        logger.warning("the session file %s %s; ignoring it", self.path, problem)
        return None

    def save(self, session: Session | None) -> None:
        """Write `session` atomically with mode 0600; None deletes the file.

        Raises:
            SessionStoreError: the file cannot be written (or removed).
        """
        try:
            self._write(session)
        except OSError as exc:
            problem = exc.strerror or str(exc) or type(exc).__name__
        else:
            self._unsaved = None
            return
        try:
            self._unsaved = (self.path.read_bytes(), session)
        except FileNotFoundError:
            self._unsaved = (None, session)
        except OSError:
            self._unsaved = None
        # Raised outside the handler: no exception chain follows the error around.
        raise SessionStoreError(f"cannot write the session file {self.path}: {problem}")

    def _write(self, session: Session | None) -> None:
        if session is None:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            return
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        data = json.dumps(session.to_dict())
        try:
            self._replace(data)
        except OSError as exc:
            if exc.errno not in _REFUSED or not self.path.is_file():
                raise
            # The folder takes no new file (read-only): left as it is, the file would keep a
            # refresh token the server has just rotated, and the next run would replay it (the
            # server then ends the whole session). Write it in place instead; failing that,
            # remove it, so that the next run finds itself signed out.
            self._fallback(data)

    def _replace(self, data: str) -> None:
        fd, tmp = tempfile.mkstemp(prefix=".session-", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                os.fchmod(handle.fileno(), 0o600)
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    def _fallback(self, data: str) -> None:
        try:
            # Not atomic: a crash mid-write leaves a file that does not parse, which the next
            # run ignores (signed out), never the spent token.
            fd = os.open(self.path, os.O_WRONLY | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0))
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError:
            pass
        else:
            logger.warning(
                "the folder of %s is read-only: the session was written in place", self.path
            )
            return
        try:
            self.path.unlink()
        except OSError as exc:
            raise OSError(
                exc.errno,
                f"{exc.strerror}; it still holds the session before this change, whose refresh "
                "token the server may have rotated: remove the file, or make it writable",
            ) from None
        logger.warning(
            "the session file %s could not be written: it was removed (signed out)", self.path
        )

    def _file_lock(self) -> contextlib.AbstractContextManager[Any]:
        from filelock import FileLock

        # A lock object for each hold: filelock counts holds per object, so two clients (or
        # two copies of one, per request) sharing this store in one process would both get a
        # shared object, and it refuses an object inherited across a fork. thread_local=False:
        # the async side takes it in one worker thread and frees it in another.
        return FileLock(self._lock_path, timeout=self._lock_timeout, thread_local=False, mode=0o600)

    def lock(self) -> contextlib.AbstractContextManager[Any]:
        """Hold the cross-process lock; it excludes every other holder, in this process too."""
        return self._file_lock()

    def alock(self) -> contextlib.AbstractAsyncContextManager[None]:
        """Hold the cross-process lock from the event loop (waited for in a worker thread)."""
        return aheld(self._file_lock())

    def __repr__(self) -> str:
        return f"FileSessionStore({str(self.path)!r})"


# What a read-only folder (or one that refuses this process a new file) answers.
_REFUSED = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})

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
