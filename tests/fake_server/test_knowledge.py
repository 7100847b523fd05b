"""The fake server's knowledge API, checked with raw httpx2 in process and over loopback."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx2
import pytest

from rememberizer.testing import FakeRememberizer
from rememberizer.testing._search import CHUNK_WORDS

from .conftest import PASSWORD, register

CONTROLS = "http://testserver/_testing/"

pytestmark = pytest.mark.anyio


def token_for(fake: FakeRememberizer, email: str = "ada@example.com") -> str:
    """A session access token for a new account, made without HTTP."""
    fake.state.signup(
        {"email": email, "password": PASSWORD, "name": "Ada", "captcha": fake.captcha("signup")}
    )
    return fake.state.signin(
        {"login": email, "password": PASSWORD, "captcha": fake.captcha("signin")}
    ).access


@pytest.fixture
async def kb(rememberizer_app: FakeRememberizer) -> AsyncIterator[httpx2.AsyncClient]:
    """A raw client signed in as ada@example.com on an in-process fake server."""
    token = token_for(rememberizer_app)
    async with httpx2.AsyncClient(
        transport=httpx2.ASGITransport(app=rememberizer_app.app),
        base_url="http://testserver/api/v1/",
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    ) as client:
        yield client


async def seed(client: httpx2.AsyncClient, **body: Any) -> dict[str, Any]:
    body = {"email": "ada@example.com", "integration_type": "google_drive", **body}
    if body["integration_type"] not in ("slack", "discord"):
        body.setdefault("time", "2024-05-01T12:00:00Z")
    response = await client.post(CONTROLS + "documents", json=body)
    assert response.status_code == 201, response.text
    document: dict[str, Any] = response.json()
    return document


def words(n: int, word: str = "filler") -> str:
    return " ".join(f"{word}{i}" for i in range(n))


# -- documents list -------------------------------------------------------------------------


async def test_the_documents_list_pages_to_the_end_with_absolute_links(
    kb: httpx2.AsyncClient,
) -> None:
    ids = [(await seed(kb, name=f"doc {i}", text=f"text {i}"))["id"] for i in range(23)]
    seen: list[int] = []
    url: str | None = "documents/?page_size=10"
    previous: list[str | None] = []
    while url is not None:
        response = await kb.get(url)
        assert response.status_code == 200
        page = response.json()
        assert page["count"] == 23
        seen += [d["id"] for d in page["results"]]
        previous.append(page["previous"])
        url = page["next"]
        if url is not None:
            assert url.startswith("http://testserver/api/v1/documents/?")
    assert seen == ids
    assert previous[0] is None
    assert previous[2] == "http://testserver/api/v1/documents/?page=2&page_size=10"
    assert (await kb.get("documents/?page=4&page_size=10")).status_code == 404


async def test_the_documents_list_filters_by_integration_and_bounds_page_size(
    kb: httpx2.AsyncClient,
) -> None:
    await seed(kb, name="a", text="alpha")
    await seed(kb, name="b", text="beta", integration_type="dropbox")
    page = (await kb.get("documents/", params={"integration_type": "dropbox"})).json()
    assert [d["name"] for d in page["results"]] == ["b"]
    assert page["results"][0]["integration_type"] == "dropbox"
    empty = (await kb.get("documents/")).json()
    assert empty["count"] == 2
    for params in ({"page_size": "0"}, {"page_size": "1001"}, {"page": "x"}, {"page": "0"}):
        response = await kb.get("documents/", params=params)
        assert response.status_code == 400, params
    bad = await kb.get("documents/", params={"integration_type": "ftp"})
    assert bad.status_code == 400
    assert "integration_type" in bad.json()


# -- search ---------------------------------------------------------------------------------


async def test_memorized_text_is_searchable_at_once_and_ranked(kb: httpx2.AsyncClient) -> None:
    memorized = await kb.post(
        "documents/memorize/",
        json={"name": "Launch", "content": "The launch of the rocket moves to June. Launch!"},
    )
    # The docs' prose (S7): 201 with no body.
    assert (memorized.status_code, memorized.content) == (201, b"")
    await kb.post(
        "documents/memorize/", json={"name": "Lunch", "content": "Lunch is at noon; launch later."}
    )
    await kb.post("documents/memorize/", json={"name": "Other", "content": "Nothing relevant."})
    response = await kb.get("documents/search/", params={"q": "rocket launch", "n": 5})
    assert response.status_code == 200
    found = response.json()
    names = [c["document"]["name"] for c in found["matched_chunks"]]
    assert names == ["Launch", "Lunch"]
    distances = [c["distance"] for c in found["matched_chunks"]]
    assert distances == sorted(distances)
    assert all(0 <= d <= 1 for d in distances)
    assert found["data_sources"] == [{"name": "memorize", "documents": 2}]
    # Deterministic: the same question gets the same answer.
    again = await kb.get("documents/search/", params={"q": "rocket launch", "n": 5})
    assert again.json() == found
    limited = await kb.get("documents/search/", params={"q": "rocket launch", "n": 1})
    assert len(limited.json()["matched_chunks"]) == 1


async def test_search_filters_by_document_time(kb: httpx2.AsyncClient) -> None:
    await seed(kb, name="old", text="budget review", time="2023-01-01T00:00:00Z")
    await seed(kb, name="new", text="budget review", time="2024-06-01T00:00:00+02:00")

    async def names(**params: str) -> list[str]:
        response = await kb.get("documents/search/", params={"q": "budget", **params})
        assert response.status_code == 200, response.text
        return sorted(c["document"]["name"] for c in response.json()["matched_chunks"])

    assert await names() == ["new", "old"]
    assert await names(**{"from": "2024-01-01T00:00:00Z"}) == ["new"]
    assert await names(to="2024-01-01T00:00:00Z") == ["old"]
    assert await names(**{"from": "2025-01-01T00:00:00Z"}) == []
    for params in (
        {"from": "yesterday"},
        {"from": "2024-01-01T00:00:00"},  # naive: refused rather than guessed
        {"from": "2024-02-01T00:00:00Z", "to": "2024-01-01T00:00:00Z"},
    ):
        response = await kb.get("documents/search/", params={"q": "budget", **params})
        assert response.status_code == 400, params


async def test_search_adds_neighbouring_chunks_on_request(kb: httpx2.AsyncClient) -> None:
    text = " ".join(
        [words(CHUNK_WORDS, "before"), words(CHUNK_WORDS, "needle"), words(CHUNK_WORDS)]
    )
    await seed(kb, name="long", text=text)
    plain = (await kb.get("documents/search/", params={"q": "needle7"})).json()
    (chunk,) = plain["matched_chunks"]
    assert "needle7" in chunk["matched_content"]
    assert "before1" not in chunk["matched_content"]
    wide = await kb.get(
        "documents/search/", params={"q": "needle7", "prev_chunks": 1, "next_chunks": 1}
    )
    (wide_chunk,) = wide.json()["matched_chunks"]
    assert wide_chunk["matched_content"] == text


async def test_search_validates_its_parameters(kb: httpx2.AsyncClient) -> None:
    for params in (
        {},
        {"q": ""},
        {"q": words(401)},
        {"q": "x", "n": "0"},
        {"q": "x", "n": "101"},
        {"q": "x", "prev_chunks": "-1"},
        {"q": "x", "next_chunks": "21"},
    ):
        response = await kb.get("documents/search/", params=params)
        assert response.status_code == 400, params
    assert (await kb.get("documents/search/", params={"q": words(400)})).status_code == 200


async def test_agentic_search_answers_like_search_and_validates(kb: httpx2.AsyncClient) -> None:
    await seed(kb, name="notes", text="quarterly revenue grew", time=1_700_000_000)
    response = await kb.post(
        "documents/agentic_search/",
        json={"query": "revenue", "n_chunks": 3, "user_context": "finance", "to": None},
    )
    assert response.status_code == 200
    assert response.json()["matched_chunks"][0]["document"]["name"] == "notes"
    for body in (
        {},
        {"query": "revenue", "n_chunks": 0},
        {"query": "revenue", "n_chunks": True},
        {"query": "revenue", "from": "not a time"},
        {"query": "revenue", "user_context": 5},
    ):
        assert (await kb.post("documents/agentic_search/", json=body)).status_code == 400, body


# -- contents -------------------------------------------------------------------------------


async def test_contents_come_twenty_chunks_a_call(kb: httpx2.AsyncClient) -> None:
    text = words(CHUNK_WORDS * 45 + 3)
    document = await seed(kb, name="book", text=text)
    url = f"documents/{document['id']}/contents/"
    pieces, start, calls = [], 0, 0
    while True:
        response = await kb.get(url, params={"start_chunk": start})
        assert response.status_code == 200
        page = response.json()
        calls += 1
        pieces.append(page["content"])
        if page["end_chunk"] - start < 20:
            break
        start = page["end_chunk"]
    assert "".join(pieces) == text
    assert calls == 3
    assert page["end_chunk"] == 46
    narrow = (await kb.get(url, params={"start_chunk": 2, "end_chunk": 3})).json()
    assert narrow == {
        "content": text.split(" ", 2 * CHUNK_WORDS)[-1][: len(narrow["content"])],
        "end_chunk": 3,
    }
    past = (await kb.get(url, params={"start_chunk": 99})).json()
    assert past == {"content": "", "end_chunk": 46}
    bad = await kb.get(url, params={"start_chunk": 5, "end_chunk": 4})
    assert bad.status_code == 400
    assert "end_chunk" in bad.json()
    assert (await kb.get("documents/999999/contents/")).status_code == 404
    assert (await kb.get("documents/abc/contents/")).status_code == 404


# -- discussions, integrations, shared knowledge --------------------------------------------


async def test_discussions_integrations_and_shared_knowledge_come_from_seeds(
    kb: httpx2.AsyncClient,
) -> None:
    channel = await seed(
        kb,
        name="#launch",
        integration_type="slack",
        messages=[
            {
                "time": "2024-05-01T09:00:00Z",
                "text": "Shall we move the launch?",
                "replies": [{"time": "2024-05-01T09:05:00Z", "text": "Yes, to June."}],
            },
            {"time": "2024-05-03T09:00:00Z", "text": "Moved."},
        ],
    )
    url = f"discussions/{channel['id']}/contents/"
    found = (await kb.get(url, params={"integration_type": "slack"})).json()
    assert found["discussion_content"].splitlines() == [
        "[2024-05-01T09:00:00Z] Shall we move the launch?",
        "[2024-05-03T09:00:00Z] Moved.",
    ]
    assert found["thread_contents"] == {
        "2024-05-01T09:00:00Z": "[2024-05-01T09:05:00Z] Yes, to June."
    }
    later = await kb.get(url, params={"integration_type": "slack", "from": "2024-05-02T00:00:00Z"})
    assert later.json() == {
        "discussion_content": "[2024-05-03T09:00:00Z] Moved.",
        "thread_contents": {},
    }
    assert (await kb.get(url, params={"integration_type": "discord"})).status_code == 404
    assert (await kb.get(url)).status_code == 400
    # The discussion is searchable like any document.
    hits = (await kb.get("documents/search/", params={"q": "June"})).json()["matched_chunks"]
    assert [h["document"]["name"] for h in hits] == ["#launch"]

    await seed(kb, name="plan", text="a plan")
    integrations = (await kb.get("integrations/")).json()["data"]
    assert [
        (i["integration_type"], i["document_stats"]["document_count"]) for i in integrations
    ] == [
        ("google_drive", 1),
        ("slack", 1),
    ]

    shared = await kb.post(
        CONTROLS + "common-knowledge",
        json={
            "email": "ada@example.com",
            "name": "Python docs",
            "documents": [{"name": "asyncio", "text": "event loop tasks", "time": 0}],
        },
    )
    assert shared.status_code == 201
    (subscribed,) = (await kb.get("common-knowledge/subscribed-list/")).json()
    assert subscribed["name"] == "Python docs"
    assert subscribed["document_ids"] == shared.json()["document_ids"]
    listed = await kb.get("documents/", params={"integration_type": "common_knowledge"})
    assert [d["name"] for d in listed.json()["results"]] == ["asyncio"]


# -- mementos and API keys ------------------------------------------------------------------


async def test_mementos_are_created_filled_and_deleted(kb: httpx2.AsyncClient) -> None:
    a = await seed(kb, name="a", text="alpha", path="/drive/team/a")
    b = await seed(kb, name="b", text="beta", path="/drive/other/b")
    created = await kb.post("mementos/", json={"name": "Team"})
    assert created.status_code == 201
    memento = created.json()
    assert memento["documents"] == []
    url = f"mementos/memento_document/{memento['id']}/"
    updated = await kb.post(
        url, json={"memento": memento["id"], "add": [b["id"]], "folder_add": ["/drive/team"]}
    )
    assert updated.status_code == 200
    assert updated.json()["documents"] == [b["id"]]
    assert updated.json()["folders"] == ["/drive/team"]
    removed = await kb.post(url, json={"remove": [b["id"]]})
    assert removed.json()["documents"] == []
    # The docs write the ids as strings (S10).
    as_text = await kb.post(url, json={"memento": str(memento["id"]), "add": [str(b["id"])]})
    assert as_text.json()["documents"] == [b["id"]]
    await kb.post(url, json={"remove": [b["id"]]})
    for body in (
        {"add": ["one"]},
        {"add": [999999]},
        {"memento": memento["id"] + 1},
        {"folder_add": [""]},
        {"remove": "all"},
    ):
        assert (await kb.post(url, json=body)).status_code == 400, body
    assert [m["name"] for m in (await kb.get("mementos/")).json()] == ["Team"]
    assert (await kb.get(f"mementos/{memento['id']}/")).json()["folders"] == ["/drive/team"]
    assert (await kb.post("mementos/", json={"name": " "})).status_code == 400
    assert (await kb.delete(f"mementos/{memento['id']}/")).status_code == 204
    assert (await kb.get(f"mementos/{memento['id']}/")).status_code == 404
    assert (await kb.delete(f"mementos/{memento['id']}/")).status_code == 404
    assert a["id"] != b["id"]


async def test_an_api_key_reaches_knowledge_limited_by_its_memento(
    kb: httpx2.AsyncClient,
) -> None:
    inside = await seed(kb, name="inside", text="shared secret plan", path="/drive/team/x")
    await seed(kb, name="outside", text="private secret plan")
    memento = (await kb.post("mementos/", json={"name": "Team"})).json()
    await kb.post(f"mementos/memento_document/{memento['id']}/", json={"add": [inside["id"]]})

    async def key(**body: Any) -> str:
        response = await kb.post(CONTROLS + "api-keys", json={"email": "ada@example.com", **body})
        assert response.status_code == 201
        value: str = response.json()["api_key"]
        return value

    whole, limited = await key(), await key(memento=memento["id"])
    del kb.headers["Authorization"]

    async def names(api_key: str) -> list[str]:
        response = await kb.get(
            "documents/search/", params={"q": "secret"}, headers={"x-api-key": api_key}
        )
        assert response.status_code == 200
        return sorted(c["document"]["name"] for c in response.json()["matched_chunks"])

    assert await names(whole) == ["inside", "outside"]
    assert await names(limited) == ["inside"]
    listed = await kb.get("documents/", headers={"x-api-key": limited})
    assert [d["name"] for d in listed.json()["results"]] == ["inside"]
    # What a memento-bound key memorizes stays visible to it.
    memorized = await kb.post(
        "documents/memorize/",
        json={"name": "note", "content": "secret addendum"},
        headers={"x-api-key": limited},
    )
    assert memorized.status_code == 201
    assert await names(limited) == ["inside", "note"]

    bad = await kb.get("documents/", headers={"x-api-key": "rk_wrong"})
    assert bad.status_code == 401
    assert bad.json() == {"detail": "Invalid API key.", "code": "invalid_api_key"}
    # Operations that take only a session refuse a key with the Error body.
    refused = await kb.get("mementos/", headers={"x-api-key": whole})
    assert refused.status_code == 401
    assert set(refused.json()) == {"detail", "code"}
    assert (await kb.get("documents/")).status_code == 401
    for body in (
        {},
        {"email": "nobody@example.com"},
        {"email": "ada@example.com", "memento": 0},
        {"email": "ada@example.com", "memento": "1"},
        {"email": "ada@example.com", "x": 1},
    ):
        assert (await kb.post(CONTROLS + "api-keys", json=body)).status_code == 400, body


# -- seeds, validation, logs, faults ---------------------------------------------------------


async def test_the_seed_control_validates_every_value(kb: httpx2.AsyncClient) -> None:
    good = {
        "email": "ada@example.com",
        "name": "n",
        "integration_type": "gmail",
        "time": "2024-01-01T00:00:00Z",
        "text": "t",
    }
    for change in (
        {"email": "nobody@example.com"},
        {"email": 5},
        {"name": ""},
        {"integration_type": "ftp"},
        {"time": float("nan")},
        {"time": "2024-01-01"},
        {"time": True},
        {"text": ""},
        {"path": "relative"},
        {"unknown": 1},
        {"integration_type": "slack"},
        {"messages": [{"time": 0, "text": "hi"}]},
    ):
        body = {**good, **change}
        response = await kb.post(
            CONTROLS + "documents",
            content=_dumps(body),
            headers={"content-type": "application/json"},
        )
        assert response.status_code == 400, change
    assert (await kb.get("documents/")).json()["count"] == 0
    bad_messages = {**good, "integration_type": "discord", "messages": [{"time": 0}]}
    del bad_messages["text"], bad_messages["time"]
    assert (await kb.post(CONTROLS + "documents", json=bad_messages)).status_code == 400
    bodies: list[dict[str, Any]] = [
        {},
        {"email": "ada@example.com", "name": "x", "documents": []},
        {"email": "ada@example.com", "name": "x", "documents": [{"name": "a"}]},
    ]
    for body in bodies:
        assert (await kb.post(CONTROLS + "common-knowledge", json=body)).status_code == 400


def _dumps(body: dict[str, Any]) -> bytes:
    import json

    return json.dumps(body).encode()  # allows NaN, as a careless client might send


async def test_memorize_validates_and_bodies_are_bounded(kb: httpx2.AsyncClient) -> None:
    for body in (
        {},
        {"name": "x"},
        {"name": "", "content": "c"},
        {"name": "x", "content": "!!"},
        {"name": "x" * 256, "content": "c"},
    ):
        assert (await kb.post("documents/memorize/", json=body)).status_code == 400, body
    huge = await kb.post("documents/memorize/", json={"name": "x", "content": "a " * 40_000})
    assert huge.status_code == 413
    nested = await kb.post(
        "documents/memorize/", content=b"[" * 50_000, headers={"content-type": "application/json"}
    )
    assert nested.status_code == 400


def test_knowledge_routes_are_logged_and_take_faults(
    http: httpx2.Client, rememberizer_server: FakeRememberizer
) -> None:
    register(http, rememberizer_server)
    rememberizer_server.clear_requests()
    rememberizer_server.inject_fault("/documents/search/", status=503, retry_after=0)
    assert http.get("documents/search/", params={"q": "x"}).status_code == 503
    assert http.get("documents/search/", params={"q": "x"}).status_code == 200
    assert http.post("documents/memorize/", json={"name": "n", "content": "c"}).status_code == 201
    log = [(r["method"], r["path"], r["status"]) for r in rememberizer_server.requests()]
    assert log == [
        ("GET", "/documents/search/", 503),
        ("GET", "/documents/search/", 200),
        ("POST", "/documents/memorize/", 201),
    ]
    rememberizer_server.reset()
    assert rememberizer_server.state.knowledge.libraries == {}
