"""Secrets never leak, credentials never go to another host, the session file is safe."""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import types
from pathlib import Path
from typing import Any

import httpx2
import pytest

from rememberizer import (
    APIConnectionError,
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    FileSessionStore,
    InvalidRequestError,
    Rememberizer,
    RememberizerError,
    Session,
    SessionStoreError,
)
from rememberizer.testing import FakeRememberizer
from tests.conftest import EMAIL, PASSWORD, Harness

pytestmark = pytest.mark.anyio


def test_plain_http_to_a_remote_host_is_refused() -> None:
    with pytest.raises(InvalidRequestError):
        Rememberizer(base_url="http://api.example.com/api/v1")
    client = Rememberizer(base_url="http://api.example.com/api/v1", allow_insecure_http=True)
    client.close()
    for good in ("http://127.0.0.1:9/api/v1", "http://localhost/api/v1", "http://[::1]/api/v1"):
        Rememberizer(base_url=good).close()
    with pytest.raises(InvalidRequestError):
        Rememberizer(base_url="ftp://example.com/")


def test_credentials_never_go_to_another_host(rememberizer_server: FakeRememberizer) -> None:
    with (
        FakeRememberizer() as other,
        Rememberizer(
            base_url=rememberizer_server.base_url, captcha=rememberizer_server.captcha
        ) as client,
    ):
        client.auth.signup(email=EMAIL, password=PASSWORD, name="Ada")
        # An absolute URL to another origin through the shared raw client.
        response = client.raw.get_httpx_client().get(other.base_url + "/account/")
        assert response.status_code == 401
        (seen,) = other.requests()
        assert seen["bearer"] is False
        assert seen["cookies"] == []
        # A redirect to the other host is refused, not followed.
        rememberizer_server.inject_fault(
            "/account/", status=302, headers={"Location": other.base_url + "/account/"}
        )
        with pytest.raises(APIStatusError) as caught:
            client.account.get()
        assert caught.value.status_code == 302
        assert len(other.requests()) == 1


async def test_secrets_never_reach_logs_reprs_or_messages(
    h: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    errors: list[BaseException] = []
    await h.register()
    code = h.fake.verification_code(EMAIL)
    session = h.client._sessions.current
    assert session is not None
    h.fake.advance_clock(301)
    await h(h.client.account.get)
    attempts: list[tuple[Any, dict[str, Any]]] = [
        (h.client.auth.signin, {"login": EMAIL, "password": "wrong password"}),
        (h.client.auth.verify_email, {"code": "999999"}),
        (h.new_client(captcha="used-captcha").auth.signin, {"login": EMAIL, "password": PASSWORD}),
    ]
    for method, kwargs in attempts:
        try:
            await h(method, **kwargs)
        except RememberizerError as exc:
            errors.append(exc)
    assert len(errors) == 3
    current = h.client._sessions.current
    assert current is not None
    texts = [caplog.text, repr(h.client), repr(h.client.session), repr(session), repr(current)]
    texts += [text for e in errors for text in reachable(e)]
    secrets = [
        PASSWORD,
        "wrong password",
        code,
        session.access_token,
        session.refresh_token,
        current.access_token,
        current.refresh_token,
        "used-captcha",
    ]
    secrets += h.captcha_calls and [t for t in _issued_captchas(h.fake)]
    for text in texts:
        for secret in secrets:
            assert secret not in text
    assert "GET /api/v1/account/ -> 401" in caplog.text
    assert "(retry 0)" in caplog.text


def reachable(error: BaseException) -> list[str]:
    """Every text an error lets a caller reach: its whole object graph, walked.

    From the error: its chain, attributes and containers, the response it keeps with that
    response's request, history, headers and stream, and whatever those hold, down to every
    str and bytes (and the repr of every object on the way). Classes, modules and code are
    the program's, not the error's; frames and tracebacks are the caller's own stack (they
    hold the caller's arguments by nature), so the walk does not enter them.
    """
    found: list[str] = []
    seen: set[int] = set()
    todo: list[object] = [error]
    while todo:
        item = todo.pop()
        if id(item) in seen or item is None or isinstance(item, bool | int | float | complex):
            continue
        seen.add(id(item))
        if isinstance(item, str):
            found.append(item)
            continue
        if isinstance(item, bytes | bytearray | memoryview):
            found.append(bytes(item).decode("utf-8", "replace"))
            continue
        if isinstance(item, _NOT_THE_ERRORS):
            continue
        if isinstance(item, types.FunctionType):  # a callback: what its closure keeps
            todo += [cell.cell_contents for cell in item.__closure__ or () if _filled(cell)]
            todo += list(item.__defaults__ or ())
            continue
        with contextlib.suppress(Exception):
            found.append(repr(item))
        if isinstance(item, BaseException):
            todo += [item.__cause__, item.__context__]
        todo += [r for r in gc.get_referents(item) if not isinstance(r, types.FrameType)]
    return found


_NOT_THE_ERRORS = (
    type,
    types.ModuleType,
    types.CodeType,
    types.FrameType,
    types.TracebackType,
    types.BuiltinFunctionType,
    types.WrapperDescriptorType,
    types.MethodDescriptorType,
    types.GetSetDescriptorType,
    types.MemberDescriptorType,
)


def _filled(cell: types.CellType) -> bool:
    try:
        cell.cell_contents  # noqa: B018
    except ValueError:
        return False
    return True


async def test_a_failed_signin_keeps_no_password_within_reach(
    h: Harness, refused_port: int
) -> None:
    # An error response and a connection failure alike: the error, its chain and the
    # requests they keep hold the password in no form.
    await h.register()
    port = refused_port
    own = {"http_client": httpx2.AsyncClient()} if h.kind == "async-inprocess" else {}
    down = h.new_client(base_url=f"http://127.0.0.1:{port}/api/v1", max_retries=0, **own)
    errors: list[BaseException] = []
    for client in (h.client, down):
        with pytest.raises(RememberizerError) as caught:
            await h(client.auth.signin, login=EMAIL, password="wrong password 123")
        errors.append(caught.value)
    assert isinstance(errors[0], AuthenticationError | BadRequestError)
    assert isinstance(errors[1], APIConnectionError)
    assert errors[0].response is not None  # kept, with a scrubbed request
    assert errors[0].response.request.url.path.endswith("/auth/signin/")
    for error in errors:
        for text in reachable(error):
            assert "wrong password 123" not in text


def _issued_captchas(fake: FakeRememberizer) -> list[str]:
    return [t for t in fake.state.captchas] + ["captcha-"]  # unspent ones, and the prefix


def test_a_crash_mid_write_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "session.json"
    store = FileSessionStore(path)
    store.save(Session("a.b.c", "old-refresh"))
    before = path.read_text()

    def crash(*args: object) -> None:
        raise OSError("disk full")  # a fault no server can produce

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(SessionStoreError, match="disk full"):
        store.save(Session("d.e.f", "new-refresh"))
    assert path.read_text() == before
    assert [p.name for p in tmp_path.iterdir() if p.name != "session.json.lock"] == ["session.json"]
    loaded = FileSessionStore(path).load()  # what the next run reads
    assert loaded is not None
    assert loaded.refresh_token == "old-refresh"
    # This process goes on with the session it could not write, never the file's older one.
    unsaved = store.load()
    assert unsaved is not None
    assert unsaved.refresh_token == "new-refresh"
