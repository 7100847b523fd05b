"""What VectorStore and AsyncVectorStore share: the key, the store's id, and upload_many's plan.

They are Rememberizer clients without a user session: the same HTTP client setup, retry
policy, typed errors, redirect guard and auth flow (SessionAuth, answering to the
`vectorStoreKey` scheme), so the key goes in `x-api-key` to the API's origin and nowhere else.
The clients themselves are written once, in rememberizer/_async/_vector_store.py and
rememberizer/_async/_vector_stores.py (`store.documents`); scripts/unasync writes the sync ones.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from typing import Any

from rememberizer_api import operations as ops

from ._client import _BaseClient
from ._errors import InvalidRequestError
from ._httpx import httpx2
from ._options import CallOptions, checked
from ._retry import DEFAULT_MAX_RETRIES
from ._upload import (
    FileInput,
    ProgressCallback,
    Source,
    UploadProgress,
    UploadResult,
    batches,
    source,
    too_large_entry,
)

__all__ = ["ENV_KEY", "VectorStoreBase"]

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


class Tally:
    """Counts files and bytes for a progress callback, and calls it from one thread at a time.

    upload_many's threads (or tasks) all report here; the lock makes each count and its
    callback one step, so a callback that prints needs no lock of its own and sees the counts
    grow.
    """

    def __init__(self, items: list[Source], progress: ProgressCallback | None) -> None:
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

    def batch_done(self, group: list[Source], result: UploadResult) -> None:
        errors = {e.file: e.error for e in result.errors}
        for item in group:
            self.done(item.name, errors.get(item.name))


def planned_batches(items: list[Source], tally: Tally) -> tuple[list[list[Source]], UploadResult]:
    """The batches to send, and the result so far: the files over the per-file limit."""
    limits = ops.UPLOAD_VECTOR_STORE_DOCUMENTS.upload_limits
    groups, too_large = batches(items, limits)
    result = UploadResult()
    for item in too_large:
        assert limits is not None
        result.errors.append(too_large_entry(item, limits))
        tally.done(item.name, result.errors[-1].error)
    return groups, result


def checked_upload_many(
    paths: Iterable[FileInput], concurrency: object, options: CallOptions
) -> list[Source]:
    """upload_many's arguments checked, and its files as Sources (InvalidRequestError)."""
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


class VectorStoreBase(_BaseClient[Any, Any]):
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
