"""FakeRememberizer: the fake server, in process or on a loopback port."""

from __future__ import annotations

import socket
import threading
from types import TracebackType
from typing import Any

import uvicorn

from ._app import create_app, parse_fault
from ._http import API_PREFIX
from ._state import VERIFY_EMAIL, Options, State


class _Uvicorn(uvicorn.Server):
    announce: str | None = None

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.announce is not None:
            # Printed once the signal handlers are in place, so a caller that reads this
            # line may stop the server at once.
            print(self.announce, flush=True)

    def handle_exit(self, sig: int, frame: Any) -> None:
        super().handle_exit(sig, frame)
        # uvicorn re-raises the signal after a graceful stop; we exit 0 instead.
        self._captured_signals.clear()


def bind(host: str = "127.0.0.1", port: int = 0) -> socket.socket:
    """A listening socket; port 0 picks a free one."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto=IPPROTO_TCP matters: asyncio sets TCP_NODELAY only on sockets that say they are
    # TCP, and without it every small response waits ~40 ms for a delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.listen(128)
    return sock


def make_server(app: Any, log_level: str, announce: str | None = None) -> uvicorn.Server:
    """A uvicorn server for `app`; it prints `announce` once it is ready."""
    config = uvicorn.Config(
        app, log_level=log_level, lifespan="off", access_log=False, timeout_graceful_shutdown=2
    )
    server = _Uvicorn(config)
    server.announce = announce
    return server


def url_of(sock: socket.socket) -> str:
    """The API base URL of a bound socket."""
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}{API_PREFIX}"


class FakeRememberizer:
    """A stateful local Rememberizer server for tests and demos.

    It implements spec/rememberizer_openapi.yml with real state: accounts, single-use action-bound
    captchas, an outbox of verification codes, HS256 access JWTs, rotating refresh tokens with
    reuse detection, and a clock you can move. Test controls live under `/_testing/` and as
    methods here.

    In process, hand `server.app` to `httpx2.ASGITransport`. On loopback, use it as a context
    manager: it serves with uvicorn in a background thread.

    ```python
    with FakeRememberizer(access_ttl=60) as server:
        client = Rememberizer(base_url=server.base_url, captcha=server.captcha)
    ```

    Args:
        access_ttl: lifetime of access tokens, in seconds.
        refresh_ttl: lifetime of refresh tokens, in seconds.
        refresh_reuse_grace: how long a rotated refresh token may still be used, in seconds;
            any later reuse revokes the whole session family.
        secure_cookies: mark the session cookies Secure.
        host: the loopback address to serve on.
        port: the port to serve on; 0 picks a free one.
    """

    def __init__(
        self,
        *,
        access_ttl: float = 300.0,
        refresh_ttl: float = 14 * 24 * 3600.0,
        refresh_reuse_grace: float = 0.0,
        secure_cookies: bool = False,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.state = State(
            Options(
                access_ttl=access_ttl,
                refresh_ttl=refresh_ttl,
                refresh_reuse_grace=refresh_reuse_grace,
                secure_cookies=secure_cookies,
            )
        )
        self.app = create_app(self.state)
        self._host, self._port = host, port
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._base_url: str | None = None

    def __repr__(self) -> str:
        where = self._base_url or "in process"
        return f"<FakeRememberizer {where}>"

    @property
    def base_url(self) -> str:
        """The API base URL, such as http://127.0.0.1:PORT/api/v1; only while serving."""
        if self._base_url is None:
            raise RuntimeError("the fake server is not serving: use `with FakeRememberizer():`")
        return self._base_url

    @property
    def root_url(self) -> str:
        """The server's root URL; the test controls are under root_url + '/_testing/'."""
        return self.base_url[: -len(API_PREFIX)]

    def start(self) -> FakeRememberizer:
        """Serve on a loopback port in a background thread; returns self once it accepts."""
        if self._server is not None:
            return self
        sock = bind(self._host, self._port)
        self._server = make_server(self.app, log_level="critical")
        self._thread = threading.Thread(
            target=self._server.run,
            kwargs={"sockets": [sock]},
            name="fake-rememberizer",
            daemon=True,
        )
        self._thread.start()
        ready = threading.Event()
        while not self._server.started and self._thread.is_alive():
            ready.wait(0.01)
        if not self._server.started:
            raise RuntimeError("the fake server did not start")
        self._base_url = url_of(sock)
        return self

    def stop(self) -> None:
        """Stop serving and wait for the thread to end."""
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=10)
        self._server = self._thread = None
        self._base_url = None

    def __enter__(self) -> FakeRememberizer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- the test controls, without HTTP --------------------------------------------------

    def captcha(self, action: str) -> str:
        """A fresh captcha token for `action` ("signup" or "signin"): single use, 120 s."""
        return self.state.issue_captcha(action)

    def outbox(self, email: str | None = None, kind: str | None = None) -> list[dict[str, Any]]:
        """The emails sent, oldest first, to `email` or to anyone, of `kind` or of any kind
        (signup sends "verify_email")."""
        return self.state.messages(email, kind)

    def verification_code(self, email: str) -> str:
        """The newest verification code sent to `email` (emails of other kinds are skipped)."""
        messages = self.outbox(email, VERIFY_EMAIL)
        if not messages:
            raise LookupError("no verification email was sent to that address")
        code: str = messages[-1]["verification_code"]
        return code

    def requests(self) -> list[dict[str, Any]]:
        """Every API request so far: method, path, status, bearer, api_key, cookies,
        content_type, fields, files, client_secret, and the names of its headers and query
        parameters (facts, never values; see docs/testing.md)."""
        return self.state.request_log()

    def clear_requests(self) -> None:
        """Empty the request log."""
        self.state.clear_requests()

    def advance_clock(self, seconds: float) -> None:
        """Move the server's clock forward; it drives tokens, captchas and codes."""
        self.state.advance(seconds)

    def inject_fault(self, path: str, **fault: Any) -> None:
        """Answer the next matching requests with a fault, as POST /_testing/faults does."""
        self.state.add_fault(parse_fault({"path": path, **fault}))

    def reset(self) -> None:
        """Forget everything: users, sessions, logs, faults and the clock."""
        self.state.reset()
