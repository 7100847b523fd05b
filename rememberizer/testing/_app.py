"""The fake server's HTTP layer: the API under /api/v1 and the test controls under /_testing.

The rules live in _state.py; this module turns requests into calls on State and State's
answers (or Rejected) into responses that match spec/rememberizer_openapi.yml.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import math
import os
import re
from http.cookies import SimpleCookie
from secrets import token_hex
from typing import Any
from urllib.parse import parse_qsl

from rememberizer_api import operations as ops
from rememberizer_api.operations import OperationInfo
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route, Router
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .._errors import REQUEST_ID_HEADER
from . import _oauth, _vector_stores
from ._contract import CAPTCHA_ACTIONS, DRIFT, Contract, contract
from ._http import (
    ACCESS_COOKIE,
    API_PREFIX,
    OPERATION,
    REFRESH_COOKIE,
    Handler,
    _access_token,
    _bad_request,
    _Dropped,
    _json,
    _json_body,
    _set_session_cookies,
    _state,
    another_sites,
    check_query,
    logger,
    spec_errors,
)
from ._knowledge_app import API_KEY_HEADER, knowledge_controls, knowledge_routes, principal
from ._request_log import LOG_ENTRY, media_type, recording_receive, secret_in_head
from ._state import Fault, Rejected, State

# -- the API --------------------------------------------------------------------------------


async def signup(request: Request) -> Response:
    state = _state(request)
    body = await _json_body(request, check=False)
    user, tokens = state.signup(body, spec_errors(request, body))
    response = _json(201, _user_json(user))
    _set_session_cookies(response, state, tokens)
    return response


def _user_json(user: Any) -> dict[str, Any]:
    return {
        "id": user.id,
        "email": user.email,
        "name": user.name,
        "email_verified": user.email_verified,
    }


async def signin(request: Request) -> Response:
    state = _state(request)
    body = await _json_body(request, check=False)
    tokens = state.signin(body, spec_errors(request, body))
    response = Response(status_code=204)
    _set_session_cookies(response, state, tokens)
    return response


async def verify_email(request: Request) -> Response:
    state = _state(request)
    user = state.authenticate(_access_token(request))
    state.verify_email(user, await _json_body(request))
    return _json(200, {"detail": "Email verified."})


async def refresh(request: Request) -> Response:
    state = _state(request)
    tokens = state.refresh(request.cookies.get(REFRESH_COOKIE))
    response = Response(status_code=204)
    _set_session_cookies(response, state, tokens)
    return response


async def logout(request: Request) -> Response:
    state = _state(request)
    state.logout(request.cookies.get(REFRESH_COOKIE))
    response = Response(status_code=204)
    for name in (ACCESS_COOKIE, REFRESH_COOKIE):
        response.delete_cookie(
            name, path="/", secure=state.options.secure_cookies, httponly=True, samesite="lax"
        )
    return response


async def account(request: Request) -> Response:
    # A session, an app's token, or a knowledge API key (Rememberizer's MCP server, S23).
    token = _access_token(request)
    if token or request.headers.get(API_KEY_HEADER) is None:
        user = _state(request).authenticate(token)
    else:
        user = principal(request, api_key=True).user
    return _json(200, {"id": user.id, "email": user.email, "name": user.name})


async def create_vector_store(request: Request) -> Response:
    """POST /vector-stores/ with the user's JWT (S20): a new, empty store."""
    _state(request).authenticate(_access_token(request))
    body = await _json_body(request)
    name, description = body["name"], body.get("description", "")
    store = _state(request).vector_stores.create(name, description)
    when = _vector_stores._when(store.created)
    return _json(
        201,
        {
            "id": store.id,
            "name": store.name,
            "description": store.description,
            "created": when,
            "modified": when,
        },
    )


