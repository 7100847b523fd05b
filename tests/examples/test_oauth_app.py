"""rememberizer/examples/oauth_app.py, driven with httpx2: authorize, consent, callback, and an
API call."""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx2
import pytest

from rememberizer import AsyncOAuthApp, Rememberizer
from rememberizer.examples.oauth_app import create_app
from rememberizer.testing import FakeRememberizer
from tests.conftest import EMAIL, PASSWORD

pytestmark = pytest.mark.anyio

SITE = "https://app.example.com"


def register_app(fake: FakeRememberizer, redirect_uri: str) -> AsyncOAuthApp:
    """A user, and an app registered for `redirect_uri`."""
    with Rememberizer(base_url=fake.base_url, captcha=fake.captcha) as first_party:
        first_party.auth.signup(email=EMAIL, password=PASSWORD, name="Ada")
    answer = httpx2.post(
        fake.root_url + "/_testing/oauth-apps",
        json={"name": "Example", "redirect_uris": [redirect_uri]},
    ).json()
    return AsyncOAuthApp(
        answer["client_id"], answer["client_secret"], redirect_uri, base_url=fake.base_url
    )


async def test_a_user_signs_in_and_sees_their_account(
    rememberizer_server: FakeRememberizer,
) -> None:
    oauth = register_app(rememberizer_server, SITE + "/callback")
    transport = httpx2.ASGITransport(app=create_app(oauth))
    async with (
        httpx2.AsyncClient(transport=transport, base_url=SITE) as browser,
        httpx2.AsyncClient() as control,
    ):
        login = await browser.get("/login")
        assert login.status_code == 302
        authorize = login.headers["location"]
        assert authorize.startswith(rememberizer_server.base_url + "/auth/oauth2/authorize/")
        # The user approves on the consent page (here through the fake server's control).
        consent = await control.post(
            rememberizer_server.root_url + "/_testing/oauth-consent",
            json={"url": authorize, "email": EMAIL, "decision": "approve"},
        )
        back = urlsplit(consent.json()["location"])
        assert f"{back.scheme}://{back.netloc}{back.path}" == SITE + "/callback"
        callback = await browser.get(f"{back.path}?{back.query}")
        assert (callback.status_code, callback.headers["location"]) == (302, "/me")
        me = await browser.get("/me", params={"q": "notes"})
        assert me.status_code == 200, me.text
        assert me.json()["email"] == EMAIL
        assert me.json()["results"] == []  # no memento was shared with the app
        # A second callback with the same state is refused by the app itself.
        again = await browser.get(f"{back.path}?{back.query}")
        assert again.status_code == 400
