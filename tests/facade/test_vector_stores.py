"""VectorStore and AsyncVectorStore against the fake server over loopback (issue 14)."""

from __future__ import annotations

import asyncio
import inspect
import logging
import tracemalloc
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx2
import pytest

from rememberizer import (
    APIStatusError,
    AsyncVectorStore,
    AuthenticationError,
    InvalidRequestError,
    NotFoundError,
    UploadError,
    UploadProgress,
    VectorStore,
)
from rememberizer.testing import FakeRememberizer

pytestmark = pytest.mark.anyio
UPLOAD = "/vector-stores/{}/documents/upload"
MB = 1024 * 1024


def new_store(fake: FakeRememberizer, **bounds: Any) -> dict[str, Any]:
    """A vector store on the fake server: {id, key, ...}."""
    response = httpx2.post(f"{fake.root_url}/_testing/vector-stores", json={"name": "t", **bounds})
    response.raise_for_status()
    return dict(response.json())


def fail_files(fake: FakeRememberizer, *names: str, times: int = 1, error: str = "") -> None:
    body: dict[str, Any] = {"files": list(names), "times": times}
    if error:
        body["error"] = error
    httpx2.post(f"{fake.root_url}/_testing/vector-stores/faults", json=body).raise_for_status()


class Kit:
    """A store on the fake server and a client of the kind under test."""

    def __init__(self, kind: str, fake: FakeRememberizer) -> None:
        self.kind, self.fake = kind, fake
        self.info = new_store(fake)
        self.clients: list[VectorStore | AsyncVectorStore] = []
        self.store = self.client()

    def client(self, **options: Any) -> VectorStore | AsyncVectorStore:
        options.setdefault("api_key", self.info["key"])
        options.setdefault("base_url", self.fake.base_url)
        cls = VectorStore if self.kind == "sync" else AsyncVectorStore
        store = cls(**options)
        self.clients.append(store)
        return store

    async def __call__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if inspect.iscoroutinefunction(fn):
            return await fn(*args, **kwargs)
        return await asyncio.to_thread(fn, *args, **kwargs)

    def uploads(self) -> int:
        path = UPLOAD.format(self.info["id"])
        return sum(1 for r in self.fake.requests() if r["path"] == path)

    async def close(self) -> None:
        for store in self.clients:
            if isinstance(store, AsyncVectorStore):
                await store.close()
            else:
                store.close()


@pytest.fixture(params=["sync", "async"])
async def kit(
    request: pytest.FixtureRequest, rememberizer_server: FakeRememberizer
) -> AsyncIterator[Kit]:
    k = Kit(request.param, rememberizer_server)
    yield k
    await k.close()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


async def test_documents_create_get_rename_search_delete(kit: Kit) -> None:
    docs = kit.store.documents
    doc = await kit(docs.create, "plan.md", "The release plan ships the vector store client.")
    # As the docs' example: a new document is processing; the fake indexes it at once.
    assert (doc.status, doc.processing_status, doc.indexed_on) == ("processing", "queued", None)
    got = await kit(docs.get, doc.id)
    assert (got.name, got.status) == ("plan.md", "indexed")
    renamed = await kit(docs.rename, doc.id, "release-plan.md")
    assert renamed.name == "release-plan.md"
    assert [d.name for d in await kit(docs.list)] == ["release-plan.md"]
    # `t` is a similarity threshold, higher is stricter: a chunk that holds half the query's
    # words passes 0.5 but not 0.9.
    found = await kit(docs.search, "release banana", n=3, threshold=0.5)
    assert found.matched_chunks
    assert found.matched_chunks[0].document.id == doc.id
    assert not (await kit(docs.search, "release banana", threshold=0.9)).matched_chunks
    kit.fake.clear_requests()
    await kit(docs.search, "release plan")
    (sent,) = [r for r in kit.fake.requests() if r["path"].endswith("/search")]
    assert sent["query"] == ["q"]  # n and t left to the server's defaults (10 and 0.7)
    await kit(docs.delete, doc.id)
    with pytest.raises(NotFoundError):
        await kit(docs.get, doc.id)


async def test_store_id_comes_from_me_once(kit: Kit) -> None:
    assert kit.store.vector_store_id is None
    await kit(kit.store.documents.list)
    await kit(kit.store.documents.list)
    assert kit.store.vector_store_id == kit.info["id"]
    assert sum(1 for r in kit.fake.requests() if r["path"] == "/vector-stores/me") == 1
    assert (await kit(kit.store.info)).id == kit.info["id"]


