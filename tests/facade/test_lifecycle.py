"""The facade against the fake server: the lifecycle, refresh and replay, single flight."""

from __future__ import annotations

import asyncio

import httpx2
import pytest

from rememberizer import (
    Account,
    AsyncRememberizer,
    AuthenticationError,
    Detail,
    Profile,
    SessionExpiredError,
    User,
)
from rememberizer._async._sessions import AsyncSessionManager
from tests.conftest import EMAIL, PASSWORD, Harness

pytestmark = pytest.mark.anyio
REFRESH = ("POST", "/auth/custom-refresh/")


async def test_the_whole_lifecycle(h: Harness) -> None:
    c = h.client
    user = await h(c.auth.signup, email=EMAIL, password=PASSWORD, name="Ada")
    assert isinstance(user, User)
    assert (user.email, user.name, user.email_verified) == (EMAIL, "Ada", False)
    assert c.session.signed_in
    detail = await h(c.auth.verify_email, h.fake.verification_code(EMAIL))
    assert isinstance(detail, Detail)
    info = await h(c.auth.signin, login=EMAIL, password=PASSWORD)
    assert info == c.session
    assert info.signed_in
    assert info.user_id == str(user.id)
    assert info.access_expires_at is not None
    account = await h(c.account.get)
    assert isinstance(account, Account)
    assert (account.id, account.email) == (user.id, EMAIL)
    profile = await h(c.account.me)
    assert isinstance(profile, Profile)
    assert profile.email_verified is True
    assert profile.team[0].role == "admin"
    assert c.session.user_id == str(user.id)
    assert c.session.access_expires_at is not None
    await h(c.auth.logout)
    assert not c.session.signed_in
    with pytest.raises(AuthenticationError):
        await h(c.account.get)
    assert [event for event, _ in h.events] == ["signed_in", "signed_in", "signed_out"]
    assert h.events[-1][1].signed_in is False
    log = h.fake.requests()
    assert not any(r["bearer"] for r in log if r["path"] in ("/auth/signup/", "/auth/signin/"))
    assert all(
        r["bearer"]
        for r in log
        if r["path"] in ("/account/", "/me/", "/auth/verify-email/") and r["status"] == 200
    )


async def test_a_401_refreshes_then_replays(h: Harness) -> None:
    await h.register()
    h.fake.advance_clock(301)
    h.fake.clear_requests()
    account = await h(h.client.account.get)
    assert account.email == EMAIL
    assert [(r["method"], r["path"], r["status"]) for r in h.fake.requests()] == [
        ("GET", "/account/", 401),
        ("POST", "/auth/custom-refresh/", 204),
        ("GET", "/account/", 200),
    ]
    assert h.events[-1][0] == "refreshed"


async def test_a_replay_answered_401_does_not_loop(h: Harness) -> None:
    await h.register()
    h.fake.inject_fault("/account/", status=401, times=5, body={"detail": "no", "code": "x"})
    h.fake.clear_requests()
    with pytest.raises(AuthenticationError) as caught:
        await h(h.client.account.get)
    assert not isinstance(caught.value, SessionExpiredError)
    assert h.count("GET", "/account/") == 2
    assert h.count(*REFRESH) == 1
    assert h.client.session.signed_in  # the refresh worked; the session is kept


async def test_a_reused_refresh_token_ends_the_session(h: Harness) -> None:
    await h.register()
    stolen = h.client._sessions.current
    assert stolen is not None
    # Someone else spends our refresh token first: the server sees ours as a reuse.
    async with httpx2.AsyncClient(transport=_transport(h)) as thief:
        spent = await thief.post(
            h.base_url + "/auth/custom-refresh/",
            headers={"Cookie": f"refresh_token={stolen.refresh_token}"},
        )
        assert spent.status_code == 204
    h.fake.advance_clock(301)
    with pytest.raises(SessionExpiredError):
        await h(h.client.account.get)
    assert not h.client.session.signed_in
    assert h.events[-1][0] == "expired"


def _transport(h: Harness) -> httpx2.AsyncBaseTransport:
    if h.kind == "async-inprocess":
        return httpx2.ASGITransport(app=h.fake.app)
    return httpx2.AsyncHTTPTransport()


async def test_an_explicit_refresh_rotates_the_tokens(h: Harness) -> None:
    await h.register()
    before = h.client._sessions.current
    info = await h(h.client.auth.refresh)
    after = h.client._sessions.current
    assert before is not None
    assert after is not None
    assert after.refresh_token != before.refresh_token
    assert info == h.client.session  # the public view, as signin returns
    assert info.signed_in
    assert info.access_expires_at is not None
    assert h.count(*REFRESH) == 1
    await h(h.client.auth.logout)
    with pytest.raises(SessionExpiredError):
        await h(h.client.auth.refresh)


async def test_a_proactive_refresh_when_the_token_is_about_to_expire(h: Harness) -> None:
    fake_ttl_client = h.new_client()
    await h.register(fake_ttl_client)
    session = fake_ttl_client._sessions.current
    assert session is not None
    # Pretend the token was received 290 s ago: 10 s left, inside the 30 s window.
    aged = type(session)(session.access_token, session.refresh_token, session.received_at - 290)
    manager = fake_ttl_client._sessions
    await h(
        manager.aset if isinstance(manager, AsyncSessionManager) else manager.set, aged, "signed_in"
    )
    h.fake.clear_requests()
    await h(fake_ttl_client.account.get)
    assert [(r["path"], r["status"]) for r in h.fake.requests()] == [
        ("/auth/custom-refresh/", 204),
        ("/account/", 200),
    ]


async def test_a_late_401_for_a_replaced_token_does_not_refresh_again(h: Harness) -> None:
    await h.register()
    old = h.client._sessions.current
    assert old is not None
    await h(h.client.auth.refresh)
    # A 401 that arrives now, for the old token, must reuse the new one.
    step_result = (
        await h.client._auth.refresh(old)
        if isinstance(h.client, AsyncRememberizer)
        else await asyncio.to_thread(h.client._auth.refresh, old)
    )
    assert step_result is h.client._sessions.current
    assert h.count(*REFRESH) == 1


async def test_a_failed_proactive_refresh_goes_on_with_the_old_token(h: Harness) -> None:
    await h.register()
    session = h.client._sessions.current
    assert session is not None
    aged = type(session)(session.access_token, session.refresh_token, session.received_at - 290)
    manager = h.client._sessions
    await h(
        manager.aset if isinstance(manager, AsyncSessionManager) else manager.set, aged, "signed_in"
    )
    h.fake.inject_fault("/auth/custom-refresh/", status=500)
    h.fake.clear_requests()
    account = await h(h.client.account.get)
    assert account.email == EMAIL
    assert [(r["path"], r["status"]) for r in h.fake.requests()] == [
        ("/auth/custom-refresh/", 500),
        ("/account/", 200),
    ]
    assert h.client._sessions.current is aged  # kept, to be refreshed on a later call
