"""The fake server's OAuth2 apps, checked with raw httpx2 over loopback."""

from __future__ import annotations

import base64
import hashlib
import html
import re
import secrets
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx2
import pytest

from rememberizer.testing import FakeRememberizer

from .conftest import PASSWORD, register, seed_document

CALLBACK = "https://app.example.com/callback"


class App:
    """A registered app and the requests it makes."""

    def __init__(self, http: httpx2.Client, fake: FakeRememberizer) -> None:
        self.http, self.fake = http, fake
        response = http.post(
            fake.root_url + "/_testing/oauth-apps",
            json={"name": "Slack <bot>", "redirect_uris": [CALLBACK]},
        )
        assert response.status_code == 201
        body = response.json()
        assert body["redirect_uris"] == [CALLBACK]
        self.client_id: str = body["client_id"]
        self.secret: str = body["client_secret"]

    def authorize_url(self, **params: str) -> str:
        query = {
            "client_id": self.client_id,
            "response_type": "code",
            "redirect_uri": CALLBACK,
            "scope": "offline_access",
            "state": "st-123",
            **params,
        }
        return self.fake.base_url + "/auth/oauth2/authorize/?" + urlencode(query)

    def consent(self, url: str, decision: str = "approve", **extra: Any) -> dict[str, list[str]]:
        response = self.http.post(
            self.fake.root_url + "/_testing/oauth-consent",
            json={"url": url, "email": "ada@example.com", "decision": decision, **extra},
        )
        assert response.status_code == 200, response.text
        location: str = response.json()["location"]
        assert location.startswith(CALLBACK + "?")
        return parse_qs(urlsplit(location).query)

    def token(self, **form: str) -> httpx2.Response:
        body = {"client_id": self.client_id, "client_secret": self.secret, **form}
        return self.http.post("auth/oauth2/token/", data=body)

    def exchange(self, code: str, **form: str) -> httpx2.Response:
        return self.token(grant_type="authorization_code", code=code, redirect_uri=CALLBACK, **form)

    def code(self, **params: str) -> str:
        return self.consent(self.authorize_url(**params))["code"][0]


@pytest.fixture
def app(http: httpx2.Client, rememberizer_server: FakeRememberizer) -> App:
    register(http, rememberizer_server)
    return App(http, rememberizer_server)


def pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


class Form(HTMLParser):
    """The consent page's form fields."""

    def __init__(self) -> None:
        super().__init__()
        self.action = ""
        self.fields: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "form":
            self.action = dict(attrs).get("action") or ""
        if tag in ("input", "button"):
            self.fields.append(dict(attrs))


# -- the whole flow ----------------------------------------------------------------------------


def test_authorize_consent_page_callback_token_and_me(
    http: httpx2.Client, rememberizer_server: FakeRememberizer, app: App
) -> None:
    verifier, challenge = pkce()
    url = app.authorize_url(code_challenge=challenge, code_challenge_method="S256")
    # The browser: signed in through the cookie session, it gets a real form naming the app.
    page = http.get(url)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "Slack &lt;bot&gt;" in page.text
    form = Form()
    form.feed(page.text)
    consent = next(f["value"] for f in form.fields if f.get("name") == "consent")
    assert {f.get("value") for f in form.fields if f.get("name") == "decision"} == {
        "approve",
        "deny",
    }
    answer = http.post(
        rememberizer_server.root_url + form.action,
        data={"consent": consent or "", "decision": "approve"},
    )
    assert answer.status_code == 302
    back = parse_qs(urlsplit(answer.headers["location"]).query)
    assert back["state"] == ["st-123"]
    # The app's server: exchanges the code (no cookies) and calls the API with the token.
    with httpx2.Client(base_url=rememberizer_server.base_url + "/") as server_side:
        tokens = server_side.post(
            "auth/oauth2/token/",
            data={
                "grant_type": "authorization_code",
                "code": back["code"][0],
                "redirect_uri": CALLBACK,
                "client_id": app.client_id,
                "client_secret": app.secret,
                "code_verifier": verifier,
            },
        )
        assert tokens.status_code == 200
        body = tokens.json()
        assert body["token_type"] == "Bearer"
        assert body["scope"] == "offline_access"
        assert body["expires_in"] > 0
        assert body["refresh_token"]
        assert tokens.headers["cache-control"] == "no-store"
        me = server_side.get("me/", headers={"Authorization": f"Bearer {body['access_token']}"})
        assert me.status_code == 200
        assert me.json()["email"] == "ada@example.com"
    grant = rememberizer_server.state.oauth.grant(body["access_token"])
    assert grant is not None
    assert grant.client_id == app.client_id
    assert grant.mementos == frozenset()
    assert grant.scope == {"offline_access"}


