"""The request pipeline's hardening (issue 11 items 2, 3, 6, 7, 8, 11): each test failed
before the redesign, for the sync and the async client where both apply."""

from __future__ import annotations

import asyncio
import os
import select
import signal
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx2
import pytest
from rememberizer_api.operations import CREDENTIAL_HEADERS, REFRESH

from rememberizer import (
    APIResponseValidationError,
    AsyncRememberizer,
    FileSessionStore,
    InternalServerError,
    InvalidRequestError,
    Rememberizer,
)
from rememberizer._hooks import RedirectGuard
from rememberizer._pipeline import CREDENTIALED
from rememberizer.testing import FakeRememberizer
from tests.conftest import EMAIL, PASSWORD, Harness

from ._report import REPORT

pytestmark = pytest.mark.anyio


async def test_no_bearer_in_the_shared_http_clients_default_headers(h: Harness) -> None:
    REPORT.faults.add("credentials per request")
    await h.register()
    assert "authorization" not in h.client._http.headers
    assert h.client._sessions.current is not None


async def test_a_same_host_redirect_outside_the_base_path_carries_nothing(h: Harness) -> None:
    """An ASGI app in front of the fake server answers /api/v1/go with a redirect to
    /uploads/x and records what /uploads/x received."""
    REPORT.faults.add("same-host redirect outside the base path")
    await h.register()
    seen: list[dict[str, str]] = []

    async def front(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"] in ("/api/v1/go", "/uploads/x"):
            if scope["path"] == "/uploads/x":
                seen.append({k.decode(): v.decode() for k, v in scope["headers"]})
            status = 302 if scope["path"] == "/api/v1/go" else 200
            headers = [(b"location", b"/uploads/x")] if status == 302 else []
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": b"{}"})
            return
        await h.fake.app(scope, receive, send)

    http = httpx2.AsyncClient(transport=httpx2.ASGITransport(app=front), follow_redirects=True)
    store = h.client._sessions.store
    async with AsyncRememberizer(
        base_url="http://localhost/api/v1", session=store, http_client=http
    ) as client:
        await client.raw.get_async_httpx_client().get("/go")
    await http.aclose()
    assert len(seen) == 1
    assert "authorization" not in seen[0]
    assert "access_token" not in seen[0].get("cookie", "")


async def test_a_refresh_redirected_outside_the_base_path_drops_the_refresh_cookie(
    h: Harness,
) -> None:
    """The refresh cookie is a credential header (Cookie) like Authorization and x-api-key:
    a same-host redirect of the refresh out of the base path must not carry it."""
    await h.register()
    seen: list[dict[str, str]] = []
    refresh = "/api/v1" + REFRESH.path

    async def front(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"] in (refresh, "/uploads/x"):
            if scope["path"] == "/uploads/x":
                seen.append({k.decode(): v.decode() for k, v in scope["headers"]})
            status = 307 if scope["path"] == refresh else 204
            headers = [(b"location", b"/uploads/x")] if status == 307 else []
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        await h.fake.app(scope, receive, send)

    http = httpx2.AsyncClient(transport=httpx2.ASGITransport(app=front), follow_redirects=True)
    store = h.client._sessions.store
    async with AsyncRememberizer(
        base_url="http://localhost/api/v1", session=store, http_client=http
    ) as client:
        await client.raw.get_async_httpx_client().post(REFRESH.path)
    await http.aclose()
    assert len(seen) == 1
    assert "refresh_token" not in seen[0].get("cookie", "")


def test_the_redirect_guard_strips_every_credential_header_of_the_spec() -> None:
    """httpx2 happens to rebuild Cookie on a redirect; the guard does not rely on it: a
    credentialed request outside the base path loses every header of the spec's security
    schemes, the refresh cookie's Cookie included."""
    guard = RedirectGuard(httpx2.URL("http://localhost/api/v1/"), lambda url: False)
    request = httpx2.Request(
        "POST",
        "http://localhost/uploads/x",
        headers={name: "secret" for name in CREDENTIAL_HEADERS} | {"accept": "*/*"},
        extensions={CREDENTIALED: True},
    )
    guard.strip(request)
    assert {"authorization", "cookie", "x-api-key"} <= CREDENTIAL_HEADERS
    assert not CREDENTIAL_HEADERS & set(request.headers.keys())
    assert request.headers["accept"] == "*/*"


async def test_signup_is_not_replayed_after_a_503(h: Harness) -> None:
    REPORT.faults.add("503 on signup")
    h.fake.inject_fault("/auth/signup/", status=503, retry_after=0)
    with pytest.raises(InternalServerError):
        await h(h.client.auth.signup, email=EMAIL, password=PASSWORD, name="Ada")
    assert h.count("POST", "/auth/signup/") == 1


@pytest.mark.parametrize(
    "body",
    [
        '{"id": "abc", "email": 5, "name": null}',
        '{"id": 1, "email": "a@b.c", "name": "A", "user_onboarding_status": 0, '
        '"dev_onboarding_status": 0, "company_name": "", "website": "", "bio": "", '
        '"team": [], "embed_quota": 1, "current_usage": 0, "email_verified": "false"}',
    ],
)
async def test_a_body_with_the_wrong_json_types_is_refused(h: Harness, body: str) -> None:
    REPORT.faults.add("wrong JSON types")
    await h.register()
    path, call = (
        ("/account/", h.client.account.get) if '"abc"' in body else ("/me/", h.client.account.me)
    )
    h.fake.inject_fault(path, status=200, body=body, content_type="application/json")
    with pytest.raises(APIResponseValidationError) as caught:
        await h(call)
    assert caught.value.body is not None  # carried for debugging


async def test_no_password_in_the_chain_of_an_argument_error(h: Harness) -> None:
    REPORT.faults.add("secret in an exception chain")
    password = "lone\udc80surrogate-secret"
    with pytest.raises(InvalidRequestError) as caught:
        await h(h.client.auth.signin, login=EMAIL, password=password)
    error: BaseException | None = caught.value
    while error is not None:
        assert "surrogate-secret" not in repr(getattr(error, "object", "")) + str(error)
        assert error.__cause__ is None
        error = error.__context__


def test_repr_drops_the_userinfo_of_the_base_url() -> None:
    client = Rememberizer(base_url="http://user:pw-secret@127.0.0.1:9/api/v1")
    assert "pw-secret" not in repr(client)
    assert "user" not in repr(client)
    client.close()


async def test_a_closed_client_says_so(h: Harness) -> None:
    REPORT.faults.add("closed client")
    client = h.new_client()
    if isinstance(client, AsyncRememberizer):
        await client.close()
        # The harness's in-process client is handed its HTTP client; close that too.
        await client._http.aclose()
    else:
        client.close()
    with pytest.raises(RuntimeError, match="closed"):
        await h(client.account.get)


def test_an_http_client_of_the_wrong_kind_is_a_type_error() -> None:
    with httpx2.Client() as http, pytest.raises(TypeError, match="http_client must be"):
        AsyncRememberizer(base_url="http://127.0.0.1:9/api/v1", http_client=http)  # type: ignore[arg-type]


def test_a_listener_that_refreshes_does_not_deadlock(
    rememberizer_server: FakeRememberizer,
) -> None:
    REPORT.races.add("refresh inside on_session_change")
    calls: list[str] = []
    holder: list[Rememberizer] = []

    def listener(event: str, info: Any) -> None:
        calls.append(event)
        if event == "refreshed" and calls.count("refreshed") == 1:
            holder[0].auth.refresh()

    client = Rememberizer(
        base_url=rememberizer_server.base_url,
        captcha=rememberizer_server.captcha,
        on_session_change=listener,
    )
    holder.append(client)
    client.auth.signup(email=EMAIL, password=PASSWORD, name="Ada")
    client.auth.signin(login=EMAIL, password=PASSWORD)
    client.auth.refresh()
    assert calls.count("refreshed") == 2
    assert client.account.get().email == EMAIL
    client.close()


async def test_a_cancelled_waiter_does_not_cancel_the_shared_refresh(
    rememberizer_server: FakeRememberizer,
) -> None:
    REPORT.races.add("cancelled refresh waiter")
    fake = rememberizer_server
    client = AsyncRememberizer(base_url=fake.base_url, captcha=fake.captcha)
    await client.auth.signup(email=EMAIL, password=PASSWORD, name="Ada")
    await client.auth.verify_email(fake.verification_code(EMAIL))
    await client.auth.signin(login=EMAIL, password=PASSWORD)
    fake.advance_clock(3600)  # every access token is expired
    fake.clear_requests()
    fake.inject_fault("/auth/custom-refresh/", delay=0.3)
    tasks = [asyncio.create_task(client.account.get()) for _ in range(5)]
    for _ in range(500):  # until the shared refresh is at the server, held by the fault
        if not fake.state.faults:
            break
        await asyncio.sleep(0.01)
    tasks[0].cancel()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    assert isinstance(results[0], asyncio.CancelledError)
    assert all(getattr(r, "email", None) == EMAIL for r in results[1:])
    refreshes = [r for r in fake.requests() if r["path"] == "/auth/custom-refresh/"]
    assert len(refreshes) == 1
    assert client.session.signed_in
    await client.close()


def _signed_in(fake: FakeRememberizer) -> Rememberizer:
    client = Rememberizer(base_url=fake.base_url, captcha=fake.captcha)
    client.auth.signup(email=EMAIL, password=PASSWORD, name="Ada")
    client.auth.signin(login=EMAIL, password=PASSWORD)
    return client


def _in_a_child(child: Callable[[], bool], parent: Callable[[], None]) -> bytes:
    """Fork: the child answers b"ok" when `child()` is true (b"bad", or the name of what it
    raised, else), while the parent runs `parent()`; b"deadlocked" after 20 s of silence."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        try:
            os.write(write, b"ok" if child() else b"bad")
        except BaseException as exc:
            os.write(write, type(exc).__name__.encode())
        finally:
            os._exit(0)
    parent()
    os.close(write)
    answered = select.select([read], [], [], 20)[0]
    if not answered:
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    answer = os.read(read, 100) if answered else b"deadlocked"
    os.close(read)
    return answer


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_a_forked_child_gets_a_fresh_pool_and_the_stored_session(
    rememberizer_server: FakeRememberizer,
) -> None:
    REPORT.races.add("fork")
    client = _signed_in(rememberizer_server)
    assert client.account.get().email == EMAIL  # a pooled connection now exists
    parent_http = client._http
    # A lock held by another thread at fork time must not deadlock the child.
    client._auth._flight.lock.acquire()
    answer = _in_a_child(
        lambda: client._http is not parent_http and client.account.get().email == EMAIL,
        client._auth._flight.lock.release,
    )
    assert answer == b"ok"
    assert client.account.get().email == EMAIL
    client.close()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_a_forked_child_signs_out_though_a_thread_was_writing_the_session(
    rememberizer_server: FakeRememberizer,
) -> None:
    REPORT.races.add("fork while another thread writes the session")
    client = _signed_in(rememberizer_server)
    held, done = threading.Event(), threading.Event()

    def writer() -> None:  # another thread, in the middle of a session write at fork time
        with client._sessions._write_lock, client._sessions._lock:
            held.set()
            done.wait(10)

    def child() -> bool:  # that thread is gone here, and its locks with it
        client.auth.logout()
        return not client.session.signed_in

    thread = threading.Thread(target=writer)
    thread.start()
    assert held.wait(10)
    answer = _in_a_child(child, done.set)
    thread.join()
    assert answer == b"ok"
    client.close()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_a_forked_child_refreshes_through_the_parents_file_store(
    rememberizer_server: FakeRememberizer, tmp_path: Path
) -> None:
    # filelock refuses a lock object inherited across a fork: the store takes a new one for
    # each hold, so the child's refresh (under the store's lock) works.
    REPORT.races.add("fork, then a refresh through the parent's session file")
    fake = rememberizer_server
    store = FileSessionStore(tmp_path / "session.json")
    client = Rememberizer(base_url=fake.base_url, captcha=fake.captcha, session=store)
    client.auth.signup(email=EMAIL, password=PASSWORD, name="Ada")
    client.auth.signin(login=EMAIL, password=PASSWORD)
    with store.lock():  # a lock object used (and freed) in the parent before the fork
        pass
    fake.advance_clock(301)  # the child's next call refreshes, under the store's lock
    assert _in_a_child(lambda: client.account.get().email == EMAIL, lambda: None) == b"ok"
    client.close()


def test_clients_share_one_tls_context() -> None:
    first = Rememberizer(base_url="https://127.0.0.1:9/api/v1")
    second = AsyncRememberizer(base_url="https://127.0.0.1:9/api/v1")
    clients: list[Any] = [first, second]
    contexts = [c._http._transport._pool._ssl_context for c in clients]
    assert contexts[0] is contexts[1]
    first.close()
