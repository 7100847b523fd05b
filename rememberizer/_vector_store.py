"""VectorStore and AsyncVectorStore: clients for one vector store, authenticated by its key.

They are Rememberizer clients without a user session: the same HTTP client setup, retry
policy, typed errors, redirect guard and auth flow (SessionAuth, answering to the
`vectorStoreKey` scheme), so the key goes in `x-api-key` to the API's origin and nowhere else.
`upload_many` is the one method that differs beyond the awaits (a thread pool, a semaphore),
so it is written here twice rather than in the unasync source.
"""

from __future__ import annotations

import builtins
import os
import threading
from collections.abc import Iterable
from typing import Any, Unpack

from rememberizer_api import models
from rememberizer_api import operations as ops

from ._async._closing import AsyncClosing
from ._async._vector_stores import AsyncVectorStoreDocumentsBase
from ._async._vector_stores import store_info as astore_info
from ._client import _BaseClient
from ._errors import InvalidRequestError, RememberizerError
from ._httpx import httpx2
from ._options import CallOptions, checked
from ._retry import DEFAULT_MAX_RETRIES
from ._sync._closing import Closing
from ._sync._vector_stores import VectorStoreDocumentsBase, store_info
from ._upload import (
    FileInput,
    ProgressCallback,
    Source,
    UploadProgress,
    UploadResult,
    batches,
    error_entry,
    source,
    too_large_entry,
)

__all__ = ["ENV_KEY", "AsyncVectorStore", "VectorStore"]

ENV_KEY = "REMEMBERIZER_VECTOR_STORE_API_KEY"


def _resolve_key(api_key: str | None) -> str:
    key = api_key if api_key is not None else os.environ.get(ENV_KEY)
    if key is None:
        raise InvalidRequestError(f"no vector store key: pass api_key= or set {ENV_KEY}")
    if not isinstance(key, str):
        raise InvalidRequestError(f"api_key must be a str, not {type(key).__name__}")
    if not key or not key.isascii() or not key.isprintable() or key != key.strip():
        raise InvalidRequestError("api_key is not a usable key (empty, spaces or non-ASCII)")
    return key


class _Tally:
    """Counts files and bytes for a progress callback, and calls it from one thread at a time.

    upload_many's threads all report here; the lock makes each count and its callback one
    step, so a callback that prints needs no lock of its own and sees the counts grow.
    """

    def __init__(self, items: builtins.list[Source], progress: ProgressCallback | None) -> None:
        self.progress = progress
        self.files_total = len(items)
        self.bytes_total = sum(s.size for s in items)
        self.files_done = 0
        self.bytes_sent = 0
        self._lock = threading.Lock()

    def _report(self, file: str | None = None, error: str | None = None) -> None:
        if self.progress is not None:
            self.progress(
                UploadProgress(
                    self.files_done,
                    self.files_total,
                    self.bytes_sent,
                    self.bytes_total,
                    file,
                    error,
                )
            )

    def sent(self, n: int) -> None:
        with self._lock:
            self.bytes_sent += n
            if n:
                self._report()

    def done(self, name: str, error: str | None) -> None:
        with self._lock:
            self.files_done += 1
            self._report(name, error)

    def batch_done(self, group: builtins.list[Source], result: UploadResult) -> None:
        errors = {e.file: e.error for e in result.errors}
        for item in group:
            self.done(item.name, errors.get(item.name))


def _planned(
    items: builtins.list[Source], tally: _Tally
) -> tuple[builtins.list[builtins.list[Source]], UploadResult]:
    """The batches to send, and the result so far: the files over the per-file limit."""
    limits = ops.UPLOAD_VECTOR_STORE_DOCUMENTS.upload_limits
    groups, too_large = batches(items, limits)
    result = UploadResult()
    for item in too_large:
        assert limits is not None
        result.errors.append(too_large_entry(item, limits))
        tally.done(item.name, result.errors[-1].error)
    return groups, result


def _checked(
    paths: Iterable[FileInput], concurrency: object, options: CallOptions
) -> builtins.list[Source]:
    # Checked here: a bad option would otherwise become every file's error entry.
    checked(options)
    if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
        raise InvalidRequestError("concurrency must be a whole number, 1 or more")
    if isinstance(paths, str | os.PathLike):
        raise InvalidRequestError("paths must be a list of files, not one path")
    items = [source(item, f"paths[{i}]") for i, item in enumerate(paths)]
    if not items:
        raise InvalidRequestError("paths is empty: give at least one file")
    return items


