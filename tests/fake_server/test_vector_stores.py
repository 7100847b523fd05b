"""The fake server's vector stores, checked with raw httpx2 over loopback."""

from __future__ import annotations

from typing import Any

import httpx2
import pytest

from rememberizer.testing import FakeRememberizer


def new_store(http: httpx2.Client, fake: FakeRememberizer, **options: Any) -> dict[str, Any]:
    response = http.post(fake.root_url + "/_testing/vector-stores", json=options)
    assert response.status_code == 201
    store: dict[str, Any] = response.json()
    return store


@pytest.fixture
def store(http: httpx2.Client, rememberizer_server: FakeRememberizer) -> dict[str, Any]:
    return new_store(http, rememberizer_server, name="Docs", max_files=3, max_file_size=1000)


def docs(store: dict[str, Any]) -> str:
    return f"vector-stores/{store['id']}/documents"


def key(store: dict[str, Any]) -> dict[str, str]:
    return {"x-api-key": store["key"]}


def test_the_key_finds_its_store(http: httpx2.Client, store: dict[str, Any]) -> None:
    response = http.get("vector-stores/me", headers=key(store))
    assert response.status_code == 200
    assert response.json()["id"] == store["id"]
    assert response.json()["name"] == "Docs"


@pytest.mark.parametrize("headers", [{}, {"x-api-key": "vsk_wrong"}])
def test_a_missing_or_bad_key_is_401(
    http: httpx2.Client, store: dict[str, Any], headers: dict[str, str]
) -> None:
    for response in (
        http.get("vector-stores/me", headers=headers),
        http.get(docs(store), headers=headers),
    ):
        assert response.status_code == 401
        assert response.json()["code"] == "authentication_failed"


def test_a_key_opens_only_its_own_store(
    http: httpx2.Client, rememberizer_server: FakeRememberizer, store: dict[str, Any]
) -> None:
    other = new_store(http, rememberizer_server)
    response = http.get(docs(other), headers=key(store))
    assert response.status_code == 403


def test_create_get_list_rename_delete(http: httpx2.Client, store: dict[str, Any]) -> None:
    created = http.post(
        docs(store) + "/create", headers=key(store), json={"name": "a.txt", "text": "alpha beta"}
    )
    assert created.status_code == 201
    doc = created.json()
    assert doc["name"] == "a.txt"
    assert doc["size"] == len("alpha beta")
    # As the docs' example (S15): just created, it is processing; then it is indexed.
    assert (doc["status"], doc["processing_status"], doc["indexed_on"]) == (
        "processing",
        "queued",
        None,
    )
    assert doc["vector_store"] == store["id"]
    got = http.get(f"{docs(store)}/{doc['id']}", headers=key(store)).json()
    assert (got["status"], got["processing_status"]) == ("indexed", "completed")
    assert got["indexed_on"] is not None
    assert {k: v for k, v in got.items() if "status" not in k and k != "indexed_on"} == {
        k: v for k, v in doc.items() if "status" not in k and k != "indexed_on"
    }
    assert [d["id"] for d in http.get(docs(store), headers=key(store)).json()] == [doc["id"]]
    renamed = http.patch(f"{docs(store)}/{doc['id']}/", headers=key(store), json={"name": "b"})
    assert renamed.status_code == 200
    assert renamed.json()["name"] == "b"
    assert http.delete(f"{docs(store)}/{doc['id']}/", headers=key(store)).status_code == 204
    assert http.get(f"{docs(store)}/{doc['id']}", headers=key(store)).status_code == 404
    assert http.delete(f"{docs(store)}/{doc['id']}/", headers=key(store)).status_code == 404
    assert http.get(docs(store), headers=key(store)).json() == []


def test_create_validates_its_fields(http: httpx2.Client, store: dict[str, Any]) -> None:
    response = http.post(docs(store) + "/create", headers=key(store), json={"name": "", "text": 1})
    assert response.status_code == 400
    assert "name" in response.json()


