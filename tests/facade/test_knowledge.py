"""The knowledge API through the facade, each test run sync and async against the fake server.

Knowledge is seeded through the fake server's own controls (`/_testing/documents`,
`/_testing/api-keys`, `/_testing/common-knowledge`), except for the 1,000 documents of the
memory check, which go straight into its state (over HTTP they would take a while).
"""

from __future__ import annotations

import datetime
import importlib.util
import inspect
import logging
import math
import re
import time
from pathlib import Path
from typing import Any

import httpx2
import pytest

from rememberizer import (
    AsyncDocumentPager,
    AsyncRememberizer,
    AuthenticationError,
    Document,
    DocumentPager,
    InvalidRequestError,
    NotFoundError,
    Rememberizer,
    SearchResult,
)
from rememberizer._logging import _TRACE_LOGGERS, RedactSecretHeaders
from rememberizer.testing import FakeRememberizer
from tests.conftest import EMAIL, Harness

pytestmark = pytest.mark.anyio

UTC = datetime.UTC
RESOURCES = ("documents", "discussions", "integrations", "common_knowledge", "mementos")


async def control(h: Harness, path: str, body: dict[str, Any], status: int = 201) -> Any:
    """POST a /_testing/ control of the fake server (in process: it shares the state)."""
    transport = httpx2.ASGITransport(app=h.fake.app)
    async with httpx2.AsyncClient(transport=transport, base_url="http://localhost") as http:
        response = await http.post(f"/_testing/{path}", json=body)
    assert response.status_code == status, response.text
    return response.json()


async def listed(h: Harness, client: Any, name: str) -> Document:
    """The listed document called `name` (memorize answers no document, as the docs show)."""
    found = [d for d in await collect(h, client.documents.list(page_size=1000)) if d.name == name]
    assert len(found) == 1
    return found[0]


async def seed(
    h: Harness, name: str, text: str, when: str = "2024-05-01T12:00:00Z", **extra: Any
) -> int:
    body = {"email": EMAIL, "name": name, "integration_type": "google_drive", "time": when}
    document = await control(h, "documents", {**body, "text": text, **extra})
    return int(document["id"])


async def api_key(h: Harness) -> str:
    return str((await control(h, "api-keys", {"email": EMAIL}))["api_key"])


async def collect(h: Harness, pager: DocumentPager | AsyncDocumentPager) -> list[Document]:
    if isinstance(pager, AsyncDocumentPager):
        return [item async for item in pager]
    return list(await h(lambda: list(pager)))


async def pages_of(h: Harness, pager: Any) -> list[Any]:
    if inspect.isasyncgenfunction(pager.pages):
        return [page async for page in pager.pages()]
    return list(await h(lambda: list(pager.pages())))


# -- documents ------------------------------------------------------------------------------


async def test_the_pager_follows_next_to_the_end(h: Harness) -> None:
    await h.register()
    ids = [await seed(h, f"doc {i}", f"alpha beta {i}") for i in range(23)]
    await seed(h, "from slack", "gamma", integration_type="dropbox")
    h.fake.clear_requests()
    pager = h.client.documents.list(integration_type="google_drive", page_size=10)
    assert pager.count is None
    assert h.fake.requests() == []
    documents = await collect(h, pager)
    assert [d.id for d in documents] == ids
    assert pager.count == 23
    assert h.count("GET", "/documents/") == 3
    pages = await pages_of(h, h.client.documents.list(page_size=10))
    assert [len(p.results) for p in pages] == [10, 10, 4]
    assert pages[0].count == 24
    assert pages[-1].next_ is None
    assert pages[1].previous is not None


