"""The async client and its store: no blocking of the loop, async stores, cancellation.

Issue 11 items 3 and 4 through the client (not only SessionManager), and issue 16's
compare-and-set refusal: a host whose save is refused adopts what the store has.
"""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from rememberizer import (
    AsyncRememberizer,
    FileSessionStore,
    Rememberizer,
    Session,
)
from rememberizer._async._sessions import AsyncSessionManager
from rememberizer._redis import AsyncRedisSessionStore, RedisSessionStore
from rememberizer._sync._sessions import SessionManager
from rememberizer.testing import FakeRememberizer
from tests.conftest import EMAIL, PASSWORD
from tests.stores._servers import RedisServer

from ._report import REPORT
from .test_session_hardening import HOLDER, LOOPBACK, jwt

pytestmark = pytest.mark.anyio


def _refreshes(fake: FakeRememberizer) -> int:
    return sum(1 for r in fake.requests() if r["method"] == "POST" and "refresh" in r["path"])


def _sign_in(fake: FakeRememberizer, path: Path) -> None:
    with Rememberizer(
        base_url=fake.base_url, captcha=fake.captcha, session=FileSessionStore(path)
    ) as client:
        client.auth.signup(email=EMAIL, password=PASSWORD, name="Ada")
        client.auth.verify_email(fake.verification_code(EMAIL))
        client.auth.signin(login=EMAIL, password=PASSWORD)


def _lock_is_free(path: Path) -> bool:
    try:
        with FileSessionStore(path, lock_timeout=0.5).lock():
            return True
    except TimeoutError:
        return False


async def test_an_async_refresh_waits_for_another_process_without_blocking_the_loop(
    rememberizer_server: FakeRememberizer, tmp_path: Path
) -> None:
    REPORT.faults.add("another process holds the session file lock during an async refresh")
    path = tmp_path / "session.json"
    await asyncio.to_thread(_sign_in, rememberizer_server, path)
    rememberizer_server.advance_clock(301)
    ready, release = tmp_path / "ready", tmp_path / "release"
    holder = await asyncio.to_thread(
        subprocess.Popen,
        [sys.executable, "-c", HOLDER, str(path) + ".lock", str(ready), str(release)],
    )
    lateness: list[float] = []
    stop = False

    async def ticker() -> None:
        while not stop:
            before = time.monotonic()
            await asyncio.sleep(0.01)
            lateness.append(time.monotonic() - before - 0.01)

    try:
        while not ready.exists():
            assert holder.poll() is None
            await asyncio.sleep(0.01)
        before = _refreshes(rememberizer_server)
        async with AsyncRememberizer(
            base_url=rememberizer_server.base_url, session=FileSessionStore(path)
        ) as client:
            tick = asyncio.create_task(ticker())
            asyncio.get_running_loop().call_later(1.0, release.touch)
            started = time.monotonic()
            assert (await client.account.get()).email == EMAIL
            waited = time.monotonic() - started
            stop = True
            await tick
    finally:
        release.touch()
        await asyncio.to_thread(holder.wait, 10)
    assert waited >= 0.8  # it did wait for the other process's lock
    # Blocked, the loop would freeze for the whole second the lock is held; a busy machine
    # can hold a tick back a little, which is not a freeze.
    assert max(lateness) < 0.5, f"the loop froze for {max(lateness):.3f} s"
    assert _refreshes(rememberizer_server) - before == 1
    assert _lock_is_free(path)


# -- cancellation -----------------------------------------------------------------------------


async def _expired_client(
    fake: FakeRememberizer, tmp_path: Path
) -> tuple[AsyncRememberizer, Path, Session]:
    path = tmp_path / "session.json"
    await asyncio.to_thread(_sign_in, fake, path)
    stale = FileSessionStore(path).load()
    assert stale is not None
    fake.advance_clock(301)
    client = AsyncRememberizer(base_url=fake.base_url, session=FileSessionStore(path))
    return client, path, stale


async def test_cancelling_every_waiter_still_finishes_and_saves_the_refresh(
    rememberizer_server: FakeRememberizer, tmp_path: Path
) -> None:
    REPORT.races.add("every waiter of an async refresh cancelled")
    client, path, stale = await _expired_client(rememberizer_server, tmp_path)
    async with client:
        waiters = [asyncio.create_task(client.account.get()) for _ in range(5)]
        for _ in range(1000):
            if client._auth._flight.task is not None:
                break
            await asyncio.sleep(0.001)
        refresh = client._auth._flight.task
        assert refresh is not None
        for waiter in waiters:
            waiter.cancel()
        results = await asyncio.gather(*waiters, return_exceptions=True)
        assert all(isinstance(r, asyncio.CancelledError) for r in results)
        fresh = await asyncio.wait_for(asyncio.shield(refresh), 10)
        assert fresh is not None
        assert fresh.access_token != stale.access_token
        assert client._sessions.current is fresh
        assert client._sessions._holds == 0
    saved = FileSessionStore(path).load()
    assert saved is not None
    assert saved.refresh_token == fresh.refresh_token
    assert _lock_is_free(path)


