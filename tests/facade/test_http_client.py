"""A caller's `http_client`: an httpx2 client carries the calls; a client of httpx, the library
the SDK left for httpx2, is refused with an error that says what to pass instead."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import httpx
import httpx2
import pytest

from rememberizer import (
    AsyncOAuthApp,
    AsyncRememberizer,
    AsyncVectorStore,
    OAuthApp,
    OAuthTokenError,
    Rememberizer,
    VectorStore,
)
from rememberizer.testing import FakeRememberizer
from tests.facade.test_vector_stores import new_store

NOWHERE = "http://127.0.0.1:9/api/v1"  # never connected to: the check comes first
APP = ("app-id", "app-secret", "https://app.example/cb")
# Every class that takes http_client, and the httpx2 class it wants.
TAKERS: list[tuple[Any, type[Any]]] = [
    (Rememberizer, httpx2.Client),
    (AsyncRememberizer, httpx2.AsyncClient),
    (VectorStore, httpx2.Client),
    (AsyncVectorStore, httpx2.AsyncClient),
    (OAuthApp, httpx2.Client),
    (AsyncOAuthApp, httpx2.AsyncClient),
]


def build(cls: Any, http_client: Any, base_url: str = NOWHERE, **options: Any) -> Any:
    if cls in (OAuthApp, AsyncOAuthApp):
        return cls(*APP, base_url=base_url, http_client=http_client, **options)
    if cls in (VectorStore, AsyncVectorStore):
        options.setdefault("api_key", "vs-key")
    return cls(base_url=base_url, http_client=http_client, **options)


@pytest.mark.parametrize(("cls", "wanted"), TAKERS, ids=lambda v: getattr(v, "__name__", ""))
@pytest.mark.parametrize("old", [httpx.Client, httpx.AsyncClient], ids=["Client", "AsyncClient"])
def test_an_httpx_client_is_refused_with_the_reason(
    cls: Any, wanted: type[Any], old: type[httpx.Client] | type[httpx.AsyncClient]
) -> None:
    http = old()
    with pytest.raises(TypeError) as refused:
        build(cls, http)
    message = str(refused.value)
    assert f"http_client is an httpx.{old.__name__}" in message
    assert "rememberizer is built on httpx2" in message
    assert f"pass httpx2.{wanted.__name__}(...)" in message
    # Refused before anything was set on it: the caller's client is as it was.
    assert http.auth is None
    assert str(http.base_url) == ""
    assert http.event_hooks == {"request": [], "response": []}
    assert not http.is_closed


def test_a_subclass_of_an_httpx_client_is_refused_too() -> None:
    class Traced(httpx.AsyncClient):
        """A caller's own client class, built on the old library."""

    with pytest.raises(
        TypeError, match=r"^http_client is an httpx\.AsyncClient, .*httpx2\.AsyncClient\(\.\.\.\)"
    ):
        build(AsyncRememberizer, Traced())


@pytest.mark.parametrize(("cls", "wanted"), TAKERS, ids=lambda v: getattr(v, "__name__", ""))
def test_the_other_flavour_of_httpx2_client_is_refused(cls: Any, wanted: type[Any]) -> None:
    other = httpx2.AsyncClient if wanted is httpx2.Client else httpx2.Client
    with pytest.raises(TypeError, match=rf"^http_client must be an httpx2\.{wanted.__name__}, "):
        build(cls, other())


def test_the_check_never_imports_httpx() -> None:
    code = (
        "import sys\n"
        "from rememberizer import Rememberizer\n"
        "Old = type('Client', (), {'__module__': 'httpx._client'})\n"
        "try:\n"
        "    Rememberizer(base_url='http://127.0.0.1:9/api/v1', http_client=Old())\n"
        "except TypeError as exc:\n"
        "    print(exc)\n"
        "print('httpx' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    refused, loaded = result.stdout.splitlines()
    assert refused.startswith("http_client is an httpx.Client, but rememberizer is built on httpx2")
    assert loaded == "False"


def test_httpx2_clients_carry_the_stores_calls(rememberizer_server: FakeRememberizer) -> None:
    store = new_store(rememberizer_server)
    sent: list[httpx2.Request] = []
    with httpx2.Client(event_hooks={"request": [sent.append]}) as http:
        client = build(VectorStore, http, rememberizer_server.base_url, api_key=store["key"])
        assert client.info().id == store["id"]
        client.close()
        assert not http.is_closed  # handed in, so left open
    assert [request.url.path for request in sent] == ["/api/v1/vector-stores/me"]


@pytest.mark.anyio
async def test_httpx2_clients_carry_the_async_stores_calls(
    rememberizer_server: FakeRememberizer,
) -> None:
    store = new_store(rememberizer_server)
    sent: list[httpx2.Request] = []

    async def record(request: httpx2.Request) -> None:
        sent.append(request)

    async with httpx2.AsyncClient(event_hooks={"request": [record]}) as http:
        client = build(AsyncVectorStore, http, rememberizer_server.base_url, api_key=store["key"])
        assert (await client.info()).id == store["id"]
        await client.close()
        assert not http.is_closed
    assert [request.url.path for request in sent] == ["/api/v1/vector-stores/me"]


def test_httpx2_clients_carry_the_apps_token_requests(
    rememberizer_server: FakeRememberizer,
) -> None:
    sent: list[httpx2.Request] = []
    with httpx2.Client(event_hooks={"request": [sent.append]}) as http:
        app = build(OAuthApp, http, rememberizer_server.base_url)
        with pytest.raises(OAuthTokenError):  # the fake server knows no app "app-id"
            app.exchange({"code": "unknown", "state": "s"}, "s", code_verifier="v" * 43)
    assert [request.url.path for request in sent] == ["/api/v1/auth/oauth2/token/"]