async def test_contents_is_one_page_and_read_follows_end_chunk(h: Harness) -> None:
    await h.register()
    text = " ".join(f"word{i}" for i in range(2_100))
    await h(h.client.documents.memorize, "long notes", text)
    document = await listed(h, h.client, "long notes")
    assert isinstance(document.id, int)
    assert document.pk == document.id
    user = h.fake.state.user_by_email(EMAIL)
    assert user is not None
    chunks = h.fake.state.knowledge.library(user).documents[document.id].chunks
    assert len(chunks) > 40
    first = await h(h.client.documents.contents, document.id)
    assert first.end_chunk == 20
    assert first.content == "".join(chunks[:20])
    middle = await h(h.client.documents.contents, document.id, start_chunk=3, end_chunk=5)
    assert middle.content == "".join(chunks[3:5])
    assert middle.end_chunk == 5
    h.fake.clear_requests()
    assert await h(h.client.documents.read, document.id) == "".join(chunks)
    path = f"/documents/{document.id}/contents/"
    assert h.count("GET", path) == math.ceil(len(chunks) / 20) + 1
    # A listed document reads by its pk, the id the contents call takes, even when the
    # newest schema's string `id` is what the server sent.
    document.id = "a text id"
    assert await h(h.client.documents.read, document) == "".join(chunks)


async def test_search_with_filters_and_context(h: Harness) -> None:
    await h.register()
    old = await seed(h, "old", "the heron fishes at dawn", when="2020-01-01T00:00:00Z")
    new = await seed(h, "new", "the heron sleeps at noon", when="2024-06-01T00:00:00Z")
    found = await h(h.client.documents.search, "heron", n=10)
    assert isinstance(found, SearchResult)
    assert {c.document.id for c in found.matched_chunks} == {old, new}
    distances = [c.distance for c in found.matched_chunks]
    assert distances == sorted(distances)
    assert all(0 <= d <= 1 for d in distances)
    since = datetime.datetime(2023, 1, 1, tzinfo=UTC)
    recent = await h(h.client.documents.search, "heron", from_=since)
    assert [c.document.id for c in recent.matched_chunks] == [new]
    until = datetime.datetime(2021, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))
    older = await h(h.client.documents.search, "heron", to=until)
    assert [c.document.id for c in older.matched_chunks] == [old]
    # Context: neighbouring chunks join the match.
    long_text = " ".join(f"filler{i}" for i in range(300)) + " kingfisher " + "tail " * 300
    await seed(h, "long", long_text)
    bare = await h(h.client.documents.search, "kingfisher", n=1)
    wide = await h(h.client.documents.search, "kingfisher", n=1, prev_chunks=1, next_chunks=1)
    assert "kingfisher" in wide.matched_chunks[0].matched_content
    assert len(wide.matched_chunks[0].matched_content) > len(bare.matched_chunks[0].matched_content)
    agentic = await h(h.client.documents.agentic_search, "heron", n_chunks=1, user_context="birds")
    assert len(agentic.matched_chunks) == 1


async def test_memorize_then_search(h: Harness) -> None:
    await h.register()
    # The docs' prose: 201 with no body, a success with nothing to read.
    answer = await h(h.client.documents.memorize, "trip", "We saw a narwhal off Svalbard.")
    assert answer.to_dict() == {}
    document = await listed(h, h.client, "trip")
    assert document.integration_type == "memorize"
    found = await h(h.client.documents.search, "narwhal")
    assert found.matched_chunks[0].document.id == document.id
    # The newer embedded schema: 200 {data, message, code}.
    await control(h, "memorize-answer", {"variant": "data"}, status=200)
    answer = await h(h.client.documents.memorize, "trip 2", "A second narwhal.")
    assert (answer.message, answer.code) == ("Document saved successfully", "success")


async def test_mementos_crud_and_documents(h: Harness) -> None:
    await h.register()
    first = await seed(h, "a", "one")
    second = await seed(h, "b", "two")
    memento = await h(h.client.mementos.create, "Trip")
    assert memento.name == "Trip"
    assert memento.documents == []
    assert [m.id for m in await h(h.client.mementos.list)] == [memento.id]
    updated = await h(
        h.client.mementos.update_documents, memento.id, add=[first, second], folder_add=["/trips"]
    )
    assert updated.documents == [first, second]
    assert updated.folders == ["/trips"]
    updated = await h(h.client.mementos.update_documents, memento.id, remove=[first])
    assert updated.documents == [second]
    assert (await h(h.client.mementos.get, memento.id)).documents == [second]
    assert await h(h.client.mementos.delete, memento.id) is None
    with pytest.raises(NotFoundError):
        await h(h.client.mementos.get, memento.id)
    assert await h(h.client.mementos.list) == []


