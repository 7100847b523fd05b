"""Reading and writing a Redis session store's key, for AsyncRedisSessionStore.

This module is the single source: scripts/unasync writes rememberizer/_sync/_redis_store.py
from it. The lock differs between the two stores (a thread extends it, or a task), and so does
who holds it, so those live in rememberizer/_redis.py on the subclasses of
AsyncRedisStoreBase.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

from redis.exceptions import LockError, RedisError

if TYPE_CHECKING:
    from .._redis import _Config, _Held
    from .._session import Session

T = TypeVar("T")


def _text(raw: Any) -> str | None:
    if raw is None:
        return None
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)


class AsyncRedisStoreBase:
    """What a Redis session store does with its key, lock or no lock."""

    key: str
    _config: _Config
    _redis: Any  # a redis-py client of this flavour (sync or asyncio)
    _cas: Any  # the compare-and-set script registered on it

    def _mine(self) -> _Held | None:
        """The lock this store holds, when the caller is its holder."""
        raise NotImplementedError

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

    async def _call(
        self, doing: str, fn: Callable[..., Awaitable[T]], *args: Any, **kwargs: Any
    ) -> T:
        try:
            return await fn(*args, **kwargs)
        except (RedisError, LockError) as exc:
            failure = self._config.error(doing, exc)
        # Raised outside the handler: nothing of redis-py's stays in the error's chain.
        raise failure
