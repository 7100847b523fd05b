"""Rememberizer apps (issue 15): OAuthApp and AsyncOAuthApp against the fake server, and the
client refreshing an app's session on the cookie session's single-flight machinery."""

from __future__ import annotations

import asyncio
import logging
import pickle
import threading
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx2
import pytest

from rememberizer import (
    AsyncOAuthApp,
    AsyncRememberizer,
    AuthenticationError,
    FileSessionStore,
    InvalidRequestError,
    MemorySessionStore,
    OAuthAccessDenied,
    OAuthApp,
    OAuthSession,
    OAuthStateError,
    OAuthTokenError,
    Rememberizer,
    SessionExpiredError,
)
from rememberizer.testing import FakeRememberizer
from tests.conftest import EMAIL, PASSWORD

pytestmark = pytest.mark.anyio

CALLBACK = "https://app.example.com/callback"
OTHER = "https://app.example.com/other"
TOKEN = "/auth/oauth2/token/"


class Kit:
    """A registered app of one kind (sync or async), a signed-up user, and helpers."""

    def __init__(self, kind: str, fake: FakeRememberizer) -> None:
        self.kind, self.fake = kind, fake
        with Rememberizer(base_url=fake.base_url, captcha=fake.captcha) as first_party:
            first_party.auth.signup(email=EMAIL, password=PASSWORD, name="Ada")
        registered = httpx2.post(
            fake.root_url + "/_testing/oauth-apps",
            json={"name": "Bot", "redirect_uris": [CALLBACK, OTHER]},
        ).json()
        self.client_id: str = registered["client_id"]
        self.secret: str = registered["client_secret"]
        self.app = self.new_app()
        self.events: list[str] = []
        self.clients: list[Any] = []

    def new_app(self, **options: Any) -> OAuthApp | AsyncOAuthApp:
        options.setdefault("client_secret", self.secret)
        options.setdefault("base_url", self.fake.base_url)
        cls = OAuthApp if self.kind == "sync" else AsyncOAuthApp
        return cls(self.client_id, redirect_uri=CALLBACK, **options)

    async def __call__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if asyncio.iscoroutinefunction(fn):
            return await fn(*args, **kwargs)
        return await asyncio.to_thread(fn, *args, **kwargs)

    def consent(self, url: str, decision: str = "approve") -> str:
        answer = httpx2.post(
            self.fake.root_url + "/_testing/oauth-consent",
            json={"url": url, "email": EMAIL, "decision": decision},
        )
        assert answer.status_code == 200, answer.text
        location: str = answer.json()["location"]
        return location

    async def session(self) -> OAuthSession:
        url, state = self.app.authorization_url()
        session: OAuthSession = await self(self.app.exchange, self.consent(url), state)
        return session

    def client(self, initial: OAuthSession | None, **options: Any) -> Any:
        options.setdefault("session", MemorySessionStore(initial))
        options.setdefault("on_session_change", lambda event, info: self.events.append(event))
        cls = Rememberizer if self.kind == "sync" else AsyncRememberizer
        client = cls(oauth=self.app, **options)
        self.clients.append(client)
        return client

    async def in_flight(self, path: str, call: asyncio.Future[Any]) -> None:
        """Wait until a request to `path` has reached the server (or `call` ended)."""
        for _ in range(500):
            if self.count("POST", path) or call.done():
                return
            await asyncio.sleep(0.02)

    def count(self, method: str, path: str) -> int:
        return sum(1 for r in self.fake.requests() if (r["method"], r["path"]) == (method, path))


@pytest.fixture(params=["sync", "async"])
async def kit(
    request: pytest.FixtureRequest, rememberizer_server: FakeRememberizer
) -> AsyncIterator[Kit]:
    kit = Kit(request.param, rememberizer_server)
    yield kit
    for client in kit.clients:
        if isinstance(client, AsyncRememberizer):
            await client.close()
        else:
            client.close()


async def test_sign_in_exchange_and_call_the_api(kit: Kit, tmp_path: Path) -> None:
    url, state = kit.app.authorization_url()
    assert "code_challenge_method=S256" in url
    assert len(state) >= 40
    session = await kit(kit.app.exchange, kit.consent(url), state)
    assert isinstance(session, OAuthSession)
    assert session.refresh_token
    assert session.client_id == kit.client_id
    assert session.origin == kit.fake.base_url
    # Stored through the same SessionStore protocol, kind and all.
    store = FileSessionStore(tmp_path / "user-1.json")
    store.save(session)
    loaded = store.load()
    assert isinstance(loaded, OAuthSession)
    assert loaded == session
    client = kit.client(None, session=store)
    account = await kit(client.account.get)
    assert account.email == EMAIL


