"""Captcha injection, retries, typed errors, cross-host safety and redaction."""

from __future__ import annotations

import logging
import time
from typing import Any

import pytest

from rememberizer import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    CaptchaError,
    CaptchaProviderError,
    CaptchaRequiredError,
    InternalServerError,
    InvalidRequestError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    Rememberizer,
    RememberizerError,
    SessionExpiredError,
)
from rememberizer.testing import FakeRememberizer
from tests.conftest import EMAIL, PASSWORD, Harness

pytestmark = pytest.mark.anyio


async def test_the_captcha_is_asked_once_per_attempt_and_again_after_a_429(h: Harness) -> None:
    await h(h.client.auth.signup, email=EMAIL, password=PASSWORD, name="Ada")
    assert h.captcha_calls == ["signup"]
    h.fake.inject_fault("/auth/signin/", status=429, retry_after=0)
    await h(h.client.auth.signin, login=EMAIL, password=PASSWORD)
    assert h.captcha_calls == ["signup", "signin", "signin"]
    assert [r["status"] for r in h.fake.requests() if r["path"] == "/auth/signin/"] == [429, 204]


async def test_an_async_captcha_provider(h_async: Harness) -> None:
    h = h_async

    async def provider(action: str) -> str:
        return h.fake.captcha(action)

    client = h.new_client(captcha=provider)
    await h(client.auth.signup, email=EMAIL, password=PASSWORD, name="Ada")
    assert client.session.signed_in


async def test_a_fixed_captcha_string_works_once_then_is_rejected(h: Harness) -> None:
    client = h.new_client(captcha=h.fake.captcha("signup"))
    await h(client.auth.signup, email=EMAIL, password=PASSWORD, name="Ada")
    with pytest.raises(CaptchaError) as caught:
        await h(client.auth.signup, email="bob@example.com", password=PASSWORD, name="Bob")
    assert caught.value.status_code == 400
    assert "captcha" in caught.value.field_errors
    assert isinstance(caught.value, BadRequestError)


async def test_no_captcha_provider_raises_before_sending(h: Harness) -> None:
    client = h.new_client(captcha=None)
    with pytest.raises(CaptchaRequiredError):
        await h(client.auth.signin, login=EMAIL, password=PASSWORD)
    with pytest.raises(CaptchaRequiredError):
        await h(client.auth.signup, email=EMAIL, password=PASSWORD, name="Ada")
    assert h.fake.requests() == []


@pytest.mark.parametrize("provider", ["raises", "returns None", "returns empty"])
async def test_a_broken_captcha_provider_is_a_captcha_error(h: Harness, provider: str) -> None:
    def raises(action: str) -> str:
        raise RuntimeError("provider down")

    chosen: Any = {
        "raises": raises,
        "returns None": lambda action: None,
        "returns empty": lambda action: "  ",
    }[provider]
    client = h.new_client(captcha=chosen)
    with pytest.raises(CaptchaProviderError):
        await h(client.auth.signin, login=EMAIL, password=PASSWORD)
    assert h.fake.requests() == []


def test_the_sync_client_refuses_an_async_provider(rememberizer_server: FakeRememberizer) -> None:
    async def provider(action: str) -> str:
        return "token"

    client = Rememberizer(base_url=rememberizer_server.base_url, captcha=provider)  # type: ignore[arg-type]
    with client, pytest.raises(CaptchaProviderError, match="async"):
        client.auth.signin(login=EMAIL, password=PASSWORD)
    assert rememberizer_server.requests() == []


async def test_retry_after_is_honoured(h: Harness) -> None:
    await h.register()
    h.fake.inject_fault("/account/", status=503, retry_after=1)
    started = time.monotonic()
    account = await h(h.client.account.get)
    assert account.email == EMAIL
    assert time.monotonic() - started >= 0.95
    assert [r["status"] for r in h.fake.requests() if r["path"] == "/account/"] == [503, 200]