def files(*names: str, content: bytes = b"some text") -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("files", (name, content, "text/plain")) for name in names]


def test_an_upload_of_good_files_is_201(http: httpx2.Client, store: dict[str, Any]) -> None:
    response = http.post(docs(store) + "/upload", headers=key(store), files=files("a.txt", "b.md"))
    assert response.status_code == 201
    body = response.json()
    assert [d["name"] for d in body["documents"]] == ["a.txt", "b.md"]
    assert {d["status"] for d in body["documents"]} == {"processing"}  # as S16 shows
    assert body["errors"] == []
    assert len(http.get(docs(store), headers=key(store)).json()) == 2


def test_a_file_fault_gives_207_and_the_others_are_stored(
    http: httpx2.Client, rememberizer_server: FakeRememberizer, store: dict[str, Any]
) -> None:
    fault = http.post(
        rememberizer_server.root_url + "/_testing/vector-stores/faults",
        json={"files": ["b.txt"], "error": "The file could not be read."},
    )
    assert fault.status_code == 201
    upload = files("a.txt", "b.txt") + files("empty.txt", content=b"")
    response = http.post(docs(store) + "/upload", headers=key(store), files=upload)
    assert response.status_code == 207
    body = response.json()
    assert [d["name"] for d in body["documents"]] == ["a.txt"]
    assert body["errors"] == [
        {"file": "b.txt", "error": "The file could not be read."},
        {"file": "empty.txt", "error": "The file is empty."},
    ]
    # The fault was for one upload: resending only the failed file stores it.
    again = http.post(docs(store) + "/upload", headers=key(store), files=files("b.txt"))
    assert again.status_code == 201


def test_an_unsupported_format_is_415_or_a_207_entry(
    http: httpx2.Client, store: dict[str, Any]
) -> None:
    # The documented formats (S16): a request with none of them is 415, a mixed one a 207.
    alone = http.post(docs(store) + "/upload", headers=key(store), files=files("tool.exe"))
    assert alone.status_code == 415
    assert alone.json()["detail"] == "File format not supported"
    mixed = http.post(
        docs(store) + "/upload", headers=key(store), files=files("notes.txt", "tool.exe")
    )
    assert mixed.status_code == 207
    assert mixed.json()["errors"] == [{"file": "tool.exe", "error": "File format not supported"}]


def test_documents_stay_processing_until_indexed(
    http: httpx2.Client, rememberizer_server: FakeRememberizer
) -> None:
    slow = new_store(http, rememberizer_server, name="Slow", index_delay=60)
    created = http.post(
        docs(slow) + "/create", headers=key(slow), json={"name": "a.txt", "text": "heron"}
    ).json()
    listed = http.get(docs(slow), headers=key(slow)).json()
    assert [d["status"] for d in listed] == ["processing"]
    search: dict[str, str | int] = {"q": "heron", "t": 0}
    found = http.get(docs(slow) + "/search", headers=key(slow), params=search).json()
    assert found["matched_chunks"] == []  # not searchable before it is indexed
    control = rememberizer_server.root_url + f"/_testing/vector-stores/{slow['id']}/index"
    assert http.post(control, json={}).json() == {"indexed": 1}
    got = http.get(f"{docs(slow)}/{created['id']}", headers=key(slow)).json()
    assert got["status"] == "indexed"
    found = http.get(docs(slow) + "/search", headers=key(slow), params=search).json()
    assert [c["document"]["name"] for c in found["matched_chunks"]] == ["a.txt"]
    assert "status" not in found["matched_chunks"][0]["document"]  # as S19 shows


def test_bounds_on_count_and_size_are_413(http: httpx2.Client, store: dict[str, Any]) -> None:
    too_many = http.post(docs(store) + "/upload", headers=key(store), files=files(*"abcd"))
    assert too_many.status_code == 413
    assert too_many.json()["code"] == "too_large"
    too_big = http.post(
        docs(store) + "/upload", headers=key(store), files=files("big", content=b"x" * 1001)
    )
    assert too_big.status_code == 413
    assert "detail" in too_big.json()
    assert http.get(docs(store), headers=key(store)).json() == []


