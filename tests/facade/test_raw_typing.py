"""`with_raw_response.<method>` keeps the method's parameters and its model, for mypy.

mypy (strict, over tests/) checks the `assert_type` calls below, and `warn_unused_ignores`
fails the run when a `type: ignore` stops being needed: so each ignored line proves mypy
refuses that argument. At run time, the same lines show the values behave as typed.
"""

from __future__ import annotations

from typing import assert_type

import pytest

from rememberizer import (
    Account,
    AsyncRememberizer,
    InvalidRequestError,
    Memento,
    RawResponse,
    Rememberizer,
    SessionInfo,
)
from rememberizer.testing import FakeRememberizer
from tests.conftest import EMAIL, PASSWORD

pytestmark = pytest.mark.anyio


def _sign_up(client: Rememberizer, fake: FakeRememberizer) -> None:
    client.auth.signup(email=EMAIL, password=PASSWORD, name="Ada")
    client.auth.verify_email(fake.verification_code(EMAIL))


def test_sync_raw_responses_are_typed(rememberizer_server: FakeRememberizer) -> None:
    fake = rememberizer_server
    with Rememberizer(base_url=fake.base_url, captcha=fake.captcha) as client:
        _sign_up(client, fake)
        signin = client.auth.with_raw_response.signin(login=EMAIL, password=PASSWORD)
        assert_type(signin, RawResponse[SessionInfo])
        account = client.account.with_raw_response.get(timeout=5)
        assert_type(account, RawResponse[Account])
        assert account.parsed.email == EMAIL
        memento = client.mementos.with_raw_response.create("notes")
        assert_type(memento, RawResponse[Memento])
        assert memento.parsed.name == "notes"
        deleted = client.mementos.with_raw_response.delete(memento.parsed.id)
        assert_type(deleted, RawResponse[None])
        assert deleted.status_code == 204
        with pytest.raises(InvalidRequestError):
            client.mementos.with_raw_response.create(42)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            client.account.with_raw_response.get(colour="red")  # type: ignore[call-arg]


async def test_async_raw_responses_are_typed(rememberizer_server: FakeRememberizer) -> None:
    fake = rememberizer_server
    with Rememberizer(base_url=fake.base_url, captcha=fake.captcha) as setup:
        _sign_up(setup, fake)
    async with AsyncRememberizer(base_url=fake.base_url, captcha=fake.captcha) as client:
        signin = await client.auth.with_raw_response.signin(login=EMAIL, password=PASSWORD)
        assert_type(signin, RawResponse[SessionInfo])
        account = await client.account.with_raw_response.get()
        assert_type(account, RawResponse[Account])
        assert account.parsed.email == EMAIL
        with pytest.raises(InvalidRequestError):
            await client.mementos.with_raw_response.get("one")  # type: ignore[arg-type]