async def test_each_retry_and_connection_failure_is_one_info_line(
    h: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    await h.register()
    h.fake.inject_fault("/account/", status=503, retry_after=0)
    with caplog.at_level(logging.INFO, logger="rememberizer"):
        await h(h.client.account.get)
    retries = [r.getMessage() for r in caplog.records if "retry" in r.getMessage()]
    assert retries == ["get_account: HTTP 503; retry 1 in 0.00 s"]


async def test_a_retry_after_above_the_cap_fails_at_once(h: Harness) -> None:
    await h.register()
    h.fake.inject_fault("/account/", status=429, retry_after=3600, times=3)
    started = time.monotonic()
    with pytest.raises(RateLimitError) as caught:
        await h(h.client.account.get)
    assert time.monotonic() - started < 3  # no wait at all; a loaded machine is slow to answer
    assert caught.value.retry_after == 3600
    assert h.count("GET", "/account/") == 1


async def test_retries_stop_after_max_retries(h: Harness) -> None:
    client = h.new_client(max_retries=1)
    await h.register(client)
    h.fake.inject_fault("/account/", status=502, times=5, retry_after=0)
    with pytest.raises(InternalServerError) as caught:
        await h(client.account.get)
    assert caught.value.status_code == 502
    assert h.count("GET", "/account/") == 2


async def test_non_idempotent_calls_are_not_replayed_after_a_502(h: Harness) -> None:
    await h(h.client.auth.signup, email=EMAIL, password=PASSWORD, name="Ada")
    h.fake.inject_fault("/auth/verify-email/", status=502, retry_after=0)
    with pytest.raises(InternalServerError):
        await h(h.client.auth.verify_email, h.fake.verification_code(EMAIL))
    assert h.count("POST", "/auth/verify-email/") == 1


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (400, BadRequestError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (500, InternalServerError),
        (418, APIStatusError),
    ],
)
async def test_each_status_has_its_error(h: Harness, status: int, error: type[Exception]) -> None:
    await h.register()
    h.fake.inject_fault("/me/", status=status, times=3, retry_after=0)
    with pytest.raises(error) as caught:
        await h(h.client.account.me)
    assert isinstance(caught.value, APIStatusError)
    assert caught.value.status_code == status
    assert caught.value.body["code"] == "injected_fault"


async def test_validation_errors_carry_field_errors(h: Harness) -> None:
    # Valid as the spec says, refused by the server's own rules.
    with pytest.raises(BadRequestError) as caught:
        await h(h.client.auth.signup, email="ada@localhost", password=PASSWORD, name="   ")
    assert set(caught.value.field_errors) == {"email", "name"}


async def test_an_error_says_the_servers_field_messages_and_names_its_public_class(
    h: Harness,
) -> None:
    await h(h.client.auth.signup, email=EMAIL, password=PASSWORD, name="Ada")
    with pytest.raises(BadRequestError) as caught:
        await h(h.client.auth.signup, email=EMAIL, password=PASSWORD, name="Ada")
    assert "email: A user with this email address already exists." in str(caught.value)
    assert PASSWORD not in str(caught.value)
    assert type(caught.value).__module__ == "rememberizer"
    assert repr(caught.value).startswith("BadRequestError(status_code=400")


async def test_a_401_with_nothing_to_send_says_to_sign_in(h: Harness) -> None:
    # The server only says "credentials were not provided"; the fix is on the caller's side.
    with pytest.raises(AuthenticationError) as caught:
        await h(h.client.account.get)
    assert str(caught.value) == (
        "HTTP 401: Authentication credentials were not provided. (not signed in: sign in "
        "first (client.auth.signin), or pass api_key= where a key works)"
    )
    assert caught.value.message == str(caught.value)
    # A session the server refuses is not "not signed in": that 401 keeps the server's words.
    await h(h.client.auth.signup, email=EMAIL, password=PASSWORD, name="Ada")
    h.fake.inject_fault("/account/", status=401, times=2)
    with pytest.raises(AuthenticationError) as refused:
        await h(h.client.account.get)
    assert "not signed in" not in str(refused.value)


@pytest.mark.parametrize(
    ("email", "password", "name", "problem"),
    [
        ("not an email", PASSWORD, "Ada", "email is not an email address"),
        (EMAIL, "short", "Ada", "password must be at least 8 characters"),
        (EMAIL, PASSWORD, "", "name must not be empty"),
        (EMAIL, "\ud800" * 8, "Ada", "password is not valid Unicode text"),
    ],
)
async def test_what_the_spec_refuses_is_refused_before_a_captcha_is_spent(
    h: Harness, email: str, password: str, name: str, problem: str
) -> None:
    with pytest.raises(InvalidRequestError, match=problem):
        await h(h.client.auth.signup, email=email, password=password, name=name)
    assert h.captcha_calls == []
    assert h.fake.requests() == []