async def test_discussions_integrations_and_shared_knowledge(h: Harness) -> None:
    await h.register()
    messages = [
        {"time": "2024-05-01T09:00:00Z", "text": "standup at nine"},
        {
            "time": "2024-05-02T09:00:00Z",
            "text": "release",
            "replies": [{"time": "2024-05-02T09:05:00Z", "text": "shipped"}],
        },
    ]
    body = {"email": EMAIL, "name": "#team", "integration_type": "slack", "messages": messages}
    discussion = (await control(h, "documents", body))["id"]
    contents = await h(h.client.discussions.contents, discussion, integration_type="slack")
    assert "standup" in contents.discussion_content
    assert "release" in contents.discussion_content
    since = datetime.datetime(2024, 5, 2, tzinfo=UTC)
    later = await h(
        h.client.discussions.contents, discussion, integration_type="slack", from_=since
    )
    assert "standup" not in later.discussion_content
    integrations = await h(h.client.integrations.list)
    assert [i.integration_type for i in integrations.data] == ["slack"]
    shared = {
        "email": EMAIL,
        "name": "Physics",
        "documents": [{"name": "gravity", "text": "apples fall", "time": "2024-01-01T00:00:00Z"}],
    }
    await control(h, "common-knowledge", shared)
    subscribed = await h(h.client.common_knowledge.subscribed)
    assert [s.name for s in subscribed] == ["Physics"]


# -- API keys -------------------------------------------------------------------------------


async def test_an_api_key_alone_works_where_the_spec_allows_it(h: Harness) -> None:
    await h.register()
    await seed(h, "notes", "the otter holds hands")
    key = await api_key(h)
    keyed = h.new_client(api_key=key)
    assert not keyed.session.signed_in
    h.fake.clear_requests()
    found = await h(keyed.documents.search, "otter")
    assert found.matched_chunks[0].document.name == "notes"
    await h(keyed.documents.memorize, "more", "the otter sleeps")
    memorized = await listed(h, keyed, "more")
    assert await h(keyed.documents.read, memorized) == "the otter sleeps"
    # Rememberizer's MCP server calls these with its key too (spec x-source S23).
    assert (await h(keyed.account.get)).email == EMAIL
    assert (await h(keyed.integrations.list)).data is not None
    with pytest.raises(NotFoundError):
        await h(keyed.discussions.contents, 1, integration_type="slack")
    sent = h.fake.requests()
    assert sent
    assert all(r["api_key"] and not r["bearer"] and not r["cookies"] for r in sent)
    h.fake.clear_requests()
    for refused in (keyed.mementos.list, keyed.common_knowledge.subscribed):
        with pytest.raises(AuthenticationError, match="needs a signed-in session"):
            await h(refused)
    assert h.fake.requests() == []  # refused before sending
    assert key not in repr(keyed)
    assert key not in repr(keyed._auth)


async def test_with_a_key_and_a_session_the_session_wins(h: Harness) -> None:
    key = await _register_and_key(h)
    both = h.new_client(api_key=key)
    await h(both.auth.signin, login=EMAIL, password="correct horse battery")
    h.fake.clear_requests()
    await h(both.documents.search, "anything")
    await h(both.mementos.list)
    assert [(r["bearer"], r["api_key"]) for r in h.fake.requests()] == [(True, False)] * 2
    # A refresh carries the refresh cookie only, never the key.
    await h(both.auth.refresh)
    (refresh,) = [r for r in h.fake.requests() if r["path"] == "/auth/custom-refresh/"]
    assert not refresh["api_key"]
    assert not refresh["bearer"]


async def _register_and_key(h: Harness) -> str:
    await h.register()
    return await api_key(h)


async def test_a_bad_key_is_refused_by_the_server(h: Harness) -> None:
    await _register_and_key(h)
    keyed = h.new_client(api_key="rk_not_a_key")
    with pytest.raises(AuthenticationError) as caught:
        await h(keyed.documents.search, "x")
    assert "rk_not_a_key" not in str(caught.value)