async def vector_store_configs(request: Request) -> Response:
    """GET /vector-stores/configs with the user's JWT (S20): what a new store may use."""
    _state(request).authenticate(_access_token(request))
    return _json(
        200,
        {
            "embedding_models": [_vector_stores.EMBEDDING_MODEL],
            "indexing_algorithms": [_vector_stores.INDEXING_ALGORITHM],
            "search_metrics": [_vector_stores.SEARCH_METRIC],
        },
    )


async def me(request: Request) -> Response:
    user = _state(request).authenticate(_access_token(request))
    return _json(
        200,
        {
            "id": user.id,
            "email": user.email,
            "name": user.name,
            "user_onboarding_status": 0,
            "dev_onboarding_status": 0,
            "company_name": "",
            "website": "",
            "bio": "",
            "team": [
                {"id": user.id, "name": f"{user.name}'s team", "image_url": "", "role": "admin"}
            ],
            "embed_quota": 10000,
            "current_usage": 0,
            "email_verified": user.email_verified,
        },
    )


# -- the test controls ----------------------------------------------------------------------


async def testing_captcha(request: Request) -> Response:
    body = await _json_body(request)
    action = body.get("action")
    if action not in CAPTCHA_ACTIONS:
        raise Rejected(400, {"action": [f"Must be one of: {', '.join(CAPTCHA_ACTIONS)}."]})
    return _json(200, {"token": _state(request).issue_captcha(action)})


async def testing_outbox(request: Request) -> Response:
    query = request.query_params
    return _json(200, {"messages": _state(request).messages(query.get("email"), query.get("kind"))})


async def testing_requests(request: Request) -> Response:
    state = _state(request)
    if request.method == "DELETE":
        state.clear_requests()
        return Response(status_code=204)
    return _json(200, {"requests": state.request_log()})


MAX_ADVANCE = 100 * 365 * 24 * 3600.0


async def testing_clock(request: Request) -> Response:
    body = await _json_body(request)
    advance: Any = body.get("advance")
    # NaN would poison every comparison with the clock; a century either way is plenty.
    if set(body) != {"advance"} or not _finite(advance) or abs(advance) > MAX_ADVANCE:
        raise Rejected(400, {"advance": ["A finite number of seconds is required."]})
    return _json(200, {"now": _state(request).advance(float(advance))})


async def testing_faults(request: Request) -> Response:
    state = _state(request)
    if request.method == "DELETE":
        state.clear_faults()
        return Response(status_code=204)
    state.add_fault(parse_fault(await _json_body(request)))
    return _json(201, {"faults": len(state.faults)})


FAULT_FIELDS = frozenset(
    {"path", "method", "status", "times", "retry_after", "delay", "body", "content_type", "drop"}
    | {"headers"}
)
MAX_DELAY = 60.0
# RFC 9110 field names are tokens; values are visible characters, spaces and tabs. A CR or LF
# would split the header (response splitting) and crash the server's HTTP writer.
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_FIELD_VALUE = re.compile(r"[\t\x20-\x7e\x80-\xff]*")