def test_an_upload_without_files_is_400(http: httpx2.Client, store: dict[str, Any]) -> None:
    response = http.post(docs(store) + "/upload", headers=key(store), data={"other": "x"})
    assert response.status_code == 400
    json_body = http.post(docs(store) + "/upload", headers=key(store), json={"files": []})
    assert json_body.status_code == 400


def test_search_ranks_and_t_is_a_similarity_threshold(
    http: httpx2.Client, store: dict[str, Any]
) -> None:
    for name, text in [
        ("cats.txt", "cats purr and cats sleep in the sun"),
        ("dogs.txt", "dogs bark at the mailman"),
    ]:
        assert (
            http.post(
                docs(store) + "/create", headers=key(store), json={"name": name, "text": text}
            ).status_code
            == 201
        )
    found = http.get(docs(store) + "/search", headers=key(store), params={"q": "cats purr"})
    assert found.status_code == 200
    chunks = found.json()["matched_chunks"]
    assert chunks[0]["document"]["name"] == "cats.txt"
    distances = [c["distance"] for c in chunks]
    assert distances == sorted(distances)
    assert found.json()["vector_store"] == {"id": store["id"], "name": "Docs"}
    # Higher t is stricter (S19): half the query's words pass 0.5, not the default 0.7.
    half = {"q": "cats bark"}
    assert (
        http.get(docs(store) + "/search", headers=key(store), params=half).json()["matched_chunks"]
        == []
    )
    loose = http.get(docs(store) + "/search", headers=key(store), params={**half, "t": 0.5})
    assert sorted(c["document"]["name"] for c in loose.json()["matched_chunks"]) == [
        "cats.txt",
        "dogs.txt",
    ]
    assert {c["distance"] for c in loose.json()["matched_chunks"]} == {0.5}


@pytest.mark.parametrize(
    "params", [{}, {"q": "x", "n": 0}, {"q": "x", "t": 2}, {"q": "x", "t": "nan"}]
)
def test_search_validates_its_parameters(
    http: httpx2.Client, store: dict[str, Any], params: dict[str, Any]
) -> None:
    response = http.get(docs(store) + "/search", headers=key(store), params=params)
    assert response.status_code == 400


def test_requests_are_logged_without_the_key(
    http: httpx2.Client, rememberizer_server: FakeRememberizer, store: dict[str, Any]
) -> None:
    rememberizer_server.clear_requests()
    http.get("vector-stores/me", headers=key(store))
    (entry,) = rememberizer_server.requests()
    assert entry["path"] == "/vector-stores/me"
    assert entry["api_key"] is True
    assert store["key"] not in repr(entry)


def test_generic_faults_apply(
    http: httpx2.Client, rememberizer_server: FakeRememberizer, store: dict[str, Any]
) -> None:
    rememberizer_server.inject_fault("/vector-stores/me", status=503, retry_after=1)
    assert http.get("vector-stores/me", headers=key(store)).status_code == 503
    assert http.get("vector-stores/me", headers=key(store)).status_code == 200


@pytest.mark.parametrize(
    "body",
    [{"name": ""}, {"max_files": 0}, {"max_file_size": True}, {"description": 3}],
)
def test_the_store_control_validates(
    http: httpx2.Client, rememberizer_server: FakeRememberizer, body: dict[str, Any]
) -> None:
    response = http.post(rememberizer_server.root_url + "/_testing/vector-stores", json=body)
    assert response.status_code == 400


@pytest.mark.parametrize("body", [{}, {"files": []}, {"files": ["a"], "times": 0}])
def test_the_file_fault_control_validates(
    http: httpx2.Client, rememberizer_server: FakeRememberizer, body: dict[str, Any]
) -> None:
    url = rememberizer_server.root_url + "/_testing/vector-stores/faults"
    assert http.post(url, json=body).status_code == 400
    assert http.delete(url).status_code == 204
