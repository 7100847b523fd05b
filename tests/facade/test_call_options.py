"""Per-call options: `timeout=`, `extra_headers=` and `extra_query=` on every API method.

Against the fake server, whose request log names the headers and query parameters each request
arrived with (never their values); the values are read off the client's own HTTP client.
"""

from __future__ import annotations

import inspect
import time
from typing import Any, Unpack

import httpx2
import pytest

from rememberizer import (
    APIStatusError,
    APITimeoutError,
    AsyncRememberizer,
    AsyncVectorStore,
    CallOptions,
    InvalidRequestError,
    Rememberizer,
    VectorStore,
)
from rememberizer._async._call import AsyncResource
from rememberizer._sync._call import Resource
from rememberizer.testing import FakeRememberizer
from tests.conftest import Harness
from tests.facade.test_knowledge import collect, seed
from tests.facade.test_vector_stores import new_store

pytestmark = pytest.mark.anyio

TRACE = {"x-trace": "t-1"}
LANG = {"lang": "en"}


def last(h: Harness, path: str) -> dict[str, Any]:
    """The last logged request to `path`."""
    return [r for r in h.fake.requests() if r["path"] == path][-1]


def recording(h: Harness) -> tuple[Rememberizer | AsyncRememberizer, list[httpx2.Request]]:
    """A client of the kind under test whose HTTP client keeps every request it sends."""
    sent: list[httpx2.Request] = []
    if h.kind == "sync-loopback":
        return h.new_client(http_client=httpx2.Client(event_hooks={"request": [sent.append]})), sent

    async def keep(request: httpx2.Request) -> None:
        sent.append(request)

    inprocess = h.kind == "async-inprocess"
    transport = httpx2.ASGITransport(app=h.fake.app) if inprocess else None
    http = httpx2.AsyncClient(transport=transport, event_hooks={"request": [keep]})
    return h.new_client(http_client=http), sent


async def test_options_reach_the_server_for_that_call_only(h: Harness) -> None:
    await h.register()
    await h(h.client.account.get, extra_headers=TRACE, extra_query=LANG, timeout=5)
    seen = last(h, "/account/")
    assert "x-trace" in seen["headers"]
    assert seen["query"] == ["lang"]
    assert seen["bearer"] is True  # the session still goes with it
    await h(h.client.account.get)
    seen = last(h, "/account/")
    assert "x-trace" not in seen["headers"]
    assert seen["query"] == []


async def test_a_call_wins_over_with_options_name_by_name(h: Harness) -> None:
    client, sent = recording(h)
    await h.register(client)
    tagged = client.with_options(
        timeout=30,
        extra_headers={"X-Trace": "client", "x-keep": "k"},
        extra_query={"lang": "de", "v": "1"},
    )
    await h(tagged.account.me, timeout=7, extra_headers={"x-TRACE": "call"}, extra_query=LANG)
    # One value per header name whatever its case, on the wire as in the server's log.
    assert sent[-1].headers.get_list("x-trace") == ["call"]
    assert last(h, "/me/")["headers"].count("x-trace") == 1
    assert sent[-1].headers["x-keep"] == "k"
    assert dict(sent[-1].url.params) == {"lang": "en", "v": "1"}
    assert sent[-1].extensions["timeout"]["read"] == 7
    await h(tagged.account.me)  # the copy's own options, unchanged by the call
    assert sent[-1].headers.get_list("x-trace") == ["client"]
    assert sent[-1].extensions["timeout"]["read"] == 30
    assert "x-trace" not in sent[0].headers  # nor did they reach the client copied


async def test_every_page_of_a_pager_carries_the_options(h: Harness) -> None:
    await h.register()
    for i in range(5):
        await seed(h, f"doc {i}", f"alpha {i}")
    h.fake.clear_requests()
    pager = h.client.documents.list(page_size=2, extra_headers=TRACE, extra_query=LANG)
    assert len(await collect(h, pager)) == 5
    pages = [r for r in h.fake.requests() if r["path"] == "/documents/"]
    assert len(pages) == 3
    assert all("x-trace" in r["headers"] and "lang" in r["query"] for r in pages)


