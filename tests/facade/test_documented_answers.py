"""Every answer body a Rememberizer docs page shows, replayed through the public facade.

The bodies are tests/fixtures/documented/*.json, each with the URL of its page. The fake server
answers the next request with the body (its `/_testing/faults` control with a 2xx status), so
the client parses what the docs show, not what the fake server would say. Each body is replayed
as it is, with an unknown field in every object, and with an unknown value in every enum field:
the tolerant reader keeps both, and the documented fields stay readable.
"""

from __future__ import annotations

import asyncio
import copy
import inspect
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx2
import pytest

from rememberizer import AsyncRememberizer, AsyncVectorStore, Rememberizer, VectorStore
from rememberizer.testing import FakeRememberizer

pytestmark = pytest.mark.anyio

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "documented"
DOCUMENTED = {path.stem: json.loads(path.read_text()) for path in sorted(FIXTURES.glob("*.json"))}
STORE = "vs_abc123"
UPLOAD = "upload_vector_store_documents"  # its result is the SDK's UploadResult
UNKNOWN_FIELD = "x_added_later"
UNKNOWN_STATUS = "reindexing"  # a vector-store document status the spec does not list


def with_unknown_fields(body: Any) -> Any:
    """`body` with a field the spec does not name added to every object."""
    if isinstance(body, dict):
        return {**{k: with_unknown_fields(v) for k, v in body.items()}, UNKNOWN_FIELD: {"a": 1}}
    if isinstance(body, list):
        return [with_unknown_fields(item) for item in body]
    return body


def with_unknown_status(body: Any) -> Any:
    """`body` with every `status` string (the enum of vector-store documents) unknown."""
    if isinstance(body, dict):
        return {
            k: UNKNOWN_STATUS if k == "status" and isinstance(v, str) else with_unknown_status(v)
            for k, v in body.items()
        }
    if isinstance(body, list):
        return [with_unknown_status(item) for item in body]
    return body


VARIANTS: dict[str, Callable[[Any], Any]] = {
    "as documented": copy.deepcopy,
    "unknown field": with_unknown_fields,
    "unknown enum value": with_unknown_status,
}

# operation -> (method, API path, the facade call, what the documented body lets a caller read)
Call = Callable[[Any], Any]
Read = Callable[[Any, Any], Any]


def _first_page(client: Any) -> Any:
    pages = client.documents.list(page_size=20).pages()
    return pages.__anext__() if inspect.isasyncgen(pages) else next(pages)


def _upload(store: Any, tmp: Path) -> Any:
    path = tmp / "document1.pdf"
    path.write_bytes(b"%PDF-1.4")
    return store.documents.upload(path)


OPERATIONS: dict[str, tuple[str, str, Call, Read]] = {
    "get_account": ("GET", "/account/", lambda c: c.account.get(), lambda r, b: r.email),
    "get_me": ("GET", "/me/", lambda c: c.account.me(), lambda r, b: r.team[0].role),
    "list_integrations": (
        "GET",
        "/integrations/",
        lambda c: c.integrations.list(),
        lambda r, b: [i.integration_type for i in r.data],
    ),
    "list_documents": (
        "GET",
        "/documents/",
        _first_page,
        lambda r, b: [(d.name, d.id, d.pk if isinstance(d.pk, int) else None) for d in r.results],
    ),
    "search_documents": (
        "GET",
        "/documents/search/",
        lambda c: c.documents.search("launch"),
        lambda r, b: [m.document.integration.integration_type for m in r.matched_chunks],
    ),
    "get_document_contents": (
        "GET",
        "/documents/12345/contents/",
        lambda c: c.documents.contents(12345),
        lambda r, b: (r.content, r.end_chunk),
    ),
    "get_discussion_contents": (
        "GET",
        "/discussions/12345/contents/",
        lambda c: c.discussions.contents(12345, integration_type="slack"),
        lambda r, b: r.discussion_content,
    ),
    "memorize_document": (
        "POST",
        "/documents/memorize/",
        lambda c: c.documents.memorize("Notes", "The launch moves to June."),
        lambda r, b: r.to_dict(),
    ),
    "verify_email": (
        "POST",
        "/auth/verify-email/",
        lambda c: c.auth.verify_email("123456"),
        lambda r, b: r.to_dict(),  # the docs show no body: a Detail with nothing set
    ),
    "get_vector_store": ("GET", "/vector-stores/me", lambda s: s.info(), lambda r, b: r.id),
    "list_vector_store_documents": (
        "GET",
        f"/vector-stores/{STORE}/documents",
        lambda s: s.documents.list(),
        lambda r, b: [(d.name, d.status) for d in r],
    ),
    "create_vector_store_document": (
        "POST",
        f"/vector-stores/{STORE}/documents/create",
        lambda s: s.documents.create("Product Overview", "Our product is an innovative solution."),
        lambda r, b: (r.name, r.status, r.indexed_on is None),
    ),
    "upload_vector_store_documents": (
        "POST",
        f"/vector-stores/{STORE}/documents/upload",
        None,  # type: ignore[dict-item]  # needs a file: see _upload
        lambda r, b: ([d.name for d in r.documents], [e.file for e in r.errors]),
    ),
    "search_vector_store_documents": (
        "GET",
        f"/vector-stores/{STORE}/documents/search",
        lambda s: s.documents.search("integrate"),
        lambda r, b: [(m.document.name, m.distance) for m in r.matched_chunks],
    ),
}


