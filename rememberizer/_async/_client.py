"""AsyncRememberizer: the client's namespaces, HTTP client and refresh, over `_BaseClient`.

Written once, in rememberizer/_async/; scripts/unasync writes rememberizer/_sync/_client.py
(Rememberizer) from it. What both flavours share without I/O is `_BaseClient`
(rememberizer/_client.py).
"""

from __future__ import annotations

import functools

from .._captcha import AsyncCaptchaProvider
from .._client import _BaseClient
from .._concurrency import ahook
from .._httpx import httpx2
from ._call import refresh_session
from ._closing import AsyncClosing
from ._knowledge import (
    AsyncCommonKnowledgeResource,
    AsyncDiscussionsResource,
    AsyncDocumentsResource,
    AsyncIntegrationsResource,
    AsyncMementosResource,
)
from ._oauth import AsyncOAuthApp
from ._resources import AsyncAccountResource, AsyncAuthResource, AsyncVectorStoresResource
from ._sessions import AsyncSessionAuth, AsyncSessionManager

__all__ = ["AsyncRememberizer"]


class AsyncRememberizer(AsyncClosing, _BaseClient[httpx2.AsyncClient, AsyncCaptchaProvider]):
    """The Rememberizer API client.

    Args:
        base_url: the API base URL; else env REMEMBERIZER_BASE_URL, else production.
        captcha: a reCAPTCHA token, or a callable `(action) -> token` asked on every signup and
            signin attempt (for the async client, an async callable too).
        session: where the session is kept: MemorySessionStore (the default),
            FileSessionStore(path) to keep it across runs and share it between processes, or
            a Redis session store to share it between hosts.
        timeout: seconds, or an httpx2.Timeout; default 5 s to connect and 30 s for each read,
            write and pool wait (DEFAULT_TIMEOUT).
        max_retries: how many times a failed attempt is retried; default 2. Connection
            failures before sending and 429 are retried on every operation; 408, 502, 503,
            504 and failures after sending only on idempotent ones.
        http_client: an httpx2.AsyncClient you configured (proxies, TLS). Its base URL, auth,
            cookie policy and hooks are set to this client's; `close()` leaves it open. It
            serves one client: for many users over one pool, `with_options(session=...)`.
        on_session_change: called as `(event, SessionInfo)` on "signed_in", "refreshed",
            "signed_out" and "expired".
        allow_insecure_http: allow a plain-http base URL to a host that is not loopback.
        api_key: a knowledge-API key (else env REMEMBERIZER_API_KEY, but only for a client
            given neither `session` nor `oauth`), sent in `x-api-key`, to the API only, for
            the operations that take one (search, documents, memorize) when no session is
            signed in. A client acting for a user never falls back to the environment's key.
        oauth: the AsyncOAuthApp whose sessions (OAuthSession, from `app.exchange`) this client
            uses; they are refreshed through its token endpoint. The base URL defaults to its.

    Every API method also takes `timeout=`, `extra_headers=` and `extra_query=` for that call
    alone (CallOptions), laid over the client's (`with_options`).

    Raises:
        InvalidRequestError: an argument is invalid (a plain-http base URL, say).

    ```python
    async with AsyncRememberizer(captcha=get_token) as client:
        await client.auth.signin(login="ada@example.com", password="…")
        account = await client.account.get()
        print(account.name)
    ```
    """

    _http_class = httpx2.AsyncClient
    _auth_class = AsyncSessionAuth
    _oauth_class = AsyncOAuthApp
    _auth: AsyncSessionAuth
    _sessions: AsyncSessionManager
    auth: AsyncAuthResource
    """Sign up, sign in, verify the email, refresh and sign out."""
    account: AsyncAccountResource
    """The account and the profile."""
    documents: AsyncDocumentsResource
    """List, search, read and memorize documents."""
    discussions: AsyncDiscussionsResource
    """Slack and Discord discussions."""
    integrations: AsyncIntegrationsResource
    """The connected data sources."""
    common_knowledge: AsyncCommonKnowledgeResource
    """Shared knowledge the user subscribed to."""
    mementos: AsyncMementosResource
    """Named selections of documents and folders."""
    vector_stores: AsyncVectorStoresResource
    """Create vector stores and list their options (with the user's session)."""

    def _bind(self) -> None:
        self._configure(self._http, ahook(self._redirects.strip), ahook(self._redirects.check))
        self.raw.set_async_httpx_client(self._http)
        self._attach_refresher()
        self.auth = AsyncAuthResource(self)
        self.account = AsyncAccountResource(self)
        self.documents = AsyncDocumentsResource(self)
        self.discussions = AsyncDiscussionsResource(self)
        self.integrations = AsyncIntegrationsResource(self)
        self.common_knowledge = AsyncCommonKnowledgeResource(self)
        self.mementos = AsyncMementosResource(self)
        self.vector_stores = AsyncVectorStoresResource(self)

    def _attach_refresher(self) -> None:
        self._auth.refresher = functools.partial(refresh_session, self)
