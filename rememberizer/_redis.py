"""Sessions shared by many hosts: a session store on Redis (or Valkey), sync and async.

Install with ``pip install 'rememberizer[redis]'``. Nothing here is imported by
``import rememberizer``: the package exports these names lazily.

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

import asyncio
import contextlib
import json
import logging
import threading
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from ._errors import SessionConflictError, SessionStoreError
from ._session import Session, _json

try:
    import redis
    import redis.asyncio
    from redis.exceptions import LockError, LockNotOwnedError, RedisError
except ImportError as exc:  # pragma: no cover - exercised in a venv without the extra
    raise ImportError(
        f"the Redis session stores need the redis extra: pip install 'rememberizer[redis]' "
        f"({exc.name} is missing)"
    ) from exc

from ._async._redis_store import AsyncRedisStoreBase, _text
from ._sync._redis_store import RedisStoreBase

if TYPE_CHECKING:
    from redis.asyncio.lock import Lock as AsyncLock
    from redis.lock import Lock

__all__ = [
    "AsyncRedisSessionStore",
    "RedisSessionStore",
    "SessionStoreError",
    "lock_key",
    "session_key",
]

logger = logging.getLogger("rememberizer")
T = TypeVar("T")

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
        try:
            return Session.from_dict(_json(text))
        except ValueError:
            problem = "is not valid JSON"
        except RecursionError:
            problem = "is nested too deeply"
        # As FileSessionStore does: an unusable stored value is no session, with a warning.
        logger.warning("the session in Redis key %s %s; ignoring it", self.key, problem)
        return None

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


class RedisSessionStore(RedisStoreBase):
    """A session in Redis (or Valkey), shared by every host that uses the same key.

    Args:
        redis_client: a `redis.Redis` (redis-py). Its connection settings (timeouts,
            retries, TLS, password) are yours to choose; `decode_responses` may be either.
        key: the Redis key; by default ``session_key(name, origin)``.
        name: tells apart the users or apps that share one Redis (when `key` is not given).
        origin: the API base URL the session belongs to (when `key` is not given).
        ttl: seconds the stored session lives after each save; set it to the refresh token's
            lifetime so a session nobody refreshes goes away with its token. None: no expiry.
        lock_timeout: seconds the lock lives if its holder dies; renewed while held.
        lock_wait: the longest wait for the lock before `SessionStoreError`.

    ```python
    import redis
    store = RedisSessionStore(redis.Redis(), name="ada")
    client = Rememberizer(session=store)
    ```
    """

    def __init__(
        self,
        redis_client: redis.Redis,
        key: str | None = None,
        *,
        name: str = "default",
        origin: str = PRODUCTION_ORIGIN,
        ttl: float | None = None,
        lock_timeout: float = 10.0,
        lock_wait: float = 30.0,
    ) -> None:
        self._config = _Config(key, name, origin, ttl, lock_timeout, lock_wait)
        self.key = self._config.key
        self._redis = redis_client
        self._cas = redis_client.register_script(_COMPARE_AND_SET)
        self._held: _Held | None = None

    @classmethod
    def from_url(cls, url: str, key: str | None = None, **options: Any) -> RedisSessionStore:
        """A store on a new `redis.Redis.from_url(url)` client; `options` as for the class."""
        return cls(redis.Redis.from_url(url), key, **options)

    def _mine(self) -> _Held | None:
        held = self._held
        return held if held is not None and held.owner == threading.get_ident() else None

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the lock that every host sharing the key takes before it refreshes."""
        config = self._config
        lock: Lock = self._redis.lock(
            config.lock_name,
            timeout=config.lock_timeout,
            blocking_timeout=config.lock_wait,
            thread_local=False,
        )
        if not self._call("lock", lock.acquire):
            raise config.timed_out()
        held = _Held(threading.get_ident())
        try:
            # What a save under the lock compares with, until a load under it reads again.
            held.loaded = _text(self._call("read", self._redis.get, self.key)) or ""
        except BaseException:
            self._release(lock)
            raise
        stop = threading.Event()
        extender = threading.Thread(
            target=self._extend, args=(lock, stop), name="rememberizer-redis-lock", daemon=True
        )
        extender.start()
        self._held = held
        try:
            yield
        finally:
            self._held = None
            stop.set()
            extender.join()
            self._release(lock)

    @staticmethod
    def _release(lock: Lock) -> None:
        try:
            lock.release()
        except LockNotOwnedError:
            logger.warning("the session lock %s expired before it was released", lock.name)
        except (RedisError, LockError) as exc:
            # It expires by itself after lock_timeout.
            logger.warning("cannot release the session lock %s: %s", lock.name, exc)

    def _extend(self, lock: Lock, stop: threading.Event) -> None:
        interval = self._config.lock_timeout / 3
        while not stop.wait(interval):
            try:
                lock.reacquire()
            except LockNotOwnedError:
                logger.warning("the session lock %s expired while held", lock.name)
                return
            except (RedisError, LockError) as exc:
                logger.warning("cannot extend the session lock %s: %s", lock.name, exc)

    def __repr__(self) -> str:
        return f"RedisSessionStore(key={self.key!r})"


