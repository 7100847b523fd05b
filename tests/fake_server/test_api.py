"""The fake server's API rules, checked with raw httpx2 over loopback and in process."""

from __future__ import annotations

import time
from collections.abc import Iterator
from http.cookies import SimpleCookie

import httpx2
import jwt
import pytest

from rememberizer.testing import FakeRememberizer

from .conftest import PASSWORD, register, signin_body, signup_body


def cookie_attributes(response: httpx2.Response) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for header in response.headers.get_list("set-cookie"):
        parsed = SimpleCookie()
        parsed.load(header)
        for name, morsel in parsed.items():
            found[name] = {"value": morsel.value, **{k: str(v) for k, v in morsel.items() if v}}
            found[name]["raw"] = header
    return found


# -- signup -----------------------------------------------------------------------------------


def test_signup_creates_an_unverified_user_and_emails_a_code(
    http: httpx2.Client, rememberizer_server: FakeRememberizer
) -> None:
    response = http.post("auth/signup/", json=signup_body(rememberizer_server))
    assert response.status_code == 201
    user = response.json()
    assert user == {
        "id": user["id"],
        "email": "ada@example.com",
        "name": "Ada",
        "email_verified": False,
    }
    (message,) = rememberizer_server.outbox("ada@example.com")
    assert message["to"] == "ada@example.com"
    assert len(message["verification_code"]) == 6
    assert message["verification_code"].isdigit()
    outbox = http.get(
        rememberizer_server.root_url + "/_testing/outbox", params={"email": "ada@example.com"}
    )
    assert outbox.json()["messages"][0]["verification_code"] == message["verification_code"]
    assert set(outbox.json()["messages"][0]) == {
        "to",
        "kind",
        "subject",
        "verification_code",
        "sent_at",
    }
    assert message["kind"] == "verify_email"
    # The new account is signed in, so that verify-email can follow.
    assert set(cookie_attributes(response)) == {"access_token", "refresh_token"}


def test_the_outbox_helpers_pick_a_message_by_its_kind(
    http: httpx2.Client, rememberizer_server: FakeRememberizer
) -> None:
    """An email of a new kind, sent after the verification email, does not take its place."""
    assert http.post("auth/signup/", json=signup_body(rememberizer_server)).status_code == 201
    (verify,) = rememberizer_server.outbox("ada@example.com")
    rememberizer_server.state.send_mail(
        "Ada@Example.com", "password_reset", "Reset your password", reset_code="r-123"
    )
    assert rememberizer_server.verification_code("ada@example.com") == verify["verification_code"]
    assert [m["kind"] for m in rememberizer_server.outbox("ada@example.com")] == [
        "verify_email",
        "password_reset",
    ]
    assert rememberizer_server.outbox(kind="password_reset")[0]["reset_code"] == "r-123"
    outbox = http.get(
        rememberizer_server.root_url + "/_testing/outbox",
        params={"email": "ada@example.com", "kind": "verify_email"},
    )
    assert outbox.json()["messages"] == [verify]


def test_signup_rejects_a_duplicate_email(
    http: httpx2.Client, rememberizer_server: FakeRememberizer
) -> None:
    assert http.post("auth/signup/", json=signup_body(rememberizer_server)).status_code == 201
    again = http.post("auth/signup/", json=signup_body(rememberizer_server, "ADA@example.com"))
    assert again.status_code == 400
    assert list(again.json()) == ["email"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", "not-an-email"),
        ("password", "short"),
        ("name", "  "),
        ("email", 42),
        ("name", None),
    ],
)
def test_signup_validates_each_field(
    http: httpx2.Client, rememberizer_server: FakeRememberizer, field: str, value: object
) -> None:
    body = {**signup_body(rememberizer_server), field: value}
    response = http.post("auth/signup/", json=body)
    assert response.status_code == 400
    assert isinstance(response.json()[field], list)


@pytest.mark.parametrize("case", ["missing", "garbage", "wrong action", "reused", "expired"])
def test_signup_needs_a_fresh_captcha_for_its_action(
    http: httpx2.Client, rememberizer_server: FakeRememberizer, case: str
) -> None:
    body = signup_body(rememberizer_server)
    if case == "missing":
        del body["captcha"]
    elif case == "garbage":
        body["captcha"] = "recaptcha_response"
    elif case == "wrong action":
        body["captcha"] = rememberizer_server.captcha("signin")
    elif case == "reused":
        http.post("auth/signup/", json={**body, "email": "first@example.com"})
    elif case == "expired":
        rememberizer_server.advance_clock(121)
    response = http.post("auth/signup/", json=body)
    assert response.status_code == 400
    assert "captcha" in response.json()


