"""The generated endpoint module of each operation.

What each operation is (path, credentials, captcha, idempotency, success statuses) comes from
rememberizer_api.operations, which scripts/regenerate writes from the spec. Which operations
the facade wraps is read from its code (scripts/_spec_changes.facade_operations). The
generated modules are imported on first use, so that `import rememberizer` stays lean.
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
