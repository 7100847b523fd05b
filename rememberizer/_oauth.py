"""What both Rememberizer app classes share: the authorization URL, PKCE, the state check,
and reading the token endpoint's answers. The I/O lives in `_async/_oauth.py` (and its twin).

The PKCE verifier of each sign-in is kept in the app object, keyed by its state: the callback
must reach the same OAuthApp (the same process) that made the URL, or pass `code_verifier=`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from rememberizer_api.operations import OAUTH2_AUTHORIZE, OAUTH2_TOKEN

from ._config import resolve_base_url, resolve_timeout
from ._errors import (
    APIResponseValidationError,
    InvalidRequestError,
    OAuthAccessDenied,
    OAuthStateError,
    OAuthTokenError,
    SessionExpiredError,
    parse_body,
    request_id_of,
)
from ._httpx import httpx2
from ._pipeline import check_text
from ._session import _USABLE, OAuthSession

DEFAULT_SCOPES = ("offline_access",)
"""`offline_access` is what gets the app a refresh token."""
MAX_PENDING = 1024  # sign-ins started and not finished; the oldest verifiers are dropped
# What to do about the token endpoint's RFC 6749 errors, said after the server's own words.
_NEXT_STEP = {
    "invalid_grant": "a code works once, briefly: start a new sign-in with authorization_url()",
    "invalid_client": "check the app's client_id and client_secret",
    "unauthorized_client": "check that the app is allowed the authorization-code grant",
}


class Secret:
    """A string that never shows itself: repr, str and tracebacks' locals say <redacted>."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """The value, for the one request that needs it."""
        return self._value

    def __repr__(self) -> str:
        return "<redacted>"

    __str__ = __repr__

    def __reduce__(self) -> Any:
        raise TypeError("a client secret cannot be pickled")