def test_the_key_goes_only_to_the_api_origin(rememberizer_server: FakeRememberizer) -> None:
    with (
        FakeRememberizer() as elsewhere,
        Rememberizer(base_url=rememberizer_server.base_url, api_key="rk_test_origin") as client,
    ):
        # Another origin, through the client's own HTTP client: no credentials at all.
        client._http.get(f"{elsewhere.base_url}/documents/search/?q=x")
        assert [r["api_key"] for r in elsewhere.requests()] == [False]
        # The API origin outside its base path: nothing either.
        client._http.get(rememberizer_server.root_url + "/documents/search/?q=x")
        # Through client.raw (the generated client) to the API: the key, as x-api-key.
        from rememberizer_api.api.documents import search_documents

        rememberizer_server.clear_requests()
        search_documents.sync_detailed(client=client.raw, q="x")
        assert [r["api_key"] for r in rememberizer_server.requests()] == [True]


def test_the_key_comes_from_the_environment_and_is_checked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = "http://127.0.0.1:9/api/v1"
    monkeypatch.setenv("REMEMBERIZER_API_KEY", "rk_from_env")
    assert Rememberizer(base_url=url)._auth.api_key == "rk_from_env"
    assert Rememberizer(base_url=url, api_key="rk_given")._auth.api_key == "rk_given"
    monkeypatch.delenv("REMEMBERIZER_API_KEY")
    assert AsyncRememberizer(base_url=url)._auth.api_key is None
    for bad in ("", "has space", "naïve", "line\nbreak", b"rk_bytes", 5):
        with pytest.raises(InvalidRequestError, match="api_key") as caught:
            Rememberizer(base_url=url, api_key=bad)  # type: ignore[arg-type]
        assert str(bad) not in str(caught.value) or bad == ""


def test_the_httpcore_trace_hides_the_key() -> None:
    record = logging.LogRecord(
        "httpcore2.http11",
        logging.DEBUG,
        "",
        0,
        "send_request_headers.started request=%s",
        ("[(b'x-api-key', b'rk_secret')]",),
        None,
    )
    RedactSecretHeaders().filter(record)
    assert "rk_secret" not in record.getMessage()


def test_every_trace_logger_of_the_transport_is_redacted() -> None:
    # httpx2's transport, httpcore2, names one logger per module; a name missing from the list
    # would print Set-Cookie and Bearer headers unredacted at DEBUG.
    import httpcore2

    source = "".join(p.read_text() for p in Path(httpcore2.__file__).parent.rglob("*.py"))
    names = set(re.findall(r"""getLogger\(["']([\w.]+)["']\)""", source))
    assert "httpcore2.http11" in names
    assert names <= set(_TRACE_LOGGERS)


# -- validation -----------------------------------------------------------------------------


