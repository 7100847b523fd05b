"""Many users over one pool: `client.with_options(session=...)` (docs/web-backends.md)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx2
import pytest

from rememberizer import (
    AsyncRememberizer,
    AuthenticationError,
    FileSessionStore,
    InvalidRequestError,
    MemorySessionStore,
    Rememberizer,
    VectorStore,
)
from rememberizer.testing import FakeRememberizer
from tests.conftest import EMAIL, PASSWORD, Harness

pytestmark = pytest.mark.anyio

BOB = "bob@example.com"


def _record_bearers(client: Rememberizer | AsyncRememberizer) -> list[tuple[str, str]]:
    """(path, bearer token) of every request sent over `client`'s pool, after auth."""
    seen: list[tuple[str, str]] = []

    def note(request: httpx2.Request) -> None:
        seen.append((request.url.path, request.headers.get("authorization", "")))

    async def anote(request: httpx2.Request) -> None:
        note(request)

    hook: Any = anote if isinstance(client, AsyncRememberizer) else note
    client._http.event_hooks["request"].append(hook)
    return seen


async def _sign_up(h: Harness, client: Rememberizer | AsyncRememberizer, email: str) -> None:
    await h(client.auth.signup, email=email, password=PASSWORD, name=email)
    await h(client.auth.verify_email, h.fake.verification_code(email))
    await h(client.auth.signin, login=email, password=PASSWORD)


def _token(client: Rememberizer | AsyncRememberizer) -> str:
    current = client._sessions.current
    assert current is not None
    return current.access_token


async def test_two_users_over_one_pool_send_only_their_own_session(h: Harness) -> None:
    ada = h.client.with_options(session=MemorySessionStore())
    bob = h.client.with_options(session=MemorySessionStore())
    await _sign_up(h, ada, EMAIL)
    await _sign_up(h, bob, BOB)
    assert ada._http is bob._http is h.client._http  # one pool
    assert not h.client.session.signed_in  # the pool's own client acts for nobody
    sent = _record_bearers(h.client)
    assert (await h(ada.account.get)).email == EMAIL
    assert (await h(bob.account.get)).email == BOB
    assert sent == [
        ("/api/v1/account/", f"Bearer {_token(ada)}"),
        ("/api/v1/account/", f"Bearer {_token(bob)}"),
    ]
    assert _token(ada) != _token(bob)
    with pytest.raises(AuthenticationError):
        await h(h.client.account.get)  # still signed out: no user's session leaked to it


async def test_one_users_refresh_leaves_the_other_alone(h: Harness) -> None:
    ada_store, bob_store = MemorySessionStore(), MemorySessionStore()
    ada = h.client.with_options(session=ada_store)
    bob = h.client.with_options(session=bob_store)
    await _sign_up(h, ada, EMAIL)
    await _sign_up(h, bob, BOB)
    bobs = bob_store.load()
    await h(ada.auth.refresh)
    assert ada_store.load() != bobs
    assert bob_store.load() == bobs
    assert (await h(bob.account.get)).email == BOB


async def test_each_user_refreshes_once_when_their_token_expired(h: Harness) -> None:
    ada = h.client.with_options(session=MemorySessionStore())
    bob = h.client.with_options(session=MemorySessionStore())
    await _sign_up(h, ada, EMAIL)
    await _sign_up(h, bob, BOB)
    h.fake.advance_clock(301)
    h.fake.clear_requests()
    calls = [h(who.account.get) for who in (ada, bob) for _ in range(3)]
    emails = [account.email for account in await asyncio.gather(*calls)]
    assert emails == [EMAIL] * 3 + [BOB] * 3
    # One refresh per user (single-flight each), not one for all and not one per call.
    assert h.count("POST", "/auth/custom-refresh/") == 2


@pytest.mark.parametrize("kind", ["memory", "file"])
async def test_a_users_copies_per_request_share_one_refresh(
    h: Harness, kind: str, tmp_path: Path
) -> None:
    # docs/web-backends.md: one store per user, kept between requests, and a copy per request.
    # Each copy has its own single flight; the store's lock is what makes them share one
    # refresh, where each would spend the rotating refresh token and sign the user out.
    store = MemorySessionStore() if kind == "memory" else FileSessionStore(tmp_path / "ada.json")
    await _sign_up(h, h.client.with_options(session=store), EMAIL)
    h.fake.advance_clock(301)
    h.fake.clear_requests()
    copies = [h.client.with_options(session=store) for _ in range(4)]
    accounts = await asyncio.gather(*(h(copy.account.get) for copy in copies))
    assert [account.email for account in accounts] == [EMAIL] * 4
    assert h.count("POST", "/auth/custom-refresh/") == 1


async def test_closing_a_users_copy_leaves_the_pool_open(h: Harness) -> None:
    ada = h.client.with_options(session=MemorySessionStore())
    bob = h.client.with_options(session=MemorySessionStore())
    await _sign_up(h, bob, BOB)
    if isinstance(ada, AsyncRememberizer):
        await ada.close()
    else:
        ada.close()
    assert not h.client._http.is_closed
    assert (await h(bob.account.get)).email == BOB


async def test_a_cookie_one_users_answer_sets_never_reaches_another_user(h: Harness) -> None:
    # The pool's jar is shared: a cookie the API sets on Ada's answer (a load balancer's, a
    # framework session) would otherwise ride on Bob's requests, and on the opener's.
    ada = h.client.with_options(session=MemorySessionStore())
    bob = h.client.with_options(session=MemorySessionStore())
    await _sign_up(h, ada, EMAIL)
    await _sign_up(h, bob, BOB)
    account = (await h(ada.account.get)).to_dict()
    h.fake.inject_fault(
        "/account/", status=200, body=account, headers={"Set-Cookie": "sessionid=ada-only; Path=/"}
    )
    assert (await h(ada.account.get)).email == EMAIL
    sent: list[str] = []

    def note(request: httpx2.Request) -> None:
        sent.append(request.headers.get("cookie", ""))

    async def anote(request: httpx2.Request) -> None:
        note(request)

    hook: Any = anote if isinstance(h.client, AsyncRememberizer) else note
    h.client._http.event_hooks["request"].append(hook)
    assert (await h(bob.account.get)).email == BOB
    assert (await h(ada.account.get)).email == EMAIL
    assert len(sent) == 2
    assert not any("ada-only" in header for header in sent)


def test_a_users_copy_uses_no_key_and_no_raw_client(
    rememberizer_server: FakeRememberizer,
) -> None:
    with Rememberizer(base_url=rememberizer_server.base_url, api_key="operator-key") as client:
        user = client.with_options(session=MemorySessionStore())
        rememberizer_server.clear_requests()
        with pytest.raises(AuthenticationError):
            user.documents.search("anything")
        # The user has no session: signed out, never acting with the operator's key.
        assert [r["api_key"] for r in rememberizer_server.requests()] == [False]
        with pytest.raises(InvalidRequestError, match=r"client\.raw"):
            user.raw.get_httpx_client()
        with pytest.raises(InvalidRequestError, match="with session= only"):
            client.with_options(on_session_change=lambda event, info: None)
        with pytest.raises(InvalidRequestError, match="SessionStore"):
            client.with_options(session="ada")  # type: ignore[arg-type]


def test_a_vector_store_takes_no_users_session() -> None:
    store = VectorStore(api_key="store-key", base_url="http://127.0.0.1:9/api/v1")
    with pytest.raises(InvalidRequestError, match="acts with its key, not a session"):
        store.with_options(session=MemorySessionStore())
    store.close()
