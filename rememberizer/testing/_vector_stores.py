"""The fake server's vector stores: documents under a store's API key, uploads and search.

A store is created by the `/_testing/vector-stores` control, which returns its id and key.
Documents are chunked and ranked by the same model as the knowledge API (`_search.py`).
Uploads are parsed by Starlette's own multipart parser, which spools files to disk, and only
the first `INDEX_BYTES` of each file are indexed, so a large upload costs the server disk, not
memory.

Test controls (JSON bodies; each value validated, 400 otherwise):
    POST /_testing/vector-stores {name?, description?, max_file_size?, max_files?}
        -> 201 {id, key, name, max_file_size, max_files}; the bounds default to 512 MiB a file
        and 100 files an upload, and past them an upload answers 413.
    POST /_testing/vector-stores/faults {files: [name, ...], error?, times?}
        -> 201; the next `times` (default 1) uploads of a file of that name fail with `error`,
        so an upload that mixes them with good files answers 207.
    DELETE /_testing/vector-stores/faults -> 204; forget those faults.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ._http import _json_body, _state
from ._request_log import note_files
from ._search import SearchIndex, chunk_text
from ._state import Rejected

if TYPE_CHECKING:
    from ._state import State

INDEX_BYTES = 1024 * 1024
MAX_FILE_SIZE = 512 * 1024 * 1024
MAX_FILES = 100
MAX_NAME = 255
# The multipart envelope around the files: boundaries and part headers.
_ENVELOPE = 64 * 1024


@dataclass
class Document:
    id: int
    name: str
    type: str
    size: int
    created: float
    modified: float
    chunks: list[str] = field(repr=False)


@dataclass
class VectorStore:
    """A vector store and its documents."""

    id: str
    key: str = field(repr=False)
    name: str
    description: str
    created: float
    max_file_size: int
    max_files: int
    documents: dict[int, Document] = field(default_factory=dict, repr=False)
    index: SearchIndex = field(default_factory=SearchIndex, repr=False)
    next_id: int = 1


@dataclass
class FileFault:
    """Fail the next `times` uploads of files named `file`, with `error`."""

    file: str
    error: str
    times: int


def _when(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).isoformat().replace("+00:00", "Z")


def document_json(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id,
        "name": doc.name,
        "type": doc.type,
        "size": doc.size,
        "status": "indexed",
        "created": _when(doc.created),
        "modified": _when(doc.modified),
    }


def _unauthorized(detail: str) -> Rejected:
    return Rejected(401, {"detail": detail, "code": "authentication_failed"})


class VectorStores:
    """Every vector store of one fake server; its lock is the server's."""

    def __init__(self, state: State) -> None:
        self._state = state
        self.stores: dict[str, VectorStore] = {}
        self.file_faults: list[FileFault] = []

    def create(
        self, name: str, description: str, max_file_size: int, max_files: int
    ) -> VectorStore:
        now = self._state.now()
        store = VectorStore(
            id="vs_" + secrets.token_hex(6),
            key="vsk_" + secrets.token_urlsafe(24),
            name=name,
            description=description,
            created=now,
            max_file_size=max_file_size,
            max_files=max_files,
        )
        with self._state._lock:
            self.stores[store.id] = store
        return store

    def authenticate(self, key: str | None, store_id: str | None = None) -> VectorStore:
        """The store of `key`, checked against the store in the path; or Rejected(401/403)."""
        if not key:
            raise _unauthorized("Authentication credentials were not provided.")
        with self._state._lock:
            store = next((s for s in self.stores.values() if hmac.compare_digest(s.key, key)), None)
        if store is None:
            raise _unauthorized("Invalid API key.")
        if store_id is not None and store_id != store.id:
            raise Rejected(
                403,
                {
                    "detail": "You do not have permission to perform this action.",
                    "code": "permission_denied",
                },
            )
        return store

    def add(self, store: VectorStore, name: str, text: str, size: int, media_type: str) -> Document:
        with self._state._lock:
            now = self._state.now()
            doc = Document(store.next_id, name, media_type, size, now, now, chunk_text(text))
            store.next_id += 1
            store.documents[doc.id] = doc
            store.index.add(doc.id, doc.chunks, now)
            return doc

    def document(self, store: VectorStore, doc_id: int) -> Document:
        with self._state._lock:
            doc = store.documents.get(doc_id)
        if doc is None:
            raise Rejected(404, {"detail": "Not found.", "code": "not_found"})
        return doc

    def rename(self, store: VectorStore, doc_id: int, name: str) -> Document:
        with self._state._lock:
            doc = self.document(store, doc_id)
            doc.name = name
            doc.modified = self._state.now()
            return doc

    def delete(self, store: VectorStore, doc_id: int) -> None:
        with self._state._lock:
            self.document(store, doc_id)
            del store.documents[doc_id]
            store.index.remove(doc_id)

    def search(
        self, store: VectorStore, q: str, n: int, t: float | None, prev: int, after: int
    ) -> list[dict[str, Any]]:
        with self._state._lock:
            matches = []
            for hit in store.index.search(q, n):
                if t is not None and hit.distance > t:
                    continue
                assert isinstance(hit.doc_key, int)  # a store's index is keyed by document id
                doc = store.documents[hit.doc_key]
                start = max(0, hit.chunk_index - prev)
                content = "\n".join(doc.chunks[start : hit.chunk_index + after + 1])
                matches.append(
                    {
                        "document": document_json(doc),
                        "matched_content": content,
                        "distance": hit.distance,
                    }
                )
            return matches

    def add_file_fault(self, fault: FileFault) -> None:
        with self._state._lock:
            self.file_faults.append(fault)

    def clear_file_faults(self) -> None:
        with self._state._lock:
            self.file_faults.clear()

    def take_file_fault(self, filename: str) -> str | None:
        """The error to fail this file with, if a fault names it."""
        with self._state._lock:
            for fault in self.file_faults:
                if fault.file == filename:
                    fault.times -= 1
                    if fault.times <= 0:
                        self.file_faults.remove(fault)
                    return fault.error
        return None


