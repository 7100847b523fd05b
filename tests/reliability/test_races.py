"""Races: many threads, tasks and processes at one expiry; refresh against logout and signin."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from rememberizer import (
    Account,
    AsyncRememberizer,
    AuthenticationError,
    FileSessionStore,
    Rememberizer,
)
from rememberizer.testing import FakeRememberizer
from tests.conftest import EMAIL, PASSWORD, Harness

from ._report import REPORT

pytestmark = pytest.mark.anyio
REFRESH = ("POST", "/auth/custom-refresh/")


def sign_in(fake: FakeRememberizer, store: FileSessionStore) -> None:
    with Rememberizer(base_url=fake.base_url, captcha=fake.captcha, session=store) as client:
        client.auth.signup(email=EMAIL, password=PASSWORD, name="Ada")
        client.auth.signin(login=EMAIL, password=PASSWORD)


async def test_concurrent_calls_with_an_expired_token_refresh_once(h: Harness) -> None:
    await h.register()
    h.fake.advance_clock(301)
    h.fake.clear_requests()
    c = h.client
    if isinstance(c, AsyncRememberizer):
        results = await asyncio.gather(*(c.account.get() for _ in range(200)))
    else:
        assert isinstance(c, Rememberizer)
        sync_client = c
        barrier = threading.Barrier(16)

        def burst() -> list[Account]:
            barrier.wait(timeout=10)
            return [sync_client.account.get() for _ in range(5)]

        def storm() -> list[Account]:
            with ThreadPoolExecutor(16) as pool:
                return [a for chunk in pool.map(lambda _: burst(), range(16)) for a in chunk]

        results = await asyncio.to_thread(storm)
    REPORT.races.add("16 threads x 5 calls" if h.kind == "sync-loopback" else "200 tasks")
    assert all(a.email == EMAIL for a in results)
    assert h.count(*REFRESH) == 1
    assert [e for e, _ in h.events].count("refreshed") == 1


WORKER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from rememberizer import FileSessionStore, Rememberizer

    base_url, path, go = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    client = Rememberizer(base_url=base_url, session=FileSessionStore(path))
    print("ready", flush=True)
    while not go.exists():
        time.sleep(0.005)
    for _ in range(3):
        client.account.get()
    print("ok", client.session.signed_in)
    """
)


@pytest.mark.parametrize("processes", [2, 4])
def test_processes_sharing_a_file_refresh_once_per_expiry(
    rememberizer_server: FakeRememberizer, tmp_path: Path, processes: int
) -> None:
    REPORT.races.add(f"{processes} processes on one session file")
    path = tmp_path / "session.json"
    sign_in(rememberizer_server, FileSessionStore(path))
    go = tmp_path / "go"
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, rememberizer_server.base_url, str(path), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(processes)
    ]
    try:
        for worker in workers:  # every worker has imported and loaded the session
            assert worker.stdout is not None
            assert worker.stdout.readline() == "ready\n", worker.communicate()[1][-3000:]
        for expiry in range(2):
            rememberizer_server.advance_clock(301)
            rememberizer_server.clear_requests()
            if expiry == 0:
                go.touch()
                outputs = [w.communicate(timeout=60) for w in workers]
                for worker, (out, err) in zip(workers, outputs, strict=True):
                    assert worker.returncode == 0, err
                    assert out.strip() == "ok True"
            else:
                # The parent, holding a session read before the refresh, joins in later.
                with Rememberizer(
                    base_url=rememberizer_server.base_url, session=FileSessionStore(path)
                ) as late:
                    assert late.account.get().email == EMAIL
            refreshes = [
                r for r in rememberizer_server.requests() if r["path"] == "/auth/custom-refresh/"
            ]
            assert [r["status"] for r in refreshes] == [204]
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()


async def test_a_refresh_racing_a_logout_cannot_bring_the_session_back(h: Harness) -> None:
    REPORT.races.add("refresh vs logout")
    await h.register()
    h.fake.advance_clock(301)
    # The refresh is slow, and the server never hears of the logout: only the client's own
    # rule (a refresh that finishes after a logout is dropped) keeps the session dead.
    h.fake.inject_fault("/auth/custom-refresh/", delay=0.6)
    h.fake.inject_fault("/auth/custom-logout/", status=503, times=10, retry_after=0)
    call = asyncio.ensure_future(h(h.client.account.get))
    await _until(lambda: h.count(*REFRESH) == 1)
    await h(h.client.auth.logout)
    assert not h.client.session.signed_in
    with pytest.raises(AuthenticationError):
        await call
    refreshed = [r for r in h.fake.requests() if r["path"] == "/auth/custom-refresh/"]
    assert [r["status"] for r in refreshed] == [204]  # the server did rotate...
    assert not h.client.session.signed_in  # ...and the client did not take the new tokens
    assert h.client._sessions.store.load() is None  # type: ignore[union-attr]
    with pytest.raises(AuthenticationError):
        await h(h.client.account.get)
    assert h.count(*REFRESH) == 1


async def test_a_refresh_racing_a_signin_as_someone_else(h: Harness) -> None:
    REPORT.races.add("refresh vs signin as another user")
    await h(h.client.auth.signup, email="bob@example.com", password=PASSWORD, name="Bob")
    await h.register()
    h.fake.advance_clock(301)
    h.fake.inject_fault("/auth/custom-refresh/", delay=0.6)
    call = asyncio.ensure_future(h(h.client.account.get))
    await _until(lambda: h.count(*REFRESH) == 1)
    await h(h.client.auth.signin, login="bob@example.com", password=PASSWORD)
    bob = h.client.session.user_id
    with pytest.raises(AuthenticationError):
        await call  # Ada's call is never replayed as Bob
    assert h.client.session.user_id == bob
    account = await h(h.client.account.get)
    assert account.email == "bob@example.com"
    assert h.count(*REFRESH) == 1


async def _until(condition: Callable[[], bool], within: float = 5.0) -> None:
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the race to start")
        await asyncio.sleep(0.01)
