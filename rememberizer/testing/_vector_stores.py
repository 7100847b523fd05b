"""The fake server's vector stores: documents under a store's API key, uploads and search.

A store is created by the `/_testing/vector-stores` control, which returns its id and key.
Documents are chunked and ranked by the same model as the knowledge API (`_search.py`).
Uploads are parsed by Starlette's own multipart parser, which spools files to disk, and only
the first `INDEX_BYTES` of each file are indexed, so a large upload costs the server disk, not
memory.

As the docs show (spec x-source S15, S16), a new document answers `"status": "processing"`
and becomes `indexed` once the store's `index_delay` (seconds of the fake clock, default 0)
has passed; only indexed documents are searched. An upload takes at most 20 files, 50 MB a
file and 100 MB a request (413 past them), and answers 415 when no file has a documented
format (a 207 entry when only some do).

Test controls (JSON bodies; each value validated, 400 otherwise):
    POST /_testing/vector-stores {name?, description?, max_file_size?, max_files?,
        index_delay?}
        -> 201 {id, key, name, max_file_size, max_files, index_delay}; the bounds default to
        the documented ones.
    POST /_testing/vector-stores/{id}/index -> 200 {indexed: n}; finish indexing now.
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

from rememberizer_api import operations as ops
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ._http import _json_body, _state, path_id, query_value
from ._request_log import note_files
from ._search import SearchIndex, chunk_text, tokenize
from ._state import Rejected

if TYPE_CHECKING:
    from ._state import State

INDEX_BYTES = 1024 * 1024
# The documented upload limits, from the spec's operation table.
_LIMITS = ops.UPLOAD_VECTOR_STORE_DOCUMENTS.upload_limits
assert _LIMITS is not None
MAX_FILE_SIZE = _LIMITS.file_bytes
MAX_FILES = _LIMITS.files
MAX_REQUEST = _LIMITS.request_bytes
FORMATS = _LIMITS.extensions
MAX_NAME = 255
# What the fake's one ranking model is, as /vector-stores/me and /vector-stores/configs say.
EMBEDDING_MODEL = "rememberizer-testing/bm25"
INDEXING_ALGORITHM = "inverted-index"
SEARCH_METRIC = "bm25_distance"
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
    indexed: float = 0.0
    """When indexing finishes (fake clock): the document is `processing` until then."""


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
    index_delay: float = 0.0
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


def document_json(
    doc: Document, store: VectorStore, now: float, just_stored: bool = False
) -> dict[str, Any]:
    """A document as the list, get, create and rename answers show it (S13 to S17); the
    create answer always says `processing`, as the docs' example does (S15)."""
    done = now >= doc.indexed and not just_stored
    return {
        "id": doc.id,
        "name": doc.name,
        "type": doc.type,
        "vector_store": store.id,
        "size": doc.size,
        "status": "indexed" if done else "processing",
        "processing_status": "completed" if done else "queued",
        "indexed_on": _when(doc.indexed) if done else None,
        "status_error_message": None,
        "created": _when(doc.created),
        "modified": _when(doc.modified),
    }