async def test_an_explicit_refresh_and_logout_send_their_options(h: Harness) -> None:
    await h.register()
    h.fake.clear_requests()
    await h(h.client.auth.refresh, extra_headers=TRACE)
    await h(h.client.auth.logout, extra_headers={"x-other": "t-2"})
    refresh, logout = h.fake.requests()
    assert "refresh" in refresh["path"]
    assert "x-trace" in refresh["headers"]
    assert refresh["status"] == 204
    assert "logout" in logout["path"]
    assert "x-other" in logout["headers"]
    assert not h.client.session.signed_in


async def test_with_raw_response_takes_the_options(h: Harness) -> None:
    await h.register()
    raw = await h(h.client.account.with_raw_response.get, timeout=5, extra_headers=TRACE)
    assert raw.status_code == 200
    assert "x-trace" in last(h, "/account/")["headers"]


async def test_a_vector_store_sends_the_options_with_every_request(
    rememberizer_server: FakeRememberizer,
) -> None:
    info = new_store(rememberizer_server)
    rememberizer_server.clear_requests()
    # The store's id is not known yet: the /me lookup is part of the call.
    with VectorStore(api_key=info["key"], base_url=rememberizer_server.base_url) as store:
        assert store.documents.list(extra_headers=TRACE, extra_query=LANG) == []
        assert store.info(extra_headers=TRACE).id == info["id"]
    async with AsyncVectorStore(api_key=info["key"], base_url=rememberizer_server.base_url) as a:
        assert await a.documents.list(extra_headers=TRACE, extra_query=LANG) == []
        assert (await a.info(extra_headers=TRACE)).id == info["id"]
    log = rememberizer_server.requests()
    assert len(log) == 6
    assert all("x-trace" in r["headers"] and r["api_key"] for r in log)
    assert [r["query"] for r in log if r["path"].endswith("/documents")] == [
        ["lang", "page", "page_size"],
        ["lang", "page", "page_size"],
    ]


# -- timeouts: only a real socket times out -------------------------------------------------


async def test_a_call_timeout_fires_on_every_attempt(h_net: Harness) -> None:
    h = h_net
    await h.register()
    once = h.client.with_options(max_retries=1)
    h.fake.inject_fault("/account/", delay=4.0, times=2)
    h.fake.clear_requests()
    started = time.monotonic()
    with pytest.raises(APITimeoutError):
        await h(once.account.get, timeout=0.2)
    # Two attempts, each cut at 0.2 s, one backoff (at most 0.5 s) between them: about 0.9 s,
    # where one attempt left uncut would take the fault's 4 s.
    assert time.monotonic() - started < 3.5
    assert h.count("GET", "/account/") == 2
    # The next call has the client's 30 s again: a 0.5 s delay is no timeout.
    h.fake.inject_fault("/account/", delay=0.5, times=1)
    assert (await h(once.account.get)).id


async def test_a_call_timeout_wins_over_with_options(h_net: Harness) -> None:
    h = h_net
    await h.register()
    hasty = h.client.with_options(timeout=0.2, max_retries=0)
    h.fake.inject_fault("/account/", delay=0.6, times=1)
    assert (await h(hasty.account.get, timeout=5)).id
    h.fake.inject_fault("/account/", delay=0.6, times=1)
    with pytest.raises(APITimeoutError):
        await h(hasty.account.get)


# -- refused before anything is sent ------------------------------------------------------------

BAD: list[dict[str, Any]] = [
    {"timeout": -1},
    {"timeout": float("inf")},
    {"timeout": "5"},
    {"extra_headers": {"x-a": "1\r\nx-b: 2"}},
    {"extra_headers": {"x-a": 1}},
    {"extra_headers": {"x a": "1"}},
    {"extra_headers": {"x-a": "é"}},
    {"extra_headers": ["x-a"]},
    {"extra_query": ["lang"]},
    {"extra_query": {"lang": None}},
    # Credentials come from the session or key alone, in any case of the name.
    {"extra_headers": {"Authorization": "Bearer forged"}},
    {"extra_headers": {"COOKIE": "access_token=forged"}},
    {"extra_headers": {"X-Api-Key": "forged"}},
]