async def test_bad_arguments_cost_no_request(h: Harness) -> None:
    await h.register()
    docs, mementos = h.client.documents, h.client.mementos
    naive = datetime.datetime(2024, 1, 1)
    early, late = (
        datetime.datetime(2020, 1, 1, tzinfo=UTC),
        datetime.datetime(2024, 1, 1, tzinfo=UTC),
    )
    bad: list[tuple[Any, tuple[Any, ...], dict[str, Any], str]] = [
        (docs.search, ("",), {}, "q"),
        (docs.search, ("   ",), {}, "q"),
        (docs.search, ("word " * 401,), {}, "q has 401 words"),
        (docs.search, ("x",), {"n": 0}, "n"),
        (docs.search, ("x",), {"n": 101}, "n"),
        (docs.search, ("x",), {"n": True}, "n"),
        (docs.search, ("x",), {"from_": naive}, "from_ is a naive"),
        (docs.search, ("x",), {"to": "2024-01-01"}, "to must be a datetime"),
        (docs.search, ("x",), {"from_": late, "to": early}, "from_ must not be later"),
        (docs.search, ("x",), {"prev_chunks": 21}, "prev_chunks"),
        (docs.search, ("x",), {"next_chunks": -1}, "next_chunks"),
        (docs.agentic_search, ("x",), {"n_chunks": 0}, "n_chunks"),
        (docs.agentic_search, ("x",), {"user_context": 5}, "user_context"),
        (docs.contents, (0,), {}, "document_id"),
        (docs.contents, ("7",), {}, "document_id"),
        (docs.contents, (1,), {"start_chunk": 5, "end_chunk": 4}, "end_chunk"),
        (docs.read, (-1,), {}, "document_id"),
        (docs.memorize, ("", "text"), {}, "name"),
        (docs.memorize, ("n" * 256, "text"), {}, "name"),
        (docs.memorize, ("name", ""), {}, "content"),
        (h.client.discussions.contents, (1,), {"integration_type": "teams"}, "integration_type"),
        (mementos.create, ("",), {}, "name"),
        (mementos.get, (True,), {}, "memento_id"),
        (mementos.delete, (0,), {}, "memento_id"),
        (mementos.update_documents, (1,), {"add": [0]}, "add"),
        (mementos.update_documents, (1,), {"remove": "12"}, "remove"),
        (mementos.update_documents, (1,), {"folder_add": [""]}, "folder_add"),
        (mementos.update_documents, (1,), {"folder_add": [7]}, "folder_add"),
    ]
    h.fake.clear_requests()
    for method, args, kwargs, message in bad:
        with pytest.raises(InvalidRequestError, match=message):
            await h(method, *args, **kwargs)
    for kwargs in ({"page_size": 0}, {"page_size": 1001}, {"integration_type": "notion"}):
        with pytest.raises(InvalidRequestError):
            h.client.documents.list(**kwargs)
    assert h.fake.requests() == []


# -- the surface ----------------------------------------------------------------------------


def test_sync_and_async_resources_match_and_are_documented() -> None:
    url = "http://127.0.0.1:9/api/v1"
    sync_client, async_client = Rememberizer(base_url=url), AsyncRememberizer(base_url=url)
    for resource in RESOURCES:
        sync, async_ = getattr(sync_client, resource), getattr(async_client, resource)
        names = {n for n in dir(sync) if not n.startswith("_")}
        assert names
        assert names == {n for n in dir(async_) if not n.startswith("_")}
        names.remove("with_raw_response")  # a namespace of the same methods, not a method
        for name in names:
            assert getattr(sync, name).__doc__, f"{resource}.{name}"
            # The parameters match; only the pager's return type differs by its Async prefix.
            sync_params = inspect.signature(getattr(sync, name)).parameters
            assert sync_params == inspect.signature(getattr(async_, name)).parameters


# -- memory ---------------------------------------------------------------------------------


def test_iterating_1000_documents_keeps_memory_flat() -> None:
    # The server runs in a child process (scripts/bench_knowledge.py), so that only the
    # client's memory is traced. The pager holds one page of 100 documents at a time: with the
    # garbage of httpx2's response reference cycles collected after each page, 1,000 cost
    # what 100 do (a pager that kept every page would hold ten times as much). Without, those
    # bodies wait for Python's full GC: bounded, not per document. The same walk over 10,000
    # is a measurement, in scripts/bench's knowledge section.
    path = Path(__file__).resolve().parents[2] / "scripts" / "bench_knowledge.py"
    spec = importlib.util.spec_from_file_location("bench_knowledge", path)
    assert spec is not None
    assert spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    started = time.monotonic()
    figures = bench.memory(100, 1_000)
    assert figures["collected_ratio"] < 1.3, figures
    assert figures["large_kib"] < 4 * 1024, figures
    assert time.monotonic() - started < 60


async def test_a_session_creates_a_vector_store_and_lists_its_options(h: Harness) -> None:
    await h.register()
    configs = await h(h.client.vector_stores.configs)
    assert configs.embedding_models
    created = await h(h.client.vector_stores.create, "Product docs", description="Manuals.")
    assert (created.name, created.description) == ("Product docs", "Manuals.")
    assert created.id.startswith("vs_")
    with pytest.raises(InvalidRequestError, match="vector_dimension"):
        await h(h.client.vector_stores.create, "x", vector_dimension=0)
    keyed = h.new_client(api_key=await api_key(h))
    with pytest.raises(AuthenticationError, match="needs a signed-in session"):
        await h(keyed.vector_stores.configs)
