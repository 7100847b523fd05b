"""The Python SDK for the Rememberizer API.

Rememberizer is a knowledge service: people sign up, connect their data and search it
semantically. This package signs users in and calls the API, sync or async:

>>> from rememberizer import Rememberizer           # doctest: +SKIP
>>> client = Rememberizer(captcha=my_captcha_provider)
>>> client.auth.signin(login="ada@example.com", password="…")
>>> client.account.get()

The generated client underneath is `rememberizer_api`; `client.raw` is an instance of it that
shares the facade's session. The fake server for tests is `rememberizer.testing`.
"""

from typing import TYPE_CHECKING, Any

from ._captcha import AsyncCaptchaProvider, CaptchaProvider
from ._client import DEFAULT_BASE_URL, DEFAULT_TIMEOUT, AsyncRememberizer, Rememberizer
from ._errors import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    CaptchaError,
    CaptchaRequiredError,
    InternalServerError,
    InvalidRequestError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RememberizerError,
    SessionExpiredError,
)
from ._session import (
    FileSessionStore,
    MemorySessionStore,
    Session,
    SessionEvent,
    SessionInfo,
    SessionStore,
)
from ._version import __version__

if TYPE_CHECKING:
    from rememberizer_api.models import Account as Account
    from rememberizer_api.models import Detail as Detail
    from rememberizer_api.models import Profile as Profile
    from rememberizer_api.models import TeamMembership as TeamMembership
    from rememberizer_api.models import User as User

    from ._redis import AsyncRedisSessionStore as AsyncRedisSessionStore
    from ._redis import RedisSessionStore as RedisSessionStore

# Imported on first use, so that `import rememberizer` never imports redis (an optional extra).
# They stay out of __all__ for the same reason: `from rememberizer import *` must not need it.
_LAZY = {"RedisSessionStore": "._redis", "AsyncRedisSessionStore": "._redis"}
# The generated models, re-exported: loaded on first use, not by `import rememberizer`.
_MODELS = {"Account", "Detail", "Profile", "TeamMembership", "User"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name], __name__), name)
    if name in _MODELS:
        from rememberizer_api import models

        value = getattr(models, name)
        globals()[name] = value  # once: later lookups skip __getattr__
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_TIMEOUT",
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "Account",
    "AsyncCaptchaProvider",
    "AsyncRememberizer",
    "AuthenticationError",
    "BadRequestError",
    "CaptchaError",
    "CaptchaProvider",
    "CaptchaRequiredError",
    "Detail",
    "FileSessionStore",
    "InternalServerError",
    "InvalidRequestError",
    "MemorySessionStore",
    "NotFoundError",
    "PermissionDeniedError",
    "Profile",
    "RateLimitError",
    "Rememberizer",
    "RememberizerError",
    "Session",
    "SessionEvent",
    "SessionExpiredError",
    "SessionInfo",
    "SessionStore",
    "TeamMembership",
    "User",
    "__version__",
]