def search_document_json(doc: Document, store: VectorStore) -> dict[str, Any]:
    """A document as a search match shows it: no status (S19)."""
    return {
        "id": doc.id,
        "name": doc.name,
        "type": doc.type,
        "size": doc.size,
        "indexed_on": _when(doc.indexed),
        "vector_store": store.id,
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
        self,
        name: str,
        description: str,
        max_file_size: int = MAX_FILE_SIZE,
        max_files: int = MAX_FILES,
        index_delay: float = 0.0,
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
            index_delay=index_delay,
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
            doc.indexed = now + store.index_delay
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

    def finish_indexing(self, store: VectorStore) -> int:
        """Index every document still processing, now; how many there were."""
        with self._state._lock:
            now = self._state.now()
            waiting = [doc for doc in store.documents.values() if doc.indexed > now]
            for doc in waiting:
                doc.indexed = now
            return len(waiting)

    def search(
        self, store: VectorStore, q: str, n: int, t: float, prev: int, after: int
    ) -> list[dict[str, Any]]:
        """The matches whose similarity is at least `t`, closest first; a document still
        processing is not searched yet.

        The fake has no embeddings: a chunk's similarity is the share of the query's words it
        holds (1: all of them), and its distance is 1 minus that, so that the documented
        threshold (default 0.7, higher is stricter) means here what it says."""
        with self._state._lock:
            now = self._state.now()
            matches: list[dict[str, Any]] = []
            # Room for the chunks of documents still processing, which are skipped.
            waiting = sum(len(d.chunks) for d in store.documents.values() if d.indexed > now)
            words = set(tokenize(q))
            for hit in store.index.search(q, n + waiting):
                assert isinstance(hit.doc_key, int)  # a store's index is keyed by document id
                doc = store.documents[hit.doc_key]
                shared = words & set(tokenize(doc.chunks[hit.chunk_index]))
                similarity = round(len(shared) / len(words), 6) if words else 0.0
                if similarity < t or doc.indexed > now or len(matches) >= n:
                    continue
                start = max(0, hit.chunk_index - prev)
                content = "\n".join(doc.chunks[start : hit.chunk_index + after + 1])
                matches.append(
                    {
                        "document": search_document_json(doc, store),
                        "matched_content": content,
                        "distance": round(1.0 - similarity, 6),
                    }
                )
            # Closest first; equally close chunks keep the ranker's order.
            return sorted(matches, key=lambda match: match["distance"])

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


async def get_store(request: Request) -> Response:
    store = _stores(request).authenticate(request.headers.get("x-api-key"))
    return JSONResponse(
        {
            "id": store.id,
            "name": store.name,
            "description": store.description,
            "embedding_model": EMBEDDING_MODEL,
            "indexing_algorithm": INDEXING_ALGORITHM,
            "vector_dimension": 0,
            "search_metric": SEARCH_METRIC,
            "created": _when(store.created),
            "modified": _when(store.created),
        }
    )


async def list_documents(request: Request) -> Response:
    """One page of the documents, a plain array (S13); `page`/`page_size` as S24 sends them."""
    store = _store(request)
    page, size = query_value(request, "page"), query_value(request, "page_size")
    state = _state(request)
    with state._lock:
        now = state.now()
        docs = list(store.documents.values())[(page - 1) * size : page * size]
        found = [document_json(doc, store, now) for doc in docs]
    return JSONResponse(found)


def _answer(request: Request, store: VectorStore, doc: Document, status: int = 200) -> Response:
    found = document_json(doc, store, _state(request).now(), just_stored=status == 201)
    return JSONResponse(found, status_code=status)


async def get_document(request: Request) -> Response:
    store = _store(request)
    doc = _stores(request).document(store, path_id(request, "document_id"))
    return _answer(request, store, doc)


async def create_document(request: Request) -> Response:
    store = _store(request)
    body = await _json_body(request)
    name, text = body["name"], body["text"]
    doc = _stores(request).add(store, name, text, len(text.encode()), "text/plain")
    return _answer(request, store, doc, 201)


async def rename_document(request: Request) -> Response:
    store = _store(request)
    body = await _json_body(request)
    doc = _stores(request).rename(store, path_id(request, "document_id"), body["name"])
    return _answer(request, store, doc)


async def delete_document(request: Request) -> Response:
    store = _store(request)
    _stores(request).delete(store, path_id(request, "document_id"))
    return Response(status_code=204)


async def document_slash(request: Request) -> Response:
    """The path with a trailing slash: PATCH renames, DELETE deletes (one route, so that a 405
    lists both in Allow)."""
    if request.method == "DELETE":
        return await delete_document(request)
    return await rename_document(request)


async def search(request: Request) -> Response:
    store = _store(request)
    q, n, t = (query_value(request, name) for name in ("q", "n", "t"))
    prev, after = query_value(request, "prev_chunks"), query_value(request, "next_chunks")
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
    if length.isdigit() and int(length) > MAX_REQUEST + _ENVELOPE:
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
        if sum(file.size or 0 for file in files) > MAX_REQUEST:
            raise _too_large("Request body too large.")
        if not any(_supported(file.filename) for file in files):
            raise Rejected(
                415, {"detail": "File format not supported", "code": "unsupported_media_type"}
            )
        stored: list[dict[str, Any]] = []
        errors: list[dict[str, str]] = []
        for file in files:
            filename = file.filename or "file"
            error = stores.take_file_fault(filename)
            if error is None and not _supported(filename):
                error = "File format not supported"
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
            stored.append(
                {
                    "id": doc.id,
                    "name": doc.name,
                    "type": doc.type,
                    "size": doc.size,
                    "status": "processing",
                    "created": _when(doc.created),
                    "vector_store": store.id,
                }
            )
    finally:
        await form.close()
    return JSONResponse({"documents": stored, "errors": errors}, status_code=207 if errors else 201)


def _supported(filename: str | None) -> bool:
    """A documented format (S16), by the file name's ending."""
    name = (filename or "").lower()
    return any(name.endswith(ending) for ending in FORMATS)


async def agentic_search(request: Request) -> Response:
    """The agentic search Rememberizer's vector-store MCP server sends (S24): the fake ranks
    `query` like search and says how it went, as the knowledge API's agentic search does."""
    store = _store(request)
    body = await _json_body(request)
    query, n = body["query"], body.get("n_chunks", 10)
    matches = _stores(request).search(store, query, n, 0.0, 0, 0)
    return JSONResponse(
        {
            "vector_store": {"id": store.id, "name": store.name},
            "matched_chunks": matches,
            "result": f"{len(matches)} chunks matched.",
            "metadata": {"iterations": 1},
        }
    )


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
    delay = body.get("index_delay", 0)
    if isinstance(delay, bool) or not isinstance(delay, int | float) or not 0 <= delay < 1e9:
        errors["index_delay"] = ["A number of seconds, 0 or more, is required."]
    if errors:
        raise Rejected(400, errors)
    store = _stores(request).create(
        str(name), str(description), max_file_size, max_files, float(delay)
    )
    return JSONResponse(
        {
            "id": store.id,
            "key": store.key,
            "name": store.name,
            "max_file_size": store.max_file_size,
            "max_files": store.max_files,
            "index_delay": store.index_delay,
        },
        status_code=201,
    )


async def testing_index(request: Request) -> Response:
    """POST /_testing/vector-stores/{id}/index: every processing document is indexed now."""
    stores = _stores(request)
    store = stores.stores.get(request.path_params["vector_store_id"])
    if store is None:
        raise Rejected(404, {"detail": "Not found.", "code": "not_found"})
    return JSONResponse({"indexed": stores.finish_indexing(store)})


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
