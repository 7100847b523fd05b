"""Helpers for the fake server's tests: raw httpx2, in process and over loopback."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx2
import pytest

from rememberizer.testing import FakeRememberizer

PASSWORD = "correct horse battery"


@pytest.fixture
def http(rememberizer_server: FakeRememberizer) -> Iterator[httpx2.Client]:
    """A raw httpx2 client on the loopback fake server, with a cookie jar."""
    with httpx2.Client(base_url=rememberizer_server.base_url + "/", timeout=10) as client:
        yield client


@pytest.fixture
async def ahttp(rememberizer_app: FakeRememberizer) -> AsyncIterator[httpx2.AsyncClient]:
    """A raw httpx2 client on an in-process fake server."""
    transport = httpx2.ASGITransport(app=rememberizer_app.app)
    async with httpx2.AsyncClient(
        transport=transport, base_url="http://testserver/api/v1/", timeout=10
    ) as client:
        yield client


def signup_body(
    fake: FakeRememberizer, email: str = "ada@example.com", **extra: Any
) -> dict[str, Any]:
    return {
        "email": email,
        "password": PASSWORD,
        "name": "Ada",
        "captcha": fake.captcha("signup"),
        **extra,
    }


def signin_body(
    fake: FakeRememberizer, login: str = "ada@example.com", **extra: Any
) -> dict[str, Any]:
    return {"login": login, "password": PASSWORD, "captcha": fake.captcha("signin"), **extra}


def register(http: httpx2.Client, fake: FakeRememberizer, email: str = "ada@example.com") -> None:
    """Sign up, then sign in, leaving the session cookies in http's jar."""
    assert http.post("auth/signup/", json=signup_body(fake, email)).status_code == 201
    assert http.post("auth/signin/", json=signin_body(fake, email)).status_code == 204


def seed_document(http: httpx2.Client, fake: FakeRememberizer, name: str) -> int:
    """A mail of Ada's called `name`, with the words "quarterly words"; its id."""
    body = {
        "email": "ada@example.com",
        "name": name,
        "integration_type": "gmail",
        "time": "2024-01-01T00:00:00Z",
        "text": f"{name} quarterly words",
    }
    response = http.post(fake.root_url + "/_testing/documents", json=body)
    assert response.status_code == 201, response.text
    return int(response.json()["id"])