# -- HTTP ---------------------------------------------------------------------------------------


def _stores(request: Request) -> VectorStores:
    return _state(request).vector_stores


def _store(request: Request) -> VectorStore:
    return _stores(request).authenticate(
        request.headers.get("x-api-key"), request.path_params.get("vector_store_id")
    )


def _name(body: dict[str, Any], key: str = "name") -> str:
    name = body.get(key)
    if not isinstance(name, str) or not name.strip():
        raise Rejected(400, {key: ["This field may not be blank."]})
    if len(name) > MAX_NAME:
        raise Rejected(400, {key: [f"Ensure this field has no more than {MAX_NAME} characters."]})
    return name


async def get_store(request: Request) -> Response:
    store = _stores(request).authenticate(request.headers.get("x-api-key"))
    return JSONResponse(
        {
            "id": store.id,
            "name": store.name,
            "description": store.description,
            "embedding_model": "rememberizer-testing/bm25",
            "indexing_algorithm": "inverted-index",
            "vector_dimension": 0,
            "search_metric": "bm25_distance",
            "created": _when(store.created),
            "modified": _when(store.created),
        }
    )


async def list_documents(request: Request) -> Response:
    store = _store(request)
    with _state(request)._lock:
        docs = [document_json(doc) for doc in store.documents.values()]
    return JSONResponse(docs)


async def get_document(request: Request) -> Response:
    store = _store(request)
    doc = _stores(request).document(store, request.path_params["document_id"])
    return JSONResponse(document_json(doc))


async def create_document(request: Request) -> Response:
    store = _store(request)
    body = await _json_body(request)
    name = _name(body)
    text = body.get("text")
    if not isinstance(text, str) or not text.strip():
        raise Rejected(400, {"text": ["This field may not be blank."]})
    doc = _stores(request).add(store, name, text, len(text.encode()), "text/plain")
    return JSONResponse(document_json(doc), status_code=201)


async def rename_document(request: Request) -> Response:
    store = _store(request)
    body = await _json_body(request)
    doc = _stores(request).rename(store, request.path_params["document_id"], _name(body))
    return JSONResponse(document_json(doc))


async def delete_document(request: Request) -> Response:
    store = _store(request)
    _stores(request).delete(store, request.path_params["document_id"])
    return Response(status_code=204)


async def document_slash(request: Request) -> Response:
    """The path with a trailing slash: PATCH renames, DELETE deletes (one route, so that a 405
    lists both in Allow)."""
    if request.method == "DELETE":
        return await delete_document(request)
    return await rename_document(request)


