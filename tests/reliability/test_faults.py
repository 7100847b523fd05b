"""Faults: each one ends in the documented typed error or a successful retry, nothing hangs,
and the session afterwards is consistent (never half-updated, never silently dropped)."""

from __future__ import annotations

import time
from typing import Any

import httpx2
import pytest

from rememberizer import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    AsyncRememberizer,
    InternalServerError,
    RateLimitError,
    Rememberizer,
    SessionExpiredError,
)
from rememberizer.testing import FakeRememberizer
from tests.conftest import EMAIL, PASSWORD, Harness

from ._report import REPORT

pytestmark = pytest.mark.anyio
FAST = {"retry_after": 0}


def session_of(h: Harness) -> Any:
    return h.client._sessions.current


async def registered(h: Harness) -> Any:
    """Sign up, verify and sign in; the request log starts empty after."""
    await h.register()
    h.fake.clear_requests()
    return session_of(h)


@pytest.mark.parametrize(
    ("status", "retry_after", "outcome"),
    [
        (500, None, InternalServerError),  # not retried: the server may have done the work
        (500, 0, InternalServerError),
        (502, None, "retried"),
        (502, 0, "retried"),
        (503, None, "retried"),
        (503, 1, "retried"),
        (504, None, "retried"),
        (504, 0, "retried"),
        (429, 0, "retried"),
        (429, 3600, RateLimitError),  # above the 60 s cap: fail at once
    ],
)
async def test_server_errors_on_a_get(
    h: Harness, status: int, retry_after: int | None, outcome: Any
) -> None:
    REPORT.faults.add(f"{status}" + (" + Retry-After" if retry_after is not None else ""))
    before = await registered(h)
    fault: dict[str, Any] = {"status": status}
    if retry_after is not None:
        fault["retry_after"] = retry_after
    h.fake.inject_fault("/account/", **fault)
    started = time.monotonic()
    if outcome == "retried":
        assert (await h(h.client.account.get)).email == EMAIL
        assert h.count("GET", "/account/") == 2
        if retry_after:
            assert time.monotonic() - started >= retry_after * 0.95
    else:
        with pytest.raises(outcome) as caught:
            await h(h.client.account.get)
        assert caught.value.status_code == status
        assert h.count("GET", "/account/") == 1
    assert time.monotonic() - started < 10
    assert REPORT.session_kept(session_of(h) is before)


@pytest.mark.parametrize("status", [502, 504])
async def test_a_post_that_the_server_may_have_done_is_not_replayed(
    h: Harness, status: int
) -> None:
    REPORT.faults.add(f"{status} on a POST")
    before = await registered(h)
    h.fake.inject_fault("/auth/verify-email/", status=status, **FAST)
    with pytest.raises(InternalServerError):
        await h(h.client.auth.verify_email, "123456")
    assert h.count("POST", "/auth/verify-email/") == 1
    assert REPORT.session_kept(session_of(h) is before)


async def test_connection_refused(h_net: Harness, refused_port: int) -> None:
    REPORT.faults.add("connection refused")
    client = h_net.new_client(base_url=f"http://127.0.0.1:{refused_port}/api/v1", max_retries=1)
    with pytest.raises(APIConnectionError):
        await h_net(client.account.get)
    with pytest.raises(APIConnectionError):
        await h_net(client.auth.signin, login=EMAIL, password=PASSWORD)


async def test_a_killed_server(tmp_path: Any) -> None:
    REPORT.faults.add("killed server")
    fake = FakeRememberizer().start()
    client = AsyncRememberizer(base_url=fake.base_url, captcha=fake.captcha, max_retries=1)
    await client.auth.signup(email=EMAIL, password=PASSWORD, name="Ada")
    before = client._sessions.current
    fake.stop()
    with pytest.raises(APIConnectionError):
        await client.account.get()
    assert REPORT.session_kept(client._sessions.current is before)
    await client.auth.logout()  # a local sign-out always succeeds
    assert not client.session.signed_in
    await client.close()


async def test_the_connection_dropped_mid_response(h_net: Harness) -> None:
    REPORT.faults.add("dropped mid-response")
    before = await registered(h_net)
    h_net.fake.inject_fault("/account/", drop=True)
    assert (await h_net(h_net.client.account.get)).email == EMAIL  # a GET is retried
    h_net.fake.inject_fault("/auth/verify-email/", drop=True)
    with pytest.raises(APIConnectionError):
        await h_net(h_net.client.auth.verify_email, "123456")  # a POST is not
    assert h_net.count("POST", "/auth/verify-email/") == 1
    assert REPORT.session_kept(session_of(h_net) is before)


async def test_a_read_timeout_and_a_slow_response(h_net: Harness) -> None:
    REPORT.faults.add("read timeout")
    REPORT.faults.add("slow response")
    client = h_net.new_client(timeout=0.5, max_retries=1)
    await h_net.register(client)
    before = client._sessions.current
    h_net.fake.inject_fault("/account/", delay=0.2)
    assert (await h_net(client.account.get)).email == EMAIL
    h_net.fake.inject_fault("/account/", delay=2, times=2)
    started = time.monotonic()
    with pytest.raises(APITimeoutError):
        await h_net(client.account.get)
    assert time.monotonic() - started < 3
    assert REPORT.session_kept(client._sessions.current is before)


