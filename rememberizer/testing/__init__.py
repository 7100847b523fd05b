"""A stateful local Rememberizer server for tests, demos and your own test suites.

Install it with ``pip install 'rememberizer[testing]'``. See `FakeRememberizer`, and the pytest
fixtures ``rememberizer_server`` (loopback) and ``rememberizer_app`` (in process).
"""

from __future__ import annotations

try:
    import jwt as _jwt  # noqa: F401
    import rank_bm25 as _rank_bm25  # type: ignore[import-untyped]  # noqa: F401
    import starlette as _starlette  # noqa: F401
    import uvicorn as _uvicorn  # noqa: F401
except ImportError as exc:  # pragma: no cover - exercised in a venv without the extra
    raise ImportError(
        "rememberizer.testing needs the testing extra: pip install 'rememberizer[testing]' "
        f"({exc.name} is missing)"
    ) from exc

from ._server import FakeRememberizer
from ._store_kit import AsyncStore, acheck_session_store, check_session_store

__all__ = ["AsyncStore", "FakeRememberizer", "acheck_session_store", "check_session_store"]
