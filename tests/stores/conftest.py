"""Fixtures: one real server of each kind per test session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ._servers import KINDS, RedisServer


@pytest.fixture(scope="session", params=KINDS)
def redis_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RedisServer]:
    """A real Redis, then a real Valkey, each on a free loopback port for the whole session."""
    server = RedisServer(request.param, tmp_path_factory.mktemp(request.param)).start()
    try:
        yield server
    finally:
        server.stop()
