"""Rememberizer apps (OAuth2 authorization code with PKCE): `AsyncOAuthApp`.

Written once, in rememberizer/_async/; scripts/unasync writes rememberizer/_sync/_oauth.py
(OAuthApp) from it. The client secret goes to the token endpoint only, in the form body, and
nowhere else: no repr, log line, error or exception chain holds it.
"""

from __future__ import annotations

from collections.abc import Mapping

from rememberizer_api import operations as ops

from .._errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    OAuthTokenError,
    RememberizerError,
)
from .._httpx import check_http_client, httpx2
from .._oauth import OAuthAppBase
from .._pipeline import extensions
from .._session import OAuthSession


class AsyncOAuthApp(OAuthAppBase):
    """A Rememberizer app (an OAuth2 confidential client) that signs users in.

    Args:
        client_id: the app's client id.
        client_secret: the app's client secret; sent to the token endpoint only.
        redirect_uri: the callback URL, exactly as registered.
        scopes: the scopes asked for; default `("offline_access",)` (a refresh token).
        base_url: the API base URL; else env REMEMBERIZER_BASE_URL, else production.
        timeout: seconds, or an httpx2.Timeout, for the token requests; default as for
            Rememberizer.
        http_client: an httpx2.AsyncClient for the token requests (default: one per request).
        allow_insecure_http: allow a plain-http base URL to a host that is not loopback.

    Raises:
        InvalidRequestError: an argument is empty or invalid (nothing was sent).

    ```python
    app = AsyncOAuthApp(client_id, secret, "https://app.example/cb")
    url, state = app.authorization_url()  # sends nothing: redirect the user to url
    session = await app.exchange(callback_url, state)
    client = AsyncRememberizer(oauth=app, session=MemorySessionStore(session))
    ```
    """

    def __init__(
        self,
        client_id: str,
        client_secret: str,
        redirect_uri: str,
        scopes: tuple[str, ...] | list[str] | str = ("offline_access",),
        *,
        base_url: str | None = None,
        timeout: float | httpx2.Timeout | None = None,
        http_client: httpx2.AsyncClient | None = None,
        allow_insecure_http: bool = False,
    ) -> None:
        super().__init__(
            client_id,
            client_secret,
            redirect_uri,
            scopes,
            base_url=base_url,
            timeout=timeout,
            allow_insecure_http=allow_insecure_http,
        )
        self._http = check_http_client(http_client, httpx2.AsyncClient)

    async def exchange(
        self,
        callback: str | Mapping[str, str],
        expected_state: str,
        *,
        code_verifier: str | None = None,
    ) -> OAuthSession:
        """Trade the callback's code for the user's session.

        `callback` is the callback URL the user came back on, or its query parameters.

        Raises:
            OAuthStateError: the state differs from `expected_state`, or no sign-in is
                pending for it here (already exchanged, begun in another process, or dropped
                from a full table) and no `code_verifier=` was given; nothing was sent.
            OAuthAccessDenied: the callback carries `error=` (the user said no).
            OAuthTokenError: the server refused the code (used, expired, wrong redirect_uri
                or PKCE verifier).
        """
        form = self._exchange_form(callback, expected_state, code_verifier)
        return await self._token(form, None, None)

    async def refresh(
        self, session: OAuthSession, http: httpx2.AsyncClient | None = None
    ) -> OAuthSession:
        """The session after a refresh-token grant (the client calls it, single-flight).

        Raises:
            SessionExpiredError: the refresh token was refused (or there is none).
        """
        return await self._token(self._refresh_form(session), session, http)

    async def _token(
        self,
        form: dict[str, str],
        old: OAuthSession | None,
        http: httpx2.AsyncClient | None,
    ) -> OAuthSession:
        http = http or self._http
        if http is None:
            async with httpx2.AsyncClient(timeout=self.timeout, follow_redirects=False) as own:
                return await self._post(own, form, old)
        return await self._post(http, form, old)

    async def _post(
        self, http: httpx2.AsyncClient, form: dict[str, str], old: OAuthSession | None
    ) -> OAuthSession:
        error: RememberizerError | None = None
        try:
            response = await http.post(
                self.token_url,
                data=self._with_client(form),
                headers={"accept": "application/json"},
                extensions=extensions(ops.OAUTH2_TOKEN, 0, None),
                # A 307 or 308 would resend the form, secret and all, wherever it points,
                # even with an http_client that follows redirects.
                follow_redirects=False,
            )
            await response.aread()
        except httpx2.TimeoutException as exc:
            error = APITimeoutError(f"oauth2_token timed out ({type(exc).__name__})")
        except httpx2.HTTPError as exc:
            error = APIConnectionError(f"oauth2_token: cannot reach the API ({type(exc).__name__})")
        except APIStatusError as exc:
            # A client's redirect guard refused the answer; its response holds the request.
            error = OAuthTokenError(exc.message, status_code=exc.status_code)
        if error is not None:
            # Raised outside the handlers: the httpx2 error's request holds the secret, and
            # `from None` would still keep it as the __context__.
            raise error
        return self._session_of(response, form, old)
