"""Every store the SDK ships, checked against the store contract with rememberizer.testing."""

from __future__ import annotations

import functools
import uuid
from pathlib import Path

import pytest

from rememberizer import (
    AsyncRedisSessionStore,
    FileSessionStore,
    MemorySessionStore,
    RedisSessionStore,
)
from rememberizer.testing import acheck_session_store, check_session_store

from ._servers import RedisServer

pytestmark = pytest.mark.anyio


def test_the_memory_store() -> None:
    store = MemorySessionStore()
    check_session_store(lambda: store, locks=False, processes=False)


def test_the_file_store(tmp_path: Path) -> None:
    check_session_store(functools.partial(FileSessionStore, tmp_path / "session.json"))


def test_the_redis_store(redis_server: RedisServer) -> None:
    key = f"rememberizer:session:test:{uuid.uuid4().hex}"
    factory = functools.partial(RedisSessionStore.from_url, redis_server.url, key)
    check_session_store(factory, compare_and_set=True)


async def test_the_async_redis_store(redis_server: RedisServer) -> None:
    key = f"rememberizer:session:test:{uuid.uuid4().hex}"
    factory = functools.partial(AsyncRedisSessionStore.from_url, redis_server.url, key)
    await acheck_session_store(factory, compare_and_set=True)