def test_a_first_party_token_has_no_app_grant(
    http: httpx2.Client, rememberizer_server: FakeRememberizer, app: App
) -> None:
    token = http.cookies["access_token"]
    assert rememberizer_server.state.oauth.grant(token) is None
    assert rememberizer_server.state.oauth.grant("not a jwt") is None


def test_the_consent_page_needs_a_signed_in_user(
    rememberizer_server: FakeRememberizer, app: App
) -> None:
    with httpx2.Client() as browser:
        page = browser.get(app.authorize_url())
        assert page.status_code == 401
        assert "Sign in" in page.text
        posted = browser.post(app.authorize_url(), data={"consent": "x", "decision": "approve"})
        assert posted.status_code == 401


def _sign_in_form(page: httpx2.Response) -> tuple[str, str]:
    """The sign-in form's action and its `next` field."""
    action = re.search(r'<form method=post action="([^"]+)">', page.text)
    after = re.search(r'name=next value="([^"]*)"', page.text)
    assert action is not None, page.text
    assert after is not None, page.text
    return action[1], html.unescape(after[1])


def test_a_browser_signs_in_on_the_sign_in_page_and_comes_back_to_consent(
    rememberizer_server: FakeRememberizer, app: App
) -> None:
    with httpx2.Client(base_url=rememberizer_server.root_url, timeout=10) as browser:
        page = browser.get(app.authorize_url())
        assert page.status_code == 401
        action, after = _sign_in_form(page)
        assert action == "/signin"
        assert after == app.authorize_url().removeprefix(rememberizer_server.root_url)
        form = {"email": "ada@example.com", "next": after}
        wrong = browser.post(action, data={**form, "password": "not it"})
        assert wrong.status_code == 401
        assert "Wrong email or password." in wrong.text
        assert "access_token" not in browser.cookies
        signed_in = browser.post(action, data={**form, "password": PASSWORD})
        assert signed_in.status_code == 303
        assert signed_in.headers["location"] == after
        consent = browser.get(after)
        assert consent.status_code == 200
        assert "Slack &lt;bot&gt; wants to use your Rememberizer knowledge" in consent.text
        # The page stands alone too, and never sends the browser to another site.
        alone = browser.get("/signin", params={"next": "https://evil.example/x"})
        assert alone.status_code == 200
        assert _sign_in_form(alone)[1] == "/api/v1/auth/oauth2/authorize/"
        elsewhere = browser.post(
            action, data={**form, "password": PASSWORD, "next": "//evil.example/x"}
        )
        assert elsewhere.headers["location"] == "/api/v1/auth/oauth2/authorize/"
        # Login CSRF: another site's form posting the attacker's credentials signs nobody in.
        browser.cookies.clear()
        for headers in ({"origin": "https://evil.example"}, {"sec-fetch-site": "cross-site"}):
            forged = browser.post(action, data={**form, "password": PASSWORD}, headers=headers)
            assert forged.status_code == 403
            assert "access_token" not in browser.cookies
        own = {"origin": rememberizer_server.root_url, "sec-fetch-site": "same-origin"}
        assert (
            browser.post(action, data={**form, "password": PASSWORD}, headers=own).status_code
            == 303
        )