class AsyncRedisSessionStore(AsyncRedisStoreBase):
    """`RedisSessionStore` for the async client, on `redis.asyncio`: it never blocks the loop.

    Takes the same arguments as RedisSessionStore, with a `redis.asyncio.Redis` client.
    It implements the async store protocol: `aload`, `asave` and `alock`.
    """

    def __init__(
        self,
        redis_client: redis.asyncio.Redis,
        key: str | None = None,
        *,
        name: str = "default",
        origin: str = PRODUCTION_ORIGIN,
        ttl: float | None = None,
        lock_timeout: float = 10.0,
        lock_wait: float = 30.0,
    ) -> None:
        self._config = _Config(key, name, origin, ttl, lock_timeout, lock_wait)
        self.key = self._config.key
        self._redis = redis_client
        self._cas = redis_client.register_script(_COMPARE_AND_SET)
        self._held: _Held | None = None

    @classmethod
    def from_url(cls, url: str, key: str | None = None, **options: Any) -> AsyncRedisSessionStore:
        """A store on a new `redis.asyncio.Redis.from_url(url)` client."""
        return cls(redis.asyncio.Redis.from_url(url), key, **options)

    def _mine(self) -> _Held | None:
        held = self._held
        if held is None:
            return None
        try:
            task = asyncio.current_task()
        except RuntimeError:
            return None
        return held if held.owner is task else None

    @contextlib.asynccontextmanager
    async def alock(self) -> AsyncIterator[None]:
        """Hold the lock that every host sharing the key takes before it refreshes."""
        config = self._config
        lock: AsyncLock = self._redis.lock(
            config.lock_name,
            timeout=config.lock_timeout,
            blocking_timeout=config.lock_wait,
            thread_local=False,
        )
        if not await self._call("lock", lock.acquire):
            raise config.timed_out()
        held = _Held(asyncio.current_task())
        try:
            held.loaded = _text(await self._call("read", self._redis.get, self.key)) or ""
        except BaseException:
            await self._release(lock)
            raise
        extender = asyncio.ensure_future(self._extend(lock))
        self._held = held
        try:
            yield
        finally:
            self._held = None
            extender.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await extender
            await self._release(lock)

    @staticmethod
    async def _release(lock: AsyncLock) -> None:
        try:
            # Shielded: a cancelled holder still frees the lock for the others.
            await asyncio.shield(lock.release())
        except LockNotOwnedError:
            logger.warning("the session lock %s expired before it was released", lock.name)
        except (RedisError, LockError) as exc:
            logger.warning("cannot release the session lock %s: %s", lock.name, exc)

    async def _extend(self, lock: AsyncLock) -> None:
        interval = self._config.lock_timeout / 3
        while True:
            await asyncio.sleep(interval)
            try:
                await lock.reacquire()
            except LockNotOwnedError:
                logger.warning("the session lock %s expired while held", lock.name)
                return
            except (RedisError, LockError) as exc:
                logger.warning("cannot extend the session lock %s: %s", lock.name, exc)

    def __repr__(self) -> str:
        return f"AsyncRedisSessionStore(key={self.key!r})"
