"""The clients the loopback and burst sections compare, each making `GET /api/v1/account/`.

Every subject is a factory that takes the server's base URL and returns a client object with
`get()` (or `async get()`) and `close()`: the same shape for all, so that the sections time the
request and nothing else. The subjects:

- **raw socket**: the floor. A keep-alive HTTP/1.1 request written by hand on a pool of plain
  sockets (or asyncio streams), its response read by Content-Length and decoded with json: the
  least any client must do, so its figure is as close to the server's limit as Python gets.
- **raw httpx** and **raw httpx2**: what a user writes by hand, one client shared by all callers.
- **rememberizer**: the facade, on whichever HTTP library `rememberizer._httpx` imports, which
  is named in the row (`rememberizer [httpx]`), so a run before and after a library change
  says what it measured. Its session is bound to the server's base URL: a session of no origin
  is one the client refuses to send anywhere but the production API.

Every subject sends the same credential (`Authorization: Bearer FRESH`), and the server answers
401 to a request without it; `without_credentials` names any subject that did not send it, and
scripts/bench stops rather than time it.
"""

from __future__ import annotations

import asyncio
import base64
import functools
import json
import socket
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from _bench_server import BenchServer

# The pool size of the socket floor: httpx's and httpx2's default max_connections, so that the
# floor opens no more connections than the clients it is compared with may.
POOL_LIMIT = 100


def fake_jwt(exp: float, iat: float | None = None) -> str:
    """An unsigned JWT-shaped token; clients only read its times."""

    def part(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    claims = {"sub": "1", "exp": int(exp), "iat": int(iat if iat is not None else time.time())}
    return f"{part({'alg': 'HS256'})}.{part(claims)}.sig"


FRESH = fake_jwt(time.time() + 3600)
BEARER = {"Authorization": f"Bearer {FRESH}"}


def facade_library() -> str:
    """The HTTP library the facade is built on (the one module that imports it says)."""
    from rememberizer._httpx import httpx2 as library

    return str(library.__name__)


class SyncClient(Protocol):
    """A subject's client: one request, and closing its connections."""

    def get(self) -> Any: ...
    def close(self) -> None: ...


class AsyncClient(Protocol):
    """The async form of SyncClient."""

    async def get(self) -> Any: ...
    async def close(self) -> None: ...


# -- the floor ----------------------------------------------------------------------------------


def _request(base_url: str) -> bytes:
    host = base_url.split("//", 1)[1].split("/", 1)[0]
    return (
        f"GET /api/v1/account/ HTTP/1.1\r\nHost: {host}\r\nAccept: */*\r\n"
        f"Authorization: Bearer {FRESH}\r\n\r\n"
    ).encode()


def _body_length(head: bytes) -> int:
    """The Content-Length of a response head; a non-200 status is an error like any client's."""
    if head[9:12] != b"200":
        raise ConnectionError(f"status {head[9:12].decode()}")
    for line in head.split(b"\r\n"):
        if line[:15].lower() == b"content-length:":
            return int(line[15:])
    raise ConnectionError("no Content-Length")


class _Socket:
    """One keep-alive connection with a blocking socket."""

    def __init__(self, port: int, request: bytes) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port))
        # Without TCP_NODELAY, Nagle's algorithm holds small writes for up to 40 ms.
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.request = request
        self.buffer = b""

    def get(self) -> Any:
        self.sock.sendall(self.request)
        buffer = self.buffer
        while (end := buffer.find(b"\r\n\r\n")) < 0:
            buffer += self._recv()
        total = end + 4 + _body_length(buffer[:end])
        while len(buffer) < total:
            buffer += self._recv()
        self.buffer = buffer[total:]
        return json.loads(buffer[end + 4 : total])

    def _recv(self) -> bytes:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("the server closed the connection")
        return chunk


class SocketPool:
    """The sync floor: up to POOL_LIMIT keep-alive sockets shared by the calling threads."""

    def __init__(self, base_url: str) -> None:
        self.port = int(base_url.split("//", 1)[1].split("/", 1)[0].rsplit(":", 1)[1])
        self.request = _request(base_url)
        self.slots = threading.Semaphore(POOL_LIMIT)
        self.idle: list[_Socket] = []  # list.pop and append are atomic: no lock needed

    def get(self) -> Any:
        with self.slots:
            try:
                conn = self.idle.pop()
            except IndexError:
                conn = _Socket(self.port, self.request)
            try:
                result = conn.get()
            except BaseException:  # the connection is not reused after an error
                conn.sock.close()
                raise
            self.idle.append(conn)
            return result

    def close(self) -> None:
        while self.idle:
            self.idle.pop().sock.close()