def _text(name: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidRequestError(f"{name} must be a non-empty str")
    # A lone surrogate would fail the form's encoding with a UnicodeEncodeError whose `object`
    # is the whole form, client secret included.
    check_text(0, **{name: value})
    return value


def _no_verifier(dropped: bool) -> str:
    """Why `exchange` has no PKCE verifier for a state, and what to do."""
    if dropped:
        return (
            f"this sign-in's PKCE verifier was dropped: more than {MAX_PENDING} sign-ins were "
            "pending in this OAuthApp, and it was the oldest; nothing was sent. Start a new "
            "sign-in with authorization_url(), or pass code_verifier="
        )
    return (
        "no sign-in is pending for this state in this OAuthApp (its code was already "
        "exchanged, as when a callback page is reloaded, or the sign-in began in another "
        "process); nothing was sent. Pass code_verifier= if you kept the verifier elsewhere"
    )


def _callback_params(callback: str | Mapping[str, str]) -> dict[str, str]:
    """The query parameters of a callback URL, or the mapping itself (first value wins)."""
    if isinstance(callback, str):
        pairs: Iterable[tuple[str, str]] = parse_qsl(urlsplit(callback).query)
    elif isinstance(callback, Mapping):
        pairs = ((str(k), v if isinstance(v, str) else str(v)) for k, v in callback.items())
    else:
        raise InvalidRequestError("callback must be the callback URL (str) or its query params")
    params: dict[str, str] = {}
    for key, value in pairs:
        params.setdefault(key, value)
    return params


class OAuthAppBase:
    """Configuration and the pure steps of the authorization-code grant."""

    def __init__(
        self,
        client_id: str,
        client_secret: str,
        redirect_uri: str,
        scopes: Iterable[str] = DEFAULT_SCOPES,
        *,
        base_url: str | None = None,
        timeout: float | httpx2.Timeout | None = None,
        allow_insecure_http: bool = False,
    ) -> None:
        self.client_id = _text("client_id", client_id)
        self._secret = Secret(_text("client_secret", client_secret))
        self.redirect_uri = _text("redirect_uri", redirect_uri)
        if isinstance(scopes, str):
            scopes = scopes.split()
        self.scopes = tuple(_text("scopes", scope) for scope in scopes)
        self.base_url = resolve_base_url(base_url, allow_insecure_http)
        self.timeout = resolve_timeout(timeout)
        self._verifiers: OrderedDict[str, str] = OrderedDict()
        self._dropped: OrderedDict[str, None] = OrderedDict()  # states the full table evicted
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(client_id={self.client_id!r}, "
            f"redirect_uri={self.redirect_uri!r}, scopes={self.scopes!r}, "
            "client_secret=<redacted>)"
        )

    def __reduce__(self) -> Any:
        raise TypeError(f"a {type(self).__name__} holds a client secret; it cannot be pickled")

    @property
    def token_url(self) -> str:
        """The token endpoint: the only URL the client secret is ever sent to."""
        return str(self.base_url) + OAUTH2_TOKEN.path

    def authorization_url(self, state: str | None = None) -> tuple[str, str]:
        """The URL to send the user to, and its state (random when not given).

        A PKCE (S256) challenge goes with it; its verifier stays in this object, keyed by the
        state, until `exchange` uses it. Keep the state in the user's (server-side or signed)
        session and hand it back to `exchange` as `expected_state`.

        **Not a coroutine, on `AsyncOAuthApp` too: call it without `await`.** It sends nothing
        (the URL is built here; the user's browser goes there), so it is the same plain method
        on both apps, while `exchange` and `refresh`, which send requests, are coroutines on
        `AsyncOAuthApp`.
        """
        state = secrets.token_urlsafe(32) if state is None else _text("state", state)
        verifier = secrets.token_urlsafe(64)
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
        with self._lock:
            self._verifiers[state] = verifier
            self._dropped.pop(state, None)
            while len(self._verifiers) > MAX_PENDING:
                # Remembered (the state only, not its verifier) so that `exchange` can say
                # why this sign-in has no verifier left.
                self._dropped[self._verifiers.popitem(last=False)[0]] = None
                while len(self._dropped) > MAX_PENDING:
                    self._dropped.popitem(last=False)
        query = {
            "client_id": self.client_id,
            "response_type": "code",
            "redirect_uri": self.redirect_uri,
            "scope": " ".join(self.scopes),
            "state": state,
            "code_challenge": challenge.rstrip(b"=").decode("ascii"),
            "code_challenge_method": "S256",
        }
        return f"{self.base_url}{OAUTH2_AUTHORIZE.path}?{urlencode(query)}", state

    def _exchange_form(
        self,
        callback: str | Mapping[str, str],
        expected_state: str,
        code_verifier: str | None,
    ) -> dict[str, str]:
        """Check the callback (state first, in constant time) and build the exchange form."""
        params = _callback_params(callback)
        got = params.get("state", "").encode("utf-8", "replace")
        if not isinstance(expected_state, str) or not expected_state:
            raise OAuthStateError("expected_state must be the state authorization_url returned")
        if not hmac.compare_digest(got, expected_state.encode("utf-8", "replace")):
            raise OAuthStateError(
                "the callback's state does not match this sign-in's; nothing was sent"
            )
        with self._lock:
            verifier = self._verifiers.pop(expected_state, None)
            dropped = verifier is None and expected_state in self._dropped
        if "error" in params:
            raise OAuthAccessDenied(params["error"], params.get("error_description"))
        code = params.get("code")
        if not code:
            raise OAuthAccessDenied("invalid_request", "the callback carries no code")
        check_text(code=code)
        if code_verifier is not None:
            verifier = _text("code_verifier", code_verifier)
        if verifier is None:
            # Sent without its verifier, a code (a reloaded callback's, already spent) makes
            # the server revoke the grant it issued: the exchange is never sent without PKCE.
            raise OAuthStateError(_no_verifier(dropped))
        return {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": self.redirect_uri,
            "code_verifier": verifier,
        }

    def _refresh_form(self, session: OAuthSession) -> dict[str, str]:
        if not isinstance(session, OAuthSession):
            raise InvalidRequestError("session must be an OAuthSession (from exchange)")
        if session.client_id != self.client_id:
            raise InvalidRequestError("this session belongs to another app (client_id differs)")
        if not session.refresh_token:
            raise SessionExpiredError(
                "the app's token expired and it has no refresh token "
                "(ask for the offline_access scope)",
                status_code=401,
            )
        return {"grant_type": "refresh_token", "refresh_token": session.refresh_token}

    def _with_client(self, form: dict[str, str]) -> dict[str, str]:
        return {**form, "client_id": self.client_id, "client_secret": self._secret.reveal()}

    def _session_of(
        self, response: httpx2.Response, form: dict[str, str], old: OAuthSession | None
    ) -> OAuthSession:
        """The session a token answer starts, or the typed error (never holding the request,
        which carried the secret)."""
        body = parse_body(response)
        refreshing = form["grant_type"] == "refresh_token"
        if not response.is_success:
            error = body.get("error") if isinstance(body, dict) else None
            said = body.get("error_description") if isinstance(body, dict) else None
            message = f"HTTP {response.status_code}: {error or 'refused'}" + (
                f": {said}" if isinstance(said, str) else ""
            )
            if refreshing and error == "invalid_grant":
                raise SessionExpiredError(
                    message,
                    status_code=response.status_code,
                    body=body,
                    request_id=request_id_of(response),
                )
            hint = _NEXT_STEP.get(str(error))
            message += f"; {hint}" if hint else ""
            raise OAuthTokenError(
                message,
                status_code=response.status_code,
                body=body,
                request_id=request_id_of(response),
            )
        access = body.get("access_token") if isinstance(body, dict) else None
        kind = body.get("token_type") if isinstance(body, dict) else None
        # Rememberizer's sample app reads only access_token and refresh_token (spec x-source
        # S22): a missing token_type is a Bearer token; another type is refused.
        if not isinstance(access, str) or not access or str(kind or "bearer").lower() != "bearer":
            raise APIResponseValidationError(
                "HTTP 200: the token endpoint answered without a Bearer access_token",
                status_code=200,
            )
        if not _USABLE.fullmatch(access):
            # It goes in every request's Authorization header: a CR, LF or non-ASCII character
            # would fail each one, with the token quoted in the HTTP library's error.
            raise APIResponseValidationError(
                "HTTP 200: the token endpoint answered an access_token no header can carry",
                status_code=200,
            )
        assert isinstance(body, dict)
        refresh = body.get("refresh_token")
        if not isinstance(refresh, str):
            # RFC 6749 §6: without a new one, the old refresh token stays valid.
            refresh = old.refresh_token if old is not None else ""
        scope = body.get("scope")
        return OAuthSession(
            access,
            refresh,
            client_id=self.client_id,
            scope=scope if isinstance(scope, str) else " ".join(self.scopes),
            origin=str(self.base_url),
        )
