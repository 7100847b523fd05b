"""AsyncRedisSessionStore: a session store on Redis (or Valkey), for AsyncRememberizer.

Written once, in rememberizer/_async/; scripts/unasync writes rememberizer/_sync/_redis_store.py
(RedisSessionStore, on redis-py's sync client) from it. How the store works is in
rememberizer/_redis.py's docstring. What differs between the two flavours is in
rememberizer/_concurrency.py: who holds the lock (a thread or a task), what renews it while
held (a thread or a task), and freeing it even when the holder is cancelled.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

import redis.asyncio
from redis.exceptions import LockError, LockNotOwnedError, RedisError

from .._concurrency import AsyncRepeater, alock_owner, ashielded
from .._redis import _COMPARE_AND_SET, PRODUCTION_ORIGIN, _Config, _Held, _text, logger

if TYPE_CHECKING:
    from redis.asyncio.lock import Lock

    from .._session import Session

T = TypeVar("T")


class AsyncRedisSessionStore:
    """A session in Redis (or Valkey), shared by every host that uses the same key.

    It implements the store protocol: `aload`, `asave` and `alock`.

    Args:
        redis_client: a `redis.asyncio.Redis` (redis-py). Its connection settings (timeouts,
            retries, TLS, password) are yours to choose; `decode_responses` may be either.
        key: the Redis key; by default ``session_key(name, origin)``.
        name: tells apart the users or apps that share one Redis (when `key` is not given).
        origin: the API base URL the session belongs to (when `key` is not given).
        ttl: seconds the stored session lives after each save; set it to the refresh token's
            lifetime so a session nobody refreshes goes away with its token. None: no expiry.
        lock_timeout: seconds the lock lives if its holder dies; renewed while held.
        lock_wait: the longest wait for the lock before `SessionStoreError`.

    ```python
    import redis.asyncio
    store = AsyncRedisSessionStore(redis.asyncio.Redis(), name="ada")
    client = AsyncRememberizer(session=store)
    ```
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
        """A store on a new `redis.asyncio.Redis.from_url(url)` client; `options` as for the
        class."""
        return cls(redis.asyncio.Redis.from_url(url), key, **options)

    def _mine(self) -> _Held | None:
        """The lock this store holds, when the caller is its holder."""
        held = self._held
        return held if held is not None and held.owner == alock_owner() else None

    async def aload(self) -> Session | None:
        """The stored session, or None. Raises SessionStoreError when Redis fails."""
        raw = await self._call("read", self._redis.get, self.key)
        held = self._mine()
        if held is not None:
            held.loaded = _text(raw) or ""
        return self._config.decode(raw)

    async def asave(self, session: Session | None) -> None:
        """Store `session` (None deletes it).

        Under this store's lock, only if the key still holds what the last load read there;
        otherwise SessionConflictError and the stored session is left as it is.
        """
        config, value = self._config, self._config.encode(session)
        held = self._mine()
        if held is not None:
            args = [held.loaded, value, config.ttl_arg()]
            if not await self._call("write", self._cas, keys=[self.key], args=args):
                raise config.refused()
            held.loaded = value
        elif session is None:
            await self._call("write", self._redis.delete, self.key)
        else:
            ttl = None if config.ttl is None else int(config.ttl_arg())
            await self._call("write", self._redis.set, self.key, value, px=ttl)

    @contextlib.asynccontextmanager
    async def alock(self) -> AsyncIterator[None]:
        """Hold the lock that every host sharing the key takes before it refreshes."""
        config = self._config
        lock: Lock = self._redis.lock(
            config.lock_name,
            timeout=config.lock_timeout,
            blocking_timeout=config.lock_wait,
            thread_local=False,
        )
        if not await self._call("lock", lock.acquire):
            raise config.timed_out()
        held = _Held(alock_owner())
        try:
            # What a save under the lock compares with, until a load under it reads again.
            held.loaded = _text(await self._call("read", self._redis.get, self.key)) or ""
        except BaseException:
            await self._release(lock)
            raise
        self._held = held
        # Renewed every third of its timeout while held, so a slow refresh never loses it.
        renewing = AsyncRepeater(
            config.lock_timeout / 3, lambda: self._extend(lock), "rememberizer-redis-lock"
        )
        try:
            async with renewing:
                yield
        finally:
            self._held = None
            await self._release(lock)

    @staticmethod
    async def _release(lock: Lock) -> None:
        try:
            # Shielded: a holder cancelled meanwhile (async) still frees the lock for the others.
            await ashielded(lock.release)
        except LockNotOwnedError:
            logger.warning("the session lock %s expired before it was released", lock.name)
        except (RedisError, LockError) as exc:
            # It expires by itself after lock_timeout.
            logger.warning("cannot release the session lock %s: %s", lock.name, exc)

    @staticmethod
    async def _extend(lock: Lock) -> bool:
        """Renew the lock's timeout while it is held; False once it is lost."""
        try:
            await lock.reacquire()
        except LockNotOwnedError:
            logger.warning("the session lock %s expired while held", lock.name)
            return False
        except (RedisError, LockError) as exc:
            logger.warning("cannot extend the session lock %s: %s", lock.name, exc)
        return True

    async def _call(
        self, doing: str, fn: Callable[..., Awaitable[T]], *args: Any, **kwargs: Any
    ) -> T:
        try:
            return await fn(*args, **kwargs)
        except (RedisError, LockError) as exc:
            failure = self._config.error(doing, exc)
        # Raised outside the handler: nothing of redis-py's stays in the error's chain.
        raise failure

    def __repr__(self) -> str:
        return f"AsyncRedisSessionStore(key={self.key!r})"
