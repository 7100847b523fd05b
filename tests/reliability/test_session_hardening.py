"""Issue 11, sessions and stores: origin binding, the async store side, unsaveable sessions,
unusable cookies, values refused when given, and listeners outside the locks."""

from __future__ import annotations

import asyncio
import base64
import errno
import functools
import json
import logging
import math
import os
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import httpx2
import pytest

from rememberizer import (
    APIResponseValidationError,
    AsyncRememberizer,
    FileSessionStore,
    InvalidRequestError,
    MemorySessionStore,
    Rememberizer,
    Session,
    SessionStoreError,
)
from rememberizer._async._sessions import AsyncSessionManager
from rememberizer._cli import default_session_path
from rememberizer._config import display_url, origin_of
from rememberizer._session import session_from_response
from rememberizer._sync._sessions import SessionManager
from rememberizer.testing import acheck_session_store
from tests.conftest import Harness

from ._report import REPORT

pytestmark = pytest.mark.anyio
CLIENTS = [Rememberizer, AsyncRememberizer]
LOOPBACK = "http://127.0.0.1:9/api/v1"
PRODUCTION = "https://api.rememberizer.ai/api/v1"


def jwt(**claims: Any) -> str:
    payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"e30.{payload}.sig"


def write(path: Path, text: str | bytes, mode: int = 0o600) -> None:
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    os.chmod(path, mode)


# -- 1. sessions bound to their origin ------------------------------------------------------


def test_the_origin_is_normalised() -> None:
    assert (
        origin_of("HTTPS://user:pw@API.Example.com:443/api/v1/") == "https://api.example.com/api/v1"
    )
    assert origin_of("http://127.0.0.1:8000/x?q=1") == "http://127.0.0.1:8000/x"
    assert origin_of("http://[::1]:80/") == "http://[::1]"


