"""Many hosts on one Redis: storms, a lock holder killed mid-refresh, restarts and logout.

Every "host" is a separate process with its own client and its own store on the same key,
against a real redis-server (tests/stores/_servers.py) and the fake server on loopback.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import redis

from rememberizer import (
    AuthenticationError,
    RedisSessionStore,
    Rememberizer,
    RememberizerError,
    SessionExpiredError,
)
from rememberizer._redis import lock_key
from rememberizer.testing import FakeRememberizer
from tests.conftest import EMAIL, PASSWORD
from tests.stores._servers import RedisServer

from ._report import REPORT

REFRESH_PATH = "/auth/custom-refresh/"
LOCK_TIMEOUT = 2.0


def store(server: RedisServer, key: str) -> RedisSessionStore:
    return RedisSessionStore.from_url(server.url, key, lock_timeout=LOCK_TIMEOUT)


def sign_in(fake: FakeRememberizer, server: RedisServer, key: str) -> None:
    with Rememberizer(
        base_url=fake.base_url, captcha=fake.captcha, session=store(server, key)
    ) as client:
        client.auth.signup(email=EMAIL, password=PASSWORD, name="Ada")
        client.auth.signin(login=EMAIL, password=PASSWORD)


def refreshes(fake: FakeRememberizer) -> list[int]:
    return [r["status"] for r in fake.requests() if r["path"] == REFRESH_PATH]


# A host: a process with its own client and store; it prints "ready" once it has them, then after
# `go` exists, WIDTH threads (or tasks) each make CALLS calls. It prints one line per call: "ok"
# or the error's class name.
HOST = textwrap.dedent(
    """
    import asyncio, sys, threading, time
    from pathlib import Path
    from rememberizer import (
        AsyncRedisSessionStore, AsyncRememberizer, RedisSessionStore, Rememberizer,
        RememberizerError,
    )

    mode, base_url, url, key, go = sys.argv[1:6]
    width, calls, lock_timeout = int(sys.argv[6]), int(sys.argv[7]), float(sys.argv[8])
    go = Path(go)
    results = []

    def wait():
        print("ready", flush=True)
        while not go.exists():
            time.sleep(0.005)

    if mode == "sync":
        client = Rememberizer(
            base_url=base_url,
            session=RedisSessionStore.from_url(url, key, lock_timeout=lock_timeout),
        )
        wait()

        def work():
            for _ in range(calls):
                try:
                    client.account.get()
                    results.append("ok")
                except RememberizerError as exc:
                    results.append(type(exc).__name__)

        threads = [threading.Thread(target=work) for _ in range(width)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    else:
        async def main():
            client = AsyncRememberizer(
                base_url=base_url,
                session=AsyncRedisSessionStore.from_url(url, key, lock_timeout=lock_timeout),
            )
            await asyncio.to_thread(wait)

            async def work():
                for _ in range(calls):
                    try:
                        await client.account.get()
                        results.append("ok")
                    except RememberizerError as exc:
                        results.append(type(exc).__name__)

            await asyncio.gather(*(work() for _ in range(width)))
            await client.close()

        asyncio.run(main())
    print("\\n".join(results), flush=True)
    """
)


class Hosts:
    """Host processes that start together when `go` is touched."""

    def __init__(
        self,
        mode: str,
        fake: FakeRememberizer,
        server: RedisServer,
        key: str,
        folder: Path,
        count: int,
        width: int,
        calls: int = 1,
    ) -> None:
        self.go = folder / f"go-{uuid.uuid4().hex}"
        args = [fake.base_url, server.url, key, str(self.go), str(width), str(calls)]
        self.processes = [
            subprocess.Popen(
                [sys.executable, "-c", HOST, mode, *args, str(LOCK_TIMEOUT)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(count)
        ]

    def run(self, timeout: float = 90) -> list[str]:
        """Start every host at once, when each has said it is ready; their lines."""
        for process in self.processes:
            assert process.stdout is not None
            assert process.stdout.readline() == "ready\n", process.communicate()[1][-3000:]
        self.go.touch()
        results: list[str] = []
        for process in self.processes:
            out, err = process.communicate(timeout=timeout)
            assert process.returncode == 0, err[-3000:]
            results += out.split()
        return results

    def kill(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.kill()
                process.wait()


@pytest.mark.parametrize(
    ("mode", "width", "kind", "slow"),
    [
        ("sync", 8, "redis", False),
        ("async", 50, "redis", False),
        ("sync", 8, "valkey", False),
        # A refresh that takes longer than the lock's timeout: the holder keeps the lock.
        ("sync", 4, "redis", True),
        ("async", 10, "redis", True),
    ],
)
def test_a_storm_across_hosts_refreshes_once(
    request: pytest.FixtureRequest,
    rememberizer_server: FakeRememberizer,
    key: str,
    tmp_path: Path,
    mode: str,
    width: int,
    kind: str,
    slow: bool,
) -> None:
    unit = "threads" if mode == "sync" else "tasks"
    REPORT.races.add(f"4 hosts x {width} {unit} on {kind}{', slow refresh' if slow else ''}")
    redis_server: RedisServer = request.getfixturevalue(f"{kind}_server")
    sign_in(rememberizer_server, redis_server, key)
    hosts = Hosts(mode, rememberizer_server, redis_server, key, tmp_path, count=4, width=width)
    try:
        rememberizer_server.advance_clock(301)
        rememberizer_server.clear_requests()
        if slow:
            rememberizer_server.inject_fault(REFRESH_PATH, delay=LOCK_TIMEOUT * 1.5)
        results = hosts.run()
    finally:
        hosts.kill()
    assert results == ["ok"] * 4 * width
    assert refreshes(rememberizer_server) == [204]
    # Never revoked: the stored session still works for a newcomer.
    with Rememberizer(
        base_url=rememberizer_server.base_url, session=store(redis_server, key)
    ) as late:
        assert late.account.get().email == EMAIL
    assert refreshes(rememberizer_server) == [204]


def _wait_for(
    condition: Callable[[], Any], within: float = 20.0, host: subprocess.Popen[str] | None = None
) -> None:
    deadline = time.monotonic() + within
    while not condition():
        if host is not None and host.poll() is not None:
            raise AssertionError(f"the host process ended early: {host.communicate()[1][-2000:]}")
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.01)


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("server_rotated", [False, True])
def test_a_host_killed_holding_the_lock_mid_refresh(
    rememberizer_server: FakeRememberizer,
    redis_server: RedisServer,
    key: str,
    tmp_path: Path,
    mode: str,
    server_rotated: bool,
) -> None:
    REPORT.faults.add("SIGKILL of the Redis lock holder mid-refresh")
    fake = rememberizer_server
    sign_in(fake, redis_server, key)
    fake.advance_clock(301)
    fake.clear_requests()
    # The refresh hangs for 1 s; then the server either answers 503 without rotating (it got
    # no refresh), or rotates the token for a client that is already dead.
    if server_rotated:
        fake.inject_fault(REFRESH_PATH, delay=1.0)
    else:
        fake.inject_fault(REFRESH_PATH, delay=1.0, status=503)
    victim = Hosts(mode, fake, redis_server, key, tmp_path, count=1, width=1)
    others = Hosts(mode, fake, redis_server, key, tmp_path, count=3, width=2, calls=2)
    watcher = redis_server.client()
    try:
        victim.go.touch()
        _wait_for(lambda: watcher.exists(lock_key(key)), host=victim.processes[0])
        _wait_for(lambda: not fake.state.faults)  # the refresh is in flight at the server
        os.kill(victim.processes[0].pid, signal.SIGKILL)
        victim.kill()
        # The server has answered (or rotated) once its log has the refresh's status.
        _wait_for(lambda: None not in refreshes(fake))
        started = time.monotonic()
        results = others.run()
        took = time.monotonic() - started
    finally:
        victim.kill()
        others.kill()
        watcher.close()
    statuses = refreshes(fake)
    assert took < LOCK_TIMEOUT + 20
    if server_rotated:
        # The dead host's refresh rotated the token; the next one spends the old token once,
        # the server ends the session, and every host ends cleanly signed out: no loop.
        assert statuses == [204, 401]
        assert set(results) <= {SessionExpiredError.__name__, AuthenticationError.__name__}
        assert SessionExpiredError.__name__ in results
        assert redis.Redis.from_url(redis_server.url).get(key) is None
    else:
        # The server never rotated: one more refresh, and the session lives on.
        assert statuses == [503, 204]
        assert results == ["ok"] * 12


def test_the_session_survives_a_redis_restart(
    rememberizer_server: FakeRememberizer, redis_server: RedisServer, key: str
) -> None:
    REPORT.faults.add("Redis restart between calls")
    fake = rememberizer_server
    sign_in(fake, redis_server, key)
    with Rememberizer(base_url=fake.base_url, session=store(redis_server, key)) as host:
        assert host.account.get().email == EMAIL
        redis_server.restart()
        assert host.account.get().email == EMAIL  # no refresh needed: the in-memory copy
        fake.advance_clock(301)
        fake.clear_requests()
        assert host.account.get().email == EMAIL  # refreshed through the restarted Redis
        assert refreshes(fake) == [204]
    with Rememberizer(base_url=fake.base_url, session=store(redis_server, key)) as other:
        assert other.account.get().email == EMAIL
    assert refreshes(fake) == [204]


def test_redis_down_calls_work_until_a_refresh_then_a_typed_error(
    rememberizer_server: FakeRememberizer, redis_server: RedisServer, key: str
) -> None:
    REPORT.faults.add("Redis unreachable")
    fake = rememberizer_server
    sign_in(fake, redis_server, key)
    with Rememberizer(base_url=fake.base_url, session=store(redis_server, key)) as host:
        redis_server.stop()
        try:
            assert host.account.get().email == EMAIL  # from the in-memory copy
            fake.advance_clock(301)
            fake.clear_requests()
            started = time.monotonic()
            with pytest.raises(RememberizerError) as caught:
                host.account.get()
            assert type(caught.value).__name__ == "SessionStoreError"
            assert time.monotonic() - started < 30
            assert refreshes(fake) == []  # the token was never spent without the lock
        finally:
            redis_server.start()
        assert host.account.get().email == EMAIL
        assert refreshes(fake) == [204]


def test_logout_on_one_host_signs_out_the_others(
    rememberizer_server: FakeRememberizer, redis_server: RedisServer, key: str
) -> None:
    REPORT.races.add("logout on one Redis host")
    fake = rememberizer_server
    sign_in(fake, redis_server, key)
    a = Rememberizer(base_url=fake.base_url, session=store(redis_server, key))
    b = Rememberizer(base_url=fake.base_url, session=store(redis_server, key))
    c = Rememberizer(base_url=fake.base_url, session=store(redis_server, key))
    with a, b, c:
        assert b.account.get().email == EMAIL
        # c is mid-refresh when a signs out.
        fake.advance_clock(301)
        fake.clear_requests()
        fake.inject_fault(REFRESH_PATH, delay=0.6)
        outcome: list[BaseException | str] = []

        def slow() -> None:
            try:
                c.account.get()
                outcome.append("ok")
            except BaseException as exc:
                outcome.append(exc)

        thread = threading.Thread(target=slow)
        thread.start()
        watcher = redis_server.client()
        _wait_for(lambda: watcher.exists(lock_key(key)))
        a.auth.logout()
        thread.join(30)
        with pytest.raises(AuthenticationError):
            b.account.get()  # within one call
        assert not b.session.signed_in
        assert isinstance(outcome[0], AuthenticationError)
        assert not c.session.signed_in
        for host in (a, b, c):
            with pytest.raises(AuthenticationError):
                host.account.get()
        assert watcher.get(key) is None  # nobody brought the old session back
        assert set(refreshes(fake)) <= {401}
        assert len(refreshes(fake)) <= 1
        watcher.close()
