"""openai-style options: `with_options`, and `with_raw_response` on every namespace."""

from __future__ import annotations

import httpx2
import pytest

from rememberizer import (
    Account,
    AuthenticationError,
    InternalServerError,
    InvalidRequestError,
    RawResponse,
    Rememberizer,
)
from rememberizer.testing import FakeRememberizer
from tests.conftest import EMAIL, Harness

pytestmark = pytest.mark.anyio


async def test_with_raw_response_gives_the_status_headers_and_model(h: Harness) -> None:
    await h.register()
    raw = await h(h.client.account.with_raw_response.get)
    assert isinstance(raw, RawResponse)
    assert raw.status_code == 200
    assert raw.headers["content-type"].startswith("application/json")
    assert isinstance(raw.parsed, Account)
    assert raw.parsed.email == EMAIL
    with pytest.raises(AttributeError):
        _ = h.client.account.with_raw_response.nothing_like_this  # type: ignore[union-attr]
    # A lazy pager sends nothing when made: said at once, not an IndexError (sync) or a
    # "can't be used in 'await' expression" (async) after the call.
    with pytest.raises(AttributeError, match="sends no request when called"):
        _ = h.client.documents.with_raw_response.list
    # One refresh serves every call of a session: this call may send none of its own.
    with pytest.raises(AttributeError, match="one refresh serves every call"):
        _ = h.client.auth.with_raw_response.refresh
    assert h.fake.requests()[-1]["path"] == "/account/"


async def test_with_options_shares_the_session_and_changes_only_its_copy(h: Harness) -> None:
    await h.register()
    quick = h.client.with_options(max_retries=0)
    assert quick.session == h.client.session
    h.fake.inject_fault("/account/", status=503, retry_after=0, times=1)
    with pytest.raises(InternalServerError):
        await h(quick.account.get)  # no retry on the copy
    h.fake.inject_fault("/account/", status=503, retry_after=0, times=1)
    assert (await h(h.client.account.get)).email == EMAIL  # the original still retries
    # Signing out through the copy signs the original out: one session.
    await h(quick.auth.logout)
    assert not h.client.session.signed_in


def test_extra_headers_query_and_timeout_reach_the_request(
    rememberizer_server: FakeRememberizer,
) -> None:
    sent: list[httpx2.Request] = []
    http = httpx2.Client(event_hooks={"request": [sent.append]})
    client = Rememberizer(base_url=rememberizer_server.base_url, http_client=http)
    tagged = client.with_options(
        timeout=7, extra_headers={"x-trace": "t-1"}, extra_query={"lang": "en"}
    )
    with pytest.raises(AuthenticationError):  # not signed in
        tagged.account.get()
    with pytest.raises(AuthenticationError):
        client.account.get()
    first, second = sent
    assert first.headers["x-trace"] == "t-1"
    assert first.url.params["lang"] == "en"
    assert first.extensions["timeout"]["read"] == 7
    assert "x-trace" not in second.headers
    assert "lang" not in second.url.params
    http.close()


@pytest.mark.parametrize(
    "options",
    [
        {"extra_headers": {"x-a": "1\r\nx-b: 2"}},
        {"extra_headers": {"x-a": 1}},
        {"extra_query": ["lang"]},
        {"timeout": float("nan")},
        {"max_retries": -1},
    ],
)
def test_bad_options_are_refused_when_given(options: dict[str, object]) -> None:
    client = Rememberizer(base_url="http://127.0.0.1:9/api/v1")
    with pytest.raises(InvalidRequestError):
        client.with_options(**options)  # type: ignore[arg-type]
