"""The generated operations the facade wraps, and how each one behaves.

scripts/regenerate reads WRAPPED_OPERATIONS to tell, after a spec change, which operations
people can only reach through `client.raw` so far. The generated modules are imported on first
use, so `import rememberizer` stays lean.
"""

from __future__ import annotations

import importlib
from functools import cache
from types import ModuleType

import attrs


@cache
def _module(name: str) -> ModuleType:
    return importlib.import_module(f"rememberizer_api.api.{name}")


@attrs.frozen
class Operation:
    """One generated operation: its module, its success status, and what it needs."""

    operation_id: str
    module_name: str
    method: str
    success: int
    captcha_action: str | None = None

    @property
    def module(self) -> ModuleType:
        """The generated module, with sync_detailed and asyncio_detailed."""
        return _module(self.module_name)

    @property
    def idempotent(self) -> bool:
        """Safe to send twice, so it may be retried after the server might have seen it."""
        return self.method == "GET"


SIGNUP = Operation("signup", "auth.signup", "POST", 201, captcha_action="signup")
SIGNIN = Operation("signin", "auth.signin", "POST", 204, captcha_action="signin")
VERIFY_EMAIL = Operation("verify_email", "auth.verify_email", "POST", 200)
REFRESH = Operation("refresh", "auth.refresh", "POST", 204)
LOGOUT = Operation("logout", "auth.logout", "POST", 204)
GET_ACCOUNT = Operation("get_account", "account.get_account", "GET", 200)
GET_ME = Operation("get_me", "account.get_me", "GET", 200)

WRAPPED_OPERATIONS: frozenset[str] = frozenset(
    op.operation_id for op in (SIGNUP, SIGNIN, VERIFY_EMAIL, REFRESH, LOGOUT, GET_ACCOUNT, GET_ME)
)