async def test_a_state_mismatch_raises_before_any_request(kit: Kit) -> None:
    url, state = kit.app.authorization_url()
    location = kit.consent(url)
    kit.fake.clear_requests()
    with pytest.raises(OAuthStateError):
        await kit(kit.app.exchange, location, state + "x")
    with pytest.raises(OAuthStateError):
        await kit(kit.app.exchange, {"code": "abc"}, state)  # no state at all
    assert kit.count("POST", TOKEN) == 0
    # The verifier survives a forged callback: the real one still goes through.
    assert isinstance(await kit(kit.app.exchange, location, state), OAuthSession)


async def test_access_denied(kit: Kit) -> None:
    url, state = kit.app.authorization_url()
    location = kit.consent(url, decision="deny")
    with pytest.raises(OAuthAccessDenied) as caught:
        await kit(kit.app.exchange, location, state)
    assert caught.value.error == "access_denied"


async def test_a_replayed_code_is_refused(kit: Kit) -> None:
    url, state = kit.app.authorization_url()
    location = kit.consent(url)
    session = await kit(kit.app.exchange, location, state)
    # A reloaded callback: its sign-in is no longer pending, so nothing is sent (issue 23).
    with pytest.raises(OAuthStateError, match="no sign-in is pending"):
        await kit(kit.app.exchange, location, state)
    assert kit.count("POST", TOKEN) == 1
    # Replayed with a verifier (the caller's own): the server refuses the spent code.
    with pytest.raises(OAuthTokenError) as caught:
        await kit(kit.app.exchange, location, state, code_verifier="v" * 43)
    assert caught.value.error == "invalid_grant"
    assert caught.value.status_code == 400
    # The server's words, then what the app should do about them.
    assert str(caught.value).endswith(
        "; a code works once, briefly: start a new sign-in with authorization_url()"
    )
    # RFC 6749 §4.1.2: the replay revoked what the code was exchanged for.
    client = kit.client(session)
    with pytest.raises(AuthenticationError):
        await kit(client.account.get)


async def test_the_wrong_redirect_uri_is_refused(kit: Kit) -> None:
    url, state = kit.app.authorization_url()
    # The authorization went out for OTHER; this app exchanges with CALLBACK.
    location = kit.consent(url.replace(quote(CALLBACK, safe=""), quote(OTHER, safe="")))
    with pytest.raises(OAuthTokenError, match="redirect_uri"):
        await kit(kit.app.exchange, location, state)


async def test_an_expired_code_is_refused(kit: Kit) -> None:
    url, state = kit.app.authorization_url()
    location = kit.consent(url)
    kit.fake.advance_clock(61)
    with pytest.raises(OAuthTokenError) as caught:
        await kit(kit.app.exchange, location, state)
    assert caught.value.error == "invalid_grant"


async def test_a_wrong_pkce_verifier_is_refused(kit: Kit) -> None:
    url, state = kit.app.authorization_url()
    location = kit.consent(url)
    with pytest.raises(OAuthTokenError, match="PKCE"):
        await kit(kit.app.exchange, location, state, code_verifier="v" * 43)


