"""Many users, one pool: per-user clients over one client, against one client per user.

A web back end acts for many users (docs/web-backends.md). Both ways make one client per user,
each with the user's session, and call the API once per user, one user after another as the
requests of different users arrive:

- shared: one Rememberizer, and `client.with_options(session=store)` for each user;
- separate: a Rememberizer of its own for each user, each with its own pool.

Memory is what tracemalloc counts as allocated by making the clients and their calls, with
every client still alive (what a back end that keeps one client per user holds). Each user's
tokens are strings of their own, as real users' are. Connections are those the loopback server
accepted (_bench_server.py counts them), and every request must carry the credential.
"""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import Callable
from typing import Any

from _bench_clients import FRESH
from _bench_server import BenchServer

from rememberizer import MemorySessionStore, Rememberizer, Session

SHARED = "one client, with_options(session=...) per user"
SEPARATE = "one Rememberizer per user"


def _store(base_url: str) -> MemorySessionStore:
    # A copy of the token, not the one string: each user holds tokens of their own.
    token = FRESH[:1] + FRESH[1:]
    return MemorySessionStore(Session(token, "refresh-" + token[-8:], origin=base_url))


def _shared(base_url: str, users: int) -> tuple[list[Rememberizer], Callable[[], None]]:
    client = Rememberizer(base_url=base_url)
    return [client.with_options(session=_store(base_url)) for _ in range(users)], client.close


def _separate(base_url: str, users: int) -> tuple[list[Rememberizer], Callable[[], None]]:
    clients = [Rememberizer(base_url=base_url, session=_store(base_url)) for _ in range(users)]

    def close() -> None:
        for client in clients:
            client.close()

    return clients, close


def _row(server: BenchServer, name: str, make: Any, users: int) -> dict[str, Any]:
    server.settle()
    accepted = server.accepted()
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    clients, close = make(server.base_url, users)
    for client in clients:
        client.account.get()
    gc.collect()
    held = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    opened = server.accepted() - accepted
    del clients
    close()
    return {
        "subject": name,
        "users": users,
        "memory MiB": round(held / 2**20, 2),
        "KiB per user": round(held / 1024 / users, 1),
        "connections opened": opened,
    }


def measure(server: BenchServer, users: int) -> dict[str, Any]:
    """Rows for `users` users both ways: memory held, and connections the server accepted."""
    for make in (_shared, _separate):  # warm: imports, caches and the TLS context, untraced
        clients, close = make(server.base_url, 1)
        clients[0].account.get()
        close()
    rows = [
        _row(server, name, make, users) for name, make in ((SHARED, _shared), (SEPARATE, _separate))
    ]
    return {
        "users": users,
        "server": f"uvicorn ({server.protocol}) in a child process",
        "rows": rows,
    }
