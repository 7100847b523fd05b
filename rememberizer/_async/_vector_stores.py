"""The documents of a vector store (`store.documents`), for AsyncVectorStore.

This module is the single source: scripts/unasync writes rememberizer/_sync/_vector_stores.py
from it. `upload_many` differs between the two (a thread pool, a semaphore), so it lives in
rememberizer/_vector_store.py on the subclasses of AsyncVectorStoreDocumentsBase.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import ExitStack
from typing import IO, TYPE_CHECKING, TypeAlias, Unpack

from rememberizer_api import models
from rememberizer_api import operations as ops

from .._errors import InvalidRequestError
from .._options import CallOptions
from .._pipeline import check_text, parse
from .._retry import asleep
from .._upload import FileInput, Source, UploadResult, not_stored, parse_list, sources
from ._call import AsyncResource, _call, _get

if TYPE_CHECKING:
    from .._vector_store import AsyncVectorStore

# The spec's bounds (spec/rememberizer_openapi.yml: VectorStoreDocumentCreate, the search
# parameters).
MAX_NAME = 255
# `list` is a method name in the class below; the alias keeps the builtin's meaning. It is a
# string so that importing this module does not load the model: models load on first use.
DocumentList: TypeAlias = "list[models.VectorStoreDocument]"
SourceList = list[Source]


def _check_document(document_id: object) -> None:
    if isinstance(document_id, bool) or not isinstance(document_id, int) or document_id < 1:
        raise InvalidRequestError("document_id must be a positive whole number")


def _check_name(name: object) -> None:
    check_text(min_length=1, name=name)
    assert isinstance(name, str)
    if not name.strip() or len(name) > MAX_NAME:
        raise InvalidRequestError(f"name must be 1 to {MAX_NAME} characters, not blank")


def _check_range(name: str, value: object, low: float, high: float, whole: bool) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or (whole and not isinstance(value, int))
        or not low <= value <= high
    ):
        kind = "a whole number" if whole else "a number"
        raise InvalidRequestError(f"{name} must be {kind} from {low:g} to {high:g}")


async def store_info(client: AsyncVectorStore, options: CallOptions) -> models.VectorStore:
    """The store the key belongs to (`GET /vector-stores/me`); remembers its id."""
    info = await _get(client, ops.GET_VECTOR_STORE, models.VectorStore, options=options)
    if client.vector_store_id is None:
        client.vector_store_id = info.id
    return info


async def store_id(client: AsyncVectorStore, options: CallOptions) -> str:
    """The store's id: the one given, else asked once of `/vector-stores/me` (with the
    options of the call that needs it)."""
    if client.vector_store_id is None:
        await store_info(client, options)
    assert client.vector_store_id is not None
    return client.vector_store_id


class AsyncVectorStoreDocumentsBase(AsyncResource["AsyncVectorStore"]):
    """`store.documents`: list, get, create, upload, rename, delete and search."""

    async def list(self, **options: Unpack[CallOptions]) -> DocumentList:
        """Every document of the store (the API answers them all at once: no pages)."""
        vs = await store_id(self._client, options)
        op = ops.LIST_VECTOR_STORE_DOCUMENTS
        response = await _call(self._client, op, {"vector_store_id": vs}, options=options)
        return parse_list(op, models.VectorStoreDocument, response)

    async def get(
        self, document_id: int, **options: Unpack[CallOptions]
    ) -> models.VectorStoreDocument:
        """One document by id. Raises NotFoundError when the store has no such document."""
        params = await self._document(document_id, options)
        op = ops.GET_VECTOR_STORE_DOCUMENT
        return await _get(self._client, op, models.VectorStoreDocument, params, options)

    async def create(
        self, name: str, text: str, **options: Unpack[CallOptions]
    ) -> models.VectorStoreDocument:
        """Store `text` as a document called `name`."""
        _check_name(name)
        check_text(min_length=1, text=text)
        if not text.strip():
            raise InvalidRequestError("text must not be blank")
        op = ops.CREATE_VECTOR_STORE_DOCUMENT
        response = await _call(
            self._client,
            op,
            {"vector_store_id": await store_id(self._client, options)},
            body=lambda _: models.VectorStoreDocumentCreate(name=name, text=text),
            options=options,
        )
        return parse(op, models.VectorStoreDocument, response)

    async def rename(
        self, document_id: int, name: str, **options: Unpack[CallOptions]
    ) -> models.VectorStoreDocument:
        """Give a document a new name."""
        _check_document(document_id)
        _check_name(name)
        op = ops.RENAME_VECTOR_STORE_DOCUMENT
        params = await self._document(document_id, options)
        body = models.VectorStoreDocumentRename(name=name)
        response = await _call(self._client, op, params, body=lambda _: body, options=options)
        return parse(op, models.VectorStoreDocument, response)

    async def delete(self, document_id: int, **options: Unpack[CallOptions]) -> None:
        """Delete a document. Raises NotFoundError when the store has no such document."""
        params = await self._document(document_id, options)
        await _call(self._client, ops.DELETE_VECTOR_STORE_DOCUMENT, params, options=options)

    async def _document(self, document_id: int, options: CallOptions) -> dict[str, object]:
        """The path parameters of one document, checked (the store's id asked if need be)."""
        _check_document(document_id)
        return {
            "vector_store_id": await store_id(self._client, options),
            "document_id": document_id,
        }

    async def search(
        self,
        q: str,
        *,
        n: int = 5,
        threshold: float | None = None,
        prev_chunks: int = 0,
        next_chunks: int = 0,
        **options: Unpack[CallOptions],
    ) -> models.VectorStoreSearchResult:
        """The `n` chunks closest to `q`, closest first; `threshold` drops matches whose
        distance (0 = same, 1 = unrelated) is above it. `prev_chunks`/`next_chunks` add the
        chunks around each match."""
        check_text(min_length=1, q=q)
        _check_range("n", n, 1, 100, whole=True)
        if threshold is not None:
            _check_range("threshold", threshold, 0, 1, whole=False)
        _check_range("prev_chunks", prev_chunks, 0, 20, whole=True)
        _check_range("next_chunks", next_chunks, 0, 20, whole=True)
        params = {
            "vector_store_id": await store_id(self._client, options),
            "q": q,
            "n": n,
            "t": threshold,
            "prev_chunks": prev_chunks,
            "next_chunks": next_chunks,
        }
        op = ops.SEARCH_VECTOR_STORE_DOCUMENTS
        return await _get(self._client, op, models.VectorStoreSearchResult, params, options)

    async def upload(
        self,
        files: FileInput | Iterable[FileInput],
        *,
        sent: Callable[[int], None] | None = None,
        **options: Unpack[CallOptions],
    ) -> UploadResult:
        """Upload files in one request, each streamed from disk as it is sent.

        `files` is a path, a binary file object, `(name, file object)`, or a list of them.
        A partial failure (HTTP 207) raises nothing: the result's `errors` name the files
        not stored and why (`result.raise_for_errors()` raises UploadError). Files the server
        failed are sent again, alone, up to `max_retries` times. `sent(n)` is called as the
        bytes go out (n < 0 when a file starts over).

        Raises:
            InvalidRequestError: an input is not a readable file (nothing was sent).
            AuthenticationError: the key is not valid.
            APIStatusError: 413 when the files are past the store's bounds, and the like.
        """
        return await self._upload_sources(sources(files), sent, options)

    async def _upload_sources(
        self, pending: SourceList, sent: Callable[[int], None] | None, options: CallOptions
    ) -> UploadResult:
        vs = await store_id(self._client, options)
        result = UploadResult()
        op = ops.UPLOAD_VECTOR_STORE_DOCUMENTS
        attempt = 0
        with ExitStack() as stack:
            opened = {id(s): _open(stack, s) for s in pending}
            while True:
                parts = [s.part(opened[id(s)], sent) for s in pending]
                response = await _call(
                    self._client,
                    op,
                    {"vector_store_id": vs},
                    body=_always(models.VectorStoreUpload(files=parts)),
                    options=options,
                )
                answer = parse(op, models.VectorStoreUploadResult, response)
                result.documents.extend(answer.documents)
                pending = not_stored(pending, answer.errors)
                wait = self._client._policy.backoff(attempt)
                if not pending or attempt >= self._client._policy.max_retries:
                    result.errors.extend(answer.errors)
                    return result
                await asleep(wait)
                attempt += 1


def _always(body: models.VectorStoreUpload) -> Callable[[str | None], models.VectorStoreUpload]:
    return lambda _: body


def _open(stack: ExitStack, source: Source) -> IO[bytes]:
    if source.handle is not None:
        return source.handle
    assert source.path is not None
    try:
        return stack.enter_context(source.path.open("rb"))
    except OSError as exc:
        problem = exc.strerror or type(exc).__name__
    # Gone or unreadable since it was checked; raised outside the handler, as a typed error
    # (`upload_many` makes it that file's error entry).
    raise InvalidRequestError(f"cannot open {source.path}: {problem}")