@pytest.mark.parametrize(
    ("kind", "fault"),
    [
        (
            "truncated JSON",
            {"status": 200, "body": '{"id": 1, "em', "content_type": "application/json"},
        ),
        ("invalid JSON", {"status": 200, "body": "{'id': 1}", "content_type": "application/json"}),
        (
            "HTML error page",
            {
                "status": 502,
                "times": 3,
                "body": "<html>Bad gateway</html>",
                "content_type": "text/html",
                **FAST,
            },
        ),
        ("wrong content type", {"status": 200, "body": "id=1", "content_type": "text/plain"}),
    ],
)
async def test_bodies_that_are_not_what_the_spec_says(
    h: Harness, kind: str, fault: dict[str, Any]
) -> None:
    REPORT.faults.add(kind)
    before = await registered(h)
    h.fake.inject_fault("/account/", **fault)
    expected = InternalServerError if fault["status"] == 502 else APIResponseValidationError
    with pytest.raises(expected) as caught:
        await h(h.client.account.get)
    if kind == "HTML error page":
        assert caught.value.body == "<html>Bad gateway</html>"
    assert REPORT.session_kept(session_of(h) is before)


async def test_a_204_with_a_body() -> None:
    # h11 will not send a body on a 204, so no server can: an in-process transport does.
    REPORT.faults.add("204 with a body")
    fake = FakeRememberizer()
    app = httpx2.ASGITransport(app=fake.app)

    async def handler(request: httpx2.Request) -> httpx2.Response:
        response = await app.handle_async_request(request)
        await response.aread()
        if request.url.path.endswith("/auth/signin/"):
            headers = [(k, v) for k, v in response.headers.multi_items() if k != "content-length"]
            return httpx2.Response(204, headers=headers, content=b'{"unexpected": true}')
        return response

    async with AsyncRememberizer(
        base_url="http://localhost/api/v1",
        captcha=fake.captcha,
        http_client=httpx2.AsyncClient(transport=httpx2.MockTransport(handler)),
    ) as client:
        await client.auth.signup(email=EMAIL, password=PASSWORD, name="Ada")
        await client.auth.signin(login=EMAIL, password=PASSWORD)
        assert client.session.signed_in
        assert (await client.account.get()).email == EMAIL


async def test_a_signin_204_without_its_cookies(h: Harness) -> None:
    REPORT.faults.add("signin 204 without Set-Cookie")
    before = await registered(h)
    h.fake.inject_fault("/auth/signin/", status=204)
    with pytest.raises(APIResponseValidationError):
        await h(h.client.auth.signin, login=EMAIL, password=PASSWORD)
    assert REPORT.session_kept(session_of(h) is before)


@pytest.mark.parametrize("fault", ["401", "500", "timeout"])
async def test_the_refresh_endpoint_failing(h_net: Harness, fault: str) -> None:
    REPORT.faults.add(f"refresh answers {fault}")
    client = h_net.new_client(timeout=0.5)
    await h_net.register(client)
    before = client._sessions.current
    h_net.fake.advance_clock(301)
    if fault == "401":
        h_net.fake.inject_fault("/auth/custom-refresh/", status=401, body={"detail": "no"})
        with pytest.raises(SessionExpiredError):
            await h_net(client.account.get)
        assert not client.session.signed_in  # the documented outcome: the session ended
        assert h_net.events[-1][0] == "expired"
        return
    if fault == "500":
        h_net.fake.inject_fault("/auth/custom-refresh/", status=500)
        with pytest.raises(InternalServerError):
            await h_net(client.account.get)
    else:
        h_net.fake.inject_fault("/auth/custom-refresh/", delay=2)
        with pytest.raises(APITimeoutError):
            await h_net(client.account.get)
    # A failed refresh keeps the session: the next call tries again and succeeds.
    assert REPORT.session_kept(client._sessions.current is before)
    assert (await h_net(client.account.get)).email == EMAIL


@pytest.mark.parametrize("hours", [-6, 6])
async def test_clock_skew(h: Harness, hours: int) -> None:
    REPORT.faults.add(f"clock skew {hours:+d} h")
    # The server's clock runs `hours` away from ours, so every JWT's exp looks hours off.
    h.fake.advance_clock(hours * 3600)
    await h.register()
    h.fake.clear_requests()
    for _ in range(5):
        assert (await h(h.client.account.get)).email == EMAIL
    assert h.count("POST", "/auth/custom-refresh/") == 0  # no refresh on every call
    h.fake.advance_clock(301)  # ...but a token that did expire is still refreshed
    assert (await h(h.client.account.get)).email == EMAIL
    assert h.count("POST", "/auth/custom-refresh/") == 1
    assert REPORT.session_kept(h.client.session.signed_in)


def test_the_sync_client_too(rememberizer_server: FakeRememberizer) -> None:
    # Every test above runs for the sync client through the harness; this one checks that a
    # fault on the sync client's own connection pool leaves it usable.
    with Rememberizer(
        base_url=rememberizer_server.base_url, captcha=rememberizer_server.captcha
    ) as c:
        c.auth.signup(email=EMAIL, password=PASSWORD, name="Ada")
        rememberizer_server.inject_fault("/account/", drop=True, times=3)
        with pytest.raises(APIConnectionError):
            c.account.get()
        assert c.account.get().email == EMAIL
