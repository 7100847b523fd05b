"""Issue 11 item 10: the fake server refuses bad input with a 4xx and keeps its state intact."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import httpx2
import pytest

from rememberizer.testing import FakeRememberizer

pytestmark = pytest.mark.anyio

API = "http://testserver/api/v1/"
CONTROLS = "http://testserver/_testing/"


@pytest.fixture
async def client(rememberizer_app: FakeRememberizer) -> AsyncIterator[httpx2.AsyncClient]:
    transport = httpx2.ASGITransport(app=rememberizer_app.app)
    async with httpx2.AsyncClient(transport=transport, timeout=10) as client:
        yield client


async def test_a_deeply_nested_body_under_the_size_limit_is_a_400(
    client: httpx2.AsyncClient,
) -> None:
    body = b"[" * 30_000 + b"]" * 30_000  # 60 kB: under the 64 KiB limit
    response = await client.post(
        API + "auth/signin/", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert "nested" in json.dumps(response.json())


async def test_nan_for_the_clock_is_refused_and_not_applied(
    client: httpx2.AsyncClient, rememberizer_app: FakeRememberizer
) -> None:
    before = rememberizer_app.state.clock_offset
    for raw in (b'{"advance": NaN}', b'{"advance": Infinity}', b'{"advance": -Infinity}'):
        response = await client.post(
            CONTROLS + "clock", content=raw, headers={"content-type": "application/json"}
        )
        assert response.status_code == 400, raw
    assert (await client.post(CONTROLS + "clock", json={"advance": 1e300})).status_code == 400
    assert (await client.post(CONTROLS + "clock", json={"advance": True})).status_code == 400
    assert rememberizer_app.state.clock_offset == before
    assert (await client.post(CONTROLS + "clock", json={"advance": 5})).status_code == 200


@pytest.mark.parametrize(
    "fault",
    [
        {"headers": {"X-Evil": "a\r\nSet-Cookie: x=1"}},
        {"headers": {"X-Evil": "a\nb"}},
        {"headers": {"Bad Name": "v"}},
        {"headers": {"X-Ok\r\n": "v"}},
        {"retry_after": "1\r\nX-Injected: 1"},
        {"content_type": "text/plain\nX-Injected: 1"},
    ],
)
async def test_a_cr_or_lf_in_a_fault_header_is_refused(
    client: httpx2.AsyncClient, rememberizer_app: FakeRememberizer, fault: dict[str, object]
) -> None:
    body = {"path": "/account/", "status": 503, **fault}
    assert (await client.post(CONTROLS + "faults", json=body)).status_code == 400
    assert rememberizer_app.state.faults == []


@pytest.mark.parametrize(
    "raw",
    [
        b'{"path": "/account/", "delay": NaN}',
        b'{"path": "/account/", "delay": Infinity}',
        b'{"path": "/account/", "status": 503, "times": true}',
        b'{"path": "/account/", "status": true}',
        b'{"path": "/account/", "status": 101}',
        b'{"path": "/account/", "status": 503, "drop": "yes"}',
        b'{"path": "/account/", "status": 503, "body": {"x": NaN}}',
        b'{"path": "/account/", "status": 503, "method": "GE T"}',
        b'{"path": "/account/", "status": 503, "surprise": 1}',
        b'{"path": "/acc\\nount/", "status": 503}',
    ],
)
async def test_the_fault_control_validates_every_value(
    client: httpx2.AsyncClient, rememberizer_app: FakeRememberizer, raw: bytes
) -> None:
    response = await client.post(
        CONTROLS + "faults", content=raw, headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert rememberizer_app.state.faults == []


async def test_an_email_with_a_trailing_newline_is_not_a_second_account(
    client: httpx2.AsyncClient, rememberizer_app: FakeRememberizer
) -> None:
    def body(email: str) -> dict[str, str]:
        return {
            "email": email,
            "password": "correct horse battery",
            "name": "Ada",
            "captcha": rememberizer_app.captcha("signup"),
        }

    first = await client.post(API + "auth/signup/", json=body("ada@example.com"))
    assert first.status_code == 201
    second = await client.post(API + "auth/signup/", json=body("ada@example.com\n"))
    assert second.status_code == 400
    assert "email" in second.json()
    assert list(rememberizer_app.state.users) == ["ada@example.com"]