def test_a_consent_form_works_once_and_only_for_its_user(
    http: httpx2.Client, rememberizer_server: FakeRememberizer, app: App
) -> None:
    page = http.get(app.authorize_url())
    consent = re.search(r'name=consent value="([^"]+)"', page.text)
    assert consent is not None
    incomplete = http.post(app.authorize_url(), data={"consent": consent[1]})
    assert incomplete.status_code == 200
    assert "Choose Allow or Deny" in incomplete.text
    denied = http.post(app.authorize_url(), data={"consent": consent[1], "decision": "deny"})
    assert denied.status_code == 302
    assert parse_qs(urlsplit(denied.headers["location"]).query) == {
        "error": ["access_denied"],
        "error_description": ["The user denied the request."],
        "state": ["st-123"],
    }
    again = http.post(app.authorize_url(), data={"consent": consent[1], "decision": "approve"})
    assert again.status_code == 400


# -- what the authorize request must be ------------------------------------------------------


def test_an_unknown_client_or_redirect_uri_never_redirects(http: httpx2.Client, app: App) -> None:
    for url in (
        app.authorize_url(client_id="app_unknown"),
        app.authorize_url(redirect_uri=CALLBACK + "/"),
        app.authorize_url(redirect_uri="https://evil.example.com/callback"),
    ):
        response = http.get(url)
        assert response.status_code == 400
        assert "location" not in response.headers


@pytest.mark.parametrize(
    ("params", "error"),
    [
        ({"response_type": "token"}, "unsupported_response_type"),
        ({"state": ""}, "invalid_request"),
        ({"code_challenge": "short", "code_challenge_method": "S256"}, "invalid_request"),
        ({"code_challenge": "a" * 43, "code_challenge_method": "plain"}, "invalid_request"),
        ({"code_challenge_method": "S256"}, "invalid_request"),
    ],
)
def test_other_errors_go_back_to_the_app(
    http: httpx2.Client, app: App, params: dict[str, str], error: str
) -> None:
    response = http.get(app.authorize_url(**params))
    assert response.status_code == 302
    assert parse_qs(urlsplit(response.headers["location"]).query)["error"] == [error]


def test_the_control_can_deny(app: App) -> None:
    assert app.consent(app.authorize_url(), "deny")["error"] == ["access_denied"]


@pytest.mark.parametrize(
    "body",
    [
        {"url": "https://x/other"},
        {"email": "nobody@example.com"},
        {"decision": "maybe"},
        {"mementos": ["1"]},
        {"mementos": [1]},
    ],
)
def test_the_consent_control_validates(
    http: httpx2.Client, rememberizer_server: FakeRememberizer, app: App, body: dict[str, Any]
) -> None:
    full = {"url": app.authorize_url(), "email": "ada@example.com", **body}
    response = http.post(rememberizer_server.root_url + "/_testing/oauth-consent", json=full)
    assert response.status_code == 400


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"redirect_uris": []},
        {"redirect_uris": ["/relative"]},
        {"redirect_uris": ["https://a/#f"]},
    ],
)
def test_the_app_control_validates(
    http: httpx2.Client, rememberizer_server: FakeRememberizer, body: dict[str, Any]
) -> None:
    response = http.post(rememberizer_server.root_url + "/_testing/oauth-apps", json=body)
    assert response.status_code == 400


# -- the code exchange ---------------------------------------------------------------------------


def error_of(response: httpx2.Response) -> str:
    body = response.json()
    assert set(body) == {"error", "error_description"}
    error: str = body["error"]
    return error


def test_a_code_works_once_and_its_replay_revokes_the_tokens(http: httpx2.Client, app: App) -> None:
    code = app.code()
    first = app.exchange(code)
    assert first.status_code == 200
    replay = app.exchange(code)
    assert replay.status_code == 400
    assert error_of(replay) == "invalid_grant"
    bearer = {"Authorization": f"Bearer {first.json()['access_token']}"}
    with httpx2.Client(base_url=http.base_url) as server_side:
        assert server_side.get("me/", headers=bearer).status_code == 401


