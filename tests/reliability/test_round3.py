"""Hardening, round 3 (issue 23): each test is one attack that the library must make fail.

Against the real fake server (on 127.0.0.1, or in process), a real Redis where a store is
under attack, and faults that no server can produce (a folder that refuses a rename, a slow
fsync) only where the attack needs them.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import os
import re
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest
import redis
from h2.config import H2Configuration
from h2.connection import H2Connection
from h2.events import RequestReceived, StreamEnded

from rememberizer import (
    APIResponseValidationError,
    APIStatusError,
    AsyncRedisSessionStore,
    AuthenticationError,
    FileSessionStore,
    MemorySessionStore,
    OAuthStateError,
    RedisSessionStore,
    Rememberizer,
    RememberizerError,
    Session,
)
from rememberizer._config import origin_of
from rememberizer._oauth import MAX_PENDING
from tests.conftest import EMAIL, PASSWORD, Harness
from tests.facade.test_knowledge import collect, control
from tests.facade.test_oauth import TOKEN
from tests.facade.test_oauth import Kit as AppKit
from tests.stores._servers import RedisServer

from .test_secrets import reachable

pytestmark = pytest.mark.anyio


# -- 1. an environment key never stands in for a user ---------------------------------------


async def test_the_environments_key_never_stands_in_for_a_user(
    h: Harness, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    await h.register()
    operator_key = str((await control(h, "api-keys", {"email": EMAIL}))["api_key"])
    monkeypatch.setenv("REMEMBERIZER_API_KEY", operator_key)
    # Clients given a session store, for a user who has no session.
    acting = [
        h.new_client(session=MemorySessionStore()),
        h.new_client(session=FileSessionStore(tmp_path / "never-signed-in.json")),
    ]
    h.fake.clear_requests()
    for client in acting:
        assert client._auth.api_key is None
        with pytest.raises(AuthenticationError, match="not signed in"):
            await h(client.documents.search, "anything")
    assert not [r for r in h.fake.requests() if r["api_key"]]
    # A key handed over explicitly is used, and a client acting for nobody still reads the
    # environment's, as before.
    handed = h.new_client(session=MemorySessionStore(), api_key=operator_key)
    plain = h.new_client()
    for client in (handed, plain):
        assert client._auth.api_key == operator_key
        await h(client.documents.search, "anything")
    assert len([r for r in h.fake.requests() if r["api_key"]]) == 2


async def test_an_apps_user_without_a_session_never_gets_the_operators_key(
    app_kit: AppKit, monkeypatch: pytest.MonkeyPatch
) -> None:
    issued = httpx2.post(app_kit.fake.root_url + "/_testing/api-keys", json={"email": EMAIL})
    assert issued.status_code == 201, issued.text
    monkeypatch.setenv("REMEMBERIZER_API_KEY", issued.json()["api_key"])
    session = await app_kit.session()
    for store in (MemorySessionStore(), MemorySessionStore(session)):
        client = app_kit.client(None, session=store)
        await app_kit(client.auth.logout)  # signed out, or never signed in: no session either way
        app_kit.fake.clear_requests()
        with pytest.raises(AuthenticationError):
            await app_kit(client.documents.search, "anything")
        with pytest.raises(AuthenticationError):
            await app_kit(client.documents.memorize, name="n", content="written as the operator")
        assert not [r for r in app_kit.fake.requests() if r["api_key"]]


# -- 6. a pager whose `next` link does not advance stops ------------------------------------


def _page(base_url: str, page: int) -> dict[str, Any]:
    return {
        "status": 200,
        "content_type": "application/json",
        "body": {
            "count": 1,
            "next": f"{base_url}/documents/?page={page}&page_size=10",
            "previous": None,
            "results": [],
        },
    }


@pytest.mark.parametrize("links", [[1], [2, 2], [2, 1]])
async def test_a_next_link_that_does_not_advance_stops_the_pager(
    h: Harness, links: list[int]
) -> None:
    await h.register()
    for page in links:
        h.fake.inject_fault("/documents/", **_page(h.base_url, page))
    h.fake.inject_fault("/documents/", **_page(h.base_url, 3), times=100)  # what a loop would get
    h.fake.clear_requests()
    with pytest.raises(APIResponseValidationError, match="do not advance"):
        await asyncio.wait_for(collect(h, h.client.documents.list(page_size=10)), 20)
    assert h.count("GET", "/documents/") == len(links)


# -- 7. an exchange is never sent without its PKCE verifier ---------------------------------


async def test_a_reloaded_callback_sends_nothing_and_keeps_the_grant(app_kit: AppKit) -> None:
    url, state = app_kit.app.authorization_url()
    location = app_kit.consent(url)
    session = await app_kit(app_kit.app.exchange, location, state)
    for _ in range(2):  # the user reloads the callback page
        with pytest.raises(OAuthStateError, match="no sign-in is pending"):
            await app_kit(app_kit.app.exchange, location, state)
    assert app_kit.count("POST", TOKEN) == 1
    # The grant the first exchange got was not revoked by a replay.
    client = app_kit.client(session)
    assert (await app_kit(client.account.me)).email == EMAIL
    # A callback for a sign-in begun in another process, without code_verifier=: refused too.
    other = app_kit.new_app()
    with pytest.raises(OAuthStateError, match="another process"):
        await app_kit(other.exchange, location, state)
    assert app_kit.count("POST", TOKEN) == 1


async def test_a_sign_in_dropped_from_a_full_table_says_so(app_kit: AppKit) -> None:
    url, state = app_kit.app.authorization_url()
    location = app_kit.consent(url)
    for _ in range(MAX_PENDING):  # a flood of sign-ins started and never finished
        app_kit.app.authorization_url()
    with pytest.raises(OAuthStateError, match=f"more than {MAX_PENDING} sign-ins were pending"):
        await app_kit(app_kit.app.exchange, location, state)
    assert app_kit.count("POST", TOKEN) == 0
    # A sign-in started after the flood still completes.
    assert (await app_kit.session()).access_token


# -- 9, 10. Redis: sessions and locks apart; a planted value cannot crash a load ------------


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server = RedisServer("redis", tmp_path_factory.mktemp("redis")).start()
    try:
        yield server.url
    finally:
        server.stop()


def test_no_session_name_is_another_sessions_lock(redis_url: str) -> None:
    prefix = uuid.uuid4().hex
    ada = RedisSessionStore.from_url(redis_url, name=f"{prefix}ada", lock_wait=2)
    mallory = RedisSessionStore.from_url(redis_url, name=f"{prefix}ada:lock", lock_wait=2)
    raw = redis.Redis.from_url(redis_url, decode_responses=True)
    # A session stored under the name `ada:lock` does not block ada's refresh lock...
    mallory.save(Session("m.a.c", "mallory-refresh"))
    started = time.monotonic()
    with ada.lock():
        held = {str(k) for k in raw.keys(f"rememberizer:*{prefix}*")}  # str: decode_responses
        # ...and a signin there while ada holds the lock does not overwrite (free) it.
        mallory.save(Session("m.a.d", "mallory-refresh-2"))
        assert {str(k) for k in raw.keys(f"rememberizer:*{prefix}*")} == held
        ada.load()
        ada.save(Session("a.d.a", "ada-refresh"))  # the compare-and-set under the lock holds
    assert time.monotonic() - started < 1.5
    assert len(held) == 2  # mallory's session and ada's lock: two keys, none shared
    loaded = mallory.load()
    assert loaded is not None
    assert loaded.refresh_token == "mallory-refresh-2"
    assert [k for k in held if k.startswith("rememberizer:lock:")] == [
        f"rememberizer:lock:{ada.key}"
    ]
    with pytest.raises(ValueError, match="locks' namespace"):
        RedisSessionStore.from_url(redis_url, f"rememberizer:lock:{ada.key}")


async def test_a_planted_deeply_nested_value_is_no_session(
    redis_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    key = f"rememberizer:session:test:{uuid.uuid4().hex}"
    redis.Redis.from_url(redis_url).set(key, "[" * 100_000 + "]" * 100_000)
    sync_store = RedisSessionStore.from_url(redis_url, key)
    async_store = AsyncRedisSessionStore.from_url(redis_url, key)
    assert sync_store.load() is None
    assert await async_store.aload() is None
    assert "is nested too deeply; ignoring it" in caplog.text
    # A client on that store starts signed out, as on such a file.
    with Rememberizer(base_url="http://127.0.0.1:9/api/v1", session=sync_store) as client:
        assert client.session.signed_in is False
    await async_store._redis.aclose()


# -- 11. the Redis page's ACL user is enough for the store, and for nothing else ----------


def test_the_acl_user_of_the_redis_page_runs_the_store_and_nothing_else(redis_url: str) -> None:
    page = (Path(__file__).resolve().parents[2] / "docs" / "many-hosts.md").read_text()
    (command,) = re.findall(r"^ACL SETUSER .*$", page, flags=re.MULTILINE)
    admin = redis.Redis.from_url(redis_url)
    words = command.split()
    admin.execute_command(*words)  # type: ignore[no-untyped-call]
    user, password = words[2], words[4].removeprefix(">")
    as_user = redis_url.replace("redis://", f"redis://{user}:{password}@")
    try:
        key = f"rememberizer:session:test:{uuid.uuid4().hex}"
        store = RedisSessionStore.from_url(as_user, key, lock_wait=2)
        store.save(Session("a.b.c", "first"))
        with store.lock():
            held = store.load()
            assert held is not None
            assert held.refresh_token == "first"
            store.save(Session("d.e.f", "second"))  # the compare-and-set script
        loaded = store.load()
        assert loaded is not None
        assert loaded.refresh_token == "second"
        store.save(None)
        assert store.load() is None
        # Anything else is refused: other keys, and commands the store never sends.
        limited = redis.Redis.from_url(as_user)
        with pytest.raises(redis.exceptions.NoPermissionError):
            limited.get("other-app:secret")
        with pytest.raises(redis.exceptions.NoPermissionError):
            limited.keys("*")
    finally:
        admin.acl_deluser(user)


# -- 18. a logout during a refresh's save signs out in memory and on disk, sync and async ---


class SlowDisk(FileSessionStore):
    """A file store whose next write of a session stalls (a slow fsync) until released."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.armed = False
        self.stalled = threading.Event()
        self.release = threading.Event()

    def save(self, session: Session | None) -> None:
        if self.armed and session is not None:
            self.armed = False
            self.stalled.set()
            self.release.wait(10)
        super().save(session)


