"""Shared test settings and the client harness.

Async tests run on asyncio through anyio's pytest plugin. The harness runs one test three
ways: the sync client over loopback, the async client in process and over loopback.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx2
import pytest

from rememberizer import AsyncRememberizer, Rememberizer, SessionInfo
from rememberizer.testing import FakeRememberizer

PASSWORD = "correct horse battery"
EMAIL = "ada@example.com"
KINDS = ["sync-loopback", "async-inprocess", "async-loopback"]


class Harness:
    """A fake server, a client of the kind under test, and helpers that hide the difference."""

    def __init__(self, kind: str, fake: FakeRememberizer) -> None:
        self.kind = kind
        self.fake = fake
        self.events: list[tuple[str, SessionInfo]] = []
        self.captcha_calls: list[str] = []
        self._clients: list[Rememberizer | AsyncRememberizer] = []
        self.client = self.new_client()

    @property
    def base_url(self) -> str:
        return "http://localhost/api/v1" if self.kind == "async-inprocess" else self.fake.base_url

    def captcha(self, action: str) -> str:
        self.captcha_calls.append(action)
        return self.fake.captcha(action)

    def new_client(self, **options: Any) -> Rememberizer | AsyncRememberizer:
        options.setdefault("captcha", self.captcha)
        options.setdefault("on_session_change", lambda e, s: self.events.append((e, s)))
        options.setdefault("base_url", self.base_url)
        client: Rememberizer | AsyncRememberizer
        if self.kind == "sync-loopback":
            client = Rememberizer(**options)
        elif self.kind == "async-loopback":
            client = AsyncRememberizer(**options)
        else:
            transport = httpx2.ASGITransport(app=self.fake.app)
            options.setdefault("http_client", httpx2.AsyncClient(transport=transport))
            client = AsyncRememberizer(**options)
        self._clients.append(client)
        return client

    async def __call__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Call a client method of either kind and return its result."""
        if inspect.iscoroutinefunction(fn):
            return await fn(*args, **kwargs)
        return await asyncio.to_thread(fn, *args, **kwargs)

    async def register(self, client: Rememberizer | AsyncRememberizer | None = None) -> None:
        """Sign up, verify and sign in as EMAIL."""
        client = client or self.client
        await self(client.auth.signup, email=EMAIL, password=PASSWORD, name="Ada")
        await self(client.auth.verify_email, self.fake.verification_code(EMAIL))
        await self(client.auth.signin, login=EMAIL, password=PASSWORD)

    def count(self, method: str, path: str) -> int:
        return sum(1 for r in self.fake.requests() if (r["method"], r["path"]) == (method, path))

    async def close(self) -> None:
        for client in self._clients:
            if isinstance(client, AsyncRememberizer):
                await client.close()
                await client._http.aclose()
            else:
                client.close()


async def _harness(request: pytest.FixtureRequest) -> AsyncIterator[Harness]:
    if request.param == "async-inprocess":
        fake: FakeRememberizer = request.getfixturevalue("rememberizer_app")
    else:
        fake = request.getfixturevalue("rememberizer_server")
    harness = Harness(request.param, fake)
    yield harness
    await harness.close()


@pytest.fixture(params=KINDS)
async def h(request: pytest.FixtureRequest) -> AsyncIterator[Harness]:
    """Each of the three kinds."""
    async for harness in _harness(request):
        yield harness


@pytest.fixture(params=["sync-loopback", "async-loopback"])
async def h_net(request: pytest.FixtureRequest) -> AsyncIterator[Harness]:
    """The kinds with a real socket, for faults only a network produces (refusals, timeouts)."""
    async for harness in _harness(request):
        yield harness


@pytest.fixture(params=["async-inprocess", "async-loopback"])
async def h_async(request: pytest.FixtureRequest) -> AsyncIterator[Harness]:
    """The async client, for what only it accepts (async captcha providers)."""
    async for harness in _harness(request):
        yield harness


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
