"""The fake server's OAuth2 apps: registration, the consent page, codes and app tokens.

The authorization-code grant of RFC 6749 §4.1 as Rememberizer documents it, with the choices
the docs leave open made strictly: redirect URIs match exactly, codes work once and live 60 s
of the fake clock, PKCE (S256 only) is checked when the authorization sent a challenge, and
refresh tokens rotate, a reused one revoking its whole grant.

An app's access token is an ordinary access JWT of this server with three more claims: `cid`
(the client id), `scope` and `mem` (the memento ids the user chose). So every API route that
takes a Bearer JWT takes it too, and `OAuth.grant(token)` tells the knowledge API what the
token may see.

A browser signs in on the fake's own sign-in page: the authorization URL of a browser without a
session answers 401 with a sign-in form (email and password), which posts to `POST /signin` at
the server's root. That sets the session cookies, as Rememberizer's web sign-in does, and sends
the browser back to the authorization URL, now the consent page. So a browser test (Playwright,
Selenium) drives an app's whole sign-in; `GET /signin` shows the same form on its own.

Test controls (JSON bodies; each value validated, 400 otherwise):
    POST /_testing/oauth-apps {name?, redirect_uris: [absolute http(s) URI, ...]}
        -> 201 {client_id, client_secret, name, redirect_uris}
    POST /_testing/oauth-consent {url, email, decision?: "approve"|"deny", mementos?: [id, ...]}
        -> 200 {location}: what the signed-in user `email` answering the consent page for the
        authorization URL `url` is sent back to: `redirect_uri?code&state`, or `?error&state`.
    POST /_testing/oauth-revoke {client_id, email}
        -> 200 {revoked: n}: the user withdraws the app's access, as from Rememberizer's
        settings; every token of its n grants stops working at once.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, unquote_plus, urlencode, urlsplit, urlunsplit

from rememberizer_api import operations as ops
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from ._contract import contract
from ._http import (
    ACCESS_COOKIE,
    API_PREFIX,
    _json_body,
    _set_session_cookies,
    _state,
    another_sites,
)
from ._state import SIGNIN, Rejected, User

if TYPE_CHECKING:
    from ._state import State

SIGN_IN_ROUTE = "/signin"
"""The fake's web sign-in page, at the server's root (outside the API, like Rememberizer's)."""
CODE_TTL = 60.0
CONSENT_TTL = 600.0
MAX_FORM = 64 * 1024
OFFLINE_ACCESS = "offline_access"
# RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
_SCOPE_TOKEN = re.compile(r"^[\x21\x23-\x5b\x5d-\x7e]+$")
# The spec's rules for the authorization request: its errors go back to the app as OAuth
# says (RFC 6749 §4.1.2.1), so check() applies them itself rather than answering a 400.
_RESPONSE_TYPES = contract().query_schema(ops.OAUTH2_AUTHORIZE, "response_type")["enum"]
_CHALLENGE_METHODS = contract().query_schema(ops.OAUTH2_AUTHORIZE, "code_challenge_method")["enum"]
_CHALLENGE = re.compile(contract().query_schema(ops.OAUTH2_AUTHORIZE, "code_challenge")["pattern"])
# RFC 7636 §4.1: code-verifier = 43*128unreserved
_VERIFIER = re.compile(r"^[A-Za-z0-9._~-]{43,128}$")


@dataclass
class OAuthApp:
    """A registered app (a confidential client)."""

    client_id: str
    client_secret: str = field(repr=False)
    name: str
    redirect_uris: tuple[str, ...]


@dataclass(frozen=True)
class Authorization:
    """A checked authorization request, before the user answers it."""

    app: OAuthApp
    redirect_uri: str
    scope: str
    state: str
    code_challenge: str | None


@dataclass
class PendingConsent:
    user_id: int
    request: Authorization
    expires_at: float


@dataclass
class AuthCode:
    user_id: int
    request: Authorization
    mementos: frozenset[int]
    expires_at: float
    family: str
    used: bool = False


@dataclass
class AppRefreshToken:
    client_id: str
    user_id: int
    family: str
    scope: str
    mementos: frozenset[int]
    expires_at: float
    used_at: float | None = None


@dataclass(frozen=True)
class AppGrant:
    """What an app's access token may use: the hook for the knowledge API.

    `mementos` are the ids the user chose on the consent page; an app token sees only the
    documents of these mementos. A first-party token (signin, refresh) has no AppGrant.
    """

    client_id: str
    scope: frozenset[str]
    mementos: frozenset[int]


@dataclass(frozen=True)
class Memento:
    """A memento offered on the consent page."""

    id: int
    name: str


class OAuthError(Exception):
    """An RFC 6749 §5.2 error from the token endpoint."""

    def __init__(self, error: str, description: str, status: int = 400) -> None:
        super().__init__(error)
        self.error, self.description, self.status = error, description, status


class PageError(Exception):
    """An error shown to the user as a page: the request cannot go back to the app."""

    def __init__(self, status: int, error: str, message: str) -> None:
        super().__init__(error)
        self.status, self.error, self.message = status, error, message


class RedirectError(Exception):
    """An error sent back to the app's redirect URI (RFC 6749 §4.1.2.1)."""

    def __init__(self, request: Authorization | None, location: str) -> None:
        super().__init__(location)
        self.request, self.location = request, location


def with_query(uri: str, params: Mapping[str, str]) -> str:
    """`uri` with `params` added to its query, keeping what it had."""
    parts = urlsplit(uri)
    query = parse_qsl(parts.query, keep_blank_values=True) + list(params.items())
    return urlunsplit(parts._replace(query=urlencode(query)))


def s256(verifier: str) -> str:
    """The PKCE S256 challenge of a verifier (RFC 7636 §4.2)."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def mementos_of(state: State, user: User) -> list[Memento]:
    """The user's mementos, as the consent page offers them (the knowledge area owns them)."""
    return [Memento(m.id, m.name) for m in state.knowledge.library(user).mementos.values()]


class OAuth:
    """The OAuth2 state of one fake server; its lock is the server's."""

    def __init__(self, state: State) -> None:
        self._state = state
        self.apps: dict[str, OAuthApp] = {}
        self.consents: dict[str, PendingConsent] = {}
        self.codes: dict[str, AuthCode] = {}
        self.refresh_tokens: dict[str, AppRefreshToken] = {}
        # Each grant's token family, and the app and user it belongs to.
        self.families: dict[str, tuple[str, int]] = {}

    # -- registration and the authorization request ---------------------------------------

    def client_secrets(self) -> list[str]:
        """Every registered app's secret: the request log says where one was sent."""
        with self._state._lock:
            return [app.client_secret for app in self.apps.values()]

    def register(self, name: str, redirect_uris: Sequence[str]) -> OAuthApp:
        app = OAuthApp(
            client_id="app_" + secrets.token_hex(8),
            client_secret=secrets.token_urlsafe(32),
            name=name,
            redirect_uris=tuple(redirect_uris),
        )
        with self._state._lock:
            self.apps[app.client_id] = app
        return app

    def check(self, params: Sequence[tuple[str, str]]) -> Authorization:
        """The authorization request in `params`, or PageError / RedirectError."""
        seen: dict[str, str] = {}
        repeated = set()
        for key, value in params:
            if key in seen:
                repeated.add(key)
            seen[key] = value
        with self._state._lock:
            app = self.apps.get(seen.get("client_id", ""))
        # RFC 6749 §4.1.2.1: with an unknown client or redirect URI, tell the user, not the app.
        if app is None or "client_id" in repeated:
            raise PageError(400, "invalid_client", "This app is not registered with Rememberizer.")
        redirect_uri = seen.get("redirect_uri", "")
        if redirect_uri not in app.redirect_uris or "redirect_uri" in repeated:
            raise PageError(
                400, "invalid_request", "The redirect_uri is not one this app registered."
            )
        state = seen.get("state", "")

        def fail(error: str, description: str) -> RedirectError:
            back = {"error": error, "error_description": description}
            if state:
                back["state"] = state
            return RedirectError(None, with_query(redirect_uri, back))

        if repeated:
            raise fail("invalid_request", f"Repeated parameter: {sorted(repeated)[0]}.")
        if "response_type" not in seen:
            raise fail("invalid_request", "response_type is required.")
        if seen["response_type"] not in _RESPONSE_TYPES:
            raise fail("unsupported_response_type", "Only response_type=code is supported.")
        if not state:
            raise fail("invalid_request", "state is required.")
        scope = seen.get("scope", "")
        if scope and not all(_SCOPE_TOKEN.match(token) for token in scope.split(" ")):
            raise fail("invalid_scope", "The scope is malformed.")
        challenge, method = seen.get("code_challenge"), seen.get("code_challenge_method")
        if challenge is None and method is not None:
            raise fail("invalid_request", "code_challenge_method needs a code_challenge.")
        if challenge is not None:
            if method not in _CHALLENGE_METHODS:
                raise fail("invalid_request", "Only code_challenge_method=S256 is supported.")
            if not _CHALLENGE.match(challenge):
                raise fail("invalid_request", "code_challenge is malformed.")
        return Authorization(app, redirect_uri, " ".join(scope.split()), state, challenge)

    def begin(self, user: User, request: Authorization) -> str:
        """Keep the request while the user reads the consent page; returns its id."""
        consent_id = secrets.token_urlsafe(16)
        with self._state._lock:
            self.consents[consent_id] = PendingConsent(
                user.id, request, self._state.now() + CONSENT_TTL
            )
        return consent_id

    def pending(self, user: User, consent_id: str) -> Authorization:
        """The request behind a consent form this user was shown, or PageError."""
        with self._state._lock:
            entry = self.consents.get(consent_id)
            if entry is None or entry.user_id != user.id or entry.expires_at <= self._state.now():
                raise PageError(
                    400, "invalid_request", "This consent request is no longer valid; start again."
                )
            return entry.request

    def decide(
        self,
        user: User,
        request: Authorization,
        approve: bool,
        mementos: Sequence[int],
        consent_id: str | None = None,
    ) -> str:
        """The user's answer: where to send them back to, with a code or access_denied."""
        allowed = {m.id for m in mementos_of(self._state, user)}
        unknown = sorted(set(mementos) - allowed)
        if unknown:
            raise ValueError(f"memento {unknown[0]} is not one of the user's mementos")
        with self._state._lock:
            if consent_id is not None:
                self.consents.pop(consent_id, None)
            if not approve:
                return with_query(
                    request.redirect_uri,
                    {
                        "error": "access_denied",
                        "error_description": "The user denied the request.",
                        "state": request.state,
                    },
                )
            code = secrets.token_urlsafe(24)
            family = "app-" + secrets.token_hex(8)
            self.families[family] = (request.app.client_id, user.id)
            self.codes[code] = AuthCode(
                user_id=user.id,
                request=request,
                mementos=frozenset(mementos),
                expires_at=self._state.now() + CODE_TTL,
                family=family,
            )
            return with_query(request.redirect_uri, {"code": code, "state": request.state})

    # -- the token endpoint ----------------------------------------------------------------

    def token(self, form: Mapping[str, str], basic: tuple[str, str] | None) -> dict[str, Any]:
        """The token endpoint's answer for a parsed form, or OAuthError."""
        if basic is not None and ("client_id" in form or "client_secret" in form):
            raise OAuthError("invalid_request", "Authenticate the client one way only.")
        client_id, secret = basic or (form.get("client_id", ""), form.get("client_secret", ""))
        with self._state._lock:
            app = self.apps.get(client_id)
            if app is None or not hmac.compare_digest(app.client_secret.encode(), secret.encode()):
                raise OAuthError("invalid_client", "Client authentication failed.", 401)
            grant_type = form.get("grant_type")
            if not grant_type:
                raise OAuthError("invalid_request", "grant_type is required.")
            if grant_type == "authorization_code":
                return self._exchange(app, form)
            if grant_type == "refresh_token":
                return self._refresh(app, form)
            raise OAuthError("unsupported_grant_type", f"Unsupported grant_type: {grant_type}.")

    def _exchange(self, app: OAuthApp, form: Mapping[str, str]) -> dict[str, Any]:
        code = form.get("code")
        if not code:
            raise OAuthError("invalid_request", "code is required.")
        if "redirect_uri" not in form:
            raise OAuthError("invalid_request", "redirect_uri is required.")
        entry = self.codes.get(code)
        invalid = OAuthError(
            "invalid_grant", "The authorization code is invalid, expired or already used."
        )
        if entry is None or entry.request.app.client_id != app.client_id:
            raise invalid
        if entry.used:
            # RFC 6749 §4.1.2: a replayed code revokes what it was exchanged for.
            self._state.revoked_families.add(entry.family)
            raise invalid
        # Spent by any attempt of its own client, so a wrong verifier cannot be retried.
        entry.used = True
        if entry.expires_at <= self._state.now():
            raise invalid
        if form["redirect_uri"] != entry.request.redirect_uri:
            raise OAuthError("invalid_grant", "redirect_uri does not match the authorization.")
        verifier = form.get("code_verifier")
        challenge = entry.request.code_challenge
        if challenge is None and verifier is not None:
            # RFC 9700 §2.1.1: a verifier without a challenge is a PKCE downgrade attempt.
            raise OAuthError("invalid_grant", "code_verifier was sent but no code_challenge was.")
        if challenge is not None and (
            verifier is None
            or not _VERIFIER.match(verifier)
            or not hmac.compare_digest(s256(verifier), challenge)
        ):
            raise OAuthError("invalid_grant", "The PKCE code_verifier does not match.")
        return self._issue(app, entry.user_id, entry.family, entry.request.scope, entry.mementos)

    def _refresh(self, app: OAuthApp, form: Mapping[str, str]) -> dict[str, Any]:
        token = form.get("refresh_token")
        if not token:
            raise OAuthError("invalid_request", "refresh_token is required.")
        entry = self.refresh_tokens.get(token)
        now = self._state.now()
        if (
            entry is None
            or entry.client_id != app.client_id
            or entry.family in self._state.revoked_families
            or entry.expires_at <= now
        ):
            raise OAuthError("invalid_grant", "The refresh token is invalid or expired.")
        if (
            entry.used_at is not None
            and now - entry.used_at > self._state.options.refresh_reuse_grace
        ):
            # A rotated token presented again has leaked: end every token of this grant.
            self._state.revoked_families.add(entry.family)
            raise OAuthError("invalid_grant", "The refresh token has already been used.")
        if entry.used_at is None:
            entry.used_at = now
        return self._issue(app, entry.user_id, entry.family, entry.scope, entry.mementos)

    def _issue(
        self, app: OAuthApp, user_id: int, family: str, scope: str, mementos: frozenset[int]
    ) -> dict[str, Any]:
        options = self._state.options
        access = self._state.access_token(
            user_id,
            family,
            {"cid": app.client_id, "scope": scope, "mem": sorted(mementos)},
        )
        answer: dict[str, Any] = {
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": int(options.access_ttl),
            "scope": scope,
        }
        # Documented: a refresh token needs the offline_access scope.
        if OFFLINE_ACCESS in scope.split():
            refresh = secrets.token_urlsafe(32)
            self.refresh_tokens[refresh] = AppRefreshToken(
                client_id=app.client_id,
                user_id=user_id,
                family=family,
                scope=scope,
                mementos=mementos,
                expires_at=self._state.now() + options.refresh_ttl,
            )
            answer["refresh_token"] = refresh
        return answer

    def revoke(self, client_id: str, user_id: int) -> int:
        """Withdraw every grant of app `client_id` for user `user_id`; returns how many."""
        with self._state._lock:
            mine = {f for f, owner in self.families.items() if owner == (client_id, user_id)}
            self._state.revoked_families.update(mine)
            return len(mine)

    # -- the hook for the knowledge API ------------------------------------------------------

    def grant(self, token: str | None) -> AppGrant | None:
        """The app grant behind an access token, or None for a first-party token.

        Call it after `State.authenticate(token)` accepted the token: None means the token is
        the user's own (no limit); an AppGrant limits the token to `grant.mementos`.
        """
        claims = self._state.token_claims(token) if token else None
        if claims is None or not isinstance(claims.get("cid"), str):
            return None
        scope = claims.get("scope")
        mementos = claims.get("mem")
        return AppGrant(
            client_id=claims["cid"],
            scope=frozenset(scope.split()) if isinstance(scope, str) else frozenset(),
            mementos=frozenset(m for m in mementos if isinstance(m, int))
            if isinstance(mementos, list)
            else frozenset(),
        )


# -- HTTP ---------------------------------------------------------------------------------------


def _page(status: int, title: str, body: str) -> HTMLResponse:
    document = (
        "<!doctype html>\n<html lang=en><head><meta charset=utf-8>"
        f"<title>{html.escape(title)}</title></head>\n<body>\n{body}\n</body></html>\n"
    )
    # The page must not be framed (clickjacking a consent) nor cached.
    headers = {"X-Frame-Options": "DENY", "Cache-Control": "no-store"}
    return HTMLResponse(document, status_code=status, headers=headers)


def _error_page(exc: PageError) -> HTMLResponse:
    return _page(
        exc.status,
        "Rememberizer",
        f"<h1>{html.escape(exc.error)}</h1>\n<p>{html.escape(exc.message)}</p>",
    )


def _sign_in_page(after: str, notice: str = "", status: int = 401) -> HTMLResponse:
    """The sign-in form; `after` is where the browser goes once signed in."""
    warning = f"<p role=alert class=notice>{html.escape(notice)}</p>\n" if notice else ""
    return _page(
        status,
        "Sign in to Rememberizer",
        "<h1>Sign in to Rememberizer to continue</h1>\n"
        f"<p>You need to be signed in to let an app use your mementos.</p>\n{warning}"
        f'<form method=post action="{SIGN_IN_ROUTE}">\n'
        f'<input type=hidden name=next value="{html.escape(after)}">\n'
        "<label>Email <input type=email name=email autocomplete=username required></label>\n"
        "<label>Password <input type=password name=password autocomplete=current-password "
        "required></label>\n"
        "<button type=submit>Sign in</button>\n"
        "</form>",
    )


def _after_sign_in(value: str) -> str:
    """Where the sign-in form may send the browser: an authorization URL of this server, by
    path (never another site: the form must not be an open redirect), else that URL bare."""
    parts = urlsplit(value)
    authorize = API_PREFIX + ops.OAUTH2_AUTHORIZE.path
    if parts.scheme or parts.netloc or parts.path != authorize:
        return authorize
    return urlunsplit(("", "", parts.path, parts.query, ""))


def _here(request: Request) -> str:
    """The request's path and query, as the sign-in form's `next`."""
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")


async def sign_in_page(request: Request) -> Response:
    """GET /signin?next=AUTHORIZATION_URL shows the sign-in form; POST /signin (the form:
    email, password, next) signs the browser in and sends it to `next`."""
    if request.method != "POST":
        return _sign_in_page(_after_sign_in(request.query_params.get("next", "")), status=200)
    if another_sites(request):
        # Login CSRF: another site's form would sign the browser in as the attacker, whose
        # account the user would then grant apps to.
        return _error_page(
            PageError(403, "access_denied", "Sign in from Rememberizer's own sign-in page.")
        )
    fields = dict(await _form(request))
    after = _after_sign_in(fields.get("next", ""))
    state = _state(request)
    # The page stands for Rememberizer's web app, whose own reCAPTCHA the user solves there.
    body = {
        "login": fields.get("email", ""),
        "password": fields.get("password", ""),
        "captcha": state.issue_captcha(SIGNIN),
    }
    try:
        tokens = state.signin(body)
    except Rejected as exc:
        notice = (
            "Too many attempts; try again later."
            if exc.status == 429
            else "Wrong email or password."
            if exc.status == 401
            else "Enter your email and password."
        )
        return _sign_in_page(after, notice, status=exc.status)
    response = RedirectResponse(after, status_code=303)
    _set_session_cookies(response, state, tokens)
    return response


def consent_page(
    action: str, consent_id: str, request: Authorization, mementos: list[Memento], notice: str = ""
) -> HTMLResponse:
    """The consent form: the app's name, the user's mementos to choose from, Allow and Deny."""
    name = html.escape(request.app.name)
    items = "\n".join(
        f'<li><label><input type=checkbox name=memento value="{m.id}"> '
        f"{html.escape(m.name)}</label></li>"
        for m in mementos
    )
    choices = f"<ul>\n{items}\n</ul>" if mementos else "<p>You have no mementos yet.</p>"
    scope = html.escape(request.scope) if request.scope else "(none)"
    warning = f"<p role=alert class=notice>{html.escape(notice)}</p>\n" if notice else ""
    body = (
        f"<h1>{name} wants to use your Rememberizer knowledge</h1>\n{warning}"
        f"<p>Scopes: {scope}</p>\n"
        f'<form method=post action="{html.escape(action)}">\n'
        f'<input type=hidden name=consent value="{html.escape(consent_id)}">\n'
        f"<fieldset><legend>Choose the mementos {name} may use</legend>\n{choices}\n</fieldset>\n"
        "<button type=submit name=decision value=approve>Allow</button>\n"
        "<button type=submit name=decision value=deny>Deny</button>\n"
        "</form>"
    )
    return _page(200, f"Authorize {request.app.name}", body)


def _oauth(request: Request) -> OAuth:
    return _state(request).oauth


def _cookie_user(request: Request) -> User | None:
    try:
        return _state(request).authenticate(request.cookies.get(ACCESS_COOKIE))
    except Rejected:
        return None


async def authorize_or_consent(request: Request) -> Response:
    """The authorize URL: GET (and HEAD) shows the consent page, POST answers it (one route, so
    that a 405 lists both methods in Allow)."""
    if request.method == "POST":
        return await consent(request)
    return await authorize(request)


async def authorize(request: Request) -> Response:
    """GET /auth/oauth2/authorize/: the consent page, or a redirect back with an error."""
    oauth = _oauth(request)
    try:
        checked = oauth.check(list(request.query_params.multi_items()))
    except PageError as exc:
        return _error_page(exc)
    except RedirectError as exc:
        return RedirectResponse(exc.location, status_code=302)
    user = _cookie_user(request)
    if user is None:
        return _sign_in_page(_here(request))
    consent_id = oauth.begin(user, checked)
    return consent_page(request.url.path, consent_id, checked, mementos_of(_state(request), user))


async def consent(request: Request) -> Response:
    """POST /auth/oauth2/authorize/: the consent form's answer."""
    form = await _form(request)
    user = _cookie_user(request)
    if user is None:
        # The consent form's answer cannot be replayed after signing in: start it again.
        return _sign_in_page(API_PREFIX + ops.OAUTH2_AUTHORIZE.path)
    oauth = _oauth(request)
    fields = dict(form)
    consent_id = fields.get("consent", "")
    try:
        checked = oauth.pending(user, consent_id)
    except PageError as exc:
        return _error_page(exc)
    decision = fields.get("decision", "")
    chosen = [value for name, value in form if name == "memento"]
    notice = ""
    if decision not in ("approve", "deny"):
        notice = "Choose Allow or Deny."
    elif not all(value.isdigit() for value in chosen):
        notice = "Choose mementos from the list."
    else:
        try:
            location = oauth.decide(
                user, checked, decision == "approve", [int(v) for v in chosen], consent_id
            )
        except ValueError:
            notice = "Choose mementos from the list."
        else:
            return RedirectResponse(location, status_code=302)
    offered = mementos_of(_state(request), user)
    return consent_page(request.url.path, consent_id, checked, offered, notice)


async def token(request: Request) -> Response:
    """POST /auth/oauth2/token/: codes and refresh tokens for app tokens (RFC 6749 §4.1.3, §6)."""
    no_store = {"Cache-Control": "no-store", "Pragma": "no-cache"}
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    form = await _form(request)
    try:
        if content_type != "application/x-www-form-urlencoded":
            raise OAuthError("invalid_request", "Send application/x-www-form-urlencoded.")
        names = [name for name, _ in form]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise OAuthError("invalid_request", f"Repeated parameter: {repeated[0]}.")
        answer = _oauth(request).token(dict(form), _basic(request))
    except OAuthError as exc:
        return JSONResponse(
            {"error": exc.error, "error_description": exc.description},
            status_code=exc.status,
            headers=no_store,
        )
    return JSONResponse(answer, headers=no_store)


def _basic(request: Request) -> tuple[str, str] | None:
    """Client credentials from HTTP Basic (RFC 6749 §2.3.1), or None when not sent."""
    scheme, _, encoded = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        client_id, _, secret = base64.b64decode(encoded, validate=True).decode().partition(":")
    except (ValueError, UnicodeDecodeError):
        raise OAuthError("invalid_client", "Client authentication failed.", 401) from None
    return unquote_plus(client_id), unquote_plus(secret)


async def _form(request: Request) -> list[tuple[str, str]]:
    """The urlencoded form of a request as (name, value) pairs; Rejected(413) when too big."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_FORM:
        raise Rejected(413, {"detail": "Request body too large.", "code": "too_large"})
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_FORM:
            raise Rejected(413, {"detail": "Request body too large.", "code": "too_large"})
        chunks.append(chunk)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        return []
    try:
        return parse_qsl(b"".join(chunks).decode("utf-8"), keep_blank_values=True)
    except (UnicodeDecodeError, ValueError):
        return []


# -- the test controls ----------------------------------------------------------------------


async def testing_register(request: Request) -> Response:
    """POST /_testing/oauth-apps {name, redirect_uris}: register an app."""
    body = await _json_body(request)
    name, uris = body.get("name", "Test app"), body.get("redirect_uris")
    errors: dict[str, list[str]] = {}
    if not isinstance(name, str) or not name.strip() or len(name) > 200:
        errors["name"] = ["A name of 1 to 200 characters is required."]
    if (
        not isinstance(uris, list)
        or not uris
        or not all(isinstance(u, str) and _absolute_uri(u) for u in uris)
    ):
        errors["redirect_uris"] = [
            "A list of absolute http(s) URIs without a fragment is required."
        ]
    if errors:
        raise Rejected(400, errors)
    assert isinstance(name, str)
    assert isinstance(uris, list)
    app = _state(request).oauth.register(name, uris)
    return JSONResponse(
        {
            "client_id": app.client_id,
            "client_secret": app.client_secret,
            "name": app.name,
            "redirect_uris": list(app.redirect_uris),
        },
        status_code=201,
    )


def _absolute_uri(uri: str) -> bool:
    parts = urlsplit(uri)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not parts.fragment


async def testing_consent(request: Request) -> Response:
    """POST /_testing/oauth-consent {url, email, decision, mementos}: answer without a browser."""
    body = await _json_body(request)
    url, email = body.get("url"), body.get("email")
    decision, mementos = body.get("decision", "approve"), body.get("mementos", [])
    errors: dict[str, list[str]] = {}
    if not isinstance(url, str) or not urlsplit(url).path.endswith(ops.OAUTH2_AUTHORIZE.path):
        errors["url"] = ["The authorization URL the app sent the user to is required."]
    state = _state(request)
    user = state.users.get(email.lower()) if isinstance(email, str) else None
    if user is None:
        errors["email"] = ["The email of a registered user is required."]
    if decision not in ("approve", "deny"):
        errors["decision"] = ["Must be one of: approve, deny."]
    if not isinstance(mementos, list) or not all(
        isinstance(m, int) and not isinstance(m, bool) for m in mementos
    ):
        errors["mementos"] = ["A list of memento ids is required."]
    if errors:
        raise Rejected(400, errors)
    assert isinstance(url, str)
    assert user is not None
    assert isinstance(mementos, list)
    try:
        checked = state.oauth.check(parse_qsl(urlsplit(url).query, keep_blank_values=True))
        location = state.oauth.decide(user, checked, decision == "approve", mementos)
    except PageError as exc:
        raise Rejected(400, {"url": [f"{exc.error}: {exc.message}"]}) from None
    except RedirectError as exc:
        location = exc.location
    except ValueError as exc:
        raise Rejected(400, {"mementos": [str(exc)]}) from None
    return JSONResponse({"location": location})


async def testing_revoke(request: Request) -> Response:
    """POST /_testing/oauth-revoke {client_id, email}: the user withdraws an app's access."""
    body = await _json_body(request)
    state = _state(request)
    client_id, email = body.get("client_id"), body.get("email")
    errors: dict[str, list[str]] = {}
    if not isinstance(client_id, str) or client_id not in state.oauth.apps:
        errors["client_id"] = ["The client id of a registered app is required."]
    user = state.users.get(email.lower()) if isinstance(email, str) else None
    if user is None:
        errors["email"] = ["The email of a registered user is required."]
    if errors:
        raise Rejected(400, errors)
    assert isinstance(client_id, str)
    assert user is not None
    return JSONResponse({"revoked": state.oauth.revoke(client_id, user.id)})
