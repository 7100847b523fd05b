"""The facade's fast paths change nothing on the wire.

The facade builds each operation's absolute URL once (rememberizer/_client.py `_url`) instead
of letting httpx2 merge it on every request, and skips cookie extraction for responses that set
no cookie. These tests hold both to the requests and the jar policy raw httpx2 would give.
"""

from __future__ import annotations

import inspect
import sys
import typing
import uuid
from pathlib import Path
from typing import Any

import httpx2
import pytest
from rememberizer_api import operations as ops

from rememberizer import AsyncRememberizer, Rememberizer
from rememberizer._operations import endpoint
from tests.conftest import Harness

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from _spec_changes import facade_operations

BASES = ["http://127.0.0.1:9/api/v1", "https://api.example.com/api/v1/", "https://h.example"]
WRAPPED = sorted(facade_operations())


class _Body:
    """Any generated request model: `_get_kwargs` calls `to_dict()`, or `to_multipart()` for an
    upload."""

    def to_dict(self) -> dict[str, Any]:
        return {"name": "Ada", "n": 1}

    def to_multipart(self) -> list[tuple[str, Any]]:
        return [("files", ("a.txt", b"some words", "text/plain"))]


def _sample(annotation: Any) -> Any:
    """A value of a path or query parameter's type that needs percent-encoding if a str."""
    text = str(annotation)
    if "UUID" in text:
        return uuid.UUID(int=7)
    if "int" in text:
        return 7
    if "bool" in text:
        return True
    return "a b/ü%?#x"


def _kwargs(op: ops.OperationInfo) -> dict[str, Any]:
    module = endpoint(op)
    hints = typing.get_type_hints(module._get_kwargs, vars(module))
    arguments: dict[str, Any] = {}
    for name, parameter in inspect.signature(module._get_kwargs).parameters.items():
        if name == "body":
            arguments[name] = _Body()
        elif parameter.default is inspect.Parameter.empty:
            arguments[name] = _sample(hints.get(name))
    return module._get_kwargs(**arguments)


def _shape(request: httpx2.Request) -> tuple[Any, ...]:
    url = request.url
    return (request.method, str(url), url.raw_path, request.read(), request.headers.raw)


def test_the_facade_wraps_operations() -> None:
    assert {"get_account", "signin", "refresh"} <= set(WRAPPED)


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize("operation_id", WRAPPED)
def test_requests_are_byte_identical_with_the_url_cache(base: str, operation_id: str) -> None:
    rows = (row for row in vars(ops).values() if isinstance(row, ops.OperationInfo))
    op = next(row for row in rows if row.operation_id == operation_id)
    kwargs = _kwargs(op)
    for kind in (Rememberizer, AsyncRememberizer):
        client = kind(base_url=base)
        http = client._http
        cached = http.build_request(**{**kwargs, "url": client._url(kwargs["url"])})
        again = http.build_request(**{**kwargs, "url": client._url(kwargs["url"])})
        merged = http.build_request(**kwargs)  # httpx2's own merge, on the same client
        raw = httpx2.Client(base_url=base.rstrip("/")).build_request(**kwargs)
        assert _shape(cached) == _shape(again) == _shape(merged)
        assert _shape(cached)[:4] == _shape(raw)[:4]
        # Every header, in any order: the facade's client adds none before auth runs.
        assert sorted(cached.headers.multi_items()) == sorted(raw.headers.multi_items())
        assert client._auth.under_base(cached.url)


def test_the_url_cache_stays_bounded() -> None:
    client = Rememberizer(base_url="http://127.0.0.1:9/api/v1")
    for n in range(2000):
        assert str(client._url(f"/documents/{n}/")) == f"http://127.0.0.1:9/api/v1/documents/{n}/"
    assert len(client._urls) <= 512
    with pytest.raises(Exception, match="relative"):
        client._url("https://elsewhere.example/account/")


@pytest.mark.anyio
async def test_set_cookie_on_an_ordinary_response_follows_the_jar_policy(h: Harness) -> None:
    from rememberizer._async._call import _call as acall
    from rememberizer._sync._call import _call

    await h.register()
    h.fake.inject_fault(
        "/account/",
        method="GET",
        status=200,
        body={"ok": True},
        headers={"Set-Cookie": "theme=dark; Path=/"},
    )
    call = acall if isinstance(h.client, AsyncRememberizer) else _call
    response = await h(call, h.client, ops.GET_ACCOUNT)
    assert response.headers["set-cookie"] == "theme=dark; Path=/"
    assert h.client._http.cookies.get("theme") == "dark"  # honoured: the API's own host
    # A session cookie on an ordinary response is refused by the policy: the session lives in
    # the store, and SessionAuth attaches it.
    h.fake.inject_fault(
        "/account/",
        method="GET",
        status=200,
        body={"ok": True},
        headers={"Set-Cookie": "access_token=forged; Path=/"},
    )
    await h(call, h.client, ops.GET_ACCOUNT)
    assert "access_token" not in {cookie.name for cookie in h.client._http.cookies.jar}
    # A response without Set-Cookie leaves the jar as it was.
    await h(call, h.client, ops.GET_ACCOUNT)
    assert [c.name for c in h.client._http.cookies.jar] == ["theme"]