@pytest.mark.parametrize("cls", CLIENTS)
def test_a_session_of_another_origin_is_never_used(
    cls: type[Any], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    REPORT.faults.add("a session file of another API origin")
    path = tmp_path / "session.json"
    FileSessionStore(path).save(Session(jwt(sub="1"), "r", origin="http://127.0.0.1:1/api/v1"))
    with caplog.at_level(logging.WARNING, logger="rememberizer"):
        client = cls(base_url=LOOPBACK, session=FileSessionStore(path))
    assert client._sessions.current is None
    assert client.session.signed_in is False
    assert "belongs to http://127.0.0.1:1/api/v1" in caplog.text
    # The same origin, spelled differently, is the same origin.
    same = cls(base_url="http://127.0.0.1:1/api/v1/", session=FileSessionStore(path))
    assert same.session.signed_in is True


@pytest.mark.parametrize("cls", CLIENTS)
def test_an_old_file_without_origin_is_adopted_only_on_production(
    cls: type[Any], tmp_path: Path
) -> None:
    path = tmp_path / "session.json"
    write(path, json.dumps({"access_token": jwt(sub="1"), "refresh_token": "r"}))
    assert cls(base_url=LOOPBACK, session=FileSessionStore(path)).session.signed_in is False
    production = cls(session=FileSessionStore(path))
    assert production.session.signed_in is True
    assert production._sessions.current.origin == PRODUCTION


async def test_signin_binds_the_session_to_the_client_origin(
    h_net: Harness, tmp_path: Path
) -> None:
    path = tmp_path / "session.json"
    client = h_net.new_client(session=FileSessionStore(path))
    await h_net.register(client)
    assert json.loads(path.read_text())["origin"] == origin_of(h_net.base_url)
    other = h_net.new_client(
        base_url=h_net.base_url.replace("/api/v1", "/api/v2"), session=FileSessionStore(path)
    )
    assert other.session.signed_in is False


def test_session_from_response_binds_the_origin() -> None:
    response = httpx2.Response(
        200, headers=[("set-cookie", "access_token=a.b.c"), ("set-cookie", "refresh_token=r")]
    )
    session = session_from_response(response, LOOPBACK)
    assert session is not None
    assert session.origin == LOOPBACK


def test_the_cli_keeps_one_session_file_per_origin() -> None:
    production = default_session_path(PRODUCTION)
    assert production.name == "session.json"
    assert default_session_path(None) == production or os.environ.get("REMEMBERIZER_BASE_URL")
    local = default_session_path("http://127.0.0.1:8000/api/v1")
    other = default_session_path("http://127.0.0.1:8001/api/v1")
    assert len({production, local, other}) == 3
    assert default_session_path("http://127.0.0.1:8000/api/v1/") == local


# -- 4. the async side never blocks the loop ------------------------------------------------

HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from filelock import FileLock
    lock_path, ready, release = sys.argv[1:4]
    with FileLock(lock_path):
        Path(ready).touch()
        while not Path(release).exists():
            time.sleep(0.01)
    """
)


async def test_waiting_for_the_file_lock_never_blocks_the_loop(tmp_path: Path) -> None:
    REPORT.faults.add("another process holds the session file lock (async)")
    path = tmp_path / "session.json"
    ready, release = tmp_path / "ready", tmp_path / "release"
    holder = await asyncio.to_thread(
        subprocess.Popen,
        [sys.executable, "-c", HOLDER, str(path) + ".lock", str(ready), str(release)],
    )
    try:
        while not ready.exists():
            assert holder.poll() is None
            await asyncio.sleep(0.01)
        manager = AsyncSessionManager(FileSessionStore(path), None, origin=LOOPBACK)
        lateness: list[float] = []
        stop = False

        async def ticker() -> None:
            while not stop:
                before = time.monotonic()
                await asyncio.sleep(0.01)
                lateness.append(time.monotonic() - before - 0.01)

        tick = asyncio.create_task(ticker())
        loop = asyncio.get_running_loop()
        loop.call_later(1.0, release.touch)
        started = time.monotonic()
        async with manager.alock():
            waited = time.monotonic() - started
            await manager.areload()
            await manager.areplace(None, Session(jwt(sub="1"), "r"), "signed_in")
        stop = True
        await tick
    finally:
        release.touch()
        await asyncio.to_thread(holder.wait, 10)
    assert waited >= 0.8  # it did wait for the other process
    # Blocked, the loop would freeze for the whole second the lock is held; a busy machine
    # can hold a tick back a little, which is not a freeze.
    assert max(lateness) < 0.5, f"the loop froze for {max(lateness):.3f} s"
    assert FileSessionStore(path).load() is not None


async def test_the_file_store_meets_the_async_store_contract(tmp_path: Path) -> None:
    await acheck_session_store(functools.partial(FileSessionStore, tmp_path / "session.json"))


async def test_the_memory_store_has_an_async_side() -> None:
    store = MemorySessionStore()
    manager = AsyncSessionManager(store, None, origin=LOOPBACK)
    async with manager.alock():
        assert await manager.areplace(None, Session(jwt(sub="1"), "r"), "signed_in")
    assert (await manager.areload()) is manager.current is not None
    assert (await store.aload()) is not None


# -- 5. a session that cannot be saved is not lost ------------------------------------------


def _no_space(*args: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # a fault no server can produce


@pytest.fixture(params=["directory at the path", "full disk"])
def unwritable(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    path = tmp_path / "session.json"
    if request.param == "directory at the path":
        path.mkdir()
    else:
        monkeypatch.setattr(os, "fsync", _no_space)
    REPORT.faults.add(f"session store: {request.param}")
    return path


def _check_error(error: SessionStoreError, path: Path) -> None:
    assert str(path) in str(error)
    assert error.__cause__ is None
    assert error.__context__ is None
    assert "r2" not in str(error)
    assert "r2" not in repr(error.args)


@pytest.mark.parametrize("is_async", [False, True])
async def test_a_refresh_that_cannot_be_saved_keeps_the_session(
    unwritable: Path, is_async: bool, caplog: pytest.LogCaptureFixture
) -> None:
    events: list[str] = []
    manager: Any = (AsyncSessionManager if is_async else SessionManager)(
        FileSessionStore(unwritable), lambda e, s: events.append(e), origin=LOOPBACK
    )
    old, new = Session(jwt(sub="1"), "r1"), Session(jwt(sub="1"), "r2")
    manager.current = old
    with caplog.at_level(logging.WARNING, logger="rememberizer"):
        if is_async:
            assert await manager.areplace(old, new, "refreshed") is True
        else:
            assert manager.replace(old, new, "refreshed") is True
    assert manager.current is new
    assert events == ["refreshed"]
    assert "SessionStoreError: cannot write the session file" in caplog.text
    assert "kept in memory" in caplog.text


@pytest.mark.parametrize("is_async", [False, True])
async def test_a_signin_that_cannot_be_saved_raises_a_typed_error(
    unwritable: Path, is_async: bool
) -> None:
    manager: Any = (AsyncSessionManager if is_async else SessionManager)(
        FileSessionStore(unwritable), None, origin=LOOPBACK
    )
    new = Session(jwt(sub="1"), "r2")
    if is_async:
        with pytest.raises(SessionStoreError) as raised:
            await manager.aset(new, "signed_in")
    else:
        with pytest.raises(SessionStoreError) as raised:
            manager.set(new, "signed_in")
    _check_error(raised.value, unwritable)
    assert manager.current is new  # kept in memory all the same


async def test_signin_into_a_directory_raises_session_store_error(
    h_net: Harness, tmp_path: Path
) -> None:
    path = tmp_path / "session.json"
    path.mkdir()
    client = h_net.new_client(session=FileSessionStore(path))
    with pytest.raises(SessionStoreError) as raised:
        await h_net.register(client)
    _check_error(raised.value, path)
    assert client.session.signed_in is True


# -- 8. an unusable cookie ------------------------------------------------------------------


@pytest.mark.parametrize("value", ["tok\x01en", "tok\x7fen", "tokén", "tok en"])
def test_an_unusable_session_cookie_is_refused_without_echo(value: str) -> None:
    REPORT.faults.add("a session cookie with a control or non-ASCII character")
    response = httpx2.Response(
        200,
        headers=[
            (b"set-cookie", f'access_token="{value}"'.encode()),
            (b"set-cookie", b"refresh_token=r"),
        ],
    )
    with pytest.raises(APIResponseValidationError) as raised:
        session_from_response(response, LOOPBACK)
    error = raised.value
    assert "the server sent an unusable session cookie" in str(error)
    assert error.__cause__ is None
    assert error.__context__ is None
    for text in (str(error), repr(error), repr(error.args)):
        assert "tok" not in text


# -- 9. bad values refused when given -------------------------------------------------------


@pytest.mark.parametrize("cls", CLIENTS)
@pytest.mark.parametrize(
    "options",
    [
        {"base_url": "http://127.0.0.1:9/api/v1?x=1"},
        {"base_url": "http://127.0.0.1:9/api/v1#top"},
        {"timeout": math.inf},
        {"timeout": math.nan},
        {"timeout": -1},
        {"timeout": 0},
        {"timeout": httpx2.Timeout(math.inf)},
        {"timeout": httpx2.Timeout(5, read=math.nan)},
        {"captcha": 5},
        {"captcha": b"token"},
    ],
    ids=repr,
)
def test_bad_values_are_refused_when_given(cls: type[Any], options: dict[str, Any]) -> None:
    REPORT.inputs_fuzzed += 1
    options.setdefault("base_url", LOOPBACK)
    with pytest.raises(InvalidRequestError):
        cls(**options)


@pytest.mark.parametrize("cls", CLIENTS)
def test_the_repr_drops_userinfo(cls: type[Any]) -> None:
    client = cls(base_url="http://user:s3cret@127.0.0.1:9/api/v1")
    assert "s3cret" not in repr(client)
    assert "user" not in repr(client)
    assert display_url("https://a:b@h/x") == "https://h/x"


BROKEN_FILES = {
    "received_at NaN": '{"access_token": "%s", "refresh_token": "r", "received_at": NaN}',
    "received_at Infinity": (
        '{"access_token": "%s", "refresh_token": "r", "received_at": Infinity}'
    ),
    "received_at 1e300": '{"access_token": "%s", "refresh_token": "r", "received_at": 1e300}',
    "received_at huge int": (
        '{"access_token": "%s", "refresh_token": "r", "received_at": ' + "9" * 400 + "}"
    ),
}


@pytest.mark.parametrize("cls", CLIENTS)
@pytest.mark.parametrize("name", sorted(BROKEN_FILES))
def test_impossible_times_in_a_file_are_rejected(
    cls: type[Any], name: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    REPORT.faults.add("session file with impossible times")
    path = tmp_path / "session.json"
    write(path, BROKEN_FILES[name] % jwt(sub="1", iat=0, exp=300))
    with caplog.at_level(logging.WARNING, logger="rememberizer"):
        client = cls(base_url=PRODUCTION, session=FileSessionStore(path))
    assert client.session.signed_in is False
    repr(client)
    assert caplog.text


@pytest.mark.parametrize("cls", CLIENTS)
@pytest.mark.parametrize(
    "claims",
    [
        {"iat": 0, "exp": 1e300},
        {"iat": -1e300, "exp": 1e300},
        {"exp": 1e300},
        {"iat": 0, "exp": 10**400},
    ],
    ids=repr,
)
def test_impossible_token_lifetimes_never_break_the_client(
    cls: type[Any], claims: dict[str, Any], tmp_path: Path
) -> None:
    # From a server (not a file): the session is kept, with an unknown expiry.
    token = jwt(sub="1", **claims) if claims.get("exp") != 10**400 else _raw_jwt(claims)
    client = cls(
        base_url=LOOPBACK, session=MemorySessionStore(Session(token, "r", origin=LOOPBACK))
    )
    assert client.session.signed_in is True
    assert client.session.access_expires_at is None
    repr(client)
    # From a file: rejected.
    path = tmp_path / "session.json"
    write(path, json.dumps({"access_token": token, "refresh_token": "r", "origin": LOOPBACK}))
    assert cls(base_url=LOOPBACK, session=FileSessionStore(path)).session.signed_in is False


def _raw_jwt(claims: dict[str, Any]) -> str:
    payload = json.dumps({"sub": "1", **claims}).encode()
    return "e30." + base64.urlsafe_b64encode(payload).rstrip(b"=").decode() + ".sig"


@pytest.mark.parametrize("cls", CLIENTS)
@pytest.mark.parametrize(
    "content",
    [
        b"\xff\xfe{not utf-8}",
        b"[" * 100_000 + b"]" * 100_000,
        b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
    ],
    ids=["not utf-8", "nested lists", "nested objects"],
)
def test_an_unreadable_file_is_ignored_with_a_warning(
    cls: type[Any], content: bytes, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    REPORT.faults.add("session file not UTF-8 or nested too deeply")
    path = tmp_path / "session.json"
    write(path, content)
    with caplog.at_level(logging.WARNING, logger="rememberizer"):
        client = cls(base_url=PRODUCTION, session=FileSessionStore(path))
    assert client.session.signed_in is False
    assert "ignoring it" in caplog.text


@pytest.mark.parametrize("cls", CLIENTS)
def test_a_file_others_can_read_is_warned_about_and_fixed(
    cls: type[Any], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "session.json"
    FileSessionStore(path).save(Session(jwt(sub="1"), "r", origin=LOOPBACK))
    os.chmod(path, 0o644)
    with caplog.at_level(logging.WARNING, logger="rememberizer"):
        client = cls(base_url=LOOPBACK, session=FileSessionStore(path))
    assert client.session.signed_in is True
    assert "readable by other users" in caplog.text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


# -- 11. listeners run after the locks ------------------------------------------------------


@pytest.mark.parametrize("is_async", [False, True])
async def test_listeners_run_after_every_lock_is_released(is_async: bool, tmp_path: Path) -> None:
    from filelock import FileLock, Timeout

    path = tmp_path / "session.json"
    seen: list[tuple[str, bool]] = []

    def listener(event: str, info: Any) -> None:
        try:
            with FileLock(str(path) + ".lock", timeout=0):
                free = True
        except Timeout:
            free = False
        seen.append((event, free))
        # Calling back into the manager from a listener does not deadlock.
        if is_async:
            callbacks.append(asyncio.ensure_future(manager.areload()))
        else:
            manager.reload()

    callbacks: list[asyncio.Future[Any]] = []
    manager: Any = (AsyncSessionManager if is_async else SessionManager)(
        FileSessionStore(path), listener, origin=LOOPBACK
    )
    new = Session(jwt(sub="1"), "r")
    if is_async:
        async with manager.alock():
            assert await manager.areplace(None, new, "refreshed")
            assert seen == []  # queued, not delivered under the lock
    else:
        with manager.lock():
            assert manager.replace(None, new, "refreshed")
            assert seen == []
    assert seen == [("refreshed", True)]
    if is_async:
        await manager.aset(None, "signed_out")  # outside any lock: delivered at once
        await asyncio.gather(*callbacks)
    else:
        manager.set(None, "signed_out")  # outside any lock: delivered at once
    assert seen[-1] == ("signed_out", True)


async def test_a_refresh_into_a_full_disk_finishes_the_call(
    h_net: Harness,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    path = tmp_path / "session.json"
    client = h_net.new_client(session=FileSessionStore(path))
    await h_net.register(client)
    before = path.read_text()
    h_net.fake.advance_clock(301)
    monkeypatch.setattr(os, "fsync", _no_space)
    with caplog.at_level(logging.WARNING, logger="rememberizer"):
        account = await h_net(client.account.get)
    assert account.email
    assert h_net.count("POST", "/auth/custom-refresh/") == 1
    assert "SessionStoreError: cannot write the session file" in caplog.text
    assert path.read_text() == before  # the old file is whole; the new session is in memory
    assert h_net.events[-1][0] == "refreshed"
