"""The documents of a vector store (`store.documents`), for AsyncVectorStore.

Written once, in rememberizer/_async/; scripts/unasync writes rememberizer/_sync/_vector_stores.py
from it. `upload_many` sends its batches through rememberizer/_concurrency.py's
`amap_concurrently` (a thread pool for the sync client, tasks of the loop for the async one).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import ExitStack
from typing import IO, TYPE_CHECKING, TypeAlias, TypeVar, Unpack

from rememberizer_api import models
from rememberizer_api import operations as ops
from rememberizer_api.types import UNSET, Unset

from .._concurrency import amap_concurrently, asleep
from .._errors import InvalidRequestError, RememberizerError
from .._knowledge_checks import (
    check_id,
    check_name,
    check_range,
    int_range,
    page_parameter,
    parse_list,
)
from .._options import CallOptions
from .._pipeline import check_text, parse
from .._upload import (
    FileInput,
    ProgressCallback,
    Source,
    UploadResult,
    error_entry,
    not_stored,
    sources,
)
from .._vector_store import Tally, checked_upload_many, planned_batches
from ._call import AsyncResource, WithRawResponse, _call, _get, to_raw_response

if TYPE_CHECKING:
    from ._vector_store import AsyncVectorStore

# `list` is a method name in the class below; the alias keeps the builtin's meaning. It is a
# string so that importing this module does not load the model: models load on first use.
DocumentList: TypeAlias = "list[models.VectorStoreDocument]"
SourceList = list[Source]
T = TypeVar("T")


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


class AsyncVectorStoreDocumentsWithRawResponse:
    """`documents.with_raw_response`: its methods, each returning a RawResponse."""

    def __init__(self, documents: AsyncVectorStoreDocuments) -> None:
        self.list = to_raw_response(documents.list)
        self.get = to_raw_response(documents.get)
        self.create = to_raw_response(documents.create)
        self.rename = to_raw_response(documents.rename)
        self.delete = to_raw_response(documents.delete)
        self.search = to_raw_response(documents.search)
        self.agentic_search = to_raw_response(documents.agentic_search)
        self.upload = to_raw_response(documents.upload)


class AsyncVectorStoreDocuments(AsyncResource["AsyncVectorStore"]):
    """`store.documents`: list, get, create, upload, upload_many, rename, delete, search."""

    with_raw_response = WithRawResponse(AsyncVectorStoreDocumentsWithRawResponse)

    async def list(self, **options: Unpack[CallOptions]) -> DocumentList:
        """Every document of the store, oldest first.

        The answer is a JSON array; Rememberizer's own client pages it (`page`, `page_size`
        up to 1000), so pages are asked for until one comes back short."""
        vs = await store_id(self._client, options)
        op = ops.LIST_VECTOR_STORE_DOCUMENTS
        found: DocumentList = []
        page, (_, size) = 1, int_range(op, "page_size")
        assert op.pagination is not None
        assert op.pagination.size is not None
        while True:
            params = {"vector_store_id": vs, page_parameter(op): page, op.pagination.size: size}
            response = await _call(self._client, op, params, options=options)
            batch = parse_list(op, models.VectorStoreDocument, response)
            found.extend(batch)
            if size is None or len(batch) < size:
                return found
            page += 1

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
        op = ops.CREATE_VECTOR_STORE_DOCUMENT
        check_name(op, "name", name)
        check_text(min_length=1, text=text)
        if not text.strip():
            raise InvalidRequestError("text must not be blank")
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
        check_id("document_id", document_id)
        op = ops.RENAME_VECTOR_STORE_DOCUMENT
        check_name(op, "name", name)
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
        check_id("document_id", document_id)
        return {
            "vector_store_id": await store_id(self._client, options),
            "document_id": document_id,
        }

    async def search(
        self,
        q: str,
        *,
        n: int | None = None,
        threshold: float | None = None,
        prev_chunks: int | None = None,
        next_chunks: int | None = None,
        **options: Unpack[CallOptions],
    ) -> models.VectorStoreSearchResult:
        """The `n` chunks (1 to 100; the server's default is 10) closest to `q`, closest first.

        `threshold` is the API's `t`, a matching threshold from 0 to 1: higher is stricter
        (0.9 keeps only very close matches, 0.5 more varied ones; the server's default is
        0.7). `prev_chunks`/`next_chunks` (0 to 20, default 0) add the chunks around each
        match. A parameter left as None is not sent, so the server's default applies."""
        check_text(min_length=1, q=q)
        op = ops.SEARCH_VECTOR_STORE_DOCUMENTS
        for name, value in (("n", n), ("prev_chunks", prev_chunks), ("next_chunks", next_chunks)):
            if value is not None:
                check_range(op, name, value)
        if threshold is not None:
            check_range(op, "t", threshold, given_as="threshold", whole=False)
        params = {
            "vector_store_id": await store_id(self._client, options),
            "q": q,
            "n": _given(n),
            "t": _given(threshold),
            "prev_chunks": _given(prev_chunks),
            "next_chunks": _given(next_chunks),
        }
        return await _get(self._client, op, models.VectorStoreSearchResult, params, options)

    async def agentic_search(
        self,
        query: str,
        *,
        n_chunks: int | None = None,
        user_context: str | None = None,
        **options: Unpack[CallOptions],
    ) -> models.VectorStoreAgenticSearchResult:
        """A search that an agent plans from `query` and `user_context`, as Rememberizer's
        vector-store MCP server sends it. Every field of the answer is optional (the record
        does not show it)."""
        check_text(min_length=1, query=query)
        if not query.strip():
            raise InvalidRequestError("query must not be blank")
        if n_chunks is not None:
            check_range(ops.AGENTIC_SEARCH_VECTOR_STORE_DOCUMENTS, "n_chunks", n_chunks)
        if user_context is not None:
            check_text(user_context=user_context)
        request = models.VectorStoreAgenticSearchRequest(
            query=query,
            n_chunks=_given(n_chunks),
            user_context=_given(user_context),
        )
        op = ops.AGENTIC_SEARCH_VECTOR_STORE_DOCUMENTS
        response = await _call(
            self._client,
            op,
            {"vector_store_id": await store_id(self._client, options)},
            body=lambda _: request,
            options=options,
        )
        return parse(op, models.VectorStoreAgenticSearchResult, response)

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

    async def upload_many(
        self,
        paths: Iterable[FileInput],
        *,
        concurrency: int = 4,
        progress: ProgressCallback | None = None,
        **options: Unpack[CallOptions],
    ) -> UploadResult:
        """Upload many files in batches within the documented limits (20 files and 100 MB a
        request), at most `concurrency` requests at once (on a pool of threads for the sync
        client, as tasks of the loop for the async one).

        A file over the per-file limit (50 MB) is not sent. A file that fails (a 207, a file
        over the limit, or a typed error of its batch's request) is an entry of the result's
        `errors`; nothing is raised for it. `progress` is called with an UploadProgress as
        bytes go out and as each file is done, from one thread at a time (never two calls at
        once).

        Links: a path that is a symbolic link is followed, and its target is sent under the
        link's name. Nothing here walks a folder, so what is sent is what you list; when the
        list comes from a folder you did not write (a cloned repository, an unpacked archive),
        leave out the links whose target is outside it, as `rememberizer vector-store upload`
        does.
        """
        items = checked_upload_many(paths, concurrency, options)
        tally = Tally(items, progress)
        groups, result = planned_batches(items, tally)

        async def send(group: SourceList) -> UploadResult:
            try:
                got = await self._upload_sources(group, tally.sent, options, batch=True)
            except RememberizerError as exc:
                got = UploadResult(errors=[error_entry(item.name, str(exc)) for item in group])
            tally.batch_done(group, got)
            return got

        for got in await amap_concurrently(send, groups, concurrency, "rememberizer-upload"):
            result.merge(got)
        return result

    async def _upload_sources(
        self,
        pending: SourceList,
        sent: Callable[[int], None] | None,
        options: CallOptions,
        batch: bool = False,
    ) -> UploadResult:
        """Upload `pending` in one request, resending the files a 207 names. In a `batch` of
        upload_many, a file that cannot be opened any more is its own error entry and the
        others are still sent; otherwise it raises InvalidRequestError."""
        vs = await store_id(self._client, options)
        result = UploadResult()
        op = ops.UPLOAD_VECTOR_STORE_DOCUMENTS
        attempt = 0
        with ExitStack() as stack:
            opened: dict[int, IO[bytes]] = {}
            for item in pending:
                handle = _open(stack, item, raises=not batch)
                if isinstance(handle, str):
                    result.errors.append(error_entry(item.name, handle))
                else:
                    opened[id(item)] = handle
            pending = [item for item in pending if id(item) in opened]
            if not pending:
                return result
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


def _given(value: T | None) -> T | Unset:
    """A parameter the caller gave, or UNSET so that it is not sent (the server's default)."""
    return UNSET if value is None else value


def _always(body: models.VectorStoreUpload) -> Callable[[str | None], models.VectorStoreUpload]:
    return lambda _: body


def _open(stack: ExitStack, source: Source, raises: bool = True) -> IO[bytes] | str:
    """The file opened; or, gone or unreadable since it was checked, InvalidRequestError (a
    typed error, raised outside the handler) or with `raises=False` the reason."""
    if source.handle is not None:
        return source.handle
    assert source.path is not None
    try:
        return stack.enter_context(source.path.open("rb"))
    except OSError as exc:
        problem = exc.strerror or type(exc).__name__
    reason = f"cannot open {source.path}: {problem}"
    if raises:
        raise InvalidRequestError(reason)
    return reason