async def test_a_kept_cancelled_error_holds_no_lock(
    rememberizer_server: FakeRememberizer, tmp_path: Path
) -> None:
    REPORT.races.add("a cancelled refresh whose exception is kept alive")
    client, path, _ = await _expired_client(rememberizer_server, tmp_path)
    kept: list[BaseException] = []  # as a REPL's last exception or an error reporter
    # The refresh is held at the server, so the call is cancelled mid-refresh, never after it.
    rememberizer_server.inject_fault("/auth/custom-refresh/", delay=0.3)
    async with client:
        task = asyncio.create_task(client.account.get())
        for _ in range(1000):  # until the refresh is at the server
            if not rememberizer_server.state.faults or task.done():
                break
            await asyncio.sleep(0.005)
        task.cancel()
        try:
            await task
        except asyncio.CancelledError as exc:
            kept.append(exc)
        refresh = client._auth._flight.task
        if refresh is not None:
            await asyncio.wait_for(asyncio.shield(refresh), 10)
        assert client._sessions._holds == 0
        assert _lock_is_free(path)
        # The loop's own lock is free too: the next call refreshes nothing and succeeds.
        assert (await asyncio.wait_for(client.account.get(), 10)).email == EMAIL
    assert kept
    assert _lock_is_free(path)


# -- Redis: an async store, end to end, and a refused compare-and-set -----------------------


async def test_the_async_client_with_an_async_redis_store_end_to_end(
    rememberizer_server: FakeRememberizer, redis_server: RedisServer, key: str
) -> None:
    fake = rememberizer_server

    def client() -> AsyncRememberizer:
        return AsyncRememberizer(
            base_url=fake.base_url,
            captcha=fake.captcha,
            session=AsyncRedisSessionStore.from_url(redis_server.url, key),
        )

    async with client() as first:
        await first.auth.signup(email=EMAIL, password=PASSWORD, name="Ada")
        await first.auth.verify_email(fake.verification_code(EMAIL))
        await first.auth.signin(login=EMAIL, password=PASSWORD)
    fake.advance_clock(301)
    before = _refreshes(fake)
    async with client() as second:  # loads the store on first use, then refreshes
        assert not second.session.signed_in  # nothing read in __init__
        assert (await second.account.get()).email == EMAIL
        assert second.session.signed_in
        refreshed = second._sessions.current
    assert _refreshes(fake) - before == 1
    stored = await AsyncRedisSessionStore.from_url(redis_server.url, key).aload()
    assert stored is not None
    assert refreshed is not None
    assert stored.refresh_token == refreshed.refresh_token
    async with client() as third:
        await third.auth.logout()
    assert await AsyncRedisSessionStore.from_url(redis_server.url, key).aload() is None


@pytest.mark.parametrize("is_async", [False, True])
async def test_a_refused_compare_and_set_adopts_the_stored_session(
    redis_server: RedisServer, key: str, is_async: bool
) -> None:
    REPORT.races.add("a Redis compare-and-set refused after a logout on another host")
    old, new = Session(jwt(sub="1"), "r1"), Session(jwt(sub="1"), "r2")
    other = RedisSessionStore.from_url(redis_server.url, key)
    other.save(old)
    if is_async:
        astore = AsyncRedisSessionStore.from_url(redis_server.url, key)
        manager: Any = AsyncSessionManager(astore, None, origin=LOOPBACK)
        async with manager.alock():
            current = await manager.areload()
            other.save(None)  # another host signed out, its write not waiting for the lock
            assert await manager.areplace(current, new, "refreshed") is False
    else:
        manager = SessionManager(RedisSessionStore.from_url(redis_server.url, key), None)
        with manager.lock():
            current = manager.reload()
            other.save(None)
            assert manager.replace(current, new, "refreshed") is False
    assert manager.current is None  # signed out, as the store says: the refresh is dropped
    assert other.load() is None


class _SyncOnly:
    """A store with only the sync side: the async client drives it through worker threads."""

    def __init__(self, path: Path) -> None:
        self._file = FileSessionStore(path)

    def load(self) -> Session | None:
        return self._file.load()

    def save(self, session: Session | None) -> None:
        self._file.save(session)

    def lock(self) -> contextlib.AbstractContextManager[None]:
        return self._file.lock()


async def test_a_cancelled_wait_for_a_sync_stores_lock_never_keeps_it(tmp_path: Path) -> None:
    REPORT.races.add("a wait for a sync-only store's lock cancelled while another process holds it")
    path = tmp_path / "session.json"
    ready, release = tmp_path / "ready", tmp_path / "release"
    holder = await asyncio.to_thread(
        subprocess.Popen,
        [sys.executable, "-c", HOLDER, str(path) + ".lock", str(ready), str(release)],
    )
    manager = AsyncSessionManager(_SyncOnly(path), None, origin=LOOPBACK)
    kept: list[BaseException] = []

    async def hold() -> None:
        async with manager.alock():
            raise AssertionError("the lock was taken after the waiter was cancelled")

    try:
        while not ready.exists():
            assert holder.poll() is None
            await asyncio.sleep(0.01)
        waiter = asyncio.create_task(hold())
        await asyncio.sleep(0.1)
        waiter.cancel()
        try:
            await waiter
        except asyncio.CancelledError as exc:
            kept.append(exc)  # as a REPL or an error reporter: its frames stay alive
    finally:
        release.touch()
        await asyncio.to_thread(holder.wait, 10)
    # The worker thread takes the lock once the other process lets go; it must let go too.
    deadline = time.monotonic() + 5
    while not await asyncio.to_thread(_lock_is_free, path):
        assert time.monotonic() < deadline, "the cancelled waiter's thread kept the file lock"
    assert manager._holds == 0
    assert kept
