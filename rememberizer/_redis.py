"""Sessions shared by many hosts: a session store on Redis (or Valkey), sync and async.

Install with ``pip install 'rememberizer[redis]'``. Nothing here is imported by
``import rememberizer``: the package exports these names lazily.

The store is written once, as AsyncRedisSessionStore in rememberizer/_async/_redis_store.py;
scripts/unasync writes RedisSessionStore from it. This module holds what both use (the keys,
the configuration, the compare-and-set script) and exports the two stores.

How the store keeps one refresh token from being spent twice across hosts:

- `lock()` is redis-py's own `Lock`: a key holding a random token, with a timeout, so a host
  that dies while holding it frees it when the timeout runs out. While it is held, a
  background extender renews the timeout every third of it, so a slow refresh never loses it.
- Under the lock the client re-reads the session (`load`), and the store remembers the exact
  value it read (before any load, the value there when the lock was taken). `save` under the
  lock is a compare-and-set (one Lua script) against that value: if another host wrote
  meanwhile (because this host's lock expired, or a signout or a signin happened without the
  lock), the save is refused with `SessionStoreError` and the newer session stays.
- `save` outside the lock (signin, signout) writes unconditionally: the newest signin or
  signout wins, and a refresh that was in flight on another host cannot bring the old
  session back, because its compare-and-set fails.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any

from ._errors import SessionConflictError, SessionStoreError
from ._session import Session, stored_session

try:
    # The stores load redis-py when first named (below); this says which extra it needs.
    import redis.asyncio  # noqa: F401
except ImportError as exc:  # pragma: no cover - exercised in a venv without the extra
    raise ImportError(
        f"the Redis session stores need the redis extra: pip install 'rememberizer[redis]' "
        f"({exc.name} is missing)"
    ) from exc

if TYPE_CHECKING:
    from ._async._redis_store import AsyncRedisSessionStore
    from ._sync._redis_store import RedisSessionStore

__all__ = [
    "AsyncRedisSessionStore",
    "RedisSessionStore",
    "SessionStoreError",
    "lock_key",
    "session_key",
]

logger = logging.getLogger("rememberizer")

KEY_PREFIX = "rememberizer:session"
# Locks live under their own prefix: were a lock `KEY:lock`, the session named `ada:lock`
# would be the key of `ada`'s lock (a signin there would free it, a held lock would block it).
LOCK_PREFIX = "rememberizer:lock"
PRODUCTION_ORIGIN = "https://api.rememberizer.ai/api/v1"

# Write ARGV[2] (delete when empty) only if the key still holds ARGV[1] ('' = no key), or
# already holds ARGV[2] (an expiry that finds the session signed out is no conflict).
# ARGV[3] is the TTL in milliseconds ('' = none). 1 when written, 0 when refused.
_COMPARE_AND_SET = """
local current = redis.call('GET', KEYS[1])
if current == false then current = '' end
if current == ARGV[2] then return 1 end
if current ~= ARGV[1] then return 0 end
if ARGV[2] == '' then
  redis.call('DEL', KEYS[1])
elseif ARGV[3] == '' then
  redis.call('SET', KEYS[1], ARGV[2])
else
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
end
return 1
"""


def session_key(name: str = "default", origin: str = PRODUCTION_ORIGIN) -> str:
    """The Redis key of a session: ``rememberizer:session:{origin}:{name}``.

    `origin` is the API base URL the session belongs to (trailing slash dropped); `name` tells
    apart the users or apps that share one Redis.
    """
    if not name or not isinstance(name, str):
        raise ValueError("name must be a non-empty string")
    return f"{KEY_PREFIX}:{origin.rstrip('/')}:{name}"


def lock_key(key: str) -> str:
    """The Redis key of the lock for the session at `key`: ``rememberizer:lock:{key}``.

    No session key (``rememberizer:session:...``, or a key of your own) starts with the locks'
    prefix, so no session can be another session's lock.
    """
    return f"{LOCK_PREFIX}:{key}"


def _text(raw: Any) -> str | None:
    if raw is None:
        return None
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)


class _Config:
    """What both stores share: the key, the lock's timings, encoding, and error messages."""

    def __init__(
        self,
        key: str | None,
        name: str,
        origin: str,
        ttl: float | None,
        lock_timeout: float,
        lock_wait: float,
    ) -> None:
        for label, value in (("lock_timeout", lock_timeout), ("lock_wait", lock_wait)):
            if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
                raise ValueError(f"{label} must be a positive number of seconds")
        if ttl is not None and (isinstance(ttl, bool) or not isinstance(ttl, int | float)):
            raise ValueError("ttl must be a number of seconds, or None")
        if ttl is not None and not ttl > 0:
            raise ValueError("ttl must be positive")
        if key is not None and (not isinstance(key, str) or not key):
            raise ValueError("key must be a non-empty string")
        if key is not None and key.startswith(LOCK_PREFIX + ":"):
            raise ValueError(f"key must not start with {LOCK_PREFIX}: (the locks' namespace)")
        self.key = key if key is not None else session_key(name, origin)
        self.lock_name = lock_key(self.key)
        self.ttl = ttl
        self.lock_timeout = float(lock_timeout)
        self.lock_wait = float(lock_wait)

    def encode(self, session: Session | None) -> str:
        return "" if session is None else json.dumps(session.to_dict(), separators=(",", ":"))

    def decode(self, raw: Any) -> Session | None:
        text = _text(raw)
        if text is None:
            return None
        return stored_session(text, f"the session in Redis key {self.key}")

    def ttl_arg(self) -> str:
        return "" if self.ttl is None else str(max(1, round(self.ttl * 1000)))

    def error(self, doing: str, exc: BaseException) -> SessionStoreError:
        # The message names the key and the failure; redis-py's messages name host and port,
        # never the password. Callers raise it outside the handler, so it chains nothing.
        return SessionStoreError(f"cannot {doing} the session in Redis key {self.key}: {exc}")

    def timed_out(self) -> SessionStoreError:
        return SessionStoreError(
            f"timed out after {self.lock_wait:g} s waiting for the session lock "
            f"{self.lock_name} in Redis"
        )

    def refused(self) -> SessionConflictError:
        return SessionConflictError(
            f"the session in Redis key {self.key} changed while this host held the lock "
            "(its lock had expired); the newer session is kept"
        )


class _Held:
    """The lock this store holds now: who holds it, and the value read under it."""

    def __init__(self, owner: object) -> None:
        self.owner = owner
        self.loaded: str = ""  # '' = no session was stored


def __getattr__(name: str) -> Any:
    # The stores are written once in rememberizer/_async/_redis_store.py (the sync one is
    # generated) and import this module's parts, so they load on first use, after it.
    if name == "RedisSessionStore":
        from ._sync._redis_store import RedisSessionStore

        return RedisSessionStore
    if name == "AsyncRedisSessionStore":
        from ._async._redis_store import AsyncRedisSessionStore

        return AsyncRedisSessionStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
