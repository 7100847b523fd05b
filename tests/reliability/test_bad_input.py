"""Bad input: whatever a caller passes, the facade raises a typed error or sends a request the
spec accepts, never anything else. And the fake server never answers 500 to fuzzed requests."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openapi_schema_validator import OAS30Validator

from rememberizer import AsyncRememberizer, Rememberizer, RememberizerError
from rememberizer.testing import FakeRememberizer

from ._report import REPORT

SPEC = yaml.safe_load(
    (Path(__file__).resolve().parents[2] / "spec" / "rememberizer_openapi.yml").read_text()
)
BODIES = {
    "/auth/signup/": "SignupRequest",
    "/auth/signin/": "SigninRequest",
    "/auth/verify-email/": "VerifyEmailRequest",
}

text = st.one_of(
    st.text(max_size=50),
    st.text(min_size=1, max_size=3).map(lambda s: s * 30_000),  # huge
    st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs"]), max_size=20),
    st.emails().map(lambda e: "é" + e),  # non-ASCII emails
    st.emails(),
    st.sampled_from(
        ["\ud800" * 9, "a\x00b@example.com", "", " " * 9, "\U0001d51e\U0001d521@example.com"]
    ),
)
anything = st.one_of(
    text, st.integers(), st.none(), st.binary(max_size=20), st.floats(), st.lists(st.text())
)


def spec_schema(name: str) -> dict[str, Any]:
    return {**SPEC["components"]["schemas"][name], "components": SPEC["components"]}


class Recorder(httpx2.AsyncBaseTransport):
    """Passes requests to the in-process server and checks each body against the spec."""

    def __init__(self, fake: FakeRememberizer) -> None:
        self.inner = httpx2.ASGITransport(app=fake.app)
        self.violations: list[str] = []

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        path = request.url.path.removeprefix("/api/v1")
        schema = BODIES.get(path)
        if schema is not None:
            body = json.loads(request.content)
            errors = list(OAS30Validator(spec_schema(schema)).iter_errors(body))
            self.violations += [f"{path}: {e.message[:80]}" for e in errors]
        response = await self.inner.handle_async_request(request)
        if response.status_code >= 500:
            self.violations.append(f"{path}: the fake server answered {response.status_code}")
        return response


@pytest.fixture(scope="module")
def loop() -> Iterator[asyncio.AbstractEventLoop]:
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.fixture(scope="module")
def async_setup(loop: asyncio.AbstractEventLoop) -> Iterator[tuple[AsyncRememberizer, Recorder]]:
    fake = FakeRememberizer()
    recorder = Recorder(fake)
    client = AsyncRememberizer(
        base_url="http://localhost/api/v1",
        captcha=fake.captcha,
        http_client=httpx2.AsyncClient(transport=recorder),
        max_retries=0,
    )
    loop.run_until_complete(
        client.auth.signup(email="ada@example.com", password="correct horse", name="Ada")
    )
    yield client, recorder
    loop.run_until_complete(client.close())


@pytest.fixture(scope="module")
def sync_client() -> Iterator[tuple[Rememberizer, FakeRememberizer]]:
    with (
        FakeRememberizer() as fake,
        Rememberizer(base_url=fake.base_url, captcha=fake.captcha, max_retries=0) as client,
    ):
        client.auth.signup(email="ada@example.com", password="correct horse", name="Ada")
        yield client, fake


def calls(client: Any, a: Any, b: Any, c: Any) -> list[Any]:
    return [
        lambda: client.auth.signup(email=a, password=b, name=c),
        lambda: client.auth.signin(login=a, password=b),
        lambda: client.auth.verify_email(a),
    ]


SETTINGS = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


@SETTINGS
@given(a=anything, b=anything, c=anything)
def test_the_async_client_with_anything(
    async_setup: tuple[AsyncRememberizer, Recorder],
    loop: asyncio.AbstractEventLoop,
    a: Any,
    b: Any,
    c: Any,
) -> None:
    client, recorder = async_setup
    for call in calls(client, a, b, c):
        REPORT.inputs_fuzzed += 1
        with contextlib.suppress(RememberizerError):
            loop.run_until_complete(call())
    assert recorder.violations == []


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(a=anything, b=anything, c=anything)
def test_the_sync_client_with_anything(
    sync_client: tuple[Rememberizer, FakeRememberizer], a: Any, b: Any, c: Any
) -> None:
    client, fake = sync_client
    for call in calls(client, a, b, c):
        REPORT.inputs_fuzzed += 1
        with contextlib.suppress(RememberizerError):
            call()
    assert all(r["status"] is not None and r["status"] < 500 for r in fake.requests())


@pytest.mark.parametrize("argument", [None, 3, object(), "x" * 200_000])
def test_constructor_arguments(argument: Any) -> None:
    REPORT.inputs_fuzzed += 1
    for options in (
        {"base_url": argument},
        {"timeout": argument},
        {"max_retries": argument},
        {"session": argument},
    ):
        with contextlib.suppress(RememberizerError):
            Rememberizer(**options).close()