async def test_a_logout_during_a_refreshs_save_signs_out_on_disk_too(
    h: Harness, tmp_path: Path
) -> None:
    store = SlowDisk(tmp_path / "session.json")
    client = h.new_client(session=store)
    await h.register(client)
    h.fake.advance_clock(301)
    store.armed = True

    async def call() -> None:
        with contextlib.suppress(AuthenticationError):  # the replay may find it signed out
            await h(client.account.get)

    refreshing = asyncio.ensure_future(call())
    assert await asyncio.to_thread(store.stalled.wait, 10)
    logging_out = asyncio.ensure_future(h(client.auth.logout))
    await asyncio.sleep(0.3)  # time for a logout that does not wait to finish first
    store.release.set()
    await asyncio.wait_for(asyncio.gather(refreshing, logging_out), 20)
    assert client.session.signed_in is False
    assert FileSessionStore(store.path).load() is None
    assert not store.path.exists()


# -- 17. a folder that refuses the atomic replace never leaves a spent token behind --------


def _refuse_rename(*args: object) -> None:
    raise PermissionError(errno.EACCES, "Permission denied")  # a read-only folder's answer


def _refuse_writes(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening `path` for writing fails, as a read-only file does (for every user but root)."""
    real_open = os.open

    def refuse_writes(file: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if Path(file) == path and flags & os.O_WRONLY:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse_writes)


@pytest.mark.parametrize("file_writable", [True, False])
async def test_a_read_only_folder_never_leaves_a_spent_refresh_token(
    h: Harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, file_writable: bool
) -> None:
    path = tmp_path / "session.json"
    client = h.new_client(session=FileSessionStore(path))
    await h.register(client)
    spent = path.read_text()
    # Root ignores a folder's mode bits: the refusal is made where the store meets the disk.
    monkeypatch.setattr(os, "replace", _refuse_rename)
    if not file_writable:
        _refuse_writes(path, monkeypatch)
    h.fake.advance_clock(301)
    assert (await h(client.account.get)).email == EMAIL
    assert h.count("POST", "/auth/custom-refresh/") == 1
    # The next run: the rotated session, or none at all; never the spent token.
    assert not path.exists() or path.read_text() != spent
    next_run = h.new_client(session=FileSessionStore(path))
    if file_writable:
        assert (await h(next_run.account.get)).email == EMAIL
    else:
        with pytest.raises(AuthenticationError, match="not signed in"):
            await h(next_run.account.get)
    assert h.count("POST", "/auth/custom-refresh/") == 1
    # The first run's session was not ended by a replay.
    assert (await h(client.account.get)).email == EMAIL


# -- 4. an error keeps no credential: not after a followed redirect, not in its stream -----


def _following(h: Harness, **options: Any) -> Any:
    """A client whose own http_client follows redirects (the caller's choice)."""
    if h.kind == "sync-loopback":
        return h.new_client(http_client=httpx2.Client(follow_redirects=True), **options)
    transport = httpx2.ASGITransport(app=h.fake.app) if h.kind == "async-inprocess" else None
    http = httpx2.AsyncClient(transport=transport, follow_redirects=True)
    return h.new_client(http_client=http, **options)


async def test_no_error_holds_a_secret_after_a_followed_redirect(h: Harness) -> None:
    await h.register()
    client = _following(h)
    await h(client.auth.signin, login=EMAIL, password=PASSWORD)
    session = client._sessions.current
    assert session is not None
    key = str((await control(h, "api-keys", {"email": EMAIL}))["api_key"])
    keyed = _following(h, api_key=key)
    code = h.fake.verification_code(EMAIL)
    moved = {"status": 307, "headers": {"Location": f"{h.base_url}/moved/"}}
    errors: list[BaseException] = []
    attempts: list[tuple[str, Any, dict[str, Any]]] = [
        ("/account/", client.account.get, {}),  # the Bearer token
        ("/documents/search/", keyed.documents.search, {"q": "x"}),  # the API key
        ("/auth/verify-email/", client.auth.verify_email, {"code": code}),  # the code
        ("/auth/signin/", client.auth.signin, {"login": EMAIL, "password": PASSWORD}),
        ("/auth/custom-refresh/", client.auth.refresh, {}),  # the refresh cookie
    ]
    for path, method, kwargs in attempts:
        h.fake.inject_fault(path, **moved)
        with pytest.raises(APIStatusError) as caught:
            await h(method, **kwargs)
        assert caught.value.response is not None
        assert caught.value.response.history == []
        errors.append(caught.value)
    assert len(h.captcha_calls) >= 2  # the signins' captcha tokens were in their bodies
    secrets = [PASSWORD, code, key, session.access_token, session.refresh_token]
    secrets += [t for t in h.fake.state.captchas] + ["captcha-"]
    for error in errors:
        texts = reachable(error)
        for secret in secrets:
            assert not [t for t in texts if secret in t], (type(error).__name__, secret[:8])
    if h.kind == "sync-loopback":  # the harness closes the async clients' own
        client._http.close()
        keyed._http.close()


def test_an_error_keeps_no_set_cookie_and_no_live_stream() -> None:
    stream = httpx2.ByteStream(b'{"detail": "x"}')
    answer = httpx2.Response(
        200,
        headers={"set-cookie": "access_token=tok-secret", "content-type": "application/json"},
        stream=stream,
        request=httpx2.Request("POST", "http://127.0.0.1/", headers={"x-api-key": "key-secret"}),
        extensions={"network_stream": object()},
    )
    answer.read()
    error = APIResponseValidationError.of(answer, "a body the spec does not allow")
    assert error.response is not None
    assert error.response is not answer
    assert error.response.json() == {"detail": "x"}
    assert error.response.extensions == {}
    assert "set-cookie" not in error.response.headers
    assert not [t for t in reachable(error) if "tok-secret" in t or "key-secret" in t]


# -- 15. with http2=True, hpack's DEBUG lines show no header value -------------------------


class H2Server:
    """An HTTP/2 server (h2c, prior knowledge) on 127.0.0.1 that answers each request with a
    Set-Cookie carrying `cookie` and an empty JSON object, and records the headers it got."""

    def __init__(self, cookie: str) -> None:
        self.cookie = cookie
        self.seen: list[dict[bytes, bytes]] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> H2Server:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() (close alone won't)
        self._listener.close()
        self._thread.join(5)

    def _serve(self) -> None:
        with contextlib.suppress(OSError):
            while True:
                connection, _ = self._listener.accept()
                threading.Thread(target=self._answer, args=(connection,), daemon=True).start()

    def _answer(self, connection: socket.socket) -> None:
        with connection, contextlib.suppress(OSError):
            self._exchange(connection)

    def _exchange(self, connection: socket.socket) -> None:
        h2 = H2Connection(config=H2Configuration(client_side=False))
        h2.initiate_connection()
        connection.sendall(h2.data_to_send())
        while data := connection.recv(65535):
            for event in h2.receive_data(data):
                if isinstance(event, StreamEnded):
                    body = b"{}"
                    h2.send_headers(
                        event.stream_id,
                        [
                            (":status", "200"),
                            ("content-type", "application/json"),
                            ("set-cookie", f"access_token={self.cookie}; Path=/"),
                            ("content-length", str(len(body))),
                        ],
                    )
                    h2.send_data(event.stream_id, body, end_stream=True)
                elif isinstance(event, RequestReceived):
                    self.seen.append(dict(event.headers))
            connection.sendall(h2.data_to_send())


def test_hpack_debug_lines_show_no_credential(caplog: pytest.LogCaptureFixture) -> None:
    secrets = ["bearer-secret-1", "refresh-secret-2", "key-secret-3", "cookie-secret-4"]
    caplog.set_level(logging.DEBUG)
    with H2Server(cookie=secrets[3]) as server:
        url = f"http://127.0.0.1:{server.port}/api/v1"
        session = MemorySessionStore(Session(secrets[0], secrets[1], origin=origin_of(url)))
        with (
            httpx2.Client(http1=False, http2=True) as http,
            httpx2.Client(http1=False, http2=True) as keyed_http,
            Rememberizer(base_url=url, session=session, http_client=http) as client,
            Rememberizer(base_url=url, api_key=secrets[2], http_client=keyed_http) as keyed,
        ):
            for call in (client.account.get, keyed.documents.search, client.auth.refresh):
                with contextlib.suppress(RememberizerError):  # `{}` is no account
                    call(*(["x"] if call == keyed.documents.search else []))
    sent = {name for headers in server.seen for name in headers}
    assert {b"authorization", b"x-api-key", b"cookie"} <= sent  # each secret went over h2
    hpack = [r for r in caplog.records if r.name.startswith("hpack")]
    assert len(hpack) > 10  # hpack did log every header it added and decoded
    for secret in secrets:
        assert secret not in caplog.text


async def test_a_session_that_cannot_be_saved_is_not_replaced_by_the_stale_file(
    h: Harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Nothing on disk can change (a read-only file system): the process goes on with the
    # session it holds, through every later refresh, and never reads back the spent one.
    path = tmp_path / "session.json"
    client = h.new_client(session=FileSessionStore(path))
    await h.register(client)
    monkeypatch.setattr(os, "replace", _refuse_rename)
    _refuse_writes(path, monkeypatch)
    monkeypatch.setattr(Path, "unlink", _refuse_rename)
    for expiry in (1, 2, 3):
        h.fake.advance_clock(301)
        assert (await h(client.account.get)).email == EMAIL
        assert h.count("POST", "/auth/custom-refresh/") == expiry
    assert [r["status"] for r in h.fake.requests() if r["path"] == "/auth/custom-refresh/"] == [
        204,
        204,
        204,
    ]


async def test_no_app_error_holds_the_client_secret_or_the_users_tokens(app_kit: AppKit) -> None:
    session = await app_kit.session()
    client = app_kit.client(session)
    url, state = app_kit.app.authorization_url()
    location = app_kit.consent(url)
    errors: list[BaseException] = []
    moved = {"status": 307, "headers": {"Location": f"{app_kit.fake.base_url}/moved/"}}
    attempts: list[tuple[Any, tuple[Any, ...], dict[str, Any]]] = [
        (app_kit.app.exchange, (location, state), {"code_verifier": "v" * 43}),  # refused
        (app_kit.app.exchange, (location, state), {}),  # nothing pending any more
        (client.account.me, (), {}),  # a redirect of the app token's request
    ]
    app_kit.fake.advance_clock(400)
    app_kit.fake.inject_fault("/me/", **moved)
    for method, args, kwargs in attempts:
        with pytest.raises(RememberizerError) as caught:
            await app_kit(method, *args, **kwargs)
        errors.append(caught.value)
    current = client._sessions.current
    secrets = [app_kit.secret, session.access_token, session.refresh_token]
    secrets += [current.access_token, current.refresh_token] if current else []
    for error in errors:
        texts = reachable(error)
        for secret in secrets:
            assert not [t for t in texts if secret in t], (type(error).__name__, secret[:8])
