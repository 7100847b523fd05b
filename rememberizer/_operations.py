"""The generated operations the facade wraps, and their generated modules.

What each operation is (path, credentials, captcha, idempotency, success statuses) comes from
rememberizer_api.operations, which scripts/regenerate writes from the spec. scripts/regenerate
reads WRAPPED_OPERATIONS to tell, after a spec change, which operations people can only reach
through `client.raw` so far. The generated modules are imported on first use, so that
`import rememberizer` stays lean.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import Any, Protocol, cast

from rememberizer_api.operations import OperationInfo


class Endpoint(Protocol):
    """The part of a generated endpoint module the facade uses."""

    def _get_kwargs(self, **kwargs: Any) -> dict[str, Any]: ...


@cache
def endpoint(op: OperationInfo) -> Endpoint:
    """The generated module of `op` (rememberizer_api.api.<tag>.<operation_id>)."""
    return cast(Endpoint, importlib.import_module(f"rememberizer_api.api.{op.module}"))


WRAPPED_OPERATIONS: frozenset[str] = frozenset(
    {"signup", "signin", "verify_email", "refresh", "logout", "get_account", "get_me"}
)