async def test_the_key_comes_from_the_environment(
    kit: Kit, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REMEMBERIZER_VECTOR_STORE_API_KEY", kit.info["key"])
    store = kit.client(api_key=None)
    assert (await kit(store.info)).id == kit.info["id"]
    monkeypatch.delenv("REMEMBERIZER_VECTOR_STORE_API_KEY")
    with pytest.raises(InvalidRequestError, match="REMEMBERIZER_VECTOR_STORE_API_KEY"):
        kit.client(api_key=None)


async def test_upload_200_small_files_with_progress(kit: Kit, tmp_path: Path) -> None:
    paths = [write(tmp_path, f"note-{i:03}.txt", f"note number {i}\n" * 20) for i in range(200)]
    events: list[UploadProgress] = []
    result = await kit(
        kit.store.documents.upload_many, paths, concurrency=4, progress=events.append
    )
    assert result.ok
    assert len(result.documents) == 200
    assert sorted(d.name for d in result.documents) == [p.name for p in paths]
    last = events[-1]
    assert (last.files_done, last.files_total) == (200, 200)
    assert last.bytes_sent == last.bytes_total == sum(p.stat().st_size for p in paths)
    assert len(await kit(kit.store.documents.list)) == 200


async def _peak_upload(kit: Kit, path: Path) -> int:
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        result = await kit(kit.store.documents.upload, path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.ok
    assert result.documents[0].name == path.name
    return peak


def sparse(path: Path, size: int) -> Path:
    with path.open("wb") as f:
        f.write(b"a large file about streaming uploads\n")
        f.truncate(size)  # sparse: quick to write, no disk for the zeros
    return path


async def test_a_48_mb_upload_streams_in_flat_memory(kit: Kit, tmp_path: Path) -> None:
    # 48 MiB: under the documented 50 MB a file (spec x-source S16).
    small = await _peak_upload(kit, sparse(tmp_path / "small.txt", 1 * MB))
    big = await _peak_upload(kit, sparse(tmp_path / "big.txt", 48 * MB))
    # The client and the fake server (same process) both stream: 48x the bytes, same memory.
    assert big < 16 * MB, f"peak {big / MB:.1f} MiB for a 48 MiB file"
    assert big - small < 4 * MB, f"peak grew from {small / MB:.1f} to {big / MB:.1f} MiB"
    doc = (await kit(kit.store.documents.list))[-1]
    assert (doc.name, doc.size) == ("big.txt", 48 * MB)


async def test_a_207_returns_what_was_stored_and_what_was_not(kit: Kit, tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", "stored fine")
    bad = write(tmp_path, "bad.txt", "fails every time")
    fail_files(kit.fake, "bad.txt", times=10, error="The file could not be parsed.")
    store = kit.client(max_retries=1)
    result = await kit(store.documents.upload, [good, bad])
    assert [d.name for d in result.documents] == ["good.txt"]
    assert [(e.file, e.error) for e in result.errors] == [
        ("bad.txt", "The file could not be parsed.")
    ]
    assert kit.uploads() == 2  # the first attempt and one retry of bad.txt alone
    with pytest.raises(UploadError, match=r"1 of 2 files were not stored: bad.txt"):
        result.raise_for_errors()


async def test_a_retry_resends_only_the_files_not_stored(kit: Kit, tmp_path: Path) -> None:
    paths = [write(tmp_path, f"{n}.txt", f"file {n}") for n in "abc"]
    fail_files(kit.fake, "b.txt", times=1)
    with paths[2].open("rb") as handle:
        result = await kit(kit.store.documents.upload, [paths[0], paths[1], ("c.txt", handle)])
    assert result.ok
    assert sorted(d.name for d in result.documents) == ["a.txt", "b.txt", "c.txt"]
    assert kit.uploads() == 2
    # Had the retry sent a.txt or c.txt again, the store would hold them twice.
    assert sorted(d.name for d in await kit(kit.store.documents.list)) == [
        "a.txt",
        "b.txt",
        "c.txt",
    ]


async def test_upload_many_records_failures_without_raising(kit: Kit, tmp_path: Path) -> None:
    paths = [write(tmp_path, f"{n}.txt", f"file {n}") for n in "xyz"]
    fail_files(kit.fake, "y.txt", times=10)
    store = kit.client(max_retries=0)
    events: list[UploadProgress] = []
    result = await kit(store.documents.upload_many, paths, concurrency=2, progress=events.append)
    assert sorted(d.name for d in result.documents) == ["x.txt", "z.txt"]
    assert [e.file for e in result.errors] == ["y.txt"]
    assert [e.error for e in events if e.file == "y.txt"] == ["The file could not be processed."]


async def test_the_key_never_goes_to_another_origin(kit: Kit) -> None:
    with FakeRememberizer() as other:
        kit.fake.inject_fault(
            "/vector-stores/me",
            status=307,
            headers={"location": other.base_url + "/vector-stores/me"},
        )
        with pytest.raises(APIStatusError, match="refused a redirect to another host"):
            await kit(kit.store.info)
        assert other.requests() == []
    sent = [r for r in kit.fake.requests() if r["path"] == "/vector-stores/me"]
    assert sent
    assert all(r["api_key"] for r in sent)


async def test_a_bad_key_is_an_authentication_error_without_the_key(kit: Kit) -> None:
    secret = "vs-not-a-real-key-0123456789"
    store = kit.client(api_key=secret, vector_store_id=kit.info["id"])
    with pytest.raises(AuthenticationError) as caught:
        await kit(store.documents.list)
    assert secret not in str(caught.value)
    assert secret not in repr(caught.value)
    assert secret not in repr(store)
    assert kit.info["key"] not in repr(kit.store)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda d, p: d.upload(p / "missing.txt"), "files\\[0\\] is not a file"),
        (lambda d, p: d.upload([]), "files is empty"),
        (lambda d, p: d.upload([(p / "t.txt").open()]), "binary file object"),
        (lambda d, p: d.upload_many([p / "t.txt"], concurrency=0), "concurrency"),
        (lambda d, p: d.search("", n=3), "q must not be empty"),
        (lambda d, p: d.search("x", n=0), "n must be a whole number from 1 to 100"),
        (lambda d, p: d.search("x", threshold=2), "threshold must be a number from 0 to 1"),
        (lambda d, p: d.create("", "text"), "name must not be empty"),
        (lambda d, p: d.create("n", "   "), "text must not be blank"),
        (lambda d, p: d.get(True), "document_id"),
        (lambda d, p: d.rename(1, "x" * 256), "name must be 1 to 255"),
    ],
)
async def test_bad_input_is_refused_before_sending(
    kit: Kit, tmp_path: Path, call: Callable[..., Any], message: str
) -> None:
    write(tmp_path, "t.txt", "text")
    store = kit.client(vector_store_id=kit.info["id"])
    kit.fake.clear_requests()

    async def attempt() -> None:
        outcome = call(store.documents, tmp_path)
        if inspect.isawaitable(outcome):
            await outcome

    with pytest.raises(InvalidRequestError, match=message):
        await attempt()
    assert kit.fake.requests() == []


