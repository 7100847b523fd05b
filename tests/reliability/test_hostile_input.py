"""An attacker's review of per-call options, app sign-in and vector-store uploads.

Each test is one attempt to break a rule of the project (no secret in an error or its chain,
credentials only to the API, a typed error before anything is sent, nothing untyped out of the
facade), against the real fake server.
"""

from __future__ import annotations

import asyncio
import io
import os
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx2
import pytest

from rememberizer import (
    APIConnectionError,
    APIResponseValidationError,
    InvalidRequestError,
    MemorySessionStore,
    OAuthStateError,
    OAuthTokenError,
    Session,
    VectorStore,
)
from rememberizer._config import origin_of
from rememberizer.testing import FakeRememberizer
from tests.conftest import Harness
from tests.facade.test_knowledge import collect
from tests.facade.test_oauth import TOKEN
from tests.facade.test_oauth import Kit as AppKit
from tests.facade.test_vector_stores import Kit as StoreKit
from tests.facade.test_vector_stores import write

pytestmark = pytest.mark.anyio

GZIP_LIE = {"status": 200, "headers": {"Content-Encoding": "gzip"}, "body": "not gzip"}


async def run(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call a sync or async method and return its result."""
    if asyncio.iscoroutinefunction(fn):
        return await fn(*args, **kwargs)
    return await asyncio.to_thread(fn, *args, **kwargs)


def holders_of(error: BaseException, secret: str) -> list[str]:
    """Where in an error, its response's request and its whole chain `secret` can be found."""
    found: list[str] = []
    chain: BaseException | None = error
    while chain is not None:
        texts = [str(chain), repr(chain), repr(vars(chain))]
        for holder in (getattr(chain, "response", None), chain):
            request = getattr(holder, "_request", None) or getattr(holder, "request", None)
            if isinstance(request, httpx2.Request):
                texts.append(request.read().decode(errors="replace") + str(request.headers))
        found += [type(chain).__name__ for text in texts if secret in text]
        chain = chain.__cause__ or chain.__context__
    return found


# -- per-call options -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {"Host": "evil.example"},  # the session would go where a shared front end routes it
        {"host": "evil.example"},
        {"Content-Length": "0"},
        {"Transfer-Encoding": "chunked"},  # beside httpx2's Content-Length: a smuggling shape
        {"Connection": "close, authorization"},
        {"Upgrade": "h2c"},
        {"x-a": " leading space"},
        {"x-a": "trailing space "},
        {"x-a": "a\x01b"},
        {"x-a": "a\x7fb"},
    ],
)
async def test_headers_that_route_or_frame_a_request_are_refused(
    h: Harness, headers: dict[str, str]
) -> None:
    await h.register()
    h.fake.clear_requests()
    with pytest.raises(InvalidRequestError) as caught:
        await h(h.client.mementos.create, "m", extra_headers=headers)
    assert "evil.example" not in str(caught.value)
    with pytest.raises(InvalidRequestError):
        h.client.with_options(extra_headers=headers)
    assert h.fake.requests() == []


async def test_extra_query_cannot_replace_a_parameter_of_the_method(h: Harness) -> None:
    await h.register()
    h.fake.clear_requests()
    # `page` would pin the pager to page 1 forever; `page_size` would skip its bounds check.
    for query in ({"page": "1"}, {"page_size": "100000"}):
        with pytest.raises(InvalidRequestError, match="parameter of this method"):
            await collect(h, h.client.documents.list(extra_query=query))
        with pytest.raises(InvalidRequestError):
            await collect(h, h.client.with_options(extra_query=query).documents.list())
    assert h.fake.requests() == []


async def test_an_answer_that_does_not_decode_is_a_typed_error(h: Harness) -> None:
    await h.register()
    h.fake.inject_fault("/account/", **GZIP_LIE)
    with pytest.raises(APIConnectionError, match="could not be read"):
        await h(h.client.account.get)


async def test_a_token_no_header_can_carry_is_not_quoted_in_the_error(h_net: Harness) -> None:
    # A session file's token with a line feed: the HTTP library refuses the header and quotes it.
    h, token = h_net, "part\nsecret-access-token"
    origin = origin_of(h.base_url)
    client = h.new_client(session=MemorySessionStore(Session(token, "r", origin=origin)))
    with pytest.raises(APIConnectionError) as caught:
        await h(client.with_options(max_retries=0).account.get)
    assert "secret-access-token" not in str(caught.value) + repr(caught.value)


async def test_with_raw_response_of_a_pager_says_why_before_sending(h: Harness) -> None:
    # A pager sends nothing when made, so it has no raw response: the attribute is refused
    # where it is named, as a missing method is (it was an IndexError after the call).
    await h.register()
    h.fake.clear_requests()
    with pytest.raises(AttributeError, match="sends no request when called"):
        h.client.documents.with_raw_response.list  # noqa: B018
    assert h.fake.requests() == []