def _finite(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _header_value(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= 1024 and bool(_FIELD_VALUE.fullmatch(value))


def parse_fault(body: dict[str, Any]) -> Fault:
    """A Fault from the JSON of POST /_testing/faults, or Rejected(400) naming each bad field."""
    path, status, times = body.get("path"), body.get("status"), body.get("times", 1)
    method, retry_after, delay = body.get("method"), body.get("retry_after"), body.get("delay", 0)
    content_type, drop = body.get("content_type"), body.get("drop", False)
    errors: dict[str, list[str]] = {}
    for name in sorted(set(body) - FAULT_FIELDS):
        errors[name] = ["Unknown field."]
    if not isinstance(path, str) or not path.startswith("/") or not path.isprintable():
        errors["path"] = ["An API path such as /account/ is required."]
    if status is not None and (
        not isinstance(status, int) or isinstance(status, bool) or not 200 <= status <= 599
    ):
        errors["status"] = ["An HTTP status code from 200 to 599 is required."]
    if not isinstance(drop, bool):
        errors["drop"] = ["true or false is required."]
    if status is None and not drop and not delay:
        errors["status"] = ["Give a status, a delay or drop."]
    if not isinstance(times, int) or isinstance(times, bool) or not 1 <= times <= 1_000_000:
        errors["times"] = ["A whole number from 1 to 1000000 is required."]
    if method is not None and (not isinstance(method, str) or not _TOKEN.fullmatch(method)):
        errors["method"] = ["An HTTP method is required."]
    if not _finite(delay) or not 0 <= delay <= MAX_DELAY:
        errors["delay"] = [f"A number of seconds from 0 to {MAX_DELAY:g} is required."]
    if retry_after is not None and not (
        (isinstance(retry_after, int) and not isinstance(retry_after, bool) and retry_after >= 0)
        or _header_value(retry_after)
    ):
        errors["retry_after"] = ["Seconds, or an HTTP date without control characters."]
    if content_type is not None and not _header_value(content_type):
        errors["content_type"] = ["A media type without control characters is required."]
    headers = body.get("headers", {})
    if not isinstance(headers, dict) or not all(
        isinstance(k, str) and _TOKEN.fullmatch(k) and _header_value(v) for k, v in headers.items()
    ):
        errors["headers"] = [
            "A mapping of header names to values, without CR, LF or other control characters."
        ]
    try:
        json.dumps(body.get("body"), allow_nan=False)
    except ValueError:
        errors["body"] = ["NaN and infinities cannot be sent as JSON."]
    if errors:
        raise Rejected(400, errors)
    assert isinstance(path, str)
    assert isinstance(headers, dict)
    if path.startswith(API_PREFIX + "/"):
        path = path[len(API_PREFIX) :]
    return Fault(
        path=path,
        method=method.upper() if isinstance(method, str) else None,
        status=status,
        times=times,
        retry_after=None if retry_after is None else str(retry_after),
        delay=float(delay),
        body=body.get("body"),
        content_type=content_type,
        drop=drop,
        headers=headers,
    )


async def testing_reset(request: Request) -> Response:
    _state(request).reset()
    return Response(status_code=204)


# -- assembly -------------------------------------------------------------------------------


def _guarded(handler: Handler) -> Handler:
    """Turn Rejected into its documented answer, and anything unexpected into a JSON 500."""

    async def endpoint(request: Request) -> Response:
        try:
            return await handler(request)
        except Rejected as exc:
            return _json(exc.status, exc.body, exc.retry_after)
        except Exception:
            logger.exception("fake server error on %s %s", request.method, request.url.path)
            return _json(500, {"detail": "A server error occurred.", "code": "server_error"})

    return endpoint


class _SameSiteOnly:
    """Every test control refuses what another site's page can make a browser send.

    A page the developer visits may POST a form (or a no-cors fetch) to a fake server on
    loopback: urlencoded, multipart or text/plain, with the browser's Origin and
    Sec-Fetch-Site headers. A control takes JSON only (no form can send it, and a fetch that
    does is preflighted, which this server never answers), and refuses a request another
    origin sent, or a page's fetch under a host name other than the loopback's (DNS
    rebinding). A client that is not a browser (tests, curl, the conformance runners) sends
    neither header and is unaffected. It wraps the whole /_testing mount, so a control added
    later is covered too.
    """

    def __init__(self, app: Router) -> None:
        self.app = app
        # Starlette's Mount lists these, so tools that walk the routes see every control.
        self.routes = app.routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        refused = _cross_site(Request(scope)) if scope["type"] == "http" else None
        if refused is None:
            await self.app(scope, receive, send)
        else:
            await _json(refused.status, refused.body)(scope, receive, send)


def _cross_site(request: Request) -> Rejected | None:
    # A page's own fetch under a host name that is not the loopback's is DNS rebinding: another
    # site's name pointed at this server, which the browser then takes for same-origin.
    site = request.headers.get("sec-fetch-site", "none")
    fetched = "origin" in request.headers or site != "none"
    rebound = fetched and not _loopback(request.url.hostname or "")
    if rebound or another_sites(request):
        return Rejected(
            403,
            {
                "detail": "The test controls refuse requests from another site's pages.",
                "code": "permission_denied",
            },
        )
    if request.method == "POST" and media_type(dict(request.headers)) != "application/json":
        return _bad_request(
            "Unsupported content type: send application/json (a control takes no form)."
        )
    return None


def _loopback(host: str) -> bool:
    """Whether `host` names this machine: localhost, or a loopback address."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host.lower().rstrip(".") == "localhost"


def _not_found(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 404
    detail = "Method not allowed." if status == 405 else "Not found."
    response = _json(
        status, {"detail": detail, "code": "not_found" if status == 404 else "not_allowed"}
    )
    if isinstance(exc, HTTPException) and exc.headers:
        response.headers.update(exc.headers)  # 405 must say Allow (RFC 9110)
    return response


def _checked(spec: Contract, template: str, handler: Handler) -> Handler:
    """`handler`, held to the spec's rules for the operations at the path `template`: the query
    here, the JSON body when the handler reads it (after its credentials, as the API checks
    them)."""

    async def endpoint(request: Request) -> Response:
        operation = spec.operation(request.method, template)
        request.scope[ANSWERED] = None if operation is None else (spec, operation)
        if operation is not None and spec.validates(operation):
            request.scope[OPERATION] = (spec, operation)
            if request.method not in ("GET", "HEAD"):
                check_query(request)  # before anything changes
        response = await handler(request)
        # A parameter the handler does not read is the spec's all the same (a GET changes
        # nothing, so refusing it afterwards is safe).
        check_query(request)
        return response

    return endpoint


def create_app(state: State, spec: Contract | None = None) -> ASGIApp:
    """The fake server as an ASGI app over `state`, following `spec` (by default the spec
    rememberizer_api was generated from)."""
    spec = spec or contract()

    def route(path: str, handler: Handler, *methods: str) -> Route:
        return Route(path, _guarded(handler), methods=list(methods))

    def api_route(
        handler: Handler, *operations: OperationInfo, unpublished: tuple[str, ...] = ()
    ) -> Route:
        # One path, the operations' own from the spec's table: a path is never written here.
        # An operation the served spec lacks would run unchecked, so it stops the server from
        # starting; `unpublished` methods are the fake's own, out of the spec.
        (path,) = {op.path for op in operations}
        found = [spec.operation(op.method, path) for op in operations]
        missing = [
            op.method for op, operation in zip(operations, found, strict=True) if operation is None
        ]
        if missing:
            raise ValueError(f"the spec has no {'/'.join(missing)} {path}")
        # An integer path parameter takes digits only, as on the API: /documents/search is
        # then never read as the document "search".
        routed = path
        for operation in found:
            for param in (operation or {}).get("parameters", ()):
                if param["in"] == "path" and param["schema"].get("type") == "integer":
                    routed = routed.replace(f"{{{param['name']}}}", f"{{{param['name']}:int}}")
        methods = [op.method for op in operations] + list(unpublished)
        return route(routed, _checked(spec, path, handler), *methods)

    api = [
        api_route(signup, ops.SIGNUP),
        api_route(signin, ops.SIGNIN),
        api_route(verify_email, ops.VERIFY_EMAIL),
        api_route(refresh, ops.REFRESH),
        api_route(logout, ops.LOGOUT),
        api_route(account, ops.GET_ACCOUNT),
        api_route(me, ops.GET_ME),
        api_route(_vector_stores.get_store, ops.GET_VECTOR_STORE),
        api_route(_vector_stores.list_documents, ops.LIST_VECTOR_STORE_DOCUMENTS),
        api_route(_vector_stores.create_document, ops.CREATE_VECTOR_STORE_DOCUMENT),
        api_route(_vector_stores.upload, ops.UPLOAD_VECTOR_STORE_DOCUMENTS),
        api_route(_vector_stores.search, ops.SEARCH_VECTOR_STORE_DOCUMENTS),
        api_route(_vector_stores.agentic_search, ops.AGENTIC_SEARCH_VECTOR_STORE_DOCUMENTS),
        # After the fixed paths above: `{document_id}` would take "search" or "create".
        api_route(_vector_stores.get_document, ops.GET_VECTOR_STORE_DOCUMENT),
        api_route(
            _vector_stores.document_slash,
            ops.RENAME_VECTOR_STORE_DOCUMENT,
            ops.DELETE_VECTOR_STORE_DOCUMENT,
        ),
        api_route(create_vector_store, ops.CREATE_VECTOR_STORE),
        api_route(vector_store_configs, ops.GET_VECTOR_STORE_CONFIGS),
        # The consent form's POST is the fake server's own (no public record of it).
        api_route(_oauth.authorize_or_consent, ops.OAUTH2_AUTHORIZE, unpublished=("POST",)),
        api_route(_oauth.token, ops.OAUTH2_TOKEN),
        *(api_route(handler, *operations) for handler, operations in knowledge_routes),
    ]
    controls = [
        route("/captcha", testing_captcha, "POST"),
        route("/outbox", testing_outbox, "GET"),
        route("/requests", testing_requests, "GET", "DELETE"),
        route("/clock", testing_clock, "POST"),
        route("/faults", testing_faults, "POST", "DELETE"),
        route("/reset", testing_reset, "POST"),
        route("/vector-stores", _vector_stores.testing_create, "POST"),
        route("/vector-stores/faults", _vector_stores.testing_file_faults, "POST", "DELETE"),
        route("/vector-stores/{vector_store_id}/index", _vector_stores.testing_index, "POST"),
        route("/oauth-apps", _oauth.testing_register, "POST"),
        route("/oauth-consent", _oauth.testing_consent, "POST"),
        route("/oauth-revoke", _oauth.testing_revoke, "POST"),
        *(route(path, handler, *methods) for path, handler, methods in knowledge_controls),
    ]
    app = Starlette(
        routes=[
            Mount(API_PREFIX, routes=api),
            Mount("/_testing", app=_SameSiteOnly(Router(controls))),
            route(_oauth.SIGN_IN_ROUTE, _oauth.sign_in_page, "GET", "POST"),
        ],
        exception_handlers={404: _not_found, 405: _not_found},
    )
    app.state.fake = state
    return _Recorder(app, state)


def _with_request_id(send: Send, request_id: str) -> Send:
    """`send`, adding the request's id to the response's headers, as the API does for support
    and logs (the SDK reads it into errors' and raw responses' `request_id`)."""
    header = (REQUEST_ID_HEADER.encode("ascii"), request_id.encode("ascii"))

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", ()), header]}
        await send(message)

    return sending


class _Recorder:
    """Logs every API request for /_testing/requests and plays injected faults."""

    def __init__(self, app: ASGIApp, state: State) -> None:
        self.app = app
        self.state = state
        self.check_responses = os.environ.get(CHECK_RESPONSES) == "1" and _can_check()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not path.startswith(API_PREFIX + "/"):
            await self.app(scope, receive, send)
            return
        api_path = path[len(API_PREFIX) :]
        request_id = "req_" + token_hex(12)
        send = _with_request_id(send, request_id)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        query = scope.get("query_string", b"").decode("latin-1")
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get("cookie", ""))
        except Exception:  # a malformed Cookie header is still a request to log
            cookie = SimpleCookie()
        entry: dict[str, Any] = {
            "request_id": request_id,
            "method": scope["method"],
            "path": api_path,
            "status": None,
            "bearer": headers.get("authorization", "").lower().startswith("bearer "),
            # Whether a key was sent, never the key itself.
            "api_key": "x-api-key" in headers,
            "cookies": sorted(cookie.keys()),
            "content_type": media_type(headers),
            "fields": [],
            "files": [],
            "client_secret": False,
            # Names only, as for the form's fields: what arrived, never a value.
            "headers": sorted(k.decode("latin-1").lower() for k, _ in scope["headers"]),
            "query": sorted(name for name, _ in parse_qsl(query, keep_blank_values=True)),
        }
        secrets = self.state.oauth.client_secrets()
        entry["client_secret"] = secret_in_head(scope, headers, secrets)
        scope[LOG_ENTRY] = entry
        receive = recording_receive(entry, receive, secrets)
        self.state.log_request(entry)

        async def recording_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                entry["status"] = message["status"]
            await send(message)

        fault = self.state.take_fault(scope["method"], api_path)
        checked_send: Send = recording_send
        if self.check_responses and (fault is None or fault.status is None):
            # Only what the server itself answers is held to the spec, never an injected fault.
            checked_send = _held_to_spec(scope, recording_send)
        if fault is None:
            await self.app(scope, receive, checked_send)
            return
        if fault.delay:
            await asyncio.sleep(fault.delay)
        if fault.drop:
            entry["status"] = 0
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", b"64")],
                }
            )
            await send(
                {"type": "http.response.body", "body": b'{"detail": "cut', "more_body": True}
            )
            raise _Dropped("connection dropped by an injected fault")
        if fault.status is None:
            await self.app(scope, receive, checked_send)
            return
        await _fault_response(fault)(scope, receive, recording_send)


# Set in the test suite (tests/conftest.py): every answer of the API is checked against the
# spec, and one that departs from it becomes a 500 that says how (and is kept in DRIFT).
CHECK_RESPONSES = "REMEMBERIZER_FAKE_CHECK_RESPONSES"
# The scope key under which an API route leaves (contract, operation) for the check.
ANSWERED = "rememberizer.answered"


def _can_check() -> bool:
    """Whether jsonschema (the dev group, not the testing extra) is here to check answers:
    a wheel installed elsewhere by the suite serves unchecked rather than failing."""
    try:
        import jsonschema  # noqa: F401
    except ImportError:
        logger.warning("%s is set, but without jsonschema answers go unchecked", CHECK_RESPONSES)
        return False
    return True


def _held_to_spec(scope: Scope, send: Send) -> Send:
    """`send`, holding the answer back until its whole body is checked against the spec."""
    held: list[Message] = []

    async def sending(message: Message) -> None:
        held.append(message)
        if message["type"] != "http.response.body" or message.get("more_body", False):
            return
        found = scope.get(ANSWERED)
        start = held[0]
        if found is not None and start["type"] == "http.response.start":
            headers = dict(start.get("headers", ()))
            media = headers.get(b"content-type", b"").decode("latin-1").split(";")[0].strip()
            body = b"".join(m.get("body", b"") for m in held[1:])
            problem = found[0].response_problem(found[1], start["status"], media, body)
            if problem:
                drift = f"{scope['method']} {scope['path']}: {problem}"
                DRIFT.append(drift)
                logger.error("the fake server's answer departs from the spec: %s", drift)
                await _json(500, {"detail": f"Spec drift: {drift}", "code": "spec_drift"})(
                    scope, _no_body, send
                )
                return
        for message in held:
            await send(message)

    return sending


async def _no_body() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


def _fault_response(fault: Fault) -> Response:
    assert fault.status is not None
    headers = dict(fault.headers)
    if fault.retry_after is not None:
        headers["Retry-After"] = fault.retry_after
    if isinstance(fault.body, str):
        return Response(
            fault.body,
            status_code=fault.status,
            headers=headers,
            media_type=fault.content_type or "text/plain",
        )
    if fault.status == 204 or (fault.status < 200):
        return Response(status_code=fault.status, headers=headers)
    body = (
        fault.body
        if fault.body is not None
        else {
            "detail": f"Injected fault: HTTP {fault.status}.",
            "code": "injected_fault",
        }
    )
    response = JSONResponse(body, status_code=fault.status, headers=headers)
    if fault.content_type:
        response.headers["content-type"] = fault.content_type
    return response