def _expected(operation: str, body: Any) -> Any:
    """What the reader gives back of a documented body, computed from the body itself."""
    if body is None:
        return {}
    match operation:
        case "get_account":
            return body["email"]
        case "get_me":
            return body["team"][0]["role"]
        case "list_integrations":
            return [i["integration_type"] for i in body["data"]]
        case "list_documents":
            return [(d["name"], d["id"], d.get("pk")) for d in body["results"]]
        case "search_documents":
            return [
                m["document"]["integration"]["integration_type"] for m in body["matched_chunks"]
            ]
        case "get_document_contents":
            return (body["content"], body["end_chunk"])
        case "get_discussion_contents":
            return body["discussion_content"]
        case "memorize_document":
            return body  # every field kept, the unknown one too
        case "get_vector_store":
            return body["id"]
        case "list_vector_store_documents":
            return [(d["name"], d["status"]) for d in body]
        case "create_vector_store_document":
            return (body["name"], body["status"], body["indexed_on"] is None)
        case "upload_vector_store_documents":
            return ([d["name"] for d in body["documents"]], [e["file"] for e in body["errors"]])
        case "search_vector_store_documents":
            return [(m["document"]["name"], m["distance"]) for m in body["matched_chunks"]]
    raise AssertionError(operation)


def _answer(fake: FakeRememberizer, method: str, path: str, status: int, body: Any) -> None:
    """The fake server's next answer to `method path` is this documented one."""
    fault: dict[str, Any] = {"path": path, "method": method, "status": status}
    if body is None:
        fault |= {"body": "", "content_type": "application/json"}
    else:
        fault["body"] = body
    httpx2.post(f"{fake.root_url}/_testing/faults", json=fault).raise_for_status()


def _client(kind: str, fake: FakeRememberizer, operation: str) -> Any:
    if "vector_store" in operation:
        cls: Any = VectorStore if kind == "sync" else AsyncVectorStore
        return cls(api_key="vsk_documented", vector_store_id=STORE, base_url=fake.base_url)
    cls = Rememberizer if kind == "sync" else AsyncRememberizer
    return cls(base_url=fake.base_url)


async def _run(client: Any, call: Callable[[], Any]) -> Any:
    if isinstance(client, AsyncRememberizer | AsyncVectorStore):
        async with client:
            result = call()
            return await result if inspect.isawaitable(result) else result
    with client:
        return await asyncio.to_thread(call)


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("kind", ["sync", "async"])
@pytest.mark.parametrize("name", list(DOCUMENTED))
async def test_a_documented_answer_is_read(
    name: str,
    kind: str,
    variant: str,
    rememberizer_server: FakeRememberizer,
    tmp_path: Path,
) -> None:
    documented = DOCUMENTED[name]
    assert documented["url"].startswith("https://")  # where the body was copied from
    operation = documented["operation"]
    method, path, call, read = OPERATIONS[operation]
    body = VARIANTS[variant](documented["body"])
    _answer(rememberizer_server, method, path, documented["status"], body)
    client = _client(kind, rememberizer_server, operation)
    if call is None:
        result = await _run(client, lambda: _upload(client, tmp_path))
    else:
        result = await _run(client, lambda: call(client))
    assert read(result, body) == _expected(operation, body)
    if variant == "unknown field" and isinstance(body, dict) and operation != UPLOAD:
        # The unknown field is kept on the model, not dropped.
        assert result.additional_properties[UNKNOWN_FIELD] == {"a": 1}


def test_every_operation_with_a_documented_answer_is_replayed() -> None:
    replayed = {documented["operation"] for documented in DOCUMENTED.values()}
    assert replayed == set(OPERATIONS)
    assert all(d["source"].startswith("S") for d in DOCUMENTED.values())