def test_a_missing_or_unusable_key_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REMEMBERIZER_VECTOR_STORE_API_KEY", raising=False)
    with pytest.raises(InvalidRequestError, match="no vector store key"):
        VectorStore()
    with pytest.raises(InvalidRequestError, match="not a usable key"):
        VectorStore(api_key="two words\n")


async def test_the_key_stays_out_of_debug_logs(kit: Kit, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        await kit(kit.store.info)
        await kit(kit.store.documents.create, "n.md", "some text")
    assert any("vector-stores" in r.getMessage() for r in caplog.records)
    assert kit.info["key"] not in caplog.text


async def test_agentic_search_reads_whatever_the_agent_answers(kit: Kit) -> None:
    docs = kit.store.documents
    await kit(docs.create, "plan.md", "The release plan ships the vector store client.")
    found = await kit(docs.agentic_search, "release plan", n_chunks=2, user_context="notes")
    assert found.matched_chunks[0].document.name == "plan.md"
    assert found.metadata.iterations == 1
    with pytest.raises(InvalidRequestError, match="query"):
        await kit(docs.agentic_search, "  ")


async def test_upload_many_batches_within_the_documented_limits(kit: Kit, tmp_path: Path) -> None:
    # 45 small files: the documented 20 files a request make 3 requests, not 45.
    paths = [write(tmp_path, f"n{i:02}.txt", f"note {i}") for i in range(45)]
    too_big = sparse(tmp_path / "huge.txt", 51 * MB)  # over the documented 50 MB a file
    result = await kit(kit.store.documents.upload_many, [*paths, too_big], concurrency=2)
    assert len(result.documents) == 45
    assert [(e.file, "50 MB" in e.error) for e in result.errors] == [("huge.txt", True)]
    assert kit.uploads() == 3  # the file over the limit was never sent