def test_a_code_expires_after_60_seconds(rememberizer_server: FakeRememberizer, app: App) -> None:
    code = app.code()
    rememberizer_server.advance_clock(61)
    assert error_of(app.exchange(code)) == "invalid_grant"


def test_the_redirect_uri_must_match_exactly(app: App) -> None:
    response = app.token(
        grant_type="authorization_code", code=app.code(), redirect_uri=CALLBACK + "/"
    )
    assert response.status_code == 400
    assert error_of(response) == "invalid_grant"


def test_pkce_is_checked_when_sent(app: App) -> None:
    verifier, challenge = pkce()
    code = app.code(code_challenge=challenge, code_challenge_method="S256")
    assert error_of(app.exchange(code, code_verifier=pkce()[0])) == "invalid_grant"
    code = app.code(code_challenge=challenge, code_challenge_method="S256")
    assert error_of(app.exchange(code)) == "invalid_grant"
    # A verifier with no challenge is a downgrade attempt (RFC 9700).
    assert error_of(app.exchange(app.code(), code_verifier=verifier)) == "invalid_grant"
    code = app.code(code_challenge=challenge, code_challenge_method="S256")
    assert app.exchange(code, code_verifier=verifier).status_code == 200


def test_client_authentication(http: httpx2.Client, app: App) -> None:
    code = app.code()
    wrong = http.post(
        "auth/oauth2/token/",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": CALLBACK,
            "client_id": app.client_id,
            "client_secret": "wrong",
        },
    )
    assert wrong.status_code == 401
    assert error_of(wrong) == "invalid_client"
    assert app.secret not in wrong.text
    basic = http.post(
        "auth/oauth2/token/",
        data={"grant_type": "authorization_code", "code": app.code(), "redirect_uri": CALLBACK},
        auth=(app.client_id, app.secret),
    )
    assert basic.status_code == 200


@pytest.mark.parametrize(
    ("form", "error"),
    [
        ({"grant_type": "password"}, "unsupported_grant_type"),
        ({}, "invalid_request"),
        ({"grant_type": "authorization_code"}, "invalid_request"),
        ({"grant_type": "refresh_token"}, "invalid_request"),
        ({"grant_type": "refresh_token", "refresh_token": "nope"}, "invalid_grant"),
    ],
)
def test_token_request_errors(app: App, form: dict[str, str], error: str) -> None:
    response = app.token(**form)
    assert response.status_code == 400
    assert error_of(response) == error


def test_a_json_token_request_is_refused(http: httpx2.Client, app: App) -> None:
    response = http.post("auth/oauth2/token/", json={"grant_type": "refresh_token"})
    assert response.status_code == 400
    assert error_of(response) == "invalid_request"


def test_no_refresh_token_without_offline_access(app: App) -> None:
    body = app.exchange(app.code(scope="")).json()
    assert "refresh_token" not in body
    assert body["scope"] == ""


# -- refresh ---------------------------------------------------------------------------------------


def test_refresh_rotates_and_reuse_revokes_the_grant(http: httpx2.Client, app: App) -> None:
    first = app.exchange(app.code()).json()
    second = app.token(grant_type="refresh_token", refresh_token=first["refresh_token"])
    assert second.status_code == 200
    rotated = second.json()
    assert rotated["refresh_token"] != first["refresh_token"]
    assert rotated["scope"] == "offline_access"
    reuse = app.token(grant_type="refresh_token", refresh_token=first["refresh_token"])
    assert error_of(reuse) == "invalid_grant"
    # The whole grant is gone: the newest refresh token and access token too.
    after = app.token(grant_type="refresh_token", refresh_token=rotated["refresh_token"])
    assert error_of(after) == "invalid_grant"
    bearer = {"Authorization": f"Bearer {rotated['access_token']}"}
    with httpx2.Client(base_url=http.base_url) as server_side:
        assert server_side.get("me/", headers=bearer).status_code == 401