# -- Rememberizer apps --------------------------------------------------------------------------


async def test_the_secret_never_follows_a_redirect_of_the_token_endpoint(app_kit: AppKit) -> None:
    follows = httpx2.Client if app_kit.kind == "sync" else httpx2.AsyncClient
    http = follows(follow_redirects=True)
    app = app_kit.new_app(http_client=http)
    url, state = app.authorization_url()
    assert app_kit.secret not in url
    location = app_kit.consent(url)
    with FakeRememberizer() as other:
        app_kit.fake.inject_fault(TOKEN, status=307, headers={"Location": other.base_url + TOKEN})
        with pytest.raises(OAuthTokenError) as caught:
            await run(app.exchange, location, state)
        assert other.requests() == []
        # A refresh through the client's own HTTP client, whose redirect guard refuses it.
        session = await run(app_kit.app.exchange, *_signed_in(app_kit))
        client = app_kit.client(session)
        app_kit.fake.advance_clock(400)
        app_kit.fake.inject_fault(TOKEN, status=307, headers={"Location": other.base_url + TOKEN})
        with pytest.raises(OAuthTokenError) as refused:
            await run(client.account.get)
        assert other.requests() == []
    for error in (caught.value, refused.value):
        assert error.response is None
        assert holders_of(error, app_kit.secret) == []
    await run(http.close if isinstance(http, httpx2.Client) else http.aclose)


def _signed_in(kit: AppKit) -> tuple[str, str]:
    url, state = kit.app.authorization_url()
    return kit.consent(url), state


async def test_a_failed_exchange_keeps_no_request_in_its_chain(app_kit: AppKit) -> None:
    unreachable = app_kit.new_app(base_url="http://127.0.0.1:9/api/v1")
    url, state = unreachable.authorization_url()
    failures: list[BaseException] = []
    with pytest.raises(APIConnectionError) as caught:
        await run(unreachable.exchange, f"{url}&code=c", state)
    failures.append(caught.value)
    app_kit.fake.inject_fault(TOKEN, **GZIP_LIE)
    with pytest.raises(APIConnectionError) as caught:
        await run(app_kit.app.exchange, *_signed_in(app_kit))
    failures.append(caught.value)
    for error in failures:
        assert error.__cause__ is None
        assert error.__context__ is None
        assert holders_of(error, app_kit.secret) == []


@pytest.mark.parametrize(
    "body",
    [
        ["access_token", "a"],  # JSON, not an object
        "plain text",
        {"access_token": "abc\r\nX-Evil: secret-token", "token_type": "Bearer"},
        {"access_token": "abcé-secret-token", "token_type": "Bearer"},
    ],
)
async def test_a_token_answer_the_client_cannot_use_is_typed(app_kit: AppKit, body: Any) -> None:
    app_kit.fake.inject_fault(TOKEN, status=200, body=body, content_type="application/json")
    with pytest.raises(APIResponseValidationError) as caught:
        await run(app_kit.app.exchange, *_signed_in(app_kit))
    assert "secret-token" not in str(caught.value)


async def test_a_callback_with_two_states_is_judged_by_the_first(app_kit: AppKit) -> None:
    location, state = _signed_in(app_kit)
    forged_first = location.replace("state=", "state=forged&state=")
    for callback in (forged_first, {"state": [state], "code": "c"}):  # lists: a parsed query's
        with pytest.raises(OAuthStateError):
            await run(app_kit.app.exchange, callback, state)
    assert app_kit.count("POST", TOKEN) == 0
    # The real state first: a forged one after it is never read.
    session = await run(app_kit.app.exchange, f"{location}&state=forged", state)
    assert session.access_token


# -- vector-store uploads -----------------------------------------------------------------------


@pytest.fixture(params=["sync", "async"])
async def store_kit(
    request: pytest.FixtureRequest, rememberizer_server: FakeRememberizer
) -> AsyncIterator[StoreKit]:
    kit = StoreKit(request.param, rememberizer_server)
    yield kit
    await kit.close()


class _Bytes(os.PathLike[str]):
    def __fspath__(self) -> Any:
        return b"/tmp"


async def test_inputs_that_cannot_be_read_are_refused_before_sending(
    store_kit: StoreKit, tmp_path: Path
) -> None:
    closed = write(tmp_path, "closed.txt", "text").open("rb")
    closed.close()
    reader, writer = os.pipe()
    os.write(writer, b"piped")
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe, (tmp_path / "w.txt").open("ab") as write_only:
        inputs: list[object] = [
            ("w.txt", write_only),
            tmp_path,
            tmp_path / ("x" * 5000),  # ENAMETOOLONG: not one of the errors is_file() hides
            _Bytes(),
            ("closed.txt", closed),
            ("pipe.txt", pipe),
        ]
        store_kit.fake.clear_requests()
        for item in inputs:
            with pytest.raises(InvalidRequestError, match=r"files\[0\]"):
                await run(store_kit.store.documents.upload, [item])
    assert store_kit.fake.requests() == []


