"""pytest fixtures for testing code that uses Rememberizer, registered as a pytest11 plugin.

pytest loads this module in every project that installed `rememberizer`, so it imports nothing
from the `testing` extra until a fixture asks for the fake server.

- ``rememberizer_server``: a FakeRememberizer serving on a loopback port (``.base_url``),
  emptied before each test.
- ``rememberizer_app``: a fresh in-process FakeRememberizer; use ``.app`` with
  ``httpx2.ASGITransport``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from rememberizer.testing import FakeRememberizer

_MISSING_EXTRA = (
    "the rememberizer fixtures need the fake server's dependencies: "
    "pip install 'rememberizer[testing]'"
)


def _fake_server_class() -> type[FakeRememberizer]:
    try:
        from rememberizer.testing import FakeRememberizer
    except ImportError as exc:
        pytest.fail(f"{_MISSING_EXTRA} ({exc})", pytrace=False)
    return FakeRememberizer


@pytest.fixture(scope="session")
def _rememberizer_shared_server() -> Iterator[FakeRememberizer]:
    with _fake_server_class()() as server:
        yield server


@pytest.fixture
def rememberizer_server(_rememberizer_shared_server: FakeRememberizer) -> FakeRememberizer:
    """A `FakeRememberizer` started on a loopback port (``.base_url``), shared by the session's
    tests and emptied before each one."""
    _rememberizer_shared_server.reset()
    return _rememberizer_shared_server


@pytest.fixture
def rememberizer_app() -> FakeRememberizer:
    """A fresh `FakeRememberizer`, never started (no port): pass its ``.app``, an ASGI app, to
    ``httpx2.ASGITransport``; its methods (``captcha``, ``advance_clock``, ...) work as on
    ``rememberizer_server``."""
    return _fake_server_class()()