async def test_wrong_credentials(h: Harness) -> None:
    await h(h.client.auth.signup, email=EMAIL, password=PASSWORD, name="Ada")
    with pytest.raises(AuthenticationError) as caught:
        await h(h.client.auth.signin, login=EMAIL, password="wrong password")
    assert caught.value.status_code == 401
    assert h.count("POST", "/auth/custom-refresh/") == 0  # a signin 401 is not a stale token


async def test_an_html_error_page_keeps_its_text(h: Harness) -> None:
    await h.register()
    page = "<html><body>502 Bad Gateway</body></html>"
    h.fake.inject_fault("/me/", status=502, times=3, body=page, content_type="text/html")
    with pytest.raises(InternalServerError) as caught:
        await h(h.client.account.me)
    assert caught.value.body == page
    assert "non-JSON body" in str(caught.value)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ('{"id": 1, "email": "tru', "application/json"),
        ("hello", "text/plain"),
        ('{"id": "x"}', None),
    ],
)
async def test_a_bad_success_body_is_a_validation_error(
    h: Harness, body: str, content_type: str | None
) -> None:
    await h.register()
    h.fake.inject_fault(
        "/account/", status=200, body=body, content_type=content_type or "application/json"
    )
    with pytest.raises(APIResponseValidationError):
        await h(h.client.account.get)


async def test_a_signin_204_without_cookies_keeps_the_old_session(h: Harness) -> None:
    await h.register()
    before = h.client._sessions.current
    h.fake.inject_fault("/auth/signin/", status=204)
    with pytest.raises(APIResponseValidationError):
        await h(h.client.auth.signin, login=EMAIL, password=PASSWORD)
    assert h.client._sessions.current is before


async def test_connection_refused_is_retried_then_typed(h_net: Harness, refused_port: int) -> None:
    h = h_net
    client = h.new_client(base_url=f"http://127.0.0.1:{refused_port}/api/v1", max_retries=1)
    started = time.monotonic()
    with pytest.raises(APIConnectionError) as caught:
        await h(client.account.get)
    assert not isinstance(caught.value, APITimeoutError)
    assert time.monotonic() - started >= 0.3  # one backoff of 0.375-0.5 s


async def test_a_read_timeout_is_typed(h_net: Harness) -> None:
    h = h_net
    client = h.new_client(timeout=0.3, max_retries=0)
    await h.register(client)
    h.fake.inject_fault("/account/", delay=2)
    with pytest.raises(APITimeoutError):
        await h(client.account.get)


async def test_wrong_argument_types_are_refused_before_sending(h: Harness) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        await h(h.client.auth.signin, login=EMAIL, password=12345678)
    assert "password must be a str, not int" in str(caught.value)
    with pytest.raises(InvalidRequestError):
        await h(h.client.auth.verify_email, 123456)
    assert h.fake.requests() == []


async def test_every_error_is_a_rememberizer_error(h: Harness) -> None:
    for cls in (
        APIConnectionError,
        APITimeoutError,
        APIStatusError,
        BadRequestError,
        CaptchaError,
        CaptchaProviderError,
        CaptchaRequiredError,
        AuthenticationError,
        SessionExpiredError,
        InvalidRequestError,
        RateLimitError,
        InternalServerError,
        PermissionDeniedError,
        NotFoundError,
    ):
        assert issubclass(cls, RememberizerError)


# -- cross-host safety ------------------------------------------------------------------------


def test_the_base_url_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REMEMBERIZER_BASE_URL", "http://127.0.0.1:1234/api/v1/")
    with Rememberizer() as client:
        assert str(client.base_url) == "http://127.0.0.1:1234/api/v1"
    monkeypatch.delenv("REMEMBERIZER_BASE_URL")
    with Rememberizer() as client:
        assert str(client.base_url) == "https://api.rememberizer.ai/api/v1"


# -- redaction --------------------------------------------------------------------------------
