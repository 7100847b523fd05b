"""The reliability suite: faults, races, bad input and secrets. Marked `reliability`."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from rememberizer import AsyncRememberizer
from rememberizer.testing import FakeRememberizer
from tests.facade.test_oauth import Kit as AppKit
from tests.stores._servers import RedisServer

from ._report import REPORT

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.reliability)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if REPORT.faults or REPORT.races or REPORT.inputs_fuzzed or REPORT.prism_ran:
        terminalreporter.write_line(REPORT.line())


@pytest.fixture(params=["sync", "async"])
async def app_kit(
    request: pytest.FixtureRequest, rememberizer_server: FakeRememberizer
) -> AsyncIterator[AppKit]:
    """A registered Rememberizer app of each kind, its clients closed after the test."""
    kit = AppKit(request.param, rememberizer_server)
    yield kit
    for client in kit.clients:
        if isinstance(client, AsyncRememberizer):
            await client.close()
        else:
            client.close()


def _server(kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    server = RedisServer(kind, tmp_path_factory.mktemp(kind)).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """A real Redis on a free loopback port, for one test module."""
    yield from _server("redis", tmp_path_factory)


@pytest.fixture(scope="module")
def valkey_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """A real Valkey on a free loopback port, for one test module."""
    yield from _server("valkey", tmp_path_factory)


@pytest.fixture
def key() -> str:
    """A session key no other test uses."""
    return f"rememberizer:session:test:{uuid.uuid4().hex}"
