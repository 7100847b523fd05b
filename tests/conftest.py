"""Shared test settings and the client harness.

Async tests run on asyncio through anyio's pytest plugin. The harness runs one test three
ways: the sync client over loopback, the async client in process and over loopback.
"""

from __future__ import annotations

import asyncio
import inspect
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest
from filelock import FileLock

# Every answer a fake server of this suite sends (in process or in a child process) is checked
# against the spec: one that departs from it is a 500 saying how, and fails the test below.
os.environ["REMEMBERIZER_FAKE_CHECK_RESPONSES"] = "1"

from rememberizer import AsyncRememberizer, Rememberizer, SessionInfo
from rememberizer.testing import FakeRememberizer
from rememberizer.testing._contract import DRIFT
from tests.reliability._report import REPORT

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse battery"
EMAIL = "ada@example.com"
KINDS = ["sync-loopback", "async-inprocess", "async-loopback"]


class Harness:
    """A fake server, a client of the kind under test, and helpers that hide the difference."""

    def __init__(self, kind: str, fake: FakeRememberizer) -> None:
        self.kind = kind
        self.fake = fake
        self.events: list[tuple[str, SessionInfo]] = []
        self.captcha_calls: list[str] = []
        self._clients: list[Rememberizer | AsyncRememberizer] = []
        self.client = self.new_client()

    @property
    def base_url(self) -> str:
        return "http://localhost/api/v1" if self.kind == "async-inprocess" else self.fake.base_url

    def captcha(self, action: str) -> str:
        self.captcha_calls.append(action)
        return self.fake.captcha(action)

    def new_client(self, **options: Any) -> Rememberizer | AsyncRememberizer:
        options.setdefault("captcha", self.captcha)
        options.setdefault("on_session_change", lambda e, s: self.events.append((e, s)))
        options.setdefault("base_url", self.base_url)
        client: Rememberizer | AsyncRememberizer
        if self.kind == "sync-loopback":
            client = Rememberizer(**options)
        elif self.kind == "async-loopback":
            client = AsyncRememberizer(**options)
        else:
            transport = httpx2.ASGITransport(app=self.fake.app)
            options.setdefault("http_client", httpx2.AsyncClient(transport=transport))
            client = AsyncRememberizer(**options)
        self._clients.append(client)
        return client

    async def __call__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Call a client method of either kind and return its result."""
        if inspect.iscoroutinefunction(fn):
            return await fn(*args, **kwargs)
        return await asyncio.to_thread(fn, *args, **kwargs)

    async def register(self, client: Rememberizer | AsyncRememberizer | None = None) -> None:
        """Sign up, verify and sign in as EMAIL."""
        client = client or self.client
        await self(client.auth.signup, email=EMAIL, password=PASSWORD, name="Ada")
        await self(client.auth.verify_email, self.fake.verification_code(EMAIL))
        await self(client.auth.signin, login=EMAIL, password=PASSWORD)

    def count(self, method: str, path: str) -> int:
        return sum(1 for r in self.fake.requests() if (r["method"], r["path"]) == (method, path))

    async def close(self) -> None:
        for client in self._clients:
            if isinstance(client, AsyncRememberizer):
                await client.close()
                await client._http.aclose()
            else:
                client.close()


async def _harness(request: pytest.FixtureRequest) -> AsyncIterator[Harness]:
    if request.param == "async-inprocess":
        fake: FakeRememberizer = request.getfixturevalue("rememberizer_app")
    else:
        fake = request.getfixturevalue("rememberizer_server")
    harness = Harness(request.param, fake)
    yield harness
    await harness.close()


@pytest.fixture(params=KINDS)
async def h(request: pytest.FixtureRequest) -> AsyncIterator[Harness]:
    """Each of the three kinds."""
    async for harness in _harness(request):
        yield harness


@pytest.fixture(params=["sync-loopback", "async-loopback"])
async def h_net(request: pytest.FixtureRequest) -> AsyncIterator[Harness]:
    """The kinds with a real socket, for faults only a network produces (refusals, timeouts)."""
    async for harness in _harness(request):
        yield harness


@pytest.fixture(params=["async-inprocess", "async-loopback"])
async def h_async(request: pytest.FixtureRequest) -> AsyncIterator[Harness]:
    """The async client, for what only it accepts (async captcha providers)."""
    async for harness in _harness(request):
        yield harness


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def refused_port() -> Iterator[int]:
    """A loopback port that refuses connections for the whole test.

    The socket stays bound and never listens, so the kernel refuses every connection to it and
    no other process can take the port meanwhile (a port bound, closed and named later could
    be anyone's by then).
    """
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        yield port


def once_per_run(
    tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]
) -> Path:
    """A folder that `make` fills once per pytest run, shared by every xdist worker.

    The first worker to ask builds it under a file lock; the others wait and reuse it.
    """
    root = tmp_path_factory.getbasetemp()
    if "PYTEST_XDIST_WORKER" in os.environ:
        root = root.parent  # the run's folder, above each worker's own
    folder = root / name
    with FileLock(root / f"{name}.lock"):
        if not (folder / ".done").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            (folder / ".done").touch()
    return folder


def _run(*command: str | Path, cwd: Path, timeout: float = 600) -> None:
    result = subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, timeout=timeout, cwd=cwd
    )
    assert result.returncode == 0, result.stdout + result.stderr


def pip_install(python: Path, *arguments: str | Path) -> None:
    """`pip install` into the environment of `python`, with this run's pip."""
    pip: list[str | Path] = [sys.executable, "-m", "pip", "--python", python]
    _run(*pip, "--disable-pip-version-check", "-q", "install", *arguments, cwd=python.parent)


def fresh_venv(python: str, venv: Path, *requirements: str | Path) -> Path:
    """A new venv of the interpreter `python` with `requirements`; returns its interpreter.

    The venv gets no pip of its own (ensurepip takes seconds a venv): this run's pip installs
    into it with --python, as it does into any environment.
    """
    _run(python, "-m", "venv", "--without-pip", venv, cwd=venv.parent, timeout=120)
    interpreter = venv / "bin" / "python"
    pip_install(interpreter, *requirements)
    return interpreter


def _build(out: Path) -> None:
    _run(sys.executable, "-m", "build", "--outdir", out, ROOT, cwd=out)
    _run(sys.executable, "-m", "twine", "check", "--strict", *sorted(out.iterdir()), cwd=out)


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel built from it, checked by twine: built once per run."""
    return once_per_run(tmp_path_factory, "dist", _build)


# -- the reliability summary line, whole under pytest-xdist -----------------------------------
# Here, not in tests/reliability/conftest.py: xdist's controller collects nothing, so it loads
# only this conftest, and each worker's tests fill a REPORT of the worker's own.


def pytest_sessionfinish(session: pytest.Session) -> None:
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # an xdist worker: hand its part to the controller
        workeroutput["reliability"] = REPORT.as_json()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    """xdist's controller: a worker finished; add its part of the reliability report."""
    REPORT.merge(getattr(node, "workeroutput", {}).get("reliability", {}))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if REPORT.faults or REPORT.races or REPORT.inputs_fuzzed or REPORT.prism_ran:
        terminalreporter.write_line(REPORT.line())


@pytest.fixture(autouse=True)
def _answers_follow_the_spec() -> Iterator[None]:
    """Fail the test when a fake server in this process answered what the spec does not say."""
    DRIFT.clear()
    yield
    drift, DRIFT[:] = list(DRIFT), []
    assert not drift, "the fake server's answers depart from the spec:\n" + "\n".join(drift)