def test_captcha_control_rejects_an_unknown_action(
    http: httpx2.Client, rememberizer_server: FakeRememberizer
) -> None:
    response = http.post(rememberizer_server.root_url + "/_testing/captcha", json={"action": "pay"})
    assert response.status_code == 400
    token = http.post(rememberizer_server.root_url + "/_testing/captcha", json={"action": "signup"})
    assert token.json()["token"]


@pytest.mark.parametrize(
    ("content", "headers", "status"),
    [
        (b"{not json", {"content-type": "application/json"}, 400),
        (b'["a", "list"]', {"content-type": "application/json"}, 400),
        (b"email=a@b.co", {"content-type": "application/x-www-form-urlencoded"}, 400),
        (b"{}", {}, 400),
        (b'{"email": "' + b"a" * 70_000 + b'"}', {"content-type": "application/json"}, 413),
    ],
)
def test_bad_bodies_get_a_documented_status_with_a_body(
    http: httpx2.Client, content: bytes, headers: dict[str, str], status: int
) -> None:
    for path in ("auth/signup/", "auth/signin/"):
        response = http.post(path, content=content, headers=headers)
        assert response.status_code == status
        assert response.headers["content-type"] == "application/json"
        assert response.json()


def test_an_oversized_chunked_body_is_refused(http: httpx2.Client) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(20):
            yield b"x" * 8192

    response = http.post(
        "auth/signup/", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413


# -- signin -----------------------------------------------------------------------------------


def test_signin_sets_two_http_only_cookies(
    http: httpx2.Client, rememberizer_server: FakeRememberizer
) -> None:
    http.post("auth/signup/", json=signup_body(rememberizer_server))
    response = http.post("auth/signin/", json=signin_body(rememberizer_server))
    assert response.status_code == 204
    assert response.content == b""
    cookies = cookie_attributes(response)
    assert set(cookies) == {"access_token", "refresh_token"}
    for attributes in cookies.values():
        assert attributes["httponly"] == "True"
        assert attributes["samesite"].lower() == "lax"
        assert attributes["path"] == "/"
        assert "secure" not in attributes
    claims = jwt.decode(cookies["access_token"]["value"], options={"verify_signature": False})
    assert claims["sub"]
    assert claims["jti"]
    assert abs(claims["exp"] - (time.time() + 300)) < 5
    assert len(cookies["refresh_token"]["value"]) >= 43  # 32 random bytes, base64url


def test_secure_cookies_option() -> None:
    fake = FakeRememberizer(secure_cookies=True, access_ttl=60)
    with fake, httpx2.Client(base_url=fake.base_url + "/") as http:
        http.post("auth/signup/", json=signup_body(fake))
        response = http.post("auth/signin/", json=signin_body(fake))
        for attributes in cookie_attributes(response).values():
            assert attributes["secure"] == "True"
        exp = jwt.decode(http.cookies["access_token"], options={"verify_signature": False})["exp"]
        assert abs(exp - (time.time() + 60)) < 5


def test_signin_with_wrong_credentials_then_lockout(
    http: httpx2.Client, rememberizer_server: FakeRememberizer
) -> None:
    http.post("auth/signup/", json=signup_body(rememberizer_server))
    for _ in range(4):
        wrong = http.post(
            "auth/signin/", json=signin_body(rememberizer_server, password="wrong pass")
        )
        assert wrong.status_code == 401
        assert wrong.json()["detail"]
    fifth = http.post("auth/signin/", json=signin_body(rememberizer_server, password="wrong pass"))
    assert fifth.status_code == 429
    assert int(fifth.headers["retry-after"]) > 0
    # Locked for the window, even with the right password...
    assert http.post("auth/signin/", json=signin_body(rememberizer_server)).status_code == 429
    rememberizer_server.advance_clock(15 * 60 + 1)
    # ...and open again after it.
    assert http.post("auth/signin/", json=signin_body(rememberizer_server)).status_code == 204


def test_unknown_login_is_401_not_a_hint(
    http: httpx2.Client, rememberizer_server: FakeRememberizer
) -> None:
    response = http.post(
        "auth/signin/", json=signin_body(rememberizer_server, "nobody@example.com")
    )
    assert response.status_code == 401


def test_signin_captcha_must_be_for_signin(
    http: httpx2.Client, rememberizer_server: FakeRememberizer
) -> None:
    http.post("auth/signup/", json=signup_body(rememberizer_server))
    body = signin_body(rememberizer_server, captcha=rememberizer_server.captcha("signup"))
    response = http.post("auth/signin/", json=body)
    assert response.status_code == 400
    assert "captcha" in response.json()


# -- protected operations ---------------------------------------------------------------------


def test_protected_operations_take_bearer_or_cookie(
    http: httpx2.Client, rememberizer_server: FakeRememberizer
) -> None:
    register(http, rememberizer_server)
    access = http.cookies["access_token"]
    by_cookie = http.get("account/")
    assert by_cookie.status_code == 200
    assert by_cookie.json()["email"] == "ada@example.com"
    with httpx2.Client(base_url=rememberizer_server.base_url + "/") as bare:
        by_bearer = bare.get("me/", headers={"Authorization": f"Bearer {access}"})
        assert by_bearer.status_code == 200
        profile = by_bearer.json()
        assert profile["email_verified"] is False
        assert profile["team"][0]["role"] == "admin"


@pytest.mark.parametrize("token", [None, "garbage", "a.b.c", "expired", "forged"])
def test_bad_access_tokens_get_401_token_not_valid(
    http: httpx2.Client, rememberizer_server: FakeRememberizer, token: str | None
) -> None:
    register(http, rememberizer_server)
    real = http.cookies["access_token"]
    http.cookies.clear()
    if token == "expired":
        rememberizer_server.advance_clock(301)
        token = real
    elif token == "forged":
        claims = jwt.decode(real, options={"verify_signature": False})
        token = jwt.encode(claims, "not the server's key, but long enough", algorithm="HS256")
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    for path in ("account/", "me/"):
        response = http.get(path, headers=headers)
        assert response.status_code == 401
        assert response.json()["code"] == "token_not_valid"
        assert response.json()["detail"]


# -- verify-email -----------------------------------------------------------------------------


def test_verify_email(http: httpx2.Client, rememberizer_server: FakeRememberizer) -> None:
    http.post("auth/signup/", json=signup_body(rememberizer_server))
    code = rememberizer_server.verification_code("ada@example.com")
    wrong = "000000" if code != "000000" else "111111"
    bad = http.post("auth/verify-email/", json={"verification_code": wrong})
    assert bad.status_code == 400
    assert "verification_code" in bad.json()
    assert http.post("auth/verify-email/", json={"verification_code": 123456}).status_code == 400
    good = http.post("auth/verify-email/", json={"verification_code": code})
    assert good.status_code == 200
    assert good.json() == {"detail": "Email verified."}
    assert http.get("me/").json()["email_verified"] is True


def test_verify_email_needs_a_token_and_a_fresh_code(
    http: httpx2.Client, rememberizer_server: FakeRememberizer
) -> None:
    http.post("auth/signup/", json=signup_body(rememberizer_server))
    code = rememberizer_server.verification_code("ada@example.com")
    with httpx2.Client(base_url=rememberizer_server.base_url + "/") as anonymous:
        assert (
            anonymous.post("auth/verify-email/", json={"verification_code": code}).status_code
            == 401
        )
    rememberizer_server.advance_clock(24 * 3600 + 1)
    signin = http.post("auth/signin/", json=signin_body(rememberizer_server))
    assert signin.status_code == 204, signin.text
    expired = http.post("auth/verify-email/", json={"verification_code": code})
    assert expired.status_code == 400


# -- refresh and logout -----------------------------------------------------------------------


def test_refresh_rotates_and_reuse_revokes_the_family(
    http: httpx2.Client, rememberizer_server: FakeRememberizer
) -> None:
    register(http, rememberizer_server)
    first_refresh = http.cookies["refresh_token"]
    rotated = http.post("auth/custom-refresh/")
    assert rotated.status_code == 204
    assert set(cookie_attributes(rotated)) == {"access_token", "refresh_token"}
    assert http.cookies["refresh_token"] != first_refresh
    assert http.get("account/").status_code == 200
    with httpx2.Client(base_url=rememberizer_server.base_url + "/") as thief:
        reused = thief.post(
            "auth/custom-refresh/", headers={"Cookie": f"refresh_token={first_refresh}"}
        )
        assert reused.status_code == 401
        assert reused.json()["code"] == "token_not_valid"
    # The whole family is gone: the newest access and refresh tokens too.
    assert http.get("account/").status_code == 401
    assert http.post("auth/custom-refresh/").status_code == 401


def test_reuse_within_the_grace_period_is_allowed() -> None:
    fake = FakeRememberizer(refresh_reuse_grace=5)
    with fake, httpx2.Client(base_url=fake.base_url + "/") as http:
        register(http, fake)
        old = http.cookies["refresh_token"]
        assert http.post("auth/custom-refresh/").status_code == 204
        again = httpx2.post(
            fake.base_url + "/auth/custom-refresh/", headers={"Cookie": f"refresh_token={old}"}
        )
        assert again.status_code == 204
        fake.advance_clock(6)
        late = httpx2.post(
            fake.base_url + "/auth/custom-refresh/", headers={"Cookie": f"refresh_token={old}"}
        )
        assert late.status_code == 401


@pytest.mark.parametrize("case", ["missing", "unknown", "expired"])
def test_refresh_refuses_missing_unknown_and_expired_tokens(
    http: httpx2.Client, rememberizer_server: FakeRememberizer, case: str
) -> None:
    register(http, rememberizer_server)
    if case == "missing":
        http.cookies.delete("refresh_token")
    elif case == "unknown":
        # In its place: httpx2's jar sends a cookie set without a domain to no host at all.
        http.cookies.delete("refresh_token")
        http.cookies.set("refresh_token", "x" * 43, domain=http.base_url.host)
    else:
        rememberizer_server.advance_clock(14 * 24 * 3600 + 1)
    assert http.post("auth/custom-refresh/").status_code == 401


def test_logout_revokes_and_clears_and_is_idempotent(
    http: httpx2.Client, rememberizer_server: FakeRememberizer
) -> None:
    register(http, rememberizer_server)
    access, refresh = http.cookies["access_token"], http.cookies["refresh_token"]
    response = http.post("auth/custom-logout/")
    assert response.status_code == 204
    cleared = cookie_attributes(response)
    assert set(cleared) == {"access_token", "refresh_token"}
    assert all(c["max-age"] == "0" for c in cleared.values())
    with httpx2.Client(base_url=rememberizer_server.base_url + "/") as other:
        assert (
            other.get("account/", headers={"Authorization": f"Bearer {access}"}).status_code == 401
        )
        assert (
            other.post(
                "auth/custom-refresh/", headers={"Cookie": f"refresh_token={refresh}"}
            ).status_code
            == 401
        )
        assert other.post("auth/custom-logout/").status_code == 204


def test_passwords_are_stored_hashed(
    http: httpx2.Client, rememberizer_server: FakeRememberizer
) -> None:
    http.post("auth/signup/", json=signup_body(rememberizer_server))
    user = rememberizer_server.state.users["ada@example.com"]
    assert PASSWORD.encode() not in user.password_hash
    assert PASSWORD not in repr(user)
    assert len(user.password_hash) == 32


# -- in process, through ASGITransport ---------------------------------------------------------


@pytest.mark.anyio
async def test_the_lifecycle_in_process(
    ahttp: httpx2.AsyncClient, rememberizer_app: FakeRememberizer
) -> None:
    assert (await ahttp.post("auth/signup/", json=signup_body(rememberizer_app))).status_code == 201
    code = rememberizer_app.verification_code("ada@example.com")
    assert (
        await ahttp.post("auth/verify-email/", json={"verification_code": code})
    ).status_code == 200
    assert (await ahttp.post("auth/signin/", json=signin_body(rememberizer_app))).status_code == 204
    assert (await ahttp.get("account/")).json()["name"] == "Ada"
    assert (await ahttp.post("auth/custom-refresh/")).status_code == 204
    assert (await ahttp.post("auth/custom-logout/")).status_code == 204
    assert (await ahttp.get("account/")).status_code == 401
    log = (await ahttp.get("http://testserver/_testing/requests")).json()["requests"]
    assert [(r["method"], r["path"], r["status"]) for r in log] == [
        ("POST", "/auth/signup/", 201),
        ("POST", "/auth/verify-email/", 200),
        ("POST", "/auth/signin/", 204),
        ("GET", "/account/", 200),
        ("POST", "/auth/custom-refresh/", 204),
        ("POST", "/auth/custom-logout/", 204),
        ("GET", "/account/", 401),
    ]


@pytest.mark.anyio
async def test_unknown_paths_and_methods_answer_json(ahttp: httpx2.AsyncClient) -> None:
    missing = await ahttp.get("nope/")
    assert missing.status_code == 404
    assert missing.json()["detail"]
    wrong_method = await ahttp.delete("account/")
    assert wrong_method.status_code == 405
    assert "GET" in wrong_method.headers["allow"]