class _FailingDisk(io.RawIOBase):
    """A file whose every read fails, as a dying disk's does (EIO)."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        raise OSError(5, "Input/output error")


async def test_a_read_error_while_sending_is_typed(store_kit: StoreKit) -> None:
    with pytest.raises(InvalidRequestError, match=r"cannot read bad\.txt: Input/output error"):
        await run(store_kit.store.documents.upload, [("bad.txt", _FailingDisk())])
    result = await run(store_kit.store.documents.upload_many, [("bad.txt", _FailingDisk())])
    assert [e.file for e in result.errors] == ["bad.txt"]


async def test_a_file_gone_before_its_turn_is_that_files_error(
    store_kit: StoreKit, tmp_path: Path
) -> None:
    # 21 files: the documented 20 a request make two batches; the last file goes before its
    # batch is sent, and only it fails.
    first = [write(tmp_path, f"a{i:02}.txt", "aaa") for i in range(20)]
    last = write(tmp_path, "b.txt", "bbb")

    def progress(event: Any) -> None:
        if event.file == "a00.txt":
            last.unlink(missing_ok=True)

    result = await run(
        store_kit.store.documents.upload_many, [*first, last], concurrency=1, progress=progress
    )
    assert len(result.documents) == 20
    assert [e.file for e in result.errors] == ["b.txt"]
    assert "cannot open" in result.errors[0].error


async def test_a_file_name_cannot_add_multipart_headers(store_kit: StoreKit) -> None:
    name = 'evil"\r\nContent-Type: text/html\r\nX-Injected: 1.txt'
    store_kit.fake.clear_requests()
    result = await run(store_kit.store.documents.upload, [(name, io.BytesIO(b"hello"))])
    (stored,) = result.documents
    assert "\r" not in stored.name
    assert "\n" not in stored.name
    (sent,) = [r for r in store_kit.fake.requests() if r["files"]]
    assert len(sent["files"]) == 1


async def test_a_file_that_changes_while_it_is_sent_is_typed(
    store_kit: StoreKit, tmp_path: Path
) -> None:
    path = tmp_path / "log.txt"
    store = store_kit.client(max_retries=0)

    def once(change: Callable[[], object]) -> Callable[[int], None]:
        done: list[bool] = []

        def sent(n: int) -> None:
            if not done:
                done.append(True)
                change()

        return sent

    path.write_bytes(b"a" * 200_000)
    grow = once(lambda: path.open("ab").write(b"b" * 1000))
    result = await run(store.documents.upload, [path], sent=grow)
    assert [d.name for d in result.documents] == ["log.txt"]  # the length httpx2 declared
    path.write_bytes(b"a" * 200_000)
    shrink = once(lambda: os.truncate(path, 10))
    with pytest.raises(InvalidRequestError, match="shrank"):
        await run(store.documents.upload, [path], sent=shrink)


@pytest.mark.parametrize("store_id", [".", ".."])
def test_a_store_id_that_is_a_dot_segment_is_refused(store_id: str) -> None:
    with pytest.raises(InvalidRequestError, match="vector_store_id"):
        VectorStore(api_key="k", base_url="http://127.0.0.1:9/api/v1", vector_store_id=store_id)


async def test_text_that_cannot_be_encoded_never_reaches_the_form(app_kit: AppKit) -> None:
    # A lone surrogate failed the form's encoding with a UnicodeEncodeError holding the form.
    with pytest.raises(InvalidRequestError):
        app_kit.new_app(client_secret="secret\udc80-" + app_kit.secret)
    location, state = _signed_in(app_kit)
    app_kit.fake.clear_requests()
    bad: list[tuple[Any, dict[str, Any]]] = [
        ({"state": state, "code": "c\udc80"}, {}),
        (location, {"code_verifier": "v\udc80" * 43}),
        (location, {"code_verifier": 12345}),
    ]
    for callback, options in bad:
        with pytest.raises(InvalidRequestError) as caught:
            await run(app_kit.app.exchange, callback, state, **options)
        assert holders_of(caught.value, app_kit.secret) == []
    with pytest.raises(InvalidRequestError, match="OAuthSession"):
        await run(app_kit.app.refresh, Session("a.b.c", "r"))
    assert app_kit.count("POST", TOKEN) == 0


async def test_the_store_key_never_goes_to_an_absolute_url_elsewhere(store_kit: StoreKit) -> None:
    with FakeRememberizer() as other:
        http = store_kit.store.raw.get_async_httpx_client() if store_kit.kind == "async" else None
        url = other.base_url + "/vector-stores/me"
        if http is None:
            response = await run(store_kit.store.raw.get_httpx_client().get, url)
        else:
            response = await http.get(url)
        assert response.status_code == 401
        (seen,) = other.requests()
        assert seen["api_key"] is False
