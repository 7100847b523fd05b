"""AsyncVectorStore: a client for one vector store, authenticated by its key.

Written once, in rememberizer/_async/; scripts/unasync writes rememberizer/_sync/_vector_store.py
(VectorStore) from it. What the two share beyond this (the key, the store's id, the client's
setup) is rememberizer/_vector_store.py's VectorStoreBase.
"""

from __future__ import annotations

from typing import Unpack

from rememberizer_api import models

from .._concurrency import ahook
from .._httpx import httpx2
from .._options import CallOptions
from .._vector_store import VectorStoreBase
from ._closing import AsyncClosing
from ._sessions import AsyncSessionAuth
from ._vector_stores import AsyncVectorStoreDocuments, store_info


class AsyncVectorStore(AsyncClosing, VectorStoreBase):
    """A client for one Rememberizer vector store, authenticated by the store's API key.

    Args:
        api_key: the store's key; else env REMEMBERIZER_VECTOR_STORE_API_KEY.
        vector_store_id: the store's id; else asked of `/vector-stores/me` on first use.
        base_url: as for AsyncRememberizer.
        timeout: as for AsyncRememberizer.
        max_retries: as for AsyncRememberizer.
        http_client: an httpx2.AsyncClient, as for AsyncRememberizer.
        allow_insecure_http: as for AsyncRememberizer.

    Every API method also takes `timeout=`, `extra_headers=` and `extra_query=` for that call
    alone (CallOptions), as AsyncRememberizer's do.

    Raises:
        InvalidRequestError: no key, or an argument is invalid (nothing was sent).

    ```python
    async with AsyncVectorStore(api_key="…") as store:
        await store.documents.upload(["notes.md"])
        found = await store.documents.search("release plan")
        print(found.matched_chunks)
    ```
    """

    _http_class = httpx2.AsyncClient
    _auth_class = AsyncSessionAuth
    documents: AsyncVectorStoreDocuments
    """The store's documents: list, get, create, upload, upload_many, rename, delete, search."""

    def _bind(self) -> None:
        self._configure(self._http, ahook(self._redirects.strip), ahook(self._redirects.check))
        self.raw.set_async_httpx_client(self._http)
        self.documents = AsyncVectorStoreDocuments(self)

    async def info(self, **options: Unpack[CallOptions]) -> models.VectorStore:
        """The store: id, name, description, embedding model and search metric."""
        return await store_info(self, options)