def _int_param(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    if not raw.strip().isdigit() or not low <= int(raw) <= high:
        raise Rejected(400, {name: [f"A whole number from {low} to {high} is required."]})
    return int(raw)


async def search(request: Request) -> Response:
    store = _store(request)
    q = request.query_params.get("q", "")
    if not q.strip():
        raise Rejected(400, {"q": ["This field may not be blank."]})
    n = _int_param(request, "n", 5, 1, 100)
    prev = _int_param(request, "prev_chunks", 0, 0, 20)
    after = _int_param(request, "next_chunks", 0, 0, 20)
    raw_t = request.query_params.get("t")
    t: float | None = None
    if raw_t is not None:
        try:
            t = float(raw_t)
        except ValueError:
            t = -1.0
        if not 0.0 <= t <= 1.0:  # also refuses nan
            raise Rejected(400, {"t": ["A distance from 0 to 1 is required."]})
    matches = _stores(request).search(store, q, n, t, prev, after)
    return JSONResponse(
        {"vector_store": {"id": store.id, "name": store.name}, "matched_chunks": matches}
    )


def _too_large(detail: str) -> Rejected:
    return Rejected(413, {"detail": detail, "code": "too_large"})


async def upload(request: Request) -> Response:
    """Store each `files` part; 207 when some failed, 413 past the store's bounds."""
    stores = _stores(request)
    store = _store(request)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "multipart/form-data":
        raise Rejected(400, {"non_field_errors": ["Send the files as multipart/form-data."]})
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > store.max_files * store.max_file_size + _ENVELOPE:
        raise _too_large("Request body too large.")
    try:
        form = await request.form(max_files=store.max_files, max_fields=store.max_files)
    except HTTPException as exc:
        # Starlette's parser reports its bounds as 400; the bound on files is our 413.
        if str(exc.detail).startswith("Too many files"):
            raise _too_large(f"Too many files: at most {store.max_files} in one upload.") from None
        raise Rejected(400, {"non_field_errors": [str(exc.detail)]}) from None
    try:
        parts = form.getlist("files")
        if not parts:
            raise Rejected(400, {"files": ["No file was submitted."]})
        if not all(isinstance(part, UploadFile) for part in parts):
            raise Rejected(400, {"files": ["Send each file as a file part, with a filename."]})
        files = [part for part in parts if isinstance(part, UploadFile)]
        note_files(request, [file.filename or "" for file in files])
        for file in files:
            if (file.size or 0) > store.max_file_size:
                raise _too_large(f"{file.filename} is larger than {store.max_file_size} bytes.")
        stored: list[dict[str, Any]] = []
        errors: list[dict[str, str]] = []
        for file in files:
            filename = file.filename or "file"
            error = stores.take_file_fault(filename)
            if error is None and not file.size:
                error = "The file is empty."
            if error is not None:
                errors.append({"file": filename, "error": error})
                continue
            head = await file.read(INDEX_BYTES)
            media_type = file.content_type or "application/octet-stream"
            doc = stores.add(
                store,
                filename[:MAX_NAME],
                head.decode("utf-8", "replace"),
                file.size or 0,
                media_type,
            )
            stored.append({"id": doc.id, "name": doc.name})
    finally:
        await form.close()
    return JSONResponse({"documents": stored, "errors": errors}, status_code=207 if errors else 201)


# -- the test controls ----------------------------------------------------------------------


def _whole(body: dict[str, Any], name: str, default: int, errors: dict[str, list[str]]) -> int:
    value = body.get(name, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        errors[name] = ["A positive whole number is required."]
        return default
    return value


async def testing_create(request: Request) -> Response:
    """POST /_testing/vector-stores: a new store; answers its id and API key."""
    body = await _json_body(request)
    errors: dict[str, list[str]] = {}
    name = body.get("name", "Test store")
    description = body.get("description", "")
    if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME:
        errors["name"] = [f"A name of 1 to {MAX_NAME} characters is required."]
    if not isinstance(description, str):
        errors["description"] = ["A string is required."]
    max_file_size = _whole(body, "max_file_size", MAX_FILE_SIZE, errors)
    max_files = _whole(body, "max_files", MAX_FILES, errors)
    if errors:
        raise Rejected(400, errors)
    store = _stores(request).create(str(name), str(description), max_file_size, max_files)
    return JSONResponse(
        {
            "id": store.id,
            "key": store.key,
            "name": store.name,
            "max_file_size": store.max_file_size,
            "max_files": store.max_files,
        },
        status_code=201,
    )


async def testing_file_faults(request: Request) -> Response:
    """POST /_testing/vector-stores/faults {files, error, times}: fail these files' uploads."""
    stores = _stores(request)
    if request.method == "DELETE":
        stores.clear_file_faults()
        return Response(status_code=204)
    body = await _json_body(request)
    files = body.get("files")
    error = body.get("error", "The file could not be processed.")
    errors: dict[str, list[str]] = {}
    if not isinstance(files, list) or not files or not all(isinstance(f, str) and f for f in files):
        errors["files"] = ["A list of file names is required."]
    if not isinstance(error, str) or not error:
        errors["error"] = ["A message is required."]
    times = _whole(body, "times", 1, errors)
    if errors:
        raise Rejected(400, errors)
    assert isinstance(files, list)
    for name in files:
        stores.add_file_fault(FileFault(name, str(error), times))
    return JSONResponse({"faults": len(stores.file_faults)}, status_code=201)