class AsyncSocketPool:
    """The async floor: up to POOL_LIMIT keep-alive asyncio streams shared by the tasks."""

    def __init__(self, base_url: str) -> None:
        self.port = int(base_url.split("//", 1)[1].split("/", 1)[0].rsplit(":", 1)[1])
        self.request = _request(base_url)
        self.slots = asyncio.Semaphore(POOL_LIMIT)
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []

    async def get(self) -> Any:
        async with self.slots:
            if self.idle:
                reader, writer = self.idle.pop()
            else:
                reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
            try:
                writer.write(self.request)
                head = await reader.readuntil(b"\r\n\r\n")
                body = await reader.readexactly(_body_length(head))
            except BaseException:  # an error or a cancel: the connection is not reused
                writer.close()
                raise
            self.idle.append((reader, writer))
            return json.loads(body)

    async def close(self) -> None:
        while self.idle:
            self.idle.pop()[1].close()


# -- the HTTP clients -----------------------------------------------------------------------------


class _Raw:
    """A raw httpx or httpx2 client, called the way a user would."""

    def __init__(self, library: Any, base_url: str) -> None:
        self.http = library.Client(base_url=base_url)

    def get(self) -> Any:
        response = self.http.get("/account/", headers=BEARER)
        response.raise_for_status()
        return response.json()

    def close(self) -> None:
        self.http.close()


class _AsyncRaw:
    def __init__(self, library: Any, base_url: str) -> None:
        self.http = library.AsyncClient(base_url=base_url)

    async def get(self) -> Any:
        response = await self.http.get("/account/", headers=BEARER)
        response.raise_for_status()
        return response.json()

    async def close(self) -> None:
        await self.http.aclose()


class _Facade:
    """The facade with its own HTTP client and a fresh session, as a user creates it."""

    def __init__(self, base_url: str) -> None:
        from rememberizer import MemorySessionStore, Rememberizer, Session

        session = Session(FRESH, "refresh", origin=base_url)
        self.client = Rememberizer(base_url=base_url, session=MemorySessionStore(session))

    def get(self) -> Any:
        return self.client.account.get()

    def close(self) -> None:
        self.client.close()


class _AsyncFacade:
    def __init__(self, base_url: str) -> None:
        from rememberizer import AsyncRememberizer, MemorySessionStore, Session

        session = Session(FRESH, "refresh", origin=base_url)
        self.client = AsyncRememberizer(base_url=base_url, session=MemorySessionStore(session))

    async def get(self) -> Any:
        return await self.client.account.get()

    async def close(self) -> None:
        await self.client.close()


def _library(name: str) -> Any:
    import importlib

    return importlib.import_module(name)


def sync_subjects() -> dict[str, Callable[[str], SyncClient]]:
    """name -> factory(base_url); the floor first, the facade last."""
    return {
        "raw socket (floor)": SocketPool,
        "raw httpx": lambda url: _Raw(_library("httpx"), url),
        "raw httpx2": lambda url: _Raw(_library("httpx2"), url),
        f"rememberizer [{facade_library()}]": _Facade,
    }


def async_subjects() -> dict[str, Callable[[str], AsyncClient]]:
    """The async forms of sync_subjects, under the same names."""
    return {
        "raw socket (floor)": AsyncSocketPool,
        "raw httpx": lambda url: _AsyncRaw(_library("httpx"), url),
        "raw httpx2": lambda url: _AsyncRaw(_library("httpx2"), url),
        f"rememberizer [{facade_library()}]": _AsyncFacade,
    }


FACADE = "rememberizer"


def is_facade(name: str) -> bool:
    """Whether a subject name is the facade's row (its library is in the name)."""
    return name.startswith(FACADE)


def without_credentials(server: BenchServer) -> list[str]:
    """The subjects, sync and async, whose call reached `server` without the credential.

    One call each, counted at the server: a subject whose figures would time an unauthenticated
    request (a 401 costs a client less than parsing an account) is named here.
    """
    failed: list[str] = []

    def check(name: str, call: Callable[[], Any]) -> None:
        before = server.counts()["unauthenticated"]
        try:
            call()
        except Exception:  # a 401 raises in most clients; the count says why
            if server.counts()["unauthenticated"] == before:
                raise
        if server.counts()["unauthenticated"] != before:
            failed.append(name)

    def once(factory: Callable[[str], SyncClient]) -> None:
        client = factory(server.base_url)
        try:
            client.get()
        finally:
            client.close()

    async def aonce(factory: Callable[[str], AsyncClient]) -> None:
        client = factory(server.base_url)
        try:
            await client.get()
        finally:
            await client.close()

    for name, factory in sync_subjects().items():
        check(name, functools.partial(once, factory))
    for name, afactory in async_subjects().items():
        check(f"{name} (async)", functools.partial(asyncio.run, aonce(afactory)))
    return failed