def test_a_refresh_token_belongs_to_its_client(
    http: httpx2.Client, rememberizer_server: FakeRememberizer, app: App
) -> None:
    refresh = app.exchange(app.code()).json()["refresh_token"]
    other = App(http, rememberizer_server)
    response = other.token(grant_type="refresh_token", refresh_token=refresh)
    assert error_of(response) == "invalid_grant"
    # Refused for the other client, so still good for its own.
    assert app.token(grant_type="refresh_token", refresh_token=refresh).status_code == 200


def test_app_tokens_expire_by_the_fake_clock(
    http: httpx2.Client, rememberizer_server: FakeRememberizer, app: App
) -> None:
    body = app.exchange(app.code()).json()
    rememberizer_server.advance_clock(body["expires_in"] + 1)
    bearer = {"Authorization": f"Bearer {body['access_token']}"}
    with httpx2.Client(base_url=http.base_url) as server_side:
        assert server_side.get("me/", headers=bearer).status_code == 401
    refreshed = app.token(grant_type="refresh_token", refresh_token=body["refresh_token"])
    assert refreshed.status_code == 200


def test_the_secret_stays_out_of_reprs_and_the_log(
    rememberizer_server: FakeRememberizer, app: App
) -> None:
    app.exchange(app.code())
    (registered,) = rememberizer_server.state.oauth.apps.values()
    assert app.secret not in repr(registered)
    assert app.secret not in repr(rememberizer_server.requests())


def test_revoking_an_app_ends_every_token_of_its_grants(
    http: httpx2.Client, rememberizer_server: FakeRememberizer, app: App
) -> None:
    first = app.exchange(app.code()).json()
    second = app.exchange(app.code(scope="")).json()
    revoke = rememberizer_server.root_url + "/_testing/oauth-revoke"
    response = http.post(revoke, json={"client_id": app.client_id, "email": "ada@example.com"})
    assert response.json() == {"revoked": 2}
    with httpx2.Client(base_url=http.base_url) as server_side:
        for body in (first, second):
            bearer = {"Authorization": f"Bearer {body['access_token']}"}
            assert server_side.get("me/", headers=bearer).status_code == 401
    refresh = app.token(grant_type="refresh_token", refresh_token=first["refresh_token"])
    assert error_of(refresh) == "invalid_grant"
    # The user's own session is untouched.
    assert http.get("me/").status_code == 200
    assert http.post(revoke, json={"client_id": "app_x", "email": "x"}).status_code == 400


def test_the_consent_form_refuses_mementos_it_did_not_offer(http: httpx2.Client, app: App) -> None:
    page = http.get(app.authorize_url())
    consent = re.search(r'name=consent value="([^"]+)"', page.text)
    assert consent is not None
    for memento in ("abc", "7"):
        answer = http.post(
            app.authorize_url(),
            data={"consent": consent[1], "decision": "approve", "memento": memento},
        )
        assert answer.status_code == 200
        assert "Choose mementos from the list" in answer.text


# -- what an app's token sees ------------------------------------------------------------------


def test_an_app_token_sees_only_the_mementos_its_user_granted(
    http: httpx2.Client, app: App
) -> None:
    documents = {name: seed_document(http, app.fake, name) for name in ("granted", "hidden")}
    memento = http.post("mementos/", json={"name": "For the bot"}).json()
    http.post(f"mementos/memento_document/{memento['id']}/", json={"add": [documents["granted"]]})
    # The consent page offers the user's mementos, by name.
    page = http.get(app.authorize_url())
    assert "For the bot" in page.text

    code = app.consent(app.authorize_url(), mementos=[memento["id"]])["code"][0]
    tokens = app.exchange(code).json()
    bearer = {"Authorization": f"Bearer {tokens['access_token']}"}
    # The Bearer header wins over the session cookie the client also holds.
    found = http.get("documents/search/", params={"q": "quarterly words"}, headers=bearer)
    assert found.status_code == 200, found.text
    assert [c["document"]["name"] for c in found.json()["matched_chunks"]] == ["granted"]
    # The user's own session still sees everything.
    mine = http.get("documents/search/", params={"q": "quarterly words"}).json()
    assert sorted(c["document"]["name"] for c in mine["matched_chunks"]) == ["granted", "hidden"]