async def test_bad_options_are_refused_before_any_request(h: Harness) -> None:
    await h.register()
    h.fake.clear_requests()
    calls = [
        h.client.account.get,
        h.client.account.with_raw_response.me,
        h.client.documents.list,
        h.client.mementos.create,
        h.client.auth.refresh,
        h.client.auth.logout,
    ]
    for options in BAD:
        for call in calls:
            args = ("m",) if call == h.client.mementos.create else ()
            with pytest.raises(InvalidRequestError):
                await h(call, *args, **options)
        with pytest.raises(InvalidRequestError):
            h.client.with_options(**options)
    with pytest.raises(TypeError, match="timout"):
        await h(h.client.account.get, timout=5)
    assert h.fake.requests() == []
    assert h.client.session.signed_in  # logout refused its options before signing out


async def test_a_store_refuses_bad_options_before_the_id_lookup(
    rememberizer_server: FakeRememberizer,
) -> None:
    info = new_store(rememberizer_server)
    rememberizer_server.clear_requests()
    with VectorStore(api_key=info["key"], base_url=rememberizer_server.base_url) as store:
        with pytest.raises(InvalidRequestError):
            store.documents.get(1, extra_headers={"x-api-key": "forged"})
        with pytest.raises(InvalidRequestError):  # not one error entry per file
            store.documents.upload_many(["a.txt"], timeout=0)
    assert rememberizer_server.requests() == []


def test_options_never_follow_a_redirect_to_another_origin(
    rememberizer_server: FakeRememberizer,
) -> None:
    with (
        FakeRememberizer() as other,
        Rememberizer(base_url=rememberizer_server.base_url) as client,
    ):
        rememberizer_server.inject_fault(
            "/account/", status=302, headers={"Location": other.base_url + "/account/"}
        )
        with pytest.raises(APIStatusError):
            client.account.get(extra_headers=TRACE)
        assert other.requests() == []


# -- the surface: every API method takes them ---------------------------------------------------

NOT_API = {"with_options", "close"}  # client methods that send no request


def _api_methods(client: object) -> list[tuple[str, Any]]:
    """The client's public methods and every public method of each of its namespaces."""
    found = [
        (name, fn)
        for name, fn in inspect.getmembers(type(client), inspect.isfunction)
        if not name.startswith("_") and name not in NOT_API
    ]
    for attr, ns in vars(client).items():
        if isinstance(ns, AsyncResource | Resource):
            found += [
                (f"{attr}.{name}", fn)
                for name, fn in inspect.getmembers(type(ns), inspect.isfunction)
                if not name.startswith("_")
            ]
    return found


@pytest.mark.parametrize("cls", [Rememberizer, AsyncRememberizer, VectorStore, AsyncVectorStore])
def test_every_api_method_takes_the_call_options(cls: type[Any]) -> None:
    kwargs = {"api_key": "k"} if cls in (VectorStore, AsyncVectorStore) else {}
    client = cls(base_url="http://127.0.0.1:9/api/v1", **kwargs)
    methods = _api_methods(client)
    namespaces = {name.split(".")[0] for name, _ in methods if "." in name}
    assert namespaces >= ({"documents"} if kwargs else {"auth", "account", "mementos"})
    for name, fn in methods:
        options = inspect.signature(fn).parameters.get("options")
        assert options is not None, name
        assert options.kind is inspect.Parameter.VAR_KEYWORD, name
        # The annotation as written (the modules postpone annotations), naming these types.
        assert options.annotation == "Unpack[CallOptions]", name
        assert fn.__globals__["Unpack"] is Unpack, name
        assert fn.__globals__["CallOptions"] is CallOptions, name
    assert set(CallOptions.__optional_keys__) == {"timeout", "extra_headers", "extra_query"}
