"""The loopback server of scripts/bench: uvicorn in a child process that counts connections.

    python scripts/_bench_server.py      # prints its port, then answers counts on stdin lines

Why a child process: a server in the bench's own process would share its GIL and event loop
with the clients, so its CPU would be charged to whichever client runs at the time.

Why a tiny ASGI app and not the fake server: the fake server verifies tokens, logs requests and
looks up users, which costs more than any client does per request and would hide the clients'
differences. This app answers `GET /api/v1/account/` with the account the facade parses, like
the real API, and nothing else. A request without the bench's credential (the Authorization
header the parent names) gets a 401 and is counted, so that no row can time a call that skipped
its credential (see _bench_clients.without_credentials).

Why counts over a pipe and not a control endpoint: a request to a control endpoint opens a
connection of its own, which would be counted. The parent writes a line to stdin; the child
replies with `{"accepted": ..., "open": ...}` on stdout.
"""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys
import threading
from collections.abc import Awaitable, Callable, Iterator, MutableMapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ACCOUNT_PATH = "/api/v1/account/"
ACCOUNT = {"id": 1, "email": "ada@example.com", "name": "Ada"}
BODY = json.dumps(ACCOUNT).encode()
# The connections accepted since the start, those open now (the settle check waits on it), and
# the requests that came without the credential.
COUNTS = {"accepted": 0, "open": 0, "unauthenticated": 0}
# The Authorization header every request must carry (the parent passes it in argv).
CREDENTIAL = {"authorization": b""}

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


async def app(scope: Scope, receive: Receive, send: Send) -> None:
    """The account for `GET /api/v1/account/` with the credential; 401 without; else 404."""
    found = scope["type"] == "http" and scope["path"] == ACCOUNT_PATH
    status = 200 if found else 404
    if found and (b"authorization", CREDENTIAL["authorization"]) not in scope["headers"]:
        COUNTS["unauthenticated"] += 1
        status = 401
    body = BODY if status == 200 else b"{}"
    headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def serve(authorization: str) -> None:
    """Run the server on a free loopback port; print the port; answer count requests."""
    import uvicorn

    CREDENTIAL["authorization"] = authorization.encode("latin-1")

    # backlog 4096: a 1000-connection burst must not meet a full accept queue (SYN drops
    # would add a second of retransmit to some connections and blame the client for it).
    config = uvicorn.Config(
        app, log_level="warning", access_log=False, lifespan="off", backlog=4096
    )
    config.load()  # picks httptools when installed, else h11; we count on top of either
    base: Any = config.http_protocol_class

    class Counting(base):  # type: ignore[misc]
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            COUNTS["accepted"] += 1
            COUNTS["open"] += 1
            super().connection_made(transport)

        def connection_lost(self, exc: Exception | None) -> None:
            COUNTS["open"] -= 1
            super().connection_lost(exc)

    config.http_protocol_class = Counting
    # IPPROTO_TCP spelled out: asyncio sets TCP_NODELAY on accepted sockets only when their
    # proto says TCP, and without it Nagle and delayed ACKs hold each response for 40 ms.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(4096)  # before the port is printed: the parent may connect at once
    protocol = "httptools" if "httptools" in base.__module__ else "h11"
    print(sock.getsockname()[1], protocol, flush=True)

    def answer() -> None:
        # Reading the ints from another thread is safe: the GIL makes each read atomic.
        for _ in sys.stdin:
            print(json.dumps(COUNTS), flush=True)
        server.should_exit = True  # stdin closed: the parent is done

    server = uvicorn.Server(config)
    threading.Thread(target=answer, daemon=True).start()
    server.run(sockets=[sock])


class BenchServer:
    """The child server as the parent sees it: its URL, and its connection counts."""

    def __init__(self, child: subprocess.Popen[str], port: int, protocol: str) -> None:
        self.child = child
        self.port = port
        self.protocol = protocol
        self.root_url = f"http://127.0.0.1:{port}"
        self.base_url = f"{self.root_url}/api/v1"

    def counts(self) -> dict[str, int]:
        """Connections accepted since the start, open now; requests without the credential."""
        assert self.child.stdin is not None
        assert self.child.stdout is not None
        self.child.stdin.write("\n")
        self.child.stdin.flush()
        return dict(json.loads(self.child.stdout.readline()))

    def accepted(self) -> int:
        """Connections accepted since the start."""
        return self.counts()["accepted"]

    def settle(self, timeout: float = 5.0) -> None:
        """Wait until the previous client's connections are closed, so that a burst does not
        meet the server still tearing down the last one's."""
        import time

        deadline = time.monotonic() + timeout
        while self.counts()["open"] and time.monotonic() < deadline:
            time.sleep(0.02)


@contextmanager
def bench_server() -> Iterator[BenchServer]:
    """Start the child server, yield it, stop it."""
    from _bench_clients import BEARER

    child = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), BEARER["Authorization"]],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        port, protocol = child.stdout.readline().split()
        yield BenchServer(child, int(port), protocol)
    finally:
        assert child.stdin is not None
        child.stdin.close()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


if __name__ == "__main__":
    serve(sys.argv[1])
