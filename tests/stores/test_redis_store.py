"""The Redis stores' own rules: lazy import, key names, bad arguments, errors without secrets."""

from __future__ import annotations

import subprocess
import sys
import time
import uuid

import pytest

from rememberizer import AsyncRedisSessionStore, RedisSessionStore, RememberizerError, Session

from ._servers import RedisServer

pytestmark = pytest.mark.anyio


def test_import_rememberizer_never_imports_redis() -> None:
    code = "import sys, rememberizer; print('redis' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_keys_are_namespaced_by_origin_and_name() -> None:
    store = RedisSessionStore.from_url(
        "redis://127.0.0.1:1/0", name="ada", origin="https://api.example.com/api/v1/"
    )
    assert store.key == "rememberizer:session:https://api.example.com/api/v1:ada"
    assert repr(store) == f"RedisSessionStore(key={store.key!r})"


@pytest.mark.parametrize(
    "options", [{"lock_timeout": 0}, {"lock_wait": float("nan")}, {"ttl": -1}, {"name": ""}]
)
def test_bad_options_are_refused_at_once(options: dict[str, object]) -> None:
    with pytest.raises(ValueError):  # noqa: PT011
        RedisSessionStore.from_url("redis://127.0.0.1:1/0", **options)  # type: ignore[arg-type]


def test_an_unreachable_redis_is_a_typed_error_without_the_password() -> None:
    store = RedisSessionStore.from_url("redis://:s3cret-pw@127.0.0.1:1/0", "k")
    for action in (store.load, lambda: store.save(Session("a", "r")), store.lock().__enter__):
        with pytest.raises(RememberizerError) as caught:
            action()
        assert type(caught.value).__name__ == "SessionStoreError"
        assert "s3cret" not in str(caught.value)
        assert "s3cret" not in repr(caught.value)
        assert caught.value.__cause__ is None
        assert caught.value.__context__ is None


async def test_the_async_store_fails_the_same_way() -> None:
    store = AsyncRedisSessionStore.from_url("redis://:s3cret-pw@127.0.0.1:1/0", "k")
    with pytest.raises(RememberizerError) as caught:
        await store.aload()
    assert type(caught.value).__name__ == "SessionStoreError"
    assert "s3cret" not in str(caught.value)
    assert caught.value.__context__ is None


def test_the_ttl_follows_every_save(redis_server: RedisServer) -> None:
    store = RedisSessionStore.from_url(redis_server.url, f"k-{uuid.uuid4().hex}", ttl=100)
    raw = redis_server.client()
    store.save(Session("a", "r"))
    assert 99_000 < raw.pttl(store.key) <= 100_000
    with store.lock():
        assert store.load() == Session("a", "r", store.load().received_at)  # type: ignore[union-attr]
        raw.pexpire(store.key, 5_000)
        store.save(Session("b", "s"))  # a refresh: the new refresh token's life starts now
    assert 99_000 < raw.pttl(store.key) <= 100_000
    store.save(None)
    assert raw.exists(store.key) == 0


def test_a_slow_refresh_keeps_the_lock(redis_server: RedisServer) -> None:
    key = f"k-{uuid.uuid4().hex}"
    store = RedisSessionStore.from_url(redis_server.url, key, lock_timeout=0.3)
    other = RedisSessionStore.from_url(redis_server.url, key, lock_timeout=0.3, lock_wait=0.2)
    with store.lock():
        time.sleep(1.0)  # three lock timeouts: the extender keeps renewing it
        with pytest.raises(RememberizerError, match="timed out"), other.lock():
            pass
    with other.lock():
        pass  # and it is free once released