async def test_a_refresh_storm_makes_exactly_one_token_refresh(kit: Kit) -> None:
    client = kit.client(await kit.session())
    kit.fake.advance_clock(400)  # the app token is dead by the server's clock: every call 401s
    kit.fake.clear_requests()
    if kit.kind == "sync":
        barrier, results = threading.Barrier(8), []

        def call() -> None:
            barrier.wait()
            results.append(client.account.get().email)

        threads = [threading.Thread(target=call) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    else:
        results = [a.email for a in await asyncio.gather(*(client.account.get() for _ in range(8)))]
    assert results == [EMAIL] * 8
    assert kit.count("POST", TOKEN) == 1
    assert kit.events == ["refreshed"]


async def test_logout_wins_against_an_in_flight_refresh(kit: Kit) -> None:
    store = MemorySessionStore(await kit.session())
    client = kit.client(None, session=store)
    kit.fake.advance_clock(400)
    kit.fake.inject_fault(TOKEN, method="POST", delay=1.0)
    call = asyncio.ensure_future(kit(client.account.get))
    await kit.in_flight(TOKEN, call)
    await kit(client.auth.logout)
    with pytest.raises(AuthenticationError):
        await call
    # The refresh came back after the logout and lost its compare-and-set.
    assert store.load() is None
    assert not client.session.signed_in
    assert "refreshed" not in kit.events
    assert kit.events[0] == "signed_out"
    # The app's refresh token went to the token endpoint only, never to /auth/logout/.
    assert kit.count("POST", "/auth/logout/") == 0


async def test_a_revocation_during_a_refresh_ends_the_session(kit: Kit) -> None:
    store = MemorySessionStore(await kit.session())
    client = kit.client(None, session=store)
    kit.fake.advance_clock(400)
    kit.fake.inject_fault(TOKEN, method="POST", delay=1.0)
    call = asyncio.ensure_future(kit(client.account.get))
    await kit.in_flight(TOKEN, call)
    revoked = await asyncio.to_thread(
        httpx2.post,
        kit.fake.root_url + "/_testing/oauth-revoke",
        json={"client_id": kit.client_id, "email": EMAIL},
    )
    assert revoked.json() == {"revoked": 1}
    with pytest.raises(SessionExpiredError):
        await call
    assert store.load() is None
    assert kit.events == ["expired"]


async def test_the_secret_is_never_in_logs_errors_or_reprs(
    kit: Kit, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    secret = kit.secret
    seen: list[str] = [repr(kit.app), str(kit.app), repr(vars(kit.app))]
    session = await kit.session()
    seen += [repr(session)]
    client = kit.client(session)
    seen += [repr(client), repr(client._auth)]
    kit.fake.advance_clock(400)
    await kit(client.account.get)  # a refresh, logged at DEBUG

    def chain(exc: BaseException | None) -> list[str]:
        found = []
        while exc is not None:
            found += [repr(exc), str(exc), repr(vars(exc))]
            exc = exc.__cause__ or exc.__context__
        return found

    url, state = kit.app.authorization_url()
    location = kit.consent(url)
    wrong = kit.new_app(client_secret="wrong-" + secret)
    wrong_url, wrong_state = wrong.authorization_url()
    wrong_location = kit.consent(wrong_url)
    attempts: list[Callable[[], Any]] = [
        lambda: kit.app.exchange(location, state + "x"),
        lambda: wrong.exchange(wrong_location, wrong_state),
        lambda: kit.app.exchange(location, state),
        lambda: kit.app.exchange(location, state),  # replayed
    ]
    for attempt in attempts:
        try:
            result = attempt()
            if asyncio.iscoroutine(result):
                await result
        except Exception as exc:
            seen += chain(exc)
    unreachable = kit.new_app(base_url="http://127.0.0.1:9/api/v1")
    try:
        result = unreachable.exchange(location, state, code_verifier="v" * 43)
        if asyncio.iscoroutine(result):
            await result
    except Exception as exc:
        seen += chain(exc)
    assert any("invalid_client" in text for text in seen)
    assert any("check the app's client_id and client_secret" in text for text in seen)
    seen.append(caplog.text)
    assert not [text for text in seen if secret in text]
    with pytest.raises(TypeError):
        pickle.dumps(kit.app)


async def test_a_session_without_offline_access_cannot_refresh(kit: Kit) -> None:
    kit.app = kit.new_app(scopes=["read"])
    session = await kit.session()
    assert session.refresh_token == ""
    client = kit.client(session)
    kit.fake.advance_clock(400)
    with pytest.raises(SessionExpiredError, match="offline_access"):
        await kit(client.account.get)


def test_an_app_session_needs_its_app(rememberizer_server: FakeRememberizer) -> None:
    kit = Kit("sync", rememberizer_server)
    session = asyncio.run(kit.session())
    with Rememberizer(
        base_url=rememberizer_server.base_url, session=MemorySessionStore(session)
    ) as c:
        rememberizer_server.advance_clock(400)
        with pytest.raises(AuthenticationError):
            c.account.get()
        assert c.session.signed_in  # not dropped: the app, not the session, is missing


async def test_a_token_answer_with_only_the_two_tokens_is_a_session(kit: Kit) -> None:
    # All that Rememberizer's sample app reads (spec x-source S22): no token_type, expires_in
    # or scope.
    url, state = kit.app.authorization_url()
    callback = kit.consent(url)
    answer = {"access_token": "eyJhbGciOiJIUzI1NiJ9.e30.sig", "refresh_token": "8kq1vJ0d"}
    fault = {"path": "/auth/oauth2/token/", "method": "POST", "status": 200, "body": answer}
    httpx2.post(f"{kit.fake.root_url}/_testing/faults", json=fault).raise_for_status()
    session = await kit(kit.app.exchange, callback, state)
    assert (session.access_token, session.refresh_token) == tuple(answer.values())


async def test_a_raw_logout_of_an_apps_session_says_it_sent_nothing(kit: Kit) -> None:
    client = kit.client(await kit.session())
    # An app's session is ended locally only: there is no response to give, and no IndexError.
    with pytest.raises(InvalidRequestError, match="sent no request this time"):
        await kit(client.auth.with_raw_response.logout)
    assert not client.session.signed_in
