"""The Python SDK for the Rememberizer API.

Rememberizer is a knowledge service: people sign up, connect their data and search it
semantically. This package signs users in and calls the API, sync or async:

```python
from rememberizer import Rememberizer
client = Rememberizer(captcha=my_captcha_provider)
client.auth.signin(login="ada@example.com", password="…")
client.account.get()
```

Every model a method takes or returns is importable from `rememberizer.types` (the everyday
ones from here too); a field the server left out reads `UNSET` (falsy, not None). The generated
client underneath is `rememberizer_api`; `client.raw` is an instance of it that shares the
facade's session. The fake server for tests is `rememberizer.testing`.
"""

from typing import TYPE_CHECKING, Any

from . import _errors
from ._async._client import AsyncRememberizer
from ._async._knowledge import AsyncDocumentPager
from ._async._oauth import AsyncOAuthApp
from ._async._vector_store import AsyncVectorStore
from ._captcha import AsyncCaptchaProvider, CaptchaProvider
from ._config import DEFAULT_BASE_URL, DEFAULT_TIMEOUT
from ._errors import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    CaptchaError,
    CaptchaProviderError,
    CaptchaRequiredError,
    InternalServerError,
    InvalidRequestError,
    NotFoundError,
    OAuthAccessDenied,
    OAuthError,
    OAuthStateError,
    OAuthTokenError,
    PermissionDeniedError,
    RateLimitError,
    RememberizerError,
    SessionConflictError,
    SessionExpiredError,
    SessionStoreError,
)
from ._options import CallOptions, RawResponse
from ._session import OAuthSession, Session, SessionEvent, SessionInfo
from ._stores import FileSessionStore, MemorySessionStore, SessionStore
from ._sync._client import Rememberizer
from ._sync._knowledge import DocumentPager
from ._sync._oauth import OAuthApp
from ._sync._vector_store import VectorStore
from ._upload import UploadError, UploadProgress, UploadResult
from ._version import __version__
from .types import UNSET, Unset

if TYPE_CHECKING:
    from rememberizer_api.models import Account as Account
    from rememberizer_api.models import Detail as Detail
    from rememberizer_api.models import DiscussionContents as DiscussionContents
    from rememberizer_api.models import Document as Document
    from rememberizer_api.models import DocumentContents as DocumentContents
    from rememberizer_api.models import DocumentPage as DocumentPage
    from rememberizer_api.models import IntegrationList as IntegrationList
    from rememberizer_api.models import MatchedChunk as MatchedChunk
    from rememberizer_api.models import Memento as Memento
    from rememberizer_api.models import Profile as Profile
    from rememberizer_api.models import SearchDocument as SearchDocument
    from rememberizer_api.models import SearchResult as SearchResult
    from rememberizer_api.models import SharedKnowledge as SharedKnowledge
    from rememberizer_api.models import TeamMembership as TeamMembership
    from rememberizer_api.models import User as User
    from rememberizer_api.models import VectorStoreDocument as VectorStoreDocument

    from ._redis import AsyncRedisSessionStore as AsyncRedisSessionStore
    from ._redis import RedisSessionStore as RedisSessionStore

# Imported on first use, so that `import rememberizer` never imports redis (an optional extra).
# They stay out of __all__ for the same reason: `from rememberizer import *` must not need it.
_LAZY = {"RedisSessionStore": "._redis", "AsyncRedisSessionStore": "._redis"}
# The generated models, re-exported: loaded on first use, not by `import rememberizer`.
_MODELS = {
    "Account",
    "Detail",
    "DiscussionContents",
    "Document",
    "DocumentContents",
    "DocumentPage",
    "IntegrationList",
    "MatchedChunk",
    "Memento",
    "Profile",
    "SearchDocument",
    "SearchResult",
    "SharedKnowledge",
    "TeamMembership",
    "User",
    "VectorStoreDocument",
}


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
    "UNSET",
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "Account",
    "AsyncCaptchaProvider",
    "AsyncDocumentPager",
    "AsyncOAuthApp",
    "AsyncRememberizer",
    "AsyncVectorStore",
    "AuthenticationError",
    "BadRequestError",
    "CallOptions",
    "CaptchaError",
    "CaptchaProvider",
    "CaptchaProviderError",
    "CaptchaRequiredError",
    "Detail",
    "DiscussionContents",
    "Document",
    "DocumentContents",
    "DocumentPage",
    "DocumentPager",
    "FileSessionStore",
    "IntegrationList",
    "InternalServerError",
    "InvalidRequestError",
    "MatchedChunk",
    "Memento",
    "MemorySessionStore",
    "NotFoundError",
    "OAuthAccessDenied",
    "OAuthApp",
    "OAuthError",
    "OAuthSession",
    "OAuthStateError",
    "OAuthTokenError",
    "PermissionDeniedError",
    "Profile",
    "RateLimitError",
    "RawResponse",
    "Rememberizer",
    "RememberizerError",
    "SearchDocument",
    "SearchResult",
    "Session",
    "SessionConflictError",
    "SessionEvent",
    "SessionExpiredError",
    "SessionInfo",
    "SessionStore",
    "SessionStoreError",
    "SharedKnowledge",
    "TeamMembership",
    "Unset",
    "UploadError",
    "UploadProgress",
    "UploadResult",
    "User",
    "VectorStore",
    "VectorStoreDocument",
    "__version__",
]

# Tracebacks and reprs name the errors as users import them (`rememberizer.AuthenticationError`),
# not by the private module that defines them.
for _error in (*(getattr(_errors, name) for name in _errors.__all__), UploadError):
    _error.__module__ = __name__
del _error