class VectorStoreDocuments(VectorStoreDocumentsBase):
    """`store.documents`: list, get, create, upload, upload_many, rename, delete, search."""

    def upload_many(
        self,
        paths: Iterable[FileInput],
        *,
        concurrency: int = 4,
        progress: ProgressCallback | None = None,
        **options: Unpack[CallOptions],
    ) -> UploadResult:
        """Upload many files in batches within the documented limits (20 files and 100 MB a
        request), `concurrency` requests at a time on a thread pool.

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
        # Loaded here, as asyncio is in the async twin: a program that never uploads many
        # files does not pay for importing it.
        from concurrent.futures import ThreadPoolExecutor

        items = _checked(paths, concurrency, options)
        tally = _Tally(items, progress)
        groups, result = _planned(items, tally)
        with ThreadPoolExecutor(concurrency, thread_name_prefix="rememberizer-upload") as pool:
            futures = [pool.submit(self._upload_batch, group, tally, options) for group in groups]
            for future in futures:
                result.merge(future.result())
        return result

    def _upload_batch(
        self, group: builtins.list[Source], tally: _Tally, options: CallOptions
    ) -> UploadResult:
        try:
            got = self._upload_sources(group, tally.sent, options, batch=True)
        except RememberizerError as exc:
            got = UploadResult(errors=[error_entry(item.name, str(exc)) for item in group])
        tally.batch_done(group, got)
        return got


class AsyncVectorStoreDocuments(AsyncVectorStoreDocumentsBase):
    """`store.documents`: list, get, create, upload, upload_many, rename, delete, search."""

    async def upload_many(
        self,
        paths: Iterable[FileInput],
        *,
        concurrency: int = 4,
        progress: ProgressCallback | None = None,
        **options: Unpack[CallOptions],
    ) -> UploadResult:
        """Upload many files in batches within the documented limits (20 files and 100 MB a
        request), at most `concurrency` requests at once (a semaphore).

        A file over the per-file limit (50 MB) is not sent. A file that fails (a 207, a file
        over the limit, or a typed error of its batch's request) is an entry of the result's
        `errors`; nothing is raised for it. `progress` is called with an UploadProgress as
        bytes go out and as each file is done. Links and the callback's thread: as
        VectorStore's `upload_many`.
        """
        import asyncio  # here, so that the sync client never pays for importing asyncio

        items = _checked(paths, concurrency, options)
        tally = _Tally(items, progress)
        groups, result = _planned(items, tally)
        gate = asyncio.Semaphore(concurrency)

        async def one(group: builtins.list[Source]) -> UploadResult:
            async with gate:
                try:
                    got = await self._upload_sources(group, tally.sent, options, batch=True)
                except RememberizerError as exc:
                    got = UploadResult(errors=[error_entry(item.name, str(exc)) for item in group])
                tally.batch_done(group, got)
                return got

        for got in await asyncio.gather(*(one(group) for group in groups)):
            result.merge(got)
        return result


class _VectorStoreBase(_BaseClient[Any, Any]):
    """What both store clients add to a Rememberizer client: the key and the store id."""

    def __init__(
        self,
        api_key: str | None = None,
        *,
        vector_store_id: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx2.Timeout | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx2.Client | httpx2.AsyncClient | None = None,
        allow_insecure_http: bool = False,
    ) -> None:
        key = _resolve_key(api_key)
        if vector_store_id is not None and (
            not isinstance(vector_store_id, str)
            or not vector_store_id.strip()
            or vector_store_id in (".", "..")  # a path segment would climb out of the store's
        ):
            raise InvalidRequestError("vector_store_id must be a non-empty str, not . or ..")
        self.vector_store_id: str | None = vector_store_id
        """The store's id: given, or learnt from `/vector-stores/me` on first use."""
        super().__init__(
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            http_client=http_client,
            allow_insecure_http=allow_insecure_http,
        )
        self._auth.api_key = key
        self._auth.key_scheme = ops.VECTOR_STORE_KEY_SCHEME.name

    def __repr__(self) -> str:
        url = self.base_url.copy_with(username=None, password=None)
        return f"<{type(self).__name__} {url} id={self.vector_store_id}>"


class VectorStore(Closing, _VectorStoreBase):
    """A client for one Rememberizer vector store, authenticated by the store's API key.

    Args:
        api_key: the store's key; else env REMEMBERIZER_VECTOR_STORE_API_KEY.
        vector_store_id: the store's id; else asked of `/vector-stores/me` on first use.
        base_url: as for Rememberizer.
        timeout: as for Rememberizer.
        max_retries: as for Rememberizer.
        http_client: as for Rememberizer (an httpx2.AsyncClient for AsyncVectorStore).
        allow_insecure_http: as for Rememberizer.

    Every API method also takes `timeout=`, `extra_headers=` and `extra_query=` for that call
    alone (CallOptions), as Rememberizer's do.

    Raises:
        InvalidRequestError: no key, or an argument is invalid (nothing was sent).

    ```python
    with VectorStore(api_key="…") as store:
        store.documents.upload(["notes.md"])
        print(store.documents.search("release plan").matched_chunks)
    ```
    """

    _http_class = httpx2.Client
    documents: VectorStoreDocuments
    """The store's documents: list, get, create, upload, upload_many, rename, delete, search."""

    def _bind(self) -> None:
        self._configure(self._http, self._redirects.strip, self._redirects.check)
        self.raw.set_httpx_client(self._http)
        self.documents = VectorStoreDocuments(self)

    def info(self, **options: Unpack[CallOptions]) -> models.VectorStore:
        """The store: id, name, description, embedding model and search metric."""
        return store_info(self, options)


class AsyncVectorStore(AsyncClosing, _VectorStoreBase):
    """The async VectorStore: every method, awaited; `http_client` is an httpx2.AsyncClient.

    ```python
    async with AsyncVectorStore(api_key="…") as store:
        await store.documents.upload(["notes.md"])
    ```
    """

    _http_class = httpx2.AsyncClient
    documents: AsyncVectorStoreDocuments
    """The store's documents: list, get, create, upload, upload_many, rename, delete, search."""

    def _bind(self) -> None:
        self._configure(self._http, self._redirects.astrip, self._redirects.acheck)
        self.raw.set_async_httpx_client(self._http)
        self.documents = AsyncVectorStoreDocuments(self)

    async def info(self, **options: Unpack[CallOptions]) -> models.VectorStore:
        """The store: id, name, description, embedding model and search metric."""
        return await astore_info(self, options)
